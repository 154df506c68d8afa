/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The experiment statistics: the numeric helpers on hand values, the text
// formats, the collector's bookkeeping through its Record API, and the
// collector attached to a secure-join chain whose latencies, message counts
// and crypto operations are derived by hand, with its CSV, JSON and SQLite
// outputs read back.

#include "ns3/cbt-helper.h"
#include "ns3/core-module.h"
#include "ns3/igmp-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/smkd-helper.h"
#include "ns3/smkd-json-writer.h"
#include "ns3/smkd-output-file.h"
#include "ns3/smkd-replications.h"
#include "ns3/smkd-sample-statistics.h"
#include "ns3/smkd-sequence-set.h"
#include "ns3/smkd-statistics-collector.h"
#include "ns3/smkd-statistics-output.h"
#include "ns3/smkd-statistics-table.h"
#include "ns3/smkd-version.h"
#include "ns3/test.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#if __has_include("ns3/sqlite-output.h")
#include "ns3/sqlite-output.h"
#define SMKD_TEST_SQLITE 1
#else
#define SMKD_TEST_SQLITE 0
#endif

using namespace ns3;

namespace
{

const Ipv4Address GROUP("232.19.49.7");
constexpr double EPS = 1e-12;

/// Percentile, Gini, CDF and summary on values worked out by hand.
class SampleStatisticsTestCase : public TestCase
{
  public:
    SampleStatisticsTestCase()
        : TestCase("nearest-rank percentiles, Gini without correction, empirical CDF")
    {
    }

  private:
    void DoRun() override
    {
        // Nearest rank: rank ceil(p/100 * n) of the sorted sample, n = 5.
        const std::vector<double> v{50, 15, 40, 20, 35}; // sorted: 15 20 35 40 50
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(v, 0), 15, "p0: rank 1");
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(v, 5), 15, "p5: ceil(0.25) = rank 1");
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(v, 30), 20, "p30: ceil(1.5) = rank 2");
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(v, 40), 20, "p40: exactly rank 2");
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(v, 50), 35, "p50: ceil(2.5) = rank 3");
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(v, 95), 50, "p95: ceil(4.75) = rank 5");
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(v, 100), 50, "p100: the maximum");
        // n = 20: p95 is rank 19 exactly, not 20.
        std::vector<double> twenty;
        for (int i = 1; i <= 20; ++i)
        {
            twenty.push_back(i);
        }
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(twenty, 95), 19, "p95 of 1..20: rank 19");
        NS_TEST_EXPECT_MSG_EQ(SmkdPercentile(twenty, 99), 20, "p99 of 1..20: ceil(19.8) = 20");
        NS_TEST_EXPECT_MSG_EQ(std::isnan(SmkdPercentile({}, 50)), true, "empty: NaN");
        bool threw = false;
        try
        {
            SmkdPercentile(v, 101);
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "a percentile above 100 is refused");

        // G = sum_i sum_j |xi - xj| / (2 n^2 mean), no n/(n-1) correction.
        NS_TEST_EXPECT_MSG_EQ(SmkdGini({1, 1, 1, 1}), 0, "equal loads: 0");
        // {0,0,0,1}: 6 ordered pairs differ by 1; 2 * 16 * 0.25 = 8; 6/8.
        NS_TEST_EXPECT_MSG_EQ_TOL(SmkdGini({0, 0, 0, 1}), 0.75, EPS, "one carries all: 0.75");
        // {1,2,3,4}: the 6 pairs differ by 1+2+3+1+2+1 = 10, twice = 20; 2 * 16 * 2.5 = 80.
        NS_TEST_EXPECT_MSG_EQ_TOL(SmkdGini({4, 1, 3, 2}), 0.25, EPS, "1..4: 20/80");
        NS_TEST_EXPECT_MSG_EQ(SmkdGini({0, 0}), 0, "all idle: 0");
        NS_TEST_EXPECT_MSG_EQ(std::isnan(SmkdGini({})), true, "empty: NaN");
        threw = false;
        try
        {
            SmkdGini({1, -1});
        }
        catch (const std::invalid_argument&)
        {
            threw = true;
        }
        NS_TEST_EXPECT_MSG_EQ(threw, true, "a negative load is refused");

        const std::vector<SmkdCdfPoint> cdf = SmkdEmpiricalCdf({3, 1, 2, 2});
        NS_TEST_ASSERT_MSG_EQ(cdf.size(), 3u, "one point per distinct value");
        NS_TEST_EXPECT_MSG_EQ(cdf[0].value, 1, "1");
        NS_TEST_EXPECT_MSG_EQ(cdf[0].fraction, 0.25, "1 of 4 at or below 1");
        NS_TEST_EXPECT_MSG_EQ(cdf[1].value, 2, "2");
        NS_TEST_EXPECT_MSG_EQ(cdf[1].fraction, 0.75, "3 of 4 at or below 2");
        NS_TEST_EXPECT_MSG_EQ(cdf[2].fraction, 1, "all at or below 3");

        const SmkdSampleSummary s = SmkdSummarize(v);
        NS_TEST_EXPECT_MSG_EQ(s.count, 5u, "count");
        NS_TEST_EXPECT_MSG_EQ(s.min, 15, "min");
        NS_TEST_EXPECT_MSG_EQ(s.mean, 32, "mean of 15+20+35+40+50 = 160 / 5");
        NS_TEST_EXPECT_MSG_EQ(s.p50, 35, "p50");
        NS_TEST_EXPECT_MSG_EQ(s.p99, 50, "p99");
        NS_TEST_EXPECT_MSG_EQ(s.max, 50, "max");
    }
};

/// Sequence numbers as bits, and beyond the bitmap in a set.
/**
 * Replications: the mean and the 95 % confidence half-width of a figure
 * over seeds, Student t with n - 1 degrees of freedom, derived by hand;
 * NaN values (a figure with no meaning in a run) are left out.
 */
