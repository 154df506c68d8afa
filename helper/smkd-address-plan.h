/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_ADDRESS_PLAN_H
#define SMKD_ADDRESS_PLAN_H

#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief IPv4 addresses by arithmetic, for networks too large for
 * Ipv4AddressHelper.
 *
 * Ipv4AddressHelper records every address in ns-3's global
 * Ipv4AddressGenerator, whose collision check walks a list: quadratic in the
 * number of subnets (0.7 s at 5,000 links, 13 s at 20,000). Here the
 * address of an interface is a function of the link or LAN index:
 * - point-to-point link i is the /30 at LinkBlock + 4·i; its first end
 *   gets .1, its second .2;
 * - LAN j is the j-th subnet of the LAN block, /24 or larger: the smallest
 *   prefix that holds the router (member 0, the first host address) and the
 *   hosts (members 1…H) next to the network and broadcast addresses.
 *
 * Defaults: links from 10.0.0.0/8 (4,194,304 links), LANs from 11.0.0.0/8
 * (65,536 LANs of up to 253 hosts). Addresses never leave the simulator, but
 * blocks can be changed. Addresses assigned this way are not registered
 * with Ipv4AddressGenerator: do not also hand out the same blocks through
 * Ipv4AddressHelper.
 */
class SmkdAddressPlan
{
  public:
    SmkdAddressPlan();

    /**
     * \param base network address of the block for point-to-point /30s
     * \param mask its mask (at most /30)
     */
    void SetLinkBlock(Ipv4Address base, Ipv4Mask mask);

    /**
     * \param base network address of the block for LANs
     * \param mask its mask (at most /24)
     */
    void SetLanBlock(Ipv4Address base, Ipv4Mask mask);

    /**
     * \brief Size LAN subnets for \p hosts hosts plus one router.
     * \param hosts hosts per LAN
     */
    void SetLanHosts(uint32_t hosts);

    /** \return how many /30 links the link block holds */
    uint32_t GetLinkCapacity() const;

    /** \return how many LANs of the current size the LAN block holds */
    uint32_t GetLanCapacity() const;

    /**
     * \brief Throw std::runtime_error when the blocks are too small.
     * \param links point-to-point links wanted
     * \param lans LANs wanted
     */
    void CheckCapacity(uint64_t links, uint64_t lans) const;

    /**
     * \param link a link index
     * \param end 0 or 1
     * \return the address of that end
     */
    Ipv4Address GetLinkAddress(uint32_t link, uint32_t end) const;

    /** \return the mask of link subnets (/30) */
    Ipv4Mask GetLinkMask() const;

    /** \return the network address of the link block */
    Ipv4Address GetLinkBase() const;

    /**
     * \param lan a LAN index
     * \param member 0 for the router, 1…H for hosts
     * \return the member's address
     */
    Ipv4Address GetLanAddress(uint32_t lan, uint32_t member) const;

    /** \return the mask of LAN subnets */
    Ipv4Mask GetLanMask() const;

    /** \return the network address of the LAN block */
    Ipv4Address GetLanBase() const;

    /**
     * \brief Give a device an IPv4 interface with one address and bring it
     * up, as Ipv4AddressHelper::Assign does for one device, without the
     * address generator: interface (created when missing), address, metric 1,
     * up, and optionally ns-3's default queue disc (FqCoDel) when the node has
     * a traffic-control layer and the device a queue interface.
     * \param device the device, on a node with an internet stack
     * \param address its address
     * \param mask the subnet mask
     * \param installQueueDisc install the default queue disc
     * \return the interface index
     */
    static uint32_t Assign(Ptr<NetDevice> device,
                           Ipv4Address address,
                           Ipv4Mask mask,
                           bool installQueueDisc);

  private:
    uint32_t m_linkBase;
    uint32_t m_linkSize; //!< addresses in the link block
    uint32_t m_lanBase;
    uint32_t m_lanBlockSize; //!< addresses in the LAN block
    uint32_t m_lanSubnet;    //!< addresses per LAN
};

} // namespace ns3

#endif /* SMKD_ADDRESS_PLAN_H */
