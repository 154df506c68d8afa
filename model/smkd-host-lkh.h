/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_LKH_H
#define SMKD_HOST_LKH_H

#include "smkd-group-key-message.h"
#include "smkd-key-delivery.h"
#include "smkd-key-tree-member.h"
#include "smkd-key-tree-rekey.h"

#include "ns3/ipv4-address.h"

#include <map>
#include <vector>

namespace ns3
{

class SmkdHostContext;

/**
 * \ingroup smkd
 * \brief A member's side of the Lkh exclusion strategy (RFC 2627 §5.4): its
 * path keys, the tree re-keys of joins and leaves, and the bundle a leave
 * carries under the new root key.
 */
class SmkdHostLkh
{
  public:
    /** \param context the host's shared state */
    explicit SmkdHostLkh(SmkdHostContext& context);

    /**
     * \param group a group
     * \return this member's key tree keys, or nullptr
     */
    const SmkdKeyTreeMember* GetMember(Ipv4Address group) const;

    /**
     * \brief The primary core's sealed path keys arrived, from a certified router.
     * \param d the delivery
     */
    void ReceivePathKeys(const SmkdKeyDelivery& d);

    /**
     * \brief A key tree re-key arrived.
     * \param m the message
     */
    void ReceiveRekey(const SmkdGroupKeyMessage& m);

    /**
     * \brief The membership ended: drop the group's tree keys.
     * \param group the group
     */
    void ForgetGroup(Ipv4Address group);

    /** \brief Drop every tree key. */
    void Dispose();

  private:
    /// At most this many tree re-keys wait for a newcomer's path keys.
    static constexpr std::size_t MAX_EARLY_LKH_REKEYS = 256;

    SmkdHostContext& m_context;
    std::map<Ipv4Address, SmkdKeyTreeMember> m_members; //!< by group
    /// Re-keys heard before the path keys arrived, by group.
    std::map<Ipv4Address, std::vector<SmkdKeyTreeRekey>> m_early;
};

} // namespace ns3

#endif /* SMKD_HOST_LKH_H */
