/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * RFC 1949 Figure 1, secured: the group initiator hands the signed access
 * list to core C; host h behind router A joins with a signed token; the
 * join goes A -> B -> C, each hop verifying and re-signing; C answers with
 * the group access package; B and A verify, open, re-seal, re-sign, and become
 * GKDCs; A passes h's sealed keys to h. Then host o, on the same LAN but not
 * on the access list, is refused by A, now a GKDC. Hosts behind X3 and Y2 join
 * too. Real Ed25519 signatures and X25519 sealing (OpenSSL), with each
 * operation's cost charged to the node's simulated CPU.
 *
 * The program prints the annotated message sequence: who signed, verified,
 * sealed and opened what, when, and the CBT messages between them.
 *
 *   ./smkd run smkd-figure1 [--strict=1] [--delay=2ms]
 *       [--ns3::SmkdKeyDirectory::SignatureAlgorithm=Ed25519|EcdsaP256|RsaPss2048]
 *       [--ns3::SmkdKeyDirectory::SealAlgorithm=X25519|RsaOaep2048]
 *       [--ns3::SmkdKeyDirectory::CryptoMode=Real|Modeled] [--stats=DIR]
 *
 * With --stats, SmkdStatisticsCollector measures the run and writes its CSV
 * tables, summary.json and run.db (SQLite) into DIR.
 */

#include "ns3/cbt-helper.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/igmp-helper.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/smkd-helper.h"
#include "ns3/smkd-statistics-collector.h"

#include <iomanip>
#include <iostream>
#include <map>

using namespace ns3;

