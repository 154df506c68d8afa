/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-router-group-state.h"

#include <algorithm>
#include <iterator>

namespace ns3
{

namespace
{

using SourceSet = IgmpRouterGroupState::SourceSet;

SourceSet
Union(const SourceSet& a, const SourceSet& b)
{
    SourceSet out = a;
    out.insert(b.begin(), b.end());
    return out;
}

SourceSet
Intersection(const SourceSet& a, const SourceSet& b)
{
    SourceSet out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

SourceSet
Minus(const SourceSet& a, const SourceSet& b)
{
    SourceSet out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

} // namespace

IgmpRouterGroupState::IgmpRouterGroupState(Time gmi, Time lmqt)
    : m_gmi(gmi),
      m_lmqt(lmqt)
{
}

IgmpRouterGroupState::SourceSet
IgmpRouterGroupState::Forwarded(Time now) const
{
    SourceSet out;
    for (const auto& [s, expiry] : m_sources)
    {
        if (m_mode == FilterMode::INCLUDE || expiry > now)
        {
            out.insert(s);
        }
    }
    return out;
}

IgmpRouterGroupState::SourceSet
IgmpRouterGroupState::Blocked(Time now) const
{
    SourceSet out;
    if (m_mode == FilterMode::EXCLUDE)
    {
        for (const auto& [s, expiry] : m_sources)
        {
            if (expiry <= now)
            {
                out.insert(s);
            }
        }
    }
    return out;
}

void
IgmpRouterGroupState::SetTimers(const SourceSet& sources, Time expiry)
{
    for (const auto& s : sources)
    {
        m_sources[s] = expiry;
    }
}

void
IgmpRouterGroupState::Add(const SourceSet& sources, Time expiry)
{
    SetTimers(sources, expiry);
}

void
IgmpRouterGroupState::Delete(const SourceSet& sources)
{
    for (const auto& s : sources)
    {
        m_sources.erase(s);
    }
}

IgmpRouterGroupState::Queries
IgmpRouterGroupState::Receive(IgmpRecordType type, const SourceSet& b, Time now)
{
    Expire(now); // the tables start from the state as it is now
    Queries q;
    const Time gmi = now + m_gmi;
    if (m_mode == FilterMode::INCLUDE)
    {
        const SourceSet a = Forwarded(now);
        switch (type)
        {
        case IgmpRecordType::MODE_IS_INCLUDE:   // INCLUDE (A+B); (B)=GMI
        case IgmpRecordType::ALLOW_NEW_SOURCES: // INCLUDE (A+B); (B)=GMI
            SetTimers(b, gmi);
            break;
        case IgmpRecordType::BLOCK_OLD_SOURCES: // INCLUDE (A); Send Q(G,A*B)
            q.sources = Intersection(a, b);
            break;
        case IgmpRecordType::MODE_IS_EXCLUDE:        // EXCLUDE (A*B,B-A); (B-A)=0; Delete (A-B)
        case IgmpRecordType::CHANGE_TO_EXCLUDE_MODE: // ... and Send Q(G,A*B)
            m_mode = FilterMode::EXCLUDE;
            SetTimers(Minus(b, a), now);
            Delete(Minus(a, b));
            m_groupTimer = gmi;
            if (type == IgmpRecordType::CHANGE_TO_EXCLUDE_MODE)
            {
                q.sources = Intersection(a, b);
            }
            break;
        case IgmpRecordType::CHANGE_TO_INCLUDE_MODE: // INCLUDE (A+B); (B)=GMI; Send Q(G,A-B)
            SetTimers(b, gmi);
            q.sources = Minus(a, b);
            break;
        }
        return q;
    }

    const SourceSet x = Forwarded(now);
    const SourceSet y = Blocked(now);
    switch (type)
    {
    case IgmpRecordType::MODE_IS_INCLUDE:   // EXCLUDE (X+A,Y-A); (A)=GMI
    case IgmpRecordType::ALLOW_NEW_SOURCES: // EXCLUDE (X+A,Y-A); (A)=GMI
        SetTimers(b, gmi);
        break;
    case IgmpRecordType::MODE_IS_EXCLUDE: // EXCLUDE (A-Y,Y*A); (A-X-Y)=GMI; Delete (X-A), (Y-A)
        SetTimers(Minus(Minus(b, x), y), gmi);
        Delete(Minus(x, b));
        Delete(Minus(y, b));
        m_groupTimer = gmi;
        break;
    case IgmpRecordType::BLOCK_OLD_SOURCES: // EXCLUDE (X+(A-Y),Y); (A-X-Y)=Group Timer; Q(G,A-Y)
        SetTimers(Minus(Minus(b, x), y), m_groupTimer);
        q.sources = Minus(b, y);
        break;
    case IgmpRecordType::CHANGE_TO_EXCLUDE_MODE: // EXCLUDE (A-Y,Y*A); (A-X-Y)=Group Timer;
                                                 // Delete (X-A), (Y-A); Q(G,A-Y); GT=GMI
        SetTimers(Minus(Minus(b, x), y), m_groupTimer);
        Delete(Minus(x, b));
        Delete(Minus(y, b));
        q.sources = Minus(b, y);
        m_groupTimer = gmi;
        break;
    case IgmpRecordType::CHANGE_TO_INCLUDE_MODE: // EXCLUDE (X+A,Y-A); (A)=GMI; Q(G,X-A); Q(G)
        SetTimers(b, gmi);
        q.sources = Minus(x, b);
        q.group = true;
        break;
    }
    return q;
}

void
IgmpRouterGroupState::LowerGroupTimer(Time now)
{
    if (m_mode == FilterMode::EXCLUDE && m_groupTimer > now + m_lmqt)
    {
        m_groupTimer = now + m_lmqt;
    }
}

void
IgmpRouterGroupState::LowerSourceTimers(const SourceSet& sources, Time now)
{
    for (const auto& s : sources)
    {
        auto it = m_sources.find(s);
        if (it != m_sources.end() && it->second > now + m_lmqt)
        {
            it->second = now + m_lmqt;
        }
    }
}

void
IgmpRouterGroupState::Expire(Time now)
{
    if (m_mode == FilterMode::EXCLUDE && m_groupTimer <= now)
    {
        // §6.5: EXCLUDE (X,Y) becomes INCLUDE (X); Y is deleted.
        Delete(Blocked(now));
        m_mode = FilterMode::INCLUDE;
    }
    if (m_mode == FilterMode::INCLUDE)
    {
        // §6.3: an INCLUDE source whose timer ran out is removed.
        for (auto it = m_sources.begin(); it != m_sources.end();)
        {
            it = it->second <= now ? m_sources.erase(it) : std::next(it);
        }
    }
}

Time
IgmpRouterGroupState::NextExpiry(Time now) const
{
    Time next = Time::Max();
    if (m_mode == FilterMode::EXCLUDE && m_groupTimer > now)
    {
        next = m_groupTimer;
    }
    for (const auto& [s, expiry] : m_sources)
    {
        if (expiry > now && expiry < next)
        {
            next = expiry;
        }
    }
    return next;
}

bool
IgmpRouterGroupState::ShouldForward(Ipv4Address source, Time now) const
{
    auto it = m_sources.find(source);
    if (m_mode == FilterMode::INCLUDE)
    {
        return it != m_sources.end() && it->second > now;
    }
    return it == m_sources.end() || it->second > now;
}

bool
IgmpRouterGroupState::IsEmpty() const
{
    return m_mode == FilterMode::INCLUDE && m_sources.empty();
}

bool
IgmpRouterGroupState::HasListeners(Time now) const
{
    if (m_mode == FilterMode::EXCLUDE)
    {
        return true;
    }
    for (const auto& [s, expiry] : m_sources)
    {
        if (expiry > now)
        {
            return true;
        }
    }
    return false;
}

IgmpRouterGroupState::FilterMode
IgmpRouterGroupState::GetFilterMode() const
{
    return m_mode;
}

Time
IgmpRouterGroupState::GetGroupTimer() const
{
    return m_groupTimer;
}

Time
IgmpRouterGroupState::GetSourceTimer(Ipv4Address source) const
{
    auto it = m_sources.find(source);
    return it == m_sources.end() ? Seconds(-1) : it->second;
}

void
IgmpRouterGroupState::Print(std::ostream& os, Time now) const
{
    os << (m_mode == FilterMode::INCLUDE ? "INCLUDE" : "EXCLUDE");
    if (m_mode == FilterMode::EXCLUDE)
    {
        os << " group-timer=" << (m_groupTimer - now).As(Time::S);
    }
    os << " sources={";
    bool first = true;
    for (const auto& [s, expiry] : m_sources)
    {
        os << (first ? "" : ", ") << s << ":"
           << (expiry > now ? (expiry - now) : Seconds(0)).As(Time::S);
        first = false;
    }
    os << "}";
}

} // namespace ns3
