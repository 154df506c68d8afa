/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-topology-generator.h"

#include "ns3/double.h"
#include "ns3/log.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdTopologyGenerator");

NS_OBJECT_ENSURE_REGISTERED(SmkdTopologyGenerator);
NS_OBJECT_ENSURE_REGISTERED(SmkdKaryTreeGenerator);
NS_OBJECT_ENSURE_REGISTERED(SmkdGridGenerator);
NS_OBJECT_ENSURE_REGISTERED(SmkdWaxmanGenerator);
NS_OBJECT_ENSURE_REGISTERED(SmkdBarabasiAlbertGenerator);
NS_OBJECT_ENSURE_REGISTERED(SmkdTransitStubGenerator);

namespace
{

/// Largest graph a generator agrees to build: beyond it, a parameter is wrong.
constexpr uint64_t MAX_ROUTERS = 10000000;

void
Require(bool condition, const std::string& message)
{
    if (!condition)
    {
        throw std::invalid_argument(message);
    }
}

} // namespace

TypeId
SmkdTopologyGenerator::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdTopologyGenerator")
                            .SetParent<Object>()
                            .SetGroupName("Smkd")
                            .AddAttribute("LinkDelay",
                                          "One-way delay of the links (of intra-stub links for "
                                          "transit-stub graphs).",
                                          TimeValue(MilliSeconds(1)),
                                          MakeTimeAccessor(&SmkdTopologyGenerator::m_linkDelay),
                                          MakeTimeChecker());
    return tid;
}

SmkdTopologyGenerator::SmkdTopologyGenerator()
    : m_rng(CreateObject<UniformRandomVariable>())
{
}

int64_t
SmkdTopologyGenerator::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

uint32_t
SmkdTopologyGenerator::Draw(uint32_t max)
{
    return m_rng->GetInteger(0, max);
}

double
SmkdTopologyGenerator::Draw01()
{
    return m_rng->GetValue(0.0, 1.0);
}

