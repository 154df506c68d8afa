/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CENTRAL_KDC_CLIENT_H
#define SMKD_CENTRAL_KDC_CLIENT_H

#include "smkd-access-list.h"
#include "smkd-bundle-ring.h"
#include "smkd-crypto-types.h"
#include "smkd-group-key-message.h"
#include "smkd-kdc-message.h"
#include "smkd-key-bundle.h"
#include "smkd-token.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A host's side of the centralized key distribution baseline
 * (SmkdCentralKdc): it asks the KDC for a group's keys.
 *
 * Join() signs a request [t_h, r_h, KDC, group]^SK_h (an SmkdToken whose
 * recipient is the KDC) and unicasts it to the KDC, sending the same bytes
 * again every RetransmissionTimeout until MaxTransmissions went unanswered.
 * The answer is opened, the KDC's signature on the grant checked, and the
 * keys installed; the latency runs from Join() to that moment, as
 * SmkdHostAgent's does. Per join: one signature, one opening, one
 * verification (a refusal: one signature, one verification).
 *
 * Answers that do not open, are not the KDC's or do not answer this host's
 * current request are counted (Malformed) and dropped, and the join goes on
 * waiting: a forged answer cannot end it.
 *
 * Re-keys (RFC 1949 §6.1, as SmkdHostAgent takes the primary core's): the
 * KDC multicasts {[grpKey', KEK, SAparams']^SK_kdc}^KEK to the group on UDP
 * port SmkdGroupKeyMessage::PORT before the key in force expires; the client
 * takes it only under the SPI of keys it holds, decrypts it with their KEK,
 * checks the KDC's signature (its Kdc address) and takes only a newer epoch.
 * After an exclusion the KDC unicasts {[bundle]^SK_kdc}^PK_h instead
 * (SmkdKdcMessage REKEY), checked the same way. A superseded key is kept
 * for OldKeyGrace after its successor takes effect, so data in flight still
 * opens. A member still without a successor RekeyRecoveryMargin before its
 * key expires missed the re-key, and asks the KDC again with a fresh
 * request. Re-keys that are malformed, under unknown keys, forged or not
 * newer are counted (GetDroppedKeyMessages) and dropped. Multicast re-keys
 * reach a host that joined the group through IGMP (Join(socket, interface,
 * group)); one that did not recovers through a request before each expiry.
 *
 * The node needs an SmkdCryptoEngine (SmkdCentralKdcHelper::InstallClients).
 * Data still flows over the (insecure) CBT tree: Join(socket, interface,
 * group) also joins the group through the node's IgmpHost, if it has one.
 */
class SmkdKdcClient : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdKdcClient();

    /**
     * \brief Ask the KDC for \p group's keys. A join already under way for
     * the group goes on; after keys were installed, a new join fetches them
     * again with a fresh request.
     * \param group a routable multicast group
     * \throws std::invalid_argument when the group is not a routable multicast
     * group or no Kdc address is set
     * \throws std::runtime_error when the node has no crypto engine or address
     */
    void Join(Ipv4Address group);

    /**
     * \brief Join(group), and join the group for data through the node's
     * IgmpHost on \p interface for \p socket (as SmkdHostAgent::Join does).
     * \param socket the application's socket
     * \param interface the interface index
     * \param group the group
     */
    void Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \brief Leave \p group on \p interface for \p socket through the node's
     * IgmpHost; when no socket there wants the group any more, drop its keys
     * and any request under way, and fire Left. The KDC is not told: like
     * RFC 1949's members, a leaving host's keys stay valid until a re-key
     * (only SmkdCentralKdc::Exclude revokes them).
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
     * \return the keys to send with now: the newest epoch whose activation
     * time has come, or nullptr
     */
    const SmkdKeyBundle* GetActiveKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \param spi an SPI
     * \return the keys of that security association while they are held
     * (until OldKeyGrace after their successor took effect), or nullptr
     */
    const SmkdKeyBundle* GetKeysBySpi(Ipv4Address group, uint32_t spi) const;

    /** \return answers dropped as malformed, foreign or forged */
    uint64_t GetMalformedCount() const;

    /** \return re-keys (multicast or unicast) dropped as malformed, unknown, forged or old */
    uint64_t GetDroppedKeyMessages() const;

    /// TracedCallback signature: group.
    using GroupTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature: group, transmission number (1 for the first).
    using RequestSentTracedCallback = void (*)(Ipv4Address, uint32_t);
    /// TracedCallback signature: group, latency from Join().
    using KeysTracedCallback = void (*)(Ipv4Address, Time);
    /// TracedCallback signature: group, reason.
    using RefusedTracedCallback = void (*)(Ipv4Address, const std::string&);
    /// TracedCallback signature: message kind, bytes of security payload in it.
    using SecurityBytesTracedCallback = void (*)(const std::string&, uint32_t);
    /// TracedCallback signature: what was wrong.
    using MalformedTracedCallback = void (*)(const std::string&);
    /// TracedCallback signature: group, SPI of the new key.
    using RekeyTracedCallback = void (*)(Ipv4Address, uint32_t);

  protected:
    void DoDispose() override;

  private:
    /// A join under way.
    struct Pending
    {
        SmkdToken token;           //!< the signed request token
        Bytes request;             //!< the request as sent
        Time started;              //!< when Join() was called
        uint32_t transmissions{0}; //!< requests sent so far
        EventId timeout;           //!< the retransmission timer
        bool checking{false};      //!< an answer is on the CPU
        bool recovery{false};      //!< asked after a missed re-key, not by Join()
    };

    void Request(Ipv4Address group, bool recovery);
    void Signed(Ipv4Address group, Bytes signature);
    void Transmit(Ipv4Address group);
    void TimedOut(Ipv4Address group);
    void Receive(Ptr<Socket> socket);
    void Answered(const SmkdKdcMessage& answer);
    void CheckGrant(Ipv4Address group, uint64_t nonce, bool ok, const Bytes& signedGrant);
    void Reject(Ipv4Address group, const std::string& why);
    Ipv4Address OwnAddress() const;

    // Re-keys (RFC 1949 §6.1) and the keys held.
    void ReceiveGroupKeyMessage(Ptr<Socket> socket);
    void ReceiveUnicastRekey(const SmkdKdcMessage& m);
    void CheckSignedBundle(Ipv4Address group,
                           bool opened,
                           const Bytes& plaintext,
                           const std::string& what);
    bool IsNewer(const SmkdKeyBundle& bundle) const;
    bool Install(const SmkdKeyBundle& bundle);
    void Forget(Ipv4Address group, uint32_t epoch);
    void CheckRekeyArrived(Ipv4Address group, uint32_t spi);
    void ForgetGroup(Ipv4Address group);
    void DropKeyMessage(const std::string& why);

    Ipv4Address m_kdc;
    uint16_t m_kdcPort;
    Time m_timeout;
    uint32_t m_maxTransmissions;
    Time m_oldKeyGrace;
    Time m_recoveryMargin;
    Ptr<Socket> m_socket;
    Ptr<Socket> m_groupKeySocket; //!< the KDC's multicast re-keys
    std::map<Ipv4Address, Pending> m_pending;
    SmkdBundleRing m_bundles;                     //!< the newest and the held bundles, by group
    std::map<Ipv4Address, EventId> m_rekeyChecks; //!< missed re-key checks
    std::vector<EventId> m_forgets;               //!< superseded keys' ends of grace
    uint64_t m_malformed{0};
    uint64_t m_droppedKeyMessages{0};

    TracedCallback<Ipv4Address> m_joinStarted;
    TracedCallback<Ipv4Address> m_left;
    TracedCallback<Ipv4Address, uint32_t> m_requestSent;
    TracedCallback<Ipv4Address, Time> m_keysInstalled;
    TracedCallback<Ipv4Address, const std::string&> m_refused;
    TracedCallback<const std::string&, uint32_t> m_securityBytes;
    TracedCallback<const std::string&> m_malformedTrace;
    TracedCallback<Ipv4Address, uint32_t> m_rekeyInstalled;
    TracedCallback<const std::string&> m_keyMessageDropped;
};

} // namespace ns3

#endif /* SMKD_CENTRAL_KDC_CLIENT_H */
