/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-helper.h"

#include "ns3/abort.h"
#include "ns3/cbt-routing-protocol.h"
#include "ns3/igmp-host.h"
#include "ns3/igmp-router.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/smkd-acl-submission.h"

namespace ns3
{

namespace
{

/// One seed for the run: the simulator's seed and run number together.
uint64_t
RunSeed()
{
    return (uint64_t(RngSeedManager::GetSeed()) << 32) ^ uint64_t(RngSeedManager::GetRun());
}

} // namespace

SmkdHelper::SmkdHelper()
    : m_directory(CreateObject<SmkdKeyDirectory>()),
      m_costs(CreateObject<SmkdCryptoCostTable>())
{
    m_directory->CreateSuiteFromAttributes(RunSeed());
}

SmkdHelper::SmkdHelper(SmkdSignatureAlgorithm signature,
                       SmkdSealAlgorithm seal,
                       SmkdCryptoMode mode)
    : m_directory(CreateObject<SmkdKeyDirectory>()),
      m_costs(CreateObject<SmkdCryptoCostTable>())
{
    m_directory->SetSuite(Create<SmkdCryptoSuite>(signature, seal, mode, RunSeed()));
}

Ptr<SmkdKeyDirectory>
SmkdHelper::GetDirectory() const
{
    return m_directory;
}

Ptr<SmkdCryptoCostTable>
SmkdHelper::GetCosts() const
{
    return m_costs;
}

void
SmkdHelper::InstallNodes(NodeContainer nodes, SmkdRole role) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        m_directory->Register(*it, role);
        if (!(*it)->GetObject<SmkdCryptoEngine>())
        {
            Ptr<SmkdCryptoEngine> engine = CreateObject<SmkdCryptoEngine>();
            (*it)->AggregateObject(engine);
            engine->Setup(m_directory, m_costs);
        }
    }
}

void
SmkdHelper::AddSecureGroups(Ipv4Address prefix, Ipv4Mask mask)
{
    m_secureGroups.emplace_back(prefix, mask);
}

void
SmkdHelper::SetCoreMap(Ptr<CbtCoreMap> cores)
{
    m_cores = cores;
}

void
SmkdHelper::InstallGkdc(NodeContainer routers) const
{
    InstallNodes(routers, SmkdRole::ROUTER);
    for (auto it = routers.Begin(); it != routers.End(); ++it)
    {
        Ptr<Node> node = *it;
        if (node->GetObject<SmkdGkdc>())
        {
            continue;
        }
        Ptr<SmkdGkdc> gkdc = CreateObject<SmkdGkdc>();
        gkdc->CheckTimers(); // before the run: see CbtHelper::Create
        node->AggregateObject(gkdc);
        for (const auto& [prefix, mask] : m_secureGroups)
        {
            gkdc->AddSecureGroups(prefix, mask);
        }
        // Raw-pointer callbacks: these objects live and die with the node.
        if (Ptr<CbtRoutingProtocol> cbt = node->GetObject<CbtRoutingProtocol>())
        {
            cbt->SetSecureJoinHandler(MakeCallback(&SmkdGkdc::HandleCbtMessage, PeekPointer(gkdc)),
                                      MakeCallback(&SmkdGkdc::IsSecureGroup, PeekPointer(gkdc)));
            cbt->SetSecureRejoin(MakeCallback(&SmkdGkdc::Rejoin, PeekPointer(gkdc)));
        }
        if (Ptr<IgmpRouter> igmp = node->GetObject<IgmpRouter>())
        {
            igmp->SetSecureJoinCallback(MakeCallback(&SmkdGkdc::HostJoin, PeekPointer(gkdc)));
        }
    }
}

void
SmkdHelper::InstallHosts(NodeContainer hosts) const
{
    NS_ABORT_MSG_UNLESS(m_cores, "SmkdHelper::InstallHosts: call SetCoreMap first");
    InstallNodes(hosts);
    for (auto it = hosts.Begin(); it != hosts.End(); ++it)
    {
        NS_ABORT_MSG_UNLESS((*it)->GetObject<IgmpHost>(),
                            "SmkdHelper::InstallHosts: node " << (*it)->GetId()
                                                              << " has no IgmpHost");
        if (!(*it)->GetObject<SmkdHostAgent>())
        {
            Ptr<SmkdHostAgent> agent = CreateObject<SmkdHostAgent>();
            agent->SetCoreMap(m_cores);
            (*it)->AggregateObject(agent);
        }
    }
}

Ptr<SmkdGroupInitiator>
SmkdHelper::InstallInitiator(Ptr<Node> node,
                             const SmkdAccessList& acl,
                             Ipv4Address primaryCore,
                             Time start) const
{
    InstallNodes(NodeContainer(node));
    // RFC 1949 §6.1 lets "the initiator" create the group; which host that
    // is, is configuration the primary core trusts, not a claim in the list.
    m_directory->CertifyInitiator(acl.GetGroup(), smkd::FirstAddress(node->GetObject<Ipv4>()));
    Ptr<SmkdGroupInitiator> app = CreateObject<SmkdGroupInitiator>();
    app->SetAttribute("Group", Ipv4AddressValue(acl.GetGroup()));
    app->SetAttribute("PrimaryCore", Ipv4AddressValue(primaryCore));
    app->SetAccessList(acl);
    app->SetStartTime(start);
    node->AddApplication(app);
    return app;
}

} // namespace ns3
