/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-tree-routing.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdTreeRouting");

NS_OBJECT_ENSURE_REGISTERED(SmkdTreeRouting);

TypeId
SmkdTreeRouting::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdTreeRouting")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdTreeRouting>()
            .AddTraceSource("Forward",
                            "A unicast packet was forwarded: IP header, output interface, "
                            "next hop (0.0.0.0 when on-link).",
                            MakeTraceSourceAccessor(&SmkdTreeRouting::m_forwardTrace),
                            "ns3::SmkdTreeRouting::ForwardTracedCallback")
            .AddTraceSource("NoRoute",
                            "The tables had no route for a unicast packet (the protocols "
                            "below this one in the list may still have one): IP header.",
                            MakeTraceSourceAccessor(&SmkdTreeRouting::m_noRouteTrace),
                            "ns3::SmkdTreeRouting::NoRouteTracedCallback");
    return tid;
}

void
SmkdTreeRouting::SetRoutes(Ptr<SmkdTreeRoutes> routes, uint32_t router)
{
    m_routes = routes;
    m_router = router;
}

Ptr<SmkdTreeRoutes>
SmkdTreeRouting::GetRoutes() const
{
    return m_routes;
}

uint32_t
SmkdTreeRouting::GetRouterIndex() const
{
    return m_router;
}

uint64_t
SmkdTreeRouting::GetForwardedCount() const
{
    return m_forwarded;
}

uint64_t
SmkdTreeRouting::GetNoRouteCount() const
{
    return m_noRoute;
}

Ptr<Ipv4Route>
SmkdTreeRouting::Lookup(Ipv4Address destination, Ipv4Address source) const
{
    uint32_t interface;
    Ipv4Address gateway;
    if (!m_routes || !m_ipv4 ||
        !m_routes->Lookup(m_router, destination, source, interface, gateway) ||
        interface >= m_ipv4->GetNInterfaces() || m_ipv4->GetNAddresses(interface) == 0)
    {
        return nullptr;
    }
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(destination);
    route->SetGateway(gateway);
    route->SetSource(m_ipv4->GetAddress(interface, 0).GetLocal());
    route->SetOutputDevice(m_ipv4->GetNetDevice(interface));
    return route;
}

Ptr<Ipv4Route>
SmkdTreeRouting::RouteOutput(Ptr<Packet> p,
                             const Ipv4Header& header,
                             Ptr<NetDevice> oif,
                             Socket::SocketErrno& sockerr)
{
    const Ipv4Address destination = header.GetDestination();
    if (destination.IsMulticast() || destination.IsBroadcast())
    {
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    Ptr<Ipv4Route> route = Lookup(destination, header.GetSource());
    if (!route || (oif && route->GetOutputDevice() != oif))
    {
        ++m_noRoute;
        m_noRouteTrace(header);
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    sockerr = Socket::ERROR_NOTERROR;
    return route;
}

bool
SmkdTreeRouting::RouteInput(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            Ptr<const NetDevice> idev,
                            smkd::RouteInputCallbackParameter<UnicastForwardCallback> ucb,
                            smkd::RouteInputCallbackParameter<MulticastForwardCallback> mcb,
                            smkd::RouteInputCallbackParameter<LocalDeliverCallback> lcb,
                            smkd::RouteInputCallbackParameter<ErrorCallback> ecb)
{
    const Ipv4Address destination = header.GetDestination();
    if (destination.IsMulticast() || destination.IsBroadcast() || !m_ipv4)
    {
        return false;
    }
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    if (iif < 0)
    {
        return false;
    }
    // Ipv4ListRouting delivers local packets before asking; this keeps the
    // protocol correct when it is a node's only one.
    if (m_ipv4->IsDestinationAddress(destination, iif))
    {
        if (lcb.IsNull())
        {
            return false;
        }
        lcb(p, header, iif);
        return true;
    }
    if (!m_ipv4->IsForwarding(iif))
    {
        return false;
    }
    Ptr<Ipv4Route> route = Lookup(destination, header.GetSource());
    if (!route)
    {
        ++m_noRoute;
        m_noRouteTrace(header);
        return false;
    }
    ++m_forwarded;
    m_forwardTrace(header,
                   static_cast<uint32_t>(m_ipv4->GetInterfaceForDevice(route->GetOutputDevice())),
                   route->GetGateway());
    ucb(route, p, header);
    return true;
}

void
SmkdTreeRouting::NotifyInterfaceUp(uint32_t interface)
{
}

void
SmkdTreeRouting::NotifyInterfaceDown(uint32_t interface)
{
}

void
SmkdTreeRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
}

void
SmkdTreeRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
}

void
SmkdTreeRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
SmkdTreeRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream& os = *stream->GetStream();
    os << "SmkdTreeRouting on node " << (m_ipv4 ? m_ipv4->GetObject<Node>()->GetId() : 0)
       << ", router " << m_router;
    if (!m_routes)
    {
        os << ": no routes\n";
        return;
    }
    os << ", " << m_routes->GetNRoots() << " trees over " << m_routes->GetNRouters() << " routers, "
       << m_routes->GetNAddresses() << " addresses\n";
}

void
SmkdTreeRouting::DoDispose()
{
    m_ipv4 = nullptr;
    m_routes = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

} // namespace ns3
