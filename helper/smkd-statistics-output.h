/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_STATISTICS_OUTPUT_H
#define SMKD_STATISTICS_OUTPUT_H

#include "smkd-statistics-results.h"
#include "smkd-statistics-table.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \param r results
 * \return the per-event and per-entity tables: joins, rekeys, crypto-nodes,
 *         crypto-ops, overhead-types, overhead-links, security, trees, routers
 */
std::vector<SmkdTable> SmkdStatisticsTables(const SmkdStatisticsResults& r);

/**
 * \ingroup smkd
 * \param r results
 * \return the summary as a JSON document
 */
std::string SmkdStatisticsJson(const SmkdStatisticsResults& r);

/**
 * \ingroup smkd
 * \brief Write each of SmkdStatisticsTables as "<dir>/<prefix><name>.csv",
 * rows led by the run's version, seed, run, scheme, crypto_mode and parameters.
 * \param r results
 * \param dir the directory (created when missing)
 * \param prefix file name prefix
 * \throws std::runtime_error naming the path on failure
 */
void SmkdWriteStatisticsCsv(const SmkdStatisticsResults& r,
                            const std::string& dir,
                            const std::string& prefix);

/**
 * \ingroup smkd
 * \brief Write SmkdStatisticsJson to \p path, atomically.
 * \param r results
 * \param path the file
 * \throws std::runtime_error naming the path on failure
 */
void SmkdWriteStatisticsJson(const SmkdStatisticsResults& r, const std::string& path);

/**
 * \ingroup smkd
 * \brief Write a SQLite database: ns-3's DataCollector/SqliteDataOutput
 * tables (Experiments, Metadata, Singletons holding the summary as
 * (name = section, variable, value)) and SmkdStatisticsTables with a leading
 * "run" column (table names with '_' for '-'). The database is built in a
 * temporary file and renamed onto \p path.
 * \param r results
 * \param path the database
 * \param append start from a copy of an existing database at \p path
 * \throws std::runtime_error naming the path on failure, or when SQLite output is unavailable
 */
void SmkdWriteStatisticsSqlite(const SmkdStatisticsResults& r,
                               const std::string& path,
                               bool append);

/** \ingroup smkd \return true when ns-3's stats module was built with SQLite */
bool SmkdStatisticsSqliteAvailable();

} // namespace ns3

#endif /* SMKD_STATISTICS_OUTPUT_H */
