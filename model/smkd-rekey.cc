/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Re-keying (RFC 1949 §6.1): "The primary core also creates a key encrypting
// key (KEK) which is used for re-keying the group just prior to an old key
// exceeding its lifetime." The primary core signs the next bundle, encrypts it
// under the KEK and multicasts it down the CBT tree; every GKDC on the way and
// every member installs it.

#include "cbt-routing-protocol.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdRekey");

namespace
{

uint32_t
SpiFrom(const Bytes& random)
{
    // SPIs 0-255 are reserved (RFC 4303 §2.1).
    return (uint32_t(random[0]) << 24 | uint32_t(random[1]) << 16 | uint32_t(random[2]) << 8 |
            random[3]) |
           0x100;
}

} // namespace

void
SmkdGkdc::ScheduleRekey(Ipv4Address group)
{
    auto it = m_groups.find(group);
    if (it == m_groups.end() || !it->second.primary)
    {
        return;
    }
    const SmkdSaParams& sa = it->second.bundle.sa;
    const Time expiry = NanoSeconds(static_cast<int64_t>(sa.activation)) + Seconds(sa.lifetime);
    Time delay = expiry - m_rekeyLead - Simulator::Now();
    if (delay.IsNegative())
    {
        delay = Seconds(0);
    }
    m_rekeyEvents[group].Cancel();
    m_rekeyEvents[group] = Simulator::Schedule(delay, [this, group]() { RekeyNow(group); });
}

bool
SmkdGkdc::RekeyNow(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_groups.find(group);
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    if (it == m_groups.end() || !it->second.primary || !engine)
    {
        return false;
    }
    m_rekeyEvents[group].Cancel();
    if (m_keyChange.count(group))
    {
        return true; // an exclusion under way re-keys, and schedules the next
    }
    m_keyChange.insert(group);
    const SmkdKeyBundle& current = it->second.bundle;
    SmkdKeyBundle next;
    next.group = group;
    next.groupKey = engine->Random(32);
    // A periodic re-key replaces the session key; the KEK stays, as it is
    // what every member uses to read this very message.
    next.kek = current.kek;
    do
    {
        next.sa.spi = SpiFrom(engine->Random(4));
    } while (next.sa.spi == current.sa.spi);
    next.sa.cipher = current.sa.cipher;
    next.sa.lifetime = current.sa.lifetime;
    next.sa.activation = static_cast<uint64_t>((Simulator::Now() + m_rekeyLead).GetNanoSeconds());
    next.sa.epoch = current.sa.epoch + 1;
    SmkdSignedBlob blob{OwnAddress(), next.Serialize(), {}};
    engine->Sign(blob.SignedBytes(),
                 Callback<void, Bytes>([this, group, blob, next](Bytes signature) mutable {
                     blob.signature = std::move(signature);
                     SendRekey(group, blob, next);
                 }));
    return true;
}

void
SmkdGkdc::SendRekey(Ipv4Address group, SmkdSignedBlob signedBundle, SmkdKeyBundle bundle)
{
    m_keyChange.erase(group);
    auto it = m_groups.find(group);
    if (it == m_groups.end())
    {
        return;
    }
    if (!m_pendingExclusions[group].empty())
    {
        // An exclusion asked for while this was signed goes first: it makes
        // a new KEK, which this re-key would have kept.
        StartExclusion(group);
        return;
    }
    SmkdGroupKeyMessage m;
    m.type = SmkdGroupKeyMessage::Type::REKEY;
    m.group = group;
    m.keySpi = it->second.bundle.sa.spi;
    const Bytes kek = it->second.bundle.kek;
    // Joins answered from now on get the new keys; the message below carries
    // them to everyone who holds the old ones.
    it->second.bundle = bundle;
    it->second.coreBundle = signedBundle;
    RenewSenderKeys(group);
    GetObject<SmkdCryptoEngine>()->AeadEncrypt(
        kek,
        m.AssociatedData(),
        signedBundle.Serialize(),
        Callback<void, Bytes>([this, m, bundle](Bytes body) mutable {
            m.body = std::move(body);
            const Bytes wire = m.Serialize();
            Ptr<CbtRoutingProtocol> cbt = Cbt();
            const bool sent =
                cbt && cbt->OriginateUdpOnTree(Create<Packet>(wire.data(), wire.size()),
                                               SmkdGroupKeyMessage::PORT,
                                               m.group);
            NS_LOG_INFO(m.group << ": re-keyed to SPI 0x" << std::hex << bundle.sa.spi << std::dec
                                << (sent ? ", multicast on the tree" : ", no tree yet"));
            if (sent)
            {
                m_securityBytes("rekey", static_cast<uint32_t>(m.body.size()));
            }
            m_rekeySent(m.group, bundle.sa.spi);
            ScheduleRekey(m.group);
        }));
}

