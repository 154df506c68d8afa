/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// IGMP wire format (RFC 3376 §4, with the IGMPv1/v2 messages of §7): every
// message type against bytes derived by hand from the RFC figures, the
// floating-point Max Resp Code / QQIC encoding, query version distinction by
// length, and round trips through bytes and ns-3 packets.

#include "igmp-test-util.h"

#include "ns3/igmp-message.h"
#include "ns3/internet-checksum.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;
using namespace ns3::smkd;
using namespace ns3::smkd::test;

namespace
{

/**
 * Each vector below is laid out one 32-bit row of its RFC figure per line;
 * the checksum is worked out by hand as RFC 1071 describes: add the message
 * as 16-bit big-endian words with the checksum field zero, fold the carries,
 * complement. (Checked with a few lines of Python summing the same words.)
 */
struct HandVector
{
    const char* name;
    IgmpMessage message;
    std::vector<uint8_t> bytes;
};

std::vector<HandVector>
HandVectors()
{
    std::vector<HandVector> v;

    // §4.1 General Query with the §8 defaults: Max Resp Code 100 (10 s),
    // group 0, Resv 0 | S 0 | QRV 2 = 0x02, QQIC 125 (125 s), N 0.
    //   sum = 0x1164 + 0x027d = 0x13e1 -> ~ = 0xec1e
    {
        IgmpQueryHeader q;
        v.push_back(
            {"general query",
             IgmpMessage(q),
             Cat({{0x11, 0x64, 0xec, 0x1e}, {0x00, 0x00, 0x00, 0x00}, {0x02, 0x7d, 0x00, 0x00}})});
    }
    // Group-Specific Query for 239.1.2.3, Max Resp Code 10 (1 s, §8.8), S set
    // as §6.6.3.1 asks for the first retransmission: 0 | 1 | 010 = 0x0a.
    //   sum = 0x110a + 0xef01 + 0x0203 + 0x0a7d = 0x10c8b -> fold 0x0c8c -> ~ = 0xf373
    {
        IgmpQueryHeader q;
        q.SetMaxRespCode(10);
        q.SetGroup(Ipv4Address("239.1.2.3"));
        q.SetSuppressRouterProcessing(true);
        v.push_back(
            {"group-specific query",
             IgmpMessage(q),
             Cat({{0x11, 0x0a, 0xf3, 0x73}, {0xef, 0x01, 0x02, 0x03}, {0x0a, 0x7d, 0x00, 0x00}})});
    }
    // Group-and-Source-Specific Query for 232.1.1.1 from 10.0.0.1 and 10.0.0.2,
    // floating-point codes: Max Resp Code 0x8a = 1|000|1010 -> (0xa|0x10)<<3 = 208
    // (20.8 s); QRV 7; QQIC 0x90 = 1|001|0000 -> 0x10<<4 = 256 s; N 2.
    //   sum = 0x118a + 0xe801 + 0x0101 + 0x0790 + 0x0002 + 0x0a00 + 0x0001
    //       + 0x0a00 + 0x0002 = 0x11621 -> fold 0x1622 -> ~ = 0xe9dd
    {
        IgmpQueryHeader q;
        q.SetMaxRespCode(0x8a);
        q.SetGroup(Ipv4Address("232.1.1.1"));
        q.SetQrv(7);
        q.SetQqic(0x90);
        q.AddSource(Ipv4Address("10.0.0.1"));
        q.AddSource(Ipv4Address("10.0.0.2"));
        v.push_back({"group-and-source-specific query",
                     IgmpMessage(q),
                     Cat({{0x11, 0x8a, 0xe9, 0xdd},
                          {0xe8, 0x01, 0x01, 0x01},
                          {0x07, 0x90, 0x00, 0x02},
                          {0x0a, 0x00, 0x00, 0x01},
                          {0x0a, 0x00, 0x00, 0x02}})});
    }
    // §4.2 Version 3 Membership Report, M = 6, one record of each §4.2.12 type;
    // the IS_EX record carries 2 words of auxiliary data ("SKD1", 42), the
    // place RFC 1949 App. B secure joins use. Word sums per row group:
    //   header              0x2200 + 0x0006                                  = 0x02206
    //   IS_IN(232.1.1.1; 10.0.0.1)  0x0100+0x0001+0xe801+0x0101+0x0a00+0x0001 = 0x0f404
    //   IS_EX(239.1.1.1) aux 2      0x0202+0xef01+0x0101+0x534b+0x4431+0x002a = 0x189aa
    //   TO_IN(239.1.1.2)            0x0300+0xef01+0x0102                      = 0x0f303
    //   TO_EX(239.1.1.3)            0x0400+0xef01+0x0103                      = 0x0f404
    //   ALLOW(232.1.1.1; 10.0.0.2)  0x0500+0x0001+0xe801+0x0101+0x0a00+0x0002 = 0x0f805
    //   BLOCK(232.1.1.1; 10.0.0.1)  0x0600+0x0001+0xe801+0x0101+0x0a00+0x0001 = 0x0f904
    //   total 0x677c4 -> fold 0x77ca -> ~ = 0x8835
    {
        IgmpV3ReportHeader r;
        r.AddRecord(IgmpGroupRecord(IgmpRecordType::MODE_IS_INCLUDE,
                                    Ipv4Address("232.1.1.1"),
                                    {Ipv4Address("10.0.0.1")}));
        IgmpGroupRecord isEx(IgmpRecordType::MODE_IS_EXCLUDE, Ipv4Address("239.1.1.1"));
        isEx.SetAuxData({0x53, 0x4b, 0x44, 0x31, 0x00, 0x00, 0x00, 0x2a});
        r.AddRecord(isEx);
        r.AddRecord(
            IgmpGroupRecord(IgmpRecordType::CHANGE_TO_INCLUDE_MODE, Ipv4Address("239.1.1.2")));
        r.AddRecord(
            IgmpGroupRecord(IgmpRecordType::CHANGE_TO_EXCLUDE_MODE, Ipv4Address("239.1.1.3")));
        r.AddRecord(IgmpGroupRecord(IgmpRecordType::ALLOW_NEW_SOURCES,
                                    Ipv4Address("232.1.1.1"),
                                    {Ipv4Address("10.0.0.2")}));
        r.AddRecord(IgmpGroupRecord(IgmpRecordType::BLOCK_OLD_SOURCES,
                                    Ipv4Address("232.1.1.1"),
                                    {Ipv4Address("10.0.0.1")}));
        v.push_back({"v3 report, six records",
                     IgmpMessage(r),
                     Cat({{0x22, 0x00, 0x88, 0x35},
                          {0x00, 0x00, 0x00, 0x06},
                          {0x01, 0x00, 0x00, 0x01}, // IS_IN, aux 0, N 1
                          {0xe8, 0x01, 0x01, 0x01},
                          {0x0a, 0x00, 0x00, 0x01},
                          {0x02, 0x02, 0x00, 0x00}, // IS_EX, aux 2 words, N 0
                          {0xef, 0x01, 0x01, 0x01},
                          {0x53, 0x4b, 0x44, 0x31},
                          {0x00, 0x00, 0x00, 0x2a},
                          {0x03, 0x00, 0x00, 0x00}, // TO_IN, N 0
                          {0xef, 0x01, 0x01, 0x02},
                          {0x04, 0x00, 0x00, 0x00}, // TO_EX, N 0
                          {0xef, 0x01, 0x01, 0x03},
                          {0x05, 0x00, 0x00, 0x01}, // ALLOW, N 1
                          {0xe8, 0x01, 0x01, 0x01},
                          {0x0a, 0x00, 0x00, 0x02},
                          {0x06, 0x00, 0x00, 0x01}, // BLOCK, N 1
                          {0xe8, 0x01, 0x01, 0x01},
                          {0x0a, 0x00, 0x00, 0x01}})});
    }
    // RFC 2236 §2 Version 2 Membership Report for 239.1.2.3; Max Resp Time 0.
    //   sum = 0x1600 + 0xef01 + 0x0203 = 0x10704 -> fold 0x0705 -> ~ = 0xf8fa
    {
        IgmpV2ReportHeader r;
        r.SetGroup(Ipv4Address("239.1.2.3"));
        v.push_back({"v2 report",
                     IgmpMessage(r),
                     Cat({{0x16, 0x00, 0xf8, 0xfa}, {0xef, 0x01, 0x02, 0x03}})});
    }
    // RFC 2236 §2 Leave Group for 239.1.2.3.
    //   sum = 0x1700 + 0xef01 + 0x0203 = 0x10804 -> fold 0x0805 -> ~ = 0xf7fa
    {
        IgmpV2LeaveHeader l;
        l.SetGroup(Ipv4Address("239.1.2.3"));
        v.push_back({"v2 leave",
                     IgmpMessage(l),
                     Cat({{0x17, 0x00, 0xf7, 0xfa}, {0xef, 0x01, 0x02, 0x03}})});
    }
    // RFC 1112 App. I Host Membership Report (version 1, type 2 = 0x12) for 224.5.6.7.
    //   sum = 0x1200 + 0xe005 + 0x0607 = 0xf80c -> ~ = 0x07f3
    {
        IgmpV1ReportHeader r;
        r.SetGroup(Ipv4Address("224.5.6.7"));
        v.push_back({"v1 report",
                     IgmpMessage(r),
                     Cat({{0x12, 0x00, 0x07, 0xf3}, {0xe0, 0x05, 0x06, 0x07}})});
    }
    // RFC 2236 §2 IGMPv2 General Query, Max Resp Time 100 (10 s).
    //   sum = 0x1164 -> ~ = 0xee9b
    {
        IgmpQueryHeader q;
        q.SetVersion(2);
        v.push_back({"v2 general query",
                     IgmpMessage(q),
                     Cat({{0x11, 0x64, 0xee, 0x9b}, {0x00, 0x00, 0x00, 0x00}})});
    }
    // RFC 1112 App. I Host Membership Query: the second octet is unused (0).
    //   sum = 0x1100 -> ~ = 0xeeff
    {
        IgmpQueryHeader q;
        q.SetVersion(1);
        v.push_back({"v1 query",
                     IgmpMessage(q),
                     Cat({{0x11, 0x00, 0xee, 0xff}, {0x00, 0x00, 0x00, 0x00}})});
    }
    return v;
}

/// Serialising each message gives exactly the hand-derived bytes, and parsing
/// those bytes (checksum verified) gives a message that serialises to them again.
class IgmpHandVectorTestCase : public TestCase
{
  public:
    IgmpHandVectorTestCase()
        : TestCase("serialize and parse match byte vectors derived from RFC 3376 §4")
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
            IgmpMessage parsed;
            WireStatus st = ParseIgmp(hv.bytes, true, parsed);
            NS_TEST_EXPECT_MSG_EQ(st.Ok(), true, hv.name << " parse: " << st);
            NS_TEST_EXPECT_MSG_EQ(parsed.GetType(), hv.message.GetType(), hv.name << " type");
            NS_TEST_EXPECT_MSG_EQ(Hex(parsed.ToBytes(true)), Hex(hv.bytes), hv.name << " again");
            NS_TEST_EXPECT_MSG_EQ(parsed.GetIgnored().size(), 0u, hv.name << " nothing ignored");
            const uint16_t checksumField = (hv.bytes[2] << 8) | hv.bytes[3];
            NS_TEST_EXPECT_MSG_EQ(parsed.GetReceivedChecksum(),
                                  checksumField,
                                  hv.name << " checksum as read");
        }

