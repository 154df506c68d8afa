/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The scaling experiment's runner (SmkdScenario) on a small generated
// topology, through the same code as the smkd-scaling example: every scheme
// joins every member, the key-distribution load sits where each design puts
// it, the same seed gives the same results, and bad configurations throw.

#include "smkd-scenario-fixture.h"
#include "smkd-test-check.h"

#include "ns3/config.h"
#include "ns3/nstime.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/smkd-provenance.h"
#include "ns3/smkd-scenario.h"
#include "ns3/test.h"

#include <map>
#include <stdexcept>

using namespace ns3;
using ns3::smkd::test::SeedGuard;
using ns3::smkd::test::SmallGridConfig;

namespace
{

/**
 * The four schemes on one topology, placement and set of join times.
 * - every scheme: 30 joins started, 30 completed, none refused or pending;
 * - cbt: no crypto at all (it has no security);
 * - kdc: the server does all the infrastructure's key-distribution crypto
 *   (routers do none: they only forward), so its share is 1 (> 0.9);
 * - rfc1949: GKDCs near the members answer most joins, so the primary
 *   core's share is below strict mode's, where (one core) every secure join
 *   is carried to the core and the core alone answers it;
 * - strict carries every join to the core, so more control bytes than
 *   rfc1949, whose joins stop at the first on-tree GKDC.
 */
class SchemesTestCase : public TestCase
{
  public:
    SchemesTestCase()
        : TestCase("every scheme joins every member; core load ordering kdc > strict > rfc1949")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard seed(3, 1);
        SmkdScenario scenario(SmallGridConfig());
        std::map<std::string, SmkdStatisticsResults> r;
        for (const std::string& s : SmkdScenario::GetSchemes())
        {
            r[s] = scenario.Run(s);
            NS_TEST_EXPECT_MSG_EQ(r[s].run.scheme, s, "scheme recorded");
            NS_TEST_EXPECT_MSG_EQ(r[s].joinsStarted, 30, s << ": joins started");
            NS_TEST_EXPECT_MSG_EQ(r[s].joinsCompleted, 30, s << ": joins completed");
            NS_TEST_EXPECT_MSG_EQ(r[s].joinsRefused, 0, s << ": joins refused");
            NS_TEST_EXPECT_MSG_EQ(r[s].joinsPending, 0, s << ": joins pending");
            NS_TEST_EXPECT_MSG_EQ(r[s].run.parameters["members"], "30", s << ": parameter");
            // One definition of join latency for every scheme: keys installed,
            // or for cbt the member's LAN on the tree.
            const std::string source = s == "cbt" ? "on-tree" : "keys-installed";
            NS_TEST_EXPECT_MSG_EQ((r[s].joins.empty() ? "" : r[s].joins[0].source),
                                  source,
                                  s << ": what ends a join");
        }
        NS_TEST_EXPECT_MSG_EQ(r["cbt"].opsAll.total, 0, "cbt does no crypto");
        NS_TEST_EXPECT_MSG_EQ(r["cbt"].run.cryptoMode, "none", "cbt's crypto mode");
        NS_TEST_EXPECT_MSG_EQ(r["rfc1949"].run.cryptoMode, "real", "default crypto mode");
        NS_TEST_EXPECT_MSG_GT(r["kdc"].busyInfrastructure.primaryShare,
                              0.9,
                              "the KDC does the key-distribution crypto");
        NS_TEST_EXPECT_MSG_GT(r["rfc1949"].busyInfrastructure.primaryShare,
                              0,
                              "the primary core does some of it in rfc1949");
        NS_TEST_EXPECT_MSG_LT(r["rfc1949"].busyInfrastructure.primaryShare,
                              r["strict"].busyInfrastructure.primaryShare,
                              "distributed GKDCs unload the primary core");
        NS_TEST_EXPECT_MSG_GT(r["strict"].controlBytes,
                              r["rfc1949"].controlBytes,
                              "strict mode carries every join to the core");
    }
};

