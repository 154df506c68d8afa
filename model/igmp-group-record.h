/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_GROUP_RECORD_H
#define SMKD_IGMP_GROUP_RECORD_H

#include "wire-reader.h"

#include "ns3/buffer.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Group Record types, RFC 3376 §4.2.12.
 *
 * The underlying octet is kept as received, so a record can hold a type not
 * listed here; IgmpIsKnownRecordType tells which ones a receiver must ignore.
 */
enum class IgmpRecordType : uint8_t
{
    MODE_IS_INCLUDE = 1,        //!< current state, IS_IN(x)
    MODE_IS_EXCLUDE = 2,        //!< current state, IS_EX(x)
    CHANGE_TO_INCLUDE_MODE = 3, //!< filter mode change, TO_IN(x)
    CHANGE_TO_EXCLUDE_MODE = 4, //!< filter mode change, TO_EX(x)
    ALLOW_NEW_SOURCES = 5,      //!< source list change, ALLOW(x)
    BLOCK_OLD_SOURCES = 6,      //!< source list change, BLOCK(x)
};

/**
 * \param t a record type
 * \return its RFC name, e.g. "CHANGE_TO_EXCLUDE_MODE", or "UNKNOWN"
 */
const char* IgmpRecordTypeName(IgmpRecordType t);

/**
 * \param t a record type octet
 * \return true for the six types of RFC 3376 §4.2.12
 */
bool IgmpIsKnownRecordType(IgmpRecordType t);

std::ostream& operator<<(std::ostream& os, IgmpRecordType t);

/**
 * \ingroup smkd
 * \brief One Group Record of a Version 3 Membership Report, RFC 3376 §4.2.4.
 *
 * \verbatim
  |  Record Type  |  Aux Data Len |     Number of Sources (N)     |
  |                       Multicast Address                       |
  |                       Source Address [1..N]                   |
  |                       Auxiliary Data (Aux Data Len words)     |
  \endverbatim
 *
 * The auxiliary data is kept as opaque bytes. Plain IGMPv3 sends none and
 * ignores what it receives (§4.2.10), but RFC 1949 App. B proposes "secure
 * joins" that carry a signed host token with the report, and this field is
 * where the module puts it; the layers above decide what it means.
 */
class IgmpGroupRecord
{
  public:
    static constexpr uint32_t FIXED_SIZE = 8;           //!< octets before the sources
    static constexpr uint32_t MAX_AUX_DATA_SIZE = 1020; //!< 255 32-bit words

    IgmpGroupRecord();

    /**
     * \param type the record type
     * \param group the multicast address
     * \param sources the source list
     */
    IgmpGroupRecord(IgmpRecordType type, Ipv4Address group, std::vector<Ipv4Address> sources = {});

    void SetType(IgmpRecordType type);
    IgmpRecordType GetType() const;

    /** \return true if the type is one of §4.2.12 (else receivers ignore the record) */
    bool IsKnownType() const;

    void SetGroup(Ipv4Address group);
    Ipv4Address GetGroup() const;

    void AddSource(Ipv4Address source);
    void SetSources(std::vector<Ipv4Address> sources);
    const std::vector<Ipv4Address>& GetSources() const;

    /**
     * \param aux the auxiliary data: a whole number of 32-bit words, at most
     *        MAX_AUX_DATA_SIZE octets (§4.2.6 counts it in words, in one octet)
     */
    void SetAuxData(std::vector<uint8_t> aux);
    const std::vector<uint8_t>& GetAuxData() const;

    /** \return octets on the wire */
    uint32_t GetSerializedSize() const;

    /**
     * \param i where the record goes; advanced past it
     */
    void Serialize(Buffer::Iterator& i) const;

    /**
     * \brief Read one record.
     *
     * Checks that the fixed fields, the N sources and the auxiliary data all
     * lie inside the message (RECORD_OVERRUN, SOURCE_OVERRUN,
     * AUX_DATA_OVERRUN) and, for a record of a known type, that the address
     * is multicast (NOT_MULTICAST). A record of an unknown type is read whole
     * and accepted: the report stays valid and the receiver skips the record.
     * \param reader positioned at the record
     * \param out the record, valid only when the result is Ok()
     * \return NONE, or the reason for rejection
     */
    static smkd::WireStatus Read(smkd::BoundedReader& reader, IgmpGroupRecord& out);

    void Print(std::ostream& os) const;

    bool operator==(const IgmpGroupRecord& o) const;

    bool operator!=(const IgmpGroupRecord& o) const
    {
        return !(*this == o);
    }

  private:
    IgmpRecordType m_type;
    Ipv4Address m_group;
    std::vector<Ipv4Address> m_sources;
    std::vector<uint8_t> m_aux;
};

std::ostream& operator<<(std::ostream& os, const IgmpGroupRecord& r);

} // namespace ns3

#endif /* SMKD_IGMP_GROUP_RECORD_H */
