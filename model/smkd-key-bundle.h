/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KEY_BUNDLE_H
#define SMKD_KEY_BUNDLE_H

#include "smkd-access-list.h"
#include "smkd-token.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace smkd
{
class ByteWriter;
class ByteReader;

/**
 * \param random at least 4 random bytes
 * \return an SPI made of them, above the 0-255 that RFC 4303 §2.1 reserves
 */
uint32_t SpiFromRandom(const std::vector<uint8_t>& random);
} // namespace smkd

/**
 * \ingroup smkd
 * \brief SAparams of RFC 1949 §6.2: what a member needs besides the keys to
 * use the group's security association.
 */
struct SmkdSaParams
{
    /// Data protection the SA uses.
    enum class Cipher : uint8_t
    {
        AES_256_GCM = 1,
    };

    uint32_t spi{0};                    //!< Security Parameter Index
    Cipher cipher{Cipher::AES_256_GCM}; //!< algorithm
    uint32_t lifetime{0};               //!< key lifetime, seconds
    uint64_t activation{0};             //!< when the key takes effect, simulated ns
    /// The key's epoch: the primary core numbers each bundle of a group one
    /// above the last (GDOI's rekey sequence number, RFC 6407 §5.7, §7.3.4), so
    /// that a receiver takes only keys newer than those it holds and a
    /// revocation names what it revokes. Sender keys carry the epoch of the
    /// group key they were issued under.
    uint32_t epoch{1};

    /**
     * \brief Append the SA parameters in their wire form.
     * \param w the writer
     */
    void Write(smkd::ByteWriter& w) const;

    /**
     * \brief Read SA parameters written by Write().
     * \param r the reader (its error state records a short read)
     * \return false for an unknown cipher
     */
    bool Read(smkd::ByteReader& r);

    bool operator==(const SmkdSaParams& o) const
    {
        return spi == o.spi && cipher == o.cipher && lifetime == o.lifetime &&
               activation == o.activation && epoch == o.epoch;
    }
};

/**
 * \ingroup smkd
 * \brief [grpKey, KEK, SAparams]: the key pair of RFC 1949 §6.2 and the SA
 * parameters, as the primary core signs and seals it.
 *
 * Wire format: group (4) | grpKey (16-bit length + bytes) | KEK (same) |
 * SPI (4) | cipher (1) | lifetime (4) | activation (8) | epoch (4).
 */
struct SmkdKeyBundle
{
    Ipv4Address group;             //!< the group
    std::vector<uint8_t> groupKey; //!< grpKey, encrypts group data
    std::vector<uint8_t> kek;      //!< KEK, encrypts rekey messages
    SmkdSaParams sa;               //!< SAparams

    /** \return the wire format */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a serialized bundle
     * \param out the bundle
     * \return false when \p bytes is not exactly one bundle
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdKeyBundle& out);

    /**
     * \brief Parse [grpKey, KEK, SAparams]^SK_signer for \p group, as members
     * and GKDCs receive it, before checking the signature itself.
     * \param bytes a serialized signed blob
     * \param group the group it must be for
     * \param signer who must have signed it (the primary core)
     * \param blob receives the signed blob
     * \param out receives the bundle
     * \return false when it does not parse, is for another group or names another signer
     */
    static bool ParseSigned(const std::vector<uint8_t>& bytes,
                            Ipv4Address group,
                            Ipv4Address signer,
                            SmkdSignedBlob& blob,
                            SmkdKeyBundle& out);

    bool operator==(const SmkdKeyBundle& o) const
    {
        return group == o.group && groupKey == o.groupKey && kek == o.kek && sa == o.sa;
    }
};

/**
 * \ingroup smkd
 * \brief The group access package (grpAP) of RFC 1949 §6.2.
 *
 * \verbatim
   [token_sender, [ACL]^SK_core, {[grpKey, KEK, SAparams]^SK_core}^PK_origin-host,
    {[grpKey, KEK, SAparams]^SK_core}^PK_next-hop]^SK_sender
   \endverbatim
 *
 * The outer signature is the JOIN_ACK's: the package travels in the
 * GROUP_ACCESS_PACKAGE option of a signed JOIN_ACK. SK_core is the primary
 * core's key. The core-signed trusted-router list rides along when the
 * group has one (§6.1: "The ACL(s), group key, and KEK are distributed").
 * Wire format: token, ACL, trusted-router list (empty when none), host's
 * copy, next hop's copy; each as a 16-bit length and its bytes.
 */
struct SmkdGroupAccessPackage
{
    SmkdToken senderToken;                 //!< token_sender
    SmkdSignedBlob acl;                    //!< [ACL]^SK_core
    std::vector<uint8_t> trusted;          //!< [trusted-router ACL]^SK_core serialized, or empty
    std::vector<uint8_t> sealedForHost;    //!< {[bundle]^SK_core}^PK_origin-host
    std::vector<uint8_t> sealedForNextHop; //!< {[bundle]^SK_core}^PK_next-hop

    /** \return the wire format */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a serialized package
     * \param out the package
     * \return false when \p bytes is not exactly one well-formed package
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdGroupAccessPackage& out);
};

} // namespace ns3

#endif /* SMKD_KEY_BUNDLE_H */
