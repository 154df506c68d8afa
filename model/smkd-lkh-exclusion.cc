/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The Lkh exclusion strategy: the primary core keeps a logical key hierarchy
// (RFC 2627 §5.4) of each group's members, and its root key plays the KEK's
// part for exclusion. A leave is then one multicast message whatever the
// group size: the tree's leave re-key (d*log_d(n) - 1 encrypted keys) and the
// new bundle encrypted under the new root key, which the excluded member
// cannot compute (RFC 2627 §5.4.1).
//
// The price is paid on joins. RFC 1949 lets any GKDC answer a join without
// the primary hearing of it, but the tree must hold every member: so each DR
// that delivers keys reports the host to the primary in a signed
// MEMBER_JOINED, and the primary adds it to the tree, seals the host's path
// keys for it and multicasts the tree's join re-key (backward secrecy: the
// newcomer cannot read earlier root keys). Every join thus costs the primary
// a signature verification, a signature and a seal, wherever it was answered.

#include "smkd-lkh-exclusion.h"

#include "cbt-routing-protocol.h"
#include "smkd-byte-codec.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc-context.h"
#include "smkd-group-key-message.h"
#include "smkd-key-delivery.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdLkhExclusion");

namespace
{

/// MEMBER_JOINED body: group (4) | host (4) | time in ns (8).
constexpr std::size_t MEMBER_JOINED_BODY = 16;

Bytes
PathKeysBody(Ipv4Address group, const std::vector<SmkdKeyTreeKey>& keys)
{
    smkd::ByteWriter w;
    w.Address(group);
    w.Blob(SerializeKeyTreePath(keys));
    return w.Bytes();
}

} // namespace

SmkdLkhExclusion::SmkdLkhExclusion(SmkdGkdcContext& context)
    : m_context(context)
{
}

bool
SmkdLkhExclusion::InUse() const
{
    return m_context.Strategy() == SmkdExclusionStrategy::LKH;
}

void
SmkdLkhExclusion::Dispose()
{
    for (auto& [group, tree] : m_trees)
    {
        tree->Dispose();
    }
    m_trees.clear();
}

Ptr<const SmkdKeyTree>
SmkdLkhExclusion::GetKeyTree(Ipv4Address group) const
{
    auto it = m_trees.find(group);
    return it == m_trees.end() ? nullptr : Ptr<const SmkdKeyTree>(it->second);
}

void
SmkdLkhExclusion::MemberJoined(Ipv4Address group, Ipv4Address host)
{
    NS_LOG_FUNCTION(this << group << host);
    auto held = m_context.groups.find(group);
    if (held != m_context.groups.end() && held->second.primary)
    {
        Add(group, host); // the primary's own member link
        return;
    }
    const Ipv4Address primary = m_context.PrimaryCoreOf(group);
    if (primary == Ipv4Address::GetAny())
    {
        return;
    }
    smkd::ByteWriter w;
    w.Address(group);
    w.Address(host);
    w.U64(static_cast<uint64_t>(Simulator::Now().GetNanoSeconds())); // bounds replays
    SmkdSignedBlob blob{m_context.OwnAddress(), w.Bytes(), {}};
    m_context.Engine()->Sign(
        blob.SignedBytes(),
        Callback<void, Bytes>([this, blob, group, primary](Bytes signature) mutable {
            blob.signature = std::move(signature);
            SmkdManagementMessage m;
            m.type = SmkdManagementMessage::Type::MEMBER_JOINED;
            m.group = group;
            m.body = blob.Serialize();
            const Bytes bytes = m.Serialize();
            m_context.traces.securityBytes("lkh-member-joined",
                                           static_cast<uint32_t>(m.body.size()));
            if (m_context.socket)
            {
                m_context.socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                                         0,
                                         InetSocketAddress(primary, SmkdManagementMessage::PORT));
            }
        }));
}

