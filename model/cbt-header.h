/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_HEADER_H
#define SMKD_CBT_HEADER_H

#include "wire-reader.h"

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief CBT control message types, RFC 2189 §7.1.
 */
enum class CbtMessageType : uint8_t
{
    HELLO = 0,
    JOIN_REQUEST = 1,
    JOIN_ACK = 2,
    QUIT_NOTIFICATION = 3,
    ECHO_REQUEST = 4,
    ECHO_REPLY = 5,
    FLUSH_TREE = 6,
    BOOTSTRAP = 7,                    //!< §8.2, optional; not implemented by this module
    CANDIDATE_CORE_ADVERTISEMENT = 8, //!< §8.3, optional; not implemented by this module
};

/**
 * \param t a message type
 * \return its RFC name, e.g. "JOIN_REQUEST"
 */
const char* CbtMessageTypeName(CbtMessageType t);

std::ostream& operator<<(std::ostream& os, CbtMessageType t);

/**
 * \ingroup smkd
 * \brief The common CBT control header, RFC 2189 §7.1 (4 bytes).
 *
 * \verbatim
   0               1               2               3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  |  vers | type  |  addr len     |         checksum              |
  \endverbatim
 *
 * The checksum covers the entire CBT control message. Like Icmpv4Header, this
 * header is added to a packet after the message body, so Serialize sees the
 * body and sums the whole message when EnableChecksum() was called.
 */
class CbtHeader : public Header
{
  public:
    static constexpr uint8_t VERSION = 2;         //!< CBT version of RFC 2189
    static constexpr uint8_t IPV4_ADDR_LEN = 4;   //!< the only address length supported
    static constexpr uint32_t SIZE = 4;           //!< bytes on the wire
    static constexpr uint8_t PROTOCOL_NUMBER = 7; //!< IANA IP protocol number of CBT

    CbtHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    void SetType(CbtMessageType type);
    CbtMessageType GetType() const;

    /** \return the address length field */
    uint8_t GetAddressLength() const;

    /** \return the checksum as sent or as read */
    uint16_t GetChecksum() const;

    /** \brief Compute the checksum over the whole message when serializing. */
    void EnableChecksum();

    /**
     * \return true if the checksum read by Deserialize sums the message to zero
     */
    bool IsChecksumOk() const;

    /** \return why Deserialize rejected the header; NONE after success */
    const smkd::WireStatus& GetParseStatus() const;

  private:
    uint8_t m_version;
    CbtMessageType m_type;
    uint8_t m_addrLen;
    uint16_t m_checksum;
    bool m_calcChecksum;
    bool m_checksumOk;
    smkd::WireStatus m_status;
};

/**
 * \ingroup smkd
 * \brief Base of the message bodies that follow the common header.
 *
 * A body runs to the end of the message. Deserialize never reads past the
 * buffer; on bad input it returns 0 and GetParseStatus() says why.
 */
class CbtMessageBody : public Header
{
  public:
    /** \return the message type this body belongs to */
    virtual CbtMessageType GetMessageType() const = 0;

    uint32_t Deserialize(Buffer::Iterator start) final;

    /** \return why the last Deserialize failed; NONE after success */
    const smkd::WireStatus& GetParseStatus() const;

  protected:
    /**
     * \brief Parse the body from \p reader, which holds exactly the message's remaining bytes.
     * \param reader the bounded reader
     * \return NONE, or the reason for rejection
     */
    virtual smkd::WireStatus DeserializeBody(smkd::BoundedReader& reader) = 0;

    /**
     * \brief Reject bytes after a body whose format has no variable part.
     * \param reader the reader after the fixed fields
     * \return NONE or TRAILING_BYTES
     */
    static smkd::WireStatus ExpectEnd(const smkd::BoundedReader& reader);

    /**
     * \brief Read 4-byte addresses until the message ends.
     * \param reader positioned at the first address
     * \param out the addresses read
     * \param what name of the list, for the error detail
     * \return NONE, or GROUP_LIST_TRUNCATED when the bytes left are not a multiple of 4
     */
    static smkd::WireStatus ReadAddressList(smkd::BoundedReader& reader,
                                            std::vector<Ipv4Address>& out,
                                            const char* what);

    /**
     * \brief Write a list of 4-byte addresses.
     * \param i where the first address goes
     * \param list the addresses
     */
    static void WriteAddressList(Buffer::Iterator& i, const std::vector<Ipv4Address>& list);

    /**
     * \brief The status for a message cut inside its fixed fields.
     * \param reader the reader
     * \param need bytes the fixed fields need
     * \return TRUNCATED with the byte counts
     */
    static smkd::WireStatus Truncated(const smkd::BoundedReader& reader, uint32_t need);

  private:
    smkd::WireStatus m_status;
};

} // namespace ns3

#endif /* SMKD_CBT_HEADER_H */
