/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-hello-header.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CbtHelloHeader);

CbtHelloHeader::CbtHelloHeader()
    : m_preference(DEFAULT_PREFERENCE)
{
}

TypeId
CbtHelloHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtHelloHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtHelloHeader>();
    return tid;
}

TypeId
CbtHelloHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
CbtHelloHeader::Print(std::ostream& os) const
{
    os << "HELLO preference=" << unsigned(m_preference) << " ";
    m_options.Print(os);
}

uint32_t
CbtHelloHeader::GetSerializedSize() const
{
    return 1 + m_options.GetSerializedSize();
}

void
CbtHelloHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_preference);
    m_options.Serialize(start);
}

smkd::WireStatus
CbtHelloHeader::DeserializeBody(smkd::BoundedReader& reader)
{
    if (!reader.Has(1))
    {
        return Truncated(reader, 1);
    }
    m_preference = reader.ReadU8();
    return m_options.Deserialize(reader);
}

CbtMessageType
CbtHelloHeader::GetMessageType() const
{
    return CbtMessageType::HELLO;
}

void
CbtHelloHeader::SetPreference(uint8_t preference)
{
    m_preference = preference;
}

uint8_t
CbtHelloHeader::GetPreference() const
{
    return m_preference;
}

const CbtOptionList&
CbtHelloHeader::GetOptions() const
{
    return m_options;
}

CbtOptionList&
CbtHelloHeader::GetOptions()
{
    return m_options;
}

} // namespace ns3
