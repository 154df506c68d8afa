/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Key confinement under attack: each case plays one attack on the secure
// tree of smkd-secure-tree.h and checks that the attacker ends with no key
// it is not authorised for, and that the members are still served.

#include "smkd-secure-tree.h"

#include "ns3/boolean.h"
#include "ns3/cbt-routing-protocol.h"
#include "ns3/enum.h"
#include "ns3/igmp-message.h"
#include "ns3/igmp-secure-report.h"
#include "ns3/smkd-byte-codec.h"
#include "ns3/smkd-confinement-audit.h"
#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-impostor.h"
#include "ns3/smkd-key-delivery.h"
#include "ns3/smkd-management-message.h"
#include "ns3/smkd-replayer.h"
#include "ns3/smkd-secure-receiver.h"
#include "ns3/smkd-secure-sender.h"
#include "ns3/smkd-sender-key.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP = SecureTree::GROUP;

/// The interface of router \p r on the /24 of \p address.
uint32_t
InterfaceTowards(CbtTestNetwork& net, uint32_t r, Ipv4Address address)
{
    return static_cast<uint32_t>(
        net.Router(r)->GetObject<Ipv4>()->GetInterfaceForPrefix(address,
                                                                Ipv4Mask("255.255.255.0")));
}

/**
 * A host on b1's LAN copies b1's host token from its secure-join report and,
 * 35 s later (past the DR's window for copies), signs a JOIN_REQUEST of its
 * own to the DR, which is a GKDC. Without role checks the DR verified the
 * impostor's signature against its host key, answered as GKDC and sealed the
 * keys "for the next hop": the impostor held the group key.
 */
class ImpostorTestCase : public TestCase
{
  public:
    ImpostorTestCase()
        : TestCase("a host posing as a router with a copied token is refused, and gets no keys")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Ptr<SmkdImpostor> impostor = CreateObject<SmkdImpostor>();
        impostor->SetAttribute("Group", Ipv4AddressValue(GROUP));
        impostor->SetCoreMap(t.net.Helper().GetCoreMap());
        t.net.Host(t.rogue)->AddApplication(impostor);
        impostor->SetStartTime(Seconds(0.5));
        std::vector<std::string> refusals;
        t.Gkdc(t.dr2)->TraceConnectWithoutContext(
            "JoinRefused",
            Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                [&](Ipv4Address, Ipv4Address, const std::string& why) {
                    refusals.push_back(why);
                }));
        Simulator::Stop(Seconds(45));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(impostor->GetForgedJoins(), 1u, "the attack was made");
        NS_TEST_EXPECT_MSG_EQ(t.Gkdc(t.dr2)->IsGkdc(GROUP), true, "the DR is a GKDC");
        NS_TEST_EXPECT_MSG_EQ(impostor->GetLootCount(), 0u, "the impostor holds no key");
        NS_TEST_EXPECT_MSG_EQ(impostor->GetAnswers(), 0u, "and got no answer");
        NS_TEST_EXPECT_MSG_EQ(refusals.size(), 1u, "one refusal at the DR");
        NS_TEST_EXPECT_MSG_EQ((refusals.empty() ? std::string() : refusals[0]),
                              "join from a node not certified as a router",
                              "refused for its role");
        NS_TEST_EXPECT_MSG_NE(t.Agent(t.members[2])->GetActiveKeys(GROUP), nullptr, "b1 is keyed");
    }
};

/**
 * A forged copy of a host token (same issuer and random number, a bad
 * signature) reaches the DR just before the real report. The DR used to
 * remember the join before checking the signature, so the real token then
 * counted as a copy and the host was never answered.
 */
class ForgedCopyFirstTestCase : public TestCase
{
  public:
    ForgedCopyFirstTestCase()
        : TestCase("a forged copy of a token, arriving first, does not use up the real one")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Ptr<SmkdCryptoSuite> suite = t.smkd.GetDirectory()->GetSuite();
        const uint32_t h = t.sender; // listed, and not joined by the fixture
        SmkdToken token;
        token.issuer = t.net.HostAddress(h);
        token.group = GROUP;
        token.timestamp = 5000000000ULL;
        token.random = 4242;
        token.signature =
            suite->Sign(*suite->SigningKey(t.net.Host(h)->GetId()), token.SignedBytes());
        const Bytes real = token.Serialize();
        SmkdToken forged = token;
        forged.signature[3] ^= 0x01;
        const Bytes copy = forged.Serialize();
        Ptr<IgmpHost> igmp = IgmpHelper::GetHost(t.net.Host(h));
        igmp->SetSecureJoinTokenSource(
            IgmpHost::TokenSource([real](Ipv4Address, uint32_t) { return real; }));
        std::vector<Ipv4Address> answered;
        t.Gkdc(t.dr2)->TraceConnectWithoutContext(
            "JoinAnswered",
            Callback<void, Ipv4Address, Ipv4Address>(
                [&](Ipv4Address, Ipv4Address host) { answered.push_back(host); }));
        const uint32_t lan = InterfaceTowards(t.net, t.dr2, token.issuer);
        Simulator::Schedule(Seconds(4.9),
                            &SmkdGkdc::HostJoin,
                            t.Gkdc(t.dr2),
                            token.issuer,
                            GROUP,
                            lan,
                            copy);
        Simulator::Schedule(Seconds(5), &IgmpHost::Join, igmp, t.net.ListenerOf(h), 1, GROUP);
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(t.Gkdc(t.dr2)->GetRefusedJoins(), 1u, "the forged copy is refused");
        NS_TEST_EXPECT_MSG_EQ(std::count(answered.begin(), answered.end(), token.issuer),
                              1,
                              "the real token is answered, once");
    }
};

