/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_PACKET_HANDLES_H
#define SMKD_PACKET_HANDLES_H

#include "cbt-join-header.h"
#include "smkd-crypto-types.h"

#include "ns3/ipv4-address.h"

#include <functional>

namespace ns3
{

class SmkdGkdcContext;

/**
 * \ingroup smkd
 * \brief Packet handles (RFC 1949 §3): with a secure JOIN_ACK over a
 * point-to-point link, the parent gives the child the link's secret handle,
 * sealed for it; the link's data then carries the handle.
 */
class SmkdPacketHandles
{
  public:
    /** \param context the router's shared GKDC state */
    explicit SmkdPacketHandles(SmkdGkdcContext& context);

    /// Sends a JOIN_ACK on (signs it); the handle, if any, is in its options.
    using AckSender = std::function<void(CbtJoinAckHeader)>;

    /**
     * \brief At the parent: add the link's handle to \p ack, sealed for \p to,
     * when PacketHandles is on and the link is point-to-point; then send it.
     * \param ack the JOIN_ACK
     * \param interface the link
     * \param to the child router
     * \param send sends the ack on
     */
    void Offer(CbtJoinAckHeader ack, uint32_t interface, Ipv4Address to, AckSender send);

    /**
     * \brief At the child: install the handle the parent offered, once opened.
     * \param group the group
     * \param interface the parent link
     * \param parent the parent router
     * \param opened whether the sealed handle opened
     * \param plaintext its contents
     */
    void Accept(Ipv4Address group,
                uint32_t interface,
                Ipv4Address parent,
                bool opened,
                const Bytes& plaintext);

  private:
    SmkdGkdcContext& m_context;
};

} // namespace ns3

#endif /* SMKD_PACKET_HANDLES_H */
