/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-topology-reader.h"

#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdTopologyReader");

namespace
{

/// A topology file read line by line, skipping blank and comment lines.
class LineSource
{
  public:
    explicit LineSource(const std::string& path)
        : m_path(path),
          m_in(path)
    {
        if (!m_in.is_open())
        {
            throw std::runtime_error("cannot open topology file '" + path + "'");
        }
    }

    /// Next line with content, split at white space; false at the end.
    bool Next(std::vector<std::string>& fields)
    {
        std::string line;
        while (std::getline(m_in, line))
        {
            ++m_line;
            std::istringstream is(line);
            fields.clear();
            std::string f;
            while (is >> f)
            {
                fields.push_back(f);
            }
            if (!fields.empty() && fields[0][0] != '#')
            {
                m_text = line;
                return true;
            }
        }
        if (m_in.bad())
        {
            throw std::runtime_error("error reading topology file '" + m_path + "'");
        }
        return false;
    }

    /// Throw std::invalid_argument for the current line.
    [[noreturn]] void Fail(const std::string& what) const
    {
        std::ostringstream os;
        os << m_path << ":" << m_line << ": " << what << " (line: '" << m_text << "')";
        throw std::invalid_argument(os.str());
    }

    const std::string& Path() const
    {
        return m_path;
    }

