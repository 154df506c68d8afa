/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Sender-specific keys at a host (RFC 1949 §5, §8): a member sender makes its
// own key and multicasts it under the group key; a non-member sender gets one
// from the primary core. Every member keeps a table of the sender keys it
// received, each accepted only when its origin verifies: signed by the sender
// it names, or by the primary core.

#include "smkd-host-sender.h"

#include "smkd-crypto-engine.h"
#include "smkd-host-context.h"
#include "smkd-host-key-ring.h"
#include "smkd-management-message.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostSender");

SmkdHostSender::SmkdHostSender(SmkdHostContext& context)
    : m_context(context)
{
}

void
SmkdHostSender::ForgetEpochsBelow(Ipv4Address group, uint32_t epoch)
{
    NS_LOG_FUNCTION(this << group << epoch);
    auto keys = m_received.find(group);
    if (keys == m_received.end())
    {
        return;
    }
    for (auto it = keys->second.begin(); it != keys->second.end();)
    {
        it = it->second.sa.epoch < epoch ? keys->second.erase(it) : std::next(it);
    }
}

void
SmkdHostSender::ForgetGroup(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    // Other senders' keys go with the group key; so does a member sender's
    // own key: one that left sends under a non-member's key, if at all.
    m_received.erase(group);
    m_early.erase(group);
    if (m_memberSender.erase(group))
    {
        m_own.erase(group);
        m_switch[group].Cancel();
    }
}

void
SmkdHostSender::Dispose()
{
    for (auto& [group, request] : m_requests)
    {
        request.retransmit.Cancel();
    }
    m_requests.clear();
    for (auto& [group, event] : m_switch)
    {
        event.Cancel();
    }
    m_switch.clear();
    m_sending.clear();
}

void
SmkdHostSender::ReceiveAnnouncement(const SmkdGroupKeyMessage& m, const SmkdKeyBundle* under)
{
    NS_LOG_FUNCTION(this << m.group << m.keySpi << under);
    if (!under)
    {
        // A sender's new key may overtake the group key it came under
        // (they travel different paths after an exclusion): keep it a
        // while. Anyone can send junk here, so the queue is bounded in
        // size and time, and the oldest goes first.
        auto& early = m_early[m.group];
        while (!early.empty() &&
               (early.size() >= MAX_EARLY_SENDER_KEYS ||
                Simulator::Now() - early.front().first > m_context.settings.oldKeyGrace))
        {
            early.pop_front();
            ++m_earlyDropped;
        }
        early.emplace_back(Simulator::Now(), m);
        return;
    }
    m_context.Engine()->AeadDecrypt(
        under->groupKey,
        m.AssociatedData(),
        m.body,
        Callback<void, bool, Bytes>([this, m](bool ok, Bytes plaintext) {
            AnnouncementOpened(m, ok, std::move(plaintext));
        }));
}

void
SmkdHostSender::BecomeSender(Ipv4Address group, uint32_t interface)
{
    NS_LOG_FUNCTION(this << group << interface);
    if (m_own.count(group) || m_requests.count(group))
    {
        return;
    }
    if (const SmkdKeyBundle* keys = m_context.keyRing->GetActiveKeys(group))
    {
        m_memberSender.insert(group);
        Announce(group, interface, *keys);
    }
    else
    {
        Request(group, interface);
    }
}

