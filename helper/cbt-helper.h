/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_HELPER_H
#define SMKD_CBT_HELPER_H

#include "ns3/cbt-core-map.h"
#include "ns3/cbt-routing-protocol.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <map>
#include <set>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Installs CbtRoutingProtocol on routers, as RipHelper does for RIP.
 *
 * All routers built from one helper share one group-to-core mapping:
 * \code
 *   CbtHelper cbt;
 *   cbt.AddCore(Ipv4Address("224.1.0.0"), Ipv4Mask("255.255.0.0"), coreNode);
 *   InternetStackHelper stack = cbt.RouterStack(); // list routing: CBT, static, global
 *   stack.Install(routers);
 * \endcode
 */
class CbtHelper : public Ipv4RoutingHelper
{
  public:
    CbtHelper();

    CbtHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /**
     * \brief Set an attribute of every CbtRoutingProtocol this helper creates.
     * \param name attribute name
     * \param value attribute value
     */
    void Set(std::string name, const AttributeValue& value);

    /**
     * \brief Map a group prefix to a prioritized list of core addresses.
     * \param prefix multicast prefix
     * \param mask prefix mask
     * \param cores core addresses, most preferred first
     */
    void AddCores(Ipv4Address prefix, Ipv4Mask mask, std::vector<Ipv4Address> cores);

    /**
     * \brief Map a group prefix to one core router.
     *
     * The core is named by node; its address is resolved when routers are
     * created, so the core must have its IPv4 addresses by then (call after
     * Ipv4AddressHelper::Assign, or pass addresses to AddCores instead).
     * \param prefix multicast prefix
     * \param mask prefix mask
     * \param core the core router
     */
    void AddCore(Ipv4Address prefix, Ipv4Mask mask, Ptr<Node> core);

    /** \return the mapping shared by the routers */
    Ptr<CbtCoreMap> GetCoreMap() const;

    /**
     * \brief Do not run CBT on an interface of a node.
     * \param node the node
     * \param interface the interface index
     */
    void ExcludeInterface(Ptr<Node> node, uint32_t interface);

    /**
     * \return an InternetStackHelper whose routing is a list of CBT (priority 10),
     * static (0) and global (-10) routing
     */
    InternetStackHelper RouterStack() const;

    /**
     * \brief A router stack with one more unicast routing protocol, e.g. an
     * SmkdTreeRoutingHelper for networks too large for global routing.
     * \param unicast the unicast routing helper (copied)
     * \param priority its priority in the list: between CBT (10) and static (0)
     * by default, so that it answers before static and global routing
     * \return an InternetStackHelper whose routing is a list of CBT (10),
     * \p unicast (\p priority), static (0) and global (-10) routing
     */
    InternetStackHelper RouterStack(const Ipv4RoutingHelper& unicast, int16_t priority = 5) const;

    /**
     * \brief Assign random streams to the CBT routers among \p nodes.
     * \param nodes nodes
     * \param stream first stream index
     * \return number of streams used
     */
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

    /**
     * \param node a node
     * \return its CbtRoutingProtocol, or nullptr
     */
    static Ptr<CbtRoutingProtocol> Get(Ptr<Node> node);

    /**
     * \param node a node
     * \return the node's first non-loopback IPv4 address (aborts if it has none)
     */
    static Ipv4Address PrimaryAddress(Ptr<Node> node);

  private:
    /// The list routing of RouterStack, with \p unicast (if not null) at \p priority.
    InternetStackHelper ListStack(const Ipv4RoutingHelper* unicast, int16_t priority) const;

    ObjectFactory m_factory;
    Ptr<CbtCoreMap> m_cores;
    std::map<Ptr<Node>, std::set<uint32_t>> m_exclusions;
};

} // namespace ns3

#endif /* SMKD_CBT_HELPER_H */
