/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// IGMPv3 hosts and routers on simulated LANs, and IGMP driving the CBT router:
// querier election and take-over (RFC 3376 §6.6.2), group timer and leave
// latency (§6.4, §6.6.3.1), answers to General Queries (§5.2), delivery that
// honours membership and source filters, pruning after the last leave, and the
// RFC 1949 Appendix B secure join reaching the router.

#include "cbt-test-network.h"

#include "ns3/igmp-secure-report.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP("232.7.7.7");

/**
 * Three routers on a LAN all start as querier; the lowest address keeps the
 * role. Its queries go out at 0, 31.25 (Startup Query Interval) and 156.25 s;
 * it dies at 200 s, so the next-lowest takes over one Other Querier Present
 * Interval (2 x 125 + 10/2 = 255 s) after the 156.25 s query: at 411.25 s.
 */
class QuerierElectionTestCase : public TestCase
{
  public:
    QuerierElectionTestCase()
        : TestCase("querier: lowest address wins; a dead querier is replaced after OQPI")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        net.EnableIgmp();
        std::vector<uint32_t> r = {net.AddRouter(), net.AddRouter(), net.AddRouter()};
        const auto hosts = net.Lan(r, 1);
        net.Finish(GROUP, r[0]);
        std::vector<std::pair<Time, bool>> changes1;
        const uint32_t lanIf = net.LanInterface(r[1], hosts[0]);
        IgmpHelper::GetRouter(net.Router(r[1]))
            ->TraceConnectWithoutContext("QuerierChanged",
                                         Callback<void, uint32_t, bool>([&](uint32_t i, bool q) {
                                             if (i == lanIf)
                                             {
                                                 changes1.emplace_back(Simulator::Now(), q);
                                             }
                                         }));
        bool checked = false;
        Simulator::Schedule(Seconds(100), [&]() {
            checked = true;
            for (uint32_t k = 0; k < 3; ++k)
            {
                NS_TEST_EXPECT_MSG_EQ(IgmpHelper::GetRouter(net.Router(r[k]))
                                          ->IsQuerier(net.LanInterface(r[k], hosts[0])),
                                      (k == 0),
                                      "router " << k << " querier flag at 100 s");
            }
        });
        Simulator::Schedule(Seconds(200), [&]() {
            Ptr<Ipv4> ipv4 = net.Router(r[0])->GetObject<Ipv4>();
            ipv4->SetDown(net.LanInterface(r[0], hosts[0]));
        });
        Simulator::Stop(Seconds(500));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(checked, true, "checked");
        NS_TEST_ASSERT_MSG_EQ(changes1.size(), 3u, "r1: start as querier, step down, take over");
        NS_TEST_EXPECT_MSG_EQ(changes1[1].second, false, "stepped down");
        NS_TEST_EXPECT_MSG_LT(changes1[1].first, Seconds(0.01), "at start-up");
        NS_TEST_EXPECT_MSG_EQ(changes1[2].second, true, "took over");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(changes1[2].first, Seconds(411.25), "not before OQPI");
        NS_TEST_EXPECT_MSG_LT(changes1[2].first, Seconds(411.26), "right at OQPI");
        NS_TEST_EXPECT_MSG_EQ(
            IgmpHelper::GetRouter(net.Router(r[2]))->IsQuerier(net.LanInterface(r[2], hosts[0])),
            false,
            "r2 defers to r1");
        Simulator::Destroy();
    }
};

/**
 * A host joins at 5 s and leaves at 20 s (Robustness 1: one report each).
 * The join sets the group timer to GMI (260 s) from the report's arrival;
 * the leave (TO_IN {}) makes the querier send Last Member Query Count (2)
 * group-specific queries 1 s apart and drop the group LMQT (2 s) after the
 * leave arrived; the CBT router then quits the tree.
 */