/**
 * With the Lkh strategy DRs report each keyed member to the primary core,
 * which puts it in the key tree and seals it path keys. A host that signs
 * such a report itself must not make the primary do that work: only
 * routers report members.
 */
class HostMemberReportTestCase : public TestCase
{
  public:
    /// \param replay false: a host signs the report; true: a DR's report is sent twice
    explicit HostMemberReportTestCase(bool replay)
        : TestCase(replay ? "a DR's member report sent twice adds the member once"
                          : "a member report signed by a host is dropped by the primary core"),
          m_replay(replay)
    {
    }

  private:
    bool m_replay;

    void DoRun() override
    {
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy", StringValue("Lkh"));
        SecureTree t;
        Ptr<Node> rogue = m_replay ? t.net.Router(t.dr2) : t.net.Host(t.rogue);
        Ptr<SmkdCryptoEngine> engine = rogue->GetObject<SmkdCryptoEngine>();
        Ptr<Socket> socket = Socket::CreateSocket(rogue, UdpSocketFactory::GetTypeId());
        socket->Bind();
        // [group, host, time]^SK_rogue naming a listed host that never joined.
        auto send = [&]() {
            smkd::ByteWriter w;
            w.Address(GROUP);
            w.Address(t.net.HostAddress(t.sender));
            w.U64(static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()));
            SmkdSignedBlob blob{m_replay ? t.net.RouterAddress(t.dr2) : t.net.HostAddress(t.rogue),
                                w.Bytes(),
                                {}};
            engine->Sign(blob.SignedBytes(), Callback<void, Bytes>([&, blob](Bytes sig) mutable {
                             blob.signature = std::move(sig);
                             SmkdManagementMessage m;
                             m.type = SmkdManagementMessage::Type::MEMBER_JOINED;
                             m.group = GROUP;
                             m.body = blob.Serialize();
                             const Bytes bytes = m.Serialize();
                             const InetSocketAddress to(t.net.RouterAddress(t.core),
                                                        SmkdManagementMessage::PORT);
                             socket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, to);
                             if (m_replay)
                             {
                                 // The very same bytes again, half a second later.
                                 Simulator::Schedule(Seconds(0.5), [&, bytes, to]() {
                                     socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                                                    0,
                                                    to);
                                 });
                             }
                         }));
        };
        Simulator::Schedule(Seconds(6), send);
        Simulator::Stop(Seconds(7));
        Simulator::Run();
        Ptr<const SmkdKeyTree> tree = t.Gkdc(t.core)->GetKeyTree(GROUP);
        NS_TEST_EXPECT_MSG_NE(tree, nullptr, "the primary keeps a key tree");
        NS_TEST_EXPECT_MSG_EQ((tree ? tree->GetMemberCount() : 0),
                              m_replay ? 4u : 3u,
                              "a1, a2, b1, and the DR's report of 'sender' once");
        NS_TEST_EXPECT_MSG_EQ((tree && tree->HasMember(t.net.HostAddress(t.sender))),
                              m_replay,
                              "only a router's report adds a member");
        NS_TEST_EXPECT_MSG_EQ(t.Gkdc(t.core)->GetDroppedKeyMessages(), 1u, "counted as dropped");
    }
};

/**
 * a2 is excluded at 8 s; a host on b1's LAN records every key-layer message
 * it hears there (the revocation, key deliveries, re-keys) and sends each
 * again 17 s later, after the next periodic re-key at 23 s. A revocation
 * carried no epoch: its copy made every GKDC drop its keys again (and, with
 * NewGroup, every member join again), each time it was replayed.
 */
class ReplayTestCase : public TestCase
{
  public:
    explicit ReplayTestCase(SmkdExclusionStrategy strategy)
        : TestCase(std::string(SmkdExclusionStrategyName(strategy)) +
                   ": replayed revocations and deliveries change nothing"),
          m_strategy(strategy)
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy",
                           EnumValue(static_cast<int>(m_strategy)));
        SecureTree t;
        Ptr<SmkdReplayer> replayer = CreateObject<SmkdReplayer>();
        replayer->SetAttribute("Group", Ipv4AddressValue(GROUP));
        replayer->SetAttribute("ReplayDelay", TimeValue(Seconds(17)));
        t.net.Host(t.rogue)->AddApplication(replayer);
        replayer->SetStartTime(Seconds(0.5));
        const Time quiet = Seconds(20); // from here on, only replays happen
        uint32_t lost = 0;
        for (uint32_t r = 0; r < t.net.NumRouters(); ++r)
        {
            t.Gkdc(r)->TraceConnectWithoutContext("GkdcRoleLost",
                                                  Callback<void, Ipv4Address>([&](Ipv4Address) {
                                                      lost += Simulator::Now() > quiet;
                                                  }));
        }
        uint32_t rejoins = 0;
        for (uint32_t m : t.members)
        {
            t.Agent(m)->TraceConnectWithoutContext("JoinStarted",
                                                   Callback<void, Ipv4Address>([&](Ipv4Address) {
                                                       rejoins += Simulator::Now() > quiet;
                                                   }));
        }
        Simulator::Schedule(Seconds(8), [&]() {
            t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(t.members[1]));
        });
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_GT(replayer->GetReplayed(), 0u, "the attack was made");
        NS_TEST_EXPECT_MSG_EQ(lost, 0u, "no GKDC dropped its keys for a replay");
        NS_TEST_EXPECT_MSG_EQ(rejoins, 0u, "no member was made to join again");
        const SmkdGroupKeys* primary = t.Gkdc(t.core)->GetGroupKeys(GROUP);
        NS_TEST_ASSERT_MSG_NE(primary, nullptr, "the primary holds keys");
        for (uint32_t m : {t.members[0], t.members[2]})
        {
            const SmkdKeyBundle* held = t.Agent(m)->GetKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ((held ? held->sa.epoch : 0),
                                  primary->bundle.sa.epoch,
                                  "member " << m << " holds the newest keys");
        }
        NS_TEST_EXPECT_MSG_EQ(t.Agent(t.members[1])->GetKeysBySpi(GROUP, primary->bundle.sa.spi),
                              nullptr,
                              "the excluded member does not");
    }

    SmkdExclusionStrategy m_strategy;
};

