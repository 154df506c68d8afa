/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// An independent decoder's view of the IGMP messages the module writes: an
// ns-3 node sends each message through a raw IP socket (protocol 2) on a CSMA
// link, the link is captured to pcap, and Wireshark's tshark must decode every
// frame without a malformed-packet or error-level expert report, with the
// message types, group addresses and record types that were sent.
//
// tshark is an optional dependency: without /usr/bin/tshark the test prints
// "tshark not installed: check skipped" (which CTest reports as a skip, see
// cmake/smkd-discover-suites.cmake) instead of passing silently.

#include "igmp-test-util.h"

#include "ns3/boolean.h"
#include "ns3/cbt-helper.h"
#include "ns3/csma-helper.h"
#include "ns3/global-value.h"
#include "ns3/igmp-helper.h"
#include "ns3/igmp-message.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

using namespace ns3;
using namespace ns3::smkd;
using namespace ns3::smkd::test;

namespace
{

const char* const TSHARK = "/usr/bin/tshark";

/// One message to send and where RFC 3376 §4.1.12 / §4.2.14 sends it.
struct Outgoing
{
    IgmpMessage message;
    Ipv4Address destination;
};

std::vector<Outgoing>
Messages()
{
    std::vector<Outgoing> out;
    IgmpQueryHeader general; // §8 defaults
    out.push_back({IgmpMessage(general), Ipv4Address("224.0.0.1")});

    IgmpQueryHeader groupQuery;
    groupQuery.SetGroup(Ipv4Address("239.1.2.3"));
    groupQuery.SetMaxRespCode(10);
    groupQuery.SetSuppressRouterProcessing(true);
    out.push_back({IgmpMessage(groupQuery), Ipv4Address("239.1.2.3")});

    IgmpQueryHeader sourceQuery;
    sourceQuery.SetGroup(Ipv4Address("232.1.1.1"));
    sourceQuery.SetMaxRespCode(IgmpEncodeFloatingCode(208));
    sourceQuery.SetQqic(IgmpEncodeFloatingCode(256));
    sourceQuery.AddSource(Ipv4Address("10.0.0.1"));
    sourceQuery.AddSource(Ipv4Address("10.0.0.2"));
    out.push_back({IgmpMessage(sourceQuery), Ipv4Address("232.1.1.1")});

    IgmpV3ReportHeader report;
    report.AddRecord(IgmpGroupRecord(IgmpRecordType::MODE_IS_INCLUDE,
                                     Ipv4Address("232.1.1.1"),
                                     {Ipv4Address("10.0.0.1")}));
    IgmpGroupRecord withAux(IgmpRecordType::MODE_IS_EXCLUDE, Ipv4Address("239.1.1.1"));
    withAux.SetAuxData({0x53, 0x4b, 0x44, 0x31, 0x00, 0x00, 0x00, 0x2a});
    report.AddRecord(withAux);
    report.AddRecord(
        IgmpGroupRecord(IgmpRecordType::CHANGE_TO_INCLUDE_MODE, Ipv4Address("239.1.1.2")));
    report.AddRecord(
        IgmpGroupRecord(IgmpRecordType::CHANGE_TO_EXCLUDE_MODE, Ipv4Address("239.1.1.3")));
    report.AddRecord(IgmpGroupRecord(IgmpRecordType::ALLOW_NEW_SOURCES,
                                     Ipv4Address("232.1.1.1"),
                                     {Ipv4Address("10.0.0.2"), Ipv4Address("10.0.0.3")}));
    report.AddRecord(IgmpGroupRecord(IgmpRecordType::BLOCK_OLD_SOURCES,
                                     Ipv4Address("232.1.1.1"),
                                     {Ipv4Address("10.0.0.1")}));
    out.push_back({IgmpMessage(report), Ipv4Address("224.0.0.22")});

    IgmpV2ReportHeader v2;
    v2.SetGroup(Ipv4Address("239.4.4.4"));
    out.push_back({IgmpMessage(v2), Ipv4Address("239.4.4.4")});
    IgmpV2LeaveHeader leave;
    leave.SetGroup(Ipv4Address("239.4.4.4"));
    out.push_back({IgmpMessage(leave), Ipv4Address("224.0.0.2")});
    IgmpV1ReportHeader v1;
    v1.SetGroup(Ipv4Address("239.5.5.5"));
    out.push_back({IgmpMessage(v1), Ipv4Address("239.5.5.5")});
    IgmpQueryHeader v2Query;
    v2Query.SetVersion(2);
    out.push_back({IgmpMessage(v2Query), Ipv4Address("224.0.0.1")});
    IgmpQueryHeader v1Query;
    v1Query.SetVersion(1);
    out.push_back({IgmpMessage(v1Query), Ipv4Address("224.0.0.1")});
    return out;
}

/**
 * \param command a shell command
 * \param output its standard output and error
 * \return its exit status, or -1 when it could not run
 */
int
RunCommand(const std::string& command, std::string& output)
{
    output.clear();
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr)
    {
        return -1;
    }
    char buffer[4096];
    std::size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
    {
        output.append(buffer, n);
    }
    const int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// tshark run as root prints a warning first; drop such lines.
std::string
WithoutRootWarning(const std::string& text)
{
    std::string out;
    std::size_t start = 0;
    while (start < text.size())
    {
        std::size_t end = text.find('\n', start);
        end = end == std::string::npos ? text.size() : end + 1;
        const std::string line = text.substr(start, end - start);
        if (line.rfind("Running as user", 0) != 0)
        {
            out += line;
        }
        start = end;
    }
    return out;
}

/**
 * What both tshark cases do: skip when tshark is absent, make a capture path
 * in a fresh temporary directory, have tshark -V decode the capture without
 * complaint, and read selected fields one frame per line.
 */
class TsharkTestCase : public TestCase
{
  protected:
    using TestCase::TestCase;

