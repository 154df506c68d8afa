/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-openssl.h"

#include "ns3/fatal-error.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <sstream>

namespace ns3
{
namespace smkd
{

void
OpenSslFree::operator()(EVP_PKEY* p) const
{
    EVP_PKEY_free(p);
}

void
OpenSslFree::operator()(EVP_PKEY_CTX* p) const
{
    EVP_PKEY_CTX_free(p);
}

void
OpenSslFree::operator()(EVP_MD_CTX* p) const
{
    EVP_MD_CTX_free(p);
}

void
OpenSslFree::operator()(EVP_CIPHER_CTX* p) const
{
    EVP_CIPHER_CTX_free(p);
}

void
OpenSslFree::operator()(EVP_MAC_CTX* p) const
{
    EVP_MAC_CTX_free(p);
}

void
OpenSslFree::operator()(EVP_KDF_CTX* p) const
{
    EVP_KDF_CTX_free(p);
}

void
OpenSslFree::operator()(EVP_MD* p) const
{
    EVP_MD_free(p);
}

void
OpenSslFree::operator()(EVP_CIPHER* p) const
{
    EVP_CIPHER_free(p);
}

void
OpenSslFree::operator()(EVP_MAC* p) const
{
    EVP_MAC_free(p);
}

void
OpenSslFree::operator()(EVP_KDF* p) const
{
    EVP_KDF_free(p);
}

void
OpenSslFree::operator()(BIGNUM* p) const
{
    BN_clear_free(p);
}

void
OpenSslFree::operator()(BN_CTX* p) const
{
    BN_CTX_free(p);
}

void
OpenSslFree::operator()(EC_GROUP* p) const
{
    EC_GROUP_free(p);
}

void
OpenSslFree::operator()(EC_POINT* p) const
{
    EC_POINT_free(p);
}

void
OpenSslFree::operator()(OSSL_PARAM_BLD* p) const
{
    OSSL_PARAM_BLD_free(p);
}

void
OpenSslFree::operator()(OSSL_PARAM* p) const
{
    OSSL_PARAM_free(p);
}

void
OpenSslFatal(const std::string& what)
{
    std::ostringstream os;
    os << "OpenSSL: " << what << " failed";
    unsigned long code;
    bool any = false;
    while ((code = ERR_get_error()) != 0)
    {
        char text[256];
        ERR_error_string_n(code, text, sizeof(text));
        os << (any ? "; " : ": ") << text;
        any = true;
    }
    if (!any)
    {
        os << " (no OpenSSL error queued)";
    }
    NS_FATAL_ERROR(os.str());
}

void
OpenSslClearErrors()
{
    ERR_clear_error();
}

OpenSslContext::OpenSslContext()
    : m_sha256(EVP_MD_fetch(nullptr, "SHA256", nullptr)),
      m_aes256Gcm(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr)),
      m_hmac(EVP_MAC_fetch(nullptr, "HMAC", nullptr)),
      m_hkdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr))
{
    if (!m_sha256 || !m_aes256Gcm || !m_hmac || !m_hkdf)
    {
        OpenSslFatal("fetching SHA256, AES-256-GCM, HMAC and HKDF");
    }
    m_mdCtx.reset(EVP_MD_CTX_new());
    m_cipherCtx.reset(EVP_CIPHER_CTX_new());
    m_hmacCtx.reset(EVP_MAC_CTX_new(m_hmac.get()));
    m_hkdfCtx.reset(EVP_KDF_CTX_new(m_hkdf.get()));
    if (!m_mdCtx || !m_cipherCtx || !m_hmacCtx || !m_hkdfCtx)
    {
        OpenSslFatal("allocating the digest, cipher, MAC and KDF contexts");
    }
    // HMAC's digest is a context parameter; set once, it survives re-keying.
    char digest[] = "SHA256";
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                           OSSL_PARAM_construct_end()};
    if (EVP_MAC_CTX_set_params(m_hmacCtx.get(), params) != 1)
    {
        OpenSslFatal("EVP_MAC_CTX_set_params(HMAC digest SHA256)");
    }
}

} // namespace smkd
} // namespace ns3
