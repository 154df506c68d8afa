/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-bundle-ring.h"

#include "ns3/simulator.h"

#include <iterator>

namespace ns3
{

Time
smkd::AtNs(uint64_t ns)
{
    return NanoSeconds(static_cast<int64_t>(ns));
}

Time
smkd::NotBeforeNow(Time t)
{
    const Time delay = t - Simulator::Now();
    return delay.IsNegative() ? Seconds(0) : delay;
}

const SmkdKeyBundle*
SmkdBundleRing::GetNewest(Ipv4Address group) const
{
    auto it = m_newest.find(group);
    return it == m_newest.end() ? nullptr : &it->second;
}

const SmkdKeyBundle*
SmkdBundleRing::GetActive(Ipv4Address group, uint64_t nowNs) const
{
    auto ring = m_ring.find(group);
    if (ring == m_ring.end())
    {
        return nullptr;
    }
    const SmkdKeyBundle* best = nullptr;
    for (const auto& [spi, bundle] : ring->second)
    {
        if (bundle.sa.activation <= nowNs && (!best || bundle.sa.epoch > best->sa.epoch))
        {
            best = &bundle;
        }
    }
    return best;
}

const SmkdKeyBundle*
SmkdBundleRing::GetBySpi(Ipv4Address group, uint32_t spi) const
{
    auto ring = m_ring.find(group);
    if (ring == m_ring.end())
    {
        return nullptr;
    }
    auto it = ring->second.find(spi);
    return it == ring->second.end() ? nullptr : &it->second;
}

void
SmkdBundleRing::Put(const SmkdKeyBundle& bundle, bool newest)
{
    m_ring[bundle.group][bundle.sa.spi] = bundle;
    if (newest)
    {
        m_newest[bundle.group] = bundle;
    }
}

void
SmkdBundleRing::DropOvertaken(Ipv4Address group, uint32_t epoch, uint64_t nowNs)
{
    auto ring = m_ring.find(group);
    if (ring == m_ring.end())
    {
        return;
    }
    for (auto it = ring->second.begin(); it != ring->second.end();)
    {
        it = it->second.sa.epoch < epoch && it->second.sa.activation > nowNs
                 ? ring->second.erase(it)
                 : std::next(it);
    }
}

void
SmkdBundleRing::ForgetBelow(Ipv4Address group, uint32_t epoch)
{
    auto ring = m_ring.find(group);
    if (ring == m_ring.end())
    {
        return;
    }
    for (auto it = ring->second.begin(); it != ring->second.end();)
    {
        it = it->second.sa.epoch < epoch ? ring->second.erase(it) : std::next(it);
    }
}

void
SmkdBundleRing::ForgetGroup(Ipv4Address group)
{
    m_newest.erase(group);
    m_ring.erase(group);
}

} // namespace ns3
