/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SEQUENCE_SET_H
#define SMKD_SEQUENCE_SET_H

#include <cstdint>
#include <set>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A set of packet sequence numbers, one bit each while they are dense.
 *
 * Delivery statistics keep, for every receiver, which data packets it got:
 * a thousand members receiving ten thousand packets would cost hundreds of
 * megabytes as std::set entries and 1.25 MB as bits. Numbers below
 * DENSE_LIMIT live in a bitmap that grows as needed; larger ones in a std::set.
 */
class SmkdSequenceSet
{
  public:
    /// Numbers below this are stored as bits (a bitmap of at most 2 MiB).
    static constexpr uint64_t DENSE_LIMIT = uint64_t{1} << 24;

    /**
     * \param seq a sequence number
     * \return true when it was not in the set before
     */
    bool Insert(uint64_t seq);

    /**
     * \param seq a sequence number
     * \return true when it is in the set
     */
    bool Contains(uint64_t seq) const;

    /** \return how many numbers the set holds */
    uint64_t GetSize() const;

    /**
     * \brief Call \p f with every number of the set, ascending.
     * \param f a callable taking a uint64_t
     */
    template <typename F>
    void ForEach(F f) const
    {
        for (std::size_t w = 0; w < m_words.size(); ++w)
        {
            for (uint64_t bits = m_words[w]; bits != 0; bits &= bits - 1)
            {
                f(uint64_t{w} * 64 + static_cast<uint64_t>(__builtin_ctzll(bits)));
            }
        }
        for (uint64_t seq : m_sparse)
        {
            f(seq);
        }
    }

  private:
    std::vector<uint64_t> m_words; //!< bit (seq % 64) of word (seq / 64)
    std::set<uint64_t> m_sparse;   //!< numbers at or above DENSE_LIMIT
    uint64_t m_size{0};
};

} // namespace ns3

#endif /* SMKD_SEQUENCE_SET_H */
