/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Malformed IGMP messages are rejected with the right reason, the parts the
// RFCs say to ignore are ignored (and named), and no input makes the parser
// read past the end of the received bytes. Build with -DSMKD_SANITIZE=ON
// (AddressSanitizer) to have every over-read reported as a failure.

#include "igmp-test-util.h"

#include "ns3/igmp-message.h"
#include "ns3/test.h"

#include <random>

using namespace ns3;
using namespace ns3::smkd;
using namespace ns3::smkd::test;

namespace
{

/// One hand-made bad message and the reason it must be rejected for.
struct BadCase
{
    const char* what;
    std::vector<uint8_t> bytes; // checksum bytes are recomputed unless badChecksum
    WireError expected;
    bool badChecksum = false;
};

/// A valid v3 query header for group \p group with Number of Sources \p n, sources not included.
std::vector<uint8_t>
QueryHead(const char* group, uint16_t n)
{
    return Cat({{0x11, 0x64, 0, 0},
                Octets(group),
                {0x02, 0x7d, static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)}});
}

/// A v3 report header announcing \p m records.
std::vector<uint8_t>
ReportHead(uint16_t m)
{
    return {0x22, 0, 0, 0, 0, 0, static_cast<uint8_t>(m >> 8), static_cast<uint8_t>(m)};
}

/// A group record's fixed fields.
std::vector<uint8_t>
RecordHead(uint8_t type, uint8_t auxWords, uint16_t n, const char* group)
{
    return Cat(
        {{type, auxWords, static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)}, Octets(group)});
}

