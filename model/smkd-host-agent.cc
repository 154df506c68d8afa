/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-host-agent.h"

#include "igmp-host.h"
#include "smkd-access-list.h"
#include "smkd-crypto-engine.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostAgent");

NS_OBJECT_ENSURE_REGISTERED(SmkdHostAgent);

TypeId
SmkdHostAgent::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdHostAgent")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdHostAgent>()
            .AddAttribute("OldKeyGrace",
                          "How long a superseded group key is still accepted after its "
                          "successor took effect, so that data in flight still opens.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&SmkdHostAgent::m_oldKeyGrace),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RekeyRecoveryMargin",
                          "A member still without a successor key this long before its key "
                          "expires missed the re-key, and fetches the keys from its DR with a "
                          "fresh signed token. Keep it below the core's RekeyLeadTime.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&SmkdHostAgent::m_recoveryMargin),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("JoinStarted",
                            "The application asked to join a secure group: group.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_joinStarted),
                            "ns3::SmkdHostAgent::GroupTracedCallback")
            .AddTraceSource("Left",
                            "The host's membership of a secure group ended (Leave): group.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_left),
                            "ns3::SmkdHostAgent::GroupTracedCallback")
            .AddTraceSource("KeysInstalled",
                            "The host holds the group's keys: group, latency from Join().",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_keysInstalled),
                            "ns3::SmkdHostAgent::KeysTracedCallback")
            .AddAttribute("SenderRequestTimeout",
                          "How long a non-member sender waits for the primary core's answer "
                          "before asking again.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&SmkdHostAgent::m_senderRequestTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("SenderRequestTransmissions",
                          "How many times a non-member sender asks the primary core.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&SmkdHostAgent::m_senderRequestTries),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("SenderKeyReady",
                            "This host holds its own sender key: group, this sender, SPI.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_senderKeyReady),
                            "ns3::SmkdHostAgent::SenderTracedCallback")
            .AddTraceSource("SenderKeyInstalled",
                            "This member installed another sender's key, origin verified: "
                            "group, sender, SPI.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_senderKeyInstalled),
                            "ns3::SmkdHostAgent::SenderTracedCallback")
            .AddTraceSource("SenderRefused",
                            "The primary core refused this host as a sender: group, reason.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_senderRefused),
                            "ns3::SmkdHostAgent::RefusedTracedCallback")
            .AddTraceSource("RekeyInstalled",
                            "The host installed a re-keyed group key: group, its SPI.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_rekeyInstalled),
                            "ns3::SmkdHostAgent::RekeyTracedCallback")
            .AddTraceSource("LkhKeysUpdated",
                            "With the Lkh exclusion strategy, this member installed key tree "
                            "keys: its path from the primary core, or new keys from a tree "
                            "re-key: group, keys installed.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_lkhKeysUpdated),
                            "ns3::SmkdHostAgent::LkhTracedCallback")
            .AddTraceSource("JoinRefused",
                            "A secure join was refused: group, reason.",
                            MakeTraceSourceAccessor(&SmkdHostAgent::m_refused),
                            "ns3::SmkdHostAgent::RefusedTracedCallback");
    return tid;
}

void
SmkdHostAgent::SetCoreMap(Ptr<CbtCoreMap> cores)
{
    m_cores = cores;
}

void
SmkdHostAgent::DoInitialize()
{
    Simulator::ScheduleNow([this]() {
        Ptr<Node> node = GetObject<Node>();
        if (!node)
        {
            return;
        }
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), SmkdKeyDelivery::PORT));
        m_socket->SetRecvCallback(MakeCallback(&SmkdHostAgent::Receive, this));
        m_senderSocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_senderSocket->Bind();
        m_senderSocket->SetRecvCallback(MakeCallback(&SmkdHostAgent::ReceiveSenderAnswer, this));
        m_groupKeySocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_groupKeySocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), SmkdGroupKeyMessage::PORT));
        m_groupKeySocket->SetRecvCallback(
            MakeCallback(&SmkdHostAgent::ReceiveGroupKeyMessage, this));
    });
    Object::DoInitialize();
}

void
SmkdHostAgent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
    if (m_groupKeySocket)
    {
        m_groupKeySocket->Close();
    }
    m_groupKeySocket = nullptr;
    if (m_senderSocket)
    {
        m_senderSocket->Close();
    }
    m_senderSocket = nullptr;
    for (auto& [group, request] : m_senderRequests)
    {
        request.retransmit.Cancel();
    }
    for (auto& [group, event] : m_rekeyChecks)
    {
        event.Cancel();
    }
    for (auto& [group, event] : m_senderKeySwitch)
    {
        event.Cancel();
    }
    m_cores = nullptr;
    m_lkh.clear();
    m_sending.clear();
    Object::DoDispose();
}

