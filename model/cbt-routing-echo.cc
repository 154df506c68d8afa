/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Keepalives between children and parents, RFC 2189 §4.5-§4.6.

#include "cbt-routing-protocol.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CbtRoutingEcho");

namespace
{

/// Groups per ECHO_REPLY: what fits a 1500-byte IP packet after the headers.
constexpr std::size_t MAX_GROUPS_PER_REPLY = (1500 - 20 - CbtHeader::SIZE - 4) / 4;

} // namespace

void
CbtRoutingProtocol::StartEcho(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    // §4.5.1: one ECHO_REQUEST per parent interface serves all its groups.
    if (!st.echoTimer.IsRunning())
    {
        st.echoTimer = Simulator::Schedule(m_echoInterval,
                                           &CbtRoutingProtocol::EchoTimerExpired,
                                           this,
                                           interface);
    }
    if (!st.parentSilence.IsRunning())
    {
        st.parentSilence = Simulator::Schedule(m_expectedReplyTime,
                                               &CbtRoutingProtocol::ParentSilent,
                                               this,
                                               interface);
    }
}

void
CbtRoutingProtocol::EchoTimerExpired(uint32_t interface)
{
    const std::vector<Ipv4Address> groups = m_cache.GroupsWithParent(interface);
    if (groups.empty())
    {
        return;
    }
    Interface& st = m_interfaces[interface];
    CbtEchoRequestHeader echo;
    echo.SetOriginatingChild(st.address);
    const CbtMessage message(echo);
    if (st.isDr)
    {
        // §4.5.1: the link's DR unicasts, once per distinct parent on the link.
        std::set<Ipv4Address> parents;
        for (const Ipv4Address& g : groups)
        {
            parents.insert(m_cache.Find(g)->parentAddress);
        }
        for (const Ipv4Address& p : parents)
        {
            SendControl(message, interface, p);
        }
    }
    else
    {
        SendControl(message, interface, ALL_CBT_ROUTERS);
    }
    st.echoTimer =
        Simulator::Schedule(m_echoInterval, &CbtRoutingProtocol::EchoTimerExpired, this, interface);
}

void
CbtRoutingProtocol::StopEchoIfUnused(uint32_t interface)
{
    if (m_cache.GroupsWithParent(interface).empty())
    {
        Interface& st = m_interfaces[interface];
        st.echoTimer.Cancel();
        st.parentSilence.Cancel();
    }
}

void
CbtRoutingProtocol::HandleEchoRequest(const CbtEchoRequestHeader& echo,
                                      const Ipv4Header& ip,
                                      uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    const bool multicast = ip.GetDestination().IsMulticast();
    const std::vector<Ipv4Address> parentGroups = m_cache.GroupsWithParent(interface);
    const bool parentHere = !parentGroups.empty();
    const bool childHere = !m_cache.GroupsWithChild(interface).empty();
    // The request only stands for ours when it comes from a sibling: our
    // parent answers it with a multicast reply that refreshes our groups too.
    // A request from our own parent (a link used as parent link by one
    // router and child link by the other, for different groups) is no such
    // thing: suppressing ours would leave our groups unrefreshed.
    bool fromSibling = multicast && parentHere;
    for (const Ipv4Address& g : parentGroups)
    {
        if (m_cache.Find(g)->parentAddress == ip.GetSource())
        {
            fromSibling = false;
            break;
        }
    }
    if (fromSibling && st.echoTimer.IsRunning())
    {
        // §4.5.2: a sibling's multicast request suppresses ours on this link.
        st.echoTimer.Cancel();
        st.echoTimer = Simulator::Schedule(m_echoInterval,
                                           &CbtRoutingProtocol::EchoTimerExpired,
                                           this,
                                           interface);
    }
    if (!childHere)
    {
        if (!parentHere)
        {
            Drop(nullptr, CbtDropReason::UNMATCHED_ECHO, interface);
        }
        return;
    }
    // §4.5.2: answer after a random interval in [0, HOLDTIME]; one reply
    // answers every request heard meanwhile.
    if (!st.echoReply.IsRunning())
    {
        st.echoReplyUnicast = !multicast;
        st.echoRequester = echo.GetOriginatingChild();
        st.echoReply = Simulator::Schedule(Seconds(m_jitter->GetValue(0, m_holdTime.GetSeconds())),
                                           &CbtRoutingProtocol::SendEchoReply,
                                           this,
                                           interface);
    }
    else if (multicast)
    {
        st.echoReplyUnicast = false;
    }
}

