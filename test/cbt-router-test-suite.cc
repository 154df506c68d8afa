/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The CBTv2 router against RFC 2189 §4: joins and acks hop by hop, acks by
// on-tree routers, DR election and join re-direction on LANs, quits, keepalives,
// retransmission and timeout, repair after a link failure, data delivery and
// loop safety. Each test asserts numbers that follow from the RFC's rules and
// the link parameters.

#include "cbt-test-network.h"

#include "ns3/test.h"

#include <set>

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP("232.1.1.1");

/// Time to send \p ipBytes over a point-to-point link (2-byte PPP header) at \p rate.
Time
TxTime(uint32_t ipBytes, DataRate rate)
{
    return rate.CalculateBytesTxTime(ipBytes + 2);
}

/**
 * Chain core - r1 - r2 - r3, members behind r3. RFC 2189 §4.2-4.3: one
 * JOIN_REQUEST and one JOIN_ACK per hop; the join completes after the three
 * hops up and three down: 3 x (delay + tx(36 B)) + 3 x (delay + tx(32 B)).
 */
class ChainJoinTestCase : public TestCase
{
  public:
    ChainJoinTestCase()
        : TestCase("chain: one JOIN_REQUEST and JOIN_ACK per hop, latency from link delays")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t r1 = net.AddRouter();
        const uint32_t r2 = net.AddRouter();
        const uint32_t r3 = net.AddRouter();
        const Time delay = MilliSeconds(7);
        const DataRate rate("10Mbps");
        net.Link(core, r1, delay, rate);
        net.Link(r1, r2, delay, rate);
        net.Link(r2, r3, delay, rate);
        const auto hosts = net.Lan({r3}, 1);
        net.Finish(GROUP, core);
        net.Membership(Seconds(5), r3, hosts[0], GROUP, true);
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        // JOIN_REQUEST: 20 (IP) + 4 (common) + 12 (group, target, originator) = 36 bytes.
        // JOIN_ACK: 20 + 4 + 8 (group, target) = 32 bytes.
        const Time expected = 3 * (delay + TxTime(36, rate)) + 3 * (delay + TxTime(32, rate));
        const auto joins = net.JoinCompletions(r3);
        NS_TEST_ASSERT_MSG_EQ(joins.size(), 1u, "r3 completes one join");
        NS_TEST_EXPECT_MSG_EQ(joins[0].second, expected, "join latency = sum of hop times");
        NS_TEST_EXPECT_MSG_EQ(joins[0].first, Seconds(5) + expected, "completed at");
        for (uint32_t r : {r1, r2, r3})
        {
            NS_TEST_EXPECT_MSG_EQ(net.Sent(r, CbtMessageType::JOIN_REQUEST),
                                  1u,
                                  "join from r" << r);
        }
        for (uint32_t r : {core, r1, r2})
        {
            NS_TEST_EXPECT_MSG_EQ(net.Sent(r, CbtMessageType::JOIN_ACK), 1u, "ack from r" << r);
        }
        NS_TEST_EXPECT_MSG_EQ(net.SentTotal(CbtMessageType::JOIN_REQUEST), 3u, "3 joins in all");
        // The tree: core has r1 as child, r3's parent is r2, r3's LAN is a member child.
        const CbtForwardingEntry* atCore = net.Cbt(core)->GetForwardingCache().Find(GROUP);
        NS_TEST_ASSERT_MSG_NE(atCore, nullptr, "core on-tree");
        NS_TEST_EXPECT_MSG_EQ(atCore->isCore, true, "core entry");
        NS_TEST_EXPECT_MSG_EQ(atCore->children.size(), 1u, "one child at the core");
        const CbtForwardingEntry* atLeaf = net.Cbt(r3)->GetForwardingCache().Find(GROUP);
        NS_TEST_ASSERT_MSG_NE(atLeaf, nullptr, "r3 on-tree");
        NS_TEST_EXPECT_MSG_EQ(atLeaf->children.at(net.LanInterface(r3, hosts[0])).hasMembers,
                              true,
                              "member LAN is a child");
        Simulator::Destroy();
    }
};

/**
 * core - m - {a, b}: a joins first; b's later join reaches m, which is on-tree
 * and acks it (RFC 2189 §4.2.2). The core sees a single JOIN_REQUEST.
 */
