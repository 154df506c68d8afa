/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// RFC 1949 §3 packet handles: during secure tree set-up each parent gives
// the router below it a secret handle for their link, sealed in the JOIN_ACK;
// data between on-tree routers then carries the handle in a shim (IP
// protocol 253), checked and rewritten hop by hop. Packets with a wrong or
// missing handle are dropped and counted; member LANs see plain data; with
// handles off nothing changes.

#include "cbt-test-network.h"
#include "smkd-secure-tree.h"

#include "ns3/cbt-packet-handle-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/smkd-helper.h"
#include "ns3/test.h"
#include "ns3/udp-header.h"

#include <sstream>
#include <tuple>

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP("232.19.49.3");
constexpr uint16_t PORT = 9900;
constexpr uint8_t UDP = 17;
constexpr uint8_t SHIM = CbtPacketHandleHeader::PROTOCOL_NUMBER;

/// A tree link: the parent router, the child router, their devices.
struct TreeLink
{
    uint32_t parent;
    uint32_t child;
    NetDeviceContainer devices;
};

/**
 *              core [initiator]
 *             /    \
 *           r1      r2
 *           |        |
 *          dr1      dr2
 *       [a1, a2]   [b1]
 *
 * a1, a2 and b1 join securely at 3 s, 3.2 s and 3.4 s: a1's join sets up
 * core-r1 and r1-dr1, b1's core-r2 and r2-dr2; a2's is answered by dr1.
 */
struct HandleTree
{
    CbtTestNetwork net;
    uint32_t core{0};
    uint32_t r1{0};
    uint32_t r2{0};
    uint32_t dr1{0};
    uint32_t dr2{0};
    uint32_t a1{0};
    uint32_t a2{0};
    uint32_t b1{0};
    uint32_t initiator{0};
    std::vector<TreeLink> links;
    SmkdHelper smkd;

    /// Group packets each router sent: (router, interface, IP protocol) -> count.
    std::map<std::tuple<uint32_t, uint32_t, uint8_t>, uint32_t> wire;
    /// Shims on the wire whose handle was not the sending link's.
    uint32_t foreignShims{0};
    /// PacketHandleAgreed firings: (router, interface) -> count.
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> agreed;
    /// Drops for a wrong packet handle: (router, interface) -> count.
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> wrongHandle;
    /// Bytes of secure JOIN_ACK security options sent, all routers.
    uint64_t ackBytes{0};

    /**
     * \param handles the PacketHandles attribute of every GKDC
     * \param strict StrictCoreOnly on every GKDC
     */
    explicit HandleTree(bool handles, bool strict = false)
    {
        Config::SetDefault("ns3::SmkdGkdc::PacketHandles", BooleanValue(handles));
        Config::SetDefault("ns3::SmkdGkdc::StrictCoreOnly", BooleanValue(strict));
        net.EnableIgmp();
        core = net.AddRouter();
        r1 = net.AddRouter();
        r2 = net.AddRouter();
        dr1 = net.AddRouter();
        dr2 = net.AddRouter();
        links.push_back({core, r1, net.Link(core, r1)});
        links.push_back({core, r2, net.Link(core, r2)});
        links.push_back({r1, dr1, net.Link(r1, dr1)});
        links.push_back({r2, dr2, net.Link(r2, dr2)});
        const std::vector<uint32_t> lan1 = net.Lan({dr1}, 2);
        a1 = lan1[0];
        a2 = lan1[1];
        b1 = net.Lan({dr2}, 1)[0];
        initiator = net.Lan({core}, 1)[0];
        net.Finish(GROUP, core);
        net.ListenOnHosts(PORT);
        SecureGroup(net, smkd, GROUP, core, initiator, {a1, a2, b1});
        Time at = Seconds(3);
        for (uint32_t m : {a1, a2, b1})
        {
            Simulator::Schedule(at, &SmkdHostAgent::Join, Agent(m), net.ListenerOf(m), 1, GROUP);
            at += MilliSeconds(200);
        }
        for (uint32_t r = 0; r < net.NumRouters(); ++r)
        {
            Watch(r);
        }
    }

    ~HandleTree()
    {
        Simulator::Destroy();
        Config::Reset();
    }

