/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_PLACEMENT_H
#define SMKD_PLACEMENT_H

#include "smkd-topology.h"

#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Chooses where an experiment's cores, members and senders are.
 *
 * Works on indices: routers of an SmkdTopology, and host slots given as
 * the router each host hangs off (SmkdNetwork::GetHostRouters()). Random
 * choices come from one ns-3 stream (AssignStreams): same seed, run and
 * stream, same placement. Random selections are returned in the order they
 * were drawn (a random order); the others in their order of preference.
 *
 * Impossible requests (more members than routers or host slots, a core that
 * is not in the topology, a repeated given index) throw
 * std::invalid_argument naming the problem.
 */
class SmkdPlacement : public Object
{
  public:
    /// Where cores go.
    enum class CoreStrategy
    {
        RANDOM,         //!< uniformly random routers
        HIGHEST_DEGREE, //!< the best-connected routers
        CENTRE,         //!< the topological centre, then routers nearest to it
        GIVEN,          //!< routers named by the caller
    };

    /// Where members go.
    enum class MemberStrategy
    {
        UNIFORM,   //!< uniformly random
        CLUSTERED, //!< around Clusters random seed routers, nearest first
        GIVEN,     //!< indices given by the caller
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdPlacement();

    /**
     * \param stream first stream index
     * \return streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \param name "random", "degree", "centre" (or "center") or "given"
     * \return the strategy (throws std::invalid_argument for another name)
     */
    static CoreStrategy ParseCoreStrategy(const std::string& name);

    /**
     * \param name "uniform", "clustered" or "given"
     * \return the strategy (throws std::invalid_argument for another name)
     */
    static MemberStrategy ParseMemberStrategy(const std::string& name);

    /**
     * \brief A router by name or index: a router of that name if there is one,
     * else the decimal index.
     * \param topology the topology
     * \param router a name or an index
     * \return the router (throws std::invalid_argument if none)
     */
    static uint32_t ResolveRouter(const SmkdTopology& topology, const std::string& router);

    /**
     * \brief Choose core routers, most preferred first.
     *
     * HIGHEST_DEGREE: by decreasing degree (lower index first among equals).
     * CENTRE: the centre (SmkdTopology::GetCentre), then routers by hop
     * distance from it, equal distances by decreasing degree, then index.
     * GIVEN: \p given, resolved by ResolveRouter; \p count must be 0 or their number.
     * \param topology the topology
     * \param strategy the strategy
     * \param count how many cores
     * \param given routers for GIVEN
     * \return distinct router indices
     */
    std::vector<uint32_t> PlaceCores(const SmkdTopology& topology,
                                     CoreStrategy strategy,
                                     uint32_t count,
                                     const std::vector<std::string>& given = {});

    /**
     * \brief Choose routers, e.g. the routers that get member hosts.
     * \param topology the topology
     * \param strategy UNIFORM, CLUSTERED, or GIVEN (then \p given is checked and returned)
     * \param count how many
     * \param given router indices for GIVEN
     * \return distinct router indices
     */
    std::vector<uint32_t> ChooseRouters(const SmkdTopology& topology,
                                        MemberStrategy strategy,
                                        uint32_t count,
                                        const std::vector<uint32_t>& given = {});

    /**
     * \brief Choose member hosts among host slots.
     *
     * CLUSTERED picks Clusters seed routers among the routers that have
     * hosts, then takes hosts by hop distance of their router from the
     * nearest seed, ties in random order.
     * \param topology the topology the hosts hang off
     * \param hostRouters for every host slot, its router
     * \param strategy the strategy
     * \param count how many members
     * \param given host indices for GIVEN
     * \return distinct host indices
     */
    std::vector<uint32_t> ChooseHosts(const SmkdTopology& topology,
                                      const std::vector<uint32_t>& hostRouters,
                                      MemberStrategy strategy,
                                      uint32_t count,
                                      const std::vector<uint32_t>& given = {});

    /**
     * \brief Choose senders uniformly among candidates (e.g. the members).
     * \param candidates host or router indices
     * \param count how many
     * \return distinct elements of \p candidates
     */
    std::vector<uint32_t> ChooseSenders(const std::vector<uint32_t>& candidates, uint32_t count);

  private:
    /// \p count distinct values of [0, n), in draw order (partial Fisher–Yates).
    std::vector<uint32_t> Sample(uint32_t n, uint32_t count);

    /// \p count items near Clusters random seeds; item i sits at router \p routerOf[i].
    std::vector<uint32_t> Clustered(const SmkdTopology& topology,
                                    const std::vector<uint32_t>& routerOf,
                                    uint32_t count);

    /// Throw unless \p given are distinct indices below \p n.
    static void CheckGiven(const std::vector<uint32_t>& given, uint32_t n, const char* what);

    Ptr<UniformRandomVariable> m_rng;
    uint32_t m_clusters;
};

} // namespace ns3

#endif /* SMKD_PLACEMENT_H */
