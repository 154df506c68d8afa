/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "wire-reader.h"

#include "ns3/abort.h"

namespace ns3
{
namespace smkd
{

const char*
WireErrorName(WireError e)
{
    switch (e)
    {
    case WireError::NONE:
        return "ok";
    case WireError::TRUNCATED:
        return "truncated";
    case WireError::BAD_VERSION:
        return "bad-version";
    case WireError::UNKNOWN_TYPE:
        return "unknown-type";
    case WireError::BAD_ADDRESS_LENGTH:
        return "bad-address-length";
    case WireError::OPTION_OVERRUN:
        return "option-overrun";
    case WireError::NON_CANONICAL_OPTION:
        return "non-canonical-option";
    case WireError::GROUP_LIST_TRUNCATED:
        return "group-list-truncated";
    case WireError::EMPTY_GROUP_LIST:
        return "empty-group-list";
    case WireError::TRAILING_BYTES:
        return "trailing-bytes";
    case WireError::BAD_CHECKSUM:
        return "bad-checksum";
    case WireError::BAD_FIELD:
        return "bad-field";
    case WireError::BAD_QUERY_LENGTH:
        return "bad-query-length";
    case WireError::RECORD_OVERRUN:
        return "record-overrun";
    case WireError::SOURCE_OVERRUN:
        return "source-overrun";
    case WireError::AUX_DATA_OVERRUN:
        return "aux-data-overrun";
    case WireError::UNKNOWN_RECORD_TYPE:
        return "unknown-record-type";
    case WireError::NOT_MULTICAST:
        return "not-multicast";
    }
    return "invalid-error-code";
}

std::ostream&
operator<<(std::ostream& os, WireError e)
{
    return os << WireErrorName(e);
}

std::ostream&
operator<<(std::ostream& os, const WireStatus& s)
{
    os << s.error;
    if (!s.detail.empty())
    {
        os << ": " << s.detail;
    }
    return os;
}

BoundedReader::BoundedReader(Buffer::Iterator start, uint32_t size)
    : m_it(start),
      m_size(size),
      m_remaining(size)
{
}

void
BoundedReader::Take(uint32_t n)
{
    // A parser that reads without asking Has() first is a bug in this module,
    // not bad input: stop loudly rather than read foreign memory.
    NS_ABORT_MSG_IF(n > m_remaining,
                    "BoundedReader: read of " << n << " bytes with " << m_remaining << " left");
    m_remaining -= n;
}

uint8_t
BoundedReader::ReadU8()
{
    Take(1);
    return m_it.ReadU8();
}

uint16_t
BoundedReader::ReadU16()
{
    Take(2);
    return m_it.ReadNtohU16();
}

uint32_t
BoundedReader::ReadU32()
{
    Take(4);
    return m_it.ReadNtohU32();
}

Ipv4Address
BoundedReader::ReadAddress()
{
    return Ipv4Address(ReadU32());
}

void
BoundedReader::Read(uint8_t* out, uint32_t n)
{
    Take(n);
    m_it.Read(out, n);
}

} // namespace smkd
} // namespace ns3
