/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_ROUTING_PROTOCOL_H
#define SMKD_CBT_ROUTING_PROTOCOL_H

#include "cbt-core-map.h"
#include "cbt-forwarding-cache.h"
#include "cbt-message.h"
#include "ip-protocol-receiver.h"
#include "smkd-ns3-compat.h"

#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>
#include <set>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Why the CBT router dropped a packet.
 */
enum class CbtDropReason : uint8_t
{
    MALFORMED,         //!< control message failed to parse (see the WireError trace)
    NOT_DR,            //!< multicast join on a multi-access link where this router is not DR
    NO_ROUTE_TO_CORE,  //!< no unicast route towards the target core
    JOIN_BOUNCES_BACK, //!< next hop to the core is back over the arrival link
    UNMATCHED_ACK,     //!< JOIN_ACK without matching transient state
    UNMATCHED_QUIT,    //!< QUIT for a group or interface that is not a child
    UNMATCHED_FLUSH,   //!< FLUSH_TREE not over the group's parent interface
    UNMATCHED_ECHO,    //!< ECHO_REQUEST not over a child / ECHO_REPLY not over a parent
    NO_CORE_FOR_GROUP, //!< no core mapping for a group
    DATA_OFF_TREE,     //!< data on an interface that is not part of the group's tree
    DATA_NO_STATE,     //!< data for a group this router has no state for, not from a local sender
    ENCAPSULATED_NO_TREE,   //!< IP-in-IP data at a core that is not on the group's tree
    ENCAPSULATED_MALFORMED, //!< IP-in-IP payload that is not a multicast IPv4 packet
    WRONG_PACKET_HANDLE,    //!< RFC 1949 §3: data whose packet handle shim is missing,
                            //!< truncated or not the arrival link's handle
};

/**
 * \param r a drop reason
 * \return its stable name, e.g. "no-route-to-core"
 */
const char* CbtDropReasonName(CbtDropReason r);

/**
 * \ingroup smkd
 * \brief Changes of a router's tree state, reported by the TreeStateChanged trace.
 */
enum class CbtTreeEvent : uint8_t
{
    JOIN_STARTED,  //!< this router originated a JOIN_REQUEST
    ON_TREE,       //!< a forwarding cache entry was created
    CHILD_ADDED,   //!< an interface became a child
    CHILD_REMOVED, //!< a child interface was removed
    QUIT,          //!< the entry was removed and a QUIT sent upstream
    EXPIRED,       //!< the parent stopped answering: quit up, flush down
    FLUSHED,       //!< a FLUSH_TREE from the parent removed the entry
    BECAME_DR,     //!< this router became DR of an interface (group is 0.0.0.0)
};

/**
 * \param e a tree event
 * \return its name
 */
const char* CbtTreeEventName(CbtTreeEvent e);

/**
 * \ingroup smkd
 * \brief What happened to a packet handle (RFC 1949 §3), reported by the PacketHandle trace.
 */
enum class CbtPacketHandleEvent : uint8_t
{
    ACCEPTED, //!< a shim carrying the arrival link's handle was checked and removed
    REJECTED, //!< a packet over a link with a handle failed the check (see WRONG_PACKET_HANDLE)
    STAMPED,  //!< a shim with the link's handle was added to a packet sent over it
};

/**
 * \param e a packet handle event
 * \return its name
 */
const char* CbtPacketHandleEventName(CbtPacketHandleEvent e);

/**
 * \ingroup smkd
 * \brief The data-plane cost of packet handles at one router (RFC 1949 §3).
 *
 * Checking or stamping a handle is one table look-up. Its CPU time is
 * accounted at the PacketHandleCost attribute per look-up, not charged as a
 * delay: ns-3 forwards a packet in no simulated time at all, so a delay for
 * the handle alone would overstate its share.
 */
struct CbtPacketHandleStats
{
    uint64_t checked{0};   //!< packets checked on arrival over a link with a handle, or shimmed
    uint64_t accepted{0};  //!< of those, packets whose shim carried the link's handle
    uint64_t stamped{0};   //!< shims added to packets sent over links with a handle
    uint64_t shimBytes{0}; //!< bytes those shims added on the wire (8 per stamped packet)
    Time cpuTime;          //!< (checked + stamped) x PacketHandleCost
};

