/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SCENARIO_FIXTURE_H
#define SMKD_SCENARIO_FIXTURE_H

#include "ns3/rng-seed-manager.h"
#include "ns3/smkd-scenario.h"

#include <cstdint>

namespace ns3
{
namespace smkd
{
namespace test
{

/// Sets the seed and run for a test case and restores them after it.
class SeedGuard
{
  public:
    SeedGuard(uint32_t seed, uint64_t run)
        : m_seed(RngSeedManager::GetSeed()),
          m_run(RngSeedManager::GetRun())
    {
        RngSeedManager::SetSeed(seed);
        RngSeedManager::SetRun(run);
    }

    ~SeedGuard()
    {
        RngSeedManager::SetSeed(m_seed);
        RngSeedManager::SetRun(m_run);
    }

    SeedGuard(const SeedGuard&) = delete;
    SeedGuard& operator=(const SeedGuard&) = delete;

  private:
    uint32_t m_seed;
    uint64_t m_run;
};

/// A 5 x 4 grid of routers (the primary core at its centre, router 7), 30
/// members on LANs of 3 (11 LANs: the primary core's, which also holds the
/// KDC host and the initiator, and 10 others), joins over 2 s, 3 s to settle.
inline SmkdScenarioConfig
SmallGridConfig()
{
    SmkdScenarioConfig c;
    c.generator = "grid";
    c.routers = 20;
    c.members = 30;
    c.hostsPerLan = 3;
    c.joinWindow = Seconds(2);
    c.settle = Seconds(3);
    return c;
}

} // namespace test
} // namespace smkd
} // namespace ns3

#endif /* SMKD_SCENARIO_FIXTURE_H */
