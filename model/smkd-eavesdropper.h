/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_EAVESDROPPER_H
#define SMKD_EAVESDROPPER_H

#include "smkd-adversary.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A host that records every key-carrying packet on its LAN and tries
 * to open each sealed copy of the keys with its own key.
 *
 * It hears the members' secure-join reports (their host tokens), the key
 * deliveries of their DRs, re-keys and sender-key announcements. Sealed
 * copies are sealed for their recipient: it keeps any that open for it.
 */
class SmkdEavesdropper : public SmkdAdversary
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return key-carrying packets recorded */
    uint64_t GetRecorded() const;

  protected:
    void Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device) override;

  private:
    uint64_t m_recorded{0};
};

} // namespace ns3

#endif /* SMKD_EAVESDROPPER_H */
