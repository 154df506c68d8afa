/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-scenario-layout.h"

#include "ns3/csma-helper.h"
#include "ns3/net-device-container.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <set>

namespace ns3
{

std::vector<uint32_t>
SmkdScenarioLayout::ChooseHostRouters(const SmkdTopology& topology,
                                      Ptr<SmkdPlacement> placement,
                                      uint32_t primary,
                                      uint32_t lans)
{
    std::vector<uint32_t> hostRouters{primary};
    const uint32_t draw = std::min(lans, topology.GetNRouters());
    for (uint32_t r :
         placement->ChooseRouters(topology, SmkdPlacement::MemberStrategy::UNIFORM, draw))
    {
        if (r != primary && hostRouters.size() < lans)
        {
            hostRouters.push_back(r);
        }
    }
    return hostRouters;
}

SmkdScenarioLayout::Roles
SmkdScenarioLayout::AssignRoles(const SmkdNetwork& net,
                                const std::vector<uint32_t>& hostRouters,
                                uint32_t members,
                                uint32_t adversaries)
{
    Roles roles;
    // Host slots of the primary core's LAN come first (hostRouters[0]).
    const std::vector<uint32_t> coreLan = net.GetHostsOf(hostRouters.front());
    roles.kdcHost = net.GetHost(coreLan[0]);
    roles.initiator = net.GetHost(coreLan[1]);
    std::vector<Ptr<Node>> slots;
    for (uint32_t r : hostRouters)
    {
        for (uint32_t h : net.GetHostsOf(r))
        {
            Ptr<Node> n = net.GetHost(h);
            if (n != roles.kdcHost && n != roles.initiator)
            {
                slots.push_back(n);
            }
        }
    }
    // Adversaries first, at random slots of their own stream (none drawn
    // without adversaries, so such runs keep their members where they were).
    std::set<Ptr<Node>> taken;
    if (adversaries > 0)
    {
        Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
        pick->SetStream(ADVERSARY_STREAM);
        while (roles.adversaries.GetN() < adversaries && taken.size() < slots.size())
        {
            Ptr<Node> n = slots[pick->GetInteger(0, static_cast<uint32_t>(slots.size() - 1))];
            if (taken.insert(n).second)
            {
                roles.adversaries.Add(n);
            }
        }
    }
    for (Ptr<Node> n : slots)
    {
        if (!taken.count(n) && roles.members.GetN() < members)
        {
            roles.members.Add(n);
        }
    }
    return roles;
}

int64_t
SmkdScenarioLayout::AssignDeviceStreams(NodeContainer nodes, int64_t stream)
{
    NetDeviceContainer devices;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        for (uint32_t d = 0; d < (*it)->GetNDevices(); ++d)
        {
            devices.Add((*it)->GetDevice(d));
        }
    }
    return CsmaHelper().AssignStreams(devices, stream);
}

} // namespace ns3
