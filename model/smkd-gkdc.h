/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GKDC_H
#define SMKD_GKDC_H

#include "smkd-access-list.h"
#include "smkd-crypto-types.h"
#include "smkd-group-key-message.h"
#include "smkd-key-bundle.h"
#include "smkd-key-delivery.h"
#include "smkd-key-tree.h"
#include "smkd-management-message.h"
#include "smkd-recent-set.h"
#include "smkd-sender-key.h"
#include "smkd-token.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace ns3
{

class SmkdCryptoEngine;
class CbtRoutingProtocol;
class CbtMessage;
class CbtJoinRequestHeader;
class CbtJoinAckHeader;
class Ipv4Header;

namespace smkd
{
struct AclSubmission;
} // namespace smkd

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

/**
 * \ingroup smkd
 * \brief What a group key distribution centre holds for one group (RFC 1949 §6.2).
 */
struct SmkdGroupKeys
{
    SmkdAccessList acl;                    //!< the group access control list
    SmkdSignedBlob coreAcl;                //!< [ACL]^SK_core
    std::optional<SmkdAccessList> trusted; //!< the trusted-router list, if any
    Bytes coreTrusted;                     //!< [trusted list]^SK_core serialized, or empty
    SmkdKeyBundle bundle;                  //!< grpKey, KEK, SAparams
    SmkdSignedBlob coreBundle;             //!< [grpKey, KEK, SAparams]^SK_core
    bool primary{false};                   //!< this router is the primary core
};

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
    void Receive(Ptr<Socket> socket);
    void OpenSubmission(SmkdManagementMessage m, Address from);
    void HandleSubmission(const SmkdManagementMessage& m, Address from);
    void Verified(const SmkdManagementMessage& m,
                  Address from,
                  const smkd::AclSubmission& submission,
                  bool ok);
    void CreateKeys(const SmkdManagementMessage& m,
                    Address from,
                    SmkdAccessList acl,
                    std::optional<SmkdAccessList> trusted);
    void Answer(const SmkdManagementMessage& m,
                Address to,
                SmkdManagementMessage::Type type,
                const std::string& reason = "");
    bool IsPrimaryCore(Ipv4Address group) const;

    /// A host's secure join heard before this router knew whether it is the link's DR.
    struct WaitingJoin
    {
        Ipv4Address host;
        Ipv4Address group;
        uint32_t interface;
        Bytes token;
        Time since;
    };

    /// How often joins waiting for the DR election are looked at again.
    static constexpr int64_t DR_RETRY_MS = 250;
    /// At most this many wait; more are dropped (and counted) until some go.
    static constexpr std::size_t MAX_WAITING_JOINS = 1024;
    void RetryWaitingJoins();
    std::vector<WaitingJoin> m_waitingForDr;
    EventId m_drRetry;

    // Member exclusion: smkd-exclusion.cc
    void StartExclusion(Ipv4Address group);
    void DistributeExclusion(Ipv4Address group, Ipv4Address member);
    /// At the primary: exclusions asked for, in order, by group.
    std::map<Ipv4Address, std::deque<Ipv4Address>> m_pendingExclusions;
    /// At the primary: groups whose next keys are being signed.
    std::set<Ipv4Address> m_keyChange;
    void ForgetServed(Ipv4Address group, Ipv4Address member);
    void SendRevocation(Ipv4Address group, const SmkdSaParams& next, bool rejoin);
    void HandleRevocation(const SmkdGroupKeyMessage& m);
    void SealForHost(Ipv4Address group, Ipv4Address host, const Bytes& signedBundle);
    /// Sign \p d as this router and send it to \p host's agent; \p kind names it
    /// in the SecurityBytes trace.
    void SendDelivery(SmkdKeyDelivery d, Ipv4Address host, const std::string& kind);
    void PushDownSubtree(Ipv4Address group);
    void HandleSubtreeRekey(const SmkdGroupKeyMessage& m);
    /// Open and take a subtree re-key whose sending GKDC's signature verified.
    void OpenSubtreeRekey(Ipv4Address group,
                          const Bytes& sealed,
                          const SmkdSignedBlob& aclBlob,
                          const SmkdAccessList& acl);

    // The Lkh exclusion strategy, RFC 2627 §5.4: smkd-lkh-exclusion.cc
    bool UsesLkh() const;
    /// At a DR: keys were delivered to \p host; tell the primary core.
    void NotifyMemberJoined(Ipv4Address group, Ipv4Address host);
    void HandleMemberJoined(const SmkdManagementMessage& m);
    /// At the primary: put \p host in the group's key tree (or give it its keys again).
    void LkhAdd(Ipv4Address group, Ipv4Address host);
    void SendPathKeys(Ipv4Address group, Ipv4Address host);
    /// At the primary: take \p member out of the tree and multicast the new bundle under it.
    void LkhLeave(Ipv4Address group, Ipv4Address member);
    void MulticastLkhRekey(Ipv4Address group, const SmkdKeyTreeRekey& rekey, const Bytes& sealed);

    // Non-member senders, RFC 1949 §5 and §8: smkd-sender-registration.cc
    void HandleSenderRequest(const SmkdManagementMessage& m, Address from);
    void MulticastSenderKey(const SmkdSenderKey& sk, const Bytes& signedKey);
    /// Make \p sender a key under the group key held, seal it to \p to with
    /// \p sequence (0: a renewal) and multicast it to the members.
    void IssueSenderKey(Ipv4Address group, Ipv4Address sender, Address to, uint32_t sequence);
    /// After newer group keys: a new key for each registered sender still listed.
    void RenewSenderKeys(Ipv4Address group);
    /// At the primary: non-member senders given keys, by group, with where they asked from.
    std::map<Ipv4Address, std::map<Ipv4Address, Address>> m_registeredSenders;

    // Re-keying, RFC 1949 §6.1: smkd-rekey.cc
    void ScheduleRekey(Ipv4Address group);
    void SendRekey(Ipv4Address group, SmkdSignedBlob signedBundle, SmkdKeyBundle bundle);
    void ReceiveGroupKeyMessage(Ptr<Socket> socket);
    void RekeyOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext);
    void DropKeyMessage(const std::string& why);
    Ipv4Address OwnAddress() const;

    /// One secure join passing through this router, keyed by its host token.
    struct Transaction
    {
        Ipv4Address group;
        Ipv4Address host;
        bool originated{false};    //!< this router is the host's DR
        uint32_t downInterface{0}; //!< where the join came from (the member link at the DR)
        Ipv4Address downHop;       //!< the router it came from
        uint32_t upInterface{0};   //!< where it went
        Ipv4Address upHop;         //!< the router it went to
        Ipv4Address core;          //!< its target core
        Bytes hostToken;           //!< the host token as carried
        Time started;              //!< when this router took the join on
        EventId timeout;
    };

    using TransactionKey = std::tuple<Ipv4Address, Ipv4Address, uint64_t>;

    // Secure joins, RFC 1949 §6.2 and §7: smkd-secure-join.cc
    bool ActsAsGkdc(Ipv4Address group) const;
    /// \return true when this GKDC's keys are near expiry with no successor: a missed re-key.
    bool KeysStale(Ipv4Address group) const;
    bool IsCoreOf(Ipv4Address group) const;
    Ipv4Address PrimaryCoreOf(Ipv4Address group) const;
    bool GivesKeysTo(Ipv4Address group, Ipv4Address router) const;
    Bytes RouterToken(Ipv4Address group, uint32_t interface, Ipv4Address recipient);
    void RefuseHost(Ipv4Address group,
                    Ipv4Address host,
                    const Bytes& hostToken,
                    const std::string& why);
    void AnswerHost(Ipv4Address group,
                    Ipv4Address host,
                    uint32_t interface,
                    const Bytes& hostToken);
    void OriginateJoin(Ipv4Address group,
                       Ipv4Address host,
                       uint32_t interface,
                       const Bytes& hostToken);
    void SendSignedJoin(CbtJoinRequestHeader join, uint32_t interface, Ipv4Address to);
    void SendSignedAck(CbtJoinAckHeader ack, uint32_t interface, Ipv4Address to);
    void HandleJoin(const CbtJoinRequestHeader& join, const Ipv4Header& ip, uint32_t interface);
    void JoinVerified(CbtJoinRequestHeader join, Ipv4Address from, uint32_t interface);
    void AnswerJoin(CbtJoinRequestHeader join, Ipv4Address from, uint32_t interface);
    void Nack(const CbtJoinRequestHeader& join,
              Ipv4Address from,
              uint32_t interface,
              const std::string& why);
    void HandleAck(const CbtJoinAckHeader& ack, const Ipv4Header& ip, uint32_t interface);
    void AckVerified(CbtJoinAckHeader ack,
                     TransactionKey key,
                     Ipv4Address from,
                     uint32_t interface);
    /// Graft the parent link and take the keys of a verified, non-refusing ack.
    void TakeAck(CbtJoinAckHeader ack, TransactionKey key, Ipv4Address from, uint32_t interface);
    void PassKeysOn(Transaction t,
                    Bytes aclBlob,
                    Bytes trustedBlob,
                    Bytes sealedForHost,
                    Bytes bundleBlob);
    void DeliverToHost(const Transaction& t, const Bytes& sealedForHost);
    void Finish(const TransactionKey& key);
    /// \return true when a join of \p key was verified here within the token window.
    bool SeenBefore(const TransactionKey& key);
    /// \brief Remember a verified join. \return false when a copy was remembered already.
    bool Remember(const TransactionKey& key);
    /// \return whether \p host was admitted to \p group here with the token of this random number
    bool Admitted(Ipv4Address group, Ipv4Address host, uint64_t token) const;
    void Count(const std::string& why);
    Ptr<CbtRoutingProtocol> Cbt() const;

    // Packet handles, RFC 1949 §3: smkd-packet-handle.cc
    /// Sign and send a JOIN_ACK to a downstream router, with the link's handle sealed for it.
    void SendAckOfferingHandle(CbtJoinAckHeader ack, uint32_t interface, Ipv4Address to);
    /// Install the handle the parent offered, once opened.
    void AcceptLinkHandle(Ipv4Address group,
                          uint32_t interface,
                          Ipv4Address parent,
                          bool opened,
                          const Bytes& plaintext);

    Ptr<Socket> m_socket;
    std::map<Ipv4Address, SmkdGroupKeys> m_groups;
    /// Per group, the epoch of the newest revocation taken: keys of lower
    /// epochs were revoked and are never taken again (a JOIN_ACK in flight
    /// from before an exclusion, a replayed bundle). Kept when the keys go.
    std::map<Ipv4Address, uint32_t> m_epochFloor;
    /// \return the group's epoch floor, 0 when none (no entry is made)
    uint32_t EpochFloor(Ipv4Address group) const;
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> m_secureGroups;
    std::map<TransactionKey, Transaction> m_transactions;
    /// Joins seen here, so that copies (IGMP retransmissions, repeated
    /// reports) are ignored; forgotten after the token window, when the
    /// token checker refuses them as stale.
    SmkdRecentSet<TransactionKey> m_seenJoins;
    /// Host tokens whose signature failed here, by their bytes: copies are ignored.
    SmkdRecentSet<Bytes> m_refusedTokens;
    /// At the Lkh primary: member reports verified, by signature, within the token window.
    SmkdRecentSet<Bytes> m_memberReports;

    /// A host this router, as its DR, delivered keys to.
    struct ServedHost
    {
        uint32_t interface {
            0
        };                 //!< its member link
        uint64_t token{0}; //!< the random number of the token it was admitted with
        Bytes tokenBytes;  //!< that token: a request to join again names it
    };

    /// Hosts served: group -> host.
    std::map<Ipv4Address, std::map<Ipv4Address, ServedHost>> m_served;
    /// Hosts this GKDC answered through routers that hold no keys (§7 strict
    /// mode, trusted-router lists), by group: no GKDC below can re-key them
    /// after an exclusion, so this one seals the new keys for them itself.
    std::map<Ipv4Address, std::set<Ipv4Address>> m_keylessServed;
    SmkdTokenChecker m_tokenChecker{Seconds(30)};
    Time m_tokenWindow;
    bool m_strict{false};
    bool m_packetHandles{false};
    TracedCallback<Ipv4Address, uint32_t, Ipv4Address> m_handleAgreed;
    Time m_transactionTimeout;
    uint64_t m_refusedJoins{0};
    uint64_t m_answeredJoins{0};
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&> m_joinRefused;
    TracedCallback<Ipv4Address, Ipv4Address> m_joinAnswered;
    TracedCallback<const std::string&, uint32_t> m_securityBytes;
    /// Submissions being verified, by group and list signature.
    std::set<std::pair<Ipv4Address, Bytes>> m_inProgress;
    Ptr<Socket> m_groupKeySocket; //!< group key messages (rekeys) arrive here
    std::map<Ipv4Address, EventId> m_rekeyEvents;
    Time m_rekeyLead;
    Time m_recoveryMargin;
    uint64_t m_droppedKeyMessages{0};
    TracedCallback<Ipv4Address, uint32_t> m_rekeySent;
    TracedCallback<Ipv4Address, uint32_t> m_keysUpdated;
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t> m_senderRegistered;
    int m_exclusion{
        static_cast<int>(SmkdExclusionStrategy::NEW_GROUP)}; //!< an SmkdExclusionStrategy
    TracedCallback<Ipv4Address, Ipv4Address> m_exclusionStarted;
    uint32_t m_lkhDegree;                               //!< degree of new key trees
    std::map<Ipv4Address, Ptr<SmkdKeyTree>> m_lkhTrees; //!< at the primary, Lkh only
    TracedCallback<Ipv4Address, const SmkdKeyTreeRekey&, const Bytes&> m_lkhRekeySent;
    TracedCallback<Ipv4Address> m_gkdcLost;
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&> m_senderRefused;
    uint32_t m_keyLifetime;
    uint64_t m_rejected{0};

    TracedCallback<Ipv4Address> m_gkdcGained;
    TracedCallback<Ipv4Address, const std::string&> m_aclRejected;
};

} // namespace ns3

#endif /* SMKD_GKDC_H */
