/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Data plane: bidirectional forwarding on the shared tree (RFC 2201 §4.2)
// and non-member senders tunnelled to the core (RFC 2189 §5, RFC 2201 §4.2.2).
// Packet handles on tree links (RFC 1949 §3) live in cbt-routing-handle.cc.

#include "cbt-routing-protocol.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CbtRoutingData");

namespace
{

/// True if \p source is on one of the subnets of \p interface: a directly attached sender.
bool
IsOnLink(Ptr<Ipv4> ipv4, uint32_t interface, Ipv4Address source)
{
    for (uint32_t k = 0; k < ipv4->GetNAddresses(interface); ++k)
    {
        const Ipv4InterfaceAddress a = ipv4->GetAddress(interface, k);
        if (a.GetMask().IsMatch(a.GetLocal(), source))
        {
            return true;
        }
    }
    return false;
}

} // namespace

bool
CbtRoutingProtocol::WantedOn(const CbtForwardingEntry& entry,
                             uint32_t interface,
                             const Ipv4Header& header) const
{
    // Only a link of members alone may decline a source; a link with a
    // downstream router carries the group on to others (RFC 3376 §6.3:
    // IGMP information does not override routing for transit links).
    if (m_memberLinkFilter.IsNull() || !entry.IsChild(interface))
    {
        return true;
    }
    const CbtChildInterface& child = entry.children.at(interface);
    if (!child.hasMembers || !child.routers.empty())
    {
        return true;
    }
    return m_memberLinkFilter(interface, header.GetDestination(), header.GetSource());
}

bool
CbtRoutingProtocol::ForwardData(Ptr<const Packet> p,
                                const Ipv4Header& header,
                                uint32_t interface,
                                const MulticastForwardCallback& mcb)
{
    if (!PassesWithoutShim(p, header, interface))
    {
        return true;
    }
    const Ipv4Address group = header.GetDestination();
    const CbtForwardingEntry* entry = m_cache.Find(group);
    const bool localSender =
        IsDesignatedRouter(interface) && IsOnLink(m_ipv4, interface, header.GetSource());
    if (!entry)
    {
        if (!localSender)
        {
            Drop(p, CbtDropReason::DATA_NO_STATE, interface);
            return true;
        }
        const Ipv4Address core = SelectCore(group);
        if (core == Ipv4Address::GetAny() || IsOwnAddress(core))
        {
            Drop(p, CbtDropReason::DATA_NO_STATE, interface);
            return true;
        }
        Encapsulate(p, header, core, interface);
        return true;
    }
    // A copy goes over every tree interface but the arrival one. A packet from
    // an attached non-member sender enters the tree at its DR (RFC 2201 §4.2.2).
    if (!entry->IsTreeInterface(interface) && !localSender)
    {
        Drop(p, CbtDropReason::DATA_OFF_TREE, interface);
        return true;
    }
    if (HasLinkHandles(group))
    {
        // RFC 1949 §3: each router link gets its own shim, so copies go one
        // interface at a time instead of through ns-3's multicast forwarding.
        SendOnTree(p, header, *entry, static_cast<int32_t>(interface));
        return true;
    }
    Ptr<Ipv4MulticastRoute> route = Create<Ipv4MulticastRoute>();
    route->SetGroup(group);
    route->SetOrigin(header.GetSource());
    route->SetParent(interface);
    bool any = false;
    for (uint32_t out : entry->TreeInterfaces())
    {
        if (out != interface && WantedOn(*entry, out, header))
        {
            route->SetOutputTtl(out, Ipv4MulticastRoute::MAX_TTL - 1);
            m_dataForwarded(header, p, out);
            any = true;
        }
    }
    if (any)
    {
        mcb(route, p, header); // decrements the TTL and drops at zero
    }
    return true;
}

