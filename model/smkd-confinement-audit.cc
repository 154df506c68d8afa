/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-confinement-audit.h"

#include "cbt-routing-protocol.h"
#include "smkd-acl-submission.h"
#include "smkd-adversary.h"
#include "smkd-central-kdc-client.h"
#include "smkd-central-kdc.h"
#include "smkd-crypto-engine.h"
#include "smkd-gkdc.h"
#include "smkd-host-agent.h"

#include "ns3/boolean.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdConfinementAudit");

NS_OBJECT_ENSURE_REGISTERED(SmkdConfinementAudit);

namespace
{

/// \return the node's KDC server application, if it has one
Ptr<SmkdCentralKdc>
KdcOf(Ptr<Node> node)
{
    for (uint32_t i = 0; node && i < node->GetNApplications(); ++i)
    {
        if (Ptr<SmkdCentralKdc> kdc = DynamicCast<SmkdCentralKdc>(node->GetApplication(i)))
        {
            return kdc;
        }
    }
    return nullptr;
}

/// \return true when any of the node's addresses is one of \p cores
bool
IsCore(Ptr<Node> node, const std::vector<Ipv4Address>& cores)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    return std::any_of(cores.begin(), cores.end(), [ipv4](Ipv4Address c) {
        return ipv4 && ipv4->GetInterfaceForAddress(c) >= 0;
    });
}

} // namespace

TypeId
SmkdConfinementAudit::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdConfinementAudit")
                            .SetParent<Object>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdConfinementAudit>()
                            .AddAttribute("AuditDelay",
                                          "How long after the reference sends new keys they are "
                                          "audited: time for them to spread.",
                                          TimeValue(Seconds(1)),
                                          MakeTimeAccessor(&SmkdConfinementAudit::m_delay),
                                          MakeTimeChecker(Seconds(0)));
    return tid;
}

void
SmkdConfinementAudit::Setup(NodeContainer nodes, Ipv4Address group, Ptr<Node> reference)
{
    m_nodes = nodes;
    m_group = group;
    m_reference = reference;
}

void
SmkdConfinementAudit::AddCompromised(Ptr<Node> router)
{
    m_compromised.insert(router->GetId());
}

void
SmkdConfinementAudit::Start()
{
    NS_LOG_FUNCTION(this);
    // The primary core's re-keys, or the KDC baseline's (the same trace).
    m_primary = m_reference ? m_reference->GetObject<SmkdGkdc>() : nullptr;
    if (!m_primary)
    {
        m_primary = KdcOf(m_reference);
    }
    if (!m_primary)
    {
        return; // nothing re-keys: the final audit covers the one epoch
    }
    // A raw pointer, as ns-3's own models connect their traces: DoDispose
    // and the destructor disconnect it and cancel the audits still due.
    m_primary->TraceConnectWithoutContext("RekeySent",
                                          MakeCallback(&SmkdConfinementAudit::RekeySent, this));
}

void
SmkdConfinementAudit::RekeySent(Ipv4Address group, uint32_t spi)
{
    if (group == m_group)
    {
        m_pending.push_back(Simulator::Schedule(m_delay, &SmkdConfinementAudit::Record, this));
    }
}

void
SmkdConfinementAudit::Disconnect()
{
    if (m_primary)
    {
        m_primary->TraceDisconnectWithoutContext(
            "RekeySent",
            MakeCallback(&SmkdConfinementAudit::RekeySent, this));
        m_primary = nullptr;
    }
    for (EventId& e : m_pending)
    {
        e.Cancel();
    }
    m_pending.clear();
}

SmkdConfinementAudit::~SmkdConfinementAudit()
{
    Disconnect();
}

void
SmkdConfinementAudit::Finish()
{
    NS_LOG_FUNCTION(this);
    Record();
}

void
SmkdConfinementAudit::Record()
{
    SmkdConfinementEpoch e = AuditNow();
    if (e.epoch == 0)
    {
        return; // no keys yet
    }
    m_leaked.insert(e.unauthorizedIds.begin(), e.unauthorizedIds.end());
    m_epochs.push_back(std::move(e));
}

bool
SmkdConfinementAudit::Reference(const SmkdKeyBundle*& keys, const SmkdAccessList*& acl) const
{
    if (!m_reference)
    {
        return false;
    }
    if (Ptr<SmkdGkdc> gkdc = m_reference->GetObject<SmkdGkdc>())
    {
        const SmkdGroupKeys* held = gkdc->GetGroupKeys(m_group);
        if (!held)
        {
            return false;
        }
        keys = &held->bundle;
        acl = &held->acl;
        return true;
    }
    if (Ptr<SmkdCentralKdc> kdc = KdcOf(m_reference))
    {
        keys = kdc->GetKeys(m_group);
        acl = kdc->GetAccessList(m_group);
        return keys && acl;
    }
    return false;
}

