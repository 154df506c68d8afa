/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KEY_TREE_H
#define SMKD_KEY_TREE_H

#include "smkd-key-tree-rekey.h"
#include "smkd-openssl.h"

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The key server's logical key hierarchy, RFC 2627 §5.4.
 *
 * Leaves are members (by address) and hold each member's unique key, the
 * "pairwise key" the RFC has every user share with the server; internal
 * nodes hold 32-byte keys with versions; the root key is the tree's group
 * KEK ("Net Key"). A member holds the keys of its leaf-to-root path.
 *
 * Shape. The root is created with the first member and never changes. A
 * new member is attached to the shallowest internal node with fewer than
 * Degree children (ties: the oldest node, i.e. the lowest node id). When
 * every internal node is full, the shallowest (then oldest) leaf is split:
 * a new internal node takes its place and gets it and the newcomer as its
 * two children. Filling from the top this way keeps the tree balanced: the
 * leaves of n members added to an empty tree lie on two adjacent levels at
 * most, the deeper one ceil(log_d n) (1 for n = 1), and d^h members form the
 * full d-ary tree of depth h that RFC 2627's Table 1 counts.
 * On removal the leaf goes, and so does each ancestor left with no child
 * (only the removed member held its key). An ancestor left with one child is
 * kept, not contracted: the RFC's example keeps Key F for User 12 alone
 * (§5.4.1), and vacancies are filled before any leaf is split.
 *
 * Rekeying. Remove (exclusion, RFC 2627 §5.4.1): every surviving ancestor of
 * the removed leaf gets a new key, bottom-up, each encrypted under the
 * current key of each of its children, the child on the path already
 * replaced; nothing the removed member held encrypts a new key. Entries:
 * the sum of the surviving ancestors' degrees, d·h − 1 in a full d-ary tree
 * of depth h (the RFC's "kd-1").
 * Add: every key on the newcomer's path is replaced, so it cannot read what
 * was sent before it joined; each new key is encrypted under the old
 * version of the same node, for the members already below it, except a node
 * made by a split, whose key is encrypted under the split leaf's key. The
 * newcomer gets its keys by unicast (PathKeys). Entries: the newcomer's
 * depth (no entry for an empty root, whose old key nobody holds).
 *
 * Keys come from the random source set with SetRandomSource or
 * SetDrbgStream, so runs are reproducible from the seed.
 */
class SmkdKeyTree : public Object
{
  public:
    /**
     * \brief Fills \p out with \p n random bytes.
     */
    using RandomSource = std::function<void(uint8_t* out, std::size_t n)>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdKeyTree();

    /**
     * \brief Set where keys come from; must be called before the first Add.
     * \param source the random source
     */
    void SetRandomSource(RandomSource source);

    /**
     * \brief Draw keys from a dedicated SmkdDrbg stream ("smkd-key-tree").
     * \param runSeed the run's seed
     * \param identity the key server's identity
     */
    void SetDrbgStream(uint64_t runSeed, uint64_t identity);

    /**
     * \brief Share an OpenSSL context (one is made otherwise).
     * \param ctx the context
     */
    void SetOpenSslContext(Ptr<smkd::OpenSslContext> ctx);

    /**
     * \brief Add a member and rekey its path.
     * \param member the new member
     * \return the multicast rekey message for the members already in the tree
     * \throws std::invalid_argument if \p member is already a member
     * \throws std::logic_error if no random source was set
     */
    SmkdKeyTreeRekey Add(Ipv4Address member);

    /**
     * \brief Remove a member and rekey every key it held.
     * \param member the member
     * \return the multicast rekey message for the remaining members
     * \throws std::invalid_argument if \p member is not a member
     */
    SmkdKeyTreeRekey Remove(Ipv4Address member);

    /**
     * \param member a member
     * \return the keys it holds, leaf key first, root key last
     * \throws std::invalid_argument if \p member is not a member
     */
    std::vector<SmkdKeyTreeKey> PathKeys(Ipv4Address member) const;

    /**
     * \param member a member
     * \return the depth of its leaf (the root is at depth 0)
     * \throws std::invalid_argument if \p member is not a member
     */
    uint32_t GetDepth(Ipv4Address member) const;

    /** \return the deepest leaf's depth; 0 for an empty tree */
    uint32_t GetHeight() const;

    /** \param member an address \return true when it is a member */
    bool HasMember(Ipv4Address member) const;

    /** \return the member count */
    uint32_t GetMemberCount() const;

    /** \return internal nodes and leaves */
    uint32_t GetNodeCount() const;

    /** \return the root key (the group KEK); node 0 before the first Add */
    SmkdKeyTreeKey GetRootKey() const;

    /** \return the degree: the most children an internal node gets */
    uint32_t GetDegree() const;

    /**
     * \brief Set the degree; it applies to the members added from now on.
     * \param degree at least 2
     * \throws std::invalid_argument below 2
     */
    void SetDegree(uint32_t degree);

    /// TracedCallback signature: a rekey message was produced.
    using RekeyTracedCallback = void (*)(const SmkdKeyTreeRekey&);

  protected:
    void DoDispose() override;

  private:
    /// A node: internal (key for the members below) or leaf (one member's key).
    struct Node
    {
        uint32_t parent{0};             //!< 0 for the root
        uint32_t depth{0};              //!< edges from the root
        std::vector<uint32_t> children; //!< internal nodes only, in attachment order
        bool leaf{false};               //!< a member's leaf
        Ipv4Address member;             //!< the member, for a leaf
        SmkdKeyTreeKey key;             //!< current key
    };

    /// Ordering of the placement sets: shallowest first, then oldest.
    using Slot = std::pair<uint32_t, uint32_t>;

    /** \return a new node id; ids are never reused */
    uint32_t NewId();
    /** \brief Throw std::logic_error when no random source was set. */
    void RequireRandom() const;
    /** \return a fresh key for node \p id at \p version */
    SmkdKeyTreeKey FreshKey(uint32_t id, uint32_t version);
    /** \brief Give \p node its next key version. */
    void Renew(Node& node);
    /** \return the node */
    Node& At(uint32_t id);
    /** \return the node */
    const Node& At(uint32_t id) const;
    /** \return the leaf id of \p member; throws when it is not a member */
    uint32_t LeafOf(Ipv4Address member) const;
    /** \brief Keep \p id in m_open exactly when it is internal and has room. */
    void UpdateOpen(uint32_t id);
    /** \return the internal node the next member goes under, splitting a leaf if needed */
    uint32_t PlaceNewLeaf();
    /** \brief Fire the trace and return \p rekey. */
    SmkdKeyTreeRekey Emit(SmkdKeyTreeRekey rekey);

    uint32_t m_degree;                        //!< most children of an internal node
    RandomSource m_random;                    //!< where keys come from
    Ptr<smkd::OpenSslContext> m_ctx;          //!< AES-GCM context
    std::map<uint32_t, Node> m_nodes;         //!< every node by id
    std::map<Ipv4Address, uint32_t> m_leafOf; //!< member to leaf id
    std::set<Slot> m_open;                    //!< internal nodes with room
    std::set<Slot> m_leaves;                  //!< every leaf
    uint32_t m_root{0};                       //!< root id, 0 before the first Add
    uint32_t m_nextId{1};                     //!< next node id

    TracedCallback<const SmkdKeyTreeRekey&> m_rekeyTrace; //!< every rekey message
};

} // namespace ns3

#endif /* SMKD_KEY_TREE_H */
