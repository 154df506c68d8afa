/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Member exclusion compared: the same secure group on a k-ary router tree
 * (core at the root, a LAN of members below every leaf router), the same
 * member excluded at the same moment, once per strategy. For each the program
 * prints what the exclusion cost from the moment the primary core starts it:
 *
 *  - messages and bytes on all links (key-management UDP, CBT joins/acks,
 *    IGMP), counted on every device as they are sent;
 *  - crypto operations in total and at the busiest node;
 *  - latency until the last remaining member holds the new keys, so that no
 *    remaining member needs the old ones (and a check that the excluded member
 *    did not get them).
 *
 * Member senders (--senders, one per LAN from the first) send group data
 * under their own sender keys (RFC 1949 §8) every 100 ms from before the
 * exclusion: their keys' renewal under the new group key is part of the
 * cost, and the excluded member's receiver counts what it still reads of
 * data sent after the exclusion (it must be nothing).
 *
 *   ./smkd run smkd-exclusion [--degree=3] [--depth=3] [--hosts=2] [--senders=3]
 *       [--strategies=NewGroup,CoreUnicast,SubtreeGkdc,Lkh]
 */

#include "ns3/cbt-helper.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/igmp-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/smkd-helper.h"
#include "ns3/smkd-secure-receiver.h"
#include "ns3/smkd-secure-sender.h"

#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

const Ipv4Address GROUP("232.19.49.77");

struct Cost
{
    uint64_t packets{0};
    uint64_t bytes{0};
    uint64_t ops{0};
    uint64_t busiestOps{0};
    std::string busiest;
    Time latency;
    uint32_t remainingWithKeys{0};
    uint32_t remaining{0};
    bool excludedHasKeys{false};
    uint64_t excludedReads{0}; //!< packets of the member senders the excluded member read after
    std::string error;
};

/// Key-management traffic: UDP on the smkd ports, CBT (joins, acks), IGMP.
/// MacTx hands over the frame: after a PPP header (2 bytes) on point-to-point
/// links, after an Ethernet header (14 bytes) on CSMA.
bool
IsKeyManagement(Ptr<const Packet> p)
{
    uint8_t b[14 + 24] = {};
    const uint32_t n = p->CopyData(b, sizeof b);
    uint32_t ip = 0;
    if (n >= 2 && b[0] == 0x00 && b[1] == 0x21)
    {
        ip = 2;
    }
    else if (n >= 14 && b[12] == 0x08 && b[13] == 0x00)
    {
        ip = 14;
    }
    if (n < ip + 24 || (b[ip] >> 4) != 4)
    {
        return false;
    }
    const uint8_t protocol = b[ip + 9];
    if (protocol == 2 || protocol == 7)
    {
        return true;
    }
    const uint16_t source = uint16_t(b[ip + 20] << 8 | b[ip + 21]);
    const uint16_t destination = uint16_t(b[ip + 22] << 8 | b[ip + 23]);
    auto ours = [](uint16_t port) { return port >= 1949 && port <= 1952; };
    return protocol == 17 && (ours(source) || ours(destination));
}

