/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_TOPOLOGY_H
#define SMKD_TOPOLOGY_H

#include "ns3/nstime.h"

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A router-level graph for experiments, before any ns-3 node exists.
 *
 * Routers are numbered 0..N-1. Links are undirected, at most one between two
 * routers, never from a router to itself, and carry a one-way delay and a
 * weight (the weight read from a file, or 1). Routers may have names (the
 * identifiers a topology file uses); the source says where the graph came
 * from, for reports.
 *
 * Readers (SmkdTopologyReader) and generators (SmkdTopologyGenerator) make
 * these; SmkdNetworkBuilder turns one into ns-3 nodes and links;
 * SmkdPlacement chooses cores and members on it.
 *
 * The graph algorithms are linear in routers plus links per breadth-first
 * search. Invalid arguments (unknown router, self-loop, duplicate link,
 * negative delay) throw std::invalid_argument; the connectivity check throws
 * std::runtime_error.
 */
class SmkdTopology
{
  public:
    /// Index meaning "no router" or "no link".
    static constexpr uint32_t NONE = std::numeric_limits<uint32_t>::max();

    /// One undirected link.
    struct Link
    {
        uint32_t a;    //!< one end (router index)
        uint32_t b;    //!< the other end (router index), b != a
        Time delay;    //!< one-way propagation delay
        double weight; //!< the source's link weight, 1 when it gives none
    };

    /// One neighbour of a router: the neighbour and the link to it.
    struct Adjacency
    {
        uint32_t router; //!< the neighbour
        uint32_t link;   //!< index of the link to it
    };

    /// An empty topology.
    SmkdTopology() = default;

    /**
     * \brief A topology of \p routers unconnected, unnamed routers.
     * \param routers router count
     * \param source where the graph comes from (for reports)
     */
    explicit SmkdTopology(uint32_t routers, std::string source = "");

    /**
     * \param name a name, or empty; names must be unique
     * \return the new router's index
     */
    uint32_t AddRouter(const std::string& name = "");

    /**
     * \brief Link two routers.
     * \param a one router
     * \param b another router
     * \param delay one-way delay, not negative
     * \param weight the source's weight for the link
     * \return the link's index
     */
    uint32_t AddLink(uint32_t a, uint32_t b, Time delay, double weight = 1.0);

    /** \return number of routers */
    uint32_t GetNRouters() const;

    /** \return number of links */
    uint32_t GetNLinks() const;

    /**
     * \param i a link index
     * \return the link
     */
    const Link& GetLink(uint32_t i) const;

    /** \return all links, in the order they were added */
    const std::vector<Link>& GetLinks() const;

    /**
     * \param r a router
     * \return its neighbours with the links to them, in link order
     */
    const std::vector<Adjacency>& GetAdjacency(uint32_t r) const;

    /**
     * \param r a router
     * \return its number of links
     */
    uint32_t GetDegree(uint32_t r) const;

    /**
     * \param a a router
     * \param b a router
     * \return the index of the link between them, or NONE
     */
    uint32_t FindLink(uint32_t a, uint32_t b) const;

    /**
     * \brief Name a router (unique names; an empty name removes it).
     * \param r the router
     * \param name its name
     */
    void SetName(uint32_t r, const std::string& name);

    /**
     * \param r a router
     * \return its name, or an empty string
     */
    const std::string& GetName(uint32_t r) const;

    /**
     * \param name a router name
     * \return the router of that name, or NONE
     */
    uint32_t FindRouter(const std::string& name) const;

    /**
     * \param r a router
     * \return "router 7 (Anaheim,+CA4101)", or "router 7" without a name
     */
    std::string Describe(uint32_t r) const;

    /** \param source where the graph comes from, e.g. "rocketfuel:path" */
    void SetSource(const std::string& source);

    /** \return where the graph comes from */
    const std::string& GetSource() const;

    /**
     * \param from a router
     * \return hop counts from \p from to every router (NONE where unreachable)
     */
    std::vector<uint32_t> HopDistances(uint32_t from) const;

    /**
     * \brief Breadth-first search from several routers at once.
     * \param sources the start routers (distance 0)
     * \return hop counts from the nearest source (NONE where unreachable)
     */
    std::vector<uint32_t> HopDistances(const std::vector<uint32_t>& sources) const;

    /** \return number of connected components (0 for an empty topology) */
    uint32_t CountComponents() const;

    /** \return true when there is at least one router and every router reaches every other */
    bool IsConnected() const;

    /**
     * \brief Throw std::runtime_error unless the topology is connected; the
     * message gives the number of components and a router that router 0
     * cannot reach.
     */
    void CheckConnected() const;

    /**
     * \param r a router of a connected topology
     * \return the depth of a breadth-first tree rooted at \p r: its
     * eccentricity, the most hops from \p r to any router
     */
    uint32_t GetDepth(uint32_t r) const;

    /**
     * \brief The topological centre: a router of least eccentricity (the
     * lowest index among equals).
     *
     * Exact. Breadth-first searches tighten lower and upper bounds of every
     * router's eccentricity until one router provably has the least (Takes
     * and Kosters' bounding algorithm): on router-level graphs a handful of
     * searches instead of one per router, one per router at worst.
     * \return the centre of a connected topology (throws otherwise)
     */
    uint32_t GetCentre() const;

    /** \return a router of highest degree (the lowest index among equals) */
    uint32_t GetHighestDegree() const;

    /** \return routers by decreasing degree, equal degrees by increasing index */
    std::vector<uint32_t> GetRoutersByDegree() const;

  private:
    /// Throw std::invalid_argument unless \p r is a router.
    void CheckRouter(uint32_t r, const char* what) const;

    std::vector<Link> m_links;
    std::vector<std::vector<Adjacency>> m_adjacency;
    std::vector<std::string> m_names; //!< empty until a router is named
    std::unordered_map<std::string, uint32_t> m_byName;
    std::string m_source;
};

} // namespace ns3

#endif /* SMKD_TOPOLOGY_H */