/// The same seed twice gives identical results: join records, bytes and CPU time.
class DeterminismTestCase : public TestCase
{
  public:
    DeterminismTestCase()
        : TestCase("same seed, same results; another run number, other join times")
    {
    }

  private:
    static SmkdStatisticsResults RunOnce(uint64_t run)
    {
        SeedGuard seed(5, run);
        SmkdScenario scenario(SmallGridConfig());
        return scenario.Run("rfc1949");
    }

    void DoRun() override
    {
        const SmkdStatisticsResults a = RunOnce(1);
        const SmkdStatisticsResults b = RunOnce(1);
        NS_TEST_EXPECT_MSG_EQ(a.joins.size(), 30, "all joined");
        NS_TEST_ASSERT_MSG_EQ(a.joins.size(), b.joins.size(), "same number of joins");
        for (std::size_t i = 0; i < a.joins.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(a.joins[i].node, b.joins[i].node, "join " << i << " node");
            NS_TEST_EXPECT_MSG_EQ(a.joins[i].start, b.joins[i].start, "join " << i << " start");
            NS_TEST_EXPECT_MSG_EQ(a.joins[i].end, b.joins[i].end, "join " << i << " end");
        }
        NS_TEST_EXPECT_MSG_EQ(a.controlMessages, b.controlMessages, "control messages");
        NS_TEST_EXPECT_MSG_EQ(a.controlBytes, b.controlBytes, "control bytes");
        NS_TEST_EXPECT_MSG_EQ(a.securityBytes, b.securityBytes, "security bytes");
        NS_TEST_EXPECT_MSG_EQ(a.busyAll.total, b.busyAll.total, "crypto CPU time");
        NS_TEST_EXPECT_MSG_EQ(a.opsAll.total, b.opsAll.total, "crypto operations");

        // Another run number draws other join times (and member routers).
        const SmkdStatisticsResults c = RunOnce(2);
        NS_TEST_ASSERT_MSG_EQ(c.joins.empty(), false, "run 2 joined");
        NS_TEST_EXPECT_MSG_NE(a.joins[0].start, c.joins[0].start, "run 2's first join differs");
    }
};

/// An empty exclusion list (for groups too large to list) lets every member join.
class OpenListTestCase : public TestCase
{
  public:
    OpenListTestCase()
        : TestCase("an empty exclusion list admits every member")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard seed(7, 1);
        SmkdScenarioConfig c = SmallGridConfig();
        c.acl = "exclusion";
        const SmkdStatisticsResults r = SmkdScenario(c).Run("rfc1949");
        NS_TEST_EXPECT_MSG_EQ(r.joinsCompleted, 30, "every member joined");
        NS_TEST_EXPECT_MSG_EQ(r.joinsRefused, 0, "nobody refused");
    }
};

/// Configurations that cannot run throw, naming the problem, before any node exists.
/**
 * Provenance: a run's results name its whole configuration, every attribute
 * default changed before it (read from ns-3's attribute system: the test
 * changes one the scenario never sets), the global values, the build, the
 * map file's SHA-256 and its wall time.
 */
