/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Member exclusion, beyond RFC 1949. §8: "We cannot offer any solution to
// providing this capability, other than requiring new keys to be distributed
// via the establishment of a newly-formed group". The leaver holds grpKey and
// the KEK, so nothing encrypted under them can carry the next keys. Every
// strategy below first takes the member off the access list and makes a new
// bundle (new grpKey, new KEK, new SPI, in force at once), both signed by the
// primary core; they differ in how the bundle reaches the members that remain:
//
//  NEW_GROUP     the RFC's answer: GKDCs drop the group's keys and ask their
//                members to join again; every re-join is a full secure join,
//                answered by the primary (and by GKDCs re-made on the way).
//  CORE_UNICAST  the primary seals the bundle for each host the list admits
//                and unicasts it; GKDCs drop their keys, so later joins are
//                answered by routers that got the new list from the primary.
//  SUBTREE_GKDC  the bundle and the new list go down the tree hop by hop,
//                sealed for each child GKDC, and each DR seals them for the
//                hosts it served, except the excluded one (§6's delegation
//                applied to exclusion).
//  LKH           the primary keeps an RFC 2627 §5.4 key tree of the members
//                and multicasts one message: the tree's leave re-key and the
//                bundle encrypted under the new root key (smkd-lkh-exclusion.cc);
//                GKDCs drop their keys as with CORE_UNICAST.

#include "smkd-exclusion.h"

#include "cbt-routing-protocol.h"
#include "smkd-byte-codec.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc-context.h"
#include "smkd-key-delivery.h"
#include "smkd-lkh-exclusion.h"
#include "smkd-rekeying.h"
#include "smkd-secure-join.h"
#include "smkd-sender-registration.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdExclusion");

namespace
{

/// [group, SPI', epoch', re-join]: keys of epochs below epoch' are revoked.
Bytes
RevocationBody(Ipv4Address group, uint32_t spi, uint32_t epoch, bool rejoin)
{
    smkd::ByteWriter w;
    w.Address(group);
    w.U32(spi);
    w.U32(epoch);
    w.U8(rejoin ? 1 : 0);
    return w.Bytes();
}

constexpr std::size_t REVOCATION_BODY = 4 + 4 + 4 + 1;

/// What the sending GKDC signs of a SUBTREE_REKEY: [group, SPI, sealed
/// bundle, core-signed list, sender]. The body carries all but the group
/// and SPI (in the message header), then the signature.
Bytes
SubtreeSignedBytes(Ipv4Address group,
                   uint32_t spi,
                   const Bytes& sealed,
                   const Bytes& acl,
                   Ipv4Address sender)
{
    smkd::ByteWriter w;
    w.Address(group);
    w.U32(spi);
    w.Blob(sealed);
    w.Blob(acl);
    w.Address(sender);
    return w.Bytes();
}

} // namespace

SmkdExclusion::SmkdExclusion(SmkdGkdcContext& context)
    : m_context(context)
{
}

bool
SmkdExclusion::HasPending(Ipv4Address group) const
{
    auto it = m_pending.find(group);
    return it != m_pending.end() && !it->second.empty();
}

void
SmkdExclusion::Dispose()
{
    m_pending.clear();
}

void
SmkdExclusion::Exclude(Ipv4Address group, Ipv4Address member)
{
    NS_LOG_FUNCTION(this << group << member);
    auto it = m_context.groups.find(group);
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    if (it == m_context.groups.end() || !it->second.primary || !engine)
    {
        std::ostringstream os;
        os << "SmkdGkdc::Exclude: this router is not the primary core holding keys of " << group;
        throw std::invalid_argument(os.str());
    }
    SmkdAccessList acl = it->second.acl;
    if (!acl.Exclude(member))
    {
        std::ostringstream os;
        os << "SmkdGkdc::Exclude: " << member << " is admitted by a prefix of the access list of "
           << group << "; exclude it through a list that names hosts";
        throw std::invalid_argument(os.str());
    }
    m_pending[group].push_back(member);
    if (!m_context.keyChange.count(group))
    {
        StartNext(group);
    }
}

