/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-statistics-collector.h"

#include "smkd-provenance.h"
#include "smkd-statistics-output.h"

#include "ns3/application.h"
#include "ns3/channel.h"
#include "ns3/csma-net-device.h"
#include "ns3/igmp-host.h"
#include "ns3/igmp-router.h"
#include "ns3/integer.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/smkd-crypto-engine.h"
#include "ns3/smkd-gkdc.h"
#include "ns3/smkd-host-agent.h"
#include "ns3/smkd-simulated-cpu.h"
#include "ns3/smkd-version.h"
#include "ns3/string.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdStatisticsCollector");

NS_OBJECT_ENSURE_REGISTERED(SmkdStatisticsCollector);

namespace
{

constexpr double NOT_A_NUMBER = std::numeric_limits<double>::quiet_NaN();

/// \return true for the protocols whose messages are control overhead
bool
IsControl(const std::string& protocol)
{
    return protocol == "cbt" || protocol == "igmp" || protocol == "smkd";
}

SmkdLoadSummary
Load(const std::vector<std::pair<uint32_t, double>>& values, int64_t primary)
{
    std::vector<double> v;
    double primaryValue = NOT_A_NUMBER;
    for (const auto& [node, x] : values)
    {
        v.push_back(x);
        primaryValue = int64_t{node} == primary ? x : primaryValue;
    }
    const SmkdSampleSummary summary = SmkdSummarize(v);
    SmkdLoadSummary s;
    s.nodes = static_cast<uint32_t>(v.size());
    s.total = std::accumulate(v.begin(), v.end(), 0.0);
    s.max = summary.max;
    s.mean = summary.mean;
    s.gini = SmkdGini(v);
    // NaN when the primary core is not among the nodes or nobody worked.
    s.primaryShare = s.total > 0 ? primaryValue / s.total : NOT_A_NUMBER;
    return s;
}

} // namespace

TypeId
SmkdStatisticsCollector::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdStatisticsCollector")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdStatisticsCollector>()
            .AddAttribute("Scheme",
                          "Key-distribution scheme of the run, recorded in every output.",
                          StringValue("rfc1949"),
                          MakeStringAccessor(&SmkdStatisticsCollector::m_scheme),
                          MakeStringChecker())
            .AddAttribute("CryptoMode",
                          "Crypto mode recorded in the outputs (real, modeled, none); empty: "
                          "taken from the first crypto engine Attach finds.",
                          StringValue(""),
                          MakeStringAccessor(&SmkdStatisticsCollector::m_cryptoMode),
                          MakeStringChecker())
            .AddAttribute("PrimaryCore",
                          "Node id of the primary core, whose share of the crypto load is "
                          "reported; -1 for none.",
                          IntegerValue(-1),
                          MakeIntegerAccessor(&SmkdStatisticsCollector::m_primaryCore),
                          MakeIntegerChecker<int64_t>(-1, std::numeric_limits<uint32_t>::max()));
    return tid;
}

SmkdStatisticsCollector::SmkdStatisticsCollector() = default;

SmkdStatisticsCollector::~SmkdStatisticsCollector()
{
    Detach();
}

void
SmkdStatisticsCollector::DoDispose()
{
    Detach();
    m_routers.clear();
    m_engines.clear();
    Object::DoDispose();
}

void
SmkdStatisticsCollector::Detach()
{
    // The trace sources hold callbacks into this object: take them back
    // before it goes, whether or not the nodes are still there.
    for (auto& disconnect : m_disconnect)
    {
        disconnect();
    }
    m_disconnect.clear();
}

void
SmkdStatisticsCollector::SetScheme(const std::string& scheme)
{
    m_scheme = scheme;
}

void
SmkdStatisticsCollector::SetCryptoMode(const std::string& mode)
{
    m_cryptoMode = mode;
}

void
SmkdStatisticsCollector::SetParameter(const std::string& key, const std::string& value)
{
    m_parameters[key] = value;
}

void
SmkdStatisticsCollector::SetConfiguration(const std::map<std::string, std::string>& configuration)
{
    m_provenance.configuration = configuration;
}

