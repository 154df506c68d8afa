/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_FLOATING_CODE_H
#define SMKD_IGMP_FLOATING_CODE_H

#include <cstdint>

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief Largest value an IGMPv3 floating-point code can express: code 0xff,
 * (0x0f | 0x10) << (7 + 3) = 31744.
 *
 * For Max Resp Code that is 3174.4 s, for QQIC 31744 s (RFC 3376 §4.1.1, §4.1.7).
 */
constexpr uint32_t IGMP_FLOATING_CODE_MAX = 31744;

/**
 * \ingroup smkd
 * \brief The value of an IGMPv3 Max Resp Code or QQIC octet.
 *
 * RFC 3376 §4.1.1 and §4.1.7 share one encoding: a code below 128 is the
 * value itself; from 128 on the octet is 1|exp(3)|mant(4) and the value is
 * (mant | 0x10) << (exp + 3). The two ranges meet without a gap: 127 -> 127,
 * 0x80 -> 128. The unit (1/10 s or 1 s) is the caller's.
 *
 * \param code the octet as sent
 * \return the value it stands for, 0 to IGMP_FLOATING_CODE_MAX
 */
uint32_t IgmpDecodeFloatingCode(uint8_t code);

/**
 * \ingroup smkd
 * \brief The smallest code whose value is at least \p value.
 *
 * Values below 128 are exact. Above, the 4-bit mantissa cannot hold every
 * value, and rounding up is the safe direction for both users: a Max Resp
 * Time never shrinks below what the querier meant (hosts get at least the
 * time asked for), and a Query Interval is never advertised shorter than the
 * one used, so non-queriers do not time the querier out early. Values above
 * IGMP_FLOATING_CODE_MAX saturate to 0xff.
 *
 * \param value the time in the caller's unit
 * \return the code to send
 */
uint8_t IgmpEncodeFloatingCode(uint32_t value);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_IGMP_FLOATING_CODE_H */
