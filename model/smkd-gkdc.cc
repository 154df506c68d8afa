/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-gkdc.h"

#include "cbt-routing-protocol.h"
#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"
#include "smkd-error.h"
#include "smkd-exclusion.h"
#include "smkd-gkdc-context.h"
#include "smkd-group-creation.h"
#include "smkd-group-key-message.h"
#include "smkd-lkh-exclusion.h"
#include "smkd-management-message.h"
#include "smkd-rekeying.h"
#include "smkd-secure-join.h"
#include "smkd-sender-registration.h"
#include "smkd-socket-reader.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdGkdc");

NS_OBJECT_ENSURE_REGISTERED(SmkdGkdc);

TypeId
SmkdGkdc::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdGkdc")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdGkdc>()
            .AddAttribute("KeyLifetime",
                          "Lifetime of a group key (SAparams): a whole number of seconds, "
                          "as the SA parameters carry it.",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&SmkdGkdc::m_keyLifetime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("RekeyLeadTime",
                          "RFC 1949 §6.1: how long before the current key's lifetime ends the "
                          "primary core multicasts the next key; the new key takes effect when "
                          "the old one expires.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&SmkdGkdc::m_rekeyLead),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RekeyRecoveryMargin",
                          "A GKDC still without a successor key this long before its key "
                          "expires missed the re-key: it passes joins on towards the core "
                          "instead of answering them, and takes the new keys from the answer.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&SmkdGkdc::m_recoveryMargin),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("ExclusionStrategy",
                          "How the primary core excludes a member (Exclude): NewGroup (RFC "
                          "1949 §8: everyone re-joins), CoreUnicast (new keys sealed for each "
                          "listed host), SubtreeGkdc (hop by hop down the tree), Lkh (key tree).",
                          EnumValue(static_cast<int>(SmkdExclusionStrategy::NEW_GROUP)),
                          MakeEnumAccessor(&SmkdGkdc::m_exclusion),
                          MakeEnumChecker(static_cast<int>(SmkdExclusionStrategy::NEW_GROUP),
                                          "NewGroup",
                                          static_cast<int>(SmkdExclusionStrategy::CORE_UNICAST),
                                          "CoreUnicast",
                                          static_cast<int>(SmkdExclusionStrategy::SUBTREE_GKDC),
                                          "SubtreeGkdc",
                                          static_cast<int>(SmkdExclusionStrategy::LKH),
                                          "Lkh"))
            .AddAttribute("LkhDegree",
                          "Degree of the primary core's key trees with the Lkh strategy (RFC "
                          "2627 §5.4). A leave costs d*log_d(n) - 1 encrypted keys, the same "
                          "for d = 2 and d = 4 (and least near d = 3); a join costs log_d(n) "
                          "keys and every member stores log_d(n) + 1, half as many for d = 4 "
                          "as for d = 2.",
                          UintegerValue(4),
                          MakeUintegerAccessor(&SmkdGkdc::m_lkhDegree),
                          MakeUintegerChecker<uint32_t>(2))
            .AddAttribute("StrictCoreOnly",
                          "RFC 1949 §7: every secure join is carried to a core, and only "
                          "cores are GKDCs.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SmkdGkdc::m_strict),
                          MakeBooleanChecker())
            .AddAttribute("PacketHandles",
                          "RFC 1949 §3: with each secure JOIN_ACK over a point-to-point link "
                          "to a downstream router, give that router the link's secret packet "
                          "handle, sealed for it; the link's data then carries the handle. A "
                          "router always accepts a handle offered to it.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SmkdGkdc::m_packetHandles),
                          MakeBooleanChecker())
            .AddAttribute("TokenWindow",
                          "How far a token's timestamp may lie from now (RFC 1949 App. A).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&SmkdGkdc::m_tokenWindow),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("HostJoinBurst",
                          "Secure-join reports with a fresh token that one host may have "
                          "verified here at once (a per-source token bucket): each costs a "
                          "signature verification and a signed answer, so a host that signs a "
                          "new token for every report is held to HostJoinBurst, then "
                          "HostJoinRate. Reports over it are dropped unanswered and counted; "
                          "a member's own are retransmitted with the same token (RFC 3376 "
                          "§8.11), so a delayed join goes through with the next copy.",
                          UintegerValue(8),
                          MakeUintegerAccessor(&SmkdGkdc::m_hostJoinBurst),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("HostJoinRate",
                          "Fresh-token reports per second one host may have verified here "
                          "once its HostJoinBurst is spent.",
                          DoubleValue(1.0),
                          MakeDoubleAccessor(&SmkdGkdc::m_hostJoinRate),
                          MakeDoubleChecker<double>(1e-6))
            .AddAttribute("TransactionTimeout",
                          "How long a router keeps a secure join it forwarded without an answer.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&SmkdGkdc::m_transactionTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource("JoinRefused",
                            "A secure join was refused here: group, host, reason.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_joinRefused),
                            "ns3::SmkdGkdc::JoinRefusedTracedCallback")
            .AddTraceSource("JoinAnswered",
                            "This router answered a secure join as GKDC: group, host.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_joinAnswered),
                            "ns3::SmkdGkdc::JoinAnsweredTracedCallback")
            .AddTraceSource("SecurityBytes",
                            "A message left with RFC 1949 security payload: kind (secure "
                            "JOIN_REQUEST, JOIN_ACK, JOIN_NACK, key delivery, refusal, re-auth "
                            "request, ACL answer), bytes of security options or payload.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_securityBytes),
                            "ns3::SmkdGkdc::SecurityBytesTracedCallback")
            .AddTraceSource("PacketHandleAgreed",
                            "A tree link got its packet handle (RFC 1949 §3), at the parent as "
                            "it offered it and at the child as it opened it: group, interface, "
                            "neighbour.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_handleAgreed),
                            "ns3::SmkdGkdc::LinkHandleTracedCallback")
            .AddTraceSource("GkdcRoleGained",
                            "This router became a GKDC of a group: group.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_gkdcGained),
                            "ns3::SmkdGkdc::GroupTracedCallback")
            .AddTraceSource("RekeySent",
                            "The primary core multicast a new group key: group, its SPI.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_rekeySent),
                            "ns3::SmkdGkdc::RekeyTracedCallback")
            .AddTraceSource("KeysUpdated",
                            "This GKDC installed a re-keyed bundle: group, its SPI.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_keysUpdated),
                            "ns3::SmkdGkdc::RekeyTracedCallback")
            .AddTraceSource("SenderRegistered",
                            "The primary core gave a non-member sender its key and multicast "
                            "it to the group: group, sender, SPI.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_senderRegistered),
                            "ns3::SmkdGkdc::SenderTracedCallback")
            .AddTraceSource("SenderRefused",
                            "The primary core refused a non-member sender: group, sender, reason.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_senderRefused),
                            "ns3::SmkdGkdc::JoinRefusedTracedCallback")
            .AddTraceSource("ExclusionStarted",
                            "The primary core began excluding a member: group, member.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_exclusionStarted),
                            "ns3::SmkdGkdc::JoinAnsweredTracedCallback")
            .AddTraceSource("GkdcRoleLost",
                            "An exclusion revoked this router's keys of a group: group.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_gkdcLost),
                            "ns3::SmkdGkdc::GroupTracedCallback")
            .AddTraceSource("LkhRekeySent",
                            "With the Lkh strategy the primary core multicast a key tree "
                            "join or leave re-key: group, the tree's re-key, the message's "
                            "wire bytes.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_lkhRekeySent),
                            "ns3::SmkdGkdc::LkhRekeyTracedCallback")
            .AddTraceSource("AclRejected",
                            "A submitted access list was refused: group, reason.",
                            MakeTraceSourceAccessor(&SmkdGkdc::m_aclRejected),
                            "ns3::SmkdGkdc::RejectedTracedCallback");
    return tid;
}

SmkdGkdc::SmkdGkdc()
    : m_context(std::make_unique<SmkdGkdcContext>(*this,
                                                  SmkdGkdcSettings{m_keyLifetime,
                                                                   m_rekeyLead,
                                                                   m_recoveryMargin,
                                                                   m_exclusion,
                                                                   m_lkhDegree,
                                                                   m_strict,
                                                                   m_packetHandles,
                                                                   m_tokenWindow,
                                                                   m_transactionTimeout,
                                                                   m_hostJoinBurst,
                                                                   m_hostJoinRate},
                                                  SmkdGkdcTraces{m_joinRefused,
                                                                 m_joinAnswered,
                                                                 m_securityBytes,
                                                                 m_handleAgreed,
                                                                 m_gkdcGained,
                                                                 m_gkdcLost,
                                                                 m_rekeySent,
                                                                 m_keysUpdated,
                                                                 m_senderRegistered,
                                                                 m_senderRefused,
                                                                 m_exclusionStarted,
                                                                 m_lkhRekeySent,
                                                                 m_aclRejected})),
      m_creation(std::make_unique<SmkdGroupCreation>(*m_context)),
      m_secureJoin(std::make_unique<SmkdSecureJoin>(*m_context)),
      m_rekeying(std::make_unique<SmkdRekeying>(*m_context)),
      m_exclusionConcern(std::make_unique<SmkdExclusion>(*m_context)),
      m_lkh(std::make_unique<SmkdLkhExclusion>(*m_context)),
      m_senders(std::make_unique<SmkdSenderRegistration>(*m_context))
{
    NS_LOG_FUNCTION(this);
    m_context->secureJoin = m_secureJoin.get();
    m_context->rekeying = m_rekeying.get();
    m_context->exclusion = m_exclusionConcern.get();
    m_context->lkh = m_lkh.get();
    m_context->senders = m_senders.get();
}

SmkdGkdc::~SmkdGkdc() = default;

void
SmkdGkdc::CheckTimers() const
{
    // RFC 1949 §6.1: the next key leaves RekeyLeadTime before expiry, and a
    // GKDC without it RekeyRecoveryMargin before expiry takes itself for one
    // that missed it. Out of this order every GKDC would always take the
    // missed-re-key path, sending every join on to the core.
    smkd::CheckLifetime("SmkdGkdc", m_keyLifetime);
    SMKD_REQUIRE(m_rekeyLead < m_keyLifetime && m_recoveryMargin < m_rekeyLead,
                 "re-key timers: need RekeyRecoveryMargin ("
                     << m_recoveryMargin.As(Time::S) << ") < RekeyLeadTime ("
                     << m_rekeyLead.As(Time::S) << ") < KeyLifetime (" << m_keyLifetime.As(Time::S)
                     << ")");
}

void
SmkdGkdc::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    CheckTimers(); // again: attributes may have changed since installation
    m_context->tokenChecker = SmkdTokenChecker(m_tokenWindow);
    m_secureJoin->Initialize();
    Simulator::ScheduleNow([this]() {
        Ptr<Node> node = GetObject<Node>();
        if (!node)
        {
            return;
        }
        m_context->socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_context->socket->Bind(
            InetSocketAddress(Ipv4Address::GetAny(), SmkdManagementMessage::PORT));
        m_context->socket->SetRecvCallback(MakeCallback(&SmkdGkdc::Receive, this));
        // Multicast reaches a router's sockets whatever its interfaces joined:
        // ns-3's list routing delivers every multicast packet locally.
        m_context->groupKeySocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_context->groupKeySocket->Bind(
            InetSocketAddress(Ipv4Address::GetAny(), SmkdGroupKeyMessage::PORT));
        m_context->groupKeySocket->SetRecvCallback(
            MakeCallback(&SmkdGkdc::ReceiveGroupKeyMessage, this));
    });
    Object::DoInitialize();
}