void
SmkdExclusion::StartNext(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    // One change of a group's keys at a time: each starts from the list and
    // the epoch the last one left, so that two exclusions close together (or
    // an exclusion during a re-key) cannot write back a list that admits
    // the first member, nor two bundles of one epoch.
    auto it = m_context.groups.find(group);
    auto& queue = m_pending[group];
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    if (it == m_context.groups.end() || !engine)
    {
        queue.clear(); // the keys went: nobody is left to give new ones to
        return;
    }
    SmkdAccessList acl = it->second.acl;
    while (!queue.empty() && !acl.Permits(queue.front()))
    {
        queue.pop_front(); // excluded already
    }
    if (queue.empty())
    {
        return;
    }
    const Ipv4Address member = queue.front();
    queue.pop_front();
    acl.Exclude(member);
    m_context.keyChange.insert(group);
    m_context.rekeying->Cancel(group);
    SmkdKeyBundle next;
    next.group = group;
    next.groupKey = engine->Random(32);
    next.kek = engine->Random(32); // the leaver holds the old one
    do
    {
        next.sa.spi = smkd::SpiFromRandom(engine->Random(4));
    } while (next.sa.spi == it->second.bundle.sa.spi);
    next.sa.cipher = it->second.bundle.sa.cipher;
    next.sa.lifetime = it->second.bundle.sa.lifetime;
    next.sa.activation = static_cast<uint64_t>(Simulator::Now().GetNanoSeconds());
    next.sa.epoch = it->second.bundle.sa.epoch + 1;
    auto signedAcl = std::make_shared<SmkdSignedBlob>(
        SmkdSignedBlob{m_context.OwnAddress(), acl.Serialize(), {}});
    auto signedBundle = std::make_shared<SmkdSignedBlob>(
        SmkdSignedBlob{m_context.OwnAddress(), next.Serialize(), {}});
    m_context.traces.exclusionStarted(group, member);
    m_context.traces.rekeySent(group, next.sa.spi);
    engine->Sign(signedAcl->SignedBytes(), Callback<void, Bytes>([=](Bytes aclSignature) {
                     signedAcl->signature = std::move(aclSignature);
                     engine->Sign(signedBundle->SignedBytes(),
                                  Callback<void, Bytes>([=](Bytes bundleSignature) {
                                      signedBundle->signature = std::move(bundleSignature);
                                      auto held = m_context.groups.find(group);
                                      m_context.keyChange.erase(group);
                                      if (held == m_context.groups.end())
                                      {
                                          return;
                                      }
                                      held->second.acl = acl;
                                      held->second.coreAcl = *signedAcl;
                                      held->second.bundle = next;
                                      held->second.coreBundle = *signedBundle;
                                      ForgetServed(group, member);
                                      Distribute(group, member);
                                      m_context.senders->RenewAll(group);
                                      m_context.rekeying->Schedule(group);
                                      StartNext(group); // the next one waiting
                                  }));
                 }));
}

void
SmkdExclusion::Distribute(Ipv4Address group, Ipv4Address member)
{
    NS_LOG_FUNCTION(this << group << member);
    const SmkdGroupKeys& keys = m_context.groups.at(group);
    switch (m_context.Strategy())
    {
    case SmkdExclusionStrategy::NEW_GROUP:
        SendRevocation(group, keys.bundle.sa, true);
        m_context.secureJoin->Rejoin(group); // the primary's own member LANs
        break;
    case SmkdExclusionStrategy::CORE_UNICAST: {
        SendRevocation(group, keys.bundle.sa, false);
        // The hosts the list names, and those this core answered itself (a
        // list of prefixes, or in exclusion mode, names nobody).
        std::set<Ipv4Address> hosts = m_context.keylessServed[group];
        for (const auto& [host, served] : m_context.served[group])
        {
            hosts.insert(host);
        }
        for (const SmkdAclEntry& e : keys.acl.GetEntries())
        {
            if (keys.acl.GetMode() == SmkdAccessList::Mode::INCLUSION && e.prefixLength == 32 &&
                e.prefix != keys.acl.GetInitiator())
            {
                hosts.insert(e.prefix);
            }
        }
        for (const Ipv4Address& host : hosts)
        {
            if (keys.acl.Permits(host))
            {
                SealForHost(group, host, keys.coreBundle.Serialize());
            }
        }
        break;
    }
    case SmkdExclusionStrategy::SUBTREE_GKDC:
        PushDownSubtree(group);
        break;
    case SmkdExclusionStrategy::LKH:
        SendRevocation(group, keys.bundle.sa, false);
        m_context.lkh->Leave(group, member);
        break;
    }
}

