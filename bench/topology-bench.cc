/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Network set-up benchmark: wall-clock seconds per phase and peak resident
// memory for building large router networks with hosts, with the module's
// arithmetic addresses and tree routes ("tree"), and with ns-3's
// Ipv4AddressHelper and global routing ("ns3") at the sizes where those
// finish in reasonable time. Each network is built in a child process, so
// the peak memory is that network's alone. Wall-clock time is measured here
// and only here: the simulation never reads it.
//
//   build/bench/smkd-topology-bench [--routers=1000,10000,33334] [--m=3]
//       [--hosts=100000] [--ns3-max=1000] [--anchors=4] [--queue-discs=1] [--ipv6=1]
//       [--global=1] [--verify=1]
//
// Topologies are Barabasi-Albert graphs (M links per new router, so about
// M·N links); every router gets a LAN of min(10, ceil(hosts / N)) hosts
// (none with --hosts=0). "tables" is the tree routes' own memory (MiB).

#include "bench-clock.h"

#include "ns3/cbt-helper.h"
#include "ns3/command-line.h"
#include "ns3/igmp-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/simulator.h"
#include "ns3/smkd-network-builder.h"
#include "ns3/smkd-placement.h"
#include "ns3/smkd-topology-generator.h"
#include "ns3/smkd-tree-routing-helper.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ns3;

namespace
{

using smkdbench::Clock;
using smkdbench::PeakRssMiB;
using smkdbench::Since;

struct Options
{
    uint32_t m{3};
    uint32_t hosts{100000};
    uint32_t anchors{4};
    bool queueDiscs{true};
    bool verify{true};
    bool ipv6{true};
    bool global{true};
};

/// One UDP packet from host 0 to the anchor host and back: true if both arrive.
bool
Verify(const SmkdNetwork& net, uint32_t anchorHost)
{
    uint32_t requests = 0;
    uint32_t replies = 0;
    Ptr<Socket> server =
        Socket::CreateSocket(net.GetHost(anchorHost), UdpSocketFactory::GetTypeId());
    server->Bind(InetSocketAddress(Ipv4Address::GetAny(), 7));
    server->SetRecvCallback(Callback<void, Ptr<Socket>>([&requests](Ptr<Socket> s) {
        Address from;
        while (Ptr<Packet> p = s->RecvFrom(from))
        {
            ++requests;
            s->SendTo(p, 0, from);
        }
    }));
    Ptr<Socket> client = Socket::CreateSocket(net.GetHost(0), UdpSocketFactory::GetTypeId());
    client->Bind();
    client->SetRecvCallback(Callback<void, Ptr<Socket>>([&replies](Ptr<Socket> s) {
        while (s->Recv())
        {
            ++replies;
        }
    }));
    const InetSocketAddress to(net.GetHostAddress(anchorHost), 7);
    Simulator::Schedule(MilliSeconds(100),
                        [client, to]() { client->SendTo(Create<Packet>(64), 0, to); });
    Simulator::Stop(Seconds(2));
    Simulator::Run();
    return requests == 1 && replies == 1;
}

/// Build one network and print its row.
void
RunOne(uint32_t routers, bool tree, const Options& o)
{
    const Clock::time_point start = Clock::now();
    Ptr<SmkdBarabasiAlbertGenerator> generator = CreateObject<SmkdBarabasiAlbertGenerator>();
    generator->SetAttribute("Routers", UintegerValue(routers));
    generator->SetAttribute("M", UintegerValue(o.m));
    generator->AssignStreams(1);
    const SmkdTopology topology = generator->Generate();
    const double topologySeconds = Since(start);

    // Anchors: the centre (a core), the highest-degree routers, one host.
    Clock::time_point t = Clock::now();
    Ptr<SmkdPlacement> placement = CreateObject<SmkdPlacement>();
    placement->AssignStreams(2);
    std::vector<uint32_t> cores =
        placement->PlaceCores(topology, SmkdPlacement::CoreStrategy::CENTRE, 1);
    for (uint32_t r : placement->PlaceCores(topology,
                                            SmkdPlacement::CoreStrategy::HIGHEST_DEGREE,
                                            o.anchors > 1 ? o.anchors - 1 : 0))
    {
        if (r != cores[0])
        {
            cores.push_back(r);
        }
    }
    const double placeSeconds = Since(t);

    const uint32_t perRouter =
        o.hosts == 0 ? 0 : std::min(10u, (o.hosts + routers - 1) / routers); // ceil, at most 10
    std::vector<uint32_t> hostRouters(perRouter > 0 ? routers : 0);
    for (uint32_t r = 0; r < hostRouters.size(); ++r)
    {
        hostRouters[r] = r;
    }
    CbtHelper cbt;
    SmkdTreeRoutingHelper routing;
    IgmpHelper igmp;
    SmkdNetworkBuilder builder;
    InternetStackHelper routerStack = tree ? cbt.RouterStack(routing) : cbt.RouterStack();
    routerStack.SetIpv6StackInstall(o.ipv6);
    igmp.SetIpv6StackInstall(o.ipv6);
    builder.SetRouterStack(routerStack);
    builder.SetIgmp(igmp);
    builder.SetInstallQueueDiscs(o.queueDiscs);
    builder.SetAddressing(tree ? SmkdNetworkBuilder::Addressing::DIRECT
                               : SmkdNetworkBuilder::Addressing::IPV4_ADDRESS_HELPER);
    std::map<std::string, double> phase;
    t = Clock::now();
    builder.SetProgressCallback(Callback<void, const std::string&>([&](const std::string& p) {
        phase[p] = Since(t);
        t = Clock::now();
    }));
    const SmkdNetwork net = builder.Build(topology, hostRouters, perRouter);

    t = Clock::now();
    const uint32_t anchorHost = net.GetNHosts() > 0 ? net.GetNHosts() - 1 : 0;
    if (tree)
    {
        NodeContainer anchors = net.GetRouters(cores);
        if (net.GetNHosts() > 0)
        {
            anchors.Add(net.GetHost(anchorHost));
        }
        routing.Populate(net.GetRouters(), anchors);
    }
    else if (o.global)
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }
    const double routeSeconds = Since(t);
    const double tablesMiB = tree ? routing.GetRoutes()->GetMemoryBytes() / 1048576.0 : 0;
    const double setup = phase["routers"] + phase["links"] + phase["hosts"] + phase["addresses"] +
                         phase["host-routes"] + routeSeconds;
    const double rss = PeakRssMiB();
    const char* verified = "-";
    if (o.verify && net.GetNHosts() > 0 && (tree || o.global))
    {
        verified = Verify(net, anchorHost) ? "yes" : "NO";
    }
    std::printf(
        "%-5s %7u %7u %7u %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %7.2f %7.2f %8.0f %6.1f "
        "%s\n",
        tree ? "tree" : "ns3",
        routers,
        topology.GetNLinks(),
        net.GetNHosts(),
        topologySeconds + placeSeconds,
        phase["routers"],
        phase["links"],
        phase["hosts"],
        phase["addresses"],
        phase["host-routes"],
        routeSeconds,
        setup,
        Since(start),
        rss,
        tablesMiB,
        verified);
    std::fflush(stdout);
    Simulator::Destroy();
}

