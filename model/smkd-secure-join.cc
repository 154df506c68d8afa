/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The RFC 1949 §6.2 secure join, hop by hop, and §7 strict mode: the DR
// checks the host's token and either answers as GKDC or sends a signed
// JOIN_REQUEST towards the primary core; each router verifies and re-signs;
// the first GKDC checks the host against the access list and answers with
// a signed JOIN_ACK carrying the group access package; each router on the
// way back verifies, opens its copy, checks the core's signatures, keeps the
// keys (becoming a GKDC), re-seals for its next hop and re-signs.

#include "smkd-secure-join.h"

#include "cbt-routing-protocol.h"
#include "smkd-cbt-security.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc-context.h"
#include "smkd-key-delivery.h"
#include "smkd-lkh-exclusion.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdSecureJoin");

using smkd::OptionValue;
using smkd::SecurityOptionBytes;
using smkd::SignedPortion;

SmkdSecureJoin::SmkdSecureJoin(SmkdGkdcContext& context)
    : m_context(context),
      m_handles(context)
{
}

void
SmkdSecureJoin::Dispose()
{
    m_drRetry.Cancel();
    m_waitingForDr.clear();
    for (auto& [key, t] : m_transactions)
    {
        t.timeout.Cancel();
    }
    m_transactions.clear();
}

uint64_t
SmkdSecureJoin::GetRefusedJoins() const
{
    return m_refusedJoins;
}

uint64_t
SmkdSecureJoin::GetRateLimitedJoins() const
{
    return m_perHost.GetRefused();
}

void
SmkdSecureJoin::Initialize()
{
    m_perHost = SmkdSourceRateLimit(m_context.settings.hostJoinRate,
                                    m_context.settings.hostJoinBurst,
                                    MAX_RATED_HOSTS);
}

uint64_t
SmkdSecureJoin::GetAnsweredJoins() const
{
    return m_answeredJoins;
}

void
SmkdSecureJoin::Rejoin(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_context.served.find(group);
    if (it == m_context.served.end())
    {
        return;
    }
    const std::map<Ipv4Address, SmkdServedHost> hosts = it->second;
    m_context.served.erase(it);
    for (const auto& [host, served] : hosts)
    {
        SmkdKeyDelivery d;
        d.type = SmkdKeyDelivery::Type::REAUTH;
        d.group = group;
        d.hostToken = served.tokenBytes; // the join it renews: an old request is refused
        m_context.SendDelivery(d, host, "reauth-request");
    }
}

Bytes
SmkdSecureJoin::RouterToken(Ipv4Address group, uint32_t interface, Ipv4Address recipient)
{
    // App. A token; unsigned, as it rides in a signed message (§6.2). It names
    // the sender by the address the message leaves from.
    return SmkdToken::Make(m_context.Cbt()->GetInterfaceAddress(interface),
                           group,
                           recipient,
                           m_context.Engine()->Random(8))
        .Serialize();
}

void
SmkdSecureJoin::Count(const std::string& why)
{
    ++m_refusedJoins;
    NS_LOG_INFO("secure join refused: " << why);
}

void
SmkdSecureJoin::RetryWaitingJoins()
{
    NS_LOG_FUNCTION(this);
    Ptr<CbtRoutingProtocol> cbt = m_context.Cbt();
    std::vector<WaitingJoin> waiting;
    waiting.swap(m_waitingForDr);
    for (const WaitingJoin& w : waiting)
    {
        if (Simulator::Now() - w.since > m_context.settings.tokenWindow)
        {
            continue; // another router is DR, and answered
        }
        if (cbt && cbt->IsDesignatedRouter(w.interface))
        {
            HostJoin(w.host, w.group, w.interface, w.token);
        }
        else
        {
            m_waitingForDr.push_back(w);
        }
    }
    if (!m_waitingForDr.empty())
    {
        m_drRetry = Simulator::Schedule(MilliSeconds(DR_RETRY_MS),
                                        &SmkdSecureJoin::RetryWaitingJoins,
                                        this);
    }
}

