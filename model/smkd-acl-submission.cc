/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-acl-submission.h"

#include "smkd-crypto-engine.h"
#include "smkd-error.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdAclSubmission");

namespace smkd
{

bool
ParseAclSubmission(const SmkdManagementMessage& m, AclSubmission& out, std::string& why)
{
    AclSubmission s;
    if (!SmkdSignedBlob::Parse(m.body, s.acl) || !SmkdAccessList::Parse(s.acl.body, s.list) ||
        s.list.GetGroup() != m.group || s.list.GetKind() != SmkdAccessList::Kind::GROUP_MEMBERS ||
        s.list.GetInitiator() != s.acl.signer)
    {
        why = "malformed access list";
        return false;
    }
    if (!m.extra.empty())
    {
        SmkdSignedBlob t;
        SmkdAccessList tl;
        if (!SmkdSignedBlob::Parse(m.extra, t) || !SmkdAccessList::Parse(t.body, tl) ||
            tl.GetKind() != SmkdAccessList::Kind::TRUSTED_ROUTERS || t.signer != s.acl.signer ||
            tl.GetGroup() != m.group)
        {
            why = "malformed trusted-router list";
            return false;
        }
        s.trusted = t;
        s.trustedList = tl;
    }
    out = std::move(s);
    return true;
}

bool
IsAuthorisedInitiator(Ptr<SmkdCryptoEngine> engine, const AclSubmission& s, std::string& why)
{
    Ptr<SmkdKeyDirectory> directory = engine->GetDirectory();
    if (!directory->Certifies(s.acl.signer, SmkdRole::HOST) ||
        !directory->IsInitiatorOf(s.acl.signer, s.list.GetGroup()))
    {
        why = "signer is not the group's certified initiator";
        return false;
    }
    return true;
}

bool
ReadAclSubmission(Ptr<Packet> packet, SmkdManagementMessage& out)
{
    Bytes bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return SmkdManagementMessage::Parse(bytes, out) &&
           (out.type == SmkdManagementMessage::Type::ACL_SUBMIT ||
            out.type == SmkdManagementMessage::Type::ACL_SUBMIT_SEALED);
}

void
OpenAclSubmission(Ptr<SmkdCryptoEngine> engine,
                  const SmkdManagementMessage& m,
                  Callback<void, bool, SmkdManagementMessage, std::string> done)
{
    if (m.type != SmkdManagementMessage::Type::ACL_SUBMIT_SEALED)
    {
        done(true, m, "");
        return;
    }
    // Each step fills in one list of its own copy of the message.
    auto openTrusted = [engine, done](SmkdManagementMessage opened) {
        if (opened.extra.empty())
        {
            done(true, opened, "");
            return;
        }
        engine->Open(opened.extra,
                     Callback<void, bool, Bytes>([opened, done](bool ok, Bytes trusted) mutable {
                         if (!ok)
                         {
                             done(false, opened, "sealed trusted-router list does not open");
                             return;
                         }
                         opened.extra = std::move(trusted);
                         done(true, opened, "");
                     }));
    };
    engine->Open(m.body, Callback<void, bool, Bytes>([m, done, openTrusted](bool ok, Bytes acl) {
                     SmkdManagementMessage opened = m;
                     if (!ok)
                     {
                         done(false, opened, "sealed access list does not open");
                         return;
                     }
                     opened.body = std::move(acl);
                     openTrusted(opened);
                 }));
}

void
VerifyAclSubmission(Ptr<SmkdCryptoEngine> engine, const AclSubmission& s, Callback<void, bool> done)
{
    const std::optional<SmkdSignedBlob> trusted = s.trusted;
    auto afterAcl = [engine, trusted, done](bool ok) {
        if (!ok || !trusted)
        {
            done(ok);
            return;
        }
        engine->Verify(trusted->signer, trusted->SignedBytes(), trusted->signature, done);
    };
    engine->Verify(s.acl.signer,
                   s.acl.SignedBytes(),
                   s.acl.signature,
                   Callback<void, bool>(afterAcl));
}

SmkdManagementMessage::Type
AnswerToResubmission(const SmkdAccessList& inForce,
                     const SmkdAccessList& submitted,
                     std::string& why)
{
    if (inForce.Serialize() == submitted.Serialize())
    {
        why.clear();
        return SmkdManagementMessage::Type::ACL_ACCEPTED;
    }
    why = "the group already has an access list";
    return SmkdManagementMessage::Type::ACL_REJECTED;
}

SmkdKeyBundle
CreateKeyBundle(Ptr<SmkdCryptoEngine> engine, Ipv4Address group, uint32_t lifetime)
{
    SmkdKeyBundle b;
    b.group = group;
    b.groupKey = engine->Random(32);
    b.kek = engine->Random(32);
    b.sa.spi = smkd::SpiFromRandom(engine->Random(4));
    b.sa.lifetime = lifetime;
    b.sa.activation = static_cast<uint64_t>(Simulator::Now().GetNanoSeconds());
    return b;
}

uint32_t
SendAclAnswer(Ptr<Socket> socket,
              const SmkdManagementMessage& m,
              const Address& to,
              SmkdManagementMessage::Type type,
              const std::string& reason)
{
    if (type == SmkdManagementMessage::Type::ACL_REJECTED)
    {
        NS_LOG_INFO(m.group << ": access list refused: " << reason);
    }
    SmkdManagementMessage a;
    a.type = type;
    a.group = m.group;
    a.sequence = m.sequence;
    a.body.assign(reason.begin(), reason.end());
    const Bytes bytes = a.Serialize();
    if (socket)
    {
        socket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, to);
    }
    return static_cast<uint32_t>(bytes.size());
}

Ipv4Address
FirstAddress(Ptr<Ipv4> ipv4)
{
    for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t k = 0; k < ipv4->GetNAddresses(i); ++k)
        {
            if (!ipv4->GetAddress(i, k).GetLocal().IsLocalhost())
            {
                return ipv4->GetAddress(i, k).GetLocal();
            }
        }
    }
    return Ipv4Address::GetAny();
}

void
CheckLifetime(const std::string& owner, Time lifetime)
{
    const int64_t ns = lifetime.GetNanoSeconds();
    SMKD_REQUIRE(ns > 0 && ns % 1000000000 == 0 && ns / 1000000000 <= 0xffffffffLL,
                 owner << ": KeyLifetime " << lifetime.As(Time::S)
                       << " is not a whole number of seconds from 1 to 4294967295 (the SA "
                          "parameters carry seconds)");
}

uint32_t
LifetimeSeconds(Time lifetime)
{
    return static_cast<uint32_t>(lifetime.GetNanoSeconds() / 1000000000);
}

} // namespace smkd
} // namespace ns3
