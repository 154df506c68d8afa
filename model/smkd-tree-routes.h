/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_TREE_ROUTES_H
#define SMKD_TREE_ROUTES_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <limits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Unicast routes between every router and a few roots, shared by the
 * SmkdTreeRouting instances of one network.
 *
 * The roots are the routers of the experiment's anchors (cores, key
 * servers, initiators, senders, or the routers their hosts hang off). For
 * each root a shortest-path tree is computed (Dijkstra on link delay, ties
 * to fewer hops), and kept as a parent link per router plus its depth-first
 * numbering (each subtree is an interval). A router then knows, in constant
 * or logarithmic time and without a table of its own:
 * - towards a root's addresses (and those of hosts attached to it): its
 *   parent in that root's tree;
 * - towards any other address, owned by router t: when it lies on the path
 *   from a root to t, the child whose subtree holds t. The root is taken,
 *   in this order, from the packet's source (so traffic from an anchor
 *   follows its own shortest-path tree, in one interval test), the router
 *   itself when it is a root (packets it originates), then the first root
 *   in the order added whose tree has the router above t. A packet from a
 *   root thus reaches every address, loop-free (each hop descends a tree
 *   towards t or moves to a tree of lower rank), and on a delay-shortest
 *   path whichever rule applies: each hop is on a shortest path to t from a
 *   router that lies on a shortest path from the source.
 * Addresses of a neighbour on a shared link and of attached hosts are
 * on-link. Other pairs (neither end a root, no root tree through the
 * sender) have no route: this is not all-pairs routing.
 *
 * Memory: a hash table of addresses (one entry per interface address of
 * routers and attached hosts) and seven 32-bit words per router per tree.
 * Build time: one Dijkstra per root, O(roots · links · log routers).
 */
class SmkdTreeRoutes : public SimpleRefCount<SmkdTreeRoutes>
{
  public:
    /// "No router", "no link", "no interface".
    static constexpr uint32_t NONE = std::numeric_limits<uint32_t>::max();

    /// Forget routers, links, addresses, roots and trees.
    void Clear();

    /** \return the index of a new router */
    uint32_t AddRouter();

    /**
     * \brief A link between two routers (a point-to-point link, or two routers
     * of one shared medium).
     * \param a one router
     * \param interfaceA the link's interface index on \p a
     * \param addressA \p a's address on the link
     * \param b the other router
     * \param interfaceB the link's interface index on \p b
     * \param addressB \p b's address on the link
     * \param delay the link's one-way delay
     * \return the link's index
     */
    uint32_t AddLink(uint32_t a,
                     uint32_t interfaceA,
                     Ipv4Address addressA,
                     uint32_t b,
                     uint32_t interfaceB,
                     Ipv4Address addressB,
                     Time delay);

    /**
     * \brief Another address of a router (e.g. on a host LAN); ignored when the
     * address is known already.
     * \param router the router
     * \param address the address
     */
    void AddRouterAddress(uint32_t router, Ipv4Address address);

    /**
     * \brief A host address on-link from a router.
     * \param router the router
     * \param interface the router's interface towards the host
     * \param address the host's address
     * \return false (and nothing changes) when the address is known already
     */
    bool AddAttached(uint32_t router, uint32_t interface, Ipv4Address address);

    /**
     * \param router a router to compute a shortest-path tree for (repeats are ignored)
     */
    void AddRoot(uint32_t router);

    /// Compute the trees. Call after the last Add*; lookups before see no routes.
    void Build();

    /**
     * \brief Take the router link that holds \p address out of the trees, or
     * put it back (a link-state IGP's view of a failure). Call Build after.
     * \param address an address on a router link
     * \param up whether the link carries routes
     * \return false (and nothing changes) when no router link holds the address
     */
    bool SetLinkUp(Ipv4Address address, bool up);

