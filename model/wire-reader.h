/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_WIRE_READER_H
#define SMKD_WIRE_READER_H

#include "ns3/buffer.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief Why a received message was rejected.
 *
 * Every protocol parser of the module reports one of these, so a receiver can
 * count drops by reason and a test can check that the reason is the right one.
 */
enum class WireError : uint8_t
{
    NONE = 0,             //!< parsed
    TRUNCATED,            //!< fewer bytes than the fixed fields need
    BAD_VERSION,          //!< version field is not the one this parser speaks
    UNKNOWN_TYPE,         //!< message type not defined or not supported
    BAD_ADDRESS_LENGTH,   //!< address length other than 4 (IPv4)
    OPTION_OVERRUN,       //!< an option's length runs past the end of the message
    NON_CANONICAL_OPTION, //!< an extended option length that fits in one octet
    GROUP_LIST_TRUNCATED, //!< a group or source list ends inside an address
    EMPTY_GROUP_LIST,     //!< a message that must name a group names none
    TRAILING_BYTES,       //!< bytes after the last field (CBT: rejected; IGMP: ignored)
    BAD_CHECKSUM,         //!< the Internet checksum does not verify
    BAD_FIELD,            //!< a field holds a value the specification forbids
    BAD_QUERY_LENGTH,     //!< an IGMP query of 9 to 11 octets (RFC 3376 §7.1)
    RECORD_OVERRUN,       //!< a record count promises more records than the message holds
    SOURCE_OVERRUN,       //!< a source count promises more addresses than the message holds
    AUX_DATA_OVERRUN,     //!< an auxiliary data length runs past the end of the message
    UNKNOWN_RECORD_TYPE,  //!< an IGMPv3 group record type not defined by RFC 3376 §4.2.12
    NOT_MULTICAST,        //!< a group address field holds a non-multicast address
};

/**
 * \brief Short stable name of a WireError, used in logs and drop counters.
 * \param e the error
 * \return e.g. "truncated"
 */
const char* WireErrorName(WireError e);

std::ostream& operator<<(std::ostream& os, WireError e);

/**
 * \ingroup smkd
 * \brief The outcome of parsing one message: an error code and a human-readable detail.
 */
struct WireStatus
{
    WireError error{WireError::NONE}; //!< what went wrong, NONE on success
    std::string detail;               //!< which field, which lengths

    /** \return true when the message parsed */
    bool Ok() const
    {
        return error == WireError::NONE;
    }

    /**
     * \brief Make a failed status.
     * \param e the error
     * \param detail the explanation
     * \return the status
     */
    static WireStatus Fail(WireError e, std::string detail)
    {
        return WireStatus{e, std::move(detail)};
    }
};

std::ostream& operator<<(std::ostream& os, const WireStatus& s);

/**
 * \ingroup smkd
 * \brief Reads a Buffer::Iterator without ever passing the end of the message.
 *
 * Debian's ns-3 libraries are built without asserts, so an iterator read past
 * the end of a packet is not caught there. Parsers ask Has() before each read.
 */
class BoundedReader
{
  public:
    /**
     * \param start first byte of the message
     * \param size bytes that belong to the message
     */
    BoundedReader(Buffer::Iterator start, uint32_t size);

    /**
     * \param n byte count
     * \return true if at least \p n unread bytes remain
     */
    bool Has(uint32_t n) const
    {
        return m_remaining >= n;
    }

    /** \return unread byte count */
    uint32_t Remaining() const
    {
        return m_remaining;
    }

    /** \return bytes read so far */
    uint32_t Consumed() const
    {
        return m_size - m_remaining;
    }

    uint8_t ReadU8();
    uint16_t ReadU16();
    uint32_t ReadU32();
    Ipv4Address ReadAddress();

    /**
     * \param out destination of \p n bytes
     * \param n byte count
     */
    void Read(uint8_t* out, uint32_t n);

  private:
    void Take(uint32_t n);

    Buffer::Iterator m_it;
    uint32_t m_size;
    uint32_t m_remaining;
};

} // namespace smkd
} // namespace ns3

#endif /* SMKD_WIRE_READER_H */
