/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-gkdc-context.h"

#include "cbt-routing-protocol.h"
#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdGkdcContext");

SmkdGkdcContext::SmkdGkdcContext(const Object& node,
                                 SmkdGkdcSettings settings,
                                 SmkdGkdcTraces traces)
    : settings(settings),
      traces(traces),
      m_node(node)
{
}

Ptr<SmkdCryptoEngine>
SmkdGkdcContext::Engine() const
{
    return m_node.GetObject<SmkdCryptoEngine>();
}

Ptr<CbtRoutingProtocol>
SmkdGkdcContext::Cbt() const
{
    return m_node.GetObject<CbtRoutingProtocol>();
}

Ptr<Ipv4>
SmkdGkdcContext::Ip() const
{
    return m_node.GetObject<Ipv4>();
}

Ipv4Address
SmkdGkdcContext::OwnAddress() const
{
    return smkd::FirstAddress(Ip());
}

SmkdExclusionStrategy
SmkdGkdcContext::Strategy() const
{
    return static_cast<SmkdExclusionStrategy>(settings.exclusion);
}

bool
SmkdGkdcContext::IsSecureGroup(Ipv4Address group) const
{
    for (const auto& [prefix, mask] : secureGroups)
    {
        if (mask.IsMatch(group, prefix))
        {
            return true;
        }
    }
    return false;
}

bool
SmkdGkdcContext::IsPrimaryCore(Ipv4Address group) const
{
    Ptr<CbtRoutingProtocol> cbt = Cbt();
    if (!cbt)
    {
        return false;
    }
    const std::vector<Ipv4Address>& cores = cbt->GetCoreMap()->GetCores(group);
    return !cores.empty() && Ip()->GetInterfaceForAddress(cores.front()) >= 0;
}

bool
SmkdGkdcContext::IsCoreOf(Ipv4Address group) const
{
    for (const Ipv4Address& c : Cbt()->GetCoreMap()->GetCores(group))
    {
        if (Cbt()->IsLocalAddress(c))
        {
            return true;
        }
    }
    return false;
}

Ipv4Address
SmkdGkdcContext::PrimaryCoreOf(Ipv4Address group) const
{
    const std::vector<Ipv4Address>& cores = Cbt()->GetCoreMap()->GetCores(group);
    return cores.empty() ? Ipv4Address::GetAny() : cores.front();
}

bool
SmkdGkdcContext::ActsAsGkdc(Ipv4Address group) const
{
    // Holding the keys is not enough: a GKDC cut off from the tree (after a
    // flush or expiry) lets the join through, so that it re-grafts the tree.
    if (!groups.count(group))
    {
        return false;
    }
    if (IsCoreOf(group))
    {
        return true;
    }
    // A GKDC that missed a re-key lets joins through to one that has the
    // new keys, and takes them from the answer as it passes (§6.1).
    return !settings.strict && Cbt()->IsOnTree(group) && !KeysStale(group);
}

bool
SmkdGkdcContext::KeysStale(Ipv4Address group) const
{
    auto it = groups.find(group);
    if (it == groups.end() || it->second.primary)
    {
        return false;
    }
    const SmkdSaParams& sa = it->second.bundle.sa;
    const Time expiry = NanoSeconds(static_cast<int64_t>(sa.activation)) + Seconds(sa.lifetime);
    return Simulator::Now() >= expiry - settings.recoveryMargin;
}

bool
SmkdGkdcContext::GivesKeysTo(Ipv4Address group, Ipv4Address router) const
{
    Ptr<SmkdKeyDirectory> dir = Engine()->GetDirectory();
    if (!dir->Certifies(router, SmkdRole::ROUTER))
    {
        return false; // keys sealed "for the next hop" go to routers only
    }
    // §7: in strict mode key distribution stays with the cores.
    if (settings.strict)
    {
        for (const Ipv4Address& c : Cbt()->GetCoreMap()->GetCores(group))
        {
            uint64_t a;
            uint64_t b;
            if (dir->Lookup(c, a) && dir->Lookup(router, b) && a == b)
            {
                return true;
            }
        }
        return false;
    }
    // §6.1: the trusted-router list, when there is one, names the future GKDCs.
    const SmkdGroupKeys* keys = Keys(group);
    return !keys || !keys->trusted || keys->trusted->Permits(router);
}

uint32_t
SmkdGkdcContext::EpochFloor(Ipv4Address group) const
{
    auto it = epochFloor.find(group);
    return it == epochFloor.end() ? 0 : it->second;
}

const SmkdGroupKeys*
SmkdGkdcContext::Keys(Ipv4Address group) const
{
    auto it = groups.find(group);
    return it == groups.end() ? nullptr : &it->second;
}

void
SmkdGkdcContext::SendDelivery(SmkdKeyDelivery d, Ipv4Address host, const std::string& kind)
{
    NS_LOG_FUNCTION(this << host << kind);
    d.signer = OwnAddress();
    // A host takes a delivery from a certified router only (RFC 1949 §6.2
    // leaves it unsigned; a former member on the LAN could answer first).
    Engine()->Sign(d.SignedBytes(),
                   Callback<void, Bytes>([this, d, host, kind](Bytes signature) mutable {
                       d.signature = std::move(signature);
                       const Bytes bytes = d.Serialize();
                       traces.securityBytes(kind, static_cast<uint32_t>(bytes.size()));
                       if (socket)
                       {
                           socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                                          0,
                                          InetSocketAddress(host, SmkdKeyDelivery::PORT));
                       }
                   }));
}

void
SmkdGkdcContext::DropKeyMessage(const std::string& why)
{
    ++droppedKeyMessages;
    NS_LOG_INFO("dropped a group key message: " << why);
}

} // namespace ns3
