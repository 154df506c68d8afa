/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_KEY_RING_H
#define SMKD_HOST_KEY_RING_H

#include "smkd-bundle-ring.h"
#include "smkd-crypto-types.h"
#include "smkd-group-key-message.h"
#include "smkd-key-bundle.h"
#include "smkd-key-delivery.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class SmkdHostContext;

/**
 * \ingroup smkd
 * \brief The group keys a member holds (RFC 1949 §6.1): the newest bundle per
 * group, a ring that keeps a superseded bundle for OldKeyGrace, re-keys from
 * the primary core, exclusion re-keys from a router, and recovery from a
 * missed re-key through the DR.
 */
class SmkdHostKeyRing
{
  public:
    /** \param context the host's shared state */
    explicit SmkdHostKeyRing(SmkdHostContext& context);

    /**
     * \brief Install a bundle whose primary-core signature verified, unless
     * it is older than the newest held.
     * \param bundle the bundle
     */
    void Install(const SmkdKeyBundle& bundle);

    /**
     * \param group a group
     * \return the newest installed keys (possibly not yet active), or nullptr
     */
    const SmkdKeyBundle* GetKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \return the keys of the newest epoch in force now, or nullptr
     */
    const SmkdKeyBundle* GetActiveKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \param spi an SPI
     * \return the keys of that SPI still held, or nullptr
     */
    const SmkdKeyBundle* GetKeysBySpi(Ipv4Address group, uint32_t spi) const;

    /**
     * \brief A REKEY arrived under keys held: open it with their KEK.
     * \param m the message
     * \param under the keys it names
     */
    void ReceiveRekey(const SmkdGroupKeyMessage& m, const SmkdKeyBundle& under);

    /**
     * \brief An exclusion re-key sealed for this host arrived, from a certified router.
     * \param d the delivery
     */
    void ReceiveExclusionRekey(const SmkdKeyDelivery& d);

    /**
     * \brief Install a core-signed bundle that was opened, once its signature verifies.
     * \param group the group
     * \param opened whether it opened
     * \param plaintext the signed bundle
     * \param what names it in the drop reasons
     */
    void InstallCoreBundle(Ipv4Address group,
                           bool opened,
                           const Bytes& plaintext,
                           const std::string& what);

    /**
     * \brief The membership ended: drop the group's keys and timers.
     * \param group the group
     */
    void ForgetGroup(Ipv4Address group);

    /** \brief Cancel every timer. */
    void Dispose();

  private:
    void CheckRekeyArrived(Ipv4Address group, uint32_t spi);
    /// Drop the group's keys of epochs below \p epoch, sender keys included.
    void Forget(Ipv4Address group, uint32_t epoch);

    SmkdHostContext& m_context;
    SmkdBundleRing m_bundles;                     //!< the newest and the held bundles, by group
    std::map<Ipv4Address, EventId> m_rekeyChecks; //!< missed re-key checks
    std::vector<EventId> m_forgets; //!< superseded keys' ends of grace, cancelled on Dispose
};

} // namespace ns3

#endif /* SMKD_HOST_KEY_RING_H */
