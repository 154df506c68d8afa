/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Sender-specific keys, RFC 1949 §5 and §8: a member sender multicasts
// {[sender_key, senderSAparams]^SK_sender}^grpKey; a non-member sender gets its
// key from the primary core after access control, and the primary multicasts
// {[sender_key, senderSAparams]^SK_primary}^grpKey. Members accept a sender
// key only when it is signed by the sender it names or by the primary core.

#include "smkd-secure-tree.h"

#include "ns3/smkd-group-key-message.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP = SecureTree::GROUP;

/// Sender keys each member installed: sender address, SPI.
using Installed = std::map<uint32_t, std::vector<std::pair<Ipv4Address, uint32_t>>>;

void
Watch(SecureTree& t, Installed& installed)
{
    for (uint32_t m : t.members)
    {
        t.Agent(m)->TraceConnectWithoutContext(
            "SenderKeyInstalled",
            Callback<void, Ipv4Address, Ipv4Address, uint32_t>(
                [&installed, m](Ipv4Address, Ipv4Address sender, uint32_t spi) {
                    installed[m].emplace_back(sender, spi);
                }));
    }
}

/**
 * Member a1 becomes a sender: it signs its key (1 sign), encrypts it under
 * grpKey (1 AEAD) and multicasts it; a2 hears it on the LAN, b1 through
 * dr1 -> r1 -> core -> r2 -> dr2 -> LAN: 5 copies forwarded on the tree. Both
 * verify a1's signature and hold the same key under the same SPI.
 */
class MemberSenderTestCase : public TestCase
{
  public:
    MemberSenderTestCase()
        : TestCase("a member sender's key reaches the other members with its origin verified")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Installed installed;
        Watch(t, installed);
        const uint32_t a1 = t.members[0];
        Simulator::Schedule(Seconds(8), &SmkdHostAgent::BecomeSender, t.Agent(a1), GROUP, 1);
        Simulator::Stop(Seconds(9));
        Simulator::Run();

        const SmkdSenderKey* own = t.Agent(a1)->GetOwnSenderKey(GROUP);
        NS_TEST_ASSERT_MSG_NE(own, nullptr, "a1 holds its sender key");
        if (!own)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(own->sender, t.net.HostAddress(a1), "named after a1");
        NS_TEST_EXPECT_MSG_EQ(t.copiesOnTree, 5u, "up from dr1 to the core and down to dr2's LAN");
        for (uint32_t m : {t.members[1], t.members[2]})
        {
            NS_TEST_ASSERT_MSG_EQ(installed[m].size(), 1u, "member " << m << " installed it once");
            if (installed[m].size() != 1)
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(installed[m][0].first, own->sender, "origin a1");
            const SmkdSenderKey* k = t.Agent(m)->GetSenderKey(GROUP, own->sa.spi);
            NS_TEST_EXPECT_MSG_EQ((k && k->key == own->key), true, "the same key");
        }
        Ptr<SmkdCryptoEngine> e = t.net.Host(a1)->GetObject<SmkdCryptoEngine>();
        // a1 signed its token once for the join and once for its sender key.
        NS_TEST_EXPECT_MSG_EQ(e->GetCount(SmkdCryptoOp::SIGN), 2u, "token + sender key");
        NS_TEST_EXPECT_MSG_EQ(e->GetCount(SmkdCryptoOp::AEAD_ENCRYPT), 1u, "under grpKey");
    }
};

/**
 * The non-member "sender" (on the access list, not joined) asks the primary
 * core: its token is verified and checked against the list; the core signs
 * the sender key, seals it for the sender and multicasts it under grpKey
 * (core -> r1 -> dr1 -> LAN, core -> r2 -> dr2 -> LAN: 6 copies). "rogue", not
 * on the list, is refused and nothing reaches the group for it.
 */
class NonMemberSenderTestCase : public TestCase
{
  public:
    NonMemberSenderTestCase()
        : TestCase("a non-member sender gets its key from the primary core; an unlisted one not")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Installed installed;
        Watch(t, installed);
        std::vector<std::string> refusals;
        t.Agent(t.rogue)->TraceConnectWithoutContext(
            "SenderRefused",
            Callback<void, Ipv4Address, const std::string&>(
                [&refusals](Ipv4Address, const std::string& why) { refusals.push_back(why); }));
        Simulator::Schedule(Seconds(8), &SmkdHostAgent::BecomeSender, t.Agent(t.sender), GROUP, 1);
        Simulator::Schedule(Seconds(8), &SmkdHostAgent::BecomeSender, t.Agent(t.rogue), GROUP, 1);
        Simulator::Stop(Seconds(12));
        Simulator::Run();

