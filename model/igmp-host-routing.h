/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_IGMP_HOST_ROUTING_H
#define SMKD_IGMP_HOST_ROUTING_H

#include "smkd-ns3-compat.h"

#include "ns3/ipv4-routing-protocol.h"

namespace ns3
{

class IgmpHost;

/**
 * \ingroup smkd
 * \brief A host's routing: another routing protocol, plus multicast
 * delivery that honours IGMP membership.
 *
 * ns-3.37's Ipv4ListRouting delivers every multicast packet locally before
 * asking any protocol, so a host's sockets see every group on its link. This
 * protocol takes the list's place on hosts: a multicast packet is delivered
 * only when the node's IgmpHost says the arrival interface wants that group
 * and source (RFC 3376 §3.2). Link-local groups (224.0.0.0/24) and IGMP
 * itself are always delivered. Everything else, unicast in particular, goes
 * to the wrapped protocol.
 */
class IgmpHostRouting : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \param inner the protocol that does everything but multicast delivery */
    void SetInner(Ptr<Ipv4RoutingProtocol> inner);

    /** \return the wrapped protocol */
    Ptr<Ipv4RoutingProtocol> GetInner() const;

    /** \return multicast packets not delivered because nobody asked for them */
    uint64_t GetFilteredCount() const;

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

  protected:
    void DoDispose() override;

  private:
    Ptr<Ipv4RoutingProtocol> m_inner;
    Ptr<Ipv4> m_ipv4;
    uint64_t m_filtered{0};
};

} // namespace ns3

#endif /* SMKD_IGMP_HOST_ROUTING_H */
