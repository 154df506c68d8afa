/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "internet-checksum.h"

namespace ns3
{
namespace smkd
{

namespace
{

uint16_t
FoldAndComplement(uint32_t sum)
{
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum & 0xffff);
}

} // namespace

uint16_t
InternetChecksum(const uint8_t* data, std::size_t size)
{
    uint32_t sum = 0;
    std::size_t i = 0;
    for (; i + 1 < size; i += 2)
    {
        sum += (static_cast<uint32_t>(data[i]) << 8) | data[i + 1];
        // Fold early so that messages of any length cannot overflow the accumulator.
        sum = (sum & 0xffff) + (sum >> 16);
    }
    if (i < size)
    {
        sum += static_cast<uint32_t>(data[i]) << 8; // RFC 1071 §4.1: pad the odd octet with zero
    }
    return FoldAndComplement(sum);
}

uint16_t
InternetChecksum(Buffer::Iterator start, uint32_t size)
{
    uint32_t sum = 0;
    uint32_t i = 0;
    for (; i + 1 < size; i += 2)
    {
        sum += start.ReadNtohU16();
        sum = (sum & 0xffff) + (sum >> 16);
    }
    if (i < size)
    {
        sum += static_cast<uint32_t>(start.ReadU8()) << 8;
    }
    return FoldAndComplement(sum);
}

} // namespace smkd
} // namespace ns3
