/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Protected multicast data: the header's wire format and its bounded
// parser, the RFC 4303 anti-replay window at its edges, and AES-256-GCM
// sealing: round trips, the nonce and AAD construction, and rejection of
// every tampered bit, truncation, replay and foreign key.

#include "smkd-test-check.h"

#include "ns3/smkd-aes-gcm.h"
#include "ns3/smkd-data-header.h"
#include "ns3/smkd-data-protector.h"
#include "ns3/smkd-drbg.h"
#include "ns3/smkd-replay-window.h"
#include "ns3/test.h"

#include <limits>
#include <sstream>
#include <stdexcept>

using namespace ns3;
using ns3::smkd::test::Throws;
using ns3::smkd::test::ValueCheckTestCase;

namespace
{

Bytes
PacketBytes(Ptr<const Packet> p)
{
    Bytes b(p->GetSize());
    if (!b.empty())
    {
        p->CopyData(b.data(), b.size());
    }
    return b;
}

Ptr<Packet>
MakePacket(const Bytes& b)
{
    return b.empty() ? Create<Packet>() : Create<Packet>(b.data(), b.size());
}

/// Test bytes: a DRBG stream per salt.
Bytes
Pattern(std::size_t n, uint8_t salt)
{
    return SmkdDrbg(0, salt, "smkd-data-protection-test").Generate(n);
}

Bytes
Key(uint8_t salt)
{
    return Pattern(32, salt);
}

/// Parse \p bytes as a header; returns the bytes consumed.
uint32_t
ParseHeader(const Bytes& bytes, SmkdDataHeader& h)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    buffer.Begin().Write(bytes.data(), bytes.size());
    return h.Deserialize(buffer.Begin());
}

Bytes
HeaderBytes(const SmkdDataHeader& h)
{
    Buffer buffer;
    buffer.AddAtStart(h.GetSerializedSize());
    h.Serialize(buffer.Begin());
    Bytes b(h.GetSerializedSize());
    buffer.CopyData(b.data(), b.size());
    return b;
}

class DataHeaderTestCase : public ValueCheckTestCase
{
  public:
    DataHeaderTestCase()
        : ValueCheckTestCase(
              "data header: layout, round trip, every truncation, bad version and flags")
    {
    }

