/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Networks built by hand from Python, as examples/smkd-figure1.cc builds
// them in C++: nodes, point-to-point links and CSMA LANs, the CBT, IGMP and
// smkd helpers, secure joins, and trace sources delivered to Python callables.
//
// The helpers abort on calls in the wrong order (a node without a stack or
// an address, hosts before the core map): each binding checks its
// preconditions and raises ValueError naming the node instead.

#include "bind-common.h"

#include "ns3/cbt-helper.h"
#include "ns3/csma-helper.h"
#include "ns3/csma-net-device.h"
#include "ns3/data-rate.h"
#include "ns3/igmp-helper.h"
#include "ns3/igmp-host.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/smkd-access-list.h"
#include "ns3/smkd-gkdc.h"
#include "ns3/smkd-helper.h"
#include "ns3/smkd-host-agent.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"

#include <cmath>
#include <sstream>

NS_LOG_COMPONENT_DEFINE("SmkdBindNetwork");

namespace ns3
{
namespace smkd
{
namespace bindings
{

namespace
{

/// A node's label in messages: its name, or "node <id>".
std::string
Label(Ptr<Node> node)
{
    const std::string name = Names::FindName(node);
    return name.empty() ? "node " + std::to_string(node->GetId()) : "node '" + name + "'";
}

/// \return the node's first non-loopback address; ValueError when it has none.
Ipv4Address
CheckedAddress(Ptr<Node> node, const char* why)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (!ipv4)
    {
        throw std::invalid_argument(std::string(why) + ": " + Label(node) +
                                    " has no internet stack");
    }
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t k = 0; k < ipv4->GetNAddresses(i); ++k)
        {
            if (!ipv4->GetAddress(i, k).GetLocal().IsLocalhost())
            {
                return CbtHelper::PrimaryAddress(node);
            }
        }
    }
    throw std::invalid_argument(std::string(why) + ": " + Label(node) + " has no IPv4 address yet");
}

void
RequireStack(const NodeContainer& nodes, bool present, const char* why)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (static_cast<bool>((*it)->GetObject<Ipv4>()) != present)
        {
            throw std::invalid_argument(
                std::string(why) + ": " + Label(*it) +
                (present ? " has no internet stack" : " already has an internet stack"));
        }
    }
}

DataRate
CheckedRate(const std::string& text)
{
    // DataRate(std::string) aborts on bad text; its operator>> fails instead.
    std::istringstream iss(text);
    DataRate rate;
    iss >> rate;
    if (iss.fail() || text.find_first_of(" \t") != std::string::npos)
    {
        throw std::invalid_argument("data rate '" + text + "' is not e.g. '100Mbps'");
    }
    return rate;
}

Time
CheckedDelay(double seconds, const char* what)
{
    if (!std::isfinite(seconds) || seconds < 0)
    {
        throw std::invalid_argument(std::string(what) + " must be >= 0 seconds");
    }
    return Seconds(seconds);
}

Ipv4Mask
CheckedMask(const std::string& text)
{
    const uint32_t m = ParseAddress(text, "network mask").Get();
    if (m != 0 && (~m & (~m + 1)) != 0)
    {
        throw std::invalid_argument("network mask '" + text + "' is not contiguous");
    }
    return Ipv4Mask(m);
}

void
Assign(const NetDeviceContainer& devices, const std::string& network, const std::string& mask)
{
    const Ipv4Address base = ParseAddress(network, "network");
    const Ipv4Mask m = CheckedMask(mask);
    if (base.CombineMask(m) != base)
    {
        throw std::invalid_argument("network " + network + " has host bits set for mask " + mask);
    }
    if (devices.GetN() + 2 > ~m.Get() + uint64_t(1))
    {
        throw std::invalid_argument("network " + network + "/" + mask + " is too small for " +
                                    std::to_string(devices.GetN()) + " interfaces");
    }
    Ipv4AddressHelper helper;
    helper.SetBase(base, m);
    helper.Assign(devices);
}

/// The smkd helper and whether it has its core map (InstallHosts aborts without).
struct PySmkdHelper
{
    SmkdHelper helper;
    bool hasCores{false};
};

/// Sockets of joins from Python: kept until the simulator is destroyed.
std::vector<Ptr<Socket>>&
JoinSockets()
{
    static auto* sockets = new std::vector<Ptr<Socket>>();
    return *sockets;
}

/**
 * \return a UDP socket on \p host bound to \p port, closed with the simulation
 */
