/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-query-header.h"

#include "igmp-floating-code.h"

#include "ns3/abort.h"

#include <sstream>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(IgmpQueryHeader);

const char*
IgmpQueryKindName(IgmpQueryKind k)
{
    switch (k)
    {
    case IgmpQueryKind::GENERAL:
        return "GENERAL";
    case IgmpQueryKind::GROUP_SPECIFIC:
        return "GROUP_SPECIFIC";
    case IgmpQueryKind::GROUP_AND_SOURCE_SPECIFIC:
        return "GROUP_AND_SOURCE_SPECIFIC";
    }
    return "UNKNOWN";
}

std::ostream&
operator<<(std::ostream& os, IgmpQueryKind k)
{
    return os << IgmpQueryKindName(k);
}

// Defaults are the RFC 3376 §8 defaults a querier sends: Query Response
// Interval 10 s (§8.3, code 100), Robustness Variable 2 (§8.1), Query
// Interval 125 s (§8.2, QQIC 125).
IgmpQueryHeader::IgmpQueryHeader()
    : m_version(3),
      m_maxRespCode(100),
      m_group(Ipv4Address::GetAny()),
      m_suppress(false),
      m_qrv(2),
      m_qqic(125)
{
}

TypeId
IgmpQueryHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::IgmpQueryHeader")
                            .SetParent<Header>()
                            .SetGroupName("Smkd")
                            .AddConstructor<IgmpQueryHeader>();
    return tid;
}

TypeId
IgmpQueryHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
IgmpQueryHeader::Print(std::ostream& os) const
{
    os << "IGMPv" << unsigned(m_version) << " query " << GetKind() << " group=" << m_group
       << " maxresp=" << GetMaxRespTime().As(Time::S);
    if (m_version == 3)
    {
        os << " S=" << m_suppress << " QRV=" << unsigned(m_qrv)
           << " QQI=" << GetQueryInterval().As(Time::S) << " sources=" << m_sources.size();
    }
}

uint32_t
IgmpQueryHeader::GetSerializedSize() const
{
    if (m_version < 3)
    {
        return V1_V2_SIZE;
    }
    return V3_MIN_SIZE + 4 * static_cast<uint32_t>(m_sources.size());
}

IgmpType
IgmpQueryHeader::GetMessageType() const
{
    return IgmpType::MEMBERSHIP_QUERY;
}

uint8_t
IgmpQueryHeader::GetSecondOctet() const
{
    return m_version == 1 ? 0 : m_maxRespCode; // RFC 1112: the octet is unused, sent as 0
}

void
IgmpQueryHeader::SerializeFields(Buffer::Iterator& i) const
{
    if (m_version < 3)
    {
        NS_ABORT_MSG_IF(!m_sources.empty(),
                        "an IGMPv" << unsigned(m_version) << " query cannot carry sources");
        i.WriteHtonU32(m_version == 1 ? 0 : m_group.Get());
        return;
    }
    NS_ABORT_MSG_IF(m_sources.size() > 0xffff,
                    m_sources.size() << " sources do not fit Number of Sources (16 bits)");
    i.WriteHtonU32(m_group.Get());
    // RFC 3376 §4.1.4: Resv is sent as zero.
    i.WriteU8(static_cast<uint8_t>((m_suppress ? 0x08 : 0) | (m_qrv & 0x07)));
    i.WriteU8(m_qqic);
    i.WriteHtonU16(static_cast<uint16_t>(m_sources.size()));
    for (const auto& s : m_sources)
    {
        i.WriteHtonU32(s.Get());
    }
}

