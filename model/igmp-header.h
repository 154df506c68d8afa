/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_HEADER_H
#define SMKD_IGMP_HEADER_H

#include "wire-reader.h"

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The IGMP message types an IGMPv3 system speaks, RFC 3376 §4.
 *
 * 0x11 and 0x22 are IGMPv3's own; the other three are required for
 * interoperation with older versions (§7).
 */
enum class IgmpType : uint8_t
{
    MEMBERSHIP_QUERY = 0x11,     //!< RFC 3376 §4.1 (also v1/v2 queries, §7.1)
    V1_MEMBERSHIP_REPORT = 0x12, //!< RFC 1112 App. I
    V2_MEMBERSHIP_REPORT = 0x16, //!< RFC 2236 §2
    V2_LEAVE_GROUP = 0x17,       //!< RFC 2236 §2
    V3_MEMBERSHIP_REPORT = 0x22, //!< RFC 3376 §4.2
};

/**
 * \param t a message type
 * \return its RFC name, e.g. "V3_MEMBERSHIP_REPORT"
 */
const char* IgmpTypeName(IgmpType t);

std::ostream& operator<<(std::ostream& os, IgmpType t);

/**
 * \ingroup smkd
 * \brief Base of every IGMP message header: type, second octet, checksum.
 *
 * \verbatim
   0               1               2               3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  |     Type      | Max Resp Code |           Checksum            |
  \endverbatim
 *
 * Unlike a CBT message, an IGMP message does not split into a common header
 * and a body: its second octet means something different in each type (Max
 * Resp Code, Reserved, Unused). So each message type is one Header spanning
 * the whole IGMP message, i.e. the whole IP payload, and this base class
 * does what they share: the type octet, the RFC 1071 checksum over the entire message
 * (RFC 3376 §4.1.2, §4.2.2; RFC 2236 §2.3), bounded reading, the parse
 * status, and the bytes receivers must ignore.
 *
 * Deserialize consumes the whole buffer on success, additional data
 * included, because that data belongs to the IGMP message (it is summed by
 * the checksum) even though the receiver ignores it. On bad input it
 * consumes nothing and GetParseStatus() says why.
 */
class IgmpHeader : public Header
{
  public:
    static constexpr uint8_t PROTOCOL_NUMBER = 2; //!< IANA IP protocol number of IGMP
    static constexpr uint32_t MIN_SIZE = 8;       //!< no IGMP message is shorter

    IgmpHeader();

    /** \return the message type this header serializes */
    virtual IgmpType GetMessageType() const = 0;

    void Serialize(Buffer::Iterator start) const final;
    uint32_t Deserialize(Buffer::Iterator start) final;

    /** \brief Compute the checksum when serializing; without it the field is 0. */
    void EnableChecksum();

    /** \return the checksum field as read by Deserialize */
    uint16_t GetChecksum() const;

    /** \return true if the message read by Deserialize sums to zero, additional data included */
    bool IsChecksumOk() const;

    /** \return why Deserialize rejected the message; NONE after success */
    const smkd::WireStatus& GetParseStatus() const;

    /**
     * \brief Parts of an accepted message that the RFCs tell receivers to ignore.
     *
     * Each entry is a reason and a detail: TRAILING_BYTES for additional data
     * after the last field (RFC 3376 §4.1.10, §4.2.11; RFC 2236 §2.5),
     * UNKNOWN_RECORD_TYPE for each group record of a type §4.2.12 does not
     * define. Kept so that receivers can count them like drops.
     * \return the notes of the last successful Deserialize, oldest first
     */
    const std::vector<smkd::WireStatus>& GetIgnored() const;

    /** \return octets after the last field of the received message (ignored, but summed) */
    uint32_t GetAdditionalDataSize() const;

  protected:
    /** \return the octet after the type: Max Resp Code, or a reserved octet (0) */
    virtual uint8_t GetSecondOctet() const = 0;

    /**
     * \brief Write the fields that follow the checksum.
     * \param i positioned after the checksum
     */
    virtual void SerializeFields(Buffer::Iterator& i) const = 0;

    /**
     * \brief Read the fields that follow the checksum.
     *
     * Called with the type already checked. Leaves unread whatever the
     * message has after its last field; the base class records it as
     * ignored additional data.
     * \param reader positioned after the checksum; holds the rest of the message
     * \param secondOctet the octet after the type
     * \return NONE, or the reason for rejection
     */
    virtual smkd::WireStatus DeserializeFields(smkd::BoundedReader& reader,
                                               uint8_t secondOctet) = 0;

    /**
     * \brief Record a part of the message that is ignored rather than rejected.
     * \param e the reason
     * \param detail which part
     */
    void NoteIgnored(smkd::WireError e, std::string detail);

    /**
     * \brief The status for a message cut inside its fixed fields.
     * \param reader the reader after the first word
     * \param need bytes the fields after the checksum need
     * \return TRUNCATED with the byte counts
     */
    static smkd::WireStatus Truncated(const smkd::BoundedReader& reader, uint32_t need);

    /**
     * \brief Reject a group address field that is neither multicast nor allowed to be zero.
     * \param group the address read
     * \param what name of the field, for the detail
     * \return NONE or NOT_MULTICAST
     */
    static smkd::WireStatus ExpectMulticast(Ipv4Address group, const std::string& what);

  private:
    bool m_calcChecksum;
    uint16_t m_checksum;
    bool m_checksumOk;
    uint32_t m_additional;
    smkd::WireStatus m_status;
    std::vector<smkd::WireStatus> m_ignored;
};

} // namespace ns3

#endif /* SMKD_IGMP_HEADER_H */
