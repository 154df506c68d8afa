/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A member's side of the Lkh exclusion strategy (RFC 2627 §5.4): the path
// keys the primary core seals for it on joining, the tree re-keys multicast
// on every join and leave, and the new bundle a leave carries under the new
// root key. An excluded member holds none of the keys the leave re-key is
// encrypted under, so it cannot compute the new root key nor open the bundle.

#include "smkd-byte-codec.h"
#include "smkd-crypto-engine.h"
#include "smkd-host-agent.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostLkh");

const SmkdKeyTreeMember*
SmkdHostAgent::GetKeyTreeMember(Ipv4Address group) const
{
    auto it = m_lkh.find(group);
    return it == m_lkh.end() ? nullptr : &it->second;
}

void
SmkdHostAgent::LkhPathKeys(const SmkdKeyDelivery& d)
{
    if (!m_interfaces.count(d.group))
    {
        return; // never joined
    }
    // {[group, path keys]^SK_primary}^PK_host
    const Ipv4Address group = d.group;
    GetObject<SmkdCryptoEngine>()->Open(
        d.sealed,
        Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
            SmkdSignedBlob blob;
            std::vector<SmkdKeyTreeKey> keys;
            if (!ok || !SmkdSignedBlob::Parse(plaintext, blob) || blob.signer != PrimaryCore(group))
            {
                DropKeyMessage("key tree path does not open or is not the primary core's");
                return;
            }
            smkd::ByteReader r(blob.body);
            const Ipv4Address named = r.Address();
            const Bytes path = r.Blob();
            if (!r.Ok() || !r.AtEnd() || named != group || !ParseKeyTreePath(path, keys).Ok())
            {
                DropKeyMessage("malformed key tree path");
                return;
            }
            GetObject<SmkdCryptoEngine>()->Verify(
                blob.signer,
                blob.SignedBytes(),
                blob.signature,
                Callback<void, bool>([this, group, keys](bool verified) {
                    if (!verified)
                    {
                        DropKeyMessage("key tree path signature does not verify");
                        return;
                    }
                    try
                    {
                        m_lkh.insert_or_assign(group, SmkdKeyTreeMember(keys));
                    }
                    catch (const std::invalid_argument& e)
                    {
                        DropKeyMessage(std::string("key tree path: ") + e.what());
                        return;
                    }
                    m_lkhKeysUpdated(group, static_cast<uint32_t>(keys.size()));
                    // Join re-keys of later members may have overtaken the
                    // path keys (they are sealed and signed one by one while
                    // the re-keys go out at once): apply what was kept.
                    auto early = m_lkhEarly.find(group);
                    if (early != m_lkhEarly.end())
                    {
                        SmkdKeyTreeMember& member = m_lkh.at(group);
                        uint32_t installed = 0;
                        for (const SmkdKeyTreeRekey& rekey : early->second)
                        {
                            installed += member.Apply(rekey);
                        }
                        m_lkhEarly.erase(early);
                        if (installed > 0)
                        {
                            m_lkhKeysUpdated(group, installed);
                        }
                    }
                }));
        }));
}

void
SmkdHostAgent::LkhRekey(const SmkdGroupKeyMessage& m)
{
    smkd::ByteReader r(m.body);
    const Bytes treeBytes = r.Blob();
    const Bytes sealed = r.Blob();
    SmkdKeyTreeRekey rekey;
    if (!r.Ok() || !r.AtEnd() || !SmkdKeyTreeRekey::Parse(treeBytes, rekey).Ok())
    {
        DropKeyMessage("malformed key tree re-key");
        return;
    }
    auto member = m_lkh.find(m.group);
    if (member == m_lkh.end())
    {
        // A newcomer whose path keys are on their way: keep the re-key, it
        // may be newer than the path the primary sealed.
        if (m_interfaces.count(m.group) && sealed.empty())
        {
            std::vector<SmkdKeyTreeRekey>& early = m_lkhEarly[m.group];
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
        m_lkhKeysUpdated(m.group, installed);
    }
    if (sealed.empty())
    {
        return; // a join: nothing but tree keys
    }
    const SmkdKeyTreeKey& root = member->second.GetRootKey();
    if (root.node != rekey.rootNode || root.version != rekey.rootVersion)
    {
        DropKeyMessage("key tree leave under a root key this member does not hold");
        return;
    }
    Bytes aad = m.AssociatedData();
    aad.insert(aad.end(), treeBytes.begin(), treeBytes.end());
    const Ipv4Address group = m.group;
    GetObject<SmkdCryptoEngine>()->AeadDecrypt(
        root.key,
        aad,
        sealed,
        Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
            InstallCoreBundle(group, ok, plaintext, "key tree leave");
        }));
}

} // namespace ns3