class ReplicationStatisticsTestCase : public TestCase
{
  public:
    ReplicationStatisticsTestCase()
        : TestCase("replications: mean and Student-t 95 % confidence half-width over seeds")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ_TOL(SmkdStudentT975(1), 12.706, 1e-9, "1 degree of freedom");
        NS_TEST_EXPECT_MSG_EQ_TOL(SmkdStudentT975(4), 2.776, 1e-9, "4");
        NS_TEST_EXPECT_MSG_EQ_TOL(SmkdStudentT975(30), 2.042, 1e-9, "30");
        NS_TEST_EXPECT_MSG_EQ_TOL(SmkdStudentT975(60), 2.001, 1e-9, "60: 1.96 + 0.082/2");
        NS_TEST_EXPECT_MSG_EQ_TOL(SmkdStudentT975(1000000), 1.96, 1e-4, "towards the normal");
        // {1, 2, 3, 4, 5}: mean 3, s = sqrt(10 / 4), half-width 2.776 s / sqrt(5).
        const double nan = std::nan("");
        const SmkdMeanCi m = SmkdMeanAndCi95({1, 2, nan, 3, 4, 5});
        NS_TEST_EXPECT_MSG_EQ(m.n, 5u, "the NaN left out");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.mean, 3.0, 1e-12, "mean");
        NS_TEST_EXPECT_MSG_EQ_TOL(m.ci95, 2.776 * std::sqrt(2.5) / std::sqrt(5.0), 1e-12, "ci95");
        const SmkdMeanCi one = SmkdMeanAndCi95({7});
        NS_TEST_EXPECT_MSG_EQ(one.n, 1u, "one replication");
        NS_TEST_EXPECT_MSG_EQ(one.mean, 7.0, "its value");
        NS_TEST_EXPECT_MSG_EQ(std::isnan(one.ci95), true, "no interval from one run");
        NS_TEST_EXPECT_MSG_EQ(std::isnan(SmkdMeanAndCi95({nan}).mean), true, "none at all");

        // The summary table: two seeds of one scheme, p50 latencies 4 and 6 ms.
        std::vector<SmkdReplication> runs(2);
        for (uint32_t i = 0; i < 2; ++i)
        {
            runs[i].members = 10;
            runs[i].seed = i + 1;
            runs[i].results.run.scheme = "rfc1949";
            runs[i].results.run.cryptoMode = "real";
            runs[i].results.joinsCompleted = 10;
            runs[i].results.joinLatency.p50 = 0.004 + 0.002 * i;
        }
        const SmkdTable summary = SmkdSummaryTable(runs);
        const std::vector<SmkdCell>* p50 = nullptr;
        for (const std::vector<SmkdCell>& row : summary.rows)
        {
            if (std::get<std::string>(row[2]) == "join_p50")
            {
                p50 = &row;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(summary.rows.size(),
                              SmkdHeadlineFigures(runs[0].results).size(),
                              "a row per figure");
        NS_TEST_EXPECT_MSG_NE(p50, nullptr, "join_p50 summarised");
        if (p50)
        {
            NS_TEST_EXPECT_MSG_EQ(std::get<int64_t>((*p50)[4]), 2, "n");
            NS_TEST_EXPECT_MSG_EQ_TOL(std::get<double>((*p50)[5]), 5.0, 1e-9, "mean ms");
            // s = sqrt(2), half-width 12.706 sqrt(2) / sqrt(2).
            NS_TEST_EXPECT_MSG_EQ_TOL(std::get<double>((*p50)[6]), 12.706, 1e-9, "ci95 ms");
        }
        const SmkdTable table = SmkdRunsTable(runs);
        NS_TEST_EXPECT_MSG_EQ(table.rows.size(), 2u, "a row per run");
    }
};

class SequenceSetTestCase : public TestCase
{
  public:
    SequenceSetTestCase()
        : TestCase("sequence set: bits below the dense limit, a set above, ascending order")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t big = SmkdSequenceSet::DENSE_LIMIT + 7;
        SmkdSequenceSet set;
        NS_TEST_EXPECT_MSG_EQ(set.Contains(0), false, "empty");
        for (uint64_t seq : {uint64_t{64}, uint64_t{0}, uint64_t{63}, big, uint64_t{5}})
        {
            NS_TEST_EXPECT_MSG_EQ(set.Insert(seq), true, seq << " is new");
        }
        NS_TEST_EXPECT_MSG_EQ(set.Insert(5), false, "5 again");
        NS_TEST_EXPECT_MSG_EQ(set.Insert(big), false, "the large one again");
        NS_TEST_EXPECT_MSG_EQ(set.GetSize(), 5u, "five distinct");
        NS_TEST_EXPECT_MSG_EQ(set.Contains(63), true, "last bit of word 0");
        NS_TEST_EXPECT_MSG_EQ(set.Contains(62), false, "its neighbour");
        NS_TEST_EXPECT_MSG_EQ(set.Contains(65), false, "beyond the last set bit");
        NS_TEST_EXPECT_MSG_EQ(set.Contains(100000), false, "beyond the bitmap");
        std::vector<uint64_t> seen;
        set.ForEach([&seen](uint64_t seq) { seen.push_back(seq); });
        NS_TEST_EXPECT_MSG_EQ((seen == std::vector<uint64_t>{0, 5, 63, 64, big}),
                              true,
                              "every number once, ascending");
    }
};

/// JSON and CSV text, exactly.
class TextFormatTestCase : public TestCase
{
  public:
    TextFormatTestCase()
        : TestCase("JSON writer and CSV fields escape and format values exactly")
    {
    }

  private:
    void DoRun() override
    {
        SmkdJsonWriter w;
        w.BeginObject()
            .Field("a", 1)
            .Field("q", "x\"y\\z\n")
            .Field("nan", std::nan(""))
            .Key("list")
            .BeginArray()
            .Value(0.25)
            .BeginInlineArray()
            .Value(1)
            .Value(true)
            .EndArray()
            .EndArray()
            .Key("empty")
            .BeginObject()
            .EndObject()
            .EndObject();
        NS_TEST_EXPECT_MSG_EQ(w.GetString(),
                              "{\n  \"a\": 1,\n  \"q\": \"x\\\"y\\\\z\\n\",\n  \"nan\": null,\n"
                              "  \"list\": [\n    0.25,\n    [1, true]\n  ],\n  \"empty\": {}\n}\n",
                              "the document");
        NS_TEST_EXPECT_MSG_EQ(SmkdFormatNumber(0.1), "0.1", "shortest round trip");
        NS_TEST_EXPECT_MSG_EQ(SmkdFormatNumber(3), "3", "integral double");
        // Time::GetSeconds gives 0.00018412999999999996 here.
        NS_TEST_EXPECT_MSG_EQ(SmkdFormatNumber(SmkdSeconds(NanoSeconds(184130))),
                              "0.00018413",
                              "exact seconds");
        NS_TEST_EXPECT_MSG_EQ(SmkdCsvField(std::string("a,b")), "\"a,b\"", "comma quoted");
        NS_TEST_EXPECT_MSG_EQ(SmkdCsvField(std::string("say \"hi\"")),
                              "\"say \"\"hi\"\"\"",
                              "quotes doubled");
        NS_TEST_EXPECT_MSG_EQ(SmkdCsvField(int64_t{-7}), "-7", "integer");
        NS_TEST_EXPECT_MSG_EQ(SmkdCsvField(std::nan("")), "", "NaN is an empty field");
        SmkdTable t{"t", {"x", "y"}, {{int64_t{1}, std::string("p")}}};
        NS_TEST_EXPECT_MSG_EQ(SmkdTableToCsv(t, {{"run", int64_t{3}}}),
                              "run,x,y\n3,1,p\n",
                              "header and leading columns");
    }
};

