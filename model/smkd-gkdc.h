/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GKDC_H
#define SMKD_GKDC_H

#include "smkd-crypto-types.h"
#include "smkd-exclusion-strategy.h"
#include "smkd-group-keys.h"
#include "smkd-key-tree-rekey.h"
#include "smkd-key-tree.h"

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class CbtMessage;
class Ipv4Header;
class SmkdExclusion;
class SmkdGkdcContext;
class SmkdGroupCreation;
class SmkdLkhExclusion;
class SmkdRekeying;
class SmkdSecureJoin;
class SmkdSenderRegistration;

/**
 * \ingroup smkd
 * \brief A router's role as group key distribution centre (GKDC), RFC 1949 §6.
 *
 * At a group's primary core it receives the initiator's signed access list
 * (UDP port 1949), verifies it, creates the group key, the key-encrypting key
 * and the SA parameters, signs the list and the keys with the core's key, and
 * so becomes the group's first GKDC (§6.1). Routers that receive keys in a
 * group access package become GKDCs too; that path arrives with the secure
 * join.
 *
 * The node needs an SmkdCryptoEngine and a CbtRoutingProtocol (whose core
 * mapping says which groups this router is primary core of).
 *
 * This object is the router's agent: it holds the attributes and trace
 * sources, owns the sockets, and hands each message to the concern it
 * belongs to, each a class with its own log component:
 * - SmkdGroupCreation: the initiator's list at the primary core (§6.1);
 * - SmkdSecureJoin: secure joins, hop by hop (§6.2, §7), with SmkdPacketHandles (§3);
 * - SmkdRekeying: periodic re-keys (§6.1);
 * - SmkdExclusion and SmkdLkhExclusion: member exclusion;
 * - SmkdSenderRegistration: non-member senders (§5, §8).
 * They share the group key state through an SmkdGkdcContext.
 */
