/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Hop-by-hop packet handles on the tree, RFC 1949 §3: "neighbours could
// exchange a secret packet handle for inclusion in the CBT header of data
// packets exchanged between those neighbours, allowing for the simple and
// efficient hop-by-hop authentication of data packets (on-tree)". The
// key-distribution layer agrees the handles; this file keeps them per
// (group, tree interface), checks and removes the shim on arrival and adds
// the outgoing link's shim on departure.

#include "cbt-packet-handle-header.h"
#include "cbt-routing-protocol.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CbtRoutingHandle");

const char*
CbtPacketHandleEventName(CbtPacketHandleEvent e)
{
    switch (e)
    {
    case CbtPacketHandleEvent::ACCEPTED:
        return "accepted";
    case CbtPacketHandleEvent::REJECTED:
        return "rejected";
    case CbtPacketHandleEvent::STAMPED:
        return "stamped";
    }
    return "unknown";
}

bool
CbtRoutingProtocol::SetLinkHandle(Ipv4Address group, uint32_t interface, uint32_t handle)
{
    const CbtForwardingEntry* entry = m_cache.Find(group);
    auto st = m_interfaces.find(interface);
    if (!entry || !entry->IsTreeInterface(interface) || st == m_interfaces.end() ||
        !st->second.enabled || st->second.multiAccess)
    {
        NS_LOG_LOGIC(group << " if" << interface << ": no packet handle on this link");
        return false;
    }
    m_handles[group][interface] = handle;
    NS_LOG_INFO(group << " if" << interface << ": packet handle set");
    return true;
}

std::optional<uint32_t>
CbtRoutingProtocol::GetLinkHandle(Ipv4Address group, uint32_t interface) const
{
    const uint32_t* handle = FindLinkHandle(group, interface);
    return handle ? std::optional<uint32_t>(*handle) : std::nullopt;
}

void
CbtRoutingProtocol::ClearLinkHandles(Ipv4Address group)
{
    m_handles.erase(group);
}

const CbtPacketHandleStats&
CbtRoutingProtocol::GetPacketHandleStats() const
{
    return m_handleStats;
}

const uint32_t*
CbtRoutingProtocol::FindLinkHandle(Ipv4Address group, uint32_t interface) const
{
    auto g = m_handles.find(group);
    if (g == m_handles.end())
    {
        return nullptr;
    }
    auto i = g->second.find(interface);
    return i == g->second.end() ? nullptr : &i->second;
}

bool
CbtRoutingProtocol::HasLinkHandles(Ipv4Address group) const
{
    return m_handles.count(group) > 0;
}

void
CbtRoutingProtocol::ForgetLinkHandles(Ipv4Address group, CbtTreeEvent event, int32_t interface)
{
    switch (event)
    {
    case CbtTreeEvent::CHILD_REMOVED: {
        auto g = m_handles.find(group);
        if (g != m_handles.end() && interface >= 0)
        {
            g->second.erase(static_cast<uint32_t>(interface));
            if (g->second.empty())
            {
                m_handles.erase(g);
            }
        }
        break;
    }
    case CbtTreeEvent::QUIT:
    case CbtTreeEvent::EXPIRED:
    case CbtTreeEvent::FLUSHED:
        ClearLinkHandles(group);
        break;
    default:
        break;
    }
}

void
CbtRoutingProtocol::CountHandleLookup(Ipv4Address group,
                                      uint32_t interface,
                                      CbtPacketHandleEvent event)
{
    switch (event)
    {
    case CbtPacketHandleEvent::ACCEPTED:
        ++m_handleStats.accepted;
        ++m_handleStats.checked;
        break;
    case CbtPacketHandleEvent::REJECTED:
        ++m_handleStats.checked;
        break;
    case CbtPacketHandleEvent::STAMPED:
        ++m_handleStats.stamped;
        m_handleStats.shimBytes += CbtPacketHandleHeader::SIZE;
        break;
    }
    m_handleStats.cpuTime += m_handleCost;
    m_handleTrace(group, interface, event);
}

bool
CbtRoutingProtocol::PassesWithoutShim(Ptr<const Packet> p,
                                      const Ipv4Header& header,
                                      uint32_t interface)
{
    const Ipv4Address group = header.GetDestination();
    if (!FindLinkHandle(group, interface))
    {
        return true; // a link without a handle: plain CBT
    }
    // The neighbour stamps everything it sends here: a plain packet is not its.
    CountHandleLookup(group, interface, CbtPacketHandleEvent::REJECTED);
    Drop(p, CbtDropReason::WRONG_PACKET_HANDLE, interface);
    return false;
}

bool
CbtRoutingProtocol::ReceiveShimmed(Ptr<const Packet> p,
                                   const Ipv4Header& header,
                                   uint32_t interface)
{
    const Ipv4Address group = header.GetDestination();
    const uint32_t* expected = FindLinkHandle(group, interface);
    Ptr<Packet> inner = p->Copy();
    CbtPacketHandleHeader shim;
    // A shim only ever wraps data: never CBT, IGMP or another shim.
    const bool ok = expected && inner->RemoveHeader(shim) == CbtPacketHandleHeader::SIZE &&
                    shim.GetHandle() == *expected &&
                    shim.GetProtocol() != CbtPacketHandleHeader::PROTOCOL_NUMBER &&
                    shim.GetProtocol() != CbtHeader::PROTOCOL_NUMBER &&
                    shim.GetProtocol() != IGMP_PROTOCOL;
    const CbtForwardingEntry* entry = m_cache.Find(group);
    if (!ok || !entry)
    {
        CountHandleLookup(group, interface, CbtPacketHandleEvent::REJECTED);
        Drop(p, CbtDropReason::WRONG_PACKET_HANDLE, interface);
        return true;
    }
    CountHandleLookup(group, interface, CbtPacketHandleEvent::ACCEPTED);
    Ipv4Header plain = header;
    plain.SetProtocol(shim.GetProtocol());
    plain.SetPayloadSize(inner->GetSize());
    // ns-3's list routing handed the shimmed packet up already, where no
    // protocol takes 253: the router's own sockets (a GKDC's re-key port)
    // get the packet as it was before the shim.
    DeliverLocally(inner, plain, interface);
    SendOnTree(inner, plain, *entry, static_cast<int32_t>(interface));
    return true;
}

void
CbtRoutingProtocol::StampIfHandled(Ptr<Packet> packet, Ipv4Header& header, uint32_t out)
{
    const uint32_t* handle = FindLinkHandle(header.GetDestination(), out);
    if (!handle)
    {
        return;
    }
    packet->AddHeader(CbtPacketHandleHeader(*handle, header.GetProtocol()));
    header.SetProtocol(CbtPacketHandleHeader::PROTOCOL_NUMBER);
    header.SetPayloadSize(packet->GetSize());
    CountHandleLookup(header.GetDestination(), out, CbtPacketHandleEvent::STAMPED);
}

void
CbtRoutingProtocol::DeliverLocally(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface)
{
    Ptr<Ipv4L3Protocol> l3 = DynamicCast<Ipv4L3Protocol>(m_ipv4);
    Ptr<IpL4Protocol> l4 =
        m_ipv4->GetProtocol(header.GetProtocol(), static_cast<int32_t>(interface));
    if (l3 && l4)
    {
        l4->Receive(packet->Copy(), header, l3->GetInterface(interface));
    }
}

} // namespace ns3
