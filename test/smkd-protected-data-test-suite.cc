/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Protected group data: SmkdSecureSender and SmkdSecureReceiver over a secure
// CBT tree, with sender-specific keys (RFC 1949 §8) or the group key, optional
// per-packet signatures, and the receiver's refusals: another member using a
// sender's key, replays.

#include "smkd-secure-tree.h"

#include "ns3/boolean.h"
#include "ns3/smkd-secure-receiver.h"
#include "ns3/smkd-secure-sender.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP = SecureTree::GROUP;
constexpr uint32_t PACKETS = 10;

Ptr<SmkdSecureReceiver>
Receiver(SecureTree& t, uint32_t h, bool signatures = false)
{
    Ptr<SmkdSecureReceiver> r = CreateObject<SmkdSecureReceiver>();
    r->SetAttribute("Group", Ipv4AddressValue(GROUP));
    r->SetAttribute("JoinOnStart", BooleanValue(false)); // the fixture joined already
    r->SetAttribute("RequireSignatures", BooleanValue(signatures));
    t.net.Host(h)->AddApplication(r);
    r->SetStartTime(Seconds(6));
    return r;
}

Ptr<SmkdSecureSender>
Sender(SecureTree& t, uint32_t h, bool senderKey, bool sign = false)
{
    Ptr<SmkdSecureSender> s = CreateObject<SmkdSecureSender>();
    s->SetAttribute("Group", Ipv4AddressValue(GROUP));
    s->SetAttribute("MaxPackets", UintegerValue(PACKETS));
    s->SetAttribute("UseSenderKey", BooleanValue(senderKey));
    s->SetAttribute("SignPackets", BooleanValue(sign));
    t.net.Host(h)->AddApplication(s);
    s->SetStartTime(Seconds(8));
    return s;
}

/**
 * Each of the three ways to send reaches every other member, every packet
 * opening exactly once: a member with its own sender key (and per-packet
 * signatures, verified once per packet per receiver), a non-member sender
 * with a key from the primary core, and a member under the group key.
 */
class DeliveryTestCase : public TestCase
{
  public:
    DeliveryTestCase(bool member, bool senderKey, bool sign)
        : TestCase(std::string(member ? "member" : "non-member") + " sender, " +
                   (senderKey ? "sender key" : "group key") + (sign ? ", signed" : "") +
                   ": every member opens every packet once"),
          m_member(member),
          m_senderKey(senderKey),
          m_sign(sign)
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t source = m_member ? t.members[0] : t.sender;
        std::vector<uint32_t> receivers;
        for (uint32_t m : t.members)
        {
            if (m != source)
            {
                receivers.push_back(m);
            }
        }
        std::vector<Ptr<SmkdSecureReceiver>> apps;
        for (uint32_t m : receivers)
        {
            apps.push_back(Receiver(t, m, m_sign));
        }
        Ptr<SmkdSecureSender> sender = Sender(t, source, m_senderKey, m_sign);
        uint64_t verifies = 0;
        Simulator::Schedule(Seconds(7.9), [&]() {
            for (uint32_t m : receivers)
            {
                verifies +=
                    t.net.Host(m)->GetObject<SmkdCryptoEngine>()->GetCount(SmkdCryptoOp::VERIFY);
            }
        });
        Simulator::Stop(Seconds(12));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(sender->GetSent(), PACKETS, "all sent");
        uint64_t verifiesAfter = 0;
        for (std::size_t k = 0; k < apps.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(apps[k]->GetDelivered(), PACKETS, "receiver " << k << " got all");
            NS_TEST_EXPECT_MSG_EQ(apps[k]->GetRejectedTotal(), 0u, "and refused none");
            verifiesAfter += t.net.Host(receivers[k])
                                 ->GetObject<SmkdCryptoEngine>()
                                 ->GetCount(SmkdCryptoOp::VERIFY);
        }
        // Per receiver: one verification per packet when signed, plus one for
        // the sender key's signature when there is a sender key.
        const uint64_t perReceiver = (m_sign ? PACKETS : 0) + (m_senderKey ? 1 : 0);
        NS_TEST_EXPECT_MSG_EQ(verifiesAfter - verifies,
                              perReceiver * receivers.size(),
                              "signature checks at the receivers");
    }

    bool m_member;
    bool m_senderKey;
    bool m_sign;
};

/**
 * a1 sends 10 packets under its sender key. Member a2, which holds a1's key
 * like every member, sends 5 packets of its own under a1's SPI and key, and
 * then a1's first 3 packets are sent again. Receivers refuse a2's as
 * "wrong-origin" and the copies as "replay"; a1's 10 still open.
 */
class InsiderAndReplayTestCase : public TestCase
{
  public:
    InsiderAndReplayTestCase()
        : TestCase("another member's use of a sender key and replays are refused")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a1 = t.members[0];
        const uint32_t a2 = t.members[1];
        const uint32_t b1 = t.members[2];
        Ptr<SmkdSecureReceiver> atB1 = Receiver(t, b1);
        Sender(t, a1, true);
        auto inject = [&](uint32_t from, uint32_t count, bool own) {
            const SmkdSenderKey* k =
                own ? t.Agent(a1)->GetOwnSenderKey(GROUP)
                    : t.Agent(a2)->GetSenderKey(GROUP, t.Agent(a1)->GetOwnSenderKey(GROUP)->sa.spi);
            if (!k)
            {
                return;
            }
            SmkdDataProtector p(k->sa.spi, k->key);
            Ptr<Socket> s = Socket::CreateSocket(t.net.Host(from), UdpSocketFactory::GetTypeId());
            s->Bind();
            for (uint32_t i = 0; i < count; ++i)
            {
                s->SendTo(p.Seal(Create<Packet>(512)), 0, InetSocketAddress(GROUP, 5004));
            }
            s->Close();
        };
        Simulator::Schedule(Seconds(10), [&]() { inject(a2, 5, false); });
        Simulator::Schedule(Seconds(10.5), [&]() { inject(a1, 3, true); });
        Simulator::Stop(Seconds(12));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(atB1->GetDelivered(), PACKETS, "a1's packets open");
        NS_TEST_EXPECT_MSG_EQ(atB1->GetRejected("wrong-origin"), 5u, "a2's forgeries");
        NS_TEST_EXPECT_MSG_EQ(atB1->GetRejected("replay"), 3u, "the copies");
        NS_TEST_EXPECT_MSG_EQ(atB1->GetRejectedTotal(), 8u, "nothing else");
    }
};

class SmkdProtectedDataTestSuite : public TestSuite
{
  public:
    SmkdProtectedDataTestSuite()
        : TestSuite("smkd-protected-data", SYSTEM)
    {
        AddTestCase(new DeliveryTestCase(true, true, true), TestCase::QUICK);
        AddTestCase(new DeliveryTestCase(false, true, false), TestCase::QUICK);
        AddTestCase(new DeliveryTestCase(true, false, false), TestCase::QUICK);
        AddTestCase(new InsiderAndReplayTestCase, TestCase::QUICK);
    }
};

SmkdProtectedDataTestSuite g_smkdProtectedDataTestSuite;

} // namespace