class OnTreeAckTestCase : public TestCase
{
  public:
    OnTreeAckTestCase()
        : TestCase("second branch is acked by the first on-tree router, not the core")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t m = net.AddRouter();
        const uint32_t a = net.AddRouter();
        const uint32_t b = net.AddRouter();
        const Time delay = MilliSeconds(5);
        const DataRate rate("100Mbps");
        net.Link(core, m, delay, rate);
        net.Link(m, a, delay, rate);
        net.Link(m, b, delay, rate);
        const auto ha = net.Lan({a}, 1);
        const auto hb = net.Lan({b}, 1);
        net.Finish(GROUP, core);
        net.Membership(Seconds(5), a, ha[0], GROUP, true);
        net.Membership(Seconds(8), b, hb[0], GROUP, true);
        Simulator::Stop(Seconds(12));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(net.ReceivedBy(core, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "core: one join");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(core, CbtMessageType::JOIN_ACK), 1u, "core: one ack");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(m, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "m forwarded one join");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(m, CbtMessageType::JOIN_ACK), 2u, "m acked both");
        const auto joinsB = net.JoinCompletions(b);
        NS_TEST_ASSERT_MSG_EQ(joinsB.size(), 1u, "b joined");
        const Time oneHop = 2 * delay + TxTime(36, rate) + TxTime(32, rate);
        NS_TEST_EXPECT_MSG_EQ(joinsB[0].second, oneHop, "b's join took one hop each way");
        const CbtForwardingEntry* atM = net.Cbt(m)->GetForwardingCache().Find(GROUP);
        NS_TEST_ASSERT_MSG_NE(atM, nullptr, "m on-tree");
        NS_TEST_EXPECT_MSG_EQ(atM->children.size(), 2u, "m has both branches as children");
        Simulator::Destroy();
    }
};

/**
 * Members appear at m while b's join is passing through m (transient state,
 * so m starts no join of its own): when the ack reaches m, m's member LAN is
 * grafted too, and its host receives the group's data.
 */
class MembersDuringTransitTestCase : public TestCase
{
  public:
    MembersDuringTransitTestCase()
        : TestCase("members that appear while a join passes through are grafted with its ack")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t m = net.AddRouter();
        const uint32_t b = net.AddRouter();
        net.Link(core, m, MilliSeconds(5));
        net.Link(m, b, MilliSeconds(5));
        const auto hm = net.Lan({m}, 1);
        const auto hb = net.Lan({b}, 1);
        const auto sender = net.Lan({core}, 1);
        net.Finish(GROUP, core);
        net.ListenOnHosts(5000);
        net.Membership(Seconds(5), b, hb[0], GROUP, true);
        // b's join reaches m 5 ms later and the ack returns 10 ms after that.
        net.Membership(Seconds(5) + MilliSeconds(8), m, hm[0], GROUP, true);
        net.SendFromHost(sender[0], GROUP, 5000, Seconds(6), 4, MilliSeconds(100));
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(net.Sent(m, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "m forwarded b's join and sent none of its own");
        NS_TEST_EXPECT_MSG_EQ(net.Received(hb[0]), 4u, "b's member gets the data");
        NS_TEST_EXPECT_MSG_EQ(net.Received(hm[0]), 4u, "and so does m's");
        Simulator::Destroy();
    }
};

/**
 * RFC 2189 §4.1: on a LAN the DR is the router with the lowest preference,
 * the lowest address among equals, and it advertises preference 0.
 */
class DrElectionTestCase : public TestCase
{
  public:
    DrElectionTestCase()
        : TestCase("LAN DR: lowest preference, then lowest address")
    {
    }

  private:
    void DoRun() override
    {
        for (int scenario = 0; scenario < 2; ++scenario)
        {
            CbtTestNetwork net;
            // Scenario 0: preferences 10, 5, 255 (router 1 wins on preference).
            // Scenario 1: all 255 (router 0, lowest address, wins).
            const uint8_t prefs[2][3] = {{10, 5, 255}, {255, 255, 255}};
            std::vector<uint32_t> r;
            for (int k = 0; k < 3; ++k)
            {
                r.push_back(net.AddRouter(prefs[scenario][k]));
            }
            const auto hosts = net.Lan(r, 1);
            net.Finish(GROUP, r[0]);
            Simulator::Stop(Seconds(200));
            Simulator::Run();
            const uint32_t winner = scenario == 0 ? 1 : 0;
            for (int k = 0; k < 3; ++k)
            {
                NS_TEST_EXPECT_MSG_EQ(
                    net.Cbt(r[k])->IsDesignatedRouter(net.LanInterface(r[k], hosts[0])),
                    (k == static_cast<int>(winner)),
                    "scenario " << scenario << ": router " << k << " DR flag");
            }
            // In steady state the DR alone keeps sending HELLOs: 2 at start, one per
            // HELLO_INTERVAL (60 s) after, plus answers to the start-up HELLOs.
            const uint32_t drHellos = net.Sent(r[winner], CbtMessageType::HELLO);
            NS_TEST_EXPECT_MSG_GT_OR_EQ(drHellos, 2u + 3u, "DR keeps advertising");
            for (int k = 0; k < 3; ++k)
            {
                if (k != static_cast<int>(winner))
                {
                    NS_TEST_EXPECT_MSG_LT_OR_EQ(net.Sent(r[k], CbtMessageType::HELLO),
                                                3u,
                                                "a suppressed router sends its start-up HELLOs "
                                                "and at most one answer");
                }
            }
            Simulator::Destroy();
        }
    }
};

