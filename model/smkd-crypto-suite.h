/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CRYPTO_SUITE_H
#define SMKD_CRYPTO_SUITE_H

#include "smkd-crypto-types.h"
#include "smkd-drbg.h"
#include "smkd-key-pair.h"
#include "smkd-openssl.h"
#include "smkd-placeholder-generator.h"

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The cryptography of one simulation run: keys, signatures, seals, AEAD, hashes.
 *
 * One suite serves every node of a run. Keys belong to identities (plain
 * numbers the protocol assigns, e.g. node ids) and are derived from the run
 * seed, so a run is reproduced from its seed (RSA keys excepted: see
 * SmkdRsaKeyPool). All randomness comes from SmkdDrbg streams; wall-clock
 * time and OpenSSL's RNG never decide a result. The only run-to-run
 * differences are in bytes OpenSSL 3.0 randomises internally (ECDSA nonces,
 * OAEP padding) and in pooled RSA keys, and never in a size.
 *
 * Failures: a signature that does not verify, a blob that does not open, and
 * any malformed input (wrong length, truncated, not a key) give false; a
 * misuse (a key of the wrong type, an AEAD key of the wrong length on
 * encryption) stops the simulation with NS_FATAL_ERROR and OpenSSL's error text.
 *
 * \warning In SmkdCryptoMode::MODELED the suite does NO cryptography and calls
 * no OpenSSL function: signatures, public keys and ciphertexts are
 * placeholder bytes of exactly the real sizes, Verify and Open succeed on
 * every well-formed input, sealed and AEAD blobs carry their plaintext in the
 * clear, and Hash is a non-cryptographic stand-in. It exists to simulate
 * large networks with correct message sizes (CPU time is charged separately
 * through SmkdCryptoCostTable). No security property whatsoever may be
 * claimed from a modeled run; IsModeled() lets callers label their output.
 *
 * Not thread-safe (ns-3 runs one thread); a suite keeps no global state.
 */
class SmkdCryptoSuite : public SimpleRefCount<SmkdCryptoSuite>
{
  public:
    /// SHA-256 digest size.
    static constexpr std::size_t HASH_SIZE = 32;
    /// AEAD (AES-256-GCM) key size.
    static constexpr std::size_t AEAD_KEY_SIZE = 32;
    /// Default number of RSA keys per purpose; see SmkdRsaKeyPool.
    static constexpr uint32_t DEFAULT_RSA_POOL_SIZE = 8;

    /**
     * \param signature signature algorithm of every identity
     * \param seal seal algorithm of every identity
     * \param mode REAL or MODELED
     * \param runSeed the run's seed; every key and random byte derives from it
     * \param rsaPoolSize RSA keys per purpose (identity i uses slot i mod rsaPoolSize)
     */
    SmkdCryptoSuite(SmkdSignatureAlgorithm signature,
                    SmkdSealAlgorithm seal,
                    SmkdCryptoMode mode,
                    uint64_t runSeed,
                    uint32_t rsaPoolSize = DEFAULT_RSA_POOL_SIZE);

    SmkdCryptoSuite(const SmkdCryptoSuite&) = delete;
    SmkdCryptoSuite& operator=(const SmkdCryptoSuite&) = delete;

    /** \return the signature algorithm */
    SmkdSignatureAlgorithm GetSignatureAlgorithm() const;
    /** \return the seal algorithm */
    SmkdSealAlgorithm GetSealAlgorithm() const;
    /** \return the mode */
    SmkdCryptoMode GetMode() const;
    /** \return true in MODELED mode: outputs carry no security at all */
    bool IsModeled() const;
    /** \return the run seed */
    uint64_t GetRunSeed() const;

    /**
     * \param identity a principal
     * \return its signing key pair, made on first use and cached
     */
    Ptr<SmkdKeyPair> SigningKey(uint64_t identity);

    /**
     * \param identity a principal
     * \return its sealing (encryption) key pair, made on first use and cached
     */
    Ptr<SmkdKeyPair> SealingKey(uint64_t identity);

    /**
     * \param key a signing key pair from SigningKey()
     * \param message what to sign
     * \return SignatureSize() bytes
     */
    Bytes Sign(const SmkdKeyPair& key, const Bytes& message);

    /**
     * \param publicKey the signer's public key as received (PublicKeySize(true) bytes)
     * \param message the signed message
     * \param signature the signature field as received
     * \return true when the signature is valid (in MODELED mode: when the sizes are right)
     */
    bool Verify(const Bytes& publicKey, const Bytes& message, const Bytes& signature);

