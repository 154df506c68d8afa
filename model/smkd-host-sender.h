/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_SENDER_H
#define SMKD_HOST_SENDER_H

#include "smkd-crypto-types.h"
#include "smkd-data-protector.h"
#include "smkd-group-key-message.h"
#include "smkd-key-bundle.h"
#include "smkd-management-message.h"
#include "smkd-sender-key.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <deque>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace ns3
{

class SmkdHostContext;

/**
 * \ingroup smkd
 * \brief Sender-specific keys at a host (RFC 1949 §5, §8): its own, made as a
 * member or asked of the primary core as a non-member and renewed under each
 * newer group key; and every other sender's, accepted when signed by that
 * sender or by the primary core and numbered by the group key it came under.
 */
class SmkdHostSender
{
  public:
    /** \param context the host's shared state */
    explicit SmkdHostSender(SmkdHostContext& context);

    /**
     * \brief Get a sender key for \p group (SmkdHostAgent::BecomeSender checked the group).
     * \param group the group
     * \param interface the interface to send from
     */
    void BecomeSender(Ipv4Address group, uint32_t interface);

    /**
     * \brief A member sender's own key under newer group keys: announce a new one.
     * \param bundle the newer keys, just installed
     */
    void RenewOwn(const SmkdKeyBundle& bundle);

    /**
     * \brief Open announcements that came before the group key they are under.
     * \param bundle keys just installed
     */
    void RetryEarly(const SmkdKeyBundle& bundle);

    /**
     * \brief A SENDER_KEY announcement arrived at a member.
     * \param m the message
     * \param under the group keys it names, or nullptr when not held (yet)
     */
    void ReceiveAnnouncement(const SmkdGroupKeyMessage& m, const SmkdKeyBundle* under);

    /**
     * \brief The primary core's answer (or unsolicited renewal) arrived.
     * \param m the message
     */
    void ReceiveAnswer(const SmkdManagementMessage& m);

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

    /**
     * \brief The node's one protector per key (SmkdHostAgent::GetSendingProtector).
     * \param group the group
     * \param spi the SA's SPI
     * \param key the data key
     * \return the protector
     */
    Ptr<SmkdDataProtector> GetSendingProtector(Ipv4Address group, uint32_t spi, const Bytes& key);

    /**
     * \brief Drop other senders' keys numbered by epochs below \p epoch.
     * \param group the group
     * \param epoch the oldest epoch kept
     */
    void ForgetEpochsBelow(Ipv4Address group, uint32_t epoch);

    /**
     * \brief The membership ended: other senders' keys go, and a member
     * sender's own key with them.
     * \param group the group
     */
    void ForgetGroup(Ipv4Address group);

    /** \brief Cancel every timer. */
    void Dispose();

  private:
    /// A non-member sender's request to the primary core.
    struct SenderRequest
    {
        Bytes token;        //!< the signed token, as sent
        uint32_t sequence;  //!< matches the answer
        uint32_t sent{0};   //!< transmissions so far
        EventId retransmit; //!< next transmission
    };

    /// At most this many early announcements are kept per group.
    static constexpr std::size_t MAX_EARLY_SENDER_KEYS = 64;

    void Announce(Ipv4Address group, uint32_t interface, const SmkdKeyBundle& under);
    void Request(Ipv4Address group, uint32_t interface);
    void SendRequest(Ipv4Address group);
    void AnswerOpened(Ipv4Address group, bool ok, Bytes plaintext);
    void RenewalOpened(Ipv4Address group, bool ok, Bytes plaintext);
    void AnnouncementOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext);

    SmkdHostContext& m_context;
    std::map<Ipv4Address, SenderRequest> m_requests;
    std::map<Ipv4Address, SmkdSenderKey> m_own;
    /// Groups whose own sender key this host made itself (a member sender).
    std::set<Ipv4Address> m_memberSender;
    /// Announcements under an SPI not held yet, by group, with when they
    /// came: kept for OldKeyGrace at most, the oldest dropped first.
    std::map<Ipv4Address, std::deque<std::pair<Time, SmkdGroupKeyMessage>>> m_early;
    /// Early announcements dropped: the oldest when full, or past OldKeyGrace.
    uint64_t m_earlyDropped{0};
    /// Own sender keys announced, waiting for their group key's activation.
    std::map<Ipv4Address, EventId> m_switch;
    /// Other senders' keys, by group and SPI.
    std::map<Ipv4Address, std::map<uint32_t, SmkdSenderKey>> m_received;
    uint32_t m_nextSequence{1};
    /// Sending protectors by group, SPI and key.
    std::map<std::tuple<Ipv4Address, uint32_t, Bytes>, Ptr<SmkdDataProtector>> m_sending;
};

} // namespace ns3

#endif /* SMKD_HOST_SENDER_H */
