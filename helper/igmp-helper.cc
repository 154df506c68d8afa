/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-helper.h"

#include "ns3/abort.h"
#include "ns3/cbt-routing-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"

namespace ns3
{

IgmpHostRoutingHelper*
IgmpHostRoutingHelper::Copy() const
{
    return new IgmpHostRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
IgmpHostRoutingHelper::Create(Ptr<Node> node) const
{
    Ipv4ListRoutingHelper list;
    list.Add(Ipv4StaticRoutingHelper(), 0);
    list.Add(Ipv4GlobalRoutingHelper(), -10);
    Ptr<IgmpHostRouting> routing = CreateObject<IgmpHostRouting>();
    routing->SetInner(list.Create(node));
    return routing;
}

IgmpHelper::IgmpHelper()
{
    m_hostFactory.SetTypeId(IgmpHost::GetTypeId());
    m_routerFactory.SetTypeId(IgmpRouter::GetTypeId());
}

void
IgmpHelper::SetHostAttribute(std::string name, const AttributeValue& value)
{
    m_hostFactory.Set(name, value);
}

void
IgmpHelper::SetRouterAttribute(std::string name, const AttributeValue& value)
{
    m_routerFactory.Set(name, value);
}

void
IgmpHelper::SetIpv6StackInstall(bool install)
{
    m_ipv6 = install;
}

void
IgmpHelper::InstallHosts(NodeContainer hosts) const
{
    InternetStackHelper stack;
    stack.SetIpv6StackInstall(m_ipv6);
    stack.SetRoutingHelper(IgmpHostRoutingHelper());
    stack.Install(hosts);
    for (auto it = hosts.Begin(); it != hosts.End(); ++it)
    {
        (*it)->AggregateObject(m_hostFactory.Create<IgmpHost>());
    }
}

void
IgmpHelper::InstallRouters(NodeContainer routers) const
{
    for (auto it = routers.Begin(); it != routers.End(); ++it)
    {
        Ptr<Node> node = *it;
        NS_ABORT_MSG_UNLESS(node->GetObject<Ipv4>(),
                            "IgmpHelper::InstallRouters: node " << node->GetId()
                                                                << " has no internet stack");
        Ptr<IgmpRouter> igmp = m_routerFactory.Create<IgmpRouter>();
        node->AggregateObject(igmp);
        if (Ptr<CbtRoutingProtocol> cbt = node->GetObject<CbtRoutingProtocol>())
        {
            // Raw-pointer callbacks: the two live and die with the node, and
            // counted references both ways would keep each other alive.
            igmp->SetMembershipCallback(
                MakeCallback(&CbtRoutingProtocol::NotifyMembership, PeekPointer(cbt)));
            cbt->SetMemberLinkFilter(MakeCallback(&IgmpRouter::ShouldForward, PeekPointer(igmp)));
        }
    }
}

void
IgmpHelper::SetDefaultMulticastRoute(Ptr<Node> host, uint32_t interface)
{
    NS_ABORT_MSG_UNLESS(host->GetObject<Ipv4>(),
                        "node " << host->GetId() << " has no internet stack");
    Ptr<Ipv4StaticRouting> staticRouting = GetStaticRouting(host);
    NS_ABORT_MSG_UNLESS(staticRouting, "node " << host->GetId() << " has no static routing");
    staticRouting->SetDefaultMulticastRoute(interface);
}

Ptr<Ipv4StaticRouting>
IgmpHelper::GetStaticRouting(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4)
    {
        return nullptr;
    }
    Ptr<Ipv4RoutingProtocol> routing = ipv4->GetRoutingProtocol();
    if (Ptr<IgmpHostRouting> igmp = DynamicCast<IgmpHostRouting>(routing))
    {
        routing = igmp->GetInner();
    }
    if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(routing))
    {
        for (uint32_t k = 0; k < list->GetNRoutingProtocols(); ++k)
        {
            int16_t priority;
            if (Ptr<Ipv4StaticRouting> s =
                    DynamicCast<Ipv4StaticRouting>(list->GetRoutingProtocol(k, priority)))
            {
                return s;
            }
        }
        return nullptr;
    }
    return DynamicCast<Ipv4StaticRouting>(routing);
}

Ptr<IgmpHost>
IgmpHelper::GetHost(Ptr<Node> node)
{
    return node->GetObject<IgmpHost>();
}

Ptr<IgmpRouter>
IgmpHelper::GetRouter(Ptr<Node> node)
{
    return node->GetObject<IgmpRouter>();
}

int64_t
IgmpHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<IgmpHost> host = GetHost(*it))
        {
            current += host->AssignStreams(current);
        }
    }
    return current - stream;
}

} // namespace ns3
