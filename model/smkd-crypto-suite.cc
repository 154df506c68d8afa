/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-crypto-suite.h"

#include "smkd-aes-gcm.h"
#include "smkd-rsa-key-pool.h"
#include "smkd-seal.h"
#include "smkd-signature.h"

#include "ns3/fatal-error.h"
#include "ns3/log.h"

#include <algorithm>
#include <openssl/evp.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdCryptoSuite");

namespace
{

/// Modeled seals start with the plaintext length, so Open can recover it.
constexpr std::size_t MODELED_LENGTH_FIELD = 4;

} // namespace

SmkdCryptoSuite::SmkdCryptoSuite(SmkdSignatureAlgorithm signature,
                                 SmkdSealAlgorithm seal,
                                 SmkdCryptoMode mode,
                                 uint64_t runSeed,
                                 uint32_t rsaPoolSize)
    : m_signature(signature),
      m_seal(seal),
      m_mode(mode),
      m_runSeed(runSeed),
      m_rsaPoolSize(rsaPoolSize)
{
    if (rsaPoolSize == 0)
    {
        NS_FATAL_ERROR("SmkdCryptoSuite: the RSA key pool needs at least one key");
    }
    // Validates the enums before anything else uses them.
    smkd::SignatureSizeOf(signature);
    smkd::SealedSizeOf(seal, 0);
    if (mode == SmkdCryptoMode::REAL)
    {
        m_ctx = Create<smkd::OpenSslContext>();
    }
    NS_LOG_INFO("crypto suite " << signature << " / " << seal << ", " << mode << ", seed "
                                << runSeed);
}

SmkdSignatureAlgorithm
SmkdCryptoSuite::GetSignatureAlgorithm() const
{
    return m_signature;
}

SmkdSealAlgorithm
SmkdCryptoSuite::GetSealAlgorithm() const
{
    return m_seal;
}

SmkdCryptoMode
SmkdCryptoSuite::GetMode() const
{
    return m_mode;
}

bool
SmkdCryptoSuite::IsModeled() const
{
    return m_mode == SmkdCryptoMode::MODELED;
}

uint64_t
SmkdCryptoSuite::GetRunSeed() const
{
    return m_runSeed;
}

SmkdDrbg&
SmkdCryptoSuite::Stream(uint64_t identity, const std::string& label)
{
    auto key = std::make_pair(identity, label);
    auto it = m_streams.find(key);
    if (it == m_streams.end())
    {
        it = m_streams.emplace(key, SmkdDrbg(m_runSeed, identity, label, m_ctx)).first;
    }
    return it->second;
}

SmkdPlaceholderGenerator&
SmkdCryptoSuite::PlaceholderStream(uint64_t identity, const std::string& label)
{
    auto key = std::make_pair(identity, label);
    auto it = m_placeholders.find(key);
    if (it == m_placeholders.end())
    {
        it =
            m_placeholders.emplace(key, SmkdPlaceholderGenerator(m_runSeed, identity, label)).first;
    }
    return it->second;
}

Ptr<SmkdKeyPair>
SmkdCryptoSuite::MakeKey(uint64_t identity, bool signing)
{
    const std::string purpose = signing ? "signing key " : "sealing key ";
    if (IsModeled())
    {
        SmkdPlaceholderGenerator g(m_runSeed, identity, purpose + "modeled");
        return SmkdKeyPair::Modeled(g.Generate(PublicKeySize(signing)));
    }
    const SmkdKeyType type =
        signing ? smkd::SigningKeyTypeOf(m_signature) : smkd::SealingKeyTypeOf(m_seal);
    if (type == SmkdKeyType::RSA_2048)
    {
        return SmkdRsaKeyPool::Get(signing ? SmkdRsaKeyPool::SIGNING : SmkdRsaKeyPool::SEALING,
                                   static_cast<uint32_t>(identity % m_rsaPoolSize));
    }
    // The label names the key type, so changing algorithm never reuses a seed.
    SmkdDrbg drbg(m_runSeed, identity, purpose + SmkdKeyTypeName(type), m_ctx);
    return SmkdKeyPair::FromSeed(type, drbg.Generate(SmkdKeyPair::SEED_SIZE));
}

