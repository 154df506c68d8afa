/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_PACKET_HANDLE_HEADER_H
#define SMKD_CBT_PACKET_HANDLE_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The hop-by-hop packet handle shim of RFC 1949 §3.
 *
 * "Neighbours could exchange a secret packet handle for inclusion in the CBT
 * header of data packets exchanged between those neighbours." CBTv2 data
 * travels as plain IP multicast (RFC 2201 §4.2), so this module carries the
 * handle in a shim right after the IP header of data sent between two
 * on-tree routers that agreed one. The IP protocol field then says 253
 * (RFC 3692's experimental value) and the shim keeps the protocol it
 * displaced:
 * \verbatim
  |                            Handle                             |
  |   Protocol    |                   Reserved                    |
  \endverbatim
 * Reserved is sent as zero and ignored on receipt. Deserialize() consumes
 * nothing (returns 0) when fewer than SIZE bytes remain, so a truncated shim
 * is recognisable instead of being read past its end.
 */
class CbtPacketHandleHeader : public Header
{
  public:
    static constexpr uint8_t PROTOCOL_NUMBER = 253; //!< RFC 3692 experimental IP protocol
    static constexpr uint32_t SIZE = 8;             //!< bytes on the wire

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    CbtPacketHandleHeader();

    /**
     * \param handle the link's handle
     * \param protocol the IP protocol of the packet the shim goes into
     */
    CbtPacketHandleHeader(uint32_t handle, uint8_t protocol);

    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    /** \param handle the link's handle */
    void SetHandle(uint32_t handle);
    /** \return the handle */
    uint32_t GetHandle() const;
    /** \param protocol the IP protocol the shim displaced */
    void SetProtocol(uint8_t protocol);
    /** \return the IP protocol the shim displaced */
    uint8_t GetProtocol() const;

  private:
    uint32_t m_handle{0};
    uint8_t m_protocol{0};
};

} // namespace ns3

#endif /* SMKD_CBT_PACKET_HANDLE_HEADER_H */