void
SmkdHostSender::Announce(Ipv4Address group, uint32_t interface, const SmkdKeyBundle& under)
{
    NS_LOG_FUNCTION(this << group << interface << under.group << under.sa.spi);
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    const SmkdKeyBundle* groupKeys = &under;
    SmkdSenderKey sk;
    sk.group = group;
    sk.sender = m_context.Ip()->GetAddress(interface, 0).GetLocal();
    sk.key = engine->Random(32);
    sk.sa.spi = smkd::SpiFromRandom(engine->Random(4));
    sk.sa.lifetime = groupKeys->sa.lifetime;
    // In force with the group key it is announced under, and numbered by it.
    sk.sa.activation = std::max(static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()),
                                groupKeys->sa.activation);
    sk.sa.epoch = groupKeys->sa.epoch;
    SmkdGroupKeyMessage m;
    m.type = SmkdGroupKeyMessage::Type::SENDER_KEY;
    m.group = group;
    m.keySpi = groupKeys->sa.spi;
    const Bytes groupKey = groupKeys->groupKey;
    SmkdSignedBlob blob{sk.sender, sk.Serialize(), {}};
    // {[sender_key, senderSAparams]^SK_sender}^group_key, before sending data (§8).
    engine->Sign(
        blob.SignedBytes(),
        Callback<void, Bytes>([this, engine, blob, m, sk, groupKey](Bytes signature) mutable {
            blob.signature = std::move(signature);
            engine->AeadEncrypt(
                groupKey,
                m.AssociatedData(),
                blob.Serialize(),
                Callback<void, Bytes>([this, m, sk](Bytes body) mutable {
                    m.body = std::move(body);
                    const Bytes wire = m.Serialize();
                    if (m_context.groupKeySocket)
                    {
                        m_context.groupKeySocket->SendTo(
                            Create<Packet>(wire.data(), wire.size()),
                            0,
                            InetSocketAddress(m.group, SmkdGroupKeyMessage::PORT));
                    }
                    // The new key is used from its activation on:
                    // by then members hold the group key it came under.
                    const Time at = NanoSeconds(static_cast<int64_t>(sk.sa.activation));
                    m_switch[m.group].Cancel();
                    m_switch[m.group] = Simulator::Schedule(
                        std::max(at - Simulator::Now(), Seconds(0)),
                        [this, sk]() {
                            if (!m_memberSender.count(sk.group))
                            {
                                return; // left meanwhile
                            }
                            m_own[sk.group] = sk;
                            m_context.traces.senderKeyReady(sk.group, sk.sender, sk.sa.spi);
                        });
                }));
        }));
}

void
SmkdHostSender::RenewOwn(const SmkdKeyBundle& bundle)
{
    NS_LOG_FUNCTION(this << bundle.group << bundle.sa.spi);
    auto own = m_own.find(bundle.group);
    auto joined = m_context.interfaces.find(bundle.group);
    if (!m_memberSender.count(bundle.group) || own == m_own.end() ||
        own->second.sa.epoch >= bundle.sa.epoch || joined == m_context.interfaces.end())
    {
        return;
    }
    Announce(bundle.group, joined->second, bundle);
}

void
SmkdHostSender::RetryEarly(const SmkdKeyBundle& bundle)
{
    NS_LOG_FUNCTION(this << bundle.group << bundle.sa.spi);
    auto early = m_early.find(bundle.group);
    if (early == m_early.end())
    {
        return;
    }
    std::deque<std::pair<Time, SmkdGroupKeyMessage>> waiting;
    for (const auto& [heard, m] : early->second)
    {
        if (m.keySpi != bundle.sa.spi)
        {
            waiting.emplace_back(heard, m);
            continue;
        }
        m_context.Engine()->AeadDecrypt(
            bundle.groupKey,
            m.AssociatedData(),
            m.body,
            Callback<void, bool, Bytes>([this, m](bool ok, Bytes plaintext) {
                AnnouncementOpened(m, ok, std::move(plaintext));
            }));
    }
    early->second.swap(waiting);
}

void
SmkdHostSender::Request(Ipv4Address group, uint32_t interface)
{
    NS_LOG_FUNCTION(this << group << interface);
    const Ipv4Address primary = m_context.PrimaryCore(group);
    if (primary == Ipv4Address::GetAny())
    {
        m_context.traces.senderRefused(group, "no primary core known for the group");
        return;
    }
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    // [t, r, primary, group]^SK_sender: fresh, for this core only (App. A).
    SmkdToken token = SmkdToken::Make(m_context.Ip()->GetAddress(interface, 0).GetLocal(),
                                      group,
                                      primary,
                                      engine->Random(8));
    SenderRequest& request = m_requests[group];
    request.sequence = m_nextSequence++;
    engine->Sign(token.SignedBytes(),
                 Callback<void, Bytes>([this, token, group](Bytes signature) mutable {
                     token.signature = std::move(signature);
                     auto it = m_requests.find(group);
                     if (it == m_requests.end())
                     {
                         return;
                     }
                     it->second.token = token.Serialize();
                     SendRequest(group);
                 }));
}

