/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Membership dynamics and failures: join patterns and churn times drawn by
// SmkdMembershipSchedule, a member's leave (SmkdHostAgent::Leave), churn and
// link failures in the scaling scenario, and the failure list parser.

#include "smkd-scenario-fixture.h"
#include "smkd-secure-tree.h"
#include "smkd-test-check.h"

#include "ns3/config.h"
#include "ns3/igmp-router.h"
#include "ns3/smkd-failure-injector.h"
#include "ns3/smkd-membership-schedule.h"
#include "ns3/smkd-scenario.h"
#include "ns3/test.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

/**
 * First-join patterns over [10 s, 20 s) for 2,000 members, and churn times.
 * - simultaneous: every join at 10 s;
 * - uniform: all in the window, mean 15 s within 4 sigma (sigma = 10 /
 *   sqrt(12 n) = 0.065 s);
 * - poisson: increasing times, mean gap 10 / 2000 = 5 ms, so the last
 *   arrival near 20 s: within 4 sigma = 4 sqrt(n) 5 ms = 0.89 s;
 * - flash-crowd (0.8, 200 ms): the burst [15 s, 15.2 s) holds 80 % of the
 *   members, within 4 sigma = 4 sqrt(0.16 / n) = 3.6 points (plus the 2 % of
 *   the others that fall in it by chance);
 * - churn: exponential means 3 s and 0.5 s, mean of 4,000 draws within 5 %.
 * The same streams draw the same times again.
 */
class ScheduleTestCase : public TestCase
{
  public:
    ScheduleTestCase()
        : TestCase("join patterns and churn times have the shapes asked for")
    {
    }

  private:
    static std::vector<Time> Draw(SmkdMembershipSchedule::Pattern p, uint32_t n)
    {
        SmkdMembershipSchedule s;
        s.SetPattern(p, Seconds(10), Seconds(10));
        s.SetFlashCrowd(0.8, MilliSeconds(200));
        s.AssignStreams(40);
        return s.DrawFirstJoins(n);
    }

    static double Mean(const std::vector<Time>& t)
    {
        double sum = 0;
        for (const Time& x : t)
        {
            sum += x.GetSeconds();
        }
        return sum / t.size();
    }