        // The fields of the vectors, read back.
        const auto v = HandVectors();
        IgmpMessage m;
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v[0].bytes, true, m).Ok(), true, "general query");
        const auto* q = m.As<IgmpQueryHeader>();
        NS_TEST_ASSERT_MSG_NE(q, nullptr, "query body");
        NS_TEST_EXPECT_MSG_EQ(q->GetKind(), IgmpQueryKind::GENERAL, "kind");
        NS_TEST_EXPECT_MSG_EQ(unsigned(q->GetVersion()), 3u, "12 octets is IGMPv3 (§7.1)");
        NS_TEST_EXPECT_MSG_EQ(q->GetMaxRespTime(), Seconds(10), "Max Resp Time");
        NS_TEST_EXPECT_MSG_EQ(unsigned(q->GetQrv()), 2u, "QRV");
        NS_TEST_EXPECT_MSG_EQ(q->GetQueryInterval(), Seconds(125), "QQI");
        NS_TEST_EXPECT_MSG_EQ(q->GetSuppressRouterProcessing(), false, "S");

        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v[1].bytes, true, m).Ok(), true, "group-specific");
        q = m.As<IgmpQueryHeader>();
        NS_TEST_EXPECT_MSG_EQ(q->GetKind(), IgmpQueryKind::GROUP_SPECIFIC, "kind");
        NS_TEST_EXPECT_MSG_EQ(q->GetGroup(), Ipv4Address("239.1.2.3"), "group");
        NS_TEST_EXPECT_MSG_EQ(q->GetSuppressRouterProcessing(), true, "S");
        NS_TEST_EXPECT_MSG_EQ(q->GetMaxRespTime(), MilliSeconds(1000), "Max Resp Time");

        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v[2].bytes, true, m).Ok(), true, "source-specific");
        q = m.As<IgmpQueryHeader>();
        NS_TEST_EXPECT_MSG_EQ(q->GetKind(), IgmpQueryKind::GROUP_AND_SOURCE_SPECIFIC, "kind");
        NS_TEST_EXPECT_MSG_EQ(q->GetSources().size(), 2u, "sources");
        NS_TEST_EXPECT_MSG_EQ(q->GetSources()[1], Ipv4Address("10.0.0.2"), "source 2");
        NS_TEST_EXPECT_MSG_EQ(q->GetMaxRespTime(), MilliSeconds(20800), "0x8a is 20.8 s");
        NS_TEST_EXPECT_MSG_EQ(q->GetQueryInterval(), Seconds(256), "0x90 is 256 s");
        NS_TEST_EXPECT_MSG_EQ(unsigned(q->GetQrv()), 7u, "QRV");

        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v[3].bytes, true, m).Ok(), true, "report");
        const auto* r = m.As<IgmpV3ReportHeader>();
        NS_TEST_ASSERT_MSG_NE(r, nullptr, "report body");
        NS_TEST_ASSERT_MSG_EQ(r->GetRecords().size(), 6u, "records");
        for (uint8_t k = 0; k < 6; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(unsigned(static_cast<uint8_t>(r->GetRecords()[k].GetType())),
                                  k + 1u,
                                  "record type in order");
        }
        NS_TEST_EXPECT_MSG_EQ(r->GetRecords()[1].GetAuxData().size(), 8u, "aux data octets");
        NS_TEST_EXPECT_MSG_EQ(unsigned(r->GetRecords()[1].GetAuxData()[7]), 42u, "aux data");
        NS_TEST_EXPECT_MSG_EQ(r->GetRecords()[5].GetSources()[0],
                              Ipv4Address("10.0.0.1"),
                              "BLOCK source");

        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v[5].bytes, true, m).Ok(), true, "leave");
        NS_TEST_EXPECT_MSG_EQ(m.As<IgmpV2LeaveHeader>()->GetGroup(),
                              Ipv4Address("239.1.2.3"),
                              "left group");
    }
};

