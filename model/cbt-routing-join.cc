/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Tree building and pruning: JOIN_REQUEST, JOIN_ACK, QUIT_NOTIFICATION and
// FLUSH_TREE, RFC 2189 §4.2-§4.4 and §4.7.

#include "cbt-routing-protocol.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CbtRoutingJoin");

void
CbtRoutingProtocol::StartJoin(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto pendingQuit = m_pendingQuits.find(group);
    if (pendingQuit != m_pendingQuits.end())
    {
        // A stale QUIT copy must not prune the branch this join rebuilds.
        pendingQuit->second.Cancel();
        m_pendingQuits.erase(pendingQuit);
    }
    const Ipv4Address core = SelectCore(group);
    if (core == Ipv4Address::GetAny())
    {
        Drop(nullptr,
             m_cores->GetCores(group).empty() ? CbtDropReason::NO_CORE_FOR_GROUP
                                              : CbtDropReason::NO_ROUTE_TO_CORE,
             0);
        m_joinFailed(group);
        return;
    }
    if (IsOwnAddress(core))
    {
        // Members at the core itself: the tree starts here, no join needed.
        CbtForwardingEntry& entry = m_cache.Create(group);
        entry.core = core;
        entry.isCore = true;
        NotifyTree(group, CbtTreeEvent::ON_TREE, -1);
        for (uint32_t i : MemberInterfaces(group))
        {
            AddChild(entry, i, Ipv4Address::GetAny(), true);
        }
        m_joinCompleted(group, Seconds(0));
        return;
    }
    uint32_t upstream;
    Ipv4Address nextHop;
    if (!RouteTowards(core, upstream, nextHop))
    {
        Drop(nullptr, CbtDropReason::NO_ROUTE_TO_CORE, 0);
        m_joinFailed(group);
        return;
    }
    // RFC 2189 §4.2.1: transient state <group, NULL, upstream interface>.
    CbtTransientEntry& t = m_cache.CreateTransient(group);
    t.core = core;
    t.upstreamInterface = upstream;
    t.upstreamNextHop = nextHop;
    t.originated = true;
    t.timeout = Simulator::Schedule(m_joinTimeout, &CbtRoutingProtocol::JoinTimedOut, this, group);
    NotifyTree(group, CbtTreeEvent::JOIN_STARTED, static_cast<int32_t>(upstream));
    SendJoin(t, m_interfaces[upstream].address);
    t.transmissions = 1;
    t.retransmission =
        Simulator::Schedule(m_rtxInterval, &CbtRoutingProtocol::RetransmitJoin, this, group);
}

void
CbtRoutingProtocol::SendJoin(const CbtTransientEntry& t, Ipv4Address originator)
{
    CbtJoinRequestHeader join;
    join.SetGroup(t.group);
    join.SetTarget(t.core);
    join.SetOriginator(originator);
    const Interface& up = m_interfaces[t.upstreamInterface];
    // §4.2.1: multicast on the upstream link. On a multi-access link only its
    // DR forwards multicast joins (§4.2.2), so the DR itself must unicast to
    // the next hop: the re-direction of RFC 2201 §4.2.
    const bool unicast = up.multiAccess && up.isDr;
    SendControl(CbtMessage(join),
                t.upstreamInterface,
                unicast ? t.upstreamNextHop : ALL_CBT_ROUTERS);
}

void
CbtRoutingProtocol::RetransmitJoin(Ipv4Address group)
{
    CbtTransientEntry* t = m_cache.FindTransient(group);
    if (!t || !t->originated)
    {
        return;
    }
    // §4.2.1: the originator retransmits every RTX_INTERVAL until JOIN_TIMEOUT.
    SendJoin(*t, m_interfaces[t->upstreamInterface].address);
    ++t->transmissions;
    if (Simulator::Now() + m_rtxInterval < t->started + m_joinTimeout)
    {
        t->retransmission =
            Simulator::Schedule(m_rtxInterval, &CbtRoutingProtocol::RetransmitJoin, this, group);
    }
}

void
CbtRoutingProtocol::JoinTimedOut(Ipv4Address group)
{
    NS_LOG_INFO(group << ": no JOIN_ACK within JOIN_TIMEOUT");
    m_cache.RemoveTransient(group);
    m_joinFailed(group);
}

void
CbtRoutingProtocol::TransientTimedOut(Ipv4Address group)
{
    m_cache.RemoveTransient(group);
}

