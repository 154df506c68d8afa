/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-group-record.h"

#include "ns3/abort.h"

#include <sstream>

namespace ns3
{

const char*
IgmpRecordTypeName(IgmpRecordType t)
{
    switch (t)
    {
    case IgmpRecordType::MODE_IS_INCLUDE:
        return "MODE_IS_INCLUDE";
    case IgmpRecordType::MODE_IS_EXCLUDE:
        return "MODE_IS_EXCLUDE";
    case IgmpRecordType::CHANGE_TO_INCLUDE_MODE:
        return "CHANGE_TO_INCLUDE_MODE";
    case IgmpRecordType::CHANGE_TO_EXCLUDE_MODE:
        return "CHANGE_TO_EXCLUDE_MODE";
    case IgmpRecordType::ALLOW_NEW_SOURCES:
        return "ALLOW_NEW_SOURCES";
    case IgmpRecordType::BLOCK_OLD_SOURCES:
        return "BLOCK_OLD_SOURCES";
    }
    return "UNKNOWN";
}

bool
IgmpIsKnownRecordType(IgmpRecordType t)
{
    const auto v = static_cast<uint8_t>(t);
    return v >= static_cast<uint8_t>(IgmpRecordType::MODE_IS_INCLUDE) &&
           v <= static_cast<uint8_t>(IgmpRecordType::BLOCK_OLD_SOURCES);
}

std::ostream&
operator<<(std::ostream& os, IgmpRecordType t)
{
    os << IgmpRecordTypeName(t);
    if (!IgmpIsKnownRecordType(t))
    {
        os << "(" << unsigned(static_cast<uint8_t>(t)) << ")";
    }
    return os;
}

// Ipv4Address() is 102.102.102.102 in ns-3: start from 0.0.0.0 instead.
IgmpGroupRecord::IgmpGroupRecord()
    : m_type(IgmpRecordType::MODE_IS_INCLUDE),
      m_group(Ipv4Address::GetAny())
{
}

IgmpGroupRecord::IgmpGroupRecord(IgmpRecordType type,
                                 Ipv4Address group,
                                 std::vector<Ipv4Address> sources)
    : m_type(type),
      m_group(group),
      m_sources(std::move(sources))
{
}

void
IgmpGroupRecord::SetType(IgmpRecordType type)
{
    m_type = type;
}

IgmpRecordType
IgmpGroupRecord::GetType() const
{
    return m_type;
}

bool
IgmpGroupRecord::IsKnownType() const
{
    return IgmpIsKnownRecordType(m_type);
}

void
IgmpGroupRecord::SetGroup(Ipv4Address group)
{
    m_group = group;
}

Ipv4Address
IgmpGroupRecord::GetGroup() const
{
    return m_group;
}

void
IgmpGroupRecord::AddSource(Ipv4Address source)
{
    m_sources.push_back(source);
}

void
IgmpGroupRecord::SetSources(std::vector<Ipv4Address> sources)
{
    m_sources = std::move(sources);
}

const std::vector<Ipv4Address>&
IgmpGroupRecord::GetSources() const
{
    return m_sources;
}

void
IgmpGroupRecord::SetAuxData(std::vector<uint8_t> aux)
{
    NS_ABORT_MSG_IF(aux.size() % 4 != 0,
                    "aux data of " << aux.size() << " octets is not a whole number of words");
    NS_ABORT_MSG_IF(aux.size() > MAX_AUX_DATA_SIZE,
                    "aux data of " << aux.size() << " octets exceeds 255 words");
    m_aux = std::move(aux);
}

const std::vector<uint8_t>&
IgmpGroupRecord::GetAuxData() const
{
    return m_aux;
}

uint32_t
IgmpGroupRecord::GetSerializedSize() const
{
    return FIXED_SIZE + 4 * static_cast<uint32_t>(m_sources.size()) +
           static_cast<uint32_t>(m_aux.size());
}

void
IgmpGroupRecord::Serialize(Buffer::Iterator& i) const
{
    NS_ABORT_MSG_IF(m_sources.size() > 0xffff,
                    m_sources.size() << " sources do not fit Number of Sources (16 bits)");
    i.WriteU8(static_cast<uint8_t>(m_type));
    i.WriteU8(static_cast<uint8_t>(m_aux.size() / 4)); // RFC 3376 §4.2.6: in 32-bit words
    i.WriteHtonU16(static_cast<uint16_t>(m_sources.size()));
    i.WriteHtonU32(m_group.Get());
    for (const auto& s : m_sources)
    {
        i.WriteHtonU32(s.Get());
    }
    if (!m_aux.empty())
    {
        i.Write(m_aux.data(), static_cast<uint32_t>(m_aux.size()));
    }
}

smkd::WireStatus
IgmpGroupRecord::Read(smkd::BoundedReader& reader, IgmpGroupRecord& out)
{
    using smkd::WireError;
    using smkd::WireStatus;
    if (!reader.Has(FIXED_SIZE))
    {
        return WireStatus::Fail(WireError::RECORD_OVERRUN,
                                "record needs 8 octets, " + std::to_string(reader.Remaining()) +
                                    " left");
    }
    out.m_type = static_cast<IgmpRecordType>(reader.ReadU8());
    const uint32_t auxSize = 4 * static_cast<uint32_t>(reader.ReadU8());
    const uint32_t n = reader.ReadU16();
    out.m_group = reader.ReadAddress();
    if (!reader.Has(4 * n))
    {
        std::ostringstream s;
        s << "record for " << out.m_group << ": Number of Sources " << n << " needs " << 4 * n
          << " octets, " << reader.Remaining() << " left";
        return WireStatus::Fail(WireError::SOURCE_OVERRUN, s.str());
    }
    out.m_sources.clear();
    out.m_sources.reserve(n);
    for (uint32_t k = 0; k < n; ++k)
    {
        out.m_sources.push_back(reader.ReadAddress());
    }
    if (!reader.Has(auxSize))
    {
        std::ostringstream s;
        s << "record for " << out.m_group << ": Aux Data Len " << auxSize / 4 << " words needs "
          << auxSize << " octets, " << reader.Remaining() << " left";
        return WireStatus::Fail(WireError::AUX_DATA_OVERRUN, s.str());
    }
    out.m_aux.assign(auxSize, 0);
    if (auxSize > 0)
    {
        reader.Read(out.m_aux.data(), auxSize);
    }
    // §4.2.8: the address is a multicast address. A record of an unknown
    // type is skipped whole (§4.2.12), so its address is not judged.
    if (out.IsKnownType() && !out.m_group.IsMulticast())
    {
        std::ostringstream s;
        s << out.m_type << " record for " << out.m_group << ", which is not a multicast address";
        return WireStatus::Fail(WireError::NOT_MULTICAST, s.str());
    }
    return WireStatus{};
}

void
IgmpGroupRecord::Print(std::ostream& os) const
{
    os << m_type << "(" << m_group;
    for (const auto& s : m_sources)
    {
        os << " " << s;
    }
    os << ")";
    if (!m_aux.empty())
    {
        os << " aux=" << m_aux.size() << "B";
    }
}

bool
IgmpGroupRecord::operator==(const IgmpGroupRecord& o) const
{
    return m_type == o.m_type && m_group == o.m_group && m_sources == o.m_sources &&
           m_aux == o.m_aux;
}

std::ostream&
operator<<(std::ostream& os, const IgmpGroupRecord& r)
{
    r.Print(os);
    return os;
}

} // namespace ns3
