/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-statistics-output.h"

#include "smkd-json-writer.h"
#include "smkd-output-file.h"

#include "ns3/log.h"

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <tuple>

#if __has_include("ns3/sqlite-data-output.h")
#define SMKD_HAVE_SQLITE_OUTPUT 1
#include "ns3/data-calculator.h"
#include "ns3/data-collector.h"
#include "ns3/data-output-interface.h"
#include "ns3/sqlite-data-output.h"
#include "ns3/sqlite-output.h"
#else
#define SMKD_HAVE_SQLITE_OUTPUT 0
#endif

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdStatisticsOutput");

namespace
{

constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

std::string
AddressText(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

std::string
IdList(const std::vector<uint32_t>& ids)
{
    std::string s;
    for (std::size_t i = 0; i < ids.size(); ++i)
    {
        s += (i ? " " : "") + std::to_string(ids[i]);
    }
    return s;
}

int64_t
Int(uint64_t v)
{
    return static_cast<int64_t>(v);
}

/// "k1=v1;k2=v2", for one CSV column and the SQLite experiment input.
std::string
ParameterText(const std::map<std::string, std::string>& parameters)
{
    std::string s;
    for (const auto& [key, value] : parameters)
    {
        s += (s.empty() ? "" : ";") + key + "=" + value;
    }
    return s;
}

/// One scalar of the summary: section, name, value.
using Scalar = std::tuple<std::string, std::string, double>;

/// A summary's fields by name, for the JSON objects and the SQLite singletons alike.
using Fields = std::vector<std::pair<std::string, double>>;

Fields
FieldsOf(const SmkdSampleSummary& s)
{
    return {{"count", static_cast<double>(s.count)},
            {"min", s.min},
            {"mean", s.mean},
            {"p50", s.p50},
            {"p95", s.p95},
            {"p99", s.p99},
            {"max", s.max}};
}

Fields
FieldsOf(const SmkdLoadSummary& s)
{
    return {{"nodes", s.nodes},
            {"total", s.total},
            {"max", s.max},
            {"mean", s.mean},
            {"gini", s.gini},
            {"primaryShare", s.primaryShare}};
}

void
AddScalars(std::vector<Scalar>& out, const std::string& section, const Fields& fields)
{
    for (const auto& [name, value] : fields)
    {
        out.emplace_back(section, name, value);
    }
}

void
WriteObject(SmkdJsonWriter& w, const Fields& fields)
{
    w.BeginObject();
    for (const auto& [name, value] : fields)
    {
        w.Field(name, value);
    }
    w.EndObject();
}

/// The summary as flat scalars: the SQLite Singletons, and the JSON's numbers.
std::vector<Scalar>
SummaryScalars(const SmkdStatisticsResults& r)
{
    std::vector<Scalar> out;
    out.emplace_back("joins", "started", static_cast<double>(r.joinsStarted));
    out.emplace_back("joins", "completed", static_cast<double>(r.joinsCompleted));
    out.emplace_back("joins", "refused", static_cast<double>(r.joinsRefused));
    out.emplace_back("joins", "pending", static_cast<double>(r.joinsPending));
    out.emplace_back("joins", "leaves", static_cast<double>(r.leaves));
    AddScalars(out, "join-latency", FieldsOf(r.joinLatency));
    AddScalars(out, "rejoin-latency", FieldsOf(r.rejoinLatency));
    AddScalars(out, "first-data-latency", FieldsOf(r.firstDataLatency));
    out.emplace_back("rekeys", "count", static_cast<double>(r.rekeys.size()));
    AddScalars(out, "rekey-latency", FieldsOf(r.rekeyLatency));
    out.emplace_back("overhead", "messages", static_cast<double>(r.controlMessages));
    out.emplace_back("overhead", "bytes", static_cast<double>(r.controlBytes));
    out.emplace_back("overhead", "frame_bytes", static_cast<double>(r.controlFrameBytes));
    out.emplace_back("data", "messages", static_cast<double>(r.dataMessages));
    out.emplace_back("data", "bytes", static_cast<double>(r.dataBytes));
    out.emplace_back("overhead", "links", static_cast<double>(r.links.size()));
    out.emplace_back("security", "bytes", static_cast<double>(r.securityBytes));
    AddScalars(out, "crypto-busy-all", FieldsOf(r.busyAll));
    AddScalars(out, "crypto-busy-infrastructure", FieldsOf(r.busyInfrastructure));
    AddScalars(out, "crypto-ops-all", FieldsOf(r.opsAll));
    AddScalars(out, "crypto-ops-infrastructure", FieldsOf(r.opsInfrastructure));
    out.emplace_back("crypto", "mean-queueing", r.meanQueueing);
    out.emplace_back("crypto", "max-queueing", r.maxQueueing);
    out.emplace_back("crypto", "primary-core", static_cast<double>(r.primaryCore));
    out.emplace_back("data", "sent", static_cast<double>(r.data.sent));
    out.emplace_back("data", "receivers", static_cast<double>(r.data.receivers));
    out.emplace_back("data", "expected", static_cast<double>(r.data.expected));
    out.emplace_back("data", "delivered", static_cast<double>(r.data.delivered));
    out.emplace_back("data", "ratio", r.data.ratio);
    out.emplace_back("data", "duplicates", static_cast<double>(r.data.duplicates));
    out.emplace_back("data", "unexpected", static_cast<double>(r.data.unexpected));
    out.emplace_back("data", "unknown", static_cast<double>(r.data.unknown));
    out.emplace_back("confinement", "measured", r.confinement.measured ? 1.0 : 0.0);
    out.emplace_back("confinement",
                     "unauthorized-holders",
                     static_cast<double>(r.confinement.unauthorizedHolders));
    out.emplace_back("confinement",
                     "exposed-members",
                     static_cast<double>(r.confinement.exposedMembers));
    return out;
}

} // namespace

std::vector<SmkdTable>
SmkdStatisticsTables(const SmkdStatisticsResults& r)
{
    std::vector<SmkdTable> tables;

    // Provenance: the configuration, changed attribute defaults, global
    // values and the build, one row each.
    SmkdTable provenance{"provenance", {"key", "value"}, {}};
    for (const auto& [prefix, map] : {std::make_pair("configuration.", &r.run.configuration),
                                      std::make_pair("attribute.", &r.run.attributes),
                                      std::make_pair("global.", &r.run.globals)})
    {
        for (const auto& [key, value] : *map)
        {
            provenance.rows.push_back({std::string(prefix) + key, value});
        }
    }
    provenance.rows.push_back({std::string("topology_sha256"), r.run.topologySha256});
    provenance.rows.push_back({std::string("commit"), r.run.commit});
    provenance.rows.push_back({std::string("ns3_version"), r.run.ns3Version});
    provenance.rows.push_back({std::string("openssl_version"), r.run.opensslVersion});
    provenance.rows.push_back({std::string("wall_seconds"), SmkdFormatNumber(r.run.wallSeconds)});
    tables.push_back(std::move(provenance));

    SmkdTable joins{"joins",
                    {"node", "group", "start_s", "end_s", "latency_s", "first", "source"},
                    {}};
    for (const SmkdJoinRecord& j : r.joins)
    {
        joins.rows.push_back({int64_t{j.node},
                              AddressText(j.group),
                              SmkdSeconds(j.start),
                              SmkdSeconds(j.end),
                              SmkdSeconds(j.latency),
                              int64_t{j.first},
                              j.source});
    }
    tables.push_back(std::move(joins));

    SmkdTable rekeys{
        "rekeys",
        {"group", "spi", "sender", "sent_s", "installs", "last_installed_s", "latency_s"},
        {}};
    for (const SmkdRekeyRecord& k : r.rekeys)
    {
        const bool known = k.sentSeen && k.installs > 0;
        rekeys.rows.push_back({AddressText(k.group),
                               int64_t{k.spi},
                               k.sentSeen ? int64_t{k.sender} : int64_t{-1},
                               k.sentSeen ? SmkdSeconds(k.sent) : NOT_A_NUMBER,
                               int64_t{k.installs},
                               k.installs ? SmkdSeconds(k.lastInstalled) : NOT_A_NUMBER,
                               known ? SmkdSeconds(k.latency) : NOT_A_NUMBER});
    }
    tables.push_back(std::move(rekeys));

    SmkdTable nodes{
        "crypto-nodes",
        {"node", "role", "ops", "busy_s", "queueing_s", "max_queueing_s", "primary_core"},
        {}};
    SmkdTable ops{"crypto-ops", {"node", "op", "completed", "started"}, {}};
    for (const SmkdCryptoNodeRecord& c : r.crypto)
    {
        nodes.rows.push_back({int64_t{c.node},
                              c.role,
                              Int(c.totalOps),
                              SmkdSeconds(c.busy),
                              SmkdSeconds(c.queueing),
                              SmkdSeconds(c.maxQueueing),
                              int64_t{r.primaryCore == int64_t{c.node}}});
        std::map<std::string, std::pair<uint64_t, uint64_t>> byOp;
        for (const auto& [op, n] : c.ops)
        {
            byOp[op].first = n;
        }
        for (const auto& [op, n] : c.started)
        {
            byOp[op].second = n;
        }
        for (const auto& [op, n] : byOp)
        {
            ops.rows.push_back({int64_t{c.node}, op, Int(n.first), Int(n.second)});
        }
    }
    tables.push_back(std::move(nodes));
    tables.push_back(std::move(ops));

    SmkdTable types{"overhead-types", {"protocol", "type", "messages", "bytes", "frame_bytes"}, {}};
    for (const SmkdOverheadRecord& o : r.overhead)
    {
        types.rows.push_back(
            {o.protocol, o.type, Int(o.messages), Int(o.bytes), Int(o.frameBytes)});
    }
    tables.push_back(std::move(types));

    SmkdTable links{"overhead-links", {"link", "nodes", "messages", "bytes", "frame_bytes"}, {}};
    for (const SmkdLinkOverheadRecord& l : r.links)
    {
        links.rows.push_back(
            {int64_t{l.link}, IdList(l.nodes), Int(l.messages), Int(l.bytes), Int(l.frameBytes)});
    }
    tables.push_back(std::move(links));

    SmkdTable security{"security", {"kind", "messages", "bytes"}, {}};
    for (const SmkdSecurityRecord& s : r.security)
    {
        security.rows.push_back({s.kind, Int(s.messages), Int(s.bytes)});
    }
    tables.push_back(std::move(security));

    SmkdTable trees{"trees", {"group", "routers", "links", "router_ids", "link_ids"}, {}};
    for (const SmkdTreeRecord& t : r.trees)
    {
        trees.rows.push_back({AddressText(t.group),
                              static_cast<int64_t>(t.routers.size()),
                              static_cast<int64_t>(t.links.size()),
                              IdList(t.routers),
                              IdList(t.links)});
    }
    tables.push_back(std::move(trees));

    SmkdTable confinement{
        "confinement",
        {"at_s", "epoch", "spi", "holders", "authorized", "unauthorized", "exposed_members"},
        {}};
    for (const SmkdConfinementEpoch& e : r.confinement.epochs)
    {
        confinement.rows.push_back({e.at.GetSeconds(),
                                    int64_t{e.epoch},
                                    int64_t{e.spi},
                                    int64_t{e.holders},
                                    int64_t{e.authorized},
                                    int64_t{e.unauthorized},
                                    int64_t{e.exposedMembers}});
    }
    tables.push_back(std::move(confinement));

    SmkdTable routers{"routers", {"node", "groups", "child_interfaces", "state_bytes"}, {}};
    for (const SmkdRouterStateRecord& s : r.routers)
    {
        routers.rows.push_back(
            {int64_t{s.node}, int64_t{s.groups}, int64_t{s.childInterfaces}, s.stateBytes});
    }
    tables.push_back(std::move(routers));
    return tables;
}

std::string
SmkdStatisticsJson(const SmkdStatisticsResults& r)
{
    SmkdJsonWriter w;
    w.BeginObject();
    w.Key("run").BeginObject();
    w.Field("version", r.run.version)
        .Field("seed", r.run.seed)
        .Field("run", r.run.run)
        .Field("label", r.run.label)
        .Field("scheme", r.run.scheme)
        .Field("cryptoMode", r.run.cryptoMode);
    w.Key("parameters").BeginObject();
    for (const auto& [key, value] : r.run.parameters)
    {
        w.Field(key, value);
    }
    w.EndObject();
    for (const auto& [name, map] : {std::make_pair("configuration", &r.run.configuration),
                                    std::make_pair("attributes", &r.run.attributes),
                                    std::make_pair("globals", &r.run.globals)})
    {
        w.Key(name).BeginObject();
        for (const auto& [key, value] : *map)
        {
            w.Field(key, value);
        }
        w.EndObject();
    }
    w.Field("topologySha256", r.run.topologySha256)
        .Field("commit", r.run.commit)
        .Field("ns3Version", r.run.ns3Version)
        .Field("opensslVersion", r.run.opensslVersion)
        .Field("wallSeconds", r.run.wallSeconds);
    w.EndObject();

    w.Key("joins").BeginObject();
    w.Field("started", r.joinsStarted)
        .Field("completed", r.joinsCompleted)
        .Field("refused", r.joinsRefused)
        .Field("pending", r.joinsPending)
        .Field("leaves", r.leaves)
        .Field("percentiles", "nearest rank over each member's first completed join, seconds");
    w.Key("latency");
    WriteObject(w, FieldsOf(r.joinLatency));
    w.Key("latencyCdf").BeginArray();
    for (const SmkdCdfPoint& p : r.joinLatencyCdf)
    {
        w.BeginInlineArray().Value(p.value).Value(p.fraction).EndArray();
    }
    w.EndArray();
    // Later joins of a member: after a leave (churn) or a tree repair.
    w.Key("rejoinLatency");
    WriteObject(w, FieldsOf(r.rejoinLatency));
    w.Key("firstDataLatency");
    WriteObject(w, FieldsOf(r.firstDataLatency));
    w.EndObject();

    w.Key("rekeys").BeginObject().Field("count", r.rekeys.size()).Key("latency");
    WriteObject(w, FieldsOf(r.rekeyLatency));
    w.EndObject();

    w.Key("overhead").BeginObject();
    w.Field("messages", r.controlMessages)
        .Field("bytes", r.controlBytes)
        .Field("frameBytes", r.controlFrameBytes)
        .Field("dataMessages", r.dataMessages)
        .Field("dataBytes", r.dataBytes)
        .Field("links", r.links.size());
    w.Key("byType").BeginArray();
    for (const SmkdOverheadRecord& o : r.overhead)
    {
        w.BeginObject()
            .Field("protocol", o.protocol)
            .Field("type", o.type)
            .Field("messages", o.messages)
            .Field("bytes", o.bytes)
            .Field("frameBytes", o.frameBytes)
            .EndObject();
    }
    w.EndArray().EndObject();

    w.Key("security").BeginObject().Field("bytes", r.securityBytes).Key("byKind").BeginArray();
    for (const SmkdSecurityRecord& s : r.security)
    {
        w.BeginObject()
            .Field("kind", s.kind)
            .Field("messages", s.messages)
            .Field("bytes", s.bytes)
            .EndObject();
    }
    w.EndArray().EndObject();

    w.Key("crypto").BeginObject();
    w.Field("primaryCore", r.primaryCore);
    std::map<std::string, uint64_t> byOp;
    for (const SmkdCryptoNodeRecord& c : r.crypto)
    {
        for (const auto& [op, n] : c.ops)
        {
            byOp[op] += n;
        }
    }
    w.Key("operations").BeginObject();
    for (const auto& [op, n] : byOp)
    {
        w.Field(op, n);
    }
    w.EndObject();
    w.Key("busySeconds").BeginObject().Key("all");
    WriteObject(w, FieldsOf(r.busyAll));
    w.Key("infrastructure");
    WriteObject(w, FieldsOf(r.busyInfrastructure));
    w.EndObject();
    w.Key("operationCounts").BeginObject().Key("all");
    WriteObject(w, FieldsOf(r.opsAll));
    w.Key("infrastructure");
    WriteObject(w, FieldsOf(r.opsInfrastructure));
    w.EndObject();
    w.Field("meanQueueingSeconds", r.meanQueueing).Field("maxQueueingSeconds", r.maxQueueing);
    w.EndObject();

    w.Key("trees").BeginArray();
    for (const SmkdTreeRecord& t : r.trees)
    {
        w.BeginObject()
            .Field("group", AddressText(t.group))
            .Field("routers", t.routers.size())
            .Field("links", t.links.size())
            .EndObject();
    }
    w.EndArray();

    w.Key("data").BeginObject();
    w.Field("sent", r.data.sent)
        .Field("receivers", r.data.receivers)
        .Field("expected", r.data.expected)
        .Field("delivered", r.data.delivered)
        .Field("ratio", r.data.ratio)
        .Field("duplicates", r.data.duplicates)
        .Field("unexpected", r.data.unexpected)
        .Field("unknown", r.data.unknown);
    w.EndObject();

    const SmkdConfinementSummary& c = r.confinement;
    w.Key("confinement").BeginObject();
    w.Field("measured", c.measured)
        .Field("why", c.why)
        .Field("unauthorizedHolders", c.unauthorizedHolders)
        .Field("exposedMembers", c.exposedMembers)
        .Field("adversaries", c.adversaries);
    w.Key("attempts").BeginObject();
    for (const auto& [name, n] : c.attempts)
    {
        w.Field(name, n);
    }
    w.EndObject();
    w.Key("epochs").BeginArray();
    for (const SmkdConfinementEpoch& e : c.epochs)
    {
        w.BeginObject()
            .Field("atSeconds", e.at.GetSeconds())
            .Field("epoch", e.epoch)
            .Field("spi", e.spi)
            .Field("holders", e.holders)
            .Field("authorized", e.authorized)
            .Field("unauthorized", e.unauthorized)
            .Field("exposedMembers", e.exposedMembers)
            .EndObject();
    }
    w.EndArray();
    w.EndObject();

    w.Key("counters").BeginObject();
    for (const auto& [name, n] : r.counters)
    {
        w.Field(name, n);
    }
    w.EndObject();
    w.EndObject();
    return w.GetString();
}

void
SmkdWriteStatisticsCsv(const SmkdStatisticsResults& r,
                       const std::string& dir,
                       const std::string& prefix)
{
    SmkdPrepareDirectory(dir);
    const std::vector<std::pair<std::string, SmkdCell>> leading{
        {"version", r.run.version},
        {"seed", int64_t{r.run.seed}},
        {"run", static_cast<int64_t>(r.run.run)},
        {"scheme", r.run.scheme},
        {"crypto_mode", r.run.cryptoMode},
        {"parameters", ParameterText(r.run.parameters)}};
    for (const SmkdTable& t : SmkdStatisticsTables(r))
    {
        const std::filesystem::path path = std::filesystem::path(dir) / (prefix + t.name + ".csv");
        SmkdWriteFileAtomically(path.string(), SmkdTableToCsv(t, leading));
    }
}

void
SmkdWriteStatisticsJson(const SmkdStatisticsResults& r, const std::string& path)
{
    SmkdWriteFileAtomically(path, SmkdStatisticsJson(r));
}

bool
SmkdStatisticsSqliteAvailable()
{
    return SMKD_HAVE_SQLITE_OUTPUT;
}

#if SMKD_HAVE_SQLITE_OUTPUT

namespace
{

/// Hands the summary to ns-3's data output as singletons.
class SummaryCalculator : public DataCalculator
{
  public:
    explicit SummaryCalculator(std::vector<Scalar> scalars)
        : m_scalars(std::move(scalars))
    {
    }

