/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-replayer.h"

#include "smkd-group-key-message.h"
#include "smkd-key-delivery.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdReplayer");

NS_OBJECT_ENSURE_REGISTERED(SmkdReplayer);

TypeId
SmkdReplayer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdReplayer")
                            .SetParent<SmkdAdversary>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdReplayer>()
                            .AddAttribute("ReplayDelay",
                                          "How long after hearing a message its copy is sent.",
                                          TimeValue(Seconds(20)),
                                          MakeTimeAccessor(&SmkdReplayer::m_delay),
                                          MakeTimeChecker(Seconds(0)))
                            .AddAttribute("MaxReplays",
                                          "Messages replayed at most.",
                                          UintegerValue(64),
                                          MakeUintegerAccessor(&SmkdReplayer::m_maxReplays),
                                          MakeUintegerChecker<uint32_t>());
    return tid;
}

uint32_t
SmkdReplayer::GetReplayed() const
{
    return m_replayed;
}

void
SmkdReplayer::DoDispose()
{
    for (EventId& e : m_pending)
    {
        e.Cancel();
    }
    m_pending.clear();
    m_socket = nullptr;
    SmkdAdversary::DoDispose();
}

void
SmkdReplayer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_socket->Bind();
    }
    SmkdAdversary::StartApplication();
}

void
SmkdReplayer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (EventId& e : m_pending)
    {
        e.Cancel();
    }
    m_pending.clear();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
    SmkdAdversary::StopApplication();
}

void
SmkdReplayer::Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device)
{
    UdpHeader udp;
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER || ip.GetSource() == OwnAddress() ||
        m_recorded >= m_maxReplays || !payload->RemoveHeader(udp))
    {
        return;
    }
    const uint16_t port = udp.GetDestinationPort();
    if (port != SmkdGroupKeyMessage::PORT && port != SmkdKeyDelivery::PORT)
    {
        return;
    }
    Bytes bytes(payload->GetSize());
    payload->CopyData(bytes.data(), bytes.size());
    ++m_recorded;
    m_pending.push_back(Simulator::Schedule(m_delay,
                                            &SmkdReplayer::Replay,
                                            this,
                                            bytes,
                                            ip.GetDestination(),
                                            port));
}

void
SmkdReplayer::Replay(Bytes payload, Ipv4Address destination, uint16_t port)
{
    if (!m_socket)
    {
        return;
    }
    ++m_replayed;
    NS_LOG_INFO("replaying " << payload.size() << " bytes to " << destination << ":" << port);
    m_socket->SendTo(Create<Packet>(payload.data(), payload.size()),
                     0,
                     InetSocketAddress(destination, port));
}

} // namespace ns3
