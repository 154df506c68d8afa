/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_MESSAGE_H
#define SMKD_CBT_MESSAGE_H

#include "cbt-echo-header.h"
#include "cbt-flush-tree-header.h"
#include "cbt-header.h"
#include "cbt-hello-header.h"
#include "cbt-join-header.h"
#include "cbt-quit-header.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <variant>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Any CBT control message body.
 */
using CbtBody = std::variant<CbtHelloHeader,
                             CbtJoinRequestHeader,
                             CbtJoinAckHeader,
                             CbtQuitNotificationHeader,
                             CbtEchoRequestHeader,
                             CbtEchoReplyHeader,
                             CbtFlushTreeHeader>;

/**
 * \ingroup smkd
 * \brief A whole CBT control message: the common header's fields and one body.
 *
 * This is the entry point for turning bytes into messages and back, used by
 * the router's receive path, the tests and the Python bindings alike.
 */
class CbtMessage
{
  public:
    CbtMessage() = default;

    /**
     * \param body the message body; the type follows from it
     */
    explicit CbtMessage(CbtBody body);

    /** \return the message type */
    CbtMessageType GetType() const;

    /** \return the body */
    const CbtBody& GetBody() const;

    /** \return the body */
    CbtBody& GetBody();

    /**
     * \tparam T a body class
     * \return the body as T, or nullptr when the message is of another type
     */
    template <class T>
    const T* As() const
    {
        return std::get_if<T>(&m_body);
    }

    /** \return the checksum read by Parse, or 0 for a message built locally */
    uint16_t GetReceivedChecksum() const;

    /** \return the size on the wire, common header included */
    uint32_t GetSerializedSize() const;

    /**
     * \param withChecksum compute the RFC 2189 §7.1 checksum (else the field is 0)
     * \return a packet holding the common header and the body
     */
    Ptr<Packet> ToPacket(bool withChecksum) const;

    /**
     * \param withChecksum compute the checksum
     * \return the message bytes
     */
    std::vector<uint8_t> ToBytes(bool withChecksum) const;

    /**
     * \brief Parse one message that fills \p size bytes.
     *
     * Checks, in order: length of the common header, checksum (if asked),
     * version, type, address length, then the body's own format.
     * \param data first byte
     * \param size byte count
     * \param verifyChecksum reject a message whose checksum does not verify
     * \param out the message, valid only when the result is Ok()
     * \return NONE, or the reason for rejection
     */
    static smkd::WireStatus Parse(const uint8_t* data,
                                  std::size_t size,
                                  bool verifyChecksum,
                                  CbtMessage& out);

    /**
     * \copybrief Parse(const uint8_t*,std::size_t,bool,CbtMessage&)
     * \param packet a packet whose bytes are exactly one CBT message
     * \param verifyChecksum reject a message whose checksum does not verify
     * \param out the message, valid only when the result is Ok()
     * \return NONE, or the reason for rejection
     */
    static smkd::WireStatus Parse(Ptr<const Packet> packet, bool verifyChecksum, CbtMessage& out);

    void Print(std::ostream& os) const;

  private:
    CbtBody m_body;
    uint16_t m_receivedChecksum{0};
};

std::ostream& operator<<(std::ostream& os, const CbtMessage& m);

} // namespace ns3

#endif /* SMKD_CBT_MESSAGE_H */
