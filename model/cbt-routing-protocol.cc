/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Set-up, attributes, message dispatch and shared helpers of the CBT router.
// The protocol mechanisms live in cbt-routing-{hello,join,echo,data}.cc.

#include "cbt-routing-protocol.h"

#include "cbt-packet-handle-header.h"
#include "link-local-sender.h"
#include "smkd-error.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CbtRoutingProtocol");

NS_OBJECT_ENSURE_REGISTERED(CbtRoutingProtocol);

const Ipv4Address CbtRoutingProtocol::ALL_CBT_ROUTERS("224.0.0.15");

const char*
CbtDropReasonName(CbtDropReason r)
{
    switch (r)
    {
    case CbtDropReason::MALFORMED:
        return "malformed";
    case CbtDropReason::NOT_DR:
        return "not-dr";
    case CbtDropReason::NO_ROUTE_TO_CORE:
        return "no-route-to-core";
    case CbtDropReason::JOIN_BOUNCES_BACK:
        return "join-bounces-back";
    case CbtDropReason::UNMATCHED_ACK:
        return "unmatched-ack";
    case CbtDropReason::UNMATCHED_QUIT:
        return "unmatched-quit";
    case CbtDropReason::UNMATCHED_FLUSH:
        return "unmatched-flush";
    case CbtDropReason::UNMATCHED_ECHO:
        return "unmatched-echo";
    case CbtDropReason::NO_CORE_FOR_GROUP:
        return "no-core-for-group";
    case CbtDropReason::DATA_OFF_TREE:
        return "data-off-tree";
    case CbtDropReason::DATA_NO_STATE:
        return "data-no-state";
    case CbtDropReason::ENCAPSULATED_NO_TREE:
        return "encapsulated-no-tree";
    case CbtDropReason::ENCAPSULATED_MALFORMED:
        return "encapsulated-malformed";
    case CbtDropReason::WRONG_PACKET_HANDLE:
        return "wrong-packet-handle";
    }
    return "unknown";
}

const char*
CbtTreeEventName(CbtTreeEvent e)
{
    switch (e)
    {
    case CbtTreeEvent::JOIN_STARTED:
        return "join-started";
    case CbtTreeEvent::ON_TREE:
        return "on-tree";
    case CbtTreeEvent::CHILD_ADDED:
        return "child-added";
    case CbtTreeEvent::CHILD_REMOVED:
        return "child-removed";
    case CbtTreeEvent::QUIT:
        return "quit";
    case CbtTreeEvent::EXPIRED:
        return "expired";
    case CbtTreeEvent::FLUSHED:
        return "flushed";
    case CbtTreeEvent::BECAME_DR:
        return "became-dr";
    }
    return "unknown";
}

namespace
{

/// A JOIN_REQUEST or JOIN_ACK that carries an RFC 1949 host token.
bool
IsSecureJoinMessage(const CbtMessage& message)
{
    if (const auto* join = message.As<CbtJoinRequestHeader>())
    {
        return join->GetOptions().Find(CbtOptionType::HOST_TOKEN) != nullptr;
    }
    if (const auto* ack = message.As<CbtJoinAckHeader>())
    {
        return ack->GetOptions().Find(CbtOptionType::HOST_TOKEN) != nullptr;
    }
    return false;
}

} // namespace

