/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The IGMPv3 router's per-group state against RFC 3376 §6.4 (one case per
// table row), §6.5 (filter-mode switch), §6.3 (forwarding suggestions) and
// §6.6.1 (timer lowering on specific queries).

#include "ns3/igmp-router-group-state.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

using Set = IgmpRouterGroupState::SourceSet;
using Mode = IgmpRouterGroupState::FilterMode;
using RT = IgmpRecordType;

const Time GMI = Seconds(260);
const Time LMQT = Seconds(2);
const Ipv4Address S1("10.0.0.1");
const Ipv4Address S2("10.0.0.2");
const Ipv4Address S3("10.0.0.3");
const Ipv4Address S4("10.0.0.4");

/// A state in INCLUDE ({s1, s2}) at t = 10 s, both source timers at 10 + GMI.
IgmpRouterGroupState
Include12()
{
    IgmpRouterGroupState st(GMI, LMQT);
    st.Receive(RT::MODE_IS_INCLUDE, {S1, S2}, Seconds(10));
    return st;
}

/// A state in EXCLUDE (X = {s1}, Y = {s2}) at t = 10 s, group timer 10 + GMI.
IgmpRouterGroupState
Exclude1Not2()
{
    IgmpRouterGroupState st(GMI, LMQT);
    st.Receive(RT::MODE_IS_INCLUDE, {S1}, Seconds(10));
    st.Receive(RT::MODE_IS_EXCLUDE, {S1, S2}, Seconds(10));
    return st;
}

class IgmpRouterTablesTestCase : public TestCase
{
  public:
    IgmpRouterTablesTestCase()
        : TestCase("every row of the RFC 3376 §6.4.1 and §6.4.2 tables")
    {
    }

  private:
    void Expect(const IgmpRouterGroupState& st,
                Time now,
                Mode mode,
                const Set& x,
                const Set& y,
                const std::string& row)
    {
        NS_TEST_EXPECT_MSG_EQ((st.GetFilterMode() == mode), true, row << ": filter mode");
        NS_TEST_EXPECT_MSG_EQ((st.Forwarded(now) == x), true, row << ": forwarded set");
        NS_TEST_EXPECT_MSG_EQ((st.Blocked(now) == y), true, row << ": blocked set");
    }

