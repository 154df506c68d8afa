/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-core-map.h"

#include "smkd-error.h"

#include "ns3/abort.h"

namespace ns3
{

void
CbtCoreMap::Add(Ipv4Address prefix, Ipv4Mask mask, std::vector<Ipv4Address> cores)
{
    SMKD_REQUIRE(prefix.IsMulticast(),
                 "CBT core mapping: " << prefix << " is not a multicast address");
    SMKD_REQUIRE(!(cores.empty()), "CBT core mapping for " << prefix << ": no core given");
    for (const auto& c : cores)
    {
        SMKD_REQUIRE(!(c.IsMulticast() || c.IsBroadcast() || c.IsAny()),
                     "CBT core mapping for " << prefix << ": core " << c
                                             << " is not a unicast address");
    }
    for (auto& m : m_mappings)
    {
        if (m.prefix == prefix.CombineMask(mask) && m.mask == mask)
        {
            m.cores = std::move(cores);
            return;
        }
    }
    m_mappings.push_back(Mapping{prefix.CombineMask(mask), mask, std::move(cores)});
}

const std::vector<Ipv4Address>&
CbtCoreMap::GetCores(Ipv4Address group) const
{
    static const std::vector<Ipv4Address> none;
    const Mapping* best = nullptr;
    for (const auto& m : m_mappings)
    {
        if (m.mask.IsMatch(group, m.prefix) &&
            (!best || m.mask.GetPrefixLength() > best->mask.GetPrefixLength()))
        {
            best = &m;
        }
    }
    return best ? best->cores : none;
}

bool
CbtCoreMap::IsEmpty() const
{
    return m_mappings.empty();
}

void
CbtCoreMap::Print(std::ostream& os) const
{
    for (const auto& m : m_mappings)
    {
        os << m.prefix << "/" << m.mask.GetPrefixLength() << " ->";
        for (const auto& c : m.cores)
        {
            os << " " << c;
        }
        os << "\n";
    }
}

} // namespace ns3
