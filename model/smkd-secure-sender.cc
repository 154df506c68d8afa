/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-secure-sender.h"

#include "smkd-crypto-engine.h"
#include "smkd-crypto-suite.h"
#include "smkd-data-key.h"
#include "smkd-host-agent.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdSecureSender");

NS_OBJECT_ENSURE_REGISTERED(SmkdSecureSender);

TypeId
SmkdSecureSender::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdSecureSender")
            .SetParent<Application>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdSecureSender>()
            .AddAttribute("Group",
                          "The secure group to send to.",
                          Ipv4AddressValue(Ipv4Address("232.19.49.1")),
                          MakeIpv4AddressAccessor(&SmkdSecureSender::m_group),
                          MakeIpv4AddressChecker())
            .AddAttribute("Port",
                          "UDP destination port of the data.",
                          UintegerValue(5004),
                          MakeUintegerAccessor(&SmkdSecureSender::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Interface",
                          "The interface whose address names the sender.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SmkdSecureSender::m_interface),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("PacketSize",
                          "Payload bytes per packet, before protection.",
                          UintegerValue(512),
                          MakeUintegerAccessor(&SmkdSecureSender::m_size),
                          MakeUintegerChecker<uint32_t>(1, 65000))
            .AddAttribute("Interval",
                          "Time between packets.",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&SmkdSecureSender::m_interval),
                          MakeTimeChecker(NanoSeconds(1)))
            .AddAttribute("MaxPackets",
                          "Packets to send; 0 for no limit.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SmkdSecureSender::m_maxPackets),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("UseSenderKey",
                          "Protect data with a sender-specific key (RFC 1949 §8) instead of "
                          "the group key.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SmkdSecureSender::m_useSenderKey),
                          MakeBooleanChecker())
            .AddAttribute("SignPackets",
                          "Sign every packet with the sender's key: origin authentication "
                          "that holds against other members too, at one signature per packet.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SmkdSecureSender::m_signPackets),
                          MakeBooleanChecker())
            .AddTraceSource("Tx",
                            "A protected packet left: SPI, sequence number, bytes.",
                            MakeTraceSourceAccessor(&SmkdSecureSender::m_tx),
                            "ns3::SmkdSecureSender::TxTracedCallback");
    return tid;
}

uint64_t
SmkdSecureSender::GetSent() const
{
    return m_sent;
}

void
SmkdSecureSender::StartApplication()
{
    Ptr<SmkdHostAgent> agent = GetNode()->GetObject<SmkdHostAgent>();
    if (!agent)
    {
        throw std::runtime_error("SmkdSecureSender: the node has no SmkdHostAgent "
                                 "(SmkdHelper::InstallHosts)");
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    if (m_useSenderKey)
    {
        agent->TraceConnectWithoutContext("SenderKeyReady",
                                          MakeCallback(&SmkdSecureSender::SenderKeyReady, this));
        agent->BecomeSender(m_group, m_interface);
        if (!agent->GetOwnSenderKey(m_group))
        {
            return; // starts when the key is ready
        }
    }
    m_ready = true;
    SendNext();
}

void
SmkdSecureSender::SenderKeyReady(Ipv4Address group, Ipv4Address, uint32_t)
{
    if (group == m_group && !m_ready && m_socket)
    {
        m_ready = true;
        SendNext();
    }
}

void
SmkdSecureSender::StopApplication()
{
    m_next.Cancel();
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
    m_ready = false;
}

void
SmkdSecureSender::DoDispose()
{
    Application::DoDispose();
}

Ptr<SmkdDataProtector>
SmkdSecureSender::ProtectorFor(uint32_t& spi)
{
    Ptr<SmkdHostAgent> agent = GetNode()->GetObject<SmkdHostAgent>();
    Bytes key;
    if (m_useSenderKey)
    {
        const SmkdSenderKey* own = agent->GetOwnSenderKey(m_group);
        if (!own)
        {
            return nullptr;
        }
        spi = own->sa.spi;
        key = own->key;
    }
    else
    {
        const SmkdKeyBundle* keys = agent->GetActiveKeys(m_group);
        if (!keys)
        {
            return nullptr;
        }
        spi = keys->sa.spi;
        key = SmkdGroupDataKey(GetNode()->GetObject<SmkdCryptoEngine>()->GetSuite(),
                               keys->groupKey,
                               GetNode()->GetObject<Ipv4>()->GetAddress(m_interface, 0).GetLocal());
    }
    // The node's agent keeps one protector per key, shared by every sender
    // on the node: AES-GCM nonces (SPI | sequence number) then never repeat
    // under a key, however many senders use it or however often one is
    // re-created.
    return agent->GetSendingProtector(m_group, spi, key);
}

void
SmkdSecureSender::SendNext()
{
    if (!m_socket || (m_maxPackets != 0 && m_sent >= m_maxPackets))
    {
        return;
    }
    m_next = Simulator::Schedule(m_interval, &SmkdSecureSender::SendNext, this);
    uint32_t spi = 0;
    Ptr<SmkdDataProtector> protector = ProtectorFor(spi);
    if (!protector)
    {
        NS_LOG_WARN(m_group << ": no key to send with yet");
        return;
    }
    ++m_sent;
    const uint64_t seq = protector->GetNextSequence();
    Ptr<Packet> sealed = protector->Seal(Create<Packet>(m_size));
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    engine->ChargeAead(SmkdCryptoOp::AEAD_ENCRYPT,
                       m_size,
                       Callback<void>([this, sealed, spi, seq]() { Transmit(sealed, spi, seq); }));
}

void
SmkdSecureSender::Transmit(Ptr<Packet> sealed, uint32_t spi, uint64_t seq)
{
    auto send = [this, spi, seq](Ptr<Packet> p) {
        if (!m_socket)
        {
            return;
        }
        m_tx(spi, seq, p->GetSize());
        m_socket->SendTo(p, 0, InetSocketAddress(m_group, m_port));
    };
    if (!m_signPackets)
    {
        send(sealed);
        return;
    }
    Bytes bytes(sealed->GetSize());
    sealed->CopyData(bytes.data(), bytes.size());
    GetNode()->GetObject<SmkdCryptoEngine>()->Sign(
        bytes,
        Callback<void, Bytes>([send, sealed](Bytes signature) {
            Ptr<Packet> p = sealed->Copy();
            p->AddAtEnd(Create<Packet>(signature.data(), signature.size()));
            send(p);
        }));
}

} // namespace ns3