void
SmkdExclusion::ForgetServed(Ipv4Address group, Ipv4Address member)
{
    NS_LOG_FUNCTION(this << group << member);
    auto served = m_context.served.find(group);
    if (served != m_context.served.end())
    {
        served->second.erase(member);
    }
    m_context.keylessServed[group].erase(member);
}

void
SmkdExclusion::SendRevocation(Ipv4Address group, const SmkdSaParams& next, bool rejoin)
{
    NS_LOG_FUNCTION(this << group << rejoin);
    const uint32_t spi = next.spi;
    SmkdSignedBlob blob{m_context.OwnAddress(), RevocationBody(group, spi, next.epoch, rejoin), {}};
    m_context.Engine()->Sign(
        blob.SignedBytes(),
        Callback<void, Bytes>([this, blob, group, spi](Bytes signature) mutable {
            blob.signature = std::move(signature);
            SmkdGroupKeyMessage m;
            m.type = SmkdGroupKeyMessage::Type::REVOKE;
            m.group = group;
            m.keySpi = spi;
            m.body = blob.Serialize();
            const Bytes wire = m.Serialize();
            Ptr<CbtRoutingProtocol> cbt = m_context.Cbt();
            if (cbt && cbt->OriginateUdpOnTree(Create<Packet>(wire.data(), wire.size()),
                                               SmkdGroupKeyMessage::PORT,
                                               group))
            {
                m_context.traces.securityBytes("revocation", static_cast<uint32_t>(m.body.size()));
            }
        }));
}

void
SmkdExclusion::ReceiveRevocation(const SmkdGroupKeyMessage& m)
{
    NS_LOG_FUNCTION(this << m.group);
    SmkdSignedBlob blob;
    if (!SmkdSignedBlob::Parse(m.body, blob) || blob.signer != m_context.PrimaryCoreOf(m.group) ||
        blob.body.size() != REVOCATION_BODY)
    {
        m_context.DropKeyMessage("malformed revocation");
        return;
    }
    smkd::ByteReader body(blob.body);
    const Ipv4Address group = body.Address();
    const uint32_t spi = body.U32();
    const uint32_t epoch = body.U32();
    const bool rejoin = body.U8() != 0;
    if (group != m.group || spi != m.keySpi)
    {
        m_context.DropKeyMessage("revocation names another group or key");
        return;
    }
    // A revocation only ever moves forward (the replay rule of RFC 6407 §7.3.4 for
    // rekey messages): a recorded one replayed after later keys revokes nothing.
    if (epoch <= m_context.EpochFloor(group))
    {
        m_context.DropKeyMessage("revocation is not newer than one taken already");
        return;
    }
    m_context.Engine()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, group, epoch, rejoin](bool ok) {
            if (!ok)
            {
                m_context.DropKeyMessage("revocation signature does not verify");
                return;
            }
            if (epoch <= m_context.EpochFloor(group))
            {
                return; // a copy verified meanwhile
            }
            m_context.epochFloor[group] = epoch;
            auto held = m_context.groups.find(group);
            if (held != m_context.groups.end() && held->second.bundle.sa.epoch < epoch)
            {
                m_context.groups.erase(held);
                m_context.traces.gkdcLost(group);
            }
            if (rejoin)
            {
                // §8: everyone who remains joins the "new group". A DR that
                // holds no keys (strict mode, trusted-router lists) served
                // hosts too, which hold the revoked keys.
                m_context.secureJoin->Rejoin(group);
            }
        }));
}

