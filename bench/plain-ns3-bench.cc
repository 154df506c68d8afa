/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The plain-ns-3 floor of the scaling experiment: the network smkd-scaling
// builds (same Barabasi-Albert generator and streams, same seed, same core
// and member-LAN placement, same LANs) with ns-3's own models only --
// point-to-point links, CSMA LANs, the Internet stack without IPv6, and
// static host routes plus the module's tree unicast routes towards the same
// anchors (no CBT, no IGMP, no key distribution, no crypto). Each member
// sends one UDP request to the primary core's address at its join time (the
// scenario's join stream) and the core answers it: the shape of a key
// request, so the wall time is what ns-3 itself needs for a network and a
// join load of that size. bench/scaling-bench.sh divides each scheme's wall
// time by it ("x ns-3").
//
//   build/bench/smkd-plain-ns3-bench [--routers=1000] [--members=1000]
//       [--hostsPerLan=10] [--joinWindow=5s] [--settle=5s] [--queueDiscs=1]
//       [--seed=1] [--run=1]
//
// --queueDiscs=0 leaves out ns-3's default queue disc (FqCoDel), which the
// scenario installs: FqCoDel makes a CoDel child queue disc for every new
// flow on every device, which dominates this floor (one flow per member).
//
// Prints one line of "key value" pairs; wall-clock time is measured here and
// only here (the simulation never reads it).

#include "bench-clock.h"

#include "ns3/cbt-helper.h"
#include "ns3/command-line.h"
#include "ns3/csma-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/smkd-network-builder.h"
#include "ns3/smkd-placement.h"
#include "ns3/smkd-scenario-layout.h"
#include "ns3/smkd-topology-generator.h"
#include "ns3/smkd-tree-routing-helper.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

// The streams and port of helper/smkd-scenario.cc, so that topology,
// placement and join times are the scenario's.
using Layout = SmkdScenarioLayout;
const uint16_t PORT = 9000;
// About a host token and a key-request header each way.
const uint32_t REQUEST_BYTES = 120;
const uint32_t REPLY_BYTES = 400;

using smkdbench::Clock;
using smkdbench::PeakRssMiB;
using smkdbench::Since;

struct Options
{
    uint32_t routers{1000};
    uint32_t members{1000};
    uint32_t hostsPerLan{10};
    Time joinStart{Seconds(4)};
    Time joinWindow{Seconds(5)};
    Time settle{Seconds(5)};
    bool queueDiscs{true};
};