void
SmkdStatisticsCollector::SetTopologyFile(const std::string& path)
{
    m_provenance.topologySha256 = SmkdSha256OfFile(path);
}

void
SmkdStatisticsCollector::SetWallSeconds(double seconds)
{
    m_provenance.wallSeconds = seconds;
}

void
SmkdStatisticsCollector::SetPrimaryCore(uint32_t node)
{
    m_primaryCore = node;
}

void
SmkdStatisticsCollector::SetExpectedReceivers(const std::vector<uint32_t>& nodes)
{
    m_receiversSet = true;
    m_receivers = std::set<uint32_t>(nodes.begin(), nodes.end());
}

template <typename... Args>
void
SmkdStatisticsCollector::Connect(Ptr<Object> object,
                                 const std::string& name,
                                 Callback<void, Args...> cb)
{
    if (object->TraceConnectWithoutContext(name, cb))
    {
        // The same Callback object disconnects: lambdas compare equal only to
        // copies of themselves.
        m_disconnect.emplace_back(
            [object, name, cb]() { object->TraceDisconnectWithoutContext(name, cb); });
    }
}

void
SmkdStatisticsCollector::Attach(NodeContainer nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Node> node = *it;
        const uint32_t id = node->GetId();
        if (!m_attached.insert(id).second)
        {
            continue;
        }
        Ptr<CbtRoutingProtocol> cbt = node->GetObject<CbtRoutingProtocol>();
        const bool host = node->GetObject<IgmpHost>() || node->GetObject<SmkdHostAgent>();
        if (cbt)
        {
            AttachRouter(id, cbt);
        }
        AttachDevices(node);
        if (Ptr<SmkdGkdc> gkdc = node->GetObject<SmkdGkdc>())
        {
            AttachGkdc(id, gkdc);
        }
        if (Ptr<SmkdHostAgent> agent = node->GetObject<SmkdHostAgent>())
        {
            AttachMember(id, agent);
        }
        for (uint32_t a = 0; a < node->GetNApplications(); ++a)
        {
            // Applications (a centralized KDC's client and server, ...) speak
            // the host agent's and the GKDC's trace names when they have them.
            AttachMember(id, node->GetApplication(a));
            AttachKeySender(id, node->GetApplication(a));
        }
        AttachCpu(id, node, cbt ? "router" : (host ? "host" : "server"));
    }
}

void
SmkdStatisticsCollector::AttachRouter(uint32_t id, Ptr<CbtRoutingProtocol> cbt)
{
    m_routers[id] = cbt;
    Connect(cbt,
            "TreeStateChanged",
            Callback<void, Ipv4Address, CbtTreeEvent, int32_t>(
                [this, id](Ipv4Address g, CbtTreeEvent e, int32_t interface) {
                    RecordTreeEvent(id, g, e, interface);
                }));
    Connect(cbt, "JoinCompleted", Callback<void, Ipv4Address, Time>([this](Ipv4Address, Time) {
                Count("cbt.join-completed");
            }));
    Connect(cbt, "JoinFailed", Callback<void, Ipv4Address>([this](Ipv4Address) {
                Count("cbt.join-failed");
            }));
    // Data traces fire per packet copy: count straight into the counter
    // (std::map entries stay where they are).
    uint64_t* forwarded = &m_counters["cbt.data-forwarded"];
    Connect(cbt,
            "DataForwarded",
            Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
                [forwarded](const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++*forwarded; }));
    uint64_t* encapsulated = &m_counters["cbt.data-encapsulated"];
    Connect(
        cbt,
        "DataEncapsulated",
        Callback<void, const Ipv4Header&, Ptr<const Packet>, uint32_t>(
            [encapsulated](const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++*encapsulated; }));
    Connect(cbt,
            "Drop",
            Callback<void, Ptr<const Packet>, CbtDropReason, uint32_t>(
                [this](Ptr<const Packet>, CbtDropReason r, uint32_t) {
                    Count(std::string("cbt.drop.") + CbtDropReasonName(r));
                }));
    Connect(cbt,
            "MalformedControl",
            Callback<void, Ptr<const Packet>, smkd::WireError, uint32_t>(
                [this](Ptr<const Packet>, smkd::WireError, uint32_t) { Count("cbt.malformed"); }));
}

