/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-helper.h"

#include "ns3/rng-seed-manager.h"

namespace ns3
{

SmkdHelper::SmkdHelper(SmkdSignatureAlgorithm signature,
                       SmkdSealAlgorithm seal,
                       SmkdCryptoMode mode)
    : m_directory(CreateObject<SmkdKeyDirectory>()),
      m_costs(CreateObject<SmkdCryptoCostTable>())
{
    // One seed for the run: the simulator's seed and run number together.
    const uint64_t seed =
        (uint64_t(RngSeedManager::GetSeed()) << 32) ^ uint64_t(RngSeedManager::GetRun());
    m_directory->SetSuite(Create<SmkdCryptoSuite>(signature, seal, mode, seed));
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
SmkdHelper::InstallNodes(NodeContainer nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        m_directory->Register(*it);
        if (!(*it)->GetObject<SmkdCryptoEngine>())
        {
            Ptr<SmkdCryptoEngine> engine = CreateObject<SmkdCryptoEngine>();
            (*it)->AggregateObject(engine);
            engine->Setup(m_directory, m_costs);
        }
    }
}

void
SmkdHelper::InstallGkdc(NodeContainer routers) const
{
    InstallNodes(routers);
    for (auto it = routers.Begin(); it != routers.End(); ++it)
    {
        if (!(*it)->GetObject<SmkdGkdc>())
        {
            (*it)->AggregateObject(CreateObject<SmkdGkdc>());
        }
    }
}

Ptr<SmkdGroupInitiator>
SmkdHelper::InstallInitiator(Ptr<Node> node,
                             const SmkdAccessList& acl,
                             Ipv4Address primaryCore,
                             Time start) const
{
    Ptr<SmkdGroupInitiator> app = CreateObject<SmkdGroupInitiator>();
    app->SetAttribute("Group", Ipv4AddressValue(acl.GetGroup()));
    app->SetAttribute("PrimaryCore", Ipv4AddressValue(primaryCore));
    app->SetAccessList(acl);
    app->SetStartTime(start);
    node->AddApplication(app);
    return app;
}

} // namespace ns3
