/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-group-key-message.h"

#include "smkd-byte-codec.h"

namespace ns3
{

std::vector<uint8_t>
SmkdGroupKeyMessage::AssociatedData() const
{
    smkd::ByteWriter w;
    w.U8(static_cast<uint8_t>(type));
    w.Address(group);
    w.U32(keySpi);
    return w.Bytes();
}

std::vector<uint8_t>
SmkdGroupKeyMessage::Serialize() const
{
    std::vector<uint8_t> out = AssociatedData();
    smkd::ByteWriter w;
    w.Blob(body);
    out.insert(out.end(), w.Bytes().begin(), w.Bytes().end());
    return out;
}

bool
SmkdGroupKeyMessage::Parse(const std::vector<uint8_t>& bytes, SmkdGroupKeyMessage& out)
{
    smkd::ByteReader r(bytes);
    SmkdGroupKeyMessage m;
    const uint8_t type = r.U8();
    m.group = r.Address();
    m.keySpi = r.U32();
    m.body = r.Blob();
    if (!r.Ok() || !r.AtEnd() || type < 1 || type > 5 || !m.group.IsMulticast() ||
        m.group.IsLocalMulticast())
    {
        return false;
    }
    m.type = static_cast<Type>(type);
    out = std::move(m);
    return true;
}

} // namespace ns3
