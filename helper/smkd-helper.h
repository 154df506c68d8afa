/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HELPER_H
#define SMKD_HELPER_H

#include "ns3/cbt-core-map.h"
#include "ns3/node-container.h"
#include "ns3/smkd-access-list.h"
#include "ns3/smkd-crypto-cost.h"
#include "ns3/smkd-crypto-engine.h"
#include "ns3/smkd-gkdc.h"
#include "ns3/smkd-group-initiator.h"
#include "ns3/smkd-host-agent.h"
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
     * \brief Algorithms and mode from the attributes of ns3::SmkdKeyDirectory
     * (SignatureAlgorithm, SealAlgorithm, CryptoMode; defaults Ed25519,
     * X25519, Real), settable with Config::SetDefault or on the command line.
     */
    SmkdHelper();

    /**
     * \param signature signature algorithm
     * \param seal public-key encryption algorithm
     * \param mode REAL or MODELED
     */
    SmkdHelper(SmkdSignatureAlgorithm signature, SmkdSealAlgorithm seal, SmkdCryptoMode mode);

    /** \return the run's key directory */
    Ptr<SmkdKeyDirectory> GetDirectory() const;

    /** \return the run's cost table (set its attributes to change costs) */
    Ptr<SmkdCryptoCostTable> GetCosts() const;

    /**
     * \brief Give nodes their crypto engine and publish their keys, with a
     * certificate for \p role.
     * \param nodes nodes whose IPv4 addresses are assigned
     * \param role what the directory certifies them for (InstallGkdc
     * certifies routers, InstallHosts hosts)
     */
    void InstallNodes(NodeContainer nodes, SmkdRole role = SmkdRole::HOST) const;

    /**
     * \brief Make the groups under a prefix secure groups: their joins are
     * RFC 1949 secure joins. Call before InstallGkdc.
     * \param prefix multicast prefix
     * \param mask its mask
     */
    void AddSecureGroups(Ipv4Address prefix, Ipv4Mask mask);

    /**
     * \brief Use the CBT routers' group-to-core mapping (which tells hosts and
     * routers who the primary core is). Call before InstallHosts and InstallGkdc.
     * \param cores the mapping, e.g. CbtHelper::GetCoreMap()
     */
    void SetCoreMap(Ptr<CbtCoreMap> cores);

    /**
     * \brief Give routers the GKDC role and the secure join: each router's CBT
     * hands secure joins over, and its IGMP hands over the host tokens.
     * \param routers routers with a CBT router (and IgmpRouter) and assigned addresses
     */
    void InstallGkdc(NodeContainer routers) const;

    /**
     * \brief Give IGMP hosts the secure-join agent and a crypto engine.
     * \param hosts hosts installed with IgmpHelper, addresses assigned
     */
    void InstallHosts(NodeContainer hosts) const;

    /**
     * \brief Put a group initiator on \p node, and certify it in the key
     * directory as the one host that may submit the group's access list.
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
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_secureGroups;
    Ptr<CbtCoreMap> m_cores;
    Ptr<SmkdKeyDirectory> m_directory;
    Ptr<SmkdCryptoCostTable> m_costs;
};

} // namespace ns3

#endif /* SMKD_HELPER_H */
