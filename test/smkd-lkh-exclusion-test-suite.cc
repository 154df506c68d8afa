/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The Lkh exclusion strategy with n = 8 members and a binary key tree: every
// join reaches the primary's tree and every member keeps the current root
// key; one exclusion is one multicast message of 2*log2(8) - 1 = 5 encrypted
// keys plus the new bundle, one copy per tree link; the seven who remain
// install the new bundle, the excluded member cannot; same seed, same bytes.

#include "cbt-test-network.h"
#include "smkd-secure-tree.h"

#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/smkd-byte-codec.h"
#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-helper.h"
#include "ns3/test.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cmath>

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP{"232.19.49.27"};
const Time EXCLUDE_AT = Seconds(8);
const uint32_t HOSTS_PER_LAN = 4;

/**
 * Eight members on two LANs under a CBT tree:
 * \verbatim
              core [initiator]
             /    \
           r1      r2
           |        |
          dr1      dr2
        [m0..m3]  [m4..m7]
   \endverbatim
 * Member k joins at 3 + k spacing (0.2 s unless given); members[EXCLUDED] is excluded at 8 s.
 */
struct LkhTree
{
    static constexpr uint32_t EXCLUDED = 3; //!< a member of dr1's LAN

    CbtTestNetwork net;
    uint32_t core{0};
    std::vector<uint32_t> members;
    SmkdHelper smkd;
    /// Per member: the SPIs it installed by re-key, and when.
    std::map<uint32_t, std::vector<std::pair<Time, uint32_t>>> installed;
    /// The tree's leave re-keys the primary multicast, with the message bytes.
    std::vector<std::pair<SmkdKeyTreeRekey, Bytes>> leaves;
    /// Copies of the leave message forwarded over tree links.
    uint32_t leaveCopies{0};

    /// \param degree the key tree's degree
    /// \param spacing time between two members' joins
    explicit LkhTree(uint32_t degree, Time spacing = MilliSeconds(200))
    {
        Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy",
                           EnumValue(static_cast<int>(SmkdExclusionStrategy::LKH)));
        Config::SetDefault("ns3::SmkdGkdc::LkhDegree", UintegerValue(degree));
        net.EnableIgmp();
        core = net.AddRouter();
        const uint32_t r1 = net.AddRouter();
        const uint32_t r2 = net.AddRouter();
        const uint32_t dr1 = net.AddRouter();
        const uint32_t dr2 = net.AddRouter();
        net.Link(core, r1);
        net.Link(core, r2);
        net.Link(r1, dr1);
        net.Link(r2, dr2);
        members = net.Lan({dr1}, HOSTS_PER_LAN);
        for (uint32_t h : net.Lan({dr2}, HOSTS_PER_LAN))
        {
            members.push_back(h);
        }
        const uint32_t initiator = net.Lan({core}, 1)[0];
        net.Finish(GROUP, core);
        net.ListenOnHosts(9800);
        SecureGroup(net, smkd, GROUP, core, initiator, members);
        for (uint32_t k = 0; k < members.size(); ++k)
        {
            const uint32_t m = members[k];
            Simulator::Schedule(Seconds(3) + spacing * k,
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
        Gkdc()->TraceConnectWithoutContext(
            "LkhRekeySent",
            Callback<void, Ipv4Address, const SmkdKeyTreeRekey&, const Bytes&>(
                [this](Ipv4Address, const SmkdKeyTreeRekey& rekey, const Bytes& wire) {
                    if (rekey.kind == SmkdKeyTreeRekey::Kind::LEAVE)
                    {
                        leaves.emplace_back(rekey, wire);
                    }
                }));
        for (uint32_t r = 0; r < net.NumRouters(); ++r)
        {
            net.Cbt(r)->TraceConnectWithoutContext(
                "DataForwarded",
                Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                    [this](const Ipv4Header& ip, Ptr<const Packet> p, uint32_t) {
                        Ptr<Packet> copy = p->Copy();
                        UdpHeader udp;
                        // type (1) | group (4) | SPI (4) | body length (2) |
                        // re-key length (2) | re-key kind (1)
                        uint8_t head[14];
                        if (ip.GetProtocol() == 17 && copy->RemoveHeader(udp) &&
                            udp.GetDestinationPort() == SmkdGroupKeyMessage::PORT &&
                            copy->CopyData(head, sizeof(head)) == sizeof(head) &&
                            head[0] == static_cast<uint8_t>(SmkdGroupKeyMessage::Type::LKH_REKEY) &&
                            head[13] == static_cast<uint8_t>(SmkdKeyTreeRekey::Kind::LEAVE))
                        {
                            ++leaveCopies;
                        }
                    }));
        }
        Simulator::Schedule(EXCLUDE_AT,
                            &SmkdGkdc::Exclude,
                            Gkdc(),
                            GROUP,
                            net.HostAddress(members[EXCLUDED]));
    }

