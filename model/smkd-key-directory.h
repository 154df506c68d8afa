/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KEY_DIRECTORY_H
#define SMKD_KEY_DIRECTORY_H

#include "smkd-crypto-suite.h"

#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <map>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The internetwork-wide public-key directory RFC 1949 §6.2 assumes
 * ("through the DNS or the World Wide Web").
 *
 * Every registered node is one identity (its node id); all of its IPv4
 * addresses name it. Keys come from the shared crypto suite, so they derive
 * from the run's seed. A look-up may cost time (LookupDelay), which the
 * crypto engines charge the first time they need a peer's key.
 */
class SmkdKeyDirectory : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \param suite the algorithms and key source of the run */
    void SetSuite(Ptr<SmkdCryptoSuite> suite);

    /** \return the crypto suite */
    Ptr<SmkdCryptoSuite> GetSuite() const;

    /**
     * \brief Publish a node's keys under all its current IPv4 addresses.
     * \param node a node with its addresses assigned
     */
    void Register(Ptr<Node> node);

    /**
     * \param address an address
     * \param identity the identity that owns it
     * \return false when nobody registered the address
     */
    bool Lookup(Ipv4Address address, uint64_t& identity) const;

    /**
     * \param address an address
     * \param signing true for the signature key, false for the sealing key
     * \param publicKey the key
     * \return false when nobody registered the address
     */
    bool PublicKey(Ipv4Address address, bool signing, Bytes& publicKey) const;

    /** \return the time one look-up takes */
    Time GetLookupDelay() const;

    /**
     * \brief Build the run's crypto suite from this object's attributes
     * (SignatureAlgorithm, SealAlgorithm, CryptoMode), so that scenarios pick
     * algorithms with Config::SetDefault or on the command line.
     * \param runSeed the run's seed
     */
    void CreateSuiteFromAttributes(uint64_t runSeed);

  private:
    Ptr<SmkdCryptoSuite> m_suite;
    std::map<Ipv4Address, uint64_t> m_identities;
    Time m_lookupDelay;
    int m_signatureAlgorithm;
    int m_sealAlgorithm;
    int m_cryptoMode;
};

} // namespace ns3

#endif /* SMKD_KEY_DIRECTORY_H */
