/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-network.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdNetwork");

void
SmkdNetwork::Check(uint32_t i, uint32_t n, const char* what)
{
    if (i >= n)
    {
        throw std::invalid_argument(std::string("SmkdNetwork: no ") + what + " " +
                                    std::to_string(i) + " (there are " + std::to_string(n) + ")");
    }
}

Ipv4Address
SmkdNetwork::AddressOf(Ptr<Node> node, uint32_t interface)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4 || interface >= ipv4->GetNInterfaces() || ipv4->GetNAddresses(interface) == 0)
    {
        throw std::runtime_error("SmkdNetwork: node " + std::to_string(node->GetId()) +
                                 " has no address on interface " + std::to_string(interface));
    }
    return ipv4->GetAddress(interface, 0).GetLocal();
}

const SmkdTopology&
SmkdNetwork::GetTopology() const
{
    return m_topology;
}

uint32_t
SmkdNetwork::GetNRouters() const
{
    return m_routers.GetN();
}

uint32_t
SmkdNetwork::GetNHosts() const
{
    return m_hosts.GetN();
}

const NodeContainer&
SmkdNetwork::GetRouters() const
{
    return m_routers;
}

const NodeContainer&
SmkdNetwork::GetHosts() const
{
    return m_hosts;
}

Ptr<Node>
SmkdNetwork::GetRouter(uint32_t r) const
{
    Check(r, GetNRouters(), "router");
    return m_routers.Get(r);
}

Ptr<Node>
SmkdNetwork::GetHost(uint32_t h) const
{
    Check(h, GetNHosts(), "host");
    return m_hosts.Get(h);
}

NodeContainer
SmkdNetwork::GetRouters(const std::vector<uint32_t>& routers) const
{
    NodeContainer c;
    for (uint32_t r : routers)
    {
        c.Add(GetRouter(r));
    }
    return c;
}

NodeContainer
SmkdNetwork::GetHosts(const std::vector<uint32_t>& hosts) const
{
    NodeContainer c;
    for (uint32_t h : hosts)
    {
        c.Add(GetHost(h));
    }
    return c;
}

uint32_t
SmkdNetwork::GetHostRouter(uint32_t h) const
{
    Check(h, GetNHosts(), "host");
    return m_hostRouter[h];
}

const std::vector<uint32_t>&
SmkdNetwork::GetHostRouters() const
{
    return m_hostRouter;
}

std::vector<uint32_t>
SmkdNetwork::GetHostsOf(uint32_t r) const
{
    Check(r, GetNRouters(), "router");
    std::vector<uint32_t> hosts;
    for (uint32_t k = 0; k < m_hostCount[r]; ++k)
    {
        hosts.push_back(m_firstHost[r] + k);
    }
    return hosts;
}

Ipv4Address
SmkdNetwork::GetRouterAddress(uint32_t r) const
{
    return AddressOf(GetRouter(r), 1); // interface 0 is the loopback
}

Ipv4Address
SmkdNetwork::GetHostAddress(uint32_t h) const
{
    return AddressOf(GetHost(h), 1);
}

Ipv4Address
SmkdNetwork::GetHostGateway(uint32_t h) const
{
    return AddressOf(m_routers.Get(GetHostRouter(h)), m_hostRouterInterface[h]);
}

uint32_t
SmkdNetwork::GetHostRouterInterface(uint32_t h) const
{
    Check(h, GetNHosts(), "host");
    return m_hostRouterInterface[h];
}

NetDeviceContainer
SmkdNetwork::GetLinkDevices(uint32_t link) const
{
    Check(link, static_cast<uint32_t>(m_linkDevices.size()), "link");
    NetDeviceContainer c;
    c.Add(m_linkDevices[link][0]);
    c.Add(m_linkDevices[link][1]);
    return c;
}

uint32_t
SmkdNetwork::GetLinkInterface(uint32_t link, uint32_t end) const
{
    Check(link, static_cast<uint32_t>(m_linkInterfaces.size()), "link");
    Check(end, 2, "link end");
    return m_linkInterfaces[link][end];
}

Ipv4Address
SmkdNetwork::GetLinkAddress(uint32_t link, uint32_t end) const
{
    const SmkdTopology::Link& l = m_topology.GetLink(link);
    return AddressOf(m_routers.Get(end == 0 ? l.a : l.b), GetLinkInterface(link, end));
}

} // namespace ns3