class ProvenanceTestCase : public TestCase
{
  public:
    ProvenanceTestCase()
        : TestCase("results record the configuration, changed defaults, build and wall time")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard seed(3, 2);
        Config::SetDefault("ns3::SmkdGkdc::TransactionTimeout", TimeValue(Seconds(7)));
        SmkdScenarioConfig config = SmallGridConfig();
        config.settle = Seconds(3);
        const SmkdStatisticsResults r = SmkdScenario(config).Run("rfc1949");
        Config::Reset();
        const SmkdRunInfo& run = r.run;
        const auto value = [](const std::map<std::string, std::string>& m, const std::string& k) {
            auto it = m.find(k);
            return it == m.end() ? std::string("(absent)") : it->second;
        };
        NS_TEST_EXPECT_MSG_EQ(value(run.configuration, "members"), "30", "a field");
        NS_TEST_EXPECT_MSG_EQ(value(run.configuration, "settle"), "3", "in seconds");
        NS_TEST_EXPECT_MSG_EQ(value(run.configuration, "generator"), "grid", "the generator");
        NS_TEST_EXPECT_MSG_EQ(run.configuration.size(), SmkdDescribe(config).size(), "all fields");
        NS_TEST_EXPECT_MSG_EQ(value(run.attributes, "ns3::SmkdGkdc::TransactionTimeout"),
                              TimeValue(Seconds(7)).SerializeToString(MakeTimeChecker()),
                              "the changed default, by the attribute system");
        NS_TEST_EXPECT_MSG_EQ(run.attributes.count("ns3::SmkdGkdc::TokenWindow"),
                              0u,
                              "defaults left alone are not listed");
        NS_TEST_EXPECT_MSG_EQ(value(run.globals, "RngSeed"), "3", "the seed");
        NS_TEST_EXPECT_MSG_EQ(value(run.globals, "RngRun"), "2", "the run");
        NS_TEST_EXPECT_MSG_EQ(run.ns3Version, "3." + std::to_string(SMKD_NS3_VERSION_MINOR), "");
        NS_TEST_EXPECT_MSG_EQ(run.opensslVersion.rfind("OpenSSL 3", 0), 0u, "OpenSSL 3");
        NS_TEST_EXPECT_MSG_EQ(run.commit.empty(), false, "a commit, or unknown");
        NS_TEST_EXPECT_MSG_EQ(run.topologySha256, "", "a generated map has no file");
        NS_TEST_EXPECT_MSG_GT(run.wallSeconds, 0.0, "wall time measured");
        // sha256sum of the AS1239 map in data/topologies.
        NS_TEST_EXPECT_MSG_EQ(
            SmkdSha256OfFile(std::string(SMKD_SOURCE_DIR) +
                             "/data/topologies/RocketFuel_toposample_1239_weights.txt"),
            "4dd37a4f5d33ec74a1c9fdcf33914d1968fd48fbb55162b6ffb1851ef8b8fc6f",
            "a map file's SHA-256");
        NS_TEST_EXPECT_MSG_EQ(SmkdSha256OfFile("/nonexistent/map.txt"), "", "unreadable: empty");
    }
};

/**
 * Fair baselines: one set of key timers for every scheme. With a 20 s key
 * lifetime (lead 5 s) and 40 s after the joins, the primary core and the
 * KDC each re-key the same number of times, every member installs every
 * re-key, and each re-key is counted on every link of the tree: both
 * multicast under the KEK over the same tree, so the copies are equal.
 */
class SharedKeyTimersTestCase : public TestCase
{
  public:
    SharedKeyTimersTestCase()
        : TestCase("one key lifetime for every scheme: rfc1949 and kdc re-key alike")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard seed(3, 1);
        SmkdScenarioConfig config = SmallGridConfig();
        config.keyLifetime = Seconds(20);
        config.settle = Seconds(40);
        SmkdScenario scenario(config);
        std::map<std::string, SmkdStatisticsResults> r;
        std::map<std::string, uint64_t> copies;
        for (const std::string s : {"rfc1949", "kdc"})
        {
            r[s] = scenario.Run(s);
            for (const SmkdOverheadRecord& o : r[s].overhead)
            {
                copies[s] += o.type == "rekey" ? o.messages : 0;
            }
            // Keys from about 1 s, re-keyed 15 s into each 20 s: at about 16
            // and 36 s, before the run ends after the join window and 40 s.
            NS_TEST_EXPECT_MSG_EQ(r[s].rekeys.size(), 2u, s << ": re-keys");
            for (const SmkdRekeyRecord& k : r[s].rekeys)
            {
                NS_TEST_EXPECT_MSG_EQ(k.installs, 30u, s << ": every member installed it");
            }
            NS_TEST_EXPECT_MSG_EQ(r[s].run.configuration["keyLifetime"], "20", s);
            NS_TEST_EXPECT_MSG_EQ(r[s].run.configuration["rekeyLead"], "0", "derived, not given");
        }
        NS_TEST_EXPECT_MSG_GT(copies["rfc1949"], 2u, "a copy per link crossed");
        NS_TEST_EXPECT_MSG_EQ(copies["kdc"], copies["rfc1949"], "the same tree, the same copies");
        // A lifetime that is not a whole number of seconds stops the run at
        // validation, naming it.
        config.keyLifetime = MilliSeconds(20500);
        bool named = false;
        try
        {
            SmkdScenario(config).Validate("kdc");
        }
        catch (const std::invalid_argument& e)
        {
            named = std::string(e.what()).find("KeyLifetime +20.5s") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(named, true, "20.5 s refused, named");
    }
};