SmkdConfinementEpoch
SmkdConfinementAudit::AuditNow() const
{
    SmkdConfinementEpoch e;
    e.at = Simulator::Now();
    const SmkdKeyBundle* current = nullptr;
    const SmkdAccessList* acl = nullptr;
    if (!Reference(current, acl))
    {
        return e;
    }
    e.epoch = current->sa.epoch;
    e.spi = current->sa.spi;
    const uint32_t spi = current->sa.spi;
    const SmkdGroupKeys* reference = m_reference->GetObject<SmkdGkdc>()
                                         ? m_reference->GetObject<SmkdGkdc>()->GetGroupKeys(m_group)
                                         : nullptr;
    bool compromisedHolds = false;
    uint32_t membersHolding = 0;
    for (auto it = m_nodes.Begin(); it != m_nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        if (node == m_reference)
        {
            continue;
        }
        const Ipv4Address address = smkd::FirstAddress(node->GetObject<Ipv4>());
        bool holds = false;
        bool authorized = false;
        if (Ptr<SmkdHostAgent> agent = node->GetObject<SmkdHostAgent>())
        {
            if (agent->GetKeysBySpi(m_group, spi))
            {
                holds = true;
                authorized = acl->Permits(address);
            }
        }
        if (Ptr<SmkdKdcClient> client = node->GetObject<SmkdKdcClient>())
        {
            if (client->GetKeysBySpi(m_group, spi))
            {
                holds = true;
                authorized = acl->Permits(address);
            }
        }
        if (holds && authorized)
        {
            ++membersHolding;
        }
        if (Ptr<SmkdGkdc> gkdc = node->GetObject<SmkdGkdc>())
        {
            const SmkdGroupKeys* k = gkdc->GetGroupKeys(m_group);
            if (k && k->bundle.sa.spi == spi)
            {
                holds = true;
                BooleanValue strict;
                gkdc->GetAttribute("StrictCoreOnly", strict);
                Ptr<CbtRoutingProtocol> cbt = node->GetObject<CbtRoutingProtocol>();
                const bool core = cbt && IsCore(node, cbt->GetCoreMap()->GetCores(m_group));
                const bool trusted =
                    !reference || !reference->trusted || reference->trusted->Permits(address);
                authorized = strict.Get() ? core : (core || trusted);
                if (m_compromised.count(node->GetId()))
                {
                    authorized = false;
                    compromisedHolds = true;
                }
            }
        }
        for (uint32_t i = 0; i < node->GetNApplications(); ++i)
        {
            Ptr<SmkdAdversary> adversary = DynamicCast<SmkdAdversary>(node->GetApplication(i));
            if (adversary && adversary->GetLoot(m_group, spi))
            {
                holds = true;
                authorized = false; // whatever the node may hold, the loot is stolen
            }
        }
        if (!holds)
        {
            continue;
        }
        ++e.holders;
        if (authorized)
        {
            ++e.authorized;
        }
        else
        {
            ++e.unauthorized;
            e.unauthorizedIds.push_back(node->GetId());
        }
    }
    ++e.holders; // the reference itself
    ++e.authorized;
    e.exposedMembers = compromisedHolds ? membersHolding : 0;
    return e;
}

const std::vector<SmkdConfinementEpoch>&
SmkdConfinementAudit::GetEpochs() const
{
    return m_epochs;
}

uint32_t
SmkdConfinementAudit::GetUnauthorizedHolders() const
{
    return static_cast<uint32_t>(m_leaked.size());
}

uint32_t
SmkdConfinementAudit::GetExposedMembers() const
{
    uint32_t most = 0;
    for (const SmkdConfinementEpoch& e : m_epochs)
    {
        most = std::max(most, e.exposedMembers);
    }
    return most;
}

bool
SmkdConfinementAudit::IsMeasured(std::string& why) const
{
    Ptr<SmkdCryptoEngine> engine =
        m_reference ? m_reference->GetObject<SmkdCryptoEngine>() : nullptr;
    if (!engine)
    {
        why = "no key distribution in this scheme";
        return false;
    }
    Ptr<SmkdCryptoSuite> suite = engine->GetSuite();
    if (suite->IsModeled())
    {
        why = "Modeled crypto: no key protects anything, so no key can leak or be confined";
        return false;
    }
    if (suite->GetSignatureAlgorithm() == SmkdSignatureAlgorithm::RSA_PSS_2048 ||
        suite->GetSealAlgorithm() == SmkdSealAlgorithm::RSA_OAEP_2048)
    {
        why = "RSA keys come from a small pool shared between identities: any host can open "
              "what is sealed for some others";
        return false;
    }
    why.clear();
    return true;
}

void
SmkdConfinementAudit::DoDispose()
{
    Disconnect();
    m_nodes = NodeContainer();
    m_reference = nullptr;
    Object::DoDispose();
}

} // namespace ns3
