/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-v1v2-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IgmpV1ReportHeader);
NS_OBJECT_ENSURE_REGISTERED(IgmpV2ReportHeader);
NS_OBJECT_ENSURE_REGISTERED(IgmpV2LeaveHeader);

// Ipv4Address() is 102.102.102.102 in ns-3: start from 0.0.0.0 instead.
IgmpV1V2Header::IgmpV1V2Header()
    : m_group(Ipv4Address::GetAny())
{
}

void
IgmpV1V2Header::Print(std::ostream& os) const
{
    os << GetMessageType() << " group=" << m_group;
}

uint32_t
IgmpV1V2Header::GetSerializedSize() const
{
    return SIZE;
}

void
IgmpV1V2Header::SetGroup(Ipv4Address group)
{
    m_group = group;
}

Ipv4Address
IgmpV1V2Header::GetGroup() const
{
    return m_group;
}

uint8_t
IgmpV1V2Header::GetSecondOctet() const
{
    return 0; // RFC 2236 §2.2: zero in all but queries
}

void
IgmpV1V2Header::SerializeFields(Buffer::Iterator& i) const
{
    i.WriteHtonU32(m_group.Get());
}

smkd::WireStatus
IgmpV1V2Header::DeserializeFields(smkd::BoundedReader& reader, uint8_t /* ignored */)
{
    m_group = Ipv4Address::GetAny();
    if (!reader.Has(4))
    {
        return Truncated(reader, 4);
    }
    m_group = reader.ReadAddress();
    return ExpectMulticast(m_group, std::string(IgmpTypeName(GetMessageType())) + " group");
}

TypeId
IgmpV1ReportHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IgmpV1ReportHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<IgmpV1ReportHeader>();
    return tid;
}

TypeId
IgmpV1ReportHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

IgmpType
IgmpV1ReportHeader::GetMessageType() const
{
    return IgmpType::V1_MEMBERSHIP_REPORT;
}

TypeId
IgmpV2ReportHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IgmpV2ReportHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<IgmpV2ReportHeader>();
    return tid;
}

TypeId
IgmpV2ReportHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

IgmpType
IgmpV2ReportHeader::GetMessageType() const
{
    return IgmpType::V2_MEMBERSHIP_REPORT;
}

TypeId
IgmpV2LeaveHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IgmpV2LeaveHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<IgmpV2LeaveHeader>();
    return tid;
}

TypeId
IgmpV2LeaveHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

IgmpType
IgmpV2LeaveHeader::GetMessageType() const
{
    return IgmpType::V2_LEAVE_GROUP;
}

} // namespace ns3