std::vector<BadCase>
BadCases()
{
    const auto src = Octets("10.0.0.1");
    return {
        {"empty message", {}, WireError::TRUNCATED},
        {"1 byte", {0x11}, WireError::TRUNCATED},
        {"4-byte query", {0x11, 0x64, 0, 0}, WireError::TRUNCATED},
        {"7-byte v2 report", {0x16, 0, 0, 0, 0xef, 1, 2}, WireError::TRUNCATED},
        {"7-byte v3 report", {0x22, 0, 0, 0, 0, 0, 0}, WireError::TRUNCATED},
        {"9-byte query", Prefix(QueryHead("0.0.0.0", 0), 9), WireError::BAD_QUERY_LENGTH},
        {"10-byte query", Prefix(QueryHead("0.0.0.0", 0), 10), WireError::BAD_QUERY_LENGTH},
        {"11-byte query", Prefix(QueryHead("0.0.0.0", 0), 11), WireError::BAD_QUERY_LENGTH},
        {"type 0x13 (DVMRP)", {0x13, 0, 0, 0, 0, 0, 0, 0}, WireError::UNKNOWN_TYPE},
        {"type 0x1e (mtrace response)", {0x1e, 0, 0, 0, 0xef, 1, 2, 3}, WireError::UNKNOWN_TYPE},
        {"type 0x00", {0x00, 0, 0, 0, 0, 0, 0, 0}, WireError::UNKNOWN_TYPE},
        {"type 0x23", {0x23, 0, 0, 0, 0, 0, 0, 0}, WireError::UNKNOWN_TYPE},
        {"type 0xff", {0xff, 0, 0, 0, 0, 0, 0, 0}, WireError::UNKNOWN_TYPE},
        {"query N 1, no source", QueryHead("232.1.1.1", 1), WireError::SOURCE_OVERRUN},
        {"query N 3, 2 sources and 3 octets",
         Cat({QueryHead("232.1.1.1", 3), src, src, {10, 0, 0}}),
         WireError::SOURCE_OVERRUN},
        {"query N 65535", Cat({QueryHead("232.1.1.1", 0xffff), src}), WireError::SOURCE_OVERRUN},
        {"general query with a source", Cat({QueryHead("0.0.0.0", 1), src}), WireError::BAD_FIELD},
        {"v3 query for unicast 10.0.0.1", QueryHead("10.0.0.1", 0), WireError::NOT_MULTICAST},
        {"v3 query for 255.255.255.255", QueryHead("255.255.255.255", 0), WireError::NOT_MULTICAST},
        {"v2 query for 10.1.2.3",
         Cat({{0x11, 0x64, 0, 0}, Octets("10.1.2.3")}),
         WireError::NOT_MULTICAST},
        {"report M 1, no record", ReportHead(1), WireError::RECORD_OVERRUN},
        {"report M 2, one record",
         Cat({ReportHead(2), RecordHead(4, 0, 0, "239.1.1.1")}),
         WireError::RECORD_OVERRUN},
        {"report M 1, 7 octets of record",
         Cat({ReportHead(1), {4, 0, 0, 0, 0xef, 1, 1}}),
         WireError::RECORD_OVERRUN},
        {"report M 65535",
         Cat({ReportHead(0xffff), RecordHead(4, 0, 0, "239.1.1.1")}),
         WireError::RECORD_OVERRUN},
        {"record N 2, one source",
         Cat({ReportHead(1), RecordHead(1, 0, 2, "232.1.1.1"), src}),
         WireError::SOURCE_OVERRUN},
        {"record N 1, 2 octets of source",
         Cat({ReportHead(1), RecordHead(5, 0, 1, "232.1.1.1"), {10, 0}}),
         WireError::SOURCE_OVERRUN},
        {"second record's sources cut",
         Cat({ReportHead(2),
              RecordHead(5, 0, 1, "232.1.1.1"),
              src,
              RecordHead(6, 0, 2, "232.1.1.1"),
              src}),
         WireError::SOURCE_OVERRUN},
        {"aux len 1 word, 3 octets",
         Cat({ReportHead(1), RecordHead(2, 1, 0, "239.1.1.1"), {1, 2, 3}}),
         WireError::AUX_DATA_OVERRUN},
        {"aux len 255 words, 1 word",
         Cat({ReportHead(1), RecordHead(2, 255, 0, "239.1.1.1"), {1, 2, 3, 4}}),
         WireError::AUX_DATA_OVERRUN},
        {"aux len after sources runs out",
         Cat({ReportHead(1), RecordHead(1, 1, 1, "232.1.1.1"), src}),
         WireError::AUX_DATA_OVERRUN},
        {"IS_IN record for unicast 10.0.0.1",
         Cat({ReportHead(1), RecordHead(1, 0, 0, "10.0.0.1")}),
         WireError::NOT_MULTICAST},
        {"TO_EX record for 0.0.0.0",
         Cat({ReportHead(2), RecordHead(4, 0, 0, "239.1.1.1"), RecordHead(4, 0, 0, "0.0.0.0")}),
         WireError::NOT_MULTICAST},
        {"v2 report for 0.0.0.0",
         Cat({{0x16, 0, 0, 0}, Octets("0.0.0.0")}),
         WireError::NOT_MULTICAST},
        {"v1 report for 192.168.1.1",
         Cat({{0x12, 0, 0, 0}, Octets("192.168.1.1")}),
         WireError::NOT_MULTICAST},
        {"leave for 240.0.0.1 (class E)",
         Cat({{0x17, 0, 0, 0}, Octets("240.0.0.1")}),
         WireError::NOT_MULTICAST},
        // v2 report 239.1.2.3 has checksum f8fa (see the wire-format suite).
        {"checksum off by one",
         {0x16, 0x00, 0xf8, 0xfb, 0xef, 0x01, 0x02, 0x03},
         WireError::BAD_CHECKSUM,
         true},
        {"group bit flipped after checksumming",
         {0x16, 0x00, 0xf8, 0xfa, 0xef, 0x01, 0x02, 0x07},
         WireError::BAD_CHECKSUM,
         true},
        {"checksum field left zero",
         {0x16, 0x00, 0x00, 0x00, 0xef, 0x01, 0x02, 0x03},
         WireError::BAD_CHECKSUM,
         true},
        {"unknown type, bad checksum: checksum first (§4.1.2)",
         {0x13, 0, 0x12, 0x34, 0, 0, 0, 0},
         WireError::BAD_CHECKSUM,
         true},
        {"5 bytes, bad checksum: too short to sum", {0x16, 0, 1, 2, 3}, WireError::TRUNCATED, true},
    };
}

/// Messages the RFCs make receivers accept while ignoring a part, and that part's reason.
struct IgnoredCase
{
    const char* what;
    std::vector<uint8_t> bytes;
    std::string ignored; // IgnoredReasons() of the parsed message
};

