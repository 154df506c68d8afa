/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Configuration, seeds and the simulator clock for Python scripts.
//
// ns-3 answers many kinds of bad input with NS_FATAL_ERROR or NS_ABORT (an
// attribute value string that does not parse, an enum name it does not know,
// a negative delay, a seed its checker refuses), which would end the Python
// process. Every value is therefore checked here first and refused with a
// Python exception naming the attribute or argument.

#include "bind-common.h"

#include "ns3/config.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/nstime.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <cmath>
#include <limits>
#include <regex>
#include <sstream>

NS_LOG_COMPONENT_DEFINE("SmkdBindCore");

namespace ns3
{
namespace smkd
{
namespace bindings
{

namespace
{

/**
 * \tparam T the value type ns-3 extracts with operator>>
 * \param text the attribute value
 * \return true when ns-3's DeserializeFromString would read all of \p text
 *         (it aborts on trailing characters rather than failing)
 */
template <class T>
bool
StreamReadsAll(const std::string& text)
{
    std::istringstream iss(text);
    T v{};
    iss >> v;
    return !iss.fail() && iss.eof();
}

/**
 * \param text a Time attribute value, e.g. "2ms" or "1.5"
 * \return true when ns-3's Time(std::string) accepts it without aborting
 */
bool
IsTimeText(const std::string& text)
{
    // Time(std::string) reads a number and then a unit suffix from this list;
    // any other suffix aborts, and no suffix means seconds.
    static const std::regex re("^([+-]?[0-9.eE+-]+)(s|ms|us|ns|ps|fs|min|h|d|y)?$");
    std::smatch m;
    return std::regex_match(text, m, re) && StreamReadsAll<double>(m[1].str());
}

/**
 * \param checker the attribute's checker
 * \param text a value for it
 * \return empty when ns-3 can be given \p text safely (it may still refuse
 *         it, which SetDefaultFailSafe reports), otherwise why not
 */
std::string
WhyUnsafe(Ptr<const AttributeChecker> checker, const std::string& text)
{
    // Checkers name their value type with or without the namespace
    // ("EnumValue", "BooleanValue"): compare without it.
    std::string type = checker->GetValueTypeName();
    if (type.rfind("ns3::", 0) == 0)
    {
        type = type.substr(5);
    }
    if (type == "StringValue" || type == "BooleanValue")
    {
        return ""; // their DeserializeFromString return false on bad input
    }
    if (type == "EnumValue")
    {
        // EnumChecker::GetValue dereferences end() for an unknown name.
        const std::string names = checker->GetUnderlyingTypeInformation();
        std::istringstream list(names);
        std::string name;
        while (std::getline(list, name, '|'))
        {
            if (name == text)
            {
                return "";
            }
        }
        return "'" + text + "' is not one of " + names;
    }
    bool ok = false;
    if (type == "UintegerValue")
    {
        ok = !text.empty() && text[0] != '-' && StreamReadsAll<uint64_t>(text);
    }
    else if (type == "IntegerValue")
    {
        ok = StreamReadsAll<int64_t>(text);
    }
    else if (type == "DoubleValue")
    {
        ok = StreamReadsAll<double>(text);
    }
    else if (type == "TimeValue")
    {
        ok = IsTimeText(text);
    }
    else if (type == "Ipv4AddressValue")
    {
        try
        {
            ParseAddress(text, "");
            ok = true;
        }
        catch (const std::invalid_argument&)
        {
        }
    }
    else if (type == "DataRateValue")
    {
        // DataRate's operator>> fails cleanly, but only on one word.
        ok = !text.empty() && text.find_first_of(" \t\n") == std::string::npos;
    }
    else
    {
        return "values of type " + type + " cannot be checked before ns-3 reads them";
    }
    return ok ? "" : "'" + text + "' is not a valid " + type;
}

/**
 * \param seconds a delay or time from Python
 * \param what the argument, for the message
 * \return the ns-3 time
 */
Time
CheckedSeconds(double seconds, const char* what)
{
    if (!std::isfinite(seconds) || seconds < 0)
    {
        throw std::invalid_argument(std::string(what) +
                                    " must be a finite number of seconds >= 0, " + "got " +
                                    std::to_string(seconds));
    }
    return Seconds(seconds);
}

/**
 * \return the first exception a scheduled Python callable raised during the
 *         current run, or a null object. Never destroyed: a static py::object
 *         would be released after the interpreter has gone.
 */
py::object&
PendingError()
{
    static auto* pending = new py::object();
    return *pending;
}

/// Tag type of the bound Simulator class, which has only static functions.
struct Simulation
{
};

} // namespace

bool
ErrorPending()
{
    return static_cast<bool>(PendingError());
}

void
DeferError(py::error_already_set& e)
{
    if (!PendingError())
    {
        PendingError() = e.value();
    }
    Simulator::Stop();
}

NamedAttribute
LookupAttribute(const std::string& name)
{
    NamedAttribute a;
    const std::string::size_type pos = name.rfind("::");
    if (pos == std::string::npos || !TypeId::LookupByNameFailSafe(name.substr(0, pos), &a.tid))
    {
        throw py::key_error("unknown attribute '" + name +
                            "' (expected ns3::<TypeId>::<Attribute>)");
    }
    a.attribute = name.substr(pos + 2);
    if (!a.tid.LookupAttributeByName(a.attribute, &a.info))
    {
        throw py::key_error("unknown attribute '" + name + "': " + a.tid.GetName() +
                            " has no attribute '" + a.attribute + "'");
    }
    return a;
}

NamedAttribute
CheckedAttribute(const std::string& name, const std::string& value)
{
    NamedAttribute a = LookupAttribute(name);
    const std::string why = WhyUnsafe(a.info.checker, value);
    if (!why.empty())
    {
        throw std::invalid_argument("attribute '" + name + "': " + why);
    }
    return a;
}

void
BindCore(py::module_& m)
{
    m.def(
        "set_default",
        [](const std::string& name, const std::string& value) {
            CheckedAttribute(name, value);
            if (!Config::SetDefaultFailSafe(name, StringValue(value)))
            {
                throw std::invalid_argument("attribute '" + name + "' refuses the value '" + value +
                                            "'");
            }
        },
        py::arg("name"),
        py::arg("value"),
        "Set an attribute's default, e.g. set_default('ns3::SmkdGkdc::StrictCoreOnly', 'true').\n"
        "KeyError for an unknown attribute, ValueError for a value it does not take.");

    m.def(
        "reset_config",
        []() { Config::Reset(); },
        "Restore every attribute default and global value (RngSeed, RngRun...) to its "
        "initial value; call between scenarios in one process.");

    m.def(
        "set_seed",
        [](uint64_t seed, uint64_t run) {
            if (seed < 1 || seed > std::numeric_limits<uint32_t>::max())
            {
                throw std::invalid_argument("seed must be in 1..4294967295, got " +
                                            std::to_string(seed));
            }
            RngSeedManager::SetSeed(static_cast<uint32_t>(seed));
            RngSeedManager::SetRun(run);
        },
        py::arg("seed"),
        py::arg("run") = 1,
        "Set ns-3's global seed and run number (RngSeedManager).");

    m.def("get_seed",
          []() { return py::make_tuple(RngSeedManager::GetSeed(), RngSeedManager::GetRun()); });

    // The simulator: static functions on a class without instances, as ns-3's
    // own Python bindings spell them (in lower case).
    py::class_<Simulation> sim(m, "Simulator", "ns-3's simulator clock and event list");
    sim.def_static(
        "run",
        []() {
            // The GIL stays held: scheduled Python callables run on this thread
            // inside Simulator::Run.
            PendingError() = py::object();
            Simulator::Run();
            if (PendingError())
            {
                py::object e = PendingError();
                PendingError() = py::object();
                PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(e.ptr())), e.ptr());
                throw py::error_already_set();
            }
        },
        "Run until the event list is empty or stop() takes effect. An exception raised by a "
        "scheduled callable stops the run and is raised again here.");
    sim.def_static(
        "stop",
        [](py::object seconds) {
            if (seconds.is_none())
            {
                Simulator::Stop();
            }
            else
            {
                Simulator::Stop(CheckedSeconds(seconds.cast<double>(), "stop delay"));
            }
        },
        py::arg("seconds") = py::none(),
        "Stop after the given delay in seconds (now when omitted).");
    sim.def_static(
        "now",
        []() { return Simulator::Now().GetSeconds(); },
        "Current simulated time in seconds.");
    sim.def_static(
        "now_ns",
        []() { return Simulator::Now().GetNanoSeconds(); },
        "Current simulated time in nanoseconds (exact).");
    sim.def_static("is_finished", []() { return Simulator::IsFinished(); });
    sim.def_static(
        "destroy",
        []() {
            Simulator::Destroy();
            // Names hold their nodes (and the Python callables connected to
            // them) until cleared; the next scenario may reuse the names.
            Names::Clear();
        },
        "Destroy the simulator: pending events (and the Python callables they hold) are "
        "dropped, the clock returns to 0 and node names are forgotten.");
    sim.def_static(
        "schedule",
        [](double seconds, py::function fn) {
            const Time delay = CheckedSeconds(seconds, "schedule delay");
            Simulator::Schedule(delay, [held = HoldCallable(fn)]() { CallFromSimulator(held); });
        },
        py::arg("seconds"),
        py::arg("fn"),
        "Call fn() after the given delay in seconds of simulated time.");
}

} // namespace bindings
} // namespace smkd
} // namespace ns3
