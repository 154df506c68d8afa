/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * CBTv2 control messages on a real ns-3 link.
 *
 *   n0 (10.1.1.1, a designated router) ------ 5 Mbps, 2 ms ------ n1 (10.1.1.2, the core)
 *
 * n0 sends one message of each RFC 2189 §7 type to n1 as IP protocol 7, then
 * one whose body was damaged after checksumming; n1 sends a JOIN_ACK back that
 * carries a 1200-byte option (the size of an RFC 1949 group access package),
 * which needs the module's extended option length. Each receiver parses what
 * arrives, prints it, and counts what it drops and why.
 *
 *   ./smkd run cbt-messages [--pcap=1] [--checksum=0]
 */

#include "ns3/cbt-message.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("CbtMessagesExample");

namespace
{

/// What one node received, for the summary at the end.
struct Tally
{
    uint32_t parsed = 0;
    uint64_t bytes = 0;
    std::map<std::string, uint32_t> dropped; // by reason
};

std::map<uint32_t, Tally> g_tally; // by node id

void
Receive(Ptr<Socket> socket)
{
    const uint32_t node = socket->GetNode()->GetId();
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        // Raw IPv4 sockets hand up the IP header as well.
        Ipv4Header ip;
        packet->RemoveHeader(ip);
        CbtMessage message;
        smkd::WireStatus status = CbtMessage::Parse(packet, Node::ChecksumEnabled(), message);
        std::cout << std::fixed << std::setprecision(6) << Simulator::Now().GetSeconds() << " s  n"
                  << node << " <- " << ip.GetSource() << "  " << std::setw(4) << packet->GetSize()
                  << " B  ";
        if (!status.Ok())
        {
            ++g_tally[node].dropped[smkd::WireErrorName(status.error)];
            std::cout << "DROPPED (" << status << ")\n";
            continue;
        }
        ++g_tally[node].parsed;
        g_tally[node].bytes += packet->GetSize();
        std::cout << message << "\n";
    }
}

void
Send(Ptr<Socket> socket, Ipv4Address to, Ptr<Packet> packet)
{
    socket->SendTo(packet, 0, InetSocketAddress(to, 0));
}

/// Flip one bit of the last byte after the checksum was computed.
Ptr<Packet>
Damaged(const CbtMessage& m)
{
    std::vector<uint8_t> bytes = m.ToBytes(true);
    bytes.back() ^= 0x01;
    return Create<Packet>(bytes.data(), bytes.size());
}

} // namespace

int
main(int argc, char* argv[])
{
    bool pcap = false;
    bool checksum = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("pcap", "write cbt-messages-*.pcap", pcap);
    cmd.AddValue("checksum", "compute and verify CBT checksums (ns-3's ChecksumEnabled)", checksum);
    cmd.Parse(argc, argv);
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(checksum));

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper link;
    link.SetDeviceAttribute("DataRate", StringValue("5Mbps"));
    link.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer devices = link.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifs = addresses.Assign(devices);
    const Ipv4Address dr = ifs.GetAddress(0);
    const Ipv4Address core = ifs.GetAddress(1);
    const Ipv4Address group("224.1.2.3");

    std::vector<Ptr<Socket>> sockets;
    for (uint32_t i = 0; i < 2; ++i)
    {
        Ptr<Socket> s = Socket::CreateSocket(nodes.Get(i), Ipv4RawSocketFactory::GetTypeId());
        s->SetAttribute("Protocol", UintegerValue(CbtHeader::PROTOCOL_NUMBER));
        s->SetRecvCallback(MakeCallback(&Receive));
        sockets.push_back(s);
    }

    std::vector<CbtMessage> fromDr;
    {
        CbtHelloHeader hello;
        hello.SetPreference(CbtHelloHeader::DR_PREFERENCE);
        fromDr.emplace_back(hello);

        CbtJoinRequestHeader join;
        join.SetGroup(group);
        join.SetTarget(core);
        join.SetOriginator(dr);
        join.GetOptions().Add(CbtOptionType::HOST_TOKEN, std::vector<uint8_t>(76, 0x11));
        join.GetOptions().Add(CbtOptionType::ROUTER_TOKEN, std::vector<uint8_t>(80, 0x22));
        join.GetOptions().Add(CbtOptionType::SIGNATURE, std::vector<uint8_t>(64, 0x33));
        fromDr.emplace_back(join);

        CbtEchoRequestHeader echo;
        echo.SetOriginatingChild(dr);
        fromDr.emplace_back(echo);

        CbtQuitNotificationHeader quit;
        quit.SetGroup(group);
        quit.SetOriginatingChild(dr);
        fromDr.emplace_back(quit);
    }
    std::vector<CbtMessage> fromCore;
    {
        CbtJoinAckHeader ack;
        ack.SetGroup(group);
        ack.SetTarget(dr);
        ack.GetOptions().Add(CbtOptionType::GROUP_ACCESS_PACKAGE, std::vector<uint8_t>(1200, 0x44));
        fromCore.emplace_back(ack);

        CbtEchoReplyHeader reply;
        reply.SetOriginatingParent(core);
        reply.AddGroup(group);
        reply.AddGroup(Ipv4Address("224.1.2.4"));
        fromCore.emplace_back(reply);

        CbtFlushTreeHeader flush;
        flush.AddGroup(group);
        fromCore.emplace_back(flush);
    }

    Time t = Seconds(1.0);
    for (std::size_t i = 0; i < fromDr.size(); ++i, t += MilliSeconds(100))
    {
        Simulator::Schedule(t, &Send, sockets[0], core, fromDr[i].ToPacket(checksum));
        if (i < fromCore.size())
        {
            Simulator::Schedule(t + MilliSeconds(50),
                                &Send,
                                sockets[1],
                                dr,
                                fromCore[i].ToPacket(checksum));
        }
    }
    Simulator::Schedule(t, &Send, sockets[0], core, Damaged(fromDr[1]));

    if (pcap)
    {
        link.EnablePcapAll("cbt-messages");
    }

    std::cout << "CBTv2 control messages between DR " << dr << " and core " << core
              << " (checksums " << (checksum ? "on" : "off") << ")\n";
    Simulator::Run();
    Simulator::Destroy();

    std::cout << "\nsummary\n";
    for (const auto& [node, tally] : g_tally)
    {
        std::cout << "  n" << node << ": " << tally.parsed << " messages parsed (" << tally.bytes
                  << " bytes)";
        for (const auto& [reason, count] : tally.dropped)
        {
            std::cout << ", " << count << " dropped: " << reason;
        }
        std::cout << "\n";
    }
    return 0;
}
