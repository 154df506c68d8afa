/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-data-header.h"

#include <sstream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SmkdDataHeader);

SmkdDataHeader::SmkdDataHeader()
    : m_reserved(0),
      m_spi(0),
      m_seq(0),
      m_hasHandle(false),
      m_handle(0)
{
}

TypeId
SmkdDataHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdDataHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdDataHeader>();
    return tid;
}

TypeId
SmkdDataHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
SmkdDataHeader::Print(std::ostream& os) const
{
    os << "SMKD-DATA spi=0x" << std::hex << m_spi << std::dec << " seq=" << m_seq;
    if (m_hasHandle)
    {
        os << " handle=0x" << std::hex << m_handle << std::dec;
    }
}

uint32_t
SmkdDataHeader::GetSerializedSize() const
{
    return BASE_SIZE + (m_hasHandle ? HANDLE_SIZE : 0);
}

void
SmkdDataHeader::Serialize(Buffer::Iterator start) const
{
    const uint8_t flags = m_hasHandle ? FLAG_HANDLE : 0;
    start.WriteHtonU32((uint32_t(VERSION) << 28) | (uint32_t(flags) << 24) |
                       (m_reserved & RESERVED_MASK));
    start.WriteHtonU32(m_spi);
    start.WriteHtonU64(m_seq);
    if (m_hasHandle)
    {
        start.WriteHtonU32(m_handle);
    }
}

uint32_t
SmkdDataHeader::Deserialize(Buffer::Iterator start)
{
    using smkd::WireError;
    using smkd::WireStatus;
    const uint32_t size = start.GetRemainingSize();
    smkd::BoundedReader r(start, size);
    auto truncated = [&](uint32_t need) {
        std::ostringstream s;
        s << "protected data header needs " << need << " bytes, packet has " << size;
        m_status = WireStatus::Fail(WireError::TRUNCATED, s.str());
        return 0;
    };
    if (!r.Has(BASE_SIZE))
    {
        return truncated(BASE_SIZE);
    }
    const uint32_t first = r.ReadU32();
    const uint8_t version = first >> 28;
    const uint8_t flags = (first >> 24) & 0x0f;
    if (version != VERSION)
    {
        m_status = WireStatus::Fail(WireError::BAD_VERSION,
                                    "protected data version " + std::to_string(version));
        return 0;
    }
    if (flags & ~FLAG_HANDLE)
    {
        m_status = WireStatus::Fail(WireError::BAD_FIELD,
                                    "protected data flags " + std::to_string(flags) +
                                        ", only H (1) is defined");
        return 0;
    }
    m_reserved = first & RESERVED_MASK;
    m_spi = r.ReadU32();
    const uint64_t high = r.ReadU32();
    m_seq = (high << 32) | r.ReadU32();
    m_hasHandle = (flags & FLAG_HANDLE) != 0;
    m_handle = 0;
    if (m_hasHandle)
    {
        if (!r.Has(HANDLE_SIZE))
        {
            return truncated(BASE_SIZE + HANDLE_SIZE);
        }
        m_handle = r.ReadU32();
    }
    m_status = WireStatus{};
    return r.Consumed();
}

const smkd::WireStatus&
SmkdDataHeader::GetParseStatus() const
{
    return m_status;
}

void
SmkdDataHeader::SetSpi(uint32_t spi)
{
    m_spi = spi;
}

uint32_t
SmkdDataHeader::GetSpi() const
{
    return m_spi;
}

void
SmkdDataHeader::SetSequence(uint64_t seq)
{
    m_seq = seq;
}

uint64_t
SmkdDataHeader::GetSequence() const
{
    return m_seq;
}

void
SmkdDataHeader::SetHandle(uint32_t handle)
{
    m_hasHandle = true;
    m_handle = handle;
}

void
SmkdDataHeader::ClearHandle()
{
    m_hasHandle = false;
    m_handle = 0;
}

bool
SmkdDataHeader::HasHandle() const
{
    return m_hasHandle;
}

uint32_t
SmkdDataHeader::GetHandle() const
{
    return m_handle;
}

uint32_t
SmkdDataHeader::GetReserved() const
{
    return m_reserved;
}

Bytes
SmkdDataHeader::GetAuthenticatedBytes() const
{
    SmkdDataHeader endToEnd = *this;
    endToEnd.ClearHandle();
    Buffer buffer;
    buffer.AddAtStart(BASE_SIZE);
    endToEnd.Serialize(buffer.Begin());
    Bytes out(BASE_SIZE);
    buffer.CopyData(out.data(), BASE_SIZE);
    return out;
}

} // namespace ns3