    void Watch(uint32_t r)
    {
        net.Router(r)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [this, r](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t i) {
                    Ptr<Packet> copy = p->Copy();
                    Ipv4Header ip;
                    copy->RemoveHeader(ip);
                    if (ip.GetDestination() != GROUP)
                    {
                        return;
                    }
                    ++wire[{r, i, ip.GetProtocol()}];
                    CbtPacketHandleHeader shim;
                    const std::optional<uint32_t> handle = net.Cbt(r)->GetLinkHandle(GROUP, i);
                    if (ip.GetProtocol() == SHIM &&
                        (copy->RemoveHeader(shim) != CbtPacketHandleHeader::SIZE || !handle ||
                         shim.GetHandle() != *handle || shim.GetProtocol() != UDP))
                    {
                        ++foreignShims;
                    }
                }));
        net.Cbt(r)->TraceConnectWithoutContext(
            "Drop",
            Callback<void, Ptr<const Packet>, CbtDropReason, uint32_t>(
                [this, r](Ptr<const Packet>, CbtDropReason why, uint32_t i) {
                    if (why == CbtDropReason::WRONG_PACKET_HANDLE)
                    {
                        ++wrongHandle[{r, i}];
                    }
                }));
        Gkdc(r)->TraceConnectWithoutContext("PacketHandleAgreed",
                                            Callback<void, Ipv4Address, uint32_t, Ipv4Address>(
                                                [this, r](Ipv4Address, uint32_t i, Ipv4Address) {
                                                    ++agreed[{r, i}];
                                                }));
        Gkdc(r)->TraceConnectWithoutContext("SecurityBytes",
                                            Callback<void, const std::string&, uint32_t>(
                                                [this](const std::string& kind, uint32_t bytes) {
                                                    ackBytes +=
                                                        kind == "secure-join-ack" ? bytes : 0;
                                                }));
    }

    Ptr<SmkdHostAgent> Agent(uint32_t h) const
    {
        return net.Host(h)->GetObject<SmkdHostAgent>();
    }

    Ptr<SmkdGkdc> Gkdc(uint32_t r) const
    {
        return net.Router(r)->GetObject<SmkdGkdc>();
    }

    /// Interface of router \p r on tree link \p l.
    uint32_t If(uint32_t r, const TreeLink& l) const
    {
        return net.InterfaceOf(r, l.devices.Get(0));
    }

    /// Group packets router \p r sent over interface \p i with IP protocol \p protocol.
    uint32_t Sent(uint32_t r, uint32_t i, uint8_t protocol) const
    {
        auto it = wire.find({r, i, protocol});
        return it == wire.end() ? 0 : it->second;
    }

    /// Group packets all routers sent with IP protocol \p protocol.
    uint32_t SentTotal(uint8_t protocol) const
    {
        uint32_t n = 0;
        for (const auto& [key, count] : wire)
        {
            n += std::get<2>(key) == protocol ? count : 0;
        }
        return n;
    }

    /// PacketHandleAgreed firings at router \p r for interface \p i.
    uint32_t Agreed(uint32_t r, uint32_t i) const
    {
        auto it = agreed.find({r, i});
        return it == agreed.end() ? 0 : it->second;
    }

    /// Wrong-handle drops at router \p r on interface \p i.
    uint32_t WrongHandleDropsAt(uint32_t r, uint32_t i) const
    {
        auto it = wrongHandle.find({r, i});
        return it == wrongHandle.end() ? 0 : it->second;
    }

    uint32_t WrongHandleDrops() const
    {
        uint32_t n = 0;
        for (const auto& [key, count] : wrongHandle)
        {
            n += count;
        }
        return n;
    }

    /// Crypto operations of kind \p op started on router \p r.
    uint64_t Ops(uint32_t r, SmkdCryptoOp op) const
    {
        return net.Router(r)->GetObject<SmkdCryptoEngine>()->GetCount(op);
    }

    /// Crypto operations of kind \p op started on every node.
    uint64_t AllOps(SmkdCryptoOp op) const
    {
        uint64_t n = 0;
        NodeContainer all(net.Routers(), net.Hosts());
        for (auto it = all.Begin(); it != all.End(); ++it)
        {
            n += (*it)->GetObject<SmkdCryptoEngine>()->GetCount(op);
        }
        return n;
    }

    /// a1 and b1 send 5 packets each, the initiator (a non-member on the core's LAN) 3.
    void SendData(Time start)
    {
        net.SendFromHost(a1, GROUP, PORT, start, 5, MilliSeconds(10));
        net.SendFromHost(b1, GROUP, PORT, start + MilliSeconds(100), 5, MilliSeconds(10));
        net.SendFromHost(initiator, GROUP, PORT, start + MilliSeconds(200), 3, MilliSeconds(10));
    }

    /**
     * \brief Put a group packet straight onto a link, as a node attached to it would.
     * \param node the sending node
     * \param interface its interface on the link
     * \param payload what follows the IP header
     * \param protocol the IP protocol
     */
    static void Inject(Ptr<Node> node, uint32_t interface, Ptr<Packet> payload, uint8_t protocol)
    {
        Ptr<Ipv4L3Protocol> l3 = node->GetObject<Ipv4L3Protocol>();
        const Ipv4Address source = l3->GetAddress(interface, 0).GetLocal();
        Ipv4Header ip;
        ip.SetSource(source);
        ip.SetDestination(GROUP);
        ip.SetProtocol(protocol);
        ip.SetPayloadSize(payload->GetSize());
        ip.SetTtl(32);
        Ptr<Ipv4Route> route = Create<Ipv4Route>();
        route->SetSource(source);
        route->SetDestination(GROUP);
        route->SetGateway(Ipv4Address::GetAny());
        route->SetOutputDevice(l3->GetNetDevice(interface));
        l3->SendWithHeader(payload, ip, route);
    }

    /// 100 bytes of UDP data to the listeners' port.
    static Ptr<Packet> UdpData()
    {
        Ptr<Packet> p = Create<Packet>(100);
        UdpHeader udp;
        udp.SetSourcePort(PORT);
        udp.SetDestinationPort(PORT);
        p->AddHeader(udp);
        return p;
    }
};

