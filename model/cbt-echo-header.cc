/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-echo-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CbtEchoRequestHeader);
NS_OBJECT_ENSURE_REGISTERED(CbtEchoReplyHeader);

TypeId
CbtEchoRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtEchoRequestHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtEchoRequestHeader>();
    return tid;
}

TypeId
CbtEchoRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
CbtEchoRequestHeader::Print(std::ostream& os) const
{
    os << "ECHO_REQUEST child=" << m_child;
}

uint32_t
CbtEchoRequestHeader::GetSerializedSize() const
{
    return SIZE;
}

void
CbtEchoRequestHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_child.Get());
}

smkd::WireStatus
CbtEchoRequestHeader::DeserializeBody(smkd::BoundedReader& reader)
{
    if (!reader.Has(SIZE))
    {
        return Truncated(reader, SIZE);
    }
    m_child = reader.ReadAddress();
    return ExpectEnd(reader);
}

CbtMessageType
CbtEchoRequestHeader::GetMessageType() const
{
    return CbtMessageType::ECHO_REQUEST;
}

void
CbtEchoRequestHeader::SetOriginatingChild(Ipv4Address child)
{
    m_child = child;
}

Ipv4Address
CbtEchoRequestHeader::GetOriginatingChild() const
{
    return m_child;
}

TypeId
CbtEchoReplyHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtEchoReplyHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtEchoReplyHeader>();
    return tid;
}

TypeId
CbtEchoReplyHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
CbtEchoReplyHeader::Print(std::ostream& os) const
{
    os << "ECHO_REPLY parent=" << m_parent << " groups=" << m_groups.size();
}

uint32_t
CbtEchoReplyHeader::GetSerializedSize() const
{
    return 4 + 4 * static_cast<uint32_t>(m_groups.size());
}

void
CbtEchoReplyHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_parent.Get());
    WriteAddressList(start, m_groups);
}

smkd::WireStatus
CbtEchoReplyHeader::DeserializeBody(smkd::BoundedReader& reader)
{
    if (!reader.Has(4))
    {
        return Truncated(reader, 4);
    }
    m_parent = reader.ReadAddress();
    return ReadAddressList(reader, m_groups, "ECHO_REPLY group list");
}

CbtMessageType
CbtEchoReplyHeader::GetMessageType() const
{
    return CbtMessageType::ECHO_REPLY;
}

void
CbtEchoReplyHeader::SetOriginatingParent(Ipv4Address parent)
{
    m_parent = parent;
}

Ipv4Address
CbtEchoReplyHeader::GetOriginatingParent() const
{
    return m_parent;
}

void
CbtEchoReplyHeader::AddGroup(Ipv4Address group)
{
    m_groups.push_back(group);
}

const std::vector<Ipv4Address>&
CbtEchoReplyHeader::GetGroups() const
{
    return m_groups;
}

} // namespace ns3
