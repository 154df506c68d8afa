/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_REKEYING_H
#define SMKD_REKEYING_H

#include "smkd-crypto-types.h"
#include "smkd-group-key-message.h"
#include "smkd-key-bundle.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"

#include <map>

namespace ns3
{

class SmkdGkdcContext;

/**
 * \ingroup smkd
 * \brief Periodic re-keying (RFC 1949 §6.1): at the primary core, the next
 * bundle is signed, encrypted under the KEK and multicast down the tree
 * RekeyLeadTime before the current key expires; at every other GKDC, the
 * bundle is taken from that message.
 */
class SmkdRekeying
{
  public:
    /** \param context the router's shared GKDC state */
    explicit SmkdRekeying(SmkdGkdcContext& context);

    /**
     * \brief At the primary core: (re)schedule the group's next re-key from
     * the keys held.
     * \param group a group
     */
    void Schedule(Ipv4Address group);

    /**
     * \brief At the primary core: cancel the group's scheduled re-key.
     * \param group a group
     */
    void Cancel(Ipv4Address group);

    /**
     * \brief At the primary core: re-key now.
     * \param group a group
     * \return false when this router holds no keys for it as primary core
     */
    bool RekeyNow(Ipv4Address group);

    /**
     * \brief At a GKDC: a REKEY message arrived.
     * \param m the message
     */
    void Receive(const SmkdGroupKeyMessage& m);

    /** \brief Cancel every scheduled re-key. */
    void Dispose();

  private:
    void Send(Ipv4Address group, SmkdSignedBlob signedBundle, SmkdKeyBundle bundle);
    void Opened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext);

    SmkdGkdcContext& m_context;
    std::map<Ipv4Address, EventId> m_events; //!< at the primary, by group
};

} // namespace ns3

#endif /* SMKD_REKEYING_H */
