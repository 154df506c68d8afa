/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * A CBT shared tree on the topology of RFC 1949 Figure 1.
 *
 *      X3     X2    Y1-----Y2 [LAN: member]
 *        \     |     |
 *         \    |     |
 *          X0--X1    Y0------Y3
 *         /     \   /
 *        /       \ /
 *      X4         C            C = core of the group
 *   [LAN:        / \
 *    nobody]    /   \
 *              /     \
 *             B       Z0------Z1 [LAN: non-member sender]
 *              \
 *               \
 *                A
 *                |
 *   ==========================  LAN: host h (member), host o (not a member)
 *
 * X3 also has a LAN with a member. At 5 s hosts h, x3-member and y2-member
 * join the group with IGMPv3; their routers' IGMP tells CBT, and the DRs join
 * towards C. At 10 s host h sends to the group; at 12 s the
 * non-member sender behind Z1 does, and Z1 tunnels its packets to C in
 * IP-in-IP. The program prints join latencies, every on-tree router's
 * forwarding cache, and what each host received.
 *
 *   ./smkd run cbt-tree [--pcap=1] [--delay=2ms] [--verbose=1]
 */

#include "ns3/cbt-helper.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/igmp-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("CbtTreeExample");

namespace
{

struct Topology
{
    std::map<std::string, Ptr<Node>> routers;
    std::map<std::string, Ptr<Node>> hosts;
    std::map<std::string, std::string> hostRouter; //!< host -> the router on its LAN
    uint32_t subnet = 0;
};

Ipv4InterfaceContainer
AssignSubnet(Topology& t, NetDeviceContainer devices)
{
    std::ostringstream base;
    base << "10.0." << ++t.subnet << ".0";
    Ipv4AddressHelper addresses(base.str().c_str(), "255.255.255.0");
    return addresses.Assign(devices);
}

void
AddLan(Topology& t, const std::string& router, const std::vector<std::string>& hosts)
{
    NodeContainer nodes(t.routers.at(router));
    IgmpHelper igmp;
    for (const auto& name : hosts)
    {
        Ptr<Node> h = CreateObject<Node>();
        Names::Add(name, h);
        igmp.InstallHosts(h);
        t.hosts[name] = h;
        t.hostRouter[name] = router;
        nodes.Add(h);
    }
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", StringValue("10us"));
    AssignSubnet(t, csma.Install(nodes));
    for (const auto& name : hosts)
    {
        IgmpHelper::SetDefaultMulticastRoute(t.hosts[name], 1); // send straight onto the LAN
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    bool pcap = false;
    bool verbose = false;
    Time delay = MilliSeconds(2);
    std::string groupText = "232.1.2.3";
    CommandLine cmd(__FILE__);
    cmd.AddValue("pcap", "write cbt-tree-*.pcap", pcap);
    cmd.AddValue("delay", "one-way delay of each router-router link", delay);
    cmd.AddValue("group", "the multicast group", groupText);
    cmd.AddValue("verbose", "log CBT tree events", verbose);
    cmd.Parse(argc, argv);
    const Ipv4Address group(groupText.c_str());
    if (!group.IsMulticast() || group.IsLocalMulticast())
    {
        std::cerr << "cbt-tree: --group=" << groupText << " is not a routable multicast address\n";
        return 1;
    }
    if (verbose)
    {
        LogComponentEnable("CbtRoutingProtocol", LOG_LEVEL_INFO);
    }

    Topology t;
    CbtHelper cbt;
    InternetStackHelper routerStack = cbt.RouterStack();
    for (const char* name :
         {"C", "A", "B", "X0", "X1", "X2", "X3", "X4", "Y0", "Y1", "Y2", "Y3", "Z0", "Z1"})
    {
        Ptr<Node> n = CreateObject<Node>();
        Names::Add(name, n);
        routerStack.Install(n);
        t.routers[name] = n;
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    const std::pair<const char*, const char*> links[] = {
        {"C", "B"},
        {"B", "A"},
        {"C", "X1"},
        {"X1", "X0"},
        {"X1", "X2"},
        {"X0", "X3"},
        {"X0", "X4"},
        {"C", "Y0"},
        {"Y0", "Y1"},
        {"Y1", "Y2"},
        {"Y0", "Y3"},
        {"C", "Z0"},
        {"Z0", "Z1"},
    };
    for (const auto& [a, b] : links)
    {
        AssignSubnet(t, p2p.Install(t.routers[a], t.routers[b]));
    }
    AddLan(t, "A", {"h", "o"});
    AddLan(t, "X3", {"x3-member"});
    AddLan(t, "X4", {"x4-bystander"});
    AddLan(t, "Y2", {"y2-member"});
    AddLan(t, "Z1", {"z1-sender"});
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    cbt.AddCore(group, Ipv4Mask("255.255.255.255"), t.routers["C"]);

    NodeContainer routers;
    NodeContainer hosts;
    for (const auto& [name, n] : t.routers)
    {
        routers.Add(n);
    }
    for (const auto& [name, n] : t.hosts)
    {
        hosts.Add(n);
    }
    IgmpHelper().InstallRouters(routers); // IGMPv3 on every router, driving its CBT router
    CbtHelper::AssignStreams(routers, 1);
    IgmpHelper::AssignStreams(hosts, 100);

    // Join latencies, as the DRs report them.
    for (const auto& [name, n] : t.routers)
    {
        const std::string router = name;
        CbtHelper::Get(n)->TraceConnectWithoutContext(
            "JoinCompleted",
            Callback<void, Ipv4Address, Time>([router](Ipv4Address g, Time latency) {
                std::cout << std::fixed << std::setprecision(6) << Simulator::Now().GetSeconds()
                          << " s  " << router << " joined " << g << " in " << latency.As(Time::MS)
                          << "\n";
            }));
    }

    // Every host listens; three join the group, two send to it.
    const uint16_t port = 9000;
    std::map<std::string, uint32_t> received;
    std::vector<Ptr<Socket>> sockets;
    for (const auto& [name, h] : t.hosts)
    {
        Ptr<Socket> s = Socket::CreateSocket(h, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        const std::string host = name;
        s->SetRecvCallback(Callback<void, Ptr<Socket>>([&received, host](Ptr<Socket> socket) {
            while (socket->Recv())
            {
                ++received[host];
            }
        }));
        sockets.push_back(s);
        if (name == "h" || name == "x3-member" || name == "y2-member")
        {
            Simulator::Schedule(Seconds(5), &IgmpHost::Join, IgmpHelper::GetHost(h), s, 1, group);
        }
    }
    auto sender = [&](const std::string& host, Time start, uint32_t count) {
        Ptr<Socket> s = Socket::CreateSocket(t.hosts[host], UdpSocketFactory::GetTypeId());
        s->SetIpTtl(32);
        s->Connect(InetSocketAddress(group, port));
        sockets.push_back(s);
        for (uint32_t k = 0; k < count; ++k)
        {
            Simulator::Schedule(start + MilliSeconds(100) * k,
                                [s]() { s->Send(Create<Packet>(512)); });
        }
    };
    sender("h", Seconds(10), 5);
    sender("z1-sender", Seconds(12), 5);

    if (pcap)
    {
        p2p.EnablePcapAll("cbt-tree");
    }

    std::cout << "CBT tree for " << group << " rooted at core C (RFC 1949 Figure 1)\n";
    Simulator::Stop(Seconds(15));
    Simulator::Schedule(Seconds(14.9), [&]() {
        std::cout << "\nforwarding state at " << Simulator::Now().As(Time::S) << "\n";
        Ptr<OutputStreamWrapper> out = Create<OutputStreamWrapper>(&std::cout);
        for (const auto& [name, n] : t.routers)
        {
            if (CbtHelper::Get(n)->GetForwardingCache().Find(group))
            {
                std::cout << "--- " << name << "\n";
                CbtHelper::Get(n)->PrintRoutingTable(out, Time::S);
            }
        }
    });
    Simulator::Run();

    std::cout << "\npackets received (5 from h, 5 from the non-member sender behind Z1)\n";
    for (const auto& [name, h] : t.hosts)
    {
        std::cout << "  " << std::left << std::setw(14) << name << received[name] << "\n";
    }
    Simulator::Destroy();
    return 0;
}