Ptr<SmkdKeyPair>
SmkdCryptoSuite::SigningKey(uint64_t identity)
{
    auto& key = m_signingKeys[identity];
    if (!key)
    {
        key = MakeKey(identity, true);
    }
    return key;
}

Ptr<SmkdKeyPair>
SmkdCryptoSuite::SealingKey(uint64_t identity)
{
    auto& key = m_sealingKeys[identity];
    if (!key)
    {
        key = MakeKey(identity, false);
    }
    return key;
}

Ptr<SmkdKeyPair>
SmkdCryptoSuite::PeerKey(SmkdKeyType type, const Bytes& publicKey)
{
    auto cacheKey = std::make_pair(type, publicKey);
    auto it = m_peerKeys.find(cacheKey);
    if (it != m_peerKeys.end())
    {
        return it->second;
    }
    Ptr<SmkdKeyPair> key = SmkdKeyPair::FromPublicKey(type, publicKey);
    if (key)
    {
        m_peerKeys.emplace(std::move(cacheKey), key);
    }
    return key;
}

Bytes
SmkdCryptoSuite::Sign(const SmkdKeyPair& key, const Bytes& message)
{
    if (IsModeled())
    {
        return PlaceholderStream(0, "signature").Generate(SignatureSize());
    }
    return smkd::SignMessage(*m_ctx, m_signature, key, message);
}

bool
SmkdCryptoSuite::Verify(const Bytes& publicKey, const Bytes& message, const Bytes& signature)
{
    if (IsModeled())
    {
        return publicKey.size() == PublicKeySize(true) && signature.size() == SignatureSize();
    }
    const Ptr<SmkdKeyPair> key = PeerKey(smkd::SigningKeyTypeOf(m_signature), publicKey);
    return key && smkd::VerifyMessage(*m_ctx, m_signature, *key, message, signature);
}

Bytes
SmkdCryptoSuite::Seal(const Bytes& recipientPublicKey,
                      const Bytes& plaintext,
                      uint64_t sealerIdentity)
{
    if (IsModeled())
    {
        if (recipientPublicKey.size() != PublicKeySize(false))
        {
            NS_FATAL_ERROR("SmkdCryptoSuite::Seal: recipient public key of "
                           << recipientPublicKey.size() << " bytes, expected "
                           << PublicKeySize(false));
        }
        // length (4, big-endian) | plaintext | filler up to the real sealed size.
        Bytes out(SealedSize(plaintext.size()));
        const uint32_t n = static_cast<uint32_t>(plaintext.size());
        for (std::size_t i = 0; i < MODELED_LENGTH_FIELD; ++i)
        {
            out[i] = static_cast<uint8_t>(n >> (24 - 8 * i));
        }
        std::copy(plaintext.begin(), plaintext.end(), out.begin() + MODELED_LENGTH_FIELD);
        const std::size_t used = MODELED_LENGTH_FIELD + plaintext.size();
        PlaceholderStream(sealerIdentity, "seal").Generate(out.data() + used, out.size() - used);
        return out;
    }
    const Ptr<SmkdKeyPair> key = PeerKey(smkd::SealingKeyTypeOf(m_seal), recipientPublicKey);
    if (!key)
    {
        NS_FATAL_ERROR("SmkdCryptoSuite::Seal: recipient public key is not a valid "
                       << SmkdKeyTypeName(smkd::SealingKeyTypeOf(m_seal)) << " key");
    }
    return smkd::SealTo(*m_ctx, m_seal, *key, plaintext, Stream(sealerIdentity, "seal"));
}

bool
SmkdCryptoSuite::Open(const SmkdKeyPair& recipient, const Bytes& sealed, Bytes& plaintext)
{
    plaintext.clear();
    if (IsModeled())
    {
        if (sealed.size() < MODELED_LENGTH_FIELD)
        {
            return false;
        }
        uint32_t n = 0;
        for (std::size_t i = 0; i < MODELED_LENGTH_FIELD; ++i)
        {
            n = (n << 8) | sealed[i];
        }
        if (n > sealed.size() - MODELED_LENGTH_FIELD || sealed.size() != SealedSize(n))
        {
            return false;
        }
        plaintext.assign(sealed.begin() + MODELED_LENGTH_FIELD,
                         sealed.begin() + MODELED_LENGTH_FIELD + n);
        return true;
    }
    return smkd::OpenSealed(*m_ctx, m_seal, recipient, sealed, plaintext);
}

