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
 * \brief What a certificate in the key directory lets its holder do.
 *
 * RFC 1949 §6.2 leaves the public-key directory's form open; the MSEC
 * architecture (RFC 3740 §3, RFC 4046 §4) gives group members, senders and
 * key servers distinct, authorised roles. The directory binds each address
 * and public key to the roles below, and every hop checks the role its
 * message needs: only routers sign JOIN_REQUESTs and JOIN_ACKs, deliver keys
 * to hosts or report members; only a group's certified initiator submits its
 * access list.
 */
enum class SmkdRole : uint8_t
{
    HOST = 1 << 0,   //!< an end system: joins groups, sends to them
    ROUTER = 1 << 1, //!< a multicast router: secure joins, GKDC, key delivery
    KDC = 1 << 2,    //!< the centralized baseline's key server
};

/**
 * \param role a role
 * \return its name, e.g. "router"
 */
const char* SmkdRoleName(SmkdRole role);

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
     * \brief Publish a node's keys under all its current IPv4 addresses, with
     * a certificate for \p role (added to any role it holds already).
     * \param node a node with its addresses assigned
     * \param role what the node may do
     */
    void Register(Ptr<Node> node, SmkdRole role);

    /**
     * \param address an address
     * \param role a role
     * \return true when the identity owning \p address is certified for \p role
     */
    bool Certifies(Ipv4Address address, SmkdRole role) const;

    /**
     * \brief Certify \p initiator as the one host that may submit \p group's
     * access list: part of the configuration the primary core trusts.
     * \param group a group
     * \param initiator a registered address of the initiator
     * \throw std::invalid_argument when \p initiator is not registered, or
     * another initiator is certified for \p group already
     */
    void CertifyInitiator(Ipv4Address group, Ipv4Address initiator);

    /**
     * \param address an address
     * \param group a group
     * \return true when \p address belongs to \p group's certified initiator
     */
    bool IsInitiatorOf(Ipv4Address address, Ipv4Address group) const;

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
    std::map<uint64_t, uint8_t> m_roles;          //!< identity -> SmkdRole bits
    std::map<Ipv4Address, uint64_t> m_initiators; //!< group -> initiator identity
    Time m_lookupDelay;
    int m_signatureAlgorithm;
    int m_sealAlgorithm;
    int m_cryptoMode;
};

} // namespace ns3

#endif /* SMKD_KEY_DIRECTORY_H */
