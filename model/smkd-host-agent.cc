/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-host-agent.h"

#include "igmp-host.h"
#include "smkd-crypto-engine.h"
#include "smkd-group-key-message.h"
#include "smkd-host-context.h"
#include "smkd-host-join.h"
#include "smkd-host-key-ring.h"
#include "smkd-host-lkh.h"
#include "smkd-host-sender.h"
#include "smkd-key-delivery.h"
#include "smkd-management-message.h"
#include "smkd-socket-reader.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
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

SmkdHostAgent::SmkdHostAgent()
    : m_context(std::make_unique<SmkdHostContext>(*this,
                                                  SmkdHostSettings{m_oldKeyGrace,
                                                                   m_recoveryMargin,
                                                                   m_senderRequestTimeout,
                                                                   m_senderRequestTries},
                                                  SmkdHostTraces{m_joinStarted,
                                                                 m_left,
                                                                 m_keysInstalled,
                                                                 m_refused,
                                                                 m_rekeyInstalled,
                                                                 m_lkhKeysUpdated,
                                                                 m_senderKeyReady,
                                                                 m_senderKeyInstalled,
                                                                 m_senderRefused})),
      m_join(std::make_unique<SmkdHostJoin>(*m_context)),
      m_keyRing(std::make_unique<SmkdHostKeyRing>(*m_context)),
      m_lkh(std::make_unique<SmkdHostLkh>(*m_context)),
      m_senders(std::make_unique<SmkdHostSender>(*m_context))
{
    NS_LOG_FUNCTION(this);
    m_context->join = m_join.get();
    m_context->keyRing = m_keyRing.get();
    m_context->lkh = m_lkh.get();
    m_context->senders = m_senders.get();
}

SmkdHostAgent::~SmkdHostAgent() = default;

void
SmkdHostAgent::SetCoreMap(Ptr<CbtCoreMap> cores)
{
    m_context->cores = cores;
}

void
SmkdHostAgent::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    Simulator::ScheduleNow([this]() {
        Ptr<Node> node = GetObject<Node>();
        if (!node)
        {
            return;
        }
        m_context->deliverySocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_context->deliverySocket->Bind(
            InetSocketAddress(Ipv4Address::GetAny(), SmkdKeyDelivery::PORT));
        m_context->deliverySocket->SetRecvCallback(
            MakeCallback(&SmkdHostAgent::ReceiveDelivery, this));
        m_context->senderSocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_context->senderSocket->Bind();
        m_context->senderSocket->SetRecvCallback(
            MakeCallback(&SmkdHostAgent::ReceiveSenderAnswer, this));
        m_context->groupKeySocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_context->groupKeySocket->Bind(
            InetSocketAddress(Ipv4Address::GetAny(), SmkdGroupKeyMessage::PORT));
        m_context->groupKeySocket->SetRecvCallback(
            MakeCallback(&SmkdHostAgent::ReceiveGroupKeyMessage, this));
    });
    Object::DoInitialize();
}

void
SmkdHostAgent::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (Ptr<Socket>* socket :
         {&m_context->deliverySocket, &m_context->groupKeySocket, &m_context->senderSocket})
    {
        if (*socket)
        {
            (*socket)->Close();
        }
        *socket = nullptr;
    }
    m_join->Dispose();
    m_keyRing->Dispose();
    m_lkh->Dispose();
    m_senders->Dispose();
    m_context->cores = nullptr;
    Object::DoDispose();
}

void
SmkdHostAgent::Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << socket << interface << group);
    if (!m_context->Igmp() || !m_context->Engine())
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
    m_join->Join(socket, interface, group);
}

void
SmkdHostAgent::Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << socket << interface << group);
    if (!m_context->Igmp())
    {
        throw std::runtime_error("SmkdHostAgent::Leave: the node has no IgmpHost");
    }
    m_join->Leave(socket, interface, group);
}

