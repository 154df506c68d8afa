/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_TREE_ROUTING_HELPER_H
#define SMKD_TREE_ROUTING_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/smkd-tree-routes.h"
#include "ns3/smkd-tree-routing.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Installs SmkdTreeRouting on routers and computes its routes.
 *
 * Copies of a helper share one SmkdTreeRoutes, as the routers of one
 * network must:
 * \code
 *   CbtHelper cbt;
 *   SmkdTreeRoutingHelper tree;
 *   InternetStackHelper routerStack = cbt.RouterStack(tree); // CBT, tree, static, global
 *   // ... routers, links, hosts and addresses (e.g. SmkdNetworkBuilder) ...
 *   tree.Populate(routers, anchors); // cores, key servers, senders: routers or hosts
 * \endcode
 * Populate reads the network as built: routers are the nodes given; two
 * routers are linked when they share a channel (its "Delay" attribute is
 * the link delay, 0 when it has none); every other node on a router's
 * channel is an attached host, reached on-link. A host anchor stands for the
 * router it is attached to (the first router in \p routers order).
 *
 * For small networks ns-3's global routing (Ipv4GlobalRoutingHelper::
 * PopulateRoutingTables(), all pairs) can be used instead or as well: it
 * sits below this protocol in CbtHelper's router stack and IgmpHelper's
 * host stack.
 */
class SmkdTreeRoutingHelper : public Ipv4RoutingHelper
{
  public:
    SmkdTreeRoutingHelper();

    SmkdTreeRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * \brief Compute the routes between every router and the anchors.
     *
     * Throws std::runtime_error when a router was not installed through this
     * helper or an anchor is neither a router nor attached to one.
     * \param routers the routers, each with SmkdTreeRouting in its stack
     * \param anchors routers or hosts that routes must reach and leave from
     */
    void Populate(NodeContainer routers, NodeContainer anchors) const;

    /** \return the shared tables */
    Ptr<SmkdTreeRoutes> GetRoutes() const;

    /**
     * \param node a node
     * \return its SmkdTreeRouting, or nullptr
     */
    static Ptr<SmkdTreeRouting> Get(Ptr<Node> node);

  private:
    Ptr<SmkdTreeRoutes> m_routes;
};

} // namespace ns3

#endif /* SMKD_TREE_ROUTING_HELPER_H */
