/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A host's secure join (RFC 1949 §6.2, App. B): the token its reports carry,
// and the deliveries of its DR.

#include "smkd-host-join.h"

#include "igmp-host.h"
#include "smkd-crypto-engine.h"
#include "smkd-host-context.h"
#include "smkd-host-key-ring.h"
#include "smkd-host-lkh.h"
#include "smkd-host-sender.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostJoin");

SmkdHostJoin::SmkdHostJoin(SmkdHostContext& context)
    : m_context(context)
{
}

void
SmkdHostJoin::Dispose()
{
    m_pending.clear();
}

void
SmkdHostJoin::Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << socket << interface << group);
    Ptr<IgmpHost> igmp = m_context.Igmp();
    igmp->SetSecureJoinTokenSource(MakeCallback(&SmkdHostJoin::TokenFor, this));
    m_context.interfaces[group] = interface;
    m_context.traces.joinStarted(group);
    SignToken(group, interface, false, Callback<void>([igmp, socket, interface, group]() {
                  igmp->Join(socket, interface, group);
              }));
}

void
SmkdHostJoin::Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << socket << interface << group);
    Ptr<IgmpHost> igmp = m_context.Igmp();
    if (!igmp)
    {
        throw std::runtime_error("SmkdHostJoin::Leave: the node has no IgmpHost");
    }
    igmp->Leave(socket, interface, group);
    auto joined = m_context.interfaces.find(group);
    if (joined == m_context.interfaces.end() || joined->second != interface ||
        igmp->GetInterfaceState(interface, group).IsMember())
    {
        return; // another socket still wants the group there
    }
    m_context.interfaces.erase(joined);
    m_pending.erase(group);
    m_tokens.erase(group);
    m_context.keyRing->ForgetGroup(group);
    m_context.lkh->ForgetGroup(group);
    m_context.senders->ForgetGroup(group);
    m_context.traces.left(group);
}

void
SmkdHostJoin::SignToken(Ipv4Address group, uint32_t interface, bool recovery, Callback<void> then)
{
    NS_LOG_FUNCTION(this << group << interface << recovery);
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    // RFC 1949 App. A and §6.2: [t_h, r_h]^SK_h, without a recipient.
    Pending p;
    p.started = Simulator::Now();
    p.recovery = recovery;
    p.token = SmkdToken::Make(m_context.Ip()->GetAddress(interface, 0).GetLocal(),
                              group,
                              Ipv4Address::GetAny(),
                              engine->Random(8));
    m_pending[group] = p;
    engine->Sign(p.token.SignedBytes(), Callback<void, Bytes>([this, group, then](Bytes signature) {
                     auto it = m_pending.find(group);
                     if (it == m_pending.end())
                     {
                         return;
                     }
                     it->second.token.signature = std::move(signature);
                     it->second.tokenBytes = it->second.token.Serialize();
                     m_tokens[group] = it->second.tokenBytes;
                     then();
                 }));
}

void
SmkdHostJoin::Reauthenticate(Ipv4Address group, bool recovery)
{
    NS_LOG_FUNCTION(this << group << recovery);
    auto it = m_context.interfaces.find(group);
    if (it == m_context.interfaces.end() || !m_context.keyRing->GetKeys(group) ||
        m_pending.count(group))
    {
        return;
    }
    // §6.2: after a repair the re-join is as secure as the join: a fresh token.
    const uint32_t interface = it->second;
    Ptr<IgmpHost> igmp = m_context.Igmp();
    SignToken(group, interface, recovery, Callback<void>([igmp, interface, group]() {
                  igmp->ReportCurrentState(interface, group);
              }));
}

std::vector<uint8_t>
SmkdHostJoin::TokenFor(Ipv4Address group, uint32_t interface)
{
    // Every report of this membership carries the join's token, retransmissions
    // and answers to queries included (a router that lost its state can check it).
    auto it = m_tokens.find(group);
    return it == m_tokens.end() ? std::vector<uint8_t>{} : it->second;
}

