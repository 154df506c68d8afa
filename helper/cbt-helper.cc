/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/node-list.h"

namespace ns3
{

CbtHelper::CbtHelper()
    : m_cores(ns3::Create<CbtCoreMap>())
{
    m_factory.SetTypeId(CbtRoutingProtocol::GetTypeId());
}

CbtHelper*
CbtHelper::Copy() const
{
    return new CbtHelper(*this); // copies share the core map, as routers of one domain must
}

Ptr<Ipv4RoutingProtocol>
CbtHelper::Create(Ptr<Node> node) const
{
    Ptr<CbtRoutingProtocol> cbt = m_factory.Create<CbtRoutingProtocol>();
    // Here, not only when the simulation starts: an exception out of an
    // ns-3 event leaks the event and what it holds.
    cbt->CheckTimers();
    cbt->SetCoreMap(m_cores);
    auto it = m_exclusions.find(node);
    if (it != m_exclusions.end())
    {
        cbt->SetInterfaceExclusions(it->second);
    }
    node->AggregateObject(cbt);
    return cbt;
}

void
CbtHelper::Set(std::string name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
CbtHelper::AddCores(Ipv4Address prefix, Ipv4Mask mask, std::vector<Ipv4Address> cores)
{
    m_cores->Add(prefix, mask, std::move(cores));
}

void
CbtHelper::AddCore(Ipv4Address prefix, Ipv4Mask mask, Ptr<Node> core)
{
    NS_ABORT_MSG_UNLESS(core, "CbtHelper::AddCore: null core node");
    m_cores->Add(prefix, mask, {PrimaryAddress(core)});
}

Ptr<CbtCoreMap>
CbtHelper::GetCoreMap() const
{
    return m_cores;
}

void
CbtHelper::ExcludeInterface(Ptr<Node> node, uint32_t interface)
{
    m_exclusions[node].insert(interface);
}

InternetStackHelper
CbtHelper::RouterStack() const
{
    return ListStack(nullptr, 0);
}

InternetStackHelper
CbtHelper::RouterStack(const Ipv4RoutingHelper& unicast, int16_t priority) const
{
    return ListStack(&unicast, priority);
}

InternetStackHelper
CbtHelper::ListStack(const Ipv4RoutingHelper* unicast, int16_t priority) const
{
    Ipv4ListRoutingHelper list;
    list.Add(*this, 10);
    if (unicast)
    {
        list.Add(*unicast, priority);
    }
    list.Add(Ipv4StaticRoutingHelper(), 0);
    list.Add(Ipv4GlobalRoutingHelper(), -10);
    InternetStackHelper stack;
    stack.SetRoutingHelper(list);
    return stack;
}

int64_t
CbtHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t current = stream;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<CbtRoutingProtocol> cbt = Get(*it))
        {
            current += cbt->AssignStreams(current);
        }
    }
    return current - stream;
}

Ptr<CbtRoutingProtocol>
CbtHelper::Get(Ptr<Node> node)
{
    return node->GetObject<CbtRoutingProtocol>();
}

Ipv4Address
CbtHelper::PrimaryAddress(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4, "node " << node->GetId() << " has no IPv4 stack");
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t k = 0; k < ipv4->GetNAddresses(i); ++k)
        {
            const Ipv4Address a = ipv4->GetAddress(i, k).GetLocal();
            if (!a.IsLocalhost())
            {
                return a;
            }
        }
    }
    NS_ABORT_MSG("node " << node->GetId() << " has no IPv4 address yet");
    return Ipv4Address();
}

} // namespace ns3