void
SmkdStatisticsCollector::AttachDevices(Ptr<Node> node)
{
    // Every message of every protocol, counted once per transmission where
    // it goes onto the wire, with its size there: a multicast re-key counts
    // once on each tree link and member LAN it crosses.
    for (uint32_t d = 0; d < node->GetNDevices(); ++d)
    {
        Ptr<NetDevice> device = node->GetDevice(d);
        Ptr<Channel> channel = device->GetChannel();
        SmkdLinkFraming framing;
        if (DynamicCast<PointToPointNetDevice>(device))
        {
            framing = SmkdLinkFraming::PPP;
        }
        else if (DynamicCast<CsmaNetDevice>(device))
        {
            framing = SmkdLinkFraming::ETHERNET;
        }
        else
        {
            continue; // loopback, or a device this module does not build
        }
        if (!channel)
        {
            continue;
        }
        const uint32_t link = channel->GetId();
        std::vector<uint32_t>& ends = m_linkNodes[link];
        ends.clear();
        for (std::size_t i = 0; i < channel->GetNDevices(); ++i)
        {
            ends.push_back(channel->GetDevice(i)->GetNode()->GetId());
        }
        std::sort(ends.begin(), ends.end());
        Connect(device,
                "PhyTxBegin",
                Callback<void, Ptr<const Packet>>(
                    [this, link, framing](Ptr<const Packet> p) { RecordFrame(link, p, framing); }));
    }
}

void
SmkdStatisticsCollector::RecordFrame(uint32_t link,
                                     Ptr<const Packet> frame,
                                     SmkdLinkFraming framing)
{
    SmkdWireMessage m;
    SmkdClassifyFrame(frame, framing, m);
    Tally& t = m_wire[{m.protocol, m.type}];
    ++t.messages;
    t.bytes += m.ipBytes;
    t.frameBytes += m.frameBytes;
    if (IsControl(m.protocol))
    {
        Tally& l = m_links[link];
        ++l.messages;
        l.bytes += m.ipBytes;
        l.frameBytes += m.frameBytes;
    }
}

void
SmkdStatisticsCollector::AttachGkdc(uint32_t id, Ptr<Object> gkdc)
{
    AttachKeySender(id, gkdc);
    Connect(gkdc,
            "JoinAnswered",
            Callback<void, Ipv4Address, Ipv4Address>(
                [this](Ipv4Address, Ipv4Address) { Count("gkdc.join-answered"); }));
    Connect(
        gkdc,
        "JoinRefused",
        Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
            [this](Ipv4Address, Ipv4Address, const std::string&) { Count("gkdc.join-refused"); }));
    Connect(gkdc, "GkdcRoleGained", Callback<void, Ipv4Address>([this](Ipv4Address) {
                Count("gkdc.role-gained");
            }));
    Connect(gkdc,
            "AclRejected",
            Callback<void, Ipv4Address, const std::string&>(
                [this](Ipv4Address, const std::string&) { Count("gkdc.acl-rejected"); }));
}

void
SmkdStatisticsCollector::AttachKeySender(uint32_t id, Ptr<Object> sender)
{
    // The security payload each message carried, once, where it was made
    // (its transmissions are counted on the wire, AttachDevices).
    Connect(sender,
            "SecurityBytes",
            Callback<void, const std::string&, uint32_t>(
                [this, id](const std::string& kind, uint32_t bytes) {
                    RecordSecurityBytes(id, kind, bytes);
                }));
    Connect(sender,
            "RekeySent",
            Callback<void, Ipv4Address, uint32_t>([this, id](Ipv4Address g, uint32_t spi) {
                RecordRekeySent(id, g, spi, Simulator::Now());
            }));
}

