/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-scenario.h"

#include "smkd-central-kdc-helper.h"
#include "smkd-json-writer.h"
#include "smkd-membership-schedule.h"
#include "smkd-network-builder.h"
#include "smkd-placement.h"
#include "smkd-scenario-adversaries.h"
#include "smkd-scenario-layout.h"
#include "smkd-statistics-collector.h"
#include "smkd-topology-generator.h"
#include "smkd-topology-reader.h"
#include "smkd-tree-routing-helper.h"

#include "ns3/boolean.h"
#include "ns3/cbt-helper.h"
#include "ns3/channel.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/igmp-helper.h"
#include "ns3/igmp-host.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/show-progress.h"
#include "ns3/simulator.h"
#include "ns3/smkd-central-kdc.h"
#include "ns3/smkd-helper.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdScenario");

namespace
{

const Ipv4Address GROUP("232.19.49.1");
const Ipv4Mask HOST_MASK("255.255.255.255");
const uint16_t DATA_PORT = 9000;
const uint32_t PROBE_BYTES = 32;

using Layout = SmkdScenarioLayout;

/// A delivery probe: a marker byte, then the sequence number (big-endian), in PROBE_BYTES.
const uint8_t PROBE_MARKER = 0xd1;

Ptr<Packet>
DeliveryProbe(uint64_t seq)
{
    uint8_t bytes[PROBE_BYTES] = {PROBE_MARKER};
    for (int i = 0; i < 8; ++i)
    {
        bytes[1 + i] = static_cast<uint8_t>(seq >> (56 - 8 * i));
    }
    return Create<Packet>(bytes, PROBE_BYTES);
}

/// \return whether \p p is a delivery probe; its number in \p seq
bool
ReadDeliveryProbe(Ptr<const Packet> p, uint64_t& seq)
{
    uint8_t bytes[PROBE_BYTES] = {};
    if (p->GetSize() != PROBE_BYTES || p->CopyData(bytes, PROBE_BYTES) != PROBE_BYTES ||
        bytes[0] != PROBE_MARKER)
    {
        return false; // the "cbt" scheme's join probes are all zeros
    }
    seq = 0;
    for (int i = 0; i < 8; ++i)
    {
        seq = (seq << 8) | bytes[1 + i];
    }
    return true;
}

/// Smallest depth whose k-ary tree has at least \p routers routers.
uint32_t
KaryDepth(uint32_t arity, uint32_t routers)
{
    uint64_t total = 1;
    uint64_t level = 1;
    uint32_t depth = 0;
    while (total < routers)
    {
        level *= arity;
        total += level;
        ++depth;
    }
    return depth;
}

Ptr<SmkdTopologyGenerator>
MakeGenerator(const std::string& name, uint32_t routers)
{
    if (name == "kary")
    {
        const uint32_t arity = 3;
        Ptr<SmkdKaryTreeGenerator> g = CreateObject<SmkdKaryTreeGenerator>();
        g->SetAttribute("Arity", UintegerValue(arity));
        g->SetAttribute("Depth", UintegerValue(KaryDepth(arity, routers)));
        return g;
    }
    if (name == "grid")
    {
        const auto width = static_cast<uint32_t>(std::ceil(std::sqrt(double(routers))));
        Ptr<SmkdGridGenerator> g = CreateObject<SmkdGridGenerator>();
        g->SetAttribute("Width", UintegerValue(width));
        g->SetAttribute("Height", UintegerValue((routers + width - 1) / width));
        return g;
    }
    if (name == "waxman")
    {
        Ptr<SmkdWaxmanGenerator> g = CreateObject<SmkdWaxmanGenerator>();
        g->SetAttribute("Routers", UintegerValue(routers));
        return g;
    }
    if (name == "ba")
    {
        Ptr<SmkdBarabasiAlbertGenerator> g = CreateObject<SmkdBarabasiAlbertGenerator>();
        g->SetAttribute("Routers", UintegerValue(routers));
        return g;
    }
    if (name == "transit-stub")
    {
        // 2 transit domains of 4 routers, 2 stubs per transit router: 8 (1 + 2 R) routers.
        Ptr<SmkdTransitStubGenerator> g = CreateObject<SmkdTransitStubGenerator>();
        const uint32_t perStub = std::max<uint32_t>(1, (routers / 8 + 1) / 2);
        g->SetAttribute("RoutersPerStub", UintegerValue(perStub));
        return g;
    }
    throw std::invalid_argument("unknown generator '" + name +
                                "' (expected kary, grid, waxman, ba or transit-stub)");
}

/// A string attribute default of ns3::SmkdKeyDirectory (as set by Config::SetDefault).
std::string
KeyDirectoryDefault(const std::string& attribute)
{
    TypeId::AttributeInformation info;
    if (!TypeId::LookupByName("ns3::SmkdKeyDirectory").LookupAttributeByName(attribute, &info))
    {
        return "";
    }
    return info.initialValue->SerializeToString(info.checker);
}

/**
 * \param c a configuration
 * \return \p c with the key timers that follow a given keyLifetime filled
 * in: without rekeyLead, min(60 s, lifetime / 4); without recoveryMargin,
 * min(30 s, lead / 2) (RFC 1949 §6.1 gives no numbers; these keep the
 * attribute defaults' proportions for short test lifetimes)
 */
SmkdScenarioConfig
WithDerivedKeyTimers(SmkdScenarioConfig c)
{
    if (c.keyLifetime.IsStrictlyPositive())
    {
        if (!c.rekeyLead.IsStrictlyPositive())
        {
            c.rekeyLead = std::min(Seconds(60), c.keyLifetime / 4);
        }
        if (!c.recoveryMargin.IsStrictlyPositive())
        {
            c.recoveryMargin = std::min(Seconds(30), c.rekeyLead / 2);
        }
    }
    return c;
}

/**
 * \brief Give \p object the configuration's key timers that are set (not 0).
 * \param object an SmkdGkdc, SmkdCentralKdc, SmkdHostAgent or KDC client
 * \param c the configuration
 * \param server true for a GKDC or KDC (lifetime and lead), false for a member
 */
void
SetKeyTimers(Ptr<Object> object, const SmkdScenarioConfig& config, bool server)
{
    const SmkdScenarioConfig c = WithDerivedKeyTimers(config);
    const auto set = [&object](const char* name, Time t) {
        if (t.IsStrictlyPositive())
        {
            object->SetAttribute(name, TimeValue(t));
        }
    };
    if (server)
    {
        set("KeyLifetime", c.keyLifetime);
        set("RekeyLeadTime", c.rekeyLead);
    }
    else
    {
        set("OldKeyGrace", c.keyGrace);
    }
    // The GKDC's margin: a GKDC that missed a re-key; the KDC has none.
    if (!server || object->GetInstanceTypeId() == SmkdGkdc::GetTypeId())
    {
        set("RekeyRecoveryMargin", c.recoveryMargin);
    }
}

} // namespace