/**
 * The shim on the wire: handle in network order, the displaced protocol,
 * three reserved zero bytes; reserved bytes are ignored on receipt; fewer
 * than 8 bytes deserialize to nothing.
 */
class ShimWireFormatTestCase : public TestCase
{
  public:
    ShimWireFormatTestCase()
        : TestCase("the shim is handle, protocol and 24 reserved bits; a short one reads as none")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(CbtPacketHandleHeader(0xa1b2c3d4, UDP));
        NS_TEST_ASSERT_MSG_EQ(p->GetSize(), 8u, "8 bytes");
        uint8_t bytes[8];
        p->CopyData(bytes, sizeof bytes);
        const uint8_t expected[8] = {0xa1, 0xb2, 0xc3, 0xd4, 17, 0, 0, 0};
        for (uint32_t k = 0; k < 8; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(bytes[k]), unsigned(expected[k]), "byte " << k);
        }
        // Reserved bits set by a sender: read past, and zero again when re-sent.
        const uint8_t received[8] = {0, 0, 0, 7, 6, 0xff, 0xff, 0xff};
        Ptr<Packet> in = Create<Packet>(received, sizeof received);
        CbtPacketHandleHeader shim;
        NS_TEST_EXPECT_MSG_EQ(in->RemoveHeader(shim), 8u, "read whole");
        NS_TEST_EXPECT_MSG_EQ(shim.GetHandle(), 7u, "handle");
        NS_TEST_EXPECT_MSG_EQ(unsigned(shim.GetProtocol()), 6u, "protocol");
        Ptr<Packet> again = Create<Packet>();
        again->AddHeader(shim);
        again->CopyData(bytes, sizeof bytes);
        NS_TEST_EXPECT_MSG_EQ(unsigned(bytes[5] | bytes[6] | bytes[7]), 0u, "reserved sent as 0");
        Ptr<Packet> shortOne = Create<Packet>(received, 7);
        CbtPacketHandleHeader none(99, 99);
        NS_TEST_EXPECT_MSG_EQ(shortOne->RemoveHeader(none), 0u, "7 bytes: nothing read");
        NS_TEST_EXPECT_MSG_EQ(shortOne->GetSize(), 7u, "nothing removed");
        std::ostringstream os;
        CbtPacketHandleHeader(0xbeef, UDP).Print(os);
        NS_TEST_EXPECT_MSG_EQ(os.str(), "packet handle 0x0000beef protocol 17", "printed");
    }
};

/**
 * With handles on, after the three joins:
 *  - every tree link has one handle, the same at both ends, agreed once at
 *    each end (PacketHandleAgreed); the four differ; member LANs have none and
 *    cannot be given one;
 *  - data: a1 and b1 send 5 packets each, the initiator (non-member, on the
 *    core's LAN) 3. Members get everything but their own: a1 5 + 3 = 8, a2
 *    (a1's on its LAN) 5 + 5 + 3 = 13, b1 5 + 3 = 8;
 *  - per directed router link: a1's packets go dr1>r1>core>r2>dr2 and b1's
 *    the other way, 5 each; the initiator's go core>r1>dr1 and core>r2>dr2,
 *    3 each. So dr1>r1, r1>core, dr2>r2, r2>core carry 5 and core>r1,
 *    r1>dr1, core>r2, r2>dr2 carry 8: 52 packets, all shimmed with the
 *    sending link's handle, none plain. The member LANs get 8 plain each
 *    (b1's or a1's 5 + 3), the initiator's LAN none;
 *  - stamps = checks = accepted = 52, shim bytes 52 x 8 = 416, accounted CPU
 *    time 104 x 50 ns = 5.2 us; no packet dropped for its handle.
 */
class HandlesOnTreeTestCase : public TestCase
{
  public:
    HandlesOnTreeTestCase()
        : TestCase("each tree link agrees one handle; data carries it hop by hop, LANs see none")
    {
    }

