/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-tree-routes.h"

#include "ns3/log.h"

#include <algorithm>
#include <queue>
#include <stdexcept>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdTreeRoutes");

void
SmkdTreeRoutes::Clear()
{
    m_routers = 0;
    m_links.clear();
    m_owners.clear();
    m_roots.clear();
    m_treeOf.clear();
    m_trees.clear();
}

uint32_t
SmkdTreeRoutes::AddRouter()
{
    return m_routers++;
}

uint32_t
SmkdTreeRoutes::AddLink(uint32_t a,
                        uint32_t interfaceA,
                        Ipv4Address addressA,
                        uint32_t b,
                        uint32_t interfaceB,
                        Ipv4Address addressB,
                        Time delay)
{
    if (a >= m_routers || b >= m_routers || a == b)
    {
        throw std::invalid_argument("SmkdTreeRoutes::AddLink: bad routers " + std::to_string(a) +
                                    ", " + std::to_string(b));
    }
    const uint32_t link = static_cast<uint32_t>(m_links.size());
    m_links.push_back({{{a, interfaceA, addressA}, {b, interfaceB, addressB}}, delay});
    m_owners.emplace(addressA.Get(), Owner{a, link, NONE});
    m_owners.emplace(addressB.Get(), Owner{b, link, NONE});
    return link;
}

void
SmkdTreeRoutes::AddRouterAddress(uint32_t router, Ipv4Address address)
{
    m_owners.emplace(address.Get(), Owner{router, NONE, NONE});
}

bool
SmkdTreeRoutes::AddAttached(uint32_t router, uint32_t interface, Ipv4Address address)
{
    return m_owners.emplace(address.Get(), Owner{router, NONE, interface}).second;
}

void
SmkdTreeRoutes::AddRoot(uint32_t router)
{
    if (router >= m_routers)
    {
        throw std::invalid_argument("SmkdTreeRoutes::AddRoot: no router " + std::to_string(router));
    }
    if (std::find(m_roots.begin(), m_roots.end(), router) == m_roots.end())
    {
        m_roots.push_back(router);
    }
}

SmkdTreeRoutes::Tree
SmkdTreeRoutes::BuildTree(uint32_t root,
                          const std::vector<uint32_t>& start,
                          const std::vector<std::pair<uint32_t, uint32_t>>& adjacent) const
{
    // Dijkstra on (delay, hops): of equally fast paths the one with fewer hops.
    Tree tree;
    tree.root = root;
    tree.parentLink.assign(m_routers, NONE);
    tree.delay.assign(m_routers, -1);
    std::vector<uint32_t> hops(m_routers, NONE);
    using Item = std::tuple<int64_t, uint32_t, uint32_t>; // delay, hops, router
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    tree.delay[root] = 0;
    hops[root] = 0;
    queue.emplace(0, 0, root);
    while (!queue.empty())
    {
        const auto [d, h, r] = queue.top();
        queue.pop();
        if (d != tree.delay[r] || h != hops[r])
        {
            continue; // stale entry
        }
        for (uint32_t k = start[r]; k < start[r + 1]; ++k)
        {
            const auto [n, link] = adjacent[k];
            const int64_t nd = d + m_links[link].delay.GetNanoSeconds();
            if (tree.delay[n] < 0 || nd < tree.delay[n] || (nd == tree.delay[n] && h + 1 < hops[n]))
            {
                tree.delay[n] = nd;
                hops[n] = h + 1;
                tree.parentLink[n] = link;
                queue.emplace(nd, h + 1, n);
            }
        }
    }

    // Children lists (by router index), then depth-first numbering so that
    // every subtree is the interval [enter, leave).
    tree.childStart.assign(m_routers + 1, 0);
    auto parentOf = [&](uint32_t r) {
        const LinkRecord& l = m_links[tree.parentLink[r]];
        return l.end[0].router == r ? l.end[1].router : l.end[0].router;
    };
    for (uint32_t r = 0; r < m_routers; ++r)
    {
        if (tree.parentLink[r] != NONE)
        {
            ++tree.childStart[parentOf(r) + 1];
        }
    }
    for (uint32_t r = 0; r < m_routers; ++r)
    {
        tree.childStart[r + 1] += tree.childStart[r];
    }
    tree.children.resize(tree.childStart[m_routers]);
    std::vector<uint32_t> fill(tree.childStart.begin(), tree.childStart.end() - 1);
    for (uint32_t r = 0; r < m_routers; ++r)
    {
        if (tree.parentLink[r] != NONE)
        {
            tree.children[fill[parentOf(r)]++] = r;
        }
    }
    tree.enter.assign(m_routers, NONE);
    tree.leave.assign(m_routers, NONE);
    uint32_t counter = 0;
    std::vector<std::pair<uint32_t, uint32_t>> stack; // router, next child position
    tree.enter[root] = counter++;
    stack.emplace_back(root, tree.childStart[root]);
    while (!stack.empty())
    {
        auto& [r, next] = stack.back();
        if (next < tree.childStart[r + 1])
        {
            const uint32_t c = tree.children[next++];
            tree.enter[c] = counter++;
            stack.emplace_back(c, tree.childStart[c]);
        }
        else
        {
            tree.leave[r] = counter;
            stack.pop_back();
        }
    }
    return tree;
}

