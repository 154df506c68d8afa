/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_BIND_COMMON_H
#define SMKD_BIND_COMMON_H

// Shared by the translation units of the _smkd extension: conversions between
// Python values and the module's field types, and the one exception type that
// malformed bytes turn into. Messages cross the boundary as plain dicts (field
// name -> value) so that Python code can build, compare and print them without
// a bound class per header.

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"
#include "ns3/type-id.h"
#include "ns3/wire-reader.h"

#include <cstdint>
#include <pybind11/pybind11.h>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

// ns-3 objects are reference counted through Ptr<T>, which has no get():
// pybind11 reaches the object through PeekPointer.
PYBIND11_DECLARE_HOLDER_TYPE(T, ns3::Ptr<T>, true);

namespace pybind11
{
namespace detail
{
template <typename T>
struct holder_helper<ns3::Ptr<T>>
{
    static const T* get(const ns3::Ptr<T>& p)
    {
        return ns3::PeekPointer(p);
    }
};
} // namespace detail
} // namespace pybind11

namespace ns3
{

class SmkdAccessList;

namespace smkd
{
namespace bindings
{

namespace py = pybind11;

/**
 * \brief Bytes that do not parse: becomes smkd.WireFormatError, a ValueError.
 */
class WireFormatError : public std::invalid_argument
{
  public:
    /**
     * \param what which format was parsed, e.g. "CBT message"
     * \param reason short stable reason, e.g. "truncated"
     * \param detail the parser's explanation, may be empty
     */
    WireFormatError(const std::string& what, const std::string& reason, const std::string& detail);
};

/**
 * \param what which format was parsed
 * \param status a failed parse status
 * \return the exception carrying the status' reason and detail
 */
WireFormatError ToWireError(const std::string& what, const WireStatus& status);

/**
 * \param a an address
 * \return its dotted-quad text
 */
py::str AddressToPy(Ipv4Address a);

/**
 * \param bytes a byte vector
 * \return the same bytes as a Python bytes object
 */
py::bytes BytesToPy(const std::vector<uint8_t>& bytes);

/**
 * \param b a Python bytes object
 * \return the same bytes
 */
std::vector<uint8_t> PyToBytes(const py::bytes& b);

/**
 * \param list addresses
 * \return a Python list of dotted-quad strings
 */
py::list AddressesToPy(const std::vector<Ipv4Address>& list);

/**
 * \brief Parse dotted-quad text strictly (ns-3's Ipv4Address(const char*) accepts anything).
 * \param text the text
 * \param what what the address is, for the error message
 * \return the address
 * \throw std::invalid_argument when \p text is not an IPv4 address
 */
Ipv4Address ParseAddress(const std::string& text, const std::string& what);

/**
 * \brief Reads the fields of a message dict, with defaults, range checks and
 * errors that name the message and the field.
 *
 * Every key must be read (or declared ignorable) before Finish(), so a
 * misspelt field name is an error rather than a silently dropped value.
 */
class DictReader
{
  public:
    /**
     * \param d the dict
     * \param what the message it describes, e.g. "CBT JOIN_REQUEST"
     */
    DictReader(py::dict d, std::string what);

    /** \return true when \p key is present (and marks it read) */
    bool Has(const char* key);

    /**
     * \param key field name
     * \param def value when absent
     * \return the address
     */
    Ipv4Address Address(const char* key, Ipv4Address def = Ipv4Address::GetAny());

    /**
     * \param key field name
     * \param def value when absent
     * \param max largest value the wire field holds
     * \return the value
     */
    uint64_t Unsigned(const char* key, uint64_t def, uint64_t max);

    /**
     * \param key field name
     * \param def value when absent
     * \return the value
     */
    bool Bool(const char* key, bool def);

    /**
     * \param key field name
     * \param max longest value the wire field holds
     * \return the bytes, empty when absent
     */
    std::vector<uint8_t> Bytes(const char* key, std::size_t max = 0xffff);

    /**
     * \param key field name
     * \param max longest value the wire field holds (in UTF-8 bytes)
     * \return the text, empty when absent
     */
    std::string Text(const char* key, std::size_t max = 0xffff);

    /**
     * \param key field name
     * \param max most addresses the wire field holds
     * \return the addresses, empty when absent
     */
    std::vector<Ipv4Address> Addresses(const char* key, std::size_t max = 0xffff);