void
SmkdHostSender::SendRequest(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_requests.find(group);
    if (it == m_requests.end())
    {
        return;
    }
    SenderRequest& request = it->second;
    if (request.sent >= m_context.settings.senderRequestTries)
    {
        m_requests.erase(it);
        m_context.traces.senderRefused(group, "no answer from the primary core");
        return;
    }
    ++request.sent;
    SmkdManagementMessage m;
    m.type = SmkdManagementMessage::Type::SENDER_REQUEST;
    m.group = group;
    m.sequence = request.sequence;
    m.body = request.token;
    const Bytes bytes = m.Serialize();
    m_context.senderSocket->SendTo(
        Create<Packet>(bytes.data(), bytes.size()),
        0,
        InetSocketAddress(m_context.PrimaryCore(group), SmkdManagementMessage::PORT));
    request.retransmit = Simulator::Schedule(m_context.settings.senderRequestTimeout,
                                             &SmkdHostSender::SendRequest,
                                             this,
                                             group);
}

void
SmkdHostSender::ReceiveAnswer(const SmkdManagementMessage& m)
{
    NS_LOG_FUNCTION(this << m.group);
    if (m.type == SmkdManagementMessage::Type::SENDER_ACCEPTED && m.sequence == 0)
    {
        // A renewal under newer group keys (requests count from 1).
        const Ipv4Address group = m.group;
        if (m_own.count(group) && !m_memberSender.count(group))
        {
            m_context.Engine()->Open(m.body,
                                     Callback<void, bool, Bytes>([this, group](bool ok, Bytes p) {
                                         RenewalOpened(group, ok, std::move(p));
                                     }));
        }
        return;
    }
    auto it = m_requests.find(m.group);
    if (it == m_requests.end() || it->second.sequence != m.sequence)
    {
        return; // a late copy
    }
    if (m.type == SmkdManagementMessage::Type::SENDER_REJECTED)
    {
        it->second.retransmit.Cancel();
        m_requests.erase(it);
        m_context.traces.senderRefused(m.group, std::string(m.body.begin(), m.body.end()));
        return;
    }
    if (m.type != SmkdManagementMessage::Type::SENDER_ACCEPTED)
    {
        return;
    }
    it->second.retransmit.Cancel();
    const Ipv4Address group = m.group;
    m_context.Engine()->Open(m.body, Callback<void, bool, Bytes>([this, group](bool ok, Bytes p) {
                                 AnswerOpened(group, ok, std::move(p));
                             }));
}

void
SmkdHostSender::AnswerOpened(Ipv4Address group, bool ok, Bytes plaintext)
{
    NS_LOG_FUNCTION(this << group << ok);
    auto it = m_requests.find(group);
    if (it == m_requests.end())
    {
        return;
    }
    SmkdToken token;
    SmkdToken::Parse(it->second.token, token);
    m_requests.erase(it);
    SmkdSignedBlob blob;
    SmkdSenderKey sk;
    if (!ok || !SmkdSignedBlob::Parse(plaintext, blob) || !SmkdSenderKey::Parse(blob.body, sk) ||
        blob.signer != m_context.PrimaryCore(group) || sk.group != group ||
        sk.sender != token.issuer)
    {
        m_context.traces.senderRefused(group,
                                       "the sender key does not open or is not the primary core's");
        return;
    }
    m_context.Engine()->Verify(blob.signer,
                               blob.SignedBytes(),
                               blob.signature,
                               Callback<void, bool>([this, sk](bool verified) {
                                   if (!verified)
                                   {
                                       m_context.traces.senderRefused(sk.group,
                                                                      "the sender key's signature "
                                                                      "does not verify");
                                       return;
                                   }
                                   m_own[sk.group] = sk;
                                   m_context.traces.senderKeyReady(sk.group, sk.sender, sk.sa.spi);
                               }));
}