void
SmkdSecureJoin::HostJoin(Ipv4Address host,
                         Ipv4Address group,
                         uint32_t interface,
                         const Bytes& tokenBytes)
{
    NS_LOG_FUNCTION(this << host << group << interface);
    Ptr<CbtRoutingProtocol> cbt = m_context.Cbt();
    if (!cbt || !m_context.Engine() || !m_context.IsSecureGroup(group))
    {
        return;
    }
    if (!cbt->IsDesignatedRouter(interface))
    {
        // The link's DR answers. Until the HELLO election has settled no
        // router is DR yet, and a join dropped now would wait for the next
        // query, by when its token is stale: keep it for the token window.
        // Copies of a report wait once; a flood of distinct ones is bounded.
        const bool waiting =
            std::any_of(m_waitingForDr.begin(), m_waitingForDr.end(), [&](const WaitingJoin& w) {
                return w.host == host && w.group == group && w.token == tokenBytes;
            });
        if (waiting)
        {
            return;
        }
        if (m_waitingForDr.size() >= MAX_WAITING_JOINS)
        {
            Count("too many joins waiting for the DR election");
            return;
        }
        m_waitingForDr.push_back(WaitingJoin{host, group, interface, tokenBytes, Simulator::Now()});
        if (!m_drRetry.IsRunning())
        {
            m_drRetry = Simulator::Schedule(MilliSeconds(DR_RETRY_MS),
                                            &SmkdSecureJoin::RetryWaitingJoins,
                                            this);
        }
        return;
    }
    SmkdToken token;
    if (!SmkdToken::Parse(tokenBytes, token))
    {
        Count("malformed host token");
        m_context.traces.joinRefused(group, host, "malformed host token");
        return;
    }
    const TransactionKey key{group, token.issuer, token.random};
    m_refusedTokens.Expire(Simulator::Now() - m_context.settings.tokenWindow);
    if (m_refusedTokens.Contains(tokenBytes))
    {
        return; // a copy of a token refused already: it would fail again
    }
    if (SeenBefore(key) || Admitted(group, host, token.random))
    {
        // A retransmitted or repeated report of a join under way or done.
        // Reports refreshing a membership repeat its join's token (RFC 1949
        // App. B) long after the token window: no reason to check or refuse it.
        return;
    }
    // Everything below costs crypto: a verification, or a signed refusal.
    // A host that makes a fresh token for every report is held to its rate,
    // and gets no answer (one would cost a signature).
    if (!m_perHost.Allow(host, Simulator::Now()))
    {
        NS_LOG_INFO(host << " is over its secure-join report rate; report dropped");
        return;
    }
    if (token.issuer != host || token.group != group || token.recipient != Ipv4Address::GetAny())
    {
        RefuseHost(group, host, tokenBytes, "host token names another host or group");
        return;
    }
    if (!m_context.Engine()->GetDirectory()->Certifies(host, SmkdRole::HOST))
    {
        RefuseHost(group, host, tokenBytes, "host token's issuer is not certified as a host");
        return;
    }
    const SmkdTokenChecker::Verdict freshness =
        m_context.tokenChecker.Judge(token, Simulator::Now());
    if (freshness != SmkdTokenChecker::Verdict::FRESH)
    {
        RefuseHost(group,
                   host,
                   tokenBytes,
                   std::string("host token is ") + SmkdTokenVerdictName(freshness));
        return;
    }
    // §6.2, NOTE 2: the local router authenticates the host's token first.
    // Nothing is remembered before: a forged copy must not use the real token up.
    m_context.Engine()->Verify(
        host,
        token.SignedBytes(),
        token.signature,
        Callback<void, bool>([this, group, host, interface, tokenBytes, token, key](bool ok) {
            if (!ok)
            {
                // Remembered by its bytes: the real token, whose signature
                // differs, is still welcome.
                m_refusedTokens.Insert(tokenBytes, Simulator::Now());
                RefuseHost(group, host, tokenBytes, "host token does not verify");
                return;
            }
            if (!Remember(key))
            {
                return; // a copy verified meanwhile
            }
            m_context.tokenChecker.Remember(token);
            if (m_context.ActsAsGkdc(group))
            {
                AnswerHost(group, host, interface, tokenBytes);
            }
            else
            {
                OriginateJoin(group, host, interface, tokenBytes);
            }
        }));
}

void
SmkdSecureJoin::RefuseHost(Ipv4Address group,
                           Ipv4Address host,
                           const Bytes& hostToken,
                           const std::string& why)
{
    NS_LOG_FUNCTION(this << group << host << why);
    Count(why);
    m_context.traces.joinRefused(group, host, why);
    SmkdKeyDelivery d;
    d.type = SmkdKeyDelivery::Type::REFUSED;
    d.group = group;
    d.hostToken = hostToken;
    d.reason = why;
    m_context.SendDelivery(d, host, "join-refusal");
}

