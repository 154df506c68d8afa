/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CBTv2 wire format (RFC 2189 §7): every message type against bytes derived by
// hand from the RFC figures, round trips through bytes and through ns-3
// packets, and the module's extended option length.

#include "cbt-test-util.h"

#include "ns3/cbt-message.h"
#include "ns3/internet-checksum.h"
#include "ns3/test.h"

#include <stdexcept>
#include <string>

using namespace ns3;
using namespace ns3::smkd;
using namespace ns3::smkd::test;

namespace
{

/**
 * Each vector below is laid out field by field from the figure of its RFC 2189
 * section; the checksum is worked out by hand as RFC 1071 describes: add the
 * message as 16-bit big-endian words with the checksum field zero (an odd last
 * byte is the high octet of a final word), fold the carries, complement.
 */
struct HandVector
{
    const char* name;
    CbtMessage message;
    std::vector<uint8_t> bytes;
};

std::vector<HandVector>
HandVectors()
{
    std::vector<HandVector> v;

    // §7.2 HELLO, preference 10, no option.
    //   20 04 cccc 0a           vers 2 | type 0, addr len 4, checksum, preference
    //   sum = 0x2004 + 0x0a00 (odd byte is the high octet) = 0x2a04 -> ~ = 0xd5fb
    {
        CbtHelloHeader h;
        h.SetPreference(10);
        v.push_back({"HELLO", CbtMessage(h), {0x20, 0x04, 0xd5, 0xfb, 0x0a}});
    }
    // §7.2 HELLO from a border router: preference 255, option BR_HELLO (type 0, len 0).
    //   20 04 cccc ff 00 00
    //   sum = 0x2004 + 0xff00 + 0x0000 = 0x11f04 -> fold 0x1f05 -> ~ = 0xe0fa
    {
        CbtHelloHeader h;
        h.GetOptions().Add(CbtOptionType::BR_HELLO, {});
        v.push_back({"HELLO+BR_HELLO", CbtMessage(h), {0x20, 0x04, 0xe0, 0xfa, 0xff, 0x00, 0x00}});
    }
    // §7.3 JOIN_REQUEST for 224.1.2.3, target core 10.0.0.1, originated by 10.0.3.2.
    //   21 04 cccc | e0 01 02 03 | 0a 00 00 01 | 0a 00 03 02
    //   sum = 0x2104+0xe001+0x0203+0x0a00+0x0001+0x0a00+0x0302 = 0x11a0b
    //       -> fold 0x1a0c -> ~ = 0xe5f3
    {
        CbtJoinRequestHeader j;
        j.SetGroup(Ipv4Address("224.1.2.3"));
        j.SetTarget(Ipv4Address("10.0.0.1"));
        j.SetOriginator(Ipv4Address("10.0.3.2"));
        v.push_back({"JOIN_REQUEST",
                     CbtMessage(j),
                     {0x21,
                      0x04,
                      0xe5,
                      0xf3,
                      0xe0,
                      0x01,
                      0x02,
                      0x03,
                      0x0a,
                      0x00,
                      0x00,
                      0x01,
                      0x0a,
                      0x00,
                      0x03,
                      0x02}});
    }
    // §7.4 JOIN_ACK for 224.1.2.3 to DR 10.0.3.2, one option: type 0x80, len 3, aa bb cc.
    //   22 04 cccc | e0 01 02 03 | 0a 00 03 02 | 80 03 aa bb cc
    //   sum = 0x2204+0xe001+0x0203+0x0a00+0x0302+0x8003+0xaabb+0xcc00 = 0x307c8
    //       -> fold 0x07cb -> ~ = 0xf834
    {
        CbtJoinAckHeader a;
        a.SetGroup(Ipv4Address("224.1.2.3"));
        a.SetTarget(Ipv4Address("10.0.3.2"));
        a.GetOptions().Add(0x80, {0xaa, 0xbb, 0xcc});
        v.push_back({"JOIN_ACK",
                     CbtMessage(a),
                     {0x22,
                      0x04,
                      0xf8,
                      0x34,
                      0xe0,
                      0x01,
                      0x02,
                      0x03,
                      0x0a,
                      0x00,
                      0x03,
                      0x02,
                      0x80,
                      0x03,
                      0xaa,
                      0xbb,
                      0xcc}});
    }
    // §7.5 QUIT_NOTIFICATION for 239.255.0.1 from child 192.168.1.2.
    //   23 04 cccc | ef ff 00 01 | c0 a8 01 02
    //   sum = 0x2304+0xefff+0x0001+0xc0a8+0x0102 = 0x1d4ae -> fold 0xd4af -> ~ = 0x2b50
    {
        CbtQuitNotificationHeader q;
        q.SetGroup(Ipv4Address("239.255.0.1"));
        q.SetOriginatingChild(Ipv4Address("192.168.1.2"));
        v.push_back({"QUIT_NOTIFICATION",
                     CbtMessage(q),
                     {0x23, 0x04, 0x2b, 0x50, 0xef, 0xff, 0x00, 0x01, 0xc0, 0xa8, 0x01, 0x02}});
    }
    // §7.6 ECHO_REQUEST from child 10.1.1.1.
    //   24 04 cccc | 0a 01 01 01
    //   sum = 0x2404+0x0a01+0x0101 = 0x2f06 -> ~ = 0xd0f9
    {
        CbtEchoRequestHeader e;
        e.SetOriginatingChild(Ipv4Address("10.1.1.1"));
        v.push_back(
            {"ECHO_REQUEST", CbtMessage(e), {0x24, 0x04, 0xd0, 0xf9, 0x0a, 0x01, 0x01, 0x01}});
    }
    // §7.7 ECHO_REPLY from parent 10.1.1.2 for groups 224.0.1.1 and 224.0.1.2.
    //   25 04 cccc | 0a 01 01 02 | e0 00 01 01 | e0 00 01 02
    //   sum = 0x2504+0x0a01+0x0102+0xe000+0x0101+0xe000+0x0102 = 0x1f20a
    //       -> fold 0xf20b -> ~ = 0x0df4
    {
        CbtEchoReplyHeader e;
        e.SetOriginatingParent(Ipv4Address("10.1.1.2"));
        e.AddGroup(Ipv4Address("224.0.1.1"));
        e.AddGroup(Ipv4Address("224.0.1.2"));
        v.push_back({"ECHO_REPLY",
                     CbtMessage(e),
                     {0x25,
                      0x04,
                      0x0d,
                      0xf4,
                      0x0a,
                      0x01,
                      0x01,
                      0x02,
                      0xe0,
                      0x00,
                      0x01,
                      0x01,
                      0xe0,
                      0x00,
                      0x01,
                      0x02}});
    }
    // §7.8 FLUSH_TREE for 224.1.2.3.
    //   26 04 cccc | e0 01 02 03
    //   sum = 0x2604+0xe001+0x0203 = 0x10808 -> fold 0x0809 -> ~ = 0xf7f6
    {
        CbtFlushTreeHeader f;
        f.AddGroup(Ipv4Address("224.1.2.3"));
        v.push_back(
            {"FLUSH_TREE", CbtMessage(f), {0x26, 0x04, 0xf7, 0xf6, 0xe0, 0x01, 0x02, 0x03}});
    }
    return v;
}

/// Serialising each message gives exactly the hand-derived bytes, and parsing
/// those bytes (checksum verified) gives a message that serialises to them again.
class CbtHandVectorTestCase : public TestCase
{
  public:
    CbtHandVectorTestCase()
        : TestCase("serialize and parse match byte vectors derived from RFC 2189 §7")
    {
    }

