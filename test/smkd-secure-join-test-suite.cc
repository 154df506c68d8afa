/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The RFC 1949 §6.2 secure join with real cryptography (Ed25519, X25519):
// keys reach authorized hosts hop by hop, routers become GKDCs, and the
// operation counts per join follow from the protocol; unauthorized hosts and
// forged tokens get nothing; §7 strict mode keeps key distribution at the core.

#include "cbt-test-network.h"
#include "smkd-secure-tree.h"

#include "ns3/igmp-secure-report.h"
#include "ns3/smkd-helper.h"
#include "ns3/smkd-key-delivery.h"
#include "ns3/test.h"

#include <random>

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP("232.19.49.9");

/// Crypto operations started on all nodes.
struct Ops
{
    uint64_t sign{0};
    uint64_t verify{0};
    uint64_t seal{0};
    uint64_t open{0};

    Ops operator-(const Ops& o) const
    {
        return {sign - o.sign, verify - o.verify, seal - o.seal, open - o.open};
    }
};

/**
 * core - r1 - r2 - dr, hosts h1, h2 (authorized) and h3 (not) on dr's LAN,
 * the group initiator on the core's LAN.
 */
struct SecureChain
{
    CbtTestNetwork net;
    uint32_t core{0};
    uint32_t r1{0};
    uint32_t r2{0};
    uint32_t dr{0};
    std::vector<uint32_t> hosts;
    uint32_t initiator{0};
    SmkdHelper smkd;

    /**
     * \param strict §7 strict mode
     * \param trustedWithoutR2 give the group a trusted-router list that leaves r2 out
     */
    explicit SecureChain(bool strict, bool trustedWithoutR2 = false)
    {
        net.EnableIgmp();
        core = net.AddRouter();
        r1 = net.AddRouter();
        r2 = net.AddRouter();
        dr = net.AddRouter();
        net.Link(core, r1);
        net.Link(r1, r2);
        net.Link(r2, dr);
        hosts = net.Lan({dr}, 3);
        initiator = net.Lan({core}, 1)[0];
        net.Finish(GROUP, core);
        net.ListenOnHosts(9500);
        Ptr<SmkdGroupInitiator> app =
            SecureGroup(net, smkd, GROUP, core, initiator, {hosts[0], hosts[1]});
        for (uint32_t r = 0; r < net.NumRouters(); ++r)
        {
            net.Router(r)->GetObject<SmkdGkdc>()->SetAttribute("StrictCoreOnly",
                                                               BooleanValue(strict));
        }
        if (trustedWithoutR2)
        {
            SmkdAccessList trusted(GROUP,
                                   SmkdAccessList::Kind::TRUSTED_ROUTERS,
                                   SmkdAccessList::Mode::EXCLUSION,
                                   net.HostAddress(initiator));
            Ptr<Ipv4> ipv4 = net.Router(r2)->GetObject<Ipv4>();
            for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
            {
                trusted.Add(ipv4->GetAddress(i, 0).GetLocal());
            }
            app->SetTrustedRouters(trusted);
        }
    }

    Ptr<SmkdHostAgent> Agent(uint32_t h) const
    {
        return net.Host(h)->GetObject<SmkdHostAgent>();
    }

    Ptr<SmkdGkdc> Gkdc(uint32_t r) const
    {
        return net.Router(r)->GetObject<SmkdGkdc>();
    }

    void Join(Time at, uint32_t h)
    {
        Simulator::Schedule(at, &SmkdHostAgent::Join, Agent(h), net.ListenerOf(h), 1, GROUP);
    }

    Ops Count() const
    {
        Ops o;
        NodeContainer all(net.Routers(), net.Hosts());
        for (auto it = all.Begin(); it != all.End(); ++it)
        {
            Ptr<SmkdCryptoEngine> e = (*it)->GetObject<SmkdCryptoEngine>();
            o.sign += e->GetCount(SmkdCryptoOp::SIGN);
            o.verify += e->GetCount(SmkdCryptoOp::VERIFY);
            o.seal += e->GetCount(SmkdCryptoOp::SEAL);
            o.open += e->GetCount(SmkdCryptoOp::OPEN);
        }
        return o;
    }
};

/**
 * Operation counts, derived from §6.2 for a join whose DR is off-tree with k
 * further off-tree routers before the first GKDC (here the core; k = 2):
 *  signatures: host token 1, DR's join 1, k re-signed joins, GKDC's ack 1,
 *    k re-signed acks, the DR's delivery to the host 1           = 2k + 4
 *  verifications: DR checks the host token 1; each of k routers the join k;
 *    the GKDC the join and the host token 2; each of k routers the ack, the
 *    core's key signature and the ACL signature 3k; the DR the same 3; the
 *    host the DR's delivery and the core's key signature 2       = 4k + 8
 *  sealings: the GKDC for the host and for its next hop 2, each of k routers
 *    for its next hop k (the DR passes the host's copy on)       = k + 2
 *  openings: each of k routers k, the DR 1, the host 1           = k + 2
 * A second host under the DR, now a GKDC: its token and the DR's delivery
 * signed 2; the token verified by the DR 1, the delivery and the core's
 * signature by the host 2; one sealing; one opening.
 */