    void DoRun() override
    {
        const Time t0 = Seconds(10);
        const Time t = Seconds(20);
        // Fixture checks.
        {
            IgmpRouterGroupState a = Include12();
            Expect(a, t0, Mode::INCLUDE, {S1, S2}, {}, "fixture INCLUDE");
            IgmpRouterGroupState e = Exclude1Not2();
            Expect(e, t0, Mode::EXCLUDE, {S1}, {S2}, "fixture EXCLUDE");
            NS_TEST_EXPECT_MSG_EQ(e.GetGroupTimer(), t0 + GMI, "fixture group timer");
        }
        // §6.4.1 INCLUDE (A) + IS_IN (B) -> INCLUDE (A+B), (B)=GMI
        {
            auto st = Include12();
            auto q = st.Receive(RT::MODE_IS_INCLUDE, {S2, S3}, t);
            Expect(st, t, Mode::INCLUDE, {S1, S2, S3}, {}, "IN+IS_IN");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S2), t + GMI, "IN+IS_IN: (B)=GMI");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S1), t0 + GMI, "IN+IS_IN: A untouched");
            NS_TEST_EXPECT_MSG_EQ(q.group || !q.sources.empty(), false, "IN+IS_IN: no query");
        }
        // §6.4.1 INCLUDE (A) + IS_EX (B) -> EXCLUDE (A*B, B-A); (B-A)=0; Delete (A-B); GT=GMI
        {
            auto st = Include12();
            auto q = st.Receive(RT::MODE_IS_EXCLUDE, {S2, S3}, t);
            Expect(st, t, Mode::EXCLUDE, {S2}, {S3}, "IN+IS_EX");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S1).IsNegative(),
                                  true,
                                  "IN+IS_EX: A-B deleted");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S2), t0 + GMI, "IN+IS_EX: A*B keeps its timer");
            NS_TEST_EXPECT_MSG_EQ(st.GetGroupTimer(), t + GMI, "IN+IS_EX: GT=GMI");
            NS_TEST_EXPECT_MSG_EQ(q.group || !q.sources.empty(), false, "IN+IS_EX: no query");
        }
        // §6.4.1 EXCLUDE (X,Y) + IS_IN (A) -> EXCLUDE (X+A, Y-A); (A)=GMI
        {
            auto st = Exclude1Not2();
            st.Receive(RT::MODE_IS_INCLUDE, {S2, S3}, t);
            Expect(st, t, Mode::EXCLUDE, {S1, S2, S3}, {}, "EX+IS_IN");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S3), t + GMI, "EX+IS_IN: (A)=GMI");
        }
        // §6.4.1 EXCLUDE (X,Y) + IS_EX (A) -> EXCLUDE (A-Y, Y*A); (A-X-Y)=GMI; Delete X-A, Y-A;
        // GT=GMI
        {
            auto st = Exclude1Not2();
            st.Receive(RT::MODE_IS_EXCLUDE, {S2, S3}, t);
            Expect(st, t, Mode::EXCLUDE, {S3}, {S2}, "EX+IS_EX");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S1).IsNegative(),
                                  true,
                                  "EX+IS_EX: X-A deleted");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S3), t + GMI, "EX+IS_EX: (A-X-Y)=GMI");
            NS_TEST_EXPECT_MSG_EQ(st.GetGroupTimer(), t + GMI, "EX+IS_EX: GT=GMI");
        }
        // §6.4.2 INCLUDE (A) + ALLOW (B) -> INCLUDE (A+B); (B)=GMI
        {
            auto st = Include12();
            auto q = st.Receive(RT::ALLOW_NEW_SOURCES, {S3}, t);
            Expect(st, t, Mode::INCLUDE, {S1, S2, S3}, {}, "IN+ALLOW");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S3), t + GMI, "IN+ALLOW: (B)=GMI");
            NS_TEST_EXPECT_MSG_EQ(q.sources.empty(), true, "IN+ALLOW: no query");
        }
        // §6.4.2 INCLUDE (A) + BLOCK (B) -> INCLUDE (A); Send Q(G,A*B)
        {
            auto st = Include12();
            auto q = st.Receive(RT::BLOCK_OLD_SOURCES, {S2, S3}, t);
            Expect(st, t, Mode::INCLUDE, {S1, S2}, {}, "IN+BLOCK");
            NS_TEST_EXPECT_MSG_EQ((q.sources == Set{S2}), true, "IN+BLOCK: Q(G,A*B)");
            NS_TEST_EXPECT_MSG_EQ(q.group, false, "IN+BLOCK: no Q(G)");
        }
        // §6.4.2 INCLUDE (A) + TO_EX (B) -> EXCLUDE (A*B,B-A); (B-A)=0; Delete (A-B); Q(G,A*B);
        // GT=GMI
        {
            auto st = Include12();
            auto q = st.Receive(RT::CHANGE_TO_EXCLUDE_MODE, {S2, S3}, t);
            Expect(st, t, Mode::EXCLUDE, {S2}, {S3}, "IN+TO_EX");
            NS_TEST_EXPECT_MSG_EQ((q.sources == Set{S2}), true, "IN+TO_EX: Q(G,A*B)");
            NS_TEST_EXPECT_MSG_EQ(st.GetGroupTimer(), t + GMI, "IN+TO_EX: GT=GMI");
        }
        // §6.4.2 INCLUDE (A) + TO_IN (B) -> INCLUDE (A+B); (B)=GMI; Q(G,A-B)
        {
            auto st = Include12();
            auto q = st.Receive(RT::CHANGE_TO_INCLUDE_MODE, {S2, S3}, t);
            Expect(st, t, Mode::INCLUDE, {S1, S2, S3}, {}, "IN+TO_IN");
            NS_TEST_EXPECT_MSG_EQ((q.sources == Set{S1}), true, "IN+TO_IN: Q(G,A-B)");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S2), t + GMI, "IN+TO_IN: (B)=GMI");
        }
        // §6.4.2 EXCLUDE (X,Y) + ALLOW (A) -> EXCLUDE (X+A,Y-A); (A)=GMI
        {
            auto st = Exclude1Not2();
            st.Receive(RT::ALLOW_NEW_SOURCES, {S2, S4}, t);
            Expect(st, t, Mode::EXCLUDE, {S1, S2, S4}, {}, "EX+ALLOW");
        }
        // §6.4.2 EXCLUDE (X,Y) + BLOCK (A) -> EXCLUDE (X+(A-Y),Y); (A-X-Y)=Group Timer; Q(G,A-Y)
        {
            auto st = Exclude1Not2();
            auto q = st.Receive(RT::BLOCK_OLD_SOURCES, {S1, S2, S3}, t);
            Expect(st, t, Mode::EXCLUDE, {S1, S3}, {S2}, "EX+BLOCK");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S3), t0 + GMI, "EX+BLOCK: (A-X-Y)=Group Timer");
            NS_TEST_EXPECT_MSG_EQ((q.sources == Set{S1, S3}), true, "EX+BLOCK: Q(G,A-Y)");
        }
        // §6.4.2 EXCLUDE (X,Y) + TO_EX (A) -> EXCLUDE (A-Y,Y*A); (A-X-Y)=Group Timer;
        //        Delete (X-A), (Y-A); Q(G,A-Y); GT=GMI
        {
            auto st = Exclude1Not2();
            auto q = st.Receive(RT::CHANGE_TO_EXCLUDE_MODE, {S2, S3}, t);
            Expect(st, t, Mode::EXCLUDE, {S3}, {S2}, "EX+TO_EX");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S1).IsNegative(),
                                  true,
                                  "EX+TO_EX: X-A deleted");
            NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S3), t0 + GMI, "EX+TO_EX: (A-X-Y)=old GT");
            NS_TEST_EXPECT_MSG_EQ((q.sources == Set{S3}), true, "EX+TO_EX: Q(G,A-Y)");
            NS_TEST_EXPECT_MSG_EQ(st.GetGroupTimer(), t + GMI, "EX+TO_EX: GT=GMI");
        }
        // §6.4.2 EXCLUDE (X,Y) + TO_IN (A) -> EXCLUDE (X+A,Y-A); (A)=GMI; Q(G,X-A); Q(G)
        {
            auto st = Exclude1Not2();
            auto q = st.Receive(RT::CHANGE_TO_INCLUDE_MODE, {S3}, t);
            Expect(st, t, Mode::EXCLUDE, {S1, S3}, {S2}, "EX+TO_IN");
            NS_TEST_EXPECT_MSG_EQ((q.sources == Set{S1}), true, "EX+TO_IN: Q(G,X-A)");
            NS_TEST_EXPECT_MSG_EQ(q.group, true, "EX+TO_IN: Q(G)");
        }
    }
};

