/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A member's side of the Lkh exclusion strategy (RFC 2627 §5.4): the path
// keys the primary core seals for it on joining, the tree re-keys multicast
// on every join and leave, and the new bundle a leave carries under the new
// root key. An excluded member holds none of the keys the leave re-key is
// encrypted under, so it cannot compute the new root key nor open the bundle.

#include "smkd-host-lkh.h"

#include "smkd-byte-codec.h"
#include "smkd-crypto-engine.h"
#include "smkd-host-context.h"
#include "smkd-host-key-ring.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostLkh");

SmkdHostLkh::SmkdHostLkh(SmkdHostContext& context)
    : m_context(context)
{
}

const SmkdKeyTreeMember*
SmkdHostLkh::GetMember(Ipv4Address group) const
{
    auto it = m_members.find(group);
    return it == m_members.end() ? nullptr : &it->second;
}

void
SmkdHostLkh::ForgetGroup(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    m_members.erase(group);
    m_early.erase(group);
}

void
SmkdHostLkh::Dispose()
{
    m_members.clear();
    m_early.clear();
}

void
SmkdHostLkh::ReceivePathKeys(const SmkdKeyDelivery& d)
{
    NS_LOG_FUNCTION(this << d.group);
    if (!m_context.IsJoined(d.group))
    {
        return; // never joined
    }
    // {[group, path keys]^SK_primary}^PK_host
    const Ipv4Address group = d.group;
    m_context.Engine()->Open(
        d.sealed,
        Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
            SmkdSignedBlob blob;
            std::vector<SmkdKeyTreeKey> keys;
            if (!ok || !SmkdSignedBlob::Parse(plaintext, blob) ||
                blob.signer != m_context.PrimaryCore(group))
            {
                m_context.DropKeyMessage(
                    "key tree path does not open or is not the primary core's");
                return;
            }
            smkd::ByteReader r(blob.body);
            const Ipv4Address named = r.Address();
            const Bytes path = r.Blob();
            if (!r.Ok() || !r.AtEnd() || named != group || !ParseKeyTreePath(path, keys).Ok())
            {
                m_context.DropKeyMessage("malformed key tree path");
                return;
            }
            m_context.Engine()->Verify(
                blob.signer,
                blob.SignedBytes(),
                blob.signature,
                Callback<void, bool>([this, group, keys](bool verified) {
                    if (!verified)
                    {
                        m_context.DropKeyMessage("key tree path signature does not verify");
                        return;
                    }
                    try
                    {
                        m_members.insert_or_assign(group, SmkdKeyTreeMember(keys));
                    }
                    catch (const std::invalid_argument& e)
                    {
                        m_context.DropKeyMessage(std::string("key tree path: ") + e.what());
                        return;
                    }
                    m_context.traces.lkhKeysUpdated(group, static_cast<uint32_t>(keys.size()));
                    // Join re-keys of later members may have overtaken the
                    // path keys (they are sealed and signed one by one while
                    // the re-keys go out at once): apply what was kept.
                    auto early = m_early.find(group);
                    if (early != m_early.end())
                    {
                        SmkdKeyTreeMember& member = m_members.at(group);
                        uint32_t installed = 0;
                        for (const SmkdKeyTreeRekey& rekey : early->second)
                        {
                            installed += member.Apply(rekey);
                        }
                        m_early.erase(early);
                        if (installed > 0)
                        {
                            m_context.traces.lkhKeysUpdated(group, installed);
                        }
                    }
                }));
        }));
}

void
SmkdHostLkh::ReceiveRekey(const SmkdGroupKeyMessage& m)
{
    NS_LOG_FUNCTION(this << m.group);
    smkd::ByteReader r(m.body);
    const Bytes treeBytes = r.Blob();
    const Bytes sealed = r.Blob();
    SmkdKeyTreeRekey rekey;
    if (!r.Ok() || !r.AtEnd() || !SmkdKeyTreeRekey::Parse(treeBytes, rekey).Ok())
    {
        m_context.DropKeyMessage("malformed key tree re-key");
        return;
    }
    auto member = m_members.find(m.group);
    if (member == m_members.end())
    {
        // A newcomer whose path keys are on their way: keep the re-key, it
        // may be newer than the path the primary sealed.
        if (m_context.IsJoined(m.group) && sealed.empty())
        {
            std::vector<SmkdKeyTreeRekey>& early = m_early[m.group];
            if (early.size() < MAX_EARLY_LKH_REKEYS)
            {
                early.push_back(rekey);
            }
        }
        return;
    }
    // RFC 2627 §5.4.1: each member decrypts the new keys of its own path.
    const uint32_t installed = member->second.Apply(rekey);
    if (installed > 0)
    {
        m_context.traces.lkhKeysUpdated(m.group, installed);
    }
    if (sealed.empty())
    {
        return; // a join: nothing but tree keys
    }
    const SmkdKeyTreeKey& root = member->second.GetRootKey();
    if (root.node != rekey.rootNode || root.version != rekey.rootVersion)
    {
        m_context.DropKeyMessage("key tree leave under a root key this member does not hold");
        return;
    }
    Bytes aad = m.AssociatedData();
    aad.insert(aad.end(), treeBytes.begin(), treeBytes.end());
    const Ipv4Address group = m.group;
    m_context.Engine()->AeadDecrypt(
        root.key,
        aad,
        sealed,
        Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
            m_context.keyRing->InstallCoreBundle(group, ok, plaintext, "key tree leave");
        }));
}

} // namespace ns3