void
SmkdExclusion::SealForHost(Ipv4Address group, Ipv4Address host, const Bytes& signedBundle)
{
    NS_LOG_FUNCTION(this << group << host);
    m_context.Engine()->Seal(host,
                             signedBundle,
                             Callback<void, Bytes>([this, group, host](Bytes sealed) {
                                 SmkdKeyDelivery d;
                                 d.type = SmkdKeyDelivery::Type::REKEY;
                                 d.group = group;
                                 d.sealed = std::move(sealed);
                                 m_context.SendDelivery(d, host, "exclusion-rekey-host");
                             }));
}

void
SmkdExclusion::PushDownSubtree(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    Ptr<CbtRoutingProtocol> cbt = m_context.Cbt();
    const SmkdGroupKeys& keys = m_context.groups.at(group);
    const Bytes signedBundle = keys.coreBundle.Serialize();
    const Bytes signedAcl = keys.coreAcl.Serialize();
    const uint32_t spi = keys.bundle.sa.spi;
    if (const CbtForwardingEntry* entry = cbt ? cbt->GetForwardingCache().Find(group) : nullptr)
    {
        for (const auto& [interface, child] : entry->children)
        {
            for (const Ipv4Address& router : child.routers)
            {
                if (!m_context.GivesKeysTo(group, router))
                {
                    continue; // §7: no keys for it; its hosts are sealed for below
                }
                m_context.Engine()->Seal(
                    router,
                    signedBundle,
                    Callback<void, Bytes>([this, group, router, signedAcl, spi](Bytes sealed) {
                        // Signed as this router: a seal is anonymous, and only a
                        // GKDC above may push keys down.
                        const Ipv4Address self = m_context.OwnAddress();
                        m_context.Engine()->Sign(
                            SubtreeSignedBytes(group, spi, sealed, signedAcl, self),
                            Callback<void, Bytes>([=](Bytes signature) {
                                smkd::ByteWriter w;
                                w.Blob(sealed);
                                w.Blob(signedAcl);
                                w.Address(self);
                                w.Blob(signature);
                                SmkdGroupKeyMessage m;
                                m.type = SmkdGroupKeyMessage::Type::SUBTREE_REKEY;
                                m.group = group;
                                m.keySpi = spi;
                                m.body = w.Bytes();
                                const Bytes wire = m.Serialize();
                                m_context.traces.securityBytes("exclusion-rekey-router",
                                                               static_cast<uint32_t>(wire.size()));
                                if (m_context.groupKeySocket)
                                {
                                    m_context.groupKeySocket->SendTo(
                                        Create<Packet>(wire.data(), wire.size()),
                                        0,
                                        InetSocketAddress(router, SmkdGroupKeyMessage::PORT));
                                }
                            }));
                    }));
            }
        }
    }
    std::set<Ipv4Address> hosts = m_context.keylessServed[group];
    for (const auto& [host, served] : m_context.served[group])
    {
        hosts.insert(host);
    }
    for (const Ipv4Address& host : hosts)
    {
        if (keys.acl.Permits(host))
        {
            SealForHost(group, host, signedBundle);
        }
    }
}