class SecureJoinTestCase : public TestCase
{
  public:
    SecureJoinTestCase()
        : TestCase("secure join: keys hop by hop, GKDCs down the tree, 2k+4, 4k+8, k+2 and k+2 "
                   "operations")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(false);
        Ops before;
        Ops afterFirst;
        Ops afterSecond;
        Ops afterThird;
        Simulator::Schedule(Seconds(4.9), [&]() { before = s.Count(); });
        s.Join(Seconds(5), s.hosts[0]);
        Simulator::Schedule(Seconds(9.9), [&]() { afterFirst = s.Count(); });
        s.Join(Seconds(10), s.hosts[1]);
        Simulator::Schedule(Seconds(14.9), [&]() { afterSecond = s.Count(); });
        s.Join(Seconds(15), s.hosts[2]);
        Simulator::Schedule(Seconds(19.9), [&]() { afterThird = s.Count(); });
        std::vector<std::pair<uint32_t, Time>> installed;
        std::vector<std::string> refused;
        for (uint32_t k = 0; k < 3; ++k)
        {
            const uint32_t h = s.hosts[k];
            s.Agent(h)->TraceConnectWithoutContext(
                "KeysInstalled",
                Callback<void, Ipv4Address, Time>(
                    [&installed, h](Ipv4Address, Time t) { installed.emplace_back(h, t); }));
            s.Agent(h)->TraceConnectWithoutContext(
                "JoinRefused",
                Callback<void, Ipv4Address, const std::string&>(
                    [&refused](Ipv4Address, const std::string& why) { refused.push_back(why); }));
        }
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        const SmkdGroupKeys* coreKeys = s.Gkdc(s.core)->GetGroupKeys(GROUP);
        NS_TEST_ASSERT_MSG_NE(coreKeys, nullptr, "the core set the group up");
        NS_TEST_ASSERT_MSG_EQ(installed.size(), 2u, "h1 and h2 hold keys");
        for (uint32_t k = 0; k < 2; ++k)
        {
            const SmkdKeyBundle* keys = s.Agent(s.hosts[k])->GetKeys(GROUP);
            NS_TEST_ASSERT_MSG_NE(keys, nullptr, "host " << k << " keys");
            NS_TEST_EXPECT_MSG_EQ((keys->groupKey == coreKeys->bundle.groupKey),
                                  true,
                                  "the core's grpKey");
            NS_TEST_EXPECT_MSG_EQ((keys->kek == coreKeys->bundle.kek), true, "the core's KEK");
            NS_TEST_EXPECT_MSG_EQ(keys->sa.spi, coreKeys->bundle.sa.spi, "the core's SPI");
        }
        for (uint32_t r : {s.r1, s.r2, s.dr})
        {
            NS_TEST_EXPECT_MSG_EQ(s.Gkdc(r)->IsGkdc(GROUP),
                                  true,
                                  "router " << r << " became a GKDC");
        }
        const Ops first = afterFirst - before;
        NS_TEST_EXPECT_MSG_EQ(first.sign, 2u * 2 + 4, "first join: 2k+4 signatures");
        NS_TEST_EXPECT_MSG_EQ(first.verify, 4u * 2 + 8, "first join: 4k+8 verifications");
        NS_TEST_EXPECT_MSG_EQ(first.seal, 2u + 2, "first join: k+2 sealings");
        NS_TEST_EXPECT_MSG_EQ(first.open, 2u + 2, "first join: k+2 openings");
        const Ops second = afterSecond - afterFirst;
        NS_TEST_EXPECT_MSG_EQ(second.sign, 2u, "second join: 2 signatures");
        NS_TEST_EXPECT_MSG_EQ(second.verify, 3u, "second join: 3 verifications");
        NS_TEST_EXPECT_MSG_EQ(second.seal, 1u, "second join: 1 sealing");
        NS_TEST_EXPECT_MSG_EQ(second.open, 1u, "second join: 1 opening");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.core)->GetAnsweredJoins(), 1u, "the core answered one join");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.dr)->GetAnsweredJoins(), 1u, "the DR answered the second");

        // h3 is not on the list: refused, and no key was sealed for it.
        NS_TEST_ASSERT_MSG_EQ(refused.size(), 1u, "h3 refused");
        NS_TEST_EXPECT_MSG_EQ(refused[0], "host not in the group's access list", "with the reason");
        NS_TEST_EXPECT_MSG_EQ(s.Agent(s.hosts[2])->GetKeys(GROUP), nullptr, "h3 holds no key");
        NS_TEST_EXPECT_MSG_EQ((afterThird - afterSecond).seal, 0u, "nothing sealed for h3");
        // The tree: the DR serves its LAN.
        const CbtForwardingEntry* entry = s.net.Cbt(s.dr)->GetForwardingCache().Find(GROUP);
        NS_TEST_ASSERT_MSG_NE(entry, nullptr, "the DR is on-tree");
        NS_TEST_EXPECT_MSG_EQ(entry->children.at(s.net.LanInterface(s.dr, s.hosts[0])).hasMembers,
                              true,
                              "its member LAN is a child");
        Simulator::Destroy();
    }
};

/**
 * An unauthorized host whose DR is off-tree: the refusal comes back from the
 * core as a join-nack through every router; nobody keeps state or keys, and
 * no bundle is ever sealed.
 */
class NackPathTestCase : public TestCase
{
  public:
    NackPathTestCase()
        : TestCase("an unauthorized host is refused by the core; the nack leaves no state")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(false);
        std::string reason;
        s.Agent(s.hosts[2])
            ->TraceConnectWithoutContext(
                "JoinRefused",
                Callback<void, Ipv4Address, const std::string&>(
                    [&](Ipv4Address, const std::string& why) { reason = why; }));
        Ops before;
        Simulator::Schedule(Seconds(4.9), [&]() { before = s.Count(); });
        s.Join(Seconds(5), s.hosts[2]);
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(reason,
                              "host not in the group's access list",
                              "refused with the reason");
        NS_TEST_EXPECT_MSG_EQ((s.Count() - before).seal, 0u, "no bundle sealed");
        for (uint32_t r : {s.r1, s.r2, s.dr})
        {
            NS_TEST_EXPECT_MSG_EQ(s.Gkdc(r)->IsGkdc(GROUP), false, "router " << r << ": no keys");
            NS_TEST_EXPECT_MSG_EQ(s.net.Cbt(r)->GetForwardingCache().Find(GROUP),
                                  nullptr,
                                  "no tree state");
        }
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.core)->GetRefusedJoins(), 1u, "refusal counted at the core");
        Simulator::Destroy();
    }
};

/**
 * A join reported before the HELLO election has made the LAN's router its DR
 * (HOLDTIME, 3 s, after start) is kept and answered once the election settles,
 * not dropped: the host's IGMP report at 1.5 s and its retransmission both
 * arrive while no router is DR yet.
 */