/// RFC 3376 §4.1.1 and §4.1.7: the floating-point code, value by value.
class IgmpFloatingCodeTestCase : public TestCase
{
  public:
    IgmpFloatingCodeTestCase()
        : TestCase("Max Resp Code and QQIC floating-point encoding of RFC 3376 §4.1.1")
    {
    }

  private:
    void DoRun() override
    {
        // Worked from the figure 1|exp|mant, value (mant | 0x10) << (exp + 3):
        struct Known
        {
            uint8_t code;
            uint32_t value;
        };

        const Known known[] = {
            {0x00, 0},     // linear range
            {0x64, 100},   // 10 s, the §8.3 default
            {0x7f, 127},   // last linear value
            {0x80, 128},   // exp 0, mant 0: 0x10 << 3 = 128, no gap after 127
            {0x81, 136},   // exp 0, mant 1: 0x11 << 3
            {0x8f, 248},   // exp 0, mant 15: 0x1f << 3
            {0x90, 256},   // exp 1, mant 0: 0x10 << 4
            {0xa5, 672},   // exp 2, mant 5: 0x15 << 5
            {0xb0, 1024},  // exp 3, mant 0: 0x10 << 6
            {0xf0, 16384}, // exp 7, mant 0: 0x10 << 10
            {0xff, 31744}, // exp 7, mant 15: 0x1f << 10, the largest
        };
        for (const auto& k : known)
        {
            NS_TEST_EXPECT_MSG_EQ(IgmpDecodeFloatingCode(k.code),
                                  k.value,
                                  "decode 0x" << std::hex << unsigned(k.code));
            NS_TEST_EXPECT_MSG_EQ(unsigned(IgmpEncodeFloatingCode(k.value)),
                                  unsigned(k.code),
                                  "encode " << k.value);
        }
        NS_TEST_EXPECT_MSG_EQ(IGMP_FLOATING_CODE_MAX, 31744u, "maximum");

        // Every code against the formula written another way: mant * 2^(exp+3)
        // with the implicit leading one, in floating point.
        uint32_t previous = 0;
        for (unsigned c = 0; c < 256; ++c)
        {
            const uint32_t got = IgmpDecodeFloatingCode(static_cast<uint8_t>(c));
            uint32_t expected = c;
            if (c >= 128)
            {
                const unsigned exp = (c / 16) % 8;
                const unsigned mant = c % 16;
                expected = static_cast<uint32_t>(std::ldexp(16.0 + mant, exp + 3));
            }
            NS_TEST_EXPECT_MSG_EQ(got, expected, "code " << c);
            if (c > 0)
            {
                NS_TEST_EXPECT_MSG_GT(got, previous, "decode strictly increases at code " << c);
            }
            previous = got;
            NS_TEST_EXPECT_MSG_EQ(unsigned(IgmpEncodeFloatingCode(got)),
                                  c,
                                  "every code is the encoding of its own value");
        }

        // Encoding rounds up to the smallest code that covers the value, and
        // never goes down as the value goes up.
        uint8_t last = 0;
        for (uint32_t value = 0; value <= IGMP_FLOATING_CODE_MAX + 100; ++value)
        {
            const uint8_t code = IgmpEncodeFloatingCode(value);
            const uint32_t back = IgmpDecodeFloatingCode(code);
            if (value <= IGMP_FLOATING_CODE_MAX)
            {
                NS_TEST_ASSERT_MSG_EQ((back >= value), true, "decode(encode(" << value << "))");
                if (code > 0)
                {
                    NS_TEST_ASSERT_MSG_LT(IgmpDecodeFloatingCode(code - 1),
                                          value,
                                          "code for " << value << " is the smallest");
                }
            }
            else
            {
                NS_TEST_ASSERT_MSG_EQ(unsigned(code), 0xffu, "saturates above the maximum");
            }
            if (value < 128)
            {
                NS_TEST_ASSERT_MSG_EQ(back, value, "exact below 128");
            }
            NS_TEST_ASSERT_MSG_EQ((code >= last), true, "monotonic at " << value);
            last = code;
        }
        NS_TEST_EXPECT_MSG_EQ(unsigned(IgmpEncodeFloatingCode(129)), 0x81u, "129 rounds up to 136");
        NS_TEST_EXPECT_MSG_EQ(unsigned(IgmpEncodeFloatingCode(249)), 0x90u, "249 rounds to 256");
        NS_TEST_EXPECT_MSG_EQ(unsigned(IgmpEncodeFloatingCode(1000)),
                              0xb0u,
                              "1000: 31<<5 = 992 too small, next is 16<<6 = 1024");
        NS_TEST_EXPECT_MSG_EQ(unsigned(IgmpEncodeFloatingCode(0xffffffff)), 0xffu, "huge");
    }
};

