/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A member's side of re-keying (RFC 1949 §6.1): the group key messages
// multicast by the primary core, the key ring that keeps a superseded key for
// a grace period, and recovery from a missed re-key through the DR.

#include "smkd-host-key-ring.h"

#include "smkd-crypto-engine.h"
#include "smkd-host-context.h"
#include "smkd-host-join.h"
#include "smkd-host-sender.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostKeyRing");

using smkd::AtNs;
using smkd::NotBeforeNow;

SmkdHostKeyRing::SmkdHostKeyRing(SmkdHostContext& context)
    : m_context(context)
{
}

void
SmkdHostKeyRing::Install(const SmkdKeyBundle& bundle)
{
    NS_LOG_FUNCTION(this << bundle.group << bundle.sa.spi);
    const Ipv4Address group = bundle.group;
    const bool known = GetKeysBySpi(group, bundle.sa.spi) != nullptr;
    const SmkdKeyBundle* newest = m_bundles.GetNewest(group);
    if (newest && bundle.sa.epoch < newest->sa.epoch)
    {
        // Keys older than those held: a replayed delivery would put back
        // keys an exclusion retired (RFC 6407 §5.7, §7.3.4: only newer rekeys count).
        m_context.DropKeyMessage("keys older than those held");
        return;
    }
    const bool newer = !known && (!newest || bundle.sa.epoch > newest->sa.epoch);
    const bool hadKeys = newest != nullptr;
    m_bundles.Put(bundle, newer);
    if (!known)
    {
        m_context.senders->RetryEarly(bundle);
    }
    if (!newer)
    {
        return;
    }
    if (hadKeys)
    {
        // Keys announced for later but superseded before they took effect
        // (a re-key overtaken by an exclusion) are never used: an excluded
        // member may hold them.
        m_bundles.DropOvertaken(group,
                                bundle.sa.epoch,
                                static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()));
        // The superseded keys still open data sent just before the switch.
        m_forgets.erase(std::remove_if(m_forgets.begin(),
                                       m_forgets.end(),
                                       [](const EventId& e) { return e.IsExpired(); }),
                        m_forgets.end());
        m_forgets.push_back(Simulator::Schedule(
            NotBeforeNow(AtNs(bundle.sa.activation) + m_context.settings.oldKeyGrace),
            &SmkdHostKeyRing::Forget,
            this,
            group,
            bundle.sa.epoch));
    }
    m_context.senders->RenewOwn(bundle);
    // The core multicasts the successor RekeyLeadTime before expiry; one
    // that has not arrived RekeyRecoveryMargin before expiry was lost.
    const Time expiry = AtNs(bundle.sa.activation) + Seconds(bundle.sa.lifetime);
    m_rekeyChecks[group].Cancel();
    m_rekeyChecks[group] =
        Simulator::Schedule(NotBeforeNow(expiry - m_context.settings.recoveryMargin),
                            &SmkdHostKeyRing::CheckRekeyArrived,
                            this,
                            group,
                            bundle.sa.spi);
}

void
SmkdHostKeyRing::CheckRekeyArrived(Ipv4Address group, uint32_t spi)
{
    NS_LOG_FUNCTION(this << group << spi);
    const SmkdKeyBundle* newest = m_bundles.GetNewest(group);
    if (newest && newest->sa.spi == spi)
    {
        NS_LOG_INFO(group << ": no successor to SPI 0x" << std::hex << spi << std::dec
                          << " yet; asking the DR");
        m_context.join->Reauthenticate(group, true);
    }
}

void
SmkdHostKeyRing::Forget(Ipv4Address group, uint32_t epoch)
{
    NS_LOG_FUNCTION(this << group << epoch);
    m_bundles.ForgetBelow(group, epoch);
    // Sender keys go with the group keys they were numbered by: members
    // announce, and the primary issues non-members, new ones under each newer
    // group key, and an excluded sender gets none, so its data is refused
    // from here on.
    m_context.senders->ForgetEpochsBelow(group, epoch);
}

void
SmkdHostKeyRing::ReceiveRekey(const SmkdGroupKeyMessage& m, const SmkdKeyBundle& under)
{
    NS_LOG_FUNCTION(this << m.group);
    m_context.Engine()->AeadDecrypt(
        under.kek,
        m.AssociatedData(),
        m.body,
        Callback<void, bool, Bytes>([this, m](bool ok, Bytes plaintext) {
            InstallCoreBundle(m.group, ok, plaintext, "re-key");
        }));
}

void
SmkdHostKeyRing::InstallCoreBundle(Ipv4Address group,
                                   bool opened,
                                   const Bytes& plaintext,
                                   const std::string& what)
{
    NS_LOG_FUNCTION(this << group << opened << what);
    SmkdSignedBlob blob;
    SmkdKeyBundle bundle;
    const Ipv4Address primary = m_context.PrimaryCore(group);
    if (!opened || primary == Ipv4Address::GetAny() ||
        !SmkdKeyBundle::ParseSigned(plaintext, group, primary, blob, bundle))
    {
        m_context.DropKeyMessage(what + " does not open or is not the primary core's");
        return;
    }
    m_context.Engine()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, bundle, what](bool verified) {
            if (!verified)
            {
                m_context.DropKeyMessage(what + " signature does not verify");
                return;
            }
            if (GetKeysBySpi(bundle.group, bundle.sa.spi) || !GetKeys(bundle.group))
            {
                // Fetched from the DR already, or
                // the host left while it was opened.
                return;
            }
            Install(bundle);
            m_context.traces.rekeyInstalled(bundle.group, bundle.sa.spi);
        }));
}

void
SmkdHostKeyRing::ReceiveExclusionRekey(const SmkdKeyDelivery& d)
{
    NS_LOG_FUNCTION(this << d.group);
    if (!GetKeys(d.group))
    {
        return;
    }
    // After an exclusion the primary (CoreUnicast) or the DR (SubtreeGkdc)
    // seals the core-signed bundle for each remaining member.
    const Ipv4Address group = d.group;
    m_context.Engine()->Open(d.sealed,
                             Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
                                 InstallCoreBundle(group, ok, plaintext, "exclusion re-key");
                             }));
}

const SmkdKeyBundle*
SmkdHostKeyRing::GetKeys(Ipv4Address group) const
{
    return m_bundles.GetNewest(group);
}

const SmkdKeyBundle*
SmkdHostKeyRing::GetActiveKeys(Ipv4Address group) const
{
    // An exclusion's keys outrank a periodic re-key announced before it,
    // whose activation may come later (that one is dropped when they arrive).
    return m_bundles.GetActive(group, static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()));
}

const SmkdKeyBundle*
SmkdHostKeyRing::GetKeysBySpi(Ipv4Address group, uint32_t spi) const
{
    return m_bundles.GetBySpi(group, spi);
}

void
SmkdHostKeyRing::ForgetGroup(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    m_bundles.ForgetGroup(group);
    auto check = m_rekeyChecks.find(group);
    if (check != m_rekeyChecks.end())
    {
        check->second.Cancel();
        m_rekeyChecks.erase(check);
    }
}

void
SmkdHostKeyRing::Dispose()
{
    for (auto& [group, event] : m_rekeyChecks)
    {
        event.Cancel();
    }
    m_rekeyChecks.clear();
    for (EventId& event : m_forgets)
    {
        event.Cancel();
    }
    m_forgets.clear();
}

} // namespace ns3