/**
 * a1 sends group data under its own sender key (RFC 1949 §8) from 6 s; a2
 * is excluded at 8 s. Sender keys were never renewed: a2 kept reading all
 * of a1's data after its exclusion, under every strategy. a1 now announces
 * a new key under the new group key, so a2 reads none of what a1 sends
 * once the new key is in force, and b1 reads all of it.
 */
class SenderKeyExclusionTestCase : public TestCase
{
  public:
    explicit SenderKeyExclusionTestCase(SmkdExclusionStrategy strategy)
        : TestCase(std::string(SmkdExclusionStrategyName(strategy)) +
                   ": a member's sender key is renewed; the excluded member reads nothing after"),
          m_strategy(strategy)
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy",
                           EnumValue(static_cast<int>(m_strategy)));
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t a2 = t.members[1];
        const uint32_t b1 = t.members[2];
        Ptr<SmkdSecureSender> sender = t.AddSender(a1, Seconds(6), 40, true, MilliSeconds(250));
        std::map<uint32_t, Ptr<SmkdSecureReceiver>> rx;
        std::map<uint32_t, uint64_t> before;
        for (uint32_t m : {a2, b1})
        {
            rx[m] = t.AddReceiver(m, Seconds(5));
        }
        const Time after = Seconds(9); // the exclusion's keys are everywhere by then
        Simulator::Schedule(Seconds(8),
                            [&]() { t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(a2)); });
        Simulator::Schedule(after, [&]() {
            for (uint32_t m : {a2, b1})
            {
                before[m] = rx[m]->GetDelivered();
            }
        });
        Simulator::Stop(Seconds(18));
        Simulator::Run();
        // 40 packets from 6 s every 250 ms: 12 before 9 s, 28 from 9 s on.
        NS_TEST_EXPECT_MSG_GT(before[a2], 0u, "a2 read a1's data while a member");
        NS_TEST_EXPECT_MSG_EQ(rx[a2]->GetDelivered() - before[a2], 0u, "a2 reads none after");
        NS_TEST_EXPECT_MSG_EQ(rx[b1]->GetDelivered() - before[b1], 28u, "b1 reads all after");
    }

    SmkdExclusionStrategy m_strategy;
};

/**
 * A member that keeps the core-signed bundle it was once delivered and, when
 * a host on its LAN reports a fresh join, answers first: it seals that old
 * bundle for the joiner itself (a public-key seal needs no secret) and sends
 * it as a key delivery naming the joiner's fresh token.
 */
class DeliveryForger : public SmkdAdversary
{
  public:
    Bytes signedBundle; //!< [bundle]^SK_core, kept from an earlier delivery
    Ipv4Address victim; //!< whose join it answers
    uint32_t forged{0};

  protected:
    void Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice>) override
    {
        IgmpMessage m;
        if (ip.GetSource() != victim || signedBundle.empty() ||
            !IgmpMessage::Parse(payload, false, m).Ok())
        {
            return;
        }
        const auto* report = m.As<IgmpV3ReportHeader>();
        for (const IgmpGroupRecord& r :
             report ? report->GetRecords() : std::vector<IgmpGroupRecord>{})
        {
            Bytes token;
            if (r.GetGroup() == m_group && smkd::DecodeSecureJoin(r.GetAuxData(), token))
            {
                Forge(token);
                return;
            }
        }
    }

  private:
    void Forge(const Bytes& token)
    {
        Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
        const Ipv4Address to = victim;
        const Ipv4Address self = OwnAddress();
        const Ipv4Address group = m_group;
        Ptr<Node> node = GetNode();
        ++forged;
        engine->Seal(to, signedBundle, Callback<void, Bytes>([=](Bytes sealed) {
                         SmkdKeyDelivery d;
                         d.type = SmkdKeyDelivery::Type::KEYS;
                         d.group = group;
                         d.hostToken = token;
                         d.sealed = sealed;
                         d.signer = self;
                         engine->Sign(d.SignedBytes(),
                                      Callback<void, Bytes>([=](Bytes sig) mutable {
                                          d.signature = sig;
                                          const Bytes bytes = d.Serialize();
                                          Ptr<Socket> s =
                                              Socket::CreateSocket(node,
                                                                   UdpSocketFactory::GetTypeId());
                                          s->Bind();
                                          s->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                                                    0,
                                                    InetSocketAddress(to, SmkdKeyDelivery::PORT));
                                          s->Close();
                                      }));
                     }));
    }
};

/**
 * a2 keeps the first bundle's core-signed copy; it is excluded at 8 s. a1
 * leaves at 10 s and joins again at 12 s with a fresh token, which a2 hears
 * and answers first with the old bundle sealed for a1. Deliveries were not
 * signed: a1 took a2's as the answer to its join and installed keys a2
 * holds. Now only a certified router's delivery counts.
 */