Cost
Run(const std::string& strategy,
    uint32_t degree,
    uint32_t depth,
    uint32_t hostsPerLan,
    uint32_t senders)
{
    Config::SetDefault("ns3::SmkdGkdc::ExclusionStrategy", StringValue(strategy));
    CbtHelper cbt;
    InternetStackHelper routerStack = cbt.RouterStack();
    IgmpHelper igmp;
    NodeContainer routers;
    NodeContainer hosts;
    NodeContainer members;
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    uint32_t subnet = 0;
    auto assign = [&subnet](NetDeviceContainer d) {
        ++subnet;
        std::ostringstream base;
        base << "10." << (subnet >> 8) << "." << (subnet & 0xff) << ".0";
        Ipv4AddressHelper a(base.str().c_str(), "255.255.255.0");
        a.Assign(d);
    };
    // A k-ary tree of routers, level by level; leaves get a member LAN.
    std::vector<Ptr<Node>> level{CreateObject<Node>()};
    routerStack.Install(level[0]);
    routers.Add(level[0]);
    for (uint32_t d = 0; d < depth; ++d)
    {
        std::vector<Ptr<Node>> next;
        for (Ptr<Node> parent : level)
        {
            for (uint32_t k = 0; k < degree; ++k)
            {
                Ptr<Node> child = CreateObject<Node>();
                routerStack.Install(child);
                routers.Add(child);
                assign(p2p.Install(parent, child));
                next.push_back(child);
            }
        }
        level = next;
    }
    Ptr<Node> initiator = CreateObject<Node>();
    igmp.InstallHosts(initiator);
    hosts.Add(initiator);
    assign(csma.Install(NodeContainer(routers.Get(0), initiator)));
    IgmpHelper::SetDefaultMulticastRoute(initiator, 1);
    for (Ptr<Node> leaf : level)
    {
        NodeContainer lan(leaf);
        for (uint32_t h = 0; h < hostsPerLan; ++h)
        {
            Ptr<Node> host = CreateObject<Node>();
            igmp.InstallHosts(host);
            hosts.Add(host);
            members.Add(host);
            lan.Add(host);
        }
        assign(csma.Install(lan));
        for (uint32_t h = 1; h < lan.GetN(); ++h)
        {
            IgmpHelper::SetDefaultMulticastRoute(lan.Get(h), 1);
        }
    }
    igmp.InstallRouters(routers);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    cbt.AddCore(GROUP, Ipv4Mask("255.255.255.255"), routers.Get(0));

    SmkdHelper smkd;
    smkd.AddSecureGroups(GROUP, Ipv4Mask("255.255.255.255"));
    smkd.SetCoreMap(cbt.GetCoreMap());
    smkd.InstallGkdc(routers);
    smkd.InstallHosts(hosts);
    SmkdAccessList acl(GROUP,
                       SmkdAccessList::Kind::GROUP_MEMBERS,
                       SmkdAccessList::Mode::INCLUSION,
                       CbtHelper::PrimaryAddress(initiator));
    for (auto it = members.Begin(); it != members.End(); ++it)
    {
        acl.Add(CbtHelper::PrimaryAddress(*it));
    }
    smkd.InstallInitiator(initiator, acl, CbtHelper::PrimaryAddress(routers.Get(0)), Seconds(1));
    std::vector<Ptr<Socket>> sockets;
    for (uint32_t i = 0; i < members.GetN(); ++i)
    {
        Ptr<Socket> s = Socket::CreateSocket(members.Get(i), UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
        sockets.push_back(s);
        Simulator::Schedule(Seconds(2) + MilliSeconds(10 * i),
                            &SmkdHostAgent::Join,
                            members.Get(i)->GetObject<SmkdHostAgent>(),
                            s,
                            1,
                            GROUP);
    }

    // The excluded member: the first host of the middle leaf's LAN.
    const uint32_t excludedIndex = (members.GetN() / hostsPerLan / 2) * hostsPerLan;
    Ptr<Node> excluded = members.Get(excludedIndex);
    const Time at = Seconds(10);
    // Member senders: the last host of the first LANs, under sender keys.
    for (uint32_t k = 0; k < senders && (k + 1) * hostsPerLan <= members.GetN(); ++k)
    {
        Ptr<SmkdSecureSender> sender = CreateObject<SmkdSecureSender>();
        sender->SetAttribute("Group", Ipv4AddressValue(GROUP));
        sender->SetAttribute("UseSenderKey", BooleanValue(true));
        sender->SetAttribute("Interval", TimeValue(MilliSeconds(100)));
        members.Get((k + 1) * hostsPerLan - 1)->AddApplication(sender);
        sender->SetStartTime(Seconds(8));
        sender->SetStopTime(at + Seconds(5));
    }
    Ptr<SmkdSecureReceiver> spy = CreateObject<SmkdSecureReceiver>();
    spy->SetAttribute("Group", Ipv4AddressValue(GROUP));
    spy->SetAttribute("JoinOnStart", BooleanValue(false));
    excluded->AddApplication(spy);
    spy->SetStartTime(Seconds(7));
    uint64_t readBefore = 0;
    // Data in flight when the new keys take effect still opens: count from 50 ms after.
    Simulator::Schedule(at + MilliSeconds(50), [&]() { readBefore = spy->GetDelivered(); });
    Cost cost;
    bool counting = false;
    NodeContainer all(routers, hosts);
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        for (uint32_t d = 0; d < (*it)->GetNDevices(); ++d)
        {
            (*it)->GetDevice(d)->TraceConnectWithoutContext(
                "MacTx",
                Callback<void, Ptr<const Packet>>([&cost, &counting](Ptr<const Packet> p) {
                    if (counting && IsKeyManagement(p))
                    {
                        ++cost.packets;
                        cost.bytes += p->GetSize();
                    }
                }));
        }
    }
    std::map<uint32_t, uint64_t> opsBefore;
    uint32_t newSpi = 0;
    routers.Get(0)->GetObject<SmkdGkdc>()->TraceConnectWithoutContext(
        "RekeySent",
        Callback<void, Ipv4Address, uint32_t>([&newSpi](Ipv4Address, uint32_t spi) {
            if (newSpi == 0)
            {
                newSpi = spi;
            }
        }));
    Time last;
    for (uint32_t i = 0; i < members.GetN(); ++i)
    {
        members.Get(i)->GetObject<SmkdHostAgent>()->TraceConnectWithoutContext(
            "RekeyInstalled",
            Callback<void, Ipv4Address, uint32_t>([&last, &newSpi](Ipv4Address, uint32_t spi) {
                if (spi == newSpi)
                {
                    last = Simulator::Now();
                }
            }));
    }
    auto opsOf = [](Ptr<Node> n) {
        Ptr<SmkdCryptoEngine> e = n->GetObject<SmkdCryptoEngine>();
        uint64_t total = 0;
        for (SmkdCryptoOp op : {SmkdCryptoOp::SIGN,
                                SmkdCryptoOp::VERIFY,
                                SmkdCryptoOp::SEAL,
                                SmkdCryptoOp::OPEN,
                                SmkdCryptoOp::AEAD_ENCRYPT,
                                SmkdCryptoOp::AEAD_DECRYPT})
        {
            total += e->GetCount(op);
        }
        return total;
    };
    Simulator::Schedule(at, [&]() {
        for (auto it = all.Begin(); it != all.End(); ++it)
        {
            opsBefore[(*it)->GetId()] = opsOf(*it);
        }
        counting = true;
        try
        {
            routers.Get(0)->GetObject<SmkdGkdc>()->Exclude(GROUP,
                                                           CbtHelper::PrimaryAddress(excluded));
        }
        catch (const std::exception& e)
        {
            cost.error = e.what();
        }
    });
    Simulator::Schedule(at + Seconds(5), [&]() {
        counting = false;
        for (auto it = all.Begin(); it != all.End(); ++it)
        {
            const uint64_t n = opsOf(*it) - opsBefore[(*it)->GetId()];
            cost.ops += n;
            if (n > cost.busiestOps)
            {
                cost.busiestOps = n;
                const bool router = (*it)->GetObject<SmkdGkdc>() != nullptr;
                cost.busiest =
                    (*it == routers.Get(0)) ? "primary core" : (router ? "a router" : "a host");
            }
        }
        for (uint32_t i = 0; i < members.GetN(); ++i)
        {
            const SmkdKeyBundle* k =
                members.Get(i)->GetObject<SmkdHostAgent>()->GetKeysBySpi(GROUP, newSpi);
            if (i == excludedIndex)
            {
                cost.excludedHasKeys = k != nullptr;
                continue;
            }
            ++cost.remaining;
            cost.remainingWithKeys += k ? 1 : 0;
        }
        cost.latency = last - at;
        cost.excludedReads = spy->GetDelivered() - readBefore;
    });
    Simulator::Stop(at + Seconds(5));
    Simulator::Run();
    Simulator::Destroy();
    Config::Reset();
    return cost;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t degree = 3;
    uint32_t depth = 3;
    uint32_t hosts = 2;
    uint32_t senders = 3;
    std::string strategies = "NewGroup,CoreUnicast,SubtreeGkdc,Lkh";
    CommandLine cmd(__FILE__);
    cmd.AddValue("degree", "children per router of the tree", degree);
    cmd.AddValue("depth", "levels of routers below the core", depth);
    cmd.AddValue("hosts", "members on each leaf router's LAN", hosts);
    cmd.AddValue("senders", "member senders under sender keys (one per LAN)", senders);
    cmd.AddValue("strategies", "comma-separated ExclusionStrategy values", strategies);
    cmd.Parse(argc, argv);
    uint32_t leaves = 1;
    for (uint32_t d = 0; d < depth; ++d)
    {
        leaves *= degree;
    }
    std::cout << "Excluding one of " << leaves * hosts << " members on a " << degree
              << "-ary router tree of depth " << depth << " (real Ed25519/X25519), " << senders
              << " member senders under sender keys; measured over the 5 s after Exclude()\n\n"
              << std::left << std::setw(13) << "strategy" << std::right << std::setw(9) << "packets"
              << std::setw(10) << "bytes" << std::setw(10) << "crypto" << std::setw(10) << "busiest"
              << "  " << std::left << std::setw(14) << "(node)" << std::right << std::setw(12)
              << "latency ms" << std::setw(14) << "remaining ok"
              << "  excluded: key, data read\n";
    std::stringstream list(strategies);
    std::string s;
    while (std::getline(list, s, ','))
    {
        const Cost c = Run(s, degree, depth, hosts, senders);
        std::cout << std::left << std::setw(13) << s << std::right;
        if (!c.error.empty())
        {
            std::cout << "  not run: " << c.error << "\n";
            continue;
        }
        std::cout << std::setw(9) << c.packets << std::setw(10) << c.bytes << std::setw(10) << c.ops
                  << std::setw(10) << c.busiestOps << "  " << std::left << std::setw(14)
                  << c.busiest << std::right << std::setw(12) << std::fixed << std::setprecision(3)
                  << c.latency.GetSeconds() * 1000 << std::setw(9) << c.remainingWithKeys << "/"
                  << std::setw(4) << std::left << c.remaining << std::right << "  "
                  << (c.excludedHasKeys ? "YES" : "no") << ", " << c.excludedReads << "\n";
    }
    return 0;
}
