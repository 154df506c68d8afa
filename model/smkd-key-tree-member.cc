/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-key-tree-member.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdKeyTreeMember");

SmkdKeyTreeMember::SmkdKeyTreeMember(const std::vector<SmkdKeyTreeKey>& pathKeys,
                                     Ptr<smkd::OpenSslContext> ctx)
    : m_ctx(ctx ? ctx : Create<smkd::OpenSslContext>()),
      m_root(0)
{
    if (pathKeys.empty())
    {
        throw std::invalid_argument("SmkdKeyTreeMember: no path keys");
    }
    for (const auto& k : pathKeys)
    {
        if (k.node == 0 || k.version == 0 || k.key.size() != SmkdKeyTreeKey::KEY_SIZE)
        {
            throw std::invalid_argument(
                "SmkdKeyTreeMember: path key of node " + std::to_string(k.node) + " version " +
                std::to_string(k.version) + " with " + std::to_string(k.key.size()) + " bytes");
        }
        m_keys[k.node] = k;
    }
    m_root = pathKeys.back().node;
}

uint32_t
SmkdKeyTreeMember::Apply(const SmkdKeyTreeRekey& rekey)
{
    std::vector<bool> done(rekey.entries.size(), false);
    uint32_t installed = 0;
    bool progress = true;
    while (progress)
    {
        progress = false;
        for (std::size_t i = 0; i < rekey.entries.size(); ++i)
        {
            const SmkdKeyTreeEntry& e = rekey.entries[i];
            auto under = m_keys.find(e.underNode);
            if (done[i] || under == m_keys.end() || under->second.version != e.underVersion)
            {
                continue;
            }
            done[i] = true;
            SmkdKeyTreeKey key;
            if (!e.Unwrap(*m_ctx, under->second, key))
            {
                ++m_rejected;
                NS_LOG_DEBUG("entry for node " << e.node << " under " << e.underNode << " v"
                                               << e.underVersion << " does not open");
                continue;
            }
            auto held = m_keys.find(e.node);
            if (held != m_keys.end() && held->second.version >= key.version)
            {
                continue; // a replayed or reordered message: never go back
            }
            m_keys[e.node] = std::move(key);
            ++installed;
            progress = true;
        }
    }
    return installed;
}

const SmkdKeyTreeKey*
SmkdKeyTreeMember::GetKey(uint32_t node) const
{
    auto it = m_keys.find(node);
    return it == m_keys.end() ? nullptr : &it->second;
}

const SmkdKeyTreeKey&
SmkdKeyTreeMember::GetRootKey() const
{
    return m_keys.at(m_root);
}

const std::map<uint32_t, SmkdKeyTreeKey>&
SmkdKeyTreeMember::GetKeys() const
{
    return m_keys;
}

uint64_t
SmkdKeyTreeMember::GetRejectedCount() const
{
    return m_rejected;
}

} // namespace ns3
