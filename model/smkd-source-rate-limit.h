/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SOURCE_RATE_LIMIT_H
#define SMKD_SOURCE_RATE_LIMIT_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstddef>
#include <cstdint>
#include <map>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A token bucket per source address: what one source may cost.
 *
 * Each secure-join report with a fresh token costs its DR a signature
 * verification and a signed answer, so a host that signs a new token for
 * every report (a flooder) could keep its DR, and in strict mode the core,
 * busy. A source may spend Burst at once and Rate per second after that;
 * what is over is refused and counted. Buckets that have filled up again
 * are forgotten, and at most MaxSources are kept, so spoofed sources cannot
 * grow the state without bound. Scheduler-free: the caller passes the time.
 */
class SmkdSourceRateLimit
{
  public:
    /**
     * \param rate tokens per second (> 0)
     * \param burst tokens a full bucket holds (>= 1)
     * \param maxSources buckets kept at most (>= 1)
     */
    SmkdSourceRateLimit(double rate, uint32_t burst, std::size_t maxSources);

    /**
     * \brief Spend one token of \p source, if it has one.
     * \param source the source
     * \param now the current time (not before the last call's)
     * \return true when allowed; false when over its rate, or when a new
     * source finds MaxSources buckets still in use
     */
    bool Allow(Ipv4Address source, Time now);

    /** \return requests refused so far */
    uint64_t GetRefused() const;

    /** \return buckets kept now */
    std::size_t GetSources() const;

  private:
    /// A source's bucket.
    struct Bucket
    {
        double tokens; //!< tokens left at \p last
        Time last;     //!< when it was last spent from
    };

    /// \return the tokens \p b holds at \p now
    double TokensAt(const Bucket& b, Time now) const;
    /// Forget the buckets that are full again at \p now.
    void ForgetFull(Time now);

    double m_rate;
    double m_burst;
    std::size_t m_maxSources;
    std::map<Ipv4Address, Bucket> m_buckets;
    uint64_t m_refused{0};
};

} // namespace ns3

#endif /* SMKD_SOURCE_RATE_LIMIT_H */