/// The collector's bookkeeping, fed through its Record API.
class RecordApiTestCase : public TestCase
{
  public:
    RecordApiTestCase()
        : TestCase("collector: joins, rekeys, data, crypto load, overhead and trees from records")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SmkdStatisticsCollector> c = CreateObject<SmkdStatisticsCollector>();
        // Joins. Node 1: insecure join, its LAN on the tree 0.25 s after the
        // start, first data at 0.5 s; later data does not count. Node 2: a
        // second start while the first is open is ignored: on the tree at
        // 0.75 s, data at 1 s. Node 3: keys installed 0.5 s after its
        // start, then a re-authentication (not a first join). Node 4 refused,
        // node 5 still waiting, node 6 data without a join. Data ends no join.
        c->RecordJoinStart(1, GROUP, Seconds(1));
        c->RecordJoinOnTree(1, GROUP, Seconds(1.25));
        c->RecordFirstData(1, GROUP, Seconds(1.5));
        c->RecordFirstData(1, GROUP, Seconds(2));
        c->RecordJoinOnTree(1, GROUP, Seconds(2.5));
        c->RecordJoinStart(2, GROUP, Seconds(1));
        c->RecordJoinStart(2, GROUP, Seconds(1.5));
        c->RecordFirstData(2, GROUP, Seconds(2));
        c->RecordJoinOnTree(2, GROUP, Seconds(1.75));
        c->RecordKeysInstalled(3, GROUP, Seconds(0.5), Seconds(3));
        c->RecordKeysInstalled(3, GROUP, Seconds(0.1), Seconds(10));
        c->RecordJoinStart(4, GROUP, Seconds(1));
        c->RecordJoinRefused(4, GROUP);
        c->RecordJoinStart(5, GROUP, Seconds(1));
        c->RecordFirstData(6, GROUP, Seconds(1));
        // Rekeys: 0x1234 sent at 1 s, installed by 1, 2, 3 (2 twice: 1.6 s is
        // the last install); 0x99 sent, installed by nobody; 0x77 installed, never sent.
        c->RecordRekeySent(0, GROUP, 0x1234, Seconds(1));
        c->RecordRekeyInstalled(1, GROUP, 0x1234, Seconds(1.2));
        c->RecordRekeyInstalled(2, GROUP, 0x1234, Seconds(1.5));
        c->RecordRekeyInstalled(3, GROUP, 0x1234, Seconds(1.3));
        c->RecordRekeyInstalled(2, GROUP, 0x1234, Seconds(1.6));
        c->RecordRekeySent(0, GROUP, 0x99, Seconds(5));
        c->RecordRekeyInstalled(1, GROUP, 0x77, Seconds(2));
        // Data: 1..4 sent (4 twice); 1 gets all, 2 gets 2 twice and no 4,
        // 3 gets 1; node 9 is no member; 99 was never sent.
        for (uint64_t seq : {1, 2, 3, 4, 4})
        {
            c->RecordDataSent(seq);
        }
        for (auto [node, seq] : std::vector<std::pair<uint32_t, uint64_t>>{{1, 1},
                                                                           {1, 2},
                                                                           {1, 3},
                                                                           {1, 4},
                                                                           {2, 1},
                                                                           {2, 2},
                                                                           {2, 2},
                                                                           {2, 3},
                                                                           {3, 1},
                                                                           {9, 1},
                                                                           {9, 2},
                                                                           {1, 99}})
        {
            c->RecordDataReceived(node, seq);
        }
        // Crypto: routers 1 (primary core, role never given) and 7 (idle),
        // node 2 unknown, host 8.
        c->SetPrimaryCore(1);
        c->AddCryptoNode(7, "router");
        c->AddCryptoNode(8, "host");
        c->RecordCryptoOperation(1, "sign", MicroSeconds(100), Seconds(0));
        c->RecordCryptoOperation(1, "verify", MicroSeconds(50), MicroSeconds(10));
        c->RecordCryptoOperation(2, "sign", MicroSeconds(100), MicroSeconds(30));
        c->RecordCryptoOperation(8, "sign", MicroSeconds(100), Seconds(0));
        // Overhead (no nodes exist, so no links) and security bytes.
        c->RecordControlMessage("cbt", "JOIN_REQUEST", 1, 1, 100);
        c->RecordControlMessage("cbt", "JOIN_REQUEST", 2, -1, 100);
        c->RecordControlMessage("igmp", "V3_MEMBERSHIP_REPORT", 2, -1, 60);
        c->RecordSecurityBytes(1, "key-delivery", 80);
        c->RecordSecurityBytes(1, "key-delivery", 80);
        // Trees: 10 is the core, 11 below it with a child, 12 joins and quits.
        c->RecordTreeEvent(10, GROUP, CbtTreeEvent::ON_TREE, -1);
        c->RecordTreeEvent(11, GROUP, CbtTreeEvent::ON_TREE, 1);
        c->RecordTreeEvent(11, GROUP, CbtTreeEvent::CHILD_ADDED, 2);
        c->RecordTreeEvent(10, GROUP, CbtTreeEvent::CHILD_ADDED, 1);
        c->RecordTreeEvent(12, GROUP, CbtTreeEvent::ON_TREE, 1);
        c->RecordTreeEvent(12, GROUP, CbtTreeEvent::QUIT, 1);

        SmkdStatisticsResults r = c->GetResults();
        NS_TEST_EXPECT_MSG_EQ(r.run.version, std::string(SMKD_VERSION), "version");
        NS_TEST_EXPECT_MSG_EQ(r.run.scheme, "rfc1949", "the attribute's default scheme");
        NS_TEST_EXPECT_MSG_EQ(r.run.cryptoMode, "none", "nothing attached: no crypto mode");

