/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-header.h"

#include "internet-checksum.h"

#include <sstream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(CbtHeader);

const char*
CbtMessageTypeName(CbtMessageType t)
{
    switch (t)
    {
    case CbtMessageType::HELLO:
        return "HELLO";
    case CbtMessageType::JOIN_REQUEST:
        return "JOIN_REQUEST";
    case CbtMessageType::JOIN_ACK:
        return "JOIN_ACK";
    case CbtMessageType::QUIT_NOTIFICATION:
        return "QUIT_NOTIFICATION";
    case CbtMessageType::ECHO_REQUEST:
        return "ECHO_REQUEST";
    case CbtMessageType::ECHO_REPLY:
        return "ECHO_REPLY";
    case CbtMessageType::FLUSH_TREE:
        return "FLUSH_TREE";
    case CbtMessageType::BOOTSTRAP:
        return "BOOTSTRAP";
    case CbtMessageType::CANDIDATE_CORE_ADVERTISEMENT:
        return "CANDIDATE_CORE_ADVERTISEMENT";
    }
    return "UNKNOWN";
}

std::ostream&
operator<<(std::ostream& os, CbtMessageType t)
{
    return os << CbtMessageTypeName(t);
}

CbtHeader::CbtHeader()
    : m_version(VERSION),
      m_type(CbtMessageType::HELLO),
      m_addrLen(IPV4_ADDR_LEN),
      m_checksum(0),
      m_calcChecksum(false),
      m_checksumOk(true)
{
}

TypeId
CbtHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::CbtHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<CbtHeader>();
    return tid;
}

TypeId
CbtHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
CbtHeader::Print(std::ostream& os) const
{
    os << "CBTv" << unsigned(m_version) << " " << m_type << " addrlen=" << unsigned(m_addrLen)
       << " checksum=0x" << std::hex << m_checksum << std::dec;
}

uint32_t
CbtHeader::GetSerializedSize() const
{
    return SIZE;
}

void
CbtHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(static_cast<uint8_t>((m_version << 4) | (static_cast<uint8_t>(m_type) & 0x0f)));
    i.WriteU8(m_addrLen);
    i.WriteU16(0);
    if (m_calcChecksum)
    {
        // RFC 2189 §7.1: the checksum covers the entire CBT control packet,
        // which is everything from this header to the end of the buffer.
        const uint16_t sum = smkd::InternetChecksum(start, start.GetRemainingSize());
        i = start;
        i.Next(2);
        i.WriteHtonU16(sum);
    }
}

uint32_t
CbtHeader::Deserialize(Buffer::Iterator start)
{
    using smkd::WireError;
    using smkd::WireStatus;
    const uint32_t size = start.GetRemainingSize();
    smkd::BoundedReader r(start, size);
    if (!r.Has(SIZE))
    {
        std::ostringstream s;
        s << "common header needs 4 bytes, message has " << size;
        m_status = WireStatus::Fail(WireError::TRUNCATED, s.str());
        return 0;
    }
    const uint8_t versionType = r.ReadU8();
    m_version = versionType >> 4;
    const uint8_t type = versionType & 0x0f;
    m_addrLen = r.ReadU8();
    m_checksum = r.ReadU16();
    m_checksumOk = smkd::InternetChecksum(start, size) == 0;
    m_status = WireStatus{};
    if (m_version != VERSION)
    {
        m_status = WireStatus::Fail(WireError::BAD_VERSION,
                                    "version " + std::to_string(m_version) + ", expected 2");
        return 0;
    }
    if (type > static_cast<uint8_t>(CbtMessageType::FLUSH_TREE))
    {
        std::string why = type <= static_cast<uint8_t>(CbtMessageType::CANDIDATE_CORE_ADVERTISEMENT)
                              ? " (core discovery, RFC 2189 §8, is not supported)"
                              : "";
        m_status = WireStatus::Fail(WireError::UNKNOWN_TYPE, "type " + std::to_string(type) + why);
        return 0;
    }
    m_type = static_cast<CbtMessageType>(type);
    if (m_addrLen != IPV4_ADDR_LEN)
    {
        m_status = WireStatus::Fail(WireError::BAD_ADDRESS_LENGTH,
                                    "addr len " + std::to_string(m_addrLen) + ", expected 4");
        return 0;
    }
    return SIZE;
}

void
CbtHeader::SetType(CbtMessageType type)
{
    m_type = type;
}

CbtMessageType
CbtHeader::GetType() const
{
    return m_type;
}

uint8_t
CbtHeader::GetAddressLength() const
{
    return m_addrLen;
}

uint16_t
CbtHeader::GetChecksum() const
{
    return m_checksum;
}

void
CbtHeader::EnableChecksum()
{
    m_calcChecksum = true;
}

bool
CbtHeader::IsChecksumOk() const
{
    return m_checksumOk;
}

const smkd::WireStatus&
CbtHeader::GetParseStatus() const
{
    return m_status;
}

uint32_t
CbtMessageBody::Deserialize(Buffer::Iterator start)
{
    smkd::BoundedReader reader(start, start.GetRemainingSize());
    m_status = DeserializeBody(reader);
    return m_status.Ok() ? reader.Consumed() : 0;
}

const smkd::WireStatus&
CbtMessageBody::GetParseStatus() const
{
    return m_status;
}

smkd::WireStatus
CbtMessageBody::ExpectEnd(const smkd::BoundedReader& reader)
{
    if (reader.Remaining() == 0)
    {
        return smkd::WireStatus{};
    }
    return smkd::WireStatus::Fail(smkd::WireError::TRAILING_BYTES,
                                  std::to_string(reader.Remaining()) +
                                      " bytes after a fixed-size message");
}

smkd::WireStatus
CbtMessageBody::ReadAddressList(smkd::BoundedReader& reader,
                                std::vector<Ipv4Address>& out,
                                const char* what)
{
    out.clear();
    if (reader.Remaining() % 4 != 0)
    {
        std::ostringstream s;
        s << what << " of " << reader.Remaining() << " bytes ends inside an address";
        return smkd::WireStatus::Fail(smkd::WireError::GROUP_LIST_TRUNCATED, s.str());
    }
    out.reserve(reader.Remaining() / 4);
    while (reader.Has(4))
    {
        out.push_back(reader.ReadAddress());
    }
    return smkd::WireStatus{};
}

void
CbtMessageBody::WriteAddressList(Buffer::Iterator& i, const std::vector<Ipv4Address>& list)
{
    for (const auto& a : list)
    {
        i.WriteHtonU32(a.Get());
    }
}

smkd::WireStatus
CbtMessageBody::Truncated(const smkd::BoundedReader& reader, uint32_t need)
{
    std::ostringstream s;
    s << "fixed fields need " << need << " bytes, message has " << reader.Remaining();
    return smkd::WireStatus::Fail(smkd::WireError::TRUNCATED, s.str());
}

} // namespace ns3