/// RFC 3376 §7.1: the version of a query is told by its length, and the
/// IGMPv2 Max Resp Time is linear where IGMPv3's is floating point.
class IgmpQueryVersionTestCase : public TestCase
{
  public:
    IgmpQueryVersionTestCase()
        : TestCase("query version by length (RFC 3376 §7.1)")
    {
    }

  private:
    void DoRun() override
    {
        IgmpMessage m;
        // 8 octets, code 0: IGMPv1. Its group field is ignored (RFC 1112), so
        // a non-zero one reads as 0 and is sent again as 0.
        auto v1 = Cat({{0x11, 0x00, 0, 0}, Octets("239.1.2.3")});
        FixChecksum(v1);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v1, true, m).Ok(), true, "v1 query");
        const auto* q = m.As<IgmpQueryHeader>();
        NS_TEST_EXPECT_MSG_EQ(unsigned(q->GetVersion()), 1u, "version");
        NS_TEST_EXPECT_MSG_EQ(q->GetKind(), IgmpQueryKind::GENERAL, "always general");
        NS_TEST_EXPECT_MSG_EQ(q->GetMaxRespTime(), Time(0), "no Max Resp Time field");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(false)),
                              "11 00 00 00 00 00 00 00",
                              "group not sent again");

        // 8 octets, code 0x8a: IGMPv2 and linear: 13.8 s, not the 20.8 s of IGMPv3.
        auto v2 = Cat({{0x11, 0x8a, 0, 0}, Octets("239.1.2.3")});
        FixChecksum(v2);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v2, true, m).Ok(), true, "v2 query");
        q = m.As<IgmpQueryHeader>();
        NS_TEST_EXPECT_MSG_EQ(unsigned(q->GetVersion()), 2u, "version");
        NS_TEST_EXPECT_MSG_EQ(q->GetKind(), IgmpQueryKind::GROUP_SPECIFIC, "kind");
        NS_TEST_EXPECT_MSG_EQ(q->GetMaxRespTime(), MilliSeconds(13800), "linear 138 tenths");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(true)), Hex(v2), "v2 query re-encodes");

        // The same first 8 octets with an empty v3 tail: IGMPv3, floating point.
        auto v3 = Cat({v2, {0x02, 0x7d, 0x00, 0x00}});
        FixChecksum(v3);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v3, true, m).Ok(), true, "v3 query");
        q = m.As<IgmpQueryHeader>();
        NS_TEST_EXPECT_MSG_EQ(unsigned(q->GetVersion()), 3u, "version");
        NS_TEST_EXPECT_MSG_EQ(q->GetMaxRespTime(), MilliSeconds(20800), "floating 208 tenths");

        // An IGMPv3 query with Max Resp Code 0 is still IGMPv3: length decides.
        auto v3zero = Cat({{0x11, 0x00, 0, 0}, Octets("0.0.0.0"), {0x02, 0x7d, 0x00, 0x00}});
        FixChecksum(v3zero);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(v3zero, true, m).Ok(), true, "v3 query, code 0");
        NS_TEST_EXPECT_MSG_EQ(unsigned(m.As<IgmpQueryHeader>()->GetVersion()), 3u, "version");

        // 9, 10 and 11 octets: none of the three (§7.1: silently ignored).
        for (uint32_t len = 9; len < 12; ++len)
        {
            auto b = v3;
            b.resize(len);
            FixChecksum(b);
            NS_TEST_EXPECT_MSG_EQ(ParseIgmp(b, true, m).error,
                                  WireError::BAD_QUERY_LENGTH,
                                  len << "-octet query");
        }

        // Built locally: a v2 query sends its code linearly, a v1 query sends 0.
        IgmpQueryHeader built;
        built.SetVersion(1);
        built.SetMaxRespCode(50);
        NS_TEST_EXPECT_MSG_EQ(Hex(IgmpMessage(built).ToBytes(false)),
                              "11 00 00 00 00 00 00 00",
                              "v1 query ignores Max Resp Code");
        built.SetVersion(2);
        NS_TEST_EXPECT_MSG_EQ(Hex(IgmpMessage(built).ToBytes(false)),
                              "11 32 00 00 00 00 00 00",
                              "v2 query");
    }
};

