/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_TOPOLOGY_READER_H
#define SMKD_TOPOLOGY_READER_H

#include "smkd-topology.h"

#include "ns3/nstime.h"

#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief How SmkdTopologyReader derives link delays, and what else it checks.
 */
struct SmkdTopologyReaderOptions
{
    Time rocketfuelWeightUnit{MilliSeconds(1)}; //!< Rocketfuel delay per unit of weight
    Time inetWeightUnit{MicroSeconds(1)};       //!< Inet delay per unit of distance
    Time defaultDelay{MilliSeconds(1)};         //!< delay of links without a weight
    bool requireConnected{true};                //!< refuse a disconnected map
};

/**
 * \ingroup smkd
 * \brief Reads the router-level map formats of ns-3's topology-read module
 * into an SmkdTopology: Rocketfuel weights files, Inet and Orbis.
 *
 * The files are parsed here, line by line, not through ns-3's
 * TopologyReader classes (which read the same formats): those create ns-3
 * nodes while reading, which would enter the simulation's NodeList and take
 * node ids before any experiment node; the Rocketfuel reader drops the
 * weights and finds reverse duplicates by scanning every link read so far;
 * and all of them report a missing file or a bad line only in the log,
 * returning an empty or truncated graph. The module's tests check that both
 * parsers agree on the sample files.
 *
 * Formats and delays (a link's delay is derived from its weight):
 * - Rocketfuel weights (`<router> <router> <weight>` per line, e.g.
 *   `Anaheim,+CA4099 Oakland,+CA4113 2.5`): routers are named by the
 *   file's identifiers. Both directions of a link usually appear; they
 *   make one undirected link, with the smaller weight if the two differ.
 *   Delay = weight × Options::rocketfuelWeightUnit (1 ms by default: the weights are
 *   the inferred IGP weights of Mahajan et al., roughly proportional to
 *   latency in milliseconds).
 * - Inet (`<nodes> <links>`, then one `<id> <x> <y>` line per node, then one
 *   `<from> <to> <weight>` line per link): router i is Inet node i, named
 *   by its id. The weight is the link's length in Inet's plane; delay =
 *   weight × Options::inetWeightUnit (1 µs by default, 0.07–12.4 ms on the sample).
 * - Orbis (`<from> <to>` per line): routers are named by the file's ids in
 *   order of appearance. No weights: every link gets Options::defaultDelay (1 ms).
 *
 * Blank lines and lines starting with '#' are skipped; a link that repeats
 * one already read is merged into it; self-loops are refused. Every error
 * throws: std::runtime_error for an unreadable file or one that yields no
 * links, std::invalid_argument naming file:line and what was expected for
 * a malformed line. Unless disabled, a disconnected map is refused too.
 */
class SmkdTopologyReader
{
  public:
    /// The file formats.
    enum class Format
    {
        ROCKETFUEL_WEIGHTS, //!< Rocketfuel `weights.intra` style
        INET,               //!< Inet 3.0 output
        ORBIS,              //!< Orbis edge list
    };

    /// Delays and checks.
    using Options = SmkdTopologyReaderOptions;

    /**
     * \brief Read a file of a given format.
     * \param path the file
     * \param format its format
     * \param options delays and checks
     * \return the topology; its source is "<format>:<path>"
     */
    static SmkdTopology Read(const std::string& path,
                             Format format,
                             const Options& options = Options());

    /**
     * \brief Read a file, recognising its format by DetectFormat.
     * \param path the file
     * \param options delays and checks
     * \return the topology
     */
    static SmkdTopology Read(const std::string& path, const Options& options = Options());

    /**
     * \brief Guess a file's format from its first two non-blank lines: three
     * fields of which the first is not a number: Rocketfuel weights; two
     * numbers followed by a line of three: Inet; two fields: Orbis.
     * Rocketfuel maps (.cch) files are recognised and refused.
     * \param path the file
     * \return the format (throws when none fits)
     */
    static Format DetectFormat(const std::string& path);

    /**
     * \param name "rocketfuel", "inet" or "orbis" (case-insensitive)
     * \return the format (throws std::invalid_argument for another name)
     */
    static Format ParseFormat(const std::string& name);

    /**
     * \param format a format
     * \return its name as ParseFormat accepts it
     */
    static const char* FormatName(Format format);
};

} // namespace ns3

#endif /* SMKD_TOPOLOGY_READER_H */
