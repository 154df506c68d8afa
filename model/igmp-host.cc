/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-host.h"

#include "igmp-secure-report.h"
#include "link-local-sender.h"
#include "smkd-error.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IgmpHost");

NS_OBJECT_ENSURE_REGISTERED(IgmpHost);

const Ipv4Address IgmpHost::ALL_SYSTEMS("224.0.0.1");
const Ipv4Address IgmpHost::ALL_IGMPV3_ROUTERS("224.0.0.22");

namespace
{

/// Report bytes that fit one packet on a 1500-byte link after IP and report headers.
constexpr uint32_t MAX_REPORT_RECORD_BYTES = 1500 - 20 - IgmpV3ReportHeader::FIXED_SIZE;

} // namespace

TypeId
IgmpHost::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IgmpHost")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<IgmpHost>()
            .AddAttribute("RobustnessVariable",
                          "[Robustness Variable]: State-Change Reports are sent this many times "
                          "(RFC 3376 §8.1); replaced by a querier's non-zero QRV.",
                          UintegerValue(2),
                          MakeUintegerAccessor(&IgmpHost::m_robustness),
                          MakeUintegerChecker<uint32_t>(1, 7))
            .AddAttribute("UnsolicitedReportInterval",
                          "[Unsolicited Report Interval]: retransmissions of a State-Change "
                          "Report come after a random time in (0, this) (RFC 3376 §8.11).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&IgmpHost::m_unsolicitedReportInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource("ReportSent",
                            "A membership report was sent: message, interface.",
                            MakeTraceSourceAccessor(&IgmpHost::m_reportSent),
                            "ns3::IgmpHost::MessageTracedCallback")
            .AddTraceSource("QueryReceived",
                            "A membership query was received: message, interface.",
                            MakeTraceSourceAccessor(&IgmpHost::m_queryReceived),
                            "ns3::IgmpHost::MessageTracedCallback")
            .AddTraceSource("InterfaceStateChanged",
                            "An interface's reception state for a group changed: group, "
                            "interface, new state.",
                            MakeTraceSourceAccessor(&IgmpHost::m_stateChanged),
                            "ns3::IgmpHost::StateTracedCallback")
            .AddTraceSource("Malformed",
                            "An IGMP message failed to parse: packet, error, interface.",
                            MakeTraceSourceAccessor(&IgmpHost::m_malformedTrace),
                            "ns3::IgmpRouter::MalformedTracedCallback");
    return tid;
}

IgmpHost::IgmpHost()
    : m_random(CreateObject<UniformRandomVariable>())
{
}

void
IgmpHost::NotifyNewAggregate()
{
    if (!m_ipv4)
    {
        if (Ptr<Ipv4> ipv4 = GetObject<Ipv4>())
        {
            m_ipv4 = ipv4;
            m_receiver =
                CreateObject<IpProtocolReceiver>(2, MakeCallback(&IgmpHost::Receive, this));
            m_ipv4->Insert(m_receiver);
        }
    }
    Object::NotifyNewAggregate();
}

void
IgmpHost::DoDispose()
{
    for (auto& [i, st] : m_interfaces)
    {
        st.responseTimer.Cancel();
        for (auto& [g, gs] : st.groups)
        {
            gs.retransmission.Cancel();
        }
    }
    m_interfaces.clear();
    m_receiver = nullptr;
    m_ipv4 = nullptr;
    m_tokens = TokenSource();
    Object::DoDispose();
}

void
IgmpHost::CheckArguments(uint32_t interface, Ipv4Address group) const
{
    SMKD_REQUIRE(m_ipv4, "IgmpHost: aggregate it to a node with an IPv4 stack first");
    SMKD_REQUIRE(group.IsMulticast() && !group.IsLocalMulticast(),
                 "IGMP: " << group << " is not a routable multicast group");
    SMKD_REQUIRE(interface < m_ipv4->GetNInterfaces() && m_ipv4->GetNAddresses(interface) > 0,
                 "IGMP: node " << m_ipv4->GetObject<Node>()->GetId() << " has no interface "
                               << interface << " with an address");
}

void
IgmpHost::Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    CheckArguments(interface, group);
    Update(socket, interface, group, IgmpFilterState{true, {}});
}

void
IgmpHost::Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    CheckArguments(interface, group);
    Update(socket, interface, group, IgmpFilterState{});
}

void
IgmpHost::JoinSource(Ptr<Socket> socket, uint32_t interface, Ipv4Address group, Ipv4Address source)
{
    CheckArguments(interface, group);
    IgmpFilterState s = m_interfaces[interface].groups[group].sockets[socket];
    SMKD_REQUIRE(!(s.exclude), "IGMP: JoinSource on a socket in EXCLUDE mode for " << group);
    s.sources.insert(source);
    Update(socket, interface, group, s);
}