class FormerMemberDeliveryTestCase : public TestCase
{
  public:
    FormerMemberDeliveryTestCase()
        : TestCase("a former member answering a fresh join with old keys is ignored")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t a2 = t.members[1];
        Ptr<DeliveryForger> forger = CreateObject<DeliveryForger>();
        forger->SetAttribute("Group", Ipv4AddressValue(GROUP));
        forger->victim = t.net.HostAddress(a1);
        t.net.Host(a2)->AddApplication(forger);
        forger->SetStartTime(Seconds(9));
        Simulator::Schedule(Seconds(6), [&]() {
            forger->signedBundle = t.Gkdc(t.core)->GetGroupKeys(GROUP)->coreBundle.Serialize();
        });
        Simulator::Schedule(Seconds(8),
                            [&]() { t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(a2)); });
        Simulator::Schedule(Seconds(10), [&]() {
            t.Agent(a1)->Leave(t.net.ListenerOf(a1), 1, GROUP);
            // Any datagram to a1 first: with a1's MAC address in its ARP cache,
            // a2's answer is not held back by address resolution.
            Ptr<Socket> s = Socket::CreateSocket(t.net.Host(a2), UdpSocketFactory::GetTypeId());
            s->SendTo(Create<Packet>(8), 0, InetSocketAddress(t.net.HostAddress(a1), 9));
            s->Close();
        });
        Simulator::Schedule(Seconds(12),
                            [&]() { t.Agent(a1)->Join(t.net.ListenerOf(a1), 1, GROUP); });
        Simulator::Stop(Seconds(14));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_GT(forger->forged, 0u, "the attack was made");
        const SmkdGroupKeys* primary = t.Gkdc(t.core)->GetGroupKeys(GROUP);
        const SmkdKeyBundle* held = t.Agent(a1)->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((held ? held->sa.epoch : 0),
                              (primary ? primary->bundle.sa.epoch : 1),
                              "a1 holds the keys after the exclusion");
        NS_TEST_EXPECT_MSG_GT(t.Agent(a1)->GetDroppedKeyMessages(), 0u, "a2's delivery dropped");
    }
};

/**
 * a2 and b1 are excluded at the same instant. Each exclusion started from
 * the list and epoch in force when it was asked for, and wrote them back
 * when its signatures were done: the second wrote back a list that still
 * admitted a2, with a bundle of the same epoch as the first. Exclusions now
 * follow one another.
 */
class BackToBackExclusionTestCase : public TestCase
{
  public:
    explicit BackToBackExclusionTestCase(SmkdExclusionStrategy strategy)
        : TestCase(std::string(SmkdExclusionStrategyName(strategy)) +
                   ": two exclusions at once both hold"),
          m_strategy(strategy)
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy",
                           EnumValue(static_cast<int>(m_strategy)));
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t a2 = t.members[1];
        const uint32_t b1 = t.members[2];
        Simulator::Schedule(Seconds(8), [&]() {
            t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(a2));
            t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(b1));
        });
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        const SmkdGroupKeys* primary = t.Gkdc(t.core)->GetGroupKeys(GROUP);
        NS_TEST_ASSERT_MSG_NE(primary, nullptr, "the primary holds keys");
        NS_TEST_EXPECT_MSG_EQ(primary->acl.Permits(t.net.HostAddress(a2)), false, "a2 is off");
        NS_TEST_EXPECT_MSG_EQ(primary->acl.Permits(t.net.HostAddress(b1)), false, "b1 is off");
        NS_TEST_EXPECT_MSG_EQ(primary->bundle.sa.epoch, 3u, "two new epochs");
        const SmkdKeyBundle* held = t.Agent(a1)->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((held ? held->sa.epoch : 0), 3u, "a1 holds the newest keys");
        // b1 was still a member when a2's exclusion made epoch 2.
        const SmkdKeyBundle* k2 = t.Agent(a2)->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_LT((k2 ? k2->sa.epoch : 0), 2u, "a2 holds no key made after it left");
        const SmkdKeyBundle* kb = t.Agent(b1)->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_LT((kb ? kb->sa.epoch : 0), 3u, "b1 holds no key made after it left");
    }

    SmkdExclusionStrategy m_strategy;
};

/**
 * The periodic re-key leaves at 16 s (epoch 2, in force from 21 s); a2 is
 * excluded at 17 s (epoch 3, in force at once). Members chose the key in
 * force by its activation time: from 21 s they went back to epoch 2, which
 * a2 holds, and dropped epoch 3 five seconds later. The newest epoch in force
 * now wins, and keys overtaken before they took effect are dropped.
 */
class ExclusionDuringRekeyTestCase : public TestCase
{
  public:
    ExclusionDuringRekeyTestCase()
        : TestCase("an exclusion during a re-key's lead time: the re-key's keys are never used")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t a2 = t.members[1];
        const uint32_t b1 = t.members[2];
        Ptr<SmkdSecureSender> sender = t.AddSender(a1, Seconds(22), 10, false);
        std::map<uint32_t, Ptr<SmkdSecureReceiver>> rx;
        for (uint32_t m : {a2, b1})
        {
            rx[m] = t.AddReceiver(m, Seconds(5));
        }
        Simulator::Schedule(Seconds(17),
                            [&]() { t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(a2)); });
        Simulator::Stop(Seconds(26));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 2u, "the re-key, then the exclusion");
        NS_TEST_EXPECT_MSG_LT(t.sent[0].first, Seconds(17), "the re-key came first");
        const SmkdKeyBundle* active = t.Agent(a1)->GetActiveKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((active ? active->sa.epoch : 0), 3u, "a1 uses the exclusion's keys");
        NS_TEST_EXPECT_MSG_EQ(rx[b1]->GetDelivered(), 10u, "b1 reads a1's data");
        NS_TEST_EXPECT_MSG_EQ(rx[a2]->GetDelivered(), 0u, "a2 reads none of it");
    }
};