  private:
    void DoRun() override
    {
        for (const auto& hv : HandVectors())
        {
            const auto bytes = hv.message.ToBytes(true);
            NS_TEST_EXPECT_MSG_EQ(Hex(bytes), Hex(hv.bytes), hv.name << " serialised");
            NS_TEST_EXPECT_MSG_EQ(hv.message.GetSerializedSize(),
                                  hv.bytes.size(),
                                  hv.name << " GetSerializedSize");
            NS_TEST_EXPECT_MSG_EQ(InternetChecksum(hv.bytes.data(), hv.bytes.size()),
                                  0,
                                  hv.name << " vector sums to zero with its checksum");
            CbtMessage parsed;
            WireStatus st = ParseBytes(hv.bytes, true, parsed);
            NS_TEST_EXPECT_MSG_EQ(st.Ok(), true, hv.name << " parse: " << st);
            NS_TEST_EXPECT_MSG_EQ(parsed.GetType(), hv.message.GetType(), hv.name << " type");
            NS_TEST_EXPECT_MSG_EQ(Hex(parsed.ToBytes(true)), Hex(hv.bytes), hv.name << " again");
            const uint16_t checksumField = (hv.bytes[2] << 8) | hv.bytes[3];
            NS_TEST_EXPECT_MSG_EQ(parsed.GetReceivedChecksum(),
                                  checksumField,
                                  hv.name << " checksum as read");
        }
    }
};

/// Every field of every message type survives bytes -> message -> bytes, and
/// the same headers go through an ns-3 Packet with AddHeader/RemoveHeader.
class CbtRoundTripTestCase : public TestCase
{
  public:
    CbtRoundTripTestCase()
        : TestCase("every message type round-trips through bytes and ns-3 packets")
    {
    }

