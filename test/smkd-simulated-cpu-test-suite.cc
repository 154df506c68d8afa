/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The simulated CPU (a FIFO single-server queue in simulated time) and the
// crypto cost table that feeds it.

#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/smkd-crypto-cost.h"
#include "ns3/smkd-simulated-cpu.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// What the CryptoOperation trace reported.
struct TraceRecord
{
    uint32_t node;
    std::string op;
    std::string algorithm;
    Time cost;
    Time queueingDelay;
};

/// FIFO service: completion times, busy time, queueing delays, an idle restart.
class SimulatedCpuQueueTestCase : public TestCase
{
  public:
    SimulatedCpuQueueTestCase()
        : TestCase("simulated CPU serves jobs one at a time in arrival order")
    {
    }

  private:
    void Done(int job)
    {
        m_done.push_back({job, Simulator::Now()});
    }

    void Trace(uint32_t node,
               const std::string& op,
               const std::string& algorithm,
               Time cost,
               Time queueingDelay)
    {
        m_trace.push_back({node, op, algorithm, cost, queueingDelay});
    }

    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        Ptr<SmkdSimulatedCpu> cpu = CreateObject<SmkdSimulatedCpu>();
        node->AggregateObject(cpu);
        cpu->TraceConnectWithoutContext("CryptoOperation",
                                        MakeCallback(&SimulatedCpuQueueTestCase::Trace, this));

        // Three jobs at the same instant, then one after the queue has emptied.
        cpu->Submit(MicroSeconds(10),
                    MakeCallback(&SimulatedCpuQueueTestCase::Done, this).Bind(1),
                    SmkdCryptoOp::SIGN,
                    "ed25519");
        cpu->Submit(MicroSeconds(20),
                    MakeCallback(&SimulatedCpuQueueTestCase::Done, this).Bind(2),
                    SmkdCryptoOp::VERIFY,
                    "ed25519");
        cpu->Submit(MicroSeconds(30), MakeCallback(&SimulatedCpuQueueTestCase::Done, this).Bind(3));
        NS_TEST_EXPECT_MSG_EQ(cpu->GetPendingJobs(), 3u, "three queued");
        NS_TEST_EXPECT_MSG_EQ(m_done.size(), 0u, "nothing runs inside Submit");
        Simulator::Schedule(MicroSeconds(100), [this, cpu]() {
            cpu->Submit(MicroSeconds(5),
                        MakeCallback(&SimulatedCpuQueueTestCase::Done, this).Bind(4),
                        SmkdCryptoOp::VERIFY,
                        "ed25519");
        });
        // A zero-cost job on an idle CPU still completes through the scheduler.
        Simulator::Schedule(MicroSeconds(200), [this, cpu]() {
            cpu->Submit(Time(0), MakeCallback(&SimulatedCpuQueueTestCase::Done, this).Bind(5));
            NS_TEST_EXPECT_MSG_EQ(m_done.size(), 4u, "zero cost is not synchronous");
        });
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(m_done.size(), 5u, "every job completed");
        const std::vector<std::pair<int, Time>> expected = {{1, MicroSeconds(10)},
                                                            {2, MicroSeconds(30)},
                                                            {3, MicroSeconds(60)},
                                                            {4, MicroSeconds(105)},
                                                            {5, MicroSeconds(200)}};
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(m_done[i].first, expected[i].first, "FIFO order");
            NS_TEST_EXPECT_MSG_EQ(m_done[i].second, expected[i].second, "job " << i + 1 << " end");
        }
        NS_TEST_EXPECT_MSG_EQ(cpu->GetBusyTime(), MicroSeconds(65), "busy time 10+20+30+5");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetMaxQueueingDelay(), MicroSeconds(30), "job 3 waited 30");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetTotalQueueingDelay(), MicroSeconds(40), "0+10+30+0+0");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetCompletedJobs(), 5u, "jobs");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetCompletedJobs("verify"), 2u, "verify jobs");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetCompletedJobs("sign"), 1u, "sign jobs");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetCompletedJobs("open"), 0u, "no open jobs");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetPendingJobs(), 0u, "queue empty");

        NS_TEST_ASSERT_MSG_EQ(m_trace.size(), 5u, "one trace per job");
        NS_TEST_EXPECT_MSG_EQ(m_trace[0].node, node->GetId(), "node id");
        NS_TEST_EXPECT_MSG_EQ(m_trace[0].op, "sign", "op name");
        NS_TEST_EXPECT_MSG_EQ(m_trace[0].algorithm, "ed25519", "algorithm name");
        NS_TEST_EXPECT_MSG_EQ(m_trace[2].cost, MicroSeconds(30), "cost");
        NS_TEST_EXPECT_MSG_EQ(m_trace[2].queueingDelay, MicroSeconds(30), "queueing delay");
        NS_TEST_EXPECT_MSG_EQ(m_trace[3].queueingDelay, Time(0), "idle CPU starts at once");
        Simulator::Destroy();
    }

    std::vector<std::pair<int, Time>> m_done;
    std::vector<TraceRecord> m_trace;
};

