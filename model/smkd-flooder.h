/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_FLOODER_H
#define SMKD_FLOODER_H

#include "smkd-adversary.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A host that floods its DR with secure-join reports.
 *
 * Each report carries a fresh token the flooder signs with its own host key
 * (RFC 1949 App. B), so every one passes the DR's cheap checks and costs it
 * a verification; as the flooder is on no access list, each then costs a
 * signed refusal (at a DR that is a GKDC) or a signed join towards the core
 * and the core's checks. What the flood costs shows in the CPU figures of
 * the DR and the core, and in the members' join latencies.
 */
class SmkdFlooder : public SmkdAdversary
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return reports sent */
    uint64_t GetSent() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    void Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device) override;

  private:
    void SendNext();

    double m_rate;
    uint64_t m_sent{0};
    EventId m_next;
};

} // namespace ns3

#endif /* SMKD_FLOODER_H */