/**
 * Exclusion as an experiment, every scheme: 3 of 30 members excluded at
 * 8 s. Each secure scheme re-keys once per exclusion (3 key changes, each
 * installed by the members who remain), and reports the cost over the
 * window after; cbt has no keys, its members leave. A bad strategy or time
 * stops the run at validation.
 */
class ExclusionScenarioTestCase : public TestCase
{
  public:
    ExclusionScenarioTestCase()
        : TestCase("--exclusions: every scheme excludes, re-keys the rest and reports the cost")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard seed(3, 1);
        SmkdScenarioConfig config = SmallGridConfig();
        config.settle = Seconds(6);
        config.exclusions = 3;
        config.exclusionAt = Seconds(8);
        for (const std::string strategy : {"NewGroup", "CoreUnicast", "SubtreeGkdc", "Lkh"})
        {
            config.exclusionStrategy = strategy;
            SmkdScenario scenario(config);
            for (const std::string scheme : {"rfc1949", "strict", "kdc"})
            {
                if (scheme == "kdc" && strategy != "NewGroup")
                {
                    continue; // the KDC has one way to exclude
                }
                const SmkdStatisticsResults r = scenario.Run(scheme);
                const std::string what = scheme + "/" + strategy;
                // One exclusion after the other: the i-th key change goes to
                // at most the 30 - i members left (rekeys are in send order;
                // a member re-joining under NewGroup gets the newest keys and
                // skips the earlier ones), and the last to all 27 who remain.
                uint32_t changes = 0;
                uint32_t lastInstalls = 0;
                for (const SmkdRekeyRecord& k : r.rekeys)
                {
                    if (k.sentSeen && k.sent >= config.exclusionAt)
                    {
                        ++changes;
                        NS_TEST_EXPECT_MSG_LT_OR_EQ(k.installs, 30u - changes, what);
                        lastInstalls = k.installs;
                    }
                }
                NS_TEST_EXPECT_MSG_EQ(lastInstalls, 27u, what << ": every member left re-keyed");
                NS_TEST_EXPECT_MSG_EQ(changes, 3u, what << ": a key change per exclusion");
                NS_TEST_EXPECT_MSG_EQ(r.counters.at("exclusion.members"), 3u, what);
                NS_TEST_EXPECT_MSG_GT(r.counters.at("exclusion.messages"), 0u, what);
                NS_TEST_EXPECT_MSG_GT(r.counters.at("exclusion.crypto-ops"), 0u, what);
                NS_TEST_EXPECT_MSG_GT(r.counters.at("exclusion.latency-us"), 0u, what);
            }
        }
        config.exclusionStrategy = "Sometimes";
        bool named = false;
        try
        {
            SmkdScenario(config).Validate("rfc1949");
        }
        catch (const std::invalid_argument& e)
        {
            named = std::string(e.what()).find("'Sometimes'") != std::string::npos;
        }
        NS_TEST_EXPECT_MSG_EQ(named, true, "an unknown strategy is named");
        config.exclusionStrategy = "";
        config.exclusionAt = Seconds(100);
        NS_TEST_EXPECT_MSG_EQ(smkd::test::Throws<std::invalid_argument>(
                                  [&config]() { SmkdScenario(config).Validate("kdc"); }),
                              true,
                              "after the run's end: refused");
    }
};