        const SmkdSenderKey* own = t.Agent(t.sender)->GetOwnSenderKey(GROUP);
        NS_TEST_ASSERT_MSG_NE(own, nullptr, "the sender holds its key");
        if (!own)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(own->sender, t.net.HostAddress(t.sender), "named after it");
        NS_TEST_EXPECT_MSG_EQ(t.copiesOnTree, 6u, "down both branches from the core");
        for (uint32_t m : t.members)
        {
            NS_TEST_ASSERT_MSG_EQ(installed[m].size(), 1u, "member " << m << " installed one key");
            if (installed[m].size() != 1)
            {
                return;
            }
            const SmkdSenderKey* k = t.Agent(m)->GetSenderKey(GROUP, own->sa.spi);
            NS_TEST_EXPECT_MSG_EQ((k && k->key == own->key && k->sender == own->sender),
                                  true,
                                  "the sender's key, for the sender");
        }
        NS_TEST_EXPECT_MSG_EQ(t.Agent(t.rogue)->GetOwnSenderKey(GROUP), nullptr, "rogue has none");
        NS_TEST_ASSERT_MSG_EQ(refusals.size(), 1u, "rogue was told");
        if (refusals.size() == 1)
        {
            NS_TEST_EXPECT_MSG_EQ(refusals[0],
                                  std::string("sender not in the group's access list"),
                                  "why");
        }
        // The core: verify the sender's token and sign + seal its key, once each.
        Ptr<SmkdCryptoEngine> core = t.net.Router(t.core)->GetObject<SmkdCryptoEngine>();
        Ptr<SmkdCryptoEngine> sender = t.net.Host(t.sender)->GetObject<SmkdCryptoEngine>();
        NS_TEST_EXPECT_MSG_EQ(sender->GetCount(SmkdCryptoOp::SIGN), 1u, "the sender's token");
        NS_TEST_EXPECT_MSG_EQ(sender->GetCount(SmkdCryptoOp::OPEN), 1u, "its sealed key");
        NS_TEST_EXPECT_MSG_EQ(sender->GetCount(SmkdCryptoOp::VERIFY), 1u, "the core's signature");
        NS_TEST_EXPECT_MSG_EQ(core->GetCount(SmkdCryptoOp::AEAD_ENCRYPT), 1u, "one multicast");
    }
};

/**
 * Forgeries: a2 (a member, so it holds grpKey) multicasts a sender key that
 * names a1 as the sender, once signed with its own key and once with a1's
 * name but a broken signature. Every member refuses both; no key is installed.
 */
class ForgedSenderTestCase : public TestCase
{
  public:
    ForgedSenderTestCase()
        : TestCase("a sender key signed by neither the named sender nor the primary is refused")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Installed installed;
        Watch(t, installed);
        const uint32_t a1 = t.members[0];
        const uint32_t a2 = t.members[1];
        Ptr<SmkdCryptoSuite> suite = t.smkd.GetDirectory()->GetSuite();
        auto forge = [&](bool signAsSelf) {
            const SmkdKeyBundle* k = t.Agent(a2)->GetActiveKeys(GROUP);
            if (!k)
            {
                return;
            }
            SmkdSenderKey sk;
            sk.group = GROUP;
            sk.sender = t.net.HostAddress(a1);
            sk.key.assign(32, 0x17);
            sk.sa.spi = 0x5000;
            const Ipv4Address signer = signAsSelf ? t.net.HostAddress(a2) : sk.sender;
            SmkdSignedBlob blob{signer, sk.Serialize(), {}};
            const uint64_t id = t.net.Host(a2)->GetObject<SmkdCryptoEngine>()->GetIdentity();
            blob.signature = suite->Sign(*suite->SigningKey(id), blob.SignedBytes());
            SmkdGroupKeyMessage m;
            m.type = SmkdGroupKeyMessage::Type::SENDER_KEY;
            m.group = GROUP;
            m.keySpi = k->sa.spi;
            m.body = suite->AeadEncrypt(k->groupKey, m.AssociatedData(), blob.Serialize(), id);
            const Bytes wire = m.Serialize();
            Ptr<Socket> s = Socket::CreateSocket(t.net.Host(a2), UdpSocketFactory::GetTypeId());
            s->Bind();
            s->SendTo(Create<Packet>(wire.data(), wire.size()),
                      0,
                      InetSocketAddress(GROUP, SmkdGroupKeyMessage::PORT));
            s->Close();
        };
        Simulator::Schedule(Seconds(8), [&]() { forge(true); });
        Simulator::Schedule(Seconds(9), [&]() { forge(false); });
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        for (uint32_t m : {a1, t.members[2]})
        {
            NS_TEST_EXPECT_MSG_EQ(installed[m].size(), 0u, "member " << m << " installed nothing");
            NS_TEST_EXPECT_MSG_EQ(t.Agent(m)->GetDroppedKeyMessages(),
                                  2u,
                                  "member " << m << " refused both");
            NS_TEST_EXPECT_MSG_EQ(t.Agent(m)->GetSenderKey(GROUP, 0x5000), nullptr, "no key");
        }
    }
};

class SmkdSenderKeyTestSuite : public TestSuite
{
  public:
    SmkdSenderKeyTestSuite()
        : TestSuite("smkd-sender-key", SYSTEM)
    {
        AddTestCase(new MemberSenderTestCase, TestCase::QUICK);
        AddTestCase(new NonMemberSenderTestCase, TestCase::QUICK);
        AddTestCase(new ForgedSenderTestCase, TestCase::QUICK);
    }
};

SmkdSenderKeyTestSuite g_smkdSenderKeyTestSuite;

} // namespace