        NS_TEST_ASSERT_MSG_EQ(r.joins.size(), 4u, "nodes 1, 2, 3 and 3's re-authentication");
        NS_TEST_EXPECT_MSG_EQ(r.joins[0].latency, Seconds(0.25), "node 1: LAN on the tree");
        NS_TEST_EXPECT_MSG_EQ(r.joins[0].source, "on-tree", "node 1's source");
        // Time to first data: 0.5 s (node 1) and 1 s (node 2, from its first start).
        NS_TEST_EXPECT_MSG_EQ(r.firstDataLatency.count, 2u, "nodes 1 and 2; node 6 had no join");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.firstDataLatency.min, 0.5, EPS, "node 1");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.firstDataLatency.max, 1.0, EPS, "node 2");
        NS_TEST_EXPECT_MSG_EQ(r.joins[1].latency, Seconds(0.75), "node 2: from its first start");
        NS_TEST_EXPECT_MSG_EQ(r.joins[2].start, Seconds(2.5), "node 3 started 0.5 s before 3 s");
        NS_TEST_EXPECT_MSG_EQ(r.joins[3].first, false, "the re-authentication is no first join");
        NS_TEST_EXPECT_MSG_EQ(r.joinsStarted, 4u, "starts of 1, 2, 4, 5");
        NS_TEST_EXPECT_MSG_EQ(r.joinsCompleted, 3u, "first joins of 1, 2, 3");
        NS_TEST_EXPECT_MSG_EQ(r.joinsRefused, 1u, "node 4");
        NS_TEST_EXPECT_MSG_EQ(r.joinsPending, 1u, "node 5");
        // Latencies {0.25, 0.75, 0.5}: p50 = rank ceil(1.5) = 2 = 0.5; p95 = rank 3.
        NS_TEST_EXPECT_MSG_EQ(r.joinLatency.count, 3u, "three first joins");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.joinLatency.p50, 0.5, EPS, "p50");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.joinLatency.p95, 0.75, EPS, "p95");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.joinLatency.mean, 0.5, EPS, "mean");
        NS_TEST_EXPECT_MSG_EQ(r.joinLatencyCdf.size(), 3u, "three CDF steps");

        NS_TEST_ASSERT_MSG_EQ(r.rekeys.size(), 3u, "three (group, spi)");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].spi, 0x77u, "never sent: sorts first (sent = 0)");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].sentSeen, false, "0x77 was not seen sent");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[1].installs, 3u, "0x1234: three distinct members");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[1].latency, Seconds(0.6), "0x1234: 1.6 s - 1 s");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[2].installs, 0u, "0x99: nobody");
        NS_TEST_EXPECT_MSG_EQ(r.rekeyLatency.count, 1u, "one rekey with a latency");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.rekeyLatency.max, 0.6, EPS, "its latency");

        // Receivers by default: members with a completed join, {1, 2, 3}.
        // Delivered: 4 + 3 + 1 of 4 x 3; one duplicate; node 9's two are
        // unexpected; 99 unknown.
        NS_TEST_EXPECT_MSG_EQ(r.data.sent, 4u, "four sequence numbers");
        NS_TEST_EXPECT_MSG_EQ(r.data.expected, 12u, "4 x 3");
        NS_TEST_EXPECT_MSG_EQ(r.data.delivered, 8u, "4 + 3 + 1");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.data.ratio, 8.0 / 12, EPS, "ratio");
        NS_TEST_EXPECT_MSG_EQ(r.data.duplicates, 1u, "node 2's second copy of 2");
        NS_TEST_EXPECT_MSG_EQ(r.data.unexpected, 2u, "node 9");
        NS_TEST_EXPECT_MSG_EQ(r.data.unknown, 1u, "99");

        // Busy: 1: 150 us, 2: 100 us, 7: 0, 8 (host): 100 us.
        // All, ascending 0 100 100 150, weights 2i-n-1 = -3 -1 1 3:
        // (-100 + 100 + 450) / (4 * 350) = 450 / 1400.
        NS_TEST_ASSERT_MSG_EQ(r.crypto.size(), 4u, "nodes 1, 2, 7, 8");
        NS_TEST_EXPECT_MSG_EQ(r.crypto[0].role, "unknown", "node 1 was never described");
        NS_TEST_EXPECT_MSG_EQ(r.crypto[0].totalOps, 2u, "node 1: two operations");
        NS_TEST_EXPECT_MSG_EQ(r.crypto[0].busy, MicroSeconds(150), "node 1 busy");
        NS_TEST_EXPECT_MSG_EQ(r.busyAll.nodes, 4u, "every crypto node");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.busyAll.total, 350e-6, EPS, "350 us");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.busyAll.gini, 450.0 / 1400, EPS, "Gini over all");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.busyAll.primaryShare, 150.0 / 350, EPS, "core share, all");
        // Infrastructure (no hosts): 0 100 150, weights -2 0 2: 300 / (3 * 250).
        NS_TEST_EXPECT_MSG_EQ(r.busyInfrastructure.nodes, 3u, "routers and unknown");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.busyInfrastructure.gini, 0.4, EPS, "Gini, infrastructure");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.busyInfrastructure.primaryShare, 0.6, EPS, "150 / 250");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.busyInfrastructure.max, 150e-6, EPS, "max");
        // Operations 2, 1, 0: weights -2 0 2 on 0 1 2: 4 / (3 * 3).
        NS_TEST_EXPECT_MSG_EQ_TOL(r.opsInfrastructure.gini, 4.0 / 9, EPS, "Gini of counts");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.opsInfrastructure.primaryShare, 2.0 / 3, EPS, "2 of 3");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.meanQueueing, 10e-6, EPS, "40 us over 4 operations");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.maxQueueing, 30e-6, EPS, "largest wait");

        NS_TEST_ASSERT_MSG_EQ(r.overhead.size(), 2u, "two (protocol, type)");
        NS_TEST_EXPECT_MSG_EQ(r.overhead[0].type, "JOIN_REQUEST", "cbt sorts first");
        NS_TEST_EXPECT_MSG_EQ(r.overhead[0].messages, 2u, "two joins");
        NS_TEST_EXPECT_MSG_EQ(r.overhead[0].bytes, 200u, "their bytes");
        NS_TEST_EXPECT_MSG_EQ(r.controlMessages, 3u, "all messages");
        NS_TEST_EXPECT_MSG_EQ(r.controlBytes, 260u, "all bytes");
        NS_TEST_EXPECT_MSG_EQ(r.links.size(), 0u, "no node, no link");
        NS_TEST_ASSERT_MSG_EQ(r.security.size(), 1u, "one kind");
        NS_TEST_EXPECT_MSG_EQ(r.security[0].messages, 2u, "two deliveries");
        NS_TEST_EXPECT_MSG_EQ(r.securityBytes, 160u, "their bytes");

        NS_TEST_ASSERT_MSG_EQ(r.trees.size(), 1u, "one group");
        NS_TEST_EXPECT_MSG_EQ(r.trees[0].routers.size(), 2u, "10 and 11; 12 quit");
        NS_TEST_ASSERT_MSG_EQ(r.routers.size(), 2u, "two routers with state");
        NS_TEST_EXPECT_MSG_EQ(r.routers[1].childInterfaces, 1u, "11 has one child");
        NS_TEST_EXPECT_MSG_EQ(r.routers[1].stateBytes, -1, "not finalized");
        NS_TEST_EXPECT_MSG_EQ(r.counters["cbt.tree.on-tree"], 3u, "three ON_TREE events");

        // Explicit receivers {1, 2}: 4 + 3 of 8; node 3's packet becomes unexpected.
        c->SetExpectedReceivers({1, 2});
        r = c->GetResults();
        NS_TEST_EXPECT_MSG_EQ(r.data.expected, 8u, "4 x 2");
        NS_TEST_EXPECT_MSG_EQ(r.data.delivered, 7u, "4 + 3");
        NS_TEST_EXPECT_MSG_EQ(r.data.unexpected, 3u, "node 9's two and node 3's one");
    }
};

/// Directory errors name the path; finished writes leave no temporary file.
class OutputFileTestCase : public TestCase
{
  public:
    OutputFileTestCase()
        : TestCase("writes are atomic; directory errors throw with the path")
    {
    }

  private:
    void DoRun() override
    {
        namespace fs = std::filesystem;
        const fs::path dir =
            fs::temp_directory_path() / ("smkd-output-file-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        const std::string file = (dir / "sub" / "a.txt").string();
        SmkdWriteFileAtomically(file, "one");
        SmkdWriteFileAtomically(file, "two");
        std::ifstream in(file);
        std::string text;
        std::getline(in, text);
        NS_TEST_EXPECT_MSG_EQ(text, "two", "replaced whole");
        NS_TEST_EXPECT_MSG_EQ(
            std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator()),
            1,
            "no temporary file left");

        // A regular file where a directory should be.
        const std::string blocked = (dir / "sub" / "a.txt" / "b.json").string();
        std::string message;
        try
        {
            SmkdWriteFileAtomically(blocked, "x");
        }
        catch (const std::runtime_error& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find((dir / "sub" / "a.txt").string()),
                              std::string::npos,
                              "the message names the path: " << message);
        Ptr<SmkdStatisticsCollector> c = CreateObject<SmkdStatisticsCollector>();
        message.clear();
        try
        {
            c->WriteCsv(blocked, "x-");
        }
        catch (const std::runtime_error& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find(blocked), std::string::npos, "WriteCsv: " << message);
        fs::remove_all(dir);
    }
};

/**
 * An application with the trace names a centralized KDC's client and server
 * use (the host agent's and the GKDC's), fired by hand.
 */
class KdcLikeApp : public Application
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid =
            TypeId("ns3::SmkdStatisticsTestKdcLikeApp")
                .SetParent<Application>()
                .SetGroupName("Smkd")
                .AddConstructor<KdcLikeApp>()
                .AddTraceSource("JoinStarted",
                                "group",
                                MakeTraceSourceAccessor(&KdcLikeApp::m_joinStarted),
                                "ns3::SmkdHostAgent::GroupTracedCallback")
                .AddTraceSource("KeysInstalled",
                                "group, latency",
                                MakeTraceSourceAccessor(&KdcLikeApp::m_keysInstalled),
                                "ns3::SmkdHostAgent::KeysTracedCallback")
                .AddTraceSource("SecurityBytes",
                                "kind, bytes",
                                MakeTraceSourceAccessor(&KdcLikeApp::m_securityBytes),
                                "ns3::SmkdGkdc::SecurityBytesTracedCallback")
                .AddTraceSource("RekeySent",
                                "group, spi",
                                MakeTraceSourceAccessor(&KdcLikeApp::m_rekeySent),
                                "ns3::SmkdStatisticsTestKdcLikeApp::RekeyTracedCallback")
                .AddTraceSource("RekeyInstalled",
                                "group, spi",
                                MakeTraceSourceAccessor(&KdcLikeApp::m_rekeyInstalled),
                                "ns3::SmkdStatisticsTestKdcLikeApp::RekeyTracedCallback");
        return tid;
    }

    /// Signature of the rekey traces.
    using RekeyTracedCallback = void (*)(Ipv4Address, uint32_t);

    TracedCallback<Ipv4Address> m_joinStarted;
    TracedCallback<Ipv4Address, Time> m_keysInstalled;
    TracedCallback<const std::string&, uint32_t> m_securityBytes;
    TracedCallback<Ipv4Address, uint32_t> m_rekeySent;
    TracedCallback<Ipv4Address, uint32_t> m_rekeyInstalled;
};