SmkdScenario::SmkdScenario(const SmkdScenarioConfig& config)
    : m_config(config)
{
}

const std::vector<std::string>&
SmkdScenario::GetSchemes()
{
    static const std::vector<std::string> schemes{"cbt", "rfc1949", "strict", "kdc"};
    return schemes;
}

void
SmkdScenario::Validate(const std::string& scheme) const
{
    const std::vector<std::string>& schemes = GetSchemes();
    if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end())
    {
        throw std::invalid_argument("unknown scheme '" + scheme +
                                    "' (expected cbt, rfc1949, strict or kdc)");
    }
    if (m_config.hostsPerLan < 2)
    {
        throw std::invalid_argument("hostsPerLan must be at least 2 (the primary core's LAN "
                                    "holds the KDC host and the initiator)");
    }
    if (m_config.members == 0)
    {
        throw std::invalid_argument("members must be at least 1");
    }
    if (m_config.cores == 0)
    {
        throw std::invalid_argument("cores must be at least 1");
    }
    const bool given = SmkdPlacement::ParseCoreStrategy(m_config.corePlacement) ==
                       SmkdPlacement::CoreStrategy::GIVEN;
    if (given == m_config.coreRouters.empty())
    {
        throw std::invalid_argument(given ? "corePlacement 'given' needs coreRouters"
                                          : "coreRouters need corePlacement 'given'");
    }
    if (m_config.acl != "inclusion" && m_config.acl != "exclusion")
    {
        throw std::invalid_argument("unknown access list mode '" + m_config.acl +
                                    "' (expected inclusion or exclusion)");
    }
    if (m_config.acl == "inclusion" && m_config.members > kMaxListedMembers && scheme != "cbt")
    {
        throw std::invalid_argument(
            "an inclusion access list holds at most " + std::to_string(kMaxListedMembers) +
            " members (" + std::to_string(m_config.members) + " asked): use the exclusion list");
    }
    if (m_config.topologyFile.empty())
    {
        MakeGenerator(m_config.generator, m_config.routers);
    }
    MakeSchedule(); // checks the membership fields
    if (!m_config.dataInterval.IsStrictlyPositive())
    {
        throw std::invalid_argument("dataInterval must be positive");
    }
    if (m_config.probeInterval.IsStrictlyNegative())
    {
        throw std::invalid_argument("probeInterval must not be negative");
    }
    if (m_config.joinWindow.IsStrictlyNegative() || m_config.joinStart < m_config.aclAt)
    {
        throw std::invalid_argument("joins must start after the access list (joinStart >= "
                                    "aclAt) over a non-negative joinWindow");
    }
    for (const Time t :
         {m_config.keyLifetime, m_config.rekeyLead, m_config.recoveryMargin, m_config.keyGrace})
    {
        if (t.IsStrictlyNegative())
        {
            throw std::invalid_argument("key timers must not be negative");
        }
    }
    if (m_config.exclusions > 0)
    {
        const Time stop = m_config.joinStart + m_config.joinWindow + m_config.settle;
        if (m_config.exclusions >= m_config.members)
        {
            throw std::invalid_argument(
                "exclusions must leave members: " + std::to_string(m_config.exclusions) + " of " +
                std::to_string(m_config.members));
        }
        if (m_config.exclusionAt < m_config.joinStart ||
            m_config.exclusionAt + m_config.exclusionWindow > stop ||
            !m_config.exclusionWindow.IsStrictlyPositive())
        {
            throw std::invalid_argument(
                "exclusionAt must lie after joinStart, with exclusionWindow (positive) "
                "ending before the run does (joinStart + joinWindow + settle)");
        }
    }
    if (!m_config.exclusionStrategy.empty())
    {
        bool known = false;
        for (auto s : {SmkdExclusionStrategy::NEW_GROUP,
                       SmkdExclusionStrategy::CORE_UNICAST,
                       SmkdExclusionStrategy::SUBTREE_GKDC,
                       SmkdExclusionStrategy::LKH})
        {
            known = known || m_config.exclusionStrategy == SmkdExclusionStrategyName(s);
        }
        if (!known)
        {
            throw std::invalid_argument("unknown exclusionStrategy '" + m_config.exclusionStrategy +
                                        "' (NewGroup, CoreUnicast, SubtreeGkdc or Lkh)");
        }
    }
    // The timers as every scheme will have them: the GKDC's check names them
    // (whole-second lifetime, margin < lead < lifetime); the KDC's is the same.
    Ptr<SmkdGkdc> probe = CreateObject<SmkdGkdc>();
    SetKeyTimers(probe, m_config, true);
    probe->CheckTimers();
    probe->Dispose();
}

