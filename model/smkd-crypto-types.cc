/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-crypto-types.h"

namespace ns3
{

// The names below end up in trace files and result tables: never rename one.

const char*
SmkdSignatureAlgorithmName(SmkdSignatureAlgorithm a)
{
    switch (a)
    {
    case SmkdSignatureAlgorithm::ED25519:
        return "ed25519";
    case SmkdSignatureAlgorithm::ECDSA_P256:
        return "ecdsa-p256";
    case SmkdSignatureAlgorithm::RSA_PSS_2048:
        return "rsa-pss-2048";
    }
    return "unknown";
}

const char*
SmkdSealAlgorithmName(SmkdSealAlgorithm a)
{
    switch (a)
    {
    case SmkdSealAlgorithm::X25519_HKDF_AES256GCM:
        return "x25519-hkdf-aes256gcm";
    case SmkdSealAlgorithm::RSA_OAEP_2048:
        return "rsa-oaep-2048";
    }
    return "unknown";
}

const char*
SmkdCryptoModeName(SmkdCryptoMode m)
{
    switch (m)
    {
    case SmkdCryptoMode::REAL:
        return "real";
    case SmkdCryptoMode::MODELED:
        return "modeled";
    }
    return "unknown";
}

const char*
SmkdCryptoOpName(SmkdCryptoOp op)
{
    switch (op)
    {
    case SmkdCryptoOp::SIGN:
        return "sign";
    case SmkdCryptoOp::VERIFY:
        return "verify";
    case SmkdCryptoOp::SEAL:
        return "seal";
    case SmkdCryptoOp::OPEN:
        return "open";
    case SmkdCryptoOp::AEAD_ENCRYPT:
        return "aead-encrypt";
    case SmkdCryptoOp::AEAD_DECRYPT:
        return "aead-decrypt";
    case SmkdCryptoOp::KEYGEN:
        return "keygen";
    }
    return "unknown";
}

std::ostream&
operator<<(std::ostream& os, SmkdSignatureAlgorithm a)
{
    return os << SmkdSignatureAlgorithmName(a);
}

std::ostream&
operator<<(std::ostream& os, SmkdSealAlgorithm a)
{
    return os << SmkdSealAlgorithmName(a);
}

std::ostream&
operator<<(std::ostream& os, SmkdCryptoMode m)
{
    return os << SmkdCryptoModeName(m);
}

std::ostream&
operator<<(std::ostream& os, SmkdCryptoOp op)
{
    return os << SmkdCryptoOpName(op);
}

} // namespace ns3
