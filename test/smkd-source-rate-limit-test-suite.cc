/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The per-source token bucket that bounds what one host's secure-join
// reports cost its DR (SmkdSourceRateLimit), step by step.

#include "ns3/smkd-source-rate-limit.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// One request and what the limit must answer.
struct Step
{
    double at;           //!< seconds
    const char* source;  //!< its address
    bool allowed;        //!< the answer
    std::size_t sources; //!< buckets kept after it
    const char* why;     //!< what the row shows
};

/// Rate 1/s, burst 2, at most 2 sources.
const std::vector<Step> STEPS = {
    {0.0, "10.0.0.1", true, 1, "a new source starts with a full bucket"},
    {0.0, "10.0.0.1", true, 1, "its burst is two"},
    {0.0, "10.0.0.1", false, 1, "the third at once is refused"},
    {0.5, "10.0.0.1", false, 1, "half a token has come back: still refused"},
    {1.0, "10.0.0.1", true, 1, "a whole token after 1 s (rate 1/s)"},
    {1.0, "10.0.0.2", true, 2, "another source has a bucket of its own"},
    {1.0, "10.0.0.3", false, 2, "a third source finds both buckets in use"},
    {1.5, "10.0.0.2", true, 2, "the second source spends the rest of its burst"},
    {2.0, "10.0.0.2", true, 2, "and the half token it had plus the half come back"},
    {3.0, "10.0.0.3", true, 2, "10.0.0.1 is full again and forgotten: room for 10.0.0.3"},
    {3.0, "10.0.0.1", false, 2, "now 10.0.0.1 finds both in use (neither is full)"},
    {10.0, "10.0.0.1", true, 1, "later both others are full and forgotten"},
};

class SourceRateLimitStepsTestCase : public TestCase
{
  public:
    SourceRateLimitStepsTestCase()
        : TestCase("token bucket per source: burst, refill, separate sources, bounded state")
    {
    }

  private:
    void DoRun() override
    {
        SmkdSourceRateLimit limit(1.0, 2, 2);
        uint64_t refused = 0;
        for (const Step& s : STEPS)
        {
            const bool allowed = limit.Allow(Ipv4Address(s.source), Seconds(s.at));
            refused += allowed ? 0 : 1;
            NS_TEST_EXPECT_MSG_EQ(allowed, s.allowed, s.at << " s " << s.source << ": " << s.why);
            NS_TEST_EXPECT_MSG_EQ(limit.GetSources(), s.sources, s.at << " s: " << s.why);
        }
        NS_TEST_EXPECT_MSG_EQ(limit.GetRefused(), refused, "every refusal is counted");
        NS_TEST_EXPECT_MSG_EQ(refused, 4u, "four rows refuse");
    }
};

/// A flood at 100/s for 10 s from one source gets burst + rate * 10 through.
class SourceRateLimitFloodTestCase : public TestCase
{
  public:
    SourceRateLimitFloodTestCase()
        : TestCase("a flood from one source gets its burst and its rate, no more")
    {
    }

  private:
    void DoRun() override
    {
        SmkdSourceRateLimit limit(1.0, 8, 1024);
        uint32_t allowed = 0;
        for (int i = 0; i < 1000; ++i)
        {
            allowed += limit.Allow(Ipv4Address("10.0.0.9"), MilliSeconds(10 * i)) ? 1 : 0;
        }
        // 8 at 0 s, then one each time a whole token has come back since the
        // last one spent: at 1.07, 2.07, ..., 9.07 s (the burst is spent by 0.07 s).
        NS_TEST_EXPECT_MSG_EQ(allowed, 8u + 9u, "burst plus one a second");
        NS_TEST_EXPECT_MSG_EQ(limit.GetRefused(), 1000u - 17u, "the rest refused and counted");
        // A member beside the flooder is not held back by it.
        NS_TEST_EXPECT_MSG_EQ(limit.Allow(Ipv4Address("10.0.0.2"), Seconds(10)),
                              true,
                              "another host still joins");
    }
};

class SmkdSourceRateLimitTestSuite : public TestSuite
{
  public:
    SmkdSourceRateLimitTestSuite()
        : TestSuite("smkd-source-rate-limit", UNIT)
    {
        AddTestCase(new SourceRateLimitStepsTestCase(), TestCase::QUICK);
        AddTestCase(new SourceRateLimitFloodTestCase(), TestCase::QUICK);
    }
};

SmkdSourceRateLimitTestSuite g_smkdSourceRateLimitTestSuite;

} // namespace
