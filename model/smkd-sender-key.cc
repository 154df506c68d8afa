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
    sa.Write(w);
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
    const bool cipherKnown = k.sa.Read(r);
    if (!r.Ok() || !r.AtEnd() || !k.group.IsMulticast() || k.key.size() != 32 || !cipherKnown)
    {
        return false;
    }
    out = std::move(k);
    return true;
}

} // namespace ns3