  private:
    void DoRun() override
    {
        HandleTree t(true);
        t.SendData(Seconds(6));
        Simulator::Stop(Seconds(8));
        Simulator::Run();

        std::set<uint32_t> distinct;
        for (const TreeLink& l : t.links)
        {
            const uint32_t parentIf = t.If(l.parent, l);
            const uint32_t childIf = t.If(l.child, l);
            const std::optional<uint32_t> down =
                t.net.Cbt(l.parent)->GetLinkHandle(GROUP, parentIf);
            const std::optional<uint32_t> up = t.net.Cbt(l.child)->GetLinkHandle(GROUP, childIf);
            NS_TEST_ASSERT_MSG_EQ(down.has_value(), true, "parent " << l.parent << " has a handle");
            NS_TEST_ASSERT_MSG_EQ(up.has_value(), true, "child " << l.child << " has a handle");
            NS_TEST_EXPECT_MSG_EQ(*down, *up, "link " << l.parent << "-" << l.child << ": equal");
            distinct.insert(*down);
            NS_TEST_EXPECT_MSG_EQ(t.Agreed(l.parent, parentIf), 1u, "agreed once at the parent");
            NS_TEST_EXPECT_MSG_EQ(t.Agreed(l.child, childIf), 1u, "agreed once at the child");
        }
        NS_TEST_EXPECT_MSG_EQ(distinct.size(), 4u, "four links, four handles");
        NS_TEST_EXPECT_MSG_EQ(t.agreed.size(), 8u, "agreed on nothing else");
        const uint32_t lan1 = t.net.LanInterface(t.dr1, t.a1);
        const uint32_t lan2 = t.net.LanInterface(t.dr2, t.b1);
        const uint32_t lan0 = t.net.LanInterface(t.core, t.initiator);
        NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(t.dr1)->GetLinkHandle(GROUP, lan1).has_value(),
                              false,
                              "no handle on a member LAN");
        NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(t.dr1)->SetLinkHandle(GROUP, lan1, 5),
                              false,
                              "a multi-access link takes none");
        NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(t.core)->SetLinkHandle(GROUP, lan0, 5),
                              false,
                              "nor does a link off the tree");

        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.a1), 8u, "a1: b1's 5 and the initiator's 3");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.a2), 13u, "a2: 5 + 5 + 3");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.b1), 8u, "b1: a1's 5 and the initiator's 3");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.initiator), 0u, "the non-member gets nothing");

        const std::map<std::pair<uint32_t, uint32_t>, uint32_t> perLink = {
            {{t.dr1, t.r1}, 5},
            {{t.r1, t.core}, 5},
            {{t.dr2, t.r2}, 5},
            {{t.r2, t.core}, 5},
            {{t.core, t.r1}, 8},
            {{t.r1, t.dr1}, 8},
            {{t.core, t.r2}, 8},
            {{t.r2, t.dr2}, 8},
        };
        for (const TreeLink& l : t.links)
        {
            for (const auto& [from, to] :
                 {std::make_pair(l.parent, l.child), std::make_pair(l.child, l.parent)})
            {
                const uint32_t i = t.If(from, l);
                NS_TEST_EXPECT_MSG_EQ(t.Sent(from, i, SHIM),
                                      perLink.at({from, to}),
                                      from << ">" << to << " shimmed");
                NS_TEST_EXPECT_MSG_EQ(t.Sent(from, i, UDP), 0u, from << ">" << to << " plain");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(t.SentTotal(SHIM), 52u, "52 shimmed packets");
        NS_TEST_EXPECT_MSG_EQ(t.foreignShims, 0u, "each with its link's handle");
        NS_TEST_EXPECT_MSG_EQ(t.Sent(t.dr1, lan1, UDP), 8u, "LAN of a1, a2: plain");
        NS_TEST_EXPECT_MSG_EQ(t.Sent(t.dr2, lan2, UDP), 8u, "LAN of b1: plain");
        NS_TEST_EXPECT_MSG_EQ(t.Sent(t.dr1, lan1, SHIM) + t.Sent(t.dr2, lan2, SHIM),
                              0u,
                              "no shim on a member LAN");
        NS_TEST_EXPECT_MSG_EQ(t.Sent(t.core, lan0, UDP) + t.Sent(t.core, lan0, SHIM),
                              0u,
                              "nothing back onto the initiator's LAN");

        CbtPacketHandleStats sum;
        for (uint32_t r = 0; r < t.net.NumRouters(); ++r)
        {
            const CbtPacketHandleStats& s = t.net.Cbt(r)->GetPacketHandleStats();
            sum.checked += s.checked;
            sum.accepted += s.accepted;
            sum.stamped += s.stamped;
            sum.shimBytes += s.shimBytes;
            sum.cpuTime += s.cpuTime;
        }
        NS_TEST_EXPECT_MSG_EQ(sum.stamped, 52u, "52 stamps");
        NS_TEST_EXPECT_MSG_EQ(sum.checked, 52u, "52 checks");
        NS_TEST_EXPECT_MSG_EQ(sum.accepted, 52u, "all accepted");
        NS_TEST_EXPECT_MSG_EQ(sum.shimBytes, 416u, "8 bytes per shimmed packet");
        NS_TEST_EXPECT_MSG_EQ(sum.cpuTime, NanoSeconds(104 * 50), "104 look-ups at 50 ns");
        NS_TEST_EXPECT_MSG_EQ(t.WrongHandleDrops(), 0u, "nothing dropped for its handle");
    }
};

