/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-gkdc.h"

#include "cbt-routing-protocol.h"
#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"
#include "smkd-error.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
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
                          "Lifetime of a group key, in seconds (SAparams).",
                          UintegerValue(3600),
                          MakeUintegerAccessor(&SmkdGkdc::m_keyLifetime),
                          MakeUintegerChecker<uint32_t>(1))
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

SmkdGkdc::SmkdGkdc() = default;

void
SmkdGkdc::CheckTimers() const
{
    // RFC 1949 §6.1: the next key leaves RekeyLeadTime before expiry, and a
    // GKDC without it RekeyRecoveryMargin before expiry takes itself for one
    // that missed it. Out of this order every GKDC would always take the
    // missed-re-key path, sending every join on to the core.
    SMKD_REQUIRE(m_rekeyLead < Seconds(m_keyLifetime) && m_recoveryMargin < m_rekeyLead,
                 "re-key timers: need RekeyRecoveryMargin ("
                     << m_recoveryMargin.As(Time::S) << ") < RekeyLeadTime ("
                     << m_rekeyLead.As(Time::S) << ") < KeyLifetime (" << m_keyLifetime << " s)");
}

void
SmkdGkdc::DoInitialize()
{
    CheckTimers(); // again: attributes may have changed since installation
    m_tokenChecker = SmkdTokenChecker(m_tokenWindow);
    Simulator::ScheduleNow([this]() {
        Ptr<Node> node = GetObject<Node>();
        if (!node)
        {
            return;
        }
        m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), SmkdManagementMessage::PORT));
        m_socket->SetRecvCallback(MakeCallback(&SmkdGkdc::Receive, this));
        // Multicast reaches a router's sockets whatever its interfaces joined:
        // ns-3's list routing delivers every multicast packet locally.
        m_groupKeySocket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_groupKeySocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), SmkdGroupKeyMessage::PORT));
        m_groupKeySocket->SetRecvCallback(MakeCallback(&SmkdGkdc::ReceiveGroupKeyMessage, this));
    });
    Object::DoInitialize();
}

void
SmkdGkdc::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
    m_drRetry.Cancel();
    m_waitingForDr.clear();
    if (m_groupKeySocket)
    {
        m_groupKeySocket->Close();
    }
    m_groupKeySocket = nullptr;
    for (auto& [group, event] : m_rekeyEvents)
    {
        event.Cancel();
    }
    m_rekeyEvents.clear();
    for (auto& [group, tree] : m_lkhTrees)
    {
        tree->Dispose();
    }
    m_lkhTrees.clear();
    m_groups.clear();
    Object::DoDispose();
}

bool
SmkdGkdc::IsGkdc(Ipv4Address group) const
{
    return m_groups.count(group) > 0;
}

const SmkdGroupKeys*
SmkdGkdc::GetGroupKeys(Ipv4Address group) const
{
    auto it = m_groups.find(group);
    return it == m_groups.end() ? nullptr : &it->second;
}

uint64_t
SmkdGkdc::GetRejectedCount() const
{
    return m_rejected;
}

bool
SmkdGkdc::IsPrimaryCore(Ipv4Address group) const
{
    Ptr<CbtRoutingProtocol> cbt = GetObject<CbtRoutingProtocol>();
    if (!cbt)
    {
        return false;
    }
    const std::vector<Ipv4Address>& cores = cbt->GetCoreMap()->GetCores(group);
    return !cores.empty() && GetObject<Ipv4>()->GetInterfaceForAddress(cores.front()) >= 0;
}

Ipv4Address
SmkdGkdc::OwnAddress() const
{
    return smkd::FirstAddress(GetObject<Ipv4>());
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
            HandleSenderRequest(m, from);
            continue;
        }
        if (SmkdManagementMessage::Parse(bytes, m) &&
            m.type == SmkdManagementMessage::Type::MEMBER_JOINED)
        {
            HandleMemberJoined(m);
            continue;
        }
        if (!smkd::ReadAclSubmission(p, m))
        {
            NS_LOG_WARN("dropped a malformed or unexpected management message");
            continue;
        }
        OpenSubmission(m, from);
    }
}

void
SmkdGkdc::OpenSubmission(SmkdManagementMessage m, Address from)
{
    // RFC 1949 §6.1: lists sealed for the primary core are opened first.
    smkd::OpenAclSubmission(
        GetObject<SmkdCryptoEngine>(),
        m,
        Callback<void, bool, SmkdManagementMessage, std::string>(
            [this, from](bool ok, SmkdManagementMessage opened, std::string why) {
                if (!ok)
                {
                    ++m_rejected;
                    m_aclRejected(opened.group, why);
                    Answer(opened, from, SmkdManagementMessage::Type::ACL_REJECTED, why);
                    return;
                }
                HandleSubmission(opened, from);
            }));
}

