/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_ADVERSARY_PLAN_H
#define SMKD_ADVERSARY_PLAN_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief How many adversaries of one kind a scenario places.
 *
 * Kinds (SmkdScenario places them; doc/smkd.rst, "Threat model", says what
 * each may do):
 * - "eavesdropper": a host on a member LAN that records every key-carrying
 *   packet it hears (SmkdEavesdropper);
 * - "impostor": a host on a member LAN posing as a router with copied
 *   tokens (SmkdImpostor);
 * - "replayer": a host on a member LAN that replays the key layer's
 *   messages (SmkdReplayer);
 * - "excluded": a member excluded when the join window closes, which then
 *   forges and replays as the two above (RFC 1949 and strict mode; the KDC
 *   baseline has no exclusion and keeps it as a member);
 * - "compromised-gkdc": a member LAN's router that hands every key it holds
 *   to the adversary (RFC 1949 §7's reason for strict mode);
 * - "rogue-initiator": a host on a member LAN that submits an access list of
 *   its own for the group, naming itself initiator, before the real one;
 * - "flooder": a host on a member LAN that sends its DR 100 secure-join
 *   reports a second, each with a fresh token it signs (SmkdFlooder).
 */
struct SmkdAdversarySpec
{
    std::string kind;  //!< one of Kinds()
    uint32_t count{0}; //!< how many

    /** \return the kinds a scenario can place */
    static const std::vector<std::string>& Kinds();

    /**
     * \param text "kind:count,kind:count" (empty: none)
     * \return the specs, in order
     * \throws std::invalid_argument naming the entry that is not one
     */
    static std::vector<SmkdAdversarySpec> ParseList(const std::string& text);

    /** \return "kind:count" */
    std::string ToString() const;
};

/**
 * \param specs adversary specs
 * \param kind a kind
 * \return how many of \p kind they ask for
 */
uint32_t SmkdCountAdversaries(const std::vector<SmkdAdversarySpec>& specs, const std::string& kind);

} // namespace ns3

#endif /* SMKD_ADVERSARY_PLAN_H */