/**
 * a2, a member, announces a properly signed sender key of its own that takes
 * the group key's SPI. Receivers used to file it under that SPI, so every
 * packet any member sent under the group key was then looked up as a2's and
 * refused as coming from the wrong origin.
 */
class SenderKeySpiTakeoverTestCase : public TestCase
{
  public:
    SenderKeySpiTakeoverTestCase()
        : TestCase("a sender key that takes the group key's SPI is refused")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t a2 = t.members[1];
        const uint32_t b1 = t.members[2];
        Ptr<Node> attacker = t.net.Host(a2);
        Ptr<SmkdCryptoEngine> engine = attacker->GetObject<SmkdCryptoEngine>();
        Ptr<Socket> socket = Socket::CreateSocket(attacker, UdpSocketFactory::GetTypeId());
        Simulator::Schedule(Seconds(6), [&]() {
            const SmkdKeyBundle* keys = t.Agent(a2)->GetActiveKeys(GROUP);
            SmkdSenderKey sk;
            sk.group = GROUP;
            sk.sender = t.net.HostAddress(a2);
            sk.key = Bytes(32, 0x5a);
            sk.sa = keys->sa; // the group key's SPI and epoch
            SmkdSignedBlob blob{sk.sender, sk.Serialize(), {}};
            SmkdGroupKeyMessage m;
            m.type = SmkdGroupKeyMessage::Type::SENDER_KEY;
            m.group = GROUP;
            m.keySpi = keys->sa.spi;
            const Bytes groupKey = keys->groupKey;
            engine->Sign(blob.SignedBytes(), Callback<void, Bytes>([=](Bytes sig) mutable {
                             blob.signature = sig;
                             engine->AeadEncrypt(
                                 groupKey,
                                 m.AssociatedData(),
                                 blob.Serialize(),
                                 Callback<void, Bytes>([=](Bytes body) mutable {
                                     m.body = body;
                                     const Bytes w = m.Serialize();
                                     socket->SendTo(
                                         Create<Packet>(w.data(), w.size()),
                                         0,
                                         InetSocketAddress(GROUP, SmkdGroupKeyMessage::PORT));
                                 }));
                         }));
        });
        Ptr<SmkdSecureSender> sender = t.AddSender(a1, Seconds(8), 10, false);
        Ptr<SmkdSecureReceiver> rx = t.AddReceiver(b1, Seconds(5));
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_GT(t.Agent(b1)->GetDroppedKeyMessages(), 0u, "a2's key dropped");
        NS_TEST_EXPECT_MSG_EQ(rx->GetDelivered(), 10u, "b1 reads a1's data");
        NS_TEST_EXPECT_MSG_EQ(rx->GetRejected("wrong-origin"), 0u, "none taken for a2's");
    }
};

/**
 * a2 sends under its own sender key from 6 s and is excluded at 8 s. It
 * cannot announce a key under the new group key, but receivers kept its old
 * one for ever and read everything it went on sending. Its key now goes
 * with the group key of its epoch: refused once OldKeyGrace (10 s) after
 * the new keys took effect has passed.
 */
class ExcludedSenderKeyTestCase : public TestCase
{
  public:
    ExcludedSenderKeyTestCase()
        : TestCase("an excluded member's sender key is dropped with the keys it lost")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a2 = t.members[1];
        const uint32_t b1 = t.members[2];
        Ptr<SmkdSecureSender> sender =
            t.AddSender(a2, Seconds(6), 19, true, Seconds(1)); // 6 s .. 24 s
        Ptr<SmkdSecureReceiver> rx = t.AddReceiver(b1, Seconds(5));
        Simulator::Schedule(Seconds(8),
                            [&]() { t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(a2)); });
        uint64_t byGrace = 0;
        Simulator::Schedule(Seconds(18.5), [&]() { byGrace = rx->GetDelivered(); });
        Simulator::Stop(Seconds(25));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_GT(byGrace, 0u, "read while its key was in its grace");
        NS_TEST_EXPECT_MSG_EQ(rx->GetDelivered(), byGrace, "nothing read after 18 s");
    }
};

/**
 * §7 strict mode: only the core holds keys, and every member was answered by
 * it through routers that hold none. SubtreeGkdc sealed the new keys for the
 * core's child routers (handing keys to routers strict mode keeps them from)
 * and reached no member; CoreUnicast sealed only for the hosts a list of
 * single hosts names. Both now seal for the members the core answered.
 */
class StrictExclusionTestCase : public TestCase
{
  public:
    /**
     * \param strategy the exclusion strategy
     * \param listMode INCLUSION: every member is named; EXCLUSION: an open
     * list that names nobody the exclusion must reach
     */
    StrictExclusionTestCase(SmkdExclusionStrategy strategy, SmkdAccessList::Mode listMode)
        : TestCase(
              std::string(SmkdExclusionStrategyName(strategy)) + " in strict mode, " +
              (listMode == SmkdAccessList::Mode::INCLUSION ? "members listed" : "an open list") +
              ": the exclusion reaches every member, no router gets keys"),
          m_strategy(strategy),
          m_listMode(listMode)
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy",
                           EnumValue(static_cast<int>(m_strategy)));
        Config::SetDefault("ns3::SmkdGkdc::StrictCoreOnly", BooleanValue(true));
        SecureTree t(SecureTreeTiming(), m_listMode);
        uint32_t routerKeys = 0;
        for (uint32_t r = 0; r < t.net.NumRouters(); ++r)
        {
            if (r != t.core)
            {
                t.Gkdc(r)->TraceConnectWithoutContext(
                    "GkdcRoleGained",
                    Callback<void, Ipv4Address>([&](Ipv4Address) { ++routerKeys; }));
                t.Gkdc(r)->TraceConnectWithoutContext(
                    "KeysUpdated",
                    Callback<void, Ipv4Address, uint32_t>(
                        [&](Ipv4Address, uint32_t) { ++routerKeys; }));
            }
        }
        Simulator::Schedule(Seconds(8), [&]() {
            t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(t.members[1]));
        });
        Simulator::Stop(Seconds(9));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(routerKeys, 0u, "no router but the core ever held keys");
        for (uint32_t m : {t.members[0], t.members[2]})
        {
            const SmkdKeyBundle* held = t.Agent(m)->GetKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ((held ? held->sa.epoch : 0),
                                  2u,
                                  "member " << m << " holds the new keys within 1 s");
        }
        const SmkdKeyBundle* a2 = t.Agent(t.members[1])->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((a2 ? a2->sa.epoch : 0), 1u, "a2 does not");
    }

    SmkdExclusionStrategy m_strategy;
    SmkdAccessList::Mode m_listMode;
};

