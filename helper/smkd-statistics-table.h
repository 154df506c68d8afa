/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_STATISTICS_TABLE_H
#define SMKD_STATISTICS_TABLE_H

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief One value of a table: integer, real (NaN for "none") or text.
 */
using SmkdCell = std::variant<int64_t, double, std::string>;

/**
 * \ingroup smkd
 * \brief A named table of rows, the one shape from which the collector writes
 * both its CSV files and its SQLite tables.
 */
struct SmkdTable
{
    std::string name;                        //!< file stem and SQLite table name
    std::vector<std::string> columns;        //!< column names
    std::vector<std::vector<SmkdCell>> rows; //!< each as long as columns
};

/**
 * \ingroup smkd
 * \param cell a value
 * \return it as CSV text: integers in decimal, reals in shortest round-trip
 *         form ("" for NaN), text quoted (RFC 4180) when it holds a comma,
 *         quote or line break
 */
std::string SmkdCsvField(const SmkdCell& cell);

/**
 * \ingroup smkd
 * \brief Render a table as CSV with a header line, each row prefixed by the
 * same \p leading columns (the run's identification).
 * \param table the table
 * \param leading names and values of columns put before the table's own
 * \return the CSV text
 */
std::string SmkdTableToCsv(const SmkdTable& table,
                           const std::vector<std::pair<std::string, SmkdCell>>& leading);

} // namespace ns3

#endif /* SMKD_STATISTICS_TABLE_H */