std::vector<uint32_t>
ParseList(const std::string& text)
{
    std::vector<uint32_t> values;
    std::istringstream is(text);
    std::string item;
    while (std::getline(is, item, ','))
    {
        values.push_back(static_cast<uint32_t>(std::stoul(item)));
    }
    return values;
}

} // namespace

int
main(int argc, char** argv)
{
    std::string sizes = "1000,10000,33334";
    uint32_t ns3Max = 1000;
    Options o;
    CommandLine cmd(__FILE__);
    cmd.AddValue("routers", "router counts, comma-separated", sizes);
    cmd.AddValue("m", "Barabasi-Albert links per new router", o.m);
    cmd.AddValue("hosts", "hosts wanted in all (1 to 10 per router; 0: none)", o.hosts);
    cmd.AddValue("ns3-max", "largest router count for Ipv4AddressHelper + global routing", ns3Max);
    cmd.AddValue("anchors", "anchor routers of the tree routes (plus one anchor host)", o.anchors);
    cmd.AddValue("queue-discs", "install ns-3's default queue disc on every device", o.queueDiscs);
    cmd.AddValue("ipv6", "install IPv6 too, as InternetStackHelper does by default", o.ipv6);
    cmd.AddValue("global", "ns3 mode: populate global routing (0: addresses only)", o.global);
    cmd.AddValue("verify",
                 "send one UDP packet host -> anchor host -> host after set-up",
                 o.verify);
    cmd.Parse(argc, argv);

    std::printf("seconds per phase (topo = generate + place; setup = routers .. routes), peak RSS "
                "of the process, tree tables in MiB\n");
    std::printf("%-5s %7s %7s %7s %6s %6s %6s %6s %6s %6s %6s %7s %7s %8s %6s %s\n",
                "mode",
                "routers",
                "links",
                "hosts",
                "topo",
                "nodes",
                "links",
                "hosts",
                "addr",
                "hroute",
                "routes",
                "setup",
                "total",
                "RSS MiB",
                "tables",
                "udp ok");
    std::fflush(stdout);
    for (uint32_t routers : ParseList(sizes))
    {
        for (bool tree : {true, false})
        {
            if (!tree && routers > ns3Max)
            {
                continue;
            }
            const pid_t child = fork();
            if (child == 0)
            {
                RunOne(routers, tree, o);
                _exit(0);
            }
            int status = 0;
            waitpid(child, &status, 0);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            {
                std::printf("%-5s %7u  failed (status %d)\n",
                            tree ? "tree" : "ns3",
                            routers,
                            status);
            }
        }
    }
    return 0;
}
