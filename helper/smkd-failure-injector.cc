/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-failure-injector.h"

#include "ns3/channel.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/smkd-tree-routes.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdFailureInjector");

std::string
SmkdFailure::Describe() const
{
    std::ostringstream os;
    if (b == ROUTER)
    {
        os << "router " << a;
    }
    else
    {
        os << "link " << a << "-" << b;
    }
    os << " at " << at.As(Time::S);
    if (duration.IsStrictlyPositive())
    {
        os << " for " << duration.As(Time::S);
    }
    return os.str();
}

SmkdFailureInjector::SmkdFailureInjector(const SmkdNetwork& network, Ptr<SmkdTreeRoutes> routes)
    : m_network(network),
      m_routes(routes),
      m_loseAll(CreateObject<RateErrorModel>())
{
    m_loseAll->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    m_loseAll->SetRate(1.0);
}

void
SmkdFailureInjector::Validate(const SmkdFailure& failure, const SmkdTopology& topology)
{
    const uint32_t n = topology.GetNRouters();
    auto fail = [&failure](const std::string& why) {
        throw std::invalid_argument("failure of " + failure.Describe() + ": " + why);
    };
    if (failure.at.IsStrictlyNegative() || failure.duration.IsStrictlyNegative())
    {
        fail("times must not be negative");
    }
    if (failure.a >= n || (failure.b != SmkdFailure::ROUTER && failure.b >= n))
    {
        fail("the topology has routers 0 to " + std::to_string(n - 1));
    }
    if (failure.b != SmkdFailure::ROUTER &&
        topology.FindLink(failure.a, failure.b) == SmkdTopology::NONE)
    {
        fail("the topology has no link between these routers");
    }
}

void
SmkdFailureInjector::Schedule(const SmkdFailure& failure)
{
    Validate(failure, m_network.GetTopology());
    Simulator::Schedule(failure.at, &SmkdFailureInjector::Apply, this, failure, true);
    if (failure.duration.IsStrictlyPositive())
    {
        Simulator::Schedule(failure.at + failure.duration,
                            &SmkdFailureInjector::Apply,
                            this,
                            failure,
                            false);
    }
}

uint32_t
SmkdFailureInjector::GetNFailed() const
{
    return m_failed;
}

uint32_t
SmkdFailureInjector::GetNRepaired() const
{
    return m_repaired;
}

void
SmkdFailureInjector::SetChangeCallback(ChangeCallback cb)
{
    m_change = cb;
}

void
SmkdFailureInjector::SetDeviceFailed(Ptr<NetDevice> device, bool fail)
{
    uint32_t& count = m_deviceFailures[device];
    count = fail ? count + 1 : (count > 0 ? count - 1 : 0);
    if (count <= 1)
    {
        device->SetAttribute("ReceiveErrorModel",
                             PointerValue(count > 0 ? m_loseAll : Ptr<RateErrorModel>()));
    }
}

void
SmkdFailureInjector::Apply(const SmkdFailure& failure, bool fail)
{
    NS_LOG_INFO((fail ? "failing " : "repairing ") << failure.Describe());
    const SmkdTopology& topology = m_network.GetTopology();
    std::vector<uint32_t> links;
    if (failure.b == SmkdFailure::ROUTER)
    {
        for (const SmkdTopology::Adjacency& adj : topology.GetAdjacency(failure.a))
        {
            links.push_back(adj.link);
        }
        // Every device on every channel of the router: its links and its LAN.
        Ptr<Node> router = m_network.GetRouter(failure.a);
        for (uint32_t d = 0; d < router->GetNDevices(); ++d)
        {
            Ptr<Channel> channel = router->GetDevice(d)->GetChannel();
            for (std::size_t k = 0; channel && k < channel->GetNDevices(); ++k)
            {
                SetDeviceFailed(channel->GetDevice(k), fail);
            }
        }
    }
    else
    {
        const uint32_t link = topology.FindLink(failure.a, failure.b);
        links.push_back(link);
        NetDeviceContainer devices = m_network.GetLinkDevices(link);
        for (uint32_t k = 0; k < devices.GetN(); ++k)
        {
            SetDeviceFailed(devices.Get(k), fail);
        }
    }
    bool routesChanged = false;
    for (uint32_t link : links)
    {
        uint32_t& count = m_linkFailures[link];
        const bool wasUp = count == 0;
        count = fail ? count + 1 : (count > 0 ? count - 1 : 0);
        if (m_routes && wasUp != (count == 0))
        {
            routesChanged |= m_routes->SetLinkUp(m_network.GetLinkAddress(link, 0), count == 0);
        }
    }
    if (routesChanged)
    {
        m_routes->Build();
    }
    ++(fail ? m_failed : m_repaired);
    if (!m_change.IsNull())
    {
        m_change(failure, fail);
    }
}

} // namespace ns3