std::vector<IgnoredCase>
IgnoredCases()
{
    const auto src = Octets("10.0.0.1");
    return {
        {"query with 1 octet after its source (§4.1.10)",
         Cat({QueryHead("232.1.1.1", 1), src, {0}}),
         "trailing-bytes"},
        {"v3 report with a word after its last record (§4.2.11)",
         Cat({ReportHead(1), RecordHead(4, 0, 0, "239.1.1.1"), {1, 2, 3, 4}}),
         "trailing-bytes"},
        {"v2 report of 12 octets (RFC 2236 §2.5)",
         Cat({{0x16, 0, 0, 0}, Octets("239.1.2.3"), {0, 0, 0, 0}}),
         "trailing-bytes"},
        {"record type 0",
         Cat({ReportHead(1), RecordHead(0, 0, 0, "239.1.1.1")}),
         "unknown-record-type"},
        {"record types 7 and 255 around a known one",
         Cat({ReportHead(3),
              RecordHead(7, 1, 1, "1.2.3.4"),
              src,
              {9, 9, 9, 9},
              RecordHead(2, 0, 0, "239.1.1.1"),
              RecordHead(255, 0, 0, "0.0.0.0")}),
         "unknown-record-type,unknown-record-type"},
        {"unknown record and additional data",
         Cat({ReportHead(1), RecordHead(200, 0, 0, "239.1.1.1"), {7}}),
         "unknown-record-type,trailing-bytes"},
        {"empty report (M 0)", ReportHead(0), ""},
    };
}

/// Each hand-made bad message is rejected with its own reason, with a detail
/// that says what was wrong, both from bytes and from an ns-3 packet.
class IgmpRejectsMalformedTestCase : public TestCase
{
  public:
    IgmpRejectsMalformedTestCase()
        : TestCase("malformed messages are rejected with the right reason")
    {
    }

  private:
    void DoRun() override
    {
        for (auto c : BadCases())
        {
            if (!c.badChecksum && c.bytes.size() >= 4)
            {
                FixChecksum(c.bytes);
            }
            IgmpMessage m;
            WireStatus st = ParseIgmp(c.bytes, true, m);
            NS_TEST_EXPECT_MSG_EQ(st.error,
                                  c.expected,
                                  c.what << ": got '" << st << "' for " << Hex(c.bytes));
            NS_TEST_EXPECT_MSG_EQ(st.detail.empty(), false, c.what << ": reason has a detail");

            Ptr<Packet> p = Create<Packet>(c.bytes.data(), c.bytes.size());
            WireStatus fromPacket = IgmpMessage::Parse(p, true, m);
            NS_TEST_EXPECT_MSG_EQ(fromPacket.error, c.expected, c.what << " via a packet");
        }

        for (auto c : IgnoredCases())
        {
            FixChecksum(c.bytes);
            IgmpMessage m;
            WireStatus st = ParseIgmp(c.bytes, true, m);
            NS_TEST_EXPECT_MSG_EQ(st.Ok(), true, c.what << ": " << st);
            NS_TEST_EXPECT_MSG_EQ(IgnoredReasons(m), c.ignored, c.what);
            for (const auto& i : m.GetIgnored())
            {
                NS_TEST_EXPECT_MSG_EQ(i.detail.empty(), false, c.what << ": detail");
            }
        }

        // A bad checksum is only an error when the receiver verifies.
        IgmpMessage m;
        WireStatus st = ParseIgmp({0x16, 0x00, 0xf8, 0xfb, 0xef, 0x01, 0x02, 0x03}, false, m);
        NS_TEST_EXPECT_MSG_EQ(st.Ok(), true, "unverified parse ignores the checksum: " << st);
        NS_TEST_EXPECT_MSG_EQ(m.As<IgmpV2ReportHeader>()->GetGroup(),
                              Ipv4Address("239.1.2.3"),
                              "group read");

        // Longer than any IP payload.
        std::vector<uint8_t> huge(0x10000, 0);
        huge[0] = 0x22;
        NS_TEST_EXPECT_MSG_EQ(ParseIgmp(huge, false, m).error, WireError::BAD_FIELD, "64 KiB");
    }
};

/// The headers alone, used the ns-3 way through RemoveHeader, report failure
/// by consuming nothing and setting their parse status.
class IgmpRemoveHeaderTestCase : public TestCase
{
  public:
    IgmpRemoveHeaderTestCase()
        : TestCase("headers fail safely under Packet::RemoveHeader")
    {
    }

  private:
    void DoRun() override
    {
        const auto ten = Prefix(QueryHead("0.0.0.0", 0), 10);
        Ptr<Packet> p = Create<Packet>(ten.data(), ten.size());
        IgmpQueryHeader q;
        NS_TEST_EXPECT_MSG_EQ(p->RemoveHeader(q), 0u, "10-octet query not consumed");
        NS_TEST_EXPECT_MSG_EQ(q.GetParseStatus().error, WireError::BAD_QUERY_LENGTH, "status");
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 10u, "packet intact");