TypeId
CbtRoutingProtocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::CbtRoutingProtocol")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Smkd")
            .AddConstructor<CbtRoutingProtocol>()
            // RFC 2189 §6 timers, with the RFC's defaults.
            .AddAttribute("HelloInterval",
                          "[HELLO_INTERVAL]: time between HELLOs (RFC 2189 §6).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_helloInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("HelloPreference",
                          "[HELLO_PREFERENCE]: DR eligibility, 1 (most) to 254; 255 is the "
                          "unconfigured default (RFC 2189 §4.1).",
                          UintegerValue(255),
                          MakeUintegerAccessor(&CbtRoutingProtocol::m_helloPreference),
                          MakeUintegerChecker<uint8_t>(1, 255))
            .AddAttribute("HoldTime",
                          "[HOLDTIME]: generic response interval (RFC 2189 §6).",
                          TimeValue(Seconds(3)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_holdTime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxRtx",
                          "[MAX_RTX]: copies of a QUIT_NOTIFICATION (RFC 2189 §4.4.1, §6).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&CbtRoutingProtocol::m_maxRtx),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("RtxInterval",
                          "[RTX_INTERVAL]: JOIN_REQUEST retransmission time (RFC 2189 §6).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_rtxInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("JoinTimeout",
                          "[JOIN_TIMEOUT]: join failure is reported after this; RFC default "
                          "3.5 x RTX_INTERVAL.",
                          TimeValue(Seconds(17.5)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_joinTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("TransientTimeout",
                          "[TRANSIENT_TIMEOUT]: unconfirmed transient join state is deleted "
                          "after this; RFC default 1.5 x RTX_INTERVAL.",
                          TimeValue(Seconds(7.5)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_transientTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("CacheDelTimer",
                          "[CACHE_DEL_TIMER]: a child interface is removed this long after a "
                          "multicast quit; RFC default 1.5 x HOLDTIME.",
                          TimeValue(Seconds(4.5)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_cacheDelTimer),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("GroupExpireTime",
                          "[GROUP_EXPIRE_TIME]: a group not refreshed by an ECHO_REPLY for this "
                          "long is quit and flushed; RFC default 1.5 x ECHO_INTERVAL.",
                          TimeValue(Seconds(90)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_groupExpireTime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("EchoInterval",
                          "[ECHO_INTERVAL]: time between ECHO_REQUESTs to a parent (RFC 2189 §6).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_echoInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("ExpectedReplyTime",
                          "[EXPECTED_REPLY_TIME]: a parent interface without any ECHO_REPLY for "
                          "this long is considered unreachable (RFC 2189 §6).",
                          TimeValue(Seconds(70)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_expectedReplyTime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("PacketHandleCost",
                          "CPU time of one packet handle look-up (RFC 1949 §3): a check on "
                          "arrival or a stamp on departure. Accounted in the packet handle "
                          "statistics, not charged as a forwarding delay.",
                          TimeValue(NanoSeconds(50)),
                          MakeTimeAccessor(&CbtRoutingProtocol::m_handleCost),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource(
                "ControlTx",
                "A CBT control message was sent: message, interface, destination, IP bytes.",
                MakeTraceSourceAccessor(&CbtRoutingProtocol::m_controlTx),
                "ns3::CbtRoutingProtocol::ControlTracedCallback")
            .AddTraceSource("ControlRx",
                            "A CBT control message was received and parsed: message, interface, "
                            "source, IP bytes.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_controlRx),
                            "ns3::CbtRoutingProtocol::ControlTracedCallback")
            .AddTraceSource("JoinCompleted",
                            "A join this router originated was acked: group, latency.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_joinCompleted),
                            "ns3::CbtRoutingProtocol::JoinCompletedTracedCallback")
            .AddTraceSource("JoinFailed",
                            "A join this router originated got no ack within JoinTimeout, or "
                            "had no route to a core.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_joinFailed),
                            "ns3::CbtRoutingProtocol::JoinFailedTracedCallback")
            .AddTraceSource("TreeStateChanged",
                            "Tree state changed: group, event, interface.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_treeChanged),
                            "ns3::CbtRoutingProtocol::TreeTracedCallback")
            .AddTraceSource("DataForwarded",
                            "A copy of a data packet was sent over a tree interface (header "
                            "and packet as without a packet handle shim).",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_dataForwarded),
                            "ns3::CbtRoutingProtocol::DataTracedCallback")
            .AddTraceSource("DataEncapsulated",
                            "Data from a non-member sender was tunnelled towards the core: "
                            "inner header, packet, interface the tunnel leaves by.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_dataEncapsulated),
                            "ns3::CbtRoutingProtocol::DataTracedCallback")
            .AddTraceSource("Drop",
                            "A packet was dropped: packet, reason, interface.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_drop),
                            "ns3::CbtRoutingProtocol::DropTracedCallback")
            .AddTraceSource("MalformedControl",
                            "A control message failed to parse: packet, wire error, interface.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_malformed),
                            "ns3::CbtRoutingProtocol::MalformedTracedCallback")
            .AddTraceSource("PacketHandle",
                            "A packet handle (RFC 1949 §3) was checked on arrival, with its "
                            "verdict, or stamped on departure: group, interface, event.",
                            MakeTraceSourceAccessor(&CbtRoutingProtocol::m_handleTrace),
                            "ns3::CbtRoutingProtocol::PacketHandleTracedCallback");
    return tid;
}

CbtRoutingProtocol::CbtRoutingProtocol()
    : m_cores(Create<CbtCoreMap>()),
      m_jitter(CreateObject<UniformRandomVariable>())
{
}

CbtRoutingProtocol::~CbtRoutingProtocol() = default;

void
CbtRoutingProtocol::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    NS_ASSERT(!m_ipv4);
    m_ipv4 = ipv4;
    m_controlReceiver =
        CreateObject<IpProtocolReceiver>(CbtHeader::PROTOCOL_NUMBER,
                                         MakeCallback(&CbtRoutingProtocol::ReceiveControl, this));
    m_tunnelReceiver = CreateObject<IpProtocolReceiver>(
        IP_IN_IP_PROTOCOL,
        MakeCallback(&CbtRoutingProtocol::ReceiveEncapsulated, this));
    m_ipv4->Insert(m_controlReceiver);
    m_ipv4->Insert(m_tunnelReceiver);
}

void
CbtRoutingProtocol::CheckTimers() const
{
    // RFC 2189 §4.5.2: a parent answers an ECHO_REQUEST up to HOLDTIME late,
    // so replies can be ECHO_INTERVAL + HOLDTIME apart. Silence or expiry
    // timers no longer than that declare healthy parents dead and make the
    // tree flap (the RFC's defaults, 70 s and 90 s against 63 s, do not).
    const Time replyGap = m_echoInterval + m_holdTime;
    SMKD_REQUIRE(m_expectedReplyTime > replyGap && m_groupExpireTime > replyGap,
                 "CBT timers: ExpectedReplyTime ("
                     << m_expectedReplyTime.As(Time::S) << ") and GroupExpireTime ("
                     << m_groupExpireTime.As(Time::S) << ") must exceed EchoInterval + HoldTime ("
                     << replyGap.As(Time::S)
                     << "), the longest gap between ECHO replies of a live parent");
}

void
CbtRoutingProtocol::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    CheckTimers(); // again: attributes may have changed since installation
    m_initialized = true;
    // The node's other aggregated objects (its traffic control layer among
    // them) may not be initialized yet: send the first HELLOs once they are.
    Simulator::ScheduleNow([this]() {
        if (!m_ipv4)
        {
            return; // disposed meanwhile
        }
        for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
        {
            if (m_ipv4->IsUp(i))
            {
                EnableInterface(i);
            }
        }
    });
    Ipv4RoutingProtocol::DoInitialize();
}

void
CbtRoutingProtocol::DoDispose()
{
    for (auto& [i, st] : m_interfaces)
    {
        for (EventId* e : {&st.helloTimer,
                           &st.election,
                           &st.helloResponse,
                           &st.echoTimer,
                           &st.parentSilence,
                           &st.echoReply})
        {
            e->Cancel();
        }
    }
    for (auto& [key, r] : m_rejoins)
    {
        r.event.Cancel();
    }
    for (auto& [g, e] : m_pendingQuits)
    {
        e.Cancel();
    }
    m_cache.Clear();
    m_handles.clear();
    m_interfaces.clear();
    m_controlReceiver = nullptr;
    m_tunnelReceiver = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
CbtRoutingProtocol::EnableInterface(uint32_t interface)
{
    if (m_exclusions.count(interface) || m_ipv4->GetNAddresses(interface) == 0)
    {
        return;
    }
    Ptr<NetDevice> device = m_ipv4->GetNetDevice(interface);
    if (DynamicCast<LoopbackNetDevice>(device))
    {
        return;
    }
    Interface& st = m_interfaces[interface];
    if (st.enabled)
    {
        return;
    }
    st.enabled = true;
    st.multiAccess = !device->IsPointToPoint();
    st.address = m_ipv4->GetAddress(interface, 0).GetLocal();
    NS_LOG_INFO("CBT enabled on interface " << interface << " (" << st.address << ", "
                                            << (st.multiAccess ? "multi-access" : "point-to-point")
                                            << ")");
    StartHello(interface);
}

void
CbtRoutingProtocol::DisableInterface(uint32_t interface)
{
    auto it = m_interfaces.find(interface);
    if (it == m_interfaces.end() || !it->second.enabled)
    {
        return;
    }
    Interface& st = it->second;
    st.enabled = false;
    st.isDr = false;
    for (EventId* e : {&st.helloTimer,
                       &st.election,
                       &st.helloResponse,
                       &st.echoTimer,
                       &st.parentSilence,
                       &st.echoReply})
    {
        e->Cancel();
    }
    // The link is gone: groups whose parent it was lose their parent now (no
    // need to wait for the keepalives), and it stops being a child anywhere.
    for (const Ipv4Address& g : m_cache.GroupsWithParent(interface))
    {
        ExpireGroup(g);
    }
    for (const Ipv4Address& g : m_cache.GroupsWithChild(interface))
    {
        RemoveChild(g, interface);
    }
    std::vector<Ipv4Address> stranded;
    for (const auto& [g, t] : m_cache.GetTransient())
    {
        if (t.upstreamInterface == interface)
        {
            stranded.push_back(g);
        }
    }
    for (const Ipv4Address& g : stranded)
    {
        const bool originated = m_cache.FindTransient(g)->originated;
        m_cache.RemoveTransient(g);
        if (originated)
        {
            RejoinIfMembers(g);
        }
    }
}

bool
CbtRoutingProtocol::IsEnabled(uint32_t interface) const
{
    auto it = m_interfaces.find(interface);
    return it != m_interfaces.end() && it->second.enabled;
}

bool
CbtRoutingProtocol::IsDesignatedRouter(uint32_t interface) const
{
    auto it = m_interfaces.find(interface);
    return it != m_interfaces.end() && it->second.enabled && it->second.isDr;
}

bool
CbtRoutingProtocol::IsOwnAddress(Ipv4Address address) const
{
    return m_ipv4->GetInterfaceForAddress(address) >= 0;
}

Ptr<Ipv4Route>
CbtRoutingProtocol::UnicastRoute(Ipv4Address destination) const
{
    // Ask the node's whole routing stack; this protocol answers no unicast
    // question itself, so the answer comes from static or global routing.
    Ipv4Header header;
    header.SetDestination(destination);
    Socket::SocketErrno err;
    Ptr<Packet> probe = Create<Packet>();
    Ptr<Ipv4Route> route = m_ipv4->GetRoutingProtocol()->RouteOutput(probe, header, nullptr, err);
    if (!route || m_ipv4->GetInterfaceForDevice(route->GetOutputDevice()) < 0)
    {
        return nullptr;
    }
    return route;
}

bool
CbtRoutingProtocol::RouteTowards(Ipv4Address destination,
                                 uint32_t& interface,
                                 Ipv4Address& nextHop) const
{
    Ptr<Ipv4Route> route = UnicastRoute(destination);
    if (!route)
    {
        return false;
    }
    interface = static_cast<uint32_t>(m_ipv4->GetInterfaceForDevice(route->GetOutputDevice()));
    nextHop = route->GetGateway() == Ipv4Address::GetAny() ? destination : route->GetGateway();
    return IsEnabled(interface);
}

Ipv4Address
CbtRoutingProtocol::SelectCore(Ipv4Address group) const
{
    // RFC 2189 §3 / issue scope: the first reachable core of the prioritized list.
    for (const Ipv4Address& core : m_cores->GetCores(group))
    {
        uint32_t interface;
        Ipv4Address nextHop;
        if (IsOwnAddress(core) || RouteTowards(core, interface, nextHop))
        {
            return core;
        }
    }
    return Ipv4Address::GetAny();
}

void
CbtRoutingProtocol::SendControl(const CbtMessage& message,
                                uint32_t interface,
                                Ipv4Address destination)
{
    if (!IsEnabled(interface))
    {
        return;
    }
    Ptr<Packet> packet = message.ToPacket(Node::ChecksumEnabled());
    const CbtMessageType type = message.GetType();
    ++m_sent[type];
    m_controlTx(message, interface, destination, packet->GetSize() + 20);
    NS_LOG_LOGIC("if" << interface << " -> " << destination << ": " << message);
    // RFC 2189 §3: control messages go one hop, with IP TTL 1.
    smkd::SendLinkLocal(m_ipv4, interface, packet, destination, CbtHeader::PROTOCOL_NUMBER);
}

void
CbtRoutingProtocol::SendDrAware(const CbtMessage& message, uint32_t interface, Ipv4Address peer)
{
    // RFC 2189 §4.4.1, §4.5.1: multicast on the link, unless this router is
    // the link's DR, which addresses its parent directly.
    if (IsDesignatedRouter(interface) && peer != Ipv4Address::GetAny())
    {
        SendControl(message, interface, peer);
    }
    else
    {
        SendControl(message, interface, ALL_CBT_ROUTERS);
    }
}

void
CbtRoutingProtocol::ReceiveControl(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface)
{
    if (!IsEnabled(interface) || IsOwnAddress(header.GetSource()))
    {
        return;
    }
    CbtMessage message;
    smkd::WireStatus status = CbtMessage::Parse(packet, Node::ChecksumEnabled(), message);
    if (!status.Ok())
    {
        NS_LOG_WARN("if" << interface << ": dropped control message from " << header.GetSource()
                         << ": " << status);
        m_malformed(packet, status.error, interface);
        Drop(packet, CbtDropReason::MALFORMED, interface);
        return;
    }
    const CbtMessageType type = message.GetType();
    ++m_received[type];
    m_controlRx(message,
                interface,
                header.GetSource(),
                packet->GetSize() + header.GetSerializedSize());
    NS_LOG_LOGIC("if" << interface << " <- " << header.GetSource() << ": " << message);

    const CbtBody& body = message.GetBody();
    if (!m_secureHandler.IsNull() && IsSecureJoinMessage(message) &&
        m_secureHandler(message, header, interface))
    {
        return; // RFC 1949 secure join: the key-distribution layer runs it
    }
    if (auto m = std::get_if<CbtHelloHeader>(&body))
    {
        HandleHello(*m, header, interface);
    }
    else if (auto m = std::get_if<CbtJoinRequestHeader>(&body))
    {
        HandleJoinRequest(*m, header, interface);
    }
    else if (auto m = std::get_if<CbtJoinAckHeader>(&body))
    {
        HandleJoinAck(*m, header, interface);
    }
    else if (auto m = std::get_if<CbtQuitNotificationHeader>(&body))
    {
        HandleQuit(*m, header, interface);
    }
    else if (auto m = std::get_if<CbtEchoRequestHeader>(&body))
    {
        HandleEchoRequest(*m, header, interface);
    }
    else if (auto m = std::get_if<CbtEchoReplyHeader>(&body))
    {
        HandleEchoReply(*m, header, interface);
    }
    else if (auto m = std::get_if<CbtFlushTreeHeader>(&body))
    {
        HandleFlush(*m, header, interface);
    }
}

void
CbtRoutingProtocol::Drop(Ptr<const Packet> packet, CbtDropReason reason, uint32_t interface)
{
    ++m_drops[reason];
    NS_LOG_LOGIC("drop (" << CbtDropReasonName(reason) << ") on if" << interface);
    m_drop(packet, reason, interface);
}

void
CbtRoutingProtocol::NotifyTree(Ipv4Address group, CbtTreeEvent event, int32_t interface)
{
    NS_LOG_INFO(group << " " << CbtTreeEventName(event) << " if" << interface);
    // Every removal of tree state passes here: the links' handles go with it.
    ForgetLinkHandles(group, event, interface);
    m_treeChanged(group, event, interface);
}

Ptr<Ipv4Route>
CbtRoutingProtocol::RouteOutput(Ptr<Packet> p,
                                const Ipv4Header& header,
                                Ptr<NetDevice> oif,
                                Socket::SocketErrno& sockerr)
{
    // Routers originate no multicast data; unicast belongs to the other protocols.
    sockerr = Socket::ERROR_NOROUTETOHOST;
    return nullptr;
}

bool
CbtRoutingProtocol::RouteInput(Ptr<const Packet> p,
                               const Ipv4Header& header,
                               Ptr<const NetDevice> idev,
                               smkd::RouteInputCallbackParameter<UnicastForwardCallback> ucb,
                               smkd::RouteInputCallbackParameter<MulticastForwardCallback> mcb,
                               smkd::RouteInputCallbackParameter<LocalDeliverCallback> lcb,
                               smkd::RouteInputCallbackParameter<ErrorCallback> ecb)
{
    const Ipv4Address destination = header.GetDestination();
    // Link-local groups (224.0.0.0/24: CBT, IGMP, ...) are never forwarded,
    // nor are IGMP or CBT messages addressed to a group (group-specific queries).
    if (!destination.IsMulticast() || destination.IsLocalMulticast() ||
        header.GetProtocol() == IGMP_PROTOCOL || header.GetProtocol() == CbtHeader::PROTOCOL_NUMBER)
    {
        return false;
    }
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    if (iif < 0 || !IsEnabled(static_cast<uint32_t>(iif)))
    {
        return false;
    }
    if (header.GetProtocol() == CbtPacketHandleHeader::PROTOCOL_NUMBER)
    {
        return ReceiveShimmed(p, header, static_cast<uint32_t>(iif));
    }
    return ForwardData(p, header, static_cast<uint32_t>(iif), mcb);
}

void
CbtRoutingProtocol::NotifyInterfaceUp(uint32_t interface)
{
    if (m_initialized)
    {
        EnableInterface(interface);
    }
}

void
CbtRoutingProtocol::NotifyInterfaceDown(uint32_t interface)
{
    DisableInterface(interface);
}

void
CbtRoutingProtocol::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    if (m_initialized && m_ipv4->IsUp(interface))
    {
        EnableInterface(interface);
    }
}

void
CbtRoutingProtocol::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    auto it = m_interfaces.find(interface);
    if (it != m_interfaces.end() && it->second.address == address.GetLocal())
    {
        DisableInterface(interface);
    }
}

void
CbtRoutingProtocol::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream& os = *stream->GetStream();
    os << "Node: " << m_ipv4->GetObject<Node>()->GetId() << ", Time: " << Now().As(unit)
       << ", CBTv2\n";
    for (const auto& [i, st] : m_interfaces)
    {
        if (!st.enabled)
        {
            continue;
        }
        os << "  if" << i << " " << st.address << (st.multiAccess ? " multi-access" : " p2p")
           << " preference " << unsigned(st.advertised) << (st.isDr ? " DR" : "") << "\n";
    }
    m_cache.Print(os, unit);
}

void
CbtRoutingProtocol::NotifyMembership(Ipv4Address group, uint32_t interface, bool present)
{
    SMKD_REQUIRE(group.IsMulticast() && !group.IsLocalMulticast(),
                 "CBT membership: " << group << " is not a routable multicast group");
    NS_LOG_FUNCTION(this << group << interface << present);
    if (present)
    {
        if (!m_members[group].insert(interface).second)
        {
            return;
        }
        if (!IsDesignatedRouter(interface))
        {
            return; // the link's DR joins for it; BecomeDr() catches up if that is us later
        }
        if (!m_secureGroup.IsNull() && m_secureGroup(group))
        {
            return; // secure joins are per host: the key-distribution layer grafts the link
        }
        if (CbtForwardingEntry* entry = m_cache.Find(group))
        {
            AddChild(*entry, interface, Ipv4Address::GetAny(), true);
        }
        else if (!m_cache.FindTransient(group))
        {
            StartJoin(group);
        }
        return;
    }
    auto members = m_members.find(group);
    if (members == m_members.end() || members->second.erase(interface) == 0)
    {
        return;
    }
    if (members->second.empty())
    {
        m_members.erase(members);
    }
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (!entry || !entry->IsChild(interface))
    {
        return;
    }
    CbtChildInterface& child = entry->children[interface];
    child.hasMembers = false;
    if (child.routers.empty())
    {
        RemoveChild(group, interface);
    }
}

std::vector<uint32_t>
CbtRoutingProtocol::MemberInterfaces(Ipv4Address group) const
{
    std::vector<uint32_t> out;
    auto it = m_members.find(group);
    if (it == m_members.end())
    {
        return out;
    }
    for (uint32_t i : it->second)
    {
        if (IsDesignatedRouter(i))
        {
            out.push_back(i);
        }
    }
    return out;
}

void
CbtRoutingProtocol::SetCoreMap(Ptr<CbtCoreMap> cores)
{
    SMKD_REQUIRE(cores, "CBT: null core map");
    m_cores = cores;
}

Ptr<CbtCoreMap>
CbtRoutingProtocol::GetCoreMap() const
{
    return m_cores;
}

void
CbtRoutingProtocol::SetMemberLinkFilter(MemberLinkFilter filter)
{
    m_memberLinkFilter = filter;
}

void
CbtRoutingProtocol::SetSecureJoinHandler(SecureMessageHandler handler, SecureGroupPredicate secure)
{
    m_secureHandler = handler;
    m_secureGroup = secure;
}

void
CbtRoutingProtocol::SetSecureRejoin(SecureRejoin rejoin)
{
    m_secureRejoin = rejoin;
}

bool
CbtRoutingProtocol::IsOnTree(Ipv4Address group) const
{
    return m_cache.Find(group) != nullptr;
}

bool
CbtRoutingProtocol::GetNextHop(Ipv4Address destination,
                               uint32_t& interface,
                               Ipv4Address& nextHop) const
{
    return RouteTowards(destination, interface, nextHop);
}

void
CbtRoutingProtocol::SendMessage(const CbtMessage& message,
                                uint32_t interface,
                                Ipv4Address destination)
{
    SendControl(message, interface, destination);
}

void
CbtRoutingProtocol::GraftParent(Ipv4Address group,
                                Ipv4Address core,
                                uint32_t interface,
                                Ipv4Address parent,
                                Time joinStarted)
{
    if (m_cache.Find(group))
    {
        return;
    }
    CbtForwardingEntry& entry = m_cache.Create(group);
    entry.core = core;
    entry.parentInterface = static_cast<int32_t>(interface);
    entry.parentAddress = parent;
    NotifyTree(group, CbtTreeEvent::ON_TREE, static_cast<int32_t>(interface));
    RefreshGroup(entry);
    StartEcho(interface);
    if (!joinStarted.IsNegative())
    {
        // A secure join this router originated for its member link
        // (RFC 1949 §6.2) is its join of the tree, as a plain one would be.
        m_joinCompleted(group, Simulator::Now() - joinStarted);
    }
}

void
CbtRoutingProtocol::GraftCore(Ipv4Address group)
{
    if (m_cache.Find(group))
    {
        return;
    }
    CbtForwardingEntry& entry = m_cache.Create(group);
    entry.core = GetInterfaceAddress(1);
    entry.isCore = true;
    NotifyTree(group, CbtTreeEvent::ON_TREE, -1);
}

void
CbtRoutingProtocol::GraftChild(Ipv4Address group,
                               uint32_t interface,
                               Ipv4Address router,
                               bool members)
{
    if (CbtForwardingEntry* entry = m_cache.Find(group))
    {
        AddChild(*entry, interface, router, members);
    }
}

Ipv4Address
CbtRoutingProtocol::GetInterfaceAddress(uint32_t interface) const
{
    auto it = m_interfaces.find(interface);
    if (it != m_interfaces.end() && it->second.enabled)
    {
        return it->second.address;
    }
    return m_ipv4->GetNAddresses(interface) ? m_ipv4->GetAddress(interface, 0).GetLocal()
                                            : Ipv4Address::GetAny();
}

bool
CbtRoutingProtocol::IsLocalAddress(Ipv4Address address) const
{
    return IsOwnAddress(address);
}

void
CbtRoutingProtocol::SetInterfaceExclusions(std::set<uint32_t> exclusions)
{
    m_exclusions = std::move(exclusions);
}

const CbtForwardingCache&
CbtRoutingProtocol::GetForwardingCache() const
{
    return m_cache;
}

uint64_t
CbtRoutingProtocol::GetDropCount(CbtDropReason reason) const
{
    auto it = m_drops.find(reason);
    return it == m_drops.end() ? 0 : it->second;
}

uint64_t
CbtRoutingProtocol::GetSentCount(CbtMessageType type) const
{
    auto it = m_sent.find(type);
    return it == m_sent.end() ? 0 : it->second;
}

uint64_t
CbtRoutingProtocol::GetReceivedCount(CbtMessageType type) const
{
    auto it = m_received.find(type);
    return it == m_received.end() ? 0 : it->second;
}

int64_t
CbtRoutingProtocol::AssignStreams(int64_t stream)
{
    m_jitter->SetStream(stream);
    return 1;
}

} // namespace ns3
