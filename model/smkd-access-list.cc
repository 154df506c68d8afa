/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-access-list.h"

#include "smkd-byte-codec.h"
#include "smkd-error.h"

#include <algorithm>

namespace ns3
{

bool
SmkdAclEntry::Matches(Ipv4Address address, const std::string& userId) const
{
    const Ipv4Mask mask(prefixLength == 0 ? 0u : ~0u << (32 - prefixLength));
    return mask.IsMatch(address, prefix) && (user.empty() || user == userId);
}

SmkdAccessList::SmkdAccessList(Ipv4Address group, Kind kind, Mode mode, Ipv4Address initiator)
    : m_group(group),
      m_kind(kind),
      m_mode(mode),
      m_initiator(initiator)
{
    SMKD_REQUIRE(group.IsMulticast() && !group.IsLocalMulticast(),
                 "access list: " << group << " is not a routable multicast group");
}

void
SmkdAccessList::Add(Ipv4Address prefix, uint8_t prefixLength, std::string user)
{
    SMKD_REQUIRE(!(prefixLength > 32), "access list entry /" << unsigned(prefixLength));
    SmkdAclEntry e{prefix, prefixLength, std::move(user)};
    const std::size_t size = HEADER_SIZE + m_entryBytes + EntrySize(e);
    // Refused here, where the list is configured, rather than when the
    // initiator or the core first encodes it in the middle of a run.
    SMKD_REQUIRE(size <= MAX_SERIALIZED_SIZE,
                 "access list of group " << m_group << ": " << m_entries.size() + 1
                                         << " entries need " << size << " bytes, more than the "
                                         << MAX_SERIALIZED_SIZE
                                         << " a signed list can carry (RFC 1949 §6.2); list "
                                            "prefixes, or use an exclusion list");
    m_entryBytes += EntrySize(e);
    m_entries.push_back(std::move(e));
}

std::size_t
SmkdAccessList::EntrySize(const SmkdAclEntry& e)
{
    return 4 + 1 + 2 + e.user.size();
}

bool
SmkdAccessList::Exclude(Ipv4Address host)
{
    if (m_mode == Mode::EXCLUSION)
    {
        Add(host);
    }
    else
    {
        const auto gone =
            std::remove_if(m_entries.begin(), m_entries.end(), [host](const SmkdAclEntry& e) {
                return e.prefixLength == 32 && e.prefix == host;
            });
        for (auto it = gone; it != m_entries.end(); ++it)
        {
            m_entryBytes -= EntrySize(*it);
        }
        m_entries.erase(gone, m_entries.end());
    }
    ++m_version;
    return !Permits(host);
}

bool
SmkdAccessList::Permits(Ipv4Address address, const std::string& user) const
{
    bool matched = false;
    for (const auto& e : m_entries)
    {
        if (e.Matches(address, user))
        {
            matched = true;
            break;
        }
    }
    return m_mode == Mode::INCLUSION ? matched : !matched;
}

Ipv4Address
SmkdAccessList::GetGroup() const
{
    return m_group;
}

SmkdAccessList::Kind
SmkdAccessList::GetKind() const
{
    return m_kind;
}

SmkdAccessList::Mode
SmkdAccessList::GetMode() const
{
    return m_mode;
}

Ipv4Address
SmkdAccessList::GetInitiator() const
{
    return m_initiator;
}

uint32_t
SmkdAccessList::GetVersion() const
{
    return m_version;
}

void
SmkdAccessList::SetVersion(uint32_t version)
{
    m_version = version;
}

const std::vector<SmkdAclEntry>&
SmkdAccessList::GetEntries() const
{
    return m_entries;
}

std::size_t
SmkdAccessList::GetSerializedSize() const
{
    return HEADER_SIZE + m_entryBytes;
}

std::vector<uint8_t>
SmkdAccessList::Serialize() const
{
    // Add keeps the size within MAX_SERIALIZED_SIZE, so the count fits its 16 bits.
    smkd::ByteWriter w;
    w.U8(static_cast<uint8_t>(m_kind));
    w.U8(static_cast<uint8_t>(m_mode));
    w.Address(m_group);
    w.Address(m_initiator);
    w.U32(m_version);
    w.U16(static_cast<uint16_t>(m_entries.size()));
    for (const auto& e : m_entries)
    {
        w.Address(e.prefix);
        w.U8(e.prefixLength);
        w.Text(e.user);
    }
    return w.Bytes();
}

bool
SmkdAccessList::Parse(const std::vector<uint8_t>& bytes, SmkdAccessList& out)
{
    if (bytes.size() > MAX_SERIALIZED_SIZE)
    {
        return false; // Add would not have built it: it could not be passed on
    }
    smkd::ByteReader r(bytes);
    SmkdAccessList acl;
    const uint8_t kind = r.U8();
    const uint8_t mode = r.U8();
    acl.m_group = r.Address();
    acl.m_initiator = r.Address();
    acl.m_version = r.U32();
    const uint16_t n = r.U16();
    for (uint16_t k = 0; k < n && r.Ok(); ++k)
    {
        SmkdAclEntry e;
        e.prefix = r.Address();
        e.prefixLength = r.U8();
        e.user = r.Text();
        if (e.prefixLength > 32)
        {
            return false;
        }
        acl.m_entryBytes += EntrySize(e);
        acl.m_entries.push_back(std::move(e));
    }
    if (!r.Ok() || !r.AtEnd() || kind < 1 || kind > 2 || mode < 1 || mode > 2 ||
        !acl.m_group.IsMulticast())
    {
        return false;
    }
    acl.m_kind = static_cast<Kind>(kind);
    acl.m_mode = static_cast<Mode>(mode);
    out = std::move(acl);
    return true;
}

std::vector<uint8_t>
SmkdSignedBlob::SignedBytes() const
{
    smkd::ByteWriter w;
    w.Address(signer);
    w.Blob(body);
    return w.Bytes();
}

std::vector<uint8_t>
SmkdSignedBlob::Serialize() const
{
    smkd::ByteWriter w;
    w.Address(signer);
    w.Blob(body);
    w.Blob(signature);
    return w.Bytes();
}

bool
SmkdSignedBlob::Parse(const std::vector<uint8_t>& bytes, SmkdSignedBlob& out)
{
    smkd::ByteReader r(bytes);
    SmkdSignedBlob b;
    b.signer = r.Address();
    b.body = r.Blob();
    b.signature = r.Blob();
    if (!r.Ok() || !r.AtEnd())
    {
        return false;
    }
    out = std::move(b);
    return true;
}

} // namespace ns3