void
SmkdGkdc::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (Ptr<Socket>* socket : {&m_context->socket, &m_context->groupKeySocket})
    {
        if (*socket)
        {
            (*socket)->Close();
        }
        *socket = nullptr;
    }
    m_creation->Dispose();
    m_secureJoin->Dispose();
    m_rekeying->Dispose();
    m_exclusionConcern->Dispose();
    m_lkh->Dispose();
    m_senders->Dispose();
    m_context->groups.clear();
    m_context->served.clear();
    m_context->keylessServed.clear();
    Object::DoDispose();
}

bool
SmkdGkdc::IsGkdc(Ipv4Address group) const
{
    return m_context->groups.count(group) > 0;
}

const SmkdGroupKeys*
SmkdGkdc::GetGroupKeys(Ipv4Address group) const
{
    return m_context->Keys(group);
}

uint64_t
SmkdGkdc::GetRejectedCount() const
{
    return m_creation->GetRejectedCount();
}

void
SmkdGkdc::AddSecureGroups(Ipv4Address prefix, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << prefix << mask);
    m_context->secureGroups.emplace_back(prefix.CombineMask(mask), mask);
}

bool
SmkdGkdc::IsSecureGroup(Ipv4Address group) const
{
    return m_context->IsSecureGroup(group);
}