class JoinLeaveTimersTestCase : public TestCase
{
  public:
    JoinLeaveTimersTestCase()
        : TestCase("join: group timer = GMI; leave: LMQC group queries, removal at LMQT, quit")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        net.EnableIgmp(1);
        const uint32_t core = net.AddRouter();
        const uint32_t r = net.AddRouter();
        net.Link(core, r);
        const auto hosts = net.Lan({r}, 1);
        net.Finish(GROUP, core);
        net.ListenOnHosts(9100);
        Ptr<IgmpRouter> igmp = IgmpHelper::GetRouter(net.Router(r));
        const uint32_t lanIf = net.LanInterface(r, hosts[0]);
        std::vector<Time> reports;
        std::vector<Time> groupQueries;
        std::vector<std::pair<Time, bool>> membership;
        igmp->TraceConnectWithoutContext(
            "ReportReceived",
            Callback<void, const IgmpMessage&, uint32_t>(
                [&](const IgmpMessage&, uint32_t) { reports.push_back(Simulator::Now()); }));
        igmp->TraceConnectWithoutContext(
            "QuerySent",
            Callback<void, const IgmpMessage&, uint32_t>([&](const IgmpMessage& m, uint32_t i) {
                if (i == lanIf &&
                    m.As<IgmpQueryHeader>()->GetKind() == IgmpQueryKind::GROUP_SPECIFIC)
                {
                    groupQueries.push_back(Simulator::Now());
                }
            }));
        igmp->TraceConnectWithoutContext(
            "MembershipChanged",
            Callback<void, Ipv4Address, uint32_t, bool>([&](Ipv4Address g, uint32_t i, bool p) {
                if (g == GROUP && i == lanIf)
                {
                    membership.emplace_back(Simulator::Now(), p);
                }
            }));
        net.JoinGroup(Seconds(5), hosts[0], GROUP);
        bool checked = false;
        Simulator::Schedule(Seconds(10), [&]() {
            checked = true;
            const IgmpRouterGroupState* st = igmp->GetGroupState(lanIf, GROUP);
            NS_TEST_ASSERT_MSG_NE(st, nullptr, "group state after the join");
            NS_TEST_EXPECT_MSG_EQ(
                (st->GetFilterMode() == IgmpRouterGroupState::FilterMode::EXCLUDE),
                true,
                "EXCLUDE after TO_EX({})");
            NS_TEST_EXPECT_MSG_EQ(st->GetGroupTimer(),
                                  reports.at(0) + Seconds(260),
                                  "group timer = GMI");
            NS_TEST_EXPECT_MSG_NE(net.Cbt(r)->GetForwardingCache().Find(GROUP),
                                  nullptr,
                                  "CBT joined");
        });
        net.LeaveGroup(Seconds(20), hosts[0], GROUP);
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(checked, true, "mid-run check ran");
        NS_TEST_ASSERT_MSG_EQ(reports.size(), 2u, "one join and one leave report (RV 1)");
        NS_TEST_ASSERT_MSG_EQ(groupQueries.size(), 2u, "LMQC group-specific queries");
        NS_TEST_EXPECT_MSG_EQ(groupQueries[0], reports[1], "first query at once");
        NS_TEST_EXPECT_MSG_EQ(groupQueries[1], reports[1] + Seconds(1), "second after LMQI");
        NS_TEST_ASSERT_MSG_EQ(membership.size(), 2u, "listeners appeared, then went");
        NS_TEST_EXPECT_MSG_EQ(membership[1].second, false, "went");
        NS_TEST_EXPECT_MSG_EQ(membership[1].first, reports[1] + Seconds(2), "removed at LMQT");
        NS_TEST_EXPECT_MSG_EQ(igmp->GetGroupState(lanIf, GROUP), nullptr, "state deleted");
        NS_TEST_EXPECT_MSG_EQ(net.Cbt(r)->GetForwardingCache().Find(GROUP), nullptr, "CBT quit");
        Simulator::Destroy();
    }
};

/**
 * A host in three groups answers the 31.25 s General Query with one report
 * holding one Current-State Record (IS_EX {}) per group, within the query's
 * Max Resp Time of 10 s (RFC 3376 §5.2).
 */
