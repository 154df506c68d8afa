/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The scaling experiment (SmkdScenario) from Python: its configuration, the
// runner, and every part of SmkdStatisticsResults as read-only objects.
//
// Each bound struct records the names of its fields in the class attribute
// `_fields`; one generic conversion (Plain) turns any of them into plain
// dicts and lists for to_dict(), equality and repr, so a field added to a
// struct needs one line here and nowhere else.
//
// Python names are the C++ member names in snake_case; times are float
// seconds. Configuration errors from C++ name the camelCase member: they are
// rewritten to the Python field name before they reach Python.

#include "bind-common.h"

#include "ns3/names.h"
#include "ns3/simulator.h"
#include "ns3/smkd-replications.h"
#include "ns3/smkd-sample-statistics.h"
#include "ns3/smkd-scenario.h"
#include "ns3/smkd-statistics-results.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <memory>
#include <pybind11/stl.h>
#include <regex>
#include <type_traits>

namespace ns3
{
namespace smkd
{
namespace bindings
{

namespace
{

/// \return \p snake ("hosts_per_lan") in camelCase ("hostsPerLan")
std::string
SnakeToCamel(const std::string& snake)
{
    std::string out;
    bool upper = false;
    for (char c : snake)
    {
        if (c == '_')
        {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

/**
 * \param seconds a time from Python
 * \param what the field, for the message
 * \return the time, rounded to the nearest nanosecond (Seconds(double)
 *         truncates, so 0.0015 would become 1499999 ns)
 */
Time
NonNegativeSeconds(double seconds, const std::string& what)
{
    if (!std::isfinite(seconds) || seconds < 0 || seconds > 1e9)
    {
        throw std::invalid_argument(what + " must be a number of seconds in 0..1e9, got " +
                                    std::to_string(seconds));
    }
    return NanoSeconds(std::llround(seconds * 1e9));
}

/**
 * \brief A value in plain Python types: bound structs (those with `_fields`)
 * become dicts, lists and tuples lists, dict keys strings; NaN and infinities
 * become None, so that the result is valid JSON and compares equal to itself.
 * \param v the value
 * \return its plain form
 */
py::object
Plain(py::handle v)
{
    py::handle type = py::type::handle_of(v);
    if (py::hasattr(type, "_fields"))
    {
        py::dict d;
        for (py::handle name : type.attr("_fields"))
        {
            d[name] = Plain(v.attr(name));
        }
        return std::move(d);
    }
    if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v))
    {
        py::list l;
        for (py::handle item : v)
        {
            l.append(Plain(item));
        }
        return std::move(l);
    }
    if (py::isinstance<py::dict>(v))
    {
        py::dict d;
        for (auto item : v.cast<py::dict>())
        {
            d[py::str(item.first)] = Plain(item.second);
        }
        return std::move(d);
    }
    if (py::isinstance<py::float_>(v) && !std::isfinite(v.cast<double>()))
    {
        return py::none();
    }
    return py::reinterpret_borrow<py::object>(v);
}

/// \return what a field of type V takes, for a TypeError that names the field
template <class V>
std::string
Expected()
{
    if constexpr (std::is_same_v<V, bool>)
    {
        return "True or False";
    }
    else if constexpr (std::is_integral_v<V> && std::is_unsigned_v<V>)
    {
        return "an int >= 0";
    }
    else if constexpr (std::is_integral_v<V>)
    {
        return "an int";
    }
    else if constexpr (std::is_floating_point_v<V>)
    {
        return "a number";
    }
    else if constexpr (std::is_same_v<V, std::string>)
    {
        return "a str";
    }
    else
    {
        return "a list of the right kind";
    }
}

/**
 * \param value what Python assigned
 * \param owner the class, e.g. "ScenarioConfig"
 * \param field the field
 * \return \p value as a V; a TypeError naming the field when it is not one
 */
template <class V>
V
CastField(py::handle value, const std::string& owner, const std::string& field)
{
    try
    {
        // No silent conversions: 2.0 is not a member count, "3" not a number.
        if constexpr (std::is_same_v<V, bool>)
        {
            if (!py::isinstance<py::bool_>(value))
            {
                throw py::cast_error();
            }
        }
        else if constexpr (std::is_integral_v<V>)
        {
            if (!py::isinstance<py::int_>(value) || py::isinstance<py::bool_>(value))
            {
                throw py::cast_error();
            }
        }
        return value.cast<V>();
    }
    catch (const py::cast_error&)
    {
        throw py::type_error(owner + "." + field + ": expected " + Expected<V>() + ", got " +
                             std::string(py::str(py::type::handle_of(value).attr("__name__"))) +
                             " " + std::string(py::repr(value)));
    }
}

/**
 * \brief A bound struct whose fields are listed in `_fields`, with to_dict,
 * equality and repr built from them.
 */
template <class T>
class Record
{
  public:
    /**
     * \param scope module to bind into
     * \param name Python class name
     * \param doc class docstring
     * \param writable fields can be assigned (configuration) or not (results)
     */
    Record(py::handle scope, const char* name, const char* doc, bool writable = false)
        : m_cls(scope, name, doc),
          m_name(name),
          m_writable(writable)
    {
    }

    /**
     * \brief A field converted by pybind11 (numbers, strings, lists, dicts, bound structs).
     * \param name Python name
     * \param member the member
     * \param doc docstring
     * \return this
     */
    template <class V>
    Record& Field(const char* name, V T::*member, const char* doc)
    {
        if (m_writable)
        {
            const std::string owner = m_name;
            const std::string field = name;
            m_cls.def_property(
                name,
                [member](const T& t) { return t.*member; },
                [member, owner, field](T& t, py::object v) {
                    t.*member = CastField<V>(v, owner, field);
                },
                doc);
        }
        else
        {
            m_cls.def_readonly(name, member, doc);
        }
        m_fields.append(name);
        return *this;
    }

    /**
     * \brief A Time field as float seconds (the double nearest the exact time).
     * \param name Python name
     * \param member the member
     * \param doc docstring
     * \return this
     */
    Record& Seconds(const char* name, Time T::*member, const char* doc)
    {
        auto get = [member](const T& t) { return SmkdSeconds(t.*member); };
        if (m_writable)
        {
            const std::string what = name;
            const std::string owner = m_name;
            m_cls.def_property(
                name,
                get,
                [member, what, owner](T& t, py::object v) {
                    t.*member = NonNegativeSeconds(CastField<double>(v, owner, what), what);
                },
                doc);
        }
        else
        {
            m_cls.def_property_readonly(name, get, doc);
        }
        m_fields.append(name);
        return *this;
    }

    /**
     * \brief An address field as dotted-quad text (read-only).
     * \param name Python name
     * \param member the member
     * \param doc docstring
     * \return this
     */
    Record& Address(const char* name, Ipv4Address T::*member, const char* doc)
    {
        m_cls.def_property_readonly(
            name,
            [member](const T& t) { return AddressToPy(t.*member); },
            doc);
        m_fields.append(name);
        return *this;
    }

    /**
     * \brief Any other read-only field, computed by \p get.
     * \param name Python name
     * \param get the getter
     * \param doc docstring
     * \return this
     */
    template <class F>
    Record& Computed(const char* name, F get, const char* doc)
    {
        m_cls.def_property_readonly(name, get, doc);
        m_fields.append(name);
        return *this;
    }

    /**
     * \brief Finish: `_fields`, to_dict, ==, repr.
     * \return the class, for more methods
     */
    py::class_<T>& Done()
    {
        m_cls.attr("_fields") = py::tuple(m_fields);
        m_cls.def(
            "to_dict",
            [](py::object self) { return Plain(self); },
            "Every field as plain Python values (JSON-serializable; NaN becomes None).");
        m_cls.def("__eq__", [](py::object self, py::object other) {
            return py::type::handle_of(self).is(py::type::handle_of(other)) &&
                   Plain(self).equal(Plain(other));
        });
        m_cls.attr("__hash__") = py::none();
        m_cls.def("__repr__", [](py::object self) {
            std::string out = py::str(py::type::handle_of(self).attr("__name__"));
            out += "(";
            bool first = true;
            for (py::handle name : py::type::handle_of(self).attr("_fields"))
            {
                out += (first ? "" : ", ") + std::string(py::str(name)) + "=" +
                       std::string(py::repr(self.attr(name)));
                first = false;
            }
            return out + ")";
        });
        return m_cls;
    }

  private:
    py::class_<T> m_cls;
    std::string m_name;
    bool m_writable;
    py::list m_fields;
};

/// Python field names of SmkdScenarioConfig, in binding order (for messages).
std::vector<std::string>&
ConfigFieldNames()
{
    static std::vector<std::string> names;
    return names;
}

/**
 * \param message a C++ configuration error
 * \return the same with camelCase member names replaced by the Python names
 */
std::string
PythonFieldNames(std::string message)
{
    for (const std::string& snake : ConfigFieldNames())
    {
        const std::string camel = SnakeToCamel(snake);
        if (camel != snake)
        {
            message = std::regex_replace(message, std::regex("\\b" + camel + "\\b"), snake);
        }
    }
    return message;
}

/**
 * \brief Run \p f, rewriting the field names in its configuration errors.
 * \param f the call
 * \return what f returns
 */
template <class F>
auto
WithPythonNames(F f) -> decltype(f())
{
    try
    {
        return f();
    }
    catch (const std::invalid_argument& e)
    {
        throw std::invalid_argument(PythonFieldNames(e.what()));
    }
}

/**
 * \brief Checks SmkdScenario leaves to code that would abort or misbehave:
 * a generator without routers (the grid generator divides by its width), a
 * member count that overflows the LAN arithmetic, a map file that does not
 * exist (a RuntimeError from the reader otherwise).
 * \param c the configuration
 */
void
CheckConfig(const SmkdScenarioConfig& c)
{
    if (c.topologyFile.empty() && c.routers == 0)
    {
        throw std::invalid_argument("routers must be at least 1");
    }
    if (uint64_t{c.members} + c.hostsPerLan + 2 > std::numeric_limits<uint32_t>::max())
    {
        throw std::invalid_argument("members and hosts_per_lan are too large");
    }
    if (!c.topologyFile.empty() && !std::ifstream(c.topologyFile))
    {
        throw std::invalid_argument("topology_file '" + c.topologyFile +
                                    "' does not exist or cannot be read");
    }
}

/**
 * \param config a configuration
 * \param kwargs field values by Python name
 * \return \p config with the values set; ValueError for an unknown name
 */
SmkdScenarioConfig
WithFields(const SmkdScenarioConfig& config, const py::kwargs& kwargs)
{
    // A new Python object: casting \p config itself would find the caller's.
    SmkdScenarioConfig copy = config;
    py::object obj = py::cast(std::move(copy));
    for (auto item : kwargs)
    {
        const std::string key = py::str(item.first);
        const auto& names = ConfigFieldNames();
        if (std::find(names.begin(), names.end(), key) == names.end())
        {
            std::string known;
            for (const std::string& n : names)
            {
                known += (known.empty() ? "" : ", ") + n;
            }
            throw std::invalid_argument("ScenarioConfig: unknown field '" + key +
                                        "' (fields: " + known + ")");
        }
        obj.attr(item.first) = item.second;
    }
    return obj.cast<SmkdScenarioConfig>();
}

/// A scenario and the configuration it was made from (SmkdScenario keeps it private).
struct PyScenario
{
    explicit PyScenario(const SmkdScenarioConfig& c)
        : config(c),
          scenario(c)
    {
    }

    SmkdScenarioConfig config; //!< the configuration
    SmkdScenario scenario;     //!< the runner
};

/// \return the topology of \p s, loading or generating it on first use
const SmkdTopology&
Topology(PyScenario& s)
{
    return WithPythonNames([&s]() -> const SmkdTopology& {
        CheckConfig(s.config);
        return s.scenario.GetTopology();
    });
}

void
BindConfig(py::module_& m)
{
    using C = SmkdScenarioConfig;
    Record<SmkdFailure> failure(m, "Failure", "A router or link failing during a run", true);
    failure.Seconds("at", &SmkdFailure::at, "when it fails (s)")
        .Field("a", &SmkdFailure::a, "a router (topology index)")
        .Field("b", &SmkdFailure::b, "the link's other router, or Failure.ROUTER")
        .Seconds("duration", &SmkdFailure::duration, "0: for good; else repaired after (s)");
    auto failureClass = failure.Done();
    failureClass
        .def(py::init([](double at, uint32_t a, uint32_t b, double duration) {
                 SmkdFailure f;
                 f.at = NonNegativeSeconds(at, "at");
                 f.a = a;
                 f.b = b;
                 f.duration = NonNegativeSeconds(duration, "duration");
                 return f;
             }),
             py::arg("at"),
             py::arg("a"),
             py::arg("b") = SmkdFailure::ROUTER,
             py::arg("duration") = 0.0)
        .def_static("parse_list",
                    &SmkdFailure::ParseList,
                    py::arg("text"),
                    "Failures from 'link:A-B@TIME[+DURATION],router:A@TIME[+DURATION]' "
                    "(the smkd-scaling --failures syntax); ValueError names a bad entry");
    failureClass.attr("ROUTER") = SmkdFailure::ROUTER;

    Record<SmkdAdversarySpec> adversary(m,
                                        "AdversarySpec",
                                        "Adversary models of one kind a scenario places",
                                        true);
    adversary.Field("kind", &SmkdAdversarySpec::kind, "eavesdropper, impostor, replayer, ...")
        .Field("count", &SmkdAdversarySpec::count, "how many");
    adversary.Done()
        .def(py::init([](const std::string& kind, uint32_t count) {
                 // One parser for C++, the command line and Python.
                 return SmkdAdversarySpec::ParseList(kind + ":" + std::to_string(count)).at(0);
             }),
             py::arg("kind"),
             py::arg("count"))
        .def_static("parse_list",
                    &SmkdAdversarySpec::ParseList,
                    py::arg("text"),
                    "Specs from 'kind:count,...' (the smkd-scaling --adversaries syntax); "
                    "ValueError names a bad entry");

    Record<C> config(m,
                     "ScenarioConfig",
                     "SmkdScenarioConfig: everything that defines a run except the scheme, "
                     "the seed and the crypto attributes (smkd.set_default)",
                     true);
    config.Field("topology_file", &C::topologyFile, "map file; used when not empty")
        .Field("generator", &C::generator, "kary, grid, waxman, ba or transit-stub")
        .Field("routers", &C::routers, "routers the generator makes (at least)")
        .Field("members", &C::members, "member hosts")
        .Field("hosts_per_lan", &C::hostsPerLan, "hosts on each LAN (>= 2)")
        .Field("cores", &C::cores, "cores of the group, the primary first")
        .Field("core_placement", &C::corePlacement, "centre, degree, random or given")
        .Field("core_routers",
               &C::coreRouters,
               "with core_placement 'given': core routers by name or index, the primary first")
        .Seconds("acl_at", &C::aclAt, "when the initiator submits the access list (s)")
        .Seconds("join_start", &C::joinStart, "when the join window opens (s)")
        .Seconds("join_window", &C::joinWindow, "the period of the first joins (s)")
        .Field("join_pattern", &C::joinPattern, "uniform, simultaneous, poisson or flash-crowd")
        .Field("flash_fraction", &C::flashFraction, "flash-crowd: share of members in the burst")
        .Seconds("flash_duration", &C::flashDuration, "flash-crowd: length of the burst (s)")
        .Seconds("mean_membership", &C::meanMembership, "churn: mean membership (s; 0: stay)")
        .Seconds("mean_absence", &C::meanAbsence, "churn: mean absence (s; 0: never rejoin)")
        .Field("failures", &C::failures, "list of Failure (a copy: assign a new list to change it)")
        .Field("adversaries",
               &C::adversaries,
               "list of AdversarySpec placed in the run (a copy: assign a new list)")
        .Seconds("settle", &C::settle, "simulated time after the window (s)")
        .Seconds("data_interval", &C::dataInterval, "cbt scheme: probe data period (s)")
        .Field("queue_discs",
               &C::queueDiscs,
               "ns-3's default queue discs on every device (False: device queues only)")
        .Seconds("probe_interval",
                 &C::probeInterval,
                 "every scheme: numbered delivery probes after the join window (s; 0: none)")
        .Seconds("progress_interval", &C::progressInterval, "progress line period (s; 0: none)")
        .Field("acl", &C::acl, "inclusion or exclusion")
        .Field("out_dir", &C::outDir, "when set: CSV tables and JSON summary written here")
        .Seconds("key_lifetime",
                 &C::keyLifetime,
                 "every scheme: key lifetime (whole s; 0: default)")
        .Seconds("rekey_lead",
                 &C::rekeyLead,
                 "every scheme: re-key lead before expiry (s; 0: default)")
        .Seconds("recovery_margin",
                 &C::recoveryMargin,
                 "every scheme: missed re-key fetched this long before expiry (s; 0: default)")
        .Seconds("key_grace",
                 &C::keyGrace,
                 "every scheme: old key kept after switch (s; 0: default)")
        .Field("exclusions", &C::exclusions, "every scheme: members excluded at exclusion_at")
        .Seconds("exclusion_at", &C::exclusionAt, "when the exclusions happen (s)")
        .Field(
            "exclusion_strategy",
            &C::exclusionStrategy,
            "NewGroup, CoreUnicast, SubtreeGkdc or Lkh (rfc1949, strict); empty: the attribute's")
        .Seconds("exclusion_window", &C::exclusionWindow, "cost measured over this after (s)");
    py::class_<C>& cls = config.Done();
    for (py::handle name : cls.attr("_fields"))
    {
        ConfigFieldNames().push_back(py::str(name));
    }
    cls.def(py::init([](const py::kwargs& kwargs) { return WithFields(C(), kwargs); }),
            "ScenarioConfig(**fields): the C++ defaults, with the given fields set.")
        .def(
            "replace",
            [](const C& c, const py::kwargs& kwargs) { return WithFields(c, kwargs); },
            "A copy with the given fields set.");
}

void
BindResultParts(py::module_& r)
{
    Record<SmkdRunInfo>(r, "RunInfo", "what identifies a run")
        .Field("version", &SmkdRunInfo::version, "module version")
        .Field("seed", &SmkdRunInfo::seed, "RngSeedManager seed")
        .Field("run", &SmkdRunInfo::run, "RngSeedManager run number")
        .Field("scheme", &SmkdRunInfo::scheme, "key-distribution scheme")
        .Field("crypto_mode", &SmkdRunInfo::cryptoMode, "real, modeled or none")
        .Field("parameters", &SmkdRunInfo::parameters, "the scenario's parameters (strings)")
        .Field("label", &SmkdRunInfo::label, "<scheme>-s<seed>-r<run>")
        .Field("configuration", &SmkdRunInfo::configuration, "every scenario field (strings)")
        .Field("attributes", &SmkdRunInfo::attributes, "attribute defaults changed (strings)")
        .Field("globals", &SmkdRunInfo::globals, "ns-3 global values (strings)")
        .Field("topology_sha256", &SmkdRunInfo::topologySha256, "of the map file, or ''")
        .Field("commit", &SmkdRunInfo::commit, "the module's git commit")
        .Field("ns3_version", &SmkdRunInfo::ns3Version, "ns-3 release built against")
        .Field("openssl_version", &SmkdRunInfo::opensslVersion, "OpenSSL in use")
        .Field("wall_seconds", &SmkdRunInfo::wallSeconds, "wall-clock time of the run")
        .Done();

    Record<SmkdJoinRecord>(r, "JoinRecord", "one completed join")
        .Field("node", &SmkdJoinRecord::node, "the member's node id")
        .Address("group", &SmkdJoinRecord::group, "the group")
        .Seconds("start", &SmkdJoinRecord::start, "join asked for (s)")
        .Seconds("end", &SmkdJoinRecord::end, "keys installed or first data (s)")
        .Seconds("latency", &SmkdJoinRecord::latency, "end - start (s)")
        .Field("first", &SmkdJoinRecord::first, "the member's first completed join")
        .Field("source", &SmkdJoinRecord::source, "keys-installed or on-tree")
        .Done();

    Record<SmkdRekeyRecord>(r, "RekeyRecord", "one rekey, sent to last install")
        .Address("group", &SmkdRekeyRecord::group, "the group")
        .Field("spi", &SmkdRekeyRecord::spi, "the new key's SPI")
        .Field("sent_seen", &SmkdRekeyRecord::sentSeen, "a RekeySent was recorded")
        .Field("sender", &SmkdRekeyRecord::sender, "node that sent it")
        .Seconds("sent", &SmkdRekeyRecord::sent, "when it was sent (s)")
        .Field("installs", &SmkdRekeyRecord::installs, "members that installed it")
        .Seconds("last_installed", &SmkdRekeyRecord::lastInstalled, "last install (s)")
        .Seconds("latency", &SmkdRekeyRecord::latency, "last_installed - sent (s)")
        .Done();

    Record<SmkdOverheadRecord>(r, "OverheadRecord", "control messages of one type")
        .Field("protocol", &SmkdOverheadRecord::protocol, "cbt, igmp, smkd, data, ip, link")
        .Field("type", &SmkdOverheadRecord::type, "message type")
        .Field("messages", &SmkdOverheadRecord::messages, "transmissions (one per link)")
        .Field("bytes", &SmkdOverheadRecord::bytes, "their IP bytes")
        .Field("frame_bytes", &SmkdOverheadRecord::frameBytes, "with link framing")
        .Done();

    Record<SmkdLinkOverheadRecord>(r, "LinkOverheadRecord", "control traffic on one link")
        .Field("link", &SmkdLinkOverheadRecord::link, "channel id")
        .Field("nodes", &SmkdLinkOverheadRecord::nodes, "node ids attached, ascending")
        .Field("messages", &SmkdLinkOverheadRecord::messages, "control transmissions")
        .Field("bytes", &SmkdLinkOverheadRecord::bytes, "their IP bytes")
        .Field("frame_bytes", &SmkdLinkOverheadRecord::frameBytes, "with link framing")
        .Done();

    Record<SmkdSecurityRecord>(r, "SecurityRecord", "security payload of one kind")
        .Field("kind", &SmkdSecurityRecord::kind, "payload kind")
        .Field("messages", &SmkdSecurityRecord::messages, "messages that carried it")
        .Field("bytes", &SmkdSecurityRecord::bytes, "payload bytes")
        .Done();

    Record<SmkdCryptoNodeRecord>(r, "CryptoNodeRecord", "one node's crypto work")
        .Field("node", &SmkdCryptoNodeRecord::node, "node id")
        .Field("role", &SmkdCryptoNodeRecord::role, "router, host, server or unknown")
        .Field("ops", &SmkdCryptoNodeRecord::ops, "completed operations by kind")
        .Field("total_ops", &SmkdCryptoNodeRecord::totalOps, "all completed operations")
        .Seconds("busy", &SmkdCryptoNodeRecord::busy, "CPU time (s)")
        .Seconds("queueing", &SmkdCryptoNodeRecord::queueing, "sum of queueing delays (s)")
        .Seconds("max_queueing", &SmkdCryptoNodeRecord::maxQueueing, "largest (s)")
        .Field("started", &SmkdCryptoNodeRecord::started, "operations started by kind")
        .Done();

    Record<SmkdLoadSummary>(r, "LoadSummary", "a load over nodes")
        .Field("nodes", &SmkdLoadSummary::nodes, "nodes counted")
        .Field("total", &SmkdLoadSummary::total, "sum")
        .Field("max", &SmkdLoadSummary::max, "largest")
        .Field("mean", &SmkdLoadSummary::mean, "mean")
        .Field("gini", &SmkdLoadSummary::gini, "Gini coefficient")
        .Field("primary_share", &SmkdLoadSummary::primaryShare, "primary core's share")
        .Done();

    Record<SmkdSampleSummary>(r, "SampleSummary", "a sample's summary (NaN when empty)")
        .Field("count", &SmkdSampleSummary::count, "values")
        .Field("min", &SmkdSampleSummary::min, "smallest")
        .Field("mean", &SmkdSampleSummary::mean, "mean")
        .Field("p50", &SmkdSampleSummary::p50, "median (nearest rank)")
        .Field("p95", &SmkdSampleSummary::p95, "95th percentile")
        .Field("p99", &SmkdSampleSummary::p99, "99th percentile")
        .Field("max", &SmkdSampleSummary::max, "largest")
        .Done();

    Record<SmkdTreeRecord>(r, "TreeRecord", "a group's shared tree")
        .Address("group", &SmkdTreeRecord::group, "the group")
        .Field("routers", &SmkdTreeRecord::routers, "on-tree router node ids")
        .Field("links", &SmkdTreeRecord::links, "tree channel ids")
        .Done();

    Record<SmkdRouterStateRecord>(r, "RouterStateRecord", "a router's CBT state")
        .Field("node", &SmkdRouterStateRecord::node, "node id")
        .Field("groups", &SmkdRouterStateRecord::groups, "groups with state")
        .Field("child_interfaces", &SmkdRouterStateRecord::childInterfaces, "over all groups")
        .Field("state_bytes", &SmkdRouterStateRecord::stateBytes, "forwarding cache bytes")
        .Done();

    Record<SmkdConfinementEpoch>(r, "ConfinementEpoch", "who held one epoch's keys")
        .Seconds("at", &SmkdConfinementEpoch::at, "when audited (s)")
        .Field("epoch", &SmkdConfinementEpoch::epoch, "key epoch in force")
        .Field("spi", &SmkdConfinementEpoch::spi, "its SPI")
        .Field("holders", &SmkdConfinementEpoch::holders, "nodes holding the key")
        .Field("authorized", &SmkdConfinementEpoch::authorized, "of them, authorised")
        .Field("unauthorized", &SmkdConfinementEpoch::unauthorized, "of them, not: leaks")
        .Field("unauthorized_ids", &SmkdConfinementEpoch::unauthorizedIds, "their node ids")
        .Field("exposed_members",
               &SmkdConfinementEpoch::exposedMembers,
               "members exposed by a compromised router")
        .Done();

    Record<SmkdConfinementSummary>(r, "ConfinementSummary", "the leak figure of a run")
        .Field("measured", &SmkdConfinementSummary::measured, "False: see why")
        .Field("why", &SmkdConfinementSummary::why, "why not measured")
        .Field("unauthorized_holders",
               &SmkdConfinementSummary::unauthorizedHolders,
               "nodes that held some epoch's current keys unauthorised")
        .Field("exposed_members",
               &SmkdConfinementSummary::exposedMembers,
               "members exposed by a compromised router, at most")
        .Field("adversaries", &SmkdConfinementSummary::adversaries, "adversary models placed")
        .Field("attempts", &SmkdConfinementSummary::attempts, "what they tried, by name")
        .Field("epochs", &SmkdConfinementSummary::epochs, "ConfinementEpoch list")
        .Done();

    Record<SmkdDataSummary>(r, "DataSummary", "data delivery")
        .Field("sent", &SmkdDataSummary::sent, "sequence numbers sent")
        .Field("receivers", &SmkdDataSummary::receivers, "expected receivers")
        .Field("expected", &SmkdDataSummary::expected, "sent x receivers")
        .Field("delivered", &SmkdDataSummary::delivered, "distinct deliveries")
        .Field("ratio", &SmkdDataSummary::ratio, "delivered / expected")
        .Field("duplicates", &SmkdDataSummary::duplicates, "duplicate receptions")
        .Field("unexpected", &SmkdDataSummary::unexpected, "at non-receivers")
        .Field("unknown", &SmkdDataSummary::unknown, "never recorded as sent")
        .Done();
}

void
BindResults(py::module_& m)
{
    using R = SmkdStatisticsResults;
    Record<R>(m, "Results", "SmkdStatisticsResults: everything a run measured")
        .Field("run", &R::run, "RunInfo")
        .Field("joins", &R::joins, "JoinRecord list, in completion order")
        .Field("joins_started", &R::joinsStarted, "joins asked for")
        .Field("joins_completed", &R::joinsCompleted, "members' first completed joins")
        .Field("joins_refused", &R::joinsRefused, "refusals")
        .Field("joins_pending", &R::joinsPending, "neither completed nor refused")
        .Field("leaves", &R::leaves, "memberships ended by a leave")
        .Field("join_latency", &R::joinLatency, "SampleSummary of first joins (s)")
        .Computed(
            "join_latency_cdf",
            [](const R& res) {
                py::list l;
                for (const SmkdCdfPoint& p : res.joinLatencyCdf)
                {
                    l.append(py::make_tuple(p.value, p.fraction));
                }
                return l;
            },
            "(latency s, fraction) pairs")
        .Field("rejoin_latency", &R::rejoinLatency, "SampleSummary of later joins (s)")
        .Field("first_data_latency",
               &R::firstDataLatency,
               "SampleSummary: first join to first data received (s)")
        .Field("rekeys", &R::rekeys, "RekeyRecord list")
        .Field("rekey_latency", &R::rekeyLatency, "SampleSummary (s)")
        .Field("overhead", &R::overhead, "OverheadRecord list")
        .Field("links", &R::links, "LinkOverheadRecord list")
        .Field("control_messages", &R::controlMessages, "cbt, igmp, smkd transmissions")
        .Field("control_bytes", &R::controlBytes, "their IP bytes")
        .Field("control_frame_bytes", &R::controlFrameBytes, "with link framing")
        .Field("data_messages", &R::dataMessages, "data and probe transmissions")
        .Field("data_bytes", &R::dataBytes, "their IP bytes")
        .Field("security", &R::security, "SecurityRecord list")
        .Field("security_bytes", &R::securityBytes, "all security payload bytes")
        .Field("crypto", &R::crypto, "CryptoNodeRecord list")
        .Field("primary_core", &R::primaryCore, "primary core's node id (-1: none)")
        .Field("busy_all", &R::busyAll, "LoadSummary of CPU seconds, every node")
        .Field("busy_infrastructure", &R::busyInfrastructure, "routers and servers")
        .Field("ops_all", &R::opsAll, "LoadSummary of operations, every node")
        .Field("ops_infrastructure", &R::opsInfrastructure, "routers and servers")
        .Field("mean_queueing", &R::meanQueueing, "s per operation")
        .Field("max_queueing", &R::maxQueueing, "s")
        .Field("trees", &R::trees, "TreeRecord list")
        .Field("routers", &R::routers, "RouterStateRecord list")
        .Field("data", &R::data, "DataSummary")
        .Field("confinement", &R::confinement, "ConfinementSummary: the leak figure")
        .Field("counters", &R::counters, "event counts by name")
        .Done();
}

void
BindRunner(py::module_& m)
{
    py::class_<PyScenario>(m,
                           "Scenario",
                           "SmkdScenario: the scaling experiment (one topology, member "
                           "placement and group; one scheme per run)")
        .def(py::init([](const SmkdScenarioConfig& c) {
                 WithPythonNames([&c]() { CheckConfig(c); });
                 return std::make_unique<PyScenario>(c);
             }),
             py::arg("config"))
        .def(py::init([](const py::kwargs& kwargs) {
                 const SmkdScenarioConfig c = WithFields(SmkdScenarioConfig(), kwargs);
                 WithPythonNames([&c]() { CheckConfig(c); });
                 return std::make_unique<PyScenario>(c);
             }),
             "Scenario(**fields): a ScenarioConfig with these fields.")
        .def_property_readonly(
            "config",
            [](const PyScenario& s) { return s.config; },
            "a copy of the configuration")
        .def_static(
            "schemes",
            []() { return SmkdScenario::GetSchemes(); },
            "the schemes run() accepts")
        .def(
            "validate",
            [](const PyScenario& s, const std::string& scheme) {
                WithPythonNames([&s, &scheme]() {
                    CheckConfig(s.config);
                    s.scenario.Validate(scheme);
                });
            },
            py::arg("scheme"),
            "ValueError naming the problem if the configuration or scheme cannot run.")
        .def_property_readonly(
            "routers",
            [](PyScenario& s) { return Topology(s).GetNRouters(); },
            "routers of the topology (loaded or generated on first use)")
        .def_property_readonly(
            "links",
            [](PyScenario& s) { return Topology(s).GetNLinks(); },
            "router links of the topology")
        .def_property_readonly(
            "topology_source",
            [](PyScenario& s) { return Topology(s).GetSource(); },
            "where the topology came from (file or generator and parameters)")
        .def(
            "run",
            [](PyScenario& s, const std::string& scheme) {
                return WithPythonNames([&s, &scheme]() {
                    CheckConfig(s.config);
                    s.scenario.Validate(scheme);
                    // The scenario attaches to every node there is and numbers
                    // nodes from 0: start from an empty simulator.
                    Simulator::Destroy();
                    Names::Clear();
                    // The GIL stays held: no Python code runs inside.
                    return s.scenario.Run(scheme);
                });
            },
            py::arg("scheme"),
            "Build, run and measure one scheme with the current seed (smkd.set_seed) and "
            "attribute defaults (smkd.set_default); returns Results. Destroys the simulator "
            "before and after: a network built by hand with smkd.net does not survive it.");
}

} // namespace

void
BindScenario(py::module_& m)
{
    py::module_ r = m.def_submodule("records", "the parts of Results");
    BindConfig(m);
    BindResultParts(r);
    BindResults(m);
    BindRunner(m);
    m.def(
        "mean_ci95",
        [](const std::vector<double>& values) {
            const SmkdMeanCi c = SmkdMeanAndCi95(values);
            return py::make_tuple(c.n, c.mean, c.ci95);
        },
        py::arg("values"),
        "(n, mean, ci95) of one figure over replications: NaN values left out; ci95 is the "
        "half-width of a 95 % confidence interval, Student t with n - 1 degrees of freedom "
        "(NaN below 2 values). The same as smkd-scaling's summary.csv.");
}

} // namespace bindings
} // namespace smkd
} // namespace ns3