void
SmkdLkhExclusion::ReceiveMemberJoined(const SmkdManagementMessage& m)
{
    NS_LOG_FUNCTION(this << m.group);
    auto held = m_context.groups.find(m.group);
    SmkdSignedBlob blob;
    if (!InUse() || held == m_context.groups.end() || !held->second.primary ||
        !SmkdSignedBlob::Parse(m.body, blob) || blob.body.size() != MEMBER_JOINED_BODY)
    {
        m_context.DropKeyMessage("member report for a group without a key tree here, or malformed");
        return;
    }
    smkd::ByteReader r(blob.body);
    const Ipv4Address group = r.Address();
    const Ipv4Address host = r.Address();
    const Time at = NanoSeconds(static_cast<int64_t>(r.U64()));
    if (group != m.group || Abs(Simulator::Now() - at) > m_context.settings.tokenWindow ||
        !held->second.acl.Permits(host))
    {
        m_context.DropKeyMessage(
            "member report is stale, names another group or a host off the list");
        return;
    }
    // A copy of a report verified already would cost the primary a
    // verification, a signature and a seal again.
    m_memberReports.Expire(Simulator::Now() - m_context.settings.tokenWindow);
    if (m_memberReports.Contains(blob.signature))
    {
        m_context.DropKeyMessage("member report replayed");
        return;
    }
    // Only a DR reports members: a host's report would buy it path keys.
    if (!m_context.Engine()->GetDirectory()->Certifies(blob.signer, SmkdRole::ROUTER))
    {
        m_context.DropKeyMessage("member report from a node not certified as a router");
        return;
    }
    m_context.Engine()->Verify(blob.signer,
                               blob.SignedBytes(),
                               blob.signature,
                               Callback<void, bool>([this, group, host, blob](bool ok) {
                                   auto keys = m_context.groups.find(group);
                                   if (!ok || keys == m_context.groups.end() ||
                                       !keys->second.acl.Permits(host))
                                   {
                                       m_context.DropKeyMessage("member report does not verify");
                                       return;
                                   }
                                   if (!m_memberReports.Insert(blob.signature, Simulator::Now()))
                                   {
                                       return; // a copy verified meanwhile
                                   }
                                   Add(group, host);
                               }));
}

void
SmkdLkhExclusion::Add(Ipv4Address group, Ipv4Address host)
{
    NS_LOG_FUNCTION(this << group << host);
    Ptr<SmkdKeyTree>& tree = m_trees[group];
    if (!tree)
    {
        tree = CreateObject<SmkdKeyTree>();
        tree->SetDegree(m_context.settings.lkhDegree);
        // Keys from the node's deterministic stream: same seed, same keys.
        Ptr<SmkdCryptoEngine> engine = m_context.Engine();
        tree->SetRandomSource([engine](uint8_t* out, std::size_t n) {
            const Bytes r = engine->Random(n);
            std::copy(r.begin(), r.end(), out);
        });
    }
    if (tree->HasMember(host))
    {
        // A re-join (recovery, tree repair): the member may have missed tree
        // re-keys, so it gets its current path again.
        SendPathKeys(group, host);
        return;
    }
    const SmkdKeyTreeRekey rekey = tree->Add(host); // RFC 2627 §5.4: the path is re-keyed
    NS_LOG_INFO(group << ": " << host << " joins the key tree at depth " << tree->GetDepth(host)
                      << ", " << rekey.entries.size() << " encrypted keys for the others");
    SendPathKeys(group, host);
    if (!rekey.entries.empty())
    {
        MulticastRekey(group, rekey, {});
    }
}

void
SmkdLkhExclusion::SendPathKeys(Ipv4Address group, Ipv4Address host)
{
    NS_LOG_FUNCTION(this << group << host);
    auto tree = m_trees.find(group);
    if (tree == m_trees.end() || !tree->second->HasMember(host))
    {
        return;
    }
    // {[group, path keys]^SK_primary}^PK_host
    const Bytes body = PathKeysBody(group, tree->second->PathKeys(host));
    auto blob = std::make_shared<SmkdSignedBlob>(SmkdSignedBlob{m_context.OwnAddress(), body, {}});
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    engine->Sign(blob->SignedBytes(),
                 Callback<void, Bytes>([this, engine, blob, group, host](Bytes signature) {
                     blob->signature = std::move(signature);
                     engine->Seal(host,
                                  blob->Serialize(),
                                  Callback<void, Bytes>([this, blob, group, host](Bytes sealed) {
                                      auto now = m_trees.find(group);
                                      if (now == m_trees.end() || !now->second->HasMember(host))
                                      {
                                          return; // excluded meanwhile
                                      }
                                      if (PathKeysBody(group, now->second->PathKeys(host)) !=
                                          blob->body)
                                      {
                                          // Another join or leave re-keyed the path while this
                                          // was signed and sealed, and its multicast may arrive
                                          // first: send the newest path instead.
                                          SendPathKeys(group, host);
                                          return;
                                      }
                                      SmkdKeyDelivery d;
                                      d.type = SmkdKeyDelivery::Type::LKH_PATH;
                                      d.group = group;
                                      d.sealed = std::move(sealed);
                                      m_context.SendDelivery(d, host, "lkh-path-keys");
                                  }));
                 }));
}

