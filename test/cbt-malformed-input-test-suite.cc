/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Malformed CBT control messages are rejected with the right reason and
// never read past the end of the received bytes. Build with -DSMKD_SANITIZE=ON
// (AddressSanitizer) to have every over-read reported as a failure.

#include "cbt-test-util.h"

#include "ns3/cbt-message.h"
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

std::vector<BadCase>
BadCases()
{
    // A valid JOIN_ACK to start from: 22 04 cccc | group | target | options.
    const std::vector<uint8_t> ackPrefix = {0x22, 0x04, 0, 0, 0xe0, 1, 2, 3, 10, 0, 3, 2};
    auto ackWith = [&](std::vector<uint8_t> tail) {
        std::vector<uint8_t> b = ackPrefix;
        b.insert(b.end(), tail.begin(), tail.end());
        return b;
    };

    return {
        {"empty message", {}, WireError::TRUNCATED},
        {"1 byte", {0x20}, WireError::TRUNCATED},
        {"3 bytes of common header", {0x21, 0x04, 0x00}, WireError::TRUNCATED},
        {"HELLO without preference", {0x20, 0x04, 0, 0}, WireError::TRUNCATED},
        {"JOIN_REQUEST cut inside the originator",
         {0x21, 0x04, 0, 0, 0xe0, 1, 2, 3, 10, 0, 0, 1, 10, 0, 3},
         WireError::TRUNCATED},
        {"JOIN_ACK cut inside the target",
         {0x22, 0x04, 0, 0, 0xe0, 1, 2, 3, 10},
         WireError::TRUNCATED},
        {"QUIT with 7 body bytes",
         {0x23, 0x04, 0, 0, 0xe0, 1, 2, 3, 10, 0, 0},
         WireError::TRUNCATED},
        {"ECHO_REQUEST with 2 body bytes", {0x24, 0x04, 0, 0, 10, 0}, WireError::TRUNCATED},
        {"ECHO_REPLY without parent", {0x25, 0x04, 0, 0, 10}, WireError::TRUNCATED},
        {"version 1", {0x10, 0x04, 0, 0, 0x0a}, WireError::BAD_VERSION},
        {"version 3",
         {0x31, 0x04, 0, 0, 0xe0, 1, 2, 3, 10, 0, 0, 1, 10, 0, 3, 2},
         WireError::BAD_VERSION},
        {"version 15", {0xf0, 0x04, 0, 0, 0x0a}, WireError::BAD_VERSION},
        {"type 9", {0x29, 0x04, 0, 0, 0, 0, 0, 0}, WireError::UNKNOWN_TYPE},
        {"type 15", {0x2f, 0x04, 0, 0}, WireError::UNKNOWN_TYPE},
        {"type 7 (bootstrap, not supported)",
         {0x27, 0x04, 0, 0, 0, 0, 0, 0},
         WireError::UNKNOWN_TYPE},
        {"addr len 16 (IPv6)", {0x26, 16, 0, 0, 0xe0, 1, 2, 3}, WireError::BAD_ADDRESS_LENGTH},
        {"addr len 0", {0x26, 0, 0, 0, 0xe0, 1, 2, 3}, WireError::BAD_ADDRESS_LENGTH},
        {"option length 10 with 3 bytes left",
         ackWith({0x80, 10, 1, 2, 3}),
         WireError::OPTION_OVERRUN},
        {"option length 255-escape cut off",
         ackWith({0x82, 0xff, 0x01}),
         WireError::OPTION_OVERRUN},
        {"extended option length past the end",
         ackWith({0x82, 0xff, 0x01, 0x00, 1, 2, 3, 4}),
         WireError::OPTION_OVERRUN},
        {"lone option type byte", ackWith({0x80}), WireError::OPTION_OVERRUN},
        {"second option past the end",
         ackWith({0x80, 1, 0xaa, 0x81, 4, 1, 2}),
         WireError::OPTION_OVERRUN},
        {"HELLO option past the end", {0x20, 0x04, 0, 0, 5, 0x00, 2, 1}, WireError::OPTION_OVERRUN},
        {"extended length for 3 bytes",
         ackWith({0x82, 0xff, 0x00, 0x03, 1, 2, 3}),
         WireError::NON_CANONICAL_OPTION},
        {"ECHO_REPLY with 6 bytes of groups",
         {0x25, 0x04, 0, 0, 10, 1, 1, 2, 0xe0, 0, 1, 1, 0xe0, 0},
         WireError::GROUP_LIST_TRUNCATED},
        {"ECHO_REPLY with 1 byte of groups",
         {0x25, 0x04, 0, 0, 10, 1, 1, 2, 0xe0},
         WireError::GROUP_LIST_TRUNCATED},
        {"FLUSH_TREE with 3 bytes",
         {0x26, 0x04, 0, 0, 0xe0, 1, 2},
         WireError::GROUP_LIST_TRUNCATED},
        {"FLUSH_TREE with 9 bytes",
         {0x26, 0x04, 0, 0, 0xe0, 1, 2, 3, 0xe0, 1, 2, 4, 0xe0},
         WireError::GROUP_LIST_TRUNCATED},
        {"FLUSH_TREE with no group", {0x26, 0x04, 0, 0}, WireError::EMPTY_GROUP_LIST},
        {"QUIT with a trailing byte",
         {0x23, 0x04, 0, 0, 0xe0, 1, 2, 3, 10, 0, 0, 1, 0},
         WireError::TRAILING_BYTES},
        {"ECHO_REQUEST with 4 trailing bytes",
         {0x24, 0x04, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2},
         WireError::TRAILING_BYTES},
        // FLUSH_TREE 224.1.2.3 has checksum f7f6 (see the wire-format suite); f7f7 is wrong.
        {"checksum off by one",
         {0x26, 0x04, 0xf7, 0xf7, 0xe0, 1, 2, 3},
         WireError::BAD_CHECKSUM,
         true},
        {"body bit flipped after checksumming",
         {0x26, 0x04, 0xf7, 0xf6, 0xe0, 1, 2, 7},
         WireError::BAD_CHECKSUM,
         true},
    };
}

