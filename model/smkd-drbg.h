/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_DRBG_H
#define SMKD_DRBG_H

#include "smkd-crypto-types.h"
#include "smkd-openssl.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Deterministic random bytes for one (run seed, identity, label) stream.
 *
 * Every random value of the crypto layer (private keys, X25519 ephemeral
 * keys, AES keys and GCM nonces, token random numbers) is drawn from one of
 * these, so a simulation run is reproduced byte for byte from its seed, and
 * neither the wall clock nor OpenSSL's RNG changes what a run computes.
 *
 * Construction (HMAC-SHA256 in counter mode, as the NIST SP 800-108 KDF):
 *   K      = HMAC-SHA256(key = be64(runSeed),
 *                        "smkd-drbg-v1" || be64(identity) || be32(|label|) || label)
 *   output = HMAC-SHA256(K, be64(0)) || HMAC-SHA256(K, be64(1)) || ...
 * Generate() continues the stream, so successive calls never repeat bytes.
 *
 * The bytes are unpredictable only to someone who does not know the run
 * seed: fine for a simulation, never a source of real secrets.
 */
class SmkdDrbg
{
  public:
    /**
     * \param runSeed the simulation run's seed
     * \param identity the node or principal the stream belongs to
     * \param label what the stream is for, e.g. "seal"; separates streams of one identity
     * \param ctx OpenSSL context to share; null makes a private one
     */
    SmkdDrbg(uint64_t runSeed,
             uint64_t identity,
             const std::string& label,
             Ptr<smkd::OpenSslContext> ctx = nullptr);

    /**
     * \param n byte count
     * \return the next \p n bytes of the stream
     */
    Bytes Generate(std::size_t n);

    /**
     * \brief Fill a buffer with the next bytes of the stream.
     * \param out destination
     * \param n byte count
     */
    void Generate(uint8_t* out, std::size_t n);

  private:
    /** Compute the next 32-byte block into m_block. */
    void NextBlock();

    Ptr<smkd::OpenSslContext> m_ctx; //!< HMAC context and fetched algorithms
    uint8_t m_key[32];               //!< K, the stream key
    uint64_t m_counter{0};           //!< index of the next block
    uint8_t m_block[32];             //!< the current block
    std::size_t m_used{32};          //!< bytes of m_block already handed out
};

} // namespace ns3

#endif /* SMKD_DRBG_H */