/**
 * LAN with routers dr (preference 1), up (towards the core) and side; a leaf
 * router behind side joins. side is not DR, so it multicasts the join on the
 * LAN; the DR's next hop is up, across the same LAN, so the DR re-directs the
 * join by unicast to up, exactly once (RFC 2201 §4.2). Data then crosses the
 * LAN once.
 */
class LanRedirectTestCase : public TestCase
{
  public:
    LanRedirectTestCase()
        : TestCase("join reaching a non-best DR is re-directed across the LAN once")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t dr = net.AddRouter(1);
        const uint32_t up = net.AddRouter(100);
        const uint32_t side = net.AddRouter(200);
        const uint32_t leaf = net.AddRouter();
        net.Link(core, up);
        net.Link(side, leaf);
        const auto lanHosts = net.Lan({dr, up, side}, 1);
        const auto members = net.Lan({leaf}, 1);
        const auto senders = net.Lan({core}, 1);
        net.Finish(GROUP, core);
        net.Membership(Seconds(5), leaf, members[0], GROUP, true);
        net.ListenOnHosts(5000);
        net.SendFromHost(senders[0], GROUP, 5000, Seconds(10), 5, MilliSeconds(100));
        Simulator::Stop(Seconds(15));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(net.Cbt(dr)->IsDesignatedRouter(net.LanInterface(dr, lanHosts[0])),
                              true,
                              "dr is DR");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(side, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "side forwards once");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(side, CbtMessageType::JOIN_REQUEST, true),
                              0u,
                              "by multicast");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(dr, CbtMessageType::JOIN_REQUEST, true),
                              1u,
                              "one re-direct");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(dr, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "nothing else from dr");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(up, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "up forwards to core");
        NS_TEST_EXPECT_MSG_EQ(net.ReceivedBy(core, CbtMessageType::JOIN_REQUEST),
                              1u,
                              "core: one join");
        NS_TEST_EXPECT_MSG_EQ(net.JoinCompletions(leaf).size(), 1u, "leaf joined");
        NS_TEST_EXPECT_MSG_EQ(net.Received(members[0]), 5u, "member gets each packet once");
        // The LAN host sees each packet once: the LAN carries it once.
        NS_TEST_EXPECT_MSG_EQ(net.Received(lanHosts[0]), 5u, "transit LAN carries data once");
        Simulator::Destroy();
    }
};

/**
 * core - m - {a, b} with members behind a and b, then a's member leaves:
 * a quits, m drops that child after CACHE_DEL_TIMER and stays on-tree for b;
 * the core is untouched. Then b's member leaves: b, m and the core's entry
 * go, each CACHE_DEL_TIMER after the previous quit (RFC 2189 §4.4).
 */
class QuitPruneTestCase : public TestCase
{
  public:
    QuitPruneTestCase()
        : TestCase(
              "quit prunes exactly the memberless branch, up to the first router with children")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t m = net.AddRouter();
        const uint32_t a = net.AddRouter();
        const uint32_t b = net.AddRouter();
        const Time delay = MilliSeconds(2);
        net.Link(core, m, delay);
        net.Link(m, a, delay);
        net.Link(m, b, delay);
        const auto ha = net.Lan({a}, 1);
        const auto hb = net.Lan({b}, 1);
        net.Finish(GROUP, core);
        net.Membership(Seconds(5), a, ha[0], GROUP, true);
        net.Membership(Seconds(5), b, hb[0], GROUP, true);
        net.Membership(Seconds(10), a, ha[0], GROUP, false);
        // Check the state just before the second leave.
        bool checked = false;
        Simulator::Schedule(Seconds(19.9), [&]() {
            checked = true;
            NS_TEST_EXPECT_MSG_EQ(net.Cbt(a)->GetForwardingCache().Find(GROUP), nullptr, "a left");
            const CbtForwardingEntry* atM = net.Cbt(m)->GetForwardingCache().Find(GROUP);
            NS_TEST_ASSERT_MSG_NE(atM, nullptr, "m stays for b");
            NS_TEST_EXPECT_MSG_EQ(atM->children.size(), 1u, "m keeps only b's branch");
            NS_TEST_EXPECT_MSG_EQ(atM->IsChild(net.InterfaceOf(m, net.Router(b)->GetDevice(1))),
                                  true,
                                  "the remaining child is b's link");
            NS_TEST_EXPECT_MSG_NE(net.Cbt(b)->GetForwardingCache().Find(GROUP), nullptr, "b stays");
            NS_TEST_EXPECT_MSG_NE(net.Cbt(core)->GetForwardingCache().Find(GROUP),
                                  nullptr,
                                  "core stays");
        });
        net.Membership(Seconds(20), b, hb[0], GROUP, false);
        Simulator::Stop(Seconds(40));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(checked, true, "mid-run check ran");

