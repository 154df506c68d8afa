/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Re-keying, RFC 1949 §6.1: the primary core multicasts the next key under the
// KEK down the CBT tree before the current key expires; every member and every
// GKDC installs it before it takes effect, one copy per tree link. A member
// or a branch that misses it recovers before activation; a re-key that is not
// the primary core's is refused.

#include "cbt-test-network.h"

#include "ns3/error-model.h"
#include "ns3/smkd-helper.h"
#include "ns3/test.h"
#include "ns3/udp-header.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP("232.19.49.20");
constexpr uint32_t LIFETIME_S = 20;
const Time LEAD = Seconds(5);
const Time MARGIN = Seconds(2);

/// Drops every frame carrying UDP to the group-key port (all, or the first \p count).
class GroupKeyDropper : public ErrorModel
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::smkd::test::GroupKeyDropper")
                                .SetParent<ErrorModel>()
                                .SetGroupName("Smkd")
                                .AddConstructor<GroupKeyDropper>();
        return tid;
    }

    /// \param linkHeader bytes before the IP header: 2 (PPP) or 14 (Ethernet)
    void SetLinkHeader(uint32_t linkHeader)
    {
        m_linkHeader = linkHeader;
    }

    uint32_t Dropped() const
    {
        return m_dropped;
    }

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        std::vector<uint8_t> b(m_linkHeader + 24);
        if (p->GetSize() < b.size())
        {
            return false;
        }
        p->CopyData(b.data(), b.size());
        const uint8_t* ip = b.data() + m_linkHeader;
        const uint16_t port = uint16_t(ip[22] << 8 | ip[23]);
        if (ip[9] == 17 && port == SmkdGroupKeyMessage::PORT)
        {
            ++m_dropped;
            return true;
        }
        return false;
    }

    void DoReset() override
    {
        m_dropped = 0;
    }

    uint32_t m_linkHeader{2};
    uint32_t m_dropped{0};
};

NS_OBJECT_ENSURE_REGISTERED(GroupKeyDropper);

/**
 *              core [initiator]
 *             /    \
 *           r1      r2
 *           |        |  (branch link)
 *          dr1      dr2
 *       [a1, a2]   [b1]
 */
struct RekeyTree
{
    CbtTestNetwork net;
    uint32_t core{0};
    uint32_t r1{0};
    uint32_t r2{0};
    uint32_t dr1{0};
    uint32_t dr2{0};
    std::vector<uint32_t> members; // a1, a2, b1
    uint32_t initiator{0};
    NetDeviceContainer branch;
    SmkdHelper smkd;

    /// Per member: when each re-keyed SPI was installed.
    std::map<uint32_t, std::vector<std::pair<Time, uint32_t>>> installed;
    std::vector<std::pair<Time, uint32_t>> sent;
    uint32_t copiesOnTree{0};

