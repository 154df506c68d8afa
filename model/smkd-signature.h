/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SIGNATURE_H
#define SMKD_SIGNATURE_H

#include "smkd-crypto-types.h"
#include "smkd-key-pair.h"
#include "smkd-openssl.h"

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief Signature size on the wire; fixed per algorithm so packet sizes never vary.
 *
 *  - Ed25519: 64 bytes (R || S, RFC 8032).
 *  - ECDSA P-256: 72 bytes: the DER ECDSA-Sig-Value (70 to 72 bytes, rarely
 *    fewer) followed by zero bytes up to 72. DER states its own length in its
 *    second byte, so no separate length byte is needed (one would make the
 *    field 73 bytes, since the DER form can itself be 72).
 *  - RSA-PSS-2048: 256 bytes.
 * \param alg the algorithm
 * \return the size in bytes
 */
std::size_t SignatureSizeOf(SmkdSignatureAlgorithm alg);

/**
 * \param alg the algorithm
 * \return the key type that makes and checks its signatures
 */
SmkdKeyType SigningKeyTypeOf(SmkdSignatureAlgorithm alg);

/**
 * \ingroup smkd
 * \brief Sign a message with OpenSSL.
 *
 * Ed25519 and RSA-PSS (SHA-256, MGF1-SHA-256, salt length 0) are
 * deterministic: the same key and message always give the same bytes.
 * OpenSSL 3.0's ECDSA draws its nonce from OpenSSL's RNG (deterministic
 * RFC 6979 nonces arrive only in 3.2), so ECDSA signature bytes differ from
 * run to run; their size, being a fixed 72-byte field, does not.
 * \param ctx the suite's OpenSSL context
 * \param alg the algorithm
 * \param key a private key of SigningKeyTypeOf(alg); anything else is fatal
 * \param message what to sign
 * \return SignatureSizeOf(alg) bytes
 */
Bytes SignMessage(OpenSslContext& ctx,
                  SmkdSignatureAlgorithm alg,
                  const SmkdKeyPair& key,
                  const Bytes& message);

/**
 * \ingroup smkd
 * \brief Check a signature with OpenSSL.
 * \param ctx the suite's OpenSSL context
 * \param alg the algorithm
 * \param key a public key of SigningKeyTypeOf(alg)
 * \param message the signed message
 * \param signature the signature field as received
 * \return true when the signature is valid; false for a wrong size, a
 *         malformed encoding, non-zero ECDSA padding or a bad signature
 */
bool VerifyMessage(OpenSslContext& ctx,
                   SmkdSignatureAlgorithm alg,
                   const SmkdKeyPair& key,
                   const Bytes& message,
                   const Bytes& signature);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_SIGNATURE_H */
