/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The logical key hierarchy of RFC 2627 §5.4: where members go, how many
// encrypted keys a join and a leave cost (against the RFC's figures), that
// every remaining member follows the server and an excluded member (alone
// or colluding) obtains nothing, and the rekey message's wire format.

#include "smkd-test-check.h"

#include "ns3/random-variable-stream.h"
#include "ns3/smkd-key-tree-member.h"
#include "ns3/smkd-key-tree.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

using namespace ns3;
using ns3::smkd::test::Throws;
using ns3::smkd::test::ValueCheckTestCase;

namespace
{

Ipv4Address
Member(uint32_t i)
{
    return Ipv4Address(0x0a000000 + i);
}

/// The member of 1..n whose leaf shares member i's parent (0 if none).
uint32_t
SiblingOf(const SmkdKeyTree& tree, uint32_t i, uint32_t n)
{
    const uint32_t parent = tree.PathKeys(Member(i)).at(1).node;
    for (uint32_t j = 1; j <= n; ++j)
    {
        if (j != i && tree.HasMember(Member(j)) && tree.PathKeys(Member(j)).at(1).node == parent)
        {
            return j;
        }
    }
    return 0;
}

/// A key server's tree and every member's view of it, kept in step.
class Group
{
  public:
    Group(uint32_t degree, uint64_t seed = 1)
        : ctx(Create<smkd::OpenSslContext>()),
          tree(CreateObject<SmkdKeyTree>())
    {
        tree->SetAttribute("Degree", UintegerValue(degree));
        tree->SetDrbgStream(seed, 99);
        tree->SetOpenSslContext(ctx);
    }

    /// Add member i; the others apply the join message; i gets its path keys.
    SmkdKeyTreeRekey Join(uint32_t i, bool applyToOthers = true)
    {
        SmkdKeyTreeRekey m = tree->Add(Member(i));
        if (applyToOthers)
        {
            ApplyAll(m);
        }
        members.emplace(i, SmkdKeyTreeMember(tree->PathKeys(Member(i)), ctx));
        return m;
    }

    /// Add members 1..n, giving each its keys only at the end (fast setup).
    void Fill(uint32_t n)
    {
        for (uint32_t i = 1; i <= n; ++i)
        {
            tree->Add(Member(i));
        }
        for (uint32_t i = 1; i <= n; ++i)
        {
            members.emplace(i, SmkdKeyTreeMember(tree->PathKeys(Member(i)), ctx));
        }
    }

    /// Remove member i; the others apply the leave message.
    SmkdKeyTreeRekey Leave(uint32_t i)
    {
        SmkdKeyTreeRekey m = tree->Remove(Member(i));
        members.erase(i);
        ApplyAll(m);
        return m;
    }

    /// Every member applies \p m; returns the keys installed in all.
    uint32_t ApplyAll(const SmkdKeyTreeRekey& m)
    {
        uint32_t n = 0;
        for (auto& [i, member] : members)
        {
            n += member.Apply(m);
        }
        return n;
    }

    /// Members whose keys differ from what the server says they should hold.
    uint32_t CountOutOfStep() const
    {
        uint32_t bad = 0;
        for (const auto& [i, member] : members)
        {
            const auto path = tree->PathKeys(Member(i));
            bool same =
                member.GetKeys().size() == path.size() && member.GetRootKey() == tree->GetRootKey();
            for (const auto& k : path)
            {
                const SmkdKeyTreeKey* held = member.GetKey(k.node);
                same = same && held && *held == k;
            }
            bad += same ? 0 : 1;
        }
        return bad;
    }

    Ptr<smkd::OpenSslContext> ctx;
    Ptr<SmkdKeyTree> tree;
    std::map<uint32_t, SmkdKeyTreeMember> members;
};

/// Placement: top-down filling and leaf splitting, traced by hand.
class KeyTreeShapeTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeShapeTestCase()
        : ValueCheckTestCase(
              "members fill the shallowest node with room, then split the oldest leaf")
    {
    }