    void DoRun() override
    {
        using Pattern = SmkdMembershipSchedule::Pattern;
        const uint32_t n = 2000;
        SeedGuard seed(11, 1);

        const std::vector<Time> simultaneous = Draw(Pattern::SIMULTANEOUS, n);
        NS_TEST_EXPECT_MSG_EQ(std::count(simultaneous.begin(), simultaneous.end(), Seconds(10)),
                              n,
                              "simultaneous: all at the window's start");

        const std::vector<Time> uniform = Draw(Pattern::UNIFORM, n);
        NS_TEST_EXPECT_MSG_EQ((*std::min_element(uniform.begin(), uniform.end()) >= Seconds(10)),
                              true,
                              "uniform: not before the window");
        NS_TEST_EXPECT_MSG_EQ((*std::max_element(uniform.begin(), uniform.end()) < Seconds(20)),
                              true,
                              "uniform: not after it");
        NS_TEST_EXPECT_MSG_EQ_TOL(Mean(uniform), 15.0, 0.26, "uniform: mean in the middle");

        const std::vector<Time> poisson = Draw(Pattern::POISSON, n);
        NS_TEST_EXPECT_MSG_EQ(std::is_sorted(poisson.begin(), poisson.end()),
                              true,
                              "poisson: arrivals in order");
        NS_TEST_EXPECT_MSG_EQ((poisson.front() > Seconds(10)), true, "poisson: after the start");
        NS_TEST_EXPECT_MSG_EQ_TOL(poisson.back().GetSeconds(),
                                  20.0,
                                  0.89,
                                  "poisson: n arrivals take about the window");

        const std::vector<Time> flash = Draw(Pattern::FLASH_CROWD, n);
        const auto inBurst = std::count_if(flash.begin(), flash.end(), [](const Time& t) {
            return t >= Seconds(15) && t < Seconds(15.2);
        });
        NS_TEST_EXPECT_MSG_EQ_TOL(double(inBurst) / n,
                                  0.8 + 0.2 * 0.02,
                                  0.036,
                                  "flash crowd: the burst holds the fraction asked for");

        SmkdMembershipSchedule churn;
        churn.SetChurn(Seconds(3), MilliSeconds(500));
        churn.AssignStreams(50);
        NS_TEST_EXPECT_MSG_EQ(churn.HasLeaves() && churn.HasReturns(), true, "churn is on");
        double membership = 0;
        double absence = 0;
        for (uint32_t i = 0; i < 4000; ++i)
        {
            membership += churn.DrawMembership().GetSeconds();
            absence += churn.DrawAbsence().GetSeconds();
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(membership / 4000, 3.0, 0.15, "mean membership");
        NS_TEST_EXPECT_MSG_EQ_TOL(absence / 4000, 0.5, 0.025, "mean absence");

        NS_TEST_EXPECT_MSG_EQ((Draw(Pattern::UNIFORM, n) == uniform),
                              true,
                              "same streams, same times");
        NS_TEST_EXPECT_MSG_EQ(
            Throws<std::invalid_argument>([]() { SmkdMembershipSchedule::ParsePattern("bursty"); }),
            true,
            "an unknown pattern throws");
        NS_TEST_EXPECT_MSG_EQ(Throws<std::invalid_argument>([]() {
                                  SmkdMembershipSchedule().SetFlashCrowd(1.5, Seconds(1));
                              }),
                              true,
                              "a fraction above 1 throws");
    }
};

/**
 * b1, the only member on dr2's LAN of the secure tree, leaves at 6 s and
 * joins again at 25 s (keys 20 s, re-key sent 5 s before expiry):
 * - right after Leave it holds no keys, and Left fired once;
 * - its DR leaves the tree once the LAN has no member (IGMP's last-member
 *   queries, then CBT QUIT): dr2 is off the tree at 12 s, dr1 still on;
 * - it does not install the re-key that a1 installs;
 * - dr2's CBT JoinCompleted fires for b1's first join and its return;
 * - the new join is a fresh secure join: KeysInstalled a second time, with
 *   the re-key's SPI.
 */
class LeaveTestCase : public TestCase
{
  public:
    LeaveTestCase()
        : TestCase("a member that leaves drops its keys, prunes its DR and joins afresh")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t b1 = t.members[2];
        uint32_t left = 0;
        uint32_t installs = 0;
        t.Agent(b1)->TraceConnectWithoutContext(
            "Left",
            Callback<void, Ipv4Address>([&left](Ipv4Address) { ++left; }));
        t.Agent(b1)->TraceConnectWithoutContext(
            "KeysInstalled",
            Callback<void, Ipv4Address, Time>([&installs](Ipv4Address, Time) { ++installs; }));
        std::map<uint32_t, uint32_t> treeJoins; // CBT JoinCompleted per DR
        for (uint32_t r : {t.dr1, t.dr2})
        {
            t.net.Cbt(r)->TraceConnectWithoutContext(
                "JoinCompleted",
                Callback<void, Ipv4Address, Time>(
                    [&treeJoins, r](Ipv4Address, Time) { ++treeJoins[r]; }));
        }
        bool keysBefore = false;
        bool keysAfter = true;
        bool dr2OnTree = true;
        bool dr1OnTree = false;
        Simulator::Schedule(Seconds(5.9), [&]() {
            keysBefore = t.Agent(b1)->GetKeys(SecureTree::GROUP) != nullptr;
        });
        Simulator::Schedule(Seconds(6), [&]() {
            t.Agent(b1)->Leave(t.net.ListenerOf(b1), 1, SecureTree::GROUP);
            keysAfter = t.Agent(b1)->GetKeys(SecureTree::GROUP) != nullptr;
        });
        Simulator::Schedule(Seconds(12), [&]() {
            dr2OnTree = t.net.Cbt(t.dr2)->IsOnTree(SecureTree::GROUP);
            dr1OnTree = t.net.Cbt(t.dr1)->IsOnTree(SecureTree::GROUP);
        });
        Simulator::Schedule(Seconds(25), [&]() {
            t.Agent(b1)->Join(t.net.ListenerOf(b1), 1, SecureTree::GROUP);
        });
        Simulator::Stop(Seconds(28));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(keysBefore, true, "b1 held keys before leaving");
        NS_TEST_EXPECT_MSG_EQ(keysAfter, false, "b1 dropped its keys on Leave");
        NS_TEST_EXPECT_MSG_EQ(left, 1, "Left fired once");
        NS_TEST_EXPECT_MSG_EQ(dr2OnTree, false, "dr2 left the tree with its last member");
        NS_TEST_EXPECT_MSG_EQ(dr1OnTree, true, "dr1 still serves a1 and a2");
        // The DRs' secure joins are their joins of the tree: dr1 once (a2
        // found it on-tree), dr2 for b1's first join and again for its return.
        NS_TEST_EXPECT_MSG_EQ(treeJoins[t.dr1], 1u, "dr1 joined the tree once");
        NS_TEST_EXPECT_MSG_EQ(treeJoins[t.dr2], 2u, "dr2 joined, was pruned, joined again");
        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key before the new join");
        NS_TEST_EXPECT_MSG_EQ(t.installed[a1].size(), 1u, "a1 installed the re-key");
        NS_TEST_EXPECT_MSG_EQ(t.installed[b1].size(), 0u, "b1, gone, did not");
        NS_TEST_EXPECT_MSG_EQ(installs, 2, "b1's second join installed keys again");
        const SmkdKeyBundle* keys = t.Agent(b1)->GetKeys(SecureTree::GROUP);
        NS_TEST_ASSERT_MSG_NE(keys, nullptr, "b1 holds keys after the new join");
        NS_TEST_EXPECT_MSG_EQ(keys->sa.spi, t.sent[0].second, "the re-keyed SA");
    }
};