        // Quit from a at 10 s: [MAX_RTX] = 3 copies, HOLDTIME apart.
        NS_TEST_EXPECT_MSG_EQ(net.Sent(a, CbtMessageType::QUIT_NOTIFICATION),
                              3u,
                              "a: 3 quit copies");
        // Times of removal, from the tree log.
        Time mRemovedA = Seconds(-1);
        Time mQuit = Seconds(-1);
        Time coreQuit = Seconds(-1);
        for (const auto& e : net.TreeLog())
        {
            if (e.router == m && e.event == CbtTreeEvent::CHILD_REMOVED && mRemovedA.IsNegative())
            {
                mRemovedA = e.at;
            }
            if (e.router == m && e.event == CbtTreeEvent::QUIT)
            {
                mQuit = e.at;
            }
            if (e.router == core && e.event == CbtTreeEvent::QUIT)
            {
                coreQuit = e.at;
            }
        }
        const Time oneWay = delay + TxTime(32, DataRate("100Mbps")); // QUIT: 20 + 4 + 8 bytes
        const Time cacheDel = Seconds(4.5);
        NS_TEST_EXPECT_MSG_EQ(mRemovedA,
                              Seconds(10) + oneWay + cacheDel,
                              "m drops a after CACHE_DEL_TIMER");
        NS_TEST_EXPECT_MSG_EQ(mQuit, Seconds(20) + oneWay + cacheDel, "m quits after b's quit");
        NS_TEST_EXPECT_MSG_EQ(coreQuit,
                              Seconds(20) + 2 * (oneWay + cacheDel),
                              "core entry goes last");
        for (uint32_t r = 0; r < net.NumRouters(); ++r)
        {
            NS_TEST_EXPECT_MSG_EQ(net.Cbt(r)->GetForwardingCache().GetEntries().size(),
                                  0u,
                                  "no state at " << r);
        }
        Simulator::Destroy();
    }
};

/**
 * RFC 2189 §4.5: one ECHO_REQUEST per parent interface per ECHO_INTERVAL,
 * whatever the number of groups.
 */
class KeepaliveScalingTestCase : public TestCase
{
  public:
    KeepaliveScalingTestCase()
        : TestCase("ECHO_REQUESTs per parent per ECHO_INTERVAL do not grow with groups")
    {
    }

  private:
    static std::pair<uint32_t, uint32_t> Run(uint32_t groups)
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t leaf = net.AddRouter();
        net.Link(core, leaf);
        const auto hosts = net.Lan({leaf}, 1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        net.Helper().AddCores(Ipv4Address("232.0.0.0"),
                              Ipv4Mask("255.0.0.0"),
                              {net.RouterAddress(core)});
        for (uint32_t g = 0; g < groups; ++g)
        {
            net.Membership(Seconds(5), leaf, hosts[0], Ipv4Address(0xe8000100 + g), true);
        }
        Simulator::Stop(Seconds(5 + 600 + 1)); // ten ECHO_INTERVALs after the joins
        Simulator::Run();
        const uint32_t requests = net.Sent(leaf, CbtMessageType::ECHO_REQUEST);
        const uint32_t onTree = net.Cbt(leaf)->GetForwardingCache().GetEntries().size();
        Simulator::Destroy();
        return {requests, onTree};
    }

    void DoRun() override
    {
        const auto one = Run(1);
        const auto fifty = Run(50);
        NS_TEST_EXPECT_MSG_EQ(one.first, 10u, "one group: one request per 60 s for 600 s");
        NS_TEST_EXPECT_MSG_EQ(fifty.first, one.first, "50 groups: the same number");
        NS_TEST_EXPECT_MSG_EQ(one.second, 1u, "the group stayed alive");
        NS_TEST_EXPECT_MSG_EQ(fifty.second, 50u, "all 50 groups stayed alive");
    }
};

/**
 * core - r1 - r2, members behind r2. The first JOIN_ACK r2 would receive is
 * lost: r2 retransmits after RTX_INTERVAL and r1, on-tree by then, acks.
 * With every ack lost, r2 reports failure at JOIN_TIMEOUT after 4 copies
 * (0, 5, 10, 15 s). RFC 2189 §4.2.1, §6.
 */