/**
 * \ingroup smkd
 * \brief CBTv2 multicast routing (RFC 2189, architecture RFC 2201).
 *
 * Owns multicast forwarding on a router: it sits in the node's
 * Ipv4ListRouting above static and global routing, leaves unicast to them,
 * and asks them for the next hop towards a group's core. The control plane
 * runs over IP protocol 7 on every interface except loopback and
 * the interfaces excluded with SetInterfaceExclusions().
 *
 * Local group membership reaches the router through NotifyMembership()
 * (driven by IGMP, or by a test). Non-member senders' data is tunnelled to
 * the core in IP-in-IP (protocol 4), as RFC 2201 §4.2.2 describes. Data over
 * a tree link given a packet handle (SetLinkHandle(), RFC 1949 §3) carries a
 * CbtPacketHandleHeader shim (protocol 253), checked and rewritten per hop.
 */
class CbtRoutingProtocol : public Ipv4RoutingProtocol
{
  public:
    /// All-CBT-routers group, RFC 2189 §3.
    static const Ipv4Address ALL_CBT_ROUTERS;
    static constexpr uint8_t IP_IN_IP_PROTOCOL = 4; //!< RFC 2003
    static constexpr uint8_t IGMP_PROTOCOL = 2;     //!< RFC 3376
    static constexpr uint8_t ORIGINATED_TTL = 64;   //!< TTL of packets the router originates

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    CbtRoutingProtocol();
    ~CbtRoutingProtocol() override;

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    smkd::RouteInputCallbackParameter<UnicastForwardCallback> ucb,
                    smkd::RouteInputCallbackParameter<MulticastForwardCallback> mcb,
                    smkd::RouteInputCallbackParameter<LocalDeliverCallback> lcb,
                    smkd::RouteInputCallbackParameter<ErrorCallback> ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /**
     * \brief Local membership changed: RFC 2189 §3's "IGMP host membership
     * report" and its absence, for one group on one interface.
     *
     * The first member on an interface of which this router is DR starts a
     * join (or adds a child interface when on-tree); the last one gone removes
     * the interface and quits when no child remains.
     * \param group the group
     * \param interface the interface the members are on
     * \param present true when members appeared, false when the last one left
     */
    void NotifyMembership(Ipv4Address group, uint32_t interface, bool present);

    /**
     * \param cores the group-to-core mapping, shared by all routers of the domain
     */
    void SetCoreMap(Ptr<CbtCoreMap> cores);

    /** \return the group-to-core mapping */
    Ptr<CbtCoreMap> GetCoreMap() const;

    /// Decides whether a member link wants a packet: interface, group, source.
    using MemberLinkFilter = Callback<bool, uint32_t, Ipv4Address, Ipv4Address>;

    /**
     * \brief Consult group membership (IGMPv3 source filters, RFC 3376 §6.3)
     * before copying data onto a child link that has members and no
     * downstream router. Without a filter every member link gets every source.
     * \param filter the filter
     */
    void SetMemberLinkFilter(MemberLinkFilter filter);

    /// Takes a secure JOIN_REQUEST or JOIN_ACK: message, IP header, interface; true when handled.
    using SecureMessageHandler = Callback<bool, const CbtMessage&, const Ipv4Header&, uint32_t>;
    /// Says whether a group's joins are secure joins (RFC 1949), run by the key-distribution layer.
    using SecureGroupPredicate = Callback<bool, Ipv4Address>;

    /**
     * \brief Hand RFC 1949 secure joins to the key-distribution layer.
     *
     * JOIN_REQUESTs and JOIN_ACKs that carry a host token go to \p handler
     * instead of the plain CBT logic. For groups \p secure accepts, local
     * membership no longer starts plain joins: the key-distribution layer
     * joins per host and grafts the tree through GraftParent/GraftChild.
     * \param handler the message handler
     * \param secure the group predicate
     */
    void SetSecureJoinHandler(SecureMessageHandler handler, SecureGroupPredicate secure);

    /// Asked to re-join a secure group after its tree state was flushed or expired.
    using SecureRejoin = Callback<void, Ipv4Address>;

    /**
     * \brief RFC 1949 §6.2: after a repair "the re-joining process occurs in
     * the same secure fashion". When a secure group's state goes while local
     * members remain, \p rejoin is asked to re-join it.
     * \param rejoin the key-distribution layer's re-join
     */
    void SetSecureRejoin(SecureRejoin rejoin);

