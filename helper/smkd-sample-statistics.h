/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SAMPLE_STATISTICS_H
#define SMKD_SAMPLE_STATISTICS_H

#include "ns3/nstime.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Summary of a sample: count, extremes, mean and percentiles.
 *
 * Every field but count is NaN for an empty sample.
 */
struct SmkdSampleSummary
{
    uint64_t count{0}; //!< number of values
    double min{0};     //!< smallest value
    double mean{0};    //!< arithmetic mean
    double p50{0};     //!< median, nearest rank (see SmkdPercentile)
    double p95{0};     //!< 95th percentile, nearest rank
    double p99{0};     //!< 99th percentile, nearest rank
    double max{0};     //!< largest value
};

/**
 * \ingroup smkd
 * \brief One step of an empirical CDF: the fraction of the sample at or below a value.
 */
struct SmkdCdfPoint
{
    double value;    //!< a value of the sample
    double fraction; //!< share of the sample <= value, in (0, 1]
};

/**
 * \ingroup smkd
 * \brief Nearest-rank percentile.
 *
 * The p-th percentile of n values is the value of rank ceil(p/100 * n) in
 * ascending order (rank 1 for p = 0): the smallest sample value such that at
 * least p per cent of the sample is at or below it. It is always a value of
 * the sample, so latencies keep their exact simulated values.
 * \param values the sample (any order)
 * \param p the percentile, in [0, 100]
 * \return the percentile, or NaN for an empty sample
 * \throws std::invalid_argument if p is outside [0, 100] or a value is NaN
 */
double SmkdPercentile(std::vector<double> values, double p);

/**
 * \ingroup smkd
 * \brief Gini coefficient of non-negative values, without the small-sample
 * correction n/(n-1).
 *
 * G = sum_i sum_j |x_i - x_j| / (2 n^2 mean): 0 when every value is equal,
 * (n-1)/n when one value carries everything ({0,0,0,1} gives 0.75). A
 * sample whose values are all zero has G = 0 (nobody carries more than anyone).
 * \param values the sample
 * \return G in [0, 1), or NaN for an empty sample
 * \throws std::invalid_argument if a value is negative or NaN
 */
double SmkdGini(std::vector<double> values);

/**
 * \ingroup smkd
 * \brief Empirical CDF: one point per distinct value, ascending.
 * \param values the sample
 * \return the points; empty for an empty sample
 * \throws std::invalid_argument if a value is NaN
 */
std::vector<SmkdCdfPoint> SmkdEmpiricalCdf(std::vector<double> values);

/**
 * \ingroup smkd
 * \brief A time in seconds, as the double nearest to its exact value.
 *
 * Time::GetSeconds can be off in the last digits (0.00018412999999999996
 * for 184130 ns); outputs print 0.00018413 from this.
 * \param t a time
 * \return t in seconds
 */
double SmkdSeconds(Time t);

/**
 * \ingroup smkd
 * \param values the sample
 * \return its count, min, mean, p50, p95, p99 and max (NaN fields when empty)
 * \throws std::invalid_argument if a value is NaN
 */
SmkdSampleSummary SmkdSummarize(const std::vector<double>& values);

} // namespace ns3

#endif /* SMKD_SAMPLE_STATISTICS_H */