void
SmkdHostAgent::Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << socket << interface << group);
    Ptr<IgmpHost> igmp = GetObject<IgmpHost>();
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    if (!igmp || !engine)
    {
        throw std::runtime_error(
            "SmkdHostAgent::Join: the node needs an IgmpHost and an SmkdCryptoEngine "
            "(IgmpHelper::InstallHosts, SmkdHelper::InstallHosts)");
    }
    if (!group.IsMulticast() || group.IsLocalMulticast())
    {
        std::ostringstream os;
        os << "SmkdHostAgent::Join: " << group << " is not a routable multicast group";
        throw std::invalid_argument(os.str());
    }
    igmp->SetSecureJoinTokenSource(MakeCallback(&SmkdHostAgent::TokenFor, this));
    m_interfaces[group] = interface;
    m_joinStarted(group);
    SignToken(group, interface, false, Callback<void>([igmp, socket, interface, group]() {
                  igmp->Join(socket, interface, group);
              }));
}

void
SmkdHostAgent::Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << socket << interface << group);
    Ptr<IgmpHost> igmp = GetObject<IgmpHost>();
    if (!igmp)
    {
        throw std::runtime_error("SmkdHostAgent::Leave: the node has no IgmpHost");
    }
    igmp->Leave(socket, interface, group);
    auto joined = m_interfaces.find(group);
    if (joined == m_interfaces.end() || joined->second != interface ||
        igmp->GetInterfaceState(interface, group).IsMember())
    {
        return; // another socket still wants the group there
    }
    m_interfaces.erase(joined);
    m_pending.erase(group);
    m_keys.erase(group);
    m_ring.erase(group);
    m_tokens.erase(group);
    m_lkh.erase(group);
    // Other senders' keys go with the group key; so does a member sender's
    // own key: one that left sends under a non-member's key, if at all.
    m_senderKeys.erase(group);
    m_earlySenderKeys.erase(group);
    if (m_memberSender.erase(group))
    {
        m_ownSenderKeys.erase(group);
        m_senderKeySwitch[group].Cancel();
    }
    auto check = m_rekeyChecks.find(group);
    if (check != m_rekeyChecks.end())
    {
        check->second.Cancel();
        m_rekeyChecks.erase(check);
    }
    m_left(group);
}

