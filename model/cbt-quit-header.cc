/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-quit-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CbtQuitNotificationHeader);

TypeId
CbtQuitNotificationHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtQuitNotificationHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtQuitNotificationHeader>();
    return tid;
}

TypeId
CbtQuitNotificationHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
CbtQuitNotificationHeader::Print(std::ostream& os) const
{
    os << "QUIT_NOTIFICATION group=" << m_group << " child=" << m_child;
}

uint32_t
CbtQuitNotificationHeader::GetSerializedSize() const
{
    return SIZE;
}

void
CbtQuitNotificationHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_group.Get());
    start.WriteHtonU32(m_child.Get());
}

smkd::WireStatus
CbtQuitNotificationHeader::DeserializeBody(smkd::BoundedReader& reader)
{
    if (!reader.Has(SIZE))
    {
        return Truncated(reader, SIZE);
    }
    m_group = reader.ReadAddress();
    m_child = reader.ReadAddress();
    return ExpectEnd(reader);
}

CbtMessageType
CbtQuitNotificationHeader::GetMessageType() const
{
    return CbtMessageType::QUIT_NOTIFICATION;
}

void
CbtQuitNotificationHeader::SetGroup(Ipv4Address group)
{
    m_group = group;
}

Ipv4Address
CbtQuitNotificationHeader::GetGroup() const
{
    return m_group;
}

void
CbtQuitNotificationHeader::SetOriginatingChild(Ipv4Address child)
{
    m_child = child;
}

Ipv4Address
CbtQuitNotificationHeader::GetOriginatingChild() const
{
    return m_child;
}

} // namespace ns3
