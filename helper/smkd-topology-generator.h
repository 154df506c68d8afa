/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_TOPOLOGY_GENERATOR_H
#define SMKD_TOPOLOGY_GENERATOR_H

#include "smkd-topology.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Base of the topology generators: one ns-3 random stream, the
 * common link delay, and the source description.
 *
 * Every generator returns a connected SmkdTopology. The random ones draw
 * from one UniformRandomVariable: with the same ns-3 seed, run and stream
 * (AssignStreams) they produce the same graph, link for link.
 * \code
 *   Ptr<SmkdWaxmanGenerator> g = CreateObject<SmkdWaxmanGenerator>();
 *   g->SetAttribute("Routers", UintegerValue(500));
 *   g->AssignStreams(7);
 *   SmkdTopology t = g->Generate();
 * \endcode
 * Parameters out of range throw std::invalid_argument from Generate().
 */
class SmkdTopologyGenerator : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdTopologyGenerator();

    /** \return a new connected topology */
    virtual SmkdTopology Generate() = 0;

    /**
     * \brief Fix the random stream.
     * \param stream the stream index
     * \return number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    /**
     * \param max the largest value
     * \return a uniform integer in [0, max]
     */
    uint32_t Draw(uint32_t max);

    /** \return a uniform real in [0, 1) */
    double Draw01();

    /**
     * \brief A random connected graph on \p n vertices: a random spanning tree
     * (each vertex, in random order, linked to one placed before it), then
     * every other pair with probability \p p.
     * \param n vertex count
     * \param p extra edge probability
     * \return the edges, as pairs of vertices in [0, n)
     */
    std::vector<std::pair<uint32_t, uint32_t>> RandomConnected(uint32_t n, double p);

    /**
     * \param what the generator and its parameters, e.g. "grid 4x5"
     * \return \p what followed by the ns-3 seed, run and stream
     */
    std::string Source(const std::string& what) const;

    Time m_linkDelay; //!< delay of the links (intra-stub links for transit-stub)

  private:
    Ptr<UniformRandomVariable> m_rng;
};

/**
 * \ingroup smkd
 * \brief A complete k-ary tree: router 0 is the root, the children of router
 * i are k·i+1 … k·i+k (breadth-first numbering). (k^(d+1)−1)/(k−1) routers
 * for depth d (d+1 for k = 1, a chain). Not random.
 */
class SmkdKaryTreeGenerator : public SmkdTopologyGenerator
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    SmkdTopology Generate() override;

  private:
    uint32_t m_arity;
    uint32_t m_depth;
};

/**
 * \ingroup smkd
 * \brief A Width × Height grid; router (x, y) is y·Width + x and links to its
 * four neighbours. Not random.
 */
class SmkdGridGenerator : public SmkdTopologyGenerator
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    SmkdTopology Generate() override;

  private:
    uint32_t m_width;
    uint32_t m_height;
};

/**
 * \ingroup smkd
 * \brief Waxman's random graph (IEEE JSAC 6(9), 1988): routers uniform in the
 * unit square, each pair linked with probability α·exp(−d / (β·L)), d their
 * distance and L = √2 the largest distance.
 *
 * Connected by repair: while components remain, the one holding the lowest
 * router outside router 0's component is joined to it by its geometrically
 * closest pair. Delay = LinkDelay + (d / L) · DistanceDelay. O(N²) time.
 */
class SmkdWaxmanGenerator : public SmkdTopologyGenerator
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    SmkdTopology Generate() override;

  private:
    uint32_t m_routers;
    double m_alpha;
    double m_beta;
    Time m_distanceDelay;
};

/**
 * \ingroup smkd
 * \brief Barabási–Albert preferential attachment (Science 286, 1999): a clique
 * of M+1 routers, then each new router links to M distinct existing routers
 * chosen with probability proportional to their degree. Connected by
 * construction; every degree is at least M; M(M+1)/2 + (N−M−1)·M links.
 */
class SmkdBarabasiAlbertGenerator : public SmkdTopologyGenerator
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    SmkdTopology Generate() override;

  private:
    uint32_t m_routers;
    uint32_t m_m;
};

/**
 * \ingroup smkd
 * \brief GT-ITM-style transit-stub graph (Zegura, Calvert, Bhattacharjee,
 * INFOCOM 1996).
 *
 * TransitDomains domains of RoutersPerTransit routers; every transit router
 * has StubsPerTransitRouter stub domains of RoutersPerStub routers, each
 * attached by one access link from a random stub router. Each domain is a
 * random connected graph (RandomConnected: spanning tree, then every other
 * pair with the domain's edge probability), and so is the graph of transit
 * domains, whose edges become links between random routers of the two
 * domains. (GT-ITM instead redraws until connected.)
 *
 * Transit routers come first, numbered by domain, and are named "t<d>.<i>";
 * stub routers are named "s<d>.<i>.<s>.<k>" (transit domain, transit router,
 * stub, router). T·R·(1 + S·K) routers. Delays: TransitLinkDelay between
 * transit routers, AccessLinkDelay on access links, LinkDelay inside stubs.
 */
class SmkdTransitStubGenerator : public SmkdTopologyGenerator
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    SmkdTopology Generate() override;

  private:
    uint32_t m_transitDomains;
    uint32_t m_routersPerTransit;
    uint32_t m_stubsPerTransitRouter;
    uint32_t m_routersPerStub;
    double m_transitEdgeProbability;
    double m_stubEdgeProbability;
    Time m_transitLinkDelay;
    Time m_accessLinkDelay;
};

} // namespace ns3

#endif /* SMKD_TOPOLOGY_GENERATOR_H */