class SmkdGkdc : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdGkdc();
    ~SmkdGkdc() override;

    /**
     * \param group a group
     * \return true when this router holds the group's keys
     */
    bool IsGkdc(Ipv4Address group) const;

    /**
     * \param group a group
     * \return the keys and lists held for it, or nullptr
     */
    const SmkdGroupKeys* GetGroupKeys(Ipv4Address group) const;

    /** \return access lists refused so far */
    uint64_t GetRejectedCount() const;

    /**
     * \brief Treat groups under a prefix as secure groups: their joins are
     * RFC 1949 secure joins, per host.
     * \param prefix multicast prefix
     * \param mask its mask
     */
    void AddSecureGroups(Ipv4Address prefix, Ipv4Mask mask);

    /**
     * \param group a group
     * \return true when its joins are secure joins
     */
    bool IsSecureGroup(Ipv4Address group) const;

    /**
     * \brief A host's secure join arrived in an IGMP report (RFC 1949 App. B).
     * \param host the reporting host
     * \param group the group
     * \param interface the link it arrived on
     * \param token the host's signed token, as carried
     */
    void HostJoin(Ipv4Address host,
                  Ipv4Address group,
                  uint32_t interface,
                  const std::vector<uint8_t>& token);

    /**
     * \brief Take a secure JOIN_REQUEST or JOIN_ACK from the CBT router.
     * \param message the message
     * \param ip its IP header
     * \param interface the arrival interface
     * \return true (the message is this layer's)
     */
    bool HandleCbtMessage(const CbtMessage& message, const Ipv4Header& ip, uint32_t interface);

    /**
     * \brief The CBT tree of a secure group was flushed or expired while this
     * DR has members: ask each served host to join again with a fresh token.
     * \param group the group
     */
    void Rejoin(Ipv4Address group);

    /** \return secure joins refused here (bad tokens, access list, bad signatures) */
    uint64_t GetRefusedJoins() const;

    /**
     * \return secure-join reports dropped unverified here because their host
     * was over HostJoinBurst and HostJoinRate
     */
    uint64_t GetRateLimitedJoins() const;

    /** \return secure joins this router answered as GKDC */
    uint64_t GetAnsweredJoins() const;

    /**
     * \brief At the primary core: re-key \p group now (RFC 1949 §6.1) rather
     * than at the scheduled time. The new key takes effect RekeyLeadTime later.
     * \param group a group this router is primary core of
     * \return false when this router holds no keys for it as primary core
     */
    bool RekeyNow(Ipv4Address group);

    /**
     * \brief At the primary core: exclude \p member from \p group with the
     * ExclusionStrategy: take it off the access list and give everyone else
     * new keys it cannot read. RekeySent fires with the new SPI.
     *
     * With Lkh the new keys go in one multicast message under the key
     * tree's new root key; the tree knows the members because every DR
     * reports each key delivery to the primary, so every join costs the
     * primary a verification, a signature and a seal (smkd-lkh-exclusion.cc).
     * \param group a group this router is primary core of
     * \param member the host to exclude
     * \throw std::invalid_argument when this router is not the group's
     * primary core, or a list prefix would still admit \p member
     */
    void Exclude(Ipv4Address group, Ipv4Address member);

    /** \return group key messages dropped here as malformed, unknown or forged */
    uint64_t GetDroppedKeyMessages() const;

    /**
     * \brief At the primary core with the Lkh strategy: the group's logical
     * key hierarchy (RFC 2627 §5.4), whose members are the hosts DRs reported.
     * \param group a group
     * \return the tree, or nullptr when there is none
     */
    Ptr<const SmkdKeyTree> GetKeyTree(Ipv4Address group) const;

    /// TracedCallback signature: group.
    using GroupTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature: group, reason.
    using RejectedTracedCallback = void (*)(Ipv4Address, const std::string&);
    /// TracedCallback signature: group, host, reason.
    using JoinRefusedTracedCallback = void (*)(Ipv4Address, Ipv4Address, const std::string&);
    /// TracedCallback signature: group, host.
    using JoinAnsweredTracedCallback = void (*)(Ipv4Address, Ipv4Address);
    /// TracedCallback signature: group, SPI of the new key.
    using RekeyTracedCallback = void (*)(Ipv4Address, uint32_t);
    /// TracedCallback signature: group, sender, SPI of its key.
    using SenderTracedCallback = void (*)(Ipv4Address, Ipv4Address, uint32_t);
    /// TracedCallback signature: message kind, bytes of security payload in it.
    using SecurityBytesTracedCallback = void (*)(const std::string&, uint32_t);
    /// TracedCallback signature: group, interface, neighbour.
    using LinkHandleTracedCallback = void (*)(Ipv4Address, uint32_t, Ipv4Address);
    /// TracedCallback signature: group, key tree re-key, the message's wire bytes.
    using LkhRekeyTracedCallback = void (*)(Ipv4Address, const SmkdKeyTreeRekey&, const Bytes&);

    /**
     * \brief Check the re-key timers: RekeyRecoveryMargin < RekeyLeadTime <
     * KeyLifetime (SmkdHelper checks on installation, the GKDC again when it starts).
     * \throws std::invalid_argument naming the three
     */
    void CheckTimers() const;

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /// A management message (access list, sender request, member report) arrived.
    void Receive(Ptr<Socket> socket);
    /// A group key message (re-key, revocation, subtree re-key) arrived.
    void ReceiveGroupKeyMessage(Ptr<Socket> socket);

    // Attributes, read live by the concerns through SmkdGkdcSettings.
    Time m_keyLifetime;
    Time m_rekeyLead;
    Time m_recoveryMargin;
    int m_exclusion{
        static_cast<int>(SmkdExclusionStrategy::NEW_GROUP)}; //!< an SmkdExclusionStrategy
    uint32_t m_lkhDegree;
    bool m_strict{false};
    bool m_packetHandles{false};
    Time m_tokenWindow;
    Time m_transactionTimeout;
    uint32_t m_hostJoinBurst;
    double m_hostJoinRate;

    // Trace sources, fired by the concerns through SmkdGkdcTraces.
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&> m_joinRefused;
    TracedCallback<Ipv4Address, Ipv4Address> m_joinAnswered;
    TracedCallback<const std::string&, uint32_t> m_securityBytes;
    TracedCallback<Ipv4Address, uint32_t, Ipv4Address> m_handleAgreed;
    TracedCallback<Ipv4Address> m_gkdcGained;
    TracedCallback<Ipv4Address> m_gkdcLost;
    TracedCallback<Ipv4Address, uint32_t> m_rekeySent;
    TracedCallback<Ipv4Address, uint32_t> m_keysUpdated;
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t> m_senderRegistered;
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&> m_senderRefused;
    TracedCallback<Ipv4Address, Ipv4Address> m_exclusionStarted;
    TracedCallback<Ipv4Address, const SmkdKeyTreeRekey&, const Bytes&> m_lkhRekeySent;
    TracedCallback<Ipv4Address, const std::string&> m_aclRejected;

    std::unique_ptr<SmkdGkdcContext> m_context;
    std::unique_ptr<SmkdGroupCreation> m_creation;
    std::unique_ptr<SmkdSecureJoin> m_secureJoin;
    std::unique_ptr<SmkdRekeying> m_rekeying;
    std::unique_ptr<SmkdExclusion> m_exclusionConcern;
    std::unique_ptr<SmkdLkhExclusion> m_lkh;
    std::unique_ptr<SmkdSenderRegistration> m_senders;
};

} // namespace ns3

#endif /* SMKD_GKDC_H */