  private:
    void DoRun() override
    {
        // d = 2: m1, m2 under the root; m3 splits m1's leaf (node under the
        // root holding m1, m3); m4 splits m2's; m5 splits the oldest leaf at
        // depth 2, m1's again. Depths: m1 3, m2 2, m3 2, m4 2, m5 3.
        Group g(2);
        g.Fill(5);
        const uint32_t depth[] = {3, 2, 2, 2, 3};
        for (uint32_t i = 1; i <= 5; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(g.tree->GetDepth(Member(i)), depth[i - 1], "depth of m" << i);
        }
        // 5 leaves, the root and 3 split nodes.
        NS_TEST_EXPECT_MSG_EQ(g.tree->GetNodeCount(), 9u, "nodes, n = 5");
        NS_TEST_EXPECT_MSG_EQ(g.tree->GetHeight(), 3u, "height, n = 5");
        NS_TEST_EXPECT_MSG_EQ(g.tree->PathKeys(Member(5)).size(), 4u, "m5 holds d+1 keys");

        // Full trees: d^h members all at depth h; (d^h - 1)/(d - 1) internal nodes.
        Group b(2);
        b.Fill(8);
        NS_TEST_EXPECT_MSG_EQ(b.tree->GetNodeCount(), 15u, "8 leaves + 7 internal");
        Group q(4);
        q.Fill(64);
        NS_TEST_EXPECT_MSG_EQ(q.tree->GetNodeCount(), 85u, "64 leaves + 21 internal");
        uint32_t atDepth3 = 0;
        for (uint32_t i = 1; i <= 64; ++i)
        {
            atDepth3 += q.tree->GetDepth(Member(i)) == 3 ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(atDepth3, 64u, "d = 4, n = 64: every member at depth 3");
        NS_TEST_EXPECT_MSG_EQ(q.tree->PathKeys(Member(17)).size(), 4u, "storage d+1 = 4 keys");
        NS_TEST_EXPECT_MSG_EQ(q.CountOutOfStep(), 0u, "members hold their path keys");

        // Degree applies to later joins: with 4, the root of a d = 2 tree of
        // two members takes two more.
        Group grow(2);
        grow.Fill(2);
        grow.tree->SetAttribute("Degree", UintegerValue(4));
        grow.Join(3);
        grow.Join(4);
        NS_TEST_EXPECT_MSG_EQ(grow.tree->GetHeight(), 1u, "degree raised: all under the root");
        NS_TEST_EXPECT_MSG_EQ(grow.CountOutOfStep(), 0u, "members in step after the change");
    }
};

/// Leave cost against RFC 2627 §5.4.1 and Table 1.
class KeyTreeLeaveCountTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeLeaveCountTestCase()
        : ValueCheckTestCase(
              "leave message: d·h − 1 encrypted keys in a full tree (RFC 2627 Table 1)")
    {
    }

