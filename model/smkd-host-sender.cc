/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Sender-specific keys at a host (RFC 1949 §5, §8): a member sender makes its
// own key and multicasts it under the group key; a non-member sender gets one
// from the primary core. Every member keeps a table of the sender keys it
// received, each accepted only when its origin verifies: signed by the sender
// it names, or by the primary core.

#include "smkd-access-list.h"
#include "smkd-crypto-engine.h"
#include "smkd-host-agent.h"
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

Ipv4Address
SmkdHostAgent::PrimaryCore(Ipv4Address group) const
{
    const std::vector<Ipv4Address> cores =
        m_cores ? m_cores->GetCores(group) : std::vector<Ipv4Address>{};
    return cores.empty() ? Ipv4Address::GetAny() : cores.front();
}

void
SmkdHostAgent::BecomeSender(Ipv4Address group, uint32_t interface)
{
    NS_LOG_FUNCTION(this << group << interface);
    if (!group.IsMulticast() || group.IsLocalMulticast())
    {
        throw std::invalid_argument("SmkdHostAgent::BecomeSender: not a routable multicast group");
    }
    if (m_ownSenderKeys.count(group) || m_senderRequests.count(group))
    {
        return;
    }
    if (const SmkdKeyBundle* keys = GetActiveKeys(group))
    {
        m_memberSender.insert(group);
        AnnounceSenderKey(group, interface, *keys);
    }
    else
    {
        RequestSenderKey(group, interface);
    }
}

void
SmkdHostAgent::AnnounceSenderKey(Ipv4Address group, uint32_t interface, const SmkdKeyBundle& under)
{
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    const SmkdKeyBundle* groupKeys = &under;
    SmkdSenderKey sk;
    sk.group = group;
    sk.sender = GetObject<Ipv4>()->GetAddress(interface, 0).GetLocal();
    sk.key = engine->Random(32);
    const Bytes spi = engine->Random(4);
    sk.sa.spi =
        (uint32_t(spi[0]) << 24 | uint32_t(spi[1]) << 16 | uint32_t(spi[2]) << 8 | spi[3]) | 0x100;
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
            engine->AeadEncrypt(groupKey,
                                m.AssociatedData(),
                                blob.Serialize(),
                                Callback<void, Bytes>([this, m, sk](Bytes body) mutable {
                                    m.body = std::move(body);
                                    const Bytes wire = m.Serialize();
                                    if (m_groupKeySocket)
                                    {
                                        m_groupKeySocket->SendTo(
                                            Create<Packet>(wire.data(), wire.size()),
                                            0,
                                            InetSocketAddress(m.group, SmkdGroupKeyMessage::PORT));
                                    }
                                    // The new key is used from its activation on:
                                    // by then members hold the group key it came under.
                                    const Time at =
                                        NanoSeconds(static_cast<int64_t>(sk.sa.activation));
                                    m_senderKeySwitch[m.group].Cancel();
                                    m_senderKeySwitch[m.group] = Simulator::Schedule(
                                        std::max(at - Simulator::Now(), Seconds(0)),
                                        [this, sk]() {
                                            if (!m_memberSender.count(sk.group))
                                            {
                                                return; // left meanwhile
                                            }
                                            m_ownSenderKeys[sk.group] = sk;
                                            m_senderKeyReady(sk.group, sk.sender, sk.sa.spi);
                                        });
                                }));
        }));
}

void
SmkdHostAgent::RenewSenderKey(const SmkdKeyBundle& bundle)
{
    auto own = m_ownSenderKeys.find(bundle.group);
    auto joined = m_interfaces.find(bundle.group);
    if (!m_memberSender.count(bundle.group) || own == m_ownSenderKeys.end() ||
        own->second.sa.epoch >= bundle.sa.epoch || joined == m_interfaces.end())
    {
        return;
    }
    AnnounceSenderKey(bundle.group, joined->second, bundle);
}

void
SmkdHostAgent::RetryEarlySenderKeys(const SmkdKeyBundle& bundle)
{
    auto early = m_earlySenderKeys.find(bundle.group);
    if (early == m_earlySenderKeys.end())
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
        GetObject<SmkdCryptoEngine>()->AeadDecrypt(
            bundle.groupKey,
            m.AssociatedData(),
            m.body,
            Callback<void, bool, Bytes>([this, m](bool ok, Bytes plaintext) {
                SenderKeyOpened(m, ok, std::move(plaintext));
            }));
    }
    early->second.swap(waiting);
}

