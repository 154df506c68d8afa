/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-statistics-table.h"

#include "smkd-json-writer.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdStatisticsTable");

std::string
SmkdCsvField(const SmkdCell& cell)
{
    if (const auto* i = std::get_if<int64_t>(&cell))
    {
        return std::to_string(*i);
    }
    if (const auto* d = std::get_if<double>(&cell))
    {
        return SmkdFormatNumber(*d);
    }
    const std::string& s = std::get<std::string>(cell);
    if (s.find_first_of(",\"\r\n") == std::string::npos)
    {
        return s;
    }
    std::string quoted = "\"";
    for (char c : s)
    {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

std::string
SmkdTableToCsv(const SmkdTable& table, const std::vector<std::pair<std::string, SmkdCell>>& leading)
{
    std::string prefix;
    std::string header;
    for (const auto& [name, value] : leading)
    {
        header += SmkdCsvField(name) + ",";
        prefix += SmkdCsvField(value) + ",";
    }
    for (std::size_t i = 0; i < table.columns.size(); ++i)
    {
        header += (i ? "," : "") + SmkdCsvField(table.columns[i]);
    }
    std::string out = header + "\n";
    for (const auto& row : table.rows)
    {
        out += prefix;
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            out += (i ? "," : "") + SmkdCsvField(row[i]);
        }
        out += "\n";
    }
    return out;
}

} // namespace ns3