void
SmkdGkdc::HostJoin(Ipv4Address host,
                   Ipv4Address group,
                   uint32_t interface,
                   const std::vector<uint8_t>& token)
{
    NS_LOG_FUNCTION(this << host << group << interface);
    m_secureJoin->HostJoin(host, group, interface, token);
}

bool
SmkdGkdc::HandleCbtMessage(const CbtMessage& message, const Ipv4Header& ip, uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    if (!m_context->Cbt() || !m_context->Engine())
    {
        return false; // not set up for secure joins: let CBT treat it as any join
    }
    m_secureJoin->Receive(message, ip, interface);
    return true;
}

void
SmkdGkdc::Rejoin(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    m_secureJoin->Rejoin(group);
}

uint64_t
SmkdGkdc::GetRefusedJoins() const
{
    return m_secureJoin->GetRefusedJoins();
}

uint64_t
SmkdGkdc::GetRateLimitedJoins() const
{
    return m_secureJoin->GetRateLimitedJoins();
}

uint64_t
SmkdGkdc::GetAnsweredJoins() const
{
    return m_secureJoin->GetAnsweredJoins();
}

bool
SmkdGkdc::RekeyNow(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    return m_rekeying->RekeyNow(group);
}

void
SmkdGkdc::Exclude(Ipv4Address group, Ipv4Address member)
{
    NS_LOG_FUNCTION(this << group << member);
    m_exclusionConcern->Exclude(group, member);
}

