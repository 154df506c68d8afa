/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-router.h"

#include "igmp-floating-code.h"
#include "igmp-host.h"
#include "igmp-secure-report.h"
#include "link-local-sender.h"

#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IgmpRouter");

NS_OBJECT_ENSURE_REGISTERED(IgmpRouter);

TypeId
IgmpRouter::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IgmpRouter")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<IgmpRouter>()
            .AddAttribute("RobustnessVariable",
                          "[Robustness Variable] (RFC 3376 §8.1).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&IgmpRouter::m_robustness),
                          MakeUintegerChecker<uint32_t>(1, 7))
            .AddAttribute("QueryInterval",
                          "[Query Interval]: time between General Queries (§8.2).",
                          TimeValue(Seconds(125)),
                          MakeTimeAccessor(&IgmpRouter::m_queryInterval),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("QueryResponseInterval",
                          "[Query Response Interval]: Max Resp Time of General Queries (§8.3).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&IgmpRouter::m_queryResponseInterval),
                          MakeTimeChecker(MilliSeconds(100)))
            .AddAttribute("StartupQueryInterval",
                          "[Startup Query Interval]: RFC default Query Interval / 4 (§8.6).",
                          TimeValue(Seconds(31.25)),
                          MakeTimeAccessor(&IgmpRouter::m_startupQueryInterval),
                          MakeTimeChecker(MilliSeconds(100)))
            .AddAttribute("StartupQueryCount",
                          "[Startup Query Count]: RFC default Robustness Variable (§8.7).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&IgmpRouter::m_startupQueryCount),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("LastMemberQueryInterval",
                          "[Last Member Query Interval]: Max Resp Time of specific queries and "
                          "their spacing (§8.8).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&IgmpRouter::m_lastMemberQueryInterval),
                          MakeTimeChecker(MilliSeconds(100)))
            .AddAttribute("LastMemberQueryCount",
                          "[Last Member Query Count]: RFC default Robustness Variable (§8.9).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&IgmpRouter::m_lastMemberQueryCount),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("QuerySent",
                            "A query was sent: message, interface.",
                            MakeTraceSourceAccessor(&IgmpRouter::m_querySent),
                            "ns3::IgmpRouter::MessageTracedCallback")
            .AddTraceSource("ReportReceived",
                            "A membership report was received: message, interface.",
                            MakeTraceSourceAccessor(&IgmpRouter::m_reportReceived),
                            "ns3::IgmpRouter::MessageTracedCallback")
            .AddTraceSource("MembershipChanged",
                            "A link gained its first or lost its last listener: group, "
                            "interface, present.",
                            MakeTraceSourceAccessor(&IgmpRouter::m_membershipChanged),
                            "ns3::IgmpRouter::MembershipTracedCallback")
            .AddTraceSource("QuerierChanged",
                            "This router became or stopped being a link's querier.",
                            MakeTraceSourceAccessor(&IgmpRouter::m_querierChanged),
                            "ns3::IgmpRouter::QuerierTracedCallback")
            .AddTraceSource("Malformed",
                            "An IGMP message failed to parse: packet, error, interface.",
                            MakeTraceSourceAccessor(&IgmpRouter::m_malformed),
                            "ns3::IgmpRouter::MalformedTracedCallback")
            .AddTraceSource("SecureJoin",
                            "A report carried an RFC 1949 secure join: host, group, interface, "
                            "token.",
                            MakeTraceSourceAccessor(&IgmpRouter::m_secureJoinTrace),
                            "ns3::IgmpRouter::SecureJoinTracedCallback");
    return tid;
}

IgmpRouter::IgmpRouter() = default;

Time
IgmpRouter::GetGroupMembershipInterval() const
{
    return m_queryInterval * m_robustness + m_queryResponseInterval;
}

Time
IgmpRouter::GetOtherQuerierPresentInterval() const
{
    return m_queryInterval * m_robustness + m_queryResponseInterval / 2;
}

Time
IgmpRouter::GetLastMemberQueryTime() const
{
    return m_lastMemberQueryInterval * m_lastMemberQueryCount;
}

void
IgmpRouter::NotifyNewAggregate()
{
    if (!m_ipv4)
    {
        if (Ptr<Ipv4> ipv4 = GetObject<Ipv4>())
        {
            m_ipv4 = ipv4;
            m_receiver =
                CreateObject<IpProtocolReceiver>(2, MakeCallback(&IgmpRouter::Receive, this));
            m_ipv4->Insert(m_receiver);
        }
    }
    Object::NotifyNewAggregate();
}