    /**
     * \param group a group
     * \return true when this router has forwarding state for it
     */
    bool IsOnTree(Ipv4Address group) const;

    /**
     * \param destination a unicast address
     * \param interface the interface towards it
     * \param nextHop the next hop towards it
     * \return false when unicast routing has no route, or CBT does not run on that interface
     */
    bool GetNextHop(Ipv4Address destination, uint32_t& interface, Ipv4Address& nextHop) const;

    /**
     * \brief Send a control message one hop, as the router's own messages go.
     * \param message the message
     * \param interface the outgoing interface
     * \param destination a neighbour or a link-local group
     */
    void SendMessage(const CbtMessage& message, uint32_t interface, Ipv4Address destination);

    /**
     * \brief Check the keepalive timers: ExpectedReplyTime and GroupExpireTime
     * must exceed EchoInterval + HoldTime (CbtHelper checks on installation,
     * and the protocol again when it starts).
     * \throws std::invalid_argument naming the timers
     */
    void CheckTimers() const;

    /**
     * \brief Become on-tree for \p group below \p parent (no-op when on-tree already).
     * \param group the group
     * \param core the group's core
     * \param interface the parent interface
     * \param parent the parent router
     * \param joinStarted when this router's own join for the group started
     * (its JoinCompleted trace then fires), or a negative time when the join
     * was another router's
     */
    void GraftParent(Ipv4Address group,
                     Ipv4Address core,
                     uint32_t interface,
                     Ipv4Address parent,
                     Time joinStarted = Seconds(-1));

    /**
     * \brief Become on-tree for \p group as its core (no-op when on-tree already).
     * \param group the group
     */
    void GraftCore(Ipv4Address group);

    /**
     * \brief Add a child interface to an on-tree group.
     * \param group the group
     * \param interface the child interface
     * \param router the downstream router, or 0.0.0.0 for member hosts
     * \param members true when member hosts are on the link
     */
    void GraftChild(Ipv4Address group, uint32_t interface, Ipv4Address router, bool members);

    /**
     * \brief Send a packet of this router's own down every interface of the
     * group's tree, as data sent by the core reaches the group (RFC 2201
     * §4.2). The key-distribution layer multicasts rekey and sender-key
     * messages this way.
     * \param data the UDP payload
     * \param port the UDP source and destination port
     * \param group the group
     * \return false when this router is not on the group's tree
     */
    bool OriginateUdpOnTree(Ptr<Packet> data, uint16_t port, Ipv4Address group);

    /**
     * \brief RFC 1949 §3: use a secret packet handle on a tree link.
     *
     * From now on, data of \p group sent over \p interface carries a
     * CbtPacketHandleHeader shim with \p handle, and data of the group
     * arriving over it must carry that shim: anything else is dropped
     * (WRONG_PACKET_HANDLE). The key-distribution layer agrees the handle
     * with the neighbour during secure tree set-up. The handle goes with the
     * tree state: when the interface stops being one of the group's tree
     * interfaces, or the group's entry goes, it is forgotten.
     *
     * Only point-to-point links take a handle: one frame on a multi-access
     * link reaches every router and host on it, so it cannot carry a secret
     * of two neighbours, and member hosts could not read the shim.
     * \param group the group
     * \param interface a parent or child interface of the group's tree
     * \param handle the handle agreed with the neighbour over it
     * \return false, storing nothing, when this router is not on the group's
     *         tree, \p interface is not one of its tree interfaces, or the link
     *         is not point-to-point
     */
    bool SetLinkHandle(Ipv4Address group, uint32_t interface, uint32_t handle);

    /**
     * \param group a group
     * \param interface an interface
     * \return the packet handle of that tree link, if one is set
     */
    std::optional<uint32_t> GetLinkHandle(Ipv4Address group, uint32_t interface) const;

    /**
     * \brief Forget every packet handle of \p group: its links carry plain data again.
     * \param group the group
     */
    void ClearLinkHandles(Ipv4Address group);

    /** \return packet handle checks, stamps, shim bytes and their accounted CPU time so far */
    const CbtPacketHandleStats& GetPacketHandleStats() const;

