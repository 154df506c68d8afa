/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_HOST_H
#define SMKD_IGMP_HOST_H

#include "igmp-host-state.h"
#include "igmp-message.h"
#include "ip-protocol-receiver.h"

#include "ns3/ipv4.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief The group-member side of IGMPv3 (RFC 3376 §3 and §5) on a host.
 *
 * Applications state their reception wishes per socket through an API
 * shaped like RFC 3678's (join, leave, source include/exclude, block,
 * unblock). The host derives each interface's state (§3.2), sends
 * State-Change Reports with [Robustness Variable] transmissions spread over
 * the Unsolicited Report Interval (§5.1), and answers queries with
 * Current-State Reports within Max Resp Time (§5.2). Reports go to
 * 224.0.0.22 with IP TTL 1; ns-3's Ipv4Header cannot carry the Router Alert
 * option, so the 4 bytes it would add are not on the wire (doc/smkd.rst).
 *
 * With a secure-join token source set (RFC 1949 Appendix B), every record
 * that asks for traffic carries the host's token in its Auxiliary Data.
 * IGMPv3 reports are never suppressed, so each member reports for itself,
 * as Appendix B requires.
 *
 * Aggregate it to a host node whose routing is IgmpHostRouting (see
 * IgmpHostHelper) to have multicast delivered only as the interface state asks.
 */
class IgmpHost : public Object
{
  public:
    static const Ipv4Address ALL_SYSTEMS;        //!< 224.0.0.1, where general queries go
    static const Ipv4Address ALL_IGMPV3_ROUTERS; //!< 224.0.0.22, where v3 reports go

    /// Supplies the signed host token for a secure join: group, interface.
    using TokenSource = Callback<std::vector<uint8_t>, Ipv4Address, uint32_t>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IgmpHost();

    /**
     * \brief Any-source join: the socket's state becomes EXCLUDE {} (IP_ADD_MEMBERSHIP).
     * \param socket the socket (any object identity; no I/O is done on it)
     * \param interface the interface index
     * \param group the group
     */
    void Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \brief Leave: the socket's state for the group is removed (IP_DROP_MEMBERSHIP).
     * \copydetails Join
     */
    void Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \brief Add a source to an INCLUDE-mode socket state (IP_ADD_SOURCE_MEMBERSHIP).
     * \param socket the socket
     * \param interface the interface index
     * \param group the group
     * \param source the source
     */
    void JoinSource(Ptr<Socket> socket, uint32_t interface, Ipv4Address group, Ipv4Address source);

    /** \copydoc JoinSource (IP_DROP_SOURCE_MEMBERSHIP) */
    void LeaveSource(Ptr<Socket> socket, uint32_t interface, Ipv4Address group, Ipv4Address source);

    /** \copydoc JoinSource (IP_BLOCK_SOURCE; the socket must be in EXCLUDE mode) */
    void BlockSource(Ptr<Socket> socket, uint32_t interface, Ipv4Address group, Ipv4Address source);

    /** \copydoc JoinSource (IP_UNBLOCK_SOURCE) */
    void UnblockSource(Ptr<Socket> socket,
                       uint32_t interface,
                       Ipv4Address group,
                       Ipv4Address source);

    /**
     * \brief Set a socket's whole filter (RFC 3678 setsourcefilter).
     * \param socket the socket
     * \param interface the interface index
     * \param group the group
     * \param state the filter; INCLUDE {} removes the socket's state
     */
    void SetSourceFilter(Ptr<Socket> socket,
                         uint32_t interface,
                         Ipv4Address group,
                         const IgmpFilterState& state);

    /**
     * \param interface an interface
     * \param group a group
     * \return the interface state (§3.2)
     */
    IgmpFilterState GetInterfaceState(uint32_t interface, Ipv4Address group) const;

    /**
     * \param socket a socket
     * \param group a group
     * \param source a source
     * \return whether the socket asked for \p source's traffic to \p group on any interface
     */
    bool SocketWants(Ptr<Socket> socket, Ipv4Address group, Ipv4Address source) const;

    /**
     * \param interface the arrival interface
     * \param group the destination group
     * \param source the sender
     * \return whether the interface state asks for the packet
     */
    bool InterfaceWants(uint32_t interface, Ipv4Address group, Ipv4Address source) const;

    /**
     * \brief Report the current state of a group now (a Current-State Record,
     * RFC 3376 §4.2.12), e.g. to carry a new secure-join token.
     * \param interface the interface
     * \param group the group
     */
    void ReportCurrentState(uint32_t interface, Ipv4Address group);

    /**
     * \param tokens where secure-join tokens come from; a null callback turns secure joins off
     */
    void SetSecureJoinTokenSource(TokenSource tokens);

    /**
     * \brief Assign a fixed random variable stream.
     * \param stream stream index
     * \return streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// TracedCallback signature: message, interface.
    using MessageTracedCallback = void (*)(const IgmpMessage&, uint32_t);
    /// TracedCallback signature: group, interface, new interface state.
    using StateTracedCallback = void (*)(Ipv4Address, uint32_t, const IgmpFilterState&);

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    struct GroupState
    {
        std::map<Ptr<Socket>, IgmpFilterState> sockets;
        IgmpFilterState current;
        IgmpStateChangeReporter reporter;
        EventId retransmission;
    };

    struct InterfaceState
    {
        std::map<Ipv4Address, GroupState> groups;
        IgmpPendingResponses pending;
        EventId responseTimer;
    };

    void CheckArguments(uint32_t interface, Ipv4Address group) const;
    void Update(Ptr<Socket> socket,
                uint32_t interface,
                Ipv4Address group,
                const IgmpFilterState& socketState);
    void SendStateChange(uint32_t interface, Ipv4Address group);
    void Receive(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface);
    void HandleQuery(const IgmpQueryHeader& query, uint32_t interface);
    void ScheduleResponses(uint32_t interface);
    void SendResponses(uint32_t interface);
    void SendReport(uint32_t interface, std::vector<IgmpGroupRecord> records);

    Ptr<Ipv4> m_ipv4;
    Ptr<IpProtocolReceiver> m_receiver;
    std::map<uint32_t, InterfaceState> m_interfaces;
    TokenSource m_tokens;
    Ptr<UniformRandomVariable> m_random;
    uint32_t m_robustness;
    Time m_unsolicitedReportInterval;
    uint64_t m_malformed{0};

    TracedCallback<const IgmpMessage&, uint32_t> m_reportSent;
    TracedCallback<const IgmpMessage&, uint32_t> m_queryReceived;
    TracedCallback<Ipv4Address, uint32_t, const IgmpFilterState&> m_stateChanged;
    TracedCallback<Ptr<const Packet>, smkd::WireError, uint32_t> m_malformedTrace;
};

} // namespace ns3

#endif /* SMKD_IGMP_HOST_H */
