/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The byte formats of RFC 1949's security payloads: tokens (Appendix A) with
// their freshness and replay checks, access control lists (§6.1), signed
// blobs, key bundles and group access packages (§6.2). Round trips, exact
// sizes, matching rules, and rejection of malformed bytes without over-reads.

#include "ns3/smkd-access-list.h"
#include "ns3/smkd-byte-codec.h"
#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-key-bundle.h"
#include "ns3/smkd-key-delivery.h"
#include "ns3/smkd-management-message.h"
#include "ns3/smkd-sender-key.h"
#include "ns3/smkd-token.h"
#include "ns3/test.h"

#include <random>
#include <stdexcept>
#include <string>

using namespace ns3;

namespace
{

SmkdToken
HostToken()
{
    SmkdToken t;
    t.issuer = Ipv4Address("10.1.2.3");
    t.group = Ipv4Address("232.1.1.1");
    t.timestamp = 5000000000ULL;
    t.random = 0x0123456789abcdefULL;
    t.signature = std::vector<uint8_t>(64, 0x5a);
    return t;
}

SmkdGroupAccessPackage
Package()
{
    SmkdAccessList acl(Ipv4Address("232.1.1.1"),
                       SmkdAccessList::Kind::GROUP_MEMBERS,
                       SmkdAccessList::Mode::INCLUSION,
                       Ipv4Address("10.0.0.9"));
    acl.Add(Ipv4Address("10.1.2.0"), 24);
    SmkdGroupAccessPackage p;
    p.senderToken = HostToken();
    p.senderToken.recipient = Ipv4Address("10.0.0.2");
    p.acl = SmkdSignedBlob{Ipv4Address("10.0.0.1"), acl.Serialize(), std::vector<uint8_t>(64, 1)};
    p.sealedForHost = std::vector<uint8_t>(200, 2);
    p.sealedForNextHop = std::vector<uint8_t>(200, 3);
    return p;
}

class ByteCodecTestCase : public TestCase
{
  public:
    ByteCodecTestCase()
        : TestCase("byte writer and reader: network order, bounded reads")
    {
    }