void
IgmpHost::LeaveSource(Ptr<Socket> socket, uint32_t interface, Ipv4Address group, Ipv4Address source)
{
    CheckArguments(interface, group);
    IgmpFilterState s = m_interfaces[interface].groups[group].sockets[socket];
    SMKD_REQUIRE(!(s.exclude), "IGMP: LeaveSource on a socket in EXCLUDE mode for " << group);
    s.sources.erase(source);
    Update(socket, interface, group, s);
}

void
IgmpHost::BlockSource(Ptr<Socket> socket, uint32_t interface, Ipv4Address group, Ipv4Address source)
{
    CheckArguments(interface, group);
    IgmpFilterState s = m_interfaces[interface].groups[group].sockets[socket];
    SMKD_REQUIRE(s.exclude, "IGMP: BlockSource needs an any-source Join of " << group);
    s.sources.insert(source);
    Update(socket, interface, group, s);
}

void
IgmpHost::UnblockSource(Ptr<Socket> socket,
                        uint32_t interface,
                        Ipv4Address group,
                        Ipv4Address source)
{
    CheckArguments(interface, group);
    IgmpFilterState s = m_interfaces[interface].groups[group].sockets[socket];
    SMKD_REQUIRE(s.exclude, "IGMP: UnblockSource needs an any-source Join of " << group);
    s.sources.erase(source);
    Update(socket, interface, group, s);
}

void
IgmpHost::SetSourceFilter(Ptr<Socket> socket,
                          uint32_t interface,
                          Ipv4Address group,
                          const IgmpFilterState& state)
{
    CheckArguments(interface, group);
    Update(socket, interface, group, state);
}

void
IgmpHost::Update(Ptr<Socket> socket,
                 uint32_t interface,
                 Ipv4Address group,
                 const IgmpFilterState& socketState)
{
    GroupState& gs = m_interfaces[interface].groups[group];
    if (socketState.IsMember())
    {
        gs.sockets[socket] = socketState;
    }
    else
    {
        gs.sockets.erase(socket);
    }
    std::vector<IgmpFilterState> states;
    for (const auto& [s, st] : gs.sockets)
    {
        states.push_back(st);
    }
    const IgmpFilterState merged = IgmpMergeSocketStates(states);
    if (merged == gs.current)
    {
        return;
    }
    // RFC 3376 §5.1: a change of interface state sends a State-Change Report now.
    gs.reporter.Change(gs.current, merged, m_robustness);
    gs.current = merged;
    m_stateChanged(group, interface, merged);
    SendStateChange(interface, group);
}

void
IgmpHost::SendStateChange(uint32_t interface, Ipv4Address group)
{
    auto ifIt = m_interfaces.find(interface);
    if (ifIt == m_interfaces.end() || !ifIt->second.groups.count(group))
    {
        return;
    }
    GroupState& gs = ifIt->second.groups[group];
    gs.retransmission.Cancel();
    std::vector<IgmpGroupRecord> records = gs.reporter.Next(group, gs.current);
    if (!records.empty())
    {
        SendReport(interface, std::move(records));
    }
    if (gs.reporter.Pending())
    {
        // §5.1: the remaining transmissions at random intervals in (0, [Unsolicited Report
        // Interval]).
        gs.retransmission = Simulator::Schedule(
            Seconds(m_random->GetValue(0, m_unsolicitedReportInterval.GetSeconds())),
            &IgmpHost::SendStateChange,
            this,
            interface,
            group);
    }
    else if (!gs.current.IsMember() && gs.sockets.empty())
    {
        ifIt->second.groups.erase(group);
    }
}

void
IgmpHost::SendReport(uint32_t interface, std::vector<IgmpGroupRecord> records)
{
    // Pack the records into as few reports as fit the link.
    std::size_t first = 0;
    while (first < records.size())
    {
        IgmpV3ReportHeader report;
        uint32_t bytes = 0;
        std::size_t k = first;
        for (; k < records.size(); ++k)
        {
            IgmpGroupRecord& r = records[k];
            if (!m_tokens.IsNull() && smkd::ExpressesInterest(r))
            {
                // RFC 1949 Appendix B: the secure join rides in the record's aux data.
                const std::vector<uint8_t> token = m_tokens(r.GetGroup(), interface);
                if (!token.empty())
                {
                    r.SetAuxData(smkd::EncodeSecureJoin(token));
                }
            }
            if (k > first && bytes + r.GetSerializedSize() > MAX_REPORT_RECORD_BYTES)
            {
                break;
            }
            bytes += r.GetSerializedSize();
            report.AddRecord(r);
        }
        first = k;
        const IgmpMessage message(report);
        m_reportSent(message, interface);
        smkd::SendLinkLocal(m_ipv4,
                            interface,
                            message.ToPacket(Node::ChecksumEnabled()),
                            ALL_IGMPV3_ROUTERS,
                            2,
                            0xc0); // RFC 3376 §4: TTL 1, Internetwork Control
    }
}