  private:
    void DoRun() override
    {
        using smkd::WireError;
        SmkdDataHeader h;
        h.SetSpi(0x01020304);
        h.SetSequence(0x1112131415161718ULL);
        const Bytes plain = HeaderBytes(h);
        const Bytes expect =
            {0x10, 0, 0, 0, 1, 2, 3, 4, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18};
        NS_TEST_EXPECT_MSG_EQ((plain == expect), true, "version 1, no flags, SPI, 64-bit sequence");
        h.SetHandle(0xa1b2c3d4);
        const Bytes handled = HeaderBytes(h);
        NS_TEST_ASSERT_MSG_EQ(handled.size(), 20u, "16 + 4 with a handle");
        NS_TEST_EXPECT_MSG_EQ(unsigned(handled[0]), 0x11u, "flag H");
        NS_TEST_EXPECT_MSG_EQ(unsigned(handled[19]), 0xd4u, "handle last");
        NS_TEST_EXPECT_MSG_EQ((h.GetAuthenticatedBytes() == plain),
                              true,
                              "authenticated bytes: the header without the handle");
        std::ostringstream os;
        h.Print(os);
        NS_TEST_EXPECT_MSG_EQ(os.str(),
                              "SMKD-DATA spi=0x1020304 seq=1230066625199609624 handle=0xa1b2c3d4",
                              "Print");

        SmkdDataHeader back;
        ExpectEq(ParseHeader(handled, back), 20u, "parses with handle");
        NS_TEST_EXPECT_MSG_EQ(back.GetSpi(), 0x01020304u, "SPI");
        NS_TEST_EXPECT_MSG_EQ(back.GetSequence(), 0x1112131415161718ULL, "sequence");
        NS_TEST_EXPECT_MSG_EQ(back.HasHandle(), true, "handle present");
        NS_TEST_EXPECT_MSG_EQ(back.GetHandle(), 0xa1b2c3d4u, "handle");
        // A packet continues after the header: only the header is consumed.
        Bytes longer = plain;
        longer.push_back(0xee);
        ExpectEq(ParseHeader(longer, back), 16u, "parses without handle");
        NS_TEST_EXPECT_MSG_EQ(back.HasHandle(), false, "no handle");
        // Reserved bits are kept as received (they are authenticated as sent).
        Bytes reserved = plain;
        reserved[2] = 0x80;
        ExpectEq(ParseHeader(reserved, back), 16u, "reserved bits accepted");
        NS_TEST_EXPECT_MSG_EQ(back.GetReserved(), 0x8000u, "reserved bits kept");
        NS_TEST_EXPECT_MSG_EQ((HeaderBytes(back) == reserved), true, "and re-serialized");

        for (const Bytes* full : {&plain, &handled})
        {
            for (std::size_t n = 0; n < full->size(); ++n)
            {
                SmkdDataHeader cut;
                NS_TEST_EXPECT_MSG_EQ(ParseHeader(Bytes(full->begin(), full->begin() + n), cut),
                                      0u,
                                      "cut at " << n << " of " << full->size());
                NS_TEST_EXPECT_MSG_EQ(cut.GetParseStatus().error,
                                      WireError::TRUNCATED,
                                      "status at " << n);
            }
        }
        Bytes version = plain;
        version[0] = 0x20;
        ExpectEq(ParseHeader(version, back), 0u, "version 2");
        NS_TEST_EXPECT_MSG_EQ(back.GetParseStatus().error, WireError::BAD_VERSION, "why");
        Bytes flags = plain;
        flags[0] = 0x12;
        ExpectEq(ParseHeader(flags, back), 0u, "unknown flag");
        NS_TEST_EXPECT_MSG_EQ(back.GetParseStatus().error, WireError::BAD_FIELD, "why");
    }
};

class ReplayWindowTestCase : public ValueCheckTestCase
{
  public:
    ReplayWindowTestCase()
        : ValueCheckTestCase("replay window: exact edges, reuse of ring slots, jumps, extremes")
    {
    }

