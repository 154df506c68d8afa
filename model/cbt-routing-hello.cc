/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// HELLO protocol and designated-router election, RFC 2189 §4.1.

#include "cbt-routing-protocol.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("CbtRoutingHello");

void
CbtRoutingProtocol::StartHello(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    st.isDr = false;
    st.advertised = m_helloPreference;
    st.betterHeard = false;
    // RFC 2189 §4.1.1: two HELLOs in succession at start-up, DR flag unset;
    // DR after HOLDTIME unless a better HELLO arrives.
    SendHello(interface);
    SendHello(interface);
    st.election.Cancel();
    st.election =
        Simulator::Schedule(m_holdTime, &CbtRoutingProtocol::ElectionTimerExpired, this, interface);
}

void
CbtRoutingProtocol::SendHello(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    CbtHelloHeader hello;
    hello.SetPreference(st.advertised);
    SendControl(CbtMessage(hello), interface, ALL_CBT_ROUTERS);
    // §4.1.1: whenever a router sends a HELLO, it resets its hello timer.
    st.helloTimer.Cancel();
    st.helloTimer = Simulator::Schedule(m_helloInterval,
                                        &CbtRoutingProtocol::HelloTimerExpired,
                                        this,
                                        interface);
}

void
CbtRoutingProtocol::HelloTimerExpired(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    SendHello(interface);
    if (!st.isDr)
    {
        // A non-DR's HELLO timer only runs out when no better HELLO arrived for
        // a whole interval, i.e. the DR is gone: stand for election as at start-up.
        st.betterHeard = false;
        st.election.Cancel();
        st.election = Simulator::Schedule(m_holdTime,
                                          &CbtRoutingProtocol::ElectionTimerExpired,
                                          this,
                                          interface);
    }
}

void
CbtRoutingProtocol::ElectionTimerExpired(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    if (!st.betterHeard && !st.isDr && st.enabled)
    {
        BecomeDr(interface);
    }
}

void
CbtRoutingProtocol::BecomeDr(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    st.isDr = true;
    st.advertised = CbtHelloHeader::DR_PREFERENCE; // §4.1: the DR advertises 0
    NotifyTree(Ipv4Address::GetAny(), CbtTreeEvent::BECAME_DR, static_cast<int32_t>(interface));
    // Members that appeared on this link before the election are served now.
    for (const auto& [group, interfaces] : m_members)
    {
        if (!interfaces.count(interface) || (!m_secureGroup.IsNull() && m_secureGroup(group)))
        {
            continue;
        }
        if (CbtForwardingEntry* entry = m_cache.Find(group))
        {
            AddChild(*entry, interface, Ipv4Address::GetAny(), true);
        }
        else if (!m_cache.FindTransient(group))
        {
            StartJoin(group);
        }
    }
}

void
CbtRoutingProtocol::RelinquishDr(uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    st.isDr = false;
    st.advertised = m_helloPreference;
    st.betterHeard = true;
}

void
CbtRoutingProtocol::HandleHello(const CbtHelloHeader& hello,
                                const Ipv4Header& ip,
                                uint32_t interface)
{
    Interface& st = m_interfaces[interface];
    const uint8_t theirs = hello.GetPreference();
    const Ipv4Address them = ip.GetSource();

    if (theirs == CbtHelloHeader::DR_PREFERENCE && st.isDr)
    {
        // §4.1: two routers claim DR; all but the lowest-addressed relinquish.
        if (them < st.address)
        {
            NS_LOG_INFO("if" << interface << ": " << them
                             << " also claims DR and is lower; relinquishing");
            RelinquishDr(interface);
        }
        else if (!st.helloResponse.IsRunning())
        {
            st.helloResponse =
                Simulator::Schedule(Seconds(m_jitter->GetValue(0, m_holdTime.GetSeconds())),
                                    &CbtRoutingProtocol::SendHello,
                                    this,
                                    interface);
        }
        return;
    }

    const bool better = theirs < st.advertised || (theirs == st.advertised && them < st.address);
    if (better)
    {
        // §4.1.2: no response; §4.1: a better HELLO resets our HELLO_INTERVAL.
        // The better router's next periodic HELLO arrives exactly one interval
        // after this one; HOLDTIME of margin keeps it ahead of our timer, so a
        // live DR suppresses the others instead of racing them.
        st.betterHeard = true;
        st.election.Cancel();
        st.helloResponse.Cancel();
        st.helloTimer.Cancel();
        st.helloTimer = Simulator::Schedule(m_helloInterval + m_holdTime,
                                            &CbtRoutingProtocol::HelloTimerExpired,
                                            this,
                                            interface);
        return;
    }
    // §4.1.2: a lesser HELLO is answered after a random interval in [0, HOLDTIME].
    if (!st.helloResponse.IsRunning())
    {
        st.helloResponse =
            Simulator::Schedule(Seconds(m_jitter->GetValue(0, m_holdTime.GetSeconds())),
                                &CbtRoutingProtocol::SendHello,
                                this,
                                interface);
    }
}

} // namespace ns3
