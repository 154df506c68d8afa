/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SCENARIO_LAYOUT_H
#define SMKD_SCENARIO_LAYOUT_H

#include "smkd-network.h"
#include "smkd-placement.h"
#include "smkd-topology.h"

#include "ns3/node-container.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Where the scaling scenario puts things, shared by SmkdScenario and
 * the plain-ns-3 benchmark so that both build the same network: the random
 * streams of each purpose, the routers with host LANs and the hosts' roles.
 */
class SmkdScenarioLayout
{
  public:
    /// Random streams, one per purpose, so that more draws for one purpose
    /// do not move another's.
    static constexpr int64_t TOPOLOGY_STREAM = 1;     //!< generators
    static constexpr int64_t PLACEMENT_STREAM = 2;    //!< cores and LAN routers
    static constexpr int64_t JOIN_STREAM = 3;         //!< join times and churn (3 streams)
    static constexpr int64_t ADVERSARY_STREAM = 6;    //!< where adversaries are placed
    static constexpr int64_t PROTOCOL_STREAMS = 1000; //!< protocols and devices from here on

    /// The hosts' roles.
    struct Roles
    {
        Ptr<Node> kdcHost;         //!< first host of the primary core's LAN
        Ptr<Node> initiator;       //!< second host there
        NodeContainer members;     //!< the other hosts in order, as many as asked
        NodeContainer adversaries; //!< hosts drawn for adversary models, before the members
    };

    /**
     * \brief The routers that get a host LAN: the primary core's first, then
     * routers drawn uniformly by \p placement.
     * \param topology the topology
     * \param placement the placement (its stream assigned; draws once)
     * \param primary the primary core
     * \param lans how many LANs (at most the topology's routers)
     * \return the routers, primary first
     */
    static std::vector<uint32_t> ChooseHostRouters(const SmkdTopology& topology,
                                                   Ptr<SmkdPlacement> placement,
                                                   uint32_t primary,
                                                   uint32_t lans);

    /**
     * \param net the network built with \p hostRouters' LANs
     * \param hostRouters the routers with LANs, the primary core first
     * \param members how many members
     * \return the KDC's host and the initiator on the primary core's LAN, then the members
     */
    static Roles AssignRoles(const SmkdNetwork& net,
                             const std::vector<uint32_t>& hostRouters,
                             uint32_t members,
                             uint32_t adversaries = 0);

    /**
     * \brief Fixed streams for every device's randomness (CSMA backoff):
     * ns-3's automatic stream numbers run on across runs in one process.
     * \param nodes the nodes whose devices get streams
     * \param stream the first stream
     * \return streams used
     */
    static int64_t AssignDeviceStreams(NodeContainer nodes, int64_t stream);
};

} // namespace ns3

#endif /* SMKD_SCENARIO_LAYOUT_H */