  private:
    void DoRun() override
    {
        using V = SmkdReplayVerdict;
        SmkdReplayWindow w;
        NS_TEST_EXPECT_MSG_EQ(w.GetSize(), 64u, "RFC 4303 default");
        NS_TEST_EXPECT_MSG_EQ(w.HasHighest(), false, "empty");
        // A late joiner starts anywhere.
        ExpectEq(w.Accept(100), V::ACCEPTED, "first number");
        NS_TEST_EXPECT_MSG_EQ(w.GetHighest(), 100u, "right edge");
        // Window [37, 100]: 100 − 64 + 1 = 37 is the last number inside.
        NS_TEST_EXPECT_MSG_EQ(w.Check(37), V::ACCEPTED, "left edge, inside");
        NS_TEST_EXPECT_MSG_EQ(w.Check(36), V::TOO_OLD, "one left of the edge");
        NS_TEST_EXPECT_MSG_EQ(w.Check(37), V::ACCEPTED, "Check changed nothing");
        ExpectEq(w.Accept(37), V::ACCEPTED, "left edge accepted");
        ExpectEq(w.Accept(37), V::REPLAY, "left edge replayed");
        ExpectEq(w.Accept(100), V::REPLAY, "right edge replayed");
        ExpectEq(w.Accept(99), V::ACCEPTED, "late, inside");
        w.Update(99); // not accepted any more: no effect
        NS_TEST_EXPECT_MSG_EQ(w.Check(99), V::REPLAY, "seen");
        // Slide by one: [38, 101]; 37 drops out.
        ExpectEq(w.Accept(101), V::ACCEPTED, "new right edge");
        NS_TEST_EXPECT_MSG_EQ(w.Check(37), V::TOO_OLD, "37 left the window");
        NS_TEST_EXPECT_MSG_EQ(w.Check(38), V::ACCEPTED, "38 is the new left edge");
        // 101 + 63 = 164: window [101, 164]. 100 leaves, and 37's ring slot
        // (37 mod 64 = 101 mod 64) now stands for 101, which was seen.
        ExpectEq(w.Accept(164), V::ACCEPTED, "slide by 63");
        NS_TEST_EXPECT_MSG_EQ(w.Check(100), V::TOO_OLD, "100 left");
        NS_TEST_EXPECT_MSG_EQ(w.Check(101), V::REPLAY, "101 still seen");
        NS_TEST_EXPECT_MSG_EQ(w.Check(102), V::ACCEPTED, "102 never seen (slot of 38)");
        // 163's slot held 99 (99 mod 64 = 35 = 163 mod 64): cleared on entry.
        NS_TEST_EXPECT_MSG_EQ(w.Check(163), V::ACCEPTED, "slot reused, cleared");
        // A jump of the window size or more clears everything.
        ExpectEq(w.Accept(164 + 64), V::ACCEPTED, "jump by 64");
        NS_TEST_EXPECT_MSG_EQ(w.Check(164), V::TOO_OLD, "old edge out");
        NS_TEST_EXPECT_MSG_EQ(w.Check(165), V::ACCEPTED, "new left edge, unseen");

        // Sizes that are not a multiple of 64, and 1.
        SmkdReplayWindow odd(100);
        odd.Accept(1000);
        NS_TEST_EXPECT_MSG_EQ(odd.Check(901), V::ACCEPTED, "size 100: left edge 901");
        NS_TEST_EXPECT_MSG_EQ(odd.Check(900), V::TOO_OLD, "size 100: 900 out");
        odd.Accept(950);
        odd.Accept(1099); // [1000, 1099]: 950 out, 1000 in
        NS_TEST_EXPECT_MSG_EQ(odd.Check(950), V::TOO_OLD, "950 out after the slide");
        NS_TEST_EXPECT_MSG_EQ(odd.Check(1000), V::REPLAY, "1000 kept");
        NS_TEST_EXPECT_MSG_EQ(odd.Check(1050), V::ACCEPTED, "1050 (950's slot) unseen");
        SmkdReplayWindow one(1);
        one.Accept(5);
        NS_TEST_EXPECT_MSG_EQ(one.Check(5), V::REPLAY, "size 1: only the edge");
        NS_TEST_EXPECT_MSG_EQ(one.Check(4), V::TOO_OLD, "size 1: anything older");
        ExpectEq(one.Accept(6), V::ACCEPTED, "size 1: next");

        // The ends of the 64-bit range.
        const uint64_t max = std::numeric_limits<uint64_t>::max();
        SmkdReplayWindow top;
        ExpectEq(top.Accept(0), V::ACCEPTED, "0 as first number");
        ExpectEq(top.Accept(0), V::REPLAY, "0 again");
        ExpectEq(top.Accept(max), V::ACCEPTED, "the last number");
        NS_TEST_EXPECT_MSG_EQ(top.Check(max - 63), V::ACCEPTED, "its left edge");
        NS_TEST_EXPECT_MSG_EQ(top.Check(max - 64), V::TOO_OLD, "beyond it");
        NS_TEST_EXPECT_MSG_EQ(top.Check(0), V::TOO_OLD, "0 now far behind");

        const bool threw = Throws<std::invalid_argument>([] { SmkdReplayWindow none(0); });
        NS_TEST_EXPECT_MSG_EQ(threw, true, "size 0 refused");
    }
};

class DataProtectorRoundTripTestCase : public ValueCheckTestCase
{
  public:
    DataProtectorRoundTripTestCase()
        : ValueCheckTestCase("protector: round trips, sizes, nonce from SPI and seq, header as AAD")
    {
    }