void
SmkdExclusion::ReceiveSubtreeRekey(const SmkdGroupKeyMessage& m)
{
    NS_LOG_FUNCTION(this << m.group);
    smkd::ByteReader r(m.body);
    const Bytes sealed = r.Blob();
    const Bytes aclBytes = r.Blob();
    const Ipv4Address sender = r.Address();
    const Bytes signature = r.Blob();
    SmkdSignedBlob aclBlob;
    SmkdAccessList acl;
    if (!r.Ok() || !r.AtEnd() || !SmkdSignedBlob::Parse(aclBytes, aclBlob) ||
        aclBlob.signer != m_context.PrimaryCoreOf(m.group) ||
        !SmkdAccessList::Parse(aclBlob.body, acl))
    {
        m_context.DropKeyMessage("malformed subtree re-key");
        return;
    }
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    if (!engine->GetDirectory()->Certifies(sender, SmkdRole::ROUTER))
    {
        m_context.DropKeyMessage("subtree re-key from a node not certified as a router");
        return;
    }
    const Ipv4Address group = m.group;
    engine->Verify(sender,
                   SubtreeSignedBytes(group, m.keySpi, sealed, aclBytes, sender),
                   signature,
                   Callback<void, bool>([this, m, sealed, aclBlob, acl](bool ok) {
                       if (!ok)
                       {
                           m_context.DropKeyMessage("subtree re-key signature does not verify");
                           return;
                       }
                       OpenSubtreeRekey(m.group, sealed, aclBlob, acl);
                   }));
}

void
SmkdExclusion::OpenSubtreeRekey(Ipv4Address group,
                                const Bytes& sealed,
                                const SmkdSignedBlob& aclBlob,
                                const SmkdAccessList& acl)
{
    NS_LOG_FUNCTION(this << group);
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    engine->Open(
        sealed,
        Callback<void, bool, Bytes>([this, engine, group, aclBlob, acl](bool ok, Bytes plaintext) {
            SmkdSignedBlob bundleBlob;
            SmkdKeyBundle bundle;
            if (!ok || !SmkdKeyBundle::ParseSigned(plaintext,
                                                   group,
                                                   m_context.PrimaryCoreOf(group),
                                                   bundleBlob,
                                                   bundle))
            {
                m_context.DropKeyMessage(
                    "subtree re-key does not open or is not the primary core's");
                return;
            }
            engine->Verify(
                bundleBlob.signer,
                bundleBlob.SignedBytes(),
                bundleBlob.signature,
                Callback<void, bool>([=](bool bundleOk) {
                    engine->Verify(
                        aclBlob.signer,
                        aclBlob.SignedBytes(),
                        aclBlob.signature,
                        Callback<void, bool>([=](bool aclOk) {
                            auto it = m_context.groups.find(group);
                            if (!bundleOk || !aclOk)
                            {
                                m_context.DropKeyMessage("subtree re-key signatures do not verify");
                                return;
                            }
                            // SubtreeGkdc sends no revocation: this is what tells a
                            // router, with keys or without, which epochs are gone,
                            // so that an answer from before the exclusion still in
                            // flight is refused when it arrives.
                            if (bundle.sa.epoch > m_context.EpochFloor(group))
                            {
                                m_context.epochFloor[group] = bundle.sa.epoch;
                            }
                            if (it == m_context.groups.end())
                            {
                                return;
                            }
                            if (bundle.sa.epoch <= it->second.bundle.sa.epoch ||
                                acl.GetVersion() < it->second.acl.GetVersion() ||
                                acl.GetKind() != SmkdAccessList::Kind::GROUP_MEMBERS ||
                                acl.GetGroup() != group)
                            {
                                // An old bundle with the old list that admitted
                                // the attacker would roll this GKDC back.
                                m_context.DropKeyMessage(
                                    "subtree re-key is not newer than the keys held");
                                return;
                            }
                            it->second.acl = acl;
                            it->second.coreAcl = aclBlob;
                            it->second.bundle = bundle;
                            it->second.coreBundle = bundleBlob;
                            // Hosts the new list refuses get nothing from here on.
                            auto served = m_context.served.find(group);
                            if (served != m_context.served.end())
                            {
                                for (auto h = served->second.begin(); h != served->second.end();)
                                {
                                    h = acl.Permits(h->first) ? std::next(h)
                                                              : served->second.erase(h);
                                }
                            }
                            m_context.traces.keysUpdated(group, bundle.sa.spi);
                            PushDownSubtree(group);
                        }));
                }));
        }));
}

} // namespace ns3