  private:
    void DoRun() override
    {
        // RFC 2627 §5.4.1: "The number of transmissions required is the sum
        // of the degrees of the replaced nodes. In a k-ary tree in which a
        // sits at depth d, this comes to at most kd-1": the lowest replaced
        // node lost the leaving leaf (k − 1 children), the d − 1 above it keep k.
        struct Case
        {
            uint32_t degree;
            uint32_t n;
            uint32_t expected;
        };

        // Table 1 rows (n, k, kd−1): (8, 2, 5), (9, 3, 5), (16, 2, 7); and
        // d = 4, n = 64 (h = 3): 4·3 − 1 = 11.
        for (const Case& c : {Case{2, 8, 5}, Case{3, 9, 5}, Case{2, 16, 7}, Case{4, 64, 11}})
        {
            for (uint32_t leaving : {1u, c.n / 2, c.n})
            {
                Group g(c.degree);
                g.Fill(c.n);
                const SmkdKeyTreeRekey m = g.Leave(leaving);
                NS_TEST_EXPECT_MSG_EQ(m.entries.size(),
                                      c.expected,
                                      "d = " << c.degree << ", n = " << c.n << ", m" << leaving
                                             << " leaves");
                NS_TEST_EXPECT_MSG_EQ(g.CountOutOfStep(), 0u, "remaining members in step");
            }
        }

        // RFC 2627 Figure 2: User 11 leaves the binary tree of 16. User 12
        // (its sibling) needs F, K, N, O: 4 keys; Users 13-16 need N and O: 2.
        {
            Group g(2);
            g.Fill(16);
            const uint32_t sibling = SiblingOf(*g.tree, 11, 16);
            NS_TEST_ASSERT_MSG_NE(sibling, 0u, "m11 has a sibling");
            SmkdKeyTreeRekey m = g.tree->Remove(Member(11));
            const uint32_t installed =
                g.members.count(sibling) ? g.members.at(sibling).Apply(m) : 0;
            ExpectEq(installed, 4u, "sibling installs F, K, N, O");
            g.members.erase(11);
            g.members.erase(sibling);
            std::map<uint32_t, uint32_t> histogram;
            for (auto& [i, member] : g.members)
            {
                ++histogram[member.Apply(m)];
            }
            // Of the other 14: 2 share K (3 new keys), 4 share N (2), 8 only O (1).
            NS_TEST_EXPECT_MSG_EQ(histogram[3], 2u, "users 9 and 10: K, N, O");
            NS_TEST_EXPECT_MSG_EQ(histogram[2], 4u, "users 13-16: N, O");
            NS_TEST_EXPECT_MSG_EQ(histogram[1], 8u, "users 1-8: O");
        }

        // A tree that is not full (d = 4, n = 20; traced by hand): the root
        // has 4 children A, B, C, D of 4 each; A's first child is a node of
        // 4 (m1, m17, m18, m19) and B's first a node of 2 (m2, m20). The
        // count is the sum of the surviving ancestors' child counts.
        Group g(4);
        g.Fill(20);
        // m20: its node keeps m2 (1), B keeps 4, the root 4.
        ExpectEq(g.Leave(20).entries.size(), 9u, "n = 20, m20 leaves");
        // m17: its node keeps 3, A 4, the root 4.
        ExpectEq(g.Leave(17).entries.size(), 11u, "n = 19, m17 leaves");
        // m5, a leaf of A at depth 2: A keeps 3, the root 4.
        ExpectEq(g.Leave(5).entries.size(), 7u, "n = 18, m5 leaves");
        NS_TEST_EXPECT_MSG_EQ(g.CountOutOfStep(), 0u, "members in step, n = 17");

        // A node left without children goes: m2 leaves its node of one, which
        // is removed (2 nodes fewer); B keeps 3 children, the root 4.
        const uint32_t nodes = g.tree->GetNodeCount();
        ExpectEq(g.Leave(2).entries.size(), 7u, "m2 empties its node");
        NS_TEST_EXPECT_MSG_EQ(g.tree->GetNodeCount(), nodes - 2, "leaf and emptied node removed");
        NS_TEST_EXPECT_MSG_EQ(g.CountOutOfStep(), 0u, "members in step, n = 16");

        // The last member: the root key changes, nobody to tell.
        Group one(2);
        one.Fill(1);
        const uint32_t before = one.tree->GetRootKey().version;
        ExpectEq(one.Leave(1).entries.size(), 0u, "last member: no entries");
        NS_TEST_EXPECT_MSG_EQ(one.tree->GetRootKey().version, before + 1, "root renewed anyway");
        NS_TEST_EXPECT_MSG_EQ(one.tree->GetMemberCount(), 0u, "empty");
    }
};