void
SmkdSecureJoin::AnswerHost(Ipv4Address group,
                           Ipv4Address host,
                           uint32_t interface,
                           const Bytes& hostToken)
{
    NS_LOG_FUNCTION(this << group << host << interface);
    const SmkdGroupKeys* keys = m_context.Keys(group);
    if (!keys)
    {
        OriginateJoin(group, host, interface, hostToken);
        return;
    }
    if (!keys->acl.Permits(host))
    {
        RefuseHost(group, host, hostToken, "host not in the group's access list");
        return;
    }
    // §6.2: a DR that is a GKDC passes grpKey and KEK to the host directly.
    m_context.Engine()->Seal(
        host,
        keys->coreBundle.Serialize(),
        Callback<void, Bytes>([this, group, host, interface, hostToken](Bytes sealed) {
            Transaction t;
            t.group = group;
            t.host = host;
            t.originated = true;
            t.downInterface = interface;
            t.hostToken = hostToken;
            ++m_answeredJoins;
            m_context.traces.joinAnswered(group, host);
            DeliverToHost(t, sealed);
        }));
}

void
SmkdSecureJoin::DeliverToHost(const Transaction& t, const Bytes& sealedForHost)
{
    NS_LOG_FUNCTION(this << t.group << t.host);
    const SmkdGroupKeys* keys = m_context.Keys(t.group);
    if (keys && !keys->acl.Permits(t.host))
    {
        // Excluded while its keys were being sealed: it gets nothing, and is
        // not recorded as served (a later re-key would reach it).
        RefuseHost(t.group, t.host, t.hostToken, "host not in the group's access list");
        return;
    }
    // A --> h: [[token_h]^SK_h, {grpKey, KEK, SAparams}^PK_h]
    SmkdKeyDelivery d;
    d.type = SmkdKeyDelivery::Type::KEYS;
    d.group = t.group;
    d.hostToken = t.hostToken;
    d.sealed = sealedForHost;
    m_context.SendDelivery(d, t.host, "key-delivery");
    m_context.Cbt()->GraftChild(t.group, t.downInterface, Ipv4Address::GetAny(), true);
    SmkdToken admitted;
    m_context.served[t.group][t.host] = {t.downInterface,
                                         SmkdToken::Parse(t.hostToken, admitted) ? admitted.random
                                                                                 : 0,
                                         t.hostToken};
    if (m_context.lkh->InUse())
    {
        // The primary's key tree must know every member: each join costs it
        // a tree re-key and a sealed delivery of path keys.
        m_context.lkh->MemberJoined(t.group, t.host);
    }
}

void
SmkdSecureJoin::OriginateJoin(Ipv4Address group,
                              Ipv4Address host,
                              uint32_t interface,
                              const Bytes& hostToken)
{
    NS_LOG_FUNCTION(this << group << host << interface);
    const Ipv4Address core = m_context.PrimaryCoreOf(group);
    uint32_t up;
    Ipv4Address next;
    if (core == Ipv4Address::GetAny() || m_context.IsCoreOf(group) ||
        !m_context.Cbt()->GetNextHop(core, up, next))
    {
        RefuseHost(group, host, hostToken, "no primary core holding the group's keys");
        return;
    }
    SmkdToken token;
    SmkdToken::Parse(hostToken, token);
    const TransactionKey key{group, token.issuer, token.random};
    Transaction t;
    t.group = group;
    t.host = host;
    t.originated = true;
    t.started = Simulator::Now();
    t.downInterface = interface;
    t.upInterface = up;
    t.upHop = next;
    t.core = core;
    t.hostToken = hostToken;
    Begin(key, t);
    // A --> B: [[token_A], [token_h]^SK_h, JOIN-REQUEST]^SK_A, unicast to the next hop.
    CbtJoinRequestHeader join;
    join.SetGroup(group);
    join.SetTarget(core);
    join.SetOriginator(m_context.Cbt()->GetInterfaceAddress(up));
    join.GetOptions().Add(CbtOptionType::HOST_TOKEN, hostToken);
    join.GetOptions().Add(CbtOptionType::ROUTER_TOKEN, RouterToken(group, up, next));
    SendSignedJoin(join, up, next);
}

void
SmkdSecureJoin::SendSignedJoin(CbtJoinRequestHeader join, uint32_t interface, Ipv4Address to)
{
    NS_LOG_FUNCTION(this << join.GetGroup() << interface << to);
    m_context.Engine()->Sign(
        SignedPortion(join),
        Callback<void, Bytes>([this, join, interface, to](Bytes signature) mutable {
            join.GetOptions().Add(CbtOptionType::SIGNATURE, signature);
            m_context.traces.securityBytes("secure-join-request", SecurityOptionBytes(join));
            m_context.Cbt()->SendMessage(CbtMessage(join), interface, to);
        }));
}