void
SmkdHostJoin::ReceiveDelivery(SmkdKeyDelivery d)
{
    NS_LOG_FUNCTION(this << d.group);
    // Cheap checks first: what names neither this host's current join nor
    // a key it holds is dropped without a verification.
    auto pending = m_pending.find(d.group);
    auto token = m_tokens.find(d.group);
    const bool answersJoin =
        (d.type == SmkdKeyDelivery::Type::KEYS || d.type == SmkdKeyDelivery::Type::REFUSED) &&
        pending != m_pending.end() && d.hostToken == pending->second.tokenBytes;
    const bool renewsJoin = d.type == SmkdKeyDelivery::Type::REAUTH && token != m_tokens.end() &&
                            d.hostToken == token->second && m_context.keyRing->GetKeys(d.group);
    const bool unsolicited =
        (d.type == SmkdKeyDelivery::Type::REKEY || d.type == SmkdKeyDelivery::Type::LKH_PATH) &&
        m_context.interfaces.count(d.group);
    if (!answersJoin && !renewsJoin && !unsolicited)
    {
        return; // not for a join or a membership of this host
    }
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    if (!engine->GetDirectory()->Certifies(d.signer, SmkdRole::ROUTER))
    {
        m_context.DropKeyMessage("key delivery from a node not certified as a router");
        return;
    }
    engine->Verify(d.signer, d.SignedBytes(), d.signature, Callback<void, bool>([this, d](bool ok) {
                       if (!ok)
                       {
                           m_context.DropKeyMessage("key delivery signature does not verify");
                           return;
                       }
                       DeliveryVerified(d);
                   }));
}

void
SmkdHostJoin::DeliveryVerified(SmkdKeyDelivery d)
{
    NS_LOG_FUNCTION(this << d.group);
    if (d.type == SmkdKeyDelivery::Type::REAUTH)
    {
        Reauthenticate(d.group, false);
        return;
    }
    if (d.type == SmkdKeyDelivery::Type::REKEY)
    {
        m_context.keyRing->ReceiveExclusionRekey(d);
        return;
    }
    if (d.type == SmkdKeyDelivery::Type::LKH_PATH)
    {
        m_context.lkh->ReceivePathKeys(d);
        return;
    }
    auto it = m_pending.find(d.group);
    if (it == m_pending.end() || d.hostToken != it->second.tokenBytes)
    {
        return; // not an answer to our current join
    }
    if (d.type == SmkdKeyDelivery::Type::REFUSED)
    {
        m_pending.erase(it);
        m_context.traces.refused(d.group, d.reason);
        return;
    }
    const Ipv4Address group = d.group;
    m_context.Engine()->Open(d.sealed, Callback<void, bool, Bytes>([this, group](bool ok, Bytes p) {
                                 Opened(group, ok, std::move(p));
                             }));
}

void
SmkdHostJoin::Opened(Ipv4Address group, bool ok, Bytes plaintext)
{
    NS_LOG_FUNCTION(this << group << ok);
    SmkdSignedBlob blob;
    SmkdKeyBundle bundle;
    const Ipv4Address primary = m_context.PrimaryCore(group);
    if (!ok || primary == Ipv4Address::GetAny() ||
        !SmkdKeyBundle::ParseSigned(plaintext, group, primary, blob, bundle))
    {
        m_pending.erase(group);
        m_context.traces.refused(group,
                                 "the delivered keys do not open or are not the primary core's");
        return;
    }
    // §6.2: "h decrypts the key pair ... and stores the SA parameters": after
    // checking that the primary core signed them.
    m_context.Engine()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, group, bundle](bool verified) {
            auto it = m_pending.find(group);
            if (it == m_pending.end())
            {
                return;
            }
            const Time latency = Simulator::Now() - it->second.started;
            const bool recovery = it->second.recovery;
            m_pending.erase(it);
            if (!verified)
            {
                m_context.traces.refused(group, "the key bundle's signature does not verify");
                return;
            }
            const bool fresh = !m_context.keyRing->GetKeysBySpi(group, bundle.sa.spi);
            const bool hadKeys = m_context.keyRing->GetKeys(group) != nullptr;
            m_context.keyRing->Install(bundle);
            if (!recovery)
            {
                m_context.traces.keysInstalled(group, latency);
            }
            if (fresh && hadKeys)
            {
                m_context.traces.rekeyInstalled(group, bundle.sa.spi);
            }
        }));
}

} // namespace ns3
