/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CENTRAL_KDC_H
#define SMKD_CENTRAL_KDC_H

#include "smkd-access-list.h"
#include "smkd-crypto-types.h"
#include "smkd-kdc-message.h"
#include "smkd-key-bundle.h"
#include "smkd-management-message.h"
#include "smkd-token.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace ns3
{

class SmkdCryptoEngine;

namespace smkd
{
struct AclSubmission;
} // namespace smkd

/**
 * \ingroup smkd
 * \brief The centralized key distribution centre that RFC 1949 §4 describes
 * and §6 sets out to replace: one server authenticates every member of every
 * group and sends each its keys individually. A baseline for experiments,
 * built from the same crypto layer, CPU model and transport as the
 * tree-distributed design, so that the two compare fairly.
 *
 * Set-up is that of a primary core (§6.1): the group initiator unicasts its
 * signed access list to SubmissionPort (1949, the port SmkdGroupInitiator
 * sends to); the KDC verifies it, creates grpKey, KEK and SAparams and
 * answers ACL_ACCEPTED. It signs nothing at set-up: nothing is handed on.
 *
 * Hosts (SmkdKdcClient) send KEY_REQUESTs to RequestPort (1951) carrying
 * [t_h, r_h, KDC, group]^SK_h. The KDC checks that the token names it,
 * its freshness and replay (SmkdTokenChecker, RFC 1949 App. A), the host's
 * signature and the access list, then answers KEYS with
 * {[grant]^SK_kdc}^PK_h, the grant holding the bundle, the host and r_h
 * (SmkdKdcGrant). Per granted request: one verification, one signature, one
 * sealing, all on this node's simulated CPU, whose queue is where the
 * centralized design's load shows.
 *
 * Refusals: a host whose signature verified but who may not have the keys
 * (not on the access list, or no list for the group) gets REFUSED with a
 * signed grant saying why (one verification and one signature). A request
 * the KDC cannot attribute to its sender (wrong recipient, stale, future or
 * replayed token, bad signature) is counted and traced but not answered:
 * answering would let anyone make the server sign, and a refusal answering a
 * copy could overtake the keys for the original.
 *
 * Retransmissions: an exact copy of a request answered within the token
 * window gets the same answer again, without crypto (the answer is sealed
 * for the host and bound to its request, so a copy teaches nobody anything);
 * a copy of one still on the CPU is ignored.
 *
 * Re-keying, as a classic centralized server does it (and as RFC 1949 §6.1's
 * primary core does): RekeyLeadTime before the current key's lifetime ends,
 * the KDC makes the next bundle (new grpKey and SPI, the same KEK, epoch + 1,
 * in force RekeyLeadTime later), signs it, encrypts the signed bundle under
 * the KEK and multicasts it to the group once (SmkdGroupKeyMessage REKEY,
 * UDP port 1952). Multicast because every member holds the KEK from its
 * grant, so one message reaches them all; and because it is the RFC's own
 * re-key, so the two schemes pay the same kind of re-key and differ only in
 * how keys are handed out at join time. The KDC is a non-member sender,
 * whose datagrams CBT delivers on the group's tree.
 *
 * Exclusion (Exclude): the member goes off the access list and a bundle with
 * a new KEK and grpKey takes effect at once (the excluded member holds the
 * old KEK, so nothing multicast under it can carry the new keys). The KDC
 * signs it once and seals it for every remaining member it handed keys to,
 * one unicast REKEY (SmkdKdcMessage) each: one sealing and one message per
 * remaining member, the classic server's cost.
 *
 * The node needs an SmkdCryptoEngine (SmkdHelper::InstallNodes, or
 * SmkdCentralKdcHelper::InstallServer).
 */
class SmkdCentralKdc : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdCentralKdc();

    /**
     * \param group a group
     * \return the group's keys, or nullptr before its access list was accepted
     */
    const SmkdKeyBundle* GetKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \return the group's access list in force, or nullptr
     */
    const SmkdAccessList* GetAccessList(Ipv4Address group) const;

    /** \return well-formed key requests received, copies included */
    uint64_t GetRequestCount() const;

    /** \return requests answered with keys (resent answers not included) */
    uint64_t GetKeysSentCount() const;

    /** \return requests refused, answered or not */
    uint64_t GetRefusedCount() const;

    /** \return datagrams dropped as malformed, on either port */
    uint64_t GetMalformedCount() const;

    /** \return answers sent again for copies of answered requests */
    uint64_t GetResentCount() const;

    /** \return re-keys multicast to a group (RekeyLeadTime before expiry, or RekeyNow) */
    uint64_t GetRekeysSentCount() const;

    /**
     * \return re-keys sealed for one member and unicast: after an exclusion,
     * and to a host whose answer carried keys replaced while it was on the CPU
     */
    uint64_t GetUnicastRekeysSentCount() const;

    /**
     * \param group a group
     * \return the hosts the KDC handed the group's keys to and still gives
     * new ones to (an exclusion's recipients)
     */
    std::set<Ipv4Address> GetKeyHolders(Ipv4Address group) const;

    /**
     * \brief Re-key \p group now rather than at the scheduled time (RFC 1949
     * §6.1, as SmkdGkdc::RekeyNow). The new key takes effect RekeyLeadTime later.
     * \param group a group
     * \return false when the KDC holds no keys for it
     */
    bool RekeyNow(Ipv4Address group);

    /**
     * \brief Exclude \p member from \p group: take it off the access list, make
     * a new grpKey and KEK in force at once (epoch + 1), and seal them for
     * every remaining member the KDC handed keys to, by unicast. RekeySent
     * fires with the new SPI, as SmkdGkdc::Exclude's does.
     * \param group a group whose access list this KDC holds
     * \param member the host to exclude
     * \throw std::invalid_argument when the KDC holds no keys of \p group
     * (it is not the group's KDC), or a list prefix would still admit \p member
     */
    void Exclude(Ipv4Address group, Ipv4Address member);

    /**
     * \brief Refuse inconsistent re-key timers: RekeyLeadTime must be below
     * KeyLifetime, or every key would be re-keyed the moment it is made.
     * \throw std::invalid_argument naming the values
     */
    void CheckTimers() const;

    /// TracedCallback signature: group.
    using GroupTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature: group, reason.
    using GroupReasonTracedCallback = void (*)(Ipv4Address, const std::string&);
    /// TracedCallback signature: group, host.
    using RequestTracedCallback = void (*)(Ipv4Address, Ipv4Address);
    /// TracedCallback signature: group, host, reason.
    using RefusedTracedCallback = void (*)(Ipv4Address, Ipv4Address, const std::string&);
    /// TracedCallback signature: message kind, bytes of security payload in it.
    using SecurityBytesTracedCallback = void (*)(const std::string&, uint32_t);
    /// TracedCallback signature: what was wrong.
    using MalformedTracedCallback = void (*)(const std::string&);
    /// TracedCallback signature: group, SPI of the new key.
    using RekeyTracedCallback = void (*)(Ipv4Address, uint32_t);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /// A host the KDC handed a group's keys to.
    struct Holder
    {
        Address to;        //!< where its request came from, and its keys went
        uint32_t epoch{0}; //!< the newest epoch sent to it
    };

    /// What the KDC holds for one group.
    struct Group
    {
        SmkdAccessList acl;                    //!< the access list in force
        std::optional<SmkdAccessList> trusted; //!< kept, though no router gets keys here
        SmkdKeyBundle bundle;                  //!< grpKey, KEK, SAparams
        SmkdSignedBlob signedBundle;           //!< [bundle]^SK_kdc, once a re-key signed one
        std::map<Ipv4Address, Holder> holders; //!< hosts given keys, by address
        EventId rekey;                         //!< the next periodic re-key
        bool changing{false};                  //!< a re-key or exclusion is being signed
        std::deque<Ipv4Address> exclusions;    //!< exclusions waiting for it
    };

    /// A request seen within the token window, for answering its copies.
    struct Seen
    {
        Bytes token;      //!< the request's token as received
        Bytes answer;     //!< the answer sent, empty while the request is on the CPU
        std::string kind; //!< the answer's kind, as SecurityBytes reports it
    };

    /// A request's (host, r_h).
    using RequestKey = std::pair<Ipv4Address, uint64_t>;

    void StartApplication() override;
    void StopApplication() override;

    // Access lists, RFC 1949 §6.1 as at a primary core.
    void ReceiveSubmission(Ptr<Socket> socket);
    void HandleSubmission(const SmkdManagementMessage& m, const Address& from);
    void SubmissionVerified(const SmkdManagementMessage& m,
                            const Address& from,
                            const smkd::AclSubmission& submission,
                            bool ok);
    void RejectSubmission(const SmkdManagementMessage& m,
                          const Address& from,
                          const std::string& why);

    // Key requests.
    void ReceiveRequest(Ptr<Socket> socket);
    void HandleRequest(const SmkdKdcMessage& m, const SmkdToken& token, const Address& from);
    void RequestVerified(const SmkdToken& token, const Address& from, bool ok);
    void Answer(SmkdKdcGrant grant, Ipv4Address kdc, const Address& to);
    void Send(const SmkdKdcMessage& answer,
              Ipv4Address host,
              const std::string& kind,
              const Address& to);
    void Refuse(Ipv4Address group, Ipv4Address host, const std::string& why);
    void Drop(const std::string& why);

    // Re-keying and exclusion.
    void ScheduleRekey(Ipv4Address group);
    SmkdKeyBundle NextBundle(const SmkdKeyBundle& current, bool newKek, Time activation);
    void RekeySigned(Ipv4Address group,
                     const SmkdSignedBlob& signedBundle,
                     const SmkdKeyBundle& next);
    void StartNextExclusion(Ipv4Address group);
    void ExclusionSigned(Ipv4Address group,
                         Ipv4Address member,
                         const SmkdAccessList& acl,
                         const SmkdSignedBlob& signedBundle,
                         const SmkdKeyBundle& next);
    void KeysDelivered(const SmkdKdcGrant& grant, const Address& to);
    void SendUnicastRekey(Ipv4Address group, Ipv4Address host);
    Ipv4Address OwnAddress() const;
    bool IsOwnAddress(Ipv4Address address) const;
    Ptr<SmkdCryptoEngine> Engine() const;

    uint16_t m_submissionPort;
    uint16_t m_requestPort;
    Time m_tokenWindow;
    Time m_keyLifetime;
    Time m_rekeyLead;
    Ptr<Socket> m_submissionSocket;
    Ptr<Socket> m_requestSocket;
    Ptr<Socket> m_groupKeySocket; //!< sends the multicast re-keys
    std::map<Ipv4Address, Group> m_groups;
    /// Submissions being verified, by group and list signature.
    std::set<std::pair<Ipv4Address, Bytes>> m_inProgress;
    SmkdTokenChecker m_tokenChecker{Seconds(30)};
    std::map<RequestKey, Seen> m_seen;                  //!< requests within the window
    std::deque<std::pair<Time, RequestKey>> m_arrivals; //!< m_seen's keys, oldest first
    uint64_t m_requests{0};
    uint64_t m_keysSent{0};
    uint64_t m_refused{0};
    uint64_t m_malformed{0};
    uint64_t m_resent{0};
    uint64_t m_rekeysSent{0};
    uint64_t m_unicastRekeys{0};

    TracedCallback<Ipv4Address> m_aclAccepted;
    TracedCallback<Ipv4Address, const std::string&> m_aclRejected;
    TracedCallback<Ipv4Address, Ipv4Address> m_requestReceived;
    TracedCallback<Ipv4Address, Ipv4Address> m_keysSentTrace;
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&> m_requestRefused;
    TracedCallback<const std::string&, uint32_t> m_securityBytes;
    TracedCallback<const std::string&> m_malformedTrace;
    TracedCallback<Ipv4Address, uint32_t> m_rekeySent;
    TracedCallback<Ipv4Address, Ipv4Address> m_exclusionStarted;
};

} // namespace ns3

#endif /* SMKD_CENTRAL_KDC_H */
