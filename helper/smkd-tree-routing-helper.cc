/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-tree-routing-helper.h"

#include "ns3/channel.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"

#include <stdexcept>
#include <unordered_map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdTreeRoutingHelper");

SmkdTreeRoutingHelper::SmkdTreeRoutingHelper()
    : m_routes(ns3::Create<SmkdTreeRoutes>())
{
}

SmkdTreeRoutingHelper*
SmkdTreeRoutingHelper::Copy() const
{
    return new SmkdTreeRoutingHelper(*this); // shares m_routes
}

Ptr<Ipv4RoutingProtocol>
SmkdTreeRoutingHelper::Create(Ptr<Node> node) const
{
    Ptr<SmkdTreeRouting> routing = CreateObject<SmkdTreeRouting>();
    node->AggregateObject(routing); // so that Populate finds it inside any list
    return routing;
}

Ptr<SmkdTreeRoutes>
SmkdTreeRoutingHelper::GetRoutes() const
{
    return m_routes;
}

Ptr<SmkdTreeRouting>
SmkdTreeRoutingHelper::Get(Ptr<Node> node)
{
    return node->GetObject<SmkdTreeRouting>();
}

void
SmkdTreeRoutingHelper::Populate(NodeContainer routers, NodeContainer anchors) const
{
    m_routes->Clear();
    std::unordered_map<uint32_t, uint32_t> index; // node id -> router index
    index.reserve(routers.GetN());
    for (uint32_t i = 0; i < routers.GetN(); ++i)
    {
        Ptr<Node> node = routers.Get(i);
        if (!Get(node) || !node->GetObject<Ipv4>())
        {
            throw std::runtime_error("SmkdTreeRoutingHelper::Populate: node " +
                                     std::to_string(node->GetId()) +
                                     " has no SmkdTreeRouting; install routers with a stack "
                                     "that holds this helper");
        }
        if (!index.emplace(node->GetId(), m_routes->AddRouter()).second)
        {
            throw std::runtime_error("SmkdTreeRoutingHelper::Populate: node " +
                                     std::to_string(node->GetId()) + " is listed twice");
        }
    }
    // Links between routers (each pair once, from its lower index) and
    // attached hosts, from every router's channels.
    for (uint32_t i = 0; i < routers.GetN(); ++i)
    {
        Ptr<Ipv4> ipv4 = routers.Get(i)->GetObject<Ipv4>();
        for (uint32_t k = 0; k < ipv4->GetNInterfaces(); ++k)
        {
            Ptr<NetDevice> device = ipv4->GetNetDevice(k);
            Ptr<Channel> channel = device->GetChannel();
            if (DynamicCast<LoopbackNetDevice>(device) || ipv4->GetNAddresses(k) == 0 || !channel)
            {
                continue;
            }
            TimeValue delay(Seconds(0));
            channel->GetAttributeFailSafe("Delay", delay);
            for (std::size_t j = 0; j < channel->GetNDevices(); ++j)
            {
                Ptr<NetDevice> other = channel->GetDevice(j);
                Ptr<Ipv4> otherIpv4 = other->GetNode()->GetObject<Ipv4>();
                const int32_t otherIf = otherIpv4 ? otherIpv4->GetInterfaceForDevice(other) : -1;
                if (other == device || otherIf < 0 || otherIpv4->GetNAddresses(otherIf) == 0)
                {
                    continue;
                }
                auto router = index.find(other->GetNode()->GetId());
                if (router == index.end())
                {
                    for (uint32_t a = 0; a < otherIpv4->GetNAddresses(otherIf); ++a)
                    {
                        m_routes->AddAttached(i, k, otherIpv4->GetAddress(otherIf, a).GetLocal());
                    }
                }
                else if (i < router->second)
                {
                    m_routes->AddLink(i,
                                      k,
                                      ipv4->GetAddress(k, 0).GetLocal(),
                                      router->second,
                                      static_cast<uint32_t>(otherIf),
                                      otherIpv4->GetAddress(otherIf, 0).GetLocal(),
                                      delay.Get());
                }
            }
        }
    }
    // Every router address not registered on a link (host LANs, secondary addresses).
    for (uint32_t i = 0; i < routers.GetN(); ++i)
    {
        Ptr<Ipv4> ipv4 = routers.Get(i)->GetObject<Ipv4>();
        for (uint32_t k = 0; k < ipv4->GetNInterfaces(); ++k)
        {
            if (DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(k)))
            {
                continue;
            }
            for (uint32_t a = 0; a < ipv4->GetNAddresses(k); ++a)
            {
                m_routes->AddRouterAddress(i, ipv4->GetAddress(k, a).GetLocal());
            }
        }
    }
    for (uint32_t i = 0; i < anchors.GetN(); ++i)
    {
        Ptr<Node> anchor = anchors.Get(i);
        auto router = index.find(anchor->GetId());
        uint32_t root = router == index.end() ? SmkdTreeRoutes::NONE : router->second;
        Ptr<Ipv4> ipv4 = anchor->GetObject<Ipv4>();
        for (uint32_t k = 0; ipv4 && root == SmkdTreeRoutes::NONE && k < ipv4->GetNInterfaces();
             ++k)
        {
            if (ipv4->GetNAddresses(k) > 0 &&
                !DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(k)))
            {
                root = m_routes->GetOwner(ipv4->GetAddress(k, 0).GetLocal());
            }
        }
        if (root == SmkdTreeRoutes::NONE)
        {
            throw std::runtime_error("SmkdTreeRoutingHelper::Populate: anchor node " +
                                     std::to_string(anchor->GetId()) +
                                     " is neither a router nor attached to one");
        }
        m_routes->AddRoot(root);
    }
    m_routes->Build();
    for (uint32_t i = 0; i < routers.GetN(); ++i)
    {
        Get(routers.Get(i))->SetRoutes(m_routes, i);
    }
    if (m_routes->GetUnreachedCount() > 0)
    {
        NS_LOG_WARN("the routers form more than one component: "
                    << m_routes->GetUnreachedCount() << " router-tree pairs have no route");
    }
}

} // namespace ns3