/// Every field of every message type survives bytes -> message -> bytes, and
/// the same headers go through an ns-3 Packet with AddHeader/RemoveHeader.
class IgmpRoundTripTestCase : public TestCase
{
  public:
    IgmpRoundTripTestCase()
        : TestCase("every message type round-trips through bytes and ns-3 packets")
    {
    }

  private:
    void DoRun() override
    {
        // Fresh objects name no group (ns-3's Ipv4Address() is not 0.0.0.0).
        NS_TEST_EXPECT_MSG_EQ(IgmpQueryHeader().GetGroup(), Ipv4Address::GetAny(), "query");
        NS_TEST_EXPECT_MSG_EQ(IgmpV2ReportHeader().GetGroup(), Ipv4Address::GetAny(), "report");
        NS_TEST_EXPECT_MSG_EQ(IgmpGroupRecord().GetGroup(), Ipv4Address::GetAny(), "record");

        // The largest query §4.1.8 allows on Ethernet: 366 sources.
        IgmpQueryHeader q;
        q.SetGroup(Ipv4Address("232.255.0.1"));
        q.SetMaxRespCode(IgmpEncodeFloatingCode(3000));
        q.SetQqic(IgmpEncodeFloatingCode(7000));
        q.SetQrv(0);
        for (uint32_t k = 0; k < 366; ++k)
        {
            q.AddSource(Ipv4Address(0x0a000000 + k));
        }
        IgmpMessage m;
        const auto qBytes = IgmpMessage(q).ToBytes(true);
        NS_TEST_EXPECT_MSG_EQ(qBytes.size(), 12u + 4 * 366, "size");
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(qBytes, true, m).Ok(), true, "big query");
        const auto* pq = m.As<IgmpQueryHeader>();
        NS_TEST_EXPECT_MSG_EQ((pq->GetSources() == q.GetSources()), true, "sources");
        NS_TEST_EXPECT_MSG_EQ(pq->GetMaxRespTime(),
                              MilliSeconds(307200),
                              "3000 tenths round up to 24 << 7 = 3072");
        NS_TEST_EXPECT_MSG_EQ(pq->GetQueryInterval(), Seconds(7168), "7000 s rounds to 7168 s");
        NS_TEST_EXPECT_MSG_EQ(unsigned(pq->GetQrv()), 0u, "QRV 0");