/**
 * A long membership: the members' reports answering IGMP's general queries
 * (every 125 s) repeat their join's token (RFC 1949 App. B) long after the
 * 30 s token window. Their DRs, which admitted them, take these as refreshes:
 * after 140 s the secure join trace has seen refreshes (more reports than
 * the 3 joins' first reports) and no GKDC refused anything.
 */
class RefreshTestCase : public TestCase
{
  public:
    RefreshTestCase()
        : TestCase("reports refreshing an admitted membership are not refused as stale")
    {
    }

  private:
    void DoRun() override
    {
        SecureTreeTiming timing;
        timing.lifetimeSeconds = 600; // no re-key in the way
        SecureTree t(timing);
        uint32_t refused = 0;
        uint32_t lateReports = 0;
        for (uint32_t r : {t.core, t.r1, t.r2, t.dr1, t.dr2})
        {
            t.Gkdc(r)->TraceConnectWithoutContext(
                "JoinRefused",
                Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                    [&refused](Ipv4Address, Ipv4Address, const std::string&) { ++refused; }));
        }
        for (uint32_t r : {t.dr1, t.dr2})
        {
            t.net.Router(r)->GetObject<IgmpRouter>()->TraceConnectWithoutContext(
                "SecureJoin",
                Callback<void, Ipv4Address, Ipv4Address, uint32_t, const std::vector<uint8_t>&>(
                    [&lateReports](Ipv4Address,
                                   Ipv4Address,
                                   uint32_t,
                                   const std::vector<uint8_t>&) {
                        lateReports += Simulator::Now() > Seconds(40) ? 1 : 0;
                    }));
        }
        Simulator::Stop(Seconds(140));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_GT(lateReports, 0u, "reports after the token window were heard");
        NS_TEST_EXPECT_MSG_EQ(refused, 0u, "none refused");
        for (uint32_t m : t.members)
        {
            NS_TEST_EXPECT_MSG_NE(t.Agent(m)->GetKeys(SecureTree::GROUP), nullptr, "keys kept");
        }
    }
};

/// The small grid with 6 s after the join window, for churn and repairs.
SmkdScenarioConfig
GridConfig()
{
    SmkdScenarioConfig c = SmallGridConfig();
    c.settle = Seconds(6);
    return c;
}

/**
 * Churn in every scheme (membership 2 s, absence 1 s, over 2 + 6 s):
 * members leave and come back, and every join started is accounted for
 * exactly once: completed (first or later), refused, abandoned by a leave,
 * or still pending at the end. The same seed gives the same joins.
 */
class ChurnTestCase : public TestCase
{
  public:
    ChurnTestCase()
        : TestCase("churn: leaves and returns in every scheme, every join accounted for")
    {
    }

