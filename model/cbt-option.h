/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_OPTION_H
#define SMKD_CBT_OPTION_H

#include "wire-reader.h"

#include "ns3/buffer.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Option types that may appear in HELLO, JOIN_REQUEST and JOIN_ACK.
 *
 * RFC 2189 §7.2 defines only BR_HELLO (type 0). Types 0x80 and above carry
 * the RFC 1949 security fields; doc/smkd.rst lists their contents.
 */
enum class CbtOptionType : uint8_t
{
    BR_HELLO = 0x00,             //!< RFC 2189 §7.2: HELLO from a border router, empty value
    HOST_TOKEN = 0x80,           //!< RFC 1949 App. A token of the joining host [t, r]^SK_host
    ROUTER_TOKEN = 0x81,         //!< token of the sending router [t, r, recipient]^SK_router
    GROUP_ACCESS_PACKAGE = 0x82, //!< RFC 1949 §6.2 grpAP
    SIGNATURE = 0x83,            //!< signature of the sender over the whole message
    JOIN_NACK = 0x84,            //!< reason code of a refused secure join
    SECURE_REPORT_ORIGIN = 0x85, //!< address of the host whose IGMP report triggered the join
    PACKET_HANDLE = 0x86,        //!< RFC 1949 §3 packet handle of the link, {handle}^PK_next-hop
};

/**
 * \ingroup smkd
 * \brief One type-length-value option of a CBT control message.
 *
 * RFC 2189 gives the option length one octet, which cannot hold RFC 1949's
 * tokens, signatures and group access packages (hundreds of bytes to a few
 * kilobytes). This module extends the encoding: a length octet of 255 is an
 * escape, followed by the real length as a 16-bit value in network order.
 * Values of 0..254 bytes keep the RFC's encoding byte for byte; values of
 * 255..65535 bytes use the escape. The escape with a length below 255 is
 * rejected, so every option has exactly one encoding (signatures cover bytes,
 * and a second encoding of the same option would be a malleability hole).
 */
struct CbtOption
{
    static constexpr uint8_t LENGTH_ESCAPE = 255;      //!< length octet that announces 16 bits
    static constexpr uint32_t MAX_VALUE_SIZE = 0xffff; //!< longest value the extension can carry

    uint8_t type{0};            //!< option type (CbtOptionType or an unknown value)
    std::vector<uint8_t> value; //!< option value

    /** \return bytes this option occupies on the wire */
    uint32_t GetSerializedSize() const;

    bool operator==(const CbtOption& o) const
    {
        return type == o.type && value == o.value;
    }
};

/**
 * \ingroup smkd
 * \brief The ordered options that end a HELLO, JOIN_REQUEST or JOIN_ACK.
 *
 * The options run to the end of the CBT message: RFC 2189 has no option
 * count, so a message's IP payload length delimits them.
 */
class CbtOptionList
{
  public:
    /**
     * \brief Append an option.
     * \param type option type
     * \param value option value, at most CbtOption::MAX_VALUE_SIZE bytes
     * \throws std::length_error naming the value's size and the limit when
     * \p value is longer (the list is left unchanged)
     */
    void Add(uint8_t type, std::vector<uint8_t> value);

    /**
     * \copydoc Add(uint8_t,std::vector<uint8_t>)
     */
    void Add(CbtOptionType type, std::vector<uint8_t> value);

    /**
     * \param type option type
     * \return the first option of that type, or nullptr
     */
    const CbtOption* Find(uint8_t type) const;

    /**
     * \copydoc Find(uint8_t) const
     */
    const CbtOption* Find(CbtOptionType type) const;

    /** \return all options in wire order */
    const std::vector<CbtOption>& Get() const
    {
        return m_options;
    }

    /** \return true when there is no option */
    bool IsEmpty() const
    {
        return m_options.empty();
    }

    void Clear();

    /** \return total encoded size of all options */
    uint32_t GetSerializedSize() const;

    /**
     * \param i where the first option goes
     */
    void Serialize(Buffer::Iterator& i) const;

    /**
     * \brief Read options until the reader is empty.
     * \param reader positioned at the first option
     * \return NONE, OPTION_OVERRUN or NON_CANONICAL_OPTION with the offending option
     */
    smkd::WireStatus Deserialize(smkd::BoundedReader& reader);

    void Print(std::ostream& os) const;

    bool operator==(const CbtOptionList& o) const
    {
        return m_options == o.m_options;
    }

  private:
    std::vector<CbtOption> m_options;
};

} // namespace ns3

#endif /* SMKD_CBT_OPTION_H */
