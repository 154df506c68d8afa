/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Steady-state cost of CBT: per-router state and control messages per link
 * per minute once the trees are built.
 *
 * A random connected topology of --routers routers (a random spanning tree
 * plus --extraLinks random links), one LAN with one host behind every
 * router, --groups groups each with a random core and --members member
 * LANs. Joins happen at 5 s; the program then measures --minutes minutes of
 * steady state, after a warm-up of --warmup seconds.
 *
 *   ./smkd run cbt-steady-state [--routers=100] [--groups=10] [--members=10] [--RngRun=1]
 */

#include "ns3/cbt-helper.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

using namespace ns3;

int
main(int argc, char* argv[])
{
    uint32_t nRouters = 100;
    uint32_t extraLinks = 50;
    uint32_t nGroups = 10;
    uint32_t nMembers = 10;
    double minutes = 30;
    double warmup = 300;
    CommandLine cmd(__FILE__);
    cmd.AddValue("routers", "number of routers", nRouters);
    cmd.AddValue("extraLinks", "links added to the random spanning tree", extraLinks);
    cmd.AddValue("groups", "number of groups", nGroups);
    cmd.AddValue("members", "member LANs per group", nMembers);
    cmd.AddValue("minutes", "measured steady-state minutes", minutes);
    cmd.AddValue("warmup", "seconds after the joins before measuring", warmup);
    cmd.Parse(argc, argv);
    if (nRouters < 2 || nMembers > nRouters || nGroups == 0 || minutes <= 0)
    {
        std::cerr << "cbt-steady-state: need routers >= 2, 0 < members <= routers, groups > 0, "
                     "minutes > 0\n";
        return 1;
    }

    Ptr<UniformRandomVariable> rng = CreateObject<UniformRandomVariable>();
    rng->SetStream(7);
    auto pick = [&](uint32_t n) { return rng->GetInteger(0, n - 1); };

    CbtHelper cbt;
    NodeContainer routers;
    routers.Create(nRouters);
    cbt.RouterStack().Install(routers);

    uint32_t subnet = 0;
    auto assign = [&](NetDeviceContainer d) {
        ++subnet;
        std::ostringstream base;
        base << "10." << (subnet >> 8) << "." << (subnet & 0xff) << ".0";
        Ipv4AddressHelper a(base.str().c_str(), "255.255.255.0");
        a.Assign(d);
    };
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    std::set<std::pair<uint32_t, uint32_t>> links;
    for (uint32_t r = 1; r < nRouters; ++r)
    {
        const uint32_t parent = pick(r); // random recursive tree: connected
        links.insert({parent, r});
    }
    for (uint32_t k = 0; k < extraLinks * 10 && links.size() < nRouters - 1 + extraLinks; ++k)
    {
        uint32_t a = pick(nRouters);
        uint32_t b = pick(nRouters);
        if (a != b)
        {
            links.insert({std::min(a, b), std::max(a, b)});
        }
    }
    for (const auto& [a, b] : links)
    {
        assign(p2p.Install(routers.Get(a), routers.Get(b)));
    }
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    NodeContainer hosts;
    hosts.Create(nRouters);
    InternetStackHelper().Install(hosts);
    std::vector<uint32_t> lanInterface(nRouters);
    for (uint32_t r = 0; r < nRouters; ++r)
    {
        NetDeviceContainer d = csma.Install(NodeContainer(routers.Get(r), hosts.Get(r)));
        assign(d);
        lanInterface[r] = routers.Get(r)->GetObject<Ipv4>()->GetInterfaceForDevice(d.Get(0));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    CbtHelper::AssignStreams(routers, 100);

    for (uint32_t g = 0; g < nGroups; ++g)
    {
        const Ipv4Address group(0xe8010000 + g);
        const uint32_t core = pick(nRouters);
        cbt.AddCores(group,
                     Ipv4Mask("255.255.255.255"),
                     {CbtHelper::PrimaryAddress(routers.Get(core))});
        std::set<uint32_t> members;
        while (members.size() < nMembers)
        {
            members.insert(pick(nRouters));
        }
        for (uint32_t m : members)
        {
            Simulator::Schedule(Seconds(5),
                                &CbtRoutingProtocol::NotifyMembership,
                                CbtHelper::Get(routers.Get(m)),
                                group,
                                lanInterface[m],
                                true);
        }
    }

    const Time start = Seconds(5 + warmup);
    const Time stop = start + Seconds(minutes * 60);
    std::map<CbtMessageType, uint64_t> messages;
    std::map<CbtMessageType, uint64_t> bytes;
    uint32_t joinsCompleted = 0;
    for (uint32_t r = 0; r < nRouters; ++r)
    {
        Ptr<CbtRoutingProtocol> p = CbtHelper::Get(routers.Get(r));
        p->TraceConnectWithoutContext(
            "ControlTx",
            Callback<void, const CbtMessage&, uint32_t, Ipv4Address, uint32_t>(
                [&](const CbtMessage& m, uint32_t, Ipv4Address, uint32_t size) {
                    const Time now = Simulator::Now();
                    if (now >= start && now < stop)
                    {
                        ++messages[m.GetType()];
                        bytes[m.GetType()] += size;
                    }
                }));
        p->TraceConnectWithoutContext(
            "JoinCompleted",
            Callback<void, Ipv4Address, Time>([&](Ipv4Address, Time) { ++joinsCompleted; }));
    }

    Simulator::Stop(stop);
    Simulator::Run();

    uint32_t onTree = 0;
    uint32_t maxBytes = 0;
    uint64_t totalBytes = 0;
    uint32_t maxEntries = 0;
    for (uint32_t r = 0; r < nRouters; ++r)
    {
        const CbtForwardingCache& cache = CbtHelper::Get(routers.Get(r))->GetForwardingCache();
        const uint32_t b = cache.GetStateBytes();
        totalBytes += b;
        maxBytes = std::max(maxBytes, b);
        maxEntries = std::max<uint32_t>(maxEntries, cache.GetEntries().size());
        onTree += !cache.GetEntries().empty();
    }
    const uint32_t nLinks = links.size() + nRouters; // router links and router-host LANs
    std::cout << "CBT steady state: " << nRouters << " routers, " << links.size()
              << " router-router links, " << nGroups << " groups x " << nMembers
              << " member LANs, RngRun " << RngSeedManager::GetRun() << "\n";
    std::cout << "joins completed: " << joinsCompleted << "; routers on some tree: " << onTree
              << "\n";
    std::cout << "state per router: mean " << std::fixed << std::setprecision(1)
              << double(totalBytes) / nRouters << " B, max " << maxBytes << " B, max " << maxEntries
              << " group entries\n";
    std::cout << "control traffic over " << minutes << " min of steady state, per link (" << nLinks
              << " links incl. LANs) per minute:\n";
    uint64_t allMessages = 0;
    uint64_t allBytes = 0;
    for (const auto& [type, n] : messages)
    {
        std::cout << "  " << std::left << std::setw(18) << CbtMessageTypeName(type) << std::right
                  << std::setw(10) << std::setprecision(3) << n / double(nLinks) / minutes
                  << " msgs  " << std::setw(10) << bytes[type] / double(nLinks) / minutes << " B\n";
        allMessages += n;
        allBytes += bytes[type];
    }
    std::cout << "  " << std::left << std::setw(18) << "all" << std::right << std::setw(10)
              << allMessages / double(nLinks) / minutes << " msgs  " << std::setw(10)
              << allBytes / double(nLinks) / minutes << " B\n";
    Simulator::Destroy();
    return 0;
}