  private:
    void DoRun() override
    {
        SmkdScenarioConfig c = GridConfig();
        c.meanMembership = Seconds(2);
        c.meanAbsence = Seconds(1);
        for (const std::string& scheme : SmkdScenario::GetSchemes())
        {
            SeedGuard seed(13, 1);
            const SmkdStatisticsResults r = SmkdScenario(c).Run(scheme);
            auto abandoned = r.counters.find("membership.abandoned-joins");
            const uint64_t nAbandoned = abandoned == r.counters.end() ? 0 : abandoned->second;
            // Exponential(2 s) memberships over ~5 s: most members leave at least once.
            NS_TEST_EXPECT_MSG_GT(r.leaves, 15u, scheme << ": members left");
            NS_TEST_EXPECT_MSG_GT(r.rejoinLatency.count, 10u, scheme << ": members came back");
            NS_TEST_EXPECT_MSG_EQ(r.joinsCompleted, 30u, scheme << ": every member joined once");
            NS_TEST_EXPECT_MSG_EQ(r.joinsStarted,
                                  r.joins.size() + r.joinsRefused + nAbandoned + r.joinsPending,
                                  scheme << ": every join started is accounted for");
            NS_TEST_EXPECT_MSG_EQ(r.joinsRefused, 0u, scheme << ": nobody refused");
            if (scheme == "rfc1949")
            {
                SeedGuard again(13, 1);
                const SmkdStatisticsResults r2 = SmkdScenario(c).Run(scheme);
                NS_TEST_ASSERT_MSG_EQ(r2.joins.size(), r.joins.size(), "same joins again");
                for (std::size_t i = 0; i < r.joins.size(); ++i)
                {
                    NS_TEST_EXPECT_MSG_EQ(r2.joins[i].end, r.joins[i].end, "join " << i);
                }
                NS_TEST_EXPECT_MSG_EQ(r2.leaves, r.leaves, "same leaves again");
            }
        }
    }
};

/**
 * A tree link fails: the primary core (the grid's centre, router 7) loses its
 * link to router 12 at 7 s, after every member joined. With ECHO every 1 s
 * and a parent declared silent after 5 s (above ECHO_INTERVAL + HOLDTIME, so
 * that a late reply is not mistaken for a failure), the routers below repair
 * the tree over the recomputed routes and their members re-authenticate
 * (RFC 1949 §6.2): later joins appear, which they never do without the
 * failure. Delivery probes every 100 ms all arrive without the failure;
 * with it, those to members below the cut are lost until the repair. A
 * failure with a duration is repaired once.
 */
class LinkFailureTestCase : public TestCase
{
  public:
    LinkFailureTestCase()
        : TestCase("a failed tree link is repaired and members re-authenticate")
    {
    }

  private:
    static SmkdStatisticsResults RunWith(const std::vector<SmkdFailure>& failures)
    {
        SeedGuard seed(1, 1);
        SmkdScenarioConfig c = GridConfig();
        c.settle = Seconds(16);
        c.probeInterval = MilliSeconds(100);
        c.failures = failures;
        return SmkdScenario(c).Run("rfc1949");
    }

    static uint64_t Counter(const SmkdStatisticsResults& r, const std::string& name)
    {
        auto it = r.counters.find(name);
        return it == r.counters.end() ? 0 : it->second;
    }

    void DoRun() override
    {
        Config::SetDefault("ns3::CbtRoutingProtocol::EchoInterval", TimeValue(Seconds(1)));
        Config::SetDefault("ns3::CbtRoutingProtocol::ExpectedReplyTime", TimeValue(Seconds(5)));
        Config::SetDefault("ns3::CbtRoutingProtocol::GroupExpireTime", TimeValue(Seconds(7.5)));

        const SmkdStatisticsResults quiet = RunWith({});
        NS_TEST_ASSERT_MSG_EQ(quiet.primaryCore, 7, "the centre of the grid is the primary");
        NS_TEST_EXPECT_MSG_EQ(quiet.rejoinLatency.count, 0u, "no failure, no later joins");
        NS_TEST_EXPECT_MSG_EQ(Counter(quiet, "cbt.tree.expired"), 0u, "no failure, no expiry");
        // Probes every 100 ms over the 16 s after the window: 160 to each of 30 members.
        NS_TEST_EXPECT_MSG_EQ(quiet.data.expected, 160u * 30u, "probes expected");
        NS_TEST_EXPECT_MSG_EQ(quiet.data.delivered, quiet.data.expected, "all delivered");
        NS_TEST_EXPECT_MSG_EQ(quiet.data.duplicates, 0u, "no duplicates");

        SmkdFailure cut;
        cut.at = Seconds(7);
        cut.a = 7;
        cut.b = 12;
        const SmkdStatisticsResults failed = RunWith({cut});
        NS_TEST_EXPECT_MSG_EQ(Counter(failed, "failures.failed"), 1u, "one failure");
        NS_TEST_EXPECT_MSG_GT(Counter(failed, "cbt.tree.expired"), 0u, "the router below noticed");
        NS_TEST_EXPECT_MSG_GT(failed.rejoinLatency.count, 0u, "members re-authenticated");
        NS_TEST_EXPECT_MSG_EQ(failed.joinsPending, 0u, "nobody left waiting");
        // Members below the cut miss the probes until the repair (several
        // seconds of ECHO silence), then receive again.
        NS_TEST_EXPECT_MSG_LT(failed.data.delivered, failed.data.expected, "probes lost");
        NS_TEST_EXPECT_MSG_GT(failed.data.delivered,
                              failed.data.expected * 9 / 10,
                              "the tree delivers again after the repair");

        cut.duration = Seconds(2);
        const SmkdStatisticsResults repaired = RunWith({cut});
        NS_TEST_EXPECT_MSG_EQ(Counter(repaired, "failures.repaired"), 1u, "one repair");
        Config::Reset();
    }
};