namespace
{

std::string
NameOf(uint32_t nodeId)
{
    const std::string n = Names::FindName(NodeList::GetNode(nodeId));
    return n.empty() ? "node" + std::to_string(nodeId) : n;
}

void
Line(uint32_t nodeId, const std::string& what)
{
    std::cout << std::fixed << std::setprecision(6) << std::setw(10)
              << Simulator::Now().GetSeconds() << " s  " << std::left << std::setw(10)
              << NameOf(nodeId) << std::right << what << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    bool strict = false;
    Time delay = MilliSeconds(2);
    std::string statsDir;
    CommandLine cmd(__FILE__);
    cmd.AddValue("strict", "RFC 1949 §7 strict mode: only cores are GKDCs", strict);
    cmd.AddValue("delay", "one-way delay of each router-router link", delay);
    cmd.AddValue("stats", "directory for the statistics collector's outputs", statsDir);
    cmd.Parse(argc, argv);
    const Ipv4Address group("232.19.49.1");

    CbtHelper cbt;
    InternetStackHelper routerStack = cbt.RouterStack();
    std::map<std::string, Ptr<Node>> r;
    NodeContainer routers;
    for (const char* name : {"C", "A", "B", "X0", "X1", "X3", "Y0", "Y1", "Y2", "Z0"})
    {
        Ptr<Node> n = CreateObject<Node>();
        Names::Add(name, n);
        routerStack.Install(n);
        r[name] = n;
        routers.Add(n);
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    uint32_t subnet = 0;
    auto assign = [&subnet](NetDeviceContainer d) {
        std::ostringstream base;
        base << "10.0." << ++subnet << ".0";
        Ipv4AddressHelper a(base.str().c_str(), "255.255.255.0");
        a.Assign(d);
    };
    for (const auto& [a, b] : std::vector<std::pair<const char*, const char*>>{{"C", "B"},
                                                                               {"B", "A"},
                                                                               {"C", "X1"},
                                                                               {"X1", "X0"},
                                                                               {"X0", "X3"},
                                                                               {"C", "Y0"},
                                                                               {"Y0", "Y1"},
                                                                               {"Y1", "Y2"},
                                                                               {"C", "Z0"}})
    {
        assign(p2p.Install(r[a], r[b]));
    }
    IgmpHelper igmp;
    NodeContainer hosts;
    std::map<std::string, Ptr<Node>> h;
    auto lan = [&](const char* router, std::vector<const char*> names) {
        NodeContainer nodes(r[router]);
        for (const char* name : names)
        {
            Ptr<Node> n = CreateObject<Node>();
            Names::Add(name, n);
            igmp.InstallHosts(n);
            h[name] = n;
            hosts.Add(n);
            nodes.Add(n);
        }
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        assign(csma.Install(nodes));
        for (const char* name : names)
        {
            IgmpHelper::SetDefaultMulticastRoute(h[name], 1);
        }
    };
    lan("A", {"h", "o"});
    lan("X3", {"x3-host"});
    lan("Y2", {"y2-host"});
    lan("C", {"initiator"});
    igmp.InstallRouters(routers);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    cbt.AddCore(group, Ipv4Mask("255.255.255.255"), r["C"]);

    SmkdHelper smkd; // Ed25519 + X25519/HKDF/AES-GCM, real OpenSSL
    smkd.AddSecureGroups(group, Ipv4Mask("255.255.255.255"));
    smkd.SetCoreMap(cbt.GetCoreMap());
    smkd.InstallGkdc(routers);
    smkd.InstallHosts(hosts);
    for (auto it = routers.Begin(); it != routers.End(); ++it)
    {
        (*it)->GetObject<SmkdGkdc>()->SetAttribute("StrictCoreOnly", BooleanValue(strict));
    }
    SmkdAccessList acl(group,
                       SmkdAccessList::Kind::GROUP_MEMBERS,
                       SmkdAccessList::Mode::INCLUSION,
                       CbtHelper::PrimaryAddress(h["initiator"]));
    for (const char* member : {"h", "x3-host", "y2-host"})
    {
        acl.Add(CbtHelper::PrimaryAddress(h[member]));
    }
    smkd.InstallInitiator(h["initiator"], acl, CbtHelper::PrimaryAddress(r["C"]), Seconds(1));

    // The annotated sequence.
    NodeContainer all(routers, hosts);
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        const uint32_t id = (*it)->GetId();
        (*it)->GetObject<SmkdSimulatedCpu>()->TraceConnectWithoutContext(
            "CryptoOperation",
            Callback<void, uint32_t, const std::string&, const std::string&, Time, Time>(
                [id](uint32_t, const std::string& op, const std::string& alg, Time cost, Time) {
                    Line(id,
                         op + " (" + alg + ", " + std::to_string(cost.GetMicroSeconds()) + " us)");
                }));
        if (Ptr<CbtRoutingProtocol> p = CbtHelper::Get(*it))
        {
            p->TraceConnectWithoutContext(
                "ControlTx",
                Callback<void, const CbtMessage&, uint32_t, Ipv4Address, uint32_t>(
                    [id](const CbtMessage& m, uint32_t, Ipv4Address to, uint32_t bytes) {
                        if (m.GetType() == CbtMessageType::JOIN_REQUEST ||
                            m.GetType() == CbtMessageType::JOIN_ACK)
                        {
                            std::ostringstream os;
                            os << "--> " << CbtMessageTypeName(m.GetType()) << " to " << to << " ("
                               << bytes << " bytes, signed)";
                            Line(id, os.str());
                        }
                    }));
        }
        if (Ptr<SmkdGkdc> g = (*it)->GetObject<SmkdGkdc>())
        {
            g->TraceConnectWithoutContext("GkdcRoleGained",
                                          Callback<void, Ipv4Address>([id](Ipv4Address) {
                                              Line(id, "*** holds the group's keys: now a GKDC");
                                          }));
            g->TraceConnectWithoutContext(
                "JoinRefused",
                Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                    [id](Ipv4Address, Ipv4Address host, const std::string& why) {
                        std::ostringstream os;
                        os << "*** refuses " << host << ": " << why;
                        Line(id, os.str());
                    }));
        }
        if (Ptr<SmkdHostAgent> a = (*it)->GetObject<SmkdHostAgent>())
        {
            a->TraceConnectWithoutContext(
                "KeysInstalled",
                Callback<void, Ipv4Address, Time>([id](Ipv4Address, Time latency) {
                    Line(id,
                         "*** keys installed, join latency " +
                             std::to_string(latency.GetMicroSeconds()) + " us");
                }));
            a->TraceConnectWithoutContext("JoinRefused",
                                          Callback<void, Ipv4Address, const std::string&>(
                                              [id](Ipv4Address, const std::string& why) {
                                                  Line(id, "*** join refused: " + why);
                                              }));
        }
    }

