/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_NETWORK_H
#define SMKD_NETWORK_H

#include "smkd-topology.h"

#include "ns3/ipv4-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <array>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief What SmkdNetworkBuilder built: router i of the topology as ns-3 node,
 * its links' devices and interfaces, and the hosts.
 *
 * Hosts are numbered in the order of the router list given to the builder,
 * the hosts of one router consecutively. Every host has one interface
 * (index 1) towards its router.
 */
class SmkdNetwork
{
  public:
    /** \return the topology the network was built from */
    const SmkdTopology& GetTopology() const;

    /** \return number of routers */
    uint32_t GetNRouters() const;

    /** \return number of hosts */
    uint32_t GetNHosts() const;

    /** \return all routers, in topology order */
    const NodeContainer& GetRouters() const;

    /** \return all hosts */
    const NodeContainer& GetHosts() const;

    /**
     * \param r a router index
     * \return its node
     */
    Ptr<Node> GetRouter(uint32_t r) const;

    /**
     * \param h a host index
     * \return its node
     */
    Ptr<Node> GetHost(uint32_t h) const;

    /**
     * \param routers router indices
     * \return their nodes, in that order
     */
    NodeContainer GetRouters(const std::vector<uint32_t>& routers) const;

    /**
     * \param hosts host indices
     * \return their nodes, in that order
     */
    NodeContainer GetHosts(const std::vector<uint32_t>& hosts) const;

    /**
     * \param h a host index
     * \return the router it is attached to
     */
    uint32_t GetHostRouter(uint32_t h) const;

    /** \return for every host, the router it is attached to */
    const std::vector<uint32_t>& GetHostRouters() const;

    /**
     * \param r a router
     * \return its hosts (none when it has no LAN or host links)
     */
    std::vector<uint32_t> GetHostsOf(uint32_t r) const;

    /**
     * \param r a router
     * \return its primary address (that of its first interface), as
     * CbtHelper::PrimaryAddress gives it
     */
    Ipv4Address GetRouterAddress(uint32_t r) const;

    /**
     * \param h a host
     * \return its address
     */
    Ipv4Address GetHostAddress(uint32_t h) const;

    /**
     * \param h a host
     * \return its router's address on the host's LAN or link: the host's gateway
     */
    Ipv4Address GetHostGateway(uint32_t h) const;

    /**
     * \param h a host
     * \return the interface of its router towards it
     */
    uint32_t GetHostRouterInterface(uint32_t h) const;

    /**
     * \param link a topology link index
     * \return its devices: on the link's first router, then on its second
     */
    NetDeviceContainer GetLinkDevices(uint32_t link) const;

    /**
     * \param link a topology link index
     * \param end 0 for the link's first router, 1 for its second
     * \return the link's interface index on that router
     */
    uint32_t GetLinkInterface(uint32_t link, uint32_t end) const;

    /**
     * \param link a topology link index
     * \param end 0 or 1
     * \return the address of that end
     */
    Ipv4Address GetLinkAddress(uint32_t link, uint32_t end) const;

  private:
    friend class SmkdNetworkBuilder;

    /// Throw std::invalid_argument unless \p i < \p n.
    static void Check(uint32_t i, uint32_t n, const char* what);

    /// Address of interface \p interface of \p node.
    static Ipv4Address AddressOf(Ptr<Node> node, uint32_t interface);

    SmkdTopology m_topology;
    NodeContainer m_routers;
    NodeContainer m_hosts;
    std::vector<uint32_t> m_hostRouter;
    std::vector<uint32_t> m_firstHost; //!< per router: its first host, or NONE
    std::vector<uint32_t> m_hostCount; //!< per router: its number of hosts
    std::vector<uint32_t> m_hostRouterInterface;
    std::vector<std::array<Ptr<NetDevice>, 2>> m_linkDevices;
    std::vector<std::array<uint32_t, 2>> m_linkInterfaces;
};

} // namespace ns3

#endif /* SMKD_NETWORK_H */
