/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_BYTE_CODEC_H
#define SMKD_BYTE_CODEC_H

#include "ns3/ipv4-address.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief Appends fields to the byte strings that RFC 1949's security
 * payloads (tokens, ACLs, key bundles, group access packages) are made of.
 *
 * Network byte order throughout. Variable-length fields carry a 16-bit
 * length, so one encoding exists per value: signatures cover exactly these bytes.
 * A field too long for its length prefix throws std::length_error: the
 * writer never truncates and never aborts, so a caller that builds a payload
 * from configuration (an access list, say) can report the problem.
 */
class ByteWriter
{
  public:
    /// The longest variable-length field: its length is a 16-bit number.
    static constexpr std::size_t MAX_FIELD_SIZE = 0xffff;

    void U8(uint8_t v);
    void U16(uint16_t v);
    void U32(uint32_t v);
    void U64(uint64_t v);
    void Address(Ipv4Address a);
    /**
     * \brief A 16-bit length, then the bytes.
     * \param bytes at most MAX_FIELD_SIZE bytes
     * \throws std::length_error naming the field's size and the limit when
     * \p bytes is longer; nothing is written then
     */
    void Blob(const std::vector<uint8_t>& bytes);
    /**
     * \brief A 16-bit length, then the characters.
     * \param text at most MAX_FIELD_SIZE characters
     * \throws std::length_error as Blob does
     */
    void Text(const std::string& text);

    /** \return the bytes written */
    const std::vector<uint8_t>& Bytes() const
    {
        return m_bytes;
    }

  private:
    std::vector<uint8_t> m_bytes;
};

/**
 * \ingroup smkd
 * \brief Reads what ByteWriter wrote, never past the end.
 *
 * The first read that does not fit sets the failed state; later reads
 * return zeros. Callers check Ok() and AtEnd() once at the end.
 */
class ByteReader
{
  public:
    /** \param bytes the input (not copied: it must outlive the reader) */
    explicit ByteReader(const std::vector<uint8_t>& bytes);

    uint8_t U8();
    uint16_t U16();
    uint32_t U32();
    uint64_t U64();
    Ipv4Address Address();
    std::vector<uint8_t> Blob();
    std::string Text();

    /** \return true while every read fitted */
    bool Ok() const
    {
        return m_ok;
    }

    /** \return true when every byte was read */
    bool AtEnd() const
    {
        return m_pos == m_bytes.size();
    }

  private:
    bool Take(std::size_t n);

    const std::vector<uint8_t>& m_bytes;
    std::size_t m_pos{0};
    bool m_ok{true};
};

} // namespace smkd
} // namespace ns3

#endif /* SMKD_BYTE_CODEC_H */
