/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Topologies made into ns-3 networks: the address plan, the network
// builder, and unicast tree routing (tables alone, then UDP and CBT over a
// built network).

#include "ns3/cbt-helper.h"
#include "ns3/igmp-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/node-list.h"
#include "ns3/simulator.h"
#include "ns3/smkd-network-builder.h"
#include "ns3/smkd-topology-generator.h"
#include "ns3/smkd-tree-routing-helper.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const Ipv4Address GROUP("232.1.2.3");

/// The message of the exception of type E that \p f throws, or a marker.
template <class E>
std::string
Thrown(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const E& e)
    {
        return e.what();
    }
    catch (const std::exception& e)
    {
        return std::string("<other exception: ") + e.what() + ">";
    }
    return "<nothing thrown>";
}

bool
Contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

SmkdTopology
Grid(uint32_t width, uint32_t height)
{
    Ptr<SmkdGridGenerator> grid = CreateObject<SmkdGridGenerator>();
    grid->SetAttribute("Width", UintegerValue(width));
    grid->SetAttribute("Height", UintegerValue(height));
    return grid->Generate();
}

/// Every (node, interface, address) of a network, routers then hosts.
std::vector<std::string>
AddressList(const SmkdNetwork& net)
{
    std::vector<std::string> list;
    NodeContainer all(net.GetRouters(), net.GetHosts());
    for (uint32_t n = 0; n < all.GetN(); ++n)
    {
        Ptr<Ipv4> ipv4 = all.Get(n)->GetObject<Ipv4>();
        for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
        {
            for (uint32_t a = 0; a < ipv4->GetNAddresses(i); ++a)
            {
                std::ostringstream os;
                os << n << "/" << i << "/" << ipv4->GetAddress(i, a).GetLocal() << "/"
                   << ipv4->GetAddress(i, a).GetMask();
                list.push_back(os.str());
            }
        }
    }
    return list;
}

/// Address arithmetic.
class AddressPlanTestCase : public TestCase
{
  public:
    AddressPlanTestCase()
        : TestCase("address plan: 4 addresses per link, 256 or more per LAN, capacity errors")
    {
    }

  private:
    void DoRun() override
    {
        SmkdAddressPlan plan;
        // Link 5 is the /30 at 10.0.0.0 + 4·5 = 10.0.0.20: ends .21 and .22.
        NS_TEST_EXPECT_MSG_EQ(plan.GetLinkAddress(5, 0), Ipv4Address("10.0.0.21"), "link 5 a");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLinkAddress(5, 1), Ipv4Address("10.0.0.22"), "link 5 b");
        // Link 70,000: 280,000 = 4·65,536 + 17,856 = 10.4.69.192 (17,856 = 69·256 + 192).
        NS_TEST_EXPECT_MSG_EQ(plan.GetLinkAddress(70000, 0),
                              Ipv4Address("10.4.69.193"),
                              "a high link index");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLinkMask(), Ipv4Mask("255.255.255.252"), "/30");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLinkCapacity(), 1u << 22, "a /8 holds 2^22 /30s");
        plan.SetLanHosts(10);
        NS_TEST_EXPECT_MSG_EQ(plan.GetLanMask(), Ipv4Mask("255.255.255.0"), "small LANs: /24");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLanAddress(2, 0), Ipv4Address("11.0.2.1"), "router");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLanAddress(2, 3), Ipv4Address("11.0.2.4"), "third host");
        // 300 hosts + router + network + broadcast = 303 addresses: a /23 (512).
        plan.SetLanHosts(300);
        NS_TEST_EXPECT_MSG_EQ(plan.GetLanMask(), Ipv4Mask("255.255.254.0"), "/23");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLanAddress(1, 0), Ipv4Address("11.0.2.1"), "LAN 1 router");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLanAddress(1, 300), Ipv4Address("11.0.3.45"), "last host");
        NS_TEST_EXPECT_MSG_EQ(plan.GetLanCapacity(), 1u << 15, "2^24 / 512 LANs");

        plan.SetLinkBlock(Ipv4Address("192.168.0.0"), Ipv4Mask("255.255.255.248"));
        NS_TEST_EXPECT_MSG_EQ(plan.GetLinkCapacity(), 2u, "a /29 holds two links");
        const std::string full = Thrown<std::runtime_error>([&]() { plan.CheckCapacity(3, 0); });
        NS_TEST_EXPECT_MSG_EQ(Contains(full, "holds 2 point-to-point /30s; the network needs 3"),
                              true,
                              full);
        const std::string notNetwork = Thrown<std::invalid_argument>(
            [&]() { plan.SetLanBlock(Ipv4Address("11.0.0.1"), Ipv4Mask("255.0.0.0")); });
        NS_TEST_EXPECT_MSG_EQ(Contains(notNetwork, "not the network address"), true, notNetwork);
        plan.SetLanBlock(Ipv4Address("11.0.0.0"), Ipv4Mask("255.255.255.0"));
        const std::string big = Thrown<std::runtime_error>([&]() { plan.SetLanHosts(300); });
        NS_TEST_EXPECT_MSG_EQ(Contains(big, "needs 512 addresses"), true, big);
    }
};

