/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_V1V2_HEADER_H
#define SMKD_IGMP_V1V2_HEADER_H

#include "igmp-header.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief What the IGMPv1/v2 reports and the v2 Leave share: 8 octets, one group.
 *
 * \verbatim
  |     Type      | Max Resp Time |           Checksum            |
  |                         Group Address                         |
  \endverbatim
 *
 * RFC 3376 §4 requires an IGMPv3 system to understand these three for
 * interoperation (§7). The second octet is sent as zero and ignored on
 * receipt (RFC 2236 §2.2; "Unused" in RFC 1112), so it re-serializes as
 * zero. Octets after the first 8 are ignored but summed (RFC 2236 §2.5).
 * The group must be multicast: it names the group reported or left.
 */
class IgmpV1V2Header : public IgmpHeader
{
  public:
    static constexpr uint32_t SIZE = 8; //!< octets on the wire

    IgmpV1V2Header();

    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;

    void SetGroup(Ipv4Address group);
    Ipv4Address GetGroup() const;

  protected:
    uint8_t GetSecondOctet() const override;
    void SerializeFields(Buffer::Iterator& i) const override;
    smkd::WireStatus DeserializeFields(smkd::BoundedReader& reader, uint8_t secondOctet) override;

  private:
    Ipv4Address m_group;
};

/**
 * \ingroup smkd
 * \brief Version 1 Membership Report (0x12), RFC 1112 App. I (version 1, type 2).
 */
class IgmpV1ReportHeader : public IgmpV1V2Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    IgmpType GetMessageType() const override;
};

/**
 * \ingroup smkd
 * \brief Version 2 Membership Report (0x16), RFC 2236 §2.
 */
class IgmpV2ReportHeader : public IgmpV1V2Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    IgmpType GetMessageType() const override;
};

/**
 * \ingroup smkd
 * \brief Version 2 Leave Group (0x17), RFC 2236 §2.
 */
class IgmpV2LeaveHeader : public IgmpV1V2Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    IgmpType GetMessageType() const override;
};

} // namespace ns3

#endif /* SMKD_IGMP_V1V2_HEADER_H */
