/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-forwarding-cache.h"

#include "ns3/simulator.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/// A value as one string, so that std::setw pads it as a whole.
template <class T>
std::string
Str(const T& value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

} // namespace

bool
CbtForwardingEntry::IsTreeInterface(uint32_t interface) const
{
    return (parentInterface >= 0 && static_cast<uint32_t>(parentInterface) == interface) ||
           IsChild(interface);
}

bool
CbtForwardingEntry::IsChild(uint32_t interface) const
{
    return children.count(interface) > 0;
}

std::vector<uint32_t>
CbtForwardingEntry::TreeInterfaces() const
{
    std::vector<uint32_t> out;
    if (parentInterface >= 0)
    {
        out.push_back(static_cast<uint32_t>(parentInterface));
    }
    for (const auto& [i, child] : children)
    {
        if (std::find(out.begin(), out.end(), i) == out.end())
        {
            out.push_back(i);
        }
    }
    return out;
}

CbtForwardingEntry*
CbtForwardingCache::Find(Ipv4Address group)
{
    auto it = m_entries.find(group);
    return it == m_entries.end() ? nullptr : &it->second;
}

const CbtForwardingEntry*
CbtForwardingCache::Find(Ipv4Address group) const
{
    auto it = m_entries.find(group);
    return it == m_entries.end() ? nullptr : &it->second;
}

CbtForwardingEntry&
CbtForwardingCache::Create(Ipv4Address group)
{
    CbtForwardingEntry& e = m_entries[group];
    e.group = group;
    e.onTreeSince = Simulator::Now();
    return e;
}

void
CbtForwardingCache::Remove(Ipv4Address group)
{
    auto it = m_entries.find(group);
    if (it == m_entries.end())
    {
        return;
    }
    it->second.expiry.Cancel();
    for (auto& [i, child] : it->second.children)
    {
        child.cacheDeletionTimer.Cancel();
    }
    m_entries.erase(it);
}

CbtTransientEntry*
CbtForwardingCache::FindTransient(Ipv4Address group)
{
    auto it = m_transient.find(group);
    return it == m_transient.end() ? nullptr : &it->second;
}

CbtTransientEntry&
CbtForwardingCache::CreateTransient(Ipv4Address group)
{
    CbtTransientEntry& t = m_transient[group];
    t.group = group;
    t.started = Simulator::Now();
    return t;
}

void
CbtForwardingCache::RemoveTransient(Ipv4Address group)
{
    auto it = m_transient.find(group);
    if (it == m_transient.end())
    {
        return;
    }
    it->second.timeout.Cancel();
    it->second.retransmission.Cancel();
    m_transient.erase(it);
}

const std::map<Ipv4Address, CbtForwardingEntry>&
CbtForwardingCache::GetEntries() const
{
    return m_entries;
}

const std::map<Ipv4Address, CbtTransientEntry>&
CbtForwardingCache::GetTransient() const
{
    return m_transient;
}

std::vector<Ipv4Address>
CbtForwardingCache::GroupsWithParent(uint32_t interface) const
{
    std::vector<Ipv4Address> out;
    for (const auto& [g, e] : m_entries)
    {
        if (e.parentInterface >= 0 && static_cast<uint32_t>(e.parentInterface) == interface)
        {
            out.push_back(g);
        }
    }
    return out;
}

std::vector<Ipv4Address>
CbtForwardingCache::GroupsWithChild(uint32_t interface) const
{
    std::vector<Ipv4Address> out;
    for (const auto& [g, e] : m_entries)
    {
        if (e.IsChild(interface))
        {
            out.push_back(g);
        }
    }
    return out;
}

uint32_t
CbtForwardingCache::GetStateBytes() const
{
    // group 4 + core 4 + parent interface 4 + parent address 4
    uint32_t bytes = 0;
    for (const auto& [g, e] : m_entries)
    {
        bytes += 16;
        for (const auto& [i, child] : e.children)
        {
            bytes += 4 + 4 * static_cast<uint32_t>(child.routers.size());
        }
    }
    // group 4 + core 4 + upstream interface 4 + next hop 4
    for (const auto& [g, t] : m_transient)
    {
        bytes += 16 + 12 * static_cast<uint32_t>(t.downstream.size());
    }
    return bytes;
}

void
CbtForwardingCache::Print(std::ostream& os, Time::Unit unit) const
{
    const Time now = Simulator::Now();
    os << "CBT forwarding cache (" << m_entries.size() << " groups)\n";
    os << std::left << std::setw(16) << "Group" << std::setw(16) << "Core" << std::setw(20)
       << "Parent" << std::setw(12) << "Age"
       << "Children\n";
    for (const auto& [g, e] : m_entries)
    {
        std::ostringstream parent;
        if (e.isCore)
        {
            parent << "(core)";
        }
        else
        {
            parent << "if" << e.parentInterface << " " << e.parentAddress;
        }
        std::ostringstream children;
        for (const auto& [i, child] : e.children)
        {
            children << "if" << i << (child.hasMembers ? "[members]" : "");
            for (const auto& r : child.routers)
            {
                children << " " << r;
            }
            if (child.cacheDeletionTimer.IsRunning())
            {
                children << "(deleting)";
            }
            children << "; ";
        }
        os << std::setw(16) << Str(g) << std::setw(16) << Str(e.core) << std::setw(20)
           << parent.str() << std::setw(12) << Str((now - e.onTreeSince).As(unit)) << children.str()
           << "\n";
    }
    os << "CBT transient join state (" << m_transient.size() << " groups)\n";
    for (const auto& [g, t] : m_transient)
    {
        os << std::setw(16) << Str(g) << " core " << t.core << " upstream if" << t.upstreamInterface
           << " via " << t.upstreamNextHop << (t.originated ? " originated" : "") << " downstream:";
        for (const auto& d : t.downstream)
        {
            os << " if" << d.interface << "/" << d.previousHop;
        }
        os << "\n";
    }
    os << std::right;
}

void
CbtForwardingCache::Clear()
{
    while (!m_entries.empty())
    {
        Remove(m_entries.begin()->first);
    }
    while (!m_transient.empty())
    {
        RemoveTransient(m_transient.begin()->first);
    }
}

} // namespace ns3