void
SmkdHostSender::RenewalOpened(Ipv4Address group, bool ok, Bytes plaintext)
{
    NS_LOG_FUNCTION(this << group << ok);
    auto own = m_own.find(group);
    SmkdSignedBlob blob;
    SmkdSenderKey sk;
    if (own == m_own.end() || !ok || !SmkdSignedBlob::Parse(plaintext, blob) ||
        !SmkdSenderKey::Parse(blob.body, sk) || blob.signer != m_context.PrimaryCore(group) ||
        sk.group != group || sk.sender != own->second.sender || sk.sa.epoch <= own->second.sa.epoch)
    {
        m_context.DropKeyMessage(
            "sender key renewal does not open, is not the primary's or not newer");
        return;
    }
    m_context.Engine()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, sk](bool verified) {
            if (!verified)
            {
                m_context.DropKeyMessage("sender key renewal signature does not verify");
                return;
            }
            // Used from its activation: by then the members hold its group key.
            m_switch[sk.group].Cancel();
            m_switch[sk.group] = Simulator::Schedule(
                std::max(NanoSeconds(static_cast<int64_t>(sk.sa.activation)) - Simulator::Now(),
                         Seconds(0)),
                [this, sk]() {
                    auto current = m_own.find(sk.group);
                    if (current != m_own.end() && current->second.sa.epoch < sk.sa.epoch)
                    {
                        current->second = sk;
                        m_context.traces.senderKeyReady(sk.group, sk.sender, sk.sa.spi);
                    }
                });
        }));
}

void
SmkdHostSender::AnnouncementOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext)
{
    NS_LOG_FUNCTION(this << m.group << ok);
    SmkdSignedBlob blob;
    SmkdSenderKey sk;
    // Origin: the sender itself (member sender) or the primary core (non-member).
    if (!ok || !SmkdSignedBlob::Parse(plaintext, blob) || !SmkdSenderKey::Parse(blob.body, sk) ||
        sk.group != m.group ||
        (blob.signer != sk.sender && blob.signer != m_context.PrimaryCore(m.group)))
    {
        m_context.DropKeyMessage(
            "sender key does not open or is signed by neither sender nor primary");
        return;
    }
    const SmkdKeyBundle* under = m_context.keyRing->GetKeysBySpi(m.group, m.keySpi);
    if (!under || sk.sa.epoch != under->sa.epoch)
    {
        // A sender key is numbered by the group key it came under, so that
        // it is dropped with it (an excluded sender's with the keys it lost).
        m_context.DropKeyMessage("sender key not numbered by the group key it came under");
        return;
    }
    if (m_context.keyRing->GetKeysBySpi(m.group, sk.sa.spi))
    {
        // Data under a group SPI would be looked up as this sender's.
        m_context.DropKeyMessage("sender key takes a group key's SPI");
        return;
    }
    if (const SmkdSenderKey* other = GetSenderKey(m.group, sk.sa.spi);
        other && other->sender != sk.sender)
    {
        m_context.DropKeyMessage("sender key takes another sender's SPI");
        return;
    }
    m_context.Engine()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, sk](bool verified) {
            if (!verified)
            {
                m_context.DropKeyMessage("sender key signature does not verify");
                return;
            }
            m_received[sk.group][sk.sa.spi] = sk;
            m_context.traces.senderKeyInstalled(sk.group, sk.sender, sk.sa.spi);
        }));
}

Ptr<SmkdDataProtector>
SmkdHostSender::GetSendingProtector(Ipv4Address group, uint32_t spi, const Bytes& key)
{
    auto it = m_sending.find({group, spi, key});
    if (it != m_sending.end())
    {
        return it->second;
    }
    // Keys no longer held will seal nothing more: their protectors go.
    for (auto old = m_sending.begin(); old != m_sending.end();)
    {
        const Ipv4Address g = std::get<0>(old->first);
        const uint32_t s = std::get<1>(old->first);
        const auto own = m_own.find(g);
        const bool held = m_context.keyRing->GetKeysBySpi(g, s) ||
                          (own != m_own.end() && own->second.sa.spi == s);
        old = held ? std::next(old) : m_sending.erase(old);
    }
    return m_sending.emplace(std::make_tuple(group, spi, key), Create<SmkdDataProtector>(spi, key))
        .first->second;
}

const SmkdSenderKey*
SmkdHostSender::GetOwnSenderKey(Ipv4Address group) const
{
    auto it = m_own.find(group);
    return it == m_own.end() ? nullptr : &it->second;
}

const SmkdSenderKey*
SmkdHostSender::GetSenderKey(Ipv4Address group, uint32_t spi) const
{
    auto g = m_received.find(group);
    if (g == m_received.end())
    {
        return nullptr;
    }
    auto it = g->second.find(spi);
    return it == g->second.end() ? nullptr : &it->second;
}

} // namespace ns3