void
IgmpHost::Receive(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface)
{
    IgmpMessage message;
    smkd::WireStatus status = IgmpMessage::Parse(packet, Node::ChecksumEnabled(), message);
    if (!status.Ok())
    {
        ++m_malformed;
        NS_LOG_WARN("if" << interface << ": dropped IGMP message from " << header.GetSource()
                         << ": " << status);
        m_malformedTrace(packet, status.error, interface);
        return;
    }
    if (const IgmpQueryHeader* query = message.As<IgmpQueryHeader>())
    {
        m_queryReceived(message, interface);
        HandleQuery(*query, interface);
    }
    // Reports of other members are of no concern to an IGMPv3 host (§5: no suppression).
}

void
IgmpHost::HandleQuery(const IgmpQueryHeader& query, uint32_t interface)
{
    auto ifIt = m_interfaces.find(interface);
    if (ifIt == m_interfaces.end())
    {
        return; // no reception state to report
    }
    InterfaceState& st = ifIt->second;
    if (query.GetVersion() == 3 && query.GetQrv() != 0)
    {
        m_robustness = query.GetQrv(); // §4.1.6: adopt the querier's robustness
    }
    const Ipv4Address group =
        query.GetKind() == IgmpQueryKind::GENERAL ? Ipv4Address::GetAny() : query.GetGroup();
    if (group != Ipv4Address::GetAny())
    {
        auto g = st.groups.find(group);
        if (g == st.groups.end() || !g->second.current.IsMember())
        {
            return;
        }
    }
    // §5.2: a random delay in (0, Max Resp Time), then the scheduling rules.
    const Time delay = Seconds(m_random->GetValue(0, query.GetMaxRespTime().GetSeconds()));
    const std::set<Ipv4Address> sources(query.GetSources().begin(), query.GetSources().end());
    st.pending.Query(group, sources, Simulator::Now(), delay);
    ScheduleResponses(interface);
}

void
IgmpHost::ScheduleResponses(uint32_t interface)
{
    InterfaceState& st = m_interfaces[interface];
    st.responseTimer.Cancel();
    const Time due = st.pending.NextDue();
    if (due != Time::Max())
    {
        st.responseTimer =
            Simulator::Schedule(due - Simulator::Now(), &IgmpHost::SendResponses, this, interface);
    }
}

void
IgmpHost::SendResponses(uint32_t interface)
{
    InterfaceState& st = m_interfaces[interface];
    const Time now = Simulator::Now();
    std::vector<IgmpGroupRecord> records;
    if (st.pending.InterfaceTimer() <= now)
    {
        // §5.2 expiry rule 1: one Current-State Record per group with state.
        st.pending.ClearInterface();
        for (const auto& [g, gs] : st.groups)
        {
            if (gs.current.IsMember())
            {
                records.push_back(IgmpCurrentStateRecord(g, gs.current));
            }
        }
    }
    for (const auto& [g, response] : st.pending.TakeDueGroups(now))
    {
        auto gs = st.groups.find(g);
        const IgmpFilterState state =
            gs == st.groups.end() ? IgmpFilterState{} : gs->second.current;
        if (auto record = IgmpPendingResponses::Answer(g, response, state))
        {
            records.push_back(*record);
        }
    }
    if (!records.empty())
    {
        SendReport(interface, std::move(records));
    }
    ScheduleResponses(interface);
}

IgmpFilterState
IgmpHost::GetInterfaceState(uint32_t interface, Ipv4Address group) const
{
    auto ifIt = m_interfaces.find(interface);
    if (ifIt == m_interfaces.end())
    {
        return IgmpFilterState{};
    }
    auto g = ifIt->second.groups.find(group);
    return g == ifIt->second.groups.end() ? IgmpFilterState{} : g->second.current;
}

bool
IgmpHost::SocketWants(Ptr<Socket> socket, Ipv4Address group, Ipv4Address source) const
{
    for (const auto& [i, st] : m_interfaces)
    {
        auto g = st.groups.find(group);
        if (g == st.groups.end())
        {
            continue;
        }
        auto s = g->second.sockets.find(socket);
        if (s != g->second.sockets.end() && s->second.Wants(source))
        {
            return true;
        }
    }
    return false;
}

bool
IgmpHost::InterfaceWants(uint32_t interface, Ipv4Address group, Ipv4Address source) const
{
    return GetInterfaceState(interface, group).Wants(source);
}

void
IgmpHost::ReportCurrentState(uint32_t interface, Ipv4Address group)
{
    const IgmpFilterState state = GetInterfaceState(interface, group);
    if (state.IsMember())
    {
        SendReport(interface, {IgmpCurrentStateRecord(group, state)});
    }
}

void
IgmpHost::SetSecureJoinTokenSource(TokenSource tokens)
{
    m_tokens = tokens;
}

int64_t
IgmpHost::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

} // namespace ns3