    /**
     * \param prefix temporary directory name prefix
     * \param file capture file name
     * \return the capture path, or "" when tshark is not installed
     */
    std::string CapturePath(const std::string& prefix, const std::string& file)
    {
        if (access(TSHARK, X_OK) != 0)
        {
            std::cerr << "tshark not installed: check skipped (" << TSHARK << " not found)"
                      << std::endl;
            return "";
        }
        std::string dirTemplate = "/tmp/" + prefix + "-XXXXXX";
        const char* dir = mkdtemp(dirTemplate.data());
        NS_TEST_EXPECT_MSG_NE(dir, nullptr, "temporary directory");
        m_dir = dir ? dir : "";
        return dir ? m_dir + "/" + file : "";
    }

    /**
     * \param pcap the capture
     * \param noWarnings also require that tshark issues no warning
     * \return true when tshark ran
     */
    bool ExpectDecodesCleanly(const std::string& pcap, bool noWarnings)
    {
        std::string verbose;
        const int rc =
            RunCommand(std::string(TSHARK) + " -n -o ip.check_checksum:TRUE -r '" + pcap + "' -V",
                       verbose);
        NS_TEST_EXPECT_MSG_EQ(rc, 0, "tshark -V exit status; output:\n" << verbose);
        if (rc != 0)
        {
            return false;
        }
        NS_TEST_EXPECT_MSG_EQ(verbose.find("Malformed"),
                              std::string::npos,
                              "tshark reports a malformed packet:\n"
                                  << verbose);
        NS_TEST_EXPECT_MSG_EQ(verbose.find("Expert Info (Error"),
                              std::string::npos,
                              "tshark reports an error:\n"
                                  << verbose);
        if (noWarnings)
        {
            NS_TEST_EXPECT_MSG_EQ(verbose.find("Expert Info (Warning"),
                                  std::string::npos,
                                  "tshark warns:\n"
                                      << verbose);
        }
        NS_TEST_EXPECT_MSG_EQ(verbose.find("[Checksum Status: Bad]"),
                              std::string::npos,
                              "tshark finds a bad checksum:\n"
                                  << verbose);
        return true;
    }

    /**
     * \param pcap the capture
     * \param fields tshark field options (-e ...)
     * \return the IGMP frames' fields, ';'-separated, one frame per line
     */
    std::string Fields(const std::string& pcap, const std::string& fields)
    {
        std::string out;
        RunCommand(std::string(TSHARK) + " -n -r '" + pcap +
                       "' -Y igmp -T fields -E 'separator=;' " + fields,
                   out);
        return WithoutRootWarning(out);
    }

    /// Remove the capture unless the test failed (then keep it for a look).
    void CleanUp(const std::string& pcap)
    {
        if (!IsStatusFailure())
        {
            std::remove(pcap.c_str());
            rmdir(m_dir.c_str());
        }
        else
        {
            std::cerr << "capture kept in " << pcap << std::endl;
        }
    }

  private:
    std::string m_dir;
};

class IgmpTsharkTestCase : public TsharkTestCase
{
  public:
    IgmpTsharkTestCase()
        : TsharkTestCase("tshark decodes every IGMP message sent through ns-3 without error")
    {
    }

