/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-byte-codec.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace smkd
{

void
ByteWriter::U8(uint8_t v)
{
    m_bytes.push_back(v);
}

void
ByteWriter::U16(uint16_t v)
{
    U8(static_cast<uint8_t>(v >> 8));
    U8(static_cast<uint8_t>(v));
}

void
ByteWriter::U32(uint32_t v)
{
    U16(static_cast<uint16_t>(v >> 16));
    U16(static_cast<uint16_t>(v));
}

void
ByteWriter::U64(uint64_t v)
{
    U32(static_cast<uint32_t>(v >> 32));
    U32(static_cast<uint32_t>(v));
}

void
ByteWriter::Address(Ipv4Address a)
{
    U32(a.Get());
}

void
ByteWriter::Blob(const std::vector<uint8_t>& bytes)
{
    if (bytes.size() > MAX_FIELD_SIZE)
    {
        // An error the caller can report (a list too long for one packet
        // field is a configuration problem), not an abort.
        std::ostringstream os;
        os << "length-prefixed field of " << bytes.size() << " bytes exceeds the " << MAX_FIELD_SIZE
           << "-byte limit of its 16-bit length";
        throw std::length_error(os.str());
    }
    U16(static_cast<uint16_t>(bytes.size()));
    m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end());
}

void
ByteWriter::Text(const std::string& text)
{
    Blob(std::vector<uint8_t>(text.begin(), text.end()));
}

ByteReader::ByteReader(const std::vector<uint8_t>& bytes)
    : m_bytes(bytes)
{
}

bool
ByteReader::Take(std::size_t n)
{
    if (!m_ok || m_bytes.size() - m_pos < n)
    {
        m_ok = false;
        return false;
    }
    return true;
}

uint8_t
ByteReader::U8()
{
    return Take(1) ? m_bytes[m_pos++] : 0;
}

uint16_t
ByteReader::U16()
{
    if (!Take(2))
    {
        return 0;
    }
    const uint16_t v = static_cast<uint16_t>((m_bytes[m_pos] << 8) | m_bytes[m_pos + 1]);
    m_pos += 2;
    return v;
}

uint32_t
ByteReader::U32()
{
    const uint32_t hi = U16();
    const uint32_t lo = U16();
    return (hi << 16) | lo;
}

uint64_t
ByteReader::U64()
{
    const uint64_t hi = U32();
    const uint64_t lo = U32();
    return (hi << 32) | lo;
}

Ipv4Address
ByteReader::Address()
{
    return Ipv4Address(U32());
}

std::vector<uint8_t>
ByteReader::Blob()
{
    const uint16_t n = U16();
    if (!Take(n))
    {
        return {};
    }
    std::vector<uint8_t> out(m_bytes.begin() + m_pos, m_bytes.begin() + m_pos + n);
    m_pos += n;
    return out;
}

std::string
ByteReader::Text()
{
    const std::vector<uint8_t> b = Blob();
    return std::string(b.begin(), b.end());
}

} // namespace smkd
} // namespace ns3