/**
 * Two senders on a1 send to the group under its group key, one after the
 * other starts. Each kept its own protector and numbered its packets from 1:
 * the same (key, SPI, sequence number), so the same AES-GCM nonce, for two
 * different packets, and b1's replay window refused the second sender's.
 */
class TwoSendersOneHostTestCase : public TestCase
{
  public:
    TwoSendersOneHostTestCase()
        : TestCase("two senders on one host never use a nonce twice under a key")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t b1 = t.members[2];
        std::set<std::pair<uint32_t, uint64_t>> nonces;
        uint32_t sent = 0;
        for (uint32_t k = 0; k < 2; ++k)
        {
            Ptr<SmkdSecureSender> sender =
                t.AddSender(a1, Seconds(8) + MilliSeconds(50 * k), 5, false);
            sender->TraceConnectWithoutContext("Tx",
                                               Callback<void, uint32_t, uint64_t, uint32_t>(
                                                   [&](uint32_t spi, uint64_t seq, uint32_t) {
                                                       nonces.emplace(spi, seq);
                                                       ++sent;
                                                   }));
        }
        Ptr<SmkdSecureReceiver> rx = t.AddReceiver(b1, Seconds(5));
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(sent, 10u, "both sent 5");
        NS_TEST_EXPECT_MSG_EQ(nonces.size(), 10u, "ten different (SPI, sequence) nonces");
        NS_TEST_EXPECT_MSG_EQ(rx->GetDelivered(), 10u, "b1 reads all ten");
    }
};

/**
 * The leak figure on the secure tree: every holder of the current key is
 * counted, with its authorisation. dr2 is declared compromised: in RFC 1949
 * mode it is a GKDC, so it holds the group key (one leak) and exposes every
 * member holding it; in §7 strict mode it never holds a key (no leak, no
 * exposure). After a2's exclusion a2 holds only old keys.
 */
class AuditTestCase : public TestCase
{
  public:
    explicit AuditTestCase(bool strict)
        : TestCase(std::string("the leak figure counts holders by authorisation") +
                   (strict ? ", strict mode" : "")),
          m_strict(strict)
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::SmkdGkdc::StrictCoreOnly", BooleanValue(m_strict));
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy", StringValue("CoreUnicast"));
        SecureTree t;
        NodeContainer all(t.net.Routers(), t.net.Hosts());
        Ptr<SmkdConfinementAudit> audit = CreateObject<SmkdConfinementAudit>();
        audit->Setup(all, GROUP, t.net.Router(t.core));
        audit->AddCompromised(t.net.Router(t.dr2));
        audit->Start();
        SmkdConfinementEpoch before;
        Simulator::Schedule(Seconds(6), [&]() { before = audit->AuditNow(); });
        Simulator::Schedule(Seconds(8), [&]() {
            t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(t.members[1]));
        });
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        audit->Finish();
        std::string why;
        NS_TEST_EXPECT_MSG_EQ(audit->IsMeasured(why), true, "real Ed25519/X25519 keys: " << why);
        // Core + a1, a2, b1; in RFC 1949 mode also the GKDCs r1, r2, dr1, dr2.
        NS_TEST_EXPECT_MSG_EQ(before.epoch, 1u, "the first keys");
        NS_TEST_EXPECT_MSG_EQ(before.holders, m_strict ? 4u : 8u, "holders");
        NS_TEST_EXPECT_MSG_EQ(before.unauthorized, m_strict ? 0u : 1u, "the compromised DR");
        NS_TEST_EXPECT_MSG_EQ(before.exposedMembers, m_strict ? 0u : 3u, "a1, a2, b1 exposed");
        const std::vector<SmkdConfinementEpoch>& epochs = audit->GetEpochs();
        NS_TEST_ASSERT_MSG_EQ(epochs.size(), 2u, "the exclusion's epoch, 1 s on, and the end");
        NS_TEST_EXPECT_MSG_EQ(epochs[0].epoch, 2u, "the exclusion's keys");
        NS_TEST_EXPECT_MSG_EQ(epochs[0].at, Seconds(9), "audited AuditDelay after they left");
        // CoreUnicast: GKDCs dropped their keys; a1 and b1 hold the new ones, a2 not.
        NS_TEST_EXPECT_MSG_EQ(epochs[0].holders, 3u, "core, a1, b1");
        NS_TEST_EXPECT_MSG_EQ(epochs[0].unauthorized, 0u, "no leak");
        NS_TEST_EXPECT_MSG_EQ(audit->GetUnauthorizedHolders(), 0u, "none over the audits");
    }

    bool m_strict;
};

