/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_REPLICATIONS_H
#define SMKD_REPLICATIONS_H

#include "smkd-statistics-results.h"
#include "smkd-statistics-table.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief One headline figure of a run, as the scaling table prints it.
 */
struct SmkdFigure
{
    std::string name; //!< e.g. "join_p95", a CSV-safe identifier
    std::string unit; //!< e.g. "ms", "bytes/join", "%", "count"
    double value;     //!< NaN where it has no meaning (no crypto, no joins, not measured)
};

/**
 * \ingroup smkd
 * \param r a run's results
 * \return its headline figures, always the same names in the same order:
 * joined, join_p50/p95/max (ms), control_bytes_per_join,
 * control_frame_bytes_per_join, crypto_ops_per_join, busiest_cpu (ms),
 * primary_share_all/inf (%), rekeys, leaks, exposed_members, data_delivery (%)
 */
std::vector<SmkdFigure> SmkdHeadlineFigures(const SmkdStatisticsResults& r);

/**
 * \ingroup smkd
 * \brief Mean and the half-width of a 95 % confidence interval over
 * replications, Student t with n - 1 degrees of freedom.
 */
struct SmkdMeanCi
{
    uint32_t n{0}; //!< finite values (NaN ones are left out)
    double mean;   //!< NaN when n = 0
    double ci95;   //!< t(0.975, n - 1) s / sqrt(n); NaN when n < 2
};

/**
 * \ingroup smkd
 * \param values one figure over replications
 * \return its mean and 95 % confidence half-width
 */
SmkdMeanCi SmkdMeanAndCi95(const std::vector<double>& values);

/**
 * \ingroup smkd
 * \param dof degrees of freedom (>= 1)
 * \return the 0.975 quantile of Student's t distribution (exact to 3
 * decimals up to 30, then interpolated in 1/dof towards the normal's 1.96)
 */
double SmkdStudentT975(uint32_t dof);

/**
 * \ingroup smkd
 * \brief One run of a sweep: a member count, a seed, a scheme and its results.
 */
struct SmkdReplication
{
    uint32_t members{0};           //!< the swept size
    uint32_t seed{0};              //!< the replication's seed
    SmkdStatisticsResults results; //!< what it measured
};

/**
 * \ingroup smkd
 * \param runs runs of a sweep
 * \return the table "runs": one row per run, its size, seed, scheme and
 * every headline figure (one combined CSV for --sizes and --seeds)
 */
SmkdTable SmkdRunsTable(const std::vector<SmkdReplication>& runs);

/**
 * \ingroup smkd
 * \param runs runs of a sweep
 * \return the table "summary": per member count, scheme and figure, the
 * number of replications, the mean and the 95 % confidence half-width
 */
SmkdTable SmkdSummaryTable(const std::vector<SmkdReplication>& runs);

/**
 * \ingroup smkd
 * \brief The manifest of one run directory: what was run and how, so that
 * a plotting tool can refuse to put different set-ups on one curve.
 * \param tool the program that wrote it (e.g. "smkd-scaling")
 * \param runs the schemes run in the directory, same size and seed
 * \return the manifest as JSON: tool, members, seed, run, schemes, and
 * the first run's provenance (configuration, changed attribute defaults,
 * global values, topology SHA-256, commit, ns-3 and OpenSSL versions),
 * with each scheme's crypto mode and parameters
 */
std::string SmkdRunManifest(const std::string& tool, const std::vector<SmkdReplication>& runs);

} // namespace ns3

#endif /* SMKD_REPLICATIONS_H */