smkd::WireStatus
IgmpQueryHeader::DeserializeFields(smkd::BoundedReader& reader, uint8_t secondOctet)
{
    using smkd::WireError;
    using smkd::WireStatus;
    m_maxRespCode = secondOctet;
    m_group = Ipv4Address::GetAny();
    m_suppress = false;
    m_qrv = 0;
    m_qqic = 0;
    m_sources.clear();

    // RFC 3376 §7.1: the version of a query is a matter of its length.
    const uint32_t length = reader.Consumed() + reader.Remaining();
    if (length < V1_V2_SIZE)
    {
        return Truncated(reader, V1_V2_SIZE - reader.Consumed());
    }
    if (length == V1_V2_SIZE)
    {
        const Ipv4Address group = reader.ReadAddress();
        if (secondOctet == 0)
        {
            // IGMPv1: RFC 1112 App. I has receivers ignore the group field.
            m_version = 1;
            return WireStatus{};
        }
        m_version = 2;
        m_group = group;
        return m_group == Ipv4Address::GetAny() ? WireStatus{}
                                                : ExpectMulticast(m_group, "IGMPv2 query group");
    }
    if (length < V3_MIN_SIZE)
    {
        return WireStatus::Fail(WireError::BAD_QUERY_LENGTH,
                                "query of " + std::to_string(length) +
                                    " octets is neither IGMPv1/v2 (8) nor IGMPv3 (>= 12)");
    }
    m_version = 3;
    m_group = reader.ReadAddress();
    const uint8_t flags = reader.ReadU8(); // Resv (ignored, §4.1.4) | S | QRV
    m_suppress = (flags & 0x08) != 0;
    m_qrv = flags & 0x07;
    m_qqic = reader.ReadU8();
    const uint16_t n = reader.ReadU16();
    if (!reader.Has(4 * static_cast<uint32_t>(n)))
    {
        std::ostringstream s;
        s << "Number of Sources " << n << " needs " << 4 * static_cast<uint32_t>(n) << " octets, "
          << reader.Remaining() << " left";
        return WireStatus::Fail(WireError::SOURCE_OVERRUN, s.str());
    }
    if (m_group == Ipv4Address::GetAny())
    {
        if (n > 0)
        {
            return WireStatus::Fail(WireError::BAD_FIELD,
                                    "general query (group 0) lists " + std::to_string(n) +
                                        " sources (RFC 3376 §4.1.11)");
        }
    }
    else
    {
        WireStatus st = ExpectMulticast(m_group, "IGMPv3 query group");
        if (!st.Ok())
        {
            return st;
        }
    }
    m_sources.reserve(n);
    for (uint16_t k = 0; k < n; ++k)
    {
        m_sources.push_back(reader.ReadAddress());
    }
    return WireStatus{};
}

void
IgmpQueryHeader::SetVersion(uint8_t version)
{
    NS_ABORT_MSG_IF(version < 1 || version > 3, "IGMP query version " << unsigned(version));
    m_version = version;
}

uint8_t
IgmpQueryHeader::GetVersion() const
{
    return m_version;
}

IgmpQueryKind
IgmpQueryHeader::GetKind() const
{
    if (m_group == Ipv4Address::GetAny())
    {
        return IgmpQueryKind::GENERAL;
    }
    return m_sources.empty() ? IgmpQueryKind::GROUP_SPECIFIC
                             : IgmpQueryKind::GROUP_AND_SOURCE_SPECIFIC;
}

void
IgmpQueryHeader::SetMaxRespCode(uint8_t code)
{
    m_maxRespCode = code;
}

uint8_t
IgmpQueryHeader::GetMaxRespCode() const
{
    return m_maxRespCode;
}

Time
IgmpQueryHeader::GetMaxRespTime() const
{
    switch (m_version)
    {
    case 1:
        return Time(0);
    case 2:
        return MilliSeconds(100 * static_cast<int64_t>(m_maxRespCode)); // RFC 2236 §2.2
    default:
        return MilliSeconds(100 *
                            static_cast<int64_t>(smkd::IgmpDecodeFloatingCode(m_maxRespCode)));
    }
}

void
IgmpQueryHeader::SetGroup(Ipv4Address group)
{
    m_group = group;
}

Ipv4Address
IgmpQueryHeader::GetGroup() const
{
    return m_group;
}

void
IgmpQueryHeader::SetSuppressRouterProcessing(bool suppress)
{
    m_suppress = suppress;
}

bool
IgmpQueryHeader::GetSuppressRouterProcessing() const
{
    return m_suppress;
}

void
IgmpQueryHeader::SetQrv(uint8_t qrv)
{
    NS_ABORT_MSG_IF(qrv > 7, "QRV " << unsigned(qrv) << " does not fit 3 bits; send 0 (§4.1.6)");
    m_qrv = qrv;
}

uint8_t
IgmpQueryHeader::GetQrv() const
{
    return m_qrv;
}

void
IgmpQueryHeader::SetQqic(uint8_t qqic)
{
    m_qqic = qqic;
}

uint8_t
IgmpQueryHeader::GetQqic() const
{
    return m_qqic;
}

Time
IgmpQueryHeader::GetQueryInterval() const
{
    return Seconds(static_cast<double>(smkd::IgmpDecodeFloatingCode(m_qqic)));
}

void
IgmpQueryHeader::AddSource(Ipv4Address source)
{
    m_sources.push_back(source);
}

void
IgmpQueryHeader::SetSources(std::vector<Ipv4Address> sources)
{
    m_sources = std::move(sources);
}

const std::vector<Ipv4Address>&
IgmpQueryHeader::GetSources() const
{
    return m_sources;
}

} // namespace ns3