/// Build, run and print one line; throws std::invalid_argument on bad options.
void
Run(const Options& o)
{
    const Clock::time_point start = Clock::now();
    if (o.hostsPerLan < 2 || o.members == 0)
    {
        throw std::invalid_argument("hostsPerLan must be at least 2 and members at least 1");
    }
    Ptr<SmkdBarabasiAlbertGenerator> generator = CreateObject<SmkdBarabasiAlbertGenerator>();
    generator->SetAttribute("Routers", UintegerValue(o.routers));
    generator->AssignStreams(Layout::TOPOLOGY_STREAM);
    const SmkdTopology topology = generator->Generate();
    const uint32_t lans = (o.members + 2 + o.hostsPerLan - 1) / o.hostsPerLan;
    if (lans > topology.GetNRouters())
    {
        throw std::invalid_argument(std::to_string(lans) + " LANs need more than the " +
                                    std::to_string(topology.GetNRouters()) + " routers");
    }

    // The scenario's placement: one core at the centre, its LAN first, then
    // uniformly random routers.
    Ptr<SmkdPlacement> placement = CreateObject<SmkdPlacement>();
    placement->AssignStreams(Layout::PLACEMENT_STREAM);
    const uint32_t primary =
        placement->PlaceCores(topology, SmkdPlacement::CoreStrategy::CENTRE, 1)[0];
    const std::vector<uint32_t> hostRouters =
        Layout::ChooseHostRouters(topology, placement, primary, lans);

    // ns-3's stacks only: tree unicast routes (the module's arithmetic
    // routes, not a protocol: no packets of their own) over static routing.
    SmkdTreeRoutingHelper tree;
    Ipv4ListRoutingHelper list;
    list.Add(tree, 5);
    list.Add(Ipv4StaticRoutingHelper(), 0);
    InternetStackHelper routerStack;
    routerStack.SetRoutingHelper(list);
    routerStack.SetIpv6StackInstall(false);
    InternetStackHelper hostStack;
    hostStack.SetIpv6StackInstall(false);
    SmkdNetworkBuilder builder;
    builder.SetRouterStack(routerStack);
    builder.SetHostStack(hostStack);
    builder.SetInstallQueueDiscs(o.queueDiscs);
    const SmkdNetwork net = builder.Build(topology, hostRouters, o.hostsPerLan);

    const Layout::Roles roles = Layout::AssignRoles(net, hostRouters, o.members);
    Ptr<Node> kdcHost = roles.kdcHost;
    Ptr<Node> initiator = roles.initiator;
    const NodeContainer& members = roles.members;
    NodeContainer anchors = net.GetRouters({primary});
    anchors.Add(kdcHost);
    anchors.Add(initiator);
    tree.Populate(net.GetRouters(), anchors);

    NodeContainer all(net.GetRouters(), net.GetHosts());
    int64_t stream = Layout::PROTOCOL_STREAMS;
    stream += routerStack.AssignStreams(all, stream);
    Layout::AssignDeviceStreams(all, stream);

    // The primary core answers every request; members count the answers.
    Ptr<Node> core = net.GetRouter(primary);
    const Ipv4Address coreAddress = CbtHelper::PrimaryAddress(core);
    uint32_t requests = 0;
    uint32_t replies = 0;
    Ptr<Socket> server = Socket::CreateSocket(core, UdpSocketFactory::GetTypeId());
    server->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
    server->SetRecvCallback(Callback<void, Ptr<Socket>>([&requests](Ptr<Socket> s) {
        Address from;
        while (s->RecvFrom(from))
        {
            ++requests;
            s->SendTo(Create<Packet>(REPLY_BYTES), 0, from);
        }
    }));
    std::vector<Ptr<Socket>> sockets{server};
    Ptr<UniformRandomVariable> joinTimes = CreateObject<UniformRandomVariable>();
    joinTimes->SetStream(Layout::JOIN_STREAM);
    for (auto it = members.Begin(); it != members.End(); ++it)
    {
        Ptr<Socket> s = Socket::CreateSocket(*it, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT));
        s->SetRecvCallback(Callback<void, Ptr<Socket>>([&replies](Ptr<Socket> sock) {
            while (sock->Recv())
            {
                ++replies;
            }
        }));
        sockets.push_back(s);
        const Time at = o.joinStart + Seconds(joinTimes->GetValue(0, o.joinWindow.GetSeconds()));
        const InetSocketAddress to(coreAddress, PORT);
        Simulator::Schedule(at, [s, to]() { s->SendTo(Create<Packet>(REQUEST_BYTES), 0, to); });
    }
    const double setup = Since(start);

    const Clock::time_point run = Clock::now();
    Simulator::Stop(o.joinStart + o.joinWindow + o.settle);
    Simulator::Run();
    const double runSeconds = Since(run);
    const uint64_t events = Simulator::GetEventCount();
    std::printf("plain-ns3 routers %u links %u lans %zu hosts %u members %u requests %u "
                "replies %u events %llu setup_s %.2f run_s %.2f wall_s %.2f peak_MiB %.0f\n",
                topology.GetNRouters(),
                topology.GetNLinks(),
                hostRouters.size(),
                net.GetNHosts(),
                members.GetN(),
                requests,
                replies,
                static_cast<unsigned long long>(events),
                setup,
                runSeconds,
                Since(start),
                PeakRssMiB());
    for (Ptr<Socket> s : sockets)
    {
        s->Close();
    }
    Simulator::Destroy();
}

} // namespace

int
main(int argc, char** argv)
{
    Options o;
    uint32_t seed = 1;
    uint64_t runNumber = 1;
    CommandLine cmd(__FILE__);
    cmd.AddValue("routers", "routers of the Barabasi-Albert topology", o.routers);
    cmd.AddValue("members", "member hosts (each sends one request)", o.members);
    cmd.AddValue("hostsPerLan", "hosts on each router LAN (>= 2)", o.hostsPerLan);
    cmd.AddValue("joinWindow", "requests are uniformly random over this window", o.joinWindow);
    cmd.AddValue("settle", "simulated time after the window before the run stops", o.settle);
    cmd.AddValue("queueDiscs",
                 "install ns-3's default queue disc on every device, as the scenario does",
                 o.queueDiscs);
    cmd.AddValue("seed", "RngSeedManager seed", seed);
    cmd.AddValue("run", "RngSeedManager run number", runNumber);
    cmd.Parse(argc, argv);
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(runNumber);
    try
    {
        Run(o);
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "smkd-plain-ns3-bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
