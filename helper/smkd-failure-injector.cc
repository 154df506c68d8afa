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

#include <cctype>
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

namespace
{

uint32_t
ParseRouter(const std::string& text, const std::string& entry)
{
    std::size_t used = 0;
    unsigned long r = 0;
    try
    {
        r = std::stoul(text, &used);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (text.empty() || used != text.size() || r >= SmkdFailure::ROUTER)
    {
        throw std::invalid_argument("failure '" + entry + "': '" + text +
                                    "' is not a router index");
    }
    return static_cast<uint32_t>(r);
}

Time
ParseTime(const std::string& text, const std::string& entry)
{
    // ns-3's Time parser aborts on garbage: accept only <number><unit>.
    std::size_t digits = 0;
    while (digits < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
    {
        ++digits;
    }
    const std::string unit = text.substr(digits);
    static const char* units[] = {"s", "ms", "us", "ns", "min", "h"};
    bool known = false;
    for (const char* u : units)
    {
        known |= unit == u;
    }
    if (digits == 0 || !known)
    {
        throw std::invalid_argument("failure '" + entry + "': '" + text +
                                    "' is not a time such as 12s or 500ms");
    }
    return Time(text);
}

} // namespace

std::vector<SmkdFailure>
SmkdFailure::ParseList(const std::string& list)
{
    std::vector<SmkdFailure> out;
    std::istringstream in(list);
    std::string entry;
    while (std::getline(in, entry, ','))
    {
        if (entry.empty())
        {
            continue;
        }
        const std::size_t colon = entry.find(':');
        const std::size_t at = entry.find('@');
        if (colon == std::string::npos || at == std::string::npos || at < colon)
        {
            throw std::invalid_argument("failure '" + entry +
                                        "': expected link:A-B@TIME[+DURATION] or "
                                        "router:A@TIME[+DURATION]");
        }
        const std::string kind = entry.substr(0, colon);
        const std::string what = entry.substr(colon + 1, at - colon - 1);
        std::string when = entry.substr(at + 1);
        SmkdFailure f;
        const std::size_t plus = when.find('+');
        if (plus != std::string::npos)
        {
            f.duration = ParseTime(when.substr(plus + 1), entry);
            when = when.substr(0, plus);
        }
        f.at = ParseTime(when, entry);
        if (kind == "router")
        {
            f.a = ParseRouter(what, entry);
        }
        else if (kind == "link")
        {
            const std::size_t dash = what.find('-');
            if (dash == std::string::npos)
            {
                throw std::invalid_argument("failure '" + entry + "': a link is A-B");
            }
            f.a = ParseRouter(what.substr(0, dash), entry);
            f.b = ParseRouter(what.substr(dash + 1), entry);
        }
        else
        {
            throw std::invalid_argument("failure '" + entry + "': unknown kind '" + kind +
                                        "' (expected link or router)");
        }
        out.push_back(f);
    }
    return out;
}

SmkdFailureInjector::SmkdFailureInjector(const SmkdNetwork& network, Ptr<SmkdTreeRoutes> routes)
    : m_network(network),
      m_routes(routes)
{
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
    Covered& c = m_devices[device];
    c.failures = fail ? c.failures + 1 : (c.failures > 0 ? c.failures - 1 : 0);
    if (!c.loss)
    {
        // A model of its own per device, so that a repair can disable it
        // (devices accept no null error model back).
        c.loss = CreateObject<RateErrorModel>();
        c.loss->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        c.loss->SetRate(1.0);
        device->SetAttribute("ReceiveErrorModel", PointerValue(c.loss));
    }
    if (c.failures > 0)
    {
        c.loss->Enable();
    }
    else
    {
        c.loss->Disable();
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