class GeneralQueryResponseTestCase : public TestCase
{
  public:
    GeneralQueryResponseTestCase()
        : TestCase("a host answers a General Query with one record per group within Max Resp Time")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        net.EnableIgmp();
        const uint32_t r = net.AddRouter();
        const auto hosts = net.Lan({r}, 1);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        net.Helper().AddCores(Ipv4Address("232.0.0.0"),
                              Ipv4Mask("255.0.0.0"),
                              {net.RouterAddress(r)});
        net.ListenOnHosts(9200);
        for (uint32_t g = 1; g <= 3; ++g)
        {
            net.JoinGroup(Seconds(5), hosts[0], Ipv4Address(0xe8070700 + g));
        }
        std::vector<std::pair<Time, IgmpMessage>> sent;
        IgmpHelper::GetHost(net.Host(hosts[0]))
            ->TraceConnectWithoutContext(
                "ReportSent",
                Callback<void, const IgmpMessage&, uint32_t>([&](const IgmpMessage& m, uint32_t) {
                    sent.emplace_back(Simulator::Now(), m);
                }));
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        uint32_t answers = 0;
        for (const auto& [at, m] : sent)
        {
            if (at < Seconds(31.25))
            {
                continue; // the joins' state-change reports
            }
            ++answers;
            const auto& records = m.As<IgmpV3ReportHeader>()->GetRecords();
            NS_TEST_EXPECT_MSG_EQ(records.size(), 3u, "one record per group");
            for (const auto& rec : records)
            {
                NS_TEST_EXPECT_MSG_EQ((rec.GetType() == IgmpRecordType::MODE_IS_EXCLUDE),
                                      true,
                                      "IS_EX");
                NS_TEST_EXPECT_MSG_EQ(rec.GetSources().size(), 0u, "all sources");
            }
            NS_TEST_EXPECT_MSG_LT_OR_EQ(at, Seconds(31.25 + 10), "within Max Resp Time");
        }
        NS_TEST_EXPECT_MSG_EQ(answers, 1u, "one answer to the one General Query in the window");
        Simulator::Destroy();
    }
};

/**
 * Core c (senders good and bad on its LAN), r1 (LAN: joined h1, unjoined h2,
 * a monitor), r2 (LAN: h3 joined but excluding bad, a monitor). Ten packets
 * from each sender at 10 s; h1 leaves at 20 s; ten more each at 30 s.
 */
class MembershipDeliveryTestCase : public TestCase
{
  public:
    MembershipDeliveryTestCase()
        : TestCase("delivery honours joins, excluded sources and the last leave")
    {
    }

  private:
    void DoRun() override
    {
        CbtTestNetwork net;
        net.EnableIgmp(1);
        const uint32_t c = net.AddRouter();
        const uint32_t r1 = net.AddRouter();
        const uint32_t r2 = net.AddRouter();
        net.Link(c, r1);
        net.Link(c, r2);
        const auto senders = net.Lan({c}, 2);
        const auto lan1 = net.Lan({r1}, 2, MicroSeconds(10), 1); // h1, h2, monitor
        const auto lan2 = net.Lan({r2}, 1, MicroSeconds(10), 1); // h3, monitor
        net.Finish(GROUP, c);
        net.ListenOnHosts(9300);
        const Ipv4Address good = net.HostAddress(senders[0]);
        const Ipv4Address bad = net.HostAddress(senders[1]);
        net.JoinGroup(Seconds(5), lan1[0], GROUP);
        net.JoinGroup(Seconds(5), lan2[0], GROUP, {bad});
        for (uint32_t s : senders)
        {
            net.SendFromHost(s, GROUP, 9300, Seconds(10), 10, MilliSeconds(20));
            net.SendFromHost(s, GROUP, 9300, Seconds(30), 10, MilliSeconds(20));
        }
        net.LeaveGroup(Seconds(20), lan1[0], GROUP);
        bool checked = false;
        uint32_t monitor1AtLeave = 0;
        Simulator::Schedule(Seconds(19), [&]() {
            checked = true;
            monitor1AtLeave = net.Received(lan1[2]);
            NS_TEST_EXPECT_MSG_EQ(net.Received(lan1[0]), 20u, "joined host: both senders");
            NS_TEST_EXPECT_MSG_EQ(net.Received(lan1[1]),
                                  0u,
                                  "unjoined host on the same LAN: nothing");
            NS_TEST_EXPECT_MSG_EQ(net.ReceivedFrom(lan2[0], good),
                                  10u,
                                  "h3 gets the allowed source");
            NS_TEST_EXPECT_MSG_EQ(net.ReceivedFrom(lan2[0], bad),
                                  0u,
                                  "h3 does not get the excluded one");
        });
        Simulator::Stop(Seconds(40));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(checked, true, "mid-run check ran");
        NS_TEST_EXPECT_MSG_EQ(monitor1AtLeave, 20u, "LAN 1 carried both senders while joined");
        NS_TEST_EXPECT_MSG_EQ(net.Received(lan1[2]),
                              20u,
                              "after the leave and LMQT, LAN 1 gets nothing");
        NS_TEST_EXPECT_MSG_EQ(net.ReceivedFrom(lan2[1], bad),
                              0u,
                              "the excluded source never reaches LAN 2");
        NS_TEST_EXPECT_MSG_EQ(net.ReceivedFrom(lan2[1], good),
                              20u,
                              "the allowed one does, both rounds");
        NS_TEST_EXPECT_MSG_EQ(net.Cbt(r1)->GetForwardingCache().Find(GROUP),
                              nullptr,
                              "r1's branch pruned");
        NS_TEST_EXPECT_MSG_NE(net.Cbt(r2)->GetForwardingCache().Find(GROUP), nullptr, "r2 stays");
        Simulator::Destroy();
    }
};

