/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Bad configuration stops with an exception whose message names the problem
// (never an abort), so that scripts and the Python bindings can catch it.

#include "smkd-scenario-fixture.h"
#include "smkd-secure-tree.h"

#include "ns3/cbt-core-map.h"
#include "ns3/config.h"
#include "ns3/smkd-access-list.h"
#include "ns3/test.h"

#include <functional>

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

class ConfigurationErrorTestCase : public TestCase
{
  public:
    ConfigurationErrorTestCase()
        : TestCase("bad groups, cores and list entries throw std::invalid_argument naming them")
    {
    }

  private:
    /// Expect \p f to throw std::invalid_argument whose message contains \p needle.
    void ExpectThrow(const std::function<void()>& f, const std::string& needle)
    {
        std::string message;
        try
        {
            f();
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find(needle),
                              std::string::npos,
                              "message '" << message << "' names '" << needle << "'");
    }

    void DoRun() override
    {
        Ptr<CbtCoreMap> cores = Create<CbtCoreMap>();
        ExpectThrow(
            [&]() {
                cores->Add(Ipv4Address("10.1.1.0"),
                           Ipv4Mask("255.255.255.0"),
                           {Ipv4Address("10.0.0.1")});
            },
            "10.1.1.0");
        ExpectThrow([&]() { cores->Add(Ipv4Address("232.1.1.0"), Ipv4Mask("255.255.255.0"), {}); },
                    "no core given");
        ExpectThrow(
            [&]() {
                SmkdAccessList acl(Ipv4Address("10.9.9.9"),
                                   SmkdAccessList::Kind::GROUP_MEMBERS,
                                   SmkdAccessList::Mode::INCLUSION,
                                   Ipv4Address("10.0.0.1"));
            },
            "10.9.9.9");
        SmkdAccessList acl(Ipv4Address("232.1.1.1"),
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           Ipv4Address("10.0.0.1"));
        ExpectThrow([&]() { acl.Add(Ipv4Address("10.0.0.0"), 40); }, "/40");
        acl.Add(Ipv4Address("10.0.0.0"), 8);
        SecureTree t;
        ExpectThrow(
            [&]() { t.Gkdc(t.r1)->Exclude(SecureTree::GROUP, t.net.HostAddress(t.members[0])); },
            "not the primary core");
        ExpectThrow(
            [&]() {
                t.Agent(t.members[0])
                    ->Join(t.net.ListenerOf(t.members[0]), 1, Ipv4Address("10.2.3.4"));
            },
            "10.2.3.4");
        ExpectThrow([&]() { t.Agent(t.sender)->BecomeSender(Ipv4Address("224.0.0.5"), 1); },
                    "not a routable multicast group");
    }
};

/**
 * CBT keepalive timers that would declare live parents dead: a reply may come
 * EchoInterval + HoldTime (1 + 3 s) after the last, so ExpectedReplyTime 3 s
 * is refused as the routers are installed, naming the timers; the scenario that
 * ran into it leaves nothing behind, and the next run (5 s) joins everyone.
 */
class CbtTimerTestCase : public TestCase
{
  public:
    CbtTimerTestCase()
        : TestCase("CBT timers shorter than an ECHO reply gap are refused")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard seed(1, 1);
        Config::SetDefault("ns3::CbtRoutingProtocol::EchoInterval", TimeValue(Seconds(1)));
        Config::SetDefault("ns3::CbtRoutingProtocol::ExpectedReplyTime", TimeValue(Seconds(3)));
        std::string message;
        try
        {
            SmkdScenario(SmallGridConfig()).Run("cbt");
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find("ExpectedReplyTime (+3s)"),
                              std::string::npos,
                              "message '" << message << "' names the timer");
        NS_TEST_EXPECT_MSG_NE(message.find("EchoInterval + HoldTime (+4s)"),
                              std::string::npos,
                              "and the gap it must exceed");
        Config::SetDefault("ns3::CbtRoutingProtocol::ExpectedReplyTime", TimeValue(Seconds(5)));
        Config::SetDefault("ns3::CbtRoutingProtocol::GroupExpireTime", TimeValue(Seconds(7.5)));
        const SmkdStatisticsResults r = SmkdScenario(SmallGridConfig()).Run("cbt");
        NS_TEST_EXPECT_MSG_EQ(r.joinsCompleted, 30u, "a clean run after the refused one");
        Config::Reset();
    }
};

/**
 * Re-key timers out of order: a recovery margin as long as the lead time
 * would make every GKDC take itself for one that missed the re-key. The
 * GKDCs are refused as they are installed, naming the three timers.
 */
class RekeyTimerTestCase : public TestCase
{
  public:
    RekeyTimerTestCase()
        : TestCase("re-key timers out of order are refused")
    {
    }

  private:
    void DoRun() override
    {
        SecureTreeTiming timing;
        timing.margin = timing.lead; // 5 s and 5 s
        std::string message;
        try
        {
            SecureTree t(timing); // refused while the GKDCs are installed
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        // The fixture's destructor, which would do this, never ran.
        Simulator::Destroy();
        Config::Reset();
        NS_TEST_EXPECT_MSG_NE(
            message.find("RekeyRecoveryMargin (+5s) < RekeyLeadTime (+5s) < KeyLifetime (+20s)"),
            std::string::npos,
            "message '" << message << "' names the timers");

        // KeyLifetime is a Time, and the SA parameters carry whole seconds.
        Ptr<SmkdGkdc> gkdc = CreateObject<SmkdGkdc>();
        std::string fraction;
        for (const Time lifetime : {MilliSeconds(120500), Seconds(120)})
        {
            gkdc->SetAttribute("KeyLifetime", TimeValue(lifetime));
            try
            {
                gkdc->CheckTimers();
            }
            catch (const std::invalid_argument& e)
            {
                fraction += e.what();
            }
        }
        NS_TEST_EXPECT_MSG_NE(fraction.find("KeyLifetime +120.5s is not a whole number of seconds"),
                              std::string::npos,
                              "120.5 s refused: " << fraction);
        NS_TEST_EXPECT_MSG_EQ(fraction.find("+120s"), std::string::npos, "120 s taken");
    }
};

class SmkdConfigurationTestSuite : public TestSuite
{
  public:
    SmkdConfigurationTestSuite()
        : TestSuite("smkd-configuration", UNIT)
    {
        AddTestCase(new ConfigurationErrorTestCase, TestCase::QUICK);
        AddTestCase(new CbtTimerTestCase, TestCase::QUICK);
        AddTestCase(new RekeyTimerTestCase, TestCase::QUICK);
    }
};

SmkdConfigurationTestSuite g_smkdConfigurationTestSuite;

} // namespace
