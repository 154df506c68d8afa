/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KEY_TREE_REKEY_H
#define SMKD_KEY_TREE_REKEY_H

#include "smkd-crypto-types.h"
#include "smkd-openssl.h"
#include "wire-reader.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief One key of a logical key tree (RFC 2627 §5.4): which node, which version, the key.
 *
 * Node ids are never reused within a tree and versions start at 1 and only
 * grow, so (node, version) names one key for the life of the tree.
 */
struct SmkdKeyTreeKey
{
    static constexpr std::size_t KEY_SIZE = 32; //!< AES-256 key bytes

    uint32_t node{0};    //!< node id (0 is never a node)
    uint32_t version{0}; //!< key version (0 is never a version)
    Bytes key;           //!< KEY_SIZE bytes

    bool operator==(const SmkdKeyTreeKey& o) const
    {
        return node == o.node && version == o.version && key == o.key;
    }
};

/**
 * \ingroup smkd
 * \brief One encrypted key of a rekey message: the new key of a node,
 * encrypted under the key of another node (RFC 2627 §5.4.1: "transmits it
 * encrypted with the appropriate daughter keys").
 *
 * The new key is sealed with AES-256-GCM:
 *  - key: the wrapping key (underNode, underVersion);
 *  - nonce: "LKH1" | be32(node) | be32(version). A tree creates each
 *    (node, version) once and encrypts it at most once under any one key (a
 *    node has one parent, so a key wraps only its parent's new versions, or,
 *    on a join, the next version of its own node), so no nonce repeats under a key;
 *  - AAD: the entry's 16 header bytes, so an entry cannot be relabelled.
 *
 * Wire format (64 bytes): node (4) | version (4) | under node (4) |
 * under version (4) | ciphertext and tag (48).
 */
struct SmkdKeyTreeEntry
{
    static constexpr std::size_t CIPHERTEXT_SIZE = 48;        //!< 32-byte key + 16-byte tag
    static constexpr std::size_t SIZE = 16 + CIPHERTEXT_SIZE; //!< bytes on the wire

    uint32_t node{0};         //!< whose new key this is
    uint32_t version{0};      //!< the new key's version
    uint32_t underNode{0};    //!< node of the key it is encrypted under
    uint32_t underVersion{0}; //!< version of that key
    Bytes ciphertext;         //!< CIPHERTEXT_SIZE bytes

    /**
     * \brief Encrypt \p key under \p under.
     * \param ctx OpenSSL context
     * \param key the new key
     * \param under the wrapping key
     * \return the entry
     */
    static SmkdKeyTreeEntry Wrap(smkd::OpenSslContext& ctx,
                                 const SmkdKeyTreeKey& key,
                                 const SmkdKeyTreeKey& under);

    /**
     * \brief Decrypt the entry with \p under, which must be the key it names.
     * \param ctx OpenSSL context
     * \param under the key (underNode, underVersion)
     * \param out receives the new key when the tag verifies
     * \return false for another key, a wrong ciphertext size or a bad tag
     */
    bool Unwrap(smkd::OpenSslContext& ctx, const SmkdKeyTreeKey& under, SmkdKeyTreeKey& out) const;
};

/**
 * \ingroup smkd
 * \brief The multicast rekey message a key tree produces on a join or a leave.
 *
 * Entries come bottom-up (RFC 2627 §5.4.1: "proceeding from the bottom up"),
 * so a member that reads them in order has every key it needs before it
 * needs it.
 *
 * Wire format: kind (1) | member (4) | root node (4) | root version (4) |
 * entry count (4) | entries (SmkdKeyTreeEntry::SIZE each).
 */
struct SmkdKeyTreeRekey
{
    /// Why the tree was rekeyed.
    enum class Kind : uint8_t
    {
        JOIN = 1,  //!< a member was added
        LEAVE = 2, //!< a member was removed
    };

    static constexpr std::size_t FIXED_SIZE = 17; //!< bytes before the entries

    Kind kind{Kind::JOIN};                 //!< join or leave
    Ipv4Address member;                    //!< who joined or left
    uint32_t rootNode{0};                  //!< the root's node id
    uint32_t rootVersion{0};               //!< the root key's version after this rekey
    std::vector<SmkdKeyTreeEntry> entries; //!< encrypted keys, bottom-up

    /** \return FIXED_SIZE + 64 bytes per entry */
    std::size_t GetSerializedSize() const;

    /** \return the wire format */
    Bytes Serialize() const;

    /**
     * \brief Parse a rekey message, never reading past \p bytes.
     * \param bytes the wire format
     * \param out the message (unchanged on failure)
     * \return NONE; TRUNCATED, UNKNOWN_TYPE, RECORD_OVERRUN, TRAILING_BYTES
     *         or BAD_FIELD (a node or version 0) otherwise
     */
    static smkd::WireStatus Parse(const Bytes& bytes, SmkdKeyTreeRekey& out);
};

/**
 * \ingroup smkd
 * \brief Wire format of a member's path keys, for unicast delivery to a
 * joining member (which must be sealed: it holds secret keys).
 *
 * Format: key count (2) | per key: node (4) | version (4) | key (32).
 * \param keys the keys, leaf first
 * \return the bytes
 */
Bytes SerializeKeyTreePath(const std::vector<SmkdKeyTreeKey>& keys);

/**
 * \ingroup smkd
 * \brief Parse what SerializeKeyTreePath wrote.
 * \param bytes the bytes
 * \param out the keys (unchanged on failure)
 * \return NONE; TRUNCATED, RECORD_OVERRUN, TRAILING_BYTES, or BAD_FIELD
 *         (no key, or a node or version 0) otherwise
 */
smkd::WireStatus ParseKeyTreePath(const Bytes& bytes, std::vector<SmkdKeyTreeKey>& out);

} // namespace ns3

#endif /* SMKD_KEY_TREE_REKEY_H */