class JoinBeforeDrElectionTestCase : public TestCase
{
  public:
    JoinBeforeDrElectionTestCase()
        : TestCase("a secure join heard before the DR election settles is answered after it")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(false);
        bool drAtJoin = true;
        Simulator::Schedule(Seconds(1.5), [&]() {
            drAtJoin = s.net.Cbt(s.dr)->IsDesignatedRouter(s.net.LanInterface(s.dr, s.hosts[0]));
        });
        std::vector<Time> installed;
        s.Agent(s.hosts[0])
            ->TraceConnectWithoutContext("KeysInstalled",
                                         Callback<void, Ipv4Address, Time>([&](Ipv4Address, Time) {
                                             installed.push_back(Simulator::Now());
                                         }));
        s.Join(Seconds(1.5), s.hosts[0]);
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(drAtJoin, false, "no DR yet when the host joined");
        NS_TEST_ASSERT_MSG_EQ(installed.size(), 1u, "the host got its keys");
        if (installed.size() == 1)
        {
            NS_TEST_EXPECT_MSG_LT(installed[0], Seconds(5), "soon after the election");
        }
        Simulator::Destroy();
    }
};

/**
 * §7 strict mode: every secure join goes to the core and only the core holds
 * keys. Per join: signatures 2k+4 as before; verifications: DR 1, k joins, core
 * 2, k acks, DR's ack 1, host 2 = 2k+6; one sealing and one opening (the host's).
 */
class StrictModeTestCase : public TestCase
{
  public:
    StrictModeTestCase()
        : TestCase("strict mode: the core answers every join, routers never hold keys")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(true);
        Ops before;
        Ops afterFirst;
        Ops afterSecond;
        Simulator::Schedule(Seconds(4.9), [&]() { before = s.Count(); });
        s.Join(Seconds(5), s.hosts[0]);
        Simulator::Schedule(Seconds(9.9), [&]() { afterFirst = s.Count(); });
        s.Join(Seconds(10), s.hosts[1]);
        Simulator::Schedule(Seconds(14.9), [&]() { afterSecond = s.Count(); });
        Simulator::Stop(Seconds(15));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_NE(s.Agent(s.hosts[0])->GetKeys(GROUP), nullptr, "h1 has keys");
        NS_TEST_EXPECT_MSG_NE(s.Agent(s.hosts[1])->GetKeys(GROUP), nullptr, "h2 has keys");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.core)->GetAnsweredJoins(), 2u, "the core answered both");
        for (uint32_t r : {s.r1, s.r2, s.dr})
        {
            NS_TEST_EXPECT_MSG_EQ(s.Gkdc(r)->IsGkdc(GROUP),
                                  false,
                                  "router " << r << " holds no keys");
        }
        for (const Ops& o : {afterFirst - before, afterSecond - afterFirst})
        {
            NS_TEST_EXPECT_MSG_EQ(o.sign, 2u * 2 + 4, "2k+4 signatures");
            NS_TEST_EXPECT_MSG_EQ(o.verify, 2u * 2 + 6, "2k+6 verifications");
            NS_TEST_EXPECT_MSG_EQ(o.seal, 1u, "one sealing");
            NS_TEST_EXPECT_MSG_EQ(o.open, 1u, "one opening");
        }
        Simulator::Destroy();
    }
};

/**
 * A report whose host token carries a broken signature is refused at the DR,
 * the first node able to check it: counted, answered, and no join leaves the DR.
 */
class ForgedTokenTestCase : public TestCase
{
  public:
    ForgedTokenTestCase()
        : TestCase("a forged host token is refused at the DR and sends no join")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(false);
        Ptr<SmkdCryptoSuite> suite = s.smkd.GetDirectory()->GetSuite();
        const uint32_t h = s.hosts[0];
        SmkdToken token;
        token.issuer = s.net.HostAddress(h);
        token.group = GROUP;
        token.timestamp = 5000000000ULL;
        token.random = 77;
        // Signed with another identity's key: the DR checks it against h's.
        token.signature =
            suite->Sign(*suite->SigningKey(s.net.Router(s.dr)->GetId()), token.SignedBytes());
        const Bytes bytes = token.Serialize();
        Ptr<IgmpHost> igmp = IgmpHelper::GetHost(s.net.Host(h));
        igmp->SetSecureJoinTokenSource(
            IgmpHost::TokenSource([bytes](Ipv4Address, uint32_t) { return bytes; }));
        std::string why;
        s.Gkdc(s.dr)->TraceConnectWithoutContext(
            "JoinRefused",
            Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                [&](Ipv4Address, Ipv4Address, const std::string& w) { why = w; }));
        Simulator::Schedule(Seconds(5), &IgmpHost::Join, igmp, s.net.ListenerOf(h), 1, GROUP);
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(why, "host token does not verify", "refused at the DR");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.dr)->GetRefusedJoins(),
                              1u,
                              "counted once (copies of a refused token are ignored)");
        NS_TEST_EXPECT_MSG_EQ(s.net.Sent(s.dr, CbtMessageType::JOIN_REQUEST), 0u, "no join sent");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.dr)->IsGkdc(GROUP), false, "no keys at the DR");
        Simulator::Destroy();
    }
};

/// Flips one byte of the first CBT message of a type that crosses a
/// point-to-point device, inside its options, and lets it through.
class Tamperer : public ErrorModel
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::smkd::test::Tamperer")
                                .SetParent<ErrorModel>()
                                .SetGroupName("Smkd")
                                .AddConstructor<Tamperer>();
        return tid;
    }

    CbtMessageType type{CbtMessageType::JOIN_REQUEST};
    uint32_t offset{40}; //!< byte of the CBT message to flip
    uint32_t tampered{0};

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Bytes bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        const std::size_t cbt = 2 + 20; // PPP header, IPv4 header
        if (tampered > 0 || bytes.size() <= cbt + offset ||
            bytes[2 + 9] != CbtHeader::PROTOCOL_NUMBER ||
            (bytes[cbt] & 0x0f) != static_cast<uint8_t>(type))
        {
            return false;
        }
        bytes[cbt + offset] ^= 0x01;
        p->RemoveAtStart(p->GetSize());
        p->AddAtEnd(Create<Packet>(bytes.data(), bytes.size()));
        ++tampered;
        return false; // delivered, altered
    }

    void DoReset() override
    {
    }
};

