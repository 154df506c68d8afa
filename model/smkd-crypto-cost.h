/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CRYPTO_COST_H
#define SMKD_CRYPTO_COST_H

#include "smkd-crypto-types.h"

#include "ns3/nstime.h"
#include "ns3/object.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Simulated CPU time of each crypto operation, for SmkdSimulatedCpu.
 *
 * Simulated time must never depend on how fast the machine running the
 * simulation is, so operations are charged from this table, not measured.
 * Defaults are the medians measured with OpenSSL 3.0 on one core of the
 * project machine (/work/shared/README.md); bench/crypto-bench prints the
 * same figures for another machine. Each is an attribute, so a scenario can
 * model slower routers, e.g. Config::SetDefault("ns3::SmkdCryptoCostTable::Ed25519Sign", ...).
 *
 * Size dependence: public-key operations are charged their fixed cost plus
 * SHA-256 of the message (SignatureHashPerKiB x size); seals and opens add
 * the AES-256-GCM cost of the payload beyond the 48 bytes the table was
 * measured with; AES-256-GCM itself is the straight line through the 48-byte
 * and 1-KiB measurements.
 */
class SmkdCryptoCostTable : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \param op SIGN, VERIFY, KEYGEN, or an AEAD operation
     * \param alg the signature algorithm
     * \param bytes message size (ignored for KEYGEN)
     * \return the CPU time of the operation; fatal for SEAL and OPEN
     */
    Time Cost(SmkdCryptoOp op, SmkdSignatureAlgorithm alg, std::size_t bytes) const;

    /**
     * \param op SEAL, OPEN, KEYGEN, or an AEAD operation
     * \param alg the seal algorithm
     * \param bytes plaintext size (ignored for KEYGEN)
     * \return the CPU time of the operation; fatal for SIGN and VERIFY
     */
    Time Cost(SmkdCryptoOp op, SmkdSealAlgorithm alg, std::size_t bytes) const;

    /**
     * \param bytes plaintext size
     * \return the CPU time of one AES-256-GCM encryption or decryption
     */
    Time AeadCost(std::size_t bytes) const;

  private:
    /** \return SHA-256 time for \p bytes of message */
    Time HashCost(std::size_t bytes) const;
    /** \return AeadCost(bytes) - AeadCost(48), never negative */
    Time ExtraAeadCost(std::size_t bytes) const;

    Time m_ed25519Sign;
    Time m_ed25519Verify;
    Time m_ed25519Keygen;
    Time m_ecdsaSign;
    Time m_ecdsaVerify;
    Time m_ecdsaKeygen;
    Time m_rsaPssSign;
    Time m_rsaPssVerify;
    Time m_rsaPssKeygen;
    Time m_x25519Seal;
    Time m_x25519Open;
    Time m_x25519Keygen;
    Time m_rsaOaepSeal;
    Time m_rsaOaepOpen;
    Time m_rsaOaepKeygen;
    Time m_aesGcm48;
    Time m_aesGcm1KiB;
    Time m_hashPerKiB;
};

} // namespace ns3

#endif /* SMKD_CRYPTO_COST_H */
