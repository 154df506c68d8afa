/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KEY_PAIR_H
#define SMKD_KEY_PAIR_H

#include "smkd-crypto-types.h"

#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <openssl/types.h>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The kind of key an SmkdKeyPair holds.
 *
 * RSA-2048 serves both RSA-PSS signatures and RSA-OAEP seals; MODELED keys
 * hold no OpenSSL key at all, only a public-key placeholder of the real size.
 */
enum class SmkdKeyType : uint8_t
{
    ED25519,
    X25519,
    ECDSA_P256,
    RSA_2048,
    MODELED,
};

/**
 * \param t a key type
 * \return its stable lowercase name, e.g. "x25519"
 */
const char* SmkdKeyTypeName(SmkdKeyType t);

/**
 * \ingroup smkd
 * \brief One principal's key: an OpenSSL EVP_PKEY and its public key as sent on the wire.
 *
 * Public key encodings, fixed per type so message sizes never vary:
 *  - Ed25519, X25519: the raw 32-byte key (RFC 8032, RFC 7748);
 *  - ECDSA P-256: DER SubjectPublicKeyInfo with an uncompressed point, 91 bytes;
 *  - RSA-2048 (e = 65537): DER SubjectPublicKeyInfo, 294 bytes.
 *
 * A key made with FromPublicKey() holds no private part: it verifies and
 * seals but cannot sign or open. Owns its EVP_PKEY, so it cannot be copied.
 */
class SmkdKeyPair : public SimpleRefCount<SmkdKeyPair>
{
  public:
    /// Length of the seed FromSeed() takes.
    static constexpr std::size_t SEED_SIZE = 32;

    /**
     * \brief A key determined entirely by a seed from SmkdDrbg.
     *
     * Ed25519 and X25519 take the seed as the raw private key
     * (EVP_PKEY_new_raw_private_key). P-256 takes d = (seed mod (n - 1)) + 1,
     * which is never zero and is unbiased to within 2^-128, and derives
     * the public point d·G with EC_POINT_mul: OpenSSL 3.0's EVP_PKEY_fromdata
     * accepts a P-256 private key alone but does not compute the public point,
     * and without it the key can neither verify nor be encoded, so the low-level
     * (not deprecated) EC_GROUP/EC_POINT calls are unavoidable here.
     * \param type ED25519, X25519 or ECDSA_P256 (RSA cannot be seeded: see SmkdRsaKeyPool)
     * \param seed SEED_SIZE bytes
     * \return the key
     */
    static Ptr<SmkdKeyPair> FromSeed(SmkdKeyType type, const Bytes& seed);

    /**
     * \brief A fresh RSA-2048 key from OpenSSL's RNG (about 160 ms).
     *
     * Not reproducible: OpenSSL 3.0 offers no public way to seed RSA key
     * generation. Only SmkdRsaKeyPool calls this.
     * \return the key
     */
    static Ptr<SmkdKeyPair> GenerateRsa2048();

    /**
     * \brief Parse a public key received in a message.
     * \param type the expected type (not MODELED)
     * \param publicKey the encoding described in the class comment
     * \return the key, or null when the bytes are not a valid key of that type and size
     */
    static Ptr<SmkdKeyPair> FromPublicKey(SmkdKeyType type, const Bytes& publicKey);

    /**
     * \brief A MODELED-mode key: a placeholder public key, no OpenSSL object.
     * \param publicKey placeholder bytes of the real public key size
     * \return the key
     */
    static Ptr<SmkdKeyPair> Modeled(Bytes publicKey);

    /**
     * \param type a key type
     * \return the size of its public key encoding (0 for MODELED, whose size depends on the suite)
     */
    static std::size_t PublicKeySize(SmkdKeyType type);

    ~SmkdKeyPair();
    SmkdKeyPair(const SmkdKeyPair&) = delete;
    SmkdKeyPair& operator=(const SmkdKeyPair&) = delete;

    /** \return the key type */
    SmkdKeyType GetType() const
    {
        return m_type;
    }

    /** \return the public key as sent on the wire */
    const Bytes& GetPublicKey() const
    {
        return m_publicKey;
    }

    /** \return true when the key can sign or open */
    bool HasPrivateKey() const
    {
        return m_hasPrivate;
    }

    /** \return the OpenSSL key; null for a MODELED key */
    EVP_PKEY* GetPkey() const
    {
        return m_pkey;
    }

  private:
    /**
     * \param type the key type
     * \param pkey owned from now on; may be null only for MODELED
     * \param publicKey the wire encoding
     * \param hasPrivate whether pkey holds a private key
     */
    SmkdKeyPair(SmkdKeyType type, EVP_PKEY* pkey, Bytes publicKey, bool hasPrivate);

    SmkdKeyType m_type;
    EVP_PKEY* m_pkey;
    Bytes m_publicKey;
    bool m_hasPrivate;
};

} // namespace ns3

#endif /* SMKD_KEY_PAIR_H */
