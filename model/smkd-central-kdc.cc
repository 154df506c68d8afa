/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-central-kdc.h"

#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"
#include "smkd-error.h"
#include "smkd-group-key-message.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>
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
                          "Lifetime of a group key (SAparams): a whole number of seconds, "
                          "as the SA parameters carry it.",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&SmkdCentralKdc::m_keyLifetime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("RekeyLeadTime",
                          "RFC 1949 §6.1, as at SmkdGkdc's primary core: how long before the "
                          "current key's lifetime ends the KDC multicasts the next key; the new "
                          "key takes effect when the old one expires. Below KeyLifetime.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&SmkdCentralKdc::m_rekeyLead),
                          MakeTimeChecker(MilliSeconds(1)))
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
                            "A message left, resent answers included: kind (kdc-key-delivery, "
                            "kdc-refusal, kdc-unicast-rekey: bytes of UDP payload, all of it "
                            "security payload; rekey: bytes of the multicast re-key's encrypted "
                            "body, as SmkdGkdc counts it).",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_securityBytes),
                            "ns3::SmkdCentralKdc::SecurityBytesTracedCallback")
            .AddTraceSource("Malformed",
                            "A datagram was dropped as malformed: what was wrong.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_malformedTrace),
                            "ns3::SmkdCentralKdc::MalformedTracedCallback")
            .AddTraceSource("RekeySent",
                            "The KDC re-keyed a group (multicast re-key, or an exclusion "
                            "starting): group, the new SPI.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_rekeySent),
                            "ns3::SmkdCentralKdc::RekeyTracedCallback")
            .AddTraceSource("ExclusionStarted",
                            "The KDC began excluding a member: group, member.",
                            MakeTraceSourceAccessor(&SmkdCentralKdc::m_exclusionStarted),
                            "ns3::SmkdCentralKdc::RequestTracedCallback");
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

uint64_t
SmkdCentralKdc::GetRekeysSentCount() const
{
    return m_rekeysSent;
}

uint64_t
SmkdCentralKdc::GetUnicastRekeysSentCount() const
{
    return m_unicastRekeys;
}

std::set<Ipv4Address>
SmkdCentralKdc::GetKeyHolders(Ipv4Address group) const
{
    std::set<Ipv4Address> hosts;
    auto it = m_groups.find(group);
    if (it != m_groups.end())
    {
        for (const auto& [host, holder] : it->second.holders)
        {
            hosts.insert(host);
        }
    }
    return hosts;
}

void
SmkdCentralKdc::CheckTimers() const
{
    // RFC 1949 §6.1: the next key leaves RekeyLeadTime before the current one
    // expires; a lead of the whole lifetime or more would re-key every key
    // the moment it was made.
    smkd::CheckLifetime("SmkdCentralKdc", m_keyLifetime);
    SMKD_REQUIRE(m_rekeyLead < m_keyLifetime,
                 "SmkdCentralKdc: re-key timers: need RekeyLeadTime ("
                     << m_rekeyLead.As(Time::S) << ") < KeyLifetime (" << m_keyLifetime.As(Time::S)
                     << ")");
}

Ipv4Address
SmkdCentralKdc::OwnAddress() const
{
    // The address the helper gives the clients as their Kdc.
    return smkd::FirstAddress(GetNode()->GetObject<Ipv4>());
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
    // Send-only: the KDC is no member, and hears nothing on the group.
    m_groupKeySocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_groupKeySocket->Bind();
    for (const auto& [group, g] : m_groups)
    {
        ScheduleRekey(group); // after a restart
    }
}

void
SmkdCentralKdc::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (Ptr<Socket>* s : {&m_submissionSocket, &m_requestSocket, &m_groupKeySocket})
    {
        if (*s)
        {
            (*s)->Close();
            *s = nullptr;
        }
    }
    for (auto& [group, g] : m_groups)
    {
        g.rekey.Cancel();
    }
}

void
SmkdCentralKdc::DoInitialize()
{
    NS_LOG_FUNCTION(this);
    CheckTimers(); // again: attributes may have changed since installation
    Application::DoInitialize();
}

