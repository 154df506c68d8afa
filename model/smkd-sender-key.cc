/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-sender-key.h"

#include "smkd-byte-codec.h"

namespace ns3
{

std::vector<uint8_t>
SmkdSenderKey::Serialize() const
{
    smkd::ByteWriter w;
    w.Address(group);
    w.Address(sender);
    w.Blob(key);
    w.U32(sa.spi);
    w.U8(static_cast<uint8_t>(sa.cipher));
    w.U32(sa.lifetime);
    w.U64(sa.activation);
    return w.Bytes();
}

bool
SmkdSenderKey::Parse(const std::vector<uint8_t>& bytes, SmkdSenderKey& out)
{
    smkd::ByteReader r(bytes);
    SmkdSenderKey k;
    k.group = r.Address();
    k.sender = r.Address();
    k.key = r.Blob();
    k.sa.spi = r.U32();
    const uint8_t cipher = r.U8();
    k.sa.lifetime = r.U32();
    k.sa.activation = r.U64();
    if (!r.Ok() || !r.AtEnd() || !k.group.IsMulticast() || k.key.size() != 32 ||
        cipher != static_cast<uint8_t>(SmkdSaParams::Cipher::AES_256_GCM))
    {
        return false;
    }
    out = std::move(k);
    return true;
}

} // namespace ns3