class JoinRetransmissionTestCase : public TestCase
{
  public:
    JoinRetransmissionTestCase()
        : TestCase("lost JOIN_ACK: retransmission after RTX_INTERVAL; total loss: failure at "
                   "JOIN_TIMEOUT")
    {
    }

  private:
    void DoRun() override
    {
        for (uint32_t lose : {1u, 0u}) // 1: the first ack; 0: all of them
        {
            CbtTestNetwork net;
            const uint32_t core = net.AddRouter();
            const uint32_t r1 = net.AddRouter();
            const uint32_t r2 = net.AddRouter();
            const Time delay = MilliSeconds(3);
            const DataRate rate("100Mbps");
            net.Link(core, r1, delay, rate);
            NetDeviceContainer last = net.Link(r1, r2, delay, rate);
            const auto hosts = net.Lan({r2}, 1);
            Ptr<JoinAckDropper> dropper = CreateObject<JoinAckDropper>();
            dropper->SetCount(lose);
            last.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
            net.Finish(GROUP, core);
            net.Membership(Seconds(5), r2, hosts[0], GROUP, true);
            Simulator::Stop(Seconds(40));
            Simulator::Run();
            if (lose == 1)
            {
                const auto joins = net.JoinCompletions(r2);
                NS_TEST_ASSERT_MSG_EQ(joins.size(), 1u, "join completes");
                const Time oneHop = 2 * delay + TxTime(36, rate) + TxTime(32, rate);
                NS_TEST_EXPECT_MSG_EQ(joins[0].second,
                                      Seconds(5) + oneHop,
                                      "RTX_INTERVAL + one hop");
                NS_TEST_EXPECT_MSG_EQ(net.Sent(r2, CbtMessageType::JOIN_REQUEST),
                                      2u,
                                      "one retransmission");
                NS_TEST_EXPECT_MSG_EQ(net.Sent(r1, CbtMessageType::JOIN_REQUEST),
                                      1u,
                                      "r1 forwarded once");
                NS_TEST_EXPECT_MSG_EQ(net.JoinFailures(r2).size(), 0u, "no failure");
            }
            else
            {
                NS_TEST_EXPECT_MSG_EQ(net.JoinCompletions(r2).size(), 0u, "never completes");
                const auto failures = net.JoinFailures(r2);
                NS_TEST_ASSERT_MSG_EQ(failures.size(), 1u, "one failure report");
                NS_TEST_EXPECT_MSG_EQ(failures[0], Seconds(5 + 17.5), "at JOIN_TIMEOUT");
                NS_TEST_EXPECT_MSG_EQ(net.Sent(r2, CbtMessageType::JOIN_REQUEST),
                                      4u,
                                      "0, 5, 10, 15 s");
                NS_TEST_EXPECT_MSG_EQ(net.Cbt(r2)->GetForwardingCache().GetTransient().size(),
                                      0u,
                                      "transient state gone");
            }
            Simulator::Destroy();
        }
    }
};

/**
 * core - a - leaf, and the longer core - b - c - leaf. The a-leaf link fails
 * silently at 100 s (all frames lost) while unicast routing moves to the
 * longer path. The leaf hears no ECHO_REPLY and declares its parent lost
 * EXPECTED_REPLY_TIME (70 s) after the last one; the last reply came at most
 * ECHO_INTERVAL + HOLDTIME (63 s) before the failure. It then quits up,
 * flushes down and re-joins over b and c. Recovery therefore ends within
 * [100 + 70 - 63, 100 + 70] s plus one join round trip.
 */
class LinkFailureRepairTestCase : public TestCase
{
  public:
    LinkFailureRepairTestCase()
        : TestCase("link failure: expiry, quit up, flush down, re-join over the new path")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t a = net.AddRouter();
        const uint32_t b = net.AddRouter();
        const uint32_t c = net.AddRouter();
        const uint32_t leaf = net.AddRouter();
        net.Link(core, a);
        NetDeviceContainer failing = net.Link(a, leaf);
        net.Link(core, b);
        net.Link(b, c);
        net.Link(c, leaf);
        const auto hosts = net.Lan({leaf}, 1);
        const auto senders = net.Lan({core}, 1);
        net.Finish(GROUP, core);
        net.Membership(Seconds(5), leaf, hosts[0], GROUP, true);
        const Time failure = Seconds(100);
        Simulator::Schedule(failure, &CbtTestNetwork::FailSilently, failing);
        net.ListenOnHosts(6000);
        net.SendFromHost(senders[0], GROUP, 6000, Seconds(300), 10, MilliSeconds(10));
        Simulator::Stop(Seconds(320));
        Simulator::Run();

