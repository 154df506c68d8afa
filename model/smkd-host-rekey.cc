/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A member's side of re-keying (RFC 1949 §6.1): the group key messages
// multicast by the primary core, the key ring that keeps a superseded key for
// a grace period, and recovery from a missed re-key through the DR.

#include "smkd-access-list.h"
#include "smkd-crypto-engine.h"
#include "smkd-host-agent.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostRekey");

namespace
{

Time
AtNs(uint64_t ns)
{
    return NanoSeconds(static_cast<int64_t>(ns));
}

Time
NotBeforeNow(Time t)
{
    const Time delay = t - Simulator::Now();
    return delay.IsNegative() ? Seconds(0) : delay;
}

} // namespace

void
SmkdHostAgent::Install(const SmkdKeyBundle& bundle)
{
    const Ipv4Address group = bundle.group;
    const bool known = GetKeysBySpi(group, bundle.sa.spi) != nullptr;
    auto newest = m_keys.find(group);
    if (newest != m_keys.end() && bundle.sa.epoch < newest->second.sa.epoch)
    {
        // Keys older than those held: a replayed delivery would put back
        // keys an exclusion retired (RFC 6407 §5.7, §7.3.4: only newer rekeys count).
        DropKeyMessage("keys older than those held");
        return;
    }
    m_ring[group][bundle.sa.spi] = bundle;
    if (!known)
    {
        RetryEarlySenderKeys(bundle);
    }
    if (known || (newest != m_keys.end() && bundle.sa.epoch == newest->second.sa.epoch))
    {
        return;
    }
    if (newest != m_keys.end())
    {
        // Keys announced for later but superseded before they took effect
        // (a re-key overtaken by an exclusion) are never used: an excluded
        // member may hold them.
        auto& ring = m_ring[group];
        const uint64_t now = static_cast<uint64_t>(Simulator::Now().GetNanoSeconds());
        for (auto it = ring.begin(); it != ring.end();)
        {
            it = it->second.sa.epoch < bundle.sa.epoch && it->second.sa.activation > now
                     ? ring.erase(it)
                     : std::next(it);
        }
        // The superseded keys still open data sent just before the switch.
        Simulator::Schedule(NotBeforeNow(AtNs(bundle.sa.activation) + m_oldKeyGrace),
                            &SmkdHostAgent::Forget,
                            this,
                            group,
                            bundle.sa.epoch);
    }
    m_keys[group] = bundle;
    RenewSenderKey(bundle);
    // The core multicasts the successor RekeyLeadTime before expiry; one
    // that has not arrived RekeyRecoveryMargin before expiry was lost.
    const Time expiry = AtNs(bundle.sa.activation) + Seconds(bundle.sa.lifetime);
    m_rekeyChecks[group].Cancel();
    m_rekeyChecks[group] = Simulator::Schedule(NotBeforeNow(expiry - m_recoveryMargin),
                                               &SmkdHostAgent::CheckRekeyArrived,
                                               this,
                                               group,
                                               bundle.sa.spi);
}

void
SmkdHostAgent::CheckRekeyArrived(Ipv4Address group, uint32_t spi)
{
    NS_LOG_FUNCTION(this << group << spi);
    auto it = m_keys.find(group);
    if (it != m_keys.end() && it->second.sa.spi == spi)
    {
        NS_LOG_INFO(group << ": no successor to SPI 0x" << std::hex << spi << std::dec
                          << " yet; asking the DR");
        Reauthenticate(group, true);
    }
}

void
SmkdHostAgent::Forget(Ipv4Address group, uint32_t epoch)
{
    auto ring = m_ring.find(group);
    if (ring == m_ring.end())
    {
        return;
    }
    for (auto it = ring->second.begin(); it != ring->second.end();)
    {
        it = it->second.sa.epoch < epoch ? ring->second.erase(it) : std::next(it);
    }
    // Sender keys go with the group keys they were numbered by: members
    // announce, and the primary issues non-members, new ones under each newer
    // group key, and an excluded sender gets none, so its data is refused
    // from here on.
    auto keys = m_senderKeys.find(group);
    if (keys == m_senderKeys.end())
    {
        return;
    }
    for (auto it = keys->second.begin(); it != keys->second.end();)
    {
        it = it->second.sa.epoch < epoch ? keys->second.erase(it) : std::next(it);
    }
}

