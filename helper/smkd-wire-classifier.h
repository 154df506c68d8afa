/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_WIRE_CLASSIFIER_H
#define SMKD_WIRE_CLASSIFIER_H

#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The link framing in front of (and behind) an IP datagram on a device.
 */
enum class SmkdLinkFraming : uint8_t
{
    PPP,      //!< ns-3's PointToPointNetDevice: a 2-byte PPP header
    ETHERNET, //!< ns-3's CsmaNetDevice: a 14-byte Ethernet II header and a 4-byte FCS
};

/**
 * \ingroup smkd
 * \brief What one frame on a link carried, by protocol and message type.
 */
struct SmkdWireMessage
{
    /// "cbt", "igmp", "smkd" (RFC 1949 and KDC datagrams), "data" (group
    /// data, probes, CBT-encapsulated data), "ip" (other IP) or "link" (not
    /// IP: ARP); a string of static storage, so that counting a frame
    /// allocates nothing
    const char* protocol{"link"};
    /// e.g. "JOIN_REQUEST", "V3_MEMBERSHIP_REPORT", "rekey", "key-delivery",
    /// "udp"; of static storage too
    const char* type{"non-ip"};
    uint32_t ipBytes{0};    //!< the IP datagram: header and payload
    uint32_t frameBytes{0}; //!< the whole frame, link framing included
};

/**
 * \ingroup smkd
 * \brief Classify a frame as a device sends it (its PhyTxBegin trace).
 *
 * The IP protocol says CBT (7), IGMP (2), IP-in-IP (4, CBT's encapsulated
 * data) or UDP (17); a CBT packet-handle shim (protocol 253) is looked
 * through. UDP on the key layer's ports (1949 management, 1950 key
 * deliveries, 1951 the KDC, 1952 group key messages; either port, as
 * answers go back to an ephemeral one) is named by its first byte, the
 * message type; other UDP is group data. Reads only the bytes that are there.
 * \param frame the frame, link header included
 * \param framing the device's framing
 * \param out what it carried
 * \return false when the frame holds no IPv4 datagram (then \p out names
 * protocol "link", type "arp" or "non-ip")
 */
bool SmkdClassifyFrame(Ptr<const Packet> frame, SmkdLinkFraming framing, SmkdWireMessage& out);

} // namespace ns3

#endif /* SMKD_WIRE_CLASSIFIER_H */
