/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The IGMPv3 host's state logic: socket-to-interface merging (RFC 3376 §3.2),
// State-Change records, their retransmission and merging (§5.1), and the
// scheduling of and answers to queries (§5.2).

#include "ns3/igmp-host-state.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

using Set = std::set<Ipv4Address>;
using RT = IgmpRecordType;

const Ipv4Address G("232.5.5.5");
const Ipv4Address A("10.0.0.1");
const Ipv4Address B("10.0.0.2");
const Ipv4Address C("10.0.0.3");

IgmpFilterState
In(Set s)
{
    return IgmpFilterState{false, std::move(s)};
}

IgmpFilterState
Ex(Set s)
{
    return IgmpFilterState{true, std::move(s)};
}

/// "TO_EX {a,b}" style text of a report's records, for compact assertions.
std::string
Show(const std::vector<IgmpGroupRecord>& records)
{
    std::ostringstream os;
    for (const auto& r : records)
    {
        const char* name = "";
        switch (r.GetType())
        {
        case RT::MODE_IS_INCLUDE:
            name = "IS_IN";
            break;
        case RT::MODE_IS_EXCLUDE:
            name = "IS_EX";
            break;
        case RT::CHANGE_TO_INCLUDE_MODE:
            name = "TO_IN";
            break;
        case RT::CHANGE_TO_EXCLUDE_MODE:
            name = "TO_EX";
            break;
        case RT::ALLOW_NEW_SOURCES:
            name = "ALLOW";
            break;
        case RT::BLOCK_OLD_SOURCES:
            name = "BLOCK";
            break;
        }
        os << (os.tellp() > 0 ? " " : "") << name << "{";
        bool first = true;
        for (const auto& s : r.GetSources())
        {
            os << (first ? "" : ",") << s;
            first = false;
        }
        os << "}";
    }
    return os.str();
}

class IgmpMergeTestCase : public TestCase
{
  public:
    IgmpMergeTestCase()
        : TestCase("§3.2: interface state from socket states")
    {
    }

  private:
    void DoRun() override
    {
        NS_TEST_EXPECT_MSG_EQ((IgmpMergeSocketStates({In({A, B}), In({B, C})}) == In({A, B, C})),
                              true,
                              "INCLUDE: union");
        NS_TEST_EXPECT_MSG_EQ((IgmpMergeSocketStates({Ex({A, B}), Ex({B, C})}) == Ex({B})),
                              true,
                              "EXCLUDE: intersection");
        NS_TEST_EXPECT_MSG_EQ((IgmpMergeSocketStates({Ex({A, B}), In({A})}) == Ex({B})),
                              true,
                              "EXCLUDE minus the INCLUDE union");
        NS_TEST_EXPECT_MSG_EQ((IgmpMergeSocketStates({}) == In({})),
                              true,
                              "no socket: not a member");
        NS_TEST_EXPECT_MSG_EQ(In({}).IsMember(), false, "INCLUDE {} is no membership");
        NS_TEST_EXPECT_MSG_EQ(Ex({}).IsMember(), true, "EXCLUDE {} is membership of all sources");
        NS_TEST_EXPECT_MSG_EQ(Ex({A}).Wants(A), false, "excluded source unwanted");
        NS_TEST_EXPECT_MSG_EQ(Ex({A}).Wants(B), true, "other sources wanted");
    }
};

class IgmpStateChangeTestCase : public TestCase
{
  public:
    IgmpStateChangeTestCase()
        : TestCase("§5.1: State-Change records, RV retransmissions, merging")
    {
    }

  private:
    static std::string First(const IgmpFilterState& before, const IgmpFilterState& after)
    {
        IgmpStateChangeReporter r;
        r.Change(before, after, 2);
        return Show(r.Next(G, after));
    }

