/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_INTERNET_CHECKSUM_H
#define SMKD_INTERNET_CHECKSUM_H

#include "ns3/buffer.h"

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief The Internet checksum of RFC 1071 over a byte range.
 *
 * ns-3's Buffer::Iterator::CalculateIpChecksum adds a trailing odd byte as the
 * low-order octet of the last word; RFC 1071 pads it as the high-order octet.
 * CBT and IGMP messages can have odd lengths, so this module computes the sum
 * itself.
 *
 * \param data first byte
 * \param size number of bytes
 * \return the one's complement of the one's complement sum, in host order
 */
uint16_t InternetChecksum(const uint8_t* data, std::size_t size);

/**
 * \brief The RFC 1071 checksum of the \p size bytes that follow \p start.
 *
 * The caller guarantees that \p size bytes are available after \p start.
 * \param start where the summed range begins
 * \param size number of bytes
 * \return the checksum, in host order
 */
uint16_t InternetChecksum(Buffer::Iterator start, uint32_t size);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_INTERNET_CHECKSUM_H */