SmkdMembershipSchedule
SmkdScenario::MakeSchedule() const
{
    SmkdMembershipSchedule schedule;
    schedule.SetPattern(SmkdMembershipSchedule::ParsePattern(m_config.joinPattern),
                        m_config.joinStart,
                        m_config.joinWindow);
    schedule.SetFlashCrowd(m_config.flashFraction, m_config.flashDuration);
    schedule.SetChurn(m_config.meanMembership, m_config.meanAbsence);
    return schedule;
}

const SmkdTopology&
SmkdScenario::GetTopology()
{
    if (!m_haveTopology)
    {
        if (!m_config.topologyFile.empty())
        {
            m_topology = SmkdTopologyReader::Read(m_config.topologyFile);
        }
        else
        {
            Ptr<SmkdTopologyGenerator> g = MakeGenerator(m_config.generator, m_config.routers);
            g->AssignStreams(Layout::TOPOLOGY_STREAM);
            m_topology = g->Generate();
        }
        m_haveTopology = true;
    }
    return m_topology;
}

SmkdStatisticsResults
SmkdScenario::Run(const std::string& scheme)
{
    Validate(scheme);
    for (const SmkdFailure& f : m_config.failures)
    {
        SmkdFailureInjector::Validate(f, GetTopology());
    }
    try
    {
        return Simulate(scheme);
    }
    catch (...)
    {
        // Whatever was built must not leak into the next run of this process.
        Simulator::Destroy();
        throw;
    }
}

namespace
{

/// \return the router on \p host's LAN and its interface there (nullptr when none)
std::pair<Ptr<CbtRoutingProtocol>, uint32_t>
MemberLan(Ptr<Node> host)
{
    Ptr<Ipv4> ip = host->GetObject<Ipv4>();
    Ptr<Channel> lan = ip && ip->GetNInterfaces() > 1 ? ip->GetNetDevice(1)->GetChannel() : nullptr;
    for (std::size_t d = 0; lan && d < lan->GetNDevices(); ++d)
    {
        Ptr<NetDevice> device = lan->GetDevice(d);
        if (Ptr<CbtRoutingProtocol> cbt = device->GetNode()->GetObject<CbtRoutingProtocol>())
        {
            const int32_t interface =
                device->GetNode()->GetObject<Ipv4>()->GetInterfaceForDevice(device);
            return {cbt, static_cast<uint32_t>(interface)};
        }
    }
    return {nullptr, 0};
}

/// \return true when \p cbt is on the group's tree with \p interface as a child
bool
LanOnTree(Ptr<CbtRoutingProtocol> cbt, uint32_t interface)
{
    const CbtForwardingEntry* entry = cbt->GetForwardingCache().Find(GROUP);
    return entry && entry->children.count(interface) > 0;
}

std::string
SecondsText(Time t)
{
    return SmkdFormatNumber(t.GetSeconds());
}

template <typename T, typename F>
std::string
Joined(const std::vector<T>& items, F text)
{
    std::string out;
    for (const T& item : items)
    {
        out += (out.empty() ? "" : ",") + text(item);
    }
    return out;
}

} // namespace