        const auto joins = net.JoinCompletions(leaf);
        NS_TEST_ASSERT_MSG_EQ(joins.size(), 2u, "joined, then re-joined");
        Time expired = Seconds(-1);
        for (const auto& e : net.TreeLog())
        {
            if (e.router == leaf && e.event == CbtTreeEvent::EXPIRED)
            {
                expired = e.at;
            }
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(expired,
                                    failure + Seconds(70 - 63),
                                    "expiry not before the bound");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(expired,
                                    failure + Seconds(70),
                                    "expiry by EXPECTED_REPLY_TIME");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(joins[1].first,
                                    expired + Seconds(1),
                                    "re-join right after expiry");
        const CbtForwardingEntry* entry = net.Cbt(leaf)->GetForwardingCache().Find(GROUP);
        NS_TEST_ASSERT_MSG_NE(entry, nullptr, "leaf on-tree again");
        NS_TEST_EXPECT_MSG_EQ(
            entry->parentAddress,
            net.Router(c)
                ->GetObject<Ipv4>()
                ->GetAddress(net.InterfaceOf(c, net.Router(leaf)->GetDevice(2)), 0)
                .GetLocal(),
            "new parent is c");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(net.Sent(leaf, CbtMessageType::QUIT_NOTIFICATION),
                                    1u,
                                    "quit sent up");
        NS_TEST_EXPECT_MSG_EQ(net.Received(hosts[0]), 10u, "data flows over the new branch, once");
        Simulator::Destroy();
    }
};

/**
 * core with members' routers around it; data from a member sender and from
 * a non-member sender (tunnelled to the core in IP-in-IP) reaches every
 * member exactly once and no LAN without members (RFC 2201 §4.2, §4.2.2).
 */
class DataDeliveryTestCase : public TestCase
{
  public:
    DataDeliveryTestCase()
        : TestCase("data from member and non-member senders: every member once, no memberless LAN")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t r1 = net.AddRouter();
        const uint32_t r2 = net.AddRouter();
        const uint32_t r3 = net.AddRouter();
        const uint32_t r4 = net.AddRouter();
        const uint32_t r5 = net.AddRouter();
        net.Link(core, r1);
        net.Link(core, r2);
        net.Link(r2, r3);
        net.Link(core, r4);
        net.Link(r4, r5);
        const auto lan1 = net.Lan({r1}, 2); // member sender + non-member
        const auto lan3 = net.Lan({r3}, 1); // member
        const auto lan5 = net.Lan({r5}, 1); // non-member sender, no members
        const auto lan4 = net.Lan({r4}, 1); // nobody
        net.Finish(GROUP, core);
        net.Membership(Seconds(5), r1, lan1[0], GROUP, true);
        net.Membership(Seconds(5), r3, lan3[0], GROUP, true);
        net.ListenOnHosts(7000);
        uint32_t encapsulated = 0;
        net.Cbt(r5)->TraceConnectWithoutContext(
            "DataEncapsulated",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [&](const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++encapsulated; }));
        net.SendFromHost(lan1[0], GROUP, 7000, Seconds(10), 10, MilliSeconds(50));
        net.SendFromHost(lan5[0], GROUP, 7000, Seconds(12), 7, MilliSeconds(50));
        Simulator::Stop(Seconds(15));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(net.Received(lan3[0]), 17u, "remote member: every packet once");
        NS_TEST_EXPECT_MSG_EQ(net.Received(lan1[0]),
                              7u,
                              "member sender gets the other sender's packets");
        NS_TEST_EXPECT_MSG_EQ(net.Received(lan1[1]), 17u, "its LAN carries each packet once");
        NS_TEST_EXPECT_MSG_EQ(net.Received(lan4[0]), 0u, "LAN without members: nothing");
        NS_TEST_EXPECT_MSG_EQ(net.Received(lan5[0]),
                              0u,
                              "sender's memberless LAN gets nothing back");
        NS_TEST_EXPECT_MSG_EQ(encapsulated, 7u, "non-member sender's DR tunnels each packet");
        NS_TEST_EXPECT_MSG_EQ(net.Cbt(r4)->GetForwardingCache().Find(GROUP),
                              nullptr,
                              "r4 holds no state");
        NS_TEST_EXPECT_MSG_EQ(net.Cbt(r5)->GetForwardingCache().Find(GROUP),
                              nullptr,
                              "r5 holds no state");
        Simulator::Destroy();
    }
};

/**
 * Static routes send the core's address around r1 -> r2 -> r3 -> r1. r1's
 * join comes back to r1, which holds transient state for the group, so it is
 * cached and never acked; r1 reports failure at JOIN_TIMEOUT and no router
 * ends with tree state (RFC 2201 §4.2).
 */
