/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-key-tree-rekey.h"

#include "smkd-aes-gcm.h"
#include "smkd-byte-codec.h"

#include "ns3/abort.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

namespace
{

using smkd::WireError;
using smkd::WireStatus;

/// The authenticated header of an entry, and its nonce, from its four numbers.
struct EntryLabels
{
    Bytes aad;
    uint8_t nonce[smkd::AES_GCM_NONCE_SIZE];
};

EntryLabels
Labels(uint32_t node, uint32_t version, uint32_t underNode, uint32_t underVersion)
{
    smkd::ByteWriter w;
    w.U32(node);
    w.U32(version);
    w.U32(underNode);
    w.U32(underVersion);
    EntryLabels l;
    l.aad = w.Bytes();
    // "LKH1" separates these nonces from any other use of a tree key; the rest
    // names the key being sent, which no key encrypts twice (see the header).
    static const uint8_t tag[4] = {'L', 'K', 'H', '1'};
    std::copy(tag, tag + 4, l.nonce);
    std::copy(l.aad.begin(), l.aad.begin() + 8, l.nonce + 4);
    return l;
}

void
WriteBytes(smkd::ByteWriter& w, const Bytes& b)
{
    for (uint8_t v : b)
    {
        w.U8(v);
    }
}

Bytes
ReadBytes(smkd::ByteReader& r, std::size_t n)
{
    Bytes b(n);
    for (auto& v : b)
    {
        v = r.U8();
    }
    return b;
}

/**
 * Check a count of fixed-size records against the bytes left, before
 * anything is allocated for them.
 */
WireStatus
CheckRecords(std::size_t count, std::size_t recordSize, std::size_t left, const char* what)
{
    const std::size_t need = count * recordSize;
    std::ostringstream s;
    s << what << ": " << count << " records need " << need << " bytes, " << left << " left";
    if (need > left)
    {
        return WireStatus::Fail(WireError::RECORD_OVERRUN, s.str());
    }
    if (need < left)
    {
        return WireStatus::Fail(WireError::TRAILING_BYTES, s.str());
    }
    return WireStatus{};
}

} // namespace

SmkdKeyTreeEntry
SmkdKeyTreeEntry::Wrap(smkd::OpenSslContext& ctx,
                       const SmkdKeyTreeKey& key,
                       const SmkdKeyTreeKey& under)
{
    NS_ABORT_MSG_IF(key.key.size() != SmkdKeyTreeKey::KEY_SIZE ||
                        under.key.size() != SmkdKeyTreeKey::KEY_SIZE,
                    "key tree keys are 32 bytes");
    SmkdKeyTreeEntry e;
    e.node = key.node;
    e.version = key.version;
    e.underNode = under.node;
    e.underVersion = under.version;
    const EntryLabels l = Labels(e.node, e.version, e.underNode, e.underVersion);
    e.ciphertext.resize(CIPHERTEXT_SIZE);
    smkd::AesGcmEncrypt(ctx,
                        under.key.data(),
                        l.nonce,
                        l.aad.data(),
                        l.aad.size(),
                        key.key.data(),
                        key.key.size(),
                        e.ciphertext.data());
    return e;
}

bool
SmkdKeyTreeEntry::Unwrap(smkd::OpenSslContext& ctx,
                         const SmkdKeyTreeKey& under,
                         SmkdKeyTreeKey& out) const
{
    if (under.node != underNode || under.version != underVersion ||
        under.key.size() != SmkdKeyTreeKey::KEY_SIZE || ciphertext.size() != CIPHERTEXT_SIZE)
    {
        return false;
    }
    const EntryLabels l = Labels(node, version, underNode, underVersion);
    Bytes plain;
    if (!smkd::AesGcmDecrypt(ctx,
                             under.key.data(),
                             l.nonce,
                             l.aad.data(),
                             l.aad.size(),
                             ciphertext.data(),
                             ciphertext.size(),
                             plain))
    {
        return false;
    }
    out.node = node;
    out.version = version;
    out.key = std::move(plain);
    return true;
}

std::size_t
SmkdKeyTreeRekey::GetSerializedSize() const
{
    return FIXED_SIZE + entries.size() * SmkdKeyTreeEntry::SIZE;
}

Bytes
SmkdKeyTreeRekey::Serialize() const
{
    smkd::ByteWriter w;
    w.U8(static_cast<uint8_t>(kind));
    w.Address(member);
    w.U32(rootNode);
    w.U32(rootVersion);
    w.U32(static_cast<uint32_t>(entries.size()));
    for (const auto& e : entries)
    {
        NS_ABORT_MSG_IF(e.ciphertext.size() != SmkdKeyTreeEntry::CIPHERTEXT_SIZE,
                        "key tree entry ciphertext of " << e.ciphertext.size() << " bytes");
        w.U32(e.node);
        w.U32(e.version);
        w.U32(e.underNode);
        w.U32(e.underVersion);
        WriteBytes(w, e.ciphertext);
    }
    return w.Bytes();
}