void
SmkdStatisticsCollector::AttachMember(uint32_t id, Ptr<Object> member)
{
    Connect(member, "JoinStarted", Callback<void, Ipv4Address>([this, id](Ipv4Address g) {
                RecordJoinStart(id, g, Simulator::Now());
            }));
    Connect(member, "Left", Callback<void, Ipv4Address>([this, id](Ipv4Address g) {
                RecordLeave(id, g);
            }));
    Connect(member,
            "KeysInstalled",
            Callback<void, Ipv4Address, Time>([this, id](Ipv4Address g, Time latency) {
                RecordKeysInstalled(id, g, latency, Simulator::Now());
            }));
    Connect(member,
            "JoinRefused",
            Callback<void, Ipv4Address, const std::string&>(
                [this, id](Ipv4Address g, const std::string&) { RecordJoinRefused(id, g); }));
    Connect(member,
            "RekeyInstalled",
            Callback<void, Ipv4Address, uint32_t>([this, id](Ipv4Address g, uint32_t spi) {
                RecordRekeyInstalled(id, g, spi, Simulator::Now());
            }));
}

void
SmkdStatisticsCollector::AttachCpu(uint32_t id, Ptr<Node> node, const std::string& role)
{
    if (Ptr<SmkdCryptoEngine> engine = node->GetObject<SmkdCryptoEngine>())
    {
        m_engines[id] = engine;
        if (m_cryptoMode.empty() && engine->GetSuite())
        {
            m_cryptoMode = SmkdCryptoModeName(
                engine->GetSuite()->IsModeled() ? SmkdCryptoMode::MODELED : SmkdCryptoMode::REAL);
        }
    }
    Ptr<SmkdSimulatedCpu> cpu = node->GetObject<SmkdSimulatedCpu>();
    if (!cpu)
    {
        return;
    }
    AddCryptoNode(id, role);
    Connect(cpu,
            "CryptoOperation",
            Callback<void, uint32_t, const std::string&, const std::string&, Time, Time>(
                [this, id](uint32_t, const std::string& op, const std::string&, Time c, Time q) {
                    RecordCryptoOperation(id, op, c, q);
                }));
}

void
SmkdStatisticsCollector::AddJoin(uint32_t node,
                                 Ipv4Address group,
                                 Time start,
                                 Time end,
                                 const char* source)
{
    MemberJoin& j = m_memberJoins[{node, group}];
    SmkdJoinRecord r;
    r.node = node;
    r.group = group;
    r.start = start;
    r.end = end;
    r.latency = end - start;
    r.first = !j.completed;
    r.source = source;
    m_joins.push_back(r);
    j.open = false;
    j.completed = true;
}

void
SmkdStatisticsCollector::RecordJoinStart(uint32_t node, Ipv4Address group, Time at)
{
    MemberJoin& j = m_memberJoins[{node, group}];
    if (j.open)
    {
        return;
    }
    j.open = true;
    j.start = at;
    if (!j.started)
    {
        j.started = true;
        j.firstStart = at;
    }
    ++m_joinsStarted;
}

void
SmkdStatisticsCollector::RecordFirstData(uint32_t node, Ipv4Address group, Time at)
{
    auto it = m_memberJoins.find({node, group});
    if (it == m_memberJoins.end() || !it->second.started || it->second.dataSeen)
    {
        return; // data without a join, or not the first
    }
    it->second.dataSeen = true;
    m_firstData.push_back(SmkdSeconds(at - it->second.firstStart));
}

void
SmkdStatisticsCollector::RecordJoinOnTree(uint32_t node, Ipv4Address group, Time at)
{
    auto it = m_memberJoins.find({node, group});
    if (it == m_memberJoins.end() || !it->second.open)
    {
        return; // no join waiting
    }
    AddJoin(node, group, it->second.start, at, "on-tree");
}

void
SmkdStatisticsCollector::RecordKeysInstalled(uint32_t node,
                                             Ipv4Address group,
                                             Time latency,
                                             Time at)
{
    AddJoin(node, group, at - latency, at, "keys-installed");
}

void
SmkdStatisticsCollector::RecordLeave(uint32_t node, Ipv4Address group)
{
    MemberJoin& j = m_memberJoins[{node, group}];
    if (j.open)
    {
        Count("membership.abandoned-joins");
    }
    j.open = false;
    ++m_leaves;
}

void
SmkdStatisticsCollector::RecordJoinRefused(uint32_t node, Ipv4Address group)
{
    m_memberJoins[{node, group}].open = false;
    ++m_joinsRefused;
}

