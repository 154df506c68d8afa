/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_AES_GCM_H
#define SMKD_AES_GCM_H

#include "smkd-openssl.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{
namespace smkd
{

/// AES-256 key length in bytes.
constexpr std::size_t AES_GCM_KEY_SIZE = 32;
/// GCM nonce length: 96 bits, the size GCM handles without an extra GHASH.
constexpr std::size_t AES_GCM_NONCE_SIZE = 12;
/// GCM tag length: the full 128 bits; nothing in the module truncates tags.
constexpr std::size_t AES_GCM_TAG_SIZE = 16;

/**
 * \ingroup smkd
 * \brief AES-256-GCM encryption of one message into ciphertext || tag.
 *
 * Used by the AEAD calls and by both seal algorithms, so that GCM is driven
 * in exactly one place. Pointers may be null when their length is zero.
 * \param ctx the suite's OpenSSL context (its cipher context is reused)
 * \param key AES_GCM_KEY_SIZE bytes
 * \param nonce AES_GCM_NONCE_SIZE bytes
 * \param aad additional authenticated data
 * \param aadSize its length
 * \param plaintext the message
 * \param size its length
 * \param out receives size + AES_GCM_TAG_SIZE bytes: ciphertext then tag
 */
void AesGcmEncrypt(OpenSslContext& ctx,
                   const uint8_t* key,
                   const uint8_t* nonce,
                   const uint8_t* aad,
                   std::size_t aadSize,
                   const uint8_t* plaintext,
                   std::size_t size,
                   uint8_t* out);

/**
 * \ingroup smkd
 * \brief AES-256-GCM decryption and tag check of ciphertext || tag.
 * \param ctx the suite's OpenSSL context
 * \param key AES_GCM_KEY_SIZE bytes
 * \param nonce AES_GCM_NONCE_SIZE bytes
 * \param aad additional authenticated data
 * \param aadSize its length
 * \param sealed ciphertext followed by the tag
 * \param size its length; shorter than a tag is a failure, not an error
 * \param plaintext receives the message when the tag verifies
 * \return true when the tag verifies; false (plaintext cleared) otherwise
 */
bool AesGcmDecrypt(OpenSslContext& ctx,
                   const uint8_t* key,
                   const uint8_t* nonce,
                   const uint8_t* aad,
                   std::size_t aadSize,
                   const uint8_t* sealed,
                   std::size_t size,
                   std::vector<uint8_t>& plaintext);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_AES_GCM_H */
