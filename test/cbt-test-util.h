/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_TEST_UTIL_H
#define SMKD_CBT_TEST_UTIL_H

// Small helpers shared by the CBT wire-format test suites.

#include "ns3/cbt-message.h"
#include "ns3/internet-checksum.h"

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace smkd
{
namespace test
{

/// Bytes as "20 04 d5 fb", for readable failure messages.
inline std::string
Hex(const std::vector<uint8_t>& bytes)
{
    std::ostringstream os;
    static const char* digits = "0123456789abcdef";
    for (std::size_t i = 0; i < bytes.size(); ++i)
    {
        os << (i ? " " : "") << digits[bytes[i] >> 4] << digits[bytes[i] & 0xf];
    }
    return os.str();
}

/// Parse a byte vector (which may be empty) into a CBT message.
inline WireStatus
ParseBytes(const std::vector<uint8_t>& bytes, bool verifyChecksum, CbtMessage& out)
{
    static const uint8_t none = 0;
    return CbtMessage::Parse(bytes.empty() ? &none : bytes.data(),
                             bytes.size(),
                             verifyChecksum,
                             out);
}

/// Write a correct RFC 1071 checksum into bytes 2..3 of a hand-made message.
inline void
FixChecksum(std::vector<uint8_t>& bytes)
{
    bytes[2] = 0;
    bytes[3] = 0;
    const uint16_t sum = InternetChecksum(bytes.data(), bytes.size());
    bytes[2] = static_cast<uint8_t>(sum >> 8);
    bytes[3] = static_cast<uint8_t>(sum & 0xff);
}

} // namespace test
} // namespace smkd
} // namespace ns3

#endif /* SMKD_CBT_TEST_UTIL_H */