/// The three-job case of the specification, on its own.
class SimulatedCpuThreeJobsTestCase : public TestCase
{
  public:
    SimulatedCpuThreeJobsTestCase()
        : TestCase("jobs of 10, 20, 30 us at t=0 end at 10, 30, 60 us")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SmkdSimulatedCpu> cpu = CreateObject<SmkdSimulatedCpu>();
        std::vector<Time> ends;
        auto record = [&ends]() { ends.push_back(Simulator::Now()); };
        for (int us : {10, 20, 30})
        {
            cpu->Submit(MicroSeconds(us), Callback<void>(record));
        }
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(ends.size(), 3u, "three completions");
        NS_TEST_EXPECT_MSG_EQ(ends[0], MicroSeconds(10), "first");
        NS_TEST_EXPECT_MSG_EQ(ends[1], MicroSeconds(30), "second");
        NS_TEST_EXPECT_MSG_EQ(ends[2], MicroSeconds(60), "third");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetBusyTime(), MicroSeconds(60), "busy time");
        NS_TEST_EXPECT_MSG_EQ(cpu->GetMaxQueueingDelay(), MicroSeconds(30), "max queueing delay");
        Simulator::Destroy();
    }
};

/// The cost table charges the measured defaults and scales with size as documented.
class CryptoCostTableTestCase : public TestCase
{
  public:
    CryptoCostTableTestCase()
        : TestCase("crypto cost table: measured defaults, size scaling, attributes")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SmkdCryptoCostTable> t = CreateObject<SmkdCryptoCostTable>();
        using Op = SmkdCryptoOp;
        const auto ed = SmkdSignatureAlgorithm::ED25519;
        const auto ec = SmkdSignatureAlgorithm::ECDSA_P256;
        const auto rsa = SmkdSignatureAlgorithm::RSA_PSS_2048;
        const auto x = SmkdSealAlgorithm::X25519_HKDF_AES256GCM;
        const auto oaep = SmkdSealAlgorithm::RSA_OAEP_2048;

        // Message size 0: the fixed costs of /work/shared/README.md.
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SIGN, ed, 0), MicroSeconds(39), "Ed25519 sign");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::VERIFY, ed, 0), MicroSeconds(104), "Ed25519 verify");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SIGN, ec, 0), MicroSeconds(23), "ECDSA sign");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::VERIFY, ec, 0), MicroSeconds(63), "ECDSA verify");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SIGN, rsa, 0), MicroSeconds(250), "RSA sign");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::VERIFY, rsa, 0), MicroSeconds(20), "RSA verify");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::KEYGEN, ed, 0), MicroSeconds(41), "Ed25519 keygen");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::KEYGEN, x, 0), MicroSeconds(40), "X25519 keygen");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::KEYGEN, ec, 0), MicroSeconds(25), "P-256 keygen (bench)");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::KEYGEN, rsa, 0), MilliSeconds(164), "RSA keygen");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::KEYGEN, oaep, 0), MilliSeconds(164), "RSA keygen");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SEAL, x, 48), MicroSeconds(80), "X25519 seal 48 B");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::OPEN, x, 48), MicroSeconds(41), "X25519 open 48 B");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SEAL, oaep, 48), MicroSeconds(22), "OAEP seal 48 B");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::OPEN, oaep, 48), MicroSeconds(257), "OAEP open 48 B");
        NS_TEST_EXPECT_MSG_EQ(t->AeadCost(48), NanoSeconds(450), "AES-GCM 48 B");
        NS_TEST_EXPECT_MSG_EQ(t->AeadCost(1024), NanoSeconds(670), "AES-GCM 1 KiB");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::AEAD_DECRYPT, x, 1024), NanoSeconds(670), "AEAD op");

        // Size scaling.
        const Time aesSlope2k = t->AeadCost(2048) - t->AeadCost(1024);
        // 220 ns per 976 bytes, over 1024 more bytes: 230.8 ns, within rounding to 1 ns.
        NS_TEST_EXPECT_MSG_EQ_TOL(aesSlope2k, NanoSeconds(231), NanoSeconds(1), "linear AES-GCM");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SEAL, x, 2048),
                              MicroSeconds(80) + t->AeadCost(2048) - t->AeadCost(48),
                              "X25519 seal 2 KiB adds the AES-GCM of the extra bytes");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SEAL, oaep, 190), MicroSeconds(22), "OAEP direct");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SEAL, oaep, 2048),
                              MicroSeconds(22) + t->AeadCost(2048),
                              "OAEP hybrid adds AES-GCM");
        NS_TEST_EXPECT_MSG_EQ((t->Cost(Op::SIGN, ed, 2048) > t->Cost(Op::SIGN, ed, 48)),
                              true,
                              "longer messages cost more to hash");
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::KEYGEN, ed, 5000), t->Cost(Op::KEYGEN, ed, 0), "keygen");

        // Attributes override the defaults.
        t->SetAttribute("Ed25519Sign", TimeValue(MicroSeconds(500)));
        NS_TEST_EXPECT_MSG_EQ(t->Cost(Op::SIGN, ed, 0), MicroSeconds(500), "attribute");
    }
};

class SmkdSimulatedCpuTestSuite : public TestSuite
{
  public:
    SmkdSimulatedCpuTestSuite()
        : TestSuite("smkd-simulated-cpu", UNIT)
    {
        AddTestCase(new SimulatedCpuThreeJobsTestCase, TestCase::QUICK);
        AddTestCase(new SimulatedCpuQueueTestCase, TestCase::QUICK);
        AddTestCase(new CryptoCostTableTestCase, TestCase::QUICK);
    }
};

SmkdSimulatedCpuTestSuite g_smkdSimulatedCpuTestSuite;

} // namespace