class JoinLoopTestCase : public TestCase
{
  public:
    JoinLoopTestCase()
        : TestCase("a join caught in a unicast loop is never acked and times out")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t core = net.AddRouter();
        const uint32_t r1 = net.AddRouter();
        const uint32_t r2 = net.AddRouter();
        const uint32_t r3 = net.AddRouter();
        net.Link(core, r1);
        NetDeviceContainer l12 = net.Link(r1, r2);
        NetDeviceContainer l23 = net.Link(r2, r3);
        NetDeviceContainer l31 = net.Link(r3, r1);
        const auto hosts = net.Lan({r1}, 1);
        net.Finish(GROUP, core);
        const Ipv4Address coreAddress = net.RouterAddress(core);
        Ipv4StaticRoutingHelper helper;
        auto loopRoute = [&](uint32_t from, NetDeviceContainer link) {
            Ptr<Ipv4> ipv4 = net.Router(from)->GetObject<Ipv4>();
            const uint32_t out = net.InterfaceOf(from, link.Get(0));
            Ptr<NetDevice> other =
                link.Get(0)->GetNode() == net.Router(from) ? link.Get(1) : link.Get(0);
            Ipv4Address next =
                other->GetNode()
                    ->GetObject<Ipv4>()
                    ->GetAddress(other->GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(other),
                                 0)
                    .GetLocal();
            helper.GetStaticRouting(ipv4)->AddHostRouteTo(coreAddress, next, out);
        };
        loopRoute(r1, l12);
        loopRoute(r2, l23);
        loopRoute(r3, l31);
        net.Membership(Seconds(5), r1, hosts[0], GROUP, true);
        Simulator::Stop(Seconds(40));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(net.SentTotal(CbtMessageType::JOIN_ACK), 0u, "nobody acks a loop");
        NS_TEST_EXPECT_MSG_EQ(net.ReceivedBy(core, CbtMessageType::JOIN_REQUEST),
                              0u,
                              "core never sees it");
        NS_TEST_EXPECT_MSG_GT(net.ReceivedBy(r1, CbtMessageType::JOIN_REQUEST),
                              0u,
                              "it looped back to r1");
        const auto failures = net.JoinFailures(r1);
        NS_TEST_ASSERT_MSG_EQ(failures.size(), 1u, "r1 reports the failure");
        NS_TEST_EXPECT_MSG_EQ(failures[0], Seconds(5 + 17.5), "at JOIN_TIMEOUT");
        for (uint32_t r = 0; r < net.NumRouters(); ++r)
        {
            NS_TEST_EXPECT_MSG_EQ(net.Cbt(r)->GetForwardingCache().GetEntries().size(),
                                  0u,
                                  "no tree at " << r);
            NS_TEST_EXPECT_MSG_EQ(net.Cbt(r)->GetForwardingCache().GetTransient().size(),
                                  0u,
                                  "no transient at " << r);
        }
        Simulator::Destroy();
    }
};

/**
 * p - q, with group g1 rooted at p (members behind q) and g2 rooted at q
 * (members behind p): the link is q's parent link for g1 and p's for g2.
 * Each router must keep sending its own ECHO_REQUEST (the other's is not a
 * sibling's, RFC 2189 §4.5.2), so neither tree ever expires.
 */
class BidirectionalKeepaliveTestCase : public TestCase
{
  public:
    BidirectionalKeepaliveTestCase()
        : TestCase("a link that is parent link for one group and child link for another stays up")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t p = net.AddRouter();
        const uint32_t q = net.AddRouter();
        net.Link(p, q);
        const auto hp = net.Lan({p}, 1);
        const auto hq = net.Lan({q}, 1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        const Ipv4Address g1("232.9.0.1");
        const Ipv4Address g2("232.9.0.2");
        net.Helper().AddCores(g1, Ipv4Mask("255.255.255.255"), {net.RouterAddress(p)});
        net.Helper().AddCores(g2, Ipv4Mask("255.255.255.255"), {net.RouterAddress(q)});
        net.Membership(Seconds(5), q, hq[0], g1, true);
        net.Membership(Seconds(5), p, hp[0], g2, true);
        Simulator::Stop(Seconds(5 + 600 + 1));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(net.JoinCompletions(p).size(), 1u, "p joined g2 once");
        NS_TEST_EXPECT_MSG_EQ(net.JoinCompletions(q).size(), 1u, "q joined g1 once");
        uint32_t expiries = 0;
        for (const auto& e : net.TreeLog())
        {
            expiries += e.event == CbtTreeEvent::EXPIRED;
        }
        NS_TEST_EXPECT_MSG_EQ(expiries, 0u, "no tree expired");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(p, CbtMessageType::ECHO_REQUEST),
                              10u,
                              "p keeps its keepalive");
        NS_TEST_EXPECT_MSG_EQ(net.Sent(q, CbtMessageType::ECHO_REQUEST),
                              10u,
                              "q keeps its keepalive");
        Simulator::Destroy();
    }
};