/// Join cost: every key on the newcomer's path is replaced.
class KeyTreeJoinCountTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeJoinCountTestCase()
        : ValueCheckTestCase("join message: one encrypted key per level of the newcomer's path")
    {
    }

  private:
    void DoRun() override
    {
        Group g(2);
        ExpectEq(g.Join(1).entries.size(), 0u, "first member: nobody to tell");
        // m2 under the root: the root's new key under its old one, for m1.
        ExpectEq(g.Join(2).entries.size(), 1u, "second member: root only");

        // Full binary tree of 8 (h = 3): the 9th splits a leaf and sits at
        // depth 4; its node's first key under the split member's own key,
        // then 3 ancestors each under its old version: 4 = h + 1.
        Group b(2);
        b.Fill(8);
        SmkdKeyTreeRekey m = b.Join(9);
        NS_TEST_EXPECT_MSG_EQ(m.entries.size(), 4u, "d = 2, n = 8 -> 9");
        NS_TEST_EXPECT_MSG_EQ(b.tree->GetDepth(Member(9)), 4u, "newcomer at depth 4");
        NS_TEST_EXPECT_MSG_EQ(b.CountOutOfStep(), 0u, "members in step after the split");

        // d = 4, n = 64: a leave opens a place at depth 3, the next member
        // takes it; 3 ancestors renewed under their old versions: h = 3.
        Group q(4);
        q.Fill(64);
        q.Leave(40);
        m = q.Join(65);
        NS_TEST_EXPECT_MSG_EQ(m.entries.size(), 3u, "d = 4, refill at depth 3");
        NS_TEST_EXPECT_MSG_EQ(q.tree->GetDepth(Member(65)), 3u, "vacancy taken");
        for (const auto& e : m.entries)
        {
            NS_TEST_EXPECT_MSG_EQ(e.underNode, e.node, "renewed under its own old key");
            NS_TEST_EXPECT_MSG_EQ(e.underVersion + 1, e.version, "old version = new - 1");
        }
        NS_TEST_EXPECT_MSG_EQ(q.CountOutOfStep(), 0u, "members in step after the refill");

        // Backward secrecy: the newcomer holds no key version that existed
        // before it joined (every path key was renewed or is new).
        const auto before = q.tree->GetRootKey();
        // The tree is full again (64): m66 splits a leaf and sits at depth 4.
        const SmkdKeyTreeRekey j = q.Join(66);
        NS_TEST_EXPECT_MSG_EQ(j.entries.size(), 4u, "split join at depth 4");
        SmkdKeyTreeMember joiner = q.members.at(66);
        NS_TEST_EXPECT_MSG_EQ(joiner.GetRootKey().version, before.version + 1, "new root version");
        NS_TEST_EXPECT_MSG_EQ((joiner.GetRootKey().key == before.key), false, "new root key");
        uint32_t oldHeld = 0;
        for (const auto& e : j.entries)
        {
            const SmkdKeyTreeKey* k = joiner.GetKey(e.underNode);
            oldHeld += k && k->version == e.underVersion ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(oldHeld,
                              0u,
                              "none of the keys the join message uses is the joiner's");
        ExpectEq(joiner.Apply(j), 0u, "its own join message gives the joiner nothing");
    }
};

