/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_REPLAY_WINDOW_H
#define SMKD_REPLAY_WINDOW_H

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief What the anti-replay window says of a sequence number.
 */
enum class SmkdReplayVerdict : uint8_t
{
    ACCEPTED, //!< new: right of the window, or inside it and not seen
    REPLAY,   //!< inside the window and already received
    TOO_OLD,  //!< left of the window: cannot tell, so rejected
};

/**
 * \param v a verdict
 * \return its short name, e.g. "too-old"
 */
const char* SmkdReplayVerdictName(SmkdReplayVerdict v);

std::ostream& operator<<(std::ostream& os, SmkdReplayVerdict v);

/**
 * \ingroup smkd
 * \brief Sliding anti-replay window of one security association, RFC 4303 §3.4.3.
 *
 * The right edge is the highest sequence number received so far; the window
 * covers the Size() numbers ending there, [highest − Size() + 1, highest].
 * A number right of the window is new and moves the window; one inside is
 * new unless already seen; one left of it is rejected. The first number
 * received sets the right edge: a member that joins a group mid-stream
 * starts wherever the stream is.
 *
 * As RFC 4303 requires, Check() may run before the integrity check to drop
 * duplicates cheaply, but Update() must only run after the packet
 * authenticated, or forged numbers could move the window.
 */
class SmkdReplayWindow
{
  public:
    /// RFC 4303 §3.4.3: "a window size of 64 is preferred and SHOULD be the default".
    static constexpr uint32_t DEFAULT_SIZE = 64;

    /**
     * \param size numbers the window covers
     * \throws std::invalid_argument when \p size is 0
     */
    explicit SmkdReplayWindow(uint32_t size = DEFAULT_SIZE);

    /**
     * \param seq a sequence number
     * \return the verdict, without changing the window
     */
    SmkdReplayVerdict Check(uint64_t seq) const;

    /**
     * \brief Record an authenticated packet; does nothing unless Check(seq) is ACCEPTED.
     * \param seq its sequence number
     */
    void Update(uint64_t seq);

    /**
     * \brief Check and, when accepted, Update.
     * \param seq a sequence number
     * \return the verdict
     */
    SmkdReplayVerdict Accept(uint64_t seq);

    /** \return the window size */
    uint32_t GetSize() const;

    /** \return true once a number was recorded */
    bool HasHighest() const;

    /** \return the highest number recorded (0 before the first) */
    uint64_t GetHighest() const;

  private:
    /** \return the bit of \p seq in the ring */
    bool Seen(uint64_t seq) const;
    /** \brief Set or clear the bit of \p seq. */
    void Mark(uint64_t seq, bool seen);

    uint32_t m_size;              //!< window size
    bool m_started{false};        //!< a number was recorded
    uint64_t m_highest{0};        //!< right edge
    std::vector<uint64_t> m_bits; //!< ring of m_size bits, bit (seq mod size) for seq
};

} // namespace ns3

#endif /* SMKD_REPLAY_WINDOW_H */
