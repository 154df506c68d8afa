/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_MANAGEMENT_MESSAGE_H
#define SMKD_MANAGEMENT_MESSAGE_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Messages between a group initiator and a group's primary core
 * (RFC 1949 §6.1: "The group initiator subsequently unicasts the ACL to the
 * primary core for the group. This communication is not part of the CBT
 * protocol."). They travel in UDP to port SmkdManagementMessage::PORT.
 *
 * Wire format: type (1) | group (4) | sequence (4) | first body (16-bit
 * length + bytes) | second body (same).
 */
struct SmkdManagementMessage
{
    static constexpr uint16_t PORT = 1949; //!< UDP port of the primary core's agent

    /// Message types.
    enum class Type : uint8_t
    {
        ACL_SUBMIT = 1,   //!< initiator -> core: [ACL]^SK_initiator, optional trusted-router list
        ACL_ACCEPTED = 2, //!< core -> initiator: the ACL is in force, keys exist
        ACL_REJECTED = 3, //!< core -> initiator: first body says why
        ACL_SUBMIT_SEALED = 4, //!< as ACL_SUBMIT, each list sealed for the primary core (§6.1)
        SENDER_REQUEST = 5,    //!< non-member sender -> primary: its signed token (§8)
        SENDER_ACCEPTED = 6,   //!< primary -> sender: {[sender key]^SK_primary}^PK_sender
        SENDER_REJECTED = 7,   //!< primary -> sender: body says why
        MEMBER_JOINED = 8,     //!< DR -> primary (Lkh): [group, host, time]^SK_DR
    };

    Type type{Type::ACL_SUBMIT};
    Ipv4Address group;          //!< the group
    uint32_t sequence{0};       //!< matches answers to submissions
    std::vector<uint8_t> body;  //!< ACL_SUBMIT: the signed group ACL; ACL_REJECTED: reason text
    std::vector<uint8_t> extra; //!< ACL_SUBMIT: the signed trusted-router list, or empty

    /** \return the wire format */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a received datagram
     * \param out the message
     * \return false when \p bytes is not exactly one well-formed message
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdManagementMessage& out);
};

} // namespace ns3

#endif /* SMKD_MANAGEMENT_MESSAGE_H */