/// RFC 2627 §5.4.1: "without permitting User 11 or anyone else from obtaining them".
class KeyTreeExclusionTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeExclusionTestCase()
        : ValueCheckTestCase("an excluded member, alone or colluding, obtains no new key")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t degree : {2u, 4u})
        {
            Group g(degree);
            g.Fill(degree == 2 ? 8 : 64);
            // A copy of m3's keys as they were when it was removed.
            SmkdKeyTreeMember removed3 = g.members.at(3);
            const SmkdKeyTreeKey oldRoot = removed3.GetRootKey();
            SmkdKeyTreeRekey leave3 = g.Leave(3);
            ExpectEq(removed3.Apply(leave3), 0u, "own leave, d = " + std::to_string(degree));
            NS_TEST_EXPECT_MSG_EQ((removed3.GetRootKey() == oldRoot), true, "root unchanged");
            NS_TEST_EXPECT_MSG_EQ((g.tree->GetRootKey().key == oldRoot.key), false, "server moved");
            NS_TEST_EXPECT_MSG_EQ(removed3.GetRejectedCount(), 0u, "nothing even under its keys");

            // m4 leaves next (it had the keys of m3's leave); the two pool their keys.
            SmkdKeyTreeMember removed4 = g.members.at(4);
            SmkdKeyTreeRekey leave4 = g.Leave(4);
            std::vector<SmkdKeyTreeKey> pooled;
            for (const auto* removed : {&removed3, &removed4})
            {
                for (const auto& [node, k] : removed->GetKeys())
                {
                    pooled.push_back(k);
                }
            }
            pooled.push_back(removed4.GetRootKey()); // the newest root last: it names the root
            SmkdKeyTreeMember colluders(pooled, g.ctx);
            const uint32_t rootBefore = colluders.GetRootKey().version;
            std::vector<SmkdKeyTreeRekey> later = {leave3, leave4};
            for (uint32_t i = 100; i < 104; ++i)
            {
                later.push_back(g.Join(i));
            }
            later.push_back(g.Leave(1));
            later.push_back(g.Leave(2));
            uint32_t obtained = 0;
            for (const auto& m : later)
            {
                obtained += colluders.Apply(m) + removed3.Apply(m) + removed4.Apply(m);
            }
            NS_TEST_EXPECT_MSG_EQ(obtained, 0u, "d=" << degree << ": nothing after exclusion");
            NS_TEST_EXPECT_MSG_EQ(colluders.GetRootKey().version,
                                  rootBefore,
                                  "colluders stuck at the version m4 had");
            NS_TEST_EXPECT_MSG_EQ(g.members.at(5).GetRootKey().version,
                                  rootBefore + 7,
                                  "m5 followed leave4, 4 joins and 2 leaves: 7 versions on");
            NS_TEST_EXPECT_MSG_EQ(g.CountOutOfStep(), 0u, "remaining members in step");
        }
    }
};

/// Every member's view after many random joins and leaves, n = 4096, d = 4.
class KeyTreeLargeTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeLargeTestCase()
        : ValueCheckTestCase(
              "n = 4096, d = 4: 100 random leaves and 100 joins keep every member in step")
    {
    }

  private:
    void DoRun() override
    {
        Group g(4, 7);
        g.Fill(4096);
        NS_TEST_EXPECT_MSG_EQ(g.tree->GetHeight(), 6u, "4^6 = 4096: full tree of height 6");
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(11);
        std::vector<uint32_t> present;
        for (uint32_t i = 1; i <= 4096; ++i)
        {
            present.push_back(i);
        }
        uint32_t next = 4097;
        uint32_t leaves = 0;
        uint32_t joins = 0;
        std::size_t maxLeave = 0;
        while (leaves < 100 || joins < 100)
        {
            // Never more joins than leaves so far: joins refill vacancies, so
            // the tree stays within its 4096 places.
            const bool leave = joins >= leaves || (leaves < 100 && rng->GetValue() < 0.5);
            if (leave)
            {
                const uint32_t k = rng->GetInteger(0, present.size() - 1);
                const uint32_t who = present[k];
                present[k] = present.back();
                present.pop_back();
                maxLeave = std::max(maxLeave, g.Leave(who).entries.size());
                ++leaves;
            }
            else
            {
                present.push_back(next);
                g.Join(next++);
                ++joins;
            }
            NS_TEST_ASSERT_MSG_EQ(g.tree->GetMemberCount(), present.size(), "member count");
        }
        NS_TEST_EXPECT_MSG_EQ(g.CountOutOfStep(), 0u, "every member holds the server's keys");
        uint32_t sameRoot = 0;
        for (const auto& [i, member] : g.members)
        {
            sameRoot += member.GetRootKey() == g.tree->GetRootKey() ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(sameRoot, 4096u, "every member's root key is the server's");
        // Vacancies are refilled before any leaf splits, so the height stays
        // 6 and no leave costs more than the full tree's 4·6 − 1 = 23.
        NS_TEST_EXPECT_MSG_EQ(g.tree->GetHeight(), 6u, "height after churn");
        NS_TEST_EXPECT_MSG_EQ(maxLeave, 23u, "largest leave message");
    }
};