/// Each hand-made bad message is rejected with its own reason, with a detail
/// that says what was wrong, both from bytes and from an ns-3 packet.
class CbtRejectsMalformedTestCase : public TestCase
{
  public:
    CbtRejectsMalformedTestCase()
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
            CbtMessage m;
            WireStatus st = ParseBytes(c.bytes, true, m);
            NS_TEST_EXPECT_MSG_EQ(st.error,
                                  c.expected,
                                  c.what << ": got '" << st << "' for " << Hex(c.bytes));
            NS_TEST_EXPECT_MSG_EQ(st.detail.empty(), false, c.what << ": reason has a detail");

            Ptr<Packet> p = Create<Packet>(c.bytes.data(), c.bytes.size());
            WireStatus fromPacket = CbtMessage::Parse(p, true, m);
            NS_TEST_EXPECT_MSG_EQ(fromPacket.error, c.expected, c.what << " via a packet");
        }

        // A bad checksum is only an error when the receiver verifies.
        CbtMessage m;
        WireStatus st = ParseBytes({0x26, 0x04, 0xf7, 0xf7, 0xe0, 1, 2, 3}, false, m);
        NS_TEST_EXPECT_MSG_EQ(st.Ok(), true, "unverified parse ignores the checksum: " << st);
        NS_TEST_EXPECT_MSG_EQ(m.As<CbtFlushTreeHeader>()->GetGroups()[0],
                              Ipv4Address("224.1.2.3"),
                              "group read");
    }
};

/// The body headers alone, used the ns-3 way through RemoveHeader, report
/// failure by consuming nothing and setting their parse status.
class CbtBodyRemoveHeaderTestCase : public TestCase
{
  public:
    CbtBodyRemoveHeaderTestCase()
        : TestCase("body headers fail safely under Packet::RemoveHeader")
    {
    }

  private:
    void DoRun() override
    {
        const uint8_t cut[] = {0xe0, 1, 2, 3, 10, 0, 0};
        Ptr<Packet> p = Create<Packet>(cut, sizeof cut);
        CbtJoinRequestHeader join;
        const uint32_t removed = p->RemoveHeader(join);
        NS_TEST_EXPECT_MSG_EQ(removed, 0u, "nothing consumed");
        NS_TEST_EXPECT_MSG_EQ(join.GetParseStatus().error, WireError::TRUNCATED, "status");
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), sizeof cut, "packet intact");

        const uint8_t shortCommon[] = {0x21, 0x04};
        Ptr<Packet> q = Create<Packet>(shortCommon, sizeof shortCommon);
        CbtHeader common;
        NS_TEST_EXPECT_MSG_EQ(q->RemoveHeader(common), 0u, "2-byte common header not consumed");
        NS_TEST_EXPECT_MSG_EQ(common.GetParseStatus().error, WireError::TRUNCATED, "status");
    }
};