    RekeyTree()
    {
        Config::SetDefault("ns3::SmkdGkdc::KeyLifetime", UintegerValue(LIFETIME_S));
        Config::SetDefault("ns3::SmkdGkdc::RekeyLeadTime", TimeValue(LEAD));
        Config::SetDefault("ns3::SmkdGkdc::RekeyRecoveryMargin", TimeValue(MARGIN));
        Config::SetDefault("ns3::SmkdHostAgent::RekeyRecoveryMargin", TimeValue(MARGIN));
        net.EnableIgmp();
        core = net.AddRouter();
        r1 = net.AddRouter();
        r2 = net.AddRouter();
        dr1 = net.AddRouter();
        dr2 = net.AddRouter();
        net.Link(core, r1);
        net.Link(core, r2);
        net.Link(r1, dr1);
        branch = net.Link(r2, dr2);
        members = net.Lan({dr1}, 2);
        members.push_back(net.Lan({dr2}, 1)[0]);
        initiator = net.Lan({core}, 1)[0];
        net.Finish(GROUP, core);
        net.ListenOnHosts(9800);
        smkd.AddSecureGroups(GROUP, Ipv4Mask("255.255.255.255"));
        smkd.SetCoreMap(net.Helper().GetCoreMap());
        smkd.InstallGkdc(net.Routers());
        smkd.InstallHosts(net.Hosts());
        SmkdAccessList acl(GROUP,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           net.HostAddress(initiator));
        for (uint32_t m : members)
        {
            acl.Add(net.HostAddress(m));
        }
        smkd.InstallInitiator(net.Host(initiator), acl, net.RouterAddress(core), Seconds(1));
        for (uint32_t k = 0; k < members.size(); ++k)
        {
            const uint32_t m = members[k];
            Simulator::Schedule(Seconds(3) + MilliSeconds(200 * k),
                                &SmkdHostAgent::Join,
                                Agent(m),
                                net.ListenerOf(m),
                                1,
                                GROUP);
            Agent(m)->TraceConnectWithoutContext(
                "RekeyInstalled",
                Callback<void, Ipv4Address, uint32_t>([this, m](Ipv4Address, uint32_t spi) {
                    installed[m].emplace_back(Simulator::Now(), spi);
                }));
        }
        Gkdc(core)->TraceConnectWithoutContext(
            "RekeySent",
            Callback<void, Ipv4Address, uint32_t>(
                [this](Ipv4Address, uint32_t spi) { sent.emplace_back(Simulator::Now(), spi); }));
        for (uint32_t r = 0; r < net.NumRouters(); ++r)
        {
            net.Cbt(r)->TraceConnectWithoutContext(
                "DataForwarded",
                Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                    [this](const Ipv4Header& ip, Ptr<const Packet> p, uint32_t) {
                        UdpHeader udp;
                        if (ip.GetProtocol() == 17 && p->PeekHeader(udp) &&
                            udp.GetDestinationPort() == SmkdGroupKeyMessage::PORT)
                        {
                            ++copiesOnTree;
                        }
                    }));
        }
    }

    ~RekeyTree()
    {
        Simulator::Destroy();
        Config::Reset();
    }

    Ptr<SmkdHostAgent> Agent(uint32_t h) const
    {
        return net.Host(h)->GetObject<SmkdHostAgent>();
    }

    Ptr<SmkdGkdc> Gkdc(uint32_t r) const
    {
        return net.Router(r)->GetObject<SmkdGkdc>();
    }

    /// \return when the primary core's first keys take effect
    Time FirstActivation() const
    {
        const SmkdGroupKeys* keys = Gkdc(core)->GetGroupKeys(GROUP);
        return keys ? NanoSeconds(static_cast<int64_t>(keys->bundle.sa.activation)) : Seconds(0);
    }
};

/**
 * Loss-free: one re-key at activation + lifetime - lead; it crosses each of the
 * four router links and each of the two member LANs exactly once (6 copies);
 * all three members and the four non-primary routers install it before it
 * takes effect (lead = 5 s later); the old key stays usable until activation
 * plus OldKeyGrace (10 s), then it is gone.
 */
class RekeyReachesEveryMemberTestCase : public TestCase
{
  public:
    RekeyReachesEveryMemberTestCase()
        : TestCase("a re-key reaches every member and GKDC before it takes effect, once per link")
    {
    }

