/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_ROUTER_GROUP_STATE_H
#define SMKD_IGMP_ROUTER_GROUP_STATE_H

#include "igmp-group-record.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <map>
#include <ostream>
#include <set>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A multicast router's state for one group on one attached network
 * (RFC 3376 §6.2): filter mode, group timer and source records.
 *
 * Timers are kept as absolute expiry times, so the class needs no scheduler
 * and every row of the §6.4 tables can be tested on its own; "timer > 0"
 * reads "expiry > now" and "timer = 0" sets the expiry to now. The owner
 * calls Expire() at NextExpiry() and sends the queries that the report
 * handlers ask for.
 */
class IgmpRouterGroupState
{
  public:
    /// Router filter mode, §6.2.1.
    enum class FilterMode : uint8_t
    {
        INCLUDE,
        EXCLUDE,
    };

    using SourceSet = std::set<Ipv4Address>;

    /// Queries a report asks the querier to send (§6.4.2): Q(G) and Q(G,A).
    struct Queries
    {
        bool group{false}; //!< send Q(G)
        SourceSet sources; //!< send Q(G,A) for these, if not empty
    };

    /**
     * \param gmi Group Membership Interval (§8.4)
     * \param lmqt Last Member Query Time (§8.10)
     */
    IgmpRouterGroupState(Time gmi, Time lmqt);

    /**
     * \brief Apply a received group record, per the tables of §6.4.1 and §6.4.2.
     * \param type the record type (unknown types are ignored)
     * \param sources the record's sources
     * \param now the current time
     * \return the queries to send (only a querier sends them)
     */
    Queries Receive(IgmpRecordType type, const SourceSet& sources, Time now);

    /**
     * \brief §6.6.1: a Q(G) without the S flag was sent or heard: the group
     * timer drops to LMQT (if it was higher).
     * \param now the current time
     */
    void LowerGroupTimer(Time now);

    /**
     * \brief §6.6.1: a Q(G,A) without the S flag was sent or heard: the
     * source timers of A drop to LMQT (if they were higher).
     * \param sources A
     * \param now the current time
     */
    void LowerSourceTimers(const SourceSet& sources, Time now);

    /**
     * \brief Apply every timer that has run out by \p now: §6.5 (group timer
     * in EXCLUDE mode) and §6.3 (source timers in INCLUDE mode).
     * \param now the current time
     */
    void Expire(Time now);

    /**
     * \param now the current time
     * \return the earliest future expiry, or Time::Max() when none
     */
    Time NextExpiry(Time now) const;

    /**
     * \brief §6.3: whether IGMP suggests forwarding \p source's traffic here.
     * \param source a source address
     * \param now the current time
     * \return the suggestion
     */
    bool ShouldForward(Ipv4Address source, Time now) const;

    /**
     * \return true when the group record can be deleted: INCLUDE mode and no
     * source record (§6.3, first INCLUDE row, and §6.5)
     */
    bool IsEmpty() const;

    /**
     * \param now the current time
     * \return true when some source is wanted: EXCLUDE mode, or INCLUDE with a running source
     */
    bool HasListeners(Time now) const;

    FilterMode GetFilterMode() const;

    /** \return the group timer's expiry (meaningful in EXCLUDE mode) */
    Time GetGroupTimer() const;

    /**
     * \param now the current time
     * \return the sources whose timer runs: A in INCLUDE (A), X in EXCLUDE (X,Y)
     */
    SourceSet Forwarded(Time now) const;

    /**
     * \param now the current time
     * \return Y in EXCLUDE (X,Y): sources whose timer is zero; empty in INCLUDE mode
     */
    SourceSet Blocked(Time now) const;

    /**
     * \param source a source
     * \return its timer's expiry, or a negative time when there is no record
     */
    Time GetSourceTimer(Ipv4Address source) const;

    void Print(std::ostream& os, Time now) const;

  private:
    void SetTimers(const SourceSet& sources, Time expiry);
    void Delete(const SourceSet& sources);
    void Add(const SourceSet& sources, Time expiry);

    Time m_gmi;
    Time m_lmqt;
    FilterMode m_mode{FilterMode::INCLUDE};
    Time m_groupTimer;
    std::map<Ipv4Address, Time> m_sources; //!< source -> timer expiry
};

} // namespace ns3

#endif /* SMKD_IGMP_ROUTER_GROUP_STATE_H */
