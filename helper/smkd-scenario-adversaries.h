/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SCENARIO_ADVERSARIES_H
#define SMKD_SCENARIO_ADVERSARIES_H

#include "smkd-adversary-plan.h"
#include "smkd-statistics-results.h"

#include "ns3/cbt-core-map.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/smkd-adversary.h"
#include "ns3/smkd-confinement-audit.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class SmkdHelper;

/**
 * \ingroup smkd
 * \brief A scenario's adversaries and its confinement audit.
 *
 * Eavesdroppers, impostors and replayers take host slots the scenario adds
 * to member LANs (drawn on their own stream by SmkdScenarioLayout); excluded
 * members are drawn from the members, compromised routers from the routers
 * with member LANs other than the primary core, each on a stream of its own.
 * Every secure scheme's run is audited, with or without adversaries.
 */
class SmkdScenarioAdversaries
{
  public:
    /** \param specs what to place */
    explicit SmkdScenarioAdversaries(std::vector<SmkdAdversarySpec> specs);

    /** \return host slots the scenario must add for the host adversaries */
    uint32_t ExtraHosts() const;

    /**
     * \brief Place the adversaries and start the audit.
     * \param scheme the scheme ("cbt" has no keys: nothing is placed or audited)
     * \param all every node of the run
     * \param slots the hosts drawn for host adversaries (ExtraHosts of them)
     * \param members the member hosts
     * \param lanRouters routers with member LANs, the primary core's first
     * \param reference the node that makes the keys (primary core or KDC host)
     * \param cores the group-to-core mapping
     * \param smkd the scheme's helper (gives adversary hosts their host keys)
     * \param group the group
     * \param excludeAt when excluded members are excluded
     */
    void Install(const std::string& scheme,
                 NodeContainer all,
                 NodeContainer slots,
                 NodeContainer members,
                 NodeContainer lanRouters,
                 Ptr<Node> reference,
                 Ptr<CbtCoreMap> cores,
                 const SmkdHelper& smkd,
                 Ipv4Address group,
                 Time excludeAt);

    /** \return the audit's summary after the run (call once Simulator::Run returned) */
    SmkdConfinementSummary Finish();

    /** \return the members chosen for exclusion, as node ids */
    const std::vector<uint32_t>& GetExcluded() const;

  private:
    /// Put adversary \p app on \p node, attacking \p group from \p start.
    void Place(Ptr<SmkdAdversary> app,
               Ptr<Node> node,
               Ipv4Address group,
               Ptr<CbtCoreMap> cores,
               Time start);

    std::vector<SmkdAdversarySpec> m_specs;
    Ptr<SmkdConfinementAudit> m_audit;
    std::vector<Ptr<SmkdAdversary>> m_apps;
    std::vector<uint32_t> m_excluded;
    /// Rogue initiators' outcomes: "rogue-lists-accepted", "rogue-lists-refused".
    std::map<std::string, uint64_t> m_rogueLists;
    uint32_t m_placed{0};
};

} // namespace ns3

#endif /* SMKD_SCENARIO_ADVERSARIES_H */
