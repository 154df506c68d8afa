/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-central-kdc.h"

#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdCentralKdc");

NS_OBJECT_ENSURE_REGISTERED(SmkdCentralKdc);

TypeId
SmkdCentralKdc::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdCentralKdc")
            .SetParent<Application>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdCentralKdc>()
            .AddAttribute("SubmissionPort",
                          "UDP port of the group initiators' access lists (SmkdGroupInitiator "
                          "sends to SmkdManagementMessage::PORT, 1949).",
                          UintegerValue(SmkdManagementMessage::PORT),
                          MakeUintegerAccessor(&SmkdCentralKdc::m_submissionPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("RequestPort",
                          "UDP port of the hosts' key requests: a port of its own, so that the "
                          "two message formats never share one.",
                          UintegerValue(SmkdKdcMessage::PORT),
                          MakeUintegerAccessor(&SmkdCentralKdc::m_requestPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("TokenWindow",
                          "How far a request token's timestamp may lie from now, and how long "
                          "requests are remembered (RFC 1949 App. A).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&SmkdCentralKdc::m_tokenWindow),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("KeyLifetime",
                          "Lifetime of a group key, in seconds (SAparams).",
                          UintegerValue(3600),
                          MakeUintegerAccessor(&SmkdCentralKdc::m_keyLifetime),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("AclAccepted",
                            "A group's access list was verified and its keys created: group.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_aclAccepted),
                            "ns3::SmkdCentralKdc::GroupTracedCallback")
            .AddTraceSource("AclRejected",
                            "A submitted access list was refused: group, reason.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_aclRejected),
                            "ns3::SmkdCentralKdc::GroupReasonTracedCallback")
            .AddTraceSource("RequestReceived",
                            "A well-formed key request arrived (copies included): group, host.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_requestReceived),
                            "ns3::SmkdCentralKdc::RequestTracedCallback")
            .AddTraceSource("KeysSent",
                            "The sealed keys left for a host: group, host.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_keysSentTrace),
                            "ns3::SmkdCentralKdc::RequestTracedCallback")
            .AddTraceSource("RequestRefused",
                            "A key request was refused: group, host (as the request names "
                            "it), reason.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_requestRefused),
                            "ns3::SmkdCentralKdc::RefusedTracedCallback")
            .AddTraceSource("SecurityBytes",
                            "An answer left, resent ones included: kind (kdc-key-delivery, "
                            "kdc-refusal), bytes of UDP payload, all of it security payload.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_securityBytes),
                            "ns3::SmkdCentralKdc::SecurityBytesTracedCallback")
            .AddTraceSource("Malformed",
                            "A datagram was dropped as malformed: what was wrong.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_malformedTrace),
                            "ns3::SmkdCentralKdc::MalformedTracedCallback");
    return tid;
}

SmkdCentralKdc::SmkdCentralKdc() = default;

const SmkdKeyBundle*
SmkdCentralKdc::GetKeys(Ipv4Address group) const
{
    auto it = m_groups.find(group);
    return it == m_groups.end() ? nullptr : &it->second.bundle;
}

const SmkdAccessList*
SmkdCentralKdc::GetAccessList(Ipv4Address group) const
{
    auto it = m_groups.find(group);
    return it == m_groups.end() ? nullptr : &it->second.acl;
}

uint64_t
SmkdCentralKdc::GetRequestCount() const
{
    return m_requests;
}

uint64_t
SmkdCentralKdc::GetKeysSentCount() const
{
    return m_keysSent;
}

uint64_t
SmkdCentralKdc::GetRefusedCount() const
{
    return m_refused;
}

uint64_t
SmkdCentralKdc::GetMalformedCount() const
{
    return m_malformed;
}

uint64_t
SmkdCentralKdc::GetResentCount() const
{
    return m_resent;
}

Ptr<SmkdCryptoEngine>
SmkdCentralKdc::Engine() const
{
    return GetNode()->GetObject<SmkdCryptoEngine>();
}

void
SmkdCentralKdc::StartApplication()
{
    if (!Engine())
    {
        throw std::runtime_error("SmkdCentralKdc: node " + std::to_string(GetNode()->GetId()) +
                                 " has no SmkdCryptoEngine (SmkdHelper::InstallNodes gives one)");
    }
    m_tokenChecker = SmkdTokenChecker(m_tokenWindow);
    auto open = [this](uint16_t port, void (SmkdCentralKdc::*receive)(Ptr<Socket>)) {
        Ptr<Socket> s = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        if (s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port)) != 0)
        {
            throw std::runtime_error("SmkdCentralKdc: UDP port " + std::to_string(port) +
                                     " on node " + std::to_string(GetNode()->GetId()) +
                                     " is taken");
        }
        s->SetRecvCallback(MakeCallback(receive, this));
        return s;
    };
    m_submissionSocket = open(m_submissionPort, &SmkdCentralKdc::ReceiveSubmission);
    m_requestSocket = open(m_requestPort, &SmkdCentralKdc::ReceiveRequest);
}

void
SmkdCentralKdc::StopApplication()
{
    for (Ptr<Socket>* s : {&m_submissionSocket, &m_requestSocket})
    {
        if (*s)
        {
            (*s)->Close();
            *s = nullptr;
        }
    }
}

void
SmkdCentralKdc::DoDispose()
{
    m_submissionSocket = nullptr;
    m_requestSocket = nullptr;
    m_groups.clear();
    m_seen.clear();
    m_arrivals.clear();
    Application::DoDispose();
}

void
SmkdCentralKdc::Drop(const std::string& why)
{
    NS_LOG_WARN("dropped: " << why);
    ++m_malformed;
    m_malformedTrace(why);
}

void
SmkdCentralKdc::ReceiveSubmission(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> p;
    while ((p = socket->RecvFrom(from)))
    {
        SmkdManagementMessage m;
        if (!smkd::ReadAclSubmission(p, m))
        {
            Drop("malformed access-list submission");
            continue;
        }
        smkd::OpenAclSubmission(
            Engine(),
            m,
            Callback<void, bool, SmkdManagementMessage, std::string>(
                [this, from](bool ok, SmkdManagementMessage opened, std::string why) {
                    if (ok)
                    {
                        HandleSubmission(opened, from);
                    }
                    else
                    {
                        RejectSubmission(opened, from, why);
                    }
                }));
    }
}

void
SmkdCentralKdc::HandleSubmission(const SmkdManagementMessage& m, const Address& from)
{
    // RFC 1949 §6.1, as at a primary core; any group may be submitted, this
    // server being every group's key distribution centre.
    smkd::AclSubmission submission;
    std::string why;
    if (!smkd::ParseAclSubmission(m, submission, why) ||
        !smkd::IsAuthorisedInitiator(Engine(), submission, why))
    {
        RejectSubmission(m, from, why);
        return;
    }
    auto existing = m_groups.find(m.group);
    if (existing != m_groups.end())
    {
        // A retransmission of the list in force is answered again.
        if (smkd::AnswerToResubmission(existing->second.acl, submission.list, why) ==
            SmkdManagementMessage::Type::ACL_ACCEPTED)
        {
            smkd::SendAclAnswer(m_submissionSocket,
                                m,
                                from,
                                SmkdManagementMessage::Type::ACL_ACCEPTED,
                                "");
            return;
        }
        RejectSubmission(m, from, why);
        return;
    }
    // Keyed by the list's signature: a forged submission being verified
    // does not hold up the initiator's own.
    if (!m_inProgress.insert({m.group, submission.acl.signature}).second)
    {
        return; // the first copy is still being verified
    }
    smkd::VerifyAclSubmission(Engine(),
                              submission,
                              Callback<void, bool>([this, m, from, submission](bool ok) {
                                  SubmissionVerified(m, from, submission, ok);
                              }));
}

void
SmkdCentralKdc::SubmissionVerified(const SmkdManagementMessage& m,
                                   const Address& from,
                                   const smkd::AclSubmission& submission,
                                   bool ok)
{
    m_inProgress.erase({m.group, submission.acl.signature});
    if (!ok)
    {
        RejectSubmission(m, from, "signature does not verify");
        return;
    }
    // The keys are created as the primary core creates them, but not signed
    // here: each answer is signed for its request instead.
    Group g;
    g.acl = submission.list;
    g.trusted = submission.trustedList;
    g.bundle = smkd::CreateKeyBundle(Engine(), m.group, m_keyLifetime);
    m_groups[m.group] = g;
    NS_LOG_INFO(m.group << ": access list in force, SPI 0x" << std::hex << g.bundle.sa.spi
                        << std::dec);
    m_aclAccepted(m.group);
    smkd::SendAclAnswer(m_submissionSocket, m, from, SmkdManagementMessage::Type::ACL_ACCEPTED, "");
}

void
SmkdCentralKdc::RejectSubmission(const SmkdManagementMessage& m,
                                 const Address& from,
                                 const std::string& why)
{
    m_aclRejected(m.group, why);
    smkd::SendAclAnswer(m_submissionSocket,
                        m,
                        from,
                        SmkdManagementMessage::Type::ACL_REJECTED,
                        why);
}

void
SmkdCentralKdc::ReceiveRequest(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> p;
    while ((p = socket->RecvFrom(from)))
    {
        Bytes bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        SmkdKdcMessage m;
        SmkdToken token;
        if (!SmkdKdcMessage::Parse(bytes, m) || m.type != SmkdKdcMessage::Type::KEY_REQUEST)
        {
            Drop("malformed key request");
            continue;
        }
        if (!SmkdToken::Parse(m.body, token) || token.group != m.group || token.random != m.nonce)
        {
            Drop("malformed request token");
            continue;
        }
        HandleRequest(m, token, from);
    }
}

bool
SmkdCentralKdc::IsOwnAddress(Ipv4Address address) const
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    return !address.IsLocalhost() && ipv4 && ipv4->GetInterfaceForAddress(address) >= 0;
}

void
SmkdCentralKdc::Refuse(Ipv4Address group, Ipv4Address host, const std::string& why)
{
    NS_LOG_INFO(group << ": request of " << host << " refused: " << why);
    ++m_refused;
    m_requestRefused(group, host, why);
}

void
SmkdCentralKdc::HandleRequest(const SmkdKdcMessage& m, const SmkdToken& token, const Address& from)
{
    ++m_requests;
    m_requestReceived(m.group, token.issuer);
    // RFC 1949 App. A: a token names its recipient; one meant for another
    // server is not a request to this one.
    if (!IsOwnAddress(token.recipient))
    {
        Refuse(m.group, token.issuer, "request token names another KDC");
        return;
    }
    // Forget requests older than the window, oldest first: their copies are
    // stale now, and the token checker refuses them.
    const Time now = Simulator::Now();
    while (!m_arrivals.empty() && now - m_arrivals.front().first > m_tokenWindow)
    {
        m_seen.erase(m_arrivals.front().second);
        m_arrivals.pop_front();
    }
    const auto key = std::make_pair(token.issuer, token.random);
    auto seen = m_seen.find(key);
    if (seen != m_seen.end() && seen->second.token == m.body)
    {
        if (!seen->second.answer.empty() && m_requestSocket)
        {
            // The answer was lost, or is still on its way: the same bytes again.
            ++m_resent;
            const Bytes& answer = seen->second.answer;
            m_securityBytes(seen->second.kind, static_cast<uint32_t>(answer.size()));
            m_requestSocket->SendTo(Create<Packet>(answer.data(), answer.size()), 0, from);
        }
        return;
    }
    // Judged, not remembered: only a verified token may use up its number.
    const SmkdTokenChecker::Verdict freshness = m_tokenChecker.Judge(token, now);
    if (freshness != SmkdTokenChecker::Verdict::FRESH)
    {
        Refuse(m.group,
               token.issuer,
               std::string("request token is ") + SmkdTokenVerdictName(freshness));
        return;
    }
    m_seen[key] = Seen{m.body, {}, {}};
    m_arrivals.emplace_back(now, key);
    Engine()->Verify(
        token.issuer,
        token.SignedBytes(),
        token.signature,
        Callback<void, bool>([this, token, from](bool ok) { RequestVerified(token, from, ok); }));
}

void
SmkdCentralKdc::RequestVerified(const SmkdToken& token, const Address& from, bool ok)
{
    const auto key = std::make_pair(token.issuer, token.random);
    if (!ok)
    {
        // A forged copy must not stand in for the real request.
        auto seen = m_seen.find(key);
        if (seen != m_seen.end() && seen->second.token == token.Serialize())
        {
            m_seen.erase(seen);
        }
        Refuse(token.group, token.issuer, "request signature does not verify");
        return;
    }
    if (m_tokenChecker.Judge(token, Simulator::Now()) == SmkdTokenChecker::Verdict::REPLAYED)
    {
        return; // a copy verified meanwhile
    }
    m_tokenChecker.Remember(token);
    // The host is authenticated: from here on every outcome is answered.
    SmkdKdcGrant grant;
    grant.host = token.issuer;
    grant.group = token.group;
    grant.nonce = token.random;
    auto it = m_groups.find(token.group);
    if (it == m_groups.end())
    {
        grant.outcome = SmkdKdcGrant::Outcome::REFUSED;
        grant.reason = "no access list for the group";
    }
    else if (!it->second.acl.Permits(token.issuer))
    {
        grant.outcome = SmkdKdcGrant::Outcome::REFUSED;
        grant.reason = "host not in the group's access list";
    }
    else
    {
        grant.outcome = SmkdKdcGrant::Outcome::KEYS;
        grant.bundle = it->second.bundle.Serialize();
    }
    if (grant.outcome == SmkdKdcGrant::Outcome::REFUSED)
    {
        Refuse(grant.group, grant.host, grant.reason);
    }
    Answer(grant, token.recipient, from);
}

void
SmkdCentralKdc::Answer(SmkdKdcGrant grant, Ipv4Address kdc, const Address& to)
{
    // [grant]^SK_kdc, signed under the address the host asked.
    SmkdSignedBlob blob{kdc, grant.Serialize(), {}};
    Ptr<SmkdCryptoEngine> engine = Engine();
    engine->Sign(blob.SignedBytes(),
                 Callback<void, Bytes>([this, engine, grant, blob, to](Bytes signature) mutable {
                     blob.signature = std::move(signature);
                     SmkdKdcMessage answer;
                     answer.group = grant.group;
                     answer.nonce = grant.nonce;
                     if (grant.outcome == SmkdKdcGrant::Outcome::REFUSED)
                     {
                         answer.type = SmkdKdcMessage::Type::REFUSED;
                         answer.body = blob.Serialize();
                         Send(answer, grant.host, "kdc-refusal", to);
                         return;
                     }
                     // {[grant]^SK_kdc}^PK_h: only the host can read its keys.
                     engine->Seal(
                         grant.host,
                         blob.Serialize(),
                         Callback<void, Bytes>([this, grant, answer, to](Bytes sealed) mutable {
                             answer.type = SmkdKdcMessage::Type::KEYS;
                             answer.body = std::move(sealed);
                             ++m_keysSent;
                             m_keysSentTrace(grant.group, grant.host);
                             Send(answer, grant.host, "kdc-key-delivery", to);
                         }));
                 }));
}

void
SmkdCentralKdc::Send(const SmkdKdcMessage& answer,
                     Ipv4Address host,
                     const std::string& kind,
                     const Address& to)
{
    const Bytes bytes = answer.Serialize();
    auto seen = m_seen.find(std::make_pair(host, answer.nonce));
    if (seen != m_seen.end())
    {
        seen->second.answer = bytes; // for copies of the request
        seen->second.kind = kind;
    }
    m_securityBytes(kind, static_cast<uint32_t>(bytes.size()));
    if (m_requestSocket)
    {
        m_requestSocket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, to);
    }
}

} // namespace ns3
