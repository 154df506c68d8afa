/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_SECURE_REPORT_H
#define SMKD_IGMP_SECURE_REPORT_H

#include "igmp-group-record.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief RFC 1949 Appendix B "secure join": a host's signed token carried in
 * the Auxiliary Data of an IGMPv3 group record (RFC 3376 §4.2.6, which
 * makes receivers that do not know it skip it: the backward compatibility
 * Appendix B asks for).
 *
 * Layout, padded with zeros to a whole number of 32-bit words:
 * \verbatim
   0x19 0x49 | token length (16 bits) | token ...
   \endverbatim
 */
constexpr uint8_t SECURE_JOIN_MARKER[2] = {0x19, 0x49};

/// Longest token that fits: 255 words of aux data less the 4-byte prefix.
constexpr std::size_t SECURE_JOIN_MAX_TOKEN = IgmpGroupRecord::MAX_AUX_DATA_SIZE - 4;

/**
 * \param token the host token (at most SECURE_JOIN_MAX_TOKEN bytes)
 * \return the auxiliary data
 */
std::vector<uint8_t> EncodeSecureJoin(const std::vector<uint8_t>& token);

/**
 * \param aux a record's auxiliary data
 * \param token the token, when the data is a secure join
 * \return true when \p aux is a well-formed secure join
 */
bool DecodeSecureJoin(const std::vector<uint8_t>& aux, std::vector<uint8_t>& token);

/**
 * \param record a group record
 * \return true for records that ask for traffic: IS_EX and TO_EX, and IS_IN,
 *         TO_IN and ALLOW with at least one source. A secure join travels in these.
 */
bool ExpressesInterest(const IgmpGroupRecord& record);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_IGMP_SECURE_REPORT_H */
