/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CENTRAL_KDC_HELPER_H
#define SMKD_CENTRAL_KDC_HELPER_H

#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/smkd-central-kdc-client.h"
#include "ns3/smkd-central-kdc.h"
#include "ns3/smkd-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Sets up the centralized key distribution baseline: one
 * SmkdCentralKdc on a node, SmkdKdcClients on hosts, and group initiators
 * that submit their access lists to the KDC.
 *
 * It shares an SmkdHelper's key directory, cost table and algorithms, so a
 * run that compares the baseline with RFC 1949's distributed design charges
 * both the same costs for the same operations. Hosts still join the
 * (insecure) CBT tree through IGMP for data; unicast routes between the
 * hosts and the KDC are the scenario's business (global routing will do).
 */
class SmkdCentralKdcHelper
{
  public:
    /**
     * \param smkd the run's SmkdHelper (its directory and cost table are shared)
     */
    explicit SmkdCentralKdcHelper(const SmkdHelper& smkd);

    /**
     * \param name an attribute of ns3::SmkdCentralKdc
     * \param value its value, for servers installed from now on
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param name an attribute of ns3::SmkdKdcClient
     * \param value its value, for clients installed from now on
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Put the KDC on \p node, with a crypto engine, published keys,
     * and the clients' Kdc address pointing at it.
     * \param node a node with its IPv4 addresses assigned (a host, typically)
     * \param start when the server opens its ports
     * \return the server
     * \throws std::invalid_argument when the node has no IPv4 address, a
     * server was installed by this helper already, or the server's
     * RekeyLeadTime is not below its KeyLifetime
     */
    Ptr<SmkdCentralKdc> InstallServer(Ptr<Node> node, Time start = Seconds(0));

    /**
     * \brief Give hosts a crypto engine and a client of the KDC.
     * \param hosts hosts with their IPv4 addresses assigned
     * \throws std::runtime_error before InstallServer
     * \throws std::invalid_argument when the clients' RekeyRecoveryMargin is
     * not below the server's RekeyLeadTime
     */
    void InstallClients(NodeContainer hosts) const;

    /**
     * \brief A group initiator that submits \p acl to the KDC.
     * \param node the initiator's node (its addresses assigned)
     * \param acl the group access control list
     * \param start when it submits
     * \return the application
     * \throws std::runtime_error before InstallServer
     */
    Ptr<SmkdGroupInitiator> InstallInitiator(Ptr<Node> node,
                                             const SmkdAccessList& acl,
                                             Time start) const;

    /** \return the KDC's address (0.0.0.0 before InstallServer) */
    Ipv4Address GetKdcAddress() const;

    /**
     * \param node a node
     * \return its KDC client, or nullptr
     */
    static Ptr<SmkdKdcClient> GetClient(Ptr<Node> node);

  private:
    void RequireServer(const char* method) const;

    SmkdHelper m_smkd;
    ObjectFactory m_serverFactory;
    ObjectFactory m_clientFactory;
    Ipv4Address m_kdc{Ipv4Address::GetAny()};
    Ptr<SmkdCentralKdc> m_server;
};

} // namespace ns3

#endif /* SMKD_CENTRAL_KDC_HELPER_H */
