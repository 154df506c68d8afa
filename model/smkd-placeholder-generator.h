/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_PLACEHOLDER_GENERATOR_H
#define SMKD_PLACEHOLDER_GENERATOR_H

#include "smkd-crypto-types.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Filler bytes for the MODELED crypto mode: cheap, deterministic, NOT cryptographic.
 *
 * Modeled mode must not call OpenSSL at all (its point is to simulate
 * thousands of nodes without paying for the cryptography), yet its messages
 * must have the real sizes and a run must repeat exactly from its seed. This
 * SplitMix64 stream, keyed like SmkdDrbg by (run seed, identity, label),
 * provides the filler. Anyone who sees one output can predict the rest: no
 * security property may ever rest on these bytes.
 */
class SmkdPlaceholderGenerator
{
  public:
    /**
     * \param runSeed the simulation run's seed
     * \param identity the node or principal the stream belongs to
     * \param label what the stream is for
     */
    SmkdPlaceholderGenerator(uint64_t runSeed, uint64_t identity, const std::string& label);

    /**
     * \param n byte count
     * \return the next \p n bytes of the stream
     */
    Bytes Generate(std::size_t n);

    /**
     * \param out destination
     * \param n byte count
     */
    void Generate(uint8_t* out, std::size_t n);

    /**
     * \brief A 32-byte stand-in for SHA-256: equal inputs give equal outputs.
     *
     * Good enough to keep a modeled run's digests consistent (two nodes hashing
     * the same ACL agree), and trivially forgeable.
     * \param data the input
     * \return 32 bytes
     */
    static Bytes Digest(const Bytes& data);

  private:
    uint64_t Next();

    uint64_t m_state;
};

} // namespace ns3

#endif /* SMKD_PLACEHOLDER_GENERATOR_H */
