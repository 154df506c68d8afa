/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Re-keying (RFC 1949 §6.1): "The primary core also creates a key encrypting
// key (KEK) which is used for re-keying the group just prior to an old key
// exceeding its lifetime." The primary core signs the next bundle, encrypts it
// under the KEK and multicasts it down the CBT tree; every GKDC on the way and
// every member installs it.

#include "smkd-rekeying.h"

#include "cbt-routing-protocol.h"
#include "smkd-crypto-engine.h"
#include "smkd-exclusion.h"
#include "smkd-gkdc-context.h"
#include "smkd-sender-registration.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdRekeying");

SmkdRekeying::SmkdRekeying(SmkdGkdcContext& context)
    : m_context(context)
{
}

void
SmkdRekeying::Schedule(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_context.groups.find(group);
    if (it == m_context.groups.end() || !it->second.primary)
    {
        return;
    }
    const SmkdSaParams& sa = it->second.bundle.sa;
    const Time expiry = NanoSeconds(static_cast<int64_t>(sa.activation)) + Seconds(sa.lifetime);
    Time delay = expiry - m_context.settings.rekeyLead - Simulator::Now();
    if (delay.IsNegative())
    {
        delay = Seconds(0);
    }
    m_events[group].Cancel();
    m_events[group] = Simulator::Schedule(delay, [this, group]() { RekeyNow(group); });
}

bool
SmkdRekeying::RekeyNow(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    auto it = m_context.groups.find(group);
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    if (it == m_context.groups.end() || !it->second.primary || !engine)
    {
        return false;
    }
    m_events[group].Cancel();
    if (m_context.keyChange.count(group))
    {
        return true; // an exclusion under way re-keys, and schedules the next
    }
    m_context.keyChange.insert(group);
    const SmkdKeyBundle& current = it->second.bundle;
    SmkdKeyBundle next;
    next.group = group;
    next.groupKey = engine->Random(32);
    // A periodic re-key replaces the session key; the KEK stays, as it is
    // what every member uses to read this very message.
    next.kek = current.kek;
    do
    {
        next.sa.spi = smkd::SpiFromRandom(engine->Random(4));
    } while (next.sa.spi == current.sa.spi);
    next.sa.cipher = current.sa.cipher;
    next.sa.lifetime = current.sa.lifetime;
    next.sa.activation =
        static_cast<uint64_t>((Simulator::Now() + m_context.settings.rekeyLead).GetNanoSeconds());
    next.sa.epoch = current.sa.epoch + 1;
    SmkdSignedBlob blob{m_context.OwnAddress(), next.Serialize(), {}};
    engine->Sign(blob.SignedBytes(),
                 Callback<void, Bytes>([this, group, blob, next](Bytes signature) mutable {
                     blob.signature = std::move(signature);
                     Send(group, blob, next);
                 }));
    return true;
}

void
SmkdRekeying::Send(Ipv4Address group, SmkdSignedBlob signedBundle, SmkdKeyBundle bundle)
{
    NS_LOG_FUNCTION(this << group << bundle.group << bundle.sa.spi);
    m_context.keyChange.erase(group);
    auto it = m_context.groups.find(group);
    if (it == m_context.groups.end())
    {
        return;
    }
    if (m_context.exclusion->HasPending(group))
    {
        // An exclusion asked for while this was signed goes first: it makes
        // a new KEK, which this re-key would have kept.
        m_context.exclusion->StartNext(group);
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
    m_context.senders->RenewAll(group);
    m_context.Engine()->AeadEncrypt(
        kek,
        m.AssociatedData(),
        signedBundle.Serialize(),
        Callback<void, Bytes>([this, m, bundle](Bytes body) mutable {
            m.body = std::move(body);
            const Bytes wire = m.Serialize();
            Ptr<CbtRoutingProtocol> cbt = m_context.Cbt();
            const bool sent =
                cbt && cbt->OriginateUdpOnTree(Create<Packet>(wire.data(), wire.size()),
                                               SmkdGroupKeyMessage::PORT,
                                               m.group);
            NS_LOG_INFO(m.group << ": re-keyed to SPI 0x" << std::hex << bundle.sa.spi << std::dec
                                << (sent ? ", multicast on the tree" : ", no tree yet"));
            if (sent)
            {
                m_context.traces.securityBytes("rekey", static_cast<uint32_t>(m.body.size()));
            }
            m_context.traces.rekeySent(m.group, bundle.sa.spi);
            Schedule(m.group);
        }));
}

void
SmkdRekeying::Receive(const SmkdGroupKeyMessage& m)
{
    NS_LOG_FUNCTION(this << m.group);
    auto it = m_context.groups.find(m.group);
    if (it == m_context.groups.end() || it->second.primary)
    {
        return; // not a key this router keeps
    }
    if (m.keySpi != it->second.bundle.sa.spi)
    {
        m_context.DropKeyMessage("re-key under a KEK this GKDC does not hold");
        return;
    }
    m_context.Engine()->AeadDecrypt(
        it->second.bundle.kek,
        m.AssociatedData(),
        m.body,
        Callback<void, bool, Bytes>(
            [this, m](bool ok, Bytes plaintext) { Opened(m, ok, std::move(plaintext)); }));
}

void
SmkdRekeying::Opened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext)
{
    NS_LOG_FUNCTION(this << m.group << ok);
    SmkdSignedBlob blob;
    SmkdKeyBundle bundle;
    if (!ok || !SmkdKeyBundle::ParseSigned(plaintext,
                                           m.group,
                                           m_context.PrimaryCoreOf(m.group),
                                           blob,
                                           bundle))
    {
        m_context.DropKeyMessage("re-key does not open or is not the primary core's");
        return;
    }
    m_context.Engine()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, blob, bundle, m](bool verified) {
            auto it = m_context.groups.find(m.group);
            if (!verified || it == m_context.groups.end() || it->second.bundle.sa.spi != m.keySpi ||
                bundle.sa.epoch <= it->second.bundle.sa.epoch)
            {
                m_context.DropKeyMessage(verified ? "re-key is not newer than the keys held"
                                                  : "re-key signature does not verify");
                return;
            }
            it->second.bundle = bundle;
            it->second.coreBundle = blob;
            m_context.traces.keysUpdated(m.group, bundle.sa.spi);
        }));
}

void
SmkdRekeying::Cancel(Ipv4Address group)
{
    auto it = m_events.find(group);
    if (it != m_events.end())
    {
        it->second.Cancel();
    }
}

void
SmkdRekeying::Dispose()
{
    for (auto& [group, event] : m_events)
    {
        event.Cancel();
    }
    m_events.clear();
}

} // namespace ns3