/// The builder's addresses are unique, in the right subnets, and the same as
/// Ipv4AddressHelper's.
class NetworkBuilderAddressesTestCase : public TestCase
{
  public:
    NetworkBuilderAddressesTestCase()
        : TestCase("builder: unique addresses in the planned subnets, as Ipv4AddressHelper's")
    {
    }

  private:
    void DoRun() override
    {
        // 3x3 grid: 3·2 + 3·2 = 12 links; LANs of 3 hosts at routers 0, 4, 8.
        const SmkdTopology grid = Grid(3, 3);
        std::vector<std::string> phases;
        SmkdNetworkBuilder builder;
        builder.SetProgressCallback(Callback<void, const std::string&>(
            [&phases](const std::string& p) { phases.push_back(p); }));
        SmkdNetwork net = builder.Build(grid, {0, 4, 8}, 3);
        NS_TEST_EXPECT_MSG_EQ(
            (phases ==
             std::vector<std::string>{"routers", "links", "hosts", "addresses", "host-routes"}),
            true,
            "phases in order");
        NS_TEST_EXPECT_MSG_EQ(net.GetNHosts(), 9u, "nine hosts");
        const std::vector<std::string> direct = AddressList(net);
        // 12 links · 2 ends + 3 router LAN interfaces + 9 hosts = 36.
        NS_TEST_EXPECT_MSG_EQ(direct.size(), 36u, "one address per interface");
        std::set<Ipv4Address> unique;
        for (uint32_t n = 0; n < net.GetNRouters() + net.GetNHosts(); ++n)
        {
            Ptr<Node> node = n < 9 ? net.GetRouter(n) : net.GetHost(n - 9);
            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
            {
                unique.insert(ipv4->GetAddress(i, 0).GetLocal());
            }
        }
        NS_TEST_EXPECT_MSG_EQ(unique.size(), 36u, "all distinct");
        for (uint32_t i = 0; i < grid.GetNLinks(); ++i)
        {
            // Link i: 10.0.0.(4i+1) on its first router, .(4i+2) on its second.
            NS_TEST_EXPECT_MSG_EQ(net.GetLinkAddress(i, 0),
                                  Ipv4Address(Ipv4Address("10.0.0.1").Get() + 4 * i),
                                  "link " << i << " first end");
            NS_TEST_EXPECT_MSG_EQ(net.GetLinkAddress(i, 1),
                                  Ipv4Address(Ipv4Address("10.0.0.2").Get() + 4 * i),
                                  "link " << i << " second end");
            Ptr<Node> a = net.GetRouter(grid.GetLink(i).a);
            NS_TEST_EXPECT_MSG_EQ(
                a->GetObject<Ipv4>()->GetAddress(net.GetLinkInterface(i, 0), 0).GetMask(),
                Ipv4Mask("255.255.255.252"),
                "a /30");
        }
        for (uint32_t h = 0; h < net.GetNHosts(); ++h)
        {
            // LAN j = h / 3: router 11.0.j.1, hosts 11.0.j.2 to .4.
            const uint32_t lan = h / 3;
            NS_TEST_EXPECT_MSG_EQ(net.GetHostRouter(h), lan * 4, "host " << h << "'s router");
            NS_TEST_EXPECT_MSG_EQ(net.GetHostAddress(h),
                                  Ipv4Address((11u << 24) + (lan << 8) + 2 + h % 3),
                                  "host " << h);
            NS_TEST_EXPECT_MSG_EQ(net.GetHostGateway(h),
                                  Ipv4Address((11u << 24) + (lan << 8) + 1),
                                  "host " << h << "'s gateway");
        }
        NS_TEST_EXPECT_MSG_EQ(net.GetHostsOf(4).size(), 3u, "router 4's hosts");
        NS_TEST_EXPECT_MSG_EQ(net.GetHostsOf(4)[0], 3u, "start at host 3");
        NS_TEST_EXPECT_MSG_EQ(net.GetHostsOf(1).size(), 0u, "router 1 has none");
        Simulator::Destroy();

        builder.SetAddressing(SmkdNetworkBuilder::Addressing::IPV4_ADDRESS_HELPER);
        SmkdNetwork helperNet = builder.Build(grid, {0, 4, 8}, 3);
        NS_TEST_EXPECT_MSG_EQ((AddressList(helperNet) == direct),
                              true,
                              "Ipv4AddressHelper gives every interface the same address");
        Simulator::Destroy();

        // Point-to-point host links come from the link block after the
        // router links: host q on link 12 + q, its address .(4(12+q)+2).
        SmkdNetworkBuilder p2p;
        p2p.SetHostLinks(SmkdNetworkBuilder::HostLinks::POINT_TO_POINT);
        SmkdNetwork p2pNet = p2p.Build(grid, {2, 6}, 2);
        NS_TEST_EXPECT_MSG_EQ(p2pNet.GetHostAddress(0), Ipv4Address("10.0.0.50"), "host 0");
        NS_TEST_EXPECT_MSG_EQ(p2pNet.GetHostGateway(0), Ipv4Address("10.0.0.49"), "gateway 0");
        NS_TEST_EXPECT_MSG_EQ(p2pNet.GetHostAddress(3), Ipv4Address("10.0.0.62"), "host 3");
        NS_TEST_EXPECT_MSG_EQ(p2pNet.GetHostRouter(3), 6u, "host 3 on router 6");
        Simulator::Destroy();
    }
};

