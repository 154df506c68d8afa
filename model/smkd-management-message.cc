/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-management-message.h"

#include "smkd-byte-codec.h"

namespace ns3
{

std::vector<uint8_t>
SmkdManagementMessage::Serialize() const
{
    smkd::ByteWriter w;
    w.U8(static_cast<uint8_t>(type));
    w.Address(group);
    w.U32(sequence);
    w.Blob(body);
    w.Blob(extra);
    return w.Bytes();
}

bool
SmkdManagementMessage::Parse(const std::vector<uint8_t>& bytes, SmkdManagementMessage& out)
{
    smkd::ByteReader r(bytes);
    SmkdManagementMessage m;
    const uint8_t type = r.U8();
    m.group = r.Address();
    m.sequence = r.U32();
    m.body = r.Blob();
    m.extra = r.Blob();
    if (!r.Ok() || !r.AtEnd() || type < 1 || type > 8 || !m.group.IsMulticast())
    {
        return false;
    }
    m.type = static_cast<Type>(type);
    out = std::move(m);
    return true;
}

} // namespace ns3
