/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Non-member senders at the primary core (RFC 1949 §5, §8): "before the
// sender begins sending, it must first negotiate the security parameters with
// the primary core ... The sender, of course, is subject to access control at
// the primary. Thereafter, the primary multicasts the sender-specific session
// key, together with sender's security parameters to the group, using the
// group's current session key."
//
// The negotiation is one authenticated round trip with the module's crypto
// layer, standing in for Photuris or ISAKMP: the sender's signed token
// [t, r, primary, group]^SK_sender, answered with
// {[sender_key, senderSAparams]^SK_primary}^PK_sender (sealed with an
// ephemeral X25519 key, or RSA-OAEP). It authenticates both ends and keeps the
// key secret; unlike a Diffie-Hellman exchange of two ephemeral keys it gives
// no forward secrecy against a later theft of the sender's long-term key.

#include "smkd-sender-registration.h"

#include "cbt-routing-protocol.h"
#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc-context.h"
#include "smkd-group-key-message.h"
#include "smkd-sender-key.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdSenderRegistration");

SmkdSenderRegistration::SmkdSenderRegistration(SmkdGkdcContext& context)
    : m_context(context)
{
}

void
SmkdSenderRegistration::Dispose()
{
    m_registered.clear();
}

void
SmkdSenderRegistration::Refuse(const SmkdManagementMessage& m, Address from, const std::string& why)
{
    m_context.traces.senderRefused(m.group, InetSocketAddress::ConvertFrom(from).GetIpv4(), why);
    smkd::SendAclAnswer(m_context.socket,
                        m,
                        from,
                        SmkdManagementMessage::Type::SENDER_REJECTED,
                        why);
}

void
SmkdSenderRegistration::Receive(const SmkdManagementMessage& m, Address from)
{
    NS_LOG_FUNCTION(this << m.group);
    SmkdToken token;
    auto it = m_context.groups.find(m.group);
    const Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
    auto refuse = [this, m, from](const std::string& why) { Refuse(m, from, why); };
    if (it == m_context.groups.end() || !it->second.primary)
    {
        refuse("not the primary core of the group");
        return;
    }
    if (!SmkdToken::Parse(m.body, token) || token.group != m.group || token.issuer != source ||
        token.recipient != m_context.OwnAddress())
    {
        refuse("sender token malformed or not for this core and group");
        return;
    }
    const SmkdTokenChecker::Verdict freshness =
        m_context.tokenChecker.Judge(token, Simulator::Now());
    if (freshness != SmkdTokenChecker::Verdict::FRESH)
    {
        refuse(std::string("sender token is ") + SmkdTokenVerdictName(freshness));
        return;
    }
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    engine->Verify(
        token.issuer,
        token.SignedBytes(),
        token.signature,
        Callback<void, bool>([this, engine, m, from, token, refuse](bool ok) {
            auto keys = m_context.groups.find(m.group);
            if (!ok)
            {
                refuse("sender token does not verify");
                return;
            }
            if (m_context.tokenChecker.Judge(token, Simulator::Now()) ==
                SmkdTokenChecker::Verdict::REPLAYED)
            {
                return; // a copy verified meanwhile
            }
            m_context.tokenChecker.Remember(token); // only now: a forged copy uses nothing up
            if (keys == m_context.groups.end() || !keys->second.acl.Permits(token.issuer))
            {
                refuse("sender not in the group's access list");
                return;
            }
            m_registered[m.group][token.issuer] = from;
            Issue(m.group, token.issuer, from, m.sequence);
        }));
}

void
SmkdSenderRegistration::Issue(Ipv4Address group, Ipv4Address sender, Address to, uint32_t sequence)
{
    NS_LOG_FUNCTION(this << group << sender << to << sequence);
    auto keys = m_context.groups.find(group);
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    if (keys == m_context.groups.end() || !engine)
    {
        return;
    }
    SmkdSenderKey sk;
    sk.group = group;
    sk.sender = sender;
    sk.key = engine->Random(32);
    sk.sa.spi = smkd::SpiFromRandom(engine->Random(4));
    sk.sa.lifetime = keys->second.bundle.sa.lifetime;
    // In force with the group key it is issued under, numbered by it.
    sk.sa.activation = std::max(static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()),
                                keys->second.bundle.sa.activation);
    sk.sa.epoch = keys->second.bundle.sa.epoch;
    SmkdSignedBlob blob{m_context.OwnAddress(), sk.Serialize(), {}};
    engine->Sign(
        blob.SignedBytes(),
        Callback<void, Bytes>([this, engine, group, to, sequence, sk, blob](
                                  Bytes signature) mutable {
            blob.signature = std::move(signature);
            const Bytes signedKey = blob.Serialize();
            engine->Seal(
                sk.sender,
                signedKey,
                Callback<void, Bytes>([this, group, to, sequence](Bytes sealed) {
                    // Sequence 0: a renewal nobody asked for (requests count from 1).
                    SmkdManagementMessage a;
                    a.type = SmkdManagementMessage::Type::SENDER_ACCEPTED;
                    a.group = group;
                    a.sequence = sequence;
                    a.body = sealed;
                    const Bytes bytes = a.Serialize();
                    m_context.traces.securityBytes("sender-key-answer",
                                                   static_cast<uint32_t>(bytes.size()));
                    if (m_context.socket)
                    {
                        m_context.socket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, to);
                    }
                }));
            Multicast(sk, signedKey);
        }));
}

void
SmkdSenderRegistration::RenewAll(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    // RFC 1949 §8 gives a non-member sender its key once; a key that outlived
    // an exclusion would still be read by the excluded member. Each newer
    // group key brings each registered sender a new key under it, and a
    // sender the list no longer admits gets none.
    auto registered = m_registered.find(group);
    auto keys = m_context.groups.find(group);
    if (registered == m_registered.end() || keys == m_context.groups.end())
    {
        return;
    }
    for (auto it = registered->second.begin(); it != registered->second.end();)
    {
        if (!keys->second.acl.Permits(it->first))
        {
            it = registered->second.erase(it);
            continue;
        }
        Issue(group, it->first, it->second, 0);
        ++it;
    }
}

void
SmkdSenderRegistration::Multicast(const SmkdSenderKey& sk, const Bytes& signedKey)
{
    NS_LOG_FUNCTION(this << sk.group << sk.sender);
    auto it = m_context.groups.find(sk.group);
    if (it == m_context.groups.end())
    {
        return;
    }
    // {[sender_key, senderSAparams]^SK_primary}^group_key (§8, step 2).
    SmkdGroupKeyMessage m;
    m.type = SmkdGroupKeyMessage::Type::SENDER_KEY;
    m.group = sk.group;
    m.keySpi = it->second.bundle.sa.spi;
    m_context.Engine()->AeadEncrypt(
        it->second.bundle.groupKey,
        m.AssociatedData(),
        signedKey,
        Callback<void, Bytes>([this, m, sk](Bytes body) mutable {
            m.body = std::move(body);
            const Bytes wire = m.Serialize();
            Ptr<CbtRoutingProtocol> cbt = m_context.Cbt();
            if (cbt && cbt->OriginateUdpOnTree(Create<Packet>(wire.data(), wire.size()),
                                               SmkdGroupKeyMessage::PORT,
                                               m.group))
            {
                m_context.traces.securityBytes("sender-key", static_cast<uint32_t>(m.body.size()));
            }
            m_context.traces.senderRegistered(m.group, sk.sender, sk.sa.spi);
        }));
}

} // namespace ns3