WireStatus
SmkdKeyTreeRekey::Parse(const Bytes& bytes, SmkdKeyTreeRekey& out)
{
    if (bytes.size() < FIXED_SIZE)
    {
        return WireStatus::Fail(WireError::TRUNCATED,
                                "key tree rekey needs " + std::to_string(FIXED_SIZE) +
                                    " bytes, message has " + std::to_string(bytes.size()));
    }
    smkd::ByteReader r(bytes);
    SmkdKeyTreeRekey m;
    const uint8_t kind = r.U8();
    if (kind != static_cast<uint8_t>(Kind::JOIN) && kind != static_cast<uint8_t>(Kind::LEAVE))
    {
        return WireStatus::Fail(WireError::UNKNOWN_TYPE,
                                "key tree rekey kind " + std::to_string(kind));
    }
    m.kind = static_cast<Kind>(kind);
    m.member = r.Address();
    m.rootNode = r.U32();
    m.rootVersion = r.U32();
    const uint32_t count = r.U32();
    WireStatus s = CheckRecords(count,
                                SmkdKeyTreeEntry::SIZE,
                                bytes.size() - FIXED_SIZE,
                                "key tree rekey entries");
    if (!s.Ok())
    {
        return s;
    }
    if (m.rootNode == 0 || m.rootVersion == 0)
    {
        return WireStatus::Fail(WireError::BAD_FIELD, "key tree rekey root node or version 0");
    }
    m.entries.resize(count);
    for (uint32_t i = 0; i < count; ++i)
    {
        SmkdKeyTreeEntry& e = m.entries[i];
        e.node = r.U32();
        e.version = r.U32();
        e.underNode = r.U32();
        e.underVersion = r.U32();
        e.ciphertext = ReadBytes(r, SmkdKeyTreeEntry::CIPHERTEXT_SIZE);
        if (e.node == 0 || e.version == 0 || e.underNode == 0 || e.underVersion == 0)
        {
            return WireStatus::Fail(WireError::BAD_FIELD,
                                    "key tree rekey entry " + std::to_string(i) +
                                        " names node or version 0");
        }
    }
    // The size check above makes every read fit; this only guards the invariant.
    NS_ABORT_MSG_IF(!r.Ok() || !r.AtEnd(), "key tree rekey parser out of step");
    out = std::move(m);
    return WireStatus{};
}

Bytes
SerializeKeyTreePath(const std::vector<SmkdKeyTreeKey>& keys)
{
    NS_ABORT_MSG_IF(keys.size() > 0xffff, "key tree path of " << keys.size() << " keys");
    smkd::ByteWriter w;
    w.U16(static_cast<uint16_t>(keys.size()));
    for (const auto& k : keys)
    {
        NS_ABORT_MSG_IF(k.key.size() != SmkdKeyTreeKey::KEY_SIZE, "key tree keys are 32 bytes");
        w.U32(k.node);
        w.U32(k.version);
        WriteBytes(w, k.key);
    }
    return w.Bytes();
}

WireStatus
ParseKeyTreePath(const Bytes& bytes, std::vector<SmkdKeyTreeKey>& out)
{
    constexpr std::size_t record = 8 + SmkdKeyTreeKey::KEY_SIZE;
    if (bytes.size() < 2)
    {
        return WireStatus::Fail(WireError::TRUNCATED,
                                "key tree path needs 2 bytes, has " + std::to_string(bytes.size()));
    }
    smkd::ByteReader r(bytes);
    const uint16_t count = r.U16();
    WireStatus s = CheckRecords(count, record, bytes.size() - 2, "key tree path");
    if (!s.Ok())
    {
        return s;
    }
    if (count == 0)
    {
        return WireStatus::Fail(WireError::BAD_FIELD, "key tree path holds no key");
    }
    std::vector<SmkdKeyTreeKey> keys(count);
    for (auto& k : keys)
    {
        k.node = r.U32();
        k.version = r.U32();
        k.key = ReadBytes(r, SmkdKeyTreeKey::KEY_SIZE);
        if (k.node == 0 || k.version == 0)
        {
            return WireStatus::Fail(WireError::BAD_FIELD, "key tree path names node or version 0");
        }
    }
    NS_ABORT_MSG_IF(!r.Ok() || !r.AtEnd(), "key tree path parser out of step");
    out = std::move(keys);
    return WireStatus{};
}

} // namespace ns3