std::map<std::string, std::string>
SmkdDescribe(const SmkdScenarioConfig& c)
{
#if defined(__GLIBCXX__) && defined(__x86_64__)
    // A field added to SmkdScenarioConfig changes its size: describe it below.
    static_assert(sizeof(SmkdScenarioConfig) == 464,
                  "SmkdScenarioConfig changed: add the new field to SmkdDescribe");
#endif
    return {
        {"topologyFile", c.topologyFile},
        {"generator", c.generator},
        {"routers", std::to_string(c.routers)},
        {"members", std::to_string(c.members)},
        {"hostsPerLan", std::to_string(c.hostsPerLan)},
        {"cores", std::to_string(c.cores)},
        {"corePlacement", c.corePlacement},
        {"coreRouters", Joined(c.coreRouters, [](const std::string& s) { return s; })},
        {"aclAt", SecondsText(c.aclAt)},
        {"joinStart", SecondsText(c.joinStart)},
        {"joinWindow", SecondsText(c.joinWindow)},
        {"joinPattern", c.joinPattern},
        {"flashFraction", SmkdFormatNumber(c.flashFraction)},
        {"flashDuration", SecondsText(c.flashDuration)},
        {"meanMembership", SecondsText(c.meanMembership)},
        {"meanAbsence", SecondsText(c.meanAbsence)},
        {"failures", Joined(c.failures, [](const SmkdFailure& f) { return f.Describe(); })},
        {"adversaries",
         Joined(c.adversaries, [](const SmkdAdversarySpec& a) { return a.ToString(); })},
        {"settle", SecondsText(c.settle)},
        {"dataInterval", SecondsText(c.dataInterval)},
        {"probeInterval", SecondsText(c.probeInterval)},
        {"queueDiscs", c.queueDiscs ? "true" : "false"},
        {"progressInterval", SecondsText(c.progressInterval)},
        {"acl", c.acl},
        {"outDir", c.outDir},
        {"keyLifetime", SecondsText(c.keyLifetime)},
        {"rekeyLead", SecondsText(c.rekeyLead)},
        {"recoveryMargin", SecondsText(c.recoveryMargin)},
        {"keyGrace", SecondsText(c.keyGrace)},
        {"exclusions", std::to_string(c.exclusions)},
        {"exclusionAt", SecondsText(c.exclusionAt)},
        {"exclusionStrategy", c.exclusionStrategy},
        {"exclusionWindow", SecondsText(c.exclusionWindow)},
    };
}

