/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * The module's main experiment: does tree-distributed key distribution
 * scale, and what does it cost? One secure group on a router-level map, the
 * same member hosts joining at the same random times, once per scheme:
 *
 *  - cbt      plain CBT/IGMP joins, no security (latency: join -> LAN on the tree)
 *  - rfc1949  RFC 1949 secure joins, GKDCs spreading down the tree
 *  - strict   the same in RFC 1949 §7 strict mode (only cores are GKDCs)
 *  - kdc      a centralized KDC next to the primary core (RFC 1949 §4)
 *
 * Each scheme's CSV tables and JSON summary go to --out; one row per scheme
 * is printed. SmkdScenario (helper/smkd-scenario.h) documents the set-up.
 *
 *   ./smkd run smkd-scaling [--topology=<file>|--generator=ba --routers=500]
 *       [--members=2000] [--hostsPerLan=10] [--cores=1] [--corePlacement=centre]
 *       [--schemes=cbt,rfc1949,strict,kdc] [--joinWindow=5s] [--sizes=250,500,1000,2000]
 *       [--seed=1] [--run=1] [--out=results/scaling]
 *       [--ns3::SmkdKeyDirectory::CryptoMode=Modeled]
 *       [--ns3::SmkdKeyDirectory::SignatureAlgorithm=EcdsaP256] ...
 *
 * With --sizes the experiment runs once per member count and writes into
 * <out>/members-<n>/; with --seeds (e.g. 1-10) once per seed, into
 * <out>[/members-<n>]/seed-<s>/. Every run directory gets a manifest.json
 * (what was run, and how); <out> gets manifest.json listing the runs,
 * runs.csv (one row per size, seed and scheme) and summary.csv (per size,
 * scheme and figure: the mean over seeds and its 95 % confidence
 * half-width, Student t). --sqlite=<file> adds every run to one SQLite
 * database. smkd-scaling-plots.py draws the results.
 */

#include "ns3/core-module.h"
#include "ns3/smkd-json-writer.h"
#include "ns3/smkd-output-file.h"
#include "ns3/smkd-replications.h"
#include "ns3/smkd-scenario.h"
#include "ns3/smkd-statistics-output.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/stat.h>

using namespace ns3;

#ifndef SMKD_SOURCE_DIR
// Builds that do not pass the module's directory: data relative to the working directory.
#define SMKD_SOURCE_DIR "."
#endif

