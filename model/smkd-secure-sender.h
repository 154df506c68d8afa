/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SECURE_SENDER_H
#define SMKD_SECURE_SENDER_H

#include "smkd-crypto-types.h"
#include "smkd-data-protector.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Sends protected multicast data to a secure group.
 *
 * Each packet is an SmkdDataHeader (SPI, sequence number) followed by the
 * payload under AES-256-GCM: with the host's sender-specific key (RFC 1949
 * §8; requested at start when UseSenderKey is set) or else with the per-sender
 * key derived from the active group key (SmkdGroupDataKey). With
 * SignPackets every packet also carries the sender's signature, so that
 * receivers can tell senders apart even from other members. Encryption and
 * signing are charged to the node's simulated CPU.
 *
 * The node needs an SmkdHostAgent (SmkdHelper::InstallHosts); a member sender
 * joins the group first through the agent.
 */
class SmkdSecureSender : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return packets sent so far */
    uint64_t GetSent() const;

    /// TracedCallback signature: SPI, sequence number, bytes on the wire.
    using TxTracedCallback = void (*)(uint32_t, uint64_t, uint32_t);

  private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void SenderKeyReady(Ipv4Address group, Ipv4Address sender, uint32_t spi);
    void SendNext();
    void Transmit(Ptr<Packet> sealed, uint32_t spi, uint64_t seq);
    Ptr<SmkdDataProtector> ProtectorFor(uint32_t& spi);

    Ipv4Address m_group;
    uint16_t m_port;
    uint32_t m_interface;
    uint32_t m_size;
    Time m_interval;
    uint32_t m_maxPackets;
    bool m_useSenderKey;
    bool m_signPackets;
    Ptr<Socket> m_socket;
    EventId m_next;
    bool m_ready{false};
    uint64_t m_sent{0};
    TracedCallback<uint32_t, uint64_t, uint32_t> m_tx;
};

} // namespace ns3

#endif /* SMKD_SECURE_SENDER_H */