/// Refused inputs throw before any node exists.
class NetworkBuilderErrorsTestCase : public TestCase
{
  public:
    NetworkBuilderErrorsTestCase()
        : TestCase("builder: bad host routers, disconnected topology, full blocks")
    {
    }

  private:
    void DoRun() override
    {
        const SmkdTopology grid = Grid(3, 3);
        SmkdNetworkBuilder builder;
        const std::string unknown = Thrown<std::invalid_argument>([&]() {
            builder.Build(grid, {0, 9}, 2);
        });
        NS_TEST_EXPECT_MSG_EQ(Contains(unknown, "host router 9 is not a router"), true, unknown);
        const std::string twice = Thrown<std::invalid_argument>([&]() {
            builder.Build(grid, {4, 4}, 2);
        });
        NS_TEST_EXPECT_MSG_EQ(Contains(twice, "router 4 is listed twice"), true, twice);
        SmkdTopology split(3, "split");
        split.AddLink(0, 1, MilliSeconds(1));
        const std::string disconnected =
            Thrown<std::runtime_error>([&]() { builder.Build(split, {}, 0); });
        NS_TEST_EXPECT_MSG_EQ(Contains(disconnected, "disconnected"), true, disconnected);
        SmkdAddressPlan small;
        small.SetLanBlock(Ipv4Address("11.0.0.0"), Ipv4Mask("255.255.254.0"));
        builder.SetAddressPlan(small);
        const std::string full = Thrown<std::runtime_error>([&]() {
            builder.Build(grid, {0, 1, 2}, 5);
        });
        NS_TEST_EXPECT_MSG_EQ(Contains(full, "holds 2 LANs"), true, full);
        NS_TEST_EXPECT_MSG_EQ(NodeList::GetNNodes(), 0u, "no node was made");
    }
};