    ~LkhTree()
    {
        Simulator::Destroy();
        Config::Reset();
    }

    Ptr<SmkdHostAgent> Agent(uint32_t h) const
    {
        return net.Host(h)->GetObject<SmkdHostAgent>();
    }

    Ptr<SmkdGkdc> Gkdc() const
    {
        return net.Router(core)->GetObject<SmkdGkdc>();
    }
};

class LkhEightMembersTestCase : public TestCase
{
  public:
    LkhEightMembersTestCase()
        : TestCase("n = 8, d = 2: one leave message of 2 log2(n) - 1 keys, read by all but the "
                   "excluded member")
    {
    }

  private:
    void DoRun() override
    {
        LkhTree t(2);
        const uint32_t excluded = t.members[LkhTree::EXCLUDED];
        // Just before the exclusion: all eight in a full binary tree of
        // height 3, each holding the tree's current root key (so every
        // join re-key reached the members already there).
        uint32_t heightBefore = 0;
        uint32_t degree = 0;
        uint32_t currentRoot = 0;
        Simulator::Schedule(EXCLUDE_AT - MilliSeconds(1), [&]() {
            Ptr<const SmkdKeyTree> tree = t.Gkdc()->GetKeyTree(GROUP);
            if (!tree)
            {
                return;
            }
            heightBefore = tree->GetHeight();
            degree = tree->GetDegree();
            NS_TEST_EXPECT_MSG_EQ(tree->GetMemberCount(), 8u, "every join reached the tree");
            for (uint32_t m : t.members)
            {
                const SmkdKeyTreeMember* km = t.Agent(m)->GetKeyTreeMember(GROUP);
                currentRoot += (km && km->GetRootKey() == tree->GetRootKey()) ? 1 : 0;
            }
        });
        Simulator::Stop(EXCLUDE_AT + Seconds(2));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(degree, 2u, "LkhDegree reaches the tree");
        NS_TEST_EXPECT_MSG_EQ(heightBefore, 3u, "log2(8) = 3 levels");
        NS_TEST_EXPECT_MSG_EQ(currentRoot, 8u, "all eight hold the current root key");
        NS_TEST_ASSERT_MSG_EQ(t.leaves.size(), 1u, "one leave message");
        const SmkdKeyTreeRekey& leave = t.leaves[0].first;
        // RFC 2627 §5.4.1: k*d - 1 keys for a full d-ary tree of depth k;
        // with d = 2, n = 8: 2 * log2(8) - 1 = 5 (the excluded leaf's
        // sibling gets its parent's key, the two nodes above get theirs
        // under both children).
        const uint32_t rfc = static_cast<uint32_t>(2 * std::lround(std::log2(8.0)) - 1);
        NS_TEST_EXPECT_MSG_EQ(rfc, 5u, "the RFC's count");
        NS_TEST_EXPECT_MSG_EQ(leave.entries.size(), rfc, "the RFC's count on the wire");
        NS_TEST_EXPECT_MSG_EQ(leave.entries.size(),
                              degree * heightBefore - 1,
                              "the tree's own d*h - 1");
        NS_TEST_EXPECT_MSG_EQ(leave.member, t.net.HostAddress(excluded), "names the leaver");
        // 4 router links + 2 member LANs, each crossed once.
        NS_TEST_EXPECT_MSG_EQ(t.leaveCopies, 6u, "one copy per tree link");
        // The message: fixed part 11 bytes, tree re-key 17 + 5 * 64 bytes
        // with a 2-byte length, then the bundle with its length.
        NS_TEST_EXPECT_MSG_GT(t.leaves[0].second.size(), 11u + 2 + 17 + 5 * 64 + 2, "bundle too");

        const SmkdGroupKeys* keys = t.Gkdc()->GetGroupKeys(GROUP);
        Ptr<const SmkdKeyTree> tree = t.Gkdc()->GetKeyTree(GROUP);
        NS_TEST_ASSERT_MSG_EQ((keys && tree), true, "the primary holds keys and tree");
        const uint32_t newSpi = keys->bundle.sa.spi;
        NS_TEST_EXPECT_MSG_EQ(tree->GetMemberCount(), 7u, "seven remain in the tree");
        uint32_t remaining = 0;
        for (uint32_t m : t.members)
        {
            if (m == excluded)
            {
                continue;
            }
            ++remaining;
            NS_TEST_ASSERT_MSG_EQ(t.installed[m].size(), 1u, "member " << m << " installs once");
            NS_TEST_EXPECT_MSG_EQ(t.installed[m][0].second, newSpi, "the exclusion's keys");
            NS_TEST_EXPECT_MSG_LT(t.installed[m][0].first,
                                  EXCLUDE_AT + MilliSeconds(100),
                                  "within 100 ms");
            const SmkdKeyTreeMember* km = t.Agent(m)->GetKeyTreeMember(GROUP);
            NS_TEST_EXPECT_MSG_EQ((km && km->GetRootKey() == tree->GetRootKey()),
                                  true,
                                  "member " << m << " holds the new root key");
        }
        NS_TEST_EXPECT_MSG_EQ(remaining, 7u, "seven members checked");
        NS_TEST_EXPECT_MSG_EQ(t.installed[excluded].size(), 0u, "the excluded one installs none");
        NS_TEST_EXPECT_MSG_EQ(t.Agent(excluded)->GetKeysBySpi(GROUP, newSpi),
                              nullptr,
                              "nor holds the new bundle");
        const SmkdKeyTreeMember* old = t.Agent(excluded)->GetKeyTreeMember(GROUP);
        NS_TEST_ASSERT_MSG_NE(old, nullptr, "it had its path keys");
        NS_TEST_EXPECT_MSG_LT(old->GetRootKey().version,
                              tree->GetRootKey().version,
                              "its root key is an old one");
        // Its own old path keys open nothing of the leave message.
        SmkdKeyTreeMember replay = *old;
        NS_TEST_EXPECT_MSG_EQ(replay.Apply(leave), 0u, "no entry under a key it holds");
        NS_TEST_EXPECT_MSG_GT(t.Agent(excluded)->GetDroppedKeyMessages(),
                              0u,
                              "it dropped the leave message");
    }
};

