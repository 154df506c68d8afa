/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-key-pair.h"

#include "smkd-openssl.h"

#include "ns3/fatal-error.h"

#include <cstring>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

namespace ns3
{

using smkd::OpenSslFatal;
using smkd::OpenSslPtr;

namespace
{

constexpr std::size_t RAW_KEY_SIZE = 32;
constexpr std::size_t P256_SPKI_SIZE = 91;
constexpr std::size_t RSA2048_SPKI_SIZE = 294;

Bytes
RawPublicKey(EVP_PKEY* pkey)
{
    Bytes pub(RAW_KEY_SIZE);
    std::size_t len = pub.size();
    if (EVP_PKEY_get_raw_public_key(pkey, pub.data(), &len) != 1 || len != RAW_KEY_SIZE)
    {
        OpenSslFatal("EVP_PKEY_get_raw_public_key");
    }
    return pub;
}

Bytes
SpkiPublicKey(EVP_PKEY* pkey, std::size_t expected)
{
    unsigned char* der = nullptr;
    const int len = i2d_PUBKEY(pkey, &der);
    if (len <= 0)
    {
        OpenSslFatal("i2d_PUBKEY");
    }
    Bytes pub(der, der + len);
    OPENSSL_free(der);
    if (pub.size() != expected)
    {
        NS_FATAL_ERROR("public key encodes to " << pub.size() << " bytes, expected " << expected);
    }
    return pub;
}

/// P-256 key pair from a seed; see SmkdKeyPair::FromSeed for why EC_POINT_mul is used.
EVP_PKEY*
P256FromSeed(const Bytes& seed)
{
    OpenSslPtr<EC_GROUP> group(
        EC_GROUP_new_by_curve_name_ex(nullptr, nullptr, NID_X9_62_prime256v1));
    OpenSslPtr<BN_CTX> bnCtx(BN_CTX_new());
    OpenSslPtr<BIGNUM> x(BN_bin2bn(seed.data(), static_cast<int>(seed.size()), nullptr));
    OpenSslPtr<BIGNUM> d(BN_new());
    OpenSslPtr<BIGNUM> nMinus1(group ? BN_dup(EC_GROUP_get0_order(group.get())) : nullptr);
    if (!group || !bnCtx || !x || !d || !nMinus1 || BN_sub_word(nMinus1.get(), 1) != 1 ||
        BN_nnmod(d.get(), x.get(), nMinus1.get(), bnCtx.get()) != 1 || BN_add_word(d.get(), 1) != 1)
    {
        OpenSslFatal("P-256 private scalar from seed");
    }
    OpenSslPtr<EC_POINT> q(EC_POINT_new(group.get()));
    uint8_t point[65];
    if (!q || EC_POINT_mul(group.get(), q.get(), d.get(), nullptr, nullptr, bnCtx.get()) != 1 ||
        EC_POINT_point2oct(group.get(),
                           q.get(),
                           POINT_CONVERSION_UNCOMPRESSED,
                           point,
                           sizeof(point),
                           bnCtx.get()) != sizeof(point))
    {
        OpenSslFatal("P-256 public point d*G");
    }
    OpenSslPtr<OSSL_PARAM_BLD> bld(OSSL_PARAM_BLD_new());
    if (!bld ||
        OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
            1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(),
                                         OSSL_PKEY_PARAM_PUB_KEY,
                                         point,
                                         sizeof(point)) != 1)
    {
        OpenSslFatal("OSSL_PARAM_BLD for a P-256 key");
    }
    OpenSslPtr<OSSL_PARAM> params(OSSL_PARAM_BLD_to_param(bld.get()));
    OpenSslPtr<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &pkey, EVP_PKEY_KEYPAIR, params.get()) != 1)
    {
        OpenSslFatal("EVP_PKEY_fromdata(P-256 key pair)");
    }
    return pkey;
}

} // namespace

const char*
SmkdKeyTypeName(SmkdKeyType t)
{
    switch (t)
    {
    case SmkdKeyType::ED25519:
        return "ed25519";
    case SmkdKeyType::X25519:
        return "x25519";
    case SmkdKeyType::ECDSA_P256:
        return "ecdsa-p256";
    case SmkdKeyType::RSA_2048:
        return "rsa-2048";
    case SmkdKeyType::MODELED:
        return "modeled";
    }
    return "unknown";
}

SmkdKeyPair::SmkdKeyPair(SmkdKeyType type, EVP_PKEY* pkey, Bytes publicKey, bool hasPrivate)
    : m_type(type),
      m_pkey(pkey),
      m_publicKey(std::move(publicKey)),
      m_hasPrivate(hasPrivate)
{
}

SmkdKeyPair::~SmkdKeyPair()
{
    EVP_PKEY_free(m_pkey);
}