SmkdStatisticsResults
SmkdScenario::Simulate(const std::string& scheme)
{
    const auto wallStart = std::chrono::steady_clock::now();
    const SmkdTopology& topology = GetTopology();
    const SmkdScenarioConfig& c = m_config;
    SmkdScenarioAdversaries adversaries(c.adversaries);
    const uint32_t hosts = c.members + 2 + adversaries.ExtraHosts();
    const uint32_t lans = (hosts + c.hostsPerLan - 1) / c.hostsPerLan;
    const uint32_t nCores = c.coreRouters.empty() ? c.cores : c.coreRouters.size();
    if (lans > topology.GetNRouters() || nCores > topology.GetNRouters())
    {
        throw std::invalid_argument(
            std::to_string(c.members) + " members in LANs of " + std::to_string(c.hostsPerLan) +
            " need " + std::to_string(lans) + " routers with hosts and " + std::to_string(nCores) +
            " cores; the topology has " + std::to_string(topology.GetNRouters()) + " routers");
    }

    // Placement: cores, then the routers with member LANs (the primary
    // core's first, then uniformly random others).
    Ptr<SmkdPlacement> placement = CreateObject<SmkdPlacement>();
    placement->AssignStreams(Layout::PLACEMENT_STREAM);
    const SmkdPlacement::CoreStrategy coreStrategy =
        SmkdPlacement::ParseCoreStrategy(c.corePlacement);
    const bool given = coreStrategy == SmkdPlacement::CoreStrategy::GIVEN;
    const std::vector<uint32_t> cores =
        placement->PlaceCores(topology, coreStrategy, given ? 0 : c.cores, c.coreRouters);
    const uint32_t primary = cores[0];
    const std::vector<uint32_t> hostRouters =
        Layout::ChooseHostRouters(topology, placement, primary, lans);

    CbtHelper cbt;
    SmkdTreeRoutingHelper tree;
    IgmpHelper igmp;
    igmp.SetIpv6StackInstall(false);
    InternetStackHelper routerStack = cbt.RouterStack(tree);
    routerStack.SetIpv6StackInstall(false);
    SmkdNetworkBuilder builder;
    builder.SetRouterStack(routerStack);
    builder.SetIgmp(igmp);
    builder.SetInstallQueueDiscs(c.queueDiscs);
    const SmkdNetwork net = builder.Build(topology, hostRouters, c.hostsPerLan);

    const Layout::Roles roles =
        Layout::AssignRoles(net, hostRouters, c.members, adversaries.ExtraHosts());
    Ptr<Node> kdcHost = roles.kdcHost;
    Ptr<Node> initiator = roles.initiator;
    const NodeContainer& members = roles.members;

    NodeContainer anchors = net.GetRouters(cores);
    anchors.Add(kdcHost);
    anchors.Add(initiator);
    tree.Populate(net.GetRouters(), anchors);
    std::vector<Ipv4Address> coreAddresses;
    for (uint32_t r : cores)
    {
        coreAddresses.push_back(CbtHelper::PrimaryAddress(net.GetRouter(r)));
    }
    cbt.AddCores(GROUP, HOST_MASK, coreAddresses);
    // Fixed streams for every protocol's randomness (timer jitter, CSMA
    // backoff): ns-3's automatic stream numbers keep counting across runs in
    // one process, so without this a second run of the same seed would differ.
    NodeContainer all(net.GetRouters(), net.GetHosts());
    int64_t stream = Layout::PROTOCOL_STREAMS;
    stream += CbtHelper::AssignStreams(net.GetRouters(), stream);
    stream += IgmpHelper::AssignStreams(all, stream);
    stream += routerStack.AssignStreams(all, stream);
    Layout::AssignDeviceStreams(all, stream);

    Ptr<SmkdStatisticsCollector> stats = CreateObject<SmkdStatisticsCollector>();
    stats->SetScheme(scheme);
    stats->SetConfiguration(SmkdDescribe(c));
    if (!c.topologyFile.empty())
    {
        stats->SetTopologyFile(c.topologyFile);
    }
    stats->SetParameter("topology", topology.GetSource());
    stats->SetParameter("routers", std::to_string(topology.GetNRouters()));
    stats->SetParameter("links", std::to_string(topology.GetNLinks()));
    stats->SetParameter("members", std::to_string(members.GetN()));
    stats->SetParameter("hostsPerLan", std::to_string(c.hostsPerLan));
    stats->SetParameter("cores", std::to_string(cores.size()));
    stats->SetParameter("corePlacement", c.corePlacement);
    stats->SetParameter("acl", c.acl);
    stats->SetParameter("queueDiscs", c.queueDiscs ? "true" : "false");
    stats->SetParameter("joinWindow", std::to_string(c.joinWindow.GetSeconds()));
    const bool secure = scheme != "cbt";
    if (secure)
    {
        stats->SetParameter("signature", KeyDirectoryDefault("SignatureAlgorithm"));
        stats->SetParameter("seal", KeyDirectoryDefault("SealAlgorithm"));
    }
    else
    {
        stats->SetCryptoMode("none");
    }

    const bool inclusion = c.acl == "inclusion";
    SmkdAccessList acl(GROUP,
                       SmkdAccessList::Kind::GROUP_MEMBERS,
                       inclusion ? SmkdAccessList::Mode::INCLUSION
                                 : SmkdAccessList::Mode::EXCLUSION,
                       CbtHelper::PrimaryAddress(initiator));
    for (auto it = members.Begin(); inclusion && it != members.End(); ++it)
    {
        acl.Add(CbtHelper::PrimaryAddress(*it));
    }

    // The scheme's key distribution.
    SmkdHelper smkd;
    uint32_t primaryNode = net.GetRouter(primary)->GetId();
    if (scheme == "rfc1949" || scheme == "strict")
    {
        smkd.AddSecureGroups(GROUP, HOST_MASK);
        smkd.SetCoreMap(cbt.GetCoreMap());
        smkd.InstallGkdc(net.GetRouters());
        for (auto it = net.GetRouters().Begin(); it != net.GetRouters().End(); ++it)
        {
            SetKeyTimers((*it)->GetObject<SmkdGkdc>(), c, true);
            if (!c.exclusionStrategy.empty())
            {
                (*it)->GetObject<SmkdGkdc>()->SetAttribute("ExclusionStrategy",
                                                           StringValue(c.exclusionStrategy));
            }
        }
        if (scheme == "strict")
        {
            for (auto it = net.GetRouters().Begin(); it != net.GetRouters().End(); ++it)
            {
                (*it)->GetObject<SmkdGkdc>()->SetAttribute("StrictCoreOnly", BooleanValue(true));
            }
        }
        smkd.InstallHosts(net.GetHosts());
        for (auto it = net.GetHosts().Begin(); it != net.GetHosts().End(); ++it)
        {
            SetKeyTimers((*it)->GetObject<SmkdHostAgent>(), c, false);
        }
        smkd.InstallInitiator(initiator, acl, coreAddresses[0], c.aclAt);
    }
    else if (scheme == "kdc")
    {
        SmkdCentralKdcHelper kdc(smkd);
        const SmkdScenarioConfig timers = WithDerivedKeyTimers(c);
        // The same key timers as the GKDCs'.
        const auto timer = [](Time t, std::function<void(const TimeValue&)> apply) {
            if (t.IsStrictlyPositive())
            {
                apply(TimeValue(t));
            }
        };
        timer(timers.keyLifetime,
              [&kdc](const TimeValue& v) { kdc.SetServerAttribute("KeyLifetime", v); });
        timer(timers.rekeyLead,
              [&kdc](const TimeValue& v) { kdc.SetServerAttribute("RekeyLeadTime", v); });
        timer(timers.recoveryMargin,
              [&kdc](const TimeValue& v) { kdc.SetClientAttribute("RekeyRecoveryMargin", v); });
        timer(timers.keyGrace,
              [&kdc](const TimeValue& v) { kdc.SetClientAttribute("OldKeyGrace", v); });
        kdc.InstallServer(kdcHost);
        kdc.InstallClients(members);
        kdc.InstallInitiator(initiator, acl, c.aclAt);
        primaryNode = kdcHost->GetId();
    }
    stats->SetPrimaryCore(primaryNode);
    std::string adversaryList;
    for (const SmkdAdversarySpec& a : c.adversaries)
    {
        adversaryList += (adversaryList.empty() ? "" : ",") + a.ToString();
    }
    stats->SetParameter("adversaries", adversaryList);
    adversaries.Install(scheme,
                        all,
                        roles.adversaries,
                        members,
                        net.GetRouters(hostRouters),
                        scheme == "kdc" ? kdcHost : net.GetRouter(primary),
                        cbt.GetCoreMap(),
                        smkd,
                        GROUP,
                        c.joinStart + c.joinWindow);
    std::vector<uint32_t> receivers;
    for (auto it = members.Begin(); it != members.End(); ++it)
    {
        receivers.push_back((*it)->GetId());
    }
    stats->SetExpectedReceivers(receivers);
    stats->Attach(NodeContainer::GetGlobal());
    if (scheme == "kdc")
    {
        // The server sits on a host LAN but is infrastructure, not a member.
        stats->AddCryptoNode(kdcHost->GetId(), "server");
        // The KDC client is aggregated to the host, where Attach does not look.
        for (auto it = members.Begin(); it != members.End(); ++it)
        {
            const uint32_t id = (*it)->GetId();
            Ptr<SmkdKdcClient> client = SmkdCentralKdcHelper::GetClient(*it);
            client->TraceConnectWithoutContext(
                "JoinStarted",
                Callback<void, Ipv4Address>([stats, id](Ipv4Address g) {
                    stats->RecordJoinStart(id, g, Simulator::Now());
                }));
            client->TraceConnectWithoutContext(
                "KeysInstalled",
                Callback<void, Ipv4Address, Time>([stats, id](Ipv4Address g, Time latency) {
                    stats->RecordKeysInstalled(id, g, latency, Simulator::Now());
                }));
            client->TraceConnectWithoutContext(
                "RekeyInstalled",
                Callback<void, Ipv4Address, uint32_t>([stats, id](Ipv4Address g, uint32_t spi) {
                    stats->RecordRekeyInstalled(id, g, spi, Simulator::Now());
                }));
            client->TraceConnectWithoutContext(
                "Left",
                Callback<void, Ipv4Address>(
                    [stats, id](Ipv4Address g) { stats->RecordLeave(id, g); }));
            client->TraceConnectWithoutContext("JoinRefused",
                                               Callback<void, Ipv4Address, const std::string&>(
                                                   [stats, id](Ipv4Address g, const std::string&) {
                                                       stats->RecordJoinRefused(id, g);
                                                   }));
            client->TraceConnectWithoutContext(
                "SecurityBytes",
                Callback<void, const std::string&, uint32_t>(
                    [stats, id](const std::string& kind, uint32_t bytes) {
                        stats->RecordSecurityBytes(id, kind, bytes);
                    }));
        }
    }

    // Membership: first joins by the pattern, then churn, per member.
    SmkdMembershipSchedule schedule = MakeSchedule();
    schedule.AssignStreams(Layout::JOIN_STREAM);
    std::vector<Ptr<Socket>> sockets;
    for (auto it = members.Begin(); it != members.End(); ++it)
    {
        Ptr<Socket> s = Socket::CreateSocket(*it, UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), DATA_PORT));
        sockets.push_back(s);
        const uint32_t id = (*it)->GetId();
        s->SetRecvCallback(Callback<void, Ptr<Socket>>([stats, id](Ptr<Socket> sock) {
            while (Ptr<Packet> p = sock->Recv())
            {
                // Time to first data, every scheme: a figure of its own.
                stats->RecordFirstData(id, GROUP, Simulator::Now());
                uint64_t seq = 0;
                if (ReadDeliveryProbe(p, seq))
                {
                    stats->RecordDataReceived(id, seq);
                }
            }
        }));
    }
    // "cbt" has no keys: a member's join ends when its LAN is on the tree,
    // its DR's join acknowledged (RFC 2189 §4.2), or at once when the DR is
    // on the tree with the LAN as a child already.
    std::map<uint32_t, std::set<uint32_t>> waitingForTree;                  // DR node -> members
    std::map<uint32_t, std::pair<Ptr<CbtRoutingProtocol>, uint32_t>> lanOf; // member -> DR, if
    if (scheme == "cbt")
    {
        for (auto it = members.Begin(); it != members.End(); ++it)
        {
            lanOf[(*it)->GetId()] = MemberLan(*it);
        }
        for (auto it = net.GetRouters().Begin(); it != net.GetRouters().End(); ++it)
        {
            const uint32_t router = (*it)->GetId();
            Ptr<CbtRoutingProtocol> cbt = (*it)->GetObject<CbtRoutingProtocol>();
            cbt->TraceConnectWithoutContext(
                "TreeStateChanged",
                Callback<void, Ipv4Address, CbtTreeEvent, int32_t>(
                    [&waitingForTree, &lanOf, stats, router](Ipv4Address g,
                                                             CbtTreeEvent e,
                                                             int32_t) {
                        auto waiting = waitingForTree.find(router);
                        if (g != GROUP || waiting == waitingForTree.end() ||
                            (e != CbtTreeEvent::ON_TREE && e != CbtTreeEvent::CHILD_ADDED))
                        {
                            return;
                        }
                        for (auto m = waiting->second.begin(); m != waiting->second.end();)
                        {
                            const auto& [cbt, lan] = lanOf[*m];
                            if (LanOnTree(cbt, lan))
                            {
                                stats->RecordJoinOnTree(*m, GROUP, Simulator::Now());
                                m = waiting->second.erase(m);
                            }
                            else
                            {
                                ++m;
                            }
                        }
                    }));
        }
    }
    auto join = [&scheme, &members, &sockets, &waitingForTree, &lanOf, stats](uint32_t k) {
        Ptr<Node> node = members.Get(k);
        if (scheme == "cbt")
        {
            const uint32_t id = node->GetId();
            stats->RecordJoinStart(id, GROUP, Simulator::Now());
            IgmpHelper::GetHost(node)->Join(sockets[k], 1, GROUP);
            const auto& [cbt, lan] = lanOf[id];
            if (cbt && LanOnTree(cbt, lan))
            {
                stats->RecordJoinOnTree(id, GROUP, Simulator::Now());
            }
            else if (cbt)
            {
                waitingForTree[cbt->GetObject<Node>()->GetId()].insert(id);
            }
        }
        else if (scheme == "kdc")
        {
            SmkdCentralKdcHelper::GetClient(node)->Join(sockets[k], 1, GROUP);
        }
        else
        {
            node->GetObject<SmkdHostAgent>()->Join(sockets[k], 1, GROUP);
        }
    };
    auto leave = [&scheme, &members, &sockets, &waitingForTree, stats](uint32_t k) {
        Ptr<Node> node = members.Get(k);
        if (scheme == "cbt")
        {
            IgmpHelper::GetHost(node)->Leave(sockets[k], 1, GROUP);
            stats->RecordLeave(node->GetId(), GROUP);
            for (auto& [router, waiting] : waitingForTree)
            {
                waiting.erase(node->GetId());
            }
        }
        else if (scheme == "kdc")
        {
            SmkdCentralKdcHelper::GetClient(node)->Leave(sockets[k], 1, GROUP);
        }
        else
        {
            node->GetObject<SmkdHostAgent>()->Leave(sockets[k], 1, GROUP);
        }
    };
    // Each membership: join, and with churn a leave after an exponential
    // time, and with returns a new membership after an exponential absence.
    std::function<void(uint32_t)> membership = [&](uint32_t k) {
        join(k);
        if (!schedule.HasLeaves())
        {
            return;
        }
        Simulator::Schedule(schedule.DrawMembership(), [&, k]() {
            leave(k);
            if (schedule.HasReturns())
            {
                Simulator::Schedule(schedule.DrawAbsence(), [&membership, k]() { membership(k); });
            }
        });
    };
    const std::vector<Time> firstJoins = schedule.DrawFirstJoins(members.GetN());
    for (uint32_t k = 0; k < members.GetN(); ++k)
    {
        Simulator::Schedule(firstJoins[k], [&membership, k]() { membership(k); });
    }

    // Exclusions: members spread evenly over the list, excluded at once;
    // their cost is what the network and the CPUs did in the window after.
    SmkdStatisticsResults beforeExclusions;
    if (c.exclusions > 0)
    {
        std::vector<uint32_t> chosen;
        for (uint32_t i = 0; i < c.exclusions; ++i)
        {
            chosen.push_back(static_cast<uint32_t>((2 * uint64_t{i} + 1) * members.GetN() /
                                                   (2 * uint64_t{c.exclusions})));
        }
        Ptr<SmkdGkdc> primaryGkdc = net.GetRouter(primary)->GetObject<SmkdGkdc>();
        Ptr<SmkdCentralKdc> server;
        for (uint32_t a = 0; a < kdcHost->GetNApplications(); ++a)
        {
            server = server ? server : DynamicCast<SmkdCentralKdc>(kdcHost->GetApplication(a));
        }
        Simulator::Schedule(c.exclusionAt, [&, chosen, primaryGkdc, server]() {
            beforeExclusions = stats->GetResults();
            for (uint32_t k : chosen)
            {
                const Ipv4Address address = CbtHelper::PrimaryAddress(members.Get(k));
                // Checked here, not thrown from the event (a failed core holds no keys).
                const SmkdGroupKeys* keys =
                    primaryGkdc ? primaryGkdc->GetGroupKeys(GROUP) : nullptr;
                const SmkdAccessList* list = server ? server->GetAccessList(GROUP) : nullptr;
                if (scheme == "cbt")
                {
                    leave(k); // no keys to take away
                }
                else if (server && list && server->GetKeys(GROUP) && list->Permits(address))
                {
                    server->Exclude(GROUP, address);
                }
                else if (keys && keys->primary && keys->acl.Permits(address))
                {
                    primaryGkdc->Exclude(GROUP, address);
                }
            }
            stats->Count("exclusion.members", chosen.size());
        });
        Simulator::Schedule(c.exclusionAt + c.exclusionWindow, [&]() {
            const SmkdStatisticsResults after = stats->GetResults();
            stats->Count("exclusion.messages",
                         after.controlMessages - beforeExclusions.controlMessages);
            stats->Count("exclusion.bytes", after.controlBytes - beforeExclusions.controlBytes);
            stats->Count("exclusion.crypto-ops",
                         static_cast<uint64_t>(after.opsAll.total - beforeExclusions.opsAll.total));
            // Until the last remaining member held the newest keys.
            Time latest;
            for (const SmkdRekeyRecord& k : after.rekeys)
            {
                if (k.sentSeen && k.sent >= c.exclusionAt && k.installs > 0)
                {
                    latest = std::max(latest, k.lastInstalled - c.exclusionAt);
                }
            }
            stats->Count("exclusion.latency-us", static_cast<uint64_t>(latest.GetMicroSeconds()));
        });
    }

    SmkdFailureInjector failures(net, tree.GetRoutes());
    for (const SmkdFailure& f : c.failures)
    {
        failures.Schedule(f);
    }
    failures.SetChangeCallback(
        SmkdFailureInjector::ChangeCallback([stats](const SmkdFailure&, bool fail) {
            stats->Count(fail ? "failures.failed" : "failures.repaired");
        }));

    const Time stop = c.joinStart + c.joinWindow + c.settle;
    // Probes from the initiator, a non-member sender on the primary core's
    // LAN: in "cbt" from the start (time to first data), and numbered
    // delivery probes after the join window measure the tree's delivery in
    // every scheme.
    if (scheme == "cbt" || c.probeInterval.IsStrictlyPositive())
    {
        Ptr<Socket> source = Socket::CreateSocket(initiator, UdpSocketFactory::GetTypeId());
        source->Bind();
        sockets.push_back(source);
        for (Time t = c.joinStart; scheme == "cbt" && t < stop; t += c.dataInterval)
        {
            Simulator::Schedule(t, [source]() {
                source->SendTo(Create<Packet>(PROBE_BYTES), 0, InetSocketAddress(GROUP, DATA_PORT));
            });
        }
        uint64_t seq = 0;
        for (Time t = c.joinStart + c.joinWindow; c.probeInterval.IsStrictlyPositive() && t < stop;
             t += c.probeInterval)
        {
            Simulator::Schedule(t, [source, stats, n = ++seq]() {
                stats->RecordDataSent(n);
                source->SendTo(DeliveryProbe(n), 0, InetSocketAddress(GROUP, DATA_PORT));
            });
        }
    }
    if (c.progressInterval.IsStrictlyPositive())
    {
        const uint32_t n = members.GetN();
        for (Time t = c.progressInterval; t <= stop; t += c.progressInterval)
        {
            Simulator::Schedule(t, [stats, scheme, n]() {
                std::cout << "  [" << scheme << "] t=" << Simulator::Now().As(Time::S) << " joined "
                          << stats->GetResults().joinsCompleted << "/" << n << std::endl;
            });
        }
    }

    // ns-3's wall-clock progress display (simulated time, events per second)
    // next to the join count; gone before Simulator::Destroy, which it must not outlive.
    std::unique_ptr<ShowProgress> progress;
    if (c.progressInterval.IsStrictlyPositive())
    {
        progress = std::make_unique<ShowProgress>(Seconds(10), std::cout);
    }
    Simulator::Stop(stop);
    Simulator::Run();
    progress.reset();
    // Events executed, for benchmarks (events per second of wall-clock time).
    stats->Count("simulator.events", Simulator::GetEventCount());
    stats->SetConfinement(adversaries.Finish());
    stats->Finalize();
    stats->SetWallSeconds(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count());
    if (!c.outDir.empty())
    {
        stats->WriteCsv(c.outDir, scheme + "-");
        stats->WriteJson(c.outDir + "/" + scheme + ".json");
    }
    SmkdStatisticsResults results = stats->GetResults();
    for (Ptr<Socket> s : sockets)
    {
        s->Close();
    }
    sockets.clear();
    stats->Dispose();
    Simulator::Destroy();
    return results;
}

} // namespace ns3
