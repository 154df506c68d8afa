/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-signature.h"

#include "ns3/fatal-error.h"

#include <algorithm>
#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace ns3
{
namespace smkd
{

namespace
{

constexpr std::size_t ED25519_SIGNATURE_SIZE = 64;
constexpr std::size_t ECDSA_P256_FIELD_SIZE = 72;
constexpr std::size_t RSA2048_SIGNATURE_SIZE = 256;

/// EVP_DigestSign/Verify reject a null message pointer even with length 0.
const uint8_t*
MessageData(const Bytes& message)
{
    static const uint8_t empty = 0;
    return message.empty() ? &empty : message.data();
}

/**
 * Start a one-shot sign or verify on the suite's reusable digest context.
 * Ed25519 hashes internally (no digest may be named); the others use the
 * fetched SHA-256, and RSA adds the PSS parameters.
 */
void
InitDigest(OpenSslContext& ctx, SmkdSignatureAlgorithm alg, EVP_PKEY* pkey, bool sign)
{
    EVP_MD_CTX* md = ctx.DigestContext();
    EVP_MD_CTX_reset(md);
    EVP_PKEY_CTX* pctx = nullptr;
    const EVP_MD* digest = alg == SmkdSignatureAlgorithm::ED25519 ? nullptr : ctx.Sha256();
    const int ok = sign ? EVP_DigestSignInit(md, &pctx, digest, nullptr, pkey)
                        : EVP_DigestVerifyInit(md, &pctx, digest, nullptr, pkey);
    if (ok != 1)
    {
        OpenSslFatal(std::string(sign ? "EVP_DigestSignInit(" : "EVP_DigestVerifyInit(") +
                     SmkdSignatureAlgorithmName(alg) + ")");
    }
    if (alg == SmkdSignatureAlgorithm::RSA_PSS_2048 &&
        (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 0) != 1 ||
         EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, ctx.Sha256()) != 1))
    {
        OpenSslFatal("RSA-PSS parameters");
    }
}

void
CheckKey(SmkdSignatureAlgorithm alg, const SmkdKeyPair& key, bool needPrivate)
{
    if (key.GetType() != SigningKeyTypeOf(alg) || !key.GetPkey() ||
        (needPrivate && !key.HasPrivateKey()))
    {
        NS_FATAL_ERROR("signature " << SmkdSignatureAlgorithmName(alg) << ": given a "
                                    << SmkdKeyTypeName(key.GetType())
                                    << (key.HasPrivateKey() ? " private" : " public") << " key");
    }
}

} // namespace

std::size_t
SignatureSizeOf(SmkdSignatureAlgorithm alg)
{
    switch (alg)
    {
    case SmkdSignatureAlgorithm::ED25519:
        return ED25519_SIGNATURE_SIZE;
    case SmkdSignatureAlgorithm::ECDSA_P256:
        return ECDSA_P256_FIELD_SIZE;
    case SmkdSignatureAlgorithm::RSA_PSS_2048:
        return RSA2048_SIGNATURE_SIZE;
    }
    NS_FATAL_ERROR("unknown signature algorithm " << int(alg));
}

SmkdKeyType
SigningKeyTypeOf(SmkdSignatureAlgorithm alg)
{
    switch (alg)
    {
    case SmkdSignatureAlgorithm::ED25519:
        return SmkdKeyType::ED25519;
    case SmkdSignatureAlgorithm::ECDSA_P256:
        return SmkdKeyType::ECDSA_P256;
    case SmkdSignatureAlgorithm::RSA_PSS_2048:
        return SmkdKeyType::RSA_2048;
    }
    NS_FATAL_ERROR("unknown signature algorithm " << int(alg));
}

Bytes
SignMessage(OpenSslContext& ctx,
            SmkdSignatureAlgorithm alg,
            const SmkdKeyPair& key,
            const Bytes& message)
{
    CheckKey(alg, key, true);
    InitDigest(ctx, alg, key.GetPkey(), true);
    const std::size_t field = SignatureSizeOf(alg);
    Bytes sig(field);
    std::size_t len = sig.size();
    if (EVP_DigestSign(ctx.DigestContext(),
                       sig.data(),
                       &len,
                       MessageData(message),
                       message.size()) != 1)
    {
        OpenSslFatal(std::string("EVP_DigestSign(") + SmkdSignatureAlgorithmName(alg) + ")");
    }
    if (alg == SmkdSignatureAlgorithm::ECDSA_P256 ? len > field : len != field)
    {
        NS_FATAL_ERROR("signature " << SmkdSignatureAlgorithmName(alg) << " of " << len
                                    << " bytes does not fit its " << field << "-byte field");
    }
    // ECDSA: the zeros after the DER are the padding of the fixed field.
    std::fill(sig.begin() + len, sig.end(), 0);
    return sig;
}

bool
VerifyMessage(OpenSslContext& ctx,
              SmkdSignatureAlgorithm alg,
              const SmkdKeyPair& key,
              const Bytes& message,
              const Bytes& signature)
{
    CheckKey(alg, key, false);
    if (signature.size() != SignatureSizeOf(alg))
    {
        return false;
    }
    std::size_t len = signature.size();
    if (alg == SmkdSignatureAlgorithm::ECDSA_P256)
    {
        // DER SEQUENCE with a short-form length: 0x30, L, then L bytes.
        if (signature[0] != 0x30 || signature[1] > ECDSA_P256_FIELD_SIZE - 2)
        {
            return false;
        }
        len = 2 + signature[1];
        // Padding must be zero, or one signature would have many valid encodings.
        if (std::any_of(signature.begin() + len, signature.end(), [](uint8_t b) { return b != 0; }))
        {
            return false;
        }
    }
    InitDigest(ctx, alg, key.GetPkey(), false);
    const int rc = EVP_DigestVerify(ctx.DigestContext(),
                                    signature.data(),
                                    len,
                                    MessageData(message),
                                    message.size());
    if (rc != 1)
    {
        // 0 is a bad signature, a negative value a malformed one: both mean "not valid".
        OpenSslClearErrors();
        return false;
    }
    return true;
}

} // namespace smkd
} // namespace ns3