  private:
    void DoRun() override
    {
        const Ipv4Address group("232.10.20.30");
        const Ipv4Address core("10.255.0.1");
        const Ipv4Address dr("172.16.5.9");

        CbtHelloHeader hello;
        hello.SetPreference(CbtHelloHeader::DR_PREFERENCE);
        hello.GetOptions().Add(CbtOptionType::BR_HELLO, {});
        CbtMessage m;
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(hello).ToBytes(true), true, m).Ok(),
                              true,
                              "HELLO");
        NS_TEST_EXPECT_MSG_EQ(unsigned(m.As<CbtHelloHeader>()->GetPreference()), 0u, "preference");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtHelloHeader>()->GetOptions().Get().size(), 1u, "options");

        CbtJoinRequestHeader join;
        join.SetGroup(group);
        join.SetTarget(core);
        join.SetOriginator(dr);
        join.GetOptions().Add(CbtOptionType::HOST_TOKEN, std::vector<uint8_t>(80, 0x11));
        join.GetOptions().Add(CbtOptionType::SIGNATURE, std::vector<uint8_t>(64, 0x22));
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(join).ToBytes(true), true, m).Ok(),
                              true,
                              "JOIN");
        const auto* j = m.As<CbtJoinRequestHeader>();
        NS_TEST_ASSERT_MSG_NE(j, nullptr, "JOIN_REQUEST body");
        NS_TEST_EXPECT_MSG_EQ(j->GetGroup(), group, "group");
        NS_TEST_EXPECT_MSG_EQ(j->GetTarget(), core, "target");
        NS_TEST_EXPECT_MSG_EQ(j->GetOriginator(), dr, "originator");
        NS_TEST_EXPECT_MSG_EQ((j->GetOptions() == join.GetOptions()), true, "options");
        NS_TEST_EXPECT_MSG_EQ(j->GetOptions().Find(CbtOptionType::SIGNATURE)->value.size(),
                              64u,
                              "signature option");

        CbtJoinAckHeader ack;
        ack.SetGroup(group);
        ack.SetTarget(dr);
        ack.GetOptions().Add(CbtOptionType::GROUP_ACCESS_PACKAGE, std::vector<uint8_t>(1500, 0x33));
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(ack).ToBytes(true), true, m).Ok(), true, "ACK");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtJoinAckHeader>()->GetTarget(), dr, "ack target");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.As<CbtJoinAckHeader>()
                                      ->GetOptions()
                                      .Find(CbtOptionType::GROUP_ACCESS_PACKAGE)
                                      ->value),
                              Hex(std::vector<uint8_t>(1500, 0x33)),
                              "1500-byte grpAP survives");

        CbtQuitNotificationHeader quit;
        quit.SetGroup(group);
        quit.SetOriginatingChild(dr);
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(quit).ToBytes(true), true, m).Ok(),
                              true,
                              "QUIT");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtQuitNotificationHeader>()->GetOriginatingChild(),
                              dr,
                              "child");

        CbtEchoRequestHeader echo;
        echo.SetOriginatingChild(dr);
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(echo).ToBytes(true), true, m).Ok(),
                              true,
                              "ECHO");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtEchoRequestHeader>()->GetOriginatingChild(), dr, "child");

        CbtEchoReplyHeader reply;
        reply.SetOriginatingParent(core);
        for (uint32_t g = 0; g < 50; ++g)
        {
            reply.AddGroup(Ipv4Address(0xe0000100 + g));
        }
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(reply).ToBytes(true), true, m).Ok(),
                              true,
                              "REPLY");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtEchoReplyHeader>()->GetGroups().size(), 50u, "50 groups");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtEchoReplyHeader>()->GetGroups()[49],
                              Ipv4Address(0xe0000131),
                              "last group");

        CbtEchoReplyHeader emptyReply;
        emptyReply.SetOriginatingParent(core);
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(emptyReply).ToBytes(true), true, m).Ok(),
                              true,
                              "ECHO_REPLY with no group is legal");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtEchoReplyHeader>()->GetGroups().size(), 0u, "no group");

        CbtFlushTreeHeader flush;
        flush.AddGroup(group);
        flush.AddGroup(Ipv4Address("239.1.1.1"));
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(flush).ToBytes(true), true, m).Ok(),
                              true,
                              "FLUSH");
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtFlushTreeHeader>()->GetGroups().size(), 2u, "2 groups");

        // The ns-3 way: body and common header as separate headers of one packet.
        Ptr<Packet> p = CbtMessage(join).ToPacket(true);
        CbtHeader common;
        p->RemoveHeader(common);
        NS_TEST_EXPECT_MSG_EQ(common.GetParseStatus().Ok(), true, "common header");
        NS_TEST_EXPECT_MSG_EQ(common.IsChecksumOk(), true, "checksum verifies in the packet");
        NS_TEST_EXPECT_MSG_EQ(common.GetType(), CbtMessageType::JOIN_REQUEST, "type");
        CbtJoinRequestHeader body;
        p->RemoveHeader(body);
        NS_TEST_EXPECT_MSG_EQ(body.GetParseStatus().Ok(), true, "body");
        NS_TEST_EXPECT_MSG_EQ(body.GetOriginator(), dr, "originator via RemoveHeader");
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 0u, "nothing left in the packet");

        // Checksums off (ns-3's ChecksumEnabled false): the field is zero and the
        // message still parses when the receiver does not verify.
        auto unchecked = CbtMessage(quit).ToBytes(false);
        NS_TEST_EXPECT_MSG_EQ(unsigned(unchecked[2]) + unchecked[3], 0u, "checksum field zero");
        NS_TEST_EXPECT_MSG_EQ(ParseBytes(unchecked, false, m).Ok(), true, "unverified parse");
    }
};