  private:
    void DoRun() override
    {
        auto ctx = Create<smkd::OpenSslContext>();
        SmkdDataProtector tx(42, Key(1), 64, ctx);
        SmkdDataProtector rx(42, Key(1), 64, ctx);
        uint64_t seq = 1;
        for (std::size_t n : {0, 1, 100, 1400})
        {
            const Bytes payload = Pattern(n, 9);
            Ptr<Packet> sealed = tx.Seal(MakePacket(payload));
            // 16 header + n + 16 tag.
            NS_TEST_ASSERT_MSG_EQ(sealed->GetSize(), 32 + n, "sealed size, payload " << n);
            Ptr<Packet> opened;
            SmkdDataHeader h;
            const SmkdDataStatus status = rx.Open(sealed, opened, &h);
            NS_TEST_EXPECT_MSG_EQ(status, SmkdDataStatus::OK, "opens " << n);
            NS_TEST_EXPECT_MSG_EQ((opened && PacketBytes(opened) == payload),
                                  true,
                                  "same bytes " << n);
            NS_TEST_EXPECT_MSG_EQ(h.GetSpi(), 42u, "SPI");
            NS_TEST_EXPECT_MSG_EQ(h.GetSequence(), seq++, "numbered from 1");
        }
        NS_TEST_EXPECT_MSG_EQ(tx.GetNextSequence(), 5u, "next number");
        NS_TEST_EXPECT_MSG_EQ(rx.GetReplayWindow().GetHighest(), 4u, "window follows");

        // The construction, recomputed by hand: nonce be32(SPI) | be64(seq),
        // AAD the 16 header bytes, ciphertext | tag after the header.
        const Bytes payload = Pattern(24, 3);
        const Bytes wire = PacketBytes(tx.Seal(MakePacket(payload)));
        const uint8_t nonce[12] = {0, 0, 0, 42, 0, 0, 0, 0, 0, 0, 0, 5};
        Bytes expect(24 + 16);
        smkd::AesGcmEncrypt(*ctx,
                            Key(1).data(),
                            nonce,
                            wire.data(),
                            16,
                            payload.data(),
                            payload.size(),
                            expect.data());
        NS_TEST_ASSERT_MSG_EQ(wire.size(), 16u + 24 + 16, "sealed size");
        if (wire.size() != 16u + 24 + 16)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ((Bytes(wire.begin() + 16, wire.end()) == expect),
                              true,
                              "AES-256-GCM, nonce SPI|seq, AAD header");
        NS_TEST_EXPECT_MSG_EQ((Bytes(wire.begin() + 16, wire.begin() + 40) == payload),
                              false,
                              "encrypted");
        // Same key, SPI and number: same bytes (nothing random in sealing).
        SmkdDataProtector again(42, Key(1), 64, ctx);
        for (int i = 0; i < 4; ++i)
        {
            again.Seal(Create<Packet>());
        }
        ExpectEq((PacketBytes(again.Seal(MakePacket(payload))) == wire), true, "deterministic");

        // A router rewrites the hop-by-hop handle: the tag still verifies.
        Ptr<Packet> hop = tx.Seal(MakePacket(payload));
        SmkdDataHeader h;
        hop->RemoveHeader(h);
        h.SetHandle(0xfeedf00d);
        hop->AddHeader(h);
        Ptr<Packet> opened;
        SmkdDataHeader seen;
        ExpectEq(rx.Open(hop, opened, &seen), SmkdDataStatus::OK, "with a handle");
        NS_TEST_EXPECT_MSG_EQ(seen.GetHandle(), 0xfeedf00du, "handle visible to the receiver");

        const bool threw =
            Throws<std::invalid_argument>([] { SmkdDataProtector bad(1, Bytes(16, 0)); });
        NS_TEST_EXPECT_MSG_EQ(threw, true, "a 16-byte key is refused");
    }
};

class DataProtectorTamperTestCase : public ValueCheckTestCase
{
  public:
    DataProtectorTamperTestCase()
        : ValueCheckTestCase(
              "protector: every flipped bit, truncation, replay, foreign key or SPI rejected")
    {
    }