        // A report with maximal auxiliary data and many records.
        IgmpV3ReportHeader r;
        IgmpGroupRecord token(IgmpRecordType::CHANGE_TO_EXCLUDE_MODE, Ipv4Address("239.0.0.1"));
        std::vector<uint8_t> aux(IgmpGroupRecord::MAX_AUX_DATA_SIZE);
        for (std::size_t k = 0; k < aux.size(); ++k)
        {
            aux[k] = static_cast<uint8_t>(k * 7);
        }
        token.SetAuxData(aux);
        r.AddRecord(token);
        for (uint32_t k = 0; k < 40; ++k)
        {
            IgmpGroupRecord rec(static_cast<IgmpRecordType>(1 + k % 6),
                                Ipv4Address(0xe8000000 + k));
            for (uint32_t s = 0; s < k % 5; ++s)
            {
                rec.AddSource(Ipv4Address(0xc0a80000 + 256 * k + s));
            }
            r.AddRecord(rec);
        }
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(IgmpMessage(r).ToBytes(true), true, m).Ok(),
                              true,
                              "big report");
        const auto* pr = m.As<IgmpV3ReportHeader>();
        NS_TEST_ASSERT_MSG_EQ(pr->GetRecords().size(), 41u, "records");
        for (std::size_t k = 0; k < 41; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ((pr->GetRecords()[k] == r.GetRecords()[k]), true, "record " << k);
        }
        NS_TEST_EXPECT_MSG_EQ(unsigned(IgmpMessage(r).ToBytes(false)[9]),
                              255u,
                              "Aux Data Len counts 32-bit words");

        // Each message through an ns-3 packet: ToPacket, then Parse and the
        // header's own RemoveHeader.
        for (const auto& hv : HandVectors())
        {
            Ptr<Packet> p = hv.message.ToPacket(true);
            IgmpMessage viaPacket;
            WireStatus st = IgmpMessage::Parse(p, true, viaPacket);
            NS_TEST_EXPECT_MSG_EQ(st.Ok(), true, hv.name << " via packet: " << st);
            NS_TEST_EXPECT_MSG_EQ(Hex(viaPacket.ToBytes(true)), Hex(hv.bytes), hv.name);
        }
        Ptr<Packet> p = IgmpMessage(r).ToPacket(true);
        IgmpV3ReportHeader removed;
        NS_TEST_EXPECT_MSG_EQ(p->RemoveHeader(removed), r.GetSerializedSize(), "all consumed");
        NS_TEST_EXPECT_MSG_EQ(removed.IsChecksumOk(), true, "checksum");
        NS_TEST_EXPECT_MSG_EQ(removed.GetRecords().size(), 41u, "records");
        NS_TEST_EXPECT_MSG_EQ(p->GetSize(), 0u, "packet empty");
    }
};

