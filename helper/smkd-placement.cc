/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-placement.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdPlacement");

NS_OBJECT_ENSURE_REGISTERED(SmkdPlacement);

namespace
{

std::string
Lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

void
CheckCount(uint32_t count, uint32_t available, const std::string& what, const std::string& of)
{
    if (count > available)
    {
        throw std::invalid_argument("asked for " + std::to_string(count) + " " + what +
                                    ", but there are only " + std::to_string(available) + " " + of);
    }
}

} // namespace

TypeId
SmkdPlacement::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdPlacement")
                            .SetParent<Object>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdPlacement>()
                            .AddAttribute("Clusters",
                                          "Seed routers of CLUSTERED member placement.",
                                          UintegerValue(4),
                                          MakeUintegerAccessor(&SmkdPlacement::m_clusters),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

SmkdPlacement::SmkdPlacement()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

int64_t
SmkdPlacement::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

SmkdPlacement::CoreStrategy
SmkdPlacement::ParseCoreStrategy(const std::string& name)
{
    const std::string n = Lower(name);
    if (n == "random")
    {
        return CoreStrategy::RANDOM;
    }
    if (n == "degree")
    {
        return CoreStrategy::HIGHEST_DEGREE;
    }
    if (n == "centre" || n == "center")
    {
        return CoreStrategy::CENTRE;
    }
    if (n == "given")
    {
        return CoreStrategy::GIVEN;
    }
    throw std::invalid_argument("unknown core placement '" + name +
                                "' (expected random, degree, centre or given)");
}

SmkdPlacement::MemberStrategy
SmkdPlacement::ParseMemberStrategy(const std::string& name)
{
    const std::string n = Lower(name);
    if (n == "uniform")
    {
        return MemberStrategy::UNIFORM;
    }
    if (n == "clustered")
    {
        return MemberStrategy::CLUSTERED;
    }
    if (n == "given")
    {
        return MemberStrategy::GIVEN;
    }
    throw std::invalid_argument("unknown member placement '" + name +
                                "' (expected uniform, clustered or given)");
}

uint32_t
SmkdPlacement::ResolveRouter(const SmkdTopology& topology, const std::string& router)
{
    const uint32_t named = topology.FindRouter(router);
    if (named != SmkdTopology::NONE)
    {
        return named;
    }
    if (!router.empty() && router.size() <= 10 &&
        std::all_of(router.begin(), router.end(), [](unsigned char c) { return std::isdigit(c); }))
    {
        const unsigned long long index = std::stoull(router);
        if (index < topology.GetNRouters())
        {
            return static_cast<uint32_t>(index);
        }
    }
    throw std::invalid_argument(
        "router '" + router + "' is not in topology '" + topology.GetSource() + "' (" +
        std::to_string(topology.GetNRouters()) + " routers; give a name or an index)");
}

void
SmkdPlacement::CheckGiven(const std::vector<uint32_t>& given, uint32_t n, const char* what)
{
    std::vector<bool> seen(n, false);
    for (uint32_t i : given)
    {
        if (i >= n)
        {
            throw std::invalid_argument(std::string("given ") + what + " " + std::to_string(i) +
                                        " does not exist (there are " + std::to_string(n) + ")");
        }
        if (seen[i])
        {
            throw std::invalid_argument(std::string("given ") + what + " " + std::to_string(i) +
                                        " is listed twice");
        }
        seen[i] = true;
    }
}

std::vector<uint32_t>
SmkdPlacement::Sample(uint32_t n, uint32_t count)
{
    std::vector<uint32_t> pool(n);
    std::iota(pool.begin(), pool.end(), 0);
    for (uint32_t i = 0; i < count; ++i)
    {
        std::swap(pool[i], pool[i + m_rng->GetInteger(0, n - 1 - i)]);
    }
    pool.resize(count);
    return pool;
}

std::vector<uint32_t>
SmkdPlacement::PlaceCores(const SmkdTopology& topology,
                          CoreStrategy strategy,
                          uint32_t count,
                          const std::vector<std::string>& given)
{
    const uint32_t n = topology.GetNRouters();
    if (strategy == CoreStrategy::GIVEN)
    {
        if (count != 0 && count != given.size())
        {
            throw std::invalid_argument("asked for " + std::to_string(count) + " cores but gave " +
                                        std::to_string(given.size()));
        }
        std::vector<uint32_t> cores;
        for (const std::string& g : given)
        {
            cores.push_back(ResolveRouter(topology, g));
        }
        CheckGiven(cores, n, "core router");
        return cores;
    }
    CheckCount(count, n, "cores", "routers");
    std::vector<uint32_t> cores;
    switch (strategy)
    {
    case CoreStrategy::RANDOM:
        cores = Sample(n, count);
        break;
    case CoreStrategy::HIGHEST_DEGREE:
        cores = topology.GetRoutersByDegree();
        cores.resize(count);
        break;
    case CoreStrategy::CENTRE: {
        if (count == 0)
        {
            break;
        }
        const uint32_t centre = topology.GetCentre();
        const std::vector<uint32_t> d = topology.HopDistances(centre);
        cores.resize(n);
        std::iota(cores.begin(), cores.end(), 0);
        std::sort(cores.begin(), cores.end(), [&](uint32_t a, uint32_t b) {
            return std::make_tuple(d[a], -static_cast<int64_t>(topology.GetDegree(a)), a) <
                   std::make_tuple(d[b], -static_cast<int64_t>(topology.GetDegree(b)), b);
        });
        cores.resize(count);
        break;
    }
    case CoreStrategy::GIVEN:
        break;
    }
    return cores;
}

std::vector<uint32_t>
SmkdPlacement::Clustered(const SmkdTopology& topology,
                         const std::vector<uint32_t>& routerOf,
                         uint32_t count)
{
    if (m_clusters == 0)
    {
        throw std::invalid_argument("clustered placement needs at least one cluster (Clusters)");
    }
    // Seeds among the routers that hold items, in first-appearance order.
    std::vector<uint32_t> routers;
    std::vector<bool> listed(topology.GetNRouters(), false);
    for (uint32_t r : routerOf)
    {
        if (!listed[r])
        {
            listed[r] = true;
            routers.push_back(r);
        }
    }
    std::vector<uint32_t> seeds;
    for (uint32_t i : Sample(static_cast<uint32_t>(routers.size()),
                             std::min<uint32_t>(m_clusters, static_cast<uint32_t>(routers.size()))))
    {
        seeds.push_back(routers[i]);
    }
    const std::vector<uint32_t> d = topology.HopDistances(seeds);
    // Nearest first; a random key orders the items at one distance.
    std::vector<std::pair<uint64_t, uint32_t>> order(routerOf.size());
    for (uint32_t i = 0; i < routerOf.size(); ++i)
    {
        order[i] = {(static_cast<uint64_t>(d[routerOf[i]]) << 32) |
                        m_rng->GetInteger(0, 0x7fffffff),
                    i};
    }
    std::sort(order.begin(), order.end());
    std::vector<uint32_t> chosen(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        chosen[i] = order[i].second;
    }
    return chosen;
}

std::vector<uint32_t>
SmkdPlacement::ChooseRouters(const SmkdTopology& topology,
                             MemberStrategy strategy,
                             uint32_t count,
                             const std::vector<uint32_t>& given)
{
    const uint32_t n = topology.GetNRouters();
    switch (strategy)
    {
    case MemberStrategy::GIVEN:
        CheckGiven(given, n, "router");
        return given;
    case MemberStrategy::UNIFORM:
        CheckCount(count, n, "routers", "routers in the topology");
        return Sample(n, count);
    case MemberStrategy::CLUSTERED: {
        CheckCount(count, n, "routers", "routers in the topology");
        std::vector<uint32_t> self(n);
        std::iota(self.begin(), self.end(), 0);
        return Clustered(topology, self, count);
    }
    }
    return {};
}

std::vector<uint32_t>
SmkdPlacement::ChooseHosts(const SmkdTopology& topology,
                           const std::vector<uint32_t>& hostRouters,
                           MemberStrategy strategy,
                           uint32_t count,
                           const std::vector<uint32_t>& given)
{
    const uint32_t n = static_cast<uint32_t>(hostRouters.size());
    for (uint32_t r : hostRouters)
    {
        if (r >= topology.GetNRouters())
        {
            throw std::invalid_argument("a host slot is on router " + std::to_string(r) +
                                        ", which the topology does not have");
        }
    }
    switch (strategy)
    {
    case MemberStrategy::GIVEN:
        CheckGiven(given, n, "host");
        return given;
    case MemberStrategy::UNIFORM:
        CheckCount(count, n, "member hosts", "host slots");
        return Sample(n, count);
    case MemberStrategy::CLUSTERED:
        CheckCount(count, n, "member hosts", "host slots");
        return Clustered(topology, hostRouters, count);
    }
    return {};
}

std::vector<uint32_t>
SmkdPlacement::ChooseSenders(const std::vector<uint32_t>& candidates, uint32_t count)
{
    CheckCount(count, static_cast<uint32_t>(candidates.size()), "senders", "candidates");
    std::vector<uint32_t> senders;
    for (uint32_t i : Sample(static_cast<uint32_t>(candidates.size()), count))
    {
        senders.push_back(candidates[i]);
    }
    return senders;
}

} // namespace ns3