    /**
     * \brief The next hop from \p router towards \p destination.
     * \param router the router asking
     * \param destination the destination address
     * \param source the packet's source (0.0.0.0 when unknown)
     * \param interface set to the output interface
     * \param gateway set to the next hop, or 0.0.0.0 when the destination is on-link
     * \return false when there is no route, or \p destination is the router's own
     */
    bool Lookup(uint32_t router,
                Ipv4Address destination,
                Ipv4Address source,
                uint32_t& interface,
                Ipv4Address& gateway) const;

    /**
     * \param address an address
     * \return the router that owns it or has it attached, or NONE
     */
    uint32_t GetOwner(Ipv4Address address) const;

    /**
     * \param root a root router
     * \param router a router
     * \return the next router from \p router towards \p root (NONE at the root,
     * when unreachable, or when \p root is not a root)
     */
    uint32_t GetParent(uint32_t root, uint32_t router) const;

    /**
     * \param root a root router
     * \param router a router
     * \return the delay from \p router to \p root along the tree (negative when
     * unreachable or \p root is not a root)
     */
    Time GetTreeDelay(uint32_t root, uint32_t router) const;

    /** \return routers */
    uint32_t GetNRouters() const;

    /** \return links */
    uint32_t GetNLinks() const;

    /** \return roots (trees) */
    uint32_t GetNRoots() const;

    /** \return known addresses */
    uint32_t GetNAddresses() const;

    /** \return routers a tree does not reach (summed over trees) */
    uint64_t GetUnreachedCount() const;

    /** \return an estimate of the memory the tables use, in bytes */
    uint64_t GetMemoryBytes() const;

  private:
    /// Who an address belongs to.
    struct Owner
    {
        uint32_t router;    //!< owning router, or the router a host hangs off
        uint32_t link;      //!< router link the address is on, or NONE
        uint32_t interface; //!< for attached hosts: the router's interface, else NONE
    };

    /// One end of a link.
    struct End
    {
        uint32_t router;
        uint32_t interface;
        Ipv4Address address;
    };

    /// One link between routers.
    struct LinkRecord
    {
        End end[2];
        Time delay;
        bool up{true}; //!< false: failed, left out of the trees
    };

    /// The shortest-path tree of one root.
    struct Tree
    {
        uint32_t root;
        std::vector<uint32_t> parentLink; //!< per router: link towards the root, NONE at root
        std::vector<uint32_t> enter;      //!< per router: depth-first number, NONE if unreached
        std::vector<uint32_t> leave;      //!< per router: one past the last number in its subtree
        std::vector<uint32_t> childStart; //!< per router + 1: start of its children in children
        std::vector<uint32_t> children;   //!< children of each router, in depth-first order
        std::vector<int64_t> delay;       //!< per router: delay to the root in ns, -1 if unreached
    };

    /**
     * \brief Compute the tree of \p root.
     * \param root the root
     * \param start per router + 1: start of its neighbours in \p adjacent
     * \param adjacent (neighbour, link) pairs
     * \return the tree
     */
    Tree BuildTree(uint32_t root,
                   const std::vector<uint32_t>& start,
                   const std::vector<std::pair<uint32_t, uint32_t>>& adjacent) const;

    /// Set interface and gateway for leaving \p router over \p link.
    void Via(uint32_t router, uint32_t link, uint32_t& interface, Ipv4Address& gateway) const;

    /// True when \p router is a proper ancestor of \p target in \p tree.
    static bool Above(const Tree& tree, uint32_t router, uint32_t target);

    /// The child of \p router in \p tree whose subtree holds \p target.
    static uint32_t ChildTowards(const Tree& tree, uint32_t router, uint32_t target);

    /// Index of the tree of \p router, or NONE.
    uint32_t TreeOf(uint32_t router) const;

    uint32_t m_routers{0};
    std::vector<LinkRecord> m_links;
    std::unordered_map<uint32_t, Owner> m_owners;
    std::vector<uint32_t> m_roots;
    std::vector<uint32_t> m_treeOf; //!< per router: tree index, or NONE
    std::vector<Tree> m_trees;
};

} // namespace ns3

#endif /* SMKD_TREE_ROUTES_H */
