/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_ROUTER_H
#define SMKD_IGMP_ROUTER_H

#include "igmp-message.h"
#include "igmp-router-group-state.h"
#include "ip-protocol-receiver.h"

#include "ns3/ipv4.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The multicast-router side of IGMPv3 (RFC 3376 §6) on every
 * interface of a router.
 *
 * Querier election by lowest address (§6.6.2), start-up and periodic General
 * Queries, Group-Specific and Group-and-Source-Specific Queries with
 * [Last Member Query Count] transmissions (§6.6.3), the per-group state of
 * §6.2-§6.5, and IGMPv1/v2 reports and leaves read as IS_EX({}) and TO_IN({})
 * (§7.3.2; the older-host-present timers are not modelled). It tells the
 * multicast routing protocol when a link gains its first or loses its last
 * listener for a group, and answers its per-source forwarding question (§6.3).
 * Secure-join tokens (RFC 1949 Appendix B) found in reports are handed on
 * through the SecureJoin trace and callback.
 */
class IgmpRouter : public Object
{
  public:
    /// Listener presence changed: group, interface, present.
    using MembershipCallback = Callback<void, Ipv4Address, uint32_t, bool>;
    /// A secure join arrived: reporting host, group, interface, token.
    using SecureJoinCallback =
        Callback<void, Ipv4Address, Ipv4Address, uint32_t, const std::vector<uint8_t>&>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IgmpRouter();

    /** \param cb receives listener-presence changes (normally the CBT router) */
    void SetMembershipCallback(MembershipCallback cb);

    /** \param cb receives secure joins */
    void SetSecureJoinCallback(SecureJoinCallback cb);

    /**
     * \brief §6.3: whether to forward \p source's traffic to \p group onto \p interface.
     * \param interface the link
     * \param group the group
     * \param source the source
     * \return the suggestion
     */
    bool ShouldForward(uint32_t interface, Ipv4Address group, Ipv4Address source) const;

    /**
     * \param interface the link
     * \param group the group
     * \return whether any listener of the group is on the link
     */
    bool HasListeners(uint32_t interface, Ipv4Address group) const;

    /**
     * \param interface the link
     * \return true while this router is the link's querier
     */
    bool IsQuerier(uint32_t interface) const;

    /**
     * \param interface the link
     * \param group the group
     * \return the group's state on the link, or nullptr
     */
    const IgmpRouterGroupState* GetGroupState(uint32_t interface, Ipv4Address group) const;

    /** \return Group Membership Interval, RV x QI + QRI (§8.4) */
    Time GetGroupMembershipInterval() const;
    /** \return Other Querier Present Interval, RV x QI + QRI / 2 (§8.5) */
    Time GetOtherQuerierPresentInterval() const;
    /** \return Last Member Query Time, LMQI x LMQC (§8.10) */
    Time GetLastMemberQueryTime() const;

    /**
     * \param interface an interface on which IGMP does not run
     */
    void ExcludeInterface(uint32_t interface);

    /// TracedCallback signature: message, interface.
    using MessageTracedCallback = void (*)(const IgmpMessage&, uint32_t);
    /// TracedCallback signature: group, interface, present.
    using MembershipTracedCallback = void (*)(Ipv4Address, uint32_t, bool);
    /// TracedCallback signature: interface, querier.
    using QuerierTracedCallback = void (*)(uint32_t, bool);
    /// TracedCallback signature: packet, error, interface.
    using MalformedTracedCallback = void (*)(Ptr<const Packet>, smkd::WireError, uint32_t);
    /// TracedCallback signature: host, group, interface, token.
    using SecureJoinTracedCallback = void (*)(Ipv4Address,
                                              Ipv4Address,
                                              uint32_t,
                                              const std::vector<uint8_t>&);

  protected:
    void NotifyNewAggregate() override;
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /// One group on one link: the §6.2 state and pending specific queries.
    struct Group
    {
        explicit Group(Time gmi, Time lmqt)
            : state(gmi, lmqt)
        {
        }

        IgmpRouterGroupState state;
        EventId expiry;
        bool listeners{false};
        uint32_t groupQueriesLeft{0};
        std::map<Ipv4Address, uint32_t> sourceQueriesLeft;
        EventId queryTimer;
    };

    struct Link
    {
        bool enabled{false};
        Ipv4Address address;
        bool querier{true};
        uint32_t startupQueriesLeft{0};
        EventId generalQuery;
        EventId otherQuerierPresent;
        std::map<Ipv4Address, Group> groups;
    };

    void Start(uint32_t interface);
    void SendGeneralQuery(uint32_t interface);
    void OtherQuerierGone(uint32_t interface);
    void Receive(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface);
    void HandleQuery(const IgmpQueryHeader& query, const Ipv4Header& ip, uint32_t interface);
    void HandleRecord(IgmpRecordType type,
                      Ipv4Address group,
                      const std::set<Ipv4Address>& sources,
                      uint32_t interface);
    Group& GetGroup(uint32_t interface, Ipv4Address group);
    void StartGroupQueries(uint32_t interface, Ipv4Address group);
    void StartSourceQueries(uint32_t interface,
                            Ipv4Address group,
                            const std::set<Ipv4Address>& sources);
    void SendSpecificQueries(uint32_t interface, Ipv4Address group);
    void SendQuery(uint32_t interface, const IgmpQueryHeader& query, Ipv4Address destination);
    void Refresh(uint32_t interface, Ipv4Address group);
    void Expired(uint32_t interface, Ipv4Address group);
    IgmpQueryHeader MakeQuery(Ipv4Address group, Time maxResp) const;

    Ptr<Ipv4> m_ipv4;
    Ptr<IpProtocolReceiver> m_receiver;
    std::map<uint32_t, Link> m_links;
    std::set<uint32_t> m_excluded;
    MembershipCallback m_membership;
    SecureJoinCallback m_secureJoin;

    // RFC 3376 §8 variables.
    uint32_t m_robustness;
    Time m_queryInterval;
    Time m_queryResponseInterval;
    Time m_startupQueryInterval;
    uint32_t m_startupQueryCount;
    Time m_lastMemberQueryInterval;
    uint32_t m_lastMemberQueryCount;

    TracedCallback<const IgmpMessage&, uint32_t> m_querySent;
    TracedCallback<const IgmpMessage&, uint32_t> m_reportReceived;
    TracedCallback<Ipv4Address, uint32_t, bool> m_membershipChanged;
    TracedCallback<uint32_t, bool> m_querierChanged;
    TracedCallback<Ptr<const Packet>, smkd::WireError, uint32_t> m_malformed;
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t, const std::vector<uint8_t>&>
        m_secureJoinTrace;
};

} // namespace ns3

#endif /* SMKD_IGMP_ROUTER_H */