void
SmkdSecureJoin::SendSignedAck(CbtJoinAckHeader ack, uint32_t interface, Ipv4Address to)
{
    NS_LOG_FUNCTION(this << ack.GetGroup() << interface << to);
    m_context.Engine()->Sign(
        SignedPortion(ack),
        Callback<void, Bytes>([this, ack, interface, to](Bytes signature) mutable {
            ack.GetOptions().Add(CbtOptionType::SIGNATURE, signature);
            m_context.traces.securityBytes(ack.GetOptions().Find(CbtOptionType::JOIN_NACK)
                                               ? "secure-join-nack"
                                               : "secure-join-ack",
                                           SecurityOptionBytes(ack));
            m_context.Cbt()->SendMessage(CbtMessage(ack), interface, to);
        }));
}

void
SmkdSecureJoin::Receive(const CbtMessage& message, const Ipv4Header& ip, uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    if (const auto* join = message.As<CbtJoinRequestHeader>())
    {
        HandleJoin(*join, ip, interface);
    }
    else if (const auto* ack = message.As<CbtJoinAckHeader>())
    {
        HandleAck(*ack, ip, interface);
    }
}

void
SmkdSecureJoin::SendAck(CbtJoinAckHeader ack, uint32_t interface, Ipv4Address to)
{
    NS_LOG_FUNCTION(this << ack.GetGroup() << interface << to);
    m_handles.Offer(ack, interface, to, [this, interface, to](CbtJoinAckHeader withHandle) {
        SendSignedAck(withHandle, interface, to);
    });
}

void
SmkdSecureJoin::HandleJoin(const CbtJoinRequestHeader& join,
                           const Ipv4Header& ip,
                           uint32_t interface)
{
    NS_LOG_FUNCTION(this << join.GetGroup() << interface);
    SmkdToken hostToken;
    SmkdToken routerToken;
    const Bytes signature = OptionValue(join, CbtOptionType::SIGNATURE);
    if (!SmkdToken::Parse(OptionValue(join, CbtOptionType::HOST_TOKEN), hostToken) ||
        !SmkdToken::Parse(OptionValue(join, CbtOptionType::ROUTER_TOKEN), routerToken) ||
        signature.empty() || hostToken.group != join.GetGroup() ||
        !m_context.IsSecureGroup(join.GetGroup()))
    {
        Count("malformed secure join");
        return;
    }
    const Ipv4Address from = ip.GetSource();
    // §6.2 has routers sign joins; a host that signs one poses as a router,
    // with a member's token copied from its LAN, to be sealed the keys "for
    // the next hop". Only a certified router may send one.
    if (!m_context.Engine()->GetDirectory()->Certifies(from, SmkdRole::ROUTER))
    {
        Count("join from a node not certified as a router");
        m_context.traces.joinRefused(join.GetGroup(),
                                     hostToken.issuer,
                                     "join from a node not certified as a router");
        return;
    }
    const TransactionKey key{join.GetGroup(), hostToken.issuer, hostToken.random};
    if (SeenBefore(key))
    {
        return; // a copy of a join already under way, or done, here
    }
    // The previous hop's token must name this router, and be fresh.
    if (routerToken.recipient != m_context.Cbt()->GetInterfaceAddress(interface) ||
        routerToken.issuer != from || routerToken.group != join.GetGroup() ||
        m_context.tokenChecker.Judge(routerToken, Simulator::Now()) !=
            SmkdTokenChecker::Verdict::FRESH)
    {
        Count("router token not fresh or not for this router");
        return;
    }
    m_context.Engine()->Verify(
        from,
        SignedPortion(join),
        signature,
        Callback<void, bool>([this, join, from, interface, key, routerToken](bool ok) {
            if (!ok)
            {
                Count("join signature does not verify");
                return;
            }
            if (!Remember(key))
            {
                return; // a copy verified meanwhile
            }
            m_context.tokenChecker.Remember(routerToken);
            JoinVerified(join, from, interface);
        }));
}

