/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_HOST_STATE_H
#define SMKD_IGMP_HOST_STATE_H

#include "igmp-group-record.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A reception state (filter mode, source list), per socket or per
 * interface, RFC 3376 §3. INCLUDE with no source means "not a member".
 */
struct IgmpFilterState
{
    bool exclude{false};           //!< filter mode EXCLUDE (else INCLUDE)
    std::set<Ipv4Address> sources; //!< the source list

    /** \return true unless INCLUDE with an empty list */
    bool IsMember() const
    {
        return exclude || !sources.empty();
    }

    /**
     * \param source a source
     * \return whether traffic from \p source is wanted
     */
    bool Wants(Ipv4Address source) const
    {
        return exclude != (sources.count(source) > 0);
    }

    bool operator==(const IgmpFilterState& o) const
    {
        return exclude == o.exclude && sources == o.sources;
    }

    bool operator!=(const IgmpFilterState& o) const
    {
        return !(*this == o);
    }
};

/**
 * \brief The interface state derived from all sockets' states, RFC 3376 §3.2:
 * EXCLUDE with the intersection of the EXCLUDE lists minus the union of the
 * INCLUDE lists when any socket excludes; otherwise INCLUDE with the union.
 * \param sockets the per-socket states of one group on one interface
 * \return the interface state
 */
IgmpFilterState IgmpMergeSocketStates(const std::vector<IgmpFilterState>& sockets);

/**
 * \brief The current-state record of RFC 3376 §4.2.12 for an interface state.
 * \param group the group
 * \param state the interface state
 * \return IS_IN (sources) or IS_EX (sources)
 */
IgmpGroupRecord IgmpCurrentStateRecord(Ipv4Address group, const IgmpFilterState& state);

/**
 * \ingroup smkd
 * \brief State-change report retransmission state of one group on one
 * interface, RFC 3376 §5.1.
 *
 * A change arms [Robustness Variable] reports: a filter-mode change makes
 * the next RV reports carry TO_IN/TO_EX; a source-list change gives each
 * changed source RV appearances in ALLOW/BLOCK records. Changes that come
 * while reports are still pending merge into them, as §5.1 prescribes.
 */
class IgmpStateChangeReporter
{
  public:
    /**
     * \brief Record a change of the interface state.
     * \param before state before the change
     * \param after state after it
     * \param robustness the Robustness Variable
     */
    void Change(const IgmpFilterState& before, const IgmpFilterState& after, uint32_t robustness);

    /** \return true while reports remain to be sent */
    bool Pending() const;

    /**
     * \brief Build the next State-Change Report's records and count it as sent.
     * \param group the group
     * \param current the interface state now
     * \return the records (empty when nothing is pending)
     */
    std::vector<IgmpGroupRecord> Next(Ipv4Address group, const IgmpFilterState& current);

  private:
    uint32_t m_filterModeReports{0};
    std::map<Ipv4Address, uint32_t> m_sourceReports;
};

/**
 * \ingroup smkd
 * \brief Pending responses to queries on one interface, RFC 3376 §5.2.
 *
 * Holds the interface timer (General Queries) and per-group timers and
 * source lists (specific queries) as absolute times, and applies the five
 * scheduling rules of §5.2 in order.
 */
class IgmpPendingResponses
{
  public:
    /// What a group's pending response covers.
    struct GroupResponse
    {
        Time at;                       //!< when it is due
        std::set<Ipv4Address> sources; //!< queried sources; empty for a group-specific query
    };

    /**
     * \brief A query arrived; schedule per the rules of §5.2.
     * \param group the queried group, 0.0.0.0 for a General Query
     * \param sources the queried sources
     * \param now current time
     * \param delay the random delay chosen in (0, Max Resp Time)
     */
    void Query(Ipv4Address group, const std::set<Ipv4Address>& sources, Time now, Time delay);

    /** \return when the General Query response is due, or Time::Max() */
    Time InterfaceTimer() const;

    /** \return pending group responses */
    const std::map<Ipv4Address, GroupResponse>& Groups() const;

    /** \return the earliest due time, or Time::Max() */
    Time NextDue() const;

    /** \brief Forget the General Query response (it was sent). */
    void ClearInterface();

    /**
     * \brief Take the group responses due by \p now.
     * \param now current time
     * \return them, removed from the pending set
     */
    std::map<Ipv4Address, GroupResponse> TakeDueGroups(Time now);

    /**
     * \brief The current-state record answering a group or group-and-source
     * query (§5.2, expiry rules 2 and 3), if one is to be sent.
     * \param group the group
     * \param response the pending response
     * \param state the interface state of the group
     * \return the record, or nothing when the interface has no state or the
     *         source list comes out empty
     */
    static std::optional<IgmpGroupRecord> Answer(Ipv4Address group,
                                                 const GroupResponse& response,
                                                 const IgmpFilterState& state);

  private:
    Time m_interfaceTimer{Time::Max()};
    std::map<Ipv4Address, GroupResponse> m_groups;
};

} // namespace ns3

#endif /* SMKD_IGMP_HOST_STATE_H */