/// Failure lists parse, and bad ones throw naming the entry; so do failures the topology lacks.
class FailureListTestCase : public TestCase
{
  public:
    FailureListTestCase()
        : TestCase("failure lists parse and bad failures throw")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<SmkdFailure> f = SmkdFailure::ParseList("link:3-7@12s,router:5@500ms+4s");
        NS_TEST_ASSERT_MSG_EQ(f.size(), 2u, "two failures");
        NS_TEST_EXPECT_MSG_EQ(f[0].a, 3u, "link end a");
        NS_TEST_EXPECT_MSG_EQ(f[0].b, 7u, "link end b");
        NS_TEST_EXPECT_MSG_EQ(f[0].at, Seconds(12), "link time");
        NS_TEST_EXPECT_MSG_EQ(f[0].duration, Time(), "for good");
        NS_TEST_EXPECT_MSG_EQ(f[1].b, SmkdFailure::ROUTER, "a router failure");
        NS_TEST_EXPECT_MSG_EQ(f[1].at, MilliSeconds(500), "router time");
        NS_TEST_EXPECT_MSG_EQ(f[1].duration, Seconds(4), "repaired after 4 s");
        for (const char* bad : {"link:3@1s",
                                "router:x@1s",
                                "router:1@soon",
                                "cable:1-2@1s",
                                "router:1",
                                "link:1-2@1s+"})
        {
            NS_TEST_EXPECT_MSG_EQ(
                Throws<std::invalid_argument>([bad]() { SmkdFailure::ParseList(bad); }),
                true,
                bad << " throws");
        }
        SmkdScenarioConfig c = GridConfig();
        c.failures = SmkdFailure::ParseList("link:0-19@5s"); // not adjacent in a 5 x 4 grid
        NS_TEST_EXPECT_MSG_EQ(Throws<std::invalid_argument>([&c]() { SmkdScenario(c).Run("cbt"); }),
                              true,
                              "a link the topology lacks throws");
        c.failures = SmkdFailure::ParseList("router:20@5s");
        NS_TEST_EXPECT_MSG_EQ(Throws<std::invalid_argument>([&c]() { SmkdScenario(c).Run("cbt"); }),
                              true,
                              "a router the topology lacks throws");
        c.failures.clear();
        c.joinPattern = "bursty";
        NS_TEST_EXPECT_MSG_EQ(Throws<std::invalid_argument>([&c]() { SmkdScenario(c).Run("cbt"); }),
                              true,
                              "an unknown join pattern throws");
    }
};

class SmkdDynamicsTestSuite : public TestSuite
{
  public:
    SmkdDynamicsTestSuite()
        : TestSuite("smkd-dynamics", UNIT)
    {
        AddTestCase(new ScheduleTestCase, TestCase::QUICK);
        AddTestCase(new FailureListTestCase, TestCase::QUICK);
        AddTestCase(new LeaveTestCase, TestCase::QUICK);
        AddTestCase(new RefreshTestCase, TestCase::QUICK);
        AddTestCase(new ChurnTestCase, TestCase::QUICK);
        AddTestCase(new LinkFailureTestCase, TestCase::QUICK);
    }
};

static SmkdDynamicsTestSuite g_smkdDynamicsTestSuite;

} // namespace