/**
 * Forged traffic on the core-r1 link, sent by the core's side of it at 6 s
 * + k x 10 ms: (0) a shim with the link's handle, the control, which r1
 * forwards to dr1 and a1, a2 receive; (1) the handle with one bit flipped;
 * (2) plain UDP without a shim; (3) a truncated shim of 5 bytes. r1 drops
 * (1)-(3) for their handle on its parent interface, and nobody receives them.
 * (4) A shim sent by the initiator onto the core's LAN, which has no handle:
 * the core drops it. b1 gets nothing: r1 sends nothing back up.
 */
class WrongHandleTestCase : public TestCase
{
  public:
    WrongHandleTestCase()
        : TestCase("a wrong, missing or truncated handle is dropped and counted at the next router")
    {
    }

  private:
    void DoRun() override
    {
        HandleTree t(true);
        const TreeLink& link = t.links[0]; // core - r1
        const uint32_t coreIf = t.If(t.core, link);
        const uint32_t r1If = t.If(t.r1, link);
        std::map<CbtPacketHandleEvent, uint32_t> r1Events;
        t.net.Cbt(t.r1)->TraceConnectWithoutContext(
            "PacketHandle",
            Callback<void, Ipv4Address, uint32_t, CbtPacketHandleEvent>(
                [&](Ipv4Address, uint32_t i, CbtPacketHandleEvent e) {
                    r1Events[e] += i == r1If ? 1 : 0;
                }));
        auto shimmed = [&t, coreIf](uint32_t flip) {
            const uint32_t handle = t.net.Cbt(t.core)->GetLinkHandle(GROUP, coreIf).value_or(0);
            Ptr<Packet> p = HandleTree::UdpData();
            p->AddHeader(CbtPacketHandleHeader(handle ^ flip, UDP));
            return p;
        };
        Ptr<Node> core = t.net.Router(t.core);
        Simulator::Schedule(Seconds(6),
                            [&]() { HandleTree::Inject(core, coreIf, shimmed(0), SHIM); });
        Simulator::Schedule(Seconds(6.01),
                            [&]() { HandleTree::Inject(core, coreIf, shimmed(1u << 17), SHIM); });
        Simulator::Schedule(Seconds(6.02), [&]() {
            HandleTree::Inject(core, coreIf, HandleTree::UdpData(), UDP);
        });
        Simulator::Schedule(Seconds(6.03),
                            [&]() { HandleTree::Inject(core, coreIf, Create<Packet>(5), SHIM); });
        Simulator::Schedule(Seconds(6.04), [&]() {
            HandleTree::Inject(t.net.Host(t.initiator), 1, shimmed(0), SHIM);
        });
        Simulator::Stop(Seconds(7));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(t.core)->GetLinkHandle(GROUP, coreIf).has_value(),
                              true,
                              "the link has a handle");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.a1), 1u, "a1: the control packet only");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.a2), 1u, "a2: the control packet only");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.b1), 0u, "b1: nothing");
        NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(t.r1)->GetDropCount(CbtDropReason::WRONG_PACKET_HANDLE),
                              3u,
                              "r1 counts the three");
        NS_TEST_EXPECT_MSG_EQ(t.WrongHandleDropsAt(t.r1, r1If), 3u, "on its parent interface");
        NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(t.core)->GetDropCount(CbtDropReason::WRONG_PACKET_HANDLE),
                              1u,
                              "the core counts the shim from its LAN");
        NS_TEST_EXPECT_MSG_EQ(t.WrongHandleDrops(), 4u, "and nobody else drops anything");
        NS_TEST_EXPECT_MSG_EQ(r1Events[CbtPacketHandleEvent::ACCEPTED], 1u, "r1 accepted one");
        NS_TEST_EXPECT_MSG_EQ(r1Events[CbtPacketHandleEvent::REJECTED], 3u, "and rejected three");
        NS_TEST_EXPECT_MSG_EQ(t.Sent(t.r1, t.If(t.r1, t.links[2]), SHIM),
                              1u,
                              "r1 passed one on to dr1");
    }
};

/**
 * The same scenario and data with handles off and on. Off: no handle, no
 * shim on any link, no stamp. Delivery is the same either way. On costs, per
 * router link set up (four), one sealing at the parent and one opening at the
 * child, and nothing else: core +2 seals, r1 and r2 +1 seal +1 open each,
 * dr1 and dr2 +1 open; no extra signature or verification. Each of the four
 * acks over a router link is 70 bytes longer: the option's 2 header bytes
 * and an X25519 sealing of group and handle, 8 + 60 bytes. Two runs with
 * handles on draw the same handles.
 */
