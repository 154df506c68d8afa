/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Member exclusion: a2 is excluded at 8 s. With every strategy the remaining
// members (a1, b1) hold new keys, a2 does not, a2 cannot open data sent under
// the new keys nor the next periodic re-key, and a2's attempt to join again is
// refused; the cost counts follow each strategy's formula.

#include "smkd-secure-tree.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/smkd-secure-receiver.h"
#include "ns3/smkd-secure-sender.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP = SecureTree::GROUP;
const Time EXCLUDE_AT = Seconds(8);

uint64_t
TotalOps(SecureTree& t, SmkdCryptoOp op)
{
    uint64_t n = 0;
    NodeContainer all(t.net.Routers(), t.net.Hosts());
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        n += (*it)->GetObject<SmkdCryptoEngine>()->GetCount(op);
    }
    return n;
}

class ExclusionTestCase : public TestCase
{
  public:
    explicit ExclusionTestCase(SmkdExclusionStrategy strategy)
        : TestCase(std::string(SmkdExclusionStrategyName(strategy)) +
                   ": the excluded member reads nothing sent after, the others read all"),
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
        // Group data from a1 under the group key, from 12 s: after the exclusion.
        Ptr<SmkdSecureSender> sender = CreateObject<SmkdSecureSender>();
        sender->SetAttribute("Group", Ipv4AddressValue(GROUP));
        sender->SetAttribute("UseSenderKey", BooleanValue(false));
        sender->SetAttribute("MaxPackets", UintegerValue(10));
        t.net.Host(a1)->AddApplication(sender);
        sender->SetStartTime(Seconds(12));
        std::map<uint32_t, Ptr<SmkdSecureReceiver>> rx;
        for (uint32_t m : {a2, b1})
        {
            rx[m] = CreateObject<SmkdSecureReceiver>();
            rx[m]->SetAttribute("Group", Ipv4AddressValue(GROUP));
            rx[m]->SetAttribute("JoinOnStart", BooleanValue(false));
            t.net.Host(m)->AddApplication(rx[m]);
            rx[m]->SetStartTime(Seconds(6));
        }
        std::vector<std::string> a2Refusals;
        t.Agent(a2)->TraceConnectWithoutContext(
            "JoinRefused",
            Callback<void, Ipv4Address, const std::string&>(
                [&a2Refusals](Ipv4Address, const std::string& why) { a2Refusals.push_back(why); }));
        std::vector<SmkdKeyTreeRekey> lkhLeaves;
        t.Gkdc(t.core)->TraceConnectWithoutContext(
            "LkhRekeySent",
            Callback<void, Ipv4Address, const SmkdKeyTreeRekey&, const Bytes&>(
                [&lkhLeaves](Ipv4Address, const SmkdKeyTreeRekey& rekey, const Bytes&) {
                    if (rekey.kind == SmkdKeyTreeRekey::Kind::LEAVE)
                    {
                        lkhLeaves.push_back(rekey);
                    }
                }));
        uint64_t sealsBefore = 0;
        uint64_t signsBefore = 0;
        Simulator::Schedule(EXCLUDE_AT, [&]() {
            sealsBefore = TotalOps(t, SmkdCryptoOp::SEAL);
            signsBefore = TotalOps(t, SmkdCryptoOp::SIGN);
            t.Gkdc(t.core)->Exclude(GROUP, t.net.HostAddress(a2));
        });
        uint64_t seals = 0;
        uint64_t signs = 0;
        Simulator::Schedule(EXCLUDE_AT + Seconds(1), [&]() {
            seals = TotalOps(t, SmkdCryptoOp::SEAL) - sealsBefore;
            signs = TotalOps(t, SmkdCryptoOp::SIGN) - signsBefore;
        });
        Simulator::Stop(Seconds(26)); // the next periodic re-key is due at 8 + 20 - 5 = 23 s
        Simulator::Run();