void
SmkdStatisticsCollector::RecordRekeySent(uint32_t node, Ipv4Address group, uint32_t spi, Time at)
{
    Rekey& r = m_rekeys[{group, spi}];
    if (r.sentSeen)
    {
        return;
    }
    r.sentSeen = true;
    r.sender = node;
    r.sent = at;
}

void
SmkdStatisticsCollector::RecordRekeyInstalled(uint32_t node,
                                              Ipv4Address group,
                                              uint32_t spi,
                                              Time at)
{
    Rekey& r = m_rekeys[{group, spi}];
    r.members.insert(node);
    r.last = std::max(r.last, at);
}

int64_t
SmkdStatisticsCollector::LinkOf(uint32_t node, int32_t interface) const
{
    if (interface < 0)
    {
        return -1;
    }
    auto cached = m_linkOf.find({node, interface});
    if (cached != m_linkOf.end())
    {
        return cached->second;
    }
    int64_t link = -1;
    Ptr<Node> n = node < NodeList::GetNNodes() ? NodeList::GetNode(node) : nullptr;
    Ptr<Ipv4> ipv4 = n ? n->GetObject<Ipv4>() : nullptr;
    if (ipv4 && static_cast<uint32_t>(interface) < ipv4->GetNInterfaces())
    {
        if (Ptr<Channel> channel = ipv4->GetNetDevice(interface)->GetChannel())
        {
            link = channel->GetId();
            std::vector<uint32_t>& ends = m_linkNodes[channel->GetId()];
            ends.clear();
            for (std::size_t d = 0; d < channel->GetNDevices(); ++d)
            {
                ends.push_back(channel->GetDevice(d)->GetNode()->GetId());
            }
            std::sort(ends.begin(), ends.end());
        }
    }
    m_linkOf[{node, interface}] = link;
    return link;
}

void
SmkdStatisticsCollector::RecordControlMessage(const std::string& protocol,
                                              const std::string& type,
                                              uint32_t node,
                                              int32_t interface,
                                              uint32_t bytes)
{
    Tally& t = m_overhead[{protocol, type}];
    ++t.messages;
    t.bytes += bytes;
    t.frameBytes += bytes;
    const int64_t link = LinkOf(node, interface);
    if (link >= 0)
    {
        Tally& l = m_links[static_cast<uint32_t>(link)];
        ++l.messages;
        l.bytes += bytes;
        l.frameBytes += bytes;
    }
}

void
SmkdStatisticsCollector::RecordSecurityBytes(uint32_t node, const std::string& kind, uint32_t bytes)
{
    Tally& t = m_security[kind];
    ++t.messages;
    t.bytes += bytes;
}

void
SmkdStatisticsCollector::AddCryptoNode(uint32_t node, const std::string& role)
{
    m_crypto[node].role = role;
}

void
SmkdStatisticsCollector::RecordCryptoOperation(uint32_t node,
                                               const std::string& op,
                                               Time cost,
                                               Time queueing)
{
    CryptoLoad& c = m_crypto[node];
    ++c.ops[op];
    c.busy += cost;
    c.queueing += queueing;
    c.maxQueueing = std::max(c.maxQueueing, queueing);
}

void
SmkdStatisticsCollector::RecordTreeEvent(uint32_t node,
                                         Ipv4Address group,
                                         CbtTreeEvent event,
                                         int32_t interface)
{
    // The router's forwarding cache entry, rebuilt from its changes: ON_TREE
    // names the parent interface (-1 at a core), children come and go, and
    // QUIT, EXPIRED and FLUSHED remove the entry with all its children.
    switch (event)
    {
    case CbtTreeEvent::ON_TREE:
        m_trees[group][node] = TreePart{LinkOf(node, interface), {}};
        break;
    case CbtTreeEvent::CHILD_ADDED:
        if (interface >= 0)
        {
            m_trees[group][node].children[static_cast<uint32_t>(interface)] =
                LinkOf(node, interface);
        }
        break;
    case CbtTreeEvent::CHILD_REMOVED:
        if (m_trees.count(group) && m_trees[group].count(node) && interface >= 0)
        {
            m_trees[group][node].children.erase(static_cast<uint32_t>(interface));
        }
        break;
    case CbtTreeEvent::QUIT:
    case CbtTreeEvent::EXPIRED:
    case CbtTreeEvent::FLUSHED:
        if (m_trees.count(group))
        {
            m_trees[group].erase(node);
        }
        break;
    case CbtTreeEvent::JOIN_STARTED:
    case CbtTreeEvent::BECAME_DR:
        break;
    }
    Count(std::string("cbt.tree.") + CbtTreeEventName(event));
}