/**
 * Every prefix of every valid message, and thousands of seeded random
 * mutations of them, parse without reading out of bounds; whatever is
 * accepted serialises back to the same bytes (one encoding per message).
 */
class CbtMutationTestCase : public TestCase
{
  public:
    CbtMutationTestCase()
        : TestCase("prefixes and random mutations never over-read; accepted input is canonical")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<std::vector<uint8_t>> seeds;
        {
            CbtJoinRequestHeader j;
            j.SetGroup(Ipv4Address("224.1.2.3"));
            j.SetTarget(Ipv4Address("10.0.0.1"));
            j.SetOriginator(Ipv4Address("10.0.3.2"));
            j.GetOptions().Add(CbtOptionType::HOST_TOKEN, std::vector<uint8_t>(40, 0x5a));
            j.GetOptions().Add(CbtOptionType::GROUP_ACCESS_PACKAGE,
                               std::vector<uint8_t>(300, 0xa5));
            seeds.push_back(CbtMessage(j).ToBytes(true));
            CbtHelloHeader h;
            h.GetOptions().Add(CbtOptionType::BR_HELLO, {});
            seeds.push_back(CbtMessage(h).ToBytes(true));
            CbtEchoReplyHeader e;
            e.SetOriginatingParent(Ipv4Address("10.0.0.1"));
            e.AddGroup(Ipv4Address("224.0.0.9"));
            e.AddGroup(Ipv4Address("224.0.0.10"));
            seeds.push_back(CbtMessage(e).ToBytes(true));
            CbtQuitNotificationHeader q;
            seeds.push_back(CbtMessage(q).ToBytes(true));
        }

        uint32_t accepted = 0;
        uint32_t rejected = 0;
        auto check = [&](const std::vector<uint8_t>& bytes) {
            // Parse a heap copy of exactly the message length, so that
            // AddressSanitizer flags any read past its end.
            std::vector<uint8_t> exact(bytes);
            exact.shrink_to_fit();
            CbtMessage m;
            WireStatus st = ParseBytes(exact, false, m);
            if (!st.Ok())
            {
                ++rejected;
                return;
            }
            ++accepted;
            std::vector<uint8_t> again = m.ToBytes(false);
            std::vector<uint8_t> withoutChecksum(exact);
            withoutChecksum[2] = 0;
            withoutChecksum[3] = 0;
            NS_TEST_EXPECT_MSG_EQ(Hex(again), Hex(withoutChecksum), "accepted input re-encodes");
        };

        for (const auto& s : seeds)
        {
            for (std::size_t n = 0; n < s.size(); ++n)
            {
                check(std::vector<uint8_t>(s.begin(), s.begin() + n));
            }
        }
        std::mt19937 rng(12345);
        for (int round = 0; round < 20000; ++round)
        {
            std::vector<uint8_t> b = seeds[round % seeds.size()];
            const int edits = 1 + static_cast<int>(rng() % 3);
            for (int e = 0; e < edits; ++e)
            {
                switch (rng() % 4)
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
                default: // rewrite an option or length byte region
                    if (b.size() > 17)
                    {
                        b[16 + rng() % 2] = static_cast<uint8_t>(rng());
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
        // Both outcomes must occur, or the mutations did not reach the parser's branches.
        NS_TEST_EXPECT_MSG_GT(accepted, 1000u, "some mutations stay valid");
        NS_TEST_EXPECT_MSG_GT(rejected, 5000u, "most mutations are rejected");
    }
};

class CbtMalformedInputTestSuite : public TestSuite
{
  public:
    CbtMalformedInputTestSuite()
        : TestSuite("smkd-cbt-malformed-input", UNIT)
    {
        AddTestCase(new CbtRejectsMalformedTestCase, TestCase::QUICK);
        AddTestCase(new CbtBodyRemoveHeaderTestCase, TestCase::QUICK);
        AddTestCase(new CbtMutationTestCase, TestCase::QUICK);
    }
};

CbtMalformedInputTestSuite g_cbtMalformedInputTestSuite;

} // namespace
