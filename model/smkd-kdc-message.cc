/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-kdc-message.h"

#include "smkd-byte-codec.h"

namespace ns3
{

std::vector<uint8_t>
SmkdKdcMessage::Serialize() const
{
    smkd::ByteWriter w;
    w.U8(static_cast<uint8_t>(type));
    w.Address(group);
    w.U64(nonce);
    w.Blob(body);
    return w.Bytes();
}

bool
SmkdKdcMessage::Parse(const std::vector<uint8_t>& bytes, SmkdKdcMessage& out)
{
    smkd::ByteReader r(bytes);
    SmkdKdcMessage m;
    const uint8_t type = r.U8();
    m.group = r.Address();
    m.nonce = r.U64();
    m.body = r.Blob();
    if (!r.Ok() || !r.AtEnd() || type < 1 || type > 4 || !m.group.IsMulticast())
    {
        return false;
    }
    m.type = static_cast<Type>(type);
    out = std::move(m);
    return true;
}

std::vector<uint8_t>
SmkdKdcGrant::Serialize() const
{
    smkd::ByteWriter w;
    w.U8(static_cast<uint8_t>(outcome));
    w.Address(host);
    w.Address(group);
    w.U64(nonce);
    w.Blob(bundle);
    w.Text(reason);
    return w.Bytes();
}

bool
SmkdKdcGrant::Parse(const std::vector<uint8_t>& bytes, SmkdKdcGrant& out)
{
    smkd::ByteReader r(bytes);
    SmkdKdcGrant g;
    const uint8_t outcome = r.U8();
    g.host = r.Address();
    g.group = r.Address();
    g.nonce = r.U64();
    g.bundle = r.Blob();
    g.reason = r.Text();
    if (!r.Ok() || !r.AtEnd() || outcome < 1 || outcome > 2 || !g.group.IsMulticast())
    {
        return false;
    }
    g.outcome = static_cast<Outcome>(outcome);
    if ((g.outcome == Outcome::KEYS) == g.bundle.empty())
    {
        return false;
    }
    out = std::move(g);
    return true;
}

} // namespace ns3
