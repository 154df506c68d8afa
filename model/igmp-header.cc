/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-header.h"

#include "internet-checksum.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

const char*
IgmpTypeName(IgmpType t)
{
    switch (t)
    {
    case IgmpType::MEMBERSHIP_QUERY:
        return "MEMBERSHIP_QUERY";
    case IgmpType::V1_MEMBERSHIP_REPORT:
        return "V1_MEMBERSHIP_REPORT";
    case IgmpType::V2_MEMBERSHIP_REPORT:
        return "V2_MEMBERSHIP_REPORT";
    case IgmpType::V2_LEAVE_GROUP:
        return "V2_LEAVE_GROUP";
    case IgmpType::V3_MEMBERSHIP_REPORT:
        return "V3_MEMBERSHIP_REPORT";
    }
    return "UNKNOWN";
}

std::ostream&
operator<<(std::ostream& os, IgmpType t)
{
    return os << IgmpTypeName(t);
}

IgmpHeader::IgmpHeader()
    : m_calcChecksum(false),
      m_checksum(0),
      m_checksumOk(true),
      m_additional(0)
{
}

void
IgmpHeader::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(static_cast<uint8_t>(GetMessageType()));
    i.WriteU8(GetSecondOctet());
    i.WriteU16(0);
    SerializeFields(i);
    if (m_calcChecksum)
    {
        // RFC 3376 §4.1.2, §4.2.2: the sum covers the whole IGMP message,
        // which is exactly this header (a sender adds no additional data).
        const uint16_t sum = smkd::InternetChecksum(start, GetSerializedSize());
        i = start;
        i.Next(2);
        i.WriteHtonU16(sum);
    }
}

uint32_t
IgmpHeader::Deserialize(Buffer::Iterator start)
{
    using smkd::WireError;
    using smkd::WireStatus;
    const uint32_t size = start.GetRemainingSize();
    smkd::BoundedReader r(start, size);
    m_ignored.clear();
    m_additional = 0;
    if (!r.Has(4))
    {
        m_status = WireStatus::Fail(WireError::TRUNCATED,
                                    "IGMP message of " + std::to_string(size) +
                                        " bytes, at least 8 needed");
        return 0;
    }
    const uint8_t type = r.ReadU8();
    const uint8_t second = r.ReadU8();
    m_checksum = r.ReadU16();
    // RFC 3376 §4.1.10, §4.2.11: additional octets are part of the sum.
    m_checksumOk = smkd::InternetChecksum(start, size) == 0;
    if (type != static_cast<uint8_t>(GetMessageType()))
    {
        std::ostringstream s;
        s << "type 0x" << std::hex << std::setw(2) << std::setfill('0') << unsigned(type)
          << " is not " << GetMessageType();
        m_status = WireStatus::Fail(WireError::UNKNOWN_TYPE, s.str());
        return 0;
    }
    m_status = DeserializeFields(r, second);
    if (!m_status.Ok())
    {
        m_ignored.clear();
        return 0;
    }
    m_additional = r.Remaining();
    if (m_additional > 0)
    {
        NoteIgnored(WireError::TRAILING_BYTES,
                    std::to_string(m_additional) +
                        " octets of additional data after the last field (ignored)");
    }
    return size;
}

void
IgmpHeader::EnableChecksum()
{
    m_calcChecksum = true;
}

uint16_t
IgmpHeader::GetChecksum() const
{
    return m_checksum;
}

bool
IgmpHeader::IsChecksumOk() const
{
    return m_checksumOk;
}

const smkd::WireStatus&
IgmpHeader::GetParseStatus() const
{
    return m_status;
}

const std::vector<smkd::WireStatus>&
IgmpHeader::GetIgnored() const
{
    return m_ignored;
}

uint32_t
IgmpHeader::GetAdditionalDataSize() const
{
    return m_additional;
}

void
IgmpHeader::NoteIgnored(smkd::WireError e, std::string detail)
{
    m_ignored.push_back(smkd::WireStatus::Fail(e, std::move(detail)));
}

smkd::WireStatus
IgmpHeader::Truncated(const smkd::BoundedReader& reader, uint32_t need)
{
    std::ostringstream s;
    s << "IGMP message of " << reader.Consumed() + reader.Remaining() << " bytes, at least "
      << reader.Consumed() + need << " needed";
    return smkd::WireStatus::Fail(smkd::WireError::TRUNCATED, s.str());
}

smkd::WireStatus
IgmpHeader::ExpectMulticast(Ipv4Address group, const std::string& what)
{
    if (group.IsMulticast())
    {
        return smkd::WireStatus{};
    }
    std::ostringstream s;
    s << what << " " << group << " is not a multicast address";
    return smkd::WireStatus::Fail(smkd::WireError::NOT_MULTICAST, s.str());
}

} // namespace ns3
