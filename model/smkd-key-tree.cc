/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-key-tree.h"

#include "smkd-drbg.h"

#include "ns3/log.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdKeyTree");

NS_OBJECT_ENSURE_REGISTERED(SmkdKeyTree);

namespace
{

std::string
Describe(const char* what, Ipv4Address member)
{
    std::ostringstream s;
    s << "SmkdKeyTree: " << member << " " << what;
    return s.str();
}

} // namespace

TypeId
SmkdKeyTree::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdKeyTree")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdKeyTree>()
            // RFC 2627 §5.4 leaves the degree open. A leave costs about
            // d·log_d(n) entries, equal for d = 2 and d = 4 and larger on
            // either side, while a member's storage, log_d(n) + 1 keys, halves
            // from 2 to 4: 4 gives the binary tree's rekey cost with half the keys.
            .AddAttribute("Degree",
                          "Most children of an internal node of the key tree (applies to "
                          "members added afterwards).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SmkdKeyTree::SetDegree, &SmkdKeyTree::GetDegree),
                          MakeUintegerChecker<uint32_t>(2))
            .AddTraceSource("Rekey",
                            "A join or leave produced a rekey message.",
                            MakeTraceSourceAccessor(&SmkdKeyTree::m_rekeyTrace),
                            "ns3::SmkdKeyTree::RekeyTracedCallback");
    return tid;
}

SmkdKeyTree::SmkdKeyTree()
    : m_degree(4)
{
    NS_LOG_FUNCTION(this);
}

void
SmkdKeyTree::DoDispose()
{
    m_nodes.clear();
    m_leafOf.clear();
    m_open.clear();
    m_leaves.clear();
    m_random = nullptr;
    m_ctx = nullptr;
    Object::DoDispose();
}

void
SmkdKeyTree::SetRandomSource(RandomSource source)
{
    m_random = std::move(source);
}

void
SmkdKeyTree::SetDrbgStream(uint64_t runSeed, uint64_t identity)
{
    if (!m_ctx)
    {
        m_ctx = Create<smkd::OpenSslContext>();
    }
    auto drbg = std::make_shared<SmkdDrbg>(runSeed, identity, "smkd-key-tree", m_ctx);
    m_random = [drbg](uint8_t* out, std::size_t n) { drbg->Generate(out, n); };
}

void
SmkdKeyTree::SetOpenSslContext(Ptr<smkd::OpenSslContext> ctx)
{
    m_ctx = ctx;
}

uint32_t
SmkdKeyTree::GetDegree() const
{
    return m_degree;
}

void
SmkdKeyTree::SetDegree(uint32_t degree)
{
    if (degree < 2)
    {
        throw std::invalid_argument("SmkdKeyTree: degree " + std::to_string(degree) +
                                    ", must be at least 2");
    }
    m_degree = degree;
    for (const auto& [id, node] : m_nodes)
    {
        UpdateOpen(id);
    }
}

uint32_t
SmkdKeyTree::NewId()
{
    // Ids name keys in rekey messages and in GCM nonces: one is never reused.
    if (m_nextId == std::numeric_limits<uint32_t>::max())
    {
        throw std::runtime_error("SmkdKeyTree: node ids exhausted");
    }
    return m_nextId++;
}

void
SmkdKeyTree::RequireRandom() const
{
    if (!m_random)
    {
        throw std::logic_error("SmkdKeyTree: no random source (SetRandomSource or SetDrbgStream)");
    }
}

SmkdKeyTreeKey
SmkdKeyTree::FreshKey(uint32_t id, uint32_t version)
{
    RequireRandom();
    SmkdKeyTreeKey k;
    k.node = id;
    k.version = version;
    k.key.resize(SmkdKeyTreeKey::KEY_SIZE);
    m_random(k.key.data(), k.key.size());
    return k;
}