/// \return the leave message's bytes in a run with \p run as RngRun.
Bytes
LeaveBytes(uint64_t run)
{
    RngSeedManager::SetRun(run);
    LkhTree t(2);
    Simulator::Stop(EXCLUDE_AT + Seconds(1));
    Simulator::Run();
    return t.leaves.empty() ? Bytes{} : t.leaves[0].second;
}

/**
 * The eight join 1 ms apart: the join re-keys of later members go out while
 * earlier members' path keys are still being signed and sealed, so they
 * overtake them (without the member keeping them, 3 of 8 end with a stale
 * root key). Every member still ends up with the tree's root key, and all
 * seven that remain read the leave message.
 */
class LkhSimultaneousJoinsTestCase : public TestCase
{
  public:
    LkhSimultaneousJoinsTestCase()
        : TestCase("members joining 1 ms apart all hold the root key and read the leave")
    {
    }

  private:
    void DoRun() override
    {
        LkhTree t(2, MilliSeconds(1));
        uint32_t currentRoot = 0;
        Simulator::Schedule(EXCLUDE_AT - MilliSeconds(1), [&]() {
            Ptr<const SmkdKeyTree> tree = t.Gkdc()->GetKeyTree(GROUP);
            for (uint32_t m : t.members)
            {
                const SmkdKeyTreeMember* km = t.Agent(m)->GetKeyTreeMember(GROUP);
                currentRoot += (tree && km && km->GetRootKey() == tree->GetRootKey()) ? 1 : 0;
            }
        });
        Simulator::Stop(EXCLUDE_AT + Seconds(1));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(currentRoot, 8u, "every member holds the current root key");
        uint32_t installed = 0;
        for (uint32_t k = 0; k < t.members.size(); ++k)
        {
            installed += (k != LkhTree::EXCLUDED && t.installed[t.members[k]].size() == 1) ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(installed, 7u, "the seven that remain installed the new keys");
        NS_TEST_EXPECT_MSG_EQ(t.installed[t.members[LkhTree::EXCLUDED]].size(),
                              0u,
                              "not the excluded");
    }
};

class LkhDeterminismTestCase : public TestCase
{
  public:
    LkhDeterminismTestCase()
        : TestCase("the same seed gives the same leave message, byte for byte")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t run = RngSeedManager::GetRun();
        const Bytes first = LeaveBytes(run);
        const Bytes second = LeaveBytes(run);
        const Bytes other = LeaveBytes(run + 1);
        RngSeedManager::SetRun(run);
        NS_TEST_ASSERT_MSG_EQ(first.empty(), false, "a leave message was sent");
        NS_TEST_EXPECT_MSG_EQ((first == second), true, "same seed, same bytes");
        NS_TEST_EXPECT_MSG_EQ(first.size(), other.size(), "same shape with another run");
        NS_TEST_EXPECT_MSG_EQ((first != other), true, "other keys with another run");
    }
};

