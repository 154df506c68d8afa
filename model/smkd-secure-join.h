/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SECURE_JOIN_H
#define SMKD_SECURE_JOIN_H

#include "cbt-join-header.h"
#include "smkd-crypto-types.h"
#include "smkd-packet-handles.h"
#include "smkd-recent-set.h"
#include "smkd-source-rate-limit.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class CbtMessage;
class Ipv4Header;
class SmkdGkdcContext;

/**
 * \ingroup smkd
 * \brief The secure join (RFC 1949 §6.2, §7) at one router: as a host's DR,
 * as a router on the way to the core, and as the GKDC that answers.
 */
class SmkdSecureJoin
{
  public:
    /** \param context the router's shared GKDC state */
    explicit SmkdSecureJoin(SmkdGkdcContext& context);

    /**
     * \brief A host's secure join arrived in an IGMP report (RFC 1949 App. B).
     * \param host the reporting host
     * \param group the group
     * \param interface the link it arrived on
     * \param token the host's signed token, as carried
     */
    void HostJoin(Ipv4Address host, Ipv4Address group, uint32_t interface, const Bytes& token);

    /**
     * \brief Take a secure JOIN_REQUEST or JOIN_ACK from the CBT router.
     * \param message the message
     * \param ip its IP header
     * \param interface the arrival interface
     */
    void Receive(const CbtMessage& message, const Ipv4Header& ip, uint32_t interface);

    /**
     * \brief Ask each host served as DR to join \p group again with a fresh token.
     * \param group the group
     */
    void Rejoin(Ipv4Address group);

    /** \return secure joins refused here */
    uint64_t GetRefusedJoins() const;
    /** \return fresh-token reports dropped unverified: their host was over its rate */
    uint64_t GetRateLimitedJoins() const;

    /** \brief Take the per-host rate from the attributes (at initialisation). */
    void Initialize();

    /** \return secure joins answered here as GKDC */
    uint64_t GetAnsweredJoins() const;

    /** \brief Cancel every timer and forget the joins under way. */
    void Dispose();

  private:
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
    /// Hosts whose reports the rate limit follows at most (a /22 of member LANs).
    static constexpr std::size_t MAX_RATED_HOSTS = 1024;

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

    /// group, host, the host token's random number
    using TransactionKey = std::tuple<Ipv4Address, Ipv4Address, uint64_t>;

    void RetryWaitingJoins();
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
    /// Sign and send a JOIN_ACK to a downstream router, with the link's handle if any.
    void SendAck(CbtJoinAckHeader ack, uint32_t interface, Ipv4Address to);
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
    /// Start keeping \p t under \p key until answered or TransactionTimeout.
    void Begin(const TransactionKey& key, Transaction t);
    void Finish(const TransactionKey& key);
    /// \return true when a join of \p key was verified here within the token window.
    bool SeenBefore(const TransactionKey& key);
    /// \brief Remember a verified join. \return false when a copy was remembered already.
    bool Remember(const TransactionKey& key);
    /// \return whether \p host was admitted to \p group here with the token of this random number
    bool Admitted(Ipv4Address group, Ipv4Address host, uint64_t token) const;
    void Count(const std::string& why);

    SmkdGkdcContext& m_context;
    SmkdPacketHandles m_handles;
    /// Per host, the fresh-token reports it may have verified (DoS bound).
    SmkdSourceRateLimit m_perHost{1.0, 8, MAX_RATED_HOSTS};
    std::vector<WaitingJoin> m_waitingForDr;
    EventId m_drRetry;
    std::map<TransactionKey, Transaction> m_transactions;
    /// Joins seen here, so that copies (IGMP retransmissions, repeated
    /// reports) are ignored; forgotten after the token window, when the
    /// token checker refuses them as stale.
    SmkdRecentSet<TransactionKey> m_seenJoins;
    /// Host tokens whose signature failed here, by their bytes: copies are ignored.
    SmkdRecentSet<Bytes> m_refusedTokens;
    uint64_t m_refusedJoins{0};
    uint64_t m_answeredJoins{0};
};

} // namespace ns3

#endif /* SMKD_SECURE_JOIN_H */