        const uint8_t leave[] = {0x17, 0x00, 0xf7, 0xfa, 0xef, 0x01, 0x02, 0x03};
        Ptr<Packet> l = Create<Packet>(leave, sizeof leave);
        IgmpV2ReportHeader wrong;
        NS_TEST_EXPECT_MSG_EQ(l->RemoveHeader(wrong), 0u, "leave is not a v2 report");
        NS_TEST_EXPECT_MSG_EQ(wrong.GetParseStatus().error, WireError::UNKNOWN_TYPE, "status");
        IgmpV2LeaveHeader right;
        NS_TEST_EXPECT_MSG_EQ(l->RemoveHeader(right), 8u, "leave consumed");
        NS_TEST_EXPECT_MSG_EQ(right.IsChecksumOk(), true, "checksum");

        auto overrun = Cat({ReportHead(2), RecordHead(4, 0, 0, "239.1.1.1")});
        Ptr<Packet> r = Create<Packet>(overrun.data(), overrun.size());
        IgmpV3ReportHeader report;
        NS_TEST_EXPECT_MSG_EQ(r->RemoveHeader(report), 0u, "overrun not consumed");
        NS_TEST_EXPECT_MSG_EQ(report.GetParseStatus().error, WireError::RECORD_OVERRUN, "status");
        NS_TEST_EXPECT_MSG_EQ(report.GetIgnored().size(), 0u, "no notes from a failed parse");

        const uint8_t three[] = {0x22, 0, 0};
        Ptr<Packet> t = Create<Packet>(three, sizeof three);
        NS_TEST_EXPECT_MSG_EQ(t->RemoveHeader(report), 0u, "3 octets");
        NS_TEST_EXPECT_MSG_EQ(report.GetParseStatus().error, WireError::TRUNCATED, "status");
    }
};

/**
 * What an accepted message must serialize back to: the bytes it was parsed
 * from, minus the additional data, with the checksum field zero and every
 * field the RFCs tell receivers to ignore set to zero, as a sender sends it.
 * Written from the RFC figures, independently of the parser.
 */
std::vector<uint8_t>
Canonical(std::vector<uint8_t> b, std::size_t length)
{
    b.resize(length);
    b[2] = 0;
    b[3] = 0;
    switch (b[0])
    {
    case 0x11:
        if (length == 8 && b[1] == 0)
        {
            std::fill(b.begin() + 4, b.end(), 0); // IGMPv1 group ignored (RFC 1112)
        }
        else if (length >= 12)
        {
            b[8] &= 0x0f; // Resv (RFC 3376 §4.1.4)
        }
        break;
    case 0x22:
        b[1] = 0; // Reserved (§4.2.1)
        b[4] = 0;
        b[5] = 0;
        break;
    default:
        b[1] = 0; // Max Resp Time / Unused of reports and leaves (RFC 2236 §2.2)
        break;
    }
    return b;
}

/**
 * Every prefix of every valid message, and tens of thousands of seeded random
 * mutations of them, parse without reading out of bounds; whatever is
 * accepted serializes back to its canonical form (Canonical above), and
 * parses again to the same message.
 */