/// Order, replays and tampering on the member side.
class KeyTreeMemberApplyTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeMemberApplyTestCase()
        : ValueCheckTestCase("member: any entry order, replays ignored, tampered entries rejected")
    {
    }

  private:
    void DoRun() override
    {
        Group g(2);
        g.Fill(8);
        const uint32_t s1 = SiblingOf(*g.tree, 1, 8);
        NS_TEST_ASSERT_MSG_NE(s1, 0u, "m1 has a sibling");
        if (s1 == 0)
        {
            return;
        }
        SmkdKeyTreeMember sibling = g.members.at(s1);
        SmkdKeyTreeMember reversed = sibling;
        SmkdKeyTreeMember tampered = sibling;
        SmkdKeyTreeRekey m = g.tree->Remove(Member(1));
        NS_TEST_ASSERT_MSG_EQ(m.entries.size(), 5u, "2·3 − 1 entries");
        if (m.entries.empty())
        {
            return;
        }

        SmkdKeyTreeRekey back = m;
        std::reverse(back.entries.begin(), back.entries.end());
        ExpectEq(reversed.Apply(back), 3u, "reversed order: 3 keys still");
        NS_TEST_EXPECT_MSG_EQ((reversed.GetRootKey() == g.tree->GetRootKey()), true, "root");
        ExpectEq(sibling.Apply(m), 3u, "in order: parent, grandparent, root");
        ExpectEq(sibling.Apply(m), 0u, "the same message again: nothing");

        // Flip a bit of the first entry (the parent's key under m2's leaf):
        // nothing above it can be reached either.
        SmkdKeyTreeRekey bad = m;
        bad.entries[0].ciphertext[5] ^= 0x10;
        ExpectEq(tampered.Apply(bad), 0u, "broken chain: nothing installed");
        NS_TEST_EXPECT_MSG_EQ(tampered.GetRejectedCount(), 1u, "one entry failed its tag");
        // Relabelling an entry (AAD) fails too.
        bad = m;
        bad.entries[0].version += 1;
        ExpectEq(tampered.Apply(bad), 0u, "relabelled version");
        NS_TEST_EXPECT_MSG_EQ(tampered.GetRejectedCount(), 2u, "second rejection");
        ExpectEq(tampered.Apply(m), 3u, "the genuine message still works");

        const bool threw =
            Throws<std::invalid_argument>([&] { SmkdKeyTreeMember none({}, g.ctx); });
        NS_TEST_EXPECT_MSG_EQ(threw, true, "no path keys");
    }
};

/// Misuse is reported by exceptions naming the problem.
class KeyTreeErrorsTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeErrorsTestCase()
        : ValueCheckTestCase("duplicate and unknown members, no random source, degree below 2")
    {
    }

  private:
    void DoRun() override
    {
        Group g(3);
        g.Join(1);
        ExpectEq(Throws<std::invalid_argument>([&] { g.tree->Add(Member(1)); }),
                 true,
                 "duplicate member");
        ExpectEq(Throws<std::invalid_argument>([&] { g.tree->Remove(Member(2)); }),
                 true,
                 "unknown member");
        NS_TEST_EXPECT_MSG_EQ(Throws<std::invalid_argument>([&] { g.tree->PathKeys(Member(2)); }),
                              true,
                              "path of an unknown member");
        NS_TEST_EXPECT_MSG_EQ(Throws<std::invalid_argument>([&] { g.tree->SetDegree(1); }),
                              true,
                              "degree 1");
        NS_TEST_EXPECT_MSG_EQ(g.tree->GetDegree(), 3u, "degree unchanged");
        Ptr<SmkdKeyTree> bare = CreateObject<SmkdKeyTree>();
        NS_TEST_EXPECT_MSG_EQ(bare->GetDegree(), 4u, "default degree");
        ExpectEq(Throws<std::logic_error>([&] { bare->Add(Member(1)); }), true, "no random source");
        NS_TEST_EXPECT_MSG_EQ(bare->GetMemberCount(), 0u, "nothing added");
        NS_TEST_EXPECT_MSG_EQ(bare->GetRootKey().node, 0u, "no root yet");
    }
};

