/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-floating-code.h"

namespace ns3
{
namespace smkd
{

uint32_t
IgmpDecodeFloatingCode(uint8_t code)
{
    if (code < 0x80)
    {
        return code; // RFC 3376 §4.1.1: "If Max Resp Code < 128, Max Resp Time = Max Resp Code"
    }
    const uint32_t exp = (code >> 4) & 0x07;
    const uint32_t mant = code & 0x0f;
    return (mant | 0x10) << (exp + 3); // RFC 3376 §4.1.1, §4.1.7
}

uint8_t
IgmpEncodeFloatingCode(uint32_t value)
{
    if (value < 0x80)
    {
        return static_cast<uint8_t>(value);
    }
    if (value >= IGMP_FLOATING_CODE_MAX)
    {
        return 0xff;
    }
    // Pick the exponent that puts the leading one of value >> (exp + 3) at
    // bit 4, i.e. a mantissa with its implicit 0x10 in [16, 31].
    uint32_t exp = 0;
    while ((value >> (exp + 3)) > 0x1f)
    {
        ++exp;
    }
    uint32_t mant = value >> (exp + 3);
    if ((mant << (exp + 3)) < value)
    {
        ++mant; // round up: the bits shifted out were not all zero
    }
    if (mant > 0x1f)
    {
        mant = 0x10; // 32 << (exp + 3) is 16 << (exp + 4)
        ++exp;
    }
    // value < 31744 keeps exp <= 7: at exp 7 the mantissa is at most 31.
    return static_cast<uint8_t>(0x80 | (exp << 4) | (mant & 0x0f));
}

} // namespace smkd
} // namespace ns3