/**
 * A random 30-router mesh with 5 groups of 6 member LANs each: after the
 * joins, 20 minutes pass without a single expiry, flush, quit or re-join,
 * and the only control traffic is HELLO and ECHO_REQUEST/ECHO_REPLY.
 */
class SteadyStateTestCase : public TestCase
{
  public:
    SteadyStateTestCase()
        : TestCase("random mesh: trees stay up with keepalives only")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        const uint32_t n = 30;
        for (uint32_t r = 0; r < n; ++r)
        {
            net.AddRouter();
        }
        Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
        rng->SetStream(42);
        std::set<std::pair<uint32_t, uint32_t>> links;
        for (uint32_t r = 1; r < n; ++r)
        {
            links.insert({rng->GetInteger(0, r - 1), r});
        }
        while (links.size() < n - 1 + 15)
        {
            const uint32_t a = rng->GetInteger(0, n - 1);
            const uint32_t b = rng->GetInteger(0, n - 1);
            if (a != b)
            {
                links.insert({std::min(a, b), std::max(a, b)});
            }
        }
        for (const auto& [a, b] : links)
        {
            net.Link(a, b);
        }
        std::vector<uint32_t> host(n);
        for (uint32_t r = 0; r < n; ++r)
        {
            host[r] = net.Lan({r}, 1)[0];
        }
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        uint32_t memberships = 0;
        for (uint32_t g = 0; g < 5; ++g)
        {
            const Ipv4Address group(0xe8020000 + g);
            net.Helper().AddCores(group,
                                  Ipv4Mask("255.255.255.255"),
                                  {net.RouterAddress(rng->GetInteger(0, n - 1))});
            std::set<uint32_t> members;
            while (members.size() < 6)
            {
                members.insert(rng->GetInteger(0, n - 1));
            }
            for (uint32_t m : members)
            {
                net.Membership(Seconds(5), m, host[m], group, true);
                ++memberships;
            }
        }
        Simulator::Stop(Seconds(5 + 60 + 1200));
        Simulator::Run();
        uint32_t joins = 0;
        for (uint32_t r = 0; r < n; ++r)
        {
            joins += net.JoinCompletions(r).size();
        }
        NS_TEST_EXPECT_MSG_EQ(joins, memberships, "each member DR joined exactly once");
        for (const auto& e : net.TreeLog())
        {
            const bool churn = e.event == CbtTreeEvent::EXPIRED ||
                               e.event == CbtTreeEvent::FLUSHED || e.event == CbtTreeEvent::QUIT;
            NS_TEST_EXPECT_MSG_EQ(churn,
                                  false,
                                  "router " << e.router << " " << CbtTreeEventName(e.event)
                                            << " at " << e.at.As(Time::S));
        }
        for (const auto& e : net.TxLog())
        {
            if (e.at > Seconds(65))
            {
                const bool keepalive = e.type == CbtMessageType::HELLO ||
                                       e.type == CbtMessageType::ECHO_REQUEST ||
                                       e.type == CbtMessageType::ECHO_REPLY;
                NS_TEST_EXPECT_MSG_EQ(keepalive, true, "steady-state message " << e.type);
            }
        }
        Simulator::Destroy();
    }
};

class CbtRouterTestSuite : public TestSuite
{
  public:
    CbtRouterTestSuite()
        : TestSuite("smkd-cbt-router", SYSTEM)
    {
        AddTestCase(new ChainJoinTestCase, TestCase::QUICK);
        AddTestCase(new OnTreeAckTestCase, TestCase::QUICK);
        AddTestCase(new MembersDuringTransitTestCase, TestCase::QUICK);
        AddTestCase(new DrElectionTestCase, TestCase::QUICK);
        AddTestCase(new LanRedirectTestCase, TestCase::QUICK);
        AddTestCase(new QuitPruneTestCase, TestCase::QUICK);
        AddTestCase(new KeepaliveScalingTestCase, TestCase::QUICK);
        AddTestCase(new JoinRetransmissionTestCase, TestCase::QUICK);
        AddTestCase(new LinkFailureRepairTestCase, TestCase::QUICK);
        AddTestCase(new DataDeliveryTestCase, TestCase::QUICK);
        AddTestCase(new JoinLoopTestCase, TestCase::QUICK);
        AddTestCase(new BidirectionalKeepaliveTestCase, TestCase::QUICK);
        AddTestCase(new SteadyStateTestCase, TestCase::QUICK);
    }
};

CbtRouterTestSuite g_cbtRouterTestSuite;

} // namespace