/// Same seed, same messages; the trace source sees each one.
class KeyTreeDeterminismTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeDeterminismTestCase()
        : ValueCheckTestCase(
              "same seed, same messages byte for byte; Rekey trace fires per message")
    {
    }

  private:
    void DoRun() override
    {
        auto run = [](uint64_t seed, uint32_t* traced) {
            Group g(3, seed);
            if (traced)
            {
                g.tree->TraceConnectWithoutContext(
                    "Rekey",
                    Callback<void, const SmkdKeyTreeRekey&>([traced](const SmkdKeyTreeRekey& m) {
                        *traced += 1 + static_cast<uint32_t>(m.entries.size());
                    }));
            }
            Bytes all;
            for (uint32_t i = 1; i <= 12; ++i)
            {
                Bytes b = g.tree->Add(Member(i)).Serialize();
                all.insert(all.end(), b.begin(), b.end());
            }
            for (uint32_t i : {5u, 1u, 12u})
            {
                Bytes b = g.tree->Remove(Member(i)).Serialize();
                all.insert(all.end(), b.begin(), b.end());
            }
            return all;
        };
        uint32_t traced = 0;
        const Bytes a = run(5, &traced);
        NS_TEST_EXPECT_MSG_EQ((run(5, nullptr) == a), true, "same seed");
        NS_TEST_EXPECT_MSG_EQ((run(6, nullptr) == a), false, "other seed");
        // 15 messages; (size - 15 * 17) / 64 entries in all.
        const uint32_t entries = (a.size() - 15 * SmkdKeyTreeRekey::FIXED_SIZE) / 64;
        NS_TEST_EXPECT_MSG_EQ(traced, 15 + entries, "one trace per message, with its entries");
    }
};

/// Wire format of the rekey message and of a path; bounded parsing.
class KeyTreeCodecTestCase : public ValueCheckTestCase
{
  public:
    KeyTreeCodecTestCase()
        : ValueCheckTestCase("rekey and path codecs: round trip, every truncation, bad fields")
    {
    }