void
SmkdStatisticsCollector::RecordDataSent(uint64_t seq)
{
    m_sent.Insert(seq);
}

void
SmkdStatisticsCollector::RecordDataReceived(uint32_t node, uint64_t seq)
{
    if (!m_received[node].Insert(seq))
    {
        ++m_duplicates;
    }
}

void
SmkdStatisticsCollector::Count(const std::string& name, uint64_t n)
{
    m_counters[name] += n;
}

void
SmkdStatisticsCollector::Finalize()
{
    for (const auto& [id, cbt] : m_routers)
    {
        m_stateBytes[id] = cbt->GetForwardingCache().GetStateBytes();
    }
    for (const auto& [id, engine] : m_engines)
    {
        std::map<std::string, uint64_t>& started = m_started[id];
        for (SmkdCryptoOp op : {SmkdCryptoOp::SIGN,
                                SmkdCryptoOp::VERIFY,
                                SmkdCryptoOp::SEAL,
                                SmkdCryptoOp::OPEN,
                                SmkdCryptoOp::AEAD_ENCRYPT,
                                SmkdCryptoOp::AEAD_DECRYPT,
                                SmkdCryptoOp::KEYGEN})
        {
            if (const uint64_t n = engine->GetCount(op))
            {
                started[SmkdCryptoOpName(op)] = n;
            }
        }
    }
    // What the run was made with, as it ended.
    m_provenance.attributes = SmkdChangedAttributeDefaults();
    m_provenance.globals = SmkdGlobalValues();
    m_provenance.commit = SmkdBuildCommit();
    m_provenance.ns3Version = SmkdNs3Version();
    m_provenance.opensslVersion = SmkdOpensslVersion();
}

void
SmkdStatisticsCollector::SetConfinement(const SmkdConfinementSummary& confinement)
{
    m_confinement = confinement;
}

SmkdStatisticsResults
SmkdStatisticsCollector::GetResults() const
{
    SmkdStatisticsResults r;
    r.confinement = m_confinement;
    r.run.version = SMKD_VERSION;
    r.run.seed = RngSeedManager::GetSeed();
    r.run.run = RngSeedManager::GetRun();
    r.run.scheme = m_scheme;
    r.run.cryptoMode = m_cryptoMode.empty() ? "none" : m_cryptoMode;
    r.run.parameters = m_parameters;
    r.run.label = m_scheme + "-s" + std::to_string(r.run.seed) + "-r" + std::to_string(r.run.run);
    r.run.configuration = m_provenance.configuration;
    r.run.attributes = m_provenance.attributes;
    r.run.globals = m_provenance.globals;
    r.run.topologySha256 = m_provenance.topologySha256;
    r.run.commit = m_provenance.commit;
    r.run.ns3Version = m_provenance.ns3Version;
    r.run.opensslVersion = m_provenance.opensslVersion;
    r.run.wallSeconds = m_provenance.wallSeconds;

    FillJoins(r);
    FillRekeys(r);
    FillOverhead(r);
    FillCrypto(r);
    FillTrees(r);
    FillData(r);
    r.counters = m_counters;
    return r;
}

void
SmkdStatisticsCollector::FillJoins(SmkdStatisticsResults& r) const
{
    // Joins: each member's first completed join makes the latency figures.
    r.joins = m_joins;
    std::vector<double> latencies;
    std::vector<double> later;
    for (const SmkdJoinRecord& j : m_joins)
    {
        (j.first ? latencies : later).push_back(SmkdSeconds(j.latency));
    }
    r.rejoinLatency = SmkdSummarize(later);
    r.leaves = m_leaves;
    r.joinsStarted = m_joinsStarted;
    r.joinsCompleted = latencies.size();
    r.joinsRefused = m_joinsRefused;
    for (const auto& [key, j] : m_memberJoins)
    {
        r.joinsPending += j.open ? 1 : 0;
    }
    r.joinLatency = SmkdSummarize(latencies);
    r.firstDataLatency = SmkdSummarize(m_firstData);
    r.joinLatencyCdf = SmkdEmpiricalCdf(latencies);
}

