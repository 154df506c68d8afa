/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-test-network.h"

#include "ns3/ppp-header.h"

namespace ns3
{
namespace smkd
{
namespace test
{

CbtTestNetwork::CbtTestNetwork()
{
    Config::SetDefault("ns3::Ipv4GlobalRouting::RespondToInterfaceEvents", BooleanValue(false));
}

void
CbtTestNetwork::EnableIgmp(uint32_t hostRobustness)
{
    NS_ABORT_MSG_IF(m_routers.GetN() || m_hosts.GetN(), "EnableIgmp before adding nodes");
    m_igmp = true;
    m_hostRobustness = hostRobustness;
}

uint32_t
CbtTestNetwork::AddRouter(uint8_t helloPreference)
{
    Ptr<Node> node = CreateObject<Node>();
    m_routers.Add(node);
    m_cbt.RouterStack().Install(node);
    if (m_igmp)
    {
        IgmpHelper().InstallRouters(node);
    }
    const uint32_t r = m_routers.GetN() - 1;
    Cbt(r)->SetAttribute("HelloPreference", UintegerValue(helloPreference));
    Cbt(r)->AssignStreams(1000 + r);
    Connect(r);
    return r;
}

Ipv4InterfaceContainer
CbtTestNetwork::Assign(NetDeviceContainer devices)
{
    ++m_nextSubnet;
    std::ostringstream base;
    base << "10." << (m_nextSubnet / 256) << "." << (m_nextSubnet % 256) << ".0";
    Ipv4AddressHelper addresses(base.str().c_str(), "255.255.255.0");
    return addresses.Assign(devices);
}

NetDeviceContainer
CbtTestNetwork::Link(uint32_t a, uint32_t b, Time delay, DataRate rate)
{
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    NetDeviceContainer devices = p2p.Install(m_routers.Get(a), m_routers.Get(b));
    Assign(devices);
    return devices;
}

std::vector<uint32_t>
CbtTestNetwork::Lan(const std::vector<uint32_t>& routers,
                    uint32_t hosts,
                    Time delay,
                    uint32_t monitors)
{
    NodeContainer members;
    for (uint32_t r : routers)
    {
        members.Add(m_routers.Get(r));
    }
    std::vector<uint32_t> created;
    InternetStackHelper hostStack;
    IgmpHelper igmp;
    igmp.SetHostAttribute("RobustnessVariable", UintegerValue(m_hostRobustness));
    for (uint32_t k = 0; k < hosts + monitors; ++k)
    {
        Ptr<Node> h = CreateObject<Node>();
        if (m_igmp && k < hosts)
        {
            igmp.InstallHosts(h);
            IgmpHelper::GetHost(h)->AssignStreams(2000 + m_hosts.GetN());
        }
        else
        {
            hostStack.Install(h);
        }
        m_hosts.Add(h);
        members.Add(h);
        created.push_back(m_hosts.GetN() - 1);
        m_hostLan[m_hosts.GetN() - 1] = m_lans.size();
    }
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", DataRateValue(DataRate("100Mbps")));
    csma.SetChannelAttribute("Delay", TimeValue(delay));
    NetDeviceContainer devices = csma.Install(members);
    Assign(devices);
    m_lans.push_back(devices);
    for (uint32_t h : created)
    {
        // Hosts send multicast straight onto their LAN.
        IgmpHelper::SetDefaultMulticastRoute(Host(h), 1);
    }
    return created;
}

void
CbtTestNetwork::Finish(Ipv4Address group, uint32_t core)
{
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    m_cbt.AddCores(group, Ipv4Mask("255.255.255.255"), {RouterAddress(core)});
}

Ptr<Node>
CbtTestNetwork::Router(uint32_t r) const
{
    return m_routers.Get(r);
}

Ptr<CbtRoutingProtocol>
CbtTestNetwork::Cbt(uint32_t r) const
{
    return CbtHelper::Get(m_routers.Get(r));
}

Ptr<Node>
CbtTestNetwork::Host(uint32_t h) const
{
    return m_hosts.Get(h);
}

Ipv4Address
CbtTestNetwork::RouterAddress(uint32_t r) const
{
    return CbtHelper::PrimaryAddress(Router(r));
}

Ipv4Address
CbtTestNetwork::HostAddress(uint32_t h) const
{
    return CbtHelper::PrimaryAddress(Host(h));
}

uint32_t
CbtTestNetwork::InterfaceOf(uint32_t r, Ptr<NetDevice> device) const
{
    Ptr<Node> node = Router(r);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (device->GetNode() == node)
    {
        return ipv4->GetInterfaceForDevice(device);
    }
    // The other end of a point-to-point link.
    Ptr<Channel> channel = device->GetChannel();
    for (std::size_t k = 0; k < channel->GetNDevices(); ++k)
    {
        if (channel->GetDevice(k)->GetNode() == node)
        {
            return ipv4->GetInterfaceForDevice(channel->GetDevice(k));
        }
    }
    NS_ABORT_MSG("router " << r << " is not on that link");
    return 0;
}

uint32_t
CbtTestNetwork::LanInterface(uint32_t r, uint32_t h) const
{
    const NetDeviceContainer& lan = m_lans.at(m_hostLan.at(h));
    for (uint32_t k = 0; k < lan.GetN(); ++k)
    {
        if (lan.Get(k)->GetNode() == Router(r))
        {
            return Router(r)->GetObject<Ipv4>()->GetInterfaceForDevice(lan.Get(k));
        }
    }
    NS_ABORT_MSG("router " << r << " is not on the LAN of host " << h);
    return 0;
}

void
CbtTestNetwork::Membership(Time at, uint32_t r, uint32_t h, Ipv4Address group, bool present)
{
    Simulator::Schedule(at,
                        &CbtRoutingProtocol::NotifyMembership,
                        Cbt(r),
                        group,
                        LanInterface(r, h),
                        present);
}

void
CbtTestNetwork::ListenOnHosts(uint16_t port)
{
    for (uint32_t h = 0; h < m_hosts.GetN(); ++h)
    {
        Ptr<Socket> s = Socket::CreateSocket(Host(h), UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        s->SetRecvCallback(Callback<void, Ptr<Socket>>([this, h](Ptr<Socket> socket) {
            Address from;
            while (socket->RecvFrom(from))
            {
                ++m_received[h];
                ++m_receivedFrom[{h, InetSocketAddress::ConvertFrom(from).GetIpv4()}];
            }
        }));
        m_sockets.push_back(s);
        m_listeners[h] = s;
    }
}

void
CbtTestNetwork::SendFromHost(uint32_t h,
                             Ipv4Address group,
                             uint16_t port,
                             Time start,
                             uint32_t count,
                             Time gap)
{
    Ptr<Socket> s = Socket::CreateSocket(Host(h), UdpSocketFactory::GetTypeId());
    s->SetIpTtl(32);
    s->Connect(InetSocketAddress(group, port));
    m_sockets.push_back(s);
    for (uint32_t k = 0; k < count; ++k)
    {
        Simulator::Schedule(start + gap * k, [s]() { s->Send(Create<Packet>(100)); });
    }
}

void
CbtTestNetwork::JoinGroup(Time at, uint32_t h, Ipv4Address group, std::set<Ipv4Address> blocked)
{
    Simulator::Schedule(at, [this, h, group, blocked]() {
        Ptr<IgmpHost> igmp = IgmpHelper::GetHost(Host(h));
        NS_ABORT_MSG_UNLESS(igmp && m_listeners.count(h), "host " << h << " cannot join");
        igmp->SetSourceFilter(m_listeners[h], 1, group, IgmpFilterState{true, blocked});
    });
}

void
CbtTestNetwork::LeaveGroup(Time at, uint32_t h, Ipv4Address group)
{
    Simulator::Schedule(at, [this, h, group]() {
        IgmpHelper::GetHost(Host(h))->Leave(m_listeners[h], 1, group);
    });
}

uint32_t
CbtTestNetwork::ReceivedFrom(uint32_t h, Ipv4Address source) const
{
    auto it = m_receivedFrom.find({h, source});
    return it == m_receivedFrom.end() ? 0 : it->second;
}

void
CbtTestNetwork::FailSilently(NetDeviceContainer link)
{
    for (uint32_t k = 0; k < link.GetN(); ++k)
    {
        Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
        loss->SetRate(1.0);
        loss->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
        link.Get(k)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
        Ptr<Ipv4> ipv4 = link.Get(k)->GetNode()->GetObject<Ipv4>();
        ipv4->SetMetric(ipv4->GetInterfaceForDevice(link.Get(k)), 1000);
    }
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
}

uint32_t
CbtTestNetwork::Received(uint32_t h) const
{
    auto it = m_received.find(h);
    return it == m_received.end() ? 0 : it->second;
}

void
CbtTestNetwork::Connect(uint32_t r)
{
    using ControlCallback = Callback<void, const CbtMessage&, uint32_t, Ipv4Address, uint32_t>;
    Ptr<CbtRoutingProtocol> cbt = Cbt(r);
    cbt->TraceConnectWithoutContext(
        "ControlTx",
        ControlCallback([this, r](const CbtMessage& m, uint32_t i, Ipv4Address peer, uint32_t) {
            m_tx.push_back({Simulator::Now(), r, m.GetType(), i, peer});
        }));
    cbt->TraceConnectWithoutContext(
        "ControlRx",
        ControlCallback([this, r](const CbtMessage& m, uint32_t i, Ipv4Address peer, uint32_t) {
            m_rx.push_back({Simulator::Now(), r, m.GetType(), i, peer});
        }));
    cbt->TraceConnectWithoutContext("TreeStateChanged",
                                    Callback<void, Ipv4Address, CbtTreeEvent, int32_t>(
                                        [this, r](Ipv4Address g, CbtTreeEvent e, int32_t i) {
                                            m_tree.push_back({Simulator::Now(), r, g, e, i});
                                        }));
    cbt->TraceConnectWithoutContext(
        "JoinCompleted",
        Callback<void, Ipv4Address, Time>([this, r](Ipv4Address, Time latency) {
            m_joins[r].emplace_back(Simulator::Now(), latency);
        }));
    cbt->TraceConnectWithoutContext("JoinFailed",
                                    Callback<void, Ipv4Address>([this, r](Ipv4Address) {
                                        m_failures[r].push_back(Simulator::Now());
                                    }));
}

uint32_t
CbtTestNetwork::Sent(uint32_t r, CbtMessageType type, bool unicastOnly) const
{
    uint32_t n = 0;
    for (const auto& e : m_tx)
    {
        if (e.router == r && e.type == type && (!unicastOnly || !e.peer.IsMulticast()))
        {
            ++n;
        }
    }
    return n;
}

uint32_t
CbtTestNetwork::SentTotal(CbtMessageType type) const
{
    uint32_t n = 0;
    for (const auto& e : m_tx)
    {
        n += e.type == type;
    }
    return n;
}

uint32_t
CbtTestNetwork::ReceivedBy(uint32_t r, CbtMessageType type) const
{
    uint32_t n = 0;
    for (const auto& e : m_rx)
    {
        n += e.router == r && e.type == type;
    }
    return n;
}

std::vector<std::pair<Time, Time>>
CbtTestNetwork::JoinCompletions(uint32_t r) const
{
    auto it = m_joins.find(r);
    return it == m_joins.end() ? std::vector<std::pair<Time, Time>>{} : it->second;
}

std::vector<Time>
CbtTestNetwork::JoinFailures(uint32_t r) const
{
    auto it = m_failures.find(r);
    return it == m_failures.end() ? std::vector<Time>{} : it->second;
}

TypeId
JoinAckDropper::GetTypeId()
{
    static TypeId tid = TypeId("ns3::smkd::test::JoinAckDropper")
                            .SetParent<ErrorModel>()
                            .SetGroupName("Smkd")
                            .AddConstructor<JoinAckDropper>();
    return tid;
}

void
JoinAckDropper::SetCount(uint32_t count)
{
    m_count = count;
}

uint32_t
JoinAckDropper::Dropped() const
{
    return m_dropped;
}

bool
JoinAckDropper::DoCorrupt(Ptr<Packet> p)
{
    if (m_count != 0 && m_dropped >= m_count)
    {
        return false;
    }
    // Point-to-point frame: PPP header (2), IPv4 header (20), CBT common header.
    uint8_t bytes[2 + 20 + 1];
    if (p->GetSize() < sizeof bytes)
    {
        return false;
    }
    p->CopyData(bytes, sizeof bytes);
    const bool cbt = bytes[2 + 9] == CbtHeader::PROTOCOL_NUMBER;
    const bool ack = (bytes[22] & 0x0f) == static_cast<uint8_t>(CbtMessageType::JOIN_ACK);
    if (cbt && ack)
    {
        ++m_dropped;
        return true;
    }
    return false;
}

void
JoinAckDropper::DoReset()
{
    m_dropped = 0;
}

} // namespace test
} // namespace smkd
} // namespace ns3
