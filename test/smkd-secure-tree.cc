/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-secure-tree.h"

#include "ns3/boolean.h"
#include "ns3/udp-header.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace smkd
{
namespace test
{

NS_OBJECT_ENSURE_REGISTERED(GroupKeyDropper);

TypeId
GroupKeyDropper::GetTypeId()
{
    static TypeId tid = TypeId("ns3::smkd::test::GroupKeyDropper")
                            .SetParent<ErrorModel>()
                            .SetGroupName("Smkd")
                            .AddConstructor<GroupKeyDropper>();
    return tid;
}

void
GroupKeyDropper::SetLinkHeader(uint32_t linkHeader)
{
    m_linkHeader = linkHeader;
}

uint32_t
GroupKeyDropper::Dropped() const
{
    return m_dropped;
}

bool
GroupKeyDropper::DoCorrupt(Ptr<Packet> p)
{
    std::vector<uint8_t> b(m_linkHeader + 24);
    if (p->GetSize() < b.size())
    {
        return false;
    }
    p->CopyData(b.data(), b.size());
    const uint8_t* ip = b.data() + m_linkHeader;
    const uint16_t port = uint16_t(ip[22] << 8 | ip[23]);
    if (ip[9] == 17 && port == SmkdGroupKeyMessage::PORT)
    {
        ++m_dropped;
        return true;
    }
    return false;
}

void
GroupKeyDropper::DoReset()
{
    m_dropped = 0;
}

Ptr<SmkdGroupInitiator>
SecureGroup(CbtTestNetwork& net,
            SmkdHelper& smkd,
            Ipv4Address group,
            uint32_t core,
            uint32_t initiator,
            const std::vector<uint32_t>& listed,
            SmkdAccessList::Mode mode)
{
    smkd.AddSecureGroups(group, Ipv4Mask("255.255.255.255"));
    smkd.SetCoreMap(net.Helper().GetCoreMap());
    smkd.InstallGkdc(net.Routers());
    smkd.InstallHosts(net.Hosts());
    SmkdAccessList acl(group,
                       SmkdAccessList::Kind::GROUP_MEMBERS,
                       mode,
                       net.HostAddress(initiator));
    for (uint32_t h : listed)
    {
        acl.Add(net.HostAddress(h));
    }
    return smkd.InstallInitiator(net.Host(initiator), acl, net.RouterAddress(core), Seconds(1));
}

SecureTree::SecureTree(SecureTreeTiming t, SmkdAccessList::Mode listMode)
    : timing(t)
{
    Config::SetDefault("ns3::SmkdGkdc::KeyLifetime", TimeValue(Seconds(t.lifetimeSeconds)));
    Config::SetDefault("ns3::SmkdGkdc::RekeyLeadTime", TimeValue(t.lead));
    Config::SetDefault("ns3::SmkdGkdc::RekeyRecoveryMargin", TimeValue(t.margin));
    Config::SetDefault("ns3::SmkdHostAgent::RekeyRecoveryMargin", TimeValue(t.margin));
    net.EnableIgmp();
    core = net.AddRouter();
    r1 = net.AddRouter();
    r2 = net.AddRouter();
    dr1 = net.AddRouter();
    dr2 = net.AddRouter();
    net.Link(core, r1);
    net.Link(core, r2);
    net.Link(r1, dr1);
    branch = net.Link(r2, dr2);
    members = net.Lan({dr1}, 2);
    const std::vector<uint32_t> lan2 = net.Lan({dr2}, 3);
    members.push_back(lan2[0]);
    sender = lan2[1];
    rogue = lan2[2];
    initiator = net.Lan({core}, 1)[0];
    net.Finish(GROUP, core);
    net.ListenOnHosts(9800);
    std::vector<uint32_t> listed = members;
    listed.push_back(sender);
    if (listMode == SmkdAccessList::Mode::EXCLUSION)
    {
        listed = {rogue}; // an open list that keeps out the rogue only
    }
    SecureGroup(net, smkd, GROUP, core, initiator, listed, listMode);
    for (uint32_t k = 0; k < members.size(); ++k)
    {
        const uint32_t m = members[k];
        Simulator::Schedule(Seconds(3) + MilliSeconds(200 * k),
                            &SmkdHostAgent::Join,
                            Agent(m),
                            net.ListenerOf(m),
                            1,
                            GROUP);
        Agent(m)->TraceConnectWithoutContext(
            "RekeyInstalled",
            Callback<void, Ipv4Address, uint32_t>([this, m](Ipv4Address, uint32_t spi) {
                installed[m].emplace_back(Simulator::Now(), spi);
            }));
    }
    Gkdc(core)->TraceConnectWithoutContext(
        "RekeySent",
        Callback<void, Ipv4Address, uint32_t>(
            [this](Ipv4Address, uint32_t spi) { sent.emplace_back(Simulator::Now(), spi); }));
    for (uint32_t r = 0; r < net.NumRouters(); ++r)
    {
        net.Cbt(r)->TraceConnectWithoutContext(
            "DataForwarded",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [this](const Ipv4Header& ip, Ptr<const Packet> p, uint32_t) {
                    UdpHeader udp;
                    if (ip.GetProtocol() == 17 && p->PeekHeader(udp) &&
                        udp.GetDestinationPort() == SmkdGroupKeyMessage::PORT)
                    {
                        ++copiesOnTree;
                    }
                }));
    }
}

SecureTree::~SecureTree()
{
    Simulator::Destroy();
    Config::Reset();
}

Ptr<SmkdHostAgent>
SecureTree::Agent(uint32_t h) const
{
    return net.Host(h)->GetObject<SmkdHostAgent>();
}

Ptr<SmkdGkdc>
SecureTree::Gkdc(uint32_t r) const
{
    return net.Router(r)->GetObject<SmkdGkdc>();
}

Time
SecureTree::FirstActivation() const
{
    const SmkdGroupKeys* keys = Gkdc(core)->GetGroupKeys(GROUP);
    return keys ? NanoSeconds(static_cast<int64_t>(keys->bundle.sa.activation)) : Seconds(0);
}

Ptr<SmkdSecureReceiver>
SecureTree::AddReceiver(uint32_t h, Time start) const
{
    Ptr<SmkdSecureReceiver> rx = CreateObject<SmkdSecureReceiver>();
    rx->SetAttribute("Group", Ipv4AddressValue(GROUP));
    rx->SetAttribute("JoinOnStart", BooleanValue(false));
    net.Host(h)->AddApplication(rx);
    rx->SetStartTime(start);
    return rx;
}

Ptr<SmkdSecureSender>
SecureTree::AddSender(uint32_t h, Time start, uint32_t packets, bool senderKey, Time interval) const
{
    Ptr<SmkdSecureSender> sender = CreateObject<SmkdSecureSender>();
    sender->SetAttribute("Group", Ipv4AddressValue(GROUP));
    sender->SetAttribute("UseSenderKey", BooleanValue(senderKey));
    sender->SetAttribute("Interval", TimeValue(interval));
    sender->SetAttribute("MaxPackets", UintegerValue(packets));
    net.Host(h)->AddApplication(sender);
    sender->SetStartTime(start);
    return sender;
}

} // namespace test
} // namespace smkd
} // namespace ns3
