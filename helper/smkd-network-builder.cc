/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-network-builder.h"

#include "ns3/data-rate.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/names.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdNetworkBuilder");

SmkdNetworkBuilder::SmkdNetworkBuilder()
    : m_hostLinkDelay(MicroSeconds(10))
{
    m_p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate("100Mbps")));
    m_csma.SetChannelAttribute("DataRate", DataRateValue(DataRate("100Mbps")));
    m_csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
}

void
SmkdNetworkBuilder::SetRouterStack(const InternetStackHelper& stack)
{
    m_routerStack = stack;
}

void
SmkdNetworkBuilder::SetHostStack(const InternetStackHelper& stack)
{
    m_hostStack = stack;
}

void
SmkdNetworkBuilder::SetIgmp(const IgmpHelper& igmp)
{
    m_igmp = igmp;
}

void
SmkdNetworkBuilder::SetLinkDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_p2p.SetDeviceAttribute(name, value);
}

void
SmkdNetworkBuilder::SetLanChannelAttribute(const std::string& name, const AttributeValue& value)
{
    m_csma.SetChannelAttribute(name, value);
}

void
SmkdNetworkBuilder::SetHostLinks(HostLinks links)
{
    m_hostLinks = links;
}

void
SmkdNetworkBuilder::SetHostLinkDelay(Time delay)
{
    m_hostLinkDelay = delay;
}

void
SmkdNetworkBuilder::SetAddressPlan(const SmkdAddressPlan& plan)
{
    m_plan = plan;
}

void
SmkdNetworkBuilder::SetAddressing(Addressing addressing)
{
    m_addressing = addressing;
}

void
SmkdNetworkBuilder::SetInstallQueueDiscs(bool install)
{
    m_queueDiscs = install;
}

void
SmkdNetworkBuilder::SetNameRouters(bool name)
{
    m_nameRouters = name;
}

void
SmkdNetworkBuilder::SetProgressCallback(Callback<void, const std::string&> progress)
{
    m_progress = progress;
}

void
SmkdNetworkBuilder::Done(const std::string& phase) const
{
    NS_LOG_INFO("phase done: " << phase);
    if (!m_progress.IsNull())
    {
        m_progress(phase);
    }
}

void
SmkdNetworkBuilder::Validate(const SmkdTopology& topology,
                             const std::vector<uint32_t>& hostRouters,
                             uint32_t hostsPerRouter,
                             SmkdAddressPlan& plan) const
{
    topology.CheckConnected();
    std::vector<bool> seen(topology.GetNRouters(), false);
    for (uint32_t r : hostRouters)
    {
        if (r >= topology.GetNRouters())
        {
            throw std::invalid_argument("SmkdNetworkBuilder: host router " + std::to_string(r) +
                                        " is not a router of the topology (" +
                                        std::to_string(topology.GetNRouters()) + " routers)");
        }
        if (seen[r])
        {
            throw std::invalid_argument("SmkdNetworkBuilder: " + topology.Describe(r) +
                                        " is listed twice as host router");
        }
        seen[r] = true;
    }
    if (hostsPerRouter == 0 && !hostRouters.empty())
    {
        throw std::invalid_argument("SmkdNetworkBuilder: host routers given, but 0 hosts each");
    }
    const uint64_t hosts = static_cast<uint64_t>(hostRouters.size()) * hostsPerRouter;
    if (hosts > 0xffffffffULL)
    {
        throw std::invalid_argument("SmkdNetworkBuilder: too many hosts");
    }
    const bool lans = m_hostLinks == HostLinks::CSMA_LAN && hosts > 0;
    if (lans)
    {
        plan.SetLanHosts(hostsPerRouter);
    }
    plan.CheckCapacity(topology.GetNLinks() + (lans ? 0 : hosts), lans ? hostRouters.size() : 0);
    if (m_nameRouters)
    {
        for (uint32_t r = 0; r < topology.GetNRouters(); ++r)
        {
            const std::string& name = topology.GetName(r);
            if (name.find('/') != std::string::npos || (!name.empty() && Names::Find<Node>(name)))
            {
                throw std::runtime_error("SmkdNetworkBuilder: cannot register " +
                                         topology.Describe(r) +
                                         " in ns-3's Names (taken, or contains '/')");
            }
        }
    }
}

void
SmkdNetworkBuilder::BuildRouters(SmkdNetwork& net)
{
    const SmkdTopology& topology = net.m_topology;
    net.m_routers.Create(topology.GetNRouters());
    m_routerStack.Install(net.m_routers);
    for (uint32_t r = 0; m_nameRouters && r < topology.GetNRouters(); ++r)
    {
        if (!topology.GetName(r).empty())
        {
            Names::Add(topology.GetName(r), net.m_routers.Get(r));
        }
    }
    Done("routers");
    net.m_linkDevices.resize(topology.GetNLinks());
    for (uint32_t i = 0; i < topology.GetNLinks(); ++i)
    {
        const SmkdTopology::Link& l = topology.GetLink(i);
        m_p2p.SetChannelAttribute("Delay", TimeValue(l.delay));
        NetDeviceContainer d = m_p2p.Install(net.m_routers.Get(l.a), net.m_routers.Get(l.b));
        net.m_linkDevices[i] = {d.Get(0), d.Get(1)};
    }
    Done("links");
}