  private:
    void DoRun() override
    {
        RekeyTree t;
        uint32_t oldSpi = 0;
        Time firstActivation;
        Simulator::Schedule(Seconds(10), [&]() {
            const SmkdKeyBundle* k = t.Agent(t.members[0])->GetKeys(GROUP);
            oldSpi = k ? k->sa.spi : 0;
            firstActivation = t.FirstActivation();
        });
        std::map<uint32_t, uint32_t> routerUpdates;
        for (uint32_t r : {t.r1, t.r2, t.dr1, t.dr2})
        {
            t.Gkdc(r)->TraceConnectWithoutContext(
                "KeysUpdated",
                Callback<void, Ipv4Address, uint32_t>(
                    [&routerUpdates, r](Ipv4Address, uint32_t) { ++routerUpdates[r]; }));
        }
        // Probes: which key a member sends with just before and after the switch,
        // and whether it still holds the old one within and after the grace.
        uint32_t activeBefore = 0;
        uint32_t activeAfter = 0;
        bool oldHeldInGrace = false;
        bool oldHeldAfterGrace = true;
        Simulator::Schedule(Seconds(10), [&]() {
            const Time switchAt = firstActivation + Seconds(LIFETIME_S);
            Ptr<SmkdHostAgent> a = t.Agent(t.members[0]);
            Simulator::Schedule(switchAt - Simulator::Now() - MilliSeconds(1), [&, a]() {
                activeBefore = a->GetActiveKeys(GROUP) ? a->GetActiveKeys(GROUP)->sa.spi : 0;
            });
            Simulator::Schedule(switchAt - Simulator::Now() + MilliSeconds(1), [&, a]() {
                activeAfter = a->GetActiveKeys(GROUP) ? a->GetActiveKeys(GROUP)->sa.spi : 0;
            });
            Simulator::Schedule(switchAt - Simulator::Now() + Seconds(9), [&, a]() {
                oldHeldInGrace = a->GetKeysBySpi(GROUP, oldSpi) != nullptr;
            });
            Simulator::Schedule(switchAt - Simulator::Now() + Seconds(11), [&, a]() {
                oldHeldAfterGrace = a->GetKeysBySpi(GROUP, oldSpi) != nullptr;
            });
        });
        Simulator::Stop(Seconds(34)); // the second re-key is due 20 s after the first
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key within one lifetime");
        if (t.sent.size() != 1u)
        {
            return;
        }
        const Time sentAt = t.sent[0].first;
        const uint32_t newSpi = t.sent[0].second;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(sentAt,
                                    firstActivation + Seconds(LIFETIME_S) - LEAD,
                                    "not before activation + lifetime - lead");
        NS_TEST_EXPECT_MSG_LT(sentAt,
                              firstActivation + Seconds(LIFETIME_S) - LEAD + MilliSeconds(1),
                              "within the signing and encryption time of it");
        NS_TEST_EXPECT_MSG_NE(newSpi, oldSpi, "a new SPI");
        NS_TEST_EXPECT_MSG_EQ(t.copiesOnTree, 6u, "4 router links + 2 member LANs");
        for (uint32_t m : t.members)
        {
            NS_TEST_ASSERT_MSG_EQ(t.installed[m].size(), 1u, "member " << m << " installed once");
            if (t.installed[m].size() != 1u)
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(t.installed[m][0].second, newSpi, "the new SPI");
            NS_TEST_EXPECT_MSG_LT(t.installed[m][0].first,
                                  sentAt + LEAD,
                                  "installed before activation");
            const SmkdKeyBundle* k = t.Agent(m)->GetKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ((k && k->sa.spi == newSpi), true, "newest keys are the new ones");
        }
        for (uint32_t r : {t.r1, t.r2, t.dr1, t.dr2})
        {
            NS_TEST_EXPECT_MSG_EQ(routerUpdates[r], 1u, "GKDC router " << r << " updated once");
            const SmkdGroupKeys* keys = t.Gkdc(r)->GetGroupKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ((keys && keys->bundle.sa.spi == newSpi), true, "holds it");
        }
        NS_TEST_EXPECT_MSG_EQ(activeBefore, oldSpi, "old key active until the switch");
        NS_TEST_EXPECT_MSG_EQ(activeAfter, newSpi, "new key active after it");
        NS_TEST_EXPECT_MSG_EQ(oldHeldInGrace, true, "old key kept through the grace period");
        NS_TEST_EXPECT_MSG_EQ(oldHeldAfterGrace, false, "and forgotten after it");
        uint64_t dropped = 0;
        for (uint32_t m : t.members)
        {
            dropped += t.Agent(m)->GetDroppedKeyMessages();
        }
        NS_TEST_EXPECT_MSG_EQ(dropped, 0u, "nothing refused in a clean run");
    }
};

