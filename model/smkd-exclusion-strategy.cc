/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-exclusion-strategy.h"

namespace ns3
{

const char*
SmkdExclusionStrategyName(SmkdExclusionStrategy s)
{
    switch (s)
    {
    case SmkdExclusionStrategy::NEW_GROUP:
        return "NewGroup";
    case SmkdExclusionStrategy::CORE_UNICAST:
        return "CoreUnicast";
    case SmkdExclusionStrategy::SUBTREE_GKDC:
        return "SubtreeGkdc";
    case SmkdExclusionStrategy::LKH:
        return "Lkh";
    }
    return "unknown";
}

} // namespace ns3
