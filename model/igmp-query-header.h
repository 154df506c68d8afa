/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_QUERY_HEADER_H
#define SMKD_IGMP_QUERY_HEADER_H

#include "igmp-header.h"

#include "ns3/nstime.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The three query variants of RFC 3376 §4.1.11.
 */
enum class IgmpQueryKind : uint8_t
{
    GENERAL,                   //!< group 0, no sources
    GROUP_SPECIFIC,            //!< a group, no sources
    GROUP_AND_SOURCE_SPECIFIC, //!< a group and at least one source
};

/**
 * \param k a query variant
 * \return its name, e.g. "GROUP_SPECIFIC"
 */
const char* IgmpQueryKindName(IgmpQueryKind k);

std::ostream& operator<<(std::ostream& os, IgmpQueryKind k);

/**
 * \ingroup smkd
 * \brief Membership Query (type 0x11) of any IGMP version.
 *
 * All three versions share the type, and RFC 3376 §7.1 tells them apart by
 * length alone: 8 octets with Max Resp Code 0 is IGMPv1, 8 octets otherwise
 * IGMPv2, 12 octets or more IGMPv3; any other length is ignored
 * (BAD_QUERY_LENGTH). One class therefore reads all three and says which
 * version it read; a query built locally is IGMPv3 unless SetVersion says
 * otherwise.
 *
 * IGMPv3 format, RFC 3376 §4.1:
 * \verbatim
  | Type = 0x11   | Max Resp Code |           Checksum            |
  |                         Group Address                         |
  | Resv  |S| QRV |     QQIC      |     Number of Sources (N)     |
  |                       Source Address [1..N]                   |
  \endverbatim
 *
 * Receive rules, from the RFCs:
 * - octets after the N sources of an IGMPv3 query are additional data:
 *   summed by the checksum, otherwise ignored (§4.1.10); GetIgnored() lists them;
 * - Resv is ignored (§4.1.4), so a query re-serializes with it zero;
 * - an IGMPv1 query's group field is ignored (RFC 1112 App. I) and reads as 0,
 *   as Linux does: it is always a general query;
 * - a non-zero group must be multicast (RFC 2236 §3: "zero ... or a valid
 *   multicast group address"), else NOT_MULTICAST;
 * - an IGMPv3 query with group 0 and sources is no variant of §4.1.11 (a
 *   general query has N = 0), so it is rejected as BAD_FIELD, as Linux drops it;
 * - Number of Sources larger than the message holds is SOURCE_OVERRUN.
 */
class IgmpQueryHeader : public IgmpHeader
{
  public:
    static constexpr uint32_t V1_V2_SIZE = 8;   //!< an IGMPv1/v2 query, RFC 2236 §2
    static constexpr uint32_t V3_MIN_SIZE = 12; //!< an IGMPv3 query without sources

    IgmpQueryHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    IgmpType GetMessageType() const override;

    /**
     * \brief Choose the format to send.
     *
     * An IGMPv1 query is sent with Max Resp Code 0 whatever was set; an IGMPv2
     * query with code 0 would be read as IGMPv1 (§7.1), so give it a non-zero
     * code. IGMPv1/v2 queries carry no S, QRV, QQIC or sources.
     * \param version 1, 2 or 3
     */
    void SetVersion(uint8_t version);

    /** \return 1, 2 or 3: the format read (§7.1) or chosen */
    uint8_t GetVersion() const;

    /** \return which variant of §4.1.11 this query is */
    IgmpQueryKind GetKind() const;

    /**
     * \param code the Max Resp Code octet: floating point in IGMPv3
     *        (see smkd::IgmpEncodeFloatingCode), linear tenths of a second in IGMPv2
     */
    void SetMaxRespCode(uint8_t code);
    uint8_t GetMaxRespCode() const;

    /**
     * \brief The Max Resp Time the code stands for.
     *
     * IGMPv3 decodes the floating-point code (§4.1.1), IGMPv2 reads it as
     * linear tenths of a second (RFC 2236 §2.2). An IGMPv1 query has no such
     * field and gives zero; RFC 2236 §4 has hosts use 10 s instead, which is
     * the host state machine's business.
     * \return the time
     */
    Time GetMaxRespTime() const;

    /** \param group 0 for a general query, else the multicast address queried */
    void SetGroup(Ipv4Address group);
    Ipv4Address GetGroup() const;

    /** \param suppress the S flag, §4.1.5 */
    void SetSuppressRouterProcessing(bool suppress);
    bool GetSuppressRouterProcessing() const;

    /**
     * \param qrv the Querier's Robustness Variable, §4.1.6: 0..7; a querier
     *        whose robustness exceeds 7 sends 0
     */
    void SetQrv(uint8_t qrv);
    uint8_t GetQrv() const;

    /** \param qqic the Querier's Query Interval Code octet, §4.1.7 */
    void SetQqic(uint8_t qqic);
    uint8_t GetQqic() const;

    /** \return the Querier's Query Interval that QQIC stands for, in seconds (§4.1.7) */
    Time GetQueryInterval() const;

    /** \param source a source of a group-and-source-specific query */
    void AddSource(Ipv4Address source);
    void SetSources(std::vector<Ipv4Address> sources);
    const std::vector<Ipv4Address>& GetSources() const;

  protected:
    uint8_t GetSecondOctet() const override;
    void SerializeFields(Buffer::Iterator& i) const override;
    smkd::WireStatus DeserializeFields(smkd::BoundedReader& reader, uint8_t secondOctet) override;

  private:
    uint8_t m_version;
    uint8_t m_maxRespCode;
    Ipv4Address m_group;
    bool m_suppress;
    uint8_t m_qrv;
    uint8_t m_qqic;
    std::vector<Ipv4Address> m_sources;
};

} // namespace ns3

#endif /* SMKD_IGMP_QUERY_HEADER_H */