    /**
     * \brief An enumerated field given by name or by number.
     * \param key field name
     * \param names the names, indexed by value - first
     * \param first value of names[0]
     * \param def value when absent
     * \param allowNumbers accept any integer 0..255 as well as the names
     * \return the value
     */
    uint8_t Enum(const char* key,
                 const std::vector<const char*>& names,
                 uint8_t first,
                 uint8_t def,
                 bool allowNumbers = false);

    /**
     * \param key field name
     * \return the raw value, or a null handle when absent
     */
    py::object Raw(const char* key);

    /**
     * \param key a field Parse reports but serialisation computes (checksum...)
     */
    void Ignore(const char* key);

    /** \return the message description used in errors */
    const std::string& What() const;

    /**
     * \brief Refuse fields that were never read.
     * \throw std::invalid_argument naming the first unknown field
     */
    void Finish() const;

    /**
     * \param key field name
     * \param problem what is wrong with it
     * \return an exception naming the message and the field
     */
    std::invalid_argument Error(const char* key, const std::string& problem) const;

  private:
    py::dict m_dict;
    std::string m_what;
    std::set<std::string> m_read;
};

/**
 * \param name an enumerated value's name, or an empty string for an unknown value
 * \param value the value
 * \return the name, or the number when there is no name
 */
py::object EnumToPy(const char* name, uint8_t value);

/**
 * \brief Build an access list from a dict as payload.parse("SmkdAccessList") returns it.
 * \param d the dict
 * \param what description for error messages
 * \return the list
 */
SmkdAccessList AclFromPy(const py::dict& d, const std::string& what);

/** \return true once a Python callable run by the simulator has raised */
bool ErrorPending();

/**
 * \brief Keep the exception of a Python callable run by the simulator and stop
 * the run: Simulator.run() raises it. Unwinding through ns-3's event loop
 * instead would leave it in the middle of an event.
 * \param e the exception
 */
void DeferError(py::error_already_set& e);

/// An attribute named "ns3::<TypeId>::<Attribute>", looked up.
struct NamedAttribute
{
    TypeId tid;                        //!< the type
    std::string attribute;             //!< the attribute's own name
    TypeId::AttributeInformation info; //!< its checker and default
};

/**
 * \brief Look an attribute up by its full name.
 * \param name "ns3::<TypeId>::<Attribute>"
 * \return the attribute
 * \throw py::key_error for an unknown type or attribute
 */
NamedAttribute LookupAttribute(const std::string& name);

/**
 * \brief Look an attribute up by its full name and check that ns-3 can be
 * given \p value without aborting.
 * \param name "ns3::<TypeId>::<Attribute>"
 * \param value the value's text
 * \return the attribute
 * \throw py::key_error for an unknown type or attribute
 * \throw std::invalid_argument for a value ns-3 would abort on
 */
NamedAttribute CheckedAttribute(const std::string& name, const std::string& value);

/// A Python callable held by ns-3 (an event, a trace callback).
using HeldCallable = std::shared_ptr<py::object>;

/**
 * \brief Hold a Python callable in ns-3 code. Copies share one reference, so
 * ns-3 may copy callbacks without the GIL; an ns-3 object released only at
 * process exit, after the interpreter has gone, leaks the reference instead
 * of releasing it into a finalised interpreter.
 * \param fn the callable
 * \return the shared holder
 */
inline HeldCallable
HoldCallable(py::object fn)
{
    return HeldCallable(new py::object(std::move(fn)), [](py::object* p) {
        if (!Py_IsInitialized())
        {
            p->release();
        }
        delete p;
    });
}

/**
 * \brief Call a Python callable from a simulator event or trace source.
 * \param fn the callable
 * \param args its arguments
 */
template <class... Args>
void
CallFromSimulator(const HeldCallable& fn, Args&&... args)
{
    if (ErrorPending())
    {
        return; // a callable already failed: the run is stopping
    }
    try
    {
        (*fn)(std::forward<Args>(args)...);
    }
    catch (py::error_already_set& e)
    {
        DeferError(e);
    }
}

/// Bind core functions: configuration, seeds, the simulator clock.
void BindCore(py::module_& m);
/// Bind the CBT and IGMP wire formats (submodules cbt and igmp).
void BindWire(py::module_& m);
/// Bind the security payloads (submodule payload).
void BindPayloads(py::module_& m);
/// Bind nodes, helpers and trace sources for hand-built networks (submodule net).
void BindNetwork(py::module_& m);
/// Bind the scaling experiment: ScenarioConfig, Scenario, Results (and submodule records).
void BindScenario(py::module_& m);

} // namespace bindings
} // namespace smkd
} // namespace ns3

#endif /* SMKD_BIND_COMMON_H */
