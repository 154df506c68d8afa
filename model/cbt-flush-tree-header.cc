/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-flush-tree-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CbtFlushTreeHeader);

TypeId
CbtFlushTreeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtFlushTreeHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtFlushTreeHeader>();
    return tid;
}

TypeId
CbtFlushTreeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
CbtFlushTreeHeader::Print(std::ostream& os) const
{
    os << "FLUSH_TREE groups=" << m_groups.size();
}

uint32_t
CbtFlushTreeHeader::GetSerializedSize() const
{
    return 4 * static_cast<uint32_t>(m_groups.size());
}

void
CbtFlushTreeHeader::Serialize(Buffer::Iterator start) const
{
    WriteAddressList(start, m_groups);
}

smkd::WireStatus
CbtFlushTreeHeader::DeserializeBody(smkd::BoundedReader& reader)
{
    if (reader.Remaining() == 0)
    {
        return smkd::WireStatus::Fail(smkd::WireError::EMPTY_GROUP_LIST,
                                      "FLUSH_TREE names no group");
    }
    return ReadAddressList(reader, m_groups, "FLUSH_TREE group list");
}

CbtMessageType
CbtFlushTreeHeader::GetMessageType() const
{
    return CbtMessageType::FLUSH_TREE;
}

void
CbtFlushTreeHeader::AddGroup(Ipv4Address group)
{
    m_groups.push_back(group);
}

const std::vector<Ipv4Address>&
CbtFlushTreeHeader::GetGroups() const
{
    return m_groups;
}

} // namespace ns3