void
SmkdHostAgent::BecomeSender(Ipv4Address group, uint32_t interface)
{
    NS_LOG_FUNCTION(this << group << interface);
    if (!group.IsMulticast() || group.IsLocalMulticast())
    {
        throw std::invalid_argument("SmkdHostAgent::BecomeSender: not a routable multicast group");
    }
    m_senders->BecomeSender(group, interface);
}

const SmkdKeyBundle*
SmkdHostAgent::GetKeys(Ipv4Address group) const
{
    return m_keyRing->GetKeys(group);
}

const SmkdKeyBundle*
SmkdHostAgent::GetActiveKeys(Ipv4Address group) const
{
    return m_keyRing->GetActiveKeys(group);
}

const SmkdKeyBundle*
SmkdHostAgent::GetKeysBySpi(Ipv4Address group, uint32_t spi) const
{
    return m_keyRing->GetKeysBySpi(group, spi);
}

const SmkdSenderKey*
SmkdHostAgent::GetOwnSenderKey(Ipv4Address group) const
{
    return m_senders->GetOwnSenderKey(group);
}

const SmkdSenderKey*
SmkdHostAgent::GetSenderKey(Ipv4Address group, uint32_t spi) const
{
    return m_senders->GetSenderKey(group, spi);
}

uint64_t
SmkdHostAgent::GetDroppedKeyMessages() const
{
    return m_context->droppedKeyMessages;
}

Ptr<SmkdDataProtector>
SmkdHostAgent::GetSendingProtector(Ipv4Address group, uint32_t spi, const Bytes& key)
{
    return m_senders->GetSendingProtector(group, spi, key);
}

const SmkdKeyTreeMember*
SmkdHostAgent::GetKeyTreeMember(Ipv4Address group) const
{
    return m_lkh->GetMember(group);
}

void
SmkdHostAgent::ReceiveDelivery(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    smkd::ReadMessages<SmkdKeyDelivery>(
        socket,
        [this](const SmkdKeyDelivery& d) { m_join->ReceiveDelivery(d); },
        [this]() { NS_LOG_WARN("dropped a malformed key delivery"); });
}

void
SmkdHostAgent::ReceiveGroupKeyMessage(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    smkd::ReadMessages<SmkdGroupKeyMessage>(
        socket,
        [this](const SmkdGroupKeyMessage& m) {
            if (m.type == SmkdGroupKeyMessage::Type::LKH_REKEY && m_context->IsJoined(m.group))
            {
                // Under key tree keys, not a bundle's; heard by a newcomer too,
                // whose group keys may still be being opened.
                m_lkh->ReceiveRekey(m);
                return;
            }
            if (!m_keyRing->GetKeys(m.group) || m.type == SmkdGroupKeyMessage::Type::REVOKE ||
                m.type == SmkdGroupKeyMessage::Type::SUBTREE_REKEY ||
                m.type == SmkdGroupKeyMessage::Type::LKH_REKEY)
            {
                return; // not a member, or a message for the GKDCs
            }
            const SmkdKeyBundle* under = m_keyRing->GetKeysBySpi(m.group, m.keySpi);
            if (m.type == SmkdGroupKeyMessage::Type::SENDER_KEY)
            {
                m_senders->ReceiveAnnouncement(m, under);
                return;
            }
            if (!under)
            {
                m_context->DropKeyMessage(
                    "group key message under a key this member does not hold");
                return;
            }
            m_keyRing->ReceiveRekey(m, *under);
        },
        [this]() { m_context->DropKeyMessage("malformed group key message"); });
}

void
SmkdHostAgent::ReceiveSenderAnswer(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    smkd::ReadMessages<SmkdManagementMessage>(
        socket,
        [this](const SmkdManagementMessage& m) { m_senders->ReceiveAnswer(m); },
        [this]() { m_context->DropKeyMessage("malformed answer from the primary core"); });
}

} // namespace ns3