/**
 * A bit flipped inside a JOIN_REQUEST's options (r2 -> r1), or inside a
 * JOIN_ACK's group access package (r1 -> r2), on the wire: the next router,
 * the first able to check, finds the signature wrong, counts it and keeps no
 * state; the host gets no key.
 */
class TamperedMessageTestCase : public TestCase
{
  public:
    TamperedMessageTestCase()
        : TestCase("a bit flipped in a signed join or ack is caught by the next router")
    {
    }

  private:
    void DoRun() override
    {
        for (CbtMessageType type : {CbtMessageType::JOIN_REQUEST, CbtMessageType::JOIN_ACK})
        {
            SecureChain s(false);
            Ptr<Tamperer> t = CreateObject<Tamperer>();
            t->type = type;
            t->offset = type == CbtMessageType::JOIN_REQUEST ? 40 : 200;
            // r1's device on the r1-r2 link sees the join; r2's sees the ack.
            const uint32_t checker = type == CbtMessageType::JOIN_REQUEST ? s.r1 : s.r2;
            const uint32_t other = type == CbtMessageType::JOIN_REQUEST ? s.r2 : s.r1;
            Ptr<NetDevice> device;
            for (uint32_t k = 0; k < s.net.Router(checker)->GetNDevices(); ++k)
            {
                Ptr<NetDevice> d = s.net.Router(checker)->GetDevice(k);
                Ptr<Channel> c = d->GetChannel();
                for (std::size_t j = 0; c && j < c->GetNDevices(); ++j)
                {
                    if (c->GetDevice(j)->GetNode() == s.net.Router(other))
                    {
                        device = d;
                    }
                }
            }
            device->SetAttribute("ReceiveErrorModel", PointerValue(t));
            s.Join(Seconds(5), s.hosts[0]);
            Simulator::Stop(Seconds(10));
            Simulator::Run();
            NS_TEST_EXPECT_MSG_EQ(t->tampered, 1u, CbtMessageTypeName(type) << " altered once");
            NS_TEST_EXPECT_MSG_EQ(s.Gkdc(checker)->GetRefusedJoins(),
                                  1u,
                                  "caught at router " << checker);
            NS_TEST_EXPECT_MSG_EQ(s.Agent(s.hosts[0])->GetKeys(GROUP),
                                  nullptr,
                                  "no keys reach the host");
            for (uint32_t r : {s.r2, s.dr})
            {
                NS_TEST_EXPECT_MSG_EQ(s.Gkdc(r)->IsGkdc(GROUP), false, "no keys at router " << r);
            }
            if (type == CbtMessageType::JOIN_REQUEST)
            {
                NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.core)->GetAnsweredJoins(),
                                      0u,
                                      "the core never saw it");
                NS_TEST_EXPECT_MSG_EQ(s.net.Cbt(s.r1)->GetForwardingCache().Find(GROUP),
                                      nullptr,
                                      "no state at r1");
            }
            Simulator::Destroy();
        }
    }
};

/**
 * A host token captured from a report and sent again after the freshness
 * window (30 s) is refused as stale at the DR; within the window the same
 * token is a copy of a join already handled and changes nothing.
 */
class ReplayTestCase : public TestCase
{
  public:
    ReplayTestCase()
        : TestCase("replayed or old host tokens get no keys; unseen old ones are refused as stale")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(false);
        const uint32_t h = s.hosts[0];
        Bytes captured;
        IgmpHelper::GetHost(s.net.Host(h))
            ->TraceConnectWithoutContext(
                "ReportSent",
                Callback<void, const IgmpMessage&, uint32_t>([&](const IgmpMessage& m, uint32_t) {
                    for (const auto& r : m.As<IgmpV3ReportHeader>()->GetRecords())
                    {
                        if (captured.empty() && !r.GetAuxData().empty())
                        {
                            smkd::DecodeSecureJoin(r.GetAuxData(), captured);
                        }
                    }
                }));
        s.Join(Seconds(5), h);
        std::vector<std::string> refusals;
        uint32_t deliveries = 0;
        s.Gkdc(s.dr)->TraceConnectWithoutContext(
            "JoinRefused",
            Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                [&](Ipv4Address, Ipv4Address, const std::string& w) { refusals.push_back(w); }));
        s.Gkdc(s.dr)->TraceConnectWithoutContext(
            "SecurityBytes",
            Callback<void, const std::string&, uint32_t>([&](const std::string& kind, uint32_t) {
                deliveries += kind == "key-delivery" ? 1 : 0;
            }));
        // The replay: host h's own address, the captured token, 40 s later.
        // The DR admitted that token: the copy is a membership refresh, which
        // delivers nothing.
        Simulator::Schedule(Seconds(45), [&]() {
            s.Gkdc(s.dr)->HostJoin(s.net.HostAddress(h),
                                   GROUP,
                                   s.net.LanInterface(s.dr, h),
                                   captured);
        });
        // A token h signed 40 s ago that the DR never saw (a replay of a join
        // that did not reach it): stale.
        Simulator::Schedule(Seconds(46), [&]() {
            SmkdToken old;
            old.issuer = s.net.HostAddress(h);
            old.group = GROUP;
            old.timestamp = static_cast<uint64_t>(Seconds(6).GetNanoSeconds());
            old.random = 0x5eed;
            s.net.Host(h)->GetObject<SmkdCryptoEngine>()->Sign(
                old.SignedBytes(),
                Callback<void, Bytes>([&s, h, old](Bytes signature) mutable {
                    old.signature = std::move(signature);
                    s.Gkdc(s.dr)->HostJoin(s.net.HostAddress(h),
                                           GROUP,
                                           s.net.LanInterface(s.dr, h),
                                           old.Serialize());
                }));
        });
        Simulator::Stop(Seconds(50));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(captured.empty(), false, "token captured from the report");
        NS_TEST_EXPECT_MSG_NE(s.Agent(h)->GetKeys(GROUP), nullptr, "the genuine join succeeded");
        NS_TEST_EXPECT_MSG_EQ(deliveries, 1u, "the DR delivered keys for the genuine join only");
        NS_TEST_ASSERT_MSG_EQ(refusals.size(), 1u, "the old token is refused");
        NS_TEST_EXPECT_MSG_EQ(refusals[0], "host token is stale", "as stale");
        Simulator::Destroy();
    }
};