void
CbtRoutingProtocol::HandleJoinRequest(const CbtJoinRequestHeader& join,
                                      const Ipv4Header& ip,
                                      uint32_t interface)
{
    const Ipv4Address group = join.GetGroup();
    const bool multicast = ip.GetDestination().IsMulticast();
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (multicast)
    {
        // §4.4.2: another router's join for the group makes our own scheduled one redundant.
        auto rejoin = m_rejoins.find({group, interface});
        if (rejoin != m_rejoins.end())
        {
            rejoin->second.event.Cancel();
            m_rejoins.erase(rejoin);
        }
        // §4.2.2: a multicast join cancels the cache-deletion timer of its link.
        if (entry && entry->IsChild(interface))
        {
            entry->children[interface].cacheDeletionTimer.Cancel();
        }
        if (m_interfaces[interface].multiAccess && !m_interfaces[interface].isDr)
        {
            Drop(nullptr, CbtDropReason::NOT_DR, interface); // §4.2.2: only the DR forwards
            return;
        }
    }
    if (!group.IsMulticast() || group.IsLocalMulticast())
    {
        // Wildcard joins (INADDR_ANY) belong to inter-domain border routers, out of scope.
        Drop(nullptr, CbtDropReason::NO_CORE_FOR_GROUP, interface);
        return;
    }
    const Ipv4Address src = ip.GetSource();
    // §4.2.2: the core terminates the join; an on-tree router acks a join
    // that arrives over any interface but its upstream one.
    if (IsOwnAddress(join.GetTarget()) || (entry && entry->isCore))
    {
        if (!entry)
        {
            entry = &m_cache.Create(group);
            entry->core = join.GetTarget();
            entry->isCore = true;
            NotifyTree(group, CbtTreeEvent::ON_TREE, -1);
        }
        AddChild(*entry, interface, src, false);
        SendAck(group, interface, join.GetOriginator());
        return;
    }
    if (entry && entry->parentInterface != static_cast<int32_t>(interface))
    {
        AddChild(*entry, interface, src, false);
        SendAck(group, interface, join.GetOriginator());
        return;
    }
    ForwardJoin(join, ip, interface);
}

void
CbtRoutingProtocol::ForwardJoin(const CbtJoinRequestHeader& join,
                                const Ipv4Header& ip,
                                uint32_t interface)
{
    const Ipv4Address group = join.GetGroup();
    const CbtDownstreamJoin downstream{interface, ip.GetSource(), join.GetOriginator()};
    if (CbtTransientEntry* t = m_cache.FindTransient(group))
    {
        // §4.2.2: later joins are cached and acked with the first. A join that
        // looped back to a router holding state for it lands here too, and
        // since nobody upstream acks a loop, it times out (RFC 2201 §4.2).
        const bool known =
            std::any_of(t->downstream.begin(), t->downstream.end(), [&](const auto& d) {
                return d.interface == interface && d.previousHop == downstream.previousHop;
            });
        if (!known)
        {
            t->downstream.push_back(downstream);
        }
        return;
    }
    uint32_t upstream;
    Ipv4Address nextHop;
    if (!RouteTowards(join.GetTarget(), upstream, nextHop))
    {
        Drop(nullptr, CbtDropReason::NO_ROUTE_TO_CORE, interface);
        return;
    }
    if (upstream == interface)
    {
        // Back over the arrival link: only a multi-access link's DR may
        // re-direct, by unicast to the best next hop (RFC 2201 §4.2).
        const Interface& st = m_interfaces[interface];
        if (!(st.multiAccess && st.isDr) || nextHop == ip.GetSource())
        {
            Drop(nullptr, CbtDropReason::JOIN_BOUNCES_BACK, interface);
            return;
        }
    }
    CbtTransientEntry& t = m_cache.CreateTransient(group);
    t.core = join.GetTarget();
    t.upstreamInterface = upstream;
    t.upstreamNextHop = nextHop;
    t.downstream.push_back(downstream);
    t.timeout = Simulator::Schedule(m_transientTimeout,
                                    &CbtRoutingProtocol::TransientTimedOut,
                                    this,
                                    group);
    SendJoin(t, join.GetOriginator());
}

void
CbtRoutingProtocol::SendAck(Ipv4Address group, uint32_t interface, Ipv4Address target)
{
    // §4.3.1: over the interface the join arrived on; every CBT interface of
    // this model supports multicast, so the ack is multicast.
    CbtJoinAckHeader ack;
    ack.SetGroup(group);
    ack.SetTarget(target);
    SendControl(CbtMessage(ack), interface, ALL_CBT_ROUTERS);
}

void
CbtRoutingProtocol::AddChild(CbtForwardingEntry& entry,
                             uint32_t interface,
                             Ipv4Address router,
                             bool members)
{
    const bool added = !entry.IsChild(interface);
    CbtChildInterface& child = entry.children[interface];
    child.cacheDeletionTimer.Cancel();
    if (router != Ipv4Address::GetAny())
    {
        child.routers.insert(router);
    }
    child.hasMembers = child.hasMembers || members;
    if (added)
    {
        NotifyTree(entry.group, CbtTreeEvent::CHILD_ADDED, static_cast<int32_t>(interface));
    }
}