void
SmkdKeyTree::Renew(Node& node)
{
    if (node.key.version == std::numeric_limits<uint32_t>::max())
    {
        throw std::runtime_error("SmkdKeyTree: key versions of node " +
                                 std::to_string(node.key.node) + " exhausted");
    }
    node.key = FreshKey(node.key.node, node.key.version + 1);
}

SmkdKeyTree::Node&
SmkdKeyTree::At(uint32_t id)
{
    return m_nodes.at(id);
}

const SmkdKeyTree::Node&
SmkdKeyTree::At(uint32_t id) const
{
    return m_nodes.at(id);
}

uint32_t
SmkdKeyTree::LeafOf(Ipv4Address member) const
{
    auto it = m_leafOf.find(member);
    if (it == m_leafOf.end())
    {
        throw std::invalid_argument(Describe("is not a member of the key tree", member));
    }
    return it->second;
}

void
SmkdKeyTree::UpdateOpen(uint32_t id)
{
    const Node& n = At(id);
    const Slot slot{n.depth, id};
    if (!n.leaf && n.children.size() < m_degree)
    {
        m_open.insert(slot);
    }
    else
    {
        m_open.erase(slot);
    }
}

uint32_t
SmkdKeyTree::PlaceNewLeaf()
{
    if (!m_open.empty())
    {
        return m_open.begin()->second;
    }
    // Every internal node is full: the shallowest, oldest leaf makes room by
    // moving one level down under a new node that takes its place.
    const uint32_t leafId = m_leaves.begin()->second;
    Node& leaf = At(leafId);
    const uint32_t parentId = leaf.parent;
    const uint32_t depth = leaf.depth;
    const uint32_t id = NewId();
    Node split;
    split.parent = parentId;
    split.depth = depth;
    split.children = {leafId};
    split.key = FreshKey(id, 1);
    m_leaves.erase({depth, leafId});
    leaf.parent = id;
    leaf.depth = depth + 1;
    m_leaves.insert({depth + 1, leafId});
    auto& siblings = At(parentId).children;
    *std::find(siblings.begin(), siblings.end(), leafId) = id;
    m_nodes.emplace(id, std::move(split));
    UpdateOpen(id);
    NS_LOG_LOGIC("split leaf " << leafId << " under new node " << id << " at depth " << depth);
    return id;
}

SmkdKeyTreeRekey
SmkdKeyTree::Add(Ipv4Address member)
{
    NS_LOG_FUNCTION(this << member);
    if (m_leafOf.count(member))
    {
        throw std::invalid_argument(Describe("is already a member of the key tree", member));
    }
    RequireRandom();
    if (!m_ctx)
    {
        m_ctx = Create<smkd::OpenSslContext>();
    }
    if (m_root == 0)
    {
        const uint32_t id = NewId();
        Node root;
        root.key = FreshKey(id, 1);
        m_nodes.emplace(id, std::move(root));
        m_root = id;
        UpdateOpen(id);
    }
    const bool split = m_open.empty();
    const uint32_t parentId = PlaceNewLeaf();
    const uint32_t leafId = NewId();
    Node leaf;
    leaf.parent = parentId;
    leaf.depth = At(parentId).depth + 1;
    leaf.leaf = true;
    leaf.member = member;
    leaf.key = FreshKey(leafId, 1);
    m_nodes.emplace(leafId, std::move(leaf));
    m_leafOf[member] = leafId;
    m_leaves.insert({At(leafId).depth, leafId});
    At(parentId).children.push_back(leafId);
    UpdateOpen(parentId);

    SmkdKeyTreeRekey rekey;
    rekey.kind = SmkdKeyTreeRekey::Kind::JOIN;
    rekey.member = member;
    for (uint32_t id = parentId; id != 0; id = At(id).parent)
    {
        Node& n = At(id);
        if (split && id == parentId)
        {
            // Made by the split just now: its first key goes to the split
            // leaf's member under that member's own key.
            rekey.entries.push_back(SmkdKeyTreeEntry::Wrap(*m_ctx, n.key, At(n.children[0]).key));
            continue;
        }
        // The newcomer must not read what was sent under the old key: the
        // members below get the new key under the old one.
        // Every ancestor above the parent is full (the parent was the
        // shallowest node with room), so only the parent can lack other members.
        const SmkdKeyTreeKey old = n.key;
        Renew(n);
        if (id != parentId || n.children.size() > 1)
        {
            rekey.entries.push_back(SmkdKeyTreeEntry::Wrap(*m_ctx, n.key, old));
        }
    }
    rekey.rootNode = m_root;
    rekey.rootVersion = At(m_root).key.version;
    return Emit(std::move(rekey));
}

