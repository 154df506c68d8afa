/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-host-context.h"

#include "igmp-host.h"
#include "smkd-crypto-engine.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdHostContext");

SmkdHostContext::SmkdHostContext(const Object& node,
                                 SmkdHostSettings settings,
                                 SmkdHostTraces traces)
    : settings(settings),
      traces(traces),
      m_node(node)
{
}

Ptr<SmkdCryptoEngine>
SmkdHostContext::Engine() const
{
    return m_node.GetObject<SmkdCryptoEngine>();
}

Ptr<Ipv4>
SmkdHostContext::Ip() const
{
    return m_node.GetObject<Ipv4>();
}

Ptr<IgmpHost>
SmkdHostContext::Igmp() const
{
    return m_node.GetObject<IgmpHost>();
}

Ipv4Address
SmkdHostContext::PrimaryCore(Ipv4Address group) const
{
    const std::vector<Ipv4Address> list =
        cores ? cores->GetCores(group) : std::vector<Ipv4Address>{};
    return list.empty() ? Ipv4Address::GetAny() : list.front();
}

bool
SmkdHostContext::IsJoined(Ipv4Address group) const
{
    return interfaces.count(group) > 0;
}

void
SmkdHostContext::DropKeyMessage(const std::string& why)
{
    ++droppedKeyMessages;
    NS_LOG_INFO("dropped a key message: " << why);
}

} // namespace ns3
