/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-token.h"

#include "smkd-byte-codec.h"

#include "ns3/simulator.h"

namespace ns3
{

std::vector<uint8_t>
SmkdToken::SignedBytes() const
{
    smkd::ByteWriter w;
    w.Address(issuer);
    w.Address(group);
    w.U64(timestamp);
    w.U64(random);
    w.Address(recipient);
    return w.Bytes();
}

std::vector<uint8_t>
SmkdToken::Serialize() const
{
    std::vector<uint8_t> out = SignedBytes();
    smkd::ByteWriter w;
    w.Blob(signature);
    out.insert(out.end(), w.Bytes().begin(), w.Bytes().end());
    return out;
}

bool
SmkdToken::Parse(const std::vector<uint8_t>& bytes, SmkdToken& out)
{
    smkd::ByteReader r(bytes);
    SmkdToken t;
    t.issuer = r.Address();
    t.group = r.Address();
    t.timestamp = r.U64();
    t.random = r.U64();
    t.recipient = r.Address();
    t.signature = r.Blob();
    if (!r.Ok() || !r.AtEnd())
    {
        return false;
    }
    out = std::move(t);
    return true;
}

bool
SmkdToken::operator==(const SmkdToken& o) const
{
    return issuer == o.issuer && group == o.group && timestamp == o.timestamp &&
           random == o.random && recipient == o.recipient && signature == o.signature;
}

SmkdToken
SmkdToken::Make(Ipv4Address issuer,
                Ipv4Address group,
                Ipv4Address recipient,
                const std::vector<uint8_t>& random)
{
    SmkdToken t;
    t.issuer = issuer;
    t.group = group;
    t.timestamp = static_cast<uint64_t>(Simulator::Now().GetNanoSeconds());
    for (uint8_t b : random)
    {
        t.random = (t.random << 8) | b;
    }
    t.recipient = recipient;
    return t;
}

SmkdTokenChecker::SmkdTokenChecker(Time window)
    : m_window(window)
{
}

SmkdTokenChecker::Verdict
SmkdTokenChecker::Judge(const SmkdToken& token, Time now)
{
    // A token older than the window is stale whether or not it was seen.
    m_seen.Expire(now - m_window);
    const Time t = NanoSeconds(static_cast<int64_t>(token.timestamp));
    if (t < now - m_window)
    {
        return Verdict::STALE;
    }
    if (t > now + m_window)
    {
        return Verdict::FUTURE;
    }
    return m_seen.Contains({token.issuer, token.random}) ? Verdict::REPLAYED : Verdict::FRESH;
}

void
SmkdTokenChecker::Remember(const SmkdToken& token)
{
    m_seen.Insert({token.issuer, token.random}, NanoSeconds(static_cast<int64_t>(token.timestamp)));
}

SmkdTokenChecker::Verdict
SmkdTokenChecker::Check(const SmkdToken& token, Time now)
{
    const Verdict v = Judge(token, now);
    if (v == Verdict::FRESH)
    {
        Remember(token);
    }
    return v;
}

std::size_t
SmkdTokenChecker::CacheSize() const
{
    return m_seen.Size();
}

const char*
SmkdTokenVerdictName(SmkdTokenChecker::Verdict v)
{
    switch (v)
    {
    case SmkdTokenChecker::Verdict::FRESH:
        return "fresh";
    case SmkdTokenChecker::Verdict::STALE:
        return "stale";
    case SmkdTokenChecker::Verdict::FUTURE:
        return "future";
    case SmkdTokenChecker::Verdict::REPLAYED:
        return "replayed";
    }
    return "unknown";
}

} // namespace ns3