  private:
    void DoRun() override
    {
        const std::string pcap = CapturePath("smkd-igmp-tshark", "igmp.pcap");
        if (pcap.empty())
        {
            return;
        }
        WriteCapture(pcap);
        if (!ExpectDecodesCleanly(pcap, true))
        {
            return;
        }

        // Field by field, one line a frame: type, group, record types, sources.
        const std::string fields =
            Fields(pcap,
                   "-e igmp.type -e igmp.version -e igmp.maddr "
                   "-e igmp.record_type -e igmp.saddr -e igmp.checksum.status");
        const std::string expected = "0x11;3;0.0.0.0;;;1\n"
                                     "0x11;3;239.1.2.3;;;1\n"
                                     "0x11;3;232.1.1.1;;10.0.0.1,10.0.0.2;1\n"
                                     "0x22;3;232.1.1.1,239.1.1.1,239.1.1.2,239.1.1.3,232.1.1.1,"
                                     "232.1.1.1;1,2,3,4,5,6;10.0.0.1,10.0.0.2,10.0.0.3,10.0.0.1;1\n"
                                     "0x16;2;239.4.4.4;;;1\n"
                                     "0x17;2;239.4.4.4;;;1\n"
                                     "0x12;1;239.5.5.5;;;1\n"
                                     "0x11;2;0.0.0.0;;;1\n"
                                     "0x11;1;0.0.0.0;;;1\n";
        NS_TEST_EXPECT_MSG_EQ(fields,
                              expected,
                              "tshark's reading of the messages (type/version/groups/"
                              "record types/sources/checksum ok)");

        CleanUp(pcap);
    }

    /**
     * \brief Send every message from node 0 to the link, captured at node 0's device.
     * \param pcap the capture file to write
     */
    void WriteCapture(const std::string& pcap)
    {
        NodeContainer nodes;
        nodes.Create(2);
        CsmaHelper csma;
        NetDeviceContainer devices = csma.Install(nodes);
        InternetStackHelper internet;
        internet.Install(nodes);
        Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
        addresses.Assign(devices);
        // ns-3 routes multicast output through the unicast table: a route for
        // 224.0.0.0/4 out of the CSMA device.
        Ipv4StaticRoutingHelper routing;
        routing.SetDefaultMulticastRoute(nodes.Get(0), devices.Get(0));

        // The socket takes a whole IP header, so that it carries what RFC 3376
        // §4 asks for: TTL 1 and TOS 0xc0. (ns-3's Ipv4Header has no room for
        // the Router Alert option; tshark does not require it.)
        Ptr<Socket> socket = Socket::CreateSocket(nodes.Get(0), Ipv4RawSocketFactory::GetTypeId());
        socket->SetAttribute("Protocol", UintegerValue(IgmpHeader::PROTOCOL_NUMBER));
        socket->SetAttribute("IpHeaderInclude", BooleanValue(true));
        socket->BindToNetDevice(devices.Get(0));
        csma.EnablePcap(pcap, devices.Get(0), false, true);

        const auto messages = Messages();
        for (std::size_t k = 0; k < messages.size(); ++k)
        {
            Ptr<Packet> p = messages[k].message.ToPacket(true);
            Ipv4Header ip;
            ip.SetSource(Ipv4Address("10.1.1.1"));
            ip.SetDestination(messages[k].destination);
            ip.SetProtocol(IgmpHeader::PROTOCOL_NUMBER);
            ip.SetTtl(1);
            ip.SetTos(0xc0);
            ip.SetIdentification(static_cast<uint16_t>(k + 1));
            ip.SetPayloadSize(p->GetSize());
            p->AddHeader(ip);
            const InetSocketAddress to(messages[k].destination, 0);
            Simulator::Schedule(Seconds(1.0 + 0.1 * k),
                                [socket, p, to]() { socket->SendTo(p, 0, to); });
        }
        // The socket re-reads the header we give it, so only ns-3's global
        // switch makes Ipv4L3Protocol fill in the IP header checksum.
        BooleanValue checksums;
        GlobalValue::GetValueByName("ChecksumEnabled", checksums);
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", checksums);
    }
};

/**
 * The same check on what the module's own IGMP router and host send: a
 * router (CBT and IGMP) and a host on a LAN; the host joins, blocks a
 * source and leaves; the router queries. tshark must decode it all cleanly
 * and see the records RFC 3376 prescribes for those calls.
 */
class IgmpProtocolCaptureTestCase : public TsharkTestCase
{
  public:
    IgmpProtocolCaptureTestCase()
        : TsharkTestCase("tshark decodes the queries and reports of IgmpRouter and IgmpHost")
    {
    }