Bytes
SmkdCryptoSuite::AeadEncrypt(const Bytes& key32,
                             const Bytes& aad,
                             const Bytes& plaintext,
                             uint64_t nonceSource)
{
    if (key32.size() != AEAD_KEY_SIZE)
    {
        NS_FATAL_ERROR("SmkdCryptoSuite::AeadEncrypt: key of "
                       << key32.size() << " bytes, expected " << AEAD_KEY_SIZE);
    }
    Bytes out(AeadSize(plaintext.size()));
    uint8_t* nonce = out.data();
    uint8_t* body = nonce + smkd::AES_GCM_NONCE_SIZE;
    if (IsModeled())
    {
        // nonce placeholder | plaintext in the clear | tag placeholder.
        auto& g = PlaceholderStream(nonceSource, "aead nonce");
        g.Generate(nonce, smkd::AES_GCM_NONCE_SIZE);
        std::copy(plaintext.begin(), plaintext.end(), body);
        g.Generate(body + plaintext.size(), smkd::AES_GCM_TAG_SIZE);
        return out;
    }
    Stream(nonceSource, "aead nonce").Generate(nonce, smkd::AES_GCM_NONCE_SIZE);
    smkd::AesGcmEncrypt(*m_ctx,
                        key32.data(),
                        nonce,
                        aad.data(),
                        aad.size(),
                        plaintext.data(),
                        plaintext.size(),
                        body);
    return out;
}

bool
SmkdCryptoSuite::AeadDecrypt(const Bytes& key32,
                             const Bytes& aad,
                             const Bytes& sealed,
                             Bytes& plaintext)
{
    plaintext.clear();
    if (key32.size() != AEAD_KEY_SIZE || sealed.size() < AeadSize(0))
    {
        return false;
    }
    const uint8_t* body = sealed.data() + smkd::AES_GCM_NONCE_SIZE;
    const std::size_t bodySize = sealed.size() - smkd::AES_GCM_NONCE_SIZE;
    if (IsModeled())
    {
        plaintext.assign(body, body + bodySize - smkd::AES_GCM_TAG_SIZE);
        return true;
    }
    return smkd::AesGcmDecrypt(*m_ctx,
                               key32.data(),
                               sealed.data(),
                               aad.data(),
                               aad.size(),
                               body,
                               bodySize,
                               plaintext);
}

Bytes
SmkdCryptoSuite::RandomBytes(uint64_t identity, std::size_t n)
{
    if (IsModeled())
    {
        return PlaceholderStream(identity, "random").Generate(n);
    }
    return Stream(identity, "random").Generate(n);
}

Bytes
SmkdCryptoSuite::Hash(const Bytes& data)
{
    if (IsModeled())
    {
        return SmkdPlaceholderGenerator::Digest(data);
    }
    Bytes digest(HASH_SIZE);
    unsigned int len = 0;
    EVP_MD_CTX* md = m_ctx->DigestContext();
    // The context may still be set up for a signature (Ed25519 leaves it unusable for hashing).
    EVP_MD_CTX_reset(md);
    if (EVP_DigestInit_ex2(md, m_ctx->Sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(md, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(md, digest.data(), &len) != 1 || len != HASH_SIZE)
    {
        smkd::OpenSslFatal("SHA-256");
    }
    return digest;
}

std::size_t
SmkdCryptoSuite::SignatureSize() const
{
    return smkd::SignatureSizeOf(m_signature);
}

std::size_t
SmkdCryptoSuite::PublicKeySize(bool signing) const
{
    return SmkdKeyPair::PublicKeySize(signing ? smkd::SigningKeyTypeOf(m_signature)
                                              : smkd::SealingKeyTypeOf(m_seal));
}

std::size_t
SmkdCryptoSuite::SealedSize(std::size_t plaintext) const
{
    return smkd::SealedSizeOf(m_seal, plaintext);
}

std::size_t
SmkdCryptoSuite::AeadSize(std::size_t plaintext) const
{
    return smkd::AES_GCM_NONCE_SIZE + plaintext + smkd::AES_GCM_TAG_SIZE;
}

} // namespace ns3