/**
 * Garbage where tokens and packages should be: seeded random host tokens
 * reported to the DR, and secure JOIN_REQUESTs and JOIN_ACKs with random
 * option values handed to a router. Every one is refused and counted; none
 * creates state, keys or a crash.
 */
class GarbageInputTestCase : public TestCase
{
  public:
    GarbageInputTestCase()
        : TestCase("random tokens and options are counted and dropped")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(false);
        std::mt19937 rng(2024);
        auto randomBytes = [&rng](std::size_t max) {
            Bytes b(rng() % max);
            for (auto& x : b)
            {
                x = static_cast<uint8_t>(rng());
            }
            return b;
        };
        Simulator::Schedule(Seconds(5), [&]() {
            Ptr<SmkdGkdc> dr = s.Gkdc(s.dr);
            Ptr<SmkdGkdc> r1 = s.Gkdc(s.r1);
            const uint32_t lan = s.net.LanInterface(s.dr, s.hosts[0]);
            Ipv4Header ip;
            ip.SetSource(s.net.RouterAddress(s.r2));
            ip.SetDestination(s.net.RouterAddress(s.r1));
            for (int k = 0; k < 500; ++k)
            {
                dr->HostJoin(s.net.HostAddress(s.hosts[0]), GROUP, lan, randomBytes(200));
                CbtJoinRequestHeader join;
                join.SetGroup(GROUP);
                join.SetTarget(s.net.RouterAddress(s.core));
                join.GetOptions().Add(CbtOptionType::HOST_TOKEN, randomBytes(120));
                join.GetOptions().Add(CbtOptionType::ROUTER_TOKEN, randomBytes(120));
                join.GetOptions().Add(CbtOptionType::SIGNATURE, randomBytes(80));
                r1->HandleCbtMessage(CbtMessage(join), ip, 1);
                CbtJoinAckHeader ack;
                ack.SetGroup(GROUP);
                ack.GetOptions().Add(CbtOptionType::HOST_TOKEN, randomBytes(120));
                ack.GetOptions().Add(CbtOptionType::GROUP_ACCESS_PACKAGE, randomBytes(900));
                ack.GetOptions().Add(CbtOptionType::SIGNATURE, randomBytes(80));
                r1->HandleCbtMessage(CbtMessage(ack), ip, 1);
            }
        });
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.dr)->GetRefusedJoins(),
                              500u,
                              "every garbage token refused at the DR");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.r1)->GetRefusedJoins(),
                              1000u,
                              "every garbage join and ack counted");
        for (uint32_t r : {s.r1, s.r2, s.dr})
        {
            NS_TEST_EXPECT_MSG_EQ(s.Gkdc(r)->IsGkdc(GROUP), false, "no keys at router " << r);
            NS_TEST_EXPECT_MSG_EQ(s.net.Cbt(r)->GetForwardingCache().Find(GROUP),
                                  nullptr,
                                  "no state");
        }
        Simulator::Destroy();
    }
};

/**
 * A trusted-router list that leaves r2 out (§6.1): r1 gives r2 no keys, so
 * neither r2 nor the DR below it ever becomes a GKDC, and the second host's
 * join is answered by r1, the first GKDC upstream.
 */
class TrustedRoutersTestCase : public TestCase
{
  public:
    TrustedRoutersTestCase()
        : TestCase("a router outside the trusted-router list never becomes a GKDC")
    {
    }

  private:
    void DoRun() override
    {
        SecureChain s(false, true);
        Simulator::Schedule(Seconds(4), [&]() {
            const SmkdGroupKeys* k = s.Gkdc(s.core)->GetGroupKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ((k && k->trusted && !k->coreTrusted.empty()),
                                  true,
                                  "the core holds the signed trusted-router list");
        });
        s.Join(Seconds(5), s.hosts[0]);
        s.Join(Seconds(10), s.hosts[1]);
        Simulator::Stop(Seconds(15));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_NE(s.Agent(s.hosts[0])->GetKeys(GROUP), nullptr, "h1 has keys");
        NS_TEST_EXPECT_MSG_NE(s.Agent(s.hosts[1])->GetKeys(GROUP), nullptr, "h2 has keys");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.r1)->IsGkdc(GROUP), true, "r1 is trusted: a GKDC");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.r2)->IsGkdc(GROUP), false, "r2 is not trusted");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.dr)->IsGkdc(GROUP),
                              false,
                              "nothing reached the DR below it");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.core)->GetAnsweredJoins(),
                              1u,
                              "the core answered the first join");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.r1)->GetAnsweredJoins(), 1u, "r1 answered the second");
        NS_TEST_ASSERT_MSG_NE(s.Gkdc(s.r1)->GetGroupKeys(GROUP), nullptr, "r1's keys");
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.r1)->GetGroupKeys(GROUP)->trusted.has_value(),
                              true,
                              "r1 learned the trusted-router list from the package");
        Simulator::Destroy();
    }
};