void
SmkdHostAgent::ReceiveGroupKeyMessage(Ptr<Socket> socket)
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
        if (m.type == SmkdGroupKeyMessage::Type::LKH_REKEY && m_interfaces.count(m.group))
        {
            // Under key tree keys, not a bundle's; heard by a newcomer too,
            // whose group keys may still be being opened.
            LkhRekey(m);
            continue;
        }
        if (!m_keys.count(m.group) || m.type == SmkdGroupKeyMessage::Type::REVOKE ||
            m.type == SmkdGroupKeyMessage::Type::SUBTREE_REKEY ||
            m.type == SmkdGroupKeyMessage::Type::LKH_REKEY)
        {
            continue; // not a member, or a message for the GKDCs
        }
        const SmkdKeyBundle* under = GetKeysBySpi(m.group, m.keySpi);
        if (!under && m.type == SmkdGroupKeyMessage::Type::SENDER_KEY)
        {
            // A sender's new key may overtake the group key it came under
            // (they travel different paths after an exclusion): keep it a
            // while. Anyone can send junk here, so the queue is bounded in
            // size and time, and the oldest goes first.
            auto& early = m_earlySenderKeys[m.group];
            while (!early.empty() && (early.size() >= MAX_EARLY_SENDER_KEYS ||
                                      Simulator::Now() - early.front().first > m_oldKeyGrace))
            {
                early.pop_front();
                ++m_earlyDropped;
            }
            early.emplace_back(Simulator::Now(), m);
            continue;
        }
        if (!under)
        {
            DropKeyMessage("group key message under a key this member does not hold");
            continue;
        }
        if (m.type == SmkdGroupKeyMessage::Type::SENDER_KEY)
        {
            GetObject<SmkdCryptoEngine>()->AeadDecrypt(
                under->groupKey,
                m.AssociatedData(),
                m.body,
                Callback<void, bool, Bytes>([this, m](bool ok, Bytes plaintext) {
                    SenderKeyOpened(m, ok, std::move(plaintext));
                }));
            continue;
        }
        GetObject<SmkdCryptoEngine>()->AeadDecrypt(
            under->kek,
            m.AssociatedData(),
            m.body,
            Callback<void, bool, Bytes>(
                [this, m](bool ok, Bytes plaintext) { RekeyOpened(m, ok, std::move(plaintext)); }));
    }
}

void
SmkdHostAgent::RekeyOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext)
{
    InstallCoreBundle(m.group, ok, plaintext, "re-key");
}

void
SmkdHostAgent::InstallCoreBundle(Ipv4Address group,
                                 bool opened,
                                 const Bytes& plaintext,
                                 const std::string& what)
{
    SmkdSignedBlob blob;
    SmkdKeyBundle bundle;
    const std::vector<Ipv4Address> cores =
        m_cores ? m_cores->GetCores(group) : std::vector<Ipv4Address>{};
    if (!opened || cores.empty() ||
        !SmkdKeyBundle::ParseSigned(plaintext, group, cores.front(), blob, bundle))
    {
        DropKeyMessage(what + " does not open or is not the primary core's");
        return;
    }
    GetObject<SmkdCryptoEngine>()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, bundle, what](bool verified) {
            if (!verified)
            {
                DropKeyMessage(what + " signature does not verify");
                return;
            }
            if (GetKeysBySpi(bundle.group, bundle.sa.spi) || !m_keys.count(bundle.group))
            {
                // Fetched from the DR already, or
                // the host left while it was opened.
                return;
            }
            Install(bundle);
            m_rekeyInstalled(bundle.group, bundle.sa.spi);
        }));
}

void
SmkdHostAgent::ExclusionRekey(const SmkdKeyDelivery& d)
{
    if (!m_keys.count(d.group))
    {
        return;
    }
    // After an exclusion the primary (CoreUnicast) or the DR (SubtreeGkdc)
    // seals the core-signed bundle for each remaining member.
    const Ipv4Address group = d.group;
    GetObject<SmkdCryptoEngine>()->Open(
        d.sealed,
        Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
            InstallCoreBundle(group, ok, plaintext, "exclusion re-key");
        }));
}

void
SmkdHostAgent::DropKeyMessage(const std::string& why)
{
    ++m_droppedKeyMessages;
    NS_LOG_INFO("dropped a group key message: " << why);
}

uint64_t
SmkdHostAgent::GetDroppedKeyMessages() const
{
    return m_droppedKeyMessages;
}

} // namespace ns3
