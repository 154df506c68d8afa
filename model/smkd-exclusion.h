/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_EXCLUSION_H
#define SMKD_EXCLUSION_H

#include "smkd-access-list.h"
#include "smkd-crypto-types.h"
#include "smkd-group-key-message.h"
#include "smkd-key-bundle.h"

#include "ns3/ipv4-address.h"

#include <deque>
#include <map>

namespace ns3
{

class SmkdGkdcContext;

/**
 * \ingroup smkd
 * \brief Member exclusion (beyond RFC 1949, whose §8 offers only a new
 * group): at the primary core, a new list and new keys, distributed with the
 * configured SmkdExclusionStrategy; at the other routers, revocations and
 * subtree re-keys (smkd-exclusion.cc explains each strategy).
 */
class SmkdExclusion
{
  public:
    /** \param context the router's shared GKDC state */
    explicit SmkdExclusion(SmkdGkdcContext& context);

    /**
     * \brief At the primary core: exclude \p member from \p group, after the
     * exclusions asked for before it.
     * \param group a group this router is primary core of
     * \param member the host to exclude
     * \throw std::invalid_argument when this router is not the group's
     * primary core, or a list prefix would still admit \p member
     */
    void Exclude(Ipv4Address group, Ipv4Address member);

    /**
     * \param group a group
     * \return true when exclusions of it wait to start
     */
    bool HasPending(Ipv4Address group) const;

    /**
     * \brief At the primary core: start the group's next waiting exclusion, if any.
     * \param group a group
     */
    void StartNext(Ipv4Address group);

    /**
     * \brief At a router: a REVOKE arrived.
     * \param m the message
     */
    void ReceiveRevocation(const SmkdGroupKeyMessage& m);

    /**
     * \brief At a router: a SUBTREE_REKEY arrived.
     * \param m the message
     */
    void ReceiveSubtreeRekey(const SmkdGroupKeyMessage& m);

    /** \brief Forget the exclusions waiting. */
    void Dispose();

  private:
    void Distribute(Ipv4Address group, Ipv4Address member);
    void ForgetServed(Ipv4Address group, Ipv4Address member);
    void SendRevocation(Ipv4Address group, const SmkdSaParams& next, bool rejoin);
    void SealForHost(Ipv4Address group, Ipv4Address host, const Bytes& signedBundle);
    /// Seal the new keys for each child GKDC and each host served here.
    void PushDownSubtree(Ipv4Address group);
    /// Open and take a subtree re-key whose sending GKDC's signature verified.
    void OpenSubtreeRekey(Ipv4Address group,
                          const Bytes& sealed,
                          const SmkdSignedBlob& aclBlob,
                          const SmkdAccessList& acl);

    SmkdGkdcContext& m_context;
    /// At the primary: exclusions asked for, in order, by group.
    std::map<Ipv4Address, std::deque<Ipv4Address>> m_pending;
};

} // namespace ns3

#endif /* SMKD_EXCLUSION_H */