    std::vector<Ptr<Socket>> sockets;
    auto join = [&](const char* name, Time at) {
        Ptr<Socket> s = Socket::CreateSocket(h[name], UdpSocketFactory::GetTypeId());
        s->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9000));
        sockets.push_back(s);
        Simulator::Schedule(at, [name, at]() {
            std::cout << "\n"
                      << std::fixed << std::setprecision(6) << at.GetSeconds() << " s  " << name
                      << " joins "
                      << "232.19.49.1\n";
        });
        Simulator::Schedule(at,
                            &SmkdHostAgent::Join,
                            h[name]->GetObject<SmkdHostAgent>(),
                            s,
                            1,
                            group);
    };
    Ptr<SmkdCryptoSuite> suite = smkd.GetDirectory()->GetSuite();
    std::cout << "RFC 1949 Figure 1: secure joins to " << group << " (core C"
              << (strict ? ", strict mode" : "")
              << ")\ncrypto: " << SmkdSignatureAlgorithmName(suite->GetSignatureAlgorithm())
              << " + " << SmkdSealAlgorithmName(suite->GetSealAlgorithm()) << ", "
              << (suite->IsModeled() ? "MODELED (placeholder bytes: no security property holds)"
                                     : "real OpenSSL")
              << "\n\n1.000000 s  initiator submits the signed ACL\n";
    Ptr<SmkdStatisticsCollector> stats = CreateObject<SmkdStatisticsCollector>();
    stats->SetParameter("strict", strict ? "1" : "0");
    stats->SetParameter("delay", std::to_string(delay.GetMicroSeconds()) + "us");
    stats->SetPrimaryCore(r["C"]->GetId());
    stats->Attach(all);
    join("h", Seconds(5));
    join("o", Seconds(7));
    join("x3-host", Seconds(9));
    join("y2-host", Seconds(11));
    Simulator::Stop(Seconds(13));
    Simulator::Run();

    std::cout << "\noperations per node (sign/verify/seal/open)\n";
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        Ptr<SmkdCryptoEngine> e = (*it)->GetObject<SmkdCryptoEngine>();
        const uint64_t n = e->GetCount(SmkdCryptoOp::SIGN) + e->GetCount(SmkdCryptoOp::VERIFY) +
                           e->GetCount(SmkdCryptoOp::SEAL) + e->GetCount(SmkdCryptoOp::OPEN);
        if (n > 0)
        {
            std::cout << "  " << std::left << std::setw(10) << NameOf((*it)->GetId()) << std::right
                      << e->GetCount(SmkdCryptoOp::SIGN) << "/" << e->GetCount(SmkdCryptoOp::VERIFY)
                      << "/" << e->GetCount(SmkdCryptoOp::SEAL) << "/"
                      << e->GetCount(SmkdCryptoOp::OPEN) << "\n";
        }
    }
    if (!statsDir.empty())
    {
        stats->Finalize();
        stats->WriteCsv(statsDir, "");
        stats->WriteJson(statsDir + "/summary.json");
        if (SmkdStatisticsCollector::IsSqliteAvailable())
        {
            stats->WriteSqlite(statsDir + "/run.db");
        }
        const SmkdStatisticsResults res = stats->GetResults();
        std::cout << "\nstatistics in " << statsDir << ": " << res.joinsCompleted
                  << " joins, latency p50 " << res.joinLatency.p50 * 1e3 << " ms, max "
                  << res.joinLatency.max * 1e3 << " ms; " << res.controlMessages
                  << " control messages, " << res.controlBytes << " bytes; core's share of "
                  << "router CPU time " << res.busyInfrastructure.primaryShare << ", Gini "
                  << res.busyInfrastructure.gini << "\n";
    }
    Simulator::Destroy();
    return 0;
}