    void DoRun() override
    {
        // The §5.1 table.
        NS_TEST_EXPECT_MSG_EQ(First(In({A}), In({A, B})),
                              "ALLOW{10.0.0.2}",
                              "IN(A)->IN(B): ALLOW(B-A)");
        NS_TEST_EXPECT_MSG_EQ(First(In({A, B}), In({B})),
                              "BLOCK{10.0.0.1}",
                              "IN(A)->IN(B): BLOCK(A-B)");
        NS_TEST_EXPECT_MSG_EQ(First(In({A}), In({B})),
                              "ALLOW{10.0.0.2} BLOCK{10.0.0.1}",
                              "IN->IN: both records");
        NS_TEST_EXPECT_MSG_EQ(First(Ex({A}), Ex({A, B})),
                              "BLOCK{10.0.0.2}",
                              "EX(A)->EX(B): BLOCK(B-A)");
        NS_TEST_EXPECT_MSG_EQ(First(Ex({A, B}), Ex({A})),
                              "ALLOW{10.0.0.2}",
                              "EX(A)->EX(B): ALLOW(A-B)");
        NS_TEST_EXPECT_MSG_EQ(First(In({}), Ex({})), "TO_EX{}", "join: TO_EX({})");
        NS_TEST_EXPECT_MSG_EQ(First(In({A}), Ex({B})), "TO_EX{10.0.0.2}", "IN->EX: TO_EX(B)");
        NS_TEST_EXPECT_MSG_EQ(First(Ex({}), In({})), "TO_IN{}", "leave: TO_IN({})");
        NS_TEST_EXPECT_MSG_EQ(First(Ex({A}), In({B})), "TO_IN{10.0.0.2}", "EX->IN: TO_IN(B)");

        // Robustness 2: the report goes twice, then nothing is pending.
        IgmpStateChangeReporter r;
        r.Change(In({}), Ex({}), 2);
        NS_TEST_EXPECT_MSG_EQ(Show(r.Next(G, Ex({}))), "TO_EX{}", "first");
        NS_TEST_EXPECT_MSG_EQ(r.Pending(), true, "one retransmission left");
        NS_TEST_EXPECT_MSG_EQ(Show(r.Next(G, Ex({}))), "TO_EX{}", "retransmission");
        NS_TEST_EXPECT_MSG_EQ(r.Pending(), false, "done after RV reports");
        NS_TEST_EXPECT_MSG_EQ(r.Next(G, Ex({})).size(), 0u, "nothing more");

        // A source-list change while the filter-mode change is pending: the
        // filter-mode record finishes its RV reports first (carrying the
        // current list), then the source's own RV reports follow.
        IgmpStateChangeReporter m;
        m.Change(In({}), Ex({}), 2);
        NS_TEST_EXPECT_MSG_EQ(Show(m.Next(G, Ex({}))), "TO_EX{}", "join sent");
        m.Change(Ex({}), Ex({A}), 2);
        NS_TEST_EXPECT_MSG_EQ(Show(m.Next(G, Ex({A}))),
                              "TO_EX{10.0.0.1}",
                              "merged: TO_EX(current)");
        NS_TEST_EXPECT_MSG_EQ(Show(m.Next(G, Ex({A}))), "BLOCK{10.0.0.1}", "then BLOCK");
        NS_TEST_EXPECT_MSG_EQ(Show(m.Next(G, Ex({A}))), "BLOCK{10.0.0.1}", "BLOCK again (RV=2)");
        NS_TEST_EXPECT_MSG_EQ(m.Pending(), false, "done");

        // Two source changes in a row: the first source keeps its remaining count.
        IgmpStateChangeReporter s;
        s.Change(In({A}), In({A, B}), 2);
        NS_TEST_EXPECT_MSG_EQ(Show(s.Next(G, In({A, B}))), "ALLOW{10.0.0.2}", "allow b");
        s.Change(In({A, B}), In({B}), 2);
        NS_TEST_EXPECT_MSG_EQ(Show(s.Next(G, In({B}))),
                              "ALLOW{10.0.0.2} BLOCK{10.0.0.1}",
                              "merged report carries both");
        NS_TEST_EXPECT_MSG_EQ(Show(s.Next(G, In({B}))), "BLOCK{10.0.0.1}", "b's state is used up");
        NS_TEST_EXPECT_MSG_EQ(s.Pending(), false, "done");
    }
};

