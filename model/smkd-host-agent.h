/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_AGENT_H
#define SMKD_HOST_AGENT_H

#include "cbt-core-map.h"
#include "smkd-crypto-types.h"
#include "smkd-data-protector.h"
#include "smkd-group-key-message.h"
#include "smkd-key-bundle.h"
#include "smkd-key-delivery.h"
#include "smkd-key-tree-member.h"
#include "smkd-sender-key.h"
#include "smkd-token.h"

#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <set>
#include <tuple>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A host's side of the RFC 1949 secure join.
 *
 * Join() signs a host token ([t, r]^SK_h, no recipient: §6.2) and hands it
 * to the node's IgmpHost, whose reports then carry it (Appendix B). The DR
 * answers on UDP port SmkdKeyDelivery::PORT with the key bundle sealed for
 * this host and signed by the group's primary core; the agent opens it,
 * checks the core's signature and installs the security association. The
 * join latency runs from Join() to that moment.
 *
 * The node needs an IgmpHost and an SmkdCryptoEngine (SmkdHelper::InstallHosts).
 */
class SmkdHostAgent : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \param cores the group-to-core mapping (the primary core signs the keys) */
    void SetCoreMap(Ptr<CbtCoreMap> cores);

    /**
     * \brief Join \p group securely on \p interface for \p socket.
     * \param socket the application's socket
     * \param interface the interface index
     * \param group the group
     */
    void Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \brief Leave \p group on \p interface for \p socket (IGMP leave).
     *
     * When no socket of the interface wants the group any more, the
     * membership ends: the agent drops the group's keys, token and any join
     * in progress, so that a later Join is a fresh secure join, and fires
     * Left. RFC 1949 has no leave message: the keys the host held stay valid
     * for the group until the next re-key; only SmkdGkdc::Exclude revokes them.
     * \param socket the application's socket
     * \param interface the interface index
     * \param group the group
     */
    void Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \param group a group
     * \return the newest installed keys (possibly not yet active), or nullptr
     */
    const SmkdKeyBundle* GetKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \return the keys to send with now: the newest whose activation time has
     * come, or nullptr
     */
    const SmkdKeyBundle* GetActiveKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \param spi an SPI
     * \return the keys of that security association while they are held
     * (until OldKeyGrace after their successor took effect), or nullptr
     */
    const SmkdKeyBundle* GetKeysBySpi(Ipv4Address group, uint32_t spi) const;

    /**
     * \brief Get a sender-specific key for sending to \p group (RFC 1949 §5, §8).
     *
     * A member makes its own key and multicasts
     * {[sender_key, senderSAparams]^SK_sender}^grpKey to the group. A
     * non-member asks the primary core, which checks the access list, answers
     * with the key sealed for this host and multicasts it to the group under
     * its own signature. SenderKeyReady fires when the key can be used.
     * \param group the group
     * \param interface the interface to send from (its address names the sender)
     */
    void BecomeSender(Ipv4Address group, uint32_t interface);

    /**
     * \param group a group
     * \return this host's sender key for it, or nullptr
     */
    const SmkdSenderKey* GetOwnSenderKey(Ipv4Address group) const;

    /**
     * \param group a group
     * \param spi a sender SA's SPI
     * \return the sender key announced for it, origin verified, or nullptr
     */
    const SmkdSenderKey* GetSenderKey(Ipv4Address group, uint32_t spi) const;

    /** \return group key messages dropped as malformed, unknown or forged */
    uint64_t GetDroppedKeyMessages() const;

    /**
     * \brief The protector that seals this node's data under \p key: one per
     * key for all the node's senders, so that its sequence numbers, and with
     * them the AES-GCM nonces, are never used twice under the key.
     * \param group the group
     * \param spi the SA's SPI
     * \param key the 32-byte data key
     * \return the protector
     */
    Ptr<SmkdDataProtector> GetSendingProtector(Ipv4Address group, uint32_t spi, const Bytes& key);

    /**
     * \brief With the primary core's Lkh exclusion strategy: this member's
     * keys of the group's key tree (RFC 2627 §5.4).
     * \param group a group
     * \return the path keys held, or nullptr before the primary sent them
     */
    const SmkdKeyTreeMember* GetKeyTreeMember(Ipv4Address group) const;

    /// TracedCallback signature: group.
    using GroupTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature: group, latency from Join().
    using KeysTracedCallback = void (*)(Ipv4Address, Time);
    /// TracedCallback signature: group, SPI of the new key.
    using RekeyTracedCallback = void (*)(Ipv4Address, uint32_t);
    /// TracedCallback signature: group, sender, SPI of its key.
    using SenderTracedCallback = void (*)(Ipv4Address, Ipv4Address, uint32_t);
    /// TracedCallback signature: group, reason.
    using RefusedTracedCallback = void (*)(Ipv4Address, const std::string&);
    /// TracedCallback signature: group, key tree keys installed.
    using LkhTracedCallback = void (*)(Ipv4Address, uint32_t);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    struct Pending
    {
        SmkdToken token;
        Bytes tokenBytes;
        Time started;
        bool recovery{false}; //!< fetching a missed re-key, not joining
    };

    std::vector<uint8_t> TokenFor(Ipv4Address group, uint32_t interface);
    void Receive(Ptr<Socket> socket);
    void Delivered(SmkdKeyDelivery d);
    void DeliveryVerified(SmkdKeyDelivery d);
    void Opened(Ipv4Address group, bool ok, Bytes plaintext);

    Ptr<CbtCoreMap> m_cores;
    Ptr<Socket> m_socket;
    std::map<Ipv4Address, Pending> m_pending;
    std::map<Ipv4Address, SmkdKeyBundle> m_keys;
    std::map<Ipv4Address, Bytes> m_tokens;        //!< the token of the latest join, by group
    std::map<Ipv4Address, uint32_t> m_interfaces; //!< the interface each group was joined on
    void Reauthenticate(Ipv4Address group, bool recovery);
    void SignToken(Ipv4Address group, uint32_t interface, bool recovery, Callback<void> then);

    // Re-keying, RFC 1949 §6.1: smkd-host-rekey.cc
    void Install(const SmkdKeyBundle& bundle);
    void ExclusionRekey(const SmkdKeyDelivery& d);
    void CheckRekeyArrived(Ipv4Address group, uint32_t spi);
    /// Drop the keys of epochs below \p epoch (their grace is over).
    void Forget(Ipv4Address group, uint32_t epoch);
    void ReceiveGroupKeyMessage(Ptr<Socket> socket);
    void RekeyOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext);
    /// Check a bundle the primary core signed and install it when new (RekeyInstalled).
    void InstallCoreBundle(Ipv4Address group,
                           bool opened,
                           const Bytes& plaintext,
                           const std::string& what);
    void DropKeyMessage(const std::string& why);

    // The key tree of the Lkh exclusion strategy, RFC 2627 §5.4: smkd-host-lkh.cc
    void LkhPathKeys(const SmkdKeyDelivery& d);
    void LkhRekey(const SmkdGroupKeyMessage& m);
    /// Join re-keys heard before this member's path keys arrived, by group.
    std::map<Ipv4Address, std::vector<SmkdKeyTreeRekey>> m_lkhEarly;
    /// At most this many are kept; a member that hears more waits for its next re-join.
    static constexpr std::size_t MAX_EARLY_LKH_REKEYS = 256;
    std::map<Ipv4Address, SmkdKeyTreeMember> m_lkh;
    TracedCallback<Ipv4Address, uint32_t> m_lkhKeysUpdated;

    // Sender-specific keys, RFC 1949 §5 and §8: smkd-host-sender.cc
    void AnnounceSenderKey(Ipv4Address group, uint32_t interface, const SmkdKeyBundle& under);
    /// After newer group keys: a member sender makes a new key and announces
    /// it under them, so that nobody who lacks them (an excluded member)
    /// reads what it sends from their activation on.
    void RenewSenderKey(const SmkdKeyBundle& bundle);
    /// Sender keys heard under group keys not held yet: tried again when they come.
    void RetryEarlySenderKeys(const SmkdKeyBundle& bundle);
    void RequestSenderKey(Ipv4Address group, uint32_t interface);
    void SendSenderRequest(Ipv4Address group);
    void ReceiveSenderAnswer(Ptr<Socket> socket);
    void SenderAnswerOpened(Ipv4Address group, bool ok, Bytes plaintext);
    /// A non-member sender's key, renewed by the primary under newer group keys.
    void SenderRenewalOpened(Ipv4Address group, bool ok, Bytes plaintext);
    void SenderKeyOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext);
    Ipv4Address PrimaryCore(Ipv4Address group) const;

    /// A non-member sender's request to the primary core.
    struct SenderRequest
    {
        Bytes token;        //!< the signed token, as sent
        uint32_t sequence;  //!< matches the answer
        uint32_t sent{0};   //!< transmissions so far
        EventId retransmit; //!< next transmission
    };

    Ptr<Socket> m_senderSocket;
    std::map<Ipv4Address, SenderRequest> m_senderRequests;
    std::map<Ipv4Address, SmkdSenderKey> m_ownSenderKeys;
    /// Groups whose own sender key this host made itself (a member sender).
    std::set<Ipv4Address> m_memberSender;
    /// Sender-key announcements under an SPI not held yet, by group, with
    /// when they came: kept for OldKeyGrace at most, the oldest dropped first.
    std::map<Ipv4Address, std::deque<std::pair<Time, SmkdGroupKeyMessage>>> m_earlySenderKeys;
    /// At most this many are kept per group.
    static constexpr std::size_t MAX_EARLY_SENDER_KEYS = 64;
    /// Early announcements dropped: the oldest when full, or past OldKeyGrace.
    uint64_t m_earlyDropped{0};
    /// Own sender keys announced, waiting for their group key's activation.
    std::map<Ipv4Address, EventId> m_senderKeySwitch;
    std::map<Ipv4Address, std::map<uint32_t, SmkdSenderKey>> m_senderKeys;
    uint32_t m_nextSequence{1};
    Time m_senderRequestTimeout;
    uint32_t m_senderRequestTries;
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t> m_senderKeyReady;
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t> m_senderKeyInstalled;
    TracedCallback<Ipv4Address, const std::string&> m_senderRefused;

    Ptr<Socket> m_groupKeySocket;
    /// Sending protectors by group, SPI and key.
    std::map<std::tuple<Ipv4Address, uint32_t, Bytes>, Ptr<SmkdDataProtector>> m_sending;
    /// Security associations held, by group and SPI: the newest and those still in their grace.
    std::map<Ipv4Address, std::map<uint32_t, SmkdKeyBundle>> m_ring;
    std::map<Ipv4Address, EventId> m_rekeyChecks;
    Time m_oldKeyGrace;
    Time m_recoveryMargin;
    uint64_t m_droppedKeyMessages{0};
    TracedCallback<Ipv4Address, uint32_t> m_rekeyInstalled;

    TracedCallback<Ipv4Address> m_joinStarted;
    TracedCallback<Ipv4Address> m_left;
    TracedCallback<Ipv4Address, Time> m_keysInstalled;
    TracedCallback<Ipv4Address, const std::string&> m_refused;
};

} // namespace ns3

#endif /* SMKD_HOST_AGENT_H */
