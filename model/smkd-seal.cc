/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-seal.h"

#include "smkd-aes-gcm.h"

#include "ns3/fatal-error.h"

#include <algorithm>
#include <cstring>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rsa.h>

namespace ns3
{
namespace smkd
{

namespace
{

constexpr std::size_t X25519_KEY_SIZE = 32;
constexpr std::size_t X25519_OVERHEAD = X25519_KEY_SIZE + AES_GCM_NONCE_SIZE + AES_GCM_TAG_SIZE;
constexpr std::size_t RSA_BLOCK_SIZE = 256;
constexpr std::size_t RSA_HYBRID_OVERHEAD = RSA_BLOCK_SIZE + AES_GCM_NONCE_SIZE + AES_GCM_TAG_SIZE;

const char SEAL_INFO[] = "smkd seal v1";
const char OAEP_LABEL_DIRECT[] = "smkd seal v1 rsa direct";
const char OAEP_LABEL_HYBRID[] = "smkd seal v1 rsa hybrid";

void
CheckKey(SmkdSealAlgorithm alg, const SmkdKeyPair& key, bool needPrivate)
{
    if (key.GetType() != SealingKeyTypeOf(alg) || !key.GetPkey() ||
        (needPrivate && !key.HasPrivateKey()))
    {
        NS_FATAL_ERROR("seal " << SmkdSealAlgorithmName(alg) << ": given a "
                               << SmkdKeyTypeName(key.GetType())
                               << (key.HasPrivateKey() ? " private" : " public") << " key");
    }
}

/**
 * X25519 shared secret of \p own (private) and \p peer (public).
 * \return false when OpenSSL refuses, as it does for an all-zero result
 *         (a small-order peer point): a normal failure for received keys.
 */
bool
X25519Shared(EVP_PKEY* own, EVP_PKEY* peer, uint8_t* out32)
{
    OpenSslPtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
    if (!pctx || EVP_PKEY_derive_init(pctx.get()) != 1)
    {
        OpenSslFatal("EVP_PKEY_derive_init(X25519)");
    }
    std::size_t len = X25519_KEY_SIZE;
    if (EVP_PKEY_derive_set_peer(pctx.get(), peer) != 1 ||
        EVP_PKEY_derive(pctx.get(), out32, &len) != 1 || len != X25519_KEY_SIZE)
    {
        OpenSslClearErrors();
        return false;
    }
    return true;
}

/// key = HKDF-SHA256(ikm, salt = ephPub || recipientPub, info = "smkd seal v1").
void
SealKey(OpenSslContext& ctx,
        const uint8_t* shared,
        const uint8_t* ephPub,
        const Bytes& recipientPub,
        uint8_t* key32)
{
    uint8_t salt[2 * X25519_KEY_SIZE];
    std::copy(ephPub, ephPub + X25519_KEY_SIZE, salt);
    std::copy(recipientPub.begin(), recipientPub.end(), salt + X25519_KEY_SIZE);
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                          const_cast<uint8_t*>(shared),
                                          X25519_KEY_SIZE),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt, sizeof(salt)),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
                                          const_cast<char*>(SEAL_INFO),
                                          sizeof(SEAL_INFO) - 1),
        OSSL_PARAM_construct_end()};
    if (EVP_KDF_derive(ctx.HkdfContext(), key32, AES_GCM_KEY_SIZE, params) != 1)
    {
        OpenSslFatal("EVP_KDF_derive(HKDF-SHA256)");
    }
}

Bytes
X25519Seal(OpenSslContext& ctx,
           const SmkdKeyPair& recipient,
           const Bytes& plaintext,
           SmkdDrbg& random)
{
    const Ptr<SmkdKeyPair> eph =
        SmkdKeyPair::FromSeed(SmkdKeyType::X25519, random.Generate(SmkdKeyPair::SEED_SIZE));
    uint8_t shared[X25519_KEY_SIZE];
    if (!X25519Shared(eph->GetPkey(), recipient.GetPkey(), shared))
    {
        // The recipient key was parsed and accepted as X25519: it cannot fail here.
        NS_FATAL_ERROR("X25519 with the recipient's public key failed");
    }
    Bytes out(SealedSizeOf(SmkdSealAlgorithm::X25519_HKDF_AES256GCM, plaintext.size()));
    uint8_t* p = out.data();
    std::copy(eph->GetPublicKey().begin(), eph->GetPublicKey().end(), p);
    uint8_t key[AES_GCM_KEY_SIZE];
    SealKey(ctx, shared, p, recipient.GetPublicKey(), key);
    OPENSSL_cleanse(shared, sizeof(shared));
    random.Generate(p + X25519_KEY_SIZE, AES_GCM_NONCE_SIZE);
    AesGcmEncrypt(ctx,
                  key,
                  p + X25519_KEY_SIZE,
                  nullptr,
                  0,
                  plaintext.data(),
                  plaintext.size(),
                  p + X25519_KEY_SIZE + AES_GCM_NONCE_SIZE);
    OPENSSL_cleanse(key, sizeof(key));
    return out;
}

