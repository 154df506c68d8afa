/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-group-creation.h"

#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc-context.h"
#include "smkd-rekeying.h"

#include "ns3/log.h"

#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdGroupCreation");

SmkdGroupCreation::SmkdGroupCreation(SmkdGkdcContext& context)
    : m_context(context)
{
}

uint64_t
SmkdGroupCreation::GetRejectedCount() const
{
    return m_rejected;
}

void
SmkdGroupCreation::Dispose()
{
    m_inProgress.clear();
}

void
SmkdGroupCreation::Receive(SmkdManagementMessage m, Address from)
{
    NS_LOG_FUNCTION(this << m.group);
    // RFC 1949 §6.1: lists sealed for the primary core are opened first.
    smkd::OpenAclSubmission(
        m_context.Engine(),
        m,
        Callback<void, bool, SmkdManagementMessage, std::string>(
            [this, from](bool ok, SmkdManagementMessage opened, std::string why) {
                if (!ok)
                {
                    Refuse(opened, from, why);
                    return;
                }
                HandleSubmission(opened, from);
            }));
}

void
SmkdGroupCreation::HandleSubmission(const SmkdManagementMessage& m, Address from)
{
    NS_LOG_FUNCTION(this << m.group);
    if (!m_context.IsPrimaryCore(m.group))
    {
        Answer(m,
               from,
               SmkdManagementMessage::Type::ACL_REJECTED,
               "not the primary core of the group");
        return;
    }
    smkd::AclSubmission submission;
    std::string why;
    if (!smkd::ParseAclSubmission(m, submission, why))
    {
        Answer(m, from, SmkdManagementMessage::Type::ACL_REJECTED, why);
        return;
    }
    if (!smkd::IsAuthorisedInitiator(m_context.Engine(), submission, why))
    {
        Refuse(m, from, why);
        return;
    }
    if (const SmkdGroupKeys* existing = m_context.Keys(m.group))
    {
        // A retransmission of the list already in force is answered again.
        const auto type = smkd::AnswerToResubmission(existing->acl, submission.list, why);
        Answer(m, from, type, why);
        return;
    }
    // Keyed by the list's signature: a forged submission being verified
    // does not hold up the initiator's own.
    if (!m_inProgress.insert({m.group, submission.acl.signature}).second)
    {
        return; // the first copy is still being verified
    }
    NS_ABORT_MSG_UNLESS(m_context.Engine(), "SmkdGkdc: node has no SmkdCryptoEngine");
    smkd::VerifyAclSubmission(m_context.Engine(),
                              submission,
                              Callback<void, bool>([this, m, from, submission](bool ok) {
                                  Verified(m, from, submission, ok);
                              }));
}

void
SmkdGroupCreation::Verified(const SmkdManagementMessage& m,
                            Address from,
                            const smkd::AclSubmission& submission,
                            bool ok)
{
    NS_LOG_FUNCTION(this << m.group << from << ok);
    m_inProgress.erase({m.group, submission.acl.signature});
    if (!ok)
    {
        Refuse(m, from, "signature does not verify");
        return;
    }
    CreateKeys(m, from, submission.list, submission.trustedList);
}

void
SmkdGroupCreation::CreateKeys(const SmkdManagementMessage& m,
                              Address from,
                              SmkdAccessList acl,
                              std::optional<SmkdAccessList> trusted)
{
    NS_LOG_FUNCTION(this << m.group);
    Ptr<SmkdCryptoEngine> engine = m_context.Engine();
    // §6.1: the primary core creates the session key and the KEK.
    SmkdGroupKeys keys;
    keys.acl = acl;
    keys.trusted = trusted;
    keys.primary = true;
    keys.bundle = smkd::CreateKeyBundle(engine,
                                        m.group,
                                        smkd::LifetimeSeconds(m_context.settings.keyLifetime));
    const Ipv4Address self = m_context.OwnAddress();
    keys.coreAcl = SmkdSignedBlob{self, acl.Serialize(), {}};
    keys.coreBundle = SmkdSignedBlob{self, keys.bundle.Serialize(), {}};
    // [ACL]^SK_core and [grpKey, KEK, SAparams]^SK_core: signed once, handed on many times.
    auto stored = std::make_shared<SmkdGroupKeys>(std::move(keys));
    engine->Sign(
        stored->coreAcl.SignedBytes(),
        Callback<void, Bytes>([this, engine, stored, m, from](Bytes aclSignature) {
            stored->coreAcl.signature = std::move(aclSignature);
            engine->Sign(
                stored->coreBundle.SignedBytes(),
                Callback<void, Bytes>([this, engine, stored, m, from](Bytes sig) {
                    stored->coreBundle.signature = std::move(sig);
                    if (!stored->trusted)
                    {
                        Install(m, from, *stored);
                        return;
                    }
                    // The trusted-router list goes down the tree too, under
                    // the core's signature.
                    SmkdSignedBlob t{m_context.OwnAddress(), stored->trusted->Serialize(), {}};
                    engine->Sign(
                        t.SignedBytes(),
                        Callback<void, Bytes>([this, stored, m, from, t](Bytes ts) mutable {
                            t.signature = std::move(ts);
                            stored->coreTrusted = t.Serialize();
                            Install(m, from, *stored);
                        }));
                }));
        }));
}

void
SmkdGroupCreation::Install(const SmkdManagementMessage& m, Address from, const SmkdGroupKeys& keys)
{
    NS_LOG_FUNCTION(this << m.group << from);
    m_context.groups[m.group] = keys;
    m_context.rekeying->Schedule(m.group);
    NS_LOG_INFO(m.group << ": primary core is now GKDC, SPI 0x" << std::hex << keys.bundle.sa.spi
                        << std::dec);
    m_context.traces.gkdcGained(m.group);
    Answer(m, from, SmkdManagementMessage::Type::ACL_ACCEPTED);
}

void
SmkdGroupCreation::Refuse(const SmkdManagementMessage& m, Address from, const std::string& why)
{
    ++m_rejected;
    m_context.traces.aclRejected(m.group, why);
    Answer(m, from, SmkdManagementMessage::Type::ACL_REJECTED, why);
}

void
SmkdGroupCreation::Answer(const SmkdManagementMessage& m,
                          Address to,
                          SmkdManagementMessage::Type type,
                          const std::string& reason)
{
    smkd::SendAclAnswer(m_context.socket, m, to, type, reason);
}

} // namespace ns3
