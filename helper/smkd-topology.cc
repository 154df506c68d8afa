/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-topology.h"

#include "ns3/log.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdTopology");

SmkdTopology::SmkdTopology(uint32_t routers, std::string source)
    : m_adjacency(routers),
      m_source(std::move(source))
{
}

void
SmkdTopology::CheckRouter(uint32_t r, const char* what) const
{
    if (r >= m_adjacency.size())
    {
        std::ostringstream os;
        os << what << ": router " << r << " does not exist (topology has " << m_adjacency.size()
           << " routers)";
        throw std::invalid_argument(os.str());
    }
}

uint32_t
SmkdTopology::AddRouter(const std::string& name)
{
    const uint32_t r = static_cast<uint32_t>(m_adjacency.size());
    m_adjacency.emplace_back();
    if (!name.empty())
    {
        try
        {
            SetName(r, name);
        }
        catch (...)
        {
            m_adjacency.pop_back();
            throw;
        }
    }
    else if (!m_names.empty())
    {
        m_names.emplace_back();
    }
    return r;
}

uint32_t
SmkdTopology::AddLink(uint32_t a, uint32_t b, Time delay, double weight)
{
    CheckRouter(a, "SmkdTopology::AddLink");
    CheckRouter(b, "SmkdTopology::AddLink");
    if (a == b)
    {
        throw std::invalid_argument("SmkdTopology::AddLink: " + Describe(a) +
                                    " cannot be linked to itself");
    }
    if (delay.IsStrictlyNegative())
    {
        throw std::invalid_argument("SmkdTopology::AddLink: negative delay between " + Describe(a) +
                                    " and " + Describe(b));
    }
    if (FindLink(a, b) != NONE)
    {
        throw std::invalid_argument("SmkdTopology::AddLink: " + Describe(a) + " and " +
                                    Describe(b) + " are linked already");
    }
    const uint32_t link = static_cast<uint32_t>(m_links.size());
    m_links.push_back({a, b, delay, weight});
    m_adjacency[a].push_back({b, link});
    m_adjacency[b].push_back({a, link});
    return link;
}

uint32_t
SmkdTopology::GetNRouters() const
{
    return static_cast<uint32_t>(m_adjacency.size());
}

uint32_t
SmkdTopology::GetNLinks() const
{
    return static_cast<uint32_t>(m_links.size());
}

const SmkdTopology::Link&
SmkdTopology::GetLink(uint32_t i) const
{
    if (i >= m_links.size())
    {
        throw std::invalid_argument("SmkdTopology::GetLink: link " + std::to_string(i) +
                                    " does not exist (topology has " +
                                    std::to_string(m_links.size()) + " links)");
    }
    return m_links[i];
}

const std::vector<SmkdTopology::Link>&
SmkdTopology::GetLinks() const
{
    return m_links;
}

const std::vector<SmkdTopology::Adjacency>&
SmkdTopology::GetAdjacency(uint32_t r) const
{
    CheckRouter(r, "SmkdTopology::GetAdjacency");
    return m_adjacency[r];
}

uint32_t
SmkdTopology::GetDegree(uint32_t r) const
{
    CheckRouter(r, "SmkdTopology::GetDegree");
    return static_cast<uint32_t>(m_adjacency[r].size());
}

uint32_t
SmkdTopology::FindLink(uint32_t a, uint32_t b) const
{
    CheckRouter(a, "SmkdTopology::FindLink");
    CheckRouter(b, "SmkdTopology::FindLink");
    // Scan the shorter list: hubs of read topologies have hundreds of links.
    const bool aShorter = m_adjacency[a].size() <= m_adjacency[b].size();
    const uint32_t from = aShorter ? a : b;
    const uint32_t to = aShorter ? b : a;
    for (const Adjacency& n : m_adjacency[from])
    {
        if (n.router == to)
        {
            return n.link;
        }
    }
    return NONE;
}

