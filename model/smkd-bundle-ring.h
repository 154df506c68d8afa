/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_BUNDLE_RING_H
#define SMKD_BUNDLE_RING_H

#include "smkd-key-bundle.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>

namespace ns3
{

namespace smkd
{
/**
 * \param ns a time of the SA parameters (activation), ns
 * \return it as a Time
 */
Time AtNs(uint64_t ns);

/**
 * \param t a time
 * \return the delay from now until \p t, 0 when it has passed (for Simulator::Schedule)
 */
Time NotBeforeNow(Time t);
} // namespace smkd

/**
 * \ingroup smkd
 * \brief The group key bundles a member holds, per group: the newest, and
 * every one still held by SPI (a superseded bundle stays for a grace period
 * so that data sent just before a switch still opens).
 *
 * Scheduler-free: the caller passes the time and decides the policy (which
 * bundles to take, when the grace ends). SmkdHostKeyRing and the KDC
 * baseline's client both keep their keys in one.
 */
class SmkdBundleRing
{
  public:
    /**
     * \param group a group
     * \return the newest bundle installed (possibly not yet active), or nullptr
     */
    const SmkdKeyBundle* GetNewest(Ipv4Address group) const;

    /**
     * \param group a group
     * \param nowNs the time, ns
     * \return of the bundles whose activation has come, the one of the
     * newest epoch (an exclusion's keys take effect at once and outrank a
     * periodic re-key announced before it), or nullptr
     */
    const SmkdKeyBundle* GetActive(Ipv4Address group, uint64_t nowNs) const;

    /**
     * \param group a group
     * \param spi an SPI
     * \return the bundle of that SPI while held, or nullptr
     */
    const SmkdKeyBundle* GetBySpi(Ipv4Address group, uint32_t spi) const;

    /**
     * \brief Hold \p bundle under its SPI; with \p newest, it is also the group's newest.
     * \param bundle the bundle
     * \param newest whether it replaces the newest
     */
    void Put(const SmkdKeyBundle& bundle, bool newest);

    /**
     * \brief Drop the bundles below \p epoch not yet active at \p nowNs:
     * announced for later but superseded before they took effect (a re-key
     * overtaken by an exclusion), they are never used, as an excluded member
     * may hold them.
     * \param group a group
     * \param epoch the superseding epoch
     * \param nowNs the time, ns
     */
    void DropOvertaken(Ipv4Address group, uint32_t epoch, uint64_t nowNs);

    /**
     * \brief Drop the group's bundles below \p epoch (their grace is over).
     * \param group a group
     * \param epoch the oldest epoch kept
     */
    void ForgetBelow(Ipv4Address group, uint32_t epoch);

    /**
     * \brief Drop everything of \p group (the membership ended).
     * \param group a group
     */
    void ForgetGroup(Ipv4Address group);

  private:
    std::map<Ipv4Address, SmkdKeyBundle> m_newest;                   //!< by group
    std::map<Ipv4Address, std::map<uint32_t, SmkdKeyBundle>> m_ring; //!< by group and SPI
};

} // namespace ns3

#endif /* SMKD_BUNDLE_RING_H */
