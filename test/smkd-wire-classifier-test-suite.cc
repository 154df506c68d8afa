/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// What the wire accounting calls each frame a device sends, row by row:
// the link framing, the IP protocol, the key layer's ports and message
// types, the packet-handle shim, and frames cut short anywhere.

#include "ns3/smkd-wire-classifier.h"
#include "ns3/test.h"

#include <string>
#include <vector>

using namespace ns3;

namespace
{

using Bytes = std::vector<uint8_t>;

/// An IPv4 header (20 bytes, no options) for \p payload bytes of \p protocol.
Bytes
Ip(uint8_t protocol, std::size_t payload)
{
    const std::size_t total = 20 + payload;
    return {0x45,
            0,
            uint8_t(total >> 8),
            uint8_t(total),
            0,
            0,
            0,
            0,
            64,
            protocol,
            0,
            0,
            10,
            0,
            0,
            1,
            232,
            1,
            1,
            1};
}

/// A UDP header from \p source to \p destination.
Bytes
Udp(uint16_t source, uint16_t destination, std::size_t payload)
{
    const std::size_t length = 8 + payload;
    return {uint8_t(source >> 8),
            uint8_t(source),
            uint8_t(destination >> 8),
            uint8_t(destination),
            uint8_t(length >> 8),
            uint8_t(length),
            0,
            0};
}

Bytes
Cat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes& p : parts)
    {
        out.insert(out.end(), p.begin(), p.end());
    }
    return out;
}

/// \p ip in a PPP frame.
Bytes
Ppp(const Bytes& ip)
{
    return Cat({{0x00, 0x21}, ip});
}

/// \p payload in an Ethernet II frame of \p etherType, with its FCS.
Bytes
Ethernet(const Bytes& payload, uint16_t etherType = 0x0800)
{
    Bytes header(12, 0x02);
    header.push_back(uint8_t(etherType >> 8));
    header.push_back(uint8_t(etherType));
    return Cat({header, payload, {0, 0, 0, 0}});
}

/// A key-layer UDP datagram whose message has \p type as its first byte and 20 bytes in all.
Bytes
KeyLayer(uint16_t source, uint16_t destination, uint8_t type)
{
    Bytes message(20, 0);
    message[0] = type;
    return Cat({Ip(17, 8 + message.size()), Udp(source, destination, message.size()), message});
}

struct Row
{
    Bytes frame;
    SmkdLinkFraming framing;
    bool ip;
    const char* protocol;
    const char* type;
    uint32_t ipBytes;
    const char* why;
};

std::vector<Row>
Rows()
{
    const Bytes join = Cat({Ip(7, 12), {0x21, 4, 0, 0}, Bytes(8, 0)}); // CBT v2 JOIN_REQUEST
    const Bytes report = Cat({Ip(2, 8), {0x22, 0, 0, 0, 0, 0, 0, 0}});
    const Bytes shim = Cat({Ip(253, 8 + 12), {0, 0, 0, 7, 7, 0, 0, 0}, {0x22, 4, 0, 0}, Bytes(8)});
    const SmkdLinkFraming ppp = SmkdLinkFraming::PPP;
    const SmkdLinkFraming eth = SmkdLinkFraming::ETHERNET;
    return {
        {Ppp(join), ppp, true, "cbt", "JOIN_REQUEST", 32, "CBT on a router link"},
        {Ethernet(report), eth, true, "igmp", "V3_MEMBERSHIP_REPORT", 28, "an IGMPv3 report"},
        {Ppp(shim), ppp, true, "cbt", "JOIN_ACK", 40, "a CBT message behind a handle shim"},
        {Ppp(KeyLayer(1952, 1952, 1)), ppp, true, "smkd", "rekey", 48, "group key port"},
        {Ppp(KeyLayer(1952, 1952, 3)), ppp, true, "smkd", "revocation", 48, "a revocation"},
        {Ethernet(KeyLayer(1949, 1950, 1)), eth, true, "smkd", "key-delivery", 48, "to a host"},
        {Ppp(KeyLayer(49153, 1949, 5)), ppp, true, "smkd", "sender-key-request", 48, "to 1949"},
        {Ppp(KeyLayer(1951, 49153, 2)), ppp, true, "smkd", "kdc-keys", 48, "from the KDC"},
        {Ppp(KeyLayer(1951, 49153, 4)), ppp, true, "smkd", "kdc-unicast-rekey", 48, "sealed"},
        {Ppp(KeyLayer(1951, 49153, 5)), ppp, true, "smkd", "kdc-unknown", 48, "no such type"},
        {Ppp(KeyLayer(1949, 49153, 2)), ppp, true, "smkd", "acl-answer", 48, "to the initiator"},
        {Ppp(KeyLayer(1952, 1952, 9)), ppp, true, "smkd", "group-key-unknown", 48, "bad type"},
        {Ppp(KeyLayer(49153, 5000, 1)), ppp, true, "data", "udp", 48, "group data"},
        {Ppp(Cat({Ip(4, 20), Ip(17, 0)})), ppp, true, "data", "cbt-encapsulated", 40, "IP-in-IP"},
        {Ppp(Cat({Ip(1, 8), Bytes(8)})), ppp, true, "ip", "protocol-1", 28, "ICMP"},
        {Ethernet(Bytes(28), 0x0806), eth, false, "link", "arp", 0, "ARP"},
        {Ppp(Cat({{0x60}, Bytes(39)})), ppp, false, "link", "non-ip", 0, "an IPv6 packet"},
        {{0x00, 0x57}, ppp, false, "link", "non-ip", 0, "a PPP frame of IPv6"},
        {{0x00}, ppp, false, "link", "non-ip", 0, "one byte"},
        {Ppp(Bytes(join.begin(), join.begin() + 19)), ppp, false, "link", "non-ip", 0, "short IP"},
        {Ppp(Bytes(join.begin(), join.begin() + 20)), ppp, true, "cbt", "truncated", 20, "no body"},
        {Ppp(Bytes(shim.begin(), shim.begin() + 24)),
         ppp,
         true,
         "ip",
         "truncated-shim",
         24,
         "shim"},
        {Ppp(Cat({Ip(17, 8), {7, 0x9d}})), ppp, true, "ip", "protocol-17", 22, "UDP cut short"},
    };
}

class WireClassifierTestCase : public TestCase
{
  public:
    WireClassifierTestCase()
        : TestCase("frames are named by protocol and message type, and cut-short ones safely")
    {
    }

  private:
    void DoRun() override
    {
        for (const Row& row : Rows())
        {
            Ptr<Packet> frame = Create<Packet>(row.frame.data(), row.frame.size());
            SmkdWireMessage m;
            const bool ip = SmkdClassifyFrame(frame, row.framing, m);
            NS_TEST_EXPECT_MSG_EQ(ip, row.ip, row.why);
            NS_TEST_EXPECT_MSG_EQ(std::string(m.protocol), row.protocol, row.why);
            NS_TEST_EXPECT_MSG_EQ(std::string(m.type), row.type, row.why);
            NS_TEST_EXPECT_MSG_EQ(m.ipBytes, row.ipBytes, row.why);
            NS_TEST_EXPECT_MSG_EQ(m.frameBytes, row.frame.size(), row.why << ": the whole frame");
        }
    }
};

class SmkdWireClassifierTestSuite : public TestSuite
{
  public:
    SmkdWireClassifierTestSuite()
        : TestSuite("smkd-wire-classifier", UNIT)
    {
        AddTestCase(new WireClassifierTestCase(), TestCase::QUICK);
    }
};

SmkdWireClassifierTestSuite g_smkdWireClassifierTestSuite;

} // namespace