namespace
{

std::vector<std::string>
Split(const std::string& text)
{
    std::vector<std::string> items;
    std::stringstream is(text);
    std::string item;
    while (std::getline(is, item, ','))
    {
        if (!item.empty())
        {
            items.push_back(item);
        }
    }
    return items;
}

/// Create \p dir and its parents; throw naming the path when it cannot be written.
void
MakeWritableDirectory(const std::string& dir)
{
    std::string path;
    std::stringstream is(dir);
    std::string part;
    if (!dir.empty() && dir[0] == '/')
    {
        path = "/";
    }
    while (std::getline(is, part, '/'))
    {
        if (part.empty())
        {
            continue;
        }
        path += part + "/";
        if (mkdir(path.c_str(), 0777) != 0 && errno != EEXIST)
        {
            throw std::runtime_error("cannot create output directory " + path);
        }
    }
    const std::string probe = dir + "/.smkd-write-test";
    std::ofstream f(probe);
    if (!f)
    {
        throw std::runtime_error("output directory " + dir + " is not writable");
    }
    f.close();
    std::remove(probe.c_str());
}

/// Parse a whole number of \p option (0 to 2^32 - 1); throw naming the option otherwise.
uint32_t
ParseCount(const std::string& option, const std::string& text)
{
    std::size_t used = 0;
    unsigned long long v = 0;
    try
    {
        v = std::stoull(text, &used);
    }
    catch (const std::exception&)
    {
        used = 0;
    }
    if (text.empty() || used != text.size() || !std::isdigit(static_cast<unsigned char>(text[0])) ||
        v > 0xffffffffULL)
    {
        throw std::invalid_argument("--" + option + ": '" + text +
                                    "' is not a count (a whole number, 0 or more)");
    }
    return static_cast<uint32_t>(v);
}

/// Parse "1-5", "3" or "1-3,7" into seeds; throw naming what is wrong.
std::vector<uint32_t>
ParseSeeds(const std::string& text)
{
    std::vector<uint32_t> seeds;
    for (const std::string& item : Split(text))
    {
        const std::size_t dash = item.find('-');
        const auto number = [&item](const std::string& s) {
            std::size_t used = 0;
            unsigned long v = 0;
            try
            {
                v = std::stoul(s, &used);
            }
            catch (const std::exception&)
            {
                used = 0;
            }
            if (s.empty() || used != s.size() || v == 0 || v > 0xffffffffUL || s[0] == '-')
            {
                throw std::invalid_argument("--seeds: '" + item +
                                            "' is not a seed (1 or more) or a range a-b");
            }
            return static_cast<uint32_t>(v);
        };
        const uint32_t first = number(item.substr(0, dash));
        const uint32_t last = dash == std::string::npos ? first : number(item.substr(dash + 1));
        if (last < first)
        {
            throw std::invalid_argument("--seeds: range '" + item + "' runs backwards");
        }
        for (uint64_t s = first; s <= last; ++s)
        {
            seeds.push_back(static_cast<uint32_t>(s));
        }
    }
    return seeds;
}

bool
FileExists(const std::string& path)
{
    struct stat st
    {
    };

    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

double
Ms(double seconds)
{
    return seconds * 1000.0;
}

void
PrintHeader()
{
    std::cout << std::left << std::setw(9) << "scheme" << std::right << std::setw(8) << "members"
              << std::setw(8) << "joined" << std::setw(9) << "p50 ms" << std::setw(9) << "p95 ms"
              << std::setw(9) << "max ms" << std::setw(12) << "ctl B/join" << std::setw(12)
              << "crypto/join" << std::setw(12) << "max CPU ms" << std::setw(10) << "core %all"
              << std::setw(10) << "core %inf" << std::setw(7) << "leaks"
              << "\n";
}

/**
 * Write \p value right-aligned in \p width columns, or "-" where it has no
 * meaning: a scheme without crypto (cbt) has no crypto figures, and a ratio
 * over nothing (no joins, no primary core) is NaN.
 */
void
PrintCell(double value, int width, bool applicable = true)
{
    std::cout << std::setw(width);
    if (applicable && std::isfinite(value))
    {
        std::cout << value;
    }
    else
    {
        std::cout << "-";
    }
}

void
PrintRow(const SmkdStatisticsResults& r, uint32_t members)
{
    const double joined = r.joinsCompleted > 0 ? double(r.joinsCompleted) : NAN;
    const bool crypto = r.run.cryptoMode != "none";
    std::cout << std::left << std::setw(9) << r.run.scheme << std::right << std::fixed
              << std::setprecision(1) << std::setw(8) << members << std::setw(8)
              << r.joinsCompleted;
    PrintCell(Ms(r.joinLatency.p50), 9, r.joinsCompleted > 0);
    PrintCell(Ms(r.joinLatency.p95), 9, r.joinsCompleted > 0);
    PrintCell(Ms(r.joinLatency.max), 9, r.joinsCompleted > 0);
    PrintCell(r.controlBytes / joined, 12);
    PrintCell(r.opsAll.total / joined, 12, crypto);
    PrintCell(Ms(r.busyAll.max), 12, crypto);
    PrintCell(100 * r.busyAll.primaryShare, 10, crypto);
    PrintCell(100 * r.busyInfrastructure.primaryShare, 10, crypto);
    // Nodes that held some epoch's current keys unauthorised ("-": not measurable).
    std::cout << std::setw(7);
    if (r.confinement.measured)
    {
        std::cout << r.confinement.unauthorizedHolders;
    }
    else
    {
        std::cout << "-";
    }
    std::cout << std::endl;
}

/**
 * Write what spans the runs into \p out: sweep.json (the runs and what was
 * swept), runs.csv (every run's headline figures) and summary.csv (mean and
 * 95 % confidence half-width over seeds, per size, scheme and figure).
 */
void
WriteSweepFiles(const std::string& out,
                const std::vector<SmkdReplication>& all,
                const std::vector<std::pair<std::string, SmkdReplication>>& directories,
                bool sizes,
                bool seeds)
{
    SmkdWriteFileAtomically(out + "/runs.csv", SmkdTableToCsv(SmkdRunsTable(all), {}));
    SmkdWriteFileAtomically(out + "/summary.csv", SmkdTableToCsv(SmkdSummaryTable(all), {}));
    SmkdJsonWriter w;
    w.BeginObject().Field("tool", std::string("smkd-scaling"));
    w.Key("swept").BeginInlineArray();
    if (sizes)
    {
        w.Value("members");
    }
    if (seeds)
    {
        w.Value("seed");
    }
    w.EndArray();
    w.Field("runsTable", std::string("runs.csv")).Field("summaryTable", std::string("summary.csv"));
    w.Key("runs").BeginArray();
    for (const auto& [dir, r] : directories)
    {
        w.BeginObject()
            .Field("dir", dir)
            .Field("members", r.members)
            .Field("seed", r.seed)
            .Field("manifest", (dir == "." ? std::string() : dir + "/") + "manifest.json")
            .EndObject();
    }
    w.EndArray().EndObject();
    SmkdWriteFileAtomically(out + "/sweep.json", w.GetString());
}

/// Mean +- 95 % confidence half-width of the headline figures over seeds.
void
PrintSummary(const std::vector<SmkdReplication>& all)
{
    const SmkdTable summary = SmkdSummaryTable(all);
    std::cout << "over seeds: mean +- 95 % confidence half-width (Student t), per member count\n";
    std::cout << std::left << std::setw(9) << "scheme" << std::right << std::setw(8) << "members"
              << std::setw(4) << "n";
    const std::vector<std::string> shown{"join_p50",
                                         "join_p95",
                                         "control_bytes_per_join",
                                         "crypto_ops_per_join",
                                         "busiest_cpu",
                                         "leaks"};
    for (const char* h : {"p50 ms", "p95 ms", "ctl B/join", "crypto/join", "max CPU ms", "leaks"})
    {
        std::cout << std::setw(20) << h;
    }
    std::cout << "\n";
    std::map<std::pair<int64_t, std::string>, std::map<std::string, std::pair<double, double>>> by;
    std::map<std::pair<int64_t, std::string>, int64_t> count;
    std::vector<std::pair<int64_t, std::string>> order;
    for (const std::vector<SmkdCell>& row : summary.rows)
    {
        const auto key = std::make_pair(std::get<int64_t>(row[0]), std::get<std::string>(row[1]));
        if (!by.count(key))
        {
            order.push_back(key);
        }
        by[key][std::get<std::string>(row[2])] = {std::get<double>(row[5]),
                                                  std::get<double>(row[6])};
        count[key] = std::max(count[key], std::get<int64_t>(row[4]));
    }
    for (const auto& key : order)
    {
        std::cout << std::left << std::setw(9) << key.second << std::right << std::setw(8)
                  << key.first << std::setw(4) << count[key];
        for (const std::string& f : shown)
        {
            const auto [mean, ci] = by[key][f];
            std::ostringstream cell;
            cell << std::fixed << std::setprecision(1);
            if (std::isfinite(mean))
            {
                cell << mean << " +- " << (std::isfinite(ci) ? ci : 0.0);
            }
            else
            {
                cell << "-";
            }
            std::cout << std::setw(20) << cell.str();
        }
        std::cout << "\n";
    }
    std::cout << std::endl;
}

} // namespace

int
main(int argc, char* argv[])
{
    SmkdScenarioConfig config;
    config.topologyFile =
        std::string(SMKD_SOURCE_DIR) + "/data/topologies/RocketFuel_toposample_1239_weights.txt";
    std::string topology;
    std::string generator;
    std::string schemes = "cbt,rfc1949,strict,kdc";
    std::string sizes;
    std::string seeds;
    std::string sqlite;
    std::string out = "results/scaling";
    uint32_t seed = 1;
    uint64_t run = 1;
    bool progress = true;
    CommandLine cmd(__FILE__);
    cmd.AddValue("topology",
                 "map file (Rocketfuel weights, Inet, Orbis); default AS1239",
                 topology);
    cmd.AddValue("generator",
                 "instead of a map: kary, grid, waxman, ba or transit-stub",
                 generator);
    // Counts are read as text and parsed strictly: "-5" must not become 4294967291.
    std::string routers = std::to_string(config.routers);
    std::string members = std::to_string(config.members);
    std::string hostsPerLan = std::to_string(config.hostsPerLan);
    std::string cores = std::to_string(config.cores);
    cmd.AddValue("routers", "routers of the generated topology", routers);
    cmd.AddValue("members", "member hosts", members);
    cmd.AddValue("hostsPerLan", "hosts per router LAN (>= 2)", hostsPerLan);
    cmd.AddValue("cores", "cores of the group (the first is the primary)", cores);
    std::string coreRouters;
    cmd.AddValue("corePlacement", "centre, degree, random or given", config.corePlacement);
    cmd.AddValue("coreRouters",
                 "with --corePlacement=given: comma list of core routers (names or indices), "
                 "the primary first",
                 coreRouters);
    cmd.AddValue("acl", "access list: inclusion (members listed) or exclusion (open)", config.acl);
    cmd.AddValue("schemes", "comma list of cbt, rfc1949, strict, kdc", schemes);
    std::string failures;
    std::string adversaryList;
    cmd.AddValue("adversaries",
                 "comma list of kind:count, kinds eavesdropper, impostor, replayer, excluded, "
                 "compromised-gkdc, rogue-initiator, flooder (placed on member LANs; the leaks "
                 "column counts nodes that held current keys unauthorised)",
                 adversaryList);
    cmd.AddValue("joinWindow", "the window of first joins", config.joinWindow);
    cmd.AddValue("joinPattern",
                 "first joins: uniform, simultaneous, poisson or flash-crowd",
                 config.joinPattern);
    cmd.AddValue("flashFraction",
                 "flash-crowd: share of members in the burst",
                 config.flashFraction);
    cmd.AddValue("flashDuration", "flash-crowd: length of the burst", config.flashDuration);
    cmd.AddValue("meanMembership",
                 "churn: mean exponential membership time (0: members stay)",
                 config.meanMembership);
    cmd.AddValue("meanAbsence",
                 "churn: mean exponential time away before joining again (0: never)",
                 config.meanAbsence);
    cmd.AddValue("failures",
                 "comma list of link:A-B@TIME[+DURATION] and router:A@TIME[+DURATION] "
                 "(topology router indices)",
                 failures);
    cmd.AddValue("settle", "simulated time after the join window", config.settle);
    cmd.AddValue("keyLifetime",
                 "every scheme: group key lifetime, whole seconds (0: the attributes' 3600 s)",
                 config.keyLifetime);
    cmd.AddValue("rekeyLead",
                 "every scheme: re-key this long before the key expires (0: 60 s)",
                 config.rekeyLead);
    cmd.AddValue("recoveryMargin",
                 "every scheme: a member without the next key this long before expiry "
                 "fetches it (0: 30 s)",
                 config.recoveryMargin);
    std::string exclusions;
    cmd.AddValue("exclusions",
                 "every scheme: N@TIME excludes N members (spread over the list) at TIME; its "
                 "cost over --exclusionWindow is printed",
                 exclusions);
    cmd.AddValue("exclusionStrategy",
                 "rfc1949 and strict: NewGroup, CoreUnicast, SubtreeGkdc or Lkh (empty: the "
                 "attribute's); kdc unicasts sealed keys",
                 config.exclusionStrategy);
    cmd.AddValue("exclusionWindow",
                 "how long after the exclusions their cost is measured",
                 config.exclusionWindow);
    cmd.AddValue("keyGrace",
                 "every scheme: a superseded key still opens data this long (0: 10 s)",
                 config.keyGrace);
    cmd.AddValue("dataInterval", "cbt scheme: period of the probe data", config.dataInterval);
    cmd.AddValue("queueDiscs",
                 "ns-3's default queue discs (FqCoDel) on every device; 0: device queues only",
                 config.queueDiscs);
    cmd.AddValue("probeInterval",
                 "every scheme: period of numbered delivery probes after the join window "
                 "(0: none)",
                 config.probeInterval);
    cmd.AddValue("sizes", "comma list of member counts: one run each (overrides --members)", sizes);
    cmd.AddValue("seed", "RngSeedManager seed", seed);
    cmd.AddValue("seeds",
                 "replications: seeds as a range and/or list, e.g. 1-10 (overrides --seed); "
                 "summary.csv gives each figure's mean and 95 % confidence half-width",
                 seeds);
    cmd.AddValue("sqlite", "also add every run to this SQLite file (ns-3 stats format)", sqlite);
    cmd.AddValue("run", "RngSeedManager run number", run);
    cmd.AddValue("out", "output directory", out);
    cmd.AddValue("progress", "print a progress line every simulated second", progress);
    cmd.Parse(argc, argv);

    std::vector<uint32_t> memberCounts;
    std::vector<uint32_t> seedList;
    std::vector<std::string> schemeList;
    try
    {
        if (!exclusions.empty())
        {
            const std::size_t at = exclusions.find('@');
            if (at == std::string::npos)
            {
                throw std::invalid_argument("--exclusions: '" + exclusions +
                                            "' is not N@TIME (e.g. 10@12s)");
            }
            config.exclusions = ParseCount("exclusions", exclusions.substr(0, at));
            const std::string when = exclusions.substr(at + 1);
            try
            {
                config.exclusionAt = Time(when);
            }
            catch (const std::exception&)
            {
                throw std::invalid_argument("--exclusions: '" + when + "' is not a time");
            }
        }
        config.routers = ParseCount("routers", routers);
        config.members = ParseCount("members", members);
        config.hostsPerLan = ParseCount("hostsPerLan", hostsPerLan);
        config.cores = ParseCount("cores", cores);
        if (!topology.empty() && !generator.empty())
        {
            throw std::invalid_argument("give --topology or --generator, not both");
        }
        if (!generator.empty())
        {
            config.topologyFile.clear();
            config.generator = generator;
        }
        else if (!topology.empty())
        {
            config.topologyFile = topology;
        }
        if (!config.topologyFile.empty() && !FileExists(config.topologyFile))
        {
            throw std::invalid_argument("topology file " + config.topologyFile + " not found");
        }
        config.failures = SmkdFailure::ParseList(failures);
        config.adversaries = SmkdAdversarySpec::ParseList(adversaryList);
        config.coreRouters = Split(coreRouters);
        schemeList = Split(schemes);
        if (schemeList.empty())
        {
            throw std::invalid_argument("--schemes is empty");
        }
        for (const std::string& s : Split(sizes))
        {
            std::size_t used = 0;
            const unsigned long n = std::stoul(s, &used);
            if (used != s.size() || n == 0)
            {
                throw std::invalid_argument("--sizes: '" + s + "' is not a positive count");
            }
            memberCounts.push_back(static_cast<uint32_t>(n));
        }
        if (memberCounts.empty())
        {
            memberCounts.push_back(config.members);
        }
        seedList = seeds.empty() ? std::vector<uint32_t>{seed} : ParseSeeds(seeds);
        if (seedList.empty())
        {
            throw std::invalid_argument("--seeds names no seed");
        }
        if (!sqlite.empty() && !SmkdStatisticsSqliteAvailable())
        {
            throw std::invalid_argument("--sqlite: this ns-3 was built without SQLite");
        }
        for (uint32_t n : memberCounts)
        {
            SmkdScenarioConfig c = config;
            c.members = n;
            for (const std::string& s : schemeList)
            {
                SmkdScenario(c).Validate(s);
            }
        }
        MakeWritableDirectory(out);
    }
    catch (const std::exception& e)
    {
        std::cerr << "smkd-scaling: " << e.what() << std::endl;
        return 1;
    }

    RngSeedManager::SetRun(run);
    config.progressInterval = progress ? Seconds(1) : Time();
    std::vector<SmkdReplication> all;
    std::vector<std::pair<std::string, SmkdReplication>> directories;
    try
    {
        // Every size, and every seed of it: one directory each.
        std::vector<std::pair<uint32_t, uint32_t>> grid;
        for (uint32_t n : memberCounts)
        {
            for (uint32_t s : seedList)
            {
                grid.emplace_back(n, s);
            }
        }
        for (const auto& [n, seedNow] : grid)
        {
            RngSeedManager::SetSeed(seedNow);
            SmkdScenarioConfig c = config;
            c.members = n;
            std::string dir;
            if (memberCounts.size() > 1)
            {
                dir += "members-" + std::to_string(n);
            }
            if (seedList.size() > 1)
            {
                dir += (dir.empty() ? "" : "/") + std::string("seed-") + std::to_string(seedNow);
            }
            c.outDir = dir.empty() ? out : out + "/" + dir;
            SmkdScenario scenario(c);
            const SmkdTopology& t = scenario.GetTopology();
            std::cout << "smkd-scaling: " << t.GetSource() << " (" << t.GetNRouters()
                      << " routers, " << t.GetNLinks() << " links), " << n << " members, "
                      << c.cores << " core(s) at " << c.corePlacement << ", seed " << seedNow
                      << " run " << run << "; output in " << c.outDir << std::endl;
            std::vector<SmkdStatisticsResults> rows;
            std::vector<SmkdReplication> here;
            for (const std::string& s : schemeList)
            {
                rows.push_back(scenario.Run(s));
                here.push_back({n, seedNow, rows.back()});
                if (!sqlite.empty())
                {
                    SmkdWriteStatisticsSqlite(rows.back(), sqlite, true);
                }
            }
            // What was run here, and how: a plot can refuse to mix set-ups.
            SmkdWriteFileAtomically(c.outDir + "/manifest.json",
                                    SmkdRunManifest("smkd-scaling", here));
            directories.emplace_back(dir.empty() ? "." : dir, here.front());
            all.insert(all.end(), here.begin(), here.end());
            std::cout << "\nlatency = join call -> keys installed (cbt: -> the LAN on the tree); "
                         "max CPU = busiest node's crypto time; core % = primary core's (kdc: "
                         "server's) share of all / infrastructure crypto CPU time\n";
            PrintHeader();
            for (const SmkdStatisticsResults& r : rows)
            {
                PrintRow(r, n);
            }
            std::cout << "simulated events:";
            for (const SmkdStatisticsResults& r : rows)
            {
                const auto it = r.counters.find("simulator.events");
                std::cout << " " << r.run.scheme << " "
                          << (it == r.counters.end() ? 0 : it->second);
            }
            std::cout << "\n";
            if (!c.adversaries.empty())
            {
                std::cout << "confinement (adversaries placed; nodes that held current keys "
                             "unauthorised; members exposed by a compromised router):\n";
                for (const SmkdStatisticsResults& r : rows)
                {
                    std::cout << "  " << std::left << std::setw(9) << r.run.scheme << std::right
                              << r.confinement.adversaries << "; ";
                    if (r.confinement.measured)
                    {
                        std::cout << r.confinement.unauthorizedHolders << "; "
                                  << r.confinement.exposedMembers;
                        for (const auto& [what, n] : r.confinement.attempts)
                        {
                            std::cout << "; " << what << " " << n;
                        }
                        std::cout << "\n";
                    }
                    else
                    {
                        std::cout << "not measured: " << r.confinement.why << "\n";
                    }
                }
            }
            if (c.exclusions > 0)
            {
                std::cout << "exclusions (" << c.exclusions << " members at "
                          << c.exclusionAt.As(Time::S) << "; over the next "
                          << c.exclusionWindow.As(Time::S)
                          << ": control messages, bytes, crypto operations; until the last "
                             "member held the new keys):\n";
                for (const SmkdStatisticsResults& r : rows)
                {
                    const auto count = [&r](const std::string& name) {
                        auto it = r.counters.find("exclusion." + name);
                        return it == r.counters.end() ? uint64_t{0} : it->second;
                    };
                    std::cout << "  " << std::left << std::setw(9) << r.run.scheme << std::right
                              << count("messages") << " msgs, " << count("bytes") << " B, "
                              << count("crypto-ops") << " ops, " << count("latency-us") / 1000.0
                              << " ms\n";
                }
            }
            if (c.meanMembership.IsStrictlyPositive() || !c.failures.empty() ||
                c.probeInterval.IsStrictlyPositive())
            {
                // Churn and repair: joins after a member's first (re-joins,
                // re-authentication after a tree repair).
                std::cout
                    << "dynamics (leaves; later joins: count, p50 / max ms; probe delivery):\n";
                for (const SmkdStatisticsResults& r : rows)
                {
                    std::cout << "  " << std::left << std::setw(9) << r.run.scheme << std::right
                              << r.leaves << "; " << r.rejoinLatency.count << ", ";
                    PrintCell(Ms(r.rejoinLatency.p50), 1);
                    std::cout << " / ";
                    PrintCell(Ms(r.rejoinLatency.max), 1);
                    std::cout << "; " << r.data.delivered << " / " << r.data.expected << "\n";
                }
            }
            std::cout << std::endl;
        }
        WriteSweepFiles(out, all, directories, memberCounts.size() > 1, seedList.size() > 1);
        if (seedList.size() > 1)
        {
            PrintSummary(all);
        }
    }
    catch (const std::exception& e)
    {
        std::cerr << "smkd-scaling: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
