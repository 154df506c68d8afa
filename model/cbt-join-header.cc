/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-join-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CbtJoinRequestHeader);
NS_OBJECT_ENSURE_REGISTERED(CbtJoinAckHeader);

CbtJoinBody::CbtJoinBody(bool hasOriginator)
    : m_hasOriginator(hasOriginator)
{
}

void
CbtJoinBody::Print(std::ostream& os) const
{
    os << GetMessageType() << " group=" << m_group << " target=" << m_target;
    if (m_hasOriginator)
    {
        os << " originator=" << m_originator;
    }
    os << " ";
    m_options.Print(os);
}

uint32_t
CbtJoinBody::GetSerializedSize() const
{
    return (m_hasOriginator ? 12 : 8) + m_options.GetSerializedSize();
}

void
CbtJoinBody::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_group.Get());
    start.WriteHtonU32(m_target.Get());
    if (m_hasOriginator)
    {
        start.WriteHtonU32(m_originator.Get());
    }
    m_options.Serialize(start);
}

smkd::WireStatus
CbtJoinBody::DeserializeBody(smkd::BoundedReader& reader)
{
    const uint32_t fixed = m_hasOriginator ? 12 : 8;
    if (!reader.Has(fixed))
    {
        return Truncated(reader, fixed);
    }
    m_group = reader.ReadAddress();
    m_target = reader.ReadAddress();
    if (m_hasOriginator)
    {
        m_originator = reader.ReadAddress();
    }
    return m_options.Deserialize(reader);
}

void
CbtJoinBody::SetGroup(Ipv4Address group)
{
    m_group = group;
}

Ipv4Address
CbtJoinBody::GetGroup() const
{
    return m_group;
}

void
CbtJoinBody::SetTarget(Ipv4Address target)
{
    m_target = target;
}

Ipv4Address
CbtJoinBody::GetTarget() const
{
    return m_target;
}

const CbtOptionList&
CbtJoinBody::GetOptions() const
{
    return m_options;
}

CbtOptionList&
CbtJoinBody::GetOptions()
{
    return m_options;
}

CbtJoinRequestHeader::CbtJoinRequestHeader()
    : CbtJoinBody(true)
{
}

TypeId
CbtJoinRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtJoinRequestHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtJoinRequestHeader>();
    return tid;
}

TypeId
CbtJoinRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

CbtMessageType
CbtJoinRequestHeader::GetMessageType() const
{
    return CbtMessageType::JOIN_REQUEST;
}

void
CbtJoinRequestHeader::SetOriginator(Ipv4Address originator)
{
    m_originator = originator;
}

Ipv4Address
CbtJoinRequestHeader::GetOriginator() const
{
    return m_originator;
}

CbtJoinAckHeader::CbtJoinAckHeader()
    : CbtJoinBody(false)
{
}

TypeId
CbtJoinAckHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtJoinAckHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtJoinAckHeader>();
    return tid;
}

TypeId
CbtJoinAckHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

CbtMessageType
CbtJoinAckHeader::GetMessageType() const
{
    return CbtMessageType::JOIN_ACK;
}

} // namespace ns3