void
CbtRoutingProtocol::HandleJoinAck(const CbtJoinAckHeader& ack,
                                  const Ipv4Header& ip,
                                  uint32_t interface)
{
    const Ipv4Address group = ack.GetGroup();
    CbtTransientEntry* t = m_cache.FindTransient(group);
    CbtForwardingEntry* entry = m_cache.Find(group);
    // §4.3.2: the ack must match <group, ..., upstream interface>.
    if (!t || t->upstreamInterface != interface)
    {
        if (!(entry && entry->parentInterface == static_cast<int32_t>(interface)))
        {
            Drop(nullptr, CbtDropReason::UNMATCHED_ACK, interface);
        }
        // else: the ack of a §4.4.2 re-join by an on-tree router; nothing to create.
        return;
    }
    if (!entry)
    {
        entry = &m_cache.Create(group);
        entry->core = t->core;
        entry->parentInterface = static_cast<int32_t>(interface);
        entry->parentAddress = ip.GetSource();
        NotifyTree(group, CbtTreeEvent::ON_TREE, static_cast<int32_t>(interface));
        RefreshGroup(*entry);
        StartEcho(interface);
    }
    // Downstream joins become child interfaces, and each gets its ack.
    std::vector<uint32_t> acked;
    for (const CbtDownstreamJoin& d : t->downstream)
    {
        AddChild(*entry, d.interface, d.previousHop, false);
        if (std::find(acked.begin(), acked.end(), d.interface) == acked.end())
        {
            SendAck(group, d.interface, d.originator);
            acked.push_back(d.interface);
        }
    }
    // Local members that appeared while a downstream join was passing through
    // found transient state and started no join of their own: graft them now.
    // (Secure groups graft member links per authenticated host instead.)
    if (t->originated || m_secureGroup.IsNull() || !m_secureGroup(group))
    {
        for (uint32_t i : MemberInterfaces(group))
        {
            AddChild(*entry, i, Ipv4Address::GetAny(), true);
        }
    }
    if (t->originated)
    {
        m_joinCompleted(group, Simulator::Now() - t->started);
    }
    m_cache.RemoveTransient(group);
    QuitIfLeaf(group); // members may have left while the join was under way
}

void
CbtRoutingProtocol::HandleQuit(const CbtQuitNotificationHeader& quit,
                               const Ipv4Header& ip,
                               uint32_t interface)
{
    const Ipv4Address group = quit.GetGroup();
    const bool multicast = ip.GetDestination().IsMulticast();
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (multicast && entry && entry->parentInterface == static_cast<int32_t>(interface))
    {
        // §4.4.2: a sibling quit our parent link; re-join so the parent keeps it.
        ScheduleRejoin(group, interface);
        return;
    }
    if (!entry || !entry->IsChild(interface))
    {
        Drop(nullptr, CbtDropReason::UNMATCHED_QUIT, interface);
        return;
    }
    CbtChildInterface& child = entry->children[interface];
    child.routers.erase(ip.GetSource());
    if (!multicast)
    {
        // §4.4.2: a unicast quit removes the child at once.
        if (child.routers.empty() && !child.hasMembers)
        {
            RemoveChild(group, interface);
        }
        return;
    }
    // §4.4.2: a multicast quit starts [CACHE_DEL_TIMER], giving other children
    // on the link time to re-join.
    if (!child.cacheDeletionTimer.IsRunning() && !child.hasMembers)
    {
        child.cacheDeletionTimer = Simulator::Schedule(m_cacheDelTimer,
                                                       &CbtRoutingProtocol::CacheDeletionExpired,
                                                       this,
                                                       group,
                                                       interface);
    }
}

void
CbtRoutingProtocol::CacheDeletionExpired(Ipv4Address group, uint32_t interface)
{
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (entry && entry->IsChild(interface) && !entry->children[interface].hasMembers)
    {
        RemoveChild(group, interface);
    }
}

void
CbtRoutingProtocol::RemoveChild(Ipv4Address group, uint32_t interface)
{
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (!entry || !entry->IsChild(interface))
    {
        return;
    }
    entry->children[interface].cacheDeletionTimer.Cancel();
    entry->children.erase(interface);
    NotifyTree(group, CbtTreeEvent::CHILD_REMOVED, static_cast<int32_t>(interface));
    QuitIfLeaf(group);
}

