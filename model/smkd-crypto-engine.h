/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CRYPTO_ENGINE_H
#define SMKD_CRYPTO_ENGINE_H

#include "smkd-crypto-cost.h"
#include "smkd-crypto-suite.h"
#include "smkd-key-directory.h"
#include "smkd-simulated-cpu.h"

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/object.h"

#include <map>
#include <set>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A node's cryptography as the protocols see it: its own keys, its
 * peers' keys from the directory, and every operation charged to the node's
 * simulated CPU.
 *
 * Each call does the real work at once (or, in Modeled mode, produces
 * placeholders of the real size) and reports the result when the node's CPU
 * has spent the operation's cost on it, after the jobs queued before it. A
 * peer's key costs the directory's look-up delay the first time it is needed.
 */
class SmkdCryptoEngine : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \param directory the public-key directory (it holds the crypto suite)
     * \param costs the cost table
     */
    void Setup(Ptr<SmkdKeyDirectory> directory, Ptr<SmkdCryptoCostTable> costs);

    /** \return this node's identity in the directory */
    uint64_t GetIdentity() const;

    /** \return the crypto suite */
    Ptr<SmkdCryptoSuite> GetSuite() const;

    /** \return the key directory */
    Ptr<SmkdKeyDirectory> GetDirectory() const;

    /** \return the node's simulated CPU */
    Ptr<SmkdSimulatedCpu> GetCpu() const;

    /**
     * \brief Sign with this node's key.
     * \param message the bytes to sign
     * \param done receives the signature
     */
    void Sign(const Bytes& message, Callback<void, Bytes> done);

    /**
     * \brief Verify \p signer's signature.
     * \param signer an address of the signer (unknown addresses fail)
     * \param message the signed bytes
     * \param signature the signature
     * \param done receives the verdict
     */
    void Verify(Ipv4Address signer,
                const Bytes& message,
                const Bytes& signature,
                Callback<void, bool> done);

    /**
     * \brief Seal for \p recipient: {plaintext}^PK_recipient.
     * \param recipient an address of the recipient
     * \param plaintext the bytes
     * \param done receives the sealed bytes (empty when the recipient is unknown)
     */
    void Seal(Ipv4Address recipient, const Bytes& plaintext, Callback<void, Bytes> done);

    /**
     * \brief Open something sealed for this node.
     * \param sealed the sealed bytes
     * \param done receives success and the plaintext
     */
    void Open(const Bytes& sealed, Callback<void, bool, Bytes> done);

    /**
     * \brief Encrypt with a symmetric key (AES-256-GCM): group data, rekey
     * messages under the KEK, sender keys under the group key.
     * \param key32 the 32-byte key
     * \param aad bytes authenticated but not encrypted
     * \param plaintext the bytes
     * \param done receives nonce | ciphertext | tag
     */
    void AeadEncrypt(const Bytes& key32,
                     const Bytes& aad,
                     const Bytes& plaintext,
                     Callback<void, Bytes> done);

    /**
     * \brief Decrypt what AeadEncrypt produced.
     * \param key32 the 32-byte key
     * \param aad the same aad
     * \param sealed nonce | ciphertext | tag
     * \param done receives success and the plaintext
     */
    void AeadDecrypt(const Bytes& key32,
                     const Bytes& aad,
                     const Bytes& sealed,
                     Callback<void, bool, Bytes> done);

    /**
     * \brief Charge symmetric work done outside the engine (e.g. by an
     * SmkdDataProtector) to the simulated CPU and count it.
     * \param op AEAD_ENCRYPT or AEAD_DECRYPT
     * \param bytes the bytes processed
     * \param done runs when the CPU has done the work
     */
    void ChargeAead(SmkdCryptoOp op, std::size_t bytes, Callback<void> done);

    /**
     * \param n byte count
     * \return fresh random bytes from the node's deterministic stream
     */
    Bytes Random(std::size_t n);

    /**
     * \param op an operation
     * \return how many this node has started
     */
    uint64_t GetCount(SmkdCryptoOp op) const;

  protected:
    void DoDispose() override;

  private:
    /// Charge \p cost for \p op, plus the look-up delay for \p peer if it is new.
    void Charge(SmkdCryptoOp op,
                const std::string& algorithm,
                Time cost,
                Ipv4Address peer,
                Callback<void> done);

    Ptr<SmkdKeyDirectory> m_directory;
    Ptr<SmkdCryptoCostTable> m_costs;
    Ptr<SmkdSimulatedCpu> m_cpu;
    uint64_t m_identity{0};
    std::set<Ipv4Address> m_knownPeers;
    std::map<SmkdCryptoOp, uint64_t> m_counts;
};

} // namespace ns3

#endif /* SMKD_CRYPTO_ENGINE_H */
