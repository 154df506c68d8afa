/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_BENCH_CLOCK_H
#define SMKD_BENCH_CLOCK_H

// Wall-clock and memory readings for the benchmark programs. Wall-clock time
// is read here and only here: the simulation never reads it.

#include <chrono>
#include <sys/resource.h>

namespace smkdbench
{

/// The benchmarks' wall clock.
using Clock = std::chrono::steady_clock;

/** \return seconds of wall-clock time since \p start */
inline double
Since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/** \return the process's peak resident set size so far, in MiB */
inline double
PeakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // kilobytes on Linux
}

} // namespace smkdbench

#endif /* SMKD_BENCH_CLOCK_H */
