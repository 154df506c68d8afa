/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_TREE_ROUTING_H
#define SMKD_TREE_ROUTING_H

#include "smkd-ns3-compat.h"
#include "smkd-tree-routes.h"

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/traced-callback.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Unicast routing for large experiments: routes between every router
 * and a set of anchor routers, looked up in tables shared by the network
 * (SmkdTreeRoutes), by hash and interval tests instead of a linear table.
 *
 * Meant to sit in a router's Ipv4ListRouting under CBT (CbtHelper's
 * RouterStack with an SmkdTreeRoutingHelper): the CBT router asks the
 * routing stack for its next hop towards a core, and this protocol answers.
 * It routes unicast only, and declines (so that the protocols below it in
 * the list may answer) what the tables do not cover. The routes are static:
 * after a change of links or anchors, populate the helper again.
 */
class SmkdTreeRouting : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \param routes the network's tables
     * \param router this router's index in them
     */
    void SetRoutes(Ptr<SmkdTreeRoutes> routes, uint32_t router);

    /** \return the network's tables (nullptr before SetRoutes) */
    Ptr<SmkdTreeRoutes> GetRoutes() const;

    /** \return this router's index in the tables (SmkdTreeRoutes::NONE before SetRoutes) */
    uint32_t GetRouterIndex() const;

    /** \return packets forwarded by RouteInput */
    uint64_t GetForwardedCount() const;

    /** \return unicast lookups (RouteInput and RouteOutput) the tables had no route for */
    uint64_t GetNoRouteCount() const;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    smkd::RouteInputCallbackParameter<UnicastForwardCallback> ucb,
                    smkd::RouteInputCallbackParameter<MulticastForwardCallback> mcb,
                    smkd::RouteInputCallbackParameter<LocalDeliverCallback> lcb,
                    smkd::RouteInputCallbackParameter<ErrorCallback> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /// TracedCallback signature of Forward: IP header, output interface, next hop.
    using ForwardTracedCallback = void (*)(const Ipv4Header&, uint32_t, Ipv4Address);
    /// TracedCallback signature of NoRoute: IP header.
    using NoRouteTracedCallback = void (*)(const Ipv4Header&);

  protected:
    void DoDispose() override;

  private:
    /// A route for \p destination, or nullptr.
    Ptr<Ipv4Route> Lookup(Ipv4Address destination, Ipv4Address source) const;

    Ptr<Ipv4> m_ipv4;
    Ptr<SmkdTreeRoutes> m_routes;
    uint32_t m_router{SmkdTreeRoutes::NONE};
    uint64_t m_forwarded{0};
    mutable uint64_t m_noRoute{0};
    TracedCallback<const Ipv4Header&, uint32_t, Ipv4Address> m_forwardTrace;
    TracedCallback<const Ipv4Header&> m_noRouteTrace;
};

} // namespace ns3

#endif /* SMKD_TREE_ROUTING_H */