/**
 * A host sends a GKDC a subtree re-key it made itself: the core-signed
 * bundle and list in force, sealed for that router (a seal needs only its
 * public key). The router used to open it, spending a decryption on every
 * such message, before finding nothing newer in it. A subtree re-key is now
 * signed by the GKDC that sends it, and one from a host is dropped unopened.
 */
class ForgedSubtreeRekeyTestCase : public TestCase
{
  public:
    ForgedSubtreeRekeyTestCase()
        : TestCase("a subtree re-key from a host is dropped before it is opened")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Ptr<Node> rogue = t.net.Host(t.rogue);
        Ptr<SmkdCryptoEngine> engine = rogue->GetObject<SmkdCryptoEngine>();
        Ptr<Socket> socket = Socket::CreateSocket(rogue, UdpSocketFactory::GetTypeId());
        uint64_t opensBefore = 0;
        uint64_t droppedBefore = 0;
        Simulator::Schedule(Seconds(6), [&]() {
            const SmkdGroupKeys* keys = t.Gkdc(t.core)->GetGroupKeys(GROUP);
            const Bytes acl = keys->coreAcl.Serialize();
            const uint32_t spi = keys->bundle.sa.spi;
            opensBefore =
                t.net.Router(t.dr2)->GetObject<SmkdCryptoEngine>()->GetCount(SmkdCryptoOp::OPEN);
            droppedBefore = t.Gkdc(t.dr2)->GetDroppedKeyMessages();
            engine->Seal(t.net.RouterAddress(t.dr2),
                         keys->coreBundle.Serialize(),
                         Callback<void, Bytes>([&, acl, spi](Bytes sealed) {
                             smkd::ByteWriter w;
                             w.Blob(sealed);
                             w.Blob(acl);
                             w.Address(t.net.HostAddress(t.rogue));
                             w.Blob(Bytes(64, 0x11));
                             SmkdGroupKeyMessage m;
                             m.type = SmkdGroupKeyMessage::Type::SUBTREE_REKEY;
                             m.group = GROUP;
                             m.keySpi = spi;
                             m.body = w.Bytes();
                             const Bytes bytes = m.Serialize();
                             socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                                            0,
                                            InetSocketAddress(t.net.RouterAddress(t.dr2),
                                                              SmkdGroupKeyMessage::PORT));
                         }));
        });
        Simulator::Stop(Seconds(7));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(t.Gkdc(t.dr2)->GetDroppedKeyMessages() - droppedBefore,
                              1u,
                              "dropped");
        NS_TEST_EXPECT_MSG_EQ(
            t.net.Router(t.dr2)->GetObject<SmkdCryptoEngine>()->GetCount(SmkdCryptoOp::OPEN),
            opensBefore,
            "without opening it");
    }
};

/**
 * A listed non-member sender gets its key from the primary core (RFC 1949
 * §8) and sends from 5 s; a2 is excluded at 8 s. The key was issued once:
 * a2 kept reading everything the sender sent after its exclusion. The
 * primary now issues the sender a new key under each newer group key, and
 * members drop the old one with its epoch.
 */
class NonMemberSenderKeyTestCase : public TestCase
{
  public:
    NonMemberSenderKeyTestCase()
        : TestCase("a non-member sender's key is renewed; the excluded member reads nothing after")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a2 = t.members[1];
        const uint32_t b1 = t.members[2];
        t.AddSender(t.sender, Seconds(5), 60, true, MilliSeconds(250)); // 5 s .. 20 s
        std::map<uint32_t, Ptr<SmkdSecureReceiver>> rx;
        std::map<uint32_t, uint64_t> before;
        for (uint32_t m : {a2, b1})
        {
            rx[m] = t.AddReceiver(m, Seconds(4));
        }
        Simulator::Schedule(Seconds(8),
                            [&]() { t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(a2)); });
        Simulator::Schedule(Seconds(9), [&]() {
            for (uint32_t m : {a2, b1})
            {
                before[m] = rx[m]->GetDelivered();
            }
        });
        Simulator::Stop(Seconds(21));
        Simulator::Run();
        // 60 packets from 5 s every 250 ms: 16 before 9 s, 44 from 9 s on.
        NS_TEST_EXPECT_MSG_GT(before[a2], 0u, "a2 read the sender while a member");
        NS_TEST_EXPECT_MSG_EQ(rx[a2]->GetDelivered() - before[a2], 0u, "a2 reads none after");
        NS_TEST_EXPECT_MSG_EQ(rx[b1]->GetDelivered() - before[b1], 44u, "b1 reads all after");
    }
};

/**
 * CoreUnicast: a2 is excluded at 8 s (epoch 2), the listed non-member
 * "sender" at 9 s (epoch 3); each time the primary seals the new keys for
 * b1. A replayer on b1's LAN sends b1's epoch-2 delivery again at 23 s,
 * after epoch 2's grace ended (19 s). The copy is signed by a router and
 * names b1's membership, so only its epoch tells it is old: members used to
 * put its keys back in their ring, and data under them opened again.
 */