void
SmkdHostAgent::RequestSenderKey(Ipv4Address group, uint32_t interface)
{
    const Ipv4Address primary = PrimaryCore(group);
    if (primary == Ipv4Address::GetAny())
    {
        m_senderRefused(group, "no primary core known for the group");
        return;
    }
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    // [t, r, primary, group]^SK_sender: fresh, for this core only (App. A).
    SmkdToken token = SmkdToken::Make(GetObject<Ipv4>()->GetAddress(interface, 0).GetLocal(),
                                      group,
                                      primary,
                                      engine->Random(8));
    SenderRequest& request = m_senderRequests[group];
    request.sequence = m_nextSequence++;
    engine->Sign(token.SignedBytes(),
                 Callback<void, Bytes>([this, token, group](Bytes signature) mutable {
                     token.signature = std::move(signature);
                     auto it = m_senderRequests.find(group);
                     if (it == m_senderRequests.end())
                     {
                         return;
                     }
                     it->second.token = token.Serialize();
                     SendSenderRequest(group);
                 }));
}

void
SmkdHostAgent::SendSenderRequest(Ipv4Address group)
{
    auto it = m_senderRequests.find(group);
    if (it == m_senderRequests.end())
    {
        return;
    }
    SenderRequest& request = it->second;
    if (request.sent >= m_senderRequestTries)
    {
        m_senderRequests.erase(it);
        m_senderRefused(group, "no answer from the primary core");
        return;
    }
    ++request.sent;
    SmkdManagementMessage m;
    m.type = SmkdManagementMessage::Type::SENDER_REQUEST;
    m.group = group;
    m.sequence = request.sequence;
    m.body = request.token;
    const Bytes bytes = m.Serialize();
    m_senderSocket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                           0,
                           InetSocketAddress(PrimaryCore(group), SmkdManagementMessage::PORT));
    request.retransmit =
        Simulator::Schedule(m_senderRequestTimeout, &SmkdHostAgent::SendSenderRequest, this, group);
}

void
SmkdHostAgent::ReceiveSenderAnswer(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        Bytes bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        SmkdManagementMessage m;
        if (!SmkdManagementMessage::Parse(bytes, m))
        {
            DropKeyMessage("malformed answer from the primary core");
            continue;
        }
        if (m.type == SmkdManagementMessage::Type::SENDER_ACCEPTED && m.sequence == 0)
        {
            // A renewal under newer group keys (requests count from 1).
            const Ipv4Address group = m.group;
            if (m_ownSenderKeys.count(group) && !m_memberSender.count(group))
            {
                GetObject<SmkdCryptoEngine>()->Open(
                    m.body,
                    Callback<void, bool, Bytes>([this, group](bool ok, Bytes p) {
                        SenderRenewalOpened(group, ok, std::move(p));
                    }));
            }
            continue;
        }
        auto it = m_senderRequests.find(m.group);
        if (it == m_senderRequests.end() || it->second.sequence != m.sequence)
        {
            continue; // a late copy
        }
        if (m.type == SmkdManagementMessage::Type::SENDER_REJECTED)
        {
            it->second.retransmit.Cancel();
            m_senderRequests.erase(it);
            m_senderRefused(m.group, std::string(m.body.begin(), m.body.end()));
            continue;
        }
        if (m.type != SmkdManagementMessage::Type::SENDER_ACCEPTED)
        {
            continue;
        }
        it->second.retransmit.Cancel();
        const Ipv4Address group = m.group;
        GetObject<SmkdCryptoEngine>()->Open(
            m.body,
            Callback<void, bool, Bytes>(
                [this, group](bool ok, Bytes p) { SenderAnswerOpened(group, ok, std::move(p)); }));
    }
}

void
SmkdHostAgent::SenderAnswerOpened(Ipv4Address group, bool ok, Bytes plaintext)
{
    auto it = m_senderRequests.find(group);
    if (it == m_senderRequests.end())
    {
        return;
    }
    SmkdToken token;
    SmkdToken::Parse(it->second.token, token);
    m_senderRequests.erase(it);
    SmkdSignedBlob blob;
    SmkdSenderKey sk;
    if (!ok || !SmkdSignedBlob::Parse(plaintext, blob) || !SmkdSenderKey::Parse(blob.body, sk) ||
        blob.signer != PrimaryCore(group) || sk.group != group || sk.sender != token.issuer)
    {
        m_senderRefused(group, "the sender key does not open or is not the primary core's");
        return;
    }
    GetObject<SmkdCryptoEngine>()->Verify(blob.signer,
                                          blob.SignedBytes(),
                                          blob.signature,
                                          Callback<void, bool>([this, sk](bool verified) {
                                              if (!verified)
                                              {
                                                  m_senderRefused(sk.group,
                                                                  "the sender key's signature "
                                                                  "does not verify");
                                                  return;
                                              }
                                              m_ownSenderKeys[sk.group] = sk;
                                              m_senderKeyReady(sk.group, sk.sender, sk.sa.spi);
                                          }));
}