    void Output(DataOutputCallback& callback) const override
    {
        for (const auto& [section, name, value] : m_scalars)
        {
            callback.OutputSingleton(section, name, value);
        }
    }

  private:
    std::vector<Scalar> m_scalars;
};

std::string
SqlName(std::string name)
{
    for (char& c : name)
    {
        c = c == '-' ? '_' : c;
    }
    return "\"" + name + "\"";
}

void
InsertTable(const SQLiteOutput& db,
            const std::string& path,
            const std::string& run,
            const SmkdTable& t)
{
    std::string columns = "run TEXT";
    std::string marks = "?";
    for (const std::string& c : t.columns)
    {
        columns += ", " + SqlName(c);
        marks += ", ?";
    }
    const std::string table = SqlName(t.name);
    if (!db.WaitExec("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")"))
    {
        throw std::runtime_error("cannot create table " + table + " in '" + path + "'");
    }
    sqlite3_stmt* stmt = nullptr;
    if (!db.WaitPrepare(&stmt, "INSERT INTO " + table + " VALUES (" + marks + ")"))
    {
        throw std::runtime_error("cannot insert into " + table + " in '" + path + "'");
    }
    bool ok = true;
    for (const auto& row : t.rows)
    {
        SQLiteOutput::SpinReset(stmt);
        ok = ok && db.Bind(stmt, 1, run);
        for (std::size_t i = 0; i < row.size(); ++i)
        {
            const int pos = static_cast<int>(i) + 2;
            if (const auto* v = std::get_if<int64_t>(&row[i]))
            {
                const long value = *v;
                ok = ok && db.Bind(stmt, pos, value);
            }
            else if (const auto* d = std::get_if<double>(&row[i]))
            {
                ok = ok && db.Bind(stmt, pos, *d);
            }
            else
            {
                ok = ok && db.Bind(stmt, pos, std::get<std::string>(row[i]));
            }
        }
        ok = ok && SQLiteOutput::SpinStep(stmt) == SQLITE_DONE;
    }
    SQLiteOutput::SpinFinalize(stmt);
    if (!ok)
    {
        throw std::runtime_error("cannot write table " + table + " in '" + path + "'");
    }
}

} // namespace

void
SmkdWriteStatisticsSqlite(const SmkdStatisticsResults& r, const std::string& path, bool append)
{
    namespace fs = std::filesystem;
    SmkdPrepareDirectory(fs::path(path).parent_path().string());
    // SqliteDataOutput writes "<prefix>.db"; ns-3's SQLite layer aborts when
    // it cannot open a file, so make sure it can before handing it over.
    const std::string prefix = SmkdTemporaryPath(path);
    const std::string temporary = prefix + ".db";
    std::error_code ec;
    if (append && fs::exists(path))
    {
        fs::copy_file(path, temporary, fs::copy_options::overwrite_existing, ec);
    }
    else
    {
        std::ofstream(temporary, std::ios::trunc);
        ec = fs::exists(temporary) ? std::error_code() : std::make_error_code(std::errc::io_error);
    }
    if (ec)
    {
        fs::remove(temporary, ec);
        throw std::runtime_error("cannot write SQLite database '" + path + "'");
    }

    Ptr<DataCollector> collector = CreateObject<DataCollector>();
    collector->DescribeRun("smkd",
                           r.run.scheme,
                           ParameterText(r.run.parameters),
                           r.run.label,
                           std::string("smkd ") + r.run.version);
    collector->AddMetadata("version", r.run.version);
    collector->AddMetadata("seed", r.run.seed);
    collector->AddMetadata("run", std::to_string(r.run.run));
    collector->AddMetadata("scheme", r.run.scheme);
    collector->AddMetadata("crypto-mode", r.run.cryptoMode);
    for (const auto& [key, value] : r.run.parameters)
    {
        collector->AddMetadata("parameter." + key, value);
    }
    collector->AddDataCalculator(Create<SummaryCalculator>(SummaryScalars(r)));
    Ptr<SqliteDataOutput> output = CreateObject<SqliteDataOutput>();
    output->SetFilePrefix(prefix);
    output->Output(*collector);
    collector->Dispose();

    try
    {
        Ptr<SQLiteOutput> db = Create<SQLiteOutput>(temporary);
        db->SpinExec("BEGIN");
        for (const SmkdTable& t : SmkdStatisticsTables(r))
        {
            InsertTable(*db, path, r.run.label, t);
        }
        db->SpinExec("COMMIT");
    }
    catch (...)
    {
        fs::remove(temporary, ec);
        throw;
    }
    SmkdCommitFile(temporary, path);
}

#else

void
SmkdWriteStatisticsSqlite(const SmkdStatisticsResults&, const std::string& path, bool)
{
    throw std::runtime_error("cannot write '" + path +
                             "': this ns-3 was built without SQLite output (stats module)");
}

#endif

} // namespace ns3
