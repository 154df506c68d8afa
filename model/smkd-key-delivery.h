/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KEY_DELIVERY_H
#define SMKD_KEY_DELIVERY_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The last hop of a secure join, DR to host (RFC 1949 §6.2):
 * A --> h: [[token_h]^SK_h, {grpKey, KEK, SAparams}^PK_h], or the refusal.
 *
 * Every delivery is signed by the router that sends it (the DR, or the
 * primary core for unsolicited re-keys and key tree path keys) and names
 * the join it answers: a host takes nothing from a node its directory does
 * not certify as a router, so no other host on its LAN (a former member
 * replaying an old delivery, a rogue refusing or forcing re-joins) can
 * answer in a router's place.
 *
 * UDP to port PORT on the host. Wire format: type (1) | group (4) |
 * host token (16-bit length + bytes) | sealed keys (same) | reason (same) |
 * signer (4) | signature (16-bit length + bytes) over all that precedes it.
 */
struct SmkdKeyDelivery
{
    static constexpr uint16_t PORT = 1950; //!< UDP port of the host agent

    /// Outcome.
    enum class Type : uint8_t
    {
        KEYS = 1,     //!< the sealed, core-signed key bundle
        REFUSED = 2,  //!< the join was refused; reason says why
        REAUTH = 3,   //!< the tree was repaired: join again with a fresh token (§6.2)
        REKEY = 4,    //!< unsolicited new keys after an exclusion, sealed and core-signed
        LKH_PATH = 5, //!< key tree path keys: {[group, path keys]^SK_primary}^PK_host
    };

    Type type{Type::KEYS};
    Ipv4Address group;              //!< the group
    std::vector<uint8_t> hostToken; //!< the host's token, naming the join
    std::vector<uint8_t> sealed;    //!< {[bundle]^SK_core}^PK_host
    std::string reason;             //!< why a join was refused
    Ipv4Address signer;             //!< the router that sent it
    std::vector<uint8_t> signature; //!< the signer's, over SignedBytes()

    /** \return every field but the signature: what the sending router signs */
    std::vector<uint8_t> SignedBytes() const;

    /** \return the wire format */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a received datagram
     * \param out the message
     * \return false unless \p bytes is exactly one well-formed message
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdKeyDelivery& out);
};

} // namespace ns3

#endif /* SMKD_KEY_DELIVERY_H */