class HandlesOffTestCase : public TestCase
{
  public:
    HandlesOffTestCase()
        : TestCase("with handles off nothing changes; on costs one seal and one open per link")
    {
    }

  private:
    struct Run
    {
        std::vector<uint32_t> received;
        uint32_t shims{0};
        uint32_t plainOnLinks{0};
        uint64_t stamped{0};
        uint32_t handles{0};
        std::vector<uint32_t> handleValues;
        std::map<uint32_t, std::pair<uint64_t, uint64_t>> sealOpen; // router -> (seal, open)
        uint64_t sign{0};
        uint64_t verify{0};
        uint64_t ackBytes{0};
        Time ackIn;  //!< r1 received the core's JOIN_ACK for a1
        Time ackOut; //!< r1 sent its own JOIN_ACK on to dr1
    };

    static Run Measure(bool handles)
    {
        Run out;
        HandleTree t(handles);
        using ControlCallback = Callback<void, const CbtMessage&, uint32_t, Ipv4Address, uint32_t>;
        for (auto [source, at] :
             {std::make_pair("ControlRx", &out.ackIn), std::make_pair("ControlTx", &out.ackOut)})
        {
            Time* when = at;
            t.net.Cbt(t.r1)->TraceConnectWithoutContext(
                source,
                ControlCallback([when](const CbtMessage& m, uint32_t, Ipv4Address, uint32_t) {
                    if (m.GetType() == CbtMessageType::JOIN_ACK && when->IsZero())
                    {
                        *when = Simulator::Now();
                    }
                }));
        }
        t.SendData(Seconds(6));
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        for (uint32_t h : {t.a1, t.a2, t.b1, t.initiator})
        {
            out.received.push_back(t.net.Received(h));
        }
        out.shims = t.SentTotal(SHIM);
        for (const TreeLink& l : t.links)
        {
            out.plainOnLinks += t.Sent(l.parent, t.If(l.parent, l), UDP);
            out.plainOnLinks += t.Sent(l.child, t.If(l.child, l), UDP);
            for (uint32_t r : {l.parent, l.child})
            {
                if (const std::optional<uint32_t> h =
                        t.net.Cbt(r)->GetLinkHandle(GROUP, t.If(r, l)))
                {
                    ++out.handles;
                    out.handleValues.push_back(*h);
                }
            }
        }
        for (uint32_t r = 0; r < t.net.NumRouters(); ++r)
        {
            out.stamped += t.net.Cbt(r)->GetPacketHandleStats().stamped;
            out.sealOpen[r] = {t.Ops(r, SmkdCryptoOp::SEAL), t.Ops(r, SmkdCryptoOp::OPEN)};
        }
        out.sign = t.AllOps(SmkdCryptoOp::SIGN);
        out.verify = t.AllOps(SmkdCryptoOp::VERIFY);
        out.ackBytes = t.ackBytes;
        return out;
    }

