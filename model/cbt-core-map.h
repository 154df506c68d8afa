/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_CORE_MAP_H
#define SMKD_CBT_CORE_MAP_H

#include "ns3/ipv4-address.h"
#include "ns3/simple-ref-count.h"

#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The <group or group prefix, prioritized core list> mapping of RFC 2189 §3.
 *
 * Every CBT router of a domain holds the same mapping (the CbtHelper shares
 * one instance). The most specific prefix that contains a group decides its
 * core list; the router joins the first core of that list it can reach.
 */
class CbtCoreMap : public SimpleRefCount<CbtCoreMap>
{
  public:
    /**
     * \brief Map a group prefix to cores, most preferred first.
     * \param prefix a multicast prefix (e.g. 224.1.0.0)
     * \param mask its mask (255.255.255.255 for one group)
     * \param cores the prioritized core list, at least one unicast address
     *
     * Stops the simulation with a message when the prefix is not multicast or
     * the core list is empty or holds a non-unicast address.
     */
    void Add(Ipv4Address prefix, Ipv4Mask mask, std::vector<Ipv4Address> cores);

    /**
     * \param group a group address
     * \return the cores for \p group, most preferred first; empty when unmapped
     */
    const std::vector<Ipv4Address>& GetCores(Ipv4Address group) const;

    /** \return true when no prefix is mapped */
    bool IsEmpty() const;

    void Print(std::ostream& os) const;

  private:
    struct Mapping
    {
        Ipv4Address prefix;
        Ipv4Mask mask;
        std::vector<Ipv4Address> cores;
    };

    std::vector<Mapping> m_mappings;
};

} // namespace ns3

#endif /* SMKD_CBT_CORE_MAP_H */
