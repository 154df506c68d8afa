/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-sequence-set.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdSequenceSet");

bool
SmkdSequenceSet::Insert(uint64_t seq)
{
    bool inserted;
    if (seq < DENSE_LIMIT)
    {
        const std::size_t word = seq / 64;
        if (word >= m_words.size())
        {
            m_words.resize(word + 1, 0);
        }
        const uint64_t bit = uint64_t{1} << (seq % 64);
        inserted = (m_words[word] & bit) == 0;
        m_words[word] |= bit;
    }
    else
    {
        inserted = m_sparse.insert(seq).second;
    }
    m_size += inserted ? 1 : 0;
    return inserted;
}

bool
SmkdSequenceSet::Contains(uint64_t seq) const
{
    if (seq < DENSE_LIMIT)
    {
        const std::size_t word = seq / 64;
        return word < m_words.size() && (m_words[word] >> (seq % 64) & 1) != 0;
    }
    return m_sparse.count(seq) > 0;
}

uint64_t
SmkdSequenceSet::GetSize() const
{
    return m_size;
}

} // namespace ns3
