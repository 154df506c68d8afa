/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_LKH_EXCLUSION_H
#define SMKD_LKH_EXCLUSION_H

#include "smkd-crypto-types.h"
#include "smkd-key-tree-rekey.h"
#include "smkd-key-tree.h"
#include "smkd-management-message.h"
#include "smkd-recent-set.h"

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

#include <map>

namespace ns3
{

class SmkdGkdcContext;

/**
 * \ingroup smkd
 * \brief The Lkh exclusion strategy (RFC 2627 §5.4): the primary core keeps
 * a key tree of each group's members, told of each by its DR, and excludes a
 * member with one multicast message (smkd-lkh-exclusion.cc explains the cost).
 */
class SmkdLkhExclusion
{
  public:
    /** \param context the router's shared GKDC state */
    explicit SmkdLkhExclusion(SmkdGkdcContext& context);

    /** \return true when the exclusion strategy is Lkh */
    bool InUse() const;

    /**
     * \param group a group
     * \return the primary's key tree of it, or nullptr
     */
    Ptr<const SmkdKeyTree> GetKeyTree(Ipv4Address group) const;

    /**
     * \brief At a DR: keys were delivered to \p host; tell the primary core.
     * \param group the group
     * \param host the member
     */
    void MemberJoined(Ipv4Address group, Ipv4Address host);

    /**
     * \brief At the primary: a DR's MEMBER_JOINED arrived.
     * \param m the message
     */
    void ReceiveMemberJoined(const SmkdManagementMessage& m);

    /**
     * \brief At the primary: take \p member out of the tree and multicast the
     * group's new bundle under the tree's new root key.
     * \param group the group
     * \param member the excluded member
     */
    void Leave(Ipv4Address group, Ipv4Address member);

    /** \brief Drop the key trees. */
    void Dispose();

  private:
    /// At the primary: put \p host in the group's key tree (or give it its keys again).
    void Add(Ipv4Address group, Ipv4Address host);
    void SendPathKeys(Ipv4Address group, Ipv4Address host);
    void MulticastRekey(Ipv4Address group, const SmkdKeyTreeRekey& rekey, const Bytes& sealed);

    SmkdGkdcContext& m_context;
    std::map<Ipv4Address, Ptr<SmkdKeyTree>> m_trees; //!< at the primary, by group
    /// At the primary: member reports verified, by signature, within the token window.
    SmkdRecentSet<Bytes> m_memberReports;
};

} // namespace ns3

#endif /* SMKD_LKH_EXCLUSION_H */
