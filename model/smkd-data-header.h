/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_DATA_HEADER_H
#define SMKD_DATA_HEADER_H

#include "smkd-crypto-types.h"
#include "wire-reader.h"

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The header of a protected multicast data packet: which security
 * association, which packet, and an optional hop-by-hop packet handle.
 *
 * \verbatim
   0               1               2               3
   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
  | vers  | flags |                 reserved                      |
  |                 Security Parameter Index (SPI)                |
  |                 Sequence Number (high 32 bits)                |
  |                 Sequence Number (low 32 bits)                 |
  |        Packet Handle (only when flag H = 0x1 is set)          |
  \endverbatim
 *
 * The sequence number has 64 bits on the wire. With 32 bits it would wrap
 * after 2^32 packets, and the AES-GCM nonce is built from it; RFC 4303's way
 * out (extended sequence numbers, Appendix A) sends only the low half and
 * has the receiver infer the high half from the state it kept since the SA
 * started, which a member that joins a multicast group mid-stream does not
 * have. Four bytes more per packet buys a number that never wraps.
 *
 * The packet handle is RFC 1949 §3's "secret packet handle" that on-tree
 * neighbours exchange for "hop-by-hop authentication of data packets":
 * each router replaces it with the one it shares with the next hop. It is
 * therefore not covered by the end-to-end AES-GCM tag (see
 * GetAuthenticatedBytes); the receiving router checks it.
 *
 * Reserved bits are sent as zero and kept as received, so that they are
 * authenticated as sent. Unknown versions and flags are rejected.
 */
class SmkdDataHeader : public Header
{
  public:
    static constexpr uint8_t VERSION = 1;               //!< format version
    static constexpr uint8_t FLAG_HANDLE = 0x1;         //!< a packet handle follows
    static constexpr uint32_t BASE_SIZE = 16;           //!< bytes without the handle
    static constexpr uint32_t HANDLE_SIZE = 4;          //!< bytes of the handle
    static constexpr uint32_t RESERVED_MASK = 0xffffff; //!< the 24 reserved bits

    SmkdDataHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;

    /**
     * \brief Parse the header; never reads past the buffer.
     * \param start the first byte
     * \return the bytes read, or 0 on failure (GetParseStatus says why)
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /** \return why Deserialize failed; NONE after success */
    const smkd::WireStatus& GetParseStatus() const;

    /** \param spi the security parameter index */
    void SetSpi(uint32_t spi);
    /** \return the security parameter index */
    uint32_t GetSpi() const;

    /** \param seq the sequence number */
    void SetSequence(uint64_t seq);
    /** \return the sequence number */
    uint64_t GetSequence() const;

    /** \param handle the packet handle for the next hop */
    void SetHandle(uint32_t handle);
    /** \brief Send no packet handle. */
    void ClearHandle();
    /** \return true when a packet handle is present */
    bool HasHandle() const;
    /** \return the packet handle (0 when absent) */
    uint32_t GetHandle() const;

    /** \return the reserved bits as received (zero when sent) */
    uint32_t GetReserved() const;

    /**
     * \brief The bytes the end-to-end tag covers: this header as it would be
     * serialized without a packet handle (flag H clear, no handle field).
     * \return BASE_SIZE bytes
     */
    Bytes GetAuthenticatedBytes() const;

  private:
    uint32_t m_reserved;       //!< the 24 reserved bits
    uint32_t m_spi;            //!< SPI
    uint64_t m_seq;            //!< sequence number
    bool m_hasHandle;          //!< flag H
    uint32_t m_handle;         //!< packet handle
    smkd::WireStatus m_status; //!< result of the last Deserialize
};

} // namespace ns3

#endif /* SMKD_DATA_HEADER_H */