void
SmkdCentralKdc::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [group, g] : m_groups)
    {
        g.rekey.Cancel();
    }
    m_submissionSocket = nullptr;
    m_requestSocket = nullptr;
    m_groupKeySocket = nullptr;
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
    g.bundle = smkd::CreateKeyBundle(Engine(), m.group, smkd::LifetimeSeconds(m_keyLifetime));
    m_groups[m.group] = g;
    NS_LOG_INFO(m.group << ": access list in force, SPI 0x" << std::hex << g.bundle.sa.spi
                        << std::dec);
    ScheduleRekey(m.group);
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
    NS_LOG_FUNCTION(this << grant.group << grant.host);
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
                             KeysDelivered(grant, to);
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

void
SmkdCentralKdc::KeysDelivered(const SmkdKdcGrant& grant, const Address& to)
{
    NS_LOG_FUNCTION(this << grant.group << grant.host);
    auto it = m_groups.find(grant.group);
    SmkdKeyBundle granted;
    if (it == m_groups.end() || !SmkdKeyBundle::Parse(grant.bundle, granted))
    {
        return;
    }
    Group& g = it->second;
    if (!g.acl.Permits(grant.host))
    {
        // Excluded while its answer was on the CPU: it got the keys it held
        // anyway, and is given none of the new ones.
        g.holders.erase(grant.host);
        return;
    }
    // The hosts an exclusion's new keys go to (RFC 1949 §4's "each of the
    // receivers individually"), and where to.
    Holder& holder = g.holders[grant.host];
    holder.to = to;
    const uint32_t had = std::max(holder.epoch, granted.sa.epoch);
    holder.epoch = had;
    if (had < g.bundle.sa.epoch && !g.signedBundle.signature.empty())
    {
        // The keys changed while this answer was on the CPU: an exclusion's
        // went to the holders of the time, a re-key's to the group under a
        // KEK this host did not hold yet. The keys in force follow the answer.
        SendUnicastRekey(grant.group, grant.host);
    }
}

void
SmkdCentralKdc::ScheduleRekey(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_groups.find(group);
    if (it == m_groups.end() || !m_groupKeySocket)
    {
        return;
    }
    // RFC 1949 §6.1: "re-keying the group just prior to an old key exceeding
    // its lifetime", RekeyLeadTime before, as the primary core does.
    const SmkdSaParams& sa = it->second.bundle.sa;
    const Time expiry = NanoSeconds(static_cast<int64_t>(sa.activation)) + Seconds(sa.lifetime);
    Time delay = expiry - m_rekeyLead - Simulator::Now();
    if (delay.IsNegative())
    {
        delay = Seconds(0);
    }
    it->second.rekey.Cancel();
    it->second.rekey = Simulator::Schedule(delay, [this, group]() { RekeyNow(group); });
}

SmkdKeyBundle
SmkdCentralKdc::NextBundle(const SmkdKeyBundle& current, bool newKek, Time activation)
{
    Ptr<SmkdCryptoEngine> engine = Engine();
    SmkdKeyBundle next;
    next.group = current.group;
    next.groupKey = engine->Random(32);
    next.kek = newKek ? engine->Random(32) : current.kek;
    do
    {
        next.sa.spi = smkd::SpiFromRandom(engine->Random(4));
    } while (next.sa.spi == current.sa.spi);
    next.sa.cipher = current.sa.cipher;
    next.sa.lifetime = current.sa.lifetime;
    next.sa.activation = static_cast<uint64_t>(activation.GetNanoSeconds());
    // GDOI's rekey sequence number (RFC 6407 §7.3.4): members take only newer keys.
    next.sa.epoch = current.sa.epoch + 1;
    return next;
}