class ReplayedOldDeliveryTestCase : public TestCase
{
  public:
    ReplayedOldDeliveryTestCase()
        : TestCase("a replayed delivery of keys older than those held puts nothing back")
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy", StringValue("CoreUnicast"));
        SecureTree t;
        const uint32_t b1 = t.members[2];
        Ptr<SmkdReplayer> replayer = CreateObject<SmkdReplayer>();
        replayer->SetAttribute("Group", Ipv4AddressValue(GROUP));
        replayer->SetAttribute("ReplayDelay", TimeValue(Seconds(15)));
        t.net.Host(t.rogue)->AddApplication(replayer);
        replayer->SetStartTime(Seconds(7.5));
        Simulator::Schedule(Seconds(8), [&]() {
            t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(t.members[1]));
        });
        Simulator::Schedule(Seconds(9),
                            [&]() { t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(t.sender)); });
        uint64_t droppedBefore = 0;
        Simulator::Schedule(Seconds(22),
                            [&]() { droppedBefore = t.Agent(b1)->GetDroppedKeyMessages(); });
        Simulator::Stop(Seconds(23.5));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 2u, "two exclusions, no periodic re-key yet");
        NS_TEST_EXPECT_MSG_GT(replayer->GetReplayed(), 0u, "the attack was made");
        const SmkdKeyBundle* held = t.Agent(b1)->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((held ? held->sa.epoch : 0), 3u, "b1 holds epoch 3");
        NS_TEST_EXPECT_MSG_EQ(t.Agent(b1)->GetKeysBySpi(GROUP, t.sent[0].second),
                              nullptr,
                              "epoch 2 is not back in b1's ring");
        NS_TEST_EXPECT_MSG_GT(t.Agent(b1)->GetDroppedKeyMessages(),
                              droppedBefore,
                              "the copy was dropped");
    }
};

/**
 * Before the HELLO election on a LAN has settled no router there is DR, and
 * a router keeps the secure-join reports it hears for the token window
 * rather than drop them. A host flooding distinct reports then could grow
 * that queue without bound, and a report repeated (IGMP retransmissions)
 * could take a place per copy. At most 1024 wait; a copy waits once; what
 * is over is refused and counted.
 */
class WaitingForDrBoundTestCase : public TestCase
{
  public:
    WaitingForDrBoundTestCase()
        : TestCase("reports waiting for the DR election are bounded, and a copy waits once")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const Ipv4Address host = t.net.HostAddress(t.rogue);
        const uint32_t lan = InterfaceTowards(t.net, t.dr2, host);
        bool drYet = true;
        uint64_t refused = 0;
        Simulator::Schedule(MicroSeconds(1), [&]() {
            Ptr<SmkdGkdc> gkdc = t.Gkdc(t.dr2);
            drYet = t.net.Router(t.dr2)->GetObject<CbtRoutingProtocol>()->IsDesignatedRouter(lan);
            const uint64_t before = gkdc->GetRefusedJoins();
            // 1100 distinct reports, then 50 copies of the first one.
            for (uint32_t i = 0; i < 1150; ++i)
            {
                const uint32_t n = i < 1100 ? i : 0;
                const Bytes token{uint8_t(n >> 8), uint8_t(n), 0x5a};
                gkdc->HostJoin(host, GROUP, lan, token);
            }
            refused = gkdc->GetRefusedJoins() - before;
        });
        Simulator::Stop(MilliSeconds(1));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(drYet, false, "no DR on the LAN yet: the reports wait");
        NS_TEST_EXPECT_MSG_EQ(refused, 1100u - 1024u, "76 over the bound; copies take no place");
    }
};

class SmkdConfinementTestSuite : public TestSuite
{
  public:
    SmkdConfinementTestSuite()
        : TestSuite("smkd-confinement", SYSTEM)
    {
        AddTestCase(new ImpostorTestCase(), TestCase::QUICK);
        AddTestCase(new WaitingForDrBoundTestCase(), TestCase::QUICK);
        AddTestCase(new ForgedCopyFirstTestCase(), TestCase::QUICK);
        AddTestCase(new HostMemberReportTestCase(false), TestCase::QUICK);
        AddTestCase(new HostMemberReportTestCase(true), TestCase::QUICK);
        AddTestCase(new FormerMemberDeliveryTestCase(), TestCase::QUICK);
        AddTestCase(new ExclusionDuringRekeyTestCase(), TestCase::QUICK);
        AddTestCase(new SenderKeySpiTakeoverTestCase(), TestCase::QUICK);
        AddTestCase(new ExcludedSenderKeyTestCase(), TestCase::QUICK);
        AddTestCase(new TwoSendersOneHostTestCase(), TestCase::QUICK);
        AddTestCase(new ForgedSubtreeRekeyTestCase(), TestCase::QUICK);
        AddTestCase(new NonMemberSenderKeyTestCase(), TestCase::QUICK);
        AddTestCase(new ReplayedOldDeliveryTestCase(), TestCase::QUICK);
        AddTestCase(new AuditTestCase(false), TestCase::QUICK);
        AddTestCase(new AuditTestCase(true), TestCase::QUICK);
        for (auto mode : {SmkdAccessList::Mode::INCLUSION, SmkdAccessList::Mode::EXCLUSION})
        {
            AddTestCase(new StrictExclusionTestCase(SmkdExclusionStrategy::SUBTREE_GKDC, mode),
                        TestCase::QUICK);
            AddTestCase(new StrictExclusionTestCase(SmkdExclusionStrategy::CORE_UNICAST, mode),
                        TestCase::QUICK);
            AddTestCase(new StrictExclusionTestCase(SmkdExclusionStrategy::NEW_GROUP, mode),
                        TestCase::QUICK);
        }
        for (auto strategy : {SmkdExclusionStrategy::NEW_GROUP,
                              SmkdExclusionStrategy::CORE_UNICAST,
                              SmkdExclusionStrategy::SUBTREE_GKDC,
                              SmkdExclusionStrategy::LKH})
        {
            AddTestCase(new ReplayTestCase(strategy), TestCase::QUICK);
            AddTestCase(new SenderKeyExclusionTestCase(strategy), TestCase::QUICK);
            AddTestCase(new BackToBackExclusionTestCase(strategy), TestCase::QUICK);
        }
    }
};

SmkdConfinementTestSuite g_smkdConfinementTestSuite;

} // namespace
