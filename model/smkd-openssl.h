/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_OPENSSL_H
#define SMKD_OPENSSL_H

#include "ns3/simple-ref-count.h"

#include <memory>
#include <openssl/ec.h>
#include <openssl/types.h>
#include <string>

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief Ownership of OpenSSL objects, so no early return can leak one.
 */
struct OpenSslFree
{
    void operator()(EVP_PKEY* p) const;
    void operator()(EVP_PKEY_CTX* p) const;
    void operator()(EVP_MD_CTX* p) const;
    void operator()(EVP_CIPHER_CTX* p) const;
    void operator()(EVP_MAC_CTX* p) const;
    void operator()(EVP_KDF_CTX* p) const;
    void operator()(EVP_MD* p) const;
    void operator()(EVP_CIPHER* p) const;
    void operator()(EVP_MAC* p) const;
    void operator()(EVP_KDF* p) const;
    void operator()(BIGNUM* p) const;
    void operator()(BN_CTX* p) const;
    void operator()(EC_GROUP* p) const;
    void operator()(EC_POINT* p) const;
    void operator()(OSSL_PARAM_BLD* p) const;
    void operator()(OSSL_PARAM* p) const;
};

/// An owned OpenSSL object of type T.
template <class T>
using OpenSslPtr = std::unique_ptr<T, OpenSslFree>;

/**
 * \ingroup smkd
 * \brief Stop the simulation because OpenSSL failed where it cannot fail on valid input.
 *
 * Used only for programming errors (a key of the wrong type, an algorithm
 * missing from the OpenSSL build): the message carries every entry of
 * OpenSSL's error queue, as ERR_error_string gives it, so the cause is visible.
 * \param what the call that failed
 */
[[noreturn]] void OpenSslFatal(const std::string& what);

/**
 * \ingroup smkd
 * \brief Forget OpenSSL's queued errors after an expected failure.
 *
 * A signature that does not verify or a blob that does not open leaves
 * entries in the thread's error queue; left there, they would be reported by
 * the next unrelated OpenSslFatal and mislead whoever reads it.
 */
void OpenSslClearErrors();

/**
 * \ingroup smkd
 * \brief The algorithms and reusable contexts of one crypto suite.
 *
 * OpenSSL 3 looks algorithms up by name in its provider store ("fetching"),
 * which costs far more than the short operations the key distribution does;
 * fetching once per suite and reusing the digest, cipher, MAC and KDF
 * contexts keeps the per-operation work to the cryptography itself. Contexts
 * that OpenSSL binds to one key (EVP_PKEY_CTX) are still made per operation.
 *
 * Owned by a suite (not a process-wide singleton) so that the layer keeps no
 * global mutable state; not copyable, since it owns the OpenSSL objects.
 */
class OpenSslContext : public SimpleRefCount<OpenSslContext>
{
  public:
    /** Fetch SHA-256, AES-256-GCM, HMAC and HKDF; fatal if the OpenSSL build lacks one. */
    OpenSslContext();
    OpenSslContext(const OpenSslContext&) = delete;
    OpenSslContext& operator=(const OpenSslContext&) = delete;

    /** \return the fetched SHA-256 */
    const EVP_MD* Sha256() const
    {
        return m_sha256.get();
    }

    /** \return the fetched AES-256-GCM */
    const EVP_CIPHER* Aes256Gcm() const
    {
        return m_aes256Gcm.get();
    }

    /** \return a digest context for sign, verify and hash; callers reset it before use */
    EVP_MD_CTX* DigestContext()
    {
        return m_mdCtx.get();
    }

    /** \return the AES-GCM context; callers initialise it fully before each use */
    EVP_CIPHER_CTX* CipherContext()
    {
        return m_cipherCtx.get();
    }

    /** \return an HMAC-SHA256 context; callers set the key before each use */
    EVP_MAC_CTX* HmacContext()
    {
        return m_hmacCtx.get();
    }

    /** \return an HKDF context; callers pass every parameter on each derivation */
    EVP_KDF_CTX* HkdfContext()
    {
        return m_hkdfCtx.get();
    }

  private:
    OpenSslPtr<EVP_MD> m_sha256;
    OpenSslPtr<EVP_CIPHER> m_aes256Gcm;
    OpenSslPtr<EVP_MAC> m_hmac;
    OpenSslPtr<EVP_KDF> m_hkdf;
    OpenSslPtr<EVP_MD_CTX> m_mdCtx;
    OpenSslPtr<EVP_CIPHER_CTX> m_cipherCtx;
    OpenSslPtr<EVP_MAC_CTX> m_hmacCtx;
    OpenSslPtr<EVP_KDF_CTX> m_hkdfCtx;
};

} // namespace smkd
} // namespace ns3

#endif /* SMKD_OPENSSL_H */
