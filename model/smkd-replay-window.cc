/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-replay-window.h"

#include <algorithm>
#include <stdexcept>

namespace ns3
{

const char*
SmkdReplayVerdictName(SmkdReplayVerdict v)
{
    switch (v)
    {
    case SmkdReplayVerdict::ACCEPTED:
        return "accepted";
    case SmkdReplayVerdict::REPLAY:
        return "replay";
    case SmkdReplayVerdict::TOO_OLD:
        return "too-old";
    }
    return "invalid-verdict";
}

std::ostream&
operator<<(std::ostream& os, SmkdReplayVerdict v)
{
    return os << SmkdReplayVerdictName(v);
}

SmkdReplayWindow::SmkdReplayWindow(uint32_t size)
    : m_size(size)
{
    if (size == 0)
    {
        throw std::invalid_argument("SmkdReplayWindow: window size 0");
    }
    m_bits.assign((size + 63) / 64, 0);
}

bool
SmkdReplayWindow::Seen(uint64_t seq) const
{
    const uint64_t i = seq % m_size;
    return (m_bits[i / 64] >> (i % 64)) & 1;
}

void
SmkdReplayWindow::Mark(uint64_t seq, bool seen)
{
    const uint64_t i = seq % m_size;
    const uint64_t bit = uint64_t(1) << (i % 64);
    m_bits[i / 64] = seen ? (m_bits[i / 64] | bit) : (m_bits[i / 64] & ~bit);
}

SmkdReplayVerdict
SmkdReplayWindow::Check(uint64_t seq) const
{
    if (!m_started || seq > m_highest)
    {
        return SmkdReplayVerdict::ACCEPTED;
    }
    if (m_highest - seq >= m_size)
    {
        return SmkdReplayVerdict::TOO_OLD;
    }
    return Seen(seq) ? SmkdReplayVerdict::REPLAY : SmkdReplayVerdict::ACCEPTED;
}

void
SmkdReplayWindow::Update(uint64_t seq)
{
    if (Check(seq) != SmkdReplayVerdict::ACCEPTED)
    {
        return;
    }
    if (!m_started || seq > m_highest)
    {
        // The numbers that enter the window on the right have not been seen;
        // their ring slots still hold numbers that left it on the left.
        if (!m_started || seq - m_highest >= m_size)
        {
            std::fill(m_bits.begin(), m_bits.end(), 0);
        }
        else
        {
            for (uint64_t s = m_highest + 1; s < seq; ++s)
            {
                Mark(s, false);
            }
        }
        m_highest = seq;
        m_started = true;
    }
    Mark(seq, true);
}

SmkdReplayVerdict
SmkdReplayWindow::Accept(uint64_t seq)
{
    const SmkdReplayVerdict v = Check(seq);
    if (v == SmkdReplayVerdict::ACCEPTED)
    {
        Update(seq);
    }
    return v;
}

uint32_t
SmkdReplayWindow::GetSize() const
{
    return m_size;
}

bool
SmkdReplayWindow::HasHighest() const
{
    return m_started;
}

uint64_t
SmkdReplayWindow::GetHighest() const
{
    return m_highest;
}

} // namespace ns3
