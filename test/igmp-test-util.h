/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_TEST_UTIL_H
#define SMKD_IGMP_TEST_UTIL_H

// Small helpers shared by the IGMP test suites. Hex() and FixChecksum() come
// from the CBT helpers: both protocols keep their checksum in octets 2..3.

#include "cbt-test-util.h"

#include "ns3/igmp-message.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace ns3
{
namespace smkd
{
namespace test
{

/// Parse a byte vector (which may be empty) into an IGMP message.
inline WireStatus
ParseIgmp(const std::vector<uint8_t>& bytes, bool verifyChecksum, IgmpMessage& out)
{
    static const uint8_t none = 0;
    return IgmpMessage::Parse(bytes.empty() ? &none : bytes.data(),
                              bytes.size(),
                              verifyChecksum,
                              out);
}

/// The four octets of a dotted-quad address, for building vectors.
inline std::vector<uint8_t>
Octets(const char* address)
{
    const uint32_t a = Ipv4Address(address).Get();
    return {static_cast<uint8_t>(a >> 24),
            static_cast<uint8_t>(a >> 16),
            static_cast<uint8_t>(a >> 8),
            static_cast<uint8_t>(a)};
}

/// Concatenate byte runs.
inline std::vector<uint8_t>
Cat(std::initializer_list<std::vector<uint8_t>> parts)
{
    std::vector<uint8_t> out;
    for (const auto& p : parts)
    {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

/// The first \p n bytes of \p bytes.
inline std::vector<uint8_t>
Prefix(std::vector<uint8_t> bytes, std::size_t n)
{
    bytes.resize(n);
    return bytes;
}

/// The reasons of a message's ignored parts, as "trailing-bytes,unknown-record-type".
inline std::string
IgnoredReasons(const IgmpMessage& m)
{
    std::string s;
    for (const auto& i : m.GetIgnored())
    {
        s += (s.empty() ? "" : ",") + std::string(WireErrorName(i.error));
    }
    return s;
}

} // namespace test
} // namespace smkd
} // namespace ns3

#endif /* SMKD_IGMP_TEST_UTIL_H */
