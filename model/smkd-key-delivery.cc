/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-key-delivery.h"

#include "smkd-byte-codec.h"

namespace ns3
{

std::vector<uint8_t>
SmkdKeyDelivery::SignedBytes() const
{
    smkd::ByteWriter w;
    w.U8(static_cast<uint8_t>(type));
    w.Address(group);
    w.Blob(hostToken);
    w.Blob(sealed);
    w.Text(reason);
    w.Address(signer);
    return w.Bytes();
}

std::vector<uint8_t>
SmkdKeyDelivery::Serialize() const
{
    std::vector<uint8_t> bytes = SignedBytes();
    smkd::ByteWriter w;
    w.Blob(signature);
    bytes.insert(bytes.end(), w.Bytes().begin(), w.Bytes().end());
    return bytes;
}

bool
SmkdKeyDelivery::Parse(const std::vector<uint8_t>& bytes, SmkdKeyDelivery& out)
{
    smkd::ByteReader r(bytes);
    SmkdKeyDelivery d;
    const uint8_t type = r.U8();
    d.group = r.Address();
    d.hostToken = r.Blob();
    d.sealed = r.Blob();
    d.reason = r.Text();
    d.signer = r.Address();
    d.signature = r.Blob();
    if (!r.Ok() || !r.AtEnd() || type < 1 || type > 5 || !d.group.IsMulticast())
    {
        return false;
    }
    d.type = static_cast<Type>(type);
    out = std::move(d);
    return true;
}

} // namespace ns3
