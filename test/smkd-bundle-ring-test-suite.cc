/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The key bundles a member holds (SmkdBundleRing), step by step: newest,
// active by epoch, by SPI, overtaken future keys, grace expiry, leave.

#include "ns3/smkd-bundle-ring.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

const Ipv4Address GROUP("232.19.49.40");

SmkdKeyBundle
Bundle(uint32_t spi, uint32_t epoch, uint64_t activationNs)
{
    SmkdKeyBundle b;
    b.group = GROUP;
    b.sa.spi = spi;
    b.sa.epoch = epoch;
    b.sa.activation = activationNs;
    return b;
}

uint32_t
Spi(const SmkdKeyBundle* b)
{
    return b ? b->sa.spi : 0;
}

class BundleRingTestCase : public TestCase
{
  public:
    BundleRingTestCase()
        : TestCase("bundle ring: newest, active by epoch, overtaken keys, grace, leave")
    {
    }

  private:
    void DoRun() override
    {
        SmkdBundleRing ring;
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetNewest(GROUP)), 0u, "nothing held");
        ring.Put(Bundle(0x101, 1, 0), true);
        // A periodic re-key announced for 20 s.
        ring.Put(Bundle(0x102, 2, 20), true);
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetNewest(GROUP)), 0x102u, "newest: the re-key");
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetActive(GROUP, 10)), 0x101u, "not yet in force");
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetActive(GROUP, 20)), 0x102u, "in force at 20");
        // An exclusion's keys, in force at once at 15, overtake the re-key.
        ring.Put(Bundle(0x103, 3, 15), true);
        ring.DropOvertaken(GROUP, 3, 15);
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetBySpi(GROUP, 0x102)), 0u, "overtaken: dropped");
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetBySpi(GROUP, 0x101)), 0x101u, "in force: kept");
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetActive(GROUP, 16)), 0x103u, "the newest epoch in force");
        // A bundle held but not the newest.
        ring.Put(Bundle(0x104, 3, 15), false);
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetNewest(GROUP)), 0x103u, "still the newest");
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetBySpi(GROUP, 0x104)), 0x104u, "held by SPI");
        // The grace of epoch 1 ends.
        ring.ForgetBelow(GROUP, 3);
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetBySpi(GROUP, 0x101)), 0u, "epoch 1 forgotten");
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetBySpi(GROUP, 0x103)), 0x103u, "epoch 3 kept");
        ring.ForgetGroup(GROUP);
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetNewest(GROUP)), 0u, "left: nothing");
        NS_TEST_EXPECT_MSG_EQ(Spi(ring.GetActive(GROUP, 100)), 0u, "nothing active");
    }
};

class SmkdBundleRingTestSuite : public TestSuite
{
  public:
    SmkdBundleRingTestSuite()
        : TestSuite("smkd-bundle-ring", UNIT)
    {
        AddTestCase(new BundleRingTestCase(), TestCase::QUICK);
    }
};

SmkdBundleRingTestSuite g_smkdBundleRingTestSuite;

} // namespace