bool
SmkdCentralKdc::RekeyNow(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_groups.find(group);
    Ptr<SmkdCryptoEngine> engine = GetNode() ? Engine() : nullptr;
    if (it == m_groups.end() || !engine)
    {
        return false;
    }
    Group& g = it->second;
    g.rekey.Cancel();
    if (g.changing)
    {
        return true; // an exclusion under way re-keys, and schedules the next
    }
    g.changing = true;
    // A periodic re-key replaces the session key; the KEK stays, as it is
    // what every member uses to read this very message (RFC 1949 §6.1).
    const SmkdKeyBundle next = NextBundle(g.bundle, false, Simulator::Now() + m_rekeyLead);
    SmkdSignedBlob blob{OwnAddress(), next.Serialize(), {}};
    engine->Sign(blob.SignedBytes(),
                 Callback<void, Bytes>([this, group, blob, next](Bytes signature) mutable {
                     blob.signature = std::move(signature);
                     RekeySigned(group, blob, next);
                 }));
    return true;
}

void
SmkdCentralKdc::RekeySigned(Ipv4Address group,
                            const SmkdSignedBlob& signedBundle,
                            const SmkdKeyBundle& next)
{
    NS_LOG_FUNCTION(this << group << next.sa.spi);
    auto it = m_groups.find(group);
    if (it == m_groups.end())
    {
        return;
    }
    Group& g = it->second;
    g.changing = false;
    if (!g.exclusions.empty())
    {
        // An exclusion asked for while this was signed goes first: it makes
        // a new KEK, which this re-key would have kept.
        StartNextExclusion(group);
        return;
    }
    SmkdGroupKeyMessage m;
    m.type = SmkdGroupKeyMessage::Type::REKEY;
    m.group = group;
    m.keySpi = g.bundle.sa.spi;
    const Bytes kek = g.bundle.kek;
    // Joins answered from now on get the new keys; the message below carries
    // them to everyone who holds the old ones.
    g.bundle = next;
    g.signedBundle = signedBundle;
    const uint32_t spi = next.sa.spi;
    // {[grpKey', KEK, SAparams']^SK_kdc}^KEK, multicast once, as SmkdRekeying
    // sends the primary core's. Multicast rather than one sealed message per
    // member: every member holds the KEK from its grant, so one message
    // reaches them all, and both schemes then pay the same kind of re-key and
    // differ only in how keys are handed out at join time. The KDC sends as
    // a non-member sender, whose datagrams CBT delivers on the group's tree.
    Engine()->AeadEncrypt(
        kek,
        m.AssociatedData(),
        signedBundle.Serialize(),
        Callback<void, Bytes>([this, m, spi](Bytes body) mutable {
            m.body = std::move(body);
            const Bytes wire = m.Serialize();
            const bool sent =
                m_groupKeySocket && m_groupKeySocket->SendTo(
                                        Create<Packet>(wire.data(), wire.size()),
                                        0,
                                        InetSocketAddress(m.group, SmkdGroupKeyMessage::PORT)) >= 0;
            NS_LOG_INFO(m.group << ": re-keyed to SPI 0x" << std::hex << spi << std::dec
                                << (sent ? ", multicast" : ", not sent"));
            if (sent)
            {
                ++m_rekeysSent;
                m_securityBytes("rekey", static_cast<uint32_t>(m.body.size()));
            }
            m_rekeySent(m.group, spi);
            ScheduleRekey(m.group);
        }));
}

void
SmkdCentralKdc::Exclude(Ipv4Address group, Ipv4Address member)
{
    NS_LOG_FUNCTION(this << group << member);
    auto it = m_groups.find(group);
    if (it == m_groups.end() || !GetNode() || !Engine())
    {
        std::ostringstream os;
        os << "SmkdCentralKdc::Exclude: this KDC holds no keys of " << group
           << " (no access list accepted for it): it is not the group's KDC";
        throw std::invalid_argument(os.str());
    }
    SmkdAccessList acl = it->second.acl;
    if (!acl.Exclude(member))
    {
        std::ostringstream os;
        os << "SmkdCentralKdc::Exclude: " << member
           << " is admitted by a prefix of the access list of " << group
           << "; exclude it through a list that names hosts";
        throw std::invalid_argument(os.str());
    }
    it->second.exclusions.push_back(member);
    if (!it->second.changing)
    {
        StartNextExclusion(group);
    }
}

