/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Packet handles, RFC 1949 §3: "As part of secure tree set-up, neighbours
// could exchange a secret packet handle for inclusion in the CBT header of
// data packets exchanged between those neighbours." A router that acks a
// secure join to a downstream router over a point-to-point link gives that
// link a random 32-bit handle, carried in the signed JOIN_ACK as
// {group, handle}^PK_next-hop (option PACKET_HANDLE); the child opens it.
// Both hand it to their CBT router, which stamps and checks the link's data.

#include "smkd-packet-handles.h"

#include "cbt-routing-protocol.h"
#include "smkd-byte-codec.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc-context.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdPacketHandles");

SmkdPacketHandles::SmkdPacketHandles(SmkdGkdcContext& context)
    : m_context(context)
{
}

void
SmkdPacketHandles::Offer(CbtJoinAckHeader ack, uint32_t interface, Ipv4Address to, AckSender send)
{
    NS_LOG_FUNCTION(this << ack.GetGroup() << interface << to);
    Ptr<Ipv4> ipv4 = m_context.Ip();
    if (!m_context.settings.packetHandles || !ipv4 || interface >= ipv4->GetNInterfaces() ||
        !ipv4->GetNetDevice(interface)->IsPointToPoint())
    {
        send(ack);
        return;
    }
    const Ipv4Address group = ack.GetGroup();
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    // One handle per (group, link): a later join over the same link carries
    // the same one again, so a child that lost its state gets it back.
    uint32_t handle = 0;
    if (const std::optional<uint32_t> held = m_context.Cbt()->GetLinkHandle(group, interface))
    {
        handle = *held;
    }
    else
    {
        for (uint8_t b : engine->Random(4))
        {
            handle = (handle << 8) | b;
        }
    }
    // The group goes in with the handle, so that the sealed value cannot serve another group.
    smkd::ByteWriter plaintext;
    plaintext.Address(group);
    plaintext.U32(handle);
    engine->Seal(to,
                 plaintext.Bytes(),
                 Callback<void, Bytes>(
                     [this, ack, interface, to, group, handle, send](Bytes sealed) mutable {
                         // The caller grafted the child link meanwhile; the handle holds from now
                         // on.
                         if (!sealed.empty() &&
                             m_context.Cbt()->SetLinkHandle(group, interface, handle))
                         {
                             ack.GetOptions().Add(CbtOptionType::PACKET_HANDLE, sealed);
                             m_context.traces.handleAgreed(group, interface, to);
                         }
                         send(ack);
                     }));
}

void
SmkdPacketHandles::Accept(Ipv4Address group,
                          uint32_t interface,
                          Ipv4Address parent,
                          bool opened,
                          const Bytes& plaintext)
{
    NS_LOG_FUNCTION(this << group << interface << parent << opened);
    smkd::ByteReader reader(plaintext);
    const Ipv4Address sealedGroup = reader.Address();
    const uint32_t handle = reader.U32();
    if (!opened || !reader.Ok() || !reader.AtEnd() || sealedGroup != group)
    {
        NS_LOG_WARN(group << " if" << interface << ": packet handle from " << parent
                          << " does not open or is not for the group");
        return;
    }
    if (m_context.Cbt()->SetLinkHandle(group, interface, handle))
    {
        m_context.traces.handleAgreed(group, interface, parent);
    }
}

} // namespace ns3