std::size_t
SmkdKeyPair::PublicKeySize(SmkdKeyType type)
{
    switch (type)
    {
    case SmkdKeyType::ED25519:
    case SmkdKeyType::X25519:
        return RAW_KEY_SIZE;
    case SmkdKeyType::ECDSA_P256:
        return P256_SPKI_SIZE;
    case SmkdKeyType::RSA_2048:
        return RSA2048_SPKI_SIZE;
    case SmkdKeyType::MODELED:
        return 0;
    }
    return 0;
}

Ptr<SmkdKeyPair>
SmkdKeyPair::FromSeed(SmkdKeyType type, const Bytes& seed)
{
    if (seed.size() != SEED_SIZE)
    {
        NS_FATAL_ERROR("SmkdKeyPair::FromSeed: seed of " << seed.size() << " bytes, expected "
                                                         << SEED_SIZE);
    }
    EVP_PKEY* pkey = nullptr;
    Bytes pub;
    switch (type)
    {
    case SmkdKeyType::ED25519:
    case SmkdKeyType::X25519: {
        const char* name = type == SmkdKeyType::ED25519 ? "ED25519" : "X25519";
        pkey = EVP_PKEY_new_raw_private_key_ex(nullptr, name, nullptr, seed.data(), seed.size());
        if (!pkey)
        {
            OpenSslFatal(std::string("EVP_PKEY_new_raw_private_key_ex(") + name + ")");
        }
        pub = RawPublicKey(pkey);
        break;
    }
    case SmkdKeyType::ECDSA_P256:
        pkey = P256FromSeed(seed);
        pub = SpkiPublicKey(pkey, P256_SPKI_SIZE);
        break;
    case SmkdKeyType::RSA_2048:
    case SmkdKeyType::MODELED:
        NS_FATAL_ERROR("SmkdKeyPair::FromSeed: " << SmkdKeyTypeName(type)
                                                 << " keys cannot be made from a seed");
    }
    return Ptr<SmkdKeyPair>(new SmkdKeyPair(type, pkey, std::move(pub), true), false);
}

Ptr<SmkdKeyPair>
SmkdKeyPair::GenerateRsa2048()
{
    OpenSslPtr<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* pkey = nullptr;
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048) != 1 ||
        EVP_PKEY_generate(ctx.get(), &pkey) != 1)
    {
        OpenSslFatal("RSA-2048 key generation");
    }
    Bytes pub = SpkiPublicKey(pkey, RSA2048_SPKI_SIZE);
    return Ptr<SmkdKeyPair>(new SmkdKeyPair(SmkdKeyType::RSA_2048, pkey, std::move(pub), true),
                            false);
}

Ptr<SmkdKeyPair>
SmkdKeyPair::FromPublicKey(SmkdKeyType type, const Bytes& publicKey)
{
    if (type == SmkdKeyType::MODELED || publicKey.size() != PublicKeySize(type))
    {
        return nullptr;
    }
    EVP_PKEY* pkey = nullptr;
    if (type == SmkdKeyType::ED25519 || type == SmkdKeyType::X25519)
    {
        const char* name = type == SmkdKeyType::ED25519 ? "ED25519" : "X25519";
        pkey = EVP_PKEY_new_raw_public_key_ex(nullptr,
                                              name,
                                              nullptr,
                                              publicKey.data(),
                                              publicKey.size());
    }
    else
    {
        const unsigned char* p = publicKey.data();
        pkey = d2i_PUBKEY(nullptr, &p, static_cast<long>(publicKey.size()));
        bool ok = pkey && p == publicKey.data() + publicKey.size();
        if (ok && type == SmkdKeyType::ECDSA_P256)
        {
            char group[32] = {0};
            std::size_t len = 0;
            ok = EVP_PKEY_is_a(pkey, "EC") &&
                 EVP_PKEY_get_utf8_string_param(pkey,
                                                OSSL_PKEY_PARAM_GROUP_NAME,
                                                group,
                                                sizeof(group),
                                                &len) == 1 &&
                 std::strcmp(group, "prime256v1") == 0;
        }
        else if (ok)
        {
            // "RSA" only: an RSA-PSS-restricted key (its own OID) is not what the peers use.
            ok = EVP_PKEY_is_a(pkey, "RSA") && EVP_PKEY_get_bits(pkey) == 2048;
        }
        if (!ok)
        {
            EVP_PKEY_free(pkey);
            pkey = nullptr;
        }
    }
    if (!pkey)
    {
        // Bytes from the network that are not a key: a normal failure.
        smkd::OpenSslClearErrors();
        return nullptr;
    }
    return Ptr<SmkdKeyPair>(new SmkdKeyPair(type, pkey, publicKey, false), false);
}

Ptr<SmkdKeyPair>
SmkdKeyPair::Modeled(Bytes publicKey)
{
    return Ptr<SmkdKeyPair>(
        new SmkdKeyPair(SmkdKeyType::MODELED, nullptr, std::move(publicKey), false),
        false);
}

} // namespace ns3
