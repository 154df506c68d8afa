/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-secure-receiver.h"

#include "smkd-crypto-engine.h"
#include "smkd-crypto-suite.h"
#include "smkd-data-key.h"
#include "smkd-host-agent.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdSecureReceiver");

NS_OBJECT_ENSURE_REGISTERED(SmkdSecureReceiver);

TypeId
SmkdSecureReceiver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdSecureReceiver")
            .SetParent<Application>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdSecureReceiver>()
            .AddAttribute("Group",
                          "The secure group.",
                          Ipv4AddressValue(Ipv4Address("232.19.49.1")),
                          MakeIpv4AddressAccessor(&SmkdSecureReceiver::m_group),
                          MakeIpv4AddressChecker())
            .AddAttribute("Port",
                          "UDP port of the data.",
                          UintegerValue(5004),
                          MakeUintegerAccessor(&SmkdSecureReceiver::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Interface",
                          "The interface to join on.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SmkdSecureReceiver::m_interface),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("JoinOnStart",
                          "Join the group securely through the host agent when starting.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SmkdSecureReceiver::m_join),
                          MakeBooleanChecker())
            .AddAttribute("RequireSignatures",
                          "Every packet carries the sender's signature (SmkdSecureSender's "
                          "SignPackets); refuse those whose signature does not verify.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SmkdSecureReceiver::m_requireSignatures),
                          MakeBooleanChecker())
            .AddTraceSource("Rx",
                            "A packet opened: sender, SPI, sequence number, payload bytes.",
                            MakeTraceSourceAccessor(&SmkdSecureReceiver::m_rx),
                            "ns3::SmkdSecureReceiver::RxTracedCallback")
            .AddTraceSource("Rejected",
                            "A packet was refused: sender, reason.",
                            MakeTraceSourceAccessor(&SmkdSecureReceiver::m_rejectedTrace),
                            "ns3::SmkdSecureReceiver::RejectedTracedCallback");
    return tid;
}

uint64_t
SmkdSecureReceiver::GetDelivered() const
{
    return m_delivered;
}

uint64_t
SmkdSecureReceiver::GetRejected(const std::string& reason) const
{
    auto it = m_rejected.find(reason);
    return it == m_rejected.end() ? 0 : it->second;
}

uint64_t
SmkdSecureReceiver::GetRejectedTotal() const
{
    uint64_t n = 0;
    for (const auto& [reason, count] : m_rejected)
    {
        n += count;
    }
    return n;
}

void
SmkdSecureReceiver::StartApplication()
{
    Ptr<SmkdHostAgent> agent = GetNode()->GetObject<SmkdHostAgent>();
    if (!agent)
    {
        throw std::runtime_error("SmkdSecureReceiver: the node has no SmkdHostAgent "
                                 "(SmkdHelper::InstallHosts)");
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_socket->SetRecvCallback(MakeCallback(&SmkdSecureReceiver::Receive, this));
    if (m_join)
    {
        agent->Join(m_socket, m_interface, m_group);
    }
}

void
SmkdSecureReceiver::StopApplication()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
    }
    m_socket = nullptr;
}

void
SmkdSecureReceiver::DoDispose()
{
    m_protectors.clear();
    Application::DoDispose();
}

void
SmkdSecureReceiver::Receive(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        Process(packet, InetSocketAddress::ConvertFrom(from).GetIpv4());
    }
}

void
SmkdSecureReceiver::Process(Ptr<Packet> packet, Ipv4Address from)
{
    SmkdDataHeader header;
    if (packet->PeekHeader(header) == 0)
    {
        Reject(from, "malformed");
        return;
    }
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    if (!m_requireSignatures)
    {
        Open(packet, from, header.GetSpi());
        return;
    }
    const std::size_t sigSize = engine->GetSuite()->SignatureSize();
    if (packet->GetSize() <= sigSize)
    {
        Reject(from, "malformed");
        return;
    }
    Bytes bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    const Bytes signature(bytes.end() - static_cast<std::ptrdiff_t>(sigSize), bytes.end());
    bytes.resize(bytes.size() - sigSize);
    const uint32_t spi = header.GetSpi();
    engine->Verify(from, bytes, signature, Callback<void, bool>([this, bytes, from, spi](bool ok) {
                       if (!ok)
                       {
                           Reject(from, "bad-signature");
                           return;
                       }
                       Open(Create<Packet>(bytes.data(), bytes.size()), from, spi);
                   }));
}

void
SmkdSecureReceiver::Open(Ptr<Packet> packet, Ipv4Address from, uint32_t spi)
{
    Ptr<SmkdHostAgent> agent = GetNode()->GetObject<SmkdHostAgent>();
    const auto key = std::make_tuple(from, spi);
    auto it = m_protectors.find(key);
    if (it == m_protectors.end())
    {
        Bytes dataKey;
        if (const SmkdSenderKey* sk = agent->GetSenderKey(m_group, spi))
        {
            if (sk->sender != from)
            {
                Reject(from, "wrong-origin");
                return;
            }
            dataKey = sk->key;
        }
        else if (const SmkdKeyBundle* keys = agent->GetKeysBySpi(m_group, spi))
        {
            dataKey = SmkdGroupDataKey(GetNode()->GetObject<SmkdCryptoEngine>()->GetSuite(),
                                       keys->groupKey,
                                       from);
        }
        else
        {
            Reject(from, "unknown-spi");
            return;
        }
        it = m_protectors.emplace(key, Create<SmkdDataProtector>(spi, dataKey)).first;
    }
    else if (!agent->GetSenderKey(m_group, spi) && !agent->GetKeysBySpi(m_group, spi))
    {
        m_protectors.erase(it); // the key was forgotten: its data no longer opens
        Reject(from, "unknown-spi");
        return;
    }
    Ptr<SmkdDataProtector> protector = it->second;
    GetNode()->GetObject<SmkdCryptoEngine>()->ChargeAead(
        SmkdCryptoOp::AEAD_DECRYPT,
        packet->GetSize(),
        Callback<void>([this, protector, packet, from, spi]() {
            Ptr<Packet> payload;
            SmkdDataHeader header;
            const SmkdDataStatus status = protector->Open(packet, payload, &header);
            if (status != SmkdDataStatus::OK)
            {
                Reject(from, SmkdDataStatusName(status));
                return;
            }
            ++m_delivered;
            m_rx(from, spi, header.GetSequence(), payload->GetSize());
        }));
}

void
SmkdSecureReceiver::Reject(Ipv4Address from, const std::string& reason)
{
    ++m_rejected[reason];
    m_rejectedTrace(from, reason);
    NS_LOG_INFO("refused a packet from " << from << ": " << reason);
}

} // namespace ns3
