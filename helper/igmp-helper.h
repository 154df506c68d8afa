/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_HELPER_H
#define SMKD_IGMP_HELPER_H

#include "ns3/igmp-host-routing.h"
#include "ns3/igmp-host.h"
#include "ns3/igmp-router.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

namespace ns3
{

class Ipv4StaticRouting;

/**
 * \ingroup smkd
 * \brief Creates IgmpHostRouting over the usual static + global routing list.
 */
class IgmpHostRoutingHelper : public Ipv4RoutingHelper
{
  public:
    IgmpHostRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;
};

/**
 * \ingroup smkd
 * \brief Puts IGMPv3 on hosts and routers, and ties the routers' IGMP to
 * their CBT router.
 *
 * \code
 *   IgmpHelper igmp;
 *   igmp.InstallHosts(hosts);      // internet stack + IgmpHost + filtered delivery
 *   igmp.InstallRouters(routers);  // after the CBT router stack
 *   // later, on a host, for a socket:
 *   IgmpHelper::GetHost(host)->Join(socket, interface, group);
 * \endcode
 */
class IgmpHelper
{
  public:
    IgmpHelper();

    /**
     * \param name an attribute of IgmpHost
     * \param value its value
     */
    void SetHostAttribute(std::string name, const AttributeValue& value);

    /**
     * \param name an attribute of IgmpRouter
     * \param value its value
     */
    void SetRouterAttribute(std::string name, const AttributeValue& value);

    /**
     * \brief Whether InstallHosts also installs IPv6 (as InternetStackHelper
     * does by default). Nothing here uses it; large networks save a few
     * kilobytes and some set-up time per host without it.
     * \param install install IPv6 on hosts (default true)
     */
    void SetIpv6StackInstall(bool install);

    /**
     * \brief Install the internet stack with IGMP-filtered multicast delivery
     * and an IgmpHost on each node.
     * \param hosts nodes without an internet stack
     */
    void InstallHosts(NodeContainer hosts) const;

    /**
     * \brief Aggregate an IgmpRouter to each router; when the node has a
     * CbtRoutingProtocol, listener changes drive its joins and quits and its
     * data plane asks IGMP about sources before serving a member link.
     * \param routers nodes that already have an internet stack
     */
    void InstallRouters(NodeContainer routers) const;

    /**
     * \brief Send a host's multicast out of \p interface (no other route needed).
     * \param host a node installed with InstallHosts
     * \param interface the interface index
     */
    static void SetDefaultMulticastRoute(Ptr<Node> host, uint32_t interface);

    /**
     * \param node a node with an internet stack
     * \return its Ipv4StaticRouting, found under IgmpHostRouting and inside a
     * list routing, or nullptr
     */
    static Ptr<Ipv4StaticRouting> GetStaticRouting(Ptr<Node> node);

    /** \return the node's IgmpHost, or nullptr */
    static Ptr<IgmpHost> GetHost(Ptr<Node> node);

    /** \return the node's IgmpRouter, or nullptr */
    static Ptr<IgmpRouter> GetRouter(Ptr<Node> node);

    /**
     * \brief Assign random streams to the IGMP hosts among \p nodes.
     * \param nodes nodes
     * \param stream first stream index
     * \return streams used
     */
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

  private:
    ObjectFactory m_hostFactory;
    ObjectFactory m_routerFactory;
    bool m_ipv6{true};
};

} // namespace ns3

#endif /* SMKD_IGMP_HELPER_H */