  private:
    void DoRun() override
    {
        smkd::ByteWriter w;
        w.U8(1);
        w.U16(0x0203);
        w.U32(0x04050607);
        w.U64(0x08090a0b0c0d0e0fULL);
        w.Address(Ipv4Address("192.0.2.1"));
        w.Blob({0xaa, 0xbb});
        w.Text("u");
        const std::vector<uint8_t> expected = {1,  2,  3,   4, 5, 6, 7, 8, 9,    10,   11, 12, 13,
                                               14, 15, 192, 0, 2, 1, 0, 2, 0xaa, 0xbb, 0,  1,  'u'};
        NS_TEST_EXPECT_MSG_EQ((w.Bytes() == expected), true, "network byte order, 16-bit lengths");
        smkd::ByteReader r(w.Bytes());
        NS_TEST_EXPECT_MSG_EQ(unsigned(r.U8()), 1u, "u8");
        NS_TEST_EXPECT_MSG_EQ(r.U16(), 0x0203, "u16");
        NS_TEST_EXPECT_MSG_EQ(r.U32(), 0x04050607u, "u32");
        NS_TEST_EXPECT_MSG_EQ(r.U64(), 0x08090a0b0c0d0e0fULL, "u64");
        NS_TEST_EXPECT_MSG_EQ(r.Address(), Ipv4Address("192.0.2.1"), "address");
        NS_TEST_EXPECT_MSG_EQ(r.Blob().size(), 2u, "blob");
        NS_TEST_EXPECT_MSG_EQ(r.Text(), "u", "text");
        NS_TEST_EXPECT_MSG_EQ(r.Ok() && r.AtEnd(), true, "all read");
        const std::vector<uint8_t> lying = {0, 9, 1, 2};
        smkd::ByteReader bad(lying);
        NS_TEST_EXPECT_MSG_EQ(bad.Blob().size(), 0u, "a length past the end yields nothing");
        NS_TEST_EXPECT_MSG_EQ(bad.Ok(), false, "and fails the reader");
        NS_TEST_EXPECT_MSG_EQ(bad.U32(), 0u, "later reads return zero");

        // 65535 bytes fit the 16-bit length; one more is an exception naming
        // both sizes, and nothing is written.
        smkd::ByteWriter big;
        big.Blob(std::vector<uint8_t>(smkd::ByteWriter::MAX_FIELD_SIZE, 1));
        NS_TEST_EXPECT_MSG_EQ(big.Bytes().size(), 2u + 65535, "the longest field");
        std::string error;
        try
        {
            big.Blob(std::vector<uint8_t>(65536, 1));
        }
        catch (const std::length_error& e)
        {
            error = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(error.find("field of 65536 bytes"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_NE(error.find("65535-byte limit"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_EQ(big.Bytes().size(), 2u + 65535, "the writer is unchanged");
    }
};

class TokenTestCase : public TestCase
{
  public:
    TokenTestCase()
        : TestCase("tokens: format, freshness window, replay cache")
    {
    }

  private:
    void DoRun() override
    {
        const SmkdToken t = HostToken();
        const auto bytes = t.Serialize();
        NS_TEST_EXPECT_MSG_EQ(bytes.size(), 28u + 2 + 64, "28 fixed bytes + signature");
        NS_TEST_EXPECT_MSG_EQ(t.SignedBytes().size(), 28u, "the signature covers the fixed part");
        SmkdToken back;
        NS_TEST_EXPECT_MSG_EQ(SmkdToken::Parse(bytes, back), true, "parses");
        NS_TEST_EXPECT_MSG_EQ((back == t), true, "round trip");
        NS_TEST_EXPECT_MSG_EQ(back.recipient, Ipv4Address::GetAny(), "host token: no recipient");
        auto longer = bytes;
        longer.push_back(0);
        NS_TEST_EXPECT_MSG_EQ(SmkdToken::Parse(longer, back), false, "trailing byte");
        for (std::size_t n = 0; n < bytes.size(); ++n)
        {
            NS_TEST_EXPECT_MSG_EQ(
                SmkdToken::Parse(std::vector<uint8_t>(bytes.begin(), bytes.begin() + n), back),
                false,
                "prefix of " << n << " bytes");
        }

        SmkdTokenChecker checker(Seconds(30));
        using V = SmkdTokenChecker::Verdict;
        const Time now = Seconds(10); // the token says 5 s
        NS_TEST_EXPECT_MSG_EQ(SmkdTokenVerdictName(checker.Check(t, now)),
                              std::string("fresh"),
                              "first use");
        NS_TEST_EXPECT_MSG_EQ(SmkdTokenVerdictName(checker.Check(t, now)),
                              std::string("replayed"),
                              "same (issuer, random) again");
        SmkdToken other = t;
        other.random += 1;
        NS_TEST_EXPECT_MSG_EQ((checker.Check(other, now) == V::FRESH),
                              true,
                              "another random number");
        NS_TEST_EXPECT_MSG_EQ((checker.Check(t, Seconds(36)) == V::STALE),
                              true,
                              "replayed after the window");
        NS_TEST_EXPECT_MSG_EQ(checker.CacheSize(),
                              0u,
                              "the cache forgets what the window left behind");
        SmkdToken ahead = t;
        ahead.timestamp = 100000000000ULL; // 100 s
        NS_TEST_EXPECT_MSG_EQ((checker.Check(ahead, Seconds(10)) == V::FUTURE),
                              true,
                              "from the future");
    }
};

class AccessListTestCase : public TestCase
{
  public:
    AccessListTestCase()
        : TestCase("access lists: inclusion, exclusion, prefixes, users, format")
    {
    }

  private:
    void DoRun() override
    {
        const Ipv4Address g("232.1.1.1");
        SmkdAccessList in(g,
                          SmkdAccessList::Kind::GROUP_MEMBERS,
                          SmkdAccessList::Mode::INCLUSION,
                          Ipv4Address("10.0.0.9"));
        in.Add(Ipv4Address("10.1.2.0"), 24);
        in.Add(Ipv4Address("10.9.9.9"), 32, "alice");
        NS_TEST_EXPECT_MSG_EQ(in.Permits(Ipv4Address("10.1.2.77")), true, "inside the /24");
        NS_TEST_EXPECT_MSG_EQ(in.Permits(Ipv4Address("10.1.3.1")), false, "outside it");
        NS_TEST_EXPECT_MSG_EQ(in.Permits(Ipv4Address("10.9.9.9"), "alice"), true, "the named user");
        NS_TEST_EXPECT_MSG_EQ(in.Permits(Ipv4Address("10.9.9.9"), "mallory"),
                              false,
                              "another user there");
        SmkdAccessList ex(g,
                          SmkdAccessList::Kind::GROUP_MEMBERS,
                          SmkdAccessList::Mode::EXCLUSION,
                          Ipv4Address("10.0.0.9"));
        ex.Add(Ipv4Address("10.6.6.6"));
        NS_TEST_EXPECT_MSG_EQ(ex.Permits(Ipv4Address("10.6.6.6")), false, "excluded host");
        NS_TEST_EXPECT_MSG_EQ(ex.Permits(Ipv4Address("10.6.6.7")), true, "everyone else");

        const auto bytes = in.Serialize();
        NS_TEST_EXPECT_MSG_EQ(bytes.size(), 16u + (4 + 1 + 2) + (4 + 1 + 2 + 5), "size adds up");
        SmkdAccessList back;
        NS_TEST_ASSERT_MSG_EQ(SmkdAccessList::Parse(bytes, back), true, "parses");
        NS_TEST_EXPECT_MSG_EQ(back.Permits(Ipv4Address("10.1.2.77")), true, "same decisions");
        NS_TEST_EXPECT_MSG_EQ(back.Permits(Ipv4Address("10.9.9.9"), "mallory"),
                              false,
                              "same decisions");
        NS_TEST_EXPECT_MSG_EQ((back.Serialize() == bytes), true, "canonical");
        auto badMode = bytes;
        badMode[1] = 7;
        NS_TEST_EXPECT_MSG_EQ(SmkdAccessList::Parse(badMode, back), false, "unknown mode");
        auto badLength = bytes;
        badLength[16 + 4] = 33;
        NS_TEST_EXPECT_MSG_EQ(SmkdAccessList::Parse(badLength, back), false, "prefix length 33");
        auto badCount = bytes;
        badCount[15] = 3;
        NS_TEST_EXPECT_MSG_EQ(SmkdAccessList::Parse(badCount, back), false, "count past the data");
    }
};

/// An access list must fit the field that carries it signed: the limit is a
/// configuration error raised where hosts are added, never an abort later.
class AccessListLimitTestCase : public TestCase
{
  public:
    AccessListLimitTestCase()
        : TestCase("access lists: 10,000 hosts exceed the encoding limit, an exception")
    {
    }

  private:
    void DoRun() override
    {
        const Ipv4Address g("232.1.1.1");
        SmkdAccessList acl(g,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           Ipv4Address("10.0.0.9"));
        // 16 fixed bytes + 7 per host without a user: (63487 - 16) / 7 = 9067
        // hosts fit, the 9068th would need 16 + 7 * 9068 = 63492 bytes.
        const uint32_t fitting = (SmkdAccessList::MAX_SERIALIZED_SIZE - 16) / 7;
        NS_TEST_EXPECT_MSG_EQ(fitting, 9067u, "hosts that fit");
        std::string error;
        uint32_t added = 0;
        try
        {
            for (uint32_t i = 0; i < 10000; ++i)
            {
                acl.Add(Ipv4Address(0x0a000000 + i));
                ++added;
            }
        }
        catch (const std::invalid_argument& e)
        {
            error = e.what();
        }
        NS_TEST_EXPECT_MSG_EQ(added, fitting, "entries accepted before the refusal");
        NS_TEST_EXPECT_MSG_EQ(acl.GetEntries().size(), fitting, "the refused entry is not kept");
        NS_TEST_EXPECT_MSG_NE(error.find("group 232.1.1.1"), std::string::npos, error);
        NS_TEST_EXPECT_MSG_NE(error.find("9068 entries need 63492 bytes"),
                              std::string::npos,
                              error);
        const std::vector<uint8_t> bytes = acl.Serialize();
        NS_TEST_EXPECT_MSG_EQ(bytes.size(), 16u + 7 * 9067, "the full list encodes");
        NS_TEST_EXPECT_MSG_EQ(acl.GetSerializedSize(), bytes.size(), "size known without encoding");
        SmkdSignedBlob signedList{Ipv4Address("10.0.0.9"), bytes, std::vector<uint8_t>(256, 1)};
        NS_TEST_EXPECT_MSG_EQ(signedList.Serialize().size(),
                              4u + 2 + bytes.size() + 2 + 256,
                              "and fits one field signed with RSA-2048");

        // Excluding shrinks the running size, so a host fits again.
        NS_TEST_EXPECT_MSG_EQ(acl.Exclude(Ipv4Address(0x0a000000)), true, "host 0 out");
        NS_TEST_EXPECT_MSG_EQ(acl.GetSerializedSize(), 16u + 7 * 9066, "7 bytes fewer");
        acl.Add(Ipv4Address(0x0a000000 + 9067));
        NS_TEST_EXPECT_MSG_EQ(acl.GetSerializedSize(), 16u + 7 * 9067, "full again");

        // A received encoding longer than the limit is not taken either: the
        // core could not pass it on. One more entry than Add allows:
        std::vector<uint8_t> longer = bytes;
        longer[14] = uint8_t((9068 >> 8) & 0xff);
        longer[15] = uint8_t(9068 & 0xff);
        for (uint8_t b : {10, 9, 9, 9, 32, 0, 0})
        {
            longer.push_back(b);
        }
        SmkdAccessList back;
        NS_TEST_EXPECT_MSG_EQ(SmkdAccessList::Parse(longer, back), false, "over the limit");
        NS_TEST_EXPECT_MSG_EQ(SmkdAccessList::Parse(bytes, back), true, "at the limit");
        NS_TEST_EXPECT_MSG_EQ(back.GetSerializedSize(), bytes.size(), "parsed size");

        // An exclusion list meets the same limit through Exclude.
        SmkdAccessList ex(g,
                          SmkdAccessList::Kind::GROUP_MEMBERS,
                          SmkdAccessList::Mode::EXCLUSION,
                          Ipv4Address("10.0.0.9"));
        for (uint32_t i = 0; i < fitting; ++i)
        {
            ex.Add(Ipv4Address(0x0b000000 + i));
        }
        bool refused = false;
        try
        {
            ex.Exclude(Ipv4Address("10.200.0.1"));
        }
        catch (const std::invalid_argument&)
        {
            refused = true;
        }
        NS_TEST_EXPECT_MSG_EQ(refused, true, "no room for another excluded host");
        NS_TEST_EXPECT_MSG_EQ(ex.Permits(Ipv4Address("10.200.0.1")), true, "so it is not excluded");
    }
};

class KeyPackageTestCase : public TestCase
{
  public:
    KeyPackageTestCase()
        : TestCase("key bundles and group access packages: format and malformed input")
    {
    }

  private:
    void DoRun() override
    {
        SmkdKeyBundle b;
        b.group = Ipv4Address("232.1.1.1");
        b.groupKey = std::vector<uint8_t>(32, 0x11);
        b.kek = std::vector<uint8_t>(32, 0x22);
        b.sa.spi = 0x1949;
        b.sa.lifetime = 3600;
        b.sa.activation = 7;
        b.sa.epoch = 5;
        const auto bytes = b.Serialize();
        NS_TEST_EXPECT_MSG_EQ(bytes.size(), 4u + 34 + 34 + 4 + 1 + 4 + 8 + 4, "bundle size");
        SmkdKeyBundle back;
        NS_TEST_EXPECT_MSG_EQ(SmkdKeyBundle::Parse(bytes, back), true, "parses");
        NS_TEST_EXPECT_MSG_EQ((back == b), true, "round trip");
        auto badCipher = bytes;
        badCipher[4 + 34 + 34 + 4] = 9;
        NS_TEST_EXPECT_MSG_EQ(SmkdKeyBundle::Parse(badCipher, back), false, "unknown cipher");

        const SmkdGroupAccessPackage p = Package();
        const auto pb = p.Serialize();
        SmkdGroupAccessPackage q;
        NS_TEST_ASSERT_MSG_EQ(SmkdGroupAccessPackage::Parse(pb, q), true, "package parses");
        NS_TEST_EXPECT_MSG_EQ((q.senderToken == p.senderToken), true, "token");
        NS_TEST_EXPECT_MSG_EQ((q.acl.body == p.acl.body), true, "ACL");
        NS_TEST_EXPECT_MSG_EQ((q.sealedForNextHop == p.sealedForNextHop), true, "next hop's copy");
        NS_TEST_EXPECT_MSG_EQ((q.Serialize() == pb), true, "canonical");

        // Every prefix is rejected; seeded mutations never read out of bounds,
        // and whatever parses re-encodes to the same bytes.
        for (std::size_t n = 0; n < pb.size(); ++n)
        {
            std::vector<uint8_t> cut(pb.begin(), pb.begin() + n);
            cut.shrink_to_fit();
            NS_TEST_EXPECT_MSG_EQ(SmkdGroupAccessPackage::Parse(cut, q), false, "prefix " << n);
        }
        std::mt19937 rng(1949);
        uint32_t accepted = 0;
        for (int k = 0; k < 5000; ++k)
        {
            std::vector<uint8_t> m = pb;
            m[rng() % m.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
            m.shrink_to_fit();
            if (SmkdGroupAccessPackage::Parse(m, q))
            {
                ++accepted;
                NS_TEST_EXPECT_MSG_EQ((q.Serialize() == m), true, "accepted input is canonical");
            }
        }
        NS_TEST_EXPECT_MSG_GT(accepted, 1000u, "byte flips inside values still parse");
    }
};

/**
 * The messages of re-keying, sender keys and exclusion: exact sizes, round
 * trips, every prefix refused, and 3,000 seeded byte flips each either
 * refused or re-encoded to the same bytes (never read out of bounds: run
 * under AddressSanitizer with -DSMKD_SANITIZE=ON).
 */
class GroupKeyPayloadTestCase : public TestCase
{
  public:
    GroupKeyPayloadTestCase()
        : TestCase("group key messages, sender keys and key deliveries: format, malformed input")
    {
    }

  private:
    template <typename T>
    void Robust(const std::vector<uint8_t>& valid, const char* what)
    {
        T out;
        for (std::size_t n = 0; n < valid.size(); ++n)
        {
            std::vector<uint8_t> cut(valid.begin(), valid.begin() + n);
            cut.shrink_to_fit();
            NS_TEST_EXPECT_MSG_EQ(T::Parse(cut, out), false, what << ": prefix " << n);
        }
        std::vector<uint8_t> longer = valid;
        longer.push_back(0);
        NS_TEST_EXPECT_MSG_EQ(T::Parse(longer, out), false, what << ": trailing byte");
        std::mt19937 rng(1952);
        for (int k = 0; k < 3000; ++k)
        {
            std::vector<uint8_t> m = valid;
            m[rng() % m.size()] ^= static_cast<uint8_t>(1 + rng() % 255);
            m.shrink_to_fit();
            if (T::Parse(m, out))
            {
                NS_TEST_EXPECT_MSG_EQ((out.Serialize() == m), true, what << ": canonical");
            }
        }
    }

    void DoRun() override
    {
        SmkdGroupKeyMessage m;
        m.type = SmkdGroupKeyMessage::Type::SENDER_KEY;
        m.group = Ipv4Address("232.1.1.1");
        m.keySpi = 0x1952;
        m.body = std::vector<uint8_t>(40, 0x5a);
        const auto mb = m.Serialize();
        // type 1, group 4, keySpi 4 (the associated data), body length 2 + 40.
        NS_TEST_EXPECT_MSG_EQ(mb.size(), 1u + 4 + 4 + 2 + 40, "group key message size");
        NS_TEST_EXPECT_MSG_EQ(m.AssociatedData().size(), 9u, "associated data");
        SmkdGroupKeyMessage back;
        NS_TEST_EXPECT_MSG_EQ(SmkdGroupKeyMessage::Parse(mb, back), true, "parses");
        NS_TEST_EXPECT_MSG_EQ((back.body == m.body && back.keySpi == m.keySpi), true, "round trip");
        auto badType = mb;
        badType[0] = 9;
        NS_TEST_EXPECT_MSG_EQ(SmkdGroupKeyMessage::Parse(badType, back), false, "unknown type");
        auto unicast = mb;
        unicast[1] = 10;
        NS_TEST_EXPECT_MSG_EQ(SmkdGroupKeyMessage::Parse(unicast, back), false, "not a group");
        Robust<SmkdGroupKeyMessage>(mb, "group key message");

        SmkdSenderKey sk;
        sk.group = Ipv4Address("232.1.1.1");
        sk.sender = Ipv4Address("10.0.0.1");
        sk.key = std::vector<uint8_t>(32, 0x33);
        sk.sa.spi = 0x777;
        const auto sb = sk.Serialize();
        NS_TEST_EXPECT_MSG_EQ(sb.size(), 4u + 4 + 34 + 4 + 1 + 4 + 8 + 4, "sender key size");
        SmkdSenderKey skBack;
        NS_TEST_EXPECT_MSG_EQ(SmkdSenderKey::Parse(sb, skBack), true, "sender key parses");
        NS_TEST_EXPECT_MSG_EQ((skBack.key == sk.key && skBack.sender == sk.sender), true, "same");
        SmkdSenderKey shortKey = sk;
        shortKey.key.resize(16);
        NS_TEST_EXPECT_MSG_EQ(SmkdSenderKey::Parse(shortKey.Serialize(), skBack),
                              false,
                              "a key AES-256 cannot use");
        Robust<SmkdSenderKey>(sb, "sender key");

        SmkdKeyDelivery d;
        d.type = SmkdKeyDelivery::Type::REKEY;
        d.group = Ipv4Address("232.1.1.1");
        d.sealed = std::vector<uint8_t>(60, 0x44);
        Robust<SmkdKeyDelivery>(d.Serialize(), "key delivery");

        SmkdManagementMessage r;
        r.type = SmkdManagementMessage::Type::SENDER_REQUEST;
        r.group = Ipv4Address("232.1.1.1");
        r.sequence = 3;
        r.body = std::vector<uint8_t>(90, 0x66);
        Robust<SmkdManagementMessage>(r.Serialize(), "sender request");
    }
};

class SmkdPayloadTestSuite : public TestSuite
{
  public:
    SmkdPayloadTestSuite()
        : TestSuite("smkd-security-payloads", UNIT)
    {
        AddTestCase(new ByteCodecTestCase, TestCase::QUICK);
        AddTestCase(new TokenTestCase, TestCase::QUICK);
        AddTestCase(new AccessListTestCase, TestCase::QUICK);
        AddTestCase(new AccessListLimitTestCase, TestCase::QUICK);
        AddTestCase(new KeyPackageTestCase, TestCase::QUICK);
        AddTestCase(new GroupKeyPayloadTestCase, TestCase::QUICK);
    }
};

SmkdPayloadTestSuite g_smkdPayloadTestSuite;

} // namespace
