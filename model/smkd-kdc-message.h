/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KDC_MESSAGE_H
#define SMKD_KDC_MESSAGE_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Messages between a host and the centralized key distribution centre
 * of the baseline (SmkdCentralKdc): the design RFC 1949 §4 describes and §6
 * sets out to replace, in which "the KDC could send an encrypted message to
 * each of the receivers individually".
 *
 * h --> KDC: KEY_REQUEST carrying [t_h, r_h, KDC, group]^SK_h (an SmkdToken
 * whose recipient is the KDC). KDC --> h: KEYS carrying
 * {[grant]^SK_kdc}^PK_h, or REFUSED carrying [grant]^SK_kdc in the clear,
 * where the grant (SmkdKdcGrant) holds the keys or the reason and names the
 * request it answers.
 *
 * KDC --> h, unasked: REKEY carrying {[grpKey', KEK', SAparams']^SK_kdc}^PK_h,
 * the group's new keys sealed for one member: after an exclusion (the
 * excluded member holds the KEK, so nothing multicast under it can carry
 * them), or when the keys changed while the host's answer was on the
 * KDC's CPU. Its nonce is 0; the bundle's epoch, not a request, makes it
 * fresh (SmkdSaParams::epoch).
 *
 * UDP; requests go to the KDC's RequestPort (default PORT), answers and
 * REKEYs to the port the host's request came from. Wire format: type (1) | group (4) | nonce (8) |
 * body (16-bit length + bytes). The nonce is r_h of the request's token: in
 * a request a copy of the token's, in an answer the request it answers, so a
 * host can discard answers to other requests before spending any crypto.
 */
struct SmkdKdcMessage
{
    /// UDP port of the KDC's key requests. Not 1949, where the KDC takes the
    /// initiators' access lists (SmkdManagementMessage::PORT), and not 1950,
    /// the hosts' key-delivery port of the distributed design.
    static constexpr uint16_t PORT = 1951;

    /// Message types.
    enum class Type : uint8_t
    {
        KEY_REQUEST = 1, //!< host -> KDC: body is the host's signed token
        KEYS = 2,        //!< KDC -> host: body is {[grant]^SK_kdc}^PK_host
        REFUSED = 3,     //!< KDC -> host: body is [grant]^SK_kdc, the grant saying why
        REKEY = 4,       //!< KDC -> host, unasked: body is {[bundle]^SK_kdc}^PK_host
    };

    Type type{Type::KEY_REQUEST};
    Ipv4Address group;         //!< the group
    uint64_t nonce{0};         //!< r_h of the request's token
    std::vector<uint8_t> body; //!< as the type says

    /** \return the wire format */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a received datagram
     * \param out the message
     * \return false unless \p bytes is exactly one well-formed message for a
     * multicast group
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdKdcMessage& out);
};

/**
 * \ingroup smkd
 * \brief What the KDC signs for each answer: the keys or the refusal, bound
 * to the host and the request.
 *
 * [grpKey, KEK, SAparams]^SK_kdc in RFC 1949's notation, with the host and
 * r_h of its request added: the signature is fresh per request, so an old
 * answer (old keys, or a refusal) cannot be passed off as the answer to a
 * new one.
 *
 * Wire format: outcome (1) | host (4) | group (4) | nonce (8) |
 * bundle (16-bit length + SmkdKeyBundle bytes; empty in refusals) |
 * reason (16-bit length + text; empty in grants of keys).
 */
struct SmkdKdcGrant
{
    /// What the KDC decided.
    enum class Outcome : uint8_t
    {
        KEYS = 1,    //!< the bundle is the group's keys
        REFUSED = 2, //!< the reason says why not
    };

    Outcome outcome{Outcome::KEYS};
    Ipv4Address host;            //!< who asked (the token's issuer)
    Ipv4Address group;           //!< the group
    uint64_t nonce{0};           //!< r_h of the request
    std::vector<uint8_t> bundle; //!< serialized SmkdKeyBundle (KEYS)
    std::string reason;          //!< why the request was refused (REFUSED)

    /** \return the wire format */
    std::vector<uint8_t> Serialize() const;

    /**
     * \param bytes a serialized grant
     * \param out the grant
     * \return false unless \p bytes is exactly one grant whose bundle is
     * present exactly when it grants keys
     */
    static bool Parse(const std::vector<uint8_t>& bytes, SmkdKdcGrant& out);
};

} // namespace ns3

#endif /* SMKD_KDC_MESSAGE_H */
