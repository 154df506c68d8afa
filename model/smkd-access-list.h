/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_ACCESS_LIST_H
#define SMKD_ACCESS_LIST_H

#include "ns3/ipv4-address.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief One entry of an access control list: a host address or prefix,
 * optionally narrowed to a user identity.
 */
struct SmkdAclEntry
{
    Ipv4Address prefix;   //!< a host address, or the start of a prefix
    uint8_t prefixLength; //!< 32 for one host
    std::string user;     //!< empty: any user at the matched hosts

    /**
     * \param address a host address
     * \param user a user identity (may be empty)
     * \return true when this entry covers them
     */
    bool Matches(Ipv4Address address, const std::string& user) const;
};

/**
 * \ingroup smkd
 * \brief A group access control list, or the trusted-router list, of RFC 1949 §6.1.
 *
 * The group initiator writes it and signs it; the primary core verifies it,
 * signs it itself ([ACL]^SK_core) and hands it down the tree in every group
 * access package. An inclusion list names who may join; an exclusion list
 * names who may not (§6.1: whichever is shorter).
 *
 * Wire format: kind (1) | mode (1) | group (4) | initiator (4) | version (4) |
 * entry count (2) | entries: prefix (4), prefix length (1), user (16-bit length + bytes).
 *
 * A list travels signed in one 16-bit length-prefixed field, and with the
 * other fields of a group access package in one CBT option (RFC 1949 §6.2),
 * so its encoding is limited to MAX_SERIALIZED_SIZE bytes: 9,067 hosts
 * without user names. Add refuses an entry beyond that, and Parse a longer
 * encoding, so every list the module holds can be sent.
 */
class SmkdAccessList
{
  public:
    /**
     * The longest encoding of a list: a 65535-byte field less 2 KiB for what
     * travels with it in the same field (signer and signature, and in a group
     * access package the token and the two sealed key bundles: about 1.9 KiB
     * with RSA-2048 throughout). A trusted-router list shares the package too;
     * one too large for both fails when the package is built (std::length_error).
     */
    static constexpr std::size_t MAX_SERIALIZED_SIZE = 0xffff - 2048;

    /// Whose list it is.
    enum class Kind : uint8_t
    {
        GROUP_MEMBERS = 1,   //!< hosts (or users) that may join the group
        TRUSTED_ROUTERS = 2, //!< routers that may become GKDCs (§6.1)
    };

    /// How entries are read.
    enum class Mode : uint8_t
    {
        INCLUSION = 1, //!< entries are allowed, everyone else is not
        EXCLUSION = 2, //!< entries are refused, everyone else is allowed
    };

    SmkdAccessList() = default;

    /**
     * \param group the group (must be multicast)
     * \param kind the list's kind
     * \param mode inclusion or exclusion
     * \param initiator the group initiator, whose signature the list carries
     */
    SmkdAccessList(Ipv4Address group, Kind kind, Mode mode, Ipv4Address initiator);

    /**
     * \brief Add an entry.
     * \param prefix address or prefix start
     * \param prefixLength 0..32
     * \param user optional user identity
     * \throws std::invalid_argument when the prefix length exceeds 32, or
     * when the entry would make the encoding longer than MAX_SERIALIZED_SIZE
     * (the message names the group, the number of entries and the bytes)
     */
    void Add(Ipv4Address prefix, uint8_t prefixLength = 32, std::string user = "");

    /**
     * \param address a host or router address
     * \param user its user identity, if any
     * \return true when the list lets it in
     */
    bool Permits(Ipv4Address address, const std::string& user = "") const;

    /**
     * \brief Take \p host out of the group: drop its host entries from an
     * inclusion list, or add it to an exclusion list.
     * \param host a host address
     * \return false when the list still admits it (an inclusion prefix covers it)
     * \throws std::invalid_argument when an exclusion list has no room for
     * another entry (see Add)
     */
    bool Exclude(Ipv4Address host);

    Ipv4Address GetGroup() const;
    Kind GetKind() const;
    Mode GetMode() const;
    Ipv4Address GetInitiator() const;
    uint32_t GetVersion() const;
    void SetVersion(uint32_t version);
    const std::vector<SmkdAclEntry>& GetEntries() const;

    /** \return the length of Serialize()'s result, without encoding */
    std::size_t GetSerializedSize() const;

    /** \return the wire format (at most MAX_SERIALIZED_SIZE bytes) */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a serialized list
     * \param out the list
     * \return false when \p bytes is not exactly one well-formed list, or
     * longer than MAX_SERIALIZED_SIZE
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdAccessList& out);

  private:
    /// Bytes of the fixed part: kind, mode, group, initiator, version, count.
    static constexpr std::size_t HEADER_SIZE = 16;

    /** \return the bytes \p e takes in the wire format */
    static std::size_t EntrySize(const SmkdAclEntry& e);

    Ipv4Address m_group;
    Kind m_kind{Kind::GROUP_MEMBERS};
    Mode m_mode{Mode::INCLUSION};
    Ipv4Address m_initiator;
    uint32_t m_version{1};
    std::vector<SmkdAclEntry> m_entries;
    std::size_t m_entryBytes{0}; //!< sum of EntrySize over m_entries
};

/**
 * \ingroup smkd
 * \brief [X]^SK_signer: some bytes, who signed them, and the signature.
 *
 * Wire format: signer (4) | body (16-bit length + bytes) | signature (16-bit length + bytes).
 * The signature covers the signer's address followed by the body.
 */
struct SmkdSignedBlob
{
    Ipv4Address signer;             //!< whose key signed
    std::vector<uint8_t> body;      //!< what was signed
    std::vector<uint8_t> signature; //!< the signature

    /** \return the bytes the signature covers */
    std::vector<uint8_t> SignedBytes() const;

    /** \return the wire format */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a serialized blob
     * \param out the blob
     * \return false when \p bytes is not exactly one blob
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdSignedBlob& out);
};

} // namespace ns3

#endif /* SMKD_ACCESS_LIST_H */
