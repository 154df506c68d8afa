/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HELPER_H
#define SMKD_HELPER_H

#include "ns3/node-container.h"
#include "ns3/smkd-access-list.h"
#include "ns3/smkd-crypto-cost.h"
#include "ns3/smkd-crypto-engine.h"
#include "ns3/smkd-gkdc.h"
#include "ns3/smkd-group-initiator.h"
#include "ns3/smkd-key-directory.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Sets up RFC 1949 key distribution: one crypto suite, key directory
 * and cost table per run, a crypto engine (with its simulated CPU) per node,
 * the GKDC role on routers, and group initiators.
 *
 * Keys derive from the run's seed and run number (RngSeedManager), so the
 * same seed gives the same keys. Real OpenSSL cryptography is the default;
 * MODELED mode keeps sizes and CPU charges but proves nothing.
 */
class SmkdHelper
{
  public:
    /**
     * \param signature signature algorithm
     * \param seal public-key encryption algorithm
     * \param mode REAL (default) or MODELED
     */
    explicit SmkdHelper(SmkdSignatureAlgorithm signature = SmkdSignatureAlgorithm::ED25519,
                        SmkdSealAlgorithm seal = SmkdSealAlgorithm::X25519_HKDF_AES256GCM,
                        SmkdCryptoMode mode = SmkdCryptoMode::REAL);

    /** \return the run's key directory */
    Ptr<SmkdKeyDirectory> GetDirectory() const;

    /** \return the run's cost table (set its attributes to change costs) */
    Ptr<SmkdCryptoCostTable> GetCosts() const;

    /**
     * \brief Give nodes their crypto engine and publish their keys.
     * \param nodes nodes whose IPv4 addresses are assigned
     */
    void InstallNodes(NodeContainer nodes) const;

    /**
     * \brief Give routers the GKDC role (and a crypto engine if they lack one).
     * \param routers routers with a CBT router and assigned addresses
     */
    void InstallGkdc(NodeContainer routers) const;

    /**
     * \brief Put a group initiator on \p node.
     * \param node the initiator's node (installed with InstallNodes)
     * \param acl the group access control list
     * \param primaryCore the group's primary core
     * \param start when it submits the list
     * \return the application
     */
    Ptr<SmkdGroupInitiator> InstallInitiator(Ptr<Node> node,
                                             const SmkdAccessList& acl,
                                             Ipv4Address primaryCore,
                                             Time start) const;

  private:
    Ptr<SmkdKeyDirectory> m_directory;
    Ptr<SmkdCryptoCostTable> m_costs;
};

} // namespace ns3

#endif /* SMKD_HELPER_H */