/**
 * Forged member reports, sent by a host to the primary at 2.9 s before any
 * join: one names a host off the list, one a listed host with a signature
 * that does not verify. Both are dropped (2 drops), neither reaches the
 * tree, and the genuine joins that follow still give a tree of 8.
 */
class LkhForgedReportTestCase : public TestCase
{
  public:
    LkhForgedReportTestCase()
        : TestCase("forged member reports are dropped and add no one to the key tree")
    {
    }

  private:
    void DoRun() override
    {
        LkhTree t(4);
        const uint32_t forger = t.members[0];
        const Ipv4Address listed = t.net.HostAddress(t.members[7]);
        auto report = [&](Ipv4Address host) {
            smkd::ByteWriter body;
            body.Address(GROUP);
            body.Address(host);
            body.U64(static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()));
            SmkdSignedBlob blob{t.net.HostAddress(forger), body.Bytes(), Bytes(64, 0xab)};
            SmkdManagementMessage m;
            m.type = SmkdManagementMessage::Type::MEMBER_JOINED;
            m.group = GROUP;
            m.body = blob.Serialize();
            const Bytes wire = m.Serialize();
            Ptr<Socket> s = Socket::CreateSocket(t.net.Host(forger), UdpSocketFactory::GetTypeId());
            s->Bind();
            s->SendTo(Create<Packet>(wire.data(), wire.size()),
                      0,
                      InetSocketAddress(t.net.RouterAddress(t.core), SmkdManagementMessage::PORT));
        };
        Simulator::Schedule(Seconds(2.9), [&]() {
            report(Ipv4Address("10.99.99.99"));
            report(listed);
        });
        uint64_t drops = 0;
        bool treeBeforeJoins = true;
        Simulator::Schedule(Seconds(2.99), [&]() {
            drops = t.Gkdc()->GetDroppedKeyMessages();
            treeBeforeJoins = t.Gkdc()->GetKeyTree(GROUP) != nullptr;
        });
        uint32_t members = 0;
        Simulator::Schedule(EXCLUDE_AT - MilliSeconds(1), [&]() {
            Ptr<const SmkdKeyTree> tree = t.Gkdc()->GetKeyTree(GROUP);
            members = tree ? tree->GetMemberCount() : 0;
        });
        Simulator::Stop(EXCLUDE_AT);
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(drops, 2u, "both forged reports dropped");
        NS_TEST_EXPECT_MSG_EQ(treeBeforeJoins, false, "no tree made for them");
        NS_TEST_EXPECT_MSG_EQ(members, 8u, "the genuine joins make the tree");
    }
};

class SmkdLkhExclusionTestSuite : public TestSuite
{
  public:
    SmkdLkhExclusionTestSuite()
        : TestSuite("smkd-lkh-exclusion", SYSTEM)
    {
        AddTestCase(new LkhEightMembersTestCase(), TestCase::QUICK);
        AddTestCase(new LkhSimultaneousJoinsTestCase(), TestCase::QUICK);
        AddTestCase(new LkhDeterminismTestCase(), TestCase::QUICK);
        AddTestCase(new LkhForgedReportTestCase(), TestCase::QUICK);
    }
};

SmkdLkhExclusionTestSuite g_smkdLkhExclusionTestSuite;

} // namespace