void
CbtRoutingProtocol::QuitIfLeaf(Ipv4Address group)
{
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (!entry || !entry->children.empty())
    {
        return;
    }
    if (entry->isCore)
    {
        m_cache.Remove(group);
        NotifyTree(group, CbtTreeEvent::QUIT, -1);
        return;
    }
    // §4.4.1: the child list is empty: quit to the parent and forget the group.
    const uint32_t parent = static_cast<uint32_t>(entry->parentInterface);
    const Ipv4Address parentAddress = entry->parentAddress;
    m_cache.Remove(group);
    NotifyTree(group, CbtTreeEvent::QUIT, static_cast<int32_t>(parent));
    SendQuit(group, parent, parentAddress, m_maxRtx);
    StopEchoIfUnused(parent);
}

void
CbtRoutingProtocol::SendQuit(Ipv4Address group,
                             uint32_t interface,
                             Ipv4Address parent,
                             uint32_t copiesLeft)
{
    m_pendingQuits.erase(group);
    if (m_cache.Find(group))
    {
        return; // re-joined since: the quit no longer holds
    }
    CbtQuitNotificationHeader quit;
    quit.SetGroup(group);
    quit.SetOriginatingChild(m_interfaces[interface].address);
    // §4.4.1: unicast by the link's DR, multicast otherwise; [MAX_RTX] copies HOLDTIME apart.
    SendDrAware(CbtMessage(quit), interface, parent);
    if (copiesLeft > 1)
    {
        m_pendingQuits[group] = Simulator::Schedule(m_holdTime,
                                                    &CbtRoutingProtocol::SendQuit,
                                                    this,
                                                    group,
                                                    interface,
                                                    parent,
                                                    copiesLeft - 1);
    }
}

void
CbtRoutingProtocol::ScheduleRejoin(Ipv4Address group, uint32_t interface)
{
    ScheduledRejoin& r = m_rejoins[{group, interface}];
    if (r.event.IsRunning())
    {
        return;
    }
    r.event = Simulator::Schedule(Seconds(m_jitter->GetValue(0, m_holdTime.GetSeconds())),
                                  &CbtRoutingProtocol::SendRejoin,
                                  this,
                                  group,
                                  interface);
}

void
CbtRoutingProtocol::SendRejoin(Ipv4Address group, uint32_t interface)
{
    m_rejoins.erase({group, interface});
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (!entry || entry->parentInterface != static_cast<int32_t>(interface))
    {
        return;
    }
    CbtJoinRequestHeader join;
    join.SetGroup(group);
    join.SetTarget(entry->core);
    join.SetOriginator(m_interfaces[interface].address);
    SendDrAware(CbtMessage(join), interface, entry->parentAddress);
}

void
CbtRoutingProtocol::HandleFlush(const CbtFlushTreeHeader& flush,
                                const Ipv4Header& ip,
                                uint32_t interface)
{
    std::vector<Ipv4Address> groups;
    for (const Ipv4Address& g : flush.GetGroups())
    {
        if (g == Ipv4Address::GetAny())
        {
            // §4.7.1: INADDR_ANY flushes every group whose parent is this link.
            for (const Ipv4Address& p : m_cache.GroupsWithParent(interface))
            {
                groups.push_back(p);
            }
        }
        else
        {
            groups.push_back(g);
        }
    }
    for (const Ipv4Address& group : groups)
    {
        CbtForwardingEntry* entry = m_cache.Find(group);
        // §4.7.2: only a flush from the parent counts.
        if (!entry || entry->parentInterface != static_cast<int32_t>(interface))
        {
            Drop(nullptr, CbtDropReason::UNMATCHED_FLUSH, interface);
            continue;
        }
        FlushChildren(*entry);
        m_cache.Remove(group);
        NotifyTree(group, CbtTreeEvent::FLUSHED, static_cast<int32_t>(interface));
        StopEchoIfUnused(interface);
        RejoinIfMembers(group);
    }
}

void
CbtRoutingProtocol::FlushChildren(const CbtForwardingEntry& entry)
{
    CbtFlushTreeHeader flush;
    flush.AddGroup(entry.group);
    const CbtMessage message(flush);
    for (const auto& [i, child] : entry.children)
    {
        if (!child.routers.empty()) // links with only member hosts have nobody to flush
        {
            SendControl(message, i, ALL_CBT_ROUTERS);
        }
    }
}

void
CbtRoutingProtocol::RejoinIfMembers(Ipv4Address group)
{
    // §4.6.2: routers with members re-join a flushed or expired tree. Secure
    // groups re-join per host, through the key-distribution layer.
    if (!m_secureGroup.IsNull() && m_secureGroup(group))
    {
        if (!MemberInterfaces(group).empty() && !m_cache.Find(group) && !m_secureRejoin.IsNull())
        {
            m_secureRejoin(group);
        }
        return;
    }
    if (!MemberInterfaces(group).empty() && !m_cache.Find(group) && !m_cache.FindTransient(group))
    {
        StartJoin(group);
    }
}

} // namespace ns3
