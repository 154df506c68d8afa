/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GROUP_INITIATOR_H
#define SMKD_GROUP_INITIATOR_H

#include "smkd-access-list.h"
#include "smkd-crypto-types.h"
#include "smkd-management-message.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <optional>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The group initiator of RFC 1949 §6.1: signs the group access control
 * list (and, if any, the trusted-router list) and unicasts it to the group's
 * primary core before the group is used, retransmitting until the core answers.
 *
 * The node needs an SmkdCryptoEngine (SmkdHelper sets one up); signing is
 * charged to its simulated CPU.
 */
class SmkdGroupInitiator : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdGroupInitiator();

    /** \param acl the group access control list (its group must be the Group attribute) */
    void SetAccessList(const SmkdAccessList& acl);

    /** \param trusted the routers that may become GKDCs (RFC 1949 §6.1) */
    void SetTrustedRouters(const SmkdAccessList& trusted);

    /** \return true once the primary core accepted the list */
    bool IsAccepted() const;

    /// TracedCallback signature: group, time since the first submission.
    using AcceptedTracedCallback = void (*)(Ipv4Address, Time);
    /// TracedCallback signature: group, reason.
    using RejectedTracedCallback = void (*)(Ipv4Address, const std::string&);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SignedList(Bytes signature, bool trusted);
    void SealLists();
    void Transmit();
    void Receive(Ptr<Socket> socket);

    Ipv4Address m_group;
    Ipv4Address m_core;
    Time m_interval;
    uint32_t m_maxTransmissions;
    bool m_encrypt{false};
    Bytes m_sealedAcl;
    Bytes m_sealedTrusted;
    std::optional<SmkdAccessList> m_acl;
    std::optional<SmkdAccessList> m_trusted;
    SmkdSignedBlob m_signedAcl;
    SmkdSignedBlob m_signedTrusted;
    uint32_t m_pendingSignatures{0};
    Ptr<Socket> m_socket;
    EventId m_retransmit;
    uint32_t m_transmissions{0};
    uint32_t m_sequence{0};
    Time m_started;
    bool m_accepted{false};
    bool m_done{false};

    TracedCallback<Ipv4Address, Time> m_acceptedTrace;
    TracedCallback<Ipv4Address, const std::string&> m_rejectedTrace;
};

} // namespace ns3

#endif /* SMKD_GROUP_INITIATOR_H */
