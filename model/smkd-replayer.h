/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_REPLAYER_H
#define SMKD_REPLAYER_H

#include "smkd-adversary.h"
#include "smkd-crypto-types.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A host that records the key layer's messages on its LAN and sends
 * them again later.
 *
 * Revocations, re-keys, subtree re-keys (UDP 1952) and key deliveries to
 * hosts (UDP 1950) are signed by whoever made them, so a copy verifies as
 * well as the original: only freshness (epochs, tokens) tells them apart.
 * Each message heard is sent once more, ReplayDelay later, from this host
 * to the address it first went to; multicast copies reach the tree through
 * this LAN's DR, as any sender's data would.
 */
class SmkdReplayer : public SmkdAdversary
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return messages replayed so far */
    uint32_t GetReplayed() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    void Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device) override;

  private:
    void Replay(Bytes payload, Ipv4Address destination, uint16_t port);

    Time m_delay;
    uint32_t m_maxReplays;
    uint32_t m_replayed{0};
    uint32_t m_recorded{0};
    Ptr<Socket> m_socket;
    std::vector<EventId> m_pending;
};

} // namespace ns3

#endif /* SMKD_REPLAYER_H */