class BadConfigTestCase : public TestCase
{
  public:
    BadConfigTestCase()
        : TestCase("bad configurations throw")
    {
    }

  private:
    template <typename E>
    void ExpectThrow(const SmkdScenarioConfig& c, const std::string& scheme, const char* what)
    {
        bool thrown = false;
        try
        {
            SmkdScenario(c).Run(scheme);
        }
        catch (const E&)
        {
            thrown = true;
        }
        NS_TEST_EXPECT_MSG_EQ(thrown, true, what);
    }

    void DoRun() override
    {
        ExpectThrow<std::invalid_argument>(SmallGridConfig(), "lkh", "unknown scheme");
        SmkdScenarioConfig c = SmallGridConfig();
        c.hostsPerLan = 1;
        ExpectThrow<std::invalid_argument>(c, "cbt", "no room for the KDC host and initiator");
        c = SmallGridConfig();
        c.members = 100; // (100 + 2) / 3 = 34 LANs on 20 routers
        ExpectThrow<std::invalid_argument>(c, "cbt", "too many members for the routers");
        c = SmallGridConfig();
        c.generator = "ring";
        ExpectThrow<std::invalid_argument>(c, "cbt", "unknown generator");
        c = SmallGridConfig();
        c.corePlacement = "middle";
        ExpectThrow<std::invalid_argument>(c, "cbt", "unknown core placement");
        c = SmallGridConfig();
        c.acl = "open";
        ExpectThrow<std::invalid_argument>(c, "cbt", "unknown access list mode");
        c = SmallGridConfig();
        c.members = SmkdScenario::kMaxListedMembers + 1;
        ExpectThrow<std::invalid_argument>(c, "rfc1949", "inclusion list too long");
        c = SmallGridConfig();
        c.topologyFile = "/nonexistent/map.txt";
        ExpectThrow<std::runtime_error>(c, "cbt", "missing map file");
        c = SmallGridConfig();
        c.corePlacement = "given";
        c.coreRouters = {"20"}; // routers are 0..19
        ExpectThrow<std::invalid_argument>(c, "cbt", "a core not in the topology");
        c.coreRouters.clear();
        ExpectThrow<std::invalid_argument>(c, "cbt", "given placement without cores");
    }
};

/// Cores given by index: the primary core is the first one given, not the centre.
class GivenCoresTestCase : public TestCase
{
  public:
    GivenCoresTestCase()
        : TestCase("given cores are used, the first as primary")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard seed(3, 1);
        SmkdScenarioConfig c = SmallGridConfig();
        c.corePlacement = "given";
        c.coreRouters = {"0", "19"}; // two grid corners, not the centre (7)
        const SmkdStatisticsResults r = SmkdScenario(c).Run("rfc1949");
        NS_TEST_EXPECT_MSG_EQ(r.primaryCore, 0, "router 0 (node 0) is the primary core");
        NS_TEST_EXPECT_MSG_EQ(r.run.parameters.at("cores"), "2", "two cores recorded");
        NS_TEST_EXPECT_MSG_EQ(r.joinsCompleted, 30u, "every member joined");
    }
};

class SmkdScalingTestSuite : public TestSuite
{
  public:
    SmkdScalingTestSuite()
        : TestSuite("smkd-scaling", UNIT)
    {
        AddTestCase(new SchemesTestCase(), TestCase::QUICK);
        AddTestCase(new DeterminismTestCase(), TestCase::QUICK);
        AddTestCase(new OpenListTestCase(), TestCase::QUICK);
        AddTestCase(new BadConfigTestCase(), TestCase::QUICK);
        AddTestCase(new ProvenanceTestCase(), TestCase::QUICK);
        AddTestCase(new SharedKeyTimersTestCase(), TestCase::QUICK);
        AddTestCase(new ExclusionScenarioTestCase(), TestCase::QUICK);
        AddTestCase(new GivenCoresTestCase(), TestCase::QUICK);
    }
};

SmkdScalingTestSuite g_smkdScalingTestSuite;

} // namespace