class SmkdSecureJoinTestSuite : public TestSuite
{
  public:
    SmkdSecureJoinTestSuite()
        : TestSuite("smkd-secure-join", SYSTEM)
    {
        AddTestCase(new SecureJoinTestCase, TestCase::QUICK);
        AddTestCase(new NackPathTestCase, TestCase::QUICK);
        AddTestCase(new JoinBeforeDrElectionTestCase, TestCase::QUICK);
        AddTestCase(new StrictModeTestCase, TestCase::QUICK);
        AddTestCase(new ForgedTokenTestCase, TestCase::QUICK);
        AddTestCase(new TamperedMessageTestCase, TestCase::QUICK);
        AddTestCase(new ReplayTestCase, TestCase::QUICK);
        AddTestCase(new TrustedRoutersTestCase, TestCase::QUICK);
        AddTestCase(new GarbageInputTestCase, TestCase::QUICK);
    }
};

SmkdSecureJoinTestSuite g_smkdSecureJoinTestSuite;

} // namespace

namespace
{

/**
 * With every link point-to-point and every crypto cost known, a secure join's
 * latency on a chain (host - DR - r1 - core) is exactly the sum of the
 * operations' CPU costs and the messages' link times (delay + transmission
 * of IP bytes + 2 PPP bytes): the host's token signature, the IGMP report,
 * each hop's verification and signature, the joins, the core's work, the
 * acks, each hop's verify/open/verify/verify/seal/sign, the key delivery and
 * the host's open and verify. Nothing runs in parallel on a chain.
 */
class ExactLatencyTestCase : public TestCase
{
  public:
    ExactLatencyTestCase()
        : TestCase("secure join latency on a chain = sum of CPU costs and link times")
    {
    }

