/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-adversary.h"

#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdAdversary");

NS_OBJECT_ENSURE_REGISTERED(SmkdAdversary);

TypeId
SmkdAdversary::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdAdversary")
                            .SetParent<Application>()
                            .SetGroupName("Smkd")
                            .AddAttribute("Group",
                                          "The group attacked.",
                                          Ipv4AddressValue(Ipv4Address::GetAny()),
                                          MakeIpv4AddressAccessor(&SmkdAdversary::m_group),
                                          MakeIpv4AddressChecker())
                            .AddTraceSource("KeysObtained",
                                            "The adversary obtained a key bundle: group, SPI, how.",
                                            MakeTraceSourceAccessor(&SmkdAdversary::m_keysObtained),
                                            "ns3::SmkdAdversary::KeysTracedCallback");
    return tid;
}

SmkdAdversary::SmkdAdversary() = default;

SmkdAdversary::~SmkdAdversary() = default;

void
SmkdAdversary::SetCoreMap(Ptr<CbtCoreMap> cores)
{
    m_cores = cores;
}

const SmkdKeyBundle*
SmkdAdversary::GetLoot(Ipv4Address group, uint32_t spi) const
{
    auto g = m_loot.find(group);
    if (g == m_loot.end())
    {
        return nullptr;
    }
    auto it = g->second.find(spi);
    return it == g->second.end() ? nullptr : &it->second;
}

uint32_t
SmkdAdversary::GetLootCount() const
{
    uint32_t n = 0;
    for (const auto& [group, bundles] : m_loot)
    {
        n += static_cast<uint32_t>(bundles.size());
    }
    return n;
}

Ipv4Address
SmkdAdversary::GetGroup() const
{
    return m_group;
}

void
SmkdAdversary::DoDispose()
{
    m_cores = nullptr;
    m_loot.clear();
    Application::DoDispose();
}

void
SmkdAdversary::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listening)
    {
        return;
    }
    // A promiscuous handler for IPv4 on every device of the node: on a
    // shared LAN that is every frame other hosts exchange with their DR.
    Ptr<Node> node = GetNode();
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NetDevice> device = node->GetDevice(i);
        if (device->GetInstanceTypeId().GetName().find("Loopback") != std::string::npos)
        {
            continue;
        }
        node->RegisterProtocolHandler(MakeCallback(&SmkdAdversary::Sniff, this),
                                      Ipv4L3Protocol::PROT_NUMBER,
                                      device,
                                      true);
    }
    m_listening = true;
}

void
SmkdAdversary::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listening)
    {
        GetNode()->UnregisterProtocolHandler(MakeCallback(&SmkdAdversary::Sniff, this));
        m_listening = false;
    }
}

void
SmkdAdversary::Sniff(Ptr<NetDevice> device,
                     Ptr<const Packet> packet,
                     uint16_t protocol,
                     const Address& from,
                     const Address& to,
                     NetDevice::PacketType type)
{
    if (protocol != Ipv4L3Protocol::PROT_NUMBER ||
        packet->GetSize() < Ipv4Header().GetSerializedSize())
    {
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    if (ip.GetPayloadSize() > copy->GetSize())
    {
        return; // truncated
    }
    copy->RemoveAtEnd(copy->GetSize() - ip.GetPayloadSize()); // link padding
    Heard(ip, copy, device);
}

void
SmkdAdversary::Take(const SmkdKeyBundle& bundle, const std::string& how)
{
    auto [it, added] = m_loot[bundle.group].emplace(bundle.sa.spi, bundle);
    if (added)
    {
        NS_LOG_INFO(bundle.group << ": obtained SPI 0x" << std::hex << bundle.sa.spi << std::dec
                                 << " by " << how);
        m_keysObtained(bundle.group, bundle.sa.spi, how);
    }
}

void
SmkdAdversary::OpenAndTake(const Bytes& sealed, const std::string& how)
{
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    if (!engine)
    {
        return;
    }
    engine->Open(sealed, Callback<void, bool, Bytes>([this, how](bool ok, Bytes plaintext) {
                     SmkdSignedBlob blob;
                     SmkdKeyBundle bundle;
                     if (ok && SmkdSignedBlob::Parse(plaintext, blob) &&
                         SmkdKeyBundle::Parse(blob.body, bundle))
                     {
                         Take(bundle, how);
                     }
                 }));
}

Ipv4Address
SmkdAdversary::PrimaryCore() const
{
    if (!m_cores)
    {
        return Ipv4Address::GetAny();
    }
    const std::vector<Ipv4Address>& cores = m_cores->GetCores(m_group);
    return cores.empty() ? Ipv4Address::GetAny() : cores.front();
}

Ipv4Address
SmkdAdversary::OwnAddress() const
{
    return smkd::FirstAddress(GetNode()->GetObject<Ipv4>());
}

} // namespace ns3
