/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-sample-statistics.h"

#include "ns3/log.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdSampleStatistics");

namespace
{

constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

/// Sort ascending, refusing NaN (it has no place in an order).
void
SortChecked(std::vector<double>& values, const char* what)
{
    if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
    {
        throw std::invalid_argument(std::string(what) + ": the sample contains NaN");
    }
    std::sort(values.begin(), values.end());
}

/// Nearest-rank percentile of an ascending, non-empty sample.
double
SortedPercentile(const std::vector<double>& sorted, double p)
{
    const auto n = static_cast<double>(sorted.size());
    // ceil(p/100 * n), computed so that e.g. p = 95, n = 20 gives rank 19 exactly.
    auto rank = static_cast<std::size_t>(std::ceil(p * n / 100.0));
    rank = std::max<std::size_t>(rank, 1);
    return sorted[std::min(rank, sorted.size()) - 1];
}

} // namespace

double
SmkdPercentile(std::vector<double> values, double p)
{
    if (!(p >= 0 && p <= 100))
    {
        throw std::invalid_argument("SmkdPercentile: percentile " + std::to_string(p) +
                                    " is outside [0, 100]");
    }
    SortChecked(values, "SmkdPercentile");
    return values.empty() ? NOT_A_NUMBER : SortedPercentile(values, p);
}

double
SmkdGini(std::vector<double> values)
{
    SortChecked(values, "SmkdGini");
    if (values.empty())
    {
        return NOT_A_NUMBER;
    }
    if (values.front() < 0)
    {
        throw std::invalid_argument("SmkdGini: negative value " + std::to_string(values.front()));
    }
    // With x ascending and ranks i = 1..n:
    // sum_i sum_j |x_i - x_j| = 2 sum_i (2i - n - 1) x_i, hence
    // G = sum_i (2i - n - 1) x_i / (n sum_i x_i).
    const double n = static_cast<double>(values.size());
    const double total = std::accumulate(values.begin(), values.end(), 0.0);
    if (total == 0)
    {
        return 0;
    }
    double weighted = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        weighted += (2.0 * static_cast<double>(i + 1) - n - 1.0) * values[i];
    }
    return weighted / (n * total);
}

std::vector<SmkdCdfPoint>
SmkdEmpiricalCdf(std::vector<double> values)
{
    SortChecked(values, "SmkdEmpiricalCdf");
    std::vector<SmkdCdfPoint> cdf;
    const auto n = static_cast<double>(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        // One point per distinct value, at the last of its copies.
        if (i + 1 == values.size() || values[i + 1] != values[i])
        {
            cdf.push_back({values[i], static_cast<double>(i + 1) / n});
        }
    }
    return cdf;
}

double
SmkdSeconds(Time t)
{
    // Both integers are exact in a double below 2^53 steps (104 days in
    // nanoseconds), so the quotient is correctly rounded.
    static const auto stepsPerSecond = static_cast<double>(Seconds(1).GetTimeStep());
    return static_cast<double>(t.GetTimeStep()) / stepsPerSecond;
}

SmkdSampleSummary
SmkdSummarize(const std::vector<double>& values)
{
    std::vector<double> sorted = values;
    SortChecked(sorted, "SmkdSummarize");
    SmkdSampleSummary s;
    s.count = sorted.size();
    if (sorted.empty())
    {
        s.min = s.mean = s.p50 = s.p95 = s.p99 = s.max = NOT_A_NUMBER;
        return s;
    }
    s.min = sorted.front();
    s.max = sorted.back();
    s.mean = std::accumulate(sorted.begin(), sorted.end(), 0.0) / static_cast<double>(s.count);
    s.p50 = SortedPercentile(sorted, 50);
    s.p95 = SortedPercentile(sorted, 95);
    s.p99 = SortedPercentile(sorted, 99);
    return s;
}

} // namespace ns3