void
SmkdSecureJoin::JoinVerified(CbtJoinRequestHeader join, Ipv4Address from, uint32_t interface)
{
    NS_LOG_FUNCTION(this << join.GetGroup() << from << interface);
    const Ipv4Address group = join.GetGroup();
    if (m_context.ActsAsGkdc(group))
    {
        AnswerJoin(join, from, interface);
        return;
    }
    // B repeats the previous step towards the target, with its own token.
    uint32_t up;
    Ipv4Address next;
    if (!m_context.Cbt()->GetNextHop(join.GetTarget(), up, next) ||
        (up == interface && next == from))
    {
        Count("no route onwards to the core");
        return;
    }
    SmkdToken hostToken;
    SmkdToken::Parse(OptionValue(join, CbtOptionType::HOST_TOKEN), hostToken);
    const TransactionKey key{group, hostToken.issuer, hostToken.random};
    Transaction t;
    t.group = group;
    t.host = hostToken.issuer;
    t.downInterface = interface;
    t.downHop = from;
    t.upInterface = up;
    t.upHop = next;
    t.core = join.GetTarget();
    t.hostToken = OptionValue(join, CbtOptionType::HOST_TOKEN);
    Begin(key, t);
    CbtJoinRequestHeader onward;
    onward.SetGroup(group);
    onward.SetTarget(join.GetTarget());
    onward.SetOriginator(join.GetOriginator());
    onward.GetOptions().Add(CbtOptionType::HOST_TOKEN, t.hostToken);
    onward.GetOptions().Add(CbtOptionType::ROUTER_TOKEN, RouterToken(group, up, next));
    SendSignedJoin(onward, up, next);
}

void
SmkdSecureJoin::AnswerJoin(CbtJoinRequestHeader join, Ipv4Address from, uint32_t interface)
{
    NS_LOG_FUNCTION(this << join.GetGroup() << from << interface);
    const Ipv4Address group = join.GetGroup();
    const Bytes hostTokenBytes = OptionValue(join, CbtOptionType::HOST_TOKEN);
    SmkdToken hostToken;
    SmkdToken::Parse(hostTokenBytes, hostToken);
    // §6.2: the GKDC authenticates the host that triggered the join.
    m_context.Engine()->Verify(
        hostToken.issuer,
        hostToken.SignedBytes(),
        hostToken.signature,
        Callback<void, bool>([this, join, from, interface, hostToken, hostTokenBytes, group](
                                 bool ok) {
            if (!ok)
            {
                Nack(join, from, interface, "host token does not verify");
                return;
            }
            const SmkdGroupKeys* keys = m_context.Keys(group);
            if (!keys || !m_context.ActsAsGkdc(group))
            {
                // Revoked (or gone stale) while the token was checked: the
                // join goes on towards a GKDC that holds current keys.
                JoinVerified(join, from, interface);
                return;
            }
            if (!keys->acl.Permits(hostToken.issuer))
            {
                Nack(join, from, interface, "host not in the group's access list");
                return;
            }
            // grpAP: two sealed copies of the core-signed keys, host's and next hop's.
            Ptr<SmkdCryptoEngine> engine = m_context.Engine();
            const Bytes bundle = keys->coreBundle.Serialize();
            const Bytes acl = keys->coreAcl.Serialize();
            const Bytes trusted = keys->coreTrusted;
            const bool nextHopGetsKeys = m_context.GivesKeysTo(group, from);
            engine->Seal(hostToken.issuer, bundle, Callback<void, Bytes>([=](Bytes forHost) {
                             auto finish = [=](Bytes forNext) {
                                 SmkdGroupAccessPackage p;
                                 SmkdToken::Parse(RouterToken(group, interface, from),
                                                  p.senderToken);
                                 SmkdSignedBlob::Parse(acl, p.acl);
                                 p.trusted = trusted;
                                 p.sealedForHost = forHost;
                                 p.sealedForNextHop = forNext;
                                 CbtJoinAckHeader ack;
                                 ack.SetGroup(group);
                                 ack.SetTarget(join.GetOriginator());
                                 ack.GetOptions().Add(CbtOptionType::HOST_TOKEN, hostTokenBytes);
                                 ack.GetOptions().Add(CbtOptionType::GROUP_ACCESS_PACKAGE,
                                                      p.Serialize());
                                 SendAck(ack, interface, from);
                                 if (m_context.IsCoreOf(group))
                                 {
                                     m_context.Cbt()->GraftCore(group);
                                 }
                                 m_context.Cbt()->GraftChild(group, interface, from, false);
                                 if (!nextHopGetsKeys)
                                 {
                                     m_context.keylessServed[group].insert(hostToken.issuer);
                                 }
                                 ++m_answeredJoins;
                                 m_context.traces.joinAnswered(group, hostToken.issuer);
                             };
                             if (nextHopGetsKeys)
                             {
                                 engine->Seal(from, bundle, Callback<void, Bytes>(finish));
                             }
                             else
                             {
                                 finish(Bytes{});
                             }
                         }));
        }));
}