  private:
    std::string m_path;
    std::ifstream m_in;
    uint32_t m_line{0};
    std::string m_text;
};

bool
ParseUnsigned(const std::string& s, uint32_t& value)
{
    if (s.empty() || s.size() > 10 ||
        !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
    {
        return false;
    }
    const unsigned long long v = std::stoull(s);
    if (v > 0xffffffffULL)
    {
        return false;
    }
    value = static_cast<uint32_t>(v);
    return true;
}

bool
ParseWeight(const std::string& s, double& value)
{
    char* end = nullptr;
    value = std::strtod(s.c_str(), &end);
    return !s.empty() && end == s.c_str() + s.size() && std::isfinite(value) && value >= 0;
}

/// Links read so far, merged per router pair.
class LinkCollector
{
  public:
    /// Add a link; a repeat keeps the smaller weight.
    void Add(uint32_t a, uint32_t b, double weight)
    {
        const uint64_t key = (static_cast<uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
        auto [it, added] = m_index.emplace(key, m_links.size());
        if (added)
        {
            m_links.push_back({a, b, weight});
        }
        else
        {
            ++m_repeats;
            m_links[it->second].weight = std::min(m_links[it->second].weight, weight);
        }
    }

    /// Put the links into \p topology, delay = weight × \p unit (or \p fixed when unit is 0).
    void Fill(SmkdTopology& topology, Time unit, Time fixed) const
    {
        for (const auto& l : m_links)
        {
            const Time delay = unit.IsZero() ? fixed : unit * l.weight;
            topology.AddLink(l.a, l.b, delay, l.weight);
        }
    }

    size_t Size() const
    {
        return m_links.size();
    }

    size_t Repeats() const
    {
        return m_repeats;
    }

  private:
    struct Entry
    {
        uint32_t a;
        uint32_t b;
        double weight;
    };

    std::vector<Entry> m_links;
    std::unordered_map<uint64_t, size_t> m_index;
    size_t m_repeats{0};
};

/// The router named \p name, added if new.
uint32_t
RouterNamed(SmkdTopology& topology, const std::string& name)
{
    const uint32_t r = topology.FindRouter(name);
    return r != SmkdTopology::NONE ? r : topology.AddRouter(name);
}

bool
IsMapsLine(const std::vector<std::string>& fields)
{
    return std::find(fields.begin(), fields.end(), "->") != fields.end();
}

void
ReadRocketfuelWeights(LineSource& in, SmkdTopology& topology, LinkCollector& links)
{
    std::vector<std::string> f;
    while (in.Next(f))
    {
        if (IsMapsLine(f))
        {
            in.Fail("a Rocketfuel maps (.cch) line; only Rocketfuel weights files are supported");
        }
        if (f.size() != 3)
        {
            in.Fail("expected '<router> <router> <weight>' (Rocketfuel weights), found " +
                    std::to_string(f.size()) + " fields");
        }
        double weight;
        if (!ParseWeight(f[2], weight))
        {
            in.Fail("expected a non-negative number as weight, found '" + f[2] + "'");
        }
        if (f[0] == f[1])
        {
            in.Fail("a link from router '" + f[0] + "' to itself");
        }
        const uint32_t a = RouterNamed(topology, f[0]); // first seen, first numbered
        links.Add(a, RouterNamed(topology, f[1]), weight);
    }
}

void
ReadInet(LineSource& in, SmkdTopology& topology, LinkCollector& links)
{
    std::vector<std::string> f;
    uint32_t nodes = 0;
    uint32_t declaredLinks = 0;
    if (!in.Next(f))
    {
        throw std::runtime_error(in.Path() + ": empty file, expected an Inet header");
    }
    if (f.size() != 2 || !ParseUnsigned(f[0], nodes) || !ParseUnsigned(f[1], declaredLinks))
    {
        in.Fail("expected '<nodes> <links>' (Inet header)");
    }
    for (uint32_t i = 0; i < nodes; ++i)
    {
        topology.AddRouter(std::to_string(i));
    }
    std::vector<bool> declared(nodes, false);
    for (uint32_t i = 0; i < nodes; ++i)
    {
        if (!in.Next(f))
        {
            throw std::invalid_argument(in.Path() + ": ends after " + std::to_string(i) +
                                        " of the " + std::to_string(nodes) +
                                        " node lines its header declares");
        }
        uint32_t id;
        double x;
        double y;
        if (f.size() != 3 || !ParseUnsigned(f[0], id) || !ParseWeight(f[1], x) ||
            !ParseWeight(f[2], y))
        {
            in.Fail("expected '<id> <x> <y>' (Inet node " + std::to_string(i + 1) + " of " +
                    std::to_string(nodes) + ")");
        }
        if (id >= nodes || declared[id])
        {
            in.Fail("node id " + f[0] + (id >= nodes ? " is out of range" : " repeats") +
                    " (the header declares " + std::to_string(nodes) + " nodes)");
        }
        declared[id] = true;
    }
    for (uint32_t i = 0; i < declaredLinks; ++i)
    {
        if (!in.Next(f))
        {
            throw std::invalid_argument(in.Path() + ": ends after " + std::to_string(i) +
                                        " of the " + std::to_string(declaredLinks) +
                                        " links its header declares");
        }
        uint32_t from;
        uint32_t to;
        double weight;
        if (f.size() != 3 || !ParseUnsigned(f[0], from) || !ParseUnsigned(f[1], to) ||
            !ParseWeight(f[2], weight))
        {
            in.Fail("expected '<from> <to> <weight>' (Inet link " + std::to_string(i + 1) + " of " +
                    std::to_string(declaredLinks) + ")");
        }
        if (from >= nodes || to >= nodes)
        {
            in.Fail("link to node " + std::to_string(std::max(from, to)) +
                    ", but the header declares " + std::to_string(nodes) + " nodes");
        }
        if (from == to)
        {
            in.Fail("a link from node " + f[0] + " to itself");
        }
        links.Add(from, to, weight);
    }
    if (in.Next(f))
    {
        in.Fail("more lines than the " + std::to_string(nodes) + " nodes and " +
                std::to_string(declaredLinks) + " links the header declares");
    }
}

void
ReadOrbis(LineSource& in, SmkdTopology& topology, LinkCollector& links)
{
    std::vector<std::string> f;
    while (in.Next(f))
    {
        uint32_t from;
        uint32_t to;
        if (f.size() != 2 || !ParseUnsigned(f[0], from) || !ParseUnsigned(f[1], to))
        {
            in.Fail("expected '<from> <to>' (Orbis: two node ids)");
        }
        if (from == to)
        {
            in.Fail("a link from node " + f[0] + " to itself");
        }
        const uint32_t a = RouterNamed(topology, f[0]); // first seen, first numbered
        links.Add(a, RouterNamed(topology, f[1]), 1.0);
    }
}

} // namespace

SmkdTopology
SmkdTopologyReader::Read(const std::string& path, Format format, const Options& options)
{
    LineSource in(path);
    SmkdTopology topology;
    topology.SetSource(std::string(FormatName(format)) + ":" + path);
    LinkCollector links;
    switch (format)
    {
    case Format::ROCKETFUEL_WEIGHTS:
        ReadRocketfuelWeights(in, topology, links);
        links.Fill(topology, options.rocketfuelWeightUnit, options.defaultDelay);
        break;
    case Format::INET:
        ReadInet(in, topology, links);
        links.Fill(topology, options.inetWeightUnit, options.defaultDelay);
        break;
    case Format::ORBIS:
        ReadOrbis(in, topology, links);
        links.Fill(topology, Time(0), options.defaultDelay);
        break;
    }
    if (links.Size() == 0)
    {
        throw std::runtime_error(path + ": no links in " + FormatName(format) + " file");
    }
    NS_LOG_INFO(topology.GetSource()
                << ": " << topology.GetNRouters() << " routers, " << topology.GetNLinks()
                << " links (" << links.Repeats() << " repeated lines merged)");
    if (options.requireConnected)
    {
        topology.CheckConnected();
    }
    return topology;
}

SmkdTopology
SmkdTopologyReader::Read(const std::string& path, const Options& options)
{
    return Read(path, DetectFormat(path), options);
}

SmkdTopologyReader::Format
SmkdTopologyReader::DetectFormat(const std::string& path)
{
    LineSource in(path);
    std::vector<std::string> first;
    std::vector<std::string> second;
    if (!in.Next(first))
    {
        throw std::runtime_error(path + ": empty file, cannot recognise a topology format");
    }
    if (IsMapsLine(first))
    {
        in.Fail("a Rocketfuel maps (.cch) file; only Rocketfuel weights files are supported");
    }
    if (first.size() == 3)
    {
        return Format::ROCKETFUEL_WEIGHTS;
    }
    if (first.size() == 2)
    {
        return in.Next(second) && second.size() == 3 ? Format::INET : Format::ORBIS;
    }
    in.Fail("not a Rocketfuel weights, Inet or Orbis line: cannot recognise the format");
}

SmkdTopologyReader::Format
SmkdTopologyReader::ParseFormat(const std::string& name)
{
    std::string n = name;
    std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
    for (Format f : {Format::ROCKETFUEL_WEIGHTS, Format::INET, Format::ORBIS})
    {
        if (n == FormatName(f))
        {
            return f;
        }
    }
    throw std::invalid_argument("unknown topology format '" + name +
                                "' (expected rocketfuel, inet or orbis)");
}

const char*
SmkdTopologyReader::FormatName(Format format)
{
    switch (format)
    {
    case Format::ROCKETFUEL_WEIGHTS:
        return "rocketfuel";
    case Format::INET:
        return "inet";
    case Format::ORBIS:
        return "orbis";
    }
    return "unknown";
}

} // namespace ns3