/**
 * RFC 3376 §4.1.10, §4.2.11, RFC 2236 §2.5: octets after the last field are
 * summed by the checksum and otherwise ignored; §4.1.4, §4.2.1: reserved
 * fields are ignored. Such messages are accepted, say what was ignored, and
 * are sent again without it.
 */
class IgmpIgnoredPartsTestCase : public TestCase
{
  public:
    IgmpIgnoredPartsTestCase()
        : TestCase("additional data and reserved fields are ignored, not rejected")
    {
    }

  private:
    void DoRun() override
    {
        const auto v = HandVectors();
        IgmpMessage m;
        for (const auto& hv : v)
        {
            // Three extra octets, an odd length: the checksum pads the last
            // one as the high octet (RFC 1071).
            auto b = Cat({hv.bytes, {0xde, 0xad, 0xbe}});
            if (hv.message.GetType() == IgmpType::MEMBERSHIP_QUERY && hv.bytes.size() == 8)
            {
                continue; // an 11-octet "v1/v2 query" is no query at all (§7.1)
            }
            FixChecksum(b);
            WireStatus st = ParseIgmp(b, true, m);
            NS_TEST_EXPECT_MSG_EQ(st.Ok(), true, hv.name << " + 3 octets: " << st);
            NS_TEST_EXPECT_MSG_EQ(IgnoredReasons(m), "trailing-bytes", hv.name << " ignored");
            NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(true)), Hex(hv.bytes), hv.name << " sent again");