bool
X25519Open(OpenSslContext& ctx, const SmkdKeyPair& recipient, const Bytes& sealed, Bytes& plaintext)
{
    if (sealed.size() < X25519_OVERHEAD)
    {
        return false;
    }
    const Bytes ephPub(sealed.begin(), sealed.begin() + X25519_KEY_SIZE);
    const Ptr<SmkdKeyPair> eph = SmkdKeyPair::FromPublicKey(SmkdKeyType::X25519, ephPub);
    uint8_t shared[X25519_KEY_SIZE];
    if (!eph || !X25519Shared(recipient.GetPkey(), eph->GetPkey(), shared))
    {
        return false;
    }
    uint8_t key[AES_GCM_KEY_SIZE];
    SealKey(ctx, shared, ephPub.data(), recipient.GetPublicKey(), key);
    OPENSSL_cleanse(shared, sizeof(shared));
    const uint8_t* nonce = sealed.data() + X25519_KEY_SIZE;
    const bool ok = AesGcmDecrypt(ctx,
                                  key,
                                  nonce,
                                  nullptr,
                                  0,
                                  nonce + AES_GCM_NONCE_SIZE,
                                  sealed.size() - X25519_KEY_SIZE - AES_GCM_NONCE_SIZE,
                                  plaintext);
    OPENSSL_cleanse(key, sizeof(key));
    return ok;
}

/// An RSA-OAEP (SHA-256) context on \p key with the given label.
OpenSslPtr<EVP_PKEY_CTX>
OaepContext(OpenSslContext& ctx, EVP_PKEY* key, bool encrypt, const char* label)
{
    OpenSslPtr<EVP_PKEY_CTX> pctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!pctx ||
        (encrypt ? EVP_PKEY_encrypt_init(pctx.get()) : EVP_PKEY_decrypt_init(pctx.get())) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx.get(), RSA_PKCS1_OAEP_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_oaep_md(pctx.get(), ctx.Sha256()) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx.get(), ctx.Sha256()) != 1)
    {
        OpenSslFatal("RSA-OAEP context");
    }
    // set0 takes ownership of the label copy.
    const std::size_t labelSize = std::strlen(label);
    void* copy = OPENSSL_memdup(label, labelSize);
    if (!copy ||
        EVP_PKEY_CTX_set0_rsa_oaep_label(pctx.get(), copy, static_cast<int>(labelSize)) != 1)
    {
        OPENSSL_free(copy);
        OpenSslFatal("EVP_PKEY_CTX_set0_rsa_oaep_label");
    }
    return pctx;
}

void
OaepEncrypt(OpenSslContext& ctx,
            EVP_PKEY* key,
            const char* label,
            const uint8_t* in,
            std::size_t size,
            uint8_t* out256)
{
    static const uint8_t empty = 0;
    OpenSslPtr<EVP_PKEY_CTX> pctx = OaepContext(ctx, key, true, label);
    std::size_t len = RSA_BLOCK_SIZE;
    if (EVP_PKEY_encrypt(pctx.get(), out256, &len, size ? in : &empty, size) != 1 ||
        len != RSA_BLOCK_SIZE)
    {
        OpenSslFatal("EVP_PKEY_encrypt(RSA-OAEP)");
    }
}

bool
OaepDecrypt(OpenSslContext& ctx, EVP_PKEY* key, const char* label, const uint8_t* in256, Bytes& out)
{
    OpenSslPtr<EVP_PKEY_CTX> pctx = OaepContext(ctx, key, false, label);
    out.assign(RSA_BLOCK_SIZE, 0);
    std::size_t len = out.size();
    if (EVP_PKEY_decrypt(pctx.get(), out.data(), &len, in256, RSA_BLOCK_SIZE) != 1)
    {
        OpenSslClearErrors();
        OPENSSL_cleanse(out.data(), out.size());
        out.clear();
        return false;
    }
    out.resize(len);
    return true;
}

