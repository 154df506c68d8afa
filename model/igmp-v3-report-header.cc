/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-v3-report-header.h"

#include "ns3/abort.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IgmpV3ReportHeader);

IgmpV3ReportHeader::IgmpV3ReportHeader() = default;

TypeId
IgmpV3ReportHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IgmpV3ReportHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<IgmpV3ReportHeader>();
    return tid;
}

TypeId
IgmpV3ReportHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
IgmpV3ReportHeader::Print(std::ostream& os) const
{
    os << "IGMPv3 report records=" << m_records.size();
    for (const auto& r : m_records)
    {
        os << " " << r;
    }
}

uint32_t
IgmpV3ReportHeader::GetSerializedSize() const
{
    uint32_t size = FIXED_SIZE;
    for (const auto& r : m_records)
    {
        size += r.GetSerializedSize();
    }
    return size;
}

IgmpType
IgmpV3ReportHeader::GetMessageType() const
{
    return IgmpType::V3_MEMBERSHIP_REPORT;
}

void
IgmpV3ReportHeader::AddRecord(IgmpGroupRecord record)
{
    m_records.push_back(std::move(record));
}

const std::vector<IgmpGroupRecord>&
IgmpV3ReportHeader::GetRecords() const
{
    return m_records;
}

std::vector<IgmpGroupRecord>&
IgmpV3ReportHeader::GetRecords()
{
    return m_records;
}

uint8_t
IgmpV3ReportHeader::GetSecondOctet() const
{
    return 0; // RFC 3376 §4.2.1: Reserved, sent as zero
}

void
IgmpV3ReportHeader::SerializeFields(Buffer::Iterator& i) const
{
    NS_ABORT_MSG_IF(m_records.size() > 0xffff,
                    m_records.size() << " records do not fit Number of Group Records (16 bits)");
    i.WriteU16(0); // Reserved
    i.WriteHtonU16(static_cast<uint16_t>(m_records.size()));
    for (const auto& r : m_records)
    {
        r.Serialize(i);
    }
}

smkd::WireStatus
IgmpV3ReportHeader::DeserializeFields(smkd::BoundedReader& reader, uint8_t /* reserved */)
{
    using smkd::WireError;
    using smkd::WireStatus;
    m_records.clear();
    if (!reader.Has(4))
    {
        return Truncated(reader, 4);
    }
    reader.ReadU16(); // Reserved, ignored (§4.2.1)
    const uint16_t m = reader.ReadU16();
    // Each record takes at least 8 octets: do not reserve for a count the
    // message cannot hold.
    m_records.reserve(std::min<uint32_t>(m, reader.Remaining() / IgmpGroupRecord::FIXED_SIZE));
    for (uint32_t k = 0; k < m; ++k)
    {
        IgmpGroupRecord record;
        WireStatus st = IgmpGroupRecord::Read(reader, record);
        if (!st.Ok())
        {
            std::ostringstream s;
            s << "record " << k + 1 << " of " << m << ": " << st.detail;
            st.detail = s.str();
            return st;
        }
        if (!record.IsKnownType())
        {
            std::ostringstream s;
            s << "record " << k + 1 << " of " << m << " has type "
              << unsigned(static_cast<uint8_t>(record.GetType())) << " (ignored, §4.2.12)";
            NoteIgnored(WireError::UNKNOWN_RECORD_TYPE, s.str());
        }
        m_records.push_back(std::move(record));
    }
    return WireStatus{};
}

} // namespace ns3