/**
 * A member whose LAN copy is lost (a2; a1 on the same LAN gets it) notices at
 * expiry - RekeyRecoveryMargin that no successor arrived, and fetches the
 * keys from its DR with a fresh token. Bound: expiry - margin + one secure
 * join answered at the DR, which is before activation.
 */
class MemberMissesRekeyTestCase : public TestCase
{
  public:
    MemberMissesRekeyTestCase()
        : TestCase("a member that missed the re-key fetches it from its DR before activation")
    {
    }

  private:
    void DoRun() override
    {
        RekeyTree t;
        const uint32_t a2 = t.members[1];
        Ptr<GroupKeyDropper> dropper = CreateObject<GroupKeyDropper>();
        dropper->SetLinkHeader(14);
        Ptr<Node> host = t.net.Host(a2);
        host->GetDevice(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
        Simulator::Stop(Seconds(34));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key");
        if (t.sent.size() != 1u)
        {
            return;
        }
        const Time expiry = t.sent[0].first + LEAD;
        NS_TEST_EXPECT_MSG_EQ(dropper->Dropped(), 1u, "a2 lost its copy");
        NS_TEST_ASSERT_MSG_EQ(t.installed[a2].size(), 1u, "a2 installed the new key once");
        if (t.installed[a2].size() != 1u)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(t.installed[a2][0].second, t.sent[0].second, "the new SPI");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(t.installed[a2][0].first,
                                    expiry - MARGIN - MilliSeconds(1),
                                    "recovered only after the margin");
        NS_TEST_EXPECT_MSG_LT(t.installed[a2][0].first,
                              expiry - MARGIN + MilliSeconds(50),
                              "within one secure join at the DR");
        NS_TEST_EXPECT_MSG_LT(t.installed[a2][0].first, expiry, "before activation");
        NS_TEST_EXPECT_MSG_EQ(t.installed[t.members[0]].size(), 1u, "a1 got it by multicast");
        NS_TEST_EXPECT_MSG_LT(t.installed[t.members[0]][0].first,
                              t.sent[0].first + MilliSeconds(50),
                              "at once");
    }
};

/**
 * The branch link r2 -> dr2 loses the re-key, so dr2 (a GKDC) and b1 both miss
 * it. b1 asks dr2; dr2 knows its keys are stale, passes the join on to r2,
 * which answers with the new keys; dr2 takes them too on the way down.
 */
class BranchMissesRekeyTestCase : public TestCase
{
  public:
    BranchMissesRekeyTestCase()
        : TestCase("a branch that missed the re-key gets it through a stale GKDC's re-join")
    {
    }

  private:
    void DoRun() override
    {
        RekeyTree t;
        const uint32_t b1 = t.members[2];
        Ptr<GroupKeyDropper> dropper = CreateObject<GroupKeyDropper>();
        t.branch.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
        uint32_t dr2Updates = 0;
        t.Gkdc(t.dr2)->TraceConnectWithoutContext(
            "KeysUpdated",
            Callback<void, Ipv4Address, uint32_t>([&](Ipv4Address, uint32_t) { ++dr2Updates; }));
        Simulator::Stop(Seconds(34));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key");
        if (t.sent.size() != 1u)
        {
            return;
        }
        const Time expiry = t.sent[0].first + LEAD;
        NS_TEST_EXPECT_MSG_EQ(dropper->Dropped(), 1u, "the branch lost it");
        NS_TEST_ASSERT_MSG_EQ(t.installed[b1].size(), 1u, "b1 installed it");
        if (t.installed[b1].size() != 1u)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(t.installed[b1][0].second, t.sent[0].second, "the new SPI");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(t.installed[b1][0].first,
                                    expiry - MARGIN - MilliSeconds(1),
                                    "after the margin");
        NS_TEST_EXPECT_MSG_LT(t.installed[b1][0].first, expiry, "before activation");
        NS_TEST_EXPECT_MSG_EQ(dr2Updates, 1u, "dr2 took the new keys from r2's answer");
        NS_TEST_EXPECT_MSG_EQ(t.Gkdc(t.r2)->GetAnsweredJoins(), 1u, "r2 answered the re-join");
    }
};

/**
 * Origin authentication of re-keys: a message under the right KEK but signed
 * by a router that is not the primary core, one whose signature is altered,
 * and one under an unknown KEK are all refused; the members keep their keys.
 */
class ForgedRekeyTestCase : public TestCase
{
  public:
    ForgedRekeyTestCase()
        : TestCase("re-keys not signed by the primary core or under an unknown KEK are refused")
    {
    }

