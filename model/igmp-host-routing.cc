/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-host-routing.h"

#include "igmp-host.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IgmpHostRouting);

TypeId
IgmpHostRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IgmpHostRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Smkd")
                            .AddConstructor<IgmpHostRouting>();
    return tid;
}

void
IgmpHostRouting::SetInner(Ptr<Ipv4RoutingProtocol> inner)
{
    m_inner = inner;
}

Ptr<Ipv4RoutingProtocol>
IgmpHostRouting::GetInner() const
{
    return m_inner;
}

uint64_t
IgmpHostRouting::GetFilteredCount() const
{
    return m_filtered;
}

Ptr<Ipv4Route>
IgmpHostRouting::RouteOutput(Ptr<Packet> p,
                             const Ipv4Header& header,
                             Ptr<NetDevice> oif,
                             Socket::SocketErrno& sockerr)
{
    return m_inner->RouteOutput(p, header, oif, sockerr);
}

bool
IgmpHostRouting::RouteInput(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            Ptr<const NetDevice> idev,
                            smkd::RouteInputCallbackParameter<UnicastForwardCallback> ucb,
                            smkd::RouteInputCallbackParameter<MulticastForwardCallback> mcb,
                            smkd::RouteInputCallbackParameter<LocalDeliverCallback> lcb,
                            smkd::RouteInputCallbackParameter<ErrorCallback> ecb)
{
    const Ipv4Address group = header.GetDestination();
    if (!group.IsMulticast())
    {
        return m_inner->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    Ptr<IgmpHost> igmp = m_ipv4->GetObject<IgmpHost>();
    const bool always = group.IsLocalMulticast() || header.GetProtocol() == 2;
    if (always || (iif >= 0 && igmp && igmp->InterfaceWants(iif, group, header.GetSource())))
    {
        lcb(p, header, iif);
    }
    else
    {
        ++m_filtered;
    }
    return true; // hosts never forward multicast
}

void
IgmpHostRouting::NotifyInterfaceUp(uint32_t interface)
{
    m_inner->NotifyInterfaceUp(interface);
}

void
IgmpHostRouting::NotifyInterfaceDown(uint32_t interface)
{
    m_inner->NotifyInterfaceDown(interface);
}

void
IgmpHostRouting::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_inner->NotifyAddAddress(interface, address);
}

void
IgmpHostRouting::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_inner->NotifyRemoveAddress(interface, address);
}

void
IgmpHostRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_ABORT_MSG_UNLESS(m_inner, "IgmpHostRouting: no inner routing protocol set");
    m_ipv4 = ipv4;
    m_inner->SetIpv4(ipv4);
}

void
IgmpHostRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "IGMP-filtered multicast delivery (" << m_filtered
                         << " packets not asked for)\n";
    m_inner->PrintRoutingTable(stream, unit);
}

void
IgmpHostRouting::DoDispose()
{
    if (m_inner)
    {
        m_inner->Dispose(); // it holds the Ipv4 stack: break the cycle
    }
    m_inner = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

} // namespace ns3