/// Attach finds the trace sources of applications by name.
class ApplicationTracesTestCase : public TestCase
{
  public:
    ApplicationTracesTestCase()
        : TestCase("collector: applications' join and rekey traces are found by name")
    {
    }

  private:
    void DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(3);
        std::vector<Ptr<KdcLikeApp>> apps;
        for (uint32_t i = 0; i < 3; ++i)
        {
            apps.push_back(CreateObject<KdcLikeApp>());
            nodes.Get(i)->AddApplication(apps.back());
        }
        Ptr<SmkdStatisticsCollector> c = CreateObject<SmkdStatisticsCollector>();
        c->Attach(nodes);
        // Node 1 joins at 0.5 s and holds keys at 0.7 s; node 0 (the KDC)
        // rekeys at 1 s; nodes 1 and 2 install the key 4 ms and 10 ms later.
        Simulator::Schedule(Seconds(0.5), [&]() { apps[1]->m_joinStarted(GROUP); });
        Simulator::Schedule(Seconds(0.7),
                            [&]() { apps[1]->m_keysInstalled(GROUP, MilliSeconds(200)); });
        Simulator::Schedule(Seconds(1), [&]() {
            apps[0]->m_securityBytes("rekey", 100);
            apps[0]->m_rekeySent(GROUP, 0x500);
        });
        Simulator::Schedule(Seconds(1.004), [&]() { apps[1]->m_rekeyInstalled(GROUP, 0x500); });
        Simulator::Schedule(Seconds(1.010), [&]() { apps[2]->m_rekeyInstalled(GROUP, 0x500); });
        Simulator::Run();
        const SmkdStatisticsResults r = c->GetResults();
        NS_TEST_EXPECT_MSG_EQ(r.joinsStarted, 1u, "node 1's start");
        NS_TEST_ASSERT_MSG_EQ(r.joins.size(), 1u, "node 1's keys");
        NS_TEST_EXPECT_MSG_EQ(r.joins[0].start, Seconds(0.5), "0.7 s - 200 ms");
        NS_TEST_ASSERT_MSG_EQ(r.rekeys.size(), 1u, "one rekey");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].sender, 0u, "sent by node 0");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].installs, 2u, "installed by 1 and 2");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].latency, MilliSeconds(10), "until the last install");
        NS_TEST_EXPECT_MSG_EQ(r.run.cryptoMode, "none", "no crypto engine");
        // The KDC's rekey: its 100 bytes of payload count where it was made;
        // its transmissions count only on the wire, and these nodes have no
        // device.
        NS_TEST_EXPECT_MSG_EQ(r.overhead.size(), 0u, "nothing went onto a link");
        NS_TEST_EXPECT_MSG_EQ(r.securityBytes, 100u, "payload alone");
        Simulator::Destroy();
    }
};

/// Crypto operations of one node, as derived by hand.
struct Ops
{
    uint64_t sign;
    uint64_t verify;
    uint64_t seal;
    uint64_t open;
};

/// What the chain run measured on its own, beside the collector.
struct ChainRun
{
    uint32_t core{0};
    uint32_t r1{0};
    uint32_t dr{0};
    uint32_t h1{0};
    uint32_t h2{0};
    uint32_t initiator{0};
    Time delay;
    DataRate rate;
    Time cpu[2];                             //!< CPU costs during each join
    std::map<uint32_t, Time> busy;           //!< per node, the whole run
    std::map<uint32_t, Ops> engineCounts;    //!< SmkdCryptoEngine::GetCount at the end
    std::map<uint32_t, uint32_t> stateBytes; //!< forwarding state at the end
    SmkdStatisticsResults afterFirst;        //!< results at 5.9 s, between the joins
    SmkdStatisticsResults final;             //!< results at the end
    SmkdStatisticsResults destroyed;         //!< results after Simulator::Destroy
};

/**
 * core - r1 - dr, members h1 and h2 on their own point-to-point links to dr,
 * the initiator on the core; every link 3 ms and 10 Mb/s (800 ns a byte, so
 * transmission times are exact). h1 joins at 5 s (the chain case of the
 * secure-join latency suite), h2 at 6 s, when dr is a GKDC already.
 */
void
RunChain(Ptr<SmkdStatisticsCollector> stats,
         ChainRun& out,
         Ptr<SmkdStatisticsCollector> disposed = nullptr)
{
    out.delay = MilliSeconds(3);
    out.rate = DataRate("10Mbps");
    NodeContainer routers;
    routers.Create(3);
    NodeContainer hosts;
    hosts.Create(3);
    out.core = routers.Get(0)->GetId();
    out.r1 = routers.Get(1)->GetId();
    out.dr = routers.Get(2)->GetId();
    out.h1 = hosts.Get(0)->GetId();
    out.h2 = hosts.Get(1)->GetId();
    out.initiator = hosts.Get(2)->GetId();
    CbtHelper cbt;
    cbt.RouterStack().Install(routers);
    IgmpHelper igmp;
    igmp.SetHostAttribute("RobustnessVariable", UintegerValue(1));
    igmp.InstallHosts(hosts);
    igmp.InstallRouters(routers);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(out.rate));
    p2p.SetChannelAttribute("Delay", TimeValue(out.delay));
    uint32_t subnet = 0;
    auto connect = [&](Ptr<Node> a, Ptr<Node> b) {
        std::ostringstream base;
        base << "10.78." << ++subnet << ".0";
        Ipv4AddressHelper addresses(base.str().c_str(), "255.255.255.0");
        addresses.Assign(p2p.Install(a, b));
    };
    connect(routers.Get(0), routers.Get(1));
    connect(routers.Get(1), routers.Get(2));
    connect(routers.Get(2), hosts.Get(0));
    connect(routers.Get(2), hosts.Get(1));
    connect(routers.Get(0), hosts.Get(2));
    IgmpHelper::SetDefaultMulticastRoute(hosts.Get(0), 1);
    IgmpHelper::SetDefaultMulticastRoute(hosts.Get(1), 1);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    cbt.AddCores(GROUP, Ipv4Mask("255.255.255.255"), {CbtHelper::PrimaryAddress(routers.Get(0))});
    SmkdHelper smkd;
    smkd.AddSecureGroups(GROUP, Ipv4Mask("255.255.255.255"));
    smkd.SetCoreMap(cbt.GetCoreMap());
    smkd.InstallGkdc(routers);
    smkd.InstallHosts(hosts);
    SmkdAccessList acl(GROUP,
                       SmkdAccessList::Kind::GROUP_MEMBERS,
                       SmkdAccessList::Mode::INCLUSION,
                       CbtHelper::PrimaryAddress(hosts.Get(2)));
    acl.Add(CbtHelper::PrimaryAddress(hosts.Get(0)));
    acl.Add(CbtHelper::PrimaryAddress(hosts.Get(1)));
    smkd.InstallInitiator(hosts.Get(2), acl, CbtHelper::PrimaryAddress(routers.Get(0)), Seconds(1));

    stats->SetScheme("rfc1949");
    stats->SetParameter("topology", "chain");
    stats->SetParameter("members", "2");
    stats->SetPrimaryCore(out.core);
    NodeContainer all(routers, hosts);
    stats->Attach(all);
    stats->Attach(all); // attached nodes are skipped: no double counting
    if (disposed)
    {
        // Disposed before the run: it must have let go of every trace source.
        disposed->Attach(all);
        disposed->Dispose();
    }

    // The test's own view of the CPUs: costs per join window and per node.
    int window = -1;
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        const uint32_t id = (*it)->GetId();
        (*it)->GetObject<SmkdSimulatedCpu>()->TraceConnectWithoutContext(
            "CryptoOperation",
            Callback<void, uint32_t, const std::string&, const std::string&, Time, Time>(
                [&out,
                 &window,
                 id](uint32_t, const std::string&, const std::string&, Time c, Time) {
                    out.busy[id] += c;
                    if (window >= 0)
                    {
                        out.cpu[window] += c;
                    }
                }));
    }
    std::vector<Ptr<Socket>> sockets;
    for (int k = 0; k < 2; ++k)
    {
        Ptr<Node> h = hosts.Get(k);
        Ptr<SmkdHostAgent> agent = h->GetObject<SmkdHostAgent>();
        agent->TraceConnectWithoutContext(
            "KeysInstalled",
            Callback<void, Ipv4Address, Time>([&window](Ipv4Address, Time) { window = -1; }));
        Ptr<Socket> socket = Socket::CreateSocket(h, UdpSocketFactory::GetTypeId());
        sockets.push_back(socket);
        Simulator::Schedule(Seconds(5 + k), [&window, k, agent, socket]() {
            window = k;
            agent->Join(socket, 1, GROUP);
        });
    }
    Simulator::Schedule(Seconds(5.9), [&out, stats]() { out.afterFirst = stats->GetResults(); });
    Simulator::Stop(Seconds(8));
    Simulator::Run();
    stats->Finalize();
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        Ptr<SmkdCryptoEngine> e = (*it)->GetObject<SmkdCryptoEngine>();
        out.engineCounts[(*it)->GetId()] = {e->GetCount(SmkdCryptoOp::SIGN),
                                            e->GetCount(SmkdCryptoOp::VERIFY),
                                            e->GetCount(SmkdCryptoOp::SEAL),
                                            e->GetCount(SmkdCryptoOp::OPEN)};
    }
    for (uint32_t r = 0; r < 3; ++r)
    {
        out.stateBytes[routers.Get(r)->GetId()] =
            CbtHelper::Get(routers.Get(r))->GetForwardingCache().GetStateBytes();
    }
    out.final = stats->GetResults();
    Simulator::Destroy();
    out.destroyed = stats->GetResults();
}