void
SmkdStatisticsCollector::FillRekeys(SmkdStatisticsResults& r) const
{
    // Rekeys: latency until the last member installed the key.
    std::vector<double> rekeyLatencies;
    for (const auto& [key, k] : m_rekeys)
    {
        SmkdRekeyRecord rec;
        rec.group = key.first;
        rec.spi = key.second;
        rec.sentSeen = k.sentSeen;
        rec.sender = k.sender;
        rec.sent = k.sent;
        rec.installs = static_cast<uint32_t>(k.members.size());
        rec.lastInstalled = k.last;
        if (k.sentSeen && !k.members.empty())
        {
            rec.latency = k.last - k.sent;
            rekeyLatencies.push_back(SmkdSeconds(rec.latency));
        }
        r.rekeys.push_back(rec);
    }
    std::stable_sort(
        r.rekeys.begin(),
        r.rekeys.end(),
        [](const SmkdRekeyRecord& a, const SmkdRekeyRecord& b) { return a.sent < b.sent; });
    r.rekeyLatency = SmkdSummarize(rekeyLatencies);
}

void
SmkdStatisticsCollector::FillOverhead(SmkdStatisticsResults& r) const
{
    // Control overhead by type and link, and security bytes.
    // Control overhead by type and link (the wire's, and what a caller
    // recorded by hand), and security bytes.
    std::map<std::pair<std::string, std::string>, Tally> byType = m_overhead;
    for (const auto& [key, t] : m_wire)
    {
        Tally& sum = byType[{key.first, key.second}];
        sum.messages += t.messages;
        sum.bytes += t.bytes;
        sum.frameBytes += t.frameBytes;
    }
    for (const auto& [key, t] : byType)
    {
        r.overhead.push_back({key.first, key.second, t.messages, t.bytes, t.frameBytes});
        if (key.first == "data")
        {
            r.dataMessages += t.messages;
            r.dataBytes += t.bytes;
        }
        else if (IsControl(key.first) || m_overhead.count(key))
        {
            r.controlMessages += t.messages;
            r.controlBytes += t.bytes;
            r.controlFrameBytes += t.frameBytes;
        }
    }
    for (const auto& [link, t] : m_links)
    {
        auto ends = m_linkNodes.find(link);
        r.links.push_back({link,
                           ends == m_linkNodes.end() ? std::vector<uint32_t>{} : ends->second,
                           t.messages,
                           t.bytes,
                           t.frameBytes});
    }
    for (const auto& [kind, t] : m_security)
    {
        r.security.push_back({kind, t.messages, t.bytes});
        r.securityBytes += t.bytes;
    }
}

void
SmkdStatisticsCollector::FillCrypto(SmkdStatisticsResults& r) const
{
    // Crypto load per node and its spread.
    r.primaryCore = m_primaryCore;
    std::vector<std::pair<uint32_t, double>> busyAll;
    std::vector<std::pair<uint32_t, double>> busyInfra;
    std::vector<std::pair<uint32_t, double>> opsAll;
    std::vector<std::pair<uint32_t, double>> opsInfra;
    Time queueing;
    Time maxQueueing;
    uint64_t ops = 0;
    for (const auto& [node, c] : m_crypto)
    {
        SmkdCryptoNodeRecord rec;
        rec.node = node;
        rec.role = c.role;
        rec.ops = c.ops;
        for (const auto& [op, n] : c.ops)
        {
            rec.totalOps += n;
        }
        rec.busy = c.busy;
        rec.queueing = c.queueing;
        rec.maxQueueing = c.maxQueueing;
        auto started = m_started.find(node);
        if (started != m_started.end())
        {
            rec.started = started->second;
        }
        busyAll.emplace_back(node, SmkdSeconds(c.busy));
        opsAll.emplace_back(node, static_cast<double>(rec.totalOps));
        if (c.role != "host")
        {
            busyInfra.emplace_back(node, SmkdSeconds(c.busy));
            opsInfra.emplace_back(node, static_cast<double>(rec.totalOps));
        }
        queueing += c.queueing;
        maxQueueing = std::max(maxQueueing, c.maxQueueing);
        ops += rec.totalOps;
        r.crypto.push_back(rec);
    }
    r.busyAll = Load(busyAll, m_primaryCore);
    r.busyInfrastructure = Load(busyInfra, m_primaryCore);
    r.opsAll = Load(opsAll, m_primaryCore);
    r.opsInfrastructure = Load(opsInfra, m_primaryCore);
    r.meanQueueing = ops ? SmkdSeconds(queueing) / static_cast<double>(ops) : NOT_A_NUMBER;
    r.maxQueueing = SmkdSeconds(maxQueueing);
}