SmkdKeyTreeRekey
SmkdKeyTree::Remove(Ipv4Address member)
{
    NS_LOG_FUNCTION(this << member);
    const uint32_t leafId = LeafOf(member);
    uint32_t id = At(leafId).parent;
    m_leaves.erase({At(leafId).depth, leafId});
    m_nodes.erase(leafId);
    m_leafOf.erase(member);
    auto detach = [this](uint32_t parent, uint32_t child) {
        auto& c = At(parent).children;
        c.erase(std::find(c.begin(), c.end(), child));
    };
    detach(id, leafId);
    // An ancestor left without children served only the removed member.
    while (id != m_root && At(id).children.empty())
    {
        const uint32_t parent = At(id).parent;
        m_open.erase({At(id).depth, id});
        m_nodes.erase(id);
        detach(parent, id);
        id = parent;
    }
    UpdateOpen(id);

    // RFC 2627 §5.4.1: bottom-up, each new key under every child's key,
    // the child on the path already replaced.
    SmkdKeyTreeRekey rekey;
    rekey.kind = SmkdKeyTreeRekey::Kind::LEAVE;
    rekey.member = member;
    for (; id != 0; id = At(id).parent)
    {
        Node& n = At(id);
        Renew(n);
        for (uint32_t child : n.children)
        {
            rekey.entries.push_back(SmkdKeyTreeEntry::Wrap(*m_ctx, n.key, At(child).key));
        }
    }
    rekey.rootNode = m_root;
    rekey.rootVersion = At(m_root).key.version;
    return Emit(std::move(rekey));
}

SmkdKeyTreeRekey
SmkdKeyTree::Emit(SmkdKeyTreeRekey rekey)
{
    NS_LOG_DEBUG((rekey.kind == SmkdKeyTreeRekey::Kind::JOIN ? "join " : "leave ")
                 << rekey.member << ": " << rekey.entries.size() << " entries, root version "
                 << rekey.rootVersion << ", " << m_leafOf.size() << " members");
    m_rekeyTrace(rekey);
    return rekey;
}

std::vector<SmkdKeyTreeKey>
SmkdKeyTree::PathKeys(Ipv4Address member) const
{
    std::vector<SmkdKeyTreeKey> keys;
    for (uint32_t id = LeafOf(member); id != 0; id = At(id).parent)
    {
        keys.push_back(At(id).key);
    }
    return keys;
}

uint32_t
SmkdKeyTree::GetDepth(Ipv4Address member) const
{
    return At(LeafOf(member)).depth;
}

uint32_t
SmkdKeyTree::GetHeight() const
{
    return m_leaves.empty() ? 0 : m_leaves.rbegin()->first;
}

bool
SmkdKeyTree::HasMember(Ipv4Address member) const
{
    return m_leafOf.count(member) > 0;
}

uint32_t
SmkdKeyTree::GetMemberCount() const
{
    return static_cast<uint32_t>(m_leafOf.size());
}

uint32_t
SmkdKeyTree::GetNodeCount() const
{
    return static_cast<uint32_t>(m_nodes.size());
}

SmkdKeyTreeKey
SmkdKeyTree::GetRootKey() const
{
    return m_root == 0 ? SmkdKeyTreeKey{} : At(m_root).key;
}

} // namespace ns3
