/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_MEMBERSHIP_SCHEDULE_H
#define SMKD_MEMBERSHIP_SCHEDULE_H

#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief When members join and leave: first joins by a pattern, and churn
 * (exponential membership and absence times), from seeded random streams.
 *
 * Patterns of first joins over a window [start, start + window):
 * - UNIFORM: independent uniformly random times;
 * - SIMULTANEOUS: everyone at start;
 * - POISSON: Poisson arrivals of rate members / window from start (the n-th
 *   member at the sum of n exponential gaps; late ones may fall after the window);
 * - FLASH_CROWD: each member is in the burst with probability flashFraction,
 *   at a uniform time in [start + window / 2, + flashDuration); the others
 *   uniform over the window.
 */
class SmkdMembershipSchedule
{
  public:
    /// How first joins are spread over the window.
    enum class Pattern
    {
        UNIFORM,
        SIMULTANEOUS,
        POISSON,
        FLASH_CROWD
    };

    /**
     * \param name "uniform", "simultaneous", "poisson" or "flash-crowd"
     * \return the pattern
     * \throws std::invalid_argument for another name
     */
    static Pattern ParsePattern(const std::string& name);

    SmkdMembershipSchedule();

    /**
     * \brief Set the first-join pattern.
     * \param pattern the pattern
     * \param start the window's start
     * \param window the window's length
     * \throws std::invalid_argument for a negative window
     */
    void SetPattern(Pattern pattern, Time start, Time window);

    /**
     * \brief Shape of FLASH_CROWD.
     * \param fraction share of members in the burst, in [0, 1]
     * \param duration length of the burst, not negative
     * \throws std::invalid_argument out of range
     */
    void SetFlashCrowd(double fraction, Time duration);

    /**
     * \brief Churn: mean membership and absence times (zero: no leaves, no returns).
     * \param meanMembership mean time from a join to the leave
     * \param meanAbsence mean time from a leave to the next join
     * \throws std::invalid_argument for negative means
     */
    void SetChurn(Time meanMembership, Time meanAbsence);

    /**
     * \param stream the first stream index
     * \return the number of streams used (3)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \param members the number of members
     * \return each member's first join time, in member order
     */
    std::vector<Time> DrawFirstJoins(uint32_t members);

    /** \return whether members leave (positive mean membership) */
    bool HasLeaves() const;

    /** \return whether members that left come back (positive mean absence) */
    bool HasReturns() const;

    /** \return a membership time (exponential, mean meanMembership) */
    Time DrawMembership();

    /** \return an absence time (exponential, mean meanAbsence) */
    Time DrawAbsence();

  private:
    Pattern m_pattern{Pattern::UNIFORM};
    Time m_start;
    Time m_window;
    double m_flashFraction{0.8};
    Time m_flashDuration{MilliSeconds(200)};
    Time m_meanMembership;
    Time m_meanAbsence;
    Ptr<UniformRandomVariable> m_uniform;
    Ptr<ExponentialRandomVariable> m_arrivals;
    Ptr<ExponentialRandomVariable> m_churn;
};

} // namespace ns3

#endif /* SMKD_MEMBERSHIP_SCHEDULE_H */