void
IgmpRouter::DoInitialize()
{
    // Start once every aggregated object of the node is initialized.
    Simulator::ScheduleNow([this]() {
        if (!m_ipv4)
        {
            return;
        }
        for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
        {
            if (m_ipv4->IsUp(i) && m_ipv4->GetNAddresses(i) > 0 && !m_excluded.count(i) &&
                !DynamicCast<LoopbackNetDevice>(m_ipv4->GetNetDevice(i)))
            {
                Start(i);
            }
        }
    });
    Object::DoInitialize();
}

void
IgmpRouter::DoDispose()
{
    for (auto& [i, link] : m_links)
    {
        link.generalQuery.Cancel();
        link.otherQuerierPresent.Cancel();
        for (auto& [g, group] : link.groups)
        {
            group.expiry.Cancel();
            group.queryTimer.Cancel();
        }
    }
    m_links.clear();
    m_membership = MembershipCallback();
    m_secureJoin = SecureJoinCallback();
    m_receiver = nullptr;
    m_ipv4 = nullptr;
    Object::DoDispose();
}

void
IgmpRouter::ExcludeInterface(uint32_t interface)
{
    m_excluded.insert(interface);
}

void
IgmpRouter::SetMembershipCallback(MembershipCallback cb)
{
    m_membership = cb;
}

void
IgmpRouter::SetSecureJoinCallback(SecureJoinCallback cb)
{
    m_secureJoin = cb;
}

void
IgmpRouter::Start(uint32_t interface)
{
    Link& link = m_links[interface];
    link.enabled = true;
    link.address = m_ipv4->GetAddress(interface, 0).GetLocal();
    link.querier = true; // §6.6.2: every router starts as querier
    link.startupQueriesLeft = m_startupQueryCount;
    m_querierChanged(interface, true);
    SendGeneralQuery(interface);
}

IgmpQueryHeader
IgmpRouter::MakeQuery(Ipv4Address group, Time maxResp) const
{
    IgmpQueryHeader q;
    q.SetVersion(3);
    q.SetGroup(group);
    // Max Resp Code and QQIC are in units of 1/10 s and 1 s (§4.1.1, §4.1.7).
    q.SetMaxRespCode(
        smkd::IgmpEncodeFloatingCode(static_cast<uint32_t>(maxResp.GetMilliSeconds() / 100)));
    q.SetQrv(m_robustness <= 7 ? m_robustness : 0);
    q.SetQqic(smkd::IgmpEncodeFloatingCode(static_cast<uint32_t>(m_queryInterval.GetSeconds())));
    return q;
}

void
IgmpRouter::SendQuery(uint32_t interface, const IgmpQueryHeader& query, Ipv4Address destination)
{
    const IgmpMessage message(query);
    m_querySent(message, interface);
    smkd::SendLinkLocal(m_ipv4,
                        interface,
                        message.ToPacket(Node::ChecksumEnabled()),
                        destination,
                        2,
                        0xc0); // RFC 3376 §4: TTL 1, Internetwork Control
}

void
IgmpRouter::SendGeneralQuery(uint32_t interface)
{
    Link& link = m_links[interface];
    if (!link.querier)
    {
        return;
    }
    SendQuery(interface,
              MakeQuery(Ipv4Address::GetAny(), m_queryResponseInterval),
              IgmpHost::ALL_SYSTEMS);
    // §6.1, §8.6-8.7: [Startup Query Count] queries [Startup Query Interval]
    // apart, then one every [Query Interval].
    Time next = m_queryInterval;
    if (link.startupQueriesLeft > 0 && --link.startupQueriesLeft > 0)
    {
        next = m_startupQueryInterval;
    }
    link.generalQuery.Cancel();
    link.generalQuery = Simulator::Schedule(next, &IgmpRouter::SendGeneralQuery, this, interface);
}

void
IgmpRouter::OtherQuerierGone(uint32_t interface)
{
    Link& link = m_links[interface];
    link.querier = true;
    m_querierChanged(interface, true);
    SendGeneralQuery(interface);
}