  private:
    void DoRun() override
    {
        const Time delay = MilliSeconds(3);
        const DataRate rate("10Mbps");
        NodeContainer routers;
        routers.Create(3); // core, r1, dr
        NodeContainer hosts;
        hosts.Create(2); // member, initiator
        CbtHelper cbt;
        cbt.RouterStack().Install(routers);
        IgmpHelper igmp;
        igmp.SetHostAttribute("RobustnessVariable", UintegerValue(1));
        igmp.InstallHosts(hosts);
        igmp.InstallRouters(routers);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
        p2p.SetChannelAttribute("Delay", TimeValue(delay));
        uint32_t subnet = 0;
        auto connect = [&](Ptr<Node> a, Ptr<Node> b) {
            std::ostringstream base;
            base << "10.77." << ++subnet << ".0";
            Ipv4AddressHelper addresses(base.str().c_str(), "255.255.255.0");
            addresses.Assign(p2p.Install(a, b));
        };
        connect(routers.Get(0), routers.Get(1));
        connect(routers.Get(1), routers.Get(2));
        connect(routers.Get(2), hosts.Get(0));
        connect(routers.Get(0), hosts.Get(1));
        IgmpHelper::SetDefaultMulticastRoute(hosts.Get(0), 1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        cbt.AddCores(GROUP,
                     Ipv4Mask("255.255.255.255"),
                     {CbtHelper::PrimaryAddress(routers.Get(0))});
        SmkdHelper smkd;
        smkd.AddSecureGroups(GROUP, Ipv4Mask("255.255.255.255"));
        smkd.SetCoreMap(cbt.GetCoreMap());
        smkd.InstallGkdc(routers);
        smkd.InstallHosts(hosts);
        SmkdAccessList acl(GROUP,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           CbtHelper::PrimaryAddress(hosts.Get(1)));
        acl.Add(CbtHelper::PrimaryAddress(hosts.Get(0)));
        smkd.InstallInitiator(hosts.Get(1),
                              acl,
                              CbtHelper::PrimaryAddress(routers.Get(0)),
                              Seconds(1));

        // Every cost and every message of the join, as it happens.
        Time cpu;
        Time queueing;
        Time links;
        bool inJoin = false;
        NodeContainer all(routers, hosts);
        for (auto it = all.Begin(); it != all.End(); ++it)
        {
            (*it)->GetObject<SmkdSimulatedCpu>()->TraceConnectWithoutContext(
                "CryptoOperation",
                Callback<void, uint32_t, const std::string&, const std::string&, Time, Time>(
                    [&](uint32_t, const std::string&, const std::string&, Time cost, Time wait) {
                        if (inJoin)
                        {
                            cpu += cost;
                            queueing += wait;
                        }
                    }));
        }
        auto link = [&](uint32_t ipBytes) {
            links += delay + rate.CalculateBytesTxTime(ipBytes + 2);
        };
        for (uint32_t k = 0; k < 3; ++k)
        {
            CbtHelper::Get(routers.Get(k))
                ->TraceConnectWithoutContext(
                    "ControlTx",
                    Callback<void, const CbtMessage&, uint32_t, Ipv4Address, uint32_t>(
                        [&](const CbtMessage& m, uint32_t, Ipv4Address, uint32_t bytes) {
                            if (inJoin && (m.GetType() == CbtMessageType::JOIN_REQUEST ||
                                           m.GetType() == CbtMessageType::JOIN_ACK))
                            {
                                link(bytes);
                            }
                        }));
        }
        bool firstReport = true;
        IgmpHelper::GetHost(hosts.Get(0))
            ->TraceConnectWithoutContext(
                "ReportSent",
                Callback<void, const IgmpMessage&, uint32_t>([&](const IgmpMessage& m, uint32_t) {
                    if (inJoin && firstReport)
                    {
                        firstReport = false;
                        link(20 + m.ToBytes(false).size());
                    }
                }));
        Time latency = Seconds(-1);
        Ptr<SmkdHostAgent> agent = hosts.Get(0)->GetObject<SmkdHostAgent>();
        agent->TraceConnectWithoutContext(
            "KeysInstalled",
            Callback<void, Ipv4Address, Time>([&](Ipv4Address, Time t) {
                latency = t;
                inJoin = false;
            }));
        Ptr<Socket> socket = Socket::CreateSocket(hosts.Get(0), UdpSocketFactory::GetTypeId());
        Simulator::Schedule(Seconds(5), [&]() {
            inJoin = true;
            agent->Join(socket, 1, GROUP);
        });
        Simulator::Stop(Seconds(8));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_GT(latency, Seconds(0), "keys installed");
        // The key delivery, UDP from the DR to the host: the host token (fixed
        // fields and a 64-byte Ed25519 signature) and the sealed bundle.
        SmkdKeyDelivery d;
        d.group = GROUP;
        SmkdToken sized;
        sized.signature = Bytes(64);
        d.hostToken = sized.Serialize();
        const SmkdGroupKeys* keys = routers.Get(0)->GetObject<SmkdGkdc>()->GetGroupKeys(GROUP);
        d.sealed =
            Bytes(smkd.GetDirectory()->GetSuite()->SealedSize(keys->coreBundle.Serialize().size()));
        d.signature = Bytes(64); // the DR's Ed25519 signature
        link(20 + 8 + d.Serialize().size());
        NS_TEST_EXPECT_MSG_EQ(queueing, Seconds(0), "nothing waited for a CPU");
        NS_TEST_EXPECT_MSG_EQ(latency, cpu + links, "latency = CPU costs + link times");
        NS_TEST_EXPECT_MSG_GT(cpu, MicroSeconds(1000), "the crypto took its share");
        Simulator::Destroy();
    }
};

class SmkdSecureJoinLatencyTestSuite : public TestSuite
{
  public:
    SmkdSecureJoinLatencyTestSuite()
        : TestSuite("smkd-secure-join-latency", SYSTEM)
    {
        AddTestCase(new ExactLatencyTestCase, TestCase::QUICK);
    }
};

SmkdSecureJoinLatencyTestSuite g_smkdSecureJoinLatencyTestSuite;

} // namespace

namespace
{

/**
 * core - r1 - dr and the longer core - r3 - r4 - dr. After h's secure join
 * over r1, the r1-dr link fails silently at 100 s and unicast routing moves
 * to the long path. The DR's parent falls silent, its CBT state expires
 * (at most EXPECTED_REPLY_TIME = 70 s after the failure), and the re-join
 * happens "in the same secure fashion" (RFC 1949 §6.2): the DR asks h for a
 * fresh token, h reports it, and the join goes over r4 and r3 to the core,
 * which authenticates h again and sends keys down the new branch.
 */
class SecureRepairTestCase : public TestCase
{
  public:
    SecureRepairTestCase()
        : TestCase(
              "after a link failure the re-join authenticates the host and delivers keys again")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        net.EnableIgmp();
        const uint32_t core = net.AddRouter();
        const uint32_t r1 = net.AddRouter();
        const uint32_t r3 = net.AddRouter();
        const uint32_t r4 = net.AddRouter();
        const uint32_t dr = net.AddRouter();
        net.Link(core, r1);
        NetDeviceContainer failing = net.Link(r1, dr);
        net.Link(core, r3);
        net.Link(r3, r4);
        net.Link(r4, dr);
        const uint32_t h = net.Lan({dr}, 1)[0];
        const uint32_t initiator = net.Lan({core}, 1)[0];
        net.Finish(GROUP, core);
        net.ListenOnHosts(9600);
        SmkdHelper smkd;
        SecureGroup(net, smkd, GROUP, core, initiator, {h});
        Ptr<SmkdHostAgent> agent = net.Host(h)->GetObject<SmkdHostAgent>();
        std::vector<Time> installed;
        agent->TraceConnectWithoutContext("KeysInstalled",
                                          Callback<void, Ipv4Address, Time>([&](Ipv4Address, Time) {
                                              installed.push_back(Simulator::Now());
                                          }));
        Simulator::Schedule(Seconds(5), &SmkdHostAgent::Join, agent, net.ListenerOf(h), 1, GROUP);
        const Time failure = Seconds(100);
        Simulator::Schedule(failure, &CbtTestNetwork::FailSilently, failing);
        Simulator::Stop(Seconds(200));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(installed.size(),
                              2u,
                              "keys installed at the join and again after the repair");
        if (installed.size() < 2)
        {
            Simulator::Destroy();
            return;
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(installed[1],
                                    failure + Seconds(70 - 63),
                                    "not before the expiry bound");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(installed[1],
                                    failure + Seconds(70 + 1),
                                    "right after the expiry");
        NS_TEST_EXPECT_MSG_EQ(net.Router(core)->GetObject<SmkdGkdc>()->GetAnsweredJoins(),
                              2u,
                              "the core authenticated h twice");
        NS_TEST_EXPECT_MSG_EQ(net.Router(r3)->GetObject<SmkdGkdc>()->IsGkdc(GROUP),
                              true,
                              "r3 got keys");
        NS_TEST_EXPECT_MSG_EQ(net.Router(r4)->GetObject<SmkdGkdc>()->IsGkdc(GROUP),
                              true,
                              "r4 got keys");
        const CbtForwardingEntry* entry = net.Cbt(dr)->GetForwardingCache().Find(GROUP);
        NS_TEST_EXPECT_MSG_NE(entry, nullptr, "the DR is on-tree again");
        const bool belowR4 = entry && net.Router(r4)->GetObject<Ipv4>()->GetInterfaceForAddress(
                                          entry->parentAddress) >= 0;
        NS_TEST_EXPECT_MSG_EQ(belowR4, true, "below r4 now");
        Simulator::Destroy();
    }
};

class SmkdSecureRepairTestSuite : public TestSuite
{
  public:
    SmkdSecureRepairTestSuite()
        : TestSuite("smkd-secure-repair", SYSTEM)
    {
        AddTestCase(new SecureRepairTestCase, TestCase::QUICK);
    }
};

SmkdSecureRepairTestSuite g_smkdSecureRepairTestSuite;

} // namespace

namespace
{

/// Builds core list [primary, secondary] on a chain primary - secondary - dr.
struct TwoCores
{
    CbtTestNetwork net;
    uint32_t primary{0};
    uint32_t secondary{0};
    uint32_t dr{0};
    uint32_t host{0};
    uint32_t initiator{0};
    SmkdHelper smkd;

