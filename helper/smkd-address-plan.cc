/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-address-plan.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/node.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdAddressPlan");

namespace
{

constexpr uint32_t LINK_SUBNET = 4;      //!< a /30
constexpr uint32_t MIN_LAN_SUBNET = 256; //!< a /24

/// Addresses in a block of \p mask, checking that \p base is its network address.
uint32_t
BlockSize(Ipv4Address base, Ipv4Mask mask, uint32_t smallest, const char* what)
{
    const uint32_t size = mask.GetInverse() + 1; // 0 for a /0: refused below
    std::ostringstream os;
    os << what << " " << base << "/" << mask.GetPrefixLength();
    if (size == 0 || size < smallest)
    {
        throw std::invalid_argument(os.str() + ": prefix out of range");
    }
    if ((base.Get() & ~mask.Get()) != 0)
    {
        throw std::invalid_argument(os.str() + ": not the network address of the prefix");
    }
    return size;
}

} // namespace

SmkdAddressPlan::SmkdAddressPlan()
    : m_linkBase(Ipv4Address("10.0.0.0").Get()),
      m_linkSize(1u << 24),
      m_lanBase(Ipv4Address("11.0.0.0").Get()),
      m_lanBlockSize(1u << 24),
      m_lanSubnet(MIN_LAN_SUBNET)
{
}

void
SmkdAddressPlan::SetLinkBlock(Ipv4Address base, Ipv4Mask mask)
{
    m_linkSize = BlockSize(base, mask, LINK_SUBNET, "link block");
    m_linkBase = base.Get();
}

void
SmkdAddressPlan::SetLanBlock(Ipv4Address base, Ipv4Mask mask)
{
    m_lanBlockSize = BlockSize(base, mask, MIN_LAN_SUBNET, "LAN block");
    m_lanBase = base.Get();
}

void
SmkdAddressPlan::SetLanHosts(uint32_t hosts)
{
    // Network and broadcast addresses, the router, the hosts.
    const uint64_t needed = static_cast<uint64_t>(hosts) + 3;
    uint64_t size = MIN_LAN_SUBNET;
    while (size < needed)
    {
        size *= 2;
    }
    if (size > m_lanBlockSize)
    {
        std::ostringstream os;
        os << "a LAN of " << hosts << " hosts needs " << size << " addresses; the LAN block "
           << Ipv4Address(m_lanBase) << " has " << m_lanBlockSize;
        throw std::runtime_error(os.str());
    }
    m_lanSubnet = static_cast<uint32_t>(size);
}

uint32_t
SmkdAddressPlan::GetLinkCapacity() const
{
    return m_linkSize / LINK_SUBNET;
}

uint32_t
SmkdAddressPlan::GetLanCapacity() const
{
    return m_lanBlockSize / m_lanSubnet;
}

void
SmkdAddressPlan::CheckCapacity(uint64_t links, uint64_t lans) const
{
    std::ostringstream os;
    if (links > GetLinkCapacity())
    {
        os << "link block " << Ipv4Address(m_linkBase) << " holds " << GetLinkCapacity()
           << " point-to-point /30s; the network needs " << links;
        throw std::runtime_error(os.str());
    }
    if (lans > GetLanCapacity())
    {
        os << "LAN block " << Ipv4Address(m_lanBase) << " holds " << GetLanCapacity() << " LANs of "
           << m_lanSubnet << " addresses; the network needs " << lans;
        throw std::runtime_error(os.str());
    }
}

Ipv4Address
SmkdAddressPlan::GetLinkAddress(uint32_t link, uint32_t end) const
{
    if (link >= GetLinkCapacity() || end > 1)
    {
        throw std::invalid_argument("SmkdAddressPlan: link " + std::to_string(link) + " end " +
                                    std::to_string(end) + " is outside the link block");
    }
    return Ipv4Address(m_linkBase + LINK_SUBNET * link + 1 + end);
}

Ipv4Mask
SmkdAddressPlan::GetLinkMask() const
{
    return Ipv4Mask(~(LINK_SUBNET - 1));
}

Ipv4Address
SmkdAddressPlan::GetLinkBase() const
{
    return Ipv4Address(m_linkBase);
}

Ipv4Address
SmkdAddressPlan::GetLanAddress(uint32_t lan, uint32_t member) const
{
    if (lan >= GetLanCapacity() || member > m_lanSubnet - 3)
    {
        throw std::invalid_argument("SmkdAddressPlan: LAN " + std::to_string(lan) + " member " +
                                    std::to_string(member) + " is outside the LAN block");
    }
    return Ipv4Address(m_lanBase + m_lanSubnet * lan + 1 + member);
}

Ipv4Mask
SmkdAddressPlan::GetLanMask() const
{
    return Ipv4Mask(~(m_lanSubnet - 1));
}

Ipv4Address
SmkdAddressPlan::GetLanBase() const
{
    return Ipv4Address(m_lanBase);
}

uint32_t
SmkdAddressPlan::Assign(Ptr<NetDevice> device,
                        Ipv4Address address,
                        Ipv4Mask mask,
                        bool installQueueDisc)
{
    Ptr<Node> node = device->GetNode();
    Ptr<Ipv4> ipv4 = node ? node->GetObject<Ipv4>() : nullptr;
    if (!ipv4)
    {
        throw std::runtime_error(
            "SmkdAddressPlan::Assign: the device's node has no internet stack");
    }
    int32_t interface = ipv4->GetInterfaceForDevice(device);
    if (interface < 0)
    {
        interface = static_cast<int32_t>(ipv4->AddInterface(device));
    }
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(address, mask));
    ipv4->SetMetric(interface, 1);
    ipv4->SetUp(interface);
    // The same default traffic control as Ipv4AddressHelper::Assign installs,
    // so that networks built either way queue alike.
    Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
    if (installQueueDisc && tc && !tc->GetRootQueueDiscOnDevice(device))
    {
        if (Ptr<NetDeviceQueueInterface> ndqi = device->GetObject<NetDeviceQueueInterface>())
        {
            TrafficControlHelper::Default(ndqi->GetNTxQueues()).Install(device);
        }
    }
    return static_cast<uint32_t>(interface);
}

} // namespace ns3