void
SmkdGkdc::HandleSubmission(const SmkdManagementMessage& m, Address from)
{
    NS_LOG_FUNCTION(this << m.group);
    if (!IsPrimaryCore(m.group))
    {
        Answer(m,
               from,
               SmkdManagementMessage::Type::ACL_REJECTED,
               "not the primary core of the group");
        return;
    }
    smkd::AclSubmission submission;
    std::string why;
    if (!smkd::ParseAclSubmission(m, submission, why))
    {
        Answer(m, from, SmkdManagementMessage::Type::ACL_REJECTED, why);
        return;
    }
    if (!smkd::IsAuthorisedInitiator(GetObject<SmkdCryptoEngine>(), submission, why))
    {
        ++m_rejected;
        m_aclRejected(m.group, why);
        Answer(m, from, SmkdManagementMessage::Type::ACL_REJECTED, why);
        return;
    }
    auto existing = m_groups.find(m.group);
    if (existing != m_groups.end())
    {
        // A retransmission of the list already in force is answered again.
        const auto type = smkd::AnswerToResubmission(existing->second.acl, submission.list, why);
        Answer(m, from, type, why);
        return;
    }
    // Keyed by the list's signature: a forged submission being verified
    // does not hold up the initiator's own.
    if (!m_inProgress.insert({m.group, submission.acl.signature}).second)
    {
        return; // the first copy is still being verified
    }
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    NS_ABORT_MSG_UNLESS(engine, "SmkdGkdc: node has no SmkdCryptoEngine");
    smkd::VerifyAclSubmission(engine,
                              submission,
                              Callback<void, bool>([this, m, from, submission](bool ok) {
                                  Verified(m, from, submission, ok);
                              }));
}

void
SmkdGkdc::Verified(const SmkdManagementMessage& m,
                   Address from,
                   const smkd::AclSubmission& submission,
                   bool ok)
{
    m_inProgress.erase({m.group, submission.acl.signature});
    if (!ok)
    {
        ++m_rejected;
        m_aclRejected(m.group, "signature does not verify");
        Answer(m, from, SmkdManagementMessage::Type::ACL_REJECTED, "signature does not verify");
        return;
    }
    CreateKeys(m, from, submission.list, submission.trustedList);
}

void
SmkdGkdc::CreateKeys(const SmkdManagementMessage& m,
                     Address from,
                     SmkdAccessList acl,
                     std::optional<SmkdAccessList> trusted)
{
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    // §6.1: the primary core creates the session key and the KEK.
    SmkdGroupKeys keys;
    keys.acl = acl;
    keys.trusted = trusted;
    keys.primary = true;
    keys.bundle = smkd::CreateKeyBundle(engine, m.group, m_keyLifetime);
    const Ipv4Address self = OwnAddress();
    keys.coreAcl = SmkdSignedBlob{self, acl.Serialize(), {}};
    keys.coreBundle = SmkdSignedBlob{self, keys.bundle.Serialize(), {}};
    // [ACL]^SK_core and [grpKey, KEK, SAparams]^SK_core: signed once, handed on many times.
    auto stored = std::make_shared<SmkdGroupKeys>(std::move(keys));
    engine->Sign(
        stored->coreAcl.SignedBytes(),
        Callback<void, Bytes>([this, engine, stored, m, from](Bytes aclSignature) {
            stored->coreAcl.signature = std::move(aclSignature);
            engine->Sign(
                stored->coreBundle.SignedBytes(),
                Callback<void, Bytes>([this, engine, stored, m, from](Bytes sig) {
                    stored->coreBundle.signature = std::move(sig);
                    if (stored->trusted)
                    {
                        // The trusted-router list goes down the tree too,
                        // under the core's signature.
                        SmkdSignedBlob t{OwnAddress(), stored->trusted->Serialize(), {}};
                        engine->Sign(
                            t.SignedBytes(),
                            Callback<void, Bytes>([this, stored, m, from, t](Bytes ts) mutable {
                                t.signature = std::move(ts);
                                stored->coreTrusted = t.Serialize();
                                m_groups[m.group] = *stored;
                                ScheduleRekey(m.group);
                                m_gkdcGained(m.group);
                                Answer(m, from, SmkdManagementMessage::Type::ACL_ACCEPTED);
                            }));
                        return;
                    }
                    m_groups[m.group] = *stored;
                    ScheduleRekey(m.group);
                    NS_LOG_INFO(m.group << ": primary core is now GKDC, SPI 0x" << std::hex
                                        << stored->bundle.sa.spi << std::dec);
                    m_gkdcGained(m.group);
                    Answer(m, from, SmkdManagementMessage::Type::ACL_ACCEPTED);
                }));
        }));
}

void
SmkdGkdc::Answer(const SmkdManagementMessage& m,
                 Address to,
                 SmkdManagementMessage::Type type,
                 const std::string& reason)
{
    smkd::SendAclAnswer(m_socket, m, to, type, reason);
}

} // namespace ns3