/// The shared tables alone: delay-shortest trees, on-link cases, reverse routes.
class TreeRoutesTablesTestCase : public TestCase
{
  public:
    TreeRoutesTablesTestCase()
        : TestCase("tree routes: next hops on delay-shortest trees, both directions")
    {
    }

  private:
    static Ipv4Address RouterAddress(uint32_t r)
    {
        return Ipv4Address((20u << 24) + r);
    }

    static Ipv4Address HostAddress(uint32_t r)
    {
        return Ipv4Address((30u << 24) + r);
    }

    /// Routers with an own address and one attached host each; link i's ends at 10.0.0.(4i+1/2).
    static Ptr<SmkdTreeRoutes> Make(uint32_t n,
                                    const std::vector<std::pair<uint32_t, uint32_t>>& links,
                                    const std::function<Time(uint32_t, uint32_t)>& delay)
    {
        Ptr<SmkdTreeRoutes> routes = Create<SmkdTreeRoutes>();
        for (uint32_t r = 0; r < n; ++r)
        {
            routes->AddRouter();
        }
        std::vector<uint32_t> interfaces(n, 1);
        for (uint32_t i = 0; i < links.size(); ++i)
        {
            const auto [a, b] = links[i];
            routes->AddLink(a,
                            interfaces[a]++,
                            Ipv4Address(Ipv4Address("10.0.0.1").Get() + 4 * i),
                            b,
                            interfaces[b]++,
                            Ipv4Address(Ipv4Address("10.0.0.2").Get() + 4 * i),
                            delay(a, b));
        }
        for (uint32_t r = 0; r < n; ++r)
        {
            routes->AddRouterAddress(r, RouterAddress(r));
            routes->AddAttached(r, 100, HostAddress(r));
        }
        return routes;
    }

    /**
     * Follow lookups from \p from to \p destination; returns the routers
     * visited (the last is where the destination is on-link or owned), or an
     * empty path when a lookup fails or the walk exceeds \p limit hops.
     */
    static std::vector<uint32_t> Walk(Ptr<SmkdTreeRoutes> routes,
                                      uint32_t from,
                                      Ipv4Address destination,
                                      Ipv4Address source,
                                      uint32_t limit)
    {
        std::vector<uint32_t> path{from};
        for (uint32_t hop = 0; hop <= limit; ++hop)
        {
            uint32_t interface;
            Ipv4Address gateway;
            if (!routes->Lookup(path.back(), destination, source, interface, gateway))
            {
                return routes->GetOwner(destination) == path.back() ? path
                                                                    : std::vector<uint32_t>{};
            }
            if (gateway == Ipv4Address::GetAny())
            {
                return path; // on-link
            }
            path.push_back(routes->GetOwner(gateway));
        }
        return {};
    }

