/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_NETWORK_BUILDER_H
#define SMKD_NETWORK_BUILDER_H

#include "smkd-address-plan.h"
#include "smkd-network.h"
#include "smkd-topology.h"

#include "ns3/callback.h"
#include "ns3/csma-helper.h"
#include "ns3/igmp-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/point-to-point-helper.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Turns an SmkdTopology into ns-3 nodes, links, hosts and addresses,
 * in time and memory linear in the size of the network.
 *
 * Routers get point-to-point links with the topology's delays; hosts hang
 * off chosen routers, H per router, on one CSMA LAN per router or each on
 * its own point-to-point link. Stacks come from the caller, e.g.:
 * \code
 *   CbtHelper cbt;
 *   SmkdTreeRoutingHelper tree;
 *   IgmpHelper igmp;
 *   SmkdNetworkBuilder builder;
 *   builder.SetRouterStack(cbt.RouterStack(tree));
 *   builder.SetIgmp(igmp);                     // IGMP hosts, IgmpRouter on routers
 *   SmkdNetwork net = builder.Build(topology, memberRouters, 10);
 *   tree.Populate(net.GetRouters(), anchors);  // or Ipv4GlobalRoutingHelper for small graphs
 *   cbt.AddCore(group, mask, net.GetRouter(core));
 * \endcode
 * Build works in phases, reported to the progress callback when set:
 * "routers" (nodes and router stacks), "links" (point-to-point devices),
 * "hosts" (nodes, host stacks, LAN or host-link devices), "addresses"
 * (interfaces, addresses; SmkdAddressPlan arithmetic, or ns-3's
 * Ipv4AddressHelper for comparison), "host-routes" (each host's default
 * route and, with IGMP, default multicast route via its router; then
 * IgmpHelper::InstallRouters). Both address modes give the same addresses.
 *
 * Errors in the inputs (disconnected topology, unknown or repeated host
 * router, address blocks too small, router names ns-3's Names refuses)
 * throw std::invalid_argument or std::runtime_error before any node exists.
 */
class SmkdNetworkBuilder
{
  public:
    /// How hosts are attached to their router.
    enum class HostLinks
    {
        CSMA_LAN,       //!< one CSMA LAN per router: the router and its H hosts
        POINT_TO_POINT, //!< a point-to-point link per host
    };

    /// How interfaces get addresses.
    enum class Addressing
    {
        DIRECT,              //!< SmkdAddressPlan arithmetic, linear time
        IPV4_ADDRESS_HELPER, //!< ns-3's Ipv4AddressHelper, quadratic (for comparison)
    };

    SmkdNetworkBuilder();

    /** \param stack installs routers (default: a plain InternetStackHelper) */
    void SetRouterStack(const InternetStackHelper& stack);

    /** \param stack installs hosts without IGMP (default: a plain InternetStackHelper) */
    void SetHostStack(const InternetStackHelper& stack);

    /**
     * \brief Install hosts with IgmpHelper::InstallHosts (instead of the host
     * stack), give them a default multicast route, and put IgmpRouter on every
     * router once the links exist.
     * \param igmp the IGMP helper (copied)
     */
    void SetIgmp(const IgmpHelper& igmp);

    /**
     * \param name an attribute of PointToPointNetDevice for router links and
     * point-to-point host links (default DataRate 100Mbps)
     * \param value its value
     */
    void SetLinkDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param name an attribute of CsmaChannel for host LANs (default DataRate
     * 100Mbps, Delay 10us)
     * \param value its value
     */
    void SetLanChannelAttribute(const std::string& name, const AttributeValue& value);

    /** \param links how hosts are attached (default CSMA_LAN) */
    void SetHostLinks(HostLinks links);

    /** \param delay delay of point-to-point host links (default 10 us) */
    void SetHostLinkDelay(Time delay);

    /** \param plan the address blocks */
    void SetAddressPlan(const SmkdAddressPlan& plan);

    /** \param addressing how addresses are assigned (default DIRECT) */
    void SetAddressing(Addressing addressing);

    /**
     * \param install put ns-3's default queue disc (FqCoDel) on every device,
     * as Ipv4AddressHelper does (default true)
     */
    void SetInstallQueueDiscs(bool install);

    /** \param name register routers under their topology names in ns-3's Names (default false) */
    void SetNameRouters(bool name);

    /** \param progress called with each phase's name when it is done */
    void SetProgressCallback(Callback<void, const std::string&> progress);

    /**
     * \brief Build the network.
     * \param topology a connected topology
     * \param hostRouters routers that get hosts (each at most once)
     * \param hostsPerRouter hosts per such router
     * \return the network
     */
    SmkdNetwork Build(const SmkdTopology& topology,
                      const std::vector<uint32_t>& hostRouters,
                      uint32_t hostsPerRouter);

  private:
    /// Throw unless the inputs can be built.
    void Validate(const SmkdTopology& topology,
                  const std::vector<uint32_t>& hostRouters,
                  uint32_t hostsPerRouter,
                  SmkdAddressPlan& plan) const;

    /// Create routers and links.
    void BuildRouters(SmkdNetwork& net);

    /// Create hosts and their LANs (router's device first, then the hosts') or
    /// links (router's device, host's device), in \p attachments.
    void BuildHosts(SmkdNetwork& net,
                    const std::vector<uint32_t>& hostRouters,
                    uint32_t hostsPerRouter,
                    std::vector<NetDeviceContainer>& attachments);

    /// Assign every address.
    void AssignAddresses(SmkdNetwork& net,
                         const SmkdAddressPlan& plan,
                         const std::vector<NetDeviceContainer>& attachments) const;

    /// Default routes on hosts, IGMP on routers.
    void FinishHosts(SmkdNetwork& net) const;

    /// Report a finished phase.
    void Done(const std::string& phase) const;

    InternetStackHelper m_routerStack;
    InternetStackHelper m_hostStack;
    std::optional<IgmpHelper> m_igmp;
    PointToPointHelper m_p2p;
    CsmaHelper m_csma;
    HostLinks m_hostLinks{HostLinks::CSMA_LAN};
    Time m_hostLinkDelay;
    SmkdAddressPlan m_plan;
    Addressing m_addressing{Addressing::DIRECT};
    bool m_queueDiscs{true};
    bool m_nameRouters{false};
    Callback<void, const std::string&> m_progress;
};

} // namespace ns3

#endif /* SMKD_NETWORK_BUILDER_H */