Ptr<Socket>
JoinSocket(Ptr<Node> host, uint16_t port)
{
    Ptr<Socket> s = Socket::CreateSocket(host, UdpSocketFactory::GetTypeId());
    s->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    if (JoinSockets().empty())
    {
        Simulator::ScheduleDestroy([]() { JoinSockets().clear(); });
    }
    JoinSockets().push_back(s);
    return s;
}

/**
 * \return the multicast group \p text names
 * \throw std::invalid_argument when it is no address or not multicast
 */
Ipv4Address
CheckedGroup(const std::string& text, const char* what)
{
    const Ipv4Address g = ParseAddress(text, std::string(what) + " group");
    if (!g.IsMulticast())
    {
        throw std::invalid_argument(std::string(what) + ": " + text + " is not a multicast group");
    }
    return g;
}

/**
 * \return the object of type \p tid aggregated to \p node
 * \throw std::invalid_argument naming the node and the type when it has none
 */
Ptr<Object>
ObjectOf(Ptr<Node> node, TypeId tid, const char* what)
{
    Ptr<Object> object = node->GetObject<Object>(tid);
    if (!object)
    {
        std::string type = tid.GetName();
        type = type.rfind("ns3::", 0) == 0 ? type.substr(5) : type;
        throw std::invalid_argument(std::string(what) + ": " + Label(node) + " has no " + type);
    }
    return object;
}

/// A trace argument as Python receives it: addresses as text, times in seconds.
inline py::object
ToPy(Ipv4Address a)
{
    return AddressToPy(a);
}

inline py::object
ToPy(Time t)
{
    return py::float_(t.GetSeconds());
}

inline py::object
ToPy(uint32_t n)
{
    return py::int_(n);
}

inline py::object
ToPy(const std::string& s)
{
    return py::str(s);
}

/**
 * \brief Bind net.<name>(node, fn): connect trace \p trace of the node's
 * \p T to fn, called with the trace's arguments converted by ToPy.
 */
template <typename T, typename... Args>
void
OnTrace(py::module_& net, const char* name, const char* trace, const char* node, const char* doc)
{
    net.def(
        name,
        [name, trace](Ptr<Node> n, py::function fn) {
            Ptr<Object> object = ObjectOf(n, T::GetTypeId(), name);
            object->TraceConnectWithoutContext(
                trace,
                Callback<void, Args...>([held = HoldCallable(fn)](Args... args) {
                    CallFromSimulator(held, ToPy(args)...);
                }));
        },
        py::arg(node),
        py::arg("fn"),
        doc);
}

} // namespace