/**
 * RFC 1949 Appendix B: a host's token rides in the Auxiliary Data of its
 * join record; the router hands host, group and the same token bytes on.
 * The encoding survives the trip and rejects malformed aux data.
 */
class SecureJoinPlumbingTestCase : public TestCase
{
  public:
    SecureJoinPlumbingTestCase()
        : TestCase("secure join: the host token reaches the router intact")
    {
    }

  private:
    void DoRun() override
    {
        // The encoding on its own.
        const std::vector<uint8_t> token = {1, 2, 3, 4, 5, 6, 7};
        const std::vector<uint8_t> aux = smkd::EncodeSecureJoin(token);
        NS_TEST_EXPECT_MSG_EQ(aux.size(), 12u, "4-byte prefix + 7 bytes, padded to 12");
        std::vector<uint8_t> back;
        NS_TEST_EXPECT_MSG_EQ(smkd::DecodeSecureJoin(aux, back), true, "decodes");
        NS_TEST_EXPECT_MSG_EQ((back == token), true, "same token");
        std::vector<uint8_t> wrongLength = aux;
        wrongLength[3] = 12;
        NS_TEST_EXPECT_MSG_EQ(smkd::DecodeSecureJoin(wrongLength, back),
                              false,
                              "length past the data");
        std::vector<uint8_t> other = aux;
        other[0] = 0;
        NS_TEST_EXPECT_MSG_EQ(smkd::DecodeSecureJoin(other, back), false, "not a secure join");

        CbtTestNetwork net;
        net.EnableIgmp(1);
        const uint32_t r = net.AddRouter();
        const auto hosts = net.Lan({r}, 1);
        net.Finish(GROUP, r);
        net.ListenOnHosts(9400);
        std::vector<uint8_t> hostToken(80);
        for (std::size_t k = 0; k < hostToken.size(); ++k)
        {
            hostToken[k] = static_cast<uint8_t>(k * 3 + 1);
        }
        IgmpHelper::GetHost(net.Host(hosts[0]))
            ->SetSecureJoinTokenSource(TokenSourceFor(hostToken));
        std::vector<std::tuple<Ipv4Address, Ipv4Address, std::vector<uint8_t>>> seen;
        IgmpHelper::GetRouter(net.Router(r))
            ->TraceConnectWithoutContext(
                "SecureJoin",
                Callback<void, Ipv4Address, Ipv4Address, uint32_t, const std::vector<uint8_t>&>(
                    [&](Ipv4Address host, Ipv4Address g, uint32_t, const std::vector<uint8_t>& t) {
                        seen.emplace_back(host, g, t);
                    }));
        net.JoinGroup(Seconds(5), hosts[0], GROUP);
        net.LeaveGroup(Seconds(8), hosts[0], GROUP);
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        NS_TEST_ASSERT_MSG_EQ(seen.size(), 1u, "the join carried a token, the leave did not");
        NS_TEST_EXPECT_MSG_EQ(std::get<0>(seen[0]), net.HostAddress(hosts[0]), "reporting host");
        NS_TEST_EXPECT_MSG_EQ(std::get<1>(seen[0]), GROUP, "group");
        NS_TEST_EXPECT_MSG_EQ((std::get<2>(seen[0]) == hostToken), true, "token bytes intact");
        Simulator::Destroy();
    }

    static IgmpHost::TokenSource TokenSourceFor(std::vector<uint8_t> token)
    {
        return IgmpHost::TokenSource([token](Ipv4Address, uint32_t) { return token; });
    }
};

class IgmpProtocolTestSuite : public TestSuite
{
  public:
    IgmpProtocolTestSuite()
        : TestSuite("smkd-igmp-protocol", SYSTEM)
    {
        AddTestCase(new QuerierElectionTestCase, TestCase::QUICK);
        AddTestCase(new JoinLeaveTimersTestCase, TestCase::QUICK);
        AddTestCase(new GeneralQueryResponseTestCase, TestCase::QUICK);
        AddTestCase(new MembershipDeliveryTestCase, TestCase::QUICK);
        AddTestCase(new SecureJoinPlumbingTestCase, TestCase::QUICK);
    }
};

IgmpProtocolTestSuite g_igmpProtocolTestSuite;

} // namespace