void
IgmpRouter::Receive(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface)
{
    auto linkIt = m_links.find(interface);
    if (linkIt == m_links.end() || !linkIt->second.enabled ||
        header.GetSource() == linkIt->second.address)
    {
        return;
    }
    IgmpMessage message;
    smkd::WireStatus status = IgmpMessage::Parse(packet, Node::ChecksumEnabled(), message);
    if (!status.Ok())
    {
        NS_LOG_WARN("if" << interface << ": dropped IGMP message from " << header.GetSource()
                         << ": " << status);
        m_malformed(packet, status.error, interface);
        return;
    }
    if (const auto* query = message.As<IgmpQueryHeader>())
    {
        HandleQuery(*query, header, interface);
        return;
    }
    m_reportReceived(message, interface);
    if (const auto* report = message.As<IgmpV3ReportHeader>())
    {
        for (const IgmpGroupRecord& r : report->GetRecords())
        {
            if (!r.IsKnownType())
            {
                continue; // §4.2.12: unknown record types are ignored
            }
            std::vector<uint8_t> token;
            if (!r.GetAuxData().empty() && smkd::DecodeSecureJoin(r.GetAuxData(), token))
            {
                m_secureJoinTrace(header.GetSource(), r.GetGroup(), interface, token);
                if (!m_secureJoin.IsNull())
                {
                    m_secureJoin(header.GetSource(), r.GetGroup(), interface, token);
                }
            }
            const std::set<Ipv4Address> sources(r.GetSources().begin(), r.GetSources().end());
            HandleRecord(r.GetType(), r.GetGroup(), sources, interface);
        }
    }
    // §7.3.2: an IGMPv1/v2 report is IS_EX({}), a v2 leave TO_IN({}).
    else if (const auto* v1 = message.As<IgmpV1ReportHeader>())
    {
        HandleRecord(IgmpRecordType::MODE_IS_EXCLUDE, v1->GetGroup(), {}, interface);
    }
    else if (const auto* v2 = message.As<IgmpV2ReportHeader>())
    {
        HandleRecord(IgmpRecordType::MODE_IS_EXCLUDE, v2->GetGroup(), {}, interface);
    }
    else if (const auto* leave = message.As<IgmpV2LeaveHeader>())
    {
        HandleRecord(IgmpRecordType::CHANGE_TO_INCLUDE_MODE, leave->GetGroup(), {}, interface);
    }
}

void
IgmpRouter::HandleQuery(const IgmpQueryHeader& query, const Ipv4Header& ip, uint32_t interface)
{
    Link& link = m_links[interface];
    // §6.6.2: a query from a lower address makes that router the querier.
    if (ip.GetSource() < link.address)
    {
        if (link.querier)
        {
            link.querier = false;
            m_querierChanged(interface, false);
        }
        link.generalQuery.Cancel();
        link.otherQuerierPresent.Cancel();
        link.otherQuerierPresent = Simulator::Schedule(GetOtherQuerierPresentInterval(),
                                                       &IgmpRouter::OtherQuerierGone,
                                                       this,
                                                       interface);
    }
    // §6.6.1: a specific query without the S flag lowers the timers it names.
    if (query.GetKind() == IgmpQueryKind::GENERAL || query.GetSuppressRouterProcessing())
    {
        return;
    }
    auto g = link.groups.find(query.GetGroup());
    if (g == link.groups.end())
    {
        return;
    }
    const Time now = Simulator::Now();
    if (query.GetKind() == IgmpQueryKind::GROUP_SPECIFIC)
    {
        g->second.state.LowerGroupTimer(now);
    }
    else
    {
        g->second.state.LowerSourceTimers(
            std::set<Ipv4Address>(query.GetSources().begin(), query.GetSources().end()),
            now);
    }
    Refresh(interface, query.GetGroup());
}

IgmpRouter::Group&
IgmpRouter::GetGroup(uint32_t interface, Ipv4Address group)
{
    auto& groups = m_links[interface].groups;
    auto it = groups.find(group);
    if (it == groups.end())
    {
        it = groups.emplace(group, Group(GetGroupMembershipInterval(), GetLastMemberQueryTime()))
                 .first;
    }
    return it->second;
}

void
IgmpRouter::HandleRecord(IgmpRecordType type,
                         Ipv4Address group,
                         const std::set<Ipv4Address>& sources,
                         uint32_t interface)
{
    if (!group.IsMulticast() || group.IsLocalMulticast())
    {
        return; // link-local groups are not routed
    }
    Group& g = GetGroup(interface, group);
    const IgmpRouterGroupState::Queries q = g.state.Receive(type, sources, Simulator::Now());
    if (m_links[interface].querier)
    {
        if (q.group)
        {
            StartGroupQueries(interface, group);
        }
        if (!q.sources.empty())
        {
            StartSourceQueries(interface, group, q.sources);
        }
    }
    Refresh(interface, group);
}

void
IgmpRouter::StartGroupQueries(uint32_t interface, Ipv4Address group)
{
    // §6.6.3.1: lower the group timer to LMQT, send Q(G) now and
    // [Last Member Query Count] - 1 more, [Last Member Query Interval] apart.
    Group& g = GetGroup(interface, group);
    g.state.LowerGroupTimer(Simulator::Now());
    g.groupQueriesLeft = m_lastMemberQueryCount;
    SendSpecificQueries(interface, group);
}