class IgmpRouterTimersTestCase : public TestCase
{
  public:
    IgmpRouterTimersTestCase()
        : TestCase("timers: §6.5 switch to INCLUDE, §6.3 forwarding, §6.6.1 lowering to LMQT")
    {
    }

  private:
    void DoRun() override
    {
        const Time t0 = Seconds(10);
        // EXCLUDE (X={s1}, Y={s2}); s1 refreshed later so it outlives the group timer.
        auto st = Exclude1Not2();
        st.Receive(RT::MODE_IS_INCLUDE, {S1}, Seconds(100));
        NS_TEST_EXPECT_MSG_EQ(st.ShouldForward(S1, Seconds(100)), true, "EX, timer>0: forward");
        NS_TEST_EXPECT_MSG_EQ(st.ShouldForward(S2, Seconds(100)), false, "EX, timer=0: do not");
        NS_TEST_EXPECT_MSG_EQ(st.ShouldForward(S3, Seconds(100)), true, "EX, no record: forward");
        NS_TEST_EXPECT_MSG_EQ(st.NextExpiry(Seconds(100)), t0 + GMI, "next expiry: group timer");
        // Group timer runs out: EXCLUDE (X,Y) -> INCLUDE (X), Y deleted (§6.5).
        st.Expire(t0 + GMI);
        NS_TEST_EXPECT_MSG_EQ((st.GetFilterMode() == Mode::INCLUDE), true, "switched to INCLUDE");
        NS_TEST_EXPECT_MSG_EQ((st.Forwarded(t0 + GMI) == Set{S1}), true, "INCLUDE (X)");
        NS_TEST_EXPECT_MSG_EQ(st.GetSourceTimer(S2).IsNegative(), true, "Y deleted");
        NS_TEST_EXPECT_MSG_EQ(st.ShouldForward(S3, t0 + GMI), false, "IN, no record: do not");
        // s1's timer (set at 100 s) runs out: the group record empties (§6.3).
        st.Expire(Seconds(100) + GMI);
        NS_TEST_EXPECT_MSG_EQ(st.IsEmpty(), true, "group record deletable");
        NS_TEST_EXPECT_MSG_EQ(st.HasListeners(Seconds(100) + GMI), false, "no listeners");

        // Join then leave (TO_IN {}): Q(G) lowers the group timer to LMQT; with no
        // answer the group goes at LMQT (§6.6.1, §6.6.3.1).
        IgmpRouterGroupState g(GMI, LMQT);
        g.Receive(RT::CHANGE_TO_EXCLUDE_MODE, {}, Seconds(1));
        NS_TEST_EXPECT_MSG_EQ(g.GetGroupTimer(), Seconds(1) + GMI, "join: group timer = GMI");
        auto q = g.Receive(RT::CHANGE_TO_INCLUDE_MODE, {}, Seconds(50));
        NS_TEST_EXPECT_MSG_EQ(q.group, true, "leave asks for Q(G)");
        g.LowerGroupTimer(Seconds(50));
        NS_TEST_EXPECT_MSG_EQ(g.GetGroupTimer(), Seconds(50) + LMQT, "lowered to LMQT");
        NS_TEST_EXPECT_MSG_EQ(g.HasListeners(Seconds(51)), true, "still forwarded during LMQT");
        g.Expire(Seconds(50) + LMQT);
        NS_TEST_EXPECT_MSG_EQ(g.IsEmpty(), true, "removed at LMQT");
        // Lowering never raises a timer.
        IgmpRouterGroupState h(GMI, LMQT);
        h.Receive(RT::ALLOW_NEW_SOURCES, {S1}, Seconds(0));
        h.LowerSourceTimers({S1}, Seconds(GMI.GetSeconds() - 1));
        NS_TEST_EXPECT_MSG_EQ(h.GetSourceTimer(S1), GMI, "a timer below LMQT stays");
        h.LowerSourceTimers({S1}, Seconds(0));
        NS_TEST_EXPECT_MSG_EQ(h.GetSourceTimer(S1), LMQT, "a timer above LMQT drops to LMQT");
    }
};

class IgmpRouterStateTestSuite : public TestSuite
{
  public:
    IgmpRouterStateTestSuite()
        : TestSuite("smkd-igmp-router-state", UNIT)
    {
        AddTestCase(new IgmpRouterTablesTestCase, TestCase::QUICK);
        AddTestCase(new IgmpRouterTimersTestCase, TestCase::QUICK);
    }
};

IgmpRouterStateTestSuite g_igmpRouterStateTestSuite;

} // namespace
