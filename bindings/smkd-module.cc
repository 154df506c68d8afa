/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The _smkd extension module: shared conversions and the module definition.
// Each area binds itself in its own translation unit (bind-*.cc) to keep
// rebuilds of one area short.

#include "bind-common.h"

#include "ns3/smkd-version.h"

#include <arpa/inet.h>
#include <sstream>

namespace ns3
{
namespace smkd
{
namespace bindings
{

WireFormatError::WireFormatError(const std::string& what,
                                 const std::string& reason,
                                 const std::string& detail)
    : std::invalid_argument(what + ": " + reason + (detail.empty() ? "" : ": " + detail))
{
}

WireFormatError
ToWireError(const std::string& what, const WireStatus& status)
{
    return WireFormatError(what, WireErrorName(status.error), status.detail);
}

py::str
AddressToPy(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return py::str(os.str());
}

py::bytes
BytesToPy(const std::vector<uint8_t>& bytes)
{
    return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

std::vector<uint8_t>
PyToBytes(const py::bytes& b)
{
    char* data = nullptr;
    Py_ssize_t size = 0;
    if (PyBytes_AsStringAndSize(b.ptr(), &data, &size) != 0)
    {
        throw py::error_already_set();
    }
    return std::vector<uint8_t>(reinterpret_cast<const uint8_t*>(data),
                                reinterpret_cast<const uint8_t*>(data) + size);
}

py::list
AddressesToPy(const std::vector<Ipv4Address>& list)
{
    py::list out;
    for (const auto& a : list)
    {
        out.append(AddressToPy(a));
    }
    return out;
}

Ipv4Address
ParseAddress(const std::string& text, const std::string& what)
{
    in_addr parsed{};
    if (inet_pton(AF_INET, text.c_str(), &parsed) != 1)
    {
        throw std::invalid_argument(what + ": '" + text + "' is not an IPv4 address");
    }
    return Ipv4Address(ntohl(parsed.s_addr));
}

py::object
EnumToPy(const char* name, uint8_t value)
{
    if (name == nullptr || std::string(name).empty() || std::string(name) == "UNKNOWN")
    {
        return py::int_(value);
    }
    return py::str(name);
}

DictReader::DictReader(py::dict d, std::string what)
    : m_dict(std::move(d)),
      m_what(std::move(what))
{
}

const std::string&
DictReader::What() const
{
    return m_what;
}

std::invalid_argument
DictReader::Error(const char* key, const std::string& problem) const
{
    return std::invalid_argument(m_what + " field '" + key + "': " + problem);
}

bool
DictReader::Has(const char* key)
{
    m_read.insert(key);
    return m_dict.contains(key);
}

py::object
DictReader::Raw(const char* key)
{
    if (!Has(key))
    {
        return py::object();
    }
    return m_dict[key];
}

void
DictReader::Ignore(const char* key)
{
    m_read.insert(key);
}

Ipv4Address
DictReader::Address(const char* key, Ipv4Address def)
{
    py::object v = Raw(key);
    if (!v)
    {
        return def;
    }
    if (!py::isinstance<py::str>(v))
    {
        throw Error(key, "expected a dotted-quad string, got " + std::string(py::repr(v)));
    }
    return ParseAddress(v.cast<std::string>(), m_what + " field '" + key + "'");
}

uint64_t
DictReader::Unsigned(const char* key, uint64_t def, uint64_t max)
{
    py::object v = Raw(key);
    if (!v)
    {
        return def;
    }
    if (!py::isinstance<py::int_>(v) || py::isinstance<py::bool_>(v))
    {
        throw Error(key, "expected an integer, got " + std::string(py::repr(v)));
    }
    // Compare in Python: the value may not fit any C++ integer.
    if (v < py::int_(0) || v > py::int_(max))
    {
        throw Error(key, std::string(py::str(v)) + " is out of range 0.." + std::to_string(max));
    }
    return v.cast<uint64_t>();
}

bool
DictReader::Bool(const char* key, bool def)
{
    py::object v = Raw(key);
    if (!v)
    {
        return def;
    }
    if (!py::isinstance<py::bool_>(v))
    {
        throw Error(key, "expected True or False, got " + std::string(py::repr(v)));
    }
    return v.cast<bool>();
}

std::vector<uint8_t>
DictReader::Bytes(const char* key, std::size_t max)
{
    py::object v = Raw(key);
    if (!v)
    {
        return {};
    }
    if (!py::isinstance<py::bytes>(v))
    {
        throw Error(key, "expected bytes, got " + std::string(py::str(v.get_type())));
    }
    std::vector<uint8_t> out = PyToBytes(v.cast<py::bytes>());
    if (out.size() > max)
    {
        throw Error(key,
                    std::to_string(out.size()) + " bytes exceed the field's " +
                        std::to_string(max));
    }
    return out;
}

std::string
DictReader::Text(const char* key, std::size_t max)
{
    py::object v = Raw(key);
    if (!v)
    {
        return {};
    }
    if (!py::isinstance<py::str>(v))
    {
        throw Error(key, "expected a string, got " + std::string(py::repr(v)));
    }
    std::string out = v.cast<std::string>();
    if (out.size() > max)
    {
        throw Error(key,
                    std::to_string(out.size()) + " bytes exceed the field's " +
                        std::to_string(max));
    }
    return out;
}

std::vector<Ipv4Address>
DictReader::Addresses(const char* key, std::size_t max)
{
    py::object v = Raw(key);
    std::vector<Ipv4Address> out;
    if (!v)
    {
        return out;
    }
    if (!py::isinstance<py::list>(v) && !py::isinstance<py::tuple>(v))
    {
        throw Error(key, "expected a list of dotted-quad strings");
    }
    for (py::handle item : v)
    {
        if (!py::isinstance<py::str>(item))
        {
            throw Error(key, "expected dotted-quad strings, got " + std::string(py::repr(item)));
        }
        out.push_back(ParseAddress(item.cast<std::string>(), m_what + " field '" + key + "'"));
    }
    if (out.size() > max)
    {
        throw Error(key,
                    std::to_string(out.size()) + " addresses exceed the field's " +
                        std::to_string(max));
    }
    return out;
}

uint8_t
DictReader::Enum(const char* key,
                 const std::vector<const char*>& names,
                 uint8_t first,
                 uint8_t def,
                 bool allowNumbers)
{
    py::object v = Raw(key);
    if (!v)
    {
        return def;
    }
    if (py::isinstance<py::str>(v))
    {
        const std::string s = v.cast<std::string>();
        for (std::size_t k = 0; k < names.size(); ++k)
        {
            if (s == names[k])
            {
                return static_cast<uint8_t>(first + k);
            }
        }
    }
    else if (allowNumbers && py::isinstance<py::int_>(v) && !py::isinstance<py::bool_>(v) &&
             v >= py::int_(0) && v <= py::int_(255))
    {
        return v.cast<uint8_t>();
    }
    std::string known;
    for (const char* n : names)
    {
        known += (known.empty() ? "" : ", ") + std::string(n);
    }
    throw Error(key,
                std::string(py::repr(v)) + " is not one of " + known +
                    (allowNumbers ? " or an integer 0..255" : ""));
}

void
DictReader::Finish() const
{
    for (auto item : m_dict)
    {
        const std::string key = py::str(item.first);
        if (m_read.count(key) == 0)
        {
            std::string known;
            for (const auto& k : m_read)
            {
                known += (known.empty() ? "" : ", ") + k;
            }
            throw std::invalid_argument(m_what + ": unknown field '" + key + "' (fields: " + known +
                                        ")");
        }
    }
}

} // namespace bindings
} // namespace smkd
} // namespace ns3

PYBIND11_MODULE(_smkd, m)
{
    namespace b = ns3::smkd::bindings;
    m.doc() = "RFC 1949 scalable multicast key distribution over CBTv2 and IGMPv3 (ns-3 module "
              "smkd): configuration, simulator clock, wire formats";
    // Malformed bytes: a ValueError subclass, so callers may catch either.
    pybind11::register_exception<b::WireFormatError>(m, "WireFormatError", PyExc_ValueError);
    m.attr("__version__") = ns3::SmkdVersion();
    b::BindCore(m);
    b::BindWire(m);
    b::BindPayloads(m);
    b::BindNetwork(m);
    b::BindScenario(m);
}
