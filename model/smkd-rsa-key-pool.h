/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_RSA_KEY_POOL_H
#define SMKD_RSA_KEY_POOL_H

#include "smkd-key-pair.h"

#include "ns3/ptr.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The process-wide pool of RSA-2048 keys that RSA identities share.
 *
 * An RSA-2048 key takes about 160 ms to generate (a 1,000-node simulation
 * would spend minutes making keys), and OpenSSL 3.0 cannot seed RSA key
 * generation through its public API. So RSA keys come from a small pool, each
 * generated with OpenSSL's RNG the first time it is asked for, and a suite
 * assigns them deterministically: identity i uses slot (i mod pool size).
 *
 * Consequences, on purpose and documented where they matter:
 *  - RSA key BYTES (and RSA-OAEP ciphertexts, which OAEP randomises) differ
 *    between processes; every size, and therefore every simulated packet
 *    size, delay and protocol decision, is the same.
 *  - identities i and i + poolSize hold the same key, so one could sign or
 *    open for the other: a scenario with adversarial identities must use a
 *    pool at least as large as the number of identities.
 *  - the run seed does not change RSA keys.
 *
 * Signing and sealing draw from separate slots, so no RSA key both signs and
 * decrypts. This pool is the crypto layer's only global mutable state.
 */
class SmkdRsaKeyPool
{
  public:
    /// What a pooled key is used for; each purpose has its own slots.
    enum Purpose : uint8_t
    {
        SIGNING = 0,
        SEALING = 1,
    };

    /**
     * \param purpose signing or sealing
     * \param slot index in the pool of that purpose
     * \return the key of that slot, generated on first use
     */
    static Ptr<SmkdKeyPair> Get(Purpose purpose, uint32_t slot);

    /** \return how many RSA keys this process has generated so far */
    static std::size_t GeneratedCount();
};

} // namespace ns3

#endif /* SMKD_RSA_KEY_POOL_H */
