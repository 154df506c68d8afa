/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ip-protocol-receiver.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpProtocolReceiver");

NS_OBJECT_ENSURE_REGISTERED(IpProtocolReceiver);

TypeId
IpProtocolReceiver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpProtocolReceiver").SetParent<IpL4Protocol>().SetGroupName("Smkd");
    return tid;
}

IpProtocolReceiver::IpProtocolReceiver()
    : m_protocolNumber(0)
{
}

IpProtocolReceiver::IpProtocolReceiver(uint8_t protocolNumber, RxCallback rx)
    : m_protocolNumber(protocolNumber),
      m_rx(rx)
{
}

int
IpProtocolReceiver::GetProtocolNumber() const
{
    return m_protocolNumber;
}

enum IpL4Protocol::RxStatus
IpProtocolReceiver::Receive(Ptr<Packet> p,
                            const Ipv4Header& header,
                            Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    if (m_rx.IsNull())
    {
        return RX_ENDPOINT_UNREACH;
    }
    Ptr<Ipv4> ipv4 = incomingInterface->GetDevice()->GetNode()->GetObject<Ipv4>();
    const int32_t iif = ipv4->GetInterfaceForDevice(incomingInterface->GetDevice());
    if (iif < 0)
    {
        return RX_ENDPOINT_UNREACH;
    }
    m_rx(p, header, static_cast<uint32_t>(iif));
    return RX_OK;
}

enum IpL4Protocol::RxStatus
IpProtocolReceiver::Receive(Ptr<Packet> p,
                            const Ipv6Header& header,
                            Ptr<Ipv6Interface> incomingInterface)
{
    return RX_ENDPOINT_UNREACH; // IPv4 only, as RFC 2189 is
}

void
IpProtocolReceiver::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
IpProtocolReceiver::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
IpProtocolReceiver::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
IpProtocolReceiver::GetDownTarget6() const
{
    return m_downTarget6;
}

void
IpProtocolReceiver::DoDispose()
{
    m_rx = RxCallback();
    IpL4Protocol::DoDispose();
}

} // namespace ns3