Bytes
RsaSeal(OpenSslContext& ctx, const SmkdKeyPair& recipient, const Bytes& plaintext, SmkdDrbg& random)
{
    Bytes out(SealedSizeOf(SmkdSealAlgorithm::RSA_OAEP_2048, plaintext.size()));
    if (plaintext.size() <= RSA_OAEP_2048_CAPACITY)
    {
        OaepEncrypt(ctx,
                    recipient.GetPkey(),
                    OAEP_LABEL_DIRECT,
                    plaintext.data(),
                    plaintext.size(),
                    out.data());
        return out;
    }
    uint8_t key[AES_GCM_KEY_SIZE];
    random.Generate(key, sizeof(key));
    OaepEncrypt(ctx, recipient.GetPkey(), OAEP_LABEL_HYBRID, key, sizeof(key), out.data());
    uint8_t* nonce = out.data() + RSA_BLOCK_SIZE;
    random.Generate(nonce, AES_GCM_NONCE_SIZE);
    AesGcmEncrypt(ctx,
                  key,
                  nonce,
                  out.data(),
                  RSA_BLOCK_SIZE,
                  plaintext.data(),
                  plaintext.size(),
                  nonce + AES_GCM_NONCE_SIZE);
    OPENSSL_cleanse(key, sizeof(key));
    return out;
}

bool
RsaOpen(OpenSslContext& ctx, const SmkdKeyPair& recipient, const Bytes& sealed, Bytes& plaintext)
{
    if (sealed.size() == RSA_BLOCK_SIZE)
    {
        return OaepDecrypt(ctx, recipient.GetPkey(), OAEP_LABEL_DIRECT, sealed.data(), plaintext);
    }
    if (sealed.size() < RSA_HYBRID_OVERHEAD + RSA_OAEP_2048_CAPACITY + 1)
    {
        return false; // neither form has this size
    }
    Bytes key;
    if (!OaepDecrypt(ctx, recipient.GetPkey(), OAEP_LABEL_HYBRID, sealed.data(), key))
    {
        return false;
    }
    bool ok = false;
    if (key.size() == AES_GCM_KEY_SIZE)
    {
        const uint8_t* nonce = sealed.data() + RSA_BLOCK_SIZE;
        ok = AesGcmDecrypt(ctx,
                           key.data(),
                           nonce,
                           sealed.data(),
                           RSA_BLOCK_SIZE,
                           nonce + AES_GCM_NONCE_SIZE,
                           sealed.size() - RSA_BLOCK_SIZE - AES_GCM_NONCE_SIZE,
                           plaintext);
    }
    OPENSSL_cleanse(key.data(), key.size());
    return ok;
}

} // namespace

std::size_t
SealedSizeOf(SmkdSealAlgorithm alg, std::size_t plaintextSize)
{
    switch (alg)
    {
    case SmkdSealAlgorithm::X25519_HKDF_AES256GCM:
        return plaintextSize + X25519_OVERHEAD;
    case SmkdSealAlgorithm::RSA_OAEP_2048:
        return plaintextSize <= RSA_OAEP_2048_CAPACITY ? RSA_BLOCK_SIZE
                                                       : plaintextSize + RSA_HYBRID_OVERHEAD;
    }
    NS_FATAL_ERROR("unknown seal algorithm " << int(alg));
}

SmkdKeyType
SealingKeyTypeOf(SmkdSealAlgorithm alg)
{
    switch (alg)
    {
    case SmkdSealAlgorithm::X25519_HKDF_AES256GCM:
        return SmkdKeyType::X25519;
    case SmkdSealAlgorithm::RSA_OAEP_2048:
        return SmkdKeyType::RSA_2048;
    }
    NS_FATAL_ERROR("unknown seal algorithm " << int(alg));
}

Bytes
SealTo(OpenSslContext& ctx,
       SmkdSealAlgorithm alg,
       const SmkdKeyPair& recipient,
       const Bytes& plaintext,
       SmkdDrbg& random)
{
    CheckKey(alg, recipient, false);
    return alg == SmkdSealAlgorithm::X25519_HKDF_AES256GCM
               ? X25519Seal(ctx, recipient, plaintext, random)
               : RsaSeal(ctx, recipient, plaintext, random);
}

bool
OpenSealed(OpenSslContext& ctx,
           SmkdSealAlgorithm alg,
           const SmkdKeyPair& recipient,
           const Bytes& sealed,
           Bytes& plaintext)
{
    CheckKey(alg, recipient, true);
    plaintext.clear();
    return alg == SmkdSealAlgorithm::X25519_HKDF_AES256GCM
               ? X25519Open(ctx, recipient, sealed, plaintext)
               : RsaOpen(ctx, recipient, sealed, plaintext);
}

} // namespace smkd
} // namespace ns3
