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
#include "ns3/ipv4-address.h"
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

  protected:
    void DoDispose() override;

  private:
    /// What the KDC holds for one group.
    struct Group
    {
        SmkdAccessList acl;                    //!< the access list in force
        std::optional<SmkdAccessList> trusted; //!< kept, though no router gets keys here
        SmkdKeyBundle bundle;                  //!< grpKey, KEK, SAparams
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
    bool IsOwnAddress(Ipv4Address address) const;
    Ptr<SmkdCryptoEngine> Engine() const;

    uint16_t m_submissionPort;
    uint16_t m_requestPort;
    Time m_tokenWindow;
    uint32_t m_keyLifetime;
    Ptr<Socket> m_submissionSocket;
    Ptr<Socket> m_requestSocket;
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

    TracedCallback<Ipv4Address> m_aclAccepted;
    TracedCallback<Ipv4Address, const std::string&> m_aclRejected;
    TracedCallback<Ipv4Address, Ipv4Address> m_requestReceived;
    TracedCallback<Ipv4Address, Ipv4Address> m_keysSentTrace;
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&> m_requestRefused;
    TracedCallback<const std::string&, uint32_t> m_securityBytes;
    TracedCallback<const std::string&> m_malformedTrace;
};

} // namespace ns3

#endif /* SMKD_CENTRAL_KDC_H */