void
SmkdGkdc::ReceiveGroupKeyMessage(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        Bytes bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        SmkdGroupKeyMessage m;
        if (!SmkdGroupKeyMessage::Parse(bytes, m))
        {
            DropKeyMessage("malformed group key message");
            continue;
        }
        auto it = m_groups.find(m.group);
        if (m.type == SmkdGroupKeyMessage::Type::REVOKE && IsSecureGroup(m.group) &&
            !IsPrimaryCore(m.group))
        {
            // Taken with or without keys: a router that holds none yet must
            // still refuse the revoked ones if an answer in flight brings them.
            HandleRevocation(m);
            continue;
        }
        if (m.type == SmkdGroupKeyMessage::Type::SUBTREE_REKEY && IsSecureGroup(m.group) &&
            !IsPrimaryCore(m.group))
        {
            // With keys or without: a router whose keys are still on their
            // way in an answer learns which epochs are gone.
            HandleSubtreeRekey(m);
            continue;
        }
        if (m.type != SmkdGroupKeyMessage::Type::REKEY || it == m_groups.end() ||
            it->second.primary)
        {
            continue; // not a key this router keeps (sender keys are for receivers)
        }
        if (m.keySpi != it->second.bundle.sa.spi)
        {
            DropKeyMessage("re-key under a KEK this GKDC does not hold");
            continue;
        }
        GetObject<SmkdCryptoEngine>()->AeadDecrypt(
            it->second.bundle.kek,
            m.AssociatedData(),
            m.body,
            Callback<void, bool, Bytes>(
                [this, m](bool ok, Bytes plaintext) { RekeyOpened(m, ok, std::move(plaintext)); }));
    }
}

void
SmkdGkdc::RekeyOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext)
{
    SmkdSignedBlob blob;
    SmkdKeyBundle bundle;
    if (!ok ||
        !SmkdKeyBundle::ParseSigned(plaintext, m.group, PrimaryCoreOf(m.group), blob, bundle))
    {
        DropKeyMessage("re-key does not open or is not the primary core's");
        return;
    }
    GetObject<SmkdCryptoEngine>()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, blob, bundle, m](bool verified) {
            auto it = m_groups.find(m.group);
            if (!verified || it == m_groups.end() || it->second.bundle.sa.spi != m.keySpi ||
                bundle.sa.epoch <= it->second.bundle.sa.epoch)
            {
                DropKeyMessage(verified ? "re-key is not newer than the keys held"
                                        : "re-key signature does not verify");
                return;
            }
            it->second.bundle = bundle;
            it->second.coreBundle = blob;
            m_keysUpdated(m.group, bundle.sa.spi);
        }));
}

uint32_t
SmkdGkdc::EpochFloor(Ipv4Address group) const
{
    auto it = m_epochFloor.find(group);
    return it == m_epochFloor.end() ? 0 : it->second;
}

void
SmkdGkdc::DropKeyMessage(const std::string& why)
{
    ++m_droppedKeyMessages;
    NS_LOG_INFO("dropped a group key message: " << why);
}

uint64_t
SmkdGkdc::GetDroppedKeyMessages() const
{
    return m_droppedKeyMessages;
}

} // namespace ns3
