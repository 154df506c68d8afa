/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SEAL_H
#define SMKD_SEAL_H

#include "smkd-crypto-types.h"
#include "smkd-drbg.h"
#include "smkd-key-pair.h"
#include "smkd-openssl.h"

namespace ns3
{
namespace smkd
{

/// Largest plaintext RSA-2048 OAEP with SHA-256 carries: 256 - 2·32 - 2.
constexpr std::size_t RSA_OAEP_2048_CAPACITY = 190;

/**
 * \ingroup smkd
 * \brief Size of a sealed blob; a function of the plaintext size alone.
 *
 * Formats (| is concatenation):
 *  - X25519_HKDF_AES256GCM: eph_pub (32) | nonce (12) | ciphertext (n) | tag (16): n + 60.
 *    key = HKDF-SHA256(IKM = X25519(eph, recipient), salt = eph_pub || recipient_pub,
 *                      info = "smkd seal v1", 32 bytes); AES-256-GCM, no AAD.
 *  - RSA_OAEP_2048, n <= 190: OAEP(plaintext) (256), label "smkd seal v1 rsa direct".
 *  - RSA_OAEP_2048, n > 190 (hybrid): OAEP(aes_key) (256), label "smkd seal v1 rsa hybrid"
 *    | nonce (12) | ciphertext (n) | tag (16): n + 284; the AES-256-GCM AAD is the
 *    256-byte OAEP block, so the two halves cannot be recombined.
 * OAEP uses SHA-256 for both the label hash and MGF1. The two OAEP labels keep
 * the forms apart: a hybrid blob cut to its first 256 bytes does not open as
 * a direct one (it would otherwise yield the AES key as "plaintext").
 * \param alg the algorithm
 * \param plaintextSize n
 * \return the sealed size in bytes
 */
std::size_t SealedSizeOf(SmkdSealAlgorithm alg, std::size_t plaintextSize);

/**
 * \param alg the algorithm
 * \return the key type of its recipients
 */
SmkdKeyType SealingKeyTypeOf(SmkdSealAlgorithm alg);

/**
 * \ingroup smkd
 * \brief Seal a plaintext so that only the holder of the recipient's private key can open it.
 *
 * The X25519 ephemeral key, the hybrid AES key and every GCM nonce come from
 * \p random, so X25519 seals are reproducible from the run seed. The OAEP
 * padding itself is randomised by OpenSSL's RNG, which the public API does
 * not let us replace: RSA-OAEP blobs differ between runs, their sizes do not.
 * \param ctx the suite's OpenSSL context
 * \param alg the algorithm
 * \param recipient a key of SealingKeyTypeOf(alg) (public part suffices)
 * \param plaintext what to seal
 * \param random the sealer's DRBG stream
 * \return SealedSizeOf(alg, plaintext.size()) bytes
 */
Bytes SealTo(OpenSslContext& ctx,
             SmkdSealAlgorithm alg,
             const SmkdKeyPair& recipient,
             const Bytes& plaintext,
             SmkdDrbg& random);

/**
 * \ingroup smkd
 * \brief Open a sealed blob.
 * \param ctx the suite's OpenSSL context
 * \param alg the algorithm
 * \param recipient the recipient's key pair, private part included
 * \param sealed the blob as received
 * \param plaintext receives the plaintext on success, cleared otherwise
 * \return false for any blob that is malformed, truncated, tampered with or
 *         sealed to someone else
 */
bool OpenSealed(OpenSslContext& ctx,
                SmkdSealAlgorithm alg,
                const SmkdKeyPair& recipient,
                const Bytes& sealed,
                Bytes& plaintext);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_SEAL_H */