    /**
     * \param recipientPublicKey the recipient's sealing public key; must be valid (fatal otherwise)
     * \param plaintext what to seal
     * \param sealerIdentity whose DRBG stream supplies the ephemeral key and nonces
     * \return SealedSize(plaintext.size()) bytes; see smkd::SealedSizeOf for the formats
     */
    Bytes Seal(const Bytes& recipientPublicKey, const Bytes& plaintext, uint64_t sealerIdentity);

    /**
     * \param recipient the recipient's sealing key pair from SealingKey()
     * \param sealed the blob as received
     * \param plaintext receives the plaintext on success
     * \return false when the blob is malformed, tampered with or for someone else
     */
    bool Open(const SmkdKeyPair& recipient, const Bytes& sealed, Bytes& plaintext);

    /**
     * \brief AES-256-GCM: nonce (12) | ciphertext | tag (16).
     * \param key32 AEAD_KEY_SIZE bytes (fatal otherwise)
     * \param aad authenticated, not encrypted
     * \param plaintext what to encrypt
     * \param nonceSource whose DRBG stream supplies the nonce (use the encrypting node)
     * \return AeadSize(plaintext.size()) bytes
     */
    Bytes AeadEncrypt(const Bytes& key32,
                      const Bytes& aad,
                      const Bytes& plaintext,
                      uint64_t nonceSource);

    /**
     * \param key32 the key
     * \param aad the same aad as on encryption
     * \param sealed nonce | ciphertext | tag
     * \param plaintext receives the plaintext on success
     * \return false for a wrong key, aad or tag, or a blob shorter than 28 bytes
     */
    bool AeadDecrypt(const Bytes& key32, const Bytes& aad, const Bytes& sealed, Bytes& plaintext);

    /**
     * \brief Random bytes of an identity: group keys, KEKs, token random numbers.
     * \param identity whose stream to draw from
     * \param n byte count
     * \return the next \p n bytes of that identity's stream
     */
    Bytes RandomBytes(uint64_t identity, std::size_t n);

    /**
     * \param data the input
     * \return its SHA-256 digest (in MODELED mode a non-cryptographic stand-in)
     */
    Bytes Hash(const Bytes& data);

    /** \return the signature size: 64 (Ed25519), 72 (ECDSA P-256 field), 256 (RSA-PSS) */
    std::size_t SignatureSize() const;

    /**
     * \param signing true for the signing key, false for the sealing key
     * \return its public key size: 32 (Ed25519, X25519), 91 (P-256), 294 (RSA-2048)
     */
    std::size_t PublicKeySize(bool signing) const;

    /**
     * \param plaintext plaintext size
     * \return the sealed size: n + 60 (X25519), 256 for n <= 190 else n + 284 (RSA-OAEP)
     */
    std::size_t SealedSize(std::size_t plaintext) const;

    /**
     * \param plaintext plaintext size
     * \return the AEAD output size: n + 28
     */
    std::size_t AeadSize(std::size_t plaintext) const;

  private:
    /** \return the DRBG stream (created on first use) for identity and label */
    SmkdDrbg& Stream(uint64_t identity, const std::string& label);
    /** \return the placeholder stream (created on first use) for identity and label */
    SmkdPlaceholderGenerator& PlaceholderStream(uint64_t identity, const std::string& label);
    /** \return the parsed key for received public key bytes, or null when malformed */
    Ptr<SmkdKeyPair> PeerKey(SmkdKeyType type, const Bytes& publicKey);
    /** \return a new key for identity of the given purpose */
    Ptr<SmkdKeyPair> MakeKey(uint64_t identity, bool signing);

    SmkdSignatureAlgorithm m_signature;
    SmkdSealAlgorithm m_seal;
    SmkdCryptoMode m_mode;
    uint64_t m_runSeed;
    uint32_t m_rsaPoolSize;
    Ptr<smkd::OpenSslContext> m_ctx; //!< null in MODELED mode

    std::map<uint64_t, Ptr<SmkdKeyPair>> m_signingKeys;
    std::map<uint64_t, Ptr<SmkdKeyPair>> m_sealingKeys;
    /// Received public keys, parsed once: the same few keys are checked over and over.
    std::map<std::pair<SmkdKeyType, Bytes>, Ptr<SmkdKeyPair>> m_peerKeys;
    std::map<std::pair<uint64_t, std::string>, SmkdDrbg> m_streams;
    std::map<std::pair<uint64_t, std::string>, SmkdPlaceholderGenerator> m_placeholders;
};

} // namespace ns3

#endif /* SMKD_CRYPTO_SUITE_H */
