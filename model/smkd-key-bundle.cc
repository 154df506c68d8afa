/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-key-bundle.h"

#include "smkd-byte-codec.h"

namespace ns3
{

uint32_t
smkd::SpiFromRandom(const std::vector<uint8_t>& random)
{
    // SPIs 0-255 are reserved (RFC 4303 §2.1).
    return (uint32_t(random.at(0)) << 24 | uint32_t(random.at(1)) << 16 |
            uint32_t(random.at(2)) << 8 | random.at(3)) |
           0x100;
}

void
SmkdSaParams::Write(smkd::ByteWriter& w) const
{
    w.U32(spi);
    w.U8(static_cast<uint8_t>(cipher));
    w.U32(lifetime);
    w.U64(activation);
    w.U32(epoch);
}

bool
SmkdSaParams::Read(smkd::ByteReader& r)
{
    spi = r.U32();
    const uint8_t c = r.U8();
    lifetime = r.U32();
    activation = r.U64();
    epoch = r.U32();
    cipher = Cipher::AES_256_GCM;
    return c == static_cast<uint8_t>(Cipher::AES_256_GCM);
}

std::vector<uint8_t>
SmkdKeyBundle::Serialize() const
{
    smkd::ByteWriter w;
    w.Address(group);
    w.Blob(groupKey);
    w.Blob(kek);
    sa.Write(w);
    return w.Bytes();
}

bool
SmkdKeyBundle::Parse(const std::vector<uint8_t>& bytes, SmkdKeyBundle& out)
{
    smkd::ByteReader r(bytes);
    SmkdKeyBundle b;
    b.group = r.Address();
    b.groupKey = r.Blob();
    b.kek = r.Blob();
    const bool cipherKnown = b.sa.Read(r);
    // AES-256-GCM keys are 32 bytes; anything else could not be used.
    if (!r.Ok() || !r.AtEnd() || !cipherKnown || !b.group.IsMulticast() ||
        b.groupKey.size() != 32 || b.kek.size() != 32)
    {
        return false;
    }
    b.sa.cipher = SmkdSaParams::Cipher::AES_256_GCM;
    out = std::move(b);
    return true;
}

bool
SmkdKeyBundle::ParseSigned(const std::vector<uint8_t>& bytes,
                           Ipv4Address group,
                           Ipv4Address signer,
                           SmkdSignedBlob& blob,
                           SmkdKeyBundle& out)
{
    return SmkdSignedBlob::Parse(bytes, blob) && Parse(blob.body, out) && out.group == group &&
           blob.signer == signer && signer != Ipv4Address::GetAny();
}

std::vector<uint8_t>
SmkdGroupAccessPackage::Serialize() const
{
    smkd::ByteWriter w;
    w.Blob(senderToken.Serialize());
    w.Blob(acl.Serialize());
    w.Blob(trusted);
    w.Blob(sealedForHost);
    w.Blob(sealedForNextHop);
    return w.Bytes();
}

bool
SmkdGroupAccessPackage::Parse(const std::vector<uint8_t>& bytes, SmkdGroupAccessPackage& out)
{
    smkd::ByteReader r(bytes);
    const std::vector<uint8_t> token = r.Blob();
    const std::vector<uint8_t> acl = r.Blob();
    SmkdGroupAccessPackage p;
    p.trusted = r.Blob();
    p.sealedForHost = r.Blob();
    p.sealedForNextHop = r.Blob();
    SmkdSignedBlob trusted;
    if (!r.Ok() || !r.AtEnd() || !SmkdToken::Parse(token, p.senderToken) ||
        !SmkdSignedBlob::Parse(acl, p.acl) ||
        (!p.trusted.empty() && !SmkdSignedBlob::Parse(p.trusted, trusted)))
    {
        return false;
    }
    out = std::move(p);
    return true;
}

} // namespace ns3
