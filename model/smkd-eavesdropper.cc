/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-eavesdropper.h"

#include "cbt-header.h"
#include "igmp-header.h"
#include "smkd-crypto-engine.h"
#include "smkd-group-key-message.h"
#include "smkd-key-delivery.h"
#include "smkd-management-message.h"

#include "ns3/log.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdEavesdropper");

NS_OBJECT_ENSURE_REGISTERED(SmkdEavesdropper);

TypeId
SmkdEavesdropper::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdEavesdropper")
                            .SetParent<SmkdAdversary>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdEavesdropper>();
    return tid;
}

uint64_t
SmkdEavesdropper::GetRecorded() const
{
    return m_recorded;
}

void
SmkdEavesdropper::Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device)
{
    if (ip.GetProtocol() == IgmpHeader::PROTOCOL_NUMBER ||
        ip.GetProtocol() == CbtHeader::PROTOCOL_NUMBER)
    {
        ++m_recorded; // reports carry host tokens; CBT joins carry the packages
        return;
    }
    UdpHeader udp;
    if (ip.GetProtocol() != UdpL4Protocol::PROT_NUMBER || !payload->RemoveHeader(udp))
    {
        return;
    }
    const uint16_t port = udp.GetDestinationPort();
    if (port != SmkdKeyDelivery::PORT && port != SmkdGroupKeyMessage::PORT &&
        port != SmkdManagementMessage::PORT)
    {
        return;
    }
    ++m_recorded;
    Bytes bytes(payload->GetSize());
    payload->CopyData(bytes.data(), bytes.size());
    SmkdKeyDelivery d;
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    if (port != SmkdKeyDelivery::PORT || !engine || !SmkdKeyDelivery::Parse(bytes, d) ||
        d.sealed.empty() || d.group != m_group)
    {
        return;
    }
    OpenAndTake(d.sealed, "eavesdropper: a delivery that opened"); // sealed for another: try
}

} // namespace ns3
