/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-packet-handle-header.h"

#include "wire-reader.h"

#include <iomanip>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CbtPacketHandleHeader);

TypeId
CbtPacketHandleHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtPacketHandleHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtPacketHandleHeader>();
    return tid;
}

TypeId
CbtPacketHandleHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

CbtPacketHandleHeader::CbtPacketHandleHeader() = default;

CbtPacketHandleHeader::CbtPacketHandleHeader(uint32_t handle, uint8_t protocol)
    : m_handle(handle),
      m_protocol(protocol)
{
}

void
CbtPacketHandleHeader::Print(std::ostream& os) const
{
    const auto flags = os.flags();
    os << "packet handle 0x" << std::hex << std::setw(8) << std::setfill('0') << m_handle
       << std::dec << std::setfill(' ') << " protocol " << unsigned(m_protocol);
    os.flags(flags);
}

uint32_t
CbtPacketHandleHeader::GetSerializedSize() const
{
    return SIZE;
}

void
CbtPacketHandleHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_handle);
    start.WriteU8(m_protocol);
    start.WriteU8(0); // reserved, 24 bits
    start.WriteU16(0);
}

uint32_t
CbtPacketHandleHeader::Deserialize(Buffer::Iterator start)
{
    smkd::BoundedReader reader(start, start.GetRemainingSize());
    if (!reader.Has(SIZE))
    {
        return 0;
    }
    m_handle = reader.ReadU32();
    m_protocol = reader.ReadU8();
    uint8_t reserved[3];
    reader.Read(reserved, sizeof reserved); // ignored on receipt
    return reader.Consumed();
}

void
CbtPacketHandleHeader::SetHandle(uint32_t handle)
{
    m_handle = handle;
}

uint32_t
CbtPacketHandleHeader::GetHandle() const
{
    return m_handle;
}

void
CbtPacketHandleHeader::SetProtocol(uint8_t protocol)
{
    m_protocol = protocol;
}

uint8_t
CbtPacketHandleHeader::GetProtocol() const
{
    return m_protocol;
}

} // namespace ns3
