/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SCENARIO_H
#define SMKD_SCENARIO_H

#include "smkd-adversary-plan.h"
#include "smkd-failure-injector.h"
#include "smkd-membership-schedule.h"
#include "smkd-statistics-results.h"
#include "smkd-topology.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Everything that defines one run of the scaling experiment, except
 * the scheme (SmkdScenario::Run's argument), the seed and run
 * (RngSeedManager) and the crypto algorithms and mode (the attributes of
 * ns3::SmkdKeyDirectory).
 */
struct SmkdScenarioConfig
{
    /// A map file (SmkdTopologyReader, format detected); used when not empty.
    std::string topologyFile;
    /// Without a file: "kary", "grid", "waxman", "ba" or "transit-stub".
    std::string generator{"ba"};
    /// Routers the generator makes (at least; kary, grid and transit-stub round).
    uint32_t routers{100};
    uint32_t members{2000};   //!< member hosts
    uint32_t hostsPerLan{10}; //!< hosts on each LAN (at least 2: see SmkdScenario)
    uint32_t cores{1};        //!< cores of the group, the primary first
    /// Core placement: "centre", "degree", "random" or "given" (SmkdPlacement::ParseCoreStrategy).
    std::string corePlacement{"centre"};
    /// With corePlacement "given": the cores by router name or index, the
    /// primary first (cores is then their number).
    std::vector<std::string> coreRouters;
    Time aclAt{Seconds(1)}; //!< when the initiator submits the access list
    /// When the join window opens: after the CBT DR elections on the LANs, which
    /// end HOLDTIME (3 s, RFC 2189 §4.1) after start-up; joins before them wait for them.
    Time joinStart{Seconds(4)};
    Time joinWindow{Seconds(5)}; //!< the period over which members first join
    /**
     * How first joins are spread (each member joins once at first; churn adds more):
     * - "uniform": uniformly random times in [joinStart, joinStart + joinWindow);
     * - "simultaneous": all at joinStart;
     * - "poisson": Poisson arrivals from joinStart at members / joinWindow per
     *   second (exponential gaps; the last may fall after the window);
     * - "flash-crowd": flashFraction of the members uniformly within
     *   flashDuration from the window's middle, the others uniform over the window.
     */
    std::string joinPattern{"uniform"};
    double flashFraction{0.8};             //!< "flash-crowd": share of members in the burst
    Time flashDuration{MilliSeconds(200)}; //!< "flash-crowd": length of the burst
    /**
     * Churn: when positive, each membership lasts an exponentially distributed
     * time of this mean from the join call, then the member leaves (IGMP
     * leave, keys dropped). Zero: members stay to the end.
     */
    Time meanMembership;
    /// Churn: mean exponential time a member stays away before joining again (zero: never).
    Time meanAbsence;
    std::vector<SmkdFailure> failures; //!< links and routers that fail during the run
    /// Adversary models placed in the run (SmkdAdversarySpec); the leak
    /// figure (results.confinement) is measured with or without them.
    std::vector<SmkdAdversarySpec> adversaries;
    Time settle{Seconds(5)};            //!< simulated time after the window before the run stops
    Time dataInterval{MilliSeconds(5)}; //!< "cbt" scheme: period of the probe data
    /**
     * Delivery probes, in every scheme: when positive, the initiator sends a
     * numbered packet to the group this often from the end of the join window
     * to the end of the run, and the results' data summary counts their
     * delivery to the members. This measures the tree (losses while it is
     * repaired, say), not key availability: probes are not encrypted. With
     * churn, members away when a probe passes still count as expected.
     */
    Time probeInterval;
    /**
     * Traffic-control queue discs on every device (ns-3's default, FqCoDel,
     * as Ipv4AddressHelper would install). Without them packets go straight
     * to the devices' DropTail queues: the same unless links congest, and
     * much cheaper in very large runs (FqCoDel keeps a queue per flow per device).
     */
    bool queueDiscs{true};
    Time progressInterval; //!< a progress line every this much simulated time (0: none)
    /// Access list: "inclusion" (every member listed: RFC 1949 §6.1's list of
    /// members; its encoding limits groups to kMaxListedMembers) or "exclusion"
    /// (an empty exclusion list: everyone may join, for larger groups).
    std::string acl{"inclusion"};
    std::string outDir; //!< when set: CSV tables and JSON summary written here
    /**
     * Key timers, shared by every scheme (the GKDCs and the KDC, their
     * members and clients); 0 keeps the attributes' values. The key's
     * lifetime (a whole number of seconds), the lead of a re-key before it
     * ends, the margin before it ends at which a member that missed the
     * re-key fetches it, and how long a superseded key still opens data.
     * With keyLifetime given, a lead and margin not given follow it: lead
     * min(60 s, lifetime / 4), margin min(30 s, lead / 2).
     */
    Time keyLifetime;
    Time rekeyLead;      //!< see keyLifetime
    Time recoveryMargin; //!< see keyLifetime
    Time keyGrace;       //!< see keyLifetime
    /**
     * Exclusions: at exclusionAt, this many members (spread evenly over the
     * member list) are excluded in every scheme: by the primary core with
     * exclusionStrategy (NewGroup, CoreUnicast, SubtreeGkdc or Lkh; empty:
     * the attribute's), by the KDC (sealed unicast to each remaining
     * holder); in cbt, which has no keys, they leave. The cost of the event
     * is measured over exclusionWindow after it.
     */
    uint32_t exclusions{0};
    Time exclusionAt;                 //!< see exclusions
    std::string exclusionStrategy;    //!< see exclusions
    Time exclusionWindow{Seconds(2)}; //!< see exclusions
};

/**
 * \ingroup smkd
 * \brief Every field of \p config as text, for the provenance of a run's
 * outputs (durations in seconds; lists comma-separated as the CLI takes them).
 * \param config a configuration
 * \return field name -> value
 */
std::map<std::string, std::string> SmkdDescribe(const SmkdScenarioConfig& config);

/**
 * \ingroup smkd
 * \brief The module's scaling experiment as a reusable runner: one topology,
 * one member placement, one secure group, one key-distribution scheme per Run.
 *
 * Run(scheme) builds everything from the configuration and the
 * RngSeedManager seed and run, so every scheme of one seed sees the same
 * topology, cores, member hosts and join times:
 * - routers from the map file or generator (point-to-point links);
 * - the group's cores by SmkdPlacement (the first is the primary core);
 * - ceil((members + 2) / hostsPerLan) routers with a CSMA LAN of hostsPerLan
 *   hosts each: the primary core's LAN, whose first two hosts are the KDC
 *   server's host (used by "kdc" only) and the group initiator, plus routers
 *   chosen uniformly at random; members are the remaining hosts in order;
 * - unicast routes by SmkdTreeRoutingHelper with anchors = cores, KDC host
 *   and initiator; CBT on every router, IGMPv3 on hosts and routers;
 * - the initiator's access list (every member) at aclAt, each member's join
 *   at a uniformly random time in the join window.
 *
 * Schemes (the collector's scheme name is the same):
 * - "cbt": insecure IGMP/CBT joins. Join latency = IgmpHost::Join call →
 *   first probe packet received: the initiator (a non-member sender on the
 *   primary core's LAN) sends a 32-byte packet to the group every
 *   dataInterval from joinStart on, so the latency includes up to one
 *   interval of waiting for the next probe.
 * - "rfc1949": RFC 1949 secure joins, the GKDC role spreading down the tree.
 * - "strict": the same with SmkdGkdc::StrictCoreOnly (RFC 1949 §7).
 * - "kdc": the centralized KDC baseline (SmkdCentralKdcHelper) on the host
 *   next to the primary core; hosts join the insecure tree through IGMP.
 * In the secure schemes join latency = join call → KeysInstalled.
 * The results' counter "simulator.events" counts the events the run executed. The
 * collector's primary node is the primary core, or the KDC's host (counted
 * as a "server", so that busyInfrastructure compares key-distribution
 * infrastructure: routers and the server).
 *
 * Bad configuration (unknown scheme, generator or placement, too few
 * routers, hostsPerLan below 2, unreadable map) throws std::invalid_argument
 * or std::runtime_error before the simulation starts.
 */
class SmkdScenario
{
  public:
    /// Largest group an inclusion list can name: a list is one length-prefixed
    /// field of at most 65535 bytes, about 7 bytes per member.
    static constexpr uint32_t kMaxListedMembers = 9000;

    /// \param config the run's configuration (checked by Validate on Run)
    explicit SmkdScenario(const SmkdScenarioConfig& config);

    /** \return the names Run accepts: cbt, rfc1949, strict, kdc */
    static const std::vector<std::string>& GetSchemes();

    /**
     * \brief Throw std::invalid_argument naming the problem if the
     * configuration or \p scheme cannot be run (does not read the map file).
     * \param scheme a scheme name
     */
    void Validate(const std::string& scheme) const;

    /**
     * \brief Load or generate the topology (once; later runs reuse it).
     * \return the topology
     */
    const SmkdTopology& GetTopology();

    /**
     * \brief Build, run and measure one scheme; ends with Simulator::Destroy.
     * With config.outDir set, writes "<outDir>/<scheme>-<table>.csv" and
     * "<outDir>/<scheme>.json".
     * \param scheme "cbt", "rfc1949", "strict" or "kdc"
     * \return the collector's results
     */
    SmkdStatisticsResults Run(const std::string& scheme);

  private:
    /// Run's work after validation (Run cleans up when it throws).
    SmkdStatisticsResults Simulate(const std::string& scheme);

    /// \return the membership schedule of the configuration (throws for bad fields)
    SmkdMembershipSchedule MakeSchedule() const;

    SmkdScenarioConfig m_config;
    bool m_haveTopology{false};
    SmkdTopology m_topology;
};

} // namespace ns3

#endif /* SMKD_SCENARIO_H */