/// The option length extension of doc/smkd.rst: 0..254 bytes use the RFC's
/// one-octet length, 255..65535 bytes the escape 0xff plus 16 bits.
class CbtExtendedOptionTestCase : public TestCase
{
  public:
    CbtExtendedOptionTestCase()
        : TestCase("option lengths: one octet up to 254, escape 0xff + 16 bits from 255")
    {
    }

  private:
    void DoRun() override
    {
        struct Case
        {
            std::size_t valueSize;
            std::vector<uint8_t> expectedHeader; // type, length octet(s)
        };

        const Case cases[] = {
            {0, {0x83, 0x00}},
            {254, {0x83, 0xfe}},
            {255, {0x83, 0xff, 0x00, 0xff}},
            {300, {0x83, 0xff, 0x01, 0x2c}},
            {65000, {0x83, 0xff, 0xfd, 0xe8}},
        };
        for (const auto& c : cases)
        {
            CbtJoinAckHeader ack;
            ack.SetGroup(Ipv4Address("224.0.0.100"));
            ack.SetTarget(Ipv4Address("10.0.0.2"));
            std::vector<uint8_t> value(c.valueSize);
            for (std::size_t i = 0; i < value.size(); ++i)
            {
                value[i] = static_cast<uint8_t>(i * 7);
            }
            ack.GetOptions().Add(CbtOptionType::SIGNATURE, value);
            const auto bytes = CbtMessage(ack).ToBytes(true);
            // common header 4 + group 4 + target 4, then the option.
            const std::size_t at = 12;
            NS_TEST_ASSERT_MSG_EQ(bytes.size(),
                                  at + c.expectedHeader.size() + c.valueSize,
                                  "size for a " << c.valueSize << "-byte value");
            std::vector<uint8_t> header(bytes.begin() + at,
                                        bytes.begin() + at + c.expectedHeader.size());
            NS_TEST_EXPECT_MSG_EQ(Hex(header),
                                  Hex(c.expectedHeader),
                                  "option header for " << c.valueSize << " bytes");
            CbtMessage m;
            WireStatus st = ParseBytes(bytes, true, m);
            NS_TEST_ASSERT_MSG_EQ(st.Ok(), true, c.valueSize << " bytes: " << st);
            NS_TEST_EXPECT_MSG_EQ(
                (m.As<CbtJoinAckHeader>()->GetOptions().Find(CbtOptionType::SIGNATURE)->value ==
                 value),
                true,
                "value of " << c.valueSize << " bytes intact");
        }

        // Several options, short and long, keep their order.
        CbtJoinRequestHeader join;
        join.GetOptions().Add(CbtOptionType::HOST_TOKEN, std::vector<uint8_t>(100, 1));
        join.GetOptions().Add(CbtOptionType::ROUTER_TOKEN, std::vector<uint8_t>(400, 2));
        join.GetOptions().Add(CbtOptionType::SIGNATURE, std::vector<uint8_t>(64, 3));
        CbtMessage m;
        NS_TEST_ASSERT_MSG_EQ(ParseBytes(CbtMessage(join).ToBytes(true), true, m).Ok(),
                              true,
                              "3 options");
        const auto& opts = m.As<CbtJoinRequestHeader>()->GetOptions().Get();
        NS_TEST_ASSERT_MSG_EQ(opts.size(), 3u, "three options");
        NS_TEST_EXPECT_MSG_EQ(unsigned(opts[1].type), 0x81u, "order kept");
        NS_TEST_EXPECT_MSG_EQ(opts[1].value.size(), 400u, "long option in the middle");
        NS_TEST_EXPECT_MSG_EQ(CbtMessage(join).GetSerializedSize(),
                              4u + 12 + (2 + 100) + (4 + 400) + (2 + 64),
                              "size adds up");

        // One byte past the 16-bit extended length: an exception, not an
        // abort, and the option list is left as it was.
        std::string error;
        try
        {
            join.GetOptions().Add(CbtOptionType::SIGNATURE, std::vector<uint8_t>(65536));
        }
        catch (const std::length_error& e)
        {
            error = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(error.find("65536 bytes"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_NE(error.find("65535-byte limit"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_EQ(join.GetOptions().Get().size(), 3u, "nothing added");
    }
};

/// RFC 1071 details the module depends on: odd lengths pad the last byte as a
/// high octet, and a message with its checksum sums to zero.
class InternetChecksumTestCase : public TestCase
{
  public:
    InternetChecksumTestCase()
        : TestCase("RFC 1071 checksum, including odd lengths")
    {
    }

  private:
    void DoRun() override
    {
        // RFC 1071 §3 example: 00 01 f2 03 f4 f5 f6 f7 sums to 0xddf2 -> checksum 0x220d.
        const uint8_t rfcExample[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
        NS_TEST_EXPECT_MSG_EQ(InternetChecksum(rfcExample, 8), 0x220d, "RFC 1071 §3 example");
        // Odd length: 0x01 alone is the word 0x0100, checksum 0xfeff (ns-3's own
        // Buffer::Iterator::CalculateIpChecksum would give 0xfffe).
        const uint8_t odd[] = {0x01};
        NS_TEST_EXPECT_MSG_EQ(InternetChecksum(odd, 1), 0xfeff, "odd byte is the high octet");
        NS_TEST_EXPECT_MSG_EQ(InternetChecksum(odd, 0), 0xffff, "empty range");
        // The iterator version agrees with the array version.
        Buffer b;
        b.AddAtStart(8);
        b.Begin().Write(rfcExample, 8);
        NS_TEST_EXPECT_MSG_EQ(InternetChecksum(b.Begin(), 7),
                              InternetChecksum(rfcExample, 7),
                              "iterator and array agree on 7 bytes");
    }
};

class CbtWireFormatTestSuite : public TestSuite
{
  public:
    CbtWireFormatTestSuite()
        : TestSuite("smkd-cbt-wire-format", UNIT)
    {
        AddTestCase(new InternetChecksumTestCase, TestCase::QUICK);
        AddTestCase(new CbtHandVectorTestCase, TestCase::QUICK);
        AddTestCase(new CbtRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new CbtExtendedOptionTestCase, TestCase::QUICK);
    }
};

CbtWireFormatTestSuite g_cbtWireFormatTestSuite;

} // namespace
