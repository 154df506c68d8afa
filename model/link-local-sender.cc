/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "link-local-sender.h"

#include "ns3/ipv4-route.h"
#include "ns3/socket.h"

namespace ns3
{
namespace smkd
{

Ipv4Address
SendLinkLocal(Ptr<Ipv4> ipv4,
              uint32_t interface,
              Ptr<Packet> packet,
              Ipv4Address destination,
              uint8_t protocol,
              uint8_t tos)
{
    const Ipv4Address source = ipv4->GetAddress(interface, 0).GetLocal();
    SocketIpTtlTag ttl;
    ttl.SetTtl(1);
    packet->ReplacePacketTag(ttl);
    if (tos != 0)
    {
        SocketIpTosTag tosTag;
        tosTag.SetTos(tos);
        packet->ReplacePacketTag(tosTag);
    }
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetSource(source);
    route->SetDestination(destination);
    route->SetGateway(destination.IsMulticast() ? Ipv4Address::GetAny() : destination);
    route->SetOutputDevice(ipv4->GetNetDevice(interface));
    ipv4->Send(packet, source, destination, protocol, route);
    return source;
}

} // namespace smkd
} // namespace ns3