  private:
    void DoRun() override
    {
        RekeyTree t;
        Ptr<SmkdCryptoSuite> suite = t.smkd.GetDirectory()->GetSuite();
        Ptr<SmkdHostAgent> a1 = t.Agent(t.members[0]);
        uint32_t spiBefore = 0;
        auto forge = [&](uint32_t signerRouter, bool breakSignature, bool unknownKek) {
            const SmkdKeyBundle* k = a1->GetKeys(GROUP);
            if (!k)
            {
                return;
            }
            spiBefore = k->sa.spi;
            SmkdKeyBundle fake = *k;
            fake.groupKey.assign(32, 0x42);
            fake.sa.spi = 0xbad00;
            Ptr<Node> signer = t.net.Router(signerRouter);
            SmkdSignedBlob blob{t.net.RouterAddress(signerRouter), fake.Serialize(), {}};
            blob.signature = suite->Sign(
                *suite->SigningKey(signer->GetObject<SmkdCryptoEngine>()->GetIdentity()),
                blob.SignedBytes());
            if (breakSignature)
            {
                blob.signature[0] ^= 1;
            }
            SmkdGroupKeyMessage m;
            m.group = GROUP;
            m.keySpi = unknownKek ? 0x999 : k->sa.spi;
            m.body = suite->AeadEncrypt(k->kek, m.AssociatedData(), blob.Serialize(), 7);
            const Bytes wire = m.Serialize();
            Ptr<Socket> s =
                Socket::CreateSocket(t.net.Host(t.initiator), UdpSocketFactory::GetTypeId());
            s->Bind();
            s->SendTo(
                Create<Packet>(wire.data(), wire.size()),
                0,
                InetSocketAddress(t.net.HostAddress(t.members[0]), SmkdGroupKeyMessage::PORT));
            s->Close();
        };
        Simulator::Schedule(Seconds(8), [&]() { forge(t.r1, false, false); });
        Simulator::Schedule(Seconds(9), [&]() { forge(t.core, true, false); });
        Simulator::Schedule(Seconds(10), [&]() { forge(t.core, false, true); });
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(a1->GetDroppedKeyMessages(), 3u, "all three refused");
        const SmkdKeyBundle* k = a1->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((k && k->sa.spi == spiBefore), true, "keys unchanged");
        NS_TEST_EXPECT_MSG_EQ(t.installed[t.members[0]].size(), 0u, "nothing installed");
    }
};

class SmkdRekeyTestSuite : public TestSuite
{
  public:
    SmkdRekeyTestSuite()
        : TestSuite("smkd-rekey", SYSTEM)
    {
        AddTestCase(new RekeyReachesEveryMemberTestCase, TestCase::QUICK);
        AddTestCase(new MemberMissesRekeyTestCase, TestCase::QUICK);
        AddTestCase(new BranchMissesRekeyTestCase, TestCase::QUICK);
        AddTestCase(new ForgedRekeyTestCase, TestCase::QUICK);
    }
};

SmkdRekeyTestSuite g_smkdRekeyTestSuite;

} // namespace
