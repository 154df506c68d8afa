/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_MESSAGE_H
#define SMKD_IGMP_MESSAGE_H

#include "igmp-floating-code.h"
#include "igmp-header.h"
#include "igmp-query-header.h"
#include "igmp-v1v2-header.h"
#include "igmp-v3-report-header.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <variant>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Any IGMP message an IGMPv3 system handles (RFC 3376 §4).
 */
using IgmpBody = std::variant<IgmpQueryHeader,
                              IgmpV3ReportHeader,
                              IgmpV1ReportHeader,
                              IgmpV2ReportHeader,
                              IgmpV2LeaveHeader>;

/**
 * \ingroup smkd
 * \brief A whole IGMP message, i.e. the whole IP payload of protocol 2.
 *
 * The entry point for turning bytes into IGMP messages and back, shared by
 * the host and router code, the tests and the bindings.
 */
class IgmpMessage
{
  public:
    IgmpMessage() = default;

    /**
     * \param body the message; the type follows from it
     */
    explicit IgmpMessage(IgmpBody body);

    /** \return the message type */
    IgmpType GetType() const;

    /** \return the body */
    const IgmpBody& GetBody() const;

    /** \return the body */
    IgmpBody& GetBody();

    /**
     * \tparam T a header class
     * \return the body as T, or nullptr when the message is of another type
     */
    template <class T>
    const T* As() const
    {
        return std::get_if<T>(&m_body);
    }

    /** \return the checksum read by Parse, or 0 for a message built locally */
    uint16_t GetReceivedChecksum() const;

    /**
     * \return what Parse accepted but the RFCs say to ignore: additional data
     *         (TRAILING_BYTES) and group records of unknown type
     *         (UNKNOWN_RECORD_TYPE); empty for a message built locally
     */
    const std::vector<smkd::WireStatus>& GetIgnored() const;

    /** \return the size on the wire; additional data received is not sent again */
    uint32_t GetSerializedSize() const;

    /**
     * \param withChecksum compute the RFC 1071 checksum (else the field is 0)
     * \return a packet holding exactly the IGMP message
     */
    Ptr<Packet> ToPacket(bool withChecksum) const;

    /**
     * \param withChecksum compute the checksum
     * \return the message bytes
     */
    std::vector<uint8_t> ToBytes(bool withChecksum) const;

    /**
     * \brief Parse one IGMP message that fills \p size bytes (the IP payload).
     *
     * Checks, in order: the 8-octet minimum, the checksum over all \p size
     * bytes (if asked; RFC 3376 §4.1.2 has receivers verify it before
     * anything else), the type (UNKNOWN_TYPE for types §4 says to ignore
     * silently), then the format of the type.
     * \param data first byte
     * \param size byte count
     * \param verifyChecksum reject a message whose checksum does not verify
     * \param out the message, valid only when the result is Ok()
     * \return NONE, or the reason for rejection
     */
    static smkd::WireStatus Parse(const uint8_t* data,
                                  std::size_t size,
                                  bool verifyChecksum,
                                  IgmpMessage& out);

    /**
     * \copybrief Parse(const uint8_t*,std::size_t,bool,IgmpMessage&)
     * \param packet a packet whose bytes are exactly one IGMP message
     * \param verifyChecksum reject a message whose checksum does not verify
     * \param out the message, valid only when the result is Ok()
     * \return NONE, or the reason for rejection
     */
    static smkd::WireStatus Parse(Ptr<const Packet> packet, bool verifyChecksum, IgmpMessage& out);

    void Print(std::ostream& os) const;

  private:
    IgmpBody m_body;
    uint16_t m_receivedChecksum{0};
    std::vector<smkd::WireStatus> m_ignored;
};

std::ostream& operator<<(std::ostream& os, const IgmpMessage& m);

} // namespace ns3

#endif /* SMKD_IGMP_MESSAGE_H */