void
SmkdLkhExclusion::Leave(Ipv4Address group, Ipv4Address member)
{
    NS_LOG_FUNCTION(this << group << member);
    auto held = m_context.groups.find(group);
    auto tree = m_trees.find(group);
    if (held == m_context.groups.end() || tree == m_trees.end())
    {
        return; // nobody joined: no member to give the new keys to
    }
    SmkdKeyTreeRekey rekey;
    if (tree->second->HasMember(member))
    {
        rekey = tree->second->Remove(member); // RFC 2627 §5.4.1
    }
    else
    {
        // Never reported as a member, so it holds no tree key: the bundle
        // can go under the current root key, with no tree re-key.
        rekey.kind = SmkdKeyTreeRekey::Kind::LEAVE;
        rekey.member = member;
    }
    if (tree->second->GetMemberCount() == 0)
    {
        return;
    }
    const SmkdKeyTreeKey root = tree->second->GetRootKey();
    rekey.rootNode = root.node;
    rekey.rootVersion = root.version;
    NS_LOG_INFO(group << ": " << member << " leaves the key tree, " << rekey.entries.size()
                      << " encrypted keys for the " << tree->second->GetMemberCount()
                      << " members left");
    SmkdGroupKeyMessage m;
    m.type = SmkdGroupKeyMessage::Type::LKH_REKEY;
    m.group = group;
    m.keySpi = held->second.bundle.sa.spi;
    Bytes aad = m.AssociatedData();
    const Bytes treeBytes = rekey.Serialize();
    aad.insert(aad.end(), treeBytes.begin(), treeBytes.end());
    // [bundle']^SK_primary under the new root key, which only the remaining
    // members can compute from the entries.
    m_context.Engine()->AeadEncrypt(root.key,
                                    aad,
                                    held->second.coreBundle.Serialize(),
                                    Callback<void, Bytes>([this, group, rekey](Bytes sealed) {
                                        MulticastRekey(group, rekey, sealed);
                                    }));
}

void
SmkdLkhExclusion::MulticastRekey(Ipv4Address group,
                                 const SmkdKeyTreeRekey& rekey,
                                 const Bytes& sealed)
{
    NS_LOG_FUNCTION(this << group);
    auto held = m_context.groups.find(group);
    if (held == m_context.groups.end())
    {
        return;
    }
    SmkdGroupKeyMessage m;
    m.type = SmkdGroupKeyMessage::Type::LKH_REKEY;
    m.group = group;
    m.keySpi = held->second.bundle.sa.spi;
    smkd::ByteWriter w;
    w.Blob(rekey.Serialize());
    w.Blob(sealed);
    m.body = w.Bytes();
    const Bytes wire = m.Serialize();
    Ptr<CbtRoutingProtocol> cbt = m_context.Cbt();
    if (cbt && cbt->OriginateUdpOnTree(Create<Packet>(wire.data(), wire.size()),
                                       SmkdGroupKeyMessage::PORT,
                                       group))
    {
        const bool leave = rekey.kind == SmkdKeyTreeRekey::Kind::LEAVE;
        m_context.traces.securityBytes(leave ? "lkh-leave" : "lkh-join",
                                       static_cast<uint32_t>(m.body.size()));
        m_context.traces.lkhRekeySent(group, rekey, wire);
    }
}

} // namespace ns3