  private:
    void DoRun() override
    {
        using smkd::WireError;
        Group g(2);
        g.Fill(8);
        const SmkdKeyTreeRekey m = g.tree->Remove(Member(6));
        const Bytes wire = m.Serialize();
        // 17 fixed bytes + 5 entries of 64.
        NS_TEST_ASSERT_MSG_EQ(wire.size(), 17u + 5 * 64, "size");
        if (wire.size() != 17u + 5 * 64)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(m.GetSerializedSize(), wire.size(), "GetSerializedSize");
        NS_TEST_EXPECT_MSG_EQ(unsigned(wire[0]), 2u, "kind LEAVE");
        SmkdKeyTreeRekey back;
        NS_TEST_ASSERT_MSG_EQ(SmkdKeyTreeRekey::Parse(wire, back).Ok(), true, "parses");
        NS_TEST_EXPECT_MSG_EQ((back.Serialize() == wire), true, "round trip");
        NS_TEST_EXPECT_MSG_EQ(back.member, Member(6), "member");
        NS_TEST_EXPECT_MSG_EQ(back.rootVersion, g.tree->GetRootKey().version, "root version");
        // m6's sibling installs 3 keys, the 2 members of the neighbouring
        // pair 2 each, the 4 of the other half 1 each; m6 itself none.
        ExpectEq(g.ApplyAll(back), 3u + 2 * 2 + 4, "the parsed message works");
        ExpectEq(g.members.erase(6), 1u, "m6 out of the view");
        NS_TEST_EXPECT_MSG_EQ(g.CountOutOfStep(), 0u, "after the parsed message");

        for (std::size_t n = 0; n < wire.size(); ++n)
        {
            SmkdKeyTreeRekey out;
            const smkd::WireStatus s =
                SmkdKeyTreeRekey::Parse(Bytes(wire.begin(), wire.begin() + n), out);
            const WireError want = n < 17 ? WireError::TRUNCATED : WireError::RECORD_OVERRUN;
            NS_TEST_EXPECT_MSG_EQ(s.error, want, "cut at " << n);
            NS_TEST_EXPECT_MSG_EQ(out.entries.size(), 0u, "output untouched at " << n);
        }
        Bytes longer = wire;
        longer.push_back(0);
        SmkdKeyTreeRekey out;
        NS_TEST_EXPECT_MSG_EQ(SmkdKeyTreeRekey::Parse(longer, out).error,
                              WireError::TRAILING_BYTES,
                              "one byte more");
        Bytes kind = wire;
        kind[0] = 3;
        NS_TEST_EXPECT_MSG_EQ(SmkdKeyTreeRekey::Parse(kind, out).error,
                              WireError::UNKNOWN_TYPE,
                              "kind 3");
        Bytes huge = wire;
        huge[13] = huge[14] = huge[15] = huge[16] = 0xff; // 2^32 - 1 entries
        NS_TEST_EXPECT_MSG_EQ(SmkdKeyTreeRekey::Parse(huge, out).error,
                              WireError::RECORD_OVERRUN,
                              "count beyond the message");
        Bytes zero = wire;
        zero[17] = zero[18] = zero[19] = zero[20] = 0; // first entry's node
        NS_TEST_EXPECT_MSG_EQ(SmkdKeyTreeRekey::Parse(zero, out).error,
                              WireError::BAD_FIELD,
                              "node 0");

        // Path keys: count (2) + 40 per key.
        const auto path = g.tree->PathKeys(Member(1));
        const Bytes p = SerializeKeyTreePath(path);
        NS_TEST_ASSERT_MSG_EQ(p.size(), 2u + 40 * path.size(), "path size");
        std::vector<SmkdKeyTreeKey> keys;
        NS_TEST_ASSERT_MSG_EQ(ParseKeyTreePath(p, keys).Ok(), true, "path parses");
        NS_TEST_EXPECT_MSG_EQ((keys == path), true, "path round trip");
        for (std::size_t n = 0; n < p.size(); ++n)
        {
            std::vector<SmkdKeyTreeKey> k;
            NS_TEST_EXPECT_MSG_EQ(ParseKeyTreePath(Bytes(p.begin(), p.begin() + n), k).Ok(),
                                  false,
                                  "path cut at " << n);
        }
        NS_TEST_EXPECT_MSG_EQ(ParseKeyTreePath({0, 0}, keys).error,
                              WireError::BAD_FIELD,
                              "empty path");
    }
};

class SmkdKeyTreeTestSuite : public TestSuite
{
  public:
    SmkdKeyTreeTestSuite()
        : TestSuite("smkd-key-tree", UNIT)
    {
        AddTestCase(new KeyTreeShapeTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeLeaveCountTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeJoinCountTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeExclusionTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeLargeTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeMemberApplyTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeErrorsTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeDeterminismTestCase, TestCase::QUICK);
        AddTestCase(new KeyTreeCodecTestCase, TestCase::QUICK);
    }
};

SmkdKeyTreeTestSuite g_smkdKeyTreeTestSuite;

} // namespace
