/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_RECENT_SET_H
#define SMKD_RECENT_SET_H

#include "ns3/nstime.h"

#include <cstddef>
#include <map>
#include <set>
#include <utility>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Keys remembered for a while, forgotten oldest first.
 *
 * Replay caches (tokens seen, joins under way) must not cost a scan of every
 * entry on each check: a flood of n messages would then cost O(n^2). Entries
 * are kept in time order beside the look-up set, so expiring them costs
 * O(log n) each, once.
 *
 * \tparam Key an ordered key
 */
template <class Key>
class SmkdRecentSet
{
  public:
    /**
     * \param key a key
     * \return true when it is remembered
     */
    bool Contains(const Key& key) const
    {
        return m_keys.count(key) > 0;
    }

    /**
     * \brief Remember \p key as of \p at (a key remembered already keeps its time).
     * \param key the key
     * \param at its time, by which Expire forgets it
     * \return false when it was remembered already
     */
    bool Insert(const Key& key, Time at)
    {
        if (!m_keys.insert(key).second)
        {
            return false;
        }
        m_byTime.emplace(at, key);
        return true;
    }

    /**
     * \brief Forget every key whose time is before \p horizon.
     * \param horizon the oldest time still remembered
     */
    void Expire(Time horizon)
    {
        while (!m_byTime.empty() && m_byTime.begin()->first < horizon)
        {
            m_keys.erase(m_byTime.begin()->second);
            m_byTime.erase(m_byTime.begin());
        }
    }

    /** \return keys remembered */
    std::size_t Size() const
    {
        return m_keys.size();
    }

  private:
    std::set<Key> m_keys;
    std::multimap<Time, Key> m_byTime;
};

} // namespace ns3

#endif /* SMKD_RECENT_SET_H */