void
SmkdCentralKdc::StartNextExclusion(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    // One change of a group's keys at a time, as at the primary core
    // (smkd-exclusion.cc): each starts from the list and the epoch the last
    // one left, so two exclusions close together cannot write back a list
    // that admits the first member, nor make two bundles of one epoch.
    auto it = m_groups.find(group);
    if (it == m_groups.end())
    {
        return;
    }
    Group& g = it->second;
    SmkdAccessList acl = g.acl;
    while (!g.exclusions.empty() && !acl.Permits(g.exclusions.front()))
    {
        g.exclusions.pop_front(); // excluded already
    }
    if (g.exclusions.empty())
    {
        return;
    }
    const Ipv4Address member = g.exclusions.front();
    g.exclusions.pop_front();
    acl.Exclude(member);
    g.changing = true;
    g.rekey.Cancel();
    // The excluded member holds grpKey and the KEK: both are new, and in
    // force at once.
    const SmkdKeyBundle next = NextBundle(g.bundle, true, Simulator::Now());
    SmkdSignedBlob blob{OwnAddress(), next.Serialize(), {}};
    m_exclusionStarted(group, member);
    m_rekeySent(group, next.sa.spi);
    Engine()->Sign(
        blob.SignedBytes(),
        Callback<void, Bytes>([this, group, member, acl, blob, next](Bytes signature) mutable {
            blob.signature = std::move(signature);
            ExclusionSigned(group, member, acl, blob, next);
        }));
}

void
SmkdCentralKdc::ExclusionSigned(Ipv4Address group,
                                Ipv4Address member,
                                const SmkdAccessList& acl,
                                const SmkdSignedBlob& signedBundle,
                                const SmkdKeyBundle& next)
{
    NS_LOG_FUNCTION(this << group << member << next.sa.spi);
    auto it = m_groups.find(group);
    if (it == m_groups.end())
    {
        return;
    }
    Group& g = it->second;
    g.changing = false;
    g.acl = acl;
    g.bundle = next;
    g.signedBundle = signedBundle;
    g.holders.erase(member);
    // The classic server's answer: the new keys sealed for each remaining
    // member it handed keys to, one message each. The cost grows with the
    // group: one sealing and one unicast per remaining member.
    std::vector<Ipv4Address> remaining;
    for (auto h = g.holders.begin(); h != g.holders.end();)
    {
        if (acl.Permits(h->first))
        {
            remaining.push_back(h->first);
            ++h;
        }
        else
        {
            h = g.holders.erase(h);
        }
    }
    NS_LOG_INFO(group << ": excluded " << member << ", new SPI 0x" << std::hex << next.sa.spi
                      << std::dec << " for " << remaining.size() << " members");
    for (const Ipv4Address& host : remaining)
    {
        SendUnicastRekey(group, host);
    }
    ScheduleRekey(group);
    StartNextExclusion(group); // the next one waiting
}

void
SmkdCentralKdc::SendUnicastRekey(Ipv4Address group, Ipv4Address host)
{
    NS_LOG_FUNCTION(this << group << host);
    auto it = m_groups.find(group);
    if (it == m_groups.end())
    {
        return;
    }
    auto holder = it->second.holders.find(host);
    if (holder == it->second.holders.end())
    {
        return;
    }
    holder->second.epoch = it->second.bundle.sa.epoch;
    const Address to = holder->second.to;
    // {[grpKey', KEK', SAparams']^SK_kdc}^PK_h: only the host can read it,
    // and only the KDC can have signed it.
    Engine()->Seal(
        host,
        it->second.signedBundle.Serialize(),
        Callback<void, Bytes>([this, group, to](Bytes sealed) {
            SmkdKdcMessage m;
            m.type = SmkdKdcMessage::Type::REKEY;
            m.group = group;
            m.body = std::move(sealed);
            const Bytes bytes = m.Serialize();
            ++m_unicastRekeys;
            m_securityBytes("kdc-unicast-rekey", static_cast<uint32_t>(bytes.size()));
            if (m_requestSocket)
            {
                m_requestSocket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, to);
            }
        }));
}

} // namespace ns3
