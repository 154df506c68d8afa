/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_LINK_LOCAL_SENDER_H
#define SMKD_LINK_LOCAL_SENDER_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/packet.h"

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief Send a one-hop protocol message (CBT, IGMP) out of one interface.
 *
 * Builds the route by hand: source = the interface's first address, output
 * device = the interface's device, gateway = the destination when unicast.
 * A null route to 224.0.0.x would go out of every interface, loopback
 * included, and ns-3 ignores a socket's TTL for multicast, so the TTL of 1
 * travels as a SocketIpTtlTag.
 * \param ipv4 the node's IPv4 stack
 * \param interface the outgoing interface
 * \param packet the message
 * \param destination a multicast group or a neighbour's address
 * \param protocol the IP protocol number
 * \param tos the IP TOS octet (IGMP asks for 0xc0, Internetwork Control)
 * \return the source address used
 */
Ipv4Address SendLinkLocal(Ptr<Ipv4> ipv4,
                          uint32_t interface,
                          Ptr<Packet> packet,
                          Ipv4Address destination,
                          uint8_t protocol,
                          uint8_t tos = 0);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_LINK_LOCAL_SENDER_H */
