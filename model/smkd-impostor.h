/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IMPOSTOR_H
#define SMKD_IMPOSTOR_H

#include "smkd-adversary.h"
#include "smkd-crypto-types.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A host that poses as a router to be sealed the group's keys.
 *
 * RFC 1949 §6.2 has routers sign JOIN_REQUESTs and the answering GKDC seal
 * the keys "for the next hop", the router the join came from. This host
 * copies a member's host token from an IGMPv3 secure-join report on its LAN
 * (App. B: the token rides in the clear), waits ForgeDelay (past the
 * routers' window for copies of a join), then signs a JOIN_REQUEST of its
 * own carrying that token and a router token it makes, and sends it to the
 * router that queries its LAN. Any JOIN_ACK it gets back is opened with its
 * own key: the copy sealed for the next hop is its loot.
 */
class SmkdImpostor : public SmkdAdversary
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return forged JOIN_REQUESTs sent */
    uint32_t GetForgedJoins() const;

    /** \return JOIN_ACKs or refusals that answered them */
    uint32_t GetAnswers() const;

  protected:
    void DoDispose() override;
    void StopApplication() override;
    void Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device) override;

  private:
    void HeardIgmp(const Ipv4Header& ip, Ptr<Packet> payload);
    void HeardCbt(const Ipv4Header& ip, Ptr<Packet> payload);
    void Forge(Bytes hostToken);

    Time m_delay;
    uint32_t m_maxForgeries{1};
    Ipv4Address m_router; //!< the LAN's querier, learnt from its queries
    uint32_t m_forged{0};
    uint32_t m_answers{0};
    std::vector<EventId> m_pending;
};

} // namespace ns3

#endif /* SMKD_IMPOSTOR_H */
