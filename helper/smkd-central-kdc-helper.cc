/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-central-kdc-helper.h"

#include "ns3/ipv4.h"
#include "ns3/nstime.h"
#include "ns3/smkd-acl-submission.h"
#include "ns3/smkd-error.h"

#include <stdexcept>

namespace ns3
{

SmkdCentralKdcHelper::SmkdCentralKdcHelper(const SmkdHelper& smkd)
    : m_smkd(smkd)
{
    m_serverFactory.SetTypeId(SmkdCentralKdc::GetTypeId());
    m_clientFactory.SetTypeId(SmkdKdcClient::GetTypeId());
}

void
SmkdCentralKdcHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_serverFactory.Set(name, value);
}

void
SmkdCentralKdcHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_clientFactory.Set(name, value);
}

Ptr<SmkdCentralKdc>
SmkdCentralKdcHelper::InstallServer(Ptr<Node> node, Time start)
{
    if (m_kdc != Ipv4Address::GetAny())
    {
        throw std::invalid_argument("SmkdCentralKdcHelper::InstallServer: this helper's KDC is "
                                    "installed already; use one helper per KDC");
    }
    const Ipv4Address address = smkd::FirstAddress(node->GetObject<Ipv4>());
    if (address == Ipv4Address::GetAny())
    {
        throw std::invalid_argument("SmkdCentralKdcHelper::InstallServer: node " +
                                    std::to_string(node->GetId()) + " has no IPv4 address");
    }
    Ptr<SmkdCentralKdc> kdc = m_serverFactory.Create<SmkdCentralKdc>();
    kdc->CheckTimers(); // before the run, where the error can be caught
    m_smkd.InstallNodes(NodeContainer(node), SmkdRole::KDC);
    kdc->SetStartTime(start);
    node->AddApplication(kdc);
    m_kdc = address;
    m_server = kdc;
    m_clientFactory.Set("Kdc", Ipv4AddressValue(address));
    return kdc;
}

void
SmkdCentralKdcHelper::RequireServer(const char* method) const
{
    if (m_kdc == Ipv4Address::GetAny())
    {
        throw std::runtime_error(std::string("SmkdCentralKdcHelper::") + method +
                                 ": call InstallServer first");
    }
}

void
SmkdCentralKdcHelper::InstallClients(NodeContainer hosts) const
{
    RequireServer("InstallClients");
    // A member still without the next key RekeyRecoveryMargin before expiry
    // takes itself for one that missed the re-key; at or above the KDC's
    // RekeyLeadTime every member would ask again before every re-key.
    Ptr<SmkdKdcClient> probe = m_clientFactory.Create<SmkdKdcClient>();
    TimeValue margin;
    TimeValue lead;
    probe->GetAttribute("RekeyRecoveryMargin", margin);
    m_server->GetAttribute("RekeyLeadTime", lead);
    SMKD_REQUIRE(margin.Get() < lead.Get(),
                 "SmkdCentralKdcHelper::InstallClients: re-key timers: need the clients' "
                 "RekeyRecoveryMargin ("
                     << margin.Get().As(Time::S) << ") < the KDC's RekeyLeadTime ("
                     << lead.Get().As(Time::S) << ")");
    probe->Dispose();
    m_smkd.InstallNodes(hosts);
    for (auto it = hosts.Begin(); it != hosts.End(); ++it)
    {
        if (!GetClient(*it))
        {
            (*it)->AggregateObject(m_clientFactory.Create<SmkdKdcClient>());
        }
    }
}

Ptr<SmkdGroupInitiator>
SmkdCentralKdcHelper::InstallInitiator(Ptr<Node> node, const SmkdAccessList& acl, Time start) const
{
    RequireServer("InstallInitiator");
    m_smkd.InstallNodes(NodeContainer(node));
    // The KDC takes the list where a primary core would (RFC 1949 §6.1).
    return m_smkd.InstallInitiator(node, acl, m_kdc, start);
}

Ipv4Address
SmkdCentralKdcHelper::GetKdcAddress() const
{
    return m_kdc;
}

Ptr<SmkdKdcClient>
SmkdCentralKdcHelper::GetClient(Ptr<Node> node)
{
    return node->GetObject<SmkdKdcClient>();
}

} // namespace ns3
