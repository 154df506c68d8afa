/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_EXCLUSION_STRATEGY_H
#define SMKD_EXCLUSION_STRATEGY_H

#include <cstdint>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief How the primary core excludes a member (smkd-exclusion.cc explains each).
 */
enum class SmkdExclusionStrategy : uint8_t
{
    NEW_GROUP,    //!< RFC 1949 §8: everyone who remains joins again for new keys
    CORE_UNICAST, //!< the primary seals new keys for each remaining member
    SUBTREE_GKDC, //!< new keys go down the tree hop by hop, each GKDC serving its subtree
    LKH,          //!< a logical key hierarchy at the primary (RFC 2627 §5.4)
};

/**
 * \param s a strategy
 * \return its attribute value name, e.g. "SubtreeGkdc"
 */
const char* SmkdExclusionStrategyName(SmkdExclusionStrategy s);

} // namespace ns3

#endif /* SMKD_EXCLUSION_STRATEGY_H */
