/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_FAILURE_INJECTOR_H
#define SMKD_FAILURE_INJECTOR_H

#include "smkd-network.h"
#include "smkd-topology.h"

#include "ns3/callback.h"
#include "ns3/error-model.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class SmkdTreeRoutes;

/**
 * \ingroup smkd
 * \brief A router, or a link between two routers, that fails at a given
 * time (SmkdScenarioConfig::failures, SmkdFailureInjector). Routers are
 * topology indices.
 */
struct SmkdFailure
{
    /// The value of b that makes the failure a router's, not a link's.
    static constexpr uint32_t ROUTER = 0xffffffff;

    Time at;            //!< when it fails
    uint32_t a{0};      //!< a router
    uint32_t b{ROUTER}; //!< the link's other router, or ROUTER
    Time duration;      //!< zero: for good; otherwise repaired after this long

    /** \return e.g. "link 3-7 at +12s" or "router 5 at +12s for +4s" */
    std::string Describe() const;

    /**
     * \brief Parse a comma-separated list of failures, each
     * "link:A-B@TIME[+DURATION]" or "router:A@TIME[+DURATION]", times in
     * ns-3's notation ("12s", "500ms").
     * \param list the list (empty: none)
     * \return the failures
     * \throws std::invalid_argument naming the entry that does not parse
     */
    static std::vector<SmkdFailure> ParseList(const std::string& list);
};

/**
 * \ingroup smkd
 * \brief Fails links and routers of an SmkdNetwork at given times, and
 * repairs them.
 *
 * A failure is silent, as a cut cable or a crashed router is: every frame
 * arriving on an affected device is lost from then on, and nobody is told.
 * CBT notices through missing ECHO replies (RFC 2189 §4.4) and repairs the
 * tree (§4.5). The unicast routes it repairs over are recomputed without the
 * failed links at the moment of failure: the view a converged link-state IGP
 * would give, without modelling the IGP's own convergence.
 * - A link failure affects both ends of a router link.
 * - A router failure affects every device on every channel of the router:
 *   its links' far ends and its host LAN, whose hosts lose their only router.
 *
 * Overlapping failures of one device are counted: a device works again only
 * when every failure that covered it has been repaired.
 */
class SmkdFailureInjector
{
  public:
    /**
     * \param network the network (kept by reference: it must outlive the injector's events)
     * \param routes the unicast routes to recompute, or nullptr to leave routes alone
     */
    SmkdFailureInjector(const SmkdNetwork& network, Ptr<SmkdTreeRoutes> routes);

    /**
     * \brief Check \p failure against \p topology: the routers exist, a
     * link's routers are adjacent, times are not negative.
     * \param failure the failure
     * \param topology the topology
     * \throws std::invalid_argument naming the failure and the problem
     */
    static void Validate(const SmkdFailure& failure, const SmkdTopology& topology);

    /**
     * \brief Validate, then schedule the failure and, with a duration, its repair.
     * \param failure the failure
     */
    void Schedule(const SmkdFailure& failure);

    /** \return failures that have happened so far */
    uint32_t GetNFailed() const;

    /** \return repairs that have happened so far */
    uint32_t GetNRepaired() const;

    /// Called at every failure (true) and repair (false).
    using ChangeCallback = Callback<void, const SmkdFailure&, bool>;

    /**
     * \param cb called at every failure and repair
     */
    void SetChangeCallback(ChangeCallback cb);

  private:
    void Apply(const SmkdFailure& failure, bool fail);
    void SetDeviceFailed(Ptr<NetDevice> device, bool fail);

    const SmkdNetwork& m_network;
    Ptr<SmkdTreeRoutes> m_routes;

    /// A device some failure has covered.
    struct Covered
    {
        uint32_t failures{0};     //!< failures covering it now
        Ptr<RateErrorModel> loss; //!< loses every frame while enabled
    };

    std::map<Ptr<NetDevice>, Covered> m_devices;
    std::map<uint32_t, uint32_t> m_linkFailures; //!< failures covering each topology link
    uint32_t m_failed{0};
    uint32_t m_repaired{0};
    ChangeCallback m_change;
};

} // namespace ns3

#endif /* SMKD_FAILURE_INJECTOR_H */