void
SmkdHostAgent::SignToken(Ipv4Address group, uint32_t interface, bool recovery, Callback<void> then)
{
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    // RFC 1949 App. A and §6.2: [t_h, r_h]^SK_h, without a recipient.
    Pending p;
    p.started = Simulator::Now();
    p.recovery = recovery;
    p.token = SmkdToken::Make(GetObject<Ipv4>()->GetAddress(interface, 0).GetLocal(),
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
SmkdHostAgent::Reauthenticate(Ipv4Address group, bool recovery)
{
    auto it = m_interfaces.find(group);
    if (it == m_interfaces.end() || !m_keys.count(group) || m_pending.count(group))
    {
        return;
    }
    // §6.2: after a repair the re-join is as secure as the join: a fresh token.
    const uint32_t interface = it->second;
    Ptr<IgmpHost> igmp = GetObject<IgmpHost>();
    SignToken(group, interface, recovery, Callback<void>([igmp, interface, group]() {
                  igmp->ReportCurrentState(interface, group);
              }));
}

std::vector<uint8_t>
SmkdHostAgent::TokenFor(Ipv4Address group, uint32_t interface)
{
    // Every report of this membership carries the join's token, retransmissions
    // and answers to queries included (a router that lost its state can check it).
    auto it = m_tokens.find(group);
    return it == m_tokens.end() ? std::vector<uint8_t>{} : it->second;
}

void
SmkdHostAgent::Receive(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        Bytes bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        SmkdKeyDelivery d;
        if (!SmkdKeyDelivery::Parse(bytes, d))
        {
            NS_LOG_WARN("dropped a malformed key delivery");
            continue;
        }
        Delivered(d);
    }
}

void
SmkdHostAgent::Delivered(SmkdKeyDelivery d)
{
    // Cheap checks first: what names neither this host's current join nor
    // a key it holds is dropped without a verification.
    auto pending = m_pending.find(d.group);
    auto token = m_tokens.find(d.group);
    const bool answersJoin =
        (d.type == SmkdKeyDelivery::Type::KEYS || d.type == SmkdKeyDelivery::Type::REFUSED) &&
        pending != m_pending.end() && d.hostToken == pending->second.tokenBytes;
    const bool renewsJoin = d.type == SmkdKeyDelivery::Type::REAUTH && token != m_tokens.end() &&
                            d.hostToken == token->second && m_keys.count(d.group);
    const bool unsolicited =
        (d.type == SmkdKeyDelivery::Type::REKEY || d.type == SmkdKeyDelivery::Type::LKH_PATH) &&
        m_interfaces.count(d.group);
    if (!answersJoin && !renewsJoin && !unsolicited)
    {
        return; // not for a join or a membership of this host
    }
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    if (!engine->GetDirectory()->Certifies(d.signer, SmkdRole::ROUTER))
    {
        DropKeyMessage("key delivery from a node not certified as a router");
        return;
    }
    engine->Verify(d.signer, d.SignedBytes(), d.signature, Callback<void, bool>([this, d](bool ok) {
                       if (!ok)
                       {
                           DropKeyMessage("key delivery signature does not verify");
                           return;
                       }
                       DeliveryVerified(d);
                   }));
}

void
SmkdHostAgent::DeliveryVerified(SmkdKeyDelivery d)
{
    if (d.type == SmkdKeyDelivery::Type::REAUTH)
    {
        Reauthenticate(d.group, false);
        return;
    }
    if (d.type == SmkdKeyDelivery::Type::REKEY)
    {
        ExclusionRekey(d);
        return;
    }
    if (d.type == SmkdKeyDelivery::Type::LKH_PATH)
    {
        LkhPathKeys(d);
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
        m_refused(d.group, d.reason);
        return;
    }
    const Ipv4Address group = d.group;
    GetObject<SmkdCryptoEngine>()->Open(
        d.sealed,
        Callback<void, bool, Bytes>(
            [this, group](bool ok, Bytes p) { Opened(group, ok, std::move(p)); }));
}

void
SmkdHostAgent::Opened(Ipv4Address group, bool ok, Bytes plaintext)
{
    SmkdSignedBlob blob;
    SmkdKeyBundle bundle;
    const std::vector<Ipv4Address> cores =
        m_cores ? m_cores->GetCores(group) : std::vector<Ipv4Address>{};
    if (!ok || cores.empty() ||
        !SmkdKeyBundle::ParseSigned(plaintext, group, cores.front(), blob, bundle))
    {
        m_pending.erase(group);
        m_refused(group, "the delivered keys do not open or are not the primary core's");
        return;
    }
    // §6.2: "h decrypts the key pair ... and stores the SA parameters": after
    // checking that the primary core signed them.
    GetObject<SmkdCryptoEngine>()->Verify(
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
                m_refused(group, "the key bundle's signature does not verify");
                return;
            }
            const bool fresh = !GetKeysBySpi(group, bundle.sa.spi);
            const bool hadKeys = m_keys.count(group) > 0;
            Install(bundle);
            if (!recovery)
            {
                m_keysInstalled(group, latency);
            }
            if (fresh && hadKeys)
            {
                m_rekeyInstalled(group, bundle.sa.spi);
            }
        }));
}

const SmkdKeyBundle*
SmkdHostAgent::GetKeys(Ipv4Address group) const
{
    auto it = m_keys.find(group);
    return it == m_keys.end() ? nullptr : &it->second;
}

const SmkdKeyBundle*
SmkdHostAgent::GetActiveKeys(Ipv4Address group) const
{
    auto ring = m_ring.find(group);
    if (ring == m_ring.end())
    {
        return nullptr;
    }
    // The newest epoch in force: an exclusion's keys take effect at once and
    // outrank a periodic re-key announced before it, whose activation may
    // come later (that one is dropped when the exclusion's keys arrive).
    const uint64_t now = static_cast<uint64_t>(Simulator::Now().GetNanoSeconds());
    const SmkdKeyBundle* best = nullptr;
    for (const auto& [spi, bundle] : ring->second)
    {
        if (bundle.sa.activation <= now && (!best || bundle.sa.epoch > best->sa.epoch))
        {
            best = &bundle;
        }
    }
    return best;
}

const SmkdKeyBundle*
SmkdHostAgent::GetKeysBySpi(Ipv4Address group, uint32_t spi) const
{
    auto ring = m_ring.find(group);
    if (ring == m_ring.end())
    {
        return nullptr;
    }
    auto it = ring->second.find(spi);
    return it == ring->second.end() ? nullptr : &it->second;
}

} // namespace ns3