    void DoRun() override
    {
        // 0-1-2 at 1 ms a link, 0-2 direct at 5 ms, then 2-3-4 at 1 ms.
        const std::vector<std::pair<uint32_t, uint32_t>> links{{0, 1},
                                                               {1, 2},
                                                               {0, 2},
                                                               {2, 3},
                                                               {3, 4}};
        Ptr<SmkdTreeRoutes> routes = Make(5, links, [](uint32_t a, uint32_t b) {
            return MilliSeconds(a + b == 2 && a != 1 ? 5 : 1);
        });
        routes->AddRoot(0);
        routes->Build();
        NS_TEST_EXPECT_MSG_EQ(routes->GetParent(0, 2), 1u, "2 reaches 0 over 1: 2 ms < 5 ms");
        NS_TEST_EXPECT_MSG_EQ(routes->GetTreeDelay(0, 4), MilliSeconds(4), "4 -> 0: 4 ms");
        uint32_t interface;
        Ipv4Address gateway;
        NS_TEST_EXPECT_MSG_EQ(
            routes->Lookup(2, RouterAddress(0), Ipv4Address::GetAny(), interface, gateway),
            true,
            "towards the root");
        NS_TEST_EXPECT_MSG_EQ(gateway, Ipv4Address("10.0.0.5"), "router 1's end of link 1");
        NS_TEST_EXPECT_MSG_EQ(interface, 1u, "router 2's first interface is link 1's");
        NS_TEST_EXPECT_MSG_EQ((Walk(routes, 0, HostAddress(4), RouterAddress(0), 10) ==
                               std::vector<uint32_t>{0, 1, 2, 3, 4}),
                              true,
                              "root to a host at 4: down the tree");
        NS_TEST_EXPECT_MSG_EQ((Walk(routes, 4, HostAddress(0), Ipv4Address::GetAny(), 10) ==
                               std::vector<uint32_t>{4, 3, 2, 1, 0}),
                              true,
                              "host at 4 to the root's host: up the tree");
        NS_TEST_EXPECT_MSG_EQ(
            routes->Lookup(4, HostAddress(4), Ipv4Address::GetAny(), interface, gateway),
            true,
            "own host");
        NS_TEST_EXPECT_MSG_EQ(interface, 100u, "attached host's interface");
        NS_TEST_EXPECT_MSG_EQ(gateway, Ipv4Address::GetAny(), "on-link");
        NS_TEST_EXPECT_MSG_EQ(
            routes->Lookup(2, Ipv4Address("10.0.0.9"), Ipv4Address::GetAny(), interface, gateway),
            true,
            "router 0's end of the 5 ms link");
        NS_TEST_EXPECT_MSG_EQ(gateway, Ipv4Address::GetAny(), "a neighbour's address is on-link");
        NS_TEST_EXPECT_MSG_EQ(interface, 2u, "over link 2 itself");
        NS_TEST_EXPECT_MSG_EQ(
            routes->Lookup(4, HostAddress(1), Ipv4Address::GetAny(), interface, gateway),
            false,
            "neither end a root and 4 not above 1: no route");
        NS_TEST_EXPECT_MSG_EQ(
            routes->Lookup(3, RouterAddress(3), Ipv4Address::GetAny(), interface, gateway),
            false,
            "own address");

        // Five roots on a random graph with uneven delays: from every root to
        // every host, and from every router to every root, the walk follows
        // the delay-shortest path (checked by a separate O(N²) Dijkstra).
        Ptr<SmkdBarabasiAlbertGenerator> ba = CreateObject<SmkdBarabasiAlbertGenerator>();
        ba->SetAttribute("Routers", UintegerValue(150));
        ba->SetAttribute("M", UintegerValue(2));
        ba->AssignStreams(17);
        const SmkdTopology t = ba->Generate();
        std::vector<std::pair<uint32_t, uint32_t>> baLinks;
        for (const auto& l : t.GetLinks())
        {
            baLinks.emplace_back(l.a, l.b);
        }
        auto delay = [](uint32_t a, uint32_t b) {
            return MilliSeconds(1 + (7 * std::min(a, b) + 13 * std::max(a, b)) % 10);
        };
        Ptr<SmkdTreeRoutes> big = Make(t.GetNRouters(), baLinks, delay);
        const std::vector<uint32_t> roots{0, 37, 80, 111, 149};
        for (uint32_t root : roots)
        {
            big->AddRoot(root);
        }
        big->Build();
        const uint32_t n = t.GetNRouters();
        uint32_t wrongDelay = 0;
        uint32_t lost = 0;
        for (uint32_t root : roots)
        {
            // Dijkstra, the slow way.
            std::vector<int64_t> dist(n, INT64_MAX);
            std::vector<bool> done(n, false);
            dist[root] = 0;
            for (uint32_t k = 0; k < n; ++k)
            {
                uint32_t u = n;
                for (uint32_t v = 0; v < n; ++v)
                {
                    if (!done[v] && (u == n || dist[v] < dist[u]))
                    {
                        u = v;
                    }
                }
                done[u] = true;
                for (const auto& adj : t.GetAdjacency(u))
                {
                    const int64_t d = dist[u] + delay(u, adj.router).GetMilliSeconds();
                    dist[adj.router] = std::min(dist[adj.router], d);
                }
            }
            for (uint32_t r = 0; r < n; ++r)
            {
                for (const auto& path :
                     {Walk(big, root, HostAddress(r), RouterAddress(root), n),
                      Walk(big, r, RouterAddress(root), Ipv4Address::GetAny(), n)})
                {
                    if (path.empty() || (path.front() != r && path.back() != r))
                    {
                        ++lost;
                        continue;
                    }
                    int64_t total = 0;
                    for (uint32_t k = 1; k < path.size(); ++k)
                    {
                        total += delay(path[k - 1], path[k]).GetMilliSeconds();
                    }
                    wrongDelay += total != dist[r];
                }
            }
        }
        NS_TEST_EXPECT_MSG_EQ(lost, 0u, "every walk arrives");
        NS_TEST_EXPECT_MSG_EQ(wrongDelay, 0u, "every walk is delay-shortest");
        // Traffic from a root to a router that is not a root follows the
        // source's own tree: the reverse of the parent chain (equal-delay
        // paths exist with delays of 1-10 ms). (Traffic to a root follows the
        // destination's tree.)
        uint32_t otherTree = 0;
        for (uint32_t root : roots)
        {
            for (uint32_t r = 0; r < n; ++r)
            {
                if (std::find(roots.begin(), roots.end(), r) != roots.end())
                {
                    continue;
                }
                std::vector<uint32_t> up;
                for (uint32_t k = r; k != SmkdTreeRoutes::NONE; k = big->GetParent(root, k))
                {
                    up.insert(up.begin(), k);
                }
                otherTree += Walk(big, root, HostAddress(r), RouterAddress(root), n) != up;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(otherTree, 0u, "each root's traffic stays on its tree");

        // Without a known source, a router above the destination in some
        // root's tree still gets there, without loops.
        uint32_t started = 0;
        uint32_t arrived = 0;
        for (uint32_t from = 0; from < n; from += 7)
        {
            for (uint32_t to = 0; to < n; to += 5)
            {
                uint32_t i;
                Ipv4Address g;
                if (from != to && big->Lookup(from, HostAddress(to), Ipv4Address::GetAny(), i, g))
                {
                    ++started;
                    const auto path = Walk(big, from, HostAddress(to), Ipv4Address::GetAny(), n);
                    arrived += !path.empty() && path.back() == to;
                }
            }
        }
        NS_TEST_EXPECT_MSG_GT(started, 0u, "some sourceless routes exist");
        NS_TEST_EXPECT_MSG_EQ(arrived, started, "and each one arrives");
    }
};

/// UDP from a host to an anchor host and back, over tree routes or global routing.
class TreeRoutingUdpTestCase : public TestCase
{
  public:
    TreeRoutingUdpTestCase()
        : TestCase("tree routing: UDP host to anchor host and back, TTL shows the hops")
    {
    }

  private:
    struct Result
    {
        uint32_t requests{0};
        uint32_t replies{0};
        uint32_t requestTtl{0};
        uint32_t replyTtl{0};
    };

    Result Exchange(bool tree)
    {
        // 4x4 grid, 1 ms links: router 0 = (0,0) and router 15 = (3,3) are
        // 6 links apart. Two hosts on LANs at routers 0, 5 and 15.
        const SmkdTopology grid = Grid(4, 4);
        SmkdTreeRoutingHelper routing;
        CbtHelper cbt;
        IgmpHelper igmp;
        SmkdNetworkBuilder builder;
        builder.SetRouterStack(cbt.RouterStack(routing));
        builder.SetIgmp(igmp);
        SmkdNetwork net = builder.Build(grid, {0, 5, 15}, 2);
        if (tree)
        {
            // Anchors: the first host at router 15, and router 5.
            routing.Populate(net.GetRouters(), NodeContainer(net.GetHost(4), net.GetRouter(5)));
        }
        else
        {
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        }
        Result result;
        Ptr<Socket> server = Socket::CreateSocket(net.GetHost(4), UdpSocketFactory::GetTypeId());
        server->Bind(InetSocketAddress(Ipv4Address::GetAny(), 7));
        server->SetIpRecvTtl(true);
        server->SetRecvCallback(Callback<void, Ptr<Socket>>([&result](Ptr<Socket> s) {
            Address from;
            while (Ptr<Packet> p = s->RecvFrom(from))
            {
                ++result.requests;
                SocketIpTtlTag ttl;
                result.requestTtl = p->PeekPacketTag(ttl) ? ttl.GetTtl() : 0;
                s->SendTo(Create<Packet>(100), 0, from);
            }
        }));
        Ptr<Socket> client = Socket::CreateSocket(net.GetHost(0), UdpSocketFactory::GetTypeId());
        client->Bind();
        client->SetIpRecvTtl(true);
        client->SetRecvCallback(Callback<void, Ptr<Socket>>([&result](Ptr<Socket> s) {
            while (Ptr<Packet> p = s->Recv())
            {
                ++result.replies;
                SocketIpTtlTag ttl;
                result.replyTtl = p->PeekPacketTag(ttl) ? ttl.GetTtl() : 0;
            }
        }));
        const InetSocketAddress to(net.GetHostAddress(4), 7);
        Simulator::Schedule(Seconds(1),
                            [client, to]() { client->SendTo(Create<Packet>(100), 0, to); });
        Simulator::Stop(Seconds(2));
        Simulator::Run();
        Simulator::Destroy();
        return result;
    }

    void DoRun() override
    {
        for (bool tree : {true, false})
        {
            const Result r = Exchange(tree);
            const std::string how = tree ? "tree routing" : "global routing";
            NS_TEST_EXPECT_MSG_EQ(r.requests, 1u, how << ": the request arrives");
            NS_TEST_EXPECT_MSG_EQ(r.replies, 1u, how << ": the reply arrives");
            // 7 routers on a 6-link path each take one off the TTL of 64.
            NS_TEST_EXPECT_MSG_EQ(r.requestTtl, 57u, how << ": request crossed 7 routers");
            NS_TEST_EXPECT_MSG_EQ(r.replyTtl, 57u, how << ": reply crossed 7 routers");
        }
    }
};

/// A CBT join travels to the core along the tree routes.
class TreeRoutingCbtJoinTestCase : public TestCase
{
  public:
    TreeRoutingCbtJoinTestCase()
        : TestCase("tree routing: IGMP joins at two routers build the CBT tree to the core")
    {
    }

  private:
    void DoRun() override
    {
        // 4x4 grid, core router 5 = (1,1). Members behind router 15 = (3,3),
        // 4 links from the core, and router 0 = (0,0), 2 links away. The two
        // branches meet only at the core: 5 + 3 - 1 = 7 routers on the tree.
        const SmkdTopology grid = Grid(4, 4);
        SmkdTreeRoutingHelper routing;
        CbtHelper cbt;
        IgmpHelper igmp;
        SmkdNetworkBuilder builder;
        builder.SetRouterStack(cbt.RouterStack(routing));
        builder.SetIgmp(igmp);
        SmkdNetwork net = builder.Build(grid, {0, 15}, 1);
        routing.Populate(net.GetRouters(), NodeContainer(net.GetRouter(5)));
        cbt.AddCore(GROUP, Ipv4Mask("255.255.255.255"), net.GetRouter(5));

        for (uint32_t r = 0; r < net.GetNRouters(); ++r)
        {
            NS_TEST_ASSERT_MSG_NE(CbtHelper::Get(net.GetRouter(r)), nullptr, "CBT on router " << r);
        }
        for (uint32_t h = 0; h < net.GetNHosts(); ++h)
        {
            NS_TEST_ASSERT_MSG_NE(IgmpHelper::GetHost(net.GetHost(h)), nullptr, "IGMP host " << h);
        }
        NS_TEST_ASSERT_MSG_NE(SmkdTreeRoutingHelper::Get(net.GetRouter(15)),
                              nullptr,
                              "tree routing on router 15");
        std::map<uint32_t, uint32_t> completed;
        for (uint32_t r : {0u, 15u})
        {
            CbtHelper::Get(net.GetRouter(r))
                ->TraceConnectWithoutContext(
                    "JoinCompleted",
                    Callback<void, Ipv4Address, Time>(
                        [&completed, r](Ipv4Address, Time) { ++completed[r]; }));
        }
        std::vector<Ptr<Socket>> sockets;
        for (uint32_t h = 0; h < 2; ++h)
        {
            Ptr<Socket> s = Socket::CreateSocket(net.GetHost(h), UdpSocketFactory::GetTypeId());
            s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
            sockets.push_back(s);
            Simulator::Schedule(Seconds(1),
                                &IgmpHost::Join,
                                IgmpHelper::GetHost(net.GetHost(h)),
                                s,
                                1,
                                GROUP);
        }
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(completed[0], 1u, "router 0 joined");
        NS_TEST_EXPECT_MSG_EQ(completed[15], 1u, "router 15 joined");
        uint32_t onTree = 0;
        uint32_t offPath = 0;
        Ptr<SmkdTreeRoutes> routes = routing.GetRoutes();
        std::set<uint32_t> path{5};
        for (uint32_t r : {0u, 15u})
        {
            for (uint32_t k = r; k != 5; k = routes->GetParent(5, k))
            {
                path.insert(k);
            }
        }
        for (uint32_t r = 0; r < net.GetNRouters(); ++r)
        {
            const bool on = CbtHelper::Get(net.GetRouter(r))->IsOnTree(GROUP);
            onTree += on;
            offPath += on && !path.count(r);
        }
        NS_TEST_EXPECT_MSG_EQ(path.size(), 7u, "the two tree-route paths hold 7 routers");
        NS_TEST_EXPECT_MSG_EQ(onTree, 7u, "7 routers on the CBT tree");
        NS_TEST_EXPECT_MSG_EQ(offPath, 0u, "all of them on the tree-route paths");
        NS_TEST_EXPECT_MSG_GT(
            SmkdTreeRoutingHelper::Get(net.GetRouter(15))->GetRoutes()->GetNRoots(),
            0u,
            "routes installed");
        Simulator::Destroy();
    }
};

class SmkdTopologyNetworkTestSuite : public TestSuite
{
  public:
    SmkdTopologyNetworkTestSuite()
        : TestSuite("smkd-topology-network", UNIT)
    {
        AddTestCase(new AddressPlanTestCase, TestCase::QUICK);
        AddTestCase(new NetworkBuilderAddressesTestCase, TestCase::QUICK);
        AddTestCase(new NetworkBuilderErrorsTestCase, TestCase::QUICK);
        AddTestCase(new TreeRoutesTablesTestCase, TestCase::QUICK);
        AddTestCase(new TreeRoutingUdpTestCase, TestCase::QUICK);
        AddTestCase(new TreeRoutingCbtJoinTestCase, TestCase::QUICK);
    }
};

SmkdTopologyNetworkTestSuite g_smkdTopologyNetworkTestSuite;

} // namespace
