/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-host-state.h"

#include <algorithm>
#include <iterator>

namespace ns3
{

namespace
{

using Set = std::set<Ipv4Address>;

Set
Minus(const Set& a, const Set& b)
{
    Set out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

Set
Intersection(const Set& a, const Set& b)
{
    Set out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
    return out;
}

std::vector<Ipv4Address>
List(const Set& s)
{
    return std::vector<Ipv4Address>(s.begin(), s.end());
}

} // namespace

IgmpFilterState
IgmpMergeSocketStates(const std::vector<IgmpFilterState>& sockets)
{
    IgmpFilterState out;
    Set includeUnion;
    std::optional<Set> excludeIntersection;
    for (const auto& s : sockets)
    {
        if (s.exclude)
        {
            excludeIntersection =
                excludeIntersection ? Intersection(*excludeIntersection, s.sources) : s.sources;
        }
        else
        {
            includeUnion.insert(s.sources.begin(), s.sources.end());
        }
    }
    if (excludeIntersection)
    {
        out.exclude = true;
        out.sources = Minus(*excludeIntersection, includeUnion);
    }
    else
    {
        out.sources = includeUnion;
    }
    return out;
}

IgmpGroupRecord
IgmpCurrentStateRecord(Ipv4Address group, const IgmpFilterState& state)
{
    return IgmpGroupRecord(state.exclude ? IgmpRecordType::MODE_IS_EXCLUDE
                                         : IgmpRecordType::MODE_IS_INCLUDE,
                           group,
                           List(state.sources));
}

void
IgmpStateChangeReporter::Change(const IgmpFilterState& before,
                                const IgmpFilterState& after,
                                uint32_t robustness)
{
    if (before.exclude != after.exclude)
    {
        m_filterModeReports = robustness;
        return;
    }
    // Sources in ALLOW or BLOCK of the §5.1 table gain retransmission state.
    for (const auto& s : Minus(after.sources, before.sources))
    {
        m_sourceReports[s] = robustness;
    }
    for (const auto& s : Minus(before.sources, after.sources))
    {
        m_sourceReports[s] = robustness;
    }
}

bool
IgmpStateChangeReporter::Pending() const
{
    return m_filterModeReports > 0 || !m_sourceReports.empty();
}

std::vector<IgmpGroupRecord>
IgmpStateChangeReporter::Next(Ipv4Address group, const IgmpFilterState& current)
{
    std::vector<IgmpGroupRecord> records;
    if (m_filterModeReports > 0)
    {
        // TO_IN: all sources that must be forwarded; TO_EX: all that must be blocked.
        records.emplace_back(current.exclude ? IgmpRecordType::CHANGE_TO_EXCLUDE_MODE
                                             : IgmpRecordType::CHANGE_TO_INCLUDE_MODE,
                             group,
                             List(current.sources));
        --m_filterModeReports;
        return records;
    }
    Set allow;
    Set block;
    for (auto it = m_sourceReports.begin(); it != m_sourceReports.end();)
    {
        (current.Wants(it->first) ? allow : block).insert(it->first);
        it = --it->second == 0 ? m_sourceReports.erase(it) : std::next(it);
    }
    if (!allow.empty())
    {
        records.emplace_back(IgmpRecordType::ALLOW_NEW_SOURCES, group, List(allow));
    }
    if (!block.empty())
    {
        records.emplace_back(IgmpRecordType::BLOCK_OLD_SOURCES, group, List(block));
    }
    return records;
}

void
IgmpPendingResponses::Query(Ipv4Address group, const Set& sources, Time now, Time delay)
{
    const Time due = now + delay;
    // Rule 1: a General Query response due sooner covers this query too.
    if (m_interfaceTimer != Time::Max() && m_interfaceTimer <= due)
    {
        return;
    }
    // Rule 2: a General Query (re)schedules the interface timer.
    if (group == Ipv4Address::GetAny())
    {
        m_interfaceTimer = due;
        return;
    }
    auto it = m_groups.find(group);
    // Rule 3: nothing pending for the group.
    if (it == m_groups.end())
    {
        m_groups[group] = GroupResponse{due, sources};
        return;
    }
    GroupResponse& pending = it->second;
    // Rule 4: a group-specific query, or a pending group-specific response,
    // makes a single group-specific response.
    if (sources.empty() || pending.sources.empty())
    {
        pending.sources.clear();
    }
    // Rule 5: otherwise the source lists are merged.
    else
    {
        pending.sources.insert(sources.begin(), sources.end());
    }
    pending.at = std::min(pending.at, due);
}

Time
IgmpPendingResponses::InterfaceTimer() const
{
    return m_interfaceTimer;
}

const std::map<Ipv4Address, IgmpPendingResponses::GroupResponse>&
IgmpPendingResponses::Groups() const
{
    return m_groups;
}

Time
IgmpPendingResponses::NextDue() const
{
    Time next = m_interfaceTimer;
    for (const auto& [g, r] : m_groups)
    {
        next = std::min(next, r.at);
    }
    return next;
}

void
IgmpPendingResponses::ClearInterface()
{
    m_interfaceTimer = Time::Max();
}

std::map<Ipv4Address, IgmpPendingResponses::GroupResponse>
IgmpPendingResponses::TakeDueGroups(Time now)
{
    std::map<Ipv4Address, GroupResponse> due;
    for (auto it = m_groups.begin(); it != m_groups.end();)
    {
        if (it->second.at <= now)
        {
            due.insert(*it);
            it = m_groups.erase(it);
        }
        else
        {
            ++it;
        }
    }
    return due;
}

std::optional<IgmpGroupRecord>
IgmpPendingResponses::Answer(Ipv4Address group,
                             const GroupResponse& response,
                             const IgmpFilterState& state)
{
    if (!state.IsMember())
    {
        return std::nullopt;
    }
    if (response.sources.empty())
    {
        return IgmpCurrentStateRecord(group, state); // expiry rule 2
    }
    // Expiry rule 3: INCLUDE (A), B -> IS_IN (A*B); EXCLUDE (A), B -> IS_IN (B-A).
    const Set sources = state.exclude ? Minus(response.sources, state.sources)
                                      : Intersection(state.sources, response.sources);
    if (sources.empty())
    {
        return std::nullopt;
    }
    return IgmpGroupRecord(IgmpRecordType::MODE_IS_INCLUDE, group, List(sources));
}

} // namespace ns3