void
IgmpRouter::StartSourceQueries(uint32_t interface,
                               Ipv4Address group,
                               const std::set<Ipv4Address>& sources)
{
    // §6.6.3.2: sources whose timer exceeds LMQT get retransmission state and
    // their timer lowered to LMQT.
    Group& g = GetGroup(interface, group);
    const Time now = Simulator::Now();
    for (const Ipv4Address& s : sources)
    {
        if (g.state.GetSourceTimer(s) > now + GetLastMemberQueryTime())
        {
            g.sourceQueriesLeft[s] = m_lastMemberQueryCount;
            g.state.LowerSourceTimers({s}, now);
        }
    }
    SendSpecificQueries(interface, group);
}

void
IgmpRouter::SendSpecificQueries(uint32_t interface, Ipv4Address group)
{
    auto it = m_links[interface].groups.find(group);
    if (it == m_links[interface].groups.end())
    {
        return;
    }
    Group& g = it->second;
    g.queryTimer.Cancel();
    const Time now = Simulator::Now();
    const Time lmqt = now + GetLastMemberQueryTime();
    if (g.groupQueriesLeft > 0)
    {
        IgmpQueryHeader q = MakeQuery(group, m_lastMemberQueryInterval);
        // §6.6.3.1: S set while the group timer is above LMQT (a report raised it).
        q.SetSuppressRouterProcessing(g.state.GetGroupTimer() > lmqt);
        SendQuery(interface, q, group);
        --g.groupQueriesLeft;
    }
    if (!g.sourceQueriesLeft.empty())
    {
        // §6.6.3.2: one query with S set for sources whose timer is above
        // LMQT, one with S clear for the rest.
        IgmpQueryHeader suppressed = MakeQuery(group, m_lastMemberQueryInterval);
        suppressed.SetSuppressRouterProcessing(true);
        IgmpQueryHeader plain = MakeQuery(group, m_lastMemberQueryInterval);
        for (auto s = g.sourceQueriesLeft.begin(); s != g.sourceQueriesLeft.end();)
        {
            (g.state.GetSourceTimer(s->first) > lmqt ? suppressed : plain).AddSource(s->first);
            s = --s->second == 0 ? g.sourceQueriesLeft.erase(s) : std::next(s);
        }
        for (const IgmpQueryHeader* q : {&suppressed, &plain})
        {
            if (!q->GetSources().empty())
            {
                SendQuery(interface, *q, group);
            }
        }
    }
    if (g.groupQueriesLeft > 0 || !g.sourceQueriesLeft.empty())
    {
        g.queryTimer = Simulator::Schedule(m_lastMemberQueryInterval,
                                           &IgmpRouter::SendSpecificQueries,
                                           this,
                                           interface,
                                           group);
    }
    Refresh(interface, group);
}

void
IgmpRouter::Refresh(uint32_t interface, Ipv4Address group)
{
    auto& groups = m_links[interface].groups;
    auto it = groups.find(group);
    if (it == groups.end())
    {
        return;
    }
    Group& g = it->second;
    const Time now = Simulator::Now();
    g.state.Expire(now);
    const bool listeners = g.state.HasListeners(now);
    if (listeners != g.listeners)
    {
        g.listeners = listeners;
        NS_LOG_INFO("if" << interface << " " << group
                         << (listeners ? " has listeners" : " has none"));
        m_membershipChanged(group, interface, listeners);
        if (!m_membership.IsNull())
        {
            m_membership(group, interface, listeners);
        }
    }
    g.expiry.Cancel();
    if (g.state.IsEmpty() && g.groupQueriesLeft == 0 && g.sourceQueriesLeft.empty())
    {
        g.queryTimer.Cancel();
        groups.erase(it);
        return;
    }
    const Time next = g.state.NextExpiry(now);
    if (next != Time::Max())
    {
        g.expiry = Simulator::Schedule(next - now, &IgmpRouter::Expired, this, interface, group);
    }
}

void
IgmpRouter::Expired(uint32_t interface, Ipv4Address group)
{
    Refresh(interface, group);
}

bool
IgmpRouter::ShouldForward(uint32_t interface, Ipv4Address group, Ipv4Address source) const
{
    const IgmpRouterGroupState* st = GetGroupState(interface, group);
    return st && st->ShouldForward(source, Simulator::Now());
}

bool
IgmpRouter::HasListeners(uint32_t interface, Ipv4Address group) const
{
    const IgmpRouterGroupState* st = GetGroupState(interface, group);
    return st && st->HasListeners(Simulator::Now());
}

bool
IgmpRouter::IsQuerier(uint32_t interface) const
{
    auto it = m_links.find(interface);
    return it != m_links.end() && it->second.enabled && it->second.querier;
}

const IgmpRouterGroupState*
IgmpRouter::GetGroupState(uint32_t interface, Ipv4Address group) const
{
    auto link = m_links.find(interface);
    if (link == m_links.end())
    {
        return nullptr;
    }
    auto g = link->second.groups.find(group);
    return g == link->second.groups.end() ? nullptr : &g->second.state;
}

} // namespace ns3