void
CbtRoutingProtocol::SendEchoReply(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    const std::vector<Ipv4Address> groups = m_cache.GroupsWithChild(interface);
    const Ipv4Address destination = st.echoReplyUnicast ? st.echoRequester : ALL_CBT_ROUTERS;
    // §4.6.1: the reply lists every group for which the link is a child, in
    // as many messages as the list needs.
    for (std::size_t first = 0; first < groups.size(); first += MAX_GROUPS_PER_REPLY)
    {
        CbtEchoReplyHeader reply;
        reply.SetOriginatingParent(st.address);
        for (std::size_t k = first; k < groups.size() && k < first + MAX_GROUPS_PER_REPLY; ++k)
        {
            reply.AddGroup(groups[k]);
        }
        SendControl(CbtMessage(reply), interface, destination);
    }
}

void
CbtRoutingProtocol::HandleEchoReply(const CbtEchoReplyHeader& reply,
                                    const Ipv4Header& ip,
                                    uint32_t interface)
{
    if (m_cache.GroupsWithParent(interface).empty())
    {
        Drop(nullptr, CbtDropReason::UNMATCHED_ECHO, interface); // §4.6.2: parent links only
        return;
    }
    Interface& st = m_interfaces[interface];
    st.parentSilence.Cancel();
    st.parentSilence = Simulator::Schedule(m_expectedReplyTime,
                                           &CbtRoutingProtocol::ParentSilent,
                                           this,
                                           interface);
    const Ipv4Address parent = reply.GetOriginatingParent();
    for (const Ipv4Address& g : reply.GetGroups())
    {
        CbtForwardingEntry* entry = m_cache.Find(g);
        if (entry && entry->parentInterface == static_cast<int32_t>(interface) &&
            (entry->parentAddress == parent || entry->parentAddress == ip.GetSource()))
        {
            RefreshGroup(*entry);
        }
    }
}

void
CbtRoutingProtocol::RefreshGroup(CbtForwardingEntry& entry)
{
    if (entry.isCore)
    {
        return;
    }
    entry.expiry.Cancel();
    entry.expiry =
        Simulator::Schedule(m_groupExpireTime, &CbtRoutingProtocol::ExpireGroup, this, entry.group);
}

void
CbtRoutingProtocol::ExpireGroup(Ipv4Address group)
{
    CbtForwardingEntry* entry = m_cache.Find(group);
    if (!entry || entry->isCore)
    {
        return;
    }
    NS_LOG_INFO(group << ": parent " << entry->parentAddress << " lost");
    // §4.5.1, §4.6.2: QUIT upstream, FLUSH_TREE downstream, then re-join if
    // members remain.
    const uint32_t parent = static_cast<uint32_t>(entry->parentInterface);
    const Ipv4Address parentAddress = entry->parentAddress;
    FlushChildren(*entry);
    m_cache.Remove(group);
    NotifyTree(group, CbtTreeEvent::EXPIRED, static_cast<int32_t>(parent));
    SendQuit(group, parent, parentAddress, m_maxRtx);
    StopEchoIfUnused(parent);
    RejoinIfMembers(group);
}

void
CbtRoutingProtocol::ParentSilent(uint32_t interface)
{
    // §6 [EXPECTED_REPLY_TIME]: no ECHO_REPLY at all on this parent link.
    for (const Ipv4Address& g : m_cache.GroupsWithParent(interface))
    {
        ExpireGroup(g);
    }
}

} // namespace ns3