            // The extra octets are under the checksum: change one, and it fails.
            b.back() ^= 0x01;
            NS_TEST_EXPECT_MSG_EQ(ParseIgmp(b, true, m).error,
                                  WireError::BAD_CHECKSUM,
                                  hv.name << " additional data is summed");
        }

        // Reserved bits of a query (Resv) and of a report (both Reserved fields).
        auto q = v[1].bytes;
        q[8] |= 0xf0;
        FixChecksum(q);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(q, true, m).Ok(), true, "query with Resv set");
        NS_TEST_EXPECT_MSG_EQ(unsigned(m.As<IgmpQueryHeader>()->GetQrv()), 2u, "QRV unaffected");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(true)), Hex(v[1].bytes), "Resv sent as zero");
        auto r = v[3].bytes;
        r[1] = 0x5a;
        r[4] = 0xa5;
        r[5] = 0x01;
        FixChecksum(r);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(r, true, m).Ok(), true, "report with Reserved set");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(true)), Hex(v[3].bytes), "Reserved sent as zero");
        auto l = v[5].bytes;
        l[1] = 0x64;
        FixChecksum(l);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(l, true, m).Ok(), true, "leave with Max Resp Time");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(true)), Hex(v[5].bytes), "sent as zero");

        // A record of an unknown type is kept and named, the report stays valid.
        IgmpV3ReportHeader rep;
        rep.AddRecord(IgmpGroupRecord(IgmpRecordType::ALLOW_NEW_SOURCES,
                                      Ipv4Address("232.1.1.1"),
                                      {Ipv4Address("10.0.0.9")}));
        rep.AddRecord(IgmpGroupRecord(static_cast<IgmpRecordType>(7),
                                      Ipv4Address("10.1.1.1"), // not judged: ignored whole
                                      {Ipv4Address("10.0.0.9")}));
        rep.AddRecord(IgmpGroupRecord(IgmpRecordType::MODE_IS_EXCLUDE, Ipv4Address("239.7.7.7")));
        const auto bytes = IgmpMessage(rep).ToBytes(true);
        NS_TEST_ASSERT_MSG_EQ(ParseIgmp(bytes, true, m).Ok(), true, "report with type 7");
        NS_TEST_EXPECT_MSG_EQ(IgnoredReasons(m), "unknown-record-type", "ignored");
        const auto& recs = m.As<IgmpV3ReportHeader>()->GetRecords();
        NS_TEST_ASSERT_MSG_EQ(recs.size(), 3u, "records kept");
        NS_TEST_EXPECT_MSG_EQ(recs[1].IsKnownType(), false, "record 2 unknown");
        NS_TEST_EXPECT_MSG_EQ(recs[2].GetGroup(), Ipv4Address("239.7.7.7"), "record 3 found");
        NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(true)), Hex(bytes), "re-encodes as received");
    }
};

class IgmpWireFormatTestSuite : public TestSuite
{
  public:
    IgmpWireFormatTestSuite()
        : TestSuite("smkd-igmp-wire-format", UNIT)
    {
        AddTestCase(new IgmpHandVectorTestCase, TestCase::QUICK);
        AddTestCase(new IgmpFloatingCodeTestCase, TestCase::QUICK);
        AddTestCase(new IgmpQueryVersionTestCase, TestCase::QUICK);
        AddTestCase(new IgmpRoundTripTestCase, TestCase::QUICK);
        AddTestCase(new IgmpIgnoredPartsTestCase, TestCase::QUICK);
    }
};

IgmpWireFormatTestSuite g_igmpWireFormatTestSuite;

} // namespace