uint64_t
SmkdGkdc::GetDroppedKeyMessages() const
{
    return m_context->droppedKeyMessages;
}

Ptr<const SmkdKeyTree>
SmkdGkdc::GetKeyTree(Ipv4Address group) const
{
    return m_lkh->GetKeyTree(group);
}

void
SmkdGkdc::Receive(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Address from;
    Ptr<Packet> p;
    while ((p = socket->RecvFrom(from)))
    {
        SmkdManagementMessage m;
        Bytes bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        if (SmkdManagementMessage::Parse(bytes, m) &&
            m.type == SmkdManagementMessage::Type::SENDER_REQUEST)
        {
            m_senders->Receive(m, from);
            continue;
        }
        if (SmkdManagementMessage::Parse(bytes, m) &&
            m.type == SmkdManagementMessage::Type::MEMBER_JOINED)
        {
            m_lkh->ReceiveMemberJoined(m);
            continue;
        }
        if (!smkd::ReadAclSubmission(p, m))
        {
            NS_LOG_WARN("dropped a malformed or unexpected management message");
            continue;
        }
        m_creation->Receive(m, from);
    }
}

void
SmkdGkdc::ReceiveGroupKeyMessage(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    smkd::ReadMessages<SmkdGroupKeyMessage>(
        socket,
        [this](const SmkdGroupKeyMessage& m) {
            const bool fromAbove =
                m_context->IsSecureGroup(m.group) && !m_context->IsPrimaryCore(m.group);
            switch (m.type)
            {
            case SmkdGroupKeyMessage::Type::REVOKE:
                if (fromAbove)
                {
                    // Taken with or without keys: a router that holds none yet must
                    // still refuse the revoked ones if an answer in flight brings them.
                    m_exclusionConcern->ReceiveRevocation(m);
                }
                break;
            case SmkdGroupKeyMessage::Type::SUBTREE_REKEY:
                if (fromAbove)
                {
                    // With keys or without: a router whose keys are still on their
                    // way in an answer learns which epochs are gone.
                    m_exclusionConcern->ReceiveSubtreeRekey(m);
                }
                break;
            case SmkdGroupKeyMessage::Type::REKEY:
                m_rekeying->Receive(m);
                break;
            default:
                break; // sender keys and key tree re-keys are for members
            }
        },
        [this]() { m_context->DropKeyMessage("malformed group key message"); });
}

} // namespace ns3