void
SmkdHostAgent::SenderRenewalOpened(Ipv4Address group, bool ok, Bytes plaintext)
{
    auto own = m_ownSenderKeys.find(group);
    SmkdSignedBlob blob;
    SmkdSenderKey sk;
    if (own == m_ownSenderKeys.end() || !ok || !SmkdSignedBlob::Parse(plaintext, blob) ||
        !SmkdSenderKey::Parse(blob.body, sk) || blob.signer != PrimaryCore(group) ||
        sk.group != group || sk.sender != own->second.sender || sk.sa.epoch <= own->second.sa.epoch)
    {
        DropKeyMessage("sender key renewal does not open, is not the primary's or not newer");
        return;
    }
    GetObject<SmkdCryptoEngine>()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, sk](bool verified) {
            if (!verified)
            {
                DropKeyMessage("sender key renewal signature does not verify");
                return;
            }
            // Used from its activation: by then the members hold its group key.
            m_senderKeySwitch[sk.group].Cancel();
            m_senderKeySwitch[sk.group] = Simulator::Schedule(
                std::max(NanoSeconds(static_cast<int64_t>(sk.sa.activation)) - Simulator::Now(),
                         Seconds(0)),
                [this, sk]() {
                    auto current = m_ownSenderKeys.find(sk.group);
                    if (current != m_ownSenderKeys.end() && current->second.sa.epoch < sk.sa.epoch)
                    {
                        current->second = sk;
                        m_senderKeyReady(sk.group, sk.sender, sk.sa.spi);
                    }
                });
        }));
}

void
SmkdHostAgent::SenderKeyOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext)
{
    SmkdSignedBlob blob;
    SmkdSenderKey sk;
    // Origin: the sender itself (member sender) or the primary core (non-member).
    if (!ok || !SmkdSignedBlob::Parse(plaintext, blob) || !SmkdSenderKey::Parse(blob.body, sk) ||
        sk.group != m.group || (blob.signer != sk.sender && blob.signer != PrimaryCore(m.group)))
    {
        DropKeyMessage("sender key does not open or is signed by neither sender nor primary");
        return;
    }
    const SmkdKeyBundle* under = GetKeysBySpi(m.group, m.keySpi);
    if (!under || sk.sa.epoch != under->sa.epoch)
    {
        // A sender key is numbered by the group key it came under, so that
        // it is dropped with it (an excluded sender's with the keys it lost).
        DropKeyMessage("sender key not numbered by the group key it came under");
        return;
    }
    if (GetKeysBySpi(m.group, sk.sa.spi))
    {
        // Data under a group SPI would be looked up as this sender's.
        DropKeyMessage("sender key takes a group key's SPI");
        return;
    }
    if (const SmkdSenderKey* other = GetSenderKey(m.group, sk.sa.spi);
        other && other->sender != sk.sender)
    {
        DropKeyMessage("sender key takes another sender's SPI");
        return;
    }
    GetObject<SmkdCryptoEngine>()->Verify(blob.signer,
                                          blob.SignedBytes(),
                                          blob.signature,
                                          Callback<void, bool>([this, sk](bool verified) {
                                              if (!verified)
                                              {
                                                  DropKeyMessage(
                                                      "sender key signature does not verify");
                                                  return;
                                              }
                                              m_senderKeys[sk.group][sk.sa.spi] = sk;
                                              m_senderKeyInstalled(sk.group, sk.sender, sk.sa.spi);
                                          }));
}

Ptr<SmkdDataProtector>
SmkdHostAgent::GetSendingProtector(Ipv4Address group, uint32_t spi, const Bytes& key)
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
        const auto own = m_ownSenderKeys.find(g);
        const bool held =
            GetKeysBySpi(g, s) || (own != m_ownSenderKeys.end() && own->second.sa.spi == s);
        old = held ? std::next(old) : m_sending.erase(old);
    }
    return m_sending.emplace(std::make_tuple(group, spi, key), Create<SmkdDataProtector>(spi, key))
        .first->second;
}

const SmkdSenderKey*
SmkdHostAgent::GetOwnSenderKey(Ipv4Address group) const
{
    auto it = m_ownSenderKeys.find(group);
    return it == m_ownSenderKeys.end() ? nullptr : &it->second;
}

const SmkdSenderKey*
SmkdHostAgent::GetSenderKey(Ipv4Address group, uint32_t spi) const
{
    auto g = m_senderKeys.find(group);
    if (g == m_senderKeys.end())
    {
        return nullptr;
    }
    auto it = g->second.find(spi);
    return it == g->second.end() ? nullptr : &it->second;
}

} // namespace ns3