bool
SmkdTreeRoutes::SetLinkUp(Ipv4Address address, bool up)
{
    auto it = m_owners.find(address.Get());
    if (it == m_owners.end() || it->second.link == NONE)
    {
        return false;
    }
    m_links[it->second.link].up = up;
    return true;
}

void
SmkdTreeRoutes::Build()
{
    // Adjacency in compressed rows: (neighbour, link) per router.
    std::vector<uint32_t> start(m_routers + 1, 0);
    for (const LinkRecord& l : m_links)
    {
        if (l.up)
        {
            ++start[l.end[0].router + 1];
            ++start[l.end[1].router + 1];
        }
    }
    for (uint32_t r = 0; r < m_routers; ++r)
    {
        start[r + 1] += start[r];
    }
    std::vector<std::pair<uint32_t, uint32_t>> adjacent(start[m_routers]);
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    for (uint32_t i = 0; i < m_links.size(); ++i)
    {
        const LinkRecord& l = m_links[i];
        if (!l.up)
        {
            continue;
        }
        adjacent[fill[l.end[0].router]++] = {l.end[1].router, i};
        adjacent[fill[l.end[1].router]++] = {l.end[0].router, i};
    }
    m_trees.clear();
    m_trees.reserve(m_roots.size());
    m_treeOf.assign(m_routers, NONE);
    for (uint32_t root : m_roots)
    {
        m_treeOf[root] = static_cast<uint32_t>(m_trees.size());
        m_trees.push_back(BuildTree(root, start, adjacent));
    }
    NS_LOG_INFO(m_routers << " routers, " << m_links.size() << " links, " << m_owners.size()
                          << " addresses, " << m_trees.size() << " trees, " << GetUnreachedCount()
                          << " unreached");
}

uint32_t
SmkdTreeRoutes::TreeOf(uint32_t router) const
{
    return router < m_treeOf.size() ? m_treeOf[router] : NONE;
}

bool
SmkdTreeRoutes::Above(const Tree& tree, uint32_t router, uint32_t target)
{
    const uint32_t r = tree.enter[router];
    const uint32_t t = tree.enter[target];
    return r != NONE && t != NONE && r < t && t < tree.leave[router];
}

uint32_t
SmkdTreeRoutes::ChildTowards(const Tree& tree, uint32_t router, uint32_t target)
{
    // Children are in depth-first order: the one holding target is the last
    // whose number does not exceed target's.
    auto first = tree.children.begin() + tree.childStart[router];
    auto last = tree.children.begin() + tree.childStart[router + 1];
    auto it = std::upper_bound(first, last, tree.enter[target], [&tree](uint32_t t, uint32_t c) {
        return t < tree.enter[c];
    });
    return *(it - 1);
}

void
SmkdTreeRoutes::Via(uint32_t router, uint32_t link, uint32_t& interface, Ipv4Address& gateway) const
{
    const LinkRecord& l = m_links[link];
    const uint32_t self = l.end[0].router == router ? 0 : 1;
    interface = l.end[self].interface;
    gateway = l.end[1 - self].address;
}

