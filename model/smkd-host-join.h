/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_JOIN_H
#define SMKD_HOST_JOIN_H

#include "smkd-crypto-types.h"
#include "smkd-key-delivery.h"
#include "smkd-token.h"

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"

#include <map>
#include <vector>

namespace ns3
{

class SmkdHostContext;

/**
 * \ingroup smkd
 * \brief A host's secure join (RFC 1949 §6.2, App. B): the signed token its
 * IGMP reports carry, and the DR's deliveries, each accepted only when it is
 * bound to the current join (or membership) and signed by a certified router.
 */
class SmkdHostJoin
{
  public:
    /** \param context the host's shared state */
    explicit SmkdHostJoin(SmkdHostContext& context);

    /**
     * \brief Join \p group securely (SmkdHostAgent::Join checked the node and group).
     * \param socket the application's socket
     * \param interface the interface index
     * \param group the group
     */
    void Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \brief Leave \p group; when no socket of the interface wants it any
     * more, the membership ends and every concern forgets the group.
     * \param socket the application's socket
     * \param interface the interface index
     * \param group the group
     */
    void Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \brief Join again with a fresh token (after a repair, or for a missed re-key).
     * \param group the group
     * \param recovery true when fetching a missed re-key, not joining
     */
    void Reauthenticate(Ipv4Address group, bool recovery);

    /**
     * \brief A key delivery arrived on UDP SmkdKeyDelivery::PORT.
     * \param d the delivery
     */
    void ReceiveDelivery(SmkdKeyDelivery d);

    /** \brief Forget the joins under way. */
    void Dispose();

  private:
    /// A join under way, until its keys are installed or it is refused.
    struct Pending
    {
        SmkdToken token;
        Bytes tokenBytes;
        Time started;
        bool recovery{false}; //!< fetching a missed re-key, not joining
    };

    /// What the IGMP host puts in each report of \p group (App. B).
    std::vector<uint8_t> TokenFor(Ipv4Address group, uint32_t interface);
    void SignToken(Ipv4Address group, uint32_t interface, bool recovery, Callback<void> then);
    void DeliveryVerified(SmkdKeyDelivery d);
    void Opened(Ipv4Address group, bool ok, Bytes plaintext);

    SmkdHostContext& m_context;
    std::map<Ipv4Address, Pending> m_pending;
    std::map<Ipv4Address, Bytes> m_tokens; //!< the token of the latest join, by group
};

} // namespace ns3

#endif /* SMKD_HOST_JOIN_H */