std::vector<std::pair<uint32_t, uint32_t>>
SmkdTopologyGenerator::RandomConnected(uint32_t n, double p)
{
    std::vector<std::pair<uint32_t, uint32_t>> edges;
    std::vector<uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    for (uint32_t i = n; i > 1; --i) // Fisher–Yates
    {
        std::swap(order[i - 1], order[Draw(i - 1)]);
    }
    std::unordered_set<uint64_t> tree;
    auto key = [](uint32_t a, uint32_t b) {
        return (static_cast<uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
    };
    for (uint32_t i = 1; i < n; ++i)
    {
        const uint32_t a = order[i];
        const uint32_t b = order[Draw(i - 1)];
        edges.emplace_back(std::min(a, b), std::max(a, b));
        tree.insert(key(a, b));
    }
    if (p > 0)
    {
        for (uint32_t a = 0; a < n; ++a)
        {
            for (uint32_t b = a + 1; b < n; ++b)
            {
                if (!tree.count(key(a, b)) && Draw01() < p)
                {
                    edges.emplace_back(a, b);
                }
            }
        }
    }
    return edges;
}

std::string
SmkdTopologyGenerator::Source(const std::string& what) const
{
    std::ostringstream os;
    os << what << " (seed " << RngSeedManager::GetSeed() << ", run " << RngSeedManager::GetRun()
       << ", stream " << m_rng->GetStream() << ")";
    return os.str();
}

// ---- k-ary tree ----

TypeId
SmkdKaryTreeGenerator::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdKaryTreeGenerator")
                            .SetParent<SmkdTopologyGenerator>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdKaryTreeGenerator>()
                            .AddAttribute("Arity",
                                          "Children per inner router (k >= 1).",
                                          UintegerValue(2),
                                          MakeUintegerAccessor(&SmkdKaryTreeGenerator::m_arity),
                                          MakeUintegerChecker<uint32_t>())
                            .AddAttribute("Depth",
                                          "Links from the root to every leaf.",
                                          UintegerValue(3),
                                          MakeUintegerAccessor(&SmkdKaryTreeGenerator::m_depth),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

SmkdTopology
SmkdKaryTreeGenerator::Generate()
{
    Require(m_arity >= 1, "k-ary tree: Arity must be at least 1");
    uint64_t routers = 1;
    uint64_t level = 1;
    for (uint32_t d = 0; d < m_depth; ++d)
    {
        level *= m_arity;
        routers += level;
        Require(routers <= MAX_ROUTERS,
                "k-ary tree: more than " + std::to_string(MAX_ROUTERS) + " routers");
    }
    std::ostringstream what;
    what << m_arity << "-ary tree of depth " << m_depth;
    SmkdTopology t(static_cast<uint32_t>(routers), what.str());
    for (uint32_t child = 1; child < routers; ++child)
    {
        t.AddLink((child - 1) / m_arity, child, m_linkDelay);
    }
    return t;
}

// ---- grid ----

TypeId
SmkdGridGenerator::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdGridGenerator")
                            .SetParent<SmkdTopologyGenerator>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdGridGenerator>()
                            .AddAttribute("Width",
                                          "Routers per row.",
                                          UintegerValue(4),
                                          MakeUintegerAccessor(&SmkdGridGenerator::m_width),
                                          MakeUintegerChecker<uint32_t>())
                            .AddAttribute("Height",
                                          "Rows.",
                                          UintegerValue(4),
                                          MakeUintegerAccessor(&SmkdGridGenerator::m_height),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

SmkdTopology
SmkdGridGenerator::Generate()
{
    Require(m_width >= 1 && m_height >= 1, "grid: Width and Height must be at least 1");
    Require(static_cast<uint64_t>(m_width) * m_height <= MAX_ROUTERS,
            "grid: more than " + std::to_string(MAX_ROUTERS) + " routers");
    std::ostringstream what;
    what << "grid " << m_width << "x" << m_height;
    SmkdTopology t(m_width * m_height, what.str());
    for (uint32_t y = 0; y < m_height; ++y)
    {
        for (uint32_t x = 0; x < m_width; ++x)
        {
            const uint32_t r = y * m_width + x;
            if (x + 1 < m_width)
            {
                t.AddLink(r, r + 1, m_linkDelay);
            }
            if (y + 1 < m_height)
            {
                t.AddLink(r, r + m_width, m_linkDelay);
            }
        }
    }
    return t;
}

// ---- Waxman ----

TypeId
SmkdWaxmanGenerator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdWaxmanGenerator")
            .SetParent<SmkdTopologyGenerator>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdWaxmanGenerator>()
            .AddAttribute("Routers",
                          "Number of routers.",
                          UintegerValue(100),
                          MakeUintegerAccessor(&SmkdWaxmanGenerator::m_routers),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Alpha",
                          "Waxman's alpha, in (0, 1]: link density.",
                          DoubleValue(0.4),
                          MakeDoubleAccessor(&SmkdWaxmanGenerator::m_alpha),
                          MakeDoubleChecker<double>())
            .AddAttribute("Beta",
                          "Waxman's beta, > 0: the larger, the more long links.",
                          DoubleValue(0.1),
                          MakeDoubleAccessor(&SmkdWaxmanGenerator::m_beta),
                          MakeDoubleChecker<double>())
            .AddAttribute("DistanceDelay",
                          "Delay added per unit of distance relative to the square's "
                          "diagonal (0: every link has LinkDelay).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SmkdWaxmanGenerator::m_distanceDelay),
                          MakeTimeChecker());
    return tid;
}

SmkdTopology
SmkdWaxmanGenerator::Generate()
{
    Require(m_routers >= 1 && m_routers <= MAX_ROUTERS, "Waxman: Routers out of range");
    Require(m_alpha > 0 && m_alpha <= 1, "Waxman: Alpha must lie in (0, 1]");
    Require(m_beta > 0, "Waxman: Beta must be positive");
    const uint32_t n = m_routers;
    std::vector<double> x(n);
    std::vector<double> y(n);
    for (uint32_t i = 0; i < n; ++i)
    {
        x[i] = Draw01();
        y[i] = Draw01();
    }
    const double diagonal = std::sqrt(2.0);
    auto distance = [&](uint32_t a, uint32_t b) { return std::hypot(x[a] - x[b], y[a] - y[b]); };
    auto delay = [&](double d) { return m_linkDelay + m_distanceDelay * (d / diagonal); };
    std::ostringstream what;
    what << "Waxman n=" << n << " alpha=" << m_alpha << " beta=" << m_beta;
    SmkdTopology t(n, Source(what.str()));
    for (uint32_t a = 0; a < n; ++a)
    {
        for (uint32_t b = a + 1; b < n; ++b)
        {
            const double d = distance(a, b);
            if (Draw01() < m_alpha * std::exp(-d / (m_beta * diagonal)))
            {
                t.AddLink(a, b, delay(d));
            }
        }
    }
    // Repair: join the component of the lowest unreachable router to router
    // 0's component through their closest pair, until one component is left.
    uint32_t repairs = 0;
    for (;;)
    {
        const std::vector<uint32_t> fromZero = t.HopDistances(0);
        auto it = std::find(fromZero.begin(), fromZero.end(), SmkdTopology::NONE);
        if (it == fromZero.end())
        {
            break;
        }
        const std::vector<uint32_t> island =
            t.HopDistances(static_cast<uint32_t>(it - fromZero.begin()));
        uint32_t bestA = SmkdTopology::NONE;
        uint32_t bestB = SmkdTopology::NONE;
        double best = 0;
        for (uint32_t a = 0; a < n; ++a)
        {
            if (island[a] == SmkdTopology::NONE)
            {
                continue;
            }
            for (uint32_t b = 0; b < n; ++b)
            {
                if (fromZero[b] != SmkdTopology::NONE &&
                    (bestA == SmkdTopology::NONE || distance(a, b) < best))
                {
                    bestA = a;
                    bestB = b;
                    best = distance(a, b);
                }
            }
        }
        t.AddLink(bestA, bestB, delay(best));
        ++repairs;
    }
    NS_LOG_INFO(t.GetSource() << ": " << t.GetNLinks() << " links, " << repairs
                              << " added to connect it");
    return t;
}

// ---- Barabási–Albert ----

TypeId
SmkdBarabasiAlbertGenerator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdBarabasiAlbertGenerator")
            .SetParent<SmkdTopologyGenerator>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdBarabasiAlbertGenerator>()
            .AddAttribute("Routers",
                          "Number of routers (more than M).",
                          UintegerValue(100),
                          MakeUintegerAccessor(&SmkdBarabasiAlbertGenerator::m_routers),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("M",
                          "Links each new router makes (>= 1).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SmkdBarabasiAlbertGenerator::m_m),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

SmkdTopology
SmkdBarabasiAlbertGenerator::Generate()
{
    Require(m_m >= 1, "Barabasi-Albert: M must be at least 1");
    Require(m_routers > m_m && m_routers <= MAX_ROUTERS,
            "Barabasi-Albert: Routers must exceed M (" + std::to_string(m_m) + ")");
    std::ostringstream what;
    what << "Barabasi-Albert n=" << m_routers << " m=" << m_m;
    SmkdTopology t(m_routers, Source(what.str()));
    // Each link puts both ends in this list, so a uniform draw from it picks
    // a router with probability proportional to its degree.
    std::vector<uint32_t> ends;
    ends.reserve(2 * (static_cast<size_t>(m_routers) * m_m));
    for (uint32_t a = 0; a <= m_m; ++a)
    {
        for (uint32_t b = a + 1; b <= m_m; ++b)
        {
            t.AddLink(a, b, m_linkDelay);
            ends.push_back(a);
            ends.push_back(b);
        }
    }
    std::vector<uint32_t> chosen;
    for (uint32_t r = m_m + 1; r < m_routers; ++r)
    {
        chosen.clear();
        while (chosen.size() < m_m)
        {
            const uint32_t target = ends[Draw(static_cast<uint32_t>(ends.size() - 1))];
            if (std::find(chosen.begin(), chosen.end(), target) == chosen.end())
            {
                chosen.push_back(target);
            }
        }
        for (uint32_t target : chosen)
        {
            t.AddLink(r, target, m_linkDelay);
            ends.push_back(r);
            ends.push_back(target);
        }
    }
    return t;
}

// ---- transit-stub ----

TypeId
SmkdTransitStubGenerator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdTransitStubGenerator")
            .SetParent<SmkdTopologyGenerator>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdTransitStubGenerator>()
            .AddAttribute("TransitDomains",
                          "Number of transit domains (>= 1).",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SmkdTransitStubGenerator::m_transitDomains),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RoutersPerTransit",
                          "Routers in each transit domain (>= 1).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SmkdTransitStubGenerator::m_routersPerTransit),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("StubsPerTransitRouter",
                          "Stub domains attached to each transit router.",
                          UintegerValue(2),
                          MakeUintegerAccessor(&SmkdTransitStubGenerator::m_stubsPerTransitRouter),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RoutersPerStub",
                          "Routers in each stub domain (>= 1).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SmkdTransitStubGenerator::m_routersPerStub),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("TransitEdgeProbability",
                          "Probability of each extra link inside a transit domain, and "
                          "between two transit domains.",
                          DoubleValue(0.6),
                          MakeDoubleAccessor(&SmkdTransitStubGenerator::m_transitEdgeProbability),
                          MakeDoubleChecker<double>())
            .AddAttribute("StubEdgeProbability",
                          "Probability of each extra link inside a stub domain.",
                          DoubleValue(0.42),
                          MakeDoubleAccessor(&SmkdTransitStubGenerator::m_stubEdgeProbability),
                          MakeDoubleChecker<double>())
            .AddAttribute("TransitLinkDelay",
                          "One-way delay of links between transit routers.",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&SmkdTransitStubGenerator::m_transitLinkDelay),
                          MakeTimeChecker())
            .AddAttribute("AccessLinkDelay",
                          "One-way delay of the link from a stub domain to its transit router.",
                          TimeValue(MilliSeconds(5)),
                          MakeTimeAccessor(&SmkdTransitStubGenerator::m_accessLinkDelay),
                          MakeTimeChecker());
    return tid;
}

SmkdTopology
SmkdTransitStubGenerator::Generate()
{
    Require(m_transitDomains >= 1 && m_routersPerTransit >= 1 && m_routersPerStub >= 1,
            "transit-stub: TransitDomains, RoutersPerTransit and RoutersPerStub must be >= 1");
    Require(m_transitEdgeProbability >= 0 && m_transitEdgeProbability <= 1 &&
                m_stubEdgeProbability >= 0 && m_stubEdgeProbability <= 1,
            "transit-stub: edge probabilities must lie in [0, 1]");
    const uint64_t transit = static_cast<uint64_t>(m_transitDomains) * m_routersPerTransit;
    const uint64_t routers =
        transit * (1 + static_cast<uint64_t>(m_stubsPerTransitRouter) * m_routersPerStub);
    Require(routers <= MAX_ROUTERS,
            "transit-stub: more than " + std::to_string(MAX_ROUTERS) + " routers");
    std::ostringstream what;
    what << "transit-stub T=" << m_transitDomains << " R=" << m_routersPerTransit
         << " S=" << m_stubsPerTransitRouter << " K=" << m_routersPerStub
         << " pt=" << m_transitEdgeProbability << " ps=" << m_stubEdgeProbability;
    SmkdTopology t;
    t.SetSource(Source(what.str()));
    for (uint32_t d = 0; d < m_transitDomains; ++d)
    {
        for (uint32_t i = 0; i < m_routersPerTransit; ++i)
        {
            t.AddRouter("t" + std::to_string(d) + "." + std::to_string(i));
        }
    }
    // Transit domains, then the graph of domains.
    for (uint32_t d = 0; d < m_transitDomains; ++d)
    {
        const uint32_t first = d * m_routersPerTransit;
        for (const auto& [a, b] : RandomConnected(m_routersPerTransit, m_transitEdgeProbability))
        {
            t.AddLink(first + a, first + b, m_transitLinkDelay);
        }
    }
    for (const auto& [da, db] : RandomConnected(m_transitDomains, m_transitEdgeProbability))
    {
        const uint32_t a = da * m_routersPerTransit + Draw(m_routersPerTransit - 1);
        const uint32_t b = db * m_routersPerTransit + Draw(m_routersPerTransit - 1);
        t.AddLink(a, b, m_transitLinkDelay);
    }
    // Stub domains, each hanging off one transit router by one access link.
    for (uint32_t tr = 0; tr < transit; ++tr)
    {
        const std::string prefix = "s" + std::to_string(tr / m_routersPerTransit) + "." +
                                   std::to_string(tr % m_routersPerTransit) + ".";
        for (uint32_t s = 0; s < m_stubsPerTransitRouter; ++s)
        {
            const uint32_t first = t.GetNRouters();
            for (uint32_t k = 0; k < m_routersPerStub; ++k)
            {
                t.AddRouter(prefix + std::to_string(s) + "." + std::to_string(k));
            }
            for (const auto& [a, b] : RandomConnected(m_routersPerStub, m_stubEdgeProbability))
            {
                t.AddLink(first + a, first + b, m_linkDelay);
            }
            t.AddLink(tr, first + Draw(m_routersPerStub - 1), m_accessLinkDelay);
        }
    }
    return t;
}

} // namespace ns3