void
SmkdSecureJoin::Nack(const CbtJoinRequestHeader& join,
                     Ipv4Address from,
                     uint32_t interface,
                     const std::string& why)
{
    NS_LOG_FUNCTION(this << join.GetGroup() << from << interface << why);
    SmkdToken hostToken;
    SmkdToken::Parse(OptionValue(join, CbtOptionType::HOST_TOKEN), hostToken);
    Count(why);
    m_context.traces.joinRefused(join.GetGroup(), hostToken.issuer, why);
    CbtJoinAckHeader nack;
    nack.SetGroup(join.GetGroup());
    nack.SetTarget(join.GetOriginator());
    nack.GetOptions().Add(CbtOptionType::HOST_TOKEN, OptionValue(join, CbtOptionType::HOST_TOKEN));
    nack.GetOptions().Add(CbtOptionType::JOIN_NACK, Bytes(why.begin(), why.end()));
    SendSignedAck(nack, interface, from);
}

void
SmkdSecureJoin::HandleAck(const CbtJoinAckHeader& ack, const Ipv4Header& ip, uint32_t interface)
{
    NS_LOG_FUNCTION(this << ack.GetGroup() << interface);
    SmkdToken hostToken;
    const Bytes signature = OptionValue(ack, CbtOptionType::SIGNATURE);
    if (!SmkdToken::Parse(OptionValue(ack, CbtOptionType::HOST_TOKEN), hostToken) ||
        signature.empty())
    {
        Count("malformed secure ack");
        return;
    }
    const TransactionKey key{ack.GetGroup(), hostToken.issuer, hostToken.random};
    auto it = m_transactions.find(key);
    if (it == m_transactions.end() || it->second.upInterface != interface ||
        it->second.upHop != ip.GetSource() ||
        !m_context.Engine()->GetDirectory()->Certifies(ip.GetSource(), SmkdRole::ROUTER))
    {
        Count("secure ack without a matching join");
        return;
    }
    const Ipv4Address from = ip.GetSource();
    m_context.Engine()->Verify(from,
                               SignedPortion(ack),
                               signature,
                               Callback<void, bool>([this, ack, key, from, interface](bool ok) {
                                   if (!ok)
                                   {
                                       Count("ack signature does not verify");
                                       return;
                                   }
                                   AckVerified(ack, key, from, interface);
                               }));
}

void
SmkdSecureJoin::AckVerified(CbtJoinAckHeader ack,
                            TransactionKey key,
                            Ipv4Address from,
                            uint32_t interface)
{
    NS_LOG_FUNCTION(this << ack.GetGroup() << std::get<0>(key) << std::get<1>(key) << from
                         << interface);
    auto it = m_transactions.find(key);
    if (it == m_transactions.end())
    {
        return;
    }
    Transaction t = it->second;
    const Ipv4Address group = t.group;
    const CbtOption* nack = ack.GetOptions().Find(CbtOptionType::JOIN_NACK);
    if (nack)
    {
        // The refusal travels back to the DR, which tells the host; no state is left.
        const std::string why(nack->value.begin(), nack->value.end());
        Finish(key);
        if (t.originated)
        {
            RefuseHost(group, t.host, t.hostToken, why);
            return;
        }
        CbtJoinAckHeader back;
        back.SetGroup(group);
        back.SetTarget(ack.GetTarget());
        back.GetOptions().Add(CbtOptionType::HOST_TOKEN, t.hostToken);
        back.GetOptions().Add(CbtOptionType::JOIN_NACK, nack->value);
        SendSignedAck(back, t.downInterface, t.downHop);
        return;
    }
    const CbtOption* handle = ack.GetOptions().Find(CbtOptionType::PACKET_HANDLE);
    if (!handle)
    {
        TakeAck(ack, key, from, interface);
        return;
    }
    // RFC 1949 §3: the packet handle offered for this link is opened first,
    // so that the link has it from the moment it joins the tree here.
    m_context.Engine()->Open(
        handle->value,
        Callback<void, bool, Bytes>([this, ack, key, from, interface](bool ok, Bytes plaintext) {
            TakeAck(ack, key, from, interface);
            m_handles.Accept(ack.GetGroup(), interface, from, ok, plaintext);
        }));
}