  private:
    void DoRun() override
    {
        const std::string pcap = CapturePath("smkd-igmp-protocol", "lan.pcap");
        if (pcap.empty())
        {
            return;
        }
        Capture(pcap);
        if (!ExpectDecodesCleanly(pcap, false))
        {
            return;
        }
        const std::string fields = Fields(pcap,
                                          "-e igmp.type -e igmp.maddr -e igmp.record_type "
                                          "-e igmp.saddr -e ip.ttl -e ip.dsfield");
        // 0 s: the router's start-up General Query (the host, with no state
        // yet, ignores it). 5 s: the join, TO_EX({}) once (Robustness 1).
        // 6 s: the block, BLOCK({s}); in EXCLUDE mode the router answers
        // BLOCK(A) with Q(G,A-Y) (§6.4.2), sent Last Member Query Count = 2
        // times; the host adopts the queries' QRV of 2 (§4.1.6). 8 s: the
        // leave, TO_IN({}), now sent twice; the first makes the router send
        // Q(G) (§6.4.2, EXCLUDE + TO_IN), the second arrives during LMQT and
        // restarts the two group-specific queries.
        const std::string expected = "0x11;0.0.0.0;;;1;0xc0\n"
                                     "0x22;232.3.3.3;4;;1;0xc0\n"
                                     "0x22;232.3.3.3;6;10.9.9.9;1;0xc0\n"
                                     "0x11;232.3.3.3;;10.9.9.9;1;0xc0\n"
                                     "0x11;232.3.3.3;;10.9.9.9;1;0xc0\n"
                                     "0x22;232.3.3.3;3;;1;0xc0\n"
                                     "0x11;232.3.3.3;;;1;0xc0\n"
                                     "0x22;232.3.3.3;3;;1;0xc0\n"
                                     "0x11;232.3.3.3;;;1;0xc0\n"
                                     "0x11;232.3.3.3;;;1;0xc0\n";
        NS_TEST_EXPECT_MSG_EQ(fields, expected, "tshark's reading of the exchange");
        CleanUp(pcap);
    }

    static void Capture(const std::string& pcap)
    {
        BooleanValue checksums;
        GlobalValue::GetValueByName("ChecksumEnabled", checksums);
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        Ptr<Node> router = CreateObject<Node>();
        Ptr<Node> host = CreateObject<Node>();
        CbtHelper cbt;
        cbt.RouterStack().Install(router);
        IgmpHelper igmp;
        igmp.SetHostAttribute("RobustnessVariable", UintegerValue(1));
        igmp.InstallHosts(host);
        igmp.InstallRouters(router);
        CsmaHelper csma;
        NetDeviceContainer devices = csma.Install(NodeContainer(router, host));
        Ipv4AddressHelper addresses("10.2.2.0", "255.255.255.0");
        addresses.Assign(devices);
        cbt.AddCores(Ipv4Address("232.0.0.0"), Ipv4Mask("255.0.0.0"), {Ipv4Address("10.2.2.1")});
        csma.EnablePcap(pcap, devices.Get(1), false, true);
        Ptr<Socket> socket = Socket::CreateSocket(host, UdpSocketFactory::GetTypeId());
        Ptr<IgmpHost> h = IgmpHelper::GetHost(host);
        const Ipv4Address g("232.3.3.3");
        Simulator::Schedule(Seconds(5), &IgmpHost::Join, h, socket, 1, g);
        Simulator::Schedule(Seconds(6),
                            &IgmpHost::BlockSource,
                            h,
                            socket,
                            1,
                            g,
                            Ipv4Address("10.9.9.9"));
        Simulator::Schedule(Seconds(8), &IgmpHost::Leave, h, socket, 1, g);
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", checksums);
    }
};

class IgmpTsharkTestSuite : public TestSuite
{
  public:
    IgmpTsharkTestSuite()
        : TestSuite("smkd-igmp-tshark", SYSTEM)
    {
        AddTestCase(new IgmpTsharkTestCase, TestCase::QUICK);
        AddTestCase(new IgmpProtocolCaptureTestCase, TestCase::QUICK);
    }
};

IgmpTsharkTestSuite g_igmpTsharkTestSuite;

} // namespace