void
SmkdTopology::SetName(uint32_t r, const std::string& name)
{
    CheckRouter(r, "SmkdTopology::SetName");
    if (!name.empty())
    {
        auto it = m_byName.find(name);
        if (it != m_byName.end() && it->second != r)
        {
            throw std::invalid_argument("SmkdTopology::SetName: name '" + name +
                                        "' is taken by router " + std::to_string(it->second));
        }
    }
    if (m_names.size() < m_adjacency.size())
    {
        m_names.resize(m_adjacency.size());
    }
    if (!m_names[r].empty())
    {
        m_byName.erase(m_names[r]);
    }
    m_names[r] = name;
    if (!name.empty())
    {
        m_byName[name] = r;
    }
}

const std::string&
SmkdTopology::GetName(uint32_t r) const
{
    static const std::string none;
    CheckRouter(r, "SmkdTopology::GetName");
    return r < m_names.size() ? m_names[r] : none;
}

uint32_t
SmkdTopology::FindRouter(const std::string& name) const
{
    auto it = m_byName.find(name);
    return it == m_byName.end() ? NONE : it->second;
}

std::string
SmkdTopology::Describe(uint32_t r) const
{
    std::string s = "router " + std::to_string(r);
    if (r < m_names.size() && !m_names[r].empty())
    {
        s += " (" + m_names[r] + ")";
    }
    return s;
}

void
SmkdTopology::SetSource(const std::string& source)
{
    m_source = source;
}

const std::string&
SmkdTopology::GetSource() const
{
    return m_source;
}

std::vector<uint32_t>
SmkdTopology::HopDistances(uint32_t from) const
{
    return HopDistances(std::vector<uint32_t>{from});
}

std::vector<uint32_t>
SmkdTopology::HopDistances(const std::vector<uint32_t>& sources) const
{
    std::vector<uint32_t> distance(m_adjacency.size(), NONE);
    std::vector<uint32_t> queue;
    queue.reserve(m_adjacency.size());
    for (uint32_t s : sources)
    {
        CheckRouter(s, "SmkdTopology::HopDistances");
        if (distance[s] != 0)
        {
            distance[s] = 0;
            queue.push_back(s);
        }
    }
    for (size_t head = 0; head < queue.size(); ++head)
    {
        const uint32_t r = queue[head];
        for (const Adjacency& n : m_adjacency[r])
        {
            if (distance[n.router] == NONE)
            {
                distance[n.router] = distance[r] + 1;
                queue.push_back(n.router);
            }
        }
    }
    return distance;
}

uint32_t
SmkdTopology::CountComponents() const
{
    std::vector<bool> seen(m_adjacency.size(), false);
    std::vector<uint32_t> stack;
    uint32_t components = 0;
    for (uint32_t start = 0; start < m_adjacency.size(); ++start)
    {
        if (seen[start])
        {
            continue;
        }
        ++components;
        seen[start] = true;
        stack.push_back(start);
        while (!stack.empty())
        {
            const uint32_t r = stack.back();
            stack.pop_back();
            for (const Adjacency& n : m_adjacency[r])
            {
                if (!seen[n.router])
                {
                    seen[n.router] = true;
                    stack.push_back(n.router);
                }
            }
        }
    }
    return components;
}

bool
SmkdTopology::IsConnected() const
{
    return !m_adjacency.empty() && CountComponents() == 1;
}

void
SmkdTopology::CheckConnected() const
{
    const std::string what = "topology" + (m_source.empty() ? "" : " '" + m_source + "'");
    if (m_adjacency.empty())
    {
        throw std::runtime_error(what + " has no routers");
    }
    const std::vector<uint32_t> d = HopDistances(0);
    auto unreached = std::find(d.begin(), d.end(), NONE);
    if (unreached != d.end())
    {
        std::ostringstream os;
        os << what << " is disconnected: " << CountComponents() << " components; "
           << Describe(static_cast<uint32_t>(unreached - d.begin())) << " is unreachable from "
           << Describe(0);
        throw std::runtime_error(os.str());
    }
}