class IgmpMutationTestCase : public TestCase
{
  public:
    IgmpMutationTestCase()
        : TestCase("prefixes and random mutations never over-read; accepted input is canonical")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::vector<uint8_t>> seeds;
        {
            IgmpV3ReportHeader r;
            IgmpGroupRecord a(IgmpRecordType::MODE_IS_EXCLUDE, Ipv4Address("239.1.1.1"));
            a.SetAuxData(std::vector<uint8_t>(12, 0x5a));
            r.AddRecord(a);
            r.AddRecord(IgmpGroupRecord(IgmpRecordType::ALLOW_NEW_SOURCES,
                                        Ipv4Address("232.1.1.1"),
                                        {Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2")}));
            r.AddRecord(
                IgmpGroupRecord(IgmpRecordType::CHANGE_TO_INCLUDE_MODE, Ipv4Address("239.2.2.2")));
            seeds.push_back(IgmpMessage(r).ToBytes(true));
            IgmpQueryHeader q;
            q.SetGroup(Ipv4Address("232.1.1.1"));
            q.AddSource(Ipv4Address("10.0.0.1"));
            q.AddSource(Ipv4Address("10.0.0.2"));
            seeds.push_back(IgmpMessage(q).ToBytes(true));
            seeds.push_back(IgmpMessage(IgmpQueryHeader()).ToBytes(true));
            IgmpV2ReportHeader v2;
            v2.SetGroup(Ipv4Address("239.1.2.3"));
            seeds.push_back(IgmpMessage(v2).ToBytes(true));
            IgmpV2LeaveHeader leave;
            leave.SetGroup(Ipv4Address("239.1.2.3"));
            seeds.push_back(IgmpMessage(leave).ToBytes(true));
        }

        uint32_t accepted = 0;
        uint32_t rejected = 0;
        uint32_t withIgnored = 0;
        auto check = [&](const std::vector<uint8_t>& bytes) {
            // Parse a heap copy of exactly the message length, so that
            // AddressSanitizer flags any read past its end.
            std::vector<uint8_t> exact(bytes);
            exact.shrink_to_fit();
            IgmpMessage m;
            WireStatus st = ParseIgmp(exact, false, m);
            if (!st.Ok())
            {
                ++rejected;
                NS_TEST_EXPECT_MSG_EQ(st.detail.empty(), false, "rejection has a detail");
                return;
            }
            ++accepted;
            withIgnored += m.GetIgnored().empty() ? 0 : 1;
            const std::vector<uint8_t> again = m.ToBytes(false);
            NS_TEST_ASSERT_MSG_EQ((again.size() <= exact.size()), true, "no bytes invented");
            NS_TEST_EXPECT_MSG_EQ(Hex(again),
                                  Hex(Canonical(exact, again.size())),
                                  "accepted input re-encodes canonically: " << Hex(exact));
            // With a correct checksum the verified parse agrees, and the
            // canonical form is a fixed point.
            std::vector<uint8_t> summed(exact);
            FixChecksum(summed);
            IgmpMessage verified;
            NS_TEST_EXPECT_MSG_EQ(ParseIgmp(summed, true, verified).Ok(), true, "verified");
            IgmpMessage twice;
            NS_TEST_EXPECT_MSG_EQ(ParseIgmp(m.ToBytes(true), true, twice).Ok(), true, "again");
            NS_TEST_EXPECT_MSG_EQ(Hex(twice.ToBytes(false)), Hex(again), "fixed point");
        };

        for (const auto& s : seeds)
        {
            for (std::size_t n = 0; n <= s.size(); ++n)
            {
                check(std::vector<uint8_t>(s.begin(), s.begin() + n));
            }
        }
        std::mt19937 rng(3376);
        for (int round = 0; round < 20000; ++round)
        {
            std::vector<uint8_t> b = seeds[round % seeds.size()];
            const int edits = 1 + static_cast<int>(rng() % 3);
            for (int e = 0; e < edits; ++e)
            {
                switch (rng() % 5)
                {
                case 0: // flip bits of one byte
                    b[rng() % b.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
                    break;
                case 1: // cut the tail
                    b.resize(rng() % (b.size() + 1));
                    break;
                case 2: // append garbage
                    b.push_back(static_cast<uint8_t>(rng()));
                    break;
                case 3: // rewrite a count or length: query N, report M, first record's
                        // aux len and N
                {
                    static const std::size_t counts[] = {6, 7, 9, 10, 11};
                    const std::size_t at = counts[rng() % 5];
                    if (b.size() > at)
                    {
                        b[at] = static_cast<uint8_t>(rng() % 4 == 0 ? rng() : rng() % 4);
                    }
                    break;
                }
                default: // rewrite a record type
                    if (b.size() > 8)
                    {
                        b[8] = static_cast<uint8_t>(rng() % 9);
                    }
                    break;
                }
                if (b.empty())
                {
                    break;
                }
            }
            check(b);
        }
        // Every outcome must occur, or the mutations did not reach the parser's branches.
        NS_TEST_EXPECT_MSG_GT(accepted, 3000u, "some mutations stay valid");
        NS_TEST_EXPECT_MSG_GT(rejected, 5000u, "most mutations are rejected");
        NS_TEST_EXPECT_MSG_GT(withIgnored, 1000u, "some are accepted with ignored parts");
    }
};

class IgmpMalformedInputTestSuite : public TestSuite
{
  public:
    IgmpMalformedInputTestSuite()
        : TestSuite("smkd-igmp-malformed-input", UNIT)
    {
        AddTestCase(new IgmpRejectsMalformedTestCase, TestCase::QUICK);
        AddTestCase(new IgmpRemoveHeaderTestCase, TestCase::QUICK);
        AddTestCase(new IgmpMutationTestCase, TestCase::QUICK);
    }
};

IgmpMalformedInputTestSuite g_igmpMalformedInputTestSuite;

} // namespace