void
SmkdSecureJoin::TakeAck(CbtJoinAckHeader ack,
                        TransactionKey key,
                        Ipv4Address from,
                        uint32_t interface)
{
    NS_LOG_FUNCTION(this << ack.GetGroup() << std::get<0>(key) << std::get<1>(key) << from
                         << interface);
    auto it = m_transactions.find(key);
    if (it == m_transactions.end())
    {
        return;
    }
    Transaction t = it->second;
    const Ipv4Address group = t.group;
    SmkdGroupAccessPackage p;
    if (!SmkdGroupAccessPackage::Parse(OptionValue(ack, CbtOptionType::GROUP_ACCESS_PACKAGE), p))
    {
        Count("malformed group access package");
        return;
    }
    // §6.2: token_sender names the hop that re-sealed the package and this
    // router as its recipient; a package lifted from another hop or another
    // time does not carry it.
    if (p.senderToken.issuer != from || p.senderToken.group != group ||
        p.senderToken.recipient != m_context.Cbt()->GetInterfaceAddress(interface) ||
        m_context.tokenChecker.Check(p.senderToken, Simulator::Now()) !=
            SmkdTokenChecker::Verdict::FRESH)
    {
        Count("group access package's sender token is not the previous hop's, or not fresh");
        Finish(key);
        return;
    }
    m_context.Cbt()->GraftParent(group,
                                 t.core,
                                 interface,
                                 from,
                                 t.originated ? t.started : Seconds(-1));
    if (p.sealedForNextHop.empty())
    {
        // Not given keys (trusted-router list, §7): pass the host's copy on.
        Finish(key);
        PassKeysOn(t, p.acl.Serialize(), p.trusted, p.sealedForHost, Bytes{});
        return;
    }
    // B extracts its key pair, deciphers it, authenticates the primary core,
    // and verifies the ACL's signature (§6.2).
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    const Ipv4Address core = m_context.PrimaryCoreOf(group);
    engine->Open(
        p.sealedForNextHop,
        Callback<void, bool, Bytes>([=](bool opened, Bytes plaintext) {
            SmkdSignedBlob bundleBlob;
            SmkdKeyBundle bundle;
            SmkdAccessList acl;
            if (!opened || !SmkdSignedBlob::Parse(plaintext, bundleBlob) ||
                !SmkdKeyBundle::Parse(bundleBlob.body, bundle) || bundle.group != group ||
                bundleBlob.signer != core || p.acl.signer != core ||
                !SmkdAccessList::Parse(p.acl.body, acl) || acl.GetGroup() != group ||
                acl.GetKind() != SmkdAccessList::Kind::GROUP_MEMBERS)
            {
                Count("group access package does not open or is not the primary core's");
                Finish(key);
                return;
            }
            engine->Verify(
                core,
                bundleBlob.SignedBytes(),
                bundleBlob.signature,
                Callback<void, bool>([=](bool bundleOk) {
                    engine->Verify(
                        core,
                        p.acl.SignedBytes(),
                        p.acl.signature,
                        Callback<void, bool>([=](bool aclOk) {
                            Finish(key);
                            if (!bundleOk || !aclOk)
                            {
                                Count("core signature in the group access package does not verify");
                                return;
                            }
                            if (bundle.sa.epoch < m_context.EpochFloor(group))
                            {
                                // Answered before an exclusion, arriving after it.
                                Count("group access package carries revoked keys");
                                return;
                            }
                            auto keep = [=](std::optional<SmkdAccessList> trusted) {
                                auto held = m_context.groups.find(group);
                                if (held != m_context.groups.end() &&
                                    bundle.sa.epoch > held->second.bundle.sa.epoch)
                                {
                                    held->second.bundle = bundle;
                                    held->second.coreBundle = bundleBlob;
                                    m_context.traces.keysUpdated(group, bundle.sa.spi);
                                }
                                if (held != m_context.groups.end() &&
                                    acl.GetVersion() > held->second.acl.GetVersion())
                                {
                                    // A newer list passing by: an exclusion this
                                    // GKDC did not hear of is in force from now on.
                                    held->second.acl = acl;
                                    held->second.coreAcl = p.acl;
                                }
                                if (held == m_context.groups.end())
                                {
                                    SmkdGroupKeys keys;
                                    keys.acl = acl;
                                    keys.coreAcl = p.acl;
                                    keys.trusted = trusted;
                                    keys.coreTrusted = p.trusted;
                                    keys.bundle = bundle;
                                    keys.coreBundle = bundleBlob;
                                    m_context.groups[group] = keys;
                                    m_context.traces.gkdcGained(group);
                                }
                                PassKeysOn(t,
                                           p.acl.Serialize(),
                                           p.trusted,
                                           p.sealedForHost,
                                           plaintext);
                            };
                            SmkdSignedBlob trustedBlob;
                            SmkdAccessList trustedList;
                            if (p.trusted.empty())
                            {
                                keep(std::nullopt);
                                return;
                            }
                            if (!SmkdSignedBlob::Parse(p.trusted, trustedBlob) ||
                                trustedBlob.signer != core ||
                                !SmkdAccessList::Parse(trustedBlob.body, trustedList) ||
                                trustedList.GetGroup() != group ||
                                trustedList.GetKind() != SmkdAccessList::Kind::TRUSTED_ROUTERS)
                            {
                                Count("malformed trusted-router list");
                                return;
                            }
                            engine->Verify(
                                core,
                                trustedBlob.SignedBytes(),
                                trustedBlob.signature,
                                Callback<void, bool>([=](bool trustedOk) {
                                    if (!trustedOk)
                                    {
                                        Count("trusted-router list signature does not verify");
                                        return;
                                    }
                                    keep(trustedList);
                                }));
                        }));
                }));
        }));
}