/// Messages and bytes of one type in some results.
SmkdOverheadRecord
Overhead(const SmkdStatisticsResults& r, const std::string& type)
{
    for (const SmkdOverheadRecord& o : r.overhead)
    {
        if (o.type == type)
        {
            return o;
        }
    }
    return {};
}

/// A node's completed operations in the collector's results.
Ops
CollectedOps(const SmkdStatisticsResults& r, uint32_t node)
{
    for (const SmkdCryptoNodeRecord& c : r.crypto)
    {
        if (c.node == node)
        {
            auto n = [&c](const char* op) {
                auto it = c.ops.find(op);
                return it == c.ops.end() ? uint64_t{0} : it->second;
            };
            return {n("sign"), n("verify"), n("seal"), n("open")};
        }
    }
    return {99, 99, 99, 99};
}

/// Read a whole file.
std::string
Slurp(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/**
 * The collector on the chain. Join latency on a chain is exactly the CPU
 * costs of its operations plus the link time of its messages (delay +
 * (IP bytes + 2 PPP bytes) x 800 ns, see the secure-join latency suite):
 * the test sums the costs itself and takes the messages' bytes from the
 * collector's overhead figures, so the three trace paths check each other.
 *
 * Messages: h1's join is one IGMPv3 report (robustness 1), JOIN_REQUEST
 * dr -> r1 -> core and JOIN_ACK back (2 each), and dr's key delivery; h2's
 * is a report and dr's delivery only (dr is a GKDC by then).
 *
 * Operations (secure-join suite: k = 1 off-tree router, r1, between dr and the core):
 *   core: ACL verify, ACL and bundle signatures (setup); join and host-token
 *         verifies, ack signature, seals for h1 and r1   -> 3 sign, 3 verify, 2 seal
 *   r1:   join verify and re-sign; ack, key and ACL signature verifies,
 *         open, seal for dr, ack re-sign                 -> 2 sign, 4 verify, 1 seal, 1 open
 *   dr:   h1: token verify, join sign, ack/key/ACL verifies, open;
 *         h2: token verify, seal                         -> 1 sign, 5 verify, 1 seal, 1 open
 *   h1, h2: token sign, open, key signature verify       -> 1 sign, 1 verify, 1 open
 *   initiator: ACL signature                             -> 1 sign
 */
class ChainScenarioTestCase : public TestCase
{
  public:
    ChainScenarioTestCase()
        : TestCase("collector on a secure-join chain: exact latencies, counts, operations, "
                   "outputs")
    {
    }

  private:
    /// Link time of \p messages messages with \p bytes IP bytes in all.
    static Time Links(const ChainRun& run, uint64_t messages, uint64_t bytes)
    {
        return run.delay * static_cast<int64_t>(messages) +
               run.rate.CalculateBytesTxTime(static_cast<uint32_t>(bytes + 2 * messages));
    }

    void DoRun() override
    {
        ChainRun run;
        Ptr<SmkdStatisticsCollector> stats = CreateObject<SmkdStatisticsCollector>();
        RunChain(stats, run);
        const SmkdStatisticsResults& r = run.final;
        const SmkdStatisticsResults& a = run.afterFirst;

        // Message counts by type (derivation in the class comment).
        NS_TEST_EXPECT_MSG_EQ(Overhead(r, "JOIN_REQUEST").messages, 2u, "dr -> r1 -> core");
        NS_TEST_EXPECT_MSG_EQ(Overhead(r, "JOIN_ACK").messages, 2u, "core -> r1 -> dr");
        NS_TEST_EXPECT_MSG_EQ(Overhead(r, "V3_MEMBERSHIP_REPORT").messages, 2u, "one per member");
        NS_TEST_EXPECT_MSG_EQ(Overhead(r, "key-delivery").messages, 2u, "one per member");
        NS_TEST_EXPECT_MSG_EQ(Overhead(r, "key-delivery").protocol, "smkd", "a datagram");
        // RFC 2189 §4.1.1: two HELLOs at start-up on each of the routers' 7
        // interfaces; on the two router-router links the better router answers
        // the lesser one's HELLOs once (§4.1.2); the next periodic HELLO is at 60 s.
        NS_TEST_EXPECT_MSG_EQ(Overhead(r, "HELLO").messages, 2u * 7 + 2, "HELLOs");
        // IGMP routers send a start-up General Query on each of their 7
        // interfaces at 0 s; the next comes at Startup Query Interval = 31.25 s.
        NS_TEST_EXPECT_MSG_EQ(Overhead(r, "MEMBERSHIP_QUERY").messages, 7u, "start-up queries");
        NS_TEST_EXPECT_MSG_EQ(Overhead(a, "JOIN_REQUEST").messages, 2u, "all in the first join");
        NS_TEST_EXPECT_MSG_EQ(Overhead(a, "V3_MEMBERSHIP_REPORT").messages, 1u, "h1's");
        // Each control message on a link is counted on exactly one link.
        uint64_t linkBytes = 0;
        for (const SmkdLinkOverheadRecord& l : r.links)
        {
            linkBytes += l.bytes;
        }
        NS_TEST_EXPECT_MSG_EQ(r.links.size(), 5u, "five links carried control messages");
        NS_TEST_EXPECT_MSG_EQ(linkBytes, r.controlBytes, "per-link bytes add up to the total");
        NS_TEST_EXPECT_MSG_EQ(r.security.size(), 3u, "join requests, acks, deliveries");

        // Exact join latencies.
        Time links[2];
        for (const char* type : {"JOIN_REQUEST", "JOIN_ACK", "V3_MEMBERSHIP_REPORT"})
        {
            const SmkdOverheadRecord o = Overhead(a, type);
            links[0] += Links(run, o.messages, o.bytes);
        }
        const SmkdOverheadRecord d1 = Overhead(a, "key-delivery");
        links[0] += Links(run, d1.messages, d1.bytes);
        const SmkdOverheadRecord rep = Overhead(r, "V3_MEMBERSHIP_REPORT");
        const SmkdOverheadRecord rep1 = Overhead(a, "V3_MEMBERSHIP_REPORT");
        const SmkdOverheadRecord d = Overhead(r, "key-delivery");
        links[1] = Links(run, 1, rep.bytes - rep1.bytes) + Links(run, 1, d.bytes - d1.bytes);
        NS_TEST_ASSERT_MSG_EQ(r.joins.size(), 2u, "two joins");
        NS_TEST_EXPECT_MSG_EQ(r.joins[0].node, run.h1, "h1 first");
        NS_TEST_EXPECT_MSG_EQ(r.joins[0].start, Seconds(5), "h1 started at 5 s");
        NS_TEST_EXPECT_MSG_EQ(r.joins[0].latency, run.cpu[0] + links[0], "h1: CPU + links");
        NS_TEST_EXPECT_MSG_EQ(r.joins[1].node, run.h2, "h2 second");
        NS_TEST_EXPECT_MSG_EQ(r.joins[1].latency, run.cpu[1] + links[1], "h2: CPU + links");
        NS_TEST_EXPECT_MSG_GT(r.joins[0].latency,
                              r.joins[1].latency + MilliSeconds(12),
                              "h1 waited for four more 3 ms hops");
        // Nearest rank over two: p50 is the smaller, p95 the larger.
        NS_TEST_EXPECT_MSG_EQ(r.joinLatency.p50, SmkdSeconds(r.joins[1].latency), "p50");
        NS_TEST_EXPECT_MSG_EQ(r.joinLatency.p95, SmkdSeconds(r.joins[0].latency), "p95");
        NS_TEST_EXPECT_MSG_EQ(r.joinsStarted, 2u, "two JoinStarted");
        NS_TEST_EXPECT_MSG_EQ(r.joinsPending, 0u, "none open");
        NS_TEST_EXPECT_MSG_EQ(r.meanQueueing, 0, "nothing waited for a CPU on a chain");

        // Operations per node: derived, and as the engines counted them.
        const std::map<uint32_t, Ops> expected{{run.core, {3, 3, 2, 0}},
                                               {run.r1, {2, 4, 1, 1}},
                                               {run.dr, {3, 5, 1, 1}},
                                               {run.h1, {1, 2, 0, 1}},
                                               {run.h2, {1, 2, 0, 1}},
                                               {run.initiator, {1, 0, 0, 0}}};
        for (const auto& [node, ops] : expected)
        {
            const Ops got = CollectedOps(r, node);
            NS_TEST_EXPECT_MSG_EQ(got.sign, ops.sign, "node " << node << " signatures");
            NS_TEST_EXPECT_MSG_EQ(got.verify, ops.verify, "node " << node << " verifications");
            NS_TEST_EXPECT_MSG_EQ(got.seal, ops.seal, "node " << node << " seals");
            NS_TEST_EXPECT_MSG_EQ(got.open, ops.open, "node " << node << " openings");
            NS_TEST_EXPECT_MSG_EQ(run.engineCounts[node].verify,
                                  ops.verify,
                                  "node " << node << " engine's verifications");
        }
        NS_TEST_ASSERT_MSG_EQ(r.crypto.size(), 6u, "six crypto nodes");
        for (const SmkdCryptoNodeRecord& c : r.crypto)
        {
            NS_TEST_EXPECT_MSG_EQ(c.busy, run.busy[c.node], "node " << c.node << " busy time");
            NS_TEST_EXPECT_MSG_EQ(c.started.at("sign"),
                                  run.engineCounts[c.node].sign,
                                  "node " << c.node << " started signatures");
        }
        NS_TEST_EXPECT_MSG_EQ(r.crypto[run.core].role, "router", "the core is a router");
        NS_TEST_EXPECT_MSG_EQ(r.crypto[run.h1].role, "host", "h1 is a host");
        // Counts 8 8 10 (routers: the DR signs its two deliveries) and 4 4 1
        // (hosts: each verifies its delivery). All, ascending 1 4 4 8 8 10 with
        // weights -5 -3 -1 1 3 5: 61 / (6 * 35). Routers 8 8 10, weights
        // -2 0 2: 4 / (3 * 26).
        NS_TEST_EXPECT_MSG_EQ_TOL(r.opsAll.gini, 61.0 / 210, EPS, "Gini over all nodes");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.opsAll.primaryShare, 8.0 / 35, EPS, "core's share of all");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.opsInfrastructure.gini, 4.0 / 78, EPS, "routers 8, 8, 10");
        NS_TEST_EXPECT_MSG_EQ_TOL(r.opsInfrastructure.primaryShare,
                                  8.0 / 26,
                                  EPS,
                                  "the core's 8 of 26");
        Time total;
        for (const auto& [node, busy] : run.busy)
        {
            total += busy;
        }
        NS_TEST_EXPECT_MSG_EQ_TOL(r.busyAll.primaryShare,
                                  SmkdSeconds(run.busy[run.core]) / SmkdSeconds(total),
                                  EPS,
                                  "core's share of the CPU time");

        // The tree: core - r1 - dr and dr's two member links.
        NS_TEST_ASSERT_MSG_EQ(r.trees.size(), 1u, "one group");
        NS_TEST_EXPECT_MSG_EQ(r.trees[0].routers.size(), 3u, "core, r1, dr");
        NS_TEST_EXPECT_MSG_EQ(r.trees[0].links.size(), 4u, "core-r1, r1-dr, dr-h1, dr-h2");
        NS_TEST_ASSERT_MSG_EQ(r.routers.size(), 3u, "three routers");
        for (const SmkdRouterStateRecord& s : r.routers)
        {
            NS_TEST_EXPECT_MSG_EQ(s.groups, 1u, "router " << s.node << ": one entry");
            NS_TEST_EXPECT_MSG_EQ(s.childInterfaces,
                                  (s.node == run.dr ? 2u : 1u),
                                  "router " << s.node << " children");
            NS_TEST_EXPECT_MSG_EQ(s.stateBytes,
                                  int64_t{run.stateBytes[s.node]},
                                  "router " << s.node << " state bytes");
        }
        NS_TEST_EXPECT_MSG_EQ(r.counters.at("gkdc.role-gained"), 3u, "core, r1, dr");
        NS_TEST_EXPECT_MSG_EQ(r.run.cryptoMode, "real", "detected from the engines");
        NS_TEST_EXPECT_MSG_EQ(r.run.parameters.at("topology"), "chain", "parameters kept");

        NS_TEST_EXPECT_MSG_EQ(SmkdStatisticsJson(run.destroyed),
                              SmkdStatisticsJson(r),
                              "the results outlive the simulation");
        CheckOutputs(stats, r);

        // Same seed, same run: the same figures, byte for byte.
        ChainRun again;
        Ptr<SmkdStatisticsCollector> stats2 = CreateObject<SmkdStatisticsCollector>();
        Ptr<SmkdStatisticsCollector> disposed = CreateObject<SmkdStatisticsCollector>();
        RunChain(stats2, again, disposed);
        NS_TEST_EXPECT_MSG_EQ(SmkdStatisticsJson(again.final),
                              SmkdStatisticsJson(r),
                              "a second run gives the same JSON");
        const SmkdStatisticsResults none = disposed->GetResults();
        NS_TEST_EXPECT_MSG_EQ(none.controlMessages + none.joins.size(),
                              0u,
                              "a disposed collector hears no message and no join");
        NS_TEST_EXPECT_MSG_EQ(none.opsAll.total, 0, "nor any crypto operation");
    }

    void CheckOutputs(Ptr<SmkdStatisticsCollector> stats, const SmkdStatisticsResults& r)
    {
        namespace fs = std::filesystem;
        const fs::path dir =
            fs::temp_directory_path() / ("smkd-statistics-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        stats->WriteCsv(dir.string(), "chain-");
        stats->WriteJson((dir / "summary.json").string());

        // CSV: the header and h1's row.
        std::istringstream joins(Slurp((dir / "chain-joins.csv").string()));
        std::string header;
        std::string row;
        std::getline(joins, header);
        std::getline(joins, row);
        NS_TEST_EXPECT_MSG_EQ(header,
                              "version,seed,run,scheme,crypto_mode,parameters,node,group,start_s,"
                              "end_s,latency_s,first,source",
                              "joins.csv header");
        std::ostringstream h1;
        h1 << SMKD_VERSION << ",1,1,rfc1949,real,members=2;topology=chain," << r.joins[0].node
           << "," << GROUP << ",5," << SmkdFormatNumber(SmkdSeconds(r.joins[0].end)) << ","
           << SmkdFormatNumber(SmkdSeconds(r.joins[0].latency)) << ",1,keys-installed";
        NS_TEST_EXPECT_MSG_EQ(row, h1.str(), "joins.csv: h1's row");
        const std::string types = Slurp((dir / "chain-overhead-types.csv").string());
        // Two requests on point-to-point links: 2 bytes of PPP framing each.
        const uint64_t requestBytes = Overhead(r, "JOIN_REQUEST").bytes;
        NS_TEST_EXPECT_MSG_NE(types.find(",cbt,JOIN_REQUEST,2," + std::to_string(requestBytes) +
                                         "," + std::to_string(requestBytes + 2 * 2) + "\n"),
                              std::string::npos,
                              "overhead-types.csv: the join requests");
        for (const char* t : {"rekeys",
                              "crypto-nodes",
                              "crypto-ops",
                              "overhead-links",
                              "security",
                              "trees",
                              "routers"})
        {
            NS_TEST_EXPECT_MSG_EQ(fs::exists(dir / ("chain-" + std::string(t) + ".csv")),
                                  true,
                                  t << ".csv written");
        }

        // JSON: read back by Python's parser.
        const std::string json = (dir / "summary.json").string();
        const std::string cmd = "python3 -c \"import json,sys; d=json.load(open(sys.argv[1])); "
                                "print(d['run']['version'], d['run']['parameters']['members'], "
                                "d['joins']['completed'], repr(d['joins']['latency']['p95']), "
                                "d['crypto']['operations']['verify'])\" " +
                                json + " 2>&1";
        std::string parsed;
        if (FILE* p = ::popen(cmd.c_str(), "r"))
        {
            char buf[512];
            while (std::fgets(buf, sizeof(buf), p))
            {
                parsed += buf;
            }
            ::pclose(p);
        }
        // 3 + 4 + 5 + 2 + 2 verifications; Python's repr is also the shortest round trip.
        NS_TEST_EXPECT_MSG_EQ(parsed,
                              std::string(SMKD_VERSION) + " 2 2 " +
                                  SmkdFormatNumber(r.joinLatency.p95) + " 16\n",
                              "summary.json parses and holds the figures");

#if SMKD_TEST_SQLITE
        const std::string db = (dir / "run.db").string();
        stats->WriteSqlite(db);
        stats->WriteSqlite(db, true); // a second run in the same database
        Ptr<SQLiteOutput> out = Create<SQLiteOutput>(db);
        auto number = [&out](const std::string& sql) {
            sqlite3_stmt* stmt = nullptr;
            double v = -1;
            if (out->WaitPrepare(&stmt, sql) && SQLiteOutput::SpinStep(stmt) == SQLITE_ROW)
            {
                v = out->RetrieveColumn<double>(stmt, 0);
            }
            SQLiteOutput::SpinFinalize(stmt);
            return v;
        };
        NS_TEST_EXPECT_MSG_EQ(number("SELECT COUNT(*) FROM joins"), 4, "2 joins x 2 writes");
        NS_TEST_EXPECT_MSG_EQ(number("SELECT COUNT(*) FROM Experiments"), 2, "two runs");
        NS_TEST_EXPECT_MSG_EQ(number("SELECT COUNT(*) FROM Metadata WHERE key = 'version' AND "
                                     "value = '" SMKD_VERSION "'"),
                              2,
                              "the version, per run");
        NS_TEST_EXPECT_MSG_EQ(number("SELECT latency_s FROM joins WHERE node = " +
                                     std::to_string(r.joins[0].node) + " LIMIT 1"),
                              SmkdSeconds(r.joins[0].latency),
                              "h1's latency");
        NS_TEST_EXPECT_MSG_EQ(number("SELECT value FROM Singletons WHERE name = 'join-latency' "
                                     "AND variable = 'p50' LIMIT 1"),
                              r.joinLatency.p50,
                              "the summary's p50");
        NS_TEST_EXPECT_MSG_EQ(number("SELECT SUM(completed) FROM crypto_ops WHERE op = 'verify'"),
                              2 * 16,
                              "verifications, twice");
        NS_TEST_EXPECT_MSG_EQ(
            number("SELECT COUNT(*) FROM overhead_types WHERE run = '" + r.run.label + "'"),
            2.0 * r.overhead.size(),
            "types, under the run's label");
        out = nullptr;
#endif
        for (const auto& entry : fs::directory_iterator(dir))
        {
            NS_TEST_EXPECT_MSG_EQ(entry.path().string().find(".tmp-"),
                                  std::string::npos,
                                  "no temporary file left: " << entry.path());
        }
        fs::remove_all(dir);
    }
};

class SmkdStatisticsTestSuite : public TestSuite
{
  public:
    SmkdStatisticsTestSuite()
        : TestSuite("smkd-statistics", UNIT)
    {
        AddTestCase(new SampleStatisticsTestCase, TestCase::QUICK);
        AddTestCase(new ReplicationStatisticsTestCase, TestCase::QUICK);
        AddTestCase(new SequenceSetTestCase, TestCase::QUICK);
        AddTestCase(new TextFormatTestCase, TestCase::QUICK);
        AddTestCase(new RecordApiTestCase, TestCase::QUICK);
        AddTestCase(new OutputFileTestCase, TestCase::QUICK);
        AddTestCase(new ApplicationTracesTestCase, TestCase::QUICK);
        AddTestCase(new ChainScenarioTestCase, TestCase::QUICK);
    }
};

SmkdStatisticsTestSuite g_smkdStatisticsTestSuite;

} // namespace
