/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-membership-schedule.h"

#include <stdexcept>

namespace ns3
{

SmkdMembershipSchedule::Pattern
SmkdMembershipSchedule::ParsePattern(const std::string& name)
{
    if (name == "uniform")
    {
        return Pattern::UNIFORM;
    }
    if (name == "simultaneous")
    {
        return Pattern::SIMULTANEOUS;
    }
    if (name == "poisson")
    {
        return Pattern::POISSON;
    }
    if (name == "flash-crowd")
    {
        return Pattern::FLASH_CROWD;
    }
    throw std::invalid_argument("unknown join pattern '" + name +
                                "' (expected uniform, simultaneous, poisson or flash-crowd)");
}

SmkdMembershipSchedule::SmkdMembershipSchedule()
    : m_uniform(CreateObject<UniformRandomVariable>()),
      m_arrivals(CreateObject<ExponentialRandomVariable>()),
      m_churn(CreateObject<ExponentialRandomVariable>())
{
}

void
SmkdMembershipSchedule::SetPattern(Pattern pattern, Time start, Time window)
{
    if (window.IsStrictlyNegative())
    {
        throw std::invalid_argument("the join window must not be negative");
    }
    m_pattern = pattern;
    m_start = start;
    m_window = window;
}

void
SmkdMembershipSchedule::SetFlashCrowd(double fraction, Time duration)
{
    if (!(fraction >= 0 && fraction <= 1) || duration.IsStrictlyNegative())
    {
        throw std::invalid_argument("a flash crowd needs flashFraction in [0, 1] and a "
                                    "non-negative flashDuration");
    }
    m_flashFraction = fraction;
    m_flashDuration = duration;
}

void
SmkdMembershipSchedule::SetChurn(Time meanMembership, Time meanAbsence)
{
    if (meanMembership.IsStrictlyNegative() || meanAbsence.IsStrictlyNegative())
    {
        throw std::invalid_argument("meanMembership and meanAbsence must not be negative");
    }
    m_meanMembership = meanMembership;
    m_meanAbsence = meanAbsence;
}

int64_t
SmkdMembershipSchedule::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    m_arrivals->SetStream(stream + 1);
    m_churn->SetStream(stream + 2);
    return 3;
}

std::vector<Time>
SmkdMembershipSchedule::DrawFirstJoins(uint32_t members)
{
    std::vector<Time> at;
    at.reserve(members);
    const double window = m_window.GetSeconds();
    Time arrival = m_start;
    for (uint32_t i = 0; i < members; ++i)
    {
        switch (m_pattern)
        {
        case Pattern::UNIFORM:
            at.push_back(m_start + Seconds(m_uniform->GetValue(0, window)));
            break;
        case Pattern::SIMULTANEOUS:
            at.push_back(m_start);
            break;
        case Pattern::POISSON:
            // Rate members / window: exponential gaps of mean window / members.
            arrival += Seconds(m_arrivals->GetValue(window / members, 0));
            at.push_back(arrival);
            break;
        case Pattern::FLASH_CROWD:
            if (m_uniform->GetValue(0, 1) < m_flashFraction)
            {
                at.push_back(m_start + m_window / 2 +
                             Seconds(m_uniform->GetValue(0, m_flashDuration.GetSeconds())));
            }
            else
            {
                at.push_back(m_start + Seconds(m_uniform->GetValue(0, window)));
            }
            break;
        }
    }
    return at;
}

bool
SmkdMembershipSchedule::HasLeaves() const
{
    return m_meanMembership.IsStrictlyPositive();
}

bool
SmkdMembershipSchedule::HasReturns() const
{
    return m_meanAbsence.IsStrictlyPositive();
}

Time
SmkdMembershipSchedule::DrawMembership()
{
    return Seconds(m_churn->GetValue(m_meanMembership.GetSeconds(), 0));
}

Time
SmkdMembershipSchedule::DrawAbsence()
{
    return Seconds(m_churn->GetValue(m_meanAbsence.GetSeconds(), 0));
}

} // namespace ns3
