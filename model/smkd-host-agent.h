/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_AGENT_H
#define SMKD_HOST_AGENT_H

#include "cbt-core-map.h"
#include "smkd-crypto-types.h"
#include "smkd-data-protector.h"
#include "smkd-key-bundle.h"
#include "smkd-key-tree-member.h"
#include "smkd-sender-key.h"

#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <memory>
#include <string>

namespace ns3
{

class SmkdHostContext;
class SmkdHostJoin;
class SmkdHostKeyRing;
class SmkdHostLkh;
class SmkdHostSender;

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
 *
 * This object holds the attributes, trace sources and sockets, and hands
 * each message to the concern it belongs to, each a class with its own log
 * component: SmkdHostJoin (the join and the DR's deliveries),
 * SmkdHostKeyRing (the keys held, re-keys), SmkdHostLkh (the key tree of
 * the Lkh strategy) and SmkdHostSender (sender keys). They share the groups
 * joined through an SmkdHostContext.
 */
class SmkdHostAgent : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdHostAgent();
    ~SmkdHostAgent() override;

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
    /// Key deliveries from the DR.
    void ReceiveDelivery(Ptr<Socket> socket);
    /// Group key messages: re-keys, sender keys, key tree re-keys.
    void ReceiveGroupKeyMessage(Ptr<Socket> socket);
    /// The primary core's answers to sender-key requests.
    void ReceiveSenderAnswer(Ptr<Socket> socket);

    // Attributes, read live by the concerns through SmkdHostSettings.
    Time m_oldKeyGrace;
    Time m_recoveryMargin;
    Time m_senderRequestTimeout;
    uint32_t m_senderRequestTries;

    // Trace sources, fired by the concerns through SmkdHostTraces.
    TracedCallback<Ipv4Address> m_joinStarted;
    TracedCallback<Ipv4Address> m_left;
    TracedCallback<Ipv4Address, Time> m_keysInstalled;
    TracedCallback<Ipv4Address, const std::string&> m_refused;
    TracedCallback<Ipv4Address, uint32_t> m_rekeyInstalled;
    TracedCallback<Ipv4Address, uint32_t> m_lkhKeysUpdated;
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t> m_senderKeyReady;
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t> m_senderKeyInstalled;
    TracedCallback<Ipv4Address, const std::string&> m_senderRefused;

    std::unique_ptr<SmkdHostContext> m_context;
    std::unique_ptr<SmkdHostJoin> m_join;
    std::unique_ptr<SmkdHostKeyRing> m_keyRing;
    std::unique_ptr<SmkdHostLkh> m_lkh;
    std::unique_ptr<SmkdHostSender> m_senders;
};

} // namespace ns3

#endif /* SMKD_HOST_AGENT_H */