    void DoRun() override
    {
        const Run off = Measure(false);
        const Run on = Measure(true);
        const Run again = Measure(true);

        NS_TEST_EXPECT_MSG_EQ(off.handles, 0u, "off: no handle anywhere");
        NS_TEST_EXPECT_MSG_EQ(off.shims, 0u, "off: no shim on the wire");
        NS_TEST_EXPECT_MSG_EQ(off.stamped, 0u, "off: no stamp");
        NS_TEST_EXPECT_MSG_EQ(off.plainOnLinks, 52u, "off: the 52 link copies go plain");
        NS_TEST_EXPECT_MSG_EQ(on.handles, 8u, "on: both ends of four links");
        NS_TEST_EXPECT_MSG_EQ(on.shims, 52u, "on: the 52 link copies go shimmed");
        NS_TEST_EXPECT_MSG_EQ(on.plainOnLinks, 0u, "on: none plain");
        NS_TEST_ASSERT_MSG_EQ(off.received.size(), on.received.size(), "same hosts");
        for (std::size_t k = 0; k < off.received.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(on.received[k], off.received[k], "host " << k << ": same data");
        }
        NS_TEST_EXPECT_MSG_EQ(off.received[1], 13u, "and the data did flow");

        // Router indices: core 0, r1 1, r2 2, dr1 3, dr2 4.
        const std::map<uint32_t, std::pair<uint64_t, uint64_t>> extra = {
            {0, {2, 0}},
            {1, {1, 1}},
            {2, {1, 1}},
            {3, {0, 1}},
            {4, {0, 1}},
        };
        uint64_t seals = 0;
        uint64_t opens = 0;
        for (const auto& [r, sealOpen] : extra)
        {
            const uint64_t seal = on.sealOpen.at(r).first - off.sealOpen.at(r).first;
            const uint64_t open = on.sealOpen.at(r).second - off.sealOpen.at(r).second;
            NS_TEST_EXPECT_MSG_EQ(seal, sealOpen.first, "router " << r << ": extra seals");
            NS_TEST_EXPECT_MSG_EQ(open, sealOpen.second, "router " << r << ": extra opens");
            seals += seal;
            opens += open;
        }
        NS_TEST_EXPECT_MSG_EQ(seals, 4u, "one seal per link");
        NS_TEST_EXPECT_MSG_EQ(opens, 4u, "one open per link");
        NS_TEST_EXPECT_MSG_EQ(on.sign, off.sign, "no extra signature");
        NS_TEST_EXPECT_MSG_EQ(on.verify, off.verify, "no extra verification");
        NS_TEST_EXPECT_MSG_EQ(on.ackBytes - off.ackBytes, 4u * (2 + 8 + 60), "70 bytes per ack");
        // r1's turnaround from the core's ack to its own: + one opening (41 us
        // + AES-GCM of 20 bytes more than 48, 4.5 ns) and one sealing (80 us);
        // the ack it verifies and the one it signs are 70 bytes longer, + 51 ns
        // of hashing each. 121.107 us in all.
        const Time turnaround = (on.ackOut - on.ackIn) - (off.ackOut - off.ackIn);
        NS_TEST_EXPECT_MSG_GT(off.ackOut - off.ackIn, MicroSeconds(400), "measured an ack");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(turnaround, NanoSeconds(121100), "a handle costs r1 121.1 us");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(turnaround, NanoSeconds(121110), "and no more");
        NS_TEST_EXPECT_MSG_EQ((again.handleValues == on.handleValues),
                              true,
                              "the same seed draws the same handles");
    }
};

/**
 * A re-key is multicast by the primary core down the tree (RFC 1949 §6.1):
 * with handles on it crosses each router link shimmed, and every router
 * still takes it for itself (its GKDC socket gets the packet without the
 * shim) while members get it plain: four router updates, three member
 * installs, four shimmed copies.
 */
class RekeyThroughHandlesTestCase : public TestCase
{
  public:
    RekeyThroughHandlesTestCase()
        : TestCase("a re-key crosses shimmed links and still reaches every GKDC and member")
    {
    }

  private:
    void DoRun() override
    {
        HandleTree t(true);
        uint32_t routerUpdates = 0;
        uint32_t memberInstalls = 0;
        for (uint32_t r : {t.r1, t.r2, t.dr1, t.dr2})
        {
            t.Gkdc(r)->TraceConnectWithoutContext(
                "KeysUpdated",
                Callback<void, Ipv4Address, uint32_t>(
                    [&](Ipv4Address, uint32_t) { ++routerUpdates; }));
        }
        for (uint32_t m : {t.a1, t.a2, t.b1})
        {
            t.Agent(m)->TraceConnectWithoutContext(
                "RekeyInstalled",
                Callback<void, Ipv4Address, uint32_t>(
                    [&](Ipv4Address, uint32_t) { ++memberInstalls; }));
        }
        Simulator::Schedule(Seconds(6), [&]() { t.Gkdc(t.core)->RekeyNow(GROUP); });
        Simulator::Stop(Seconds(7));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(t.SentTotal(SHIM), 4u, "one shimmed copy per router link");
        NS_TEST_EXPECT_MSG_EQ(routerUpdates, 4u, "every router below the core took it");
        NS_TEST_EXPECT_MSG_EQ(memberInstalls, 3u, "every member installed it");
        NS_TEST_EXPECT_MSG_EQ(t.WrongHandleDrops(), 0u, "nothing dropped");
    }
};

/**
 * The handles go with the tree. b1 leaves at 6 s: dr2 quits, r2 loses its
 * only child and quits, the core removes its child link to r2. By 25 s
 * the handles of core-r2 and r2-dr2 are gone at both ends while core-r1 and
 * r1-dr1 keep theirs, and a1's 5 packets at 25 s reach a2 over the LAN and
 * go up r1 to the core (5 shimmed copies each) and no further.
 */
class HandlesFollowTreeTestCase : public TestCase
{
  public:
    HandlesFollowTreeTestCase()
        : TestCase("a pruned branch forgets its handles; the rest of the tree keeps them")
    {
    }