bool
SmkdTreeRoutes::Lookup(uint32_t router,
                       Ipv4Address destination,
                       Ipv4Address source,
                       uint32_t& interface,
                       Ipv4Address& gateway) const
{
    auto it = m_owners.find(destination.Get());
    if (it == m_owners.end() || router >= m_routers)
    {
        return false;
    }
    const Owner& owner = it->second;
    if (owner.router == router)
    {
        if (owner.interface == NONE)
        {
            return false; // our own address: local delivery is not a route
        }
        interface = owner.interface;
        gateway = Ipv4Address::GetAny();
        return true;
    }
    if (owner.link != NONE)
    {
        const LinkRecord& l = m_links[owner.link];
        if (l.end[0].router == router || l.end[1].router == router)
        {
            Via(router, owner.link, interface, gateway);
            gateway = Ipv4Address::GetAny(); // the neighbour's own address: on-link
            return true;
        }
    }
    const uint32_t target = owner.router;
    if (const uint32_t k = TreeOf(target); k != NONE)
    {
        const uint32_t link = m_trees[k].parentLink[router];
        if (link == NONE)
        {
            return false;
        }
        Via(router, link, interface, gateway);
        return true;
    }
    // Down a root's tree: the source's, this router's own, then any.
    uint32_t sourceTree = NONE;
    if (source != Ipv4Address::GetAny())
    {
        auto s = m_owners.find(source.Get());
        if (s != m_owners.end())
        {
            sourceTree = TreeOf(s->second.router);
        }
    }
    auto descend = [&](uint32_t k) {
        const Tree& tree = m_trees[k];
        if (!Above(tree, router, target))
        {
            return false;
        }
        Via(router, tree.parentLink[ChildTowards(tree, router, target)], interface, gateway);
        return true;
    };
    if (sourceTree != NONE && descend(sourceTree))
    {
        return true;
    }
    if (const uint32_t own = TreeOf(router); own != NONE && descend(own))
    {
        return true;
    }
    for (uint32_t k = 0; k < m_trees.size(); ++k)
    {
        if (descend(k))
        {
            return true;
        }
    }
    return false;
}

uint32_t
SmkdTreeRoutes::GetOwner(Ipv4Address address) const
{
    auto it = m_owners.find(address.Get());
    return it == m_owners.end() ? NONE : it->second.router;
}

uint32_t
SmkdTreeRoutes::GetParent(uint32_t root, uint32_t router) const
{
    const uint32_t k = TreeOf(root);
    if (k == NONE || router >= m_routers || m_trees[k].parentLink[router] == NONE)
    {
        return NONE;
    }
    const LinkRecord& l = m_links[m_trees[k].parentLink[router]];
    return l.end[0].router == router ? l.end[1].router : l.end[0].router;
}

Time
SmkdTreeRoutes::GetTreeDelay(uint32_t root, uint32_t router) const
{
    const uint32_t k = TreeOf(root);
    if (k == NONE || router >= m_routers)
    {
        return NanoSeconds(-1);
    }
    return NanoSeconds(m_trees[k].delay[router]);
}

uint32_t
SmkdTreeRoutes::GetNRouters() const
{
    return m_routers;
}

uint32_t
SmkdTreeRoutes::GetNLinks() const
{
    return static_cast<uint32_t>(m_links.size());
}

uint32_t
SmkdTreeRoutes::GetNRoots() const
{
    return static_cast<uint32_t>(m_roots.size());
}

uint32_t
SmkdTreeRoutes::GetNAddresses() const
{
    return static_cast<uint32_t>(m_owners.size());
}

uint64_t
SmkdTreeRoutes::GetUnreachedCount() const
{
    uint64_t unreached = 0;
    for (const Tree& t : m_trees)
    {
        unreached += std::count(t.enter.begin(), t.enter.end(), NONE);
    }
    return unreached;
}

uint64_t
SmkdTreeRoutes::GetMemoryBytes() const
{
    // Hash nodes hold key, value and a next pointer; buckets one pointer.
    const uint64_t owners = m_owners.size() * (sizeof(uint32_t) + sizeof(Owner) + sizeof(void*)) +
                            m_owners.bucket_count() * sizeof(void*);
    uint64_t trees = 0;
    for (const Tree& t : m_trees)
    {
        trees += (t.parentLink.capacity() + t.enter.capacity() + t.leave.capacity() +
                  t.childStart.capacity() + t.children.capacity()) *
                     sizeof(uint32_t) +
                 t.delay.capacity() * sizeof(int64_t);
    }
    return owners + trees + m_links.capacity() * sizeof(LinkRecord) +
           m_treeOf.capacity() * sizeof(uint32_t);
}

} // namespace ns3
