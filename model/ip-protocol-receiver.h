/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IP_PROTOCOL_RECEIVER_H
#define SMKD_IP_PROTOCOL_RECEIVER_H

#include "ns3/callback.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Hands every IPv4 packet of one IP protocol number to a callback.
 *
 * ns-3 delivers a packet to the IpL4Protocol registered for its protocol
 * number. CBT control (protocol 7) and IP-in-IP (protocol 4) are not
 * transport protocols, so the routing protocol registers one of these for
 * each and receives the packets together with their IP header and interface.
 * Sending does not go through this object: the routing protocol builds its
 * own routes and calls Ipv4::Send.
 */
class IpProtocolReceiver : public IpL4Protocol
{
  public:
    /// Receives the payload, the IP header and the index of the arrival interface.
    using RxCallback = Callback<void, Ptr<Packet>, const Ipv4Header&, uint32_t>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \param protocolNumber the IP protocol number to receive
     * \param rx where packets go
     */
    IpProtocolReceiver(uint8_t protocolNumber, RxCallback rx);
    IpProtocolReceiver();

    int GetProtocolNumber() const override;
    enum RxStatus Receive(Ptr<Packet> p,
                          const Ipv4Header& header,
                          Ptr<Ipv4Interface> incomingInterface) override;
    enum RxStatus Receive(Ptr<Packet> p,
                          const Ipv6Header& header,
                          Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    uint8_t m_protocolNumber;
    RxCallback m_rx;
    DownTargetCallback m_downTarget;
    DownTargetCallback6 m_downTarget6;
};

} // namespace ns3

#endif /* SMKD_IP_PROTOCOL_RECEIVER_H */
