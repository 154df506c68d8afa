/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_V3_REPORT_HEADER_H
#define SMKD_IGMP_V3_REPORT_HEADER_H

#include "igmp-group-record.h"
#include "igmp-header.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Version 3 Membership Report (type 0x22), RFC 3376 §4.2.
 *
 * \verbatim
  |  Type = 0x22  |    Reserved   |           Checksum            |
  |           Reserved            |  Number of Group Records (M)  |
  |                        Group Record [1..M]                    |
  \endverbatim
 *
 * Receive rules, from the RFC:
 * - both Reserved fields are ignored (§4.2.1): a report re-serializes with
 *   them zero;
 * - octets after the M-th record are additional data: summed by the
 *   checksum, otherwise ignored (§4.2.11), listed by GetIgnored();
 * - a record of an unknown type is kept (so the report re-serializes as
 *   received) and listed by GetIgnored() as UNKNOWN_RECORD_TYPE: §4.2.12
 *   has receivers ignore the record, not the report, and the record's
 *   lengths say where the next one starts;
 * - M larger than the records present is RECORD_OVERRUN; a record whose
 *   sources or auxiliary data run past the end is SOURCE_OVERRUN or
 *   AUX_DATA_OVERRUN; a known record for a non-multicast address is
 *   NOT_MULTICAST. Each rejects the whole report: past a length error the
 *   position of every later record is unknown.
 */
class IgmpV3ReportHeader : public IgmpHeader
{
  public:
    static constexpr uint32_t FIXED_SIZE = 8; //!< octets before the first record

    IgmpV3ReportHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    IgmpType GetMessageType() const override;

    /** \param record appended after the records already added */
    void AddRecord(IgmpGroupRecord record);
    const std::vector<IgmpGroupRecord>& GetRecords() const;
    std::vector<IgmpGroupRecord>& GetRecords();

  protected:
    uint8_t GetSecondOctet() const override;
    void SerializeFields(Buffer::Iterator& i) const override;
    smkd::WireStatus DeserializeFields(smkd::BoundedReader& reader, uint8_t secondOctet) override;

  private:
    std::vector<IgmpGroupRecord> m_records;
};

} // namespace ns3

#endif /* SMKD_IGMP_V3_REPORT_HEADER_H */
