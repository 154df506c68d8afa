/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SENDER_REGISTRATION_H
#define SMKD_SENDER_REGISTRATION_H

#include "smkd-crypto-types.h"
#include "smkd-management-message.h"
#include "smkd-sender-key.h"

#include "ns3/address.h"
#include "ns3/ipv4-address.h"

#include <map>

namespace ns3
{

class SmkdGkdcContext;

/**
 * \ingroup smkd
 * \brief Non-member senders at the primary core (RFC 1949 §5, §8): a sender
 * the list admits gets its own key, which the primary multicasts to the
 * group under the group key, and a new one under each newer group key.
 */
class SmkdSenderRegistration
{
  public:
    /** \param context the router's shared GKDC state */
    explicit SmkdSenderRegistration(SmkdGkdcContext& context);

    /**
     * \brief A SENDER_REQUEST arrived.
     * \param m the request
     * \param from where it came from, answered there
     */
    void Receive(const SmkdManagementMessage& m, Address from);

    /**
     * \brief After newer group keys: a new key for each registered sender
     * still listed; a sender the list no longer admits gets none.
     * \param group a group
     */
    void RenewAll(Ipv4Address group);

    /** \brief Forget the registered senders. */
    void Dispose();

  private:
    /// Make \p sender a key under the group key held, seal it to \p to with
    /// \p sequence (0: a renewal) and multicast it to the members.
    void Issue(Ipv4Address group, Ipv4Address sender, Address to, uint32_t sequence);
    void Multicast(const SmkdSenderKey& sk, const Bytes& signedKey);
    void Refuse(const SmkdManagementMessage& m, Address from, const std::string& why);

    SmkdGkdcContext& m_context;
    /// Senders given keys, by group, with where they asked from.
    std::map<Ipv4Address, std::map<Ipv4Address, Address>> m_registered;
};

} // namespace ns3

#endif /* SMKD_SENDER_REGISTRATION_H */