    /**
     * \param interface an interface
     * \return this router's address on it
     */
    Ipv4Address GetInterfaceAddress(uint32_t interface) const;

    /**
     * \param address an address
     * \return true if it is one of this router's
     */
    bool IsLocalAddress(Ipv4Address address) const;

    /**
     * \param exclusions interfaces on which CBT does not run
     */
    void SetInterfaceExclusions(std::set<uint32_t> exclusions);

    /**
     * \param interface an interface
     * \return true if this router is the DR of \p interface
     */
    bool IsDesignatedRouter(uint32_t interface) const;

    /** \return the forwarding cache and transient state */
    const CbtForwardingCache& GetForwardingCache() const;

    /**
     * \param reason a drop reason
     * \return packets dropped for it so far
     */
    uint64_t GetDropCount(CbtDropReason reason) const;

    /**
     * \param type a message type
     * \return control messages of that type sent so far
     */
    uint64_t GetSentCount(CbtMessageType type) const;

    /**
     * \param type a message type
     * \return control messages of that type received and parsed so far
     */
    uint64_t GetReceivedCount(CbtMessageType type) const;

    /**
     * \brief Assign fixed random variable streams.
     * \param stream first stream index
     * \return number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// TracedCallback signature of ControlTx/ControlRx: message, interface, IP destination
    /// (Tx) or source (Rx), IP packet bytes.
    using ControlTracedCallback = void (*)(const CbtMessage&, uint32_t, Ipv4Address, uint32_t);
    /// TracedCallback signature of JoinCompleted: group, latency from the first JOIN_REQUEST.
    using JoinCompletedTracedCallback = void (*)(Ipv4Address, Time);
    /// TracedCallback signature of JoinFailed: group.
    using JoinFailedTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature of TreeStateChanged: group, event, interface (-1 if none).
    using TreeTracedCallback = void (*)(Ipv4Address, CbtTreeEvent, int32_t);
    /// TracedCallback signature of DataForwarded: IP header, packet, output interface.
    using DataTracedCallback = void (*)(const Ipv4Header&, Ptr<const Packet>, uint32_t);
    /// TracedCallback signature of Drop: packet, reason, interface.
    using DropTracedCallback = void (*)(Ptr<const Packet>, CbtDropReason, uint32_t);
    /// TracedCallback signature of MalformedControl: packet, parse error, interface.
    using MalformedTracedCallback = void (*)(Ptr<const Packet>, smkd::WireError, uint32_t);
    /// TracedCallback signature of PacketHandle: group, interface, event.
    using PacketHandleTracedCallback = void (*)(Ipv4Address, uint32_t, CbtPacketHandleEvent);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /// Per-interface protocol state.
    struct Interface
    {
        bool enabled{false};          //!< CBT runs here
        bool multiAccess{false};      //!< not a point-to-point link
        bool isDr{false};             //!< §4.1 DR flag
        Ipv4Address address;          //!< this router's address on the link
        uint8_t advertised{255};      //!< preference in our HELLOs (0 while DR)
        bool betterHeard{false};      //!< a better HELLO arrived since our election began
        EventId helloTimer;           //!< [HELLO_INTERVAL]
        EventId election;             //!< HOLDTIME after our HELLOs: become DR
        EventId helloResponse;        //!< answer to a lesser HELLO
        EventId echoTimer;            //!< [ECHO_INTERVAL] as a child on this interface
        EventId parentSilence;        //!< [EXPECTED_REPLY_TIME] without an ECHO_REPLY
        EventId echoReply;            //!< scheduled ECHO_REPLY as a parent on this interface
        bool echoReplyUnicast{false}; //!< answer the scheduled reply by unicast
        Ipv4Address echoRequester;    //!< who asked, for a unicast reply
    };

    /// A join this router will send to keep a child link alive (§4.4.2).
    struct ScheduledRejoin
    {
        EventId event;
    };

    // Set-up and helpers: cbt-routing-protocol.cc
    void EnableInterface(uint32_t interface);
    void DisableInterface(uint32_t interface);
    bool IsEnabled(uint32_t interface) const;
    bool IsOwnAddress(Ipv4Address address) const;
    Ipv4Address SelectCore(Ipv4Address group) const;
    Ptr<Ipv4Route> UnicastRoute(Ipv4Address destination) const;
    bool RouteTowards(Ipv4Address destination, uint32_t& interface, Ipv4Address& nextHop) const;
    void SendControl(const CbtMessage& message, uint32_t interface, Ipv4Address destination);
    /// Multicast on the link, or unicast to \p peer when this router is the link's DR.
    void SendDrAware(const CbtMessage& message, uint32_t interface, Ipv4Address peer);
    void ReceiveControl(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface);
    void Drop(Ptr<const Packet> packet, CbtDropReason reason, uint32_t interface);
    void NotifyTree(Ipv4Address group, CbtTreeEvent event, int32_t interface);

    // HELLO and DR election, RFC 2189 §4.1: cbt-routing-hello.cc
    void StartHello(uint32_t interface);
    void SendHello(uint32_t interface);
    void HelloTimerExpired(uint32_t interface);
    void ElectionTimerExpired(uint32_t interface);
    void HandleHello(const CbtHelloHeader& hello, const Ipv4Header& ip, uint32_t interface);
    void BecomeDr(uint32_t interface);
    void RelinquishDr(uint32_t interface);

    // Joins, acks, quits and flushes, RFC 2189 §4.2-§4.4, §4.7: cbt-routing-join.cc
    void StartJoin(Ipv4Address group);
    void SendJoin(const CbtTransientEntry& t, Ipv4Address originator);
    void RetransmitJoin(Ipv4Address group);
    void JoinTimedOut(Ipv4Address group);
    void TransientTimedOut(Ipv4Address group);
    void HandleJoinRequest(const CbtJoinRequestHeader& join,
                           const Ipv4Header& ip,
                           uint32_t interface);
    void ForwardJoin(const CbtJoinRequestHeader& join, const Ipv4Header& ip, uint32_t interface);
    void SendAck(Ipv4Address group, uint32_t interface, Ipv4Address target);
    void AddChild(CbtForwardingEntry& entry, uint32_t interface, Ipv4Address router, bool members);
    void HandleJoinAck(const CbtJoinAckHeader& ack, const Ipv4Header& ip, uint32_t interface);
    void HandleQuit(const CbtQuitNotificationHeader& quit,
                    const Ipv4Header& ip,
                    uint32_t interface);
    void CacheDeletionExpired(Ipv4Address group, uint32_t interface);
    void RemoveChild(Ipv4Address group, uint32_t interface);
    void QuitIfLeaf(Ipv4Address group);
    void SendQuit(Ipv4Address group, uint32_t interface, Ipv4Address parent, uint32_t copiesLeft);
    void ScheduleRejoin(Ipv4Address group, uint32_t interface);
    void SendRejoin(Ipv4Address group, uint32_t interface);
    void HandleFlush(const CbtFlushTreeHeader& flush, const Ipv4Header& ip, uint32_t interface);
    void FlushChildren(const CbtForwardingEntry& entry);
    void RejoinIfMembers(Ipv4Address group);
    std::vector<uint32_t> MemberInterfaces(Ipv4Address group) const;

    // Keepalives, RFC 2189 §4.5-§4.6: cbt-routing-echo.cc
    void StartEcho(uint32_t interface);
    void EchoTimerExpired(uint32_t interface);
    void StopEchoIfUnused(uint32_t interface);
    void HandleEchoRequest(const CbtEchoRequestHeader& echo,
                           const Ipv4Header& ip,
                           uint32_t interface);
    void SendEchoReply(uint32_t interface);
    void HandleEchoReply(const CbtEchoReplyHeader& reply, const Ipv4Header& ip, uint32_t interface);
    void RefreshGroup(CbtForwardingEntry& entry);
    void ExpireGroup(Ipv4Address group);
    void ParentSilent(uint32_t interface);

    // Data plane, RFC 2201 §4.2 and §4.2.2: cbt-routing-data.cc
    bool WantedOn(const CbtForwardingEntry& entry,
                  uint32_t interface,
                  const Ipv4Header& header) const;
    bool ForwardData(Ptr<const Packet> p,
                     const Ipv4Header& header,
                     uint32_t interface,
                     const MulticastForwardCallback& mcb);
    void Encapsulate(Ptr<const Packet> p,
                     const Ipv4Header& header,
                     Ipv4Address core,
                     uint32_t interface);
    void ReceiveEncapsulated(Ptr<Packet> packet, const Ipv4Header& outer, uint32_t interface);
    void SendOnTree(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    const CbtForwardingEntry& entry,
                    int32_t except);

    // Packet handles, RFC 1949 §3: cbt-routing-handle.cc
    const uint32_t* FindLinkHandle(Ipv4Address group, uint32_t interface) const;
    bool HasLinkHandles(Ipv4Address group) const;
    /// A plain data packet arrived: false (and dropped) when its link has a handle.
    bool PassesWithoutShim(Ptr<const Packet> p, const Ipv4Header& header, uint32_t interface);
    /// A shimmed data packet arrived: check, remove the shim, deliver locally and forward.
    bool ReceiveShimmed(Ptr<const Packet> p, const Ipv4Header& header, uint32_t interface);
    /// Add the shim of \p out's handle, if it has one, to a packet about to leave by it.
    void StampIfHandled(Ptr<Packet> packet, Ipv4Header& header, uint32_t out);
    void DeliverLocally(Ptr<Packet> packet, const Ipv4Header& header, uint32_t interface);
    void CountHandleLookup(Ipv4Address group, uint32_t interface, CbtPacketHandleEvent event);
    /// Tree state went: its handles go with it.
    void ForgetLinkHandles(Ipv4Address group, CbtTreeEvent event, int32_t interface);

    Ptr<Ipv4> m_ipv4;
    Ptr<IpProtocolReceiver> m_controlReceiver;
    Ptr<IpProtocolReceiver> m_tunnelReceiver;
    Ptr<CbtCoreMap> m_cores;
    std::set<uint32_t> m_exclusions;
    std::map<uint32_t, Interface> m_interfaces;
    std::map<Ipv4Address, std::set<uint32_t>> m_members; //!< local members: group -> interfaces
    std::map<std::pair<Ipv4Address, uint32_t>, ScheduledRejoin> m_rejoins;
    std::map<Ipv4Address, EventId> m_pendingQuits; //!< later QUIT copies, by group
    CbtForwardingCache m_cache;
    bool m_initialized{false};
    Ptr<UniformRandomVariable> m_jitter;
    MemberLinkFilter m_memberLinkFilter;
    SecureMessageHandler m_secureHandler;
    SecureGroupPredicate m_secureGroup;
    SecureRejoin m_secureRejoin;
    /// RFC 1949 §3 packet handles: group -> tree interface -> handle.
    std::map<Ipv4Address, std::map<uint32_t, uint32_t>> m_handles;
    CbtPacketHandleStats m_handleStats;
    Time m_handleCost;

    // RFC 2189 §6 timers and defaults.
    Time m_helloInterval;
    uint8_t m_helloPreference;
    Time m_holdTime;
    uint32_t m_maxRtx;
    Time m_rtxInterval;
    Time m_joinTimeout;
    Time m_transientTimeout;
    Time m_cacheDelTimer;
    Time m_groupExpireTime;
    Time m_echoInterval;
    Time m_expectedReplyTime;

    std::map<CbtDropReason, uint64_t> m_drops;
    std::map<CbtMessageType, uint64_t> m_sent;
    std::map<CbtMessageType, uint64_t> m_received;

    TracedCallback<const CbtMessage&, uint32_t, Ipv4Address, uint32_t> m_controlTx;
    TracedCallback<const CbtMessage&, uint32_t, Ipv4Address, uint32_t> m_controlRx;
    TracedCallback<Ipv4Address, Time> m_joinCompleted;
    TracedCallback<Ipv4Address> m_joinFailed;
    TracedCallback<Ipv4Address, CbtTreeEvent, int32_t> m_treeChanged;
    TracedCallback<const Ipv4Header&, Ptr<const Packet>, uint32_t> m_dataForwarded;
    TracedCallback<const Ipv4Header&, Ptr<const Packet>, uint32_t> m_dataEncapsulated;
    TracedCallback<Ptr<const Packet>, CbtDropReason, uint32_t> m_drop;
    TracedCallback<Ptr<const Packet>, smkd::WireError, uint32_t> m_malformed;
    TracedCallback<Ipv4Address, uint32_t, CbtPacketHandleEvent> m_handleTrace;
};

} // namespace ns3

#endif /* SMKD_CBT_ROUTING_PROTOCOL_H */
