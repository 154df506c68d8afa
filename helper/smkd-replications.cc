/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-replications.h"

#include "smkd-json-writer.h"

#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace ns3
{

namespace
{

constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

double
PerJoin(double total, uint64_t joined)
{
    return joined > 0 ? total / static_cast<double>(joined) : NOT_A_NUMBER;
}

} // namespace

std::vector<SmkdFigure>
SmkdHeadlineFigures(const SmkdStatisticsResults& r)
{
    const bool joined = r.joinsCompleted > 0;
    const bool crypto = r.run.cryptoMode != "none";
    const auto ms = [joined](double seconds) { return joined ? seconds * 1000.0 : NOT_A_NUMBER; };
    const auto ifCrypto = [crypto](double v) { return crypto ? v : NOT_A_NUMBER; };
    const bool measured = r.confinement.measured;
    return {
        {"joined", "count", static_cast<double>(r.joinsCompleted)},
        {"join_p50", "ms", ms(r.joinLatency.p50)},
        {"join_p95", "ms", ms(r.joinLatency.p95)},
        {"join_max", "ms", ms(r.joinLatency.max)},
        {"control_bytes_per_join", "bytes/join", PerJoin(r.controlBytes, r.joinsCompleted)},
        {"control_frame_bytes_per_join",
         "bytes/join",
         PerJoin(r.controlFrameBytes, r.joinsCompleted)},
        {"crypto_ops_per_join", "ops/join", ifCrypto(PerJoin(r.opsAll.total, r.joinsCompleted))},
        {"busiest_cpu", "ms", ifCrypto(r.busyAll.max * 1000.0)},
        {"primary_share_all", "%", ifCrypto(100.0 * r.busyAll.primaryShare)},
        {"primary_share_inf", "%", ifCrypto(100.0 * r.busyInfrastructure.primaryShare)},
        {"rekeys", "count", static_cast<double>(r.rekeys.size())},
        {"leaks",
         "count",
         measured ? static_cast<double>(r.confinement.unauthorizedHolders) : NOT_A_NUMBER},
        {"exposed_members",
         "count",
         measured ? static_cast<double>(r.confinement.exposedMembers) : NOT_A_NUMBER},
        {"data_delivery",
         "%",
         r.data.expected > 0 ? 100.0 * r.data.delivered / r.data.expected : NOT_A_NUMBER},
    };
}

double
SmkdStudentT975(uint32_t dof)
{
    // t(0.975, dof) for dof = 1..30.
    static const std::array<double, 30> table = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (dof == 0)
    {
        return NOT_A_NUMBER;
    }
    if (dof <= table.size())
    {
        return table[dof - 1];
    }
    // Beyond 30 the quantile is nearly linear in 1/dof: 2.042 at 30, 1.960 at infinity.
    return 1.960 + (2.042 - 1.960) * 30.0 / dof;
}

SmkdMeanCi
SmkdMeanAndCi95(const std::vector<double>& values)
{
    SmkdMeanCi out{0, NOT_A_NUMBER, NOT_A_NUMBER};
    double sum = 0;
    for (double v : values)
    {
        if (std::isfinite(v))
        {
            sum += v;
            ++out.n;
        }
    }
    if (out.n == 0)
    {
        return out;
    }
    out.mean = sum / out.n;
    if (out.n < 2)
    {
        return out;
    }
    double squares = 0;
    for (double v : values)
    {
        if (std::isfinite(v))
        {
            squares += (v - out.mean) * (v - out.mean);
        }
    }
    const double sd = std::sqrt(squares / (out.n - 1));
    out.ci95 = SmkdStudentT975(out.n - 1) * sd / std::sqrt(static_cast<double>(out.n));
    return out;
}

SmkdTable
SmkdRunsTable(const std::vector<SmkdReplication>& runs)
{
    SmkdTable t{"runs", {"members", "seed", "run", "scheme"}, {}};
    if (runs.empty())
    {
        return t;
    }
    for (const SmkdFigure& f : SmkdHeadlineFigures(runs.front().results))
    {
        t.columns.push_back(f.name);
    }
    for (const SmkdReplication& run : runs)
    {
        std::vector<SmkdCell> row{int64_t{run.members},
                                  int64_t{run.seed},
                                  static_cast<int64_t>(run.results.run.run),
                                  run.results.run.scheme};
        for (const SmkdFigure& f : SmkdHeadlineFigures(run.results))
        {
            row.emplace_back(f.value);
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

SmkdTable
SmkdSummaryTable(const std::vector<SmkdReplication>& runs)
{
    SmkdTable t{"summary", {"members", "scheme", "figure", "unit", "n", "mean", "ci95"}, {}};
    // In the order the runs came: sizes, then schemes as given.
    std::vector<std::pair<uint32_t, std::string>> order;
    std::map<std::pair<uint32_t, std::string>, std::vector<std::vector<SmkdFigure>>> figures;
    for (const SmkdReplication& run : runs)
    {
        const auto key = std::make_pair(run.members, run.results.run.scheme);
        if (!figures.count(key))
        {
            order.push_back(key);
        }
        figures[key].push_back(SmkdHeadlineFigures(run.results));
    }
    for (const auto& key : order)
    {
        const std::vector<std::vector<SmkdFigure>>& reps = figures[key];
        for (std::size_t i = 0; i < reps.front().size(); ++i)
        {
            std::vector<double> values;
            for (const std::vector<SmkdFigure>& rep : reps)
            {
                values.push_back(rep[i].value);
            }
            const SmkdMeanCi m = SmkdMeanAndCi95(values);
            t.rows.push_back({int64_t{key.first},
                              key.second,
                              reps.front()[i].name,
                              reps.front()[i].unit,
                              int64_t{m.n},
                              m.mean,
                              m.ci95});
        }
    }
    return t;
}

std::string
SmkdRunManifest(const std::string& tool, const std::vector<SmkdReplication>& runs)
{
    SmkdJsonWriter w;
    w.BeginObject();
    w.Field("tool", tool);
    if (runs.empty())
    {
        w.EndObject();
        return w.GetString();
    }
    const SmkdRunInfo& first = runs.front().results.run;
    w.Field("members", runs.front().members)
        .Field("seed", runs.front().seed)
        .Field("run", first.run);
    w.Key("schemes").BeginObject();
    for (const SmkdReplication& r : runs)
    {
        w.Key(r.results.run.scheme).BeginObject().Field("cryptoMode", r.results.run.cryptoMode);
        w.Key("parameters").BeginObject();
        for (const auto& [key, value] : r.results.run.parameters)
        {
            w.Field(key, value);
        }
        w.EndObject().EndObject();
    }
    w.EndObject();
    for (const auto& [name, map] : {std::make_pair("configuration", &first.configuration),
                                    std::make_pair("attributes", &first.attributes),
                                    std::make_pair("globals", &first.globals)})
    {
        w.Key(name).BeginObject();
        for (const auto& [key, value] : *map)
        {
            w.Field(key, value);
        }
        w.EndObject();
    }
    w.Field("topologySha256", first.topologySha256)
        .Field("commit", first.commit)
        .Field("ns3Version", first.ns3Version)
        .Field("opensslVersion", first.opensslVersion)
        .Field("version", first.version);
    w.EndObject();
    return w.GetString();
}

} // namespace ns3
