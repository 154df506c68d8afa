/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GROUP_KEY_MESSAGE_H
#define SMKD_GROUP_KEY_MESSAGE_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A key-management message multicast to a whole group on UDP port
 * SmkdGroupKeyMessage::PORT, encrypted under a key every member holds.
 *
 * - REKEY (RFC 1949 §6.1): the primary core's new key bundle,
 *   {[grpKey', KEK', SAparams']^SK_primary}^KEK, sent down the CBT tree
 *   before the current key's lifetime ends.
 * - SENDER_KEY (RFC 1949 §5, §8): a sender's key and SA parameters,
 *   {[sender_key, senderSAparams]^SK_sender}^grpKey from a member sender, or
 *   signed by the primary core for a non-member sender.
 *
 * - REVOKE and SUBTREE_REKEY carry a member exclusion (SmkdGkdc::Exclude);
 *   their keySpi is the SPI of the new keys, their body is not encrypted
 *   under a group key (the excluded member holds those).
 * - LKH_REKEY (Lkh exclusion strategy): body = key tree re-key
 *   (SmkdKeyTreeRekey wire format, 16-bit length) | bundle (16-bit length).
 *   On a join the bundle is empty and keySpi is the SPI in force; on a leave
 *   the bundle is {[grpKey', KEK', SAparams']^SK_primary}^rootKey', AEAD
 *   under the tree's new root key with AssociatedData() | re-key bytes as
 *   associated data, and keySpi is the new SPI.
 *
 * keySpi names the security association whose key encrypts the message (the
 * KEK of that SA for REKEY, its grpKey for SENDER_KEY); the fixed fields are
 * the AEAD's associated data, so none of them can be altered unnoticed.
 */
struct SmkdGroupKeyMessage
{
    static constexpr uint16_t PORT = 1952; //!< UDP port of group key messages

    /// What the message carries.
    enum class Type : uint8_t
    {
        REKEY = 1,         //!< a new group key bundle
        SENDER_KEY = 2,    //!< a sender-specific key
        REVOKE = 3,        //!< exclusion: GKDCs drop their keys ([group, SPI', re-join]^SK_primary)
        SUBTREE_REKEY = 4, //!< exclusion: new keys and list, sealed for the next GKDC down
        LKH_REKEY = 5,     //!< key tree (RFC 2627 §5.4) join or leave re-key, see below
    };

    Type type{Type::REKEY};
    Ipv4Address group;         //!< the group
    uint32_t keySpi{0};        //!< SPI of the SA whose key encrypts the body
    std::vector<uint8_t> body; //!< nonce | ciphertext | tag

    /** \return the bytes authenticated with the body: type, group and keySpi */
    std::vector<uint8_t> AssociatedData() const;

    /** \return the wire form */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a received datagram
     * \param out the message
     * \return false unless \p bytes is exactly one well-formed message
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdGroupKeyMessage& out);
};

} // namespace ns3

#endif /* SMKD_GROUP_KEY_MESSAGE_H */