void
BindNetwork(py::module_& m)
{
    py::module_ net = m.def_submodule("net", "hand-built networks: nodes, links, helpers, traces");

    py::class_<Node, Ptr<Node>>(net, "Node", "an ns-3 node")
        .def_property_readonly("id", &Node::GetId)
        .def_property_readonly("name", [](Ptr<Node> n) { return Names::FindName(n); })
        .def(
            "address",
            [](Ptr<Node> n) { return AddressToPy(CheckedAddress(n, "address")); },
            "The node's primary IPv4 address (its first non-loopback one).")
        .def("__repr__", [](Ptr<Node> n) { return "<smkd.net.Node " + Label(n) + ">"; });

    py::class_<NodeContainer>(net, "NodeContainer", "an ns-3 NodeContainer")
        .def(py::init([](uint32_t n) {
                 NodeContainer c;
                 c.Create(n);
                 return c;
             }),
             py::arg("n") = 0,
             "Create n new nodes.")
        .def("add", [](NodeContainer& c, Ptr<Node> n) { c.Add(n); })
        .def("add", [](NodeContainer& c, const NodeContainer& o) { c.Add(o); })
        .def("__len__", &NodeContainer::GetN)
        .def("__getitem__",
             [](const NodeContainer& c, int64_t i) {
                 const int64_t n = c.GetN();
                 if (i < -n || i >= n)
                 {
                     throw py::index_error("node index " + std::to_string(i) + " of " +
                                           std::to_string(n));
                 }
                 return c.Get(static_cast<uint32_t>(i < 0 ? i + n : i));
             })
        .def("__iter__", [](const NodeContainer& c) {
            py::list l;
            for (auto it = c.Begin(); it != c.End(); ++it)
            {
                l.append(py::cast(*it));
            }
            return py::iter(l);
        });

    net.def(
        "set_name",
        [](Ptr<Node> node, const std::string& name) {
            if (name.empty() || name.find('/') != std::string::npos ||
                Names::Find<Object>(name) != nullptr)
            {
                throw std::invalid_argument("node name '" + name +
                                            "' is empty, has a '/' or is taken");
            }
            Names::Add(name, node);
        },
        py::arg("node"),
        py::arg("name"));
    net.def(
        "point_to_point",
        [](Ptr<Node> a,
           Ptr<Node> b,
           const std::string& network,
           const std::string& mask,
           const std::string& rate,
           double delay) {
            RequireStack(NodeContainer(a, b), true, "point_to_point");
            PointToPointHelper p2p;
            p2p.SetDeviceAttribute("DataRate", DataRateValue(CheckedRate(rate)));
            p2p.SetChannelAttribute("Delay", TimeValue(CheckedDelay(delay, "link delay")));
            Assign(p2p.Install(a, b), network, mask);
        },
        py::arg("a"),
        py::arg("b"),
        py::arg("network"),
        py::arg("mask") = "255.255.255.0",
        py::arg("data_rate") = "100Mbps",
        py::arg("delay") = 0.002,
        "Link two nodes (both with a stack) and number them from network/mask.");
    net.def(
        "csma_lan",
        [](const NodeContainer& nodes,
           const std::string& network,
           const std::string& mask,
           const std::string& rate) {
            RequireStack(nodes, true, "csma_lan");
            CsmaHelper csma;
            csma.SetChannelAttribute("DataRate", DataRateValue(CheckedRate(rate)));
            Assign(csma.Install(nodes), network, mask);
        },
        py::arg("nodes"),
        py::arg("network"),
        py::arg("mask") = "255.255.255.0",
        py::arg("data_rate") = "100Mbps",
        "One CSMA LAN of the nodes (router first, as the examples do).");
    net.def(
        "assign_streams",
        [](const NodeContainer& nodes, int64_t stream) {
            if (stream < 0)
            {
                throw std::invalid_argument("first stream must be >= 0");
            }
            // Streams ns-3 numbers itself continue from run to run in one
            // process: fixed numbers make two runs in a process identical.
            const int64_t first = stream;
            stream += CbtHelper::AssignStreams(nodes, stream);
            stream += IgmpHelper::AssignStreams(nodes, stream);
            // ARP's request jitter (whole milliseconds) and IPv6's timers.
            stream += InternetStackHelper().AssignStreams(nodes, stream);
            NetDeviceContainer csma;
            for (auto it = nodes.Begin(); it != nodes.End(); ++it)
            {
                for (uint32_t d = 0; d < (*it)->GetNDevices(); ++d)
                {
                    if (DynamicCast<CsmaNetDevice>((*it)->GetDevice(d)))
                    {
                        csma.Add((*it)->GetDevice(d));
                    }
                }
            }
            stream += CsmaHelper().AssignStreams(csma, stream); // back-off
            return stream - first;
        },
        py::arg("nodes"),
        py::arg("stream"),
        "Fix the random streams of the nodes' CBT routers, IGMP hosts and routers, ARP and "
        "CSMA back-off, from stream on; returns how many streams were used. Call after the "
        "links and helpers are installed.");
    net.def(
        "populate_routing_tables",
        []() { Ipv4GlobalRoutingHelper::PopulateRoutingTables(); },
        "Unicast routes everywhere (ns-3 global routing).");

    py::class_<CbtHelper>(net, "CbtHelper", "CBTv2 routers (RFC 2189)")
        .def(py::init<>())
        .def(
            "install",
            [](const CbtHelper& h, const NodeContainer& routers) {
                RequireStack(routers, false, "CbtHelper.install");
                h.RouterStack().Install(routers);
            },
            py::arg("routers"),
            "Give the routers an internet stack with CBT and global routing.")
        .def(
            "add_core",
            [](CbtHelper& h, const std::string& group, const std::string& mask, Ptr<Node> core) {
                CheckedAddress(core, "CbtHelper.add_core");
                h.AddCore(ParseAddress(group, "core group prefix"), CheckedMask(mask), core);
            },
            py::arg("group"),
            py::arg("mask"),
            py::arg("core"),
            "Make the node the core of the groups under group/mask.");

    py::class_<IgmpHelper>(net, "IgmpHelper", "IGMPv3 hosts and routers (RFC 3376)")
        .def(py::init<>())
        .def(
            "install_hosts",
            [](const IgmpHelper& h, const NodeContainer& hosts) {
                RequireStack(hosts, false, "IgmpHelper.install_hosts");
                h.InstallHosts(hosts);
            },
            py::arg("hosts"),
            "Give the hosts an internet stack with IGMPv3.")
        .def(
            "install_routers",
            [](const IgmpHelper& h, const NodeContainer& routers) {
                RequireStack(routers, true, "IgmpHelper.install_routers");
                h.InstallRouters(routers);
            },
            py::arg("routers"))
        .def_static(
            "set_default_multicast_route",
            [](Ptr<Node> host, uint32_t interface) {
                Ptr<Ipv4> ipv4 = host->GetObject<Ipv4>();
                if (!ipv4 || !IgmpHelper::GetStaticRouting(host) ||
                    interface >= ipv4->GetNInterfaces())
                {
                    throw std::invalid_argument("set_default_multicast_route: " + Label(host) +
                                                " has no static routing or no interface " +
                                                std::to_string(interface));
                }
                IgmpHelper::SetDefaultMulticastRoute(host, interface);
            },
            py::arg("host"),
            py::arg("interface") = 1);

    py::class_<PySmkdHelper>(net, "SmkdHelper", "RFC 1949 key distribution on routers and hosts")
        .def(py::init<>())
        .def(
            "add_secure_groups",
            [](PySmkdHelper& h, const std::string& prefix, const std::string& mask) {
                h.helper.AddSecureGroups(ParseAddress(prefix, "secure group prefix"),
                                         CheckedMask(mask));
            },
            py::arg("prefix"),
            py::arg("mask"))
        .def(
            "set_core_map",
            [](PySmkdHelper& h, const CbtHelper& cbt) {
                h.helper.SetCoreMap(cbt.GetCoreMap());
                h.hasCores = true;
            },
            py::arg("cbt"),
            "Use the cores of a CbtHelper.")
        .def(
            "install_gkdc",
            [](const PySmkdHelper& h, const NodeContainer& routers) {
                for (auto it = routers.Begin(); it != routers.End(); ++it)
                {
                    CheckedAddress(*it, "SmkdHelper.install_gkdc");
                }
                h.helper.InstallGkdc(routers);
            },
            py::arg("routers"))
        .def(
            "install_hosts",
            [](const PySmkdHelper& h, const NodeContainer& hosts) {
                if (!h.hasCores)
                {
                    throw std::invalid_argument(
                        "SmkdHelper.install_hosts: call set_core_map first");
                }
                for (auto it = hosts.Begin(); it != hosts.End(); ++it)
                {
                    CheckedAddress(*it, "SmkdHelper.install_hosts");
                    if (!(*it)->GetObject<IgmpHost>())
                    {
                        throw std::invalid_argument("SmkdHelper.install_hosts: " + Label(*it) +
                                                    " is not an IGMP host");
                    }
                }
                h.helper.InstallHosts(hosts);
            },
            py::arg("hosts"))
        .def(
            "install_initiator",
            [](const PySmkdHelper& h,
               Ptr<Node> node,
               const py::dict& acl,
               Ptr<Node> primaryCore,
               double start) {
                CheckedAddress(node, "SmkdHelper.install_initiator");
                const SmkdAccessList list = AclFromPy(acl, "install_initiator acl");
                h.helper.InstallInitiator(node,
                                          list,
                                          CheckedAddress(primaryCore, "primary core"),
                                          CheckedDelay(start, "initiator start"));
            },
            py::arg("node"),
            py::arg("acl"),
            py::arg("primary_core"),
            py::arg("start"),
            "The group initiator on node submits acl (a dict as payload.parse('SmkdAccessList') "
            "returns) to the primary core at time start (s).");

    net.def(
        "join",
        [](Ptr<Node> host, const std::string& group, double at, uint32_t interface, uint16_t port) {
            Ptr<SmkdHostAgent> agent = host->GetObject<SmkdHostAgent>();
            if (!agent)
            {
                throw std::invalid_argument("join: " + Label(host) + " has no SmkdHostAgent");
            }
            const Ipv4Address g = CheckedGroup(group, "join");
            Simulator::Schedule(CheckedDelay(at, "join time"),
                                &SmkdHostAgent::Join,
                                agent,
                                JoinSocket(host, port),
                                interface,
                                g);
        },
        py::arg("host"),
        py::arg("group"),
        py::arg("at"),
        py::arg("interface") = 1,
        py::arg("port") = 9000,
        "The host joins the secure group at time at (s) on a UDP socket bound to port.");
    net.def(
        "igmp_join",
        [](Ptr<Node> host, const std::string& group, double at, uint32_t interface, uint16_t port) {
            Ptr<IgmpHost> igmp = host->GetObject<IgmpHost>();
            if (!igmp)
            {
                throw std::invalid_argument("igmp_join: " + Label(host) + " has no IgmpHost");
            }
            const Ipv4Address g = CheckedGroup(group, "igmp_join");
            Ptr<Socket> s = JoinSocket(host, port);
            Simulator::Schedule(CheckedDelay(at, "join time"),
                                [igmp, s, interface, g]() { igmp->Join(s, interface, g); });
        },
        py::arg("host"),
        py::arg("group"),
        py::arg("at"),
        py::arg("interface") = 1,
        py::arg("port") = 9000,
        "The host joins the group through IGMPv3 only (no RFC 1949 security) at time at (s).");
    net.def(
        "leave",
        [](Ptr<Node> host, const std::string& group, double at, uint32_t interface) {
            const Ipv4Address g = CheckedGroup(group, "leave");
            Ptr<SmkdHostAgent> agent = host->GetObject<SmkdHostAgent>();
            Ptr<IgmpHost> igmp = host->GetObject<IgmpHost>();
            if (!igmp)
            {
                throw std::invalid_argument("leave: " + Label(host) + " has no IgmpHost");
            }
            Simulator::Schedule(CheckedDelay(at, "leave time"),
                                [host, agent, igmp, g, interface]() {
                                    for (Ptr<Socket> s : JoinSockets())
                                    {
                                        if (s->GetNode() != host)
                                        {
                                            continue;
                                        }
                                        if (agent)
                                        {
                                            agent->Leave(s, interface, g);
                                        }
                                        else
                                        {
                                            igmp->Leave(s, interface, g);
                                        }
                                    }
                                });
        },
        py::arg("host"),
        py::arg("group"),
        py::arg("at"),
        py::arg("interface") = 1,
        "The host leaves a group it joined with join or igmp_join, at time at (s); with an "
        "SmkdHostAgent it also drops the group's keys.");

    net.def(
        "set_attribute",
        [](Ptr<Node> node, const std::string& name, const std::string& value) {
            const NamedAttribute a = CheckedAttribute(name, value);
            Ptr<Object> object = ObjectOf(node, a.tid, "set_attribute");
            if (!object->SetAttributeFailSafe(a.attribute, StringValue(value)))
            {
                throw std::invalid_argument("attribute '" + name + "' of " + Label(node) +
                                            " refuses the value '" + value + "'");
            }
        },
        py::arg("node"),
        py::arg("name"),
        py::arg("value"),
        "Set an attribute of the node's object of that type, e.g. set_attribute(router, "
        "'ns3::SmkdGkdc::StrictCoreOnly', 'true'). KeyError for an unknown attribute, "
        "ValueError for a value it does not take or a node without such an object.");
    net.def(
        "get_attribute",
        [](Ptr<Node> node, const std::string& name) {
            const NamedAttribute a = LookupAttribute(name);
            StringValue value;
            ObjectOf(node, a.tid, "get_attribute")->GetAttribute(a.attribute, value);
            return value.Get();
        },
        py::arg("node"),
        py::arg("name"),
        "The value of an attribute of the node's object of that type, as text.");

    // Trace sources of the module's objects, to Python callables.
    OnTrace<SmkdHostAgent, Ipv4Address, Time>(
        net,
        "on_keys_installed",
        "KeysInstalled",
        "host",
        "SmkdHostAgent 'KeysInstalled': fn(group, join latency in s) when the host holds "
        "the group's keys.");
    OnTrace<SmkdHostAgent, Ipv4Address, uint32_t>(
        net,
        "on_rekey_installed",
        "RekeyInstalled",
        "host",
        "SmkdHostAgent 'RekeyInstalled': fn(group, SPI) when the host installs a re-keyed "
        "group key.");
    OnTrace<SmkdHostAgent, Ipv4Address>(net,
                                        "on_left",
                                        "Left",
                                        "host",
                                        "SmkdHostAgent 'Left': fn(group) when the host's "
                                        "membership ends (net.leave).");
    OnTrace<SmkdHostAgent, Ipv4Address, const std::string&>(
        net,
        "on_join_refused",
        "JoinRefused",
        "host",
        "SmkdHostAgent 'JoinRefused': fn(group, reason) when a secure join is refused.");
    OnTrace<SmkdGkdc, Ipv4Address, uint32_t>(
        net,
        "on_rekey_sent",
        "RekeySent",
        "router",
        "SmkdGkdc 'RekeySent': fn(group, SPI of the new key) when the primary core multicasts "
        "a new group key.");
    OnTrace<CbtRoutingProtocol, Ipv4Address, Time>(
        net,
        "on_join_completed",
        "JoinCompleted",
        "router",
        "CbtRoutingProtocol 'JoinCompleted': fn(group, latency in s) when a join of the tree "
        "this router originated is acknowledged (RFC 2189 §4.3; for secure groups, the "
        "secure join it sent for a member, RFC 1949 §6.2).");
}

} // namespace bindings
} // namespace smkd
} // namespace ns3