void
SmkdNetworkBuilder::BuildHosts(SmkdNetwork& net,
                               const std::vector<uint32_t>& hostRouters,
                               uint32_t hostsPerRouter,
                               std::vector<NetDeviceContainer>& attachments)
{
    const uint32_t hosts = static_cast<uint32_t>(hostRouters.size()) * hostsPerRouter;
    net.m_hosts.Create(hosts);
    if (m_igmp)
    {
        m_igmp->InstallHosts(net.m_hosts);
    }
    else
    {
        m_hostStack.Install(net.m_hosts);
    }
    net.m_hostRouter.resize(hosts);
    net.m_firstHost.assign(net.m_routers.GetN(), SmkdTopology::NONE);
    net.m_hostCount.assign(net.m_routers.GetN(), 0);
    m_p2p.SetChannelAttribute("Delay", TimeValue(m_hostLinkDelay));
    uint32_t h = 0;
    for (uint32_t r : hostRouters)
    {
        Ptr<Node> router = net.m_routers.Get(r);
        net.m_firstHost[r] = h;
        net.m_hostCount[r] = hostsPerRouter;
        NodeContainer lan(router);
        for (uint32_t k = 0; k < hostsPerRouter; ++k, ++h)
        {
            net.m_hostRouter[h] = r;
            if (m_hostLinks == HostLinks::CSMA_LAN)
            {
                lan.Add(net.m_hosts.Get(h));
            }
            else
            {
                attachments.push_back(m_p2p.Install(router, net.m_hosts.Get(h)));
            }
        }
        if (m_hostLinks == HostLinks::CSMA_LAN)
        {
            attachments.push_back(m_csma.Install(lan));
        }
    }
    Done("hosts");
}

void
SmkdNetworkBuilder::AssignAddresses(SmkdNetwork& net,
                                    const SmkdAddressPlan& plan,
                                    const std::vector<NetDeviceContainer>& attachments) const
{
    const uint32_t links = static_cast<uint32_t>(net.m_linkDevices.size());
    const bool lans = m_hostLinks == HostLinks::CSMA_LAN;
    if (m_addressing == Addressing::DIRECT)
    {
        for (uint32_t i = 0; i < links; ++i)
        {
            for (uint32_t end = 0; end < 2; ++end)
            {
                SmkdAddressPlan::Assign(net.m_linkDevices[i][end],
                                        plan.GetLinkAddress(i, end),
                                        plan.GetLinkMask(),
                                        m_queueDiscs);
            }
        }
        for (uint32_t j = 0; j < attachments.size(); ++j)
        {
            for (uint32_t m = 0; m < attachments[j].GetN(); ++m)
            {
                SmkdAddressPlan::Assign(attachments[j].Get(m),
                                        lans ? plan.GetLanAddress(j, m)
                                             : plan.GetLinkAddress(links + j, m),
                                        lans ? plan.GetLanMask() : plan.GetLinkMask(),
                                        m_queueDiscs);
            }
        }
    }
    else
    {
        // ns-3's way, for comparison: the same subnets in the same order.
        Ipv4AddressHelper linkAddresses(plan.GetLinkBase(), plan.GetLinkMask());
        for (uint32_t i = 0; i < links; ++i)
        {
            linkAddresses.Assign(net.GetLinkDevices(i));
            linkAddresses.NewNetwork();
        }
        Ipv4AddressHelper lanAddresses(plan.GetLanBase(), plan.GetLanMask());
        Ipv4AddressHelper& hostAddresses = lans ? lanAddresses : linkAddresses;
        for (const NetDeviceContainer& a : attachments)
        {
            hostAddresses.Assign(a);
            hostAddresses.NewNetwork();
        }
    }
    net.m_linkInterfaces.resize(links);
    for (uint32_t i = 0; i < links; ++i)
    {
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<NetDevice> d = net.m_linkDevices[i][end];
            net.m_linkInterfaces[i][end] =
                static_cast<uint32_t>(d->GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(d));
        }
    }
    net.m_hostRouterInterface.resize(net.m_hosts.GetN());
    for (uint32_t h = 0; h < net.m_hosts.GetN(); ++h)
    {
        // A LAN per host router, or a link per host; the router's device comes first.
        const uint32_t perRouter = net.m_hostCount[net.m_hostRouter[h]];
        Ptr<NetDevice> d = attachments[lans ? h / perRouter : h].Get(0);
        net.m_hostRouterInterface[h] =
            static_cast<uint32_t>(d->GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(d));
    }
    Done("addresses");
}

void
SmkdNetworkBuilder::FinishHosts(SmkdNetwork& net) const
{
    for (uint32_t h = 0; h < net.m_hosts.GetN(); ++h)
    {
        Ptr<Node> host = net.m_hosts.Get(h);
        Ptr<Ipv4StaticRouting> routing = IgmpHelper::GetStaticRouting(host);
        if (!routing)
        {
            throw std::runtime_error("SmkdNetworkBuilder: host node " +
                                     std::to_string(host->GetId()) +
                                     " has no Ipv4StaticRouting for its default route");
        }
        routing->SetDefaultRoute(net.GetHostGateway(h), 1);
        if (m_igmp)
        {
            routing->SetDefaultMulticastRoute(1);
        }
    }
    if (m_igmp)
    {
        m_igmp->InstallRouters(net.m_routers);
    }
    Done("host-routes");
}

SmkdNetwork
SmkdNetworkBuilder::Build(const SmkdTopology& topology,
                          const std::vector<uint32_t>& hostRouters,
                          uint32_t hostsPerRouter)
{
    SmkdAddressPlan plan = m_plan;
    Validate(topology, hostRouters, hostsPerRouter, plan);
    SmkdNetwork net;
    net.m_topology = topology;
    BuildRouters(net);
    std::vector<NetDeviceContainer> attachments;
    BuildHosts(net, hostRouters, hostsPerRouter, attachments);
    AssignAddresses(net, plan, attachments);
    FinishHosts(net);
    return net;
}

} // namespace ns3