class IgmpQueryResponseTestCase : public TestCase
{
  public:
    IgmpQueryResponseTestCase()
        : TestCase("§5.2: scheduling rules 1-5 and current-state answers")
    {
    }

  private:
    void DoRun() override
    {
        const Ipv4Address g2("232.5.5.6");
        IgmpPendingResponses p;
        p.Query(Ipv4Address::GetAny(), {}, Seconds(0), Seconds(5));
        NS_TEST_EXPECT_MSG_EQ(p.InterfaceTimer(), Seconds(5), "rule 2: general query");
        p.Query(G, {}, Seconds(0), Seconds(7));
        NS_TEST_EXPECT_MSG_EQ(p.Groups().size(),
                              0u,
                              "rule 1: covered by the earlier general response");
        p.Query(G, {}, Seconds(0), Seconds(3));
        NS_TEST_EXPECT_MSG_EQ(p.Groups().at(G).at, Seconds(3), "rule 3: group timer");
        p.Query(G, {A}, Seconds(0), Seconds(1));
        NS_TEST_EXPECT_MSG_EQ(p.Groups().at(G).sources.size(), 0u, "rule 4: stays group-specific");
        NS_TEST_EXPECT_MSG_EQ(p.Groups().at(G).at, Seconds(1), "rule 4: earliest time");
        p.Query(g2, {A}, Seconds(0), Seconds(2));
        p.Query(g2, {B}, Seconds(0), Seconds(4));
        NS_TEST_EXPECT_MSG_EQ((p.Groups().at(g2).sources == Set{A, B}),
                              true,
                              "rule 5: merged sources");
        NS_TEST_EXPECT_MSG_EQ(p.Groups().at(g2).at, Seconds(2), "rule 5: earliest time");
        p.Query(Ipv4Address::GetAny(), {}, Seconds(0), Seconds(4.5));
        NS_TEST_EXPECT_MSG_EQ(p.InterfaceTimer(),
                              Seconds(4.5),
                              "rule 2 replaces the general response");
        NS_TEST_EXPECT_MSG_EQ(p.NextDue(), Seconds(1), "next due");
        auto due = p.TakeDueGroups(Seconds(2));
        NS_TEST_EXPECT_MSG_EQ(due.size(), 2u, "both group responses due at 2 s");
        NS_TEST_EXPECT_MSG_EQ(p.Groups().size(), 0u, "taken");

        // Expiry rules 2 and 3.
        using R = IgmpPendingResponses::GroupResponse;
        auto answer = [](const R& r, const IgmpFilterState& s) {
            auto rec = IgmpPendingResponses::Answer(G, r, s);
            return rec ? Show({*rec}) : std::string("none");
        };
        NS_TEST_EXPECT_MSG_EQ(answer(R{Seconds(0), {}}, Ex({A})),
                              "IS_EX{10.0.0.1}",
                              "group query: state");
        NS_TEST_EXPECT_MSG_EQ(answer(R{Seconds(0), {B, C}}, In({A, B})),
                              "IS_IN{10.0.0.2}",
                              "IN(A),B: IS_IN(A*B)");
        NS_TEST_EXPECT_MSG_EQ(answer(R{Seconds(0), {A, C}}, Ex({A})),
                              "IS_IN{10.0.0.3}",
                              "EX(A),B: IS_IN(B-A)");
        NS_TEST_EXPECT_MSG_EQ(answer(R{Seconds(0), {A}}, Ex({A})),
                              "none",
                              "empty answer is not sent");
        NS_TEST_EXPECT_MSG_EQ(answer(R{Seconds(0), {}}, In({})), "none", "no state, no answer");
    }
};

class IgmpHostStateTestSuite : public TestSuite
{
  public:
    IgmpHostStateTestSuite()
        : TestSuite("smkd-igmp-host-state", UNIT)
    {
        AddTestCase(new IgmpMergeTestCase, TestCase::QUICK);
        AddTestCase(new IgmpStateChangeTestCase, TestCase::QUICK);
        AddTestCase(new IgmpQueryResponseTestCase, TestCase::QUICK);
    }
};

IgmpHostStateTestSuite g_igmpHostStateTestSuite;

} // namespace