void
SmkdStatisticsCollector::FillTrees(SmkdStatisticsResults& r) const
{
    // Trees and forwarding state, from the routers' tree events.
    std::map<uint32_t, SmkdRouterStateRecord> routers;
    for (const auto& [id, cbt] : m_routers)
    {
        routers[id].node = id;
    }
    for (const auto& [group, parts] : m_trees)
    {
        SmkdTreeRecord tree;
        tree.group = group;
        std::set<uint32_t> links;
        for (const auto& [node, part] : parts)
        {
            tree.routers.push_back(node);
            SmkdRouterStateRecord& state = routers[node];
            state.node = node;
            ++state.groups;
            state.childInterfaces += static_cast<uint32_t>(part.children.size());
            if (part.parentLink >= 0)
            {
                links.insert(static_cast<uint32_t>(part.parentLink));
            }
            for (const auto& [child, link] : part.children)
            {
                if (link >= 0)
                {
                    links.insert(static_cast<uint32_t>(link));
                }
            }
        }
        tree.links.assign(links.begin(), links.end());
        if (!tree.routers.empty())
        {
            r.trees.push_back(tree);
        }
    }
    for (auto& [id, state] : routers)
    {
        auto bytes = m_stateBytes.find(id);
        state.stateBytes = bytes == m_stateBytes.end() ? -1 : bytes->second;
        r.routers.push_back(state);
    }
}

void
SmkdStatisticsCollector::FillData(SmkdStatisticsResults& r) const
{
    // Data delivery to the expected receivers.
    std::set<uint32_t> receivers = m_receivers;
    if (!m_receiversSet)
    {
        for (const SmkdJoinRecord& j : m_joins)
        {
            receivers.insert(j.node);
        }
    }
    r.data.sent = m_sent.GetSize();
    r.data.receivers = static_cast<uint32_t>(receivers.size());
    r.data.expected = r.data.sent * receivers.size();
    r.data.duplicates = m_duplicates;
    for (const auto& [node, seqs] : m_received)
    {
        const bool expected = receivers.count(node) > 0;
        seqs.ForEach([&r, expected, this](uint64_t seq) {
            if (!m_sent.Contains(seq))
            {
                ++r.data.unknown;
            }
            else if (expected)
            {
                ++r.data.delivered;
            }
            else
            {
                ++r.data.unexpected;
            }
        });
    }
    r.data.ratio = r.data.expected ? static_cast<double>(r.data.delivered) /
                                         static_cast<double>(r.data.expected)
                                   : NOT_A_NUMBER;
}

void
SmkdStatisticsCollector::WriteCsv(const std::string& dir, const std::string& prefix) const
{
    SmkdWriteStatisticsCsv(GetResults(), dir, prefix);
}

void
SmkdStatisticsCollector::WriteJson(const std::string& path) const
{
    SmkdWriteStatisticsJson(GetResults(), path);
}

void
SmkdStatisticsCollector::WriteSqlite(const std::string& path, bool append) const
{
    SmkdWriteStatisticsSqlite(GetResults(), path, append);
}

bool
SmkdStatisticsCollector::IsSqliteAvailable()
{
    return SmkdStatisticsSqliteAvailable();
}

} // namespace ns3