void
SmkdSecureJoin::PassKeysOn(Transaction t,
                           Bytes aclBlob,
                           Bytes trustedBlob,
                           Bytes sealedForHost,
                           Bytes bundleBlob)
{
    NS_LOG_FUNCTION(this << t.group << t.host);
    if (t.originated)
    {
        DeliverToHost(t, sealedForHost); // A passes h's sealed copy on as it came
        return;
    }
    auto send = [this, t, aclBlob, trustedBlob, sealedForHost](Bytes forNext) {
        SmkdGroupAccessPackage p;
        SmkdToken::Parse(RouterToken(t.group, t.downInterface, t.downHop), p.senderToken);
        SmkdSignedBlob::Parse(aclBlob, p.acl);
        p.trusted = trustedBlob;
        p.sealedForHost = sealedForHost;
        p.sealedForNextHop = forNext;
        CbtJoinAckHeader ack;
        ack.SetGroup(t.group);
        ack.SetTarget(t.downHop);
        ack.GetOptions().Add(CbtOptionType::HOST_TOKEN, t.hostToken);
        ack.GetOptions().Add(CbtOptionType::GROUP_ACCESS_PACKAGE, p.Serialize());
        SendAck(ack, t.downInterface, t.downHop);
        m_context.Cbt()->GraftChild(t.group, t.downInterface, t.downHop, false);
    };
    if (!bundleBlob.empty() && m_context.GivesKeysTo(t.group, t.downHop))
    {
        // ... immediately enciphered with the public key of the next hop (§6.2).
        m_context.Engine()->Seal(t.downHop, bundleBlob, Callback<void, Bytes>(send));
    }
    else
    {
        send(Bytes{});
    }
}

bool
SmkdSecureJoin::Admitted(Ipv4Address group, Ipv4Address host, uint64_t token) const
{
    auto served = m_context.served.find(group);
    if (served == m_context.served.end())
    {
        return false;
    }
    auto it = served->second.find(host);
    return it != served->second.end() && it->second.token == token;
}

bool
SmkdSecureJoin::SeenBefore(const TransactionKey& key)
{
    m_seenJoins.Expire(Simulator::Now() - m_context.settings.tokenWindow);
    return m_seenJoins.Contains(key);
}

bool
SmkdSecureJoin::Remember(const TransactionKey& key)
{
    return m_seenJoins.Insert(key, Simulator::Now());
}

void
SmkdSecureJoin::Begin(const TransactionKey& key, Transaction t)
{
    NS_LOG_FUNCTION(this << std::get<0>(key) << std::get<1>(key) << t.group << t.host);
    Finish(key); // a join taken on again replaces the one it repeats, and its timer
    t.timeout = Simulator::Schedule(m_context.settings.transactionTimeout, [this, key]() {
        m_transactions.erase(key); // never answered
    });
    m_transactions.emplace(key, std::move(t));
}

void
SmkdSecureJoin::Finish(const TransactionKey& key)
{
    NS_LOG_FUNCTION(this << std::get<0>(key) << std::get<1>(key));
    auto it = m_transactions.find(key);
    if (it != m_transactions.end())
    {
        it->second.timeout.Cancel();
        m_transactions.erase(it);
    }
}

} // namespace ns3