        // sent[0]: the periodic re-key at ~16 s is cancelled by the exclusion
        // at 8 s; sent holds the exclusion's new SPI and then the re-key at 23 s.
        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 2u, "exclusion + one periodic re-key");
        if (t.sent.size() != 2)
        {
            return;
        }
        const uint32_t excludedSpi = t.sent[0].second;
        const uint32_t laterSpi = t.sent[1].second;
        NS_TEST_EXPECT_MSG_EQ(t.sent[0].first, EXCLUDE_AT, "exclusion started at once");
        for (uint32_t m : {a1, b1})
        {
            NS_TEST_ASSERT_MSG_EQ(t.installed[m].size(), 2u, "member " << m << ": both new keys");
            if (t.installed[m].size() != 2)
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(t.installed[m][0].second, excludedSpi, "the exclusion's keys");
            NS_TEST_EXPECT_MSG_LT(t.installed[m][0].first,
                                  EXCLUDE_AT + MilliSeconds(100),
                                  "within 100 ms");
            NS_TEST_EXPECT_MSG_EQ(t.installed[m][1].second, laterSpi, "then the periodic re-key");
        }
        NS_TEST_EXPECT_MSG_EQ(t.installed[a2].size(), 0u, "a2 got no new key");
        NS_TEST_EXPECT_MSG_EQ(t.Agent(a2)->GetKeysBySpi(GROUP, excludedSpi), nullptr, "none held");
        NS_TEST_EXPECT_MSG_GT(t.Agent(a2)->GetDroppedKeyMessages(),
                              0u,
                              "a2 could not read the periodic re-key");
        NS_TEST_EXPECT_MSG_EQ(rx[b1]->GetDelivered(), 10u, "b1 reads a1's data");
        NS_TEST_EXPECT_MSG_EQ(rx[a2]->GetDelivered(), 0u, "a2 reads none of it");
        NS_TEST_EXPECT_MSG_EQ(rx[a2]->GetRejected("unknown-spi"), 10u, "a2 lacks the key");
        NS_TEST_EXPECT_MSG_GT(a2Refusals.size(), 0u, "a2's attempt to re-join is refused");
        const SmkdGroupKeys* keys = t.Gkdc(t.core)->GetGroupKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((keys && !keys->acl.Permits(t.net.HostAddress(a2))),
                              true,
                              "a2 is off the list");
        // Costs of the exclusion itself, within a second of it.
        switch (m_strategy)
        {
        case SmkdExclusionStrategy::SUBTREE_GKDC:
            // Primary: [ACL], [bundle]. Seals: core->r1, core->r2, r1->dr1,
            // r2->dr2 (4 child GKDCs) + dr1->a1, dr2->b1 (the served hosts but a2).
            // Each GKDC signs its push to each child GKDC (core->r1, core->r2,
            // r1->dr1, r2->dr2: 4) and the DRs each delivery to a host (2).
            NS_TEST_EXPECT_MSG_EQ(signs, 2u + 4 + 2, "list, bundle, 4 pushes, 2 deliveries");
            NS_TEST_EXPECT_MSG_EQ(seals, 6u, "4 routers + 2 hosts");
            break;
        case SmkdExclusionStrategy::CORE_UNICAST:
            // Primary: list, bundle, revocation; one seal per listed host but
            // a2 and the initiator: a1, b1 and the listed non-member sender.
            // Each sealed delivery is signed too: 3 more.
            NS_TEST_EXPECT_MSG_EQ(signs, 3u + 3, "list, bundle, revocation, 3 deliveries");
            NS_TEST_EXPECT_MSG_EQ(seals, 3u, "n - 1 listed hosts");
            break;
        case SmkdExclusionStrategy::NEW_GROUP:
            // Primary: list, bundle, revocation; then a1 and b1 join again
            // through two off-tree routers each (k = 2: 2k + 4 = 8 signatures
            // per join), and a2's join is signed on its way up and refused
            // (host token, dr1, r1, the core's nack; r1 forwards it once keys
            // arrived at r1 from a1's join, or the core refuses it).
            NS_TEST_EXPECT_MSG_GT_OR_EQ(signs, 3u + 2 * 8, "revocation and two full joins");
            NS_TEST_EXPECT_MSG_GT_OR_EQ(seals, 2u, "keys sealed for a1 and b1");
            break;
        case SmkdExclusionStrategy::LKH: {
            // Primary: list, bundle, revocation; no seal: the bundle goes
            // under the tree's new root key. The tree (LkhDegree 4) holds
            // a1, a2, b1 as leaves of the root, depth 1. RFC 2627 §5.4.1: the
            // root gets a new key, encrypted under each remaining child's
            // key: a1's and b1's leaf keys, 2 entries (d*h - 1 = 3 for a full
            // root of 4 leaves, less one for the vacancy).
            NS_TEST_EXPECT_MSG_EQ(signs, 3u, "list, bundle, revocation");
            NS_TEST_EXPECT_MSG_EQ(seals, 0u, "nothing sealed per member");
            NS_TEST_ASSERT_MSG_EQ(lkhLeaves.size(), 1u, "one leave message");
            NS_TEST_EXPECT_MSG_EQ(lkhLeaves[0].entries.size(), 2u, "two encrypted keys");
            NS_TEST_EXPECT_MSG_EQ(lkhLeaves[0].member, t.net.HostAddress(a2), "a2 left");
            Ptr<const SmkdKeyTree> tree = t.Gkdc(t.core)->GetKeyTree(GROUP);
            NS_TEST_EXPECT_MSG_EQ(
                (tree && tree->GetMemberCount() == 2 && !tree->HasMember(t.net.HostAddress(a2))),
                true,
                "a1 and b1 remain in the tree");
            break;
        }
        }
    }

    SmkdExclusionStrategy m_strategy;
};

class SmkdExclusionTestSuite : public TestSuite
{
  public:
    SmkdExclusionTestSuite()
        : TestSuite("smkd-exclusion", SYSTEM)
    {
        AddTestCase(new ExclusionTestCase(SmkdExclusionStrategy::NEW_GROUP), TestCase::QUICK);
        AddTestCase(new ExclusionTestCase(SmkdExclusionStrategy::CORE_UNICAST), TestCase::QUICK);
        AddTestCase(new ExclusionTestCase(SmkdExclusionStrategy::SUBTREE_GKDC), TestCase::QUICK);
        AddTestCase(new ExclusionTestCase(SmkdExclusionStrategy::LKH), TestCase::QUICK);
    }
};

SmkdExclusionTestSuite g_smkdExclusionTestSuite;

} // namespace