void
CbtRoutingProtocol::Encapsulate(Ptr<const Packet> p,
                                const Ipv4Header& header,
                                Ipv4Address core,
                                uint32_t interface)
{
    Ptr<Ipv4Route> route = UnicastRoute(core);
    if (!route)
    {
        Drop(p, CbtDropReason::NO_ROUTE_TO_CORE, interface);
        return;
    }
    if (header.GetTtl() <= 1)
    {
        return; // forwarding it would take the TTL to zero
    }
    // RFC 2003 §3.1: the encapsulator forwards the inner packet, so its TTL drops by one.
    Ipv4Header inner = header;
    inner.SetTtl(header.GetTtl() - 1);
    if (Node::ChecksumEnabled())
    {
        inner.EnableChecksum();
    }
    Ptr<Packet> tunnelled = p->Copy();
    tunnelled->AddHeader(inner);
    const uint32_t out =
        static_cast<uint32_t>(m_ipv4->GetInterfaceForDevice(route->GetOutputDevice()));
    m_dataEncapsulated(header, p, out);
    m_ipv4->Send(tunnelled, route->GetSource(), core, IP_IN_IP_PROTOCOL, route);
}

void
CbtRoutingProtocol::ReceiveEncapsulated(Ptr<Packet> packet,
                                        const Ipv4Header& outer,
                                        uint32_t interface)
{
    // Look before deserializing: ns-3's Ipv4Header trusts the version and length octet.
    uint8_t versionIhl = 0;
    if (packet->GetSize() >= 20)
    {
        packet->CopyData(&versionIhl, 1);
    }
    Ipv4Header inner;
    if (versionIhl != 0x45 || packet->RemoveHeader(inner) == 0 ||
        (Node::ChecksumEnabled() && !inner.IsChecksumOk()) ||
        inner.GetPayloadSize() != packet->GetSize() || !inner.GetDestination().IsMulticast() ||
        inner.GetDestination().IsLocalMulticast())
    {
        Drop(packet, CbtDropReason::ENCAPSULATED_MALFORMED, interface);
        return;
    }
    const CbtForwardingEntry* entry = m_cache.Find(inner.GetDestination());
    if (!entry)
    {
        Drop(packet, CbtDropReason::ENCAPSULATED_NO_TREE, interface);
        return;
    }
    // Decapsulated at the core: down every tree interface (RFC 2189 §5).
    SendOnTree(packet, inner, *entry, -1);
}

bool
CbtRoutingProtocol::OriginateUdpOnTree(Ptr<Packet> data, uint16_t port, Ipv4Address group)
{
    const CbtForwardingEntry* entry = m_cache.Find(group);
    if (!entry)
    {
        return false;
    }
    const Ipv4Address source =
        entry->isCore ? entry->core
                      : GetInterfaceAddress(static_cast<uint32_t>(entry->parentInterface));
    Ptr<Packet> packet = data->Copy();
    UdpHeader udp;
    udp.SetSourcePort(port);
    udp.SetDestinationPort(port);
    if (Node::ChecksumEnabled())
    {
        udp.EnableChecksums();
        udp.InitializeChecksum(source, group, UdpL4Protocol::PROT_NUMBER);
    }
    packet->AddHeader(udp);
    Ipv4Header header;
    header.SetSource(source);
    header.SetDestination(group);
    header.SetProtocol(UdpL4Protocol::PROT_NUMBER);
    header.SetPayloadSize(packet->GetSize());
    // SendOnTree takes one off, as it does for a packet it forwards.
    header.SetTtl(ORIGINATED_TTL + 1);
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksum();
    }
    SendOnTree(packet, header, *entry, -1);
    return true;
}

void
CbtRoutingProtocol::SendOnTree(Ptr<const Packet> p,
                               const Ipv4Header& header,
                               const CbtForwardingEntry& entry,
                               int32_t except)
{
    if (header.GetTtl() <= 1)
    {
        return;
    }
    Ipv4Header copy = header;
    copy.SetTtl(header.GetTtl() - 1);
    for (uint32_t out : entry.TreeInterfaces())
    {
        if (static_cast<int32_t>(out) == except || !WantedOn(entry, out, header))
        {
            continue;
        }
        Ptr<Ipv4Route> route = Create<Ipv4Route>();
        route->SetSource(header.GetSource());
        route->SetDestination(header.GetDestination());
        route->SetGateway(Ipv4Address::GetAny());
        route->SetOutputDevice(m_ipv4->GetNetDevice(out));
        Ptr<Packet> packet = p->Copy();
        Ipv4Header outHeader = copy;
        StampIfHandled(packet, outHeader, out);
        m_dataForwarded(header, p, out);
        m_ipv4->SendWithHeader(packet, outHeader, route);
    }
}

} // namespace ns3
