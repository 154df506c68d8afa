/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CRYPTO_TYPES_H
#define SMKD_CRYPTO_TYPES_H

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A byte string: keys, signatures, sealed blobs, plaintexts.
 *
 * The key-distribution messages copy these straight into CBT options, so the
 * crypto layer speaks plain byte vectors rather than ns-3 Buffers.
 */
using Bytes = std::vector<uint8_t>;

/**
 * \ingroup smkd
 * \brief Signature scheme for the SK_X signatures of RFC 1949 (tokens, ACL, grpAP).
 */
enum class SmkdSignatureAlgorithm : uint8_t
{
    ED25519,      //!< Ed25519 (RFC 8032): deterministic, 64-byte signatures
    ECDSA_P256,   //!< ECDSA over P-256 with SHA-256, DER in a fixed 72-byte field
    RSA_PSS_2048, //!< RSA-2048 PSS, SHA-256, salt length 0: deterministic, 256 bytes
};

/**
 * \ingroup smkd
 * \brief Public-key encryption for the {X}^PK_A seals of RFC 1949 §6.2.
 */
enum class SmkdSealAlgorithm : uint8_t
{
    X25519_HKDF_AES256GCM, //!< ephemeral X25519, HKDF-SHA256, AES-256-GCM
    RSA_OAEP_2048,         //!< RSA-2048 OAEP (SHA-256), hybrid with AES-256-GCM above 190 bytes
};

/**
 * \ingroup smkd
 * \brief Whether the crypto layer does the cryptography or only its sizes.
 */
enum class SmkdCryptoMode : uint8_t
{
    REAL,    //!< every operation runs in OpenSSL
    MODELED, //!< placeholders of the real sizes; no security property holds
};

/**
 * \ingroup smkd
 * \brief The operations whose simulated CPU cost the layer accounts for.
 */
enum class SmkdCryptoOp : uint8_t
{
    SIGN,
    VERIFY,
    SEAL,
    OPEN,
    AEAD_ENCRYPT,
    AEAD_DECRYPT,
    KEYGEN,
};

/**
 * \param a an algorithm
 * \return its stable lowercase name, e.g. "ed25519"; used in traces and output files
 */
const char* SmkdSignatureAlgorithmName(SmkdSignatureAlgorithm a);

/**
 * \param a an algorithm
 * \return its stable lowercase name, e.g. "x25519-hkdf-aes256gcm"
 */
const char* SmkdSealAlgorithmName(SmkdSealAlgorithm a);

/**
 * \param m a mode
 * \return "real" or "modeled"
 */
const char* SmkdCryptoModeName(SmkdCryptoMode m);

/**
 * \param op an operation
 * \return its stable lowercase name, e.g. "sign", "aead-encrypt"
 */
const char* SmkdCryptoOpName(SmkdCryptoOp op);

std::ostream& operator<<(std::ostream& os, SmkdSignatureAlgorithm a);
std::ostream& operator<<(std::ostream& os, SmkdSealAlgorithm a);
std::ostream& operator<<(std::ostream& os, SmkdCryptoMode m);
std::ostream& operator<<(std::ostream& os, SmkdCryptoOp op);

} // namespace ns3

#endif /* SMKD_CRYPTO_TYPES_H */
