/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-source-rate-limit.h"

#include <algorithm>

namespace ns3
{

SmkdSourceRateLimit::SmkdSourceRateLimit(double rate, uint32_t burst, std::size_t maxSources)
    : m_rate(rate),
      m_burst(burst),
      m_maxSources(maxSources)
{
}

double
SmkdSourceRateLimit::TokensAt(const Bucket& b, Time now) const
{
    return std::min(m_burst, b.tokens + (now - b.last).GetSeconds() * m_rate);
}

void
SmkdSourceRateLimit::ForgetFull(Time now)
{
    for (auto it = m_buckets.begin(); it != m_buckets.end();)
    {
        it = TokensAt(it->second, now) >= m_burst ? m_buckets.erase(it) : std::next(it);
    }
}

bool
SmkdSourceRateLimit::Allow(Ipv4Address source, Time now)
{
    auto it = m_buckets.find(source);
    if (it == m_buckets.end())
    {
        if (m_buckets.size() >= m_maxSources)
        {
            // Only when full: the scan is paid once per MaxSources new sources
            // at most, unless they all keep spending.
            ForgetFull(now);
        }
        if (m_buckets.size() >= m_maxSources)
        {
            ++m_refused;
            return false;
        }
        it = m_buckets.emplace(source, Bucket{m_burst, now}).first;
    }
    const double tokens = TokensAt(it->second, now);
    if (tokens < 1.0)
    {
        ++m_refused;
        return false;
    }
    it->second = Bucket{tokens - 1.0, now};
    return true;
}

uint64_t
SmkdSourceRateLimit::GetRefused() const
{
    return m_refused;
}

std::size_t
SmkdSourceRateLimit::GetSources() const
{
    return m_buckets.size();
}

} // namespace ns3