  private:
    void DoRun() override
    {
        HandleTree t(true);
        t.net.LeaveGroup(Seconds(6), t.b1, GROUP);
        t.net.SendFromHost(t.a1, GROUP, PORT, Seconds(25), 5, MilliSeconds(10));
        Simulator::Stop(Seconds(26));
        Simulator::Run();
        for (std::size_t k = 0; k < t.links.size(); ++k)
        {
            const TreeLink& l = t.links[k];
            const bool kept = l.child == t.r1 || l.child == t.dr1;
            for (uint32_t r : {l.parent, l.child})
            {
                NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(r)->GetLinkHandle(GROUP, t.If(r, l)).has_value(),
                                      kept,
                                      "link " << l.parent << "-" << l.child << " at " << r);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(t.net.Cbt(t.r2)->IsOnTree(GROUP), false, "r2 left the tree");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.a2), 5u, "a2 got a1's packets");
        NS_TEST_EXPECT_MSG_EQ(t.net.Received(t.b1), 0u, "b1 nothing");
        NS_TEST_EXPECT_MSG_EQ(t.SentTotal(SHIM), 10u, "dr1>r1 and r1>core, 5 each");
        NS_TEST_EXPECT_MSG_EQ(t.WrongHandleDrops(), 0u, "nothing dropped");
    }
};

/**
 * §7 strict mode carries a2's join to the core too: its ack crosses core-r1
 * and r1-dr1 again and carries the same handles, for one more sealing and
 * one more opening per link (2 and 2); the handles do not change.
 */
class StrictModeResendsHandleTestCase : public TestCase
{
  public:
    StrictModeResendsHandleTestCase()
        : TestCase("a later ack over a link carries the link's handle again, unchanged")
    {
    }

  private:
    void DoRun() override
    {
        HandleTree t(true, true);
        std::vector<uint32_t> afterA1;
        uint64_t sealsBefore = 0;
        uint64_t opensBefore = 0;
        // a1's join is done well before a2's starts at 3.2 s.
        Simulator::Schedule(Seconds(3.15), [&]() {
            for (uint32_t k : {0u, 2u})
            {
                const TreeLink& l = t.links[k];
                afterA1.push_back(
                    t.net.Cbt(l.child)->GetLinkHandle(GROUP, t.If(l.child, l)).value_or(0));
            }
            sealsBefore = t.Ops(t.core, SmkdCryptoOp::SEAL) + t.Ops(t.r1, SmkdCryptoOp::SEAL);
            opensBefore = t.Ops(t.r1, SmkdCryptoOp::OPEN) + t.Ops(t.dr1, SmkdCryptoOp::OPEN);
        });
        uint64_t seals = 0;
        uint64_t opens = 0;
        Simulator::Schedule(Seconds(3.35), [&]() {
            seals =
                t.Ops(t.core, SmkdCryptoOp::SEAL) + t.Ops(t.r1, SmkdCryptoOp::SEAL) - sealsBefore;
            opens =
                t.Ops(t.r1, SmkdCryptoOp::OPEN) + t.Ops(t.dr1, SmkdCryptoOp::OPEN) - opensBefore;
        });
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_NE(t.Agent(t.a2)->GetKeys(GROUP), nullptr, "a2 holds keys");
        NS_TEST_EXPECT_MSG_EQ(t.Gkdc(t.core)->GetAnsweredJoins(), 3u, "the core answered all");
        // Strict: the core seals for a2 (1) and each link's handle (2); r1 and
        // dr1 open their handles (2); a2 opens its keys on its own node.
        NS_TEST_EXPECT_MSG_EQ(seals, 3u, "a2's bundle and two handles");
        NS_TEST_EXPECT_MSG_EQ(opens, 2u, "two handles");
        for (uint32_t k : {0u, 2u})
        {
            const TreeLink& l = t.links[k];
            NS_TEST_EXPECT_MSG_EQ(t.Agreed(l.child, t.If(l.child, l)), 2u, "taken twice");
        }
        std::vector<uint32_t> now;
        for (uint32_t k : {0u, 2u})
        {
            const TreeLink& l = t.links[k];
            now.push_back(t.net.Cbt(l.parent)->GetLinkHandle(GROUP, t.If(l.parent, l)).value_or(1));
        }
        NS_TEST_EXPECT_MSG_EQ((now == afterA1), true, "the same handles at both ends");
    }
};

class SmkdPacketHandleTestSuite : public TestSuite
{
  public:
    SmkdPacketHandleTestSuite()
        : TestSuite("smkd-packet-handle", SYSTEM)
    {
        AddTestCase(new ShimWireFormatTestCase, TestCase::QUICK);
        AddTestCase(new HandlesOnTreeTestCase, TestCase::QUICK);
        AddTestCase(new WrongHandleTestCase, TestCase::QUICK);
        AddTestCase(new HandlesOffTestCase, TestCase::QUICK);
        AddTestCase(new RekeyThroughHandlesTestCase, TestCase::QUICK);
        AddTestCase(new HandlesFollowTreeTestCase, TestCase::QUICK);
        AddTestCase(new StrictModeResendsHandleTestCase, TestCase::QUICK);
    }
};

SmkdPacketHandleTestSuite g_smkdPacketHandleTestSuite;

} // namespace
