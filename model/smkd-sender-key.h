/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SENDER_KEY_H
#define SMKD_SENDER_KEY_H

#include "smkd-key-bundle.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A sender-specific key and its SA parameters (RFC 1949 §5, §8):
 * [sender_key, senderSAparams]^SK_sender from a member sender, or
 * [sender_key, senderSAparams]^SK_primary for a non-member sender.
 */
struct SmkdSenderKey
{
    Ipv4Address group;        //!< the group
    Ipv4Address sender;       //!< the sender whose data the key protects
    std::vector<uint8_t> key; //!< 32-byte AES-256-GCM key
    SmkdSaParams sa;          //!< the sender's SA parameters (its SPI)

    /** \return the wire form */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes serialized sender key
     * \param out the key
     * \return false unless \p bytes is exactly one well-formed sender key
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdSenderKey& out);
};

} // namespace ns3

#endif /* SMKD_SENDER_KEY_H */