  private:
    void DoRun() override
    {
        auto ctx = Create<smkd::OpenSslContext>();
        SmkdDataProtector tx(7, Key(2), 64, ctx);
        SmkdDataProtector rx(7, Key(2), 64, ctx);
        const Bytes wire = PacketBytes(tx.Seal(MakePacket(Pattern(24, 5))));
        NS_TEST_ASSERT_MSG_EQ(wire.size(), 56u, "16 + 24 + 16");

        // Rejected packets never touch the window, so one receiver serves all.
        Ptr<Packet> out;
        uint32_t badTag = 0;
        for (std::size_t bit = 0; bit < wire.size() * 8; ++bit)
        {
            Bytes b = wire;
            b[bit / 8] ^= static_cast<uint8_t>(0x80 >> (bit % 8));
            const SmkdDataStatus s = rx.Open(MakePacket(b), out);
            // Bits 0-3: the version; 4-6: undefined flags; the parser
            // refuses both. Bit 7 is flag H: the next 4 bytes become a
            // handle and the ciphertext loses them. All else is authenticated.
            const SmkdDataStatus want =
                bit < 7 ? SmkdDataStatus::MALFORMED : SmkdDataStatus::BAD_TAG;
            NS_TEST_EXPECT_MSG_EQ(s, want, "bit " << bit);
            NS_TEST_EXPECT_MSG_EQ((out == nullptr), true, "no payload, bit " << bit);
            badTag += s == SmkdDataStatus::BAD_TAG ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(badTag, 56u * 8 - 7, "every bit after the first 7");
        NS_TEST_EXPECT_MSG_EQ(rx.GetReplayWindow().HasHighest(), false, "window untouched");

        // Cut short: below header + tag the packet is malformed, above it
        // the tag fails.
        for (std::size_t n = 0; n < wire.size(); ++n)
        {
            const SmkdDataStatus s =
                rx.Open(MakePacket(Bytes(wire.begin(), wire.begin() + n)), out);
            const SmkdDataStatus want =
                n < 32 ? SmkdDataStatus::MALFORMED : SmkdDataStatus::BAD_TAG;
            NS_TEST_EXPECT_MSG_EQ(s, want, "cut at " << n);
        }

        // Another key, or this key under another SA's SPI.
        SmkdDataProtector otherKey(7, Key(3), 64, ctx);
        ExpectEq(otherKey.Open(MakePacket(wire), out), SmkdDataStatus::BAD_TAG, "another key");
        SmkdDataProtector otherSpi(8, Key(2), 64, ctx);
        ExpectEq(otherSpi.Open(MakePacket(wire), out),
                 SmkdDataStatus::BAD_TAG,
                 "a packet of SPI 7 at the SA of SPI 8");

        // The genuine packet, then its replay.
        ExpectEq(rx.Open(MakePacket(wire), out), SmkdDataStatus::OK, "genuine");
        ExpectEq(rx.Open(MakePacket(wire), out), SmkdDataStatus::REPLAY, "replayed");
        NS_TEST_EXPECT_MSG_EQ((out == nullptr), true, "no payload for a replay");

        // Window edge through the protector: numbers 2..70 sealed; 70
        // arrives first, then 7 (= 70 − 64 + 1, inside) and 6 (outside).
        std::vector<Bytes> sent(71);
        for (uint64_t s = 2; s <= 70; ++s)
        {
            sent[s] = PacketBytes(tx.Seal(MakePacket(Pattern(8, uint8_t(s)))));
        }
        ExpectEq(rx.Open(MakePacket(sent[70]), out), SmkdDataStatus::OK, "70");
        ExpectEq(rx.Open(MakePacket(sent[7]), out), SmkdDataStatus::OK, "7, edge");
        ExpectEq(rx.Open(MakePacket(sent[6]), out), SmkdDataStatus::TOO_OLD, "6");
        ExpectEq(rx.Open(MakePacket(sent[7]), out), SmkdDataStatus::REPLAY, "7 again");
        ExpectEq(rx.Open(MakePacket(sent[40]), out), SmkdDataStatus::OK, "40, late");
    }
};

class SmkdDataProtectionTestSuite : public TestSuite
{
  public:
    SmkdDataProtectionTestSuite()
        : TestSuite("smkd-data-protection", UNIT)
    {
        AddTestCase(new DataHeaderTestCase, TestCase::QUICK);
        AddTestCase(new ReplayWindowTestCase, TestCase::QUICK);
        AddTestCase(new DataProtectorRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new DataProtectorTamperTestCase, TestCase::QUICK);
    }
};

SmkdDataProtectionTestSuite g_smkdDataProtectionTestSuite;

} // namespace
