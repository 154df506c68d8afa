/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-aes-gcm.h"

#include <algorithm>
#include <climits>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <string>

namespace ns3
{
namespace smkd
{

namespace
{

/// EVP update calls take int lengths; the key-distribution messages are far below INT_MAX.
int
IntLength(std::size_t n, const char* what)
{
    if (n > static_cast<std::size_t>(INT_MAX))
    {
        OpenSslFatal(std::string("AES-GCM: ") + what + " longer than INT_MAX");
    }
    return static_cast<int>(n);
}

} // namespace

void
AesGcmEncrypt(OpenSslContext& ctx,
              const uint8_t* key,
              const uint8_t* nonce,
              const uint8_t* aad,
              std::size_t aadSize,
              const uint8_t* plaintext,
              std::size_t size,
              uint8_t* out)
{
    EVP_CIPHER_CTX* c = ctx.CipherContext();
    // The default GCM IV length is 12, the size used here, so no parameter is needed.
    if (EVP_EncryptInit_ex2(c, ctx.Aes256Gcm(), key, nonce, nullptr) != 1)
    {
        OpenSslFatal("EVP_EncryptInit_ex2(AES-256-GCM)");
    }
    int len = 0;
    if (aadSize > 0 && EVP_EncryptUpdate(c, nullptr, &len, aad, IntLength(aadSize, "aad")) != 1)
    {
        OpenSslFatal("EVP_EncryptUpdate(AES-256-GCM aad)");
    }
    if (size > 0 && EVP_EncryptUpdate(c, out, &len, plaintext, IntLength(size, "plaintext")) != 1)
    {
        OpenSslFatal("EVP_EncryptUpdate(AES-256-GCM)");
    }
    // GCM is a stream mode: the final call writes nothing, but must be made.
    if (EVP_EncryptFinal_ex(c, out + size, &len) != 1)
    {
        OpenSslFatal("EVP_EncryptFinal_ex(AES-256-GCM)");
    }
    if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, AES_GCM_TAG_SIZE, out + size) != 1)
    {
        OpenSslFatal("EVP_CTRL_GCM_GET_TAG");
    }
}

bool
AesGcmDecrypt(OpenSslContext& ctx,
              const uint8_t* key,
              const uint8_t* nonce,
              const uint8_t* aad,
              std::size_t aadSize,
              const uint8_t* sealed,
              std::size_t size,
              std::vector<uint8_t>& plaintext)
{
    plaintext.clear();
    if (size < AES_GCM_TAG_SIZE)
    {
        return false;
    }
    const std::size_t n = size - AES_GCM_TAG_SIZE;
    std::vector<uint8_t> out(n);
    EVP_CIPHER_CTX* c = ctx.CipherContext();
    if (EVP_DecryptInit_ex2(c, ctx.Aes256Gcm(), key, nonce, nullptr) != 1)
    {
        OpenSslFatal("EVP_DecryptInit_ex2(AES-256-GCM)");
    }
    int len = 0;
    if (aadSize > 0 && EVP_DecryptUpdate(c, nullptr, &len, aad, IntLength(aadSize, "aad")) != 1)
    {
        OpenSslFatal("EVP_DecryptUpdate(AES-256-GCM aad)");
    }
    if (n > 0 && EVP_DecryptUpdate(c, out.data(), &len, sealed, IntLength(n, "ciphertext")) != 1)
    {
        OpenSslFatal("EVP_DecryptUpdate(AES-256-GCM)");
    }
    // SET_TAG takes a non-const pointer but only reads the tag.
    uint8_t tag[AES_GCM_TAG_SIZE];
    std::copy(sealed + n, sealed + size, tag);
    if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, AES_GCM_TAG_SIZE, tag) != 1)
    {
        OpenSslFatal("EVP_CTRL_GCM_SET_TAG");
    }
    uint8_t end[16];
    if (EVP_DecryptFinal_ex(c, end, &len) != 1)
    {
        // The tag did not verify: an expected outcome for tampered input.
        OpenSslClearErrors();
        return false;
    }
    plaintext = std::move(out);
    return true;
}

} // namespace smkd
} // namespace ns3