    TwoCores()
    {
        net.EnableIgmp();
        primary = net.AddRouter();
        secondary = net.AddRouter();
        dr = net.AddRouter();
        net.Link(primary, secondary);
        net.Link(secondary, dr);
        host = net.Lan({dr}, 1)[0];
        initiator = net.Lan({primary}, 1)[0];
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        net.Helper().AddCores(GROUP,
                              Ipv4Mask("255.255.255.255"),
                              {net.RouterAddress(primary), net.RouterAddress(secondary)});
        net.ListenOnHosts(9700);
        smkd.AddSecureGroups(GROUP, Ipv4Mask("255.255.255.255"));
        smkd.SetCoreMap(net.Helper().GetCoreMap());
        smkd.InstallGkdc(net.Routers());
        smkd.InstallHosts(net.Hosts());
        SmkdAccessList acl(GROUP,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           net.HostAddress(initiator));
        acl.Add(net.HostAddress(host));
        smkd.InstallInitiator(net.Host(initiator), acl, net.RouterAddress(primary), Seconds(1));
        Simulator::Schedule(Seconds(5),
                            &SmkdHostAgent::Join,
                            net.Host(host)->GetObject<SmkdHostAgent>(),
                            net.ListenerOf(host),
                            1,
                            GROUP);
    }
};

/**
 * RFC 1949 §6.2 NOTE: a secondary core that receives a join forwards it to
 * the primary instead of acking it; the ACL and keys reach the secondary as it
 * joins the tree, after which it holds them like any GKDC.
 */
class SecondaryCoreTestCase : public TestCase
{
  public:
    SecondaryCoreTestCase()
        : TestCase(
              "a secondary core forwards secure joins to the primary and gets keys on the way back")
    {
    }

  private:
    void DoRun() override
    {
        TwoCores t;
        uint32_t securityBytes = 0;
        std::map<std::string, uint32_t> kinds;
        for (uint32_t r = 0; r < 3; ++r)
        {
            t.net.Router(r)->GetObject<SmkdGkdc>()->TraceConnectWithoutContext(
                "SecurityBytes",
                Callback<void, const std::string&, uint32_t>(
                    [&](const std::string& kind, uint32_t b) {
                        securityBytes += b;
                        ++kinds[kind];
                    }));
        }
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        Ptr<SmkdGkdc> secondary = t.net.Router(t.secondary)->GetObject<SmkdGkdc>();
        Ptr<SmkdGkdc> primary = t.net.Router(t.primary)->GetObject<SmkdGkdc>();
        NS_TEST_EXPECT_MSG_NE(t.net.Host(t.host)->GetObject<SmkdHostAgent>()->GetKeys(GROUP),
                              nullptr,
                              "the host has keys");
        NS_TEST_EXPECT_MSG_EQ(primary->GetAnsweredJoins(), 1u, "the primary answered");
        NS_TEST_EXPECT_MSG_EQ(secondary->GetAnsweredJoins(), 0u, "the secondary did not");
        NS_TEST_EXPECT_MSG_EQ(t.net.Sent(t.secondary, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "the secondary forwarded the join");
        NS_TEST_EXPECT_MSG_EQ(secondary->IsGkdc(GROUP), true, "and holds the keys now");
        NS_TEST_EXPECT_MSG_EQ(kinds["secure-join-request"], 2u, "two signed joins (DR, secondary)");
        NS_TEST_EXPECT_MSG_EQ(kinds["secure-join-ack"], 2u, "two signed acks (primary, secondary)");
        NS_TEST_EXPECT_MSG_EQ(kinds["key-delivery"], 1u, "one key delivery");
        NS_TEST_EXPECT_MSG_GT(securityBytes, 1000u, "security payload accounted");
        Simulator::Destroy();
    }
};

/**
 * The algorithms come from ns3::SmkdKeyDirectory's attributes: a secure join
 * completes with ECDSA P-256 and X25519, and with Ed25519 and RSA-OAEP, and
 * the message sizes follow the algorithm (ECDSA's fixed 72-byte field).
 */
class AlgorithmAttributesTestCase : public TestCase
{
  public:
    AlgorithmAttributesTestCase()
        : TestCase("the secure join works with the algorithms chosen by attribute")
    {
    }

  private:
    void DoRun() override
    {
        const std::pair<const char*, const char*> choices[] = {{"EcdsaP256", "X25519"},
                                                               {"Ed25519", "RsaOaep2048"}};
        for (const auto& [signature, seal] : choices)
        {
            Config::SetDefault("ns3::SmkdKeyDirectory::SignatureAlgorithm", StringValue(signature));
            Config::SetDefault("ns3::SmkdKeyDirectory::SealAlgorithm", StringValue(seal));
            TwoCores t;
            Simulator::Stop(Seconds(10));
            Simulator::Run();
            Ptr<SmkdCryptoSuite> suite = t.smkd.GetDirectory()->GetSuite();
            NS_TEST_EXPECT_MSG_EQ(
                SmkdSignatureAlgorithmName(suite->GetSignatureAlgorithm()),
                std::string(signature == std::string("EcdsaP256") ? "ecdsa-p256" : "ed25519"),
                "signature algorithm from the attribute");
            NS_TEST_EXPECT_MSG_NE(t.net.Host(t.host)->GetObject<SmkdHostAgent>()->GetKeys(GROUP),
                                  nullptr,
                                  signature << " + " << seal << ": keys installed");
            Simulator::Destroy();
        }
        Config::Reset();
    }
};

class SmkdSecureCoresTestSuite : public TestSuite
{
  public:
    SmkdSecureCoresTestSuite()
        : TestSuite("smkd-secure-cores", SYSTEM)
    {
        AddTestCase(new SecondaryCoreTestCase, TestCase::QUICK);
        AddTestCase(new AlgorithmAttributesTestCase, TestCase::QUICK);
    }
};

SmkdSecureCoresTestSuite g_smkdSecureCoresTestSuite;

} // namespace
