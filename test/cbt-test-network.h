/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_TEST_NETWORK_H
#define SMKD_CBT_TEST_NETWORK_H

// Builds small CBT networks for the router tests: routers with the CBT
// stack, point-to-point links and CSMA LANs with hosts, one /24 per link,
// global unicast routing, and counters on every router's traces.

#include "ns3/cbt-helper.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/igmp-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"

#include <map>
#include <set>
#include <vector>

namespace ns3
{
namespace smkd
{
namespace test
{

/// One control message seen on a router's ControlTx or ControlRx trace.
struct ControlEvent
{
    Time at;
    uint32_t router;
    CbtMessageType type;
    uint32_t interface;
    Ipv4Address peer; //!< destination (Tx) or source (Rx)
};

/// A tree event seen on a router's TreeStateChanged trace.
struct TreeEventRecord
{
    Time at;
    uint32_t router;
    Ipv4Address group;
    CbtTreeEvent event;
    int32_t interface;
};

class CbtTestNetwork
{
  public:
    CbtTestNetwork();

    /// Give routers an IgmpRouter and hosts IGMP-filtered delivery. Call before anything else.
    void EnableIgmp(uint32_t hostRobustness = 2);

    /// Add a router; returns its index.
    uint32_t AddRouter(uint8_t helloPreference = 255);

    /// Point-to-point link between routers a and b; returns the link's device pair.
    NetDeviceContainer Link(uint32_t a,
                            uint32_t b,
                            Time delay = MilliSeconds(1),
                            DataRate rate = DataRate("100Mbps"));

    /// A CSMA LAN joining \p routers and \p hosts new hosts; returns the host indices.
    /// With IGMP enabled, \p monitors more hosts with a plain stack follow: they
    /// receive every multicast frame on the LAN, which shows what the LAN carried.
    std::vector<uint32_t> Lan(const std::vector<uint32_t>& routers,
                              uint32_t hosts,
                              Time delay = MicroSeconds(10),
                              uint32_t monitors = 0);

    /// Schedule an IGMP any-source join (or, with \p blocked, EXCLUDE {blocked}) by host \p h's
    /// socket.
    void JoinGroup(Time at, uint32_t h, Ipv4Address group, std::set<Ipv4Address> blocked = {});

    /// Schedule an IGMP leave by host \p h's socket.
    void LeaveGroup(Time at, uint32_t h, Ipv4Address group);

    /**
     * \brief Fail a point-to-point link silently: every frame is lost from now
     * on, and unicast routing (global routing, recomputed) avoids the link.
     * The routers' interfaces stay up, so only keepalives can notice.
     * \param link the link's devices
     */
    static void FailSilently(NetDeviceContainer link);

    /// Host \p h's listening socket (after ListenOnHosts).
    Ptr<Socket> ListenerOf(uint32_t h) const
    {
        return m_listeners.at(h);
    }

    /// All routers.
    NodeContainer Routers() const
    {
        return m_routers;
    }

    /// All hosts.
    NodeContainer Hosts() const
    {
        return m_hosts;
    }

    /// Packets received by host \p h's socket from \p source.
    uint32_t ReceivedFrom(uint32_t h, Ipv4Address source) const;

    /// Populate global routing and set the core mapping of \p group to router \p core.
    void Finish(Ipv4Address group, uint32_t core);

    Ptr<Node> Router(uint32_t r) const;
    Ptr<CbtRoutingProtocol> Cbt(uint32_t r) const;
    Ptr<Node> Host(uint32_t h) const;
    Ipv4Address RouterAddress(uint32_t r) const;
    Ipv4Address HostAddress(uint32_t h) const;

    /// Interface index on router \p r of the link shared with router or LAN \p device.
    uint32_t InterfaceOf(uint32_t r, Ptr<NetDevice> device) const;

    /// Interface of router \p r on the LAN whose hosts include host \p h.
    uint32_t LanInterface(uint32_t r, uint32_t h) const;

    /// Schedule a membership change at router \p r for the LAN of host \p h.
    void Membership(Time at, uint32_t r, uint32_t h, Ipv4Address group, bool present);

    /// Open a UDP socket on every host, bound to \p port, counting what it receives.
    void ListenOnHosts(uint16_t port);

    /// Schedule \p count packets of \p size bytes from host \p h to \p group.
    void SendFromHost(uint32_t h,
                      Ipv4Address group,
                      uint16_t port,
                      Time start,
                      uint32_t count,
                      Time gap);

    /// Packets received by host \p h's socket.
    uint32_t Received(uint32_t h) const;

    /// Messages of \p type sent by router \p r (destination filter: any if unspecified).
    uint32_t Sent(uint32_t r, CbtMessageType type, bool unicastOnly = false) const;
    uint32_t SentTotal(CbtMessageType type) const;
    uint32_t ReceivedBy(uint32_t r, CbtMessageType type) const;

    const std::vector<ControlEvent>& TxLog() const
    {
        return m_tx;
    }

    const std::vector<TreeEventRecord>& TreeLog() const
    {
        return m_tree;
    }

    /// Join completions (time, latency) seen at router \p r.
    std::vector<std::pair<Time, Time>> JoinCompletions(uint32_t r) const;

    /// Join failures (time) seen at router \p r.
    std::vector<Time> JoinFailures(uint32_t r) const;

    CbtHelper& Helper()
    {
        return m_cbt;
    }

    uint32_t NumRouters() const
    {
        return m_routers.GetN();
    }

  private:
    void Connect(uint32_t r);
    Ipv4InterfaceContainer Assign(NetDeviceContainer devices);

    CbtHelper m_cbt;
    bool m_igmp{false};
    uint32_t m_hostRobustness{2};
    std::map<uint32_t, Ptr<Socket>> m_listeners;
    std::map<std::pair<uint32_t, Ipv4Address>, uint32_t> m_receivedFrom;
    NodeContainer m_routers;
    NodeContainer m_hosts;
    std::map<uint32_t, uint32_t> m_hostLan; //!< host -> LAN index
    std::vector<NetDeviceContainer> m_lans;
    uint32_t m_nextSubnet{0};
    std::vector<Ptr<Socket>> m_sockets;
    std::map<uint32_t, uint32_t> m_received;
    std::vector<ControlEvent> m_tx;
    std::vector<ControlEvent> m_rx;
    std::vector<TreeEventRecord> m_tree;
    std::map<uint32_t, std::vector<std::pair<Time, Time>>> m_joins;
    std::map<uint32_t, std::vector<Time>> m_failures;
};

/// Drops the first \p count JOIN_ACKs (all of them when count is 0) a device receives.
class JoinAckDropper : public ErrorModel
{
  public:
    static TypeId GetTypeId();
    void SetCount(uint32_t count);
    uint32_t Dropped() const;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    uint32_t m_count{0};
    uint32_t m_dropped{0};
};

} // namespace test
} // namespace smkd
} // namespace ns3

#endif /* SMKD_CBT_TEST_NETWORK_H */