uint32_t
SmkdTopology::GetDepth(uint32_t r) const
{
    const std::vector<uint32_t> d = HopDistances(r);
    const uint32_t depth = *std::max_element(d.begin(), d.end());
    if (depth == NONE)
    {
        CheckConnected(); // throws, naming an unreachable router
    }
    return depth;
}

uint32_t
SmkdTopology::GetCentre() const
{
    CheckConnected();
    const uint32_t n = GetNRouters();
    // Takes & Kosters, "Determining the diameter of small world networks"
    // (CIKM 2011), applied to the radius: after a search from v with
    // eccentricity e, every w has max(d(v,w), e - d(v,w)) <= ecc(w) <= e + d(v,w).
    std::vector<uint32_t> lower(n, 0);
    std::vector<uint32_t> upper(n, NONE);
    std::vector<bool> candidate(n, true);
    uint32_t candidates = n;
    uint32_t best = NONE;
    uint32_t bestEcc = NONE;
    bool pickLowest = true;
    uint32_t searches = 0;
    while (candidates > 0)
    {
        // Alternate: the candidate with the smallest lower bound (a likely
        // centre) and the one with the largest upper bound (a likely
        // periphery router, whose search tightens everybody's lower bound).
        uint32_t v = NONE;
        for (uint32_t w = 0; w < n; ++w)
        {
            if (candidate[w] &&
                (v == NONE || (pickLowest ? lower[w] < lower[v] : upper[w] > upper[v])))
            {
                v = w;
            }
        }
        pickLowest = !pickLowest;
        const std::vector<uint32_t> d = HopDistances(v);
        ++searches;
        const uint32_t e = *std::max_element(d.begin(), d.end());
        if (e < bestEcc || (e == bestEcc && v < best))
        {
            best = v;
            bestEcc = e;
        }
        for (uint32_t w = 0; w < n; ++w)
        {
            lower[w] = std::max({lower[w], d[w], e - d[w]});
            upper[w] = std::min(upper[w], e + d[w]);
        }
        for (uint32_t w = 0; w < n; ++w)
        {
            if (!candidate[w])
            {
                continue;
            }
            if (lower[w] == upper[w] && (lower[w] < bestEcc || (lower[w] == bestEcc && w < best)))
            {
                best = w; // eccentricity known without a search of its own
                bestEcc = lower[w];
            }
            // A router whose eccentricity cannot beat the best, or only tie
            // it with a higher index, is out; so is one whose value is known.
            if (lower[w] > bestEcc || (lower[w] == bestEcc && w >= best) || lower[w] == upper[w])
            {
                candidate[w] = false;
                --candidates;
            }
        }
    }
    NS_LOG_INFO("centre of " << n << " routers: " << Describe(best) << ", eccentricity " << bestEcc
                             << ", " << searches << " searches");
    return best;
}

uint32_t
SmkdTopology::GetHighestDegree() const
{
    if (m_adjacency.empty())
    {
        throw std::runtime_error("SmkdTopology::GetHighestDegree: topology has no routers");
    }
    uint32_t best = 0;
    for (uint32_t r = 1; r < m_adjacency.size(); ++r)
    {
        if (m_adjacency[r].size() > m_adjacency[best].size())
        {
            best = r;
        }
    }
    return best;
}

std::vector<uint32_t>
SmkdTopology::GetRoutersByDegree() const
{
    std::vector<uint32_t> order(m_adjacency.size());
    for (uint32_t r = 0; r < order.size(); ++r)
    {
        order[r] = r;
    }
    std::stable_sort(order.begin(), order.end(), [this](uint32_t x, uint32_t y) {
        return m_adjacency[x].size() > m_adjacency[y].size();
    });
    return order;
}

} // namespace ns3
