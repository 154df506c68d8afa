/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Re-keying, RFC 1949 §6.1: the primary core multicasts the next key under the
// KEK down the CBT tree before the current key expires; every member and every
// GKDC installs it before it takes effect, one copy per tree link. A member
// or a branch that misses it recovers before activation; a re-key that is not
// the primary core's is refused.

#include "smkd-secure-tree.h"

#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-statistics-collector.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP = SecureTree::GROUP;
// The fixture's timing: 20 s keys, re-keyed 5 s ahead, recovery 2 s before expiry.
const SecureTreeTiming TIMING;
const uint32_t LIFETIME_S = TIMING.lifetimeSeconds;
const Time LEAD = TIMING.lead;
const Time MARGIN = TIMING.margin;

/**
 * Loss-free: one re-key at activation + lifetime - lead; it crosses each of the
 * four router links and each of the two member LANs exactly once (6 copies);
 * all three members and the four non-primary routers install it before it
 * takes effect (lead = 5 s later); the old key stays usable until activation
 * plus OldKeyGrace (10 s), then it is gone.
 */
class RekeyReachesEveryMemberTestCase : public TestCase
{
  public:
    RekeyReachesEveryMemberTestCase()
        : TestCase("a re-key reaches every member and GKDC before it takes effect, once per link")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        uint32_t oldSpi = 0;
        Time firstActivation;
        Simulator::Schedule(Seconds(10), [&]() {
            const SmkdKeyBundle* k = t.Agent(t.members[0])->GetKeys(GROUP);
            oldSpi = k ? k->sa.spi : 0;
            firstActivation = t.FirstActivation();
        });
        std::map<uint32_t, uint32_t> routerUpdates;
        for (uint32_t r : {t.r1, t.r2, t.dr1, t.dr2})
        {
            t.Gkdc(r)->TraceConnectWithoutContext(
                "KeysUpdated",
                Callback<void, Ipv4Address, uint32_t>(
                    [&routerUpdates, r](Ipv4Address, uint32_t) { ++routerUpdates[r]; }));
        }
        // Probes: which key a member sends with just before and after the switch,
        // and whether it still holds the old one within and after the grace.
        uint32_t activeBefore = 0;
        uint32_t activeAfter = 0;
        bool oldHeldInGrace = false;
        bool oldHeldAfterGrace = true;
        Simulator::Schedule(Seconds(10), [&]() {
            const Time switchAt = firstActivation + Seconds(LIFETIME_S);
            Ptr<SmkdHostAgent> a = t.Agent(t.members[0]);
            Simulator::Schedule(switchAt - Simulator::Now() - MilliSeconds(1), [&, a]() {
                activeBefore = a->GetActiveKeys(GROUP) ? a->GetActiveKeys(GROUP)->sa.spi : 0;
            });
            Simulator::Schedule(switchAt - Simulator::Now() + MilliSeconds(1), [&, a]() {
                activeAfter = a->GetActiveKeys(GROUP) ? a->GetActiveKeys(GROUP)->sa.spi : 0;
            });
            Simulator::Schedule(switchAt - Simulator::Now() + Seconds(9), [&, a]() {
                oldHeldInGrace = a->GetKeysBySpi(GROUP, oldSpi) != nullptr;
            });
            Simulator::Schedule(switchAt - Simulator::Now() + Seconds(11), [&, a]() {
                oldHeldAfterGrace = a->GetKeysBySpi(GROUP, oldSpi) != nullptr;
            });
        });
        Simulator::Stop(Seconds(34)); // the second re-key is due 20 s after the first
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key within one lifetime");
        if (t.sent.size() != 1u)
        {
            return;
        }
        const Time sentAt = t.sent[0].first;
        const uint32_t newSpi = t.sent[0].second;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(sentAt,
                                    firstActivation + Seconds(LIFETIME_S) - LEAD,
                                    "not before activation + lifetime - lead");
        NS_TEST_EXPECT_MSG_LT(sentAt,
                              firstActivation + Seconds(LIFETIME_S) - LEAD + MilliSeconds(1),
                              "within the signing and encryption time of it");
        NS_TEST_EXPECT_MSG_NE(newSpi, oldSpi, "a new SPI");
        NS_TEST_EXPECT_MSG_EQ(t.copiesOnTree, 6u, "4 router links + 2 member LANs");
        for (uint32_t m : t.members)
        {
            NS_TEST_ASSERT_MSG_EQ(t.installed[m].size(), 1u, "member " << m << " installed once");
            if (t.installed[m].size() != 1u)
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(t.installed[m][0].second, newSpi, "the new SPI");
            NS_TEST_EXPECT_MSG_LT(t.installed[m][0].first,
                                  sentAt + LEAD,
                                  "installed before activation");
            const SmkdKeyBundle* k = t.Agent(m)->GetKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ((k && k->sa.spi == newSpi), true, "newest keys are the new ones");
        }
        for (uint32_t r : {t.r1, t.r2, t.dr1, t.dr2})
        {
            NS_TEST_EXPECT_MSG_EQ(routerUpdates[r], 1u, "GKDC router " << r << " updated once");
            const SmkdGroupKeys* keys = t.Gkdc(r)->GetGroupKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ((keys && keys->bundle.sa.spi == newSpi), true, "holds it");
        }
        NS_TEST_EXPECT_MSG_EQ(activeBefore, oldSpi, "old key active until the switch");
        NS_TEST_EXPECT_MSG_EQ(activeAfter, newSpi, "new key active after it");
        NS_TEST_EXPECT_MSG_EQ(oldHeldInGrace, true, "old key kept through the grace period");
        NS_TEST_EXPECT_MSG_EQ(oldHeldAfterGrace, false, "and forgotten after it");
        uint64_t dropped = 0;
        for (uint32_t m : t.members)
        {
            dropped += t.Agent(m)->GetDroppedKeyMessages();
        }
        NS_TEST_EXPECT_MSG_EQ(dropped, 0u, "nothing refused in a clean run");
    }
};

/**
 * A member whose LAN copy is lost (a2; a1 on the same LAN gets it) notices at
 * expiry - RekeyRecoveryMargin that no successor arrived, and fetches the
 * keys from its DR with a fresh token. Bound: expiry - margin + one secure
 * join answered at the DR, which is before activation.
 */
class MemberMissesRekeyTestCase : public TestCase
{
  public:
    MemberMissesRekeyTestCase()
        : TestCase("a member that missed the re-key fetches it from its DR before activation")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t a2 = t.members[1];
        Ptr<GroupKeyDropper> dropper = CreateObject<GroupKeyDropper>();
        dropper->SetLinkHeader(14);
        Ptr<Node> host = t.net.Host(a2);
        host->GetDevice(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
        Simulator::Stop(Seconds(34));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key");
        if (t.sent.size() != 1u)
        {
            return;
        }
        const Time expiry = t.sent[0].first + LEAD;
        NS_TEST_EXPECT_MSG_EQ(dropper->Dropped(), 1u, "a2 lost its copy");
        NS_TEST_ASSERT_MSG_EQ(t.installed[a2].size(), 1u, "a2 installed the new key once");
        if (t.installed[a2].size() != 1u)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(t.installed[a2][0].second, t.sent[0].second, "the new SPI");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(t.installed[a2][0].first,
                                    expiry - MARGIN - MilliSeconds(1),
                                    "recovered only after the margin");
        NS_TEST_EXPECT_MSG_LT(t.installed[a2][0].first,
                              expiry - MARGIN + MilliSeconds(50),
                              "within one secure join at the DR");
        NS_TEST_EXPECT_MSG_LT(t.installed[a2][0].first, expiry, "before activation");
        NS_TEST_EXPECT_MSG_EQ(t.installed[t.members[0]].size(), 1u, "a1 got it by multicast");
        NS_TEST_EXPECT_MSG_LT(t.installed[t.members[0]][0].first,
                              t.sent[0].first + MilliSeconds(50),
                              "at once");
    }
};

/**
 * The branch link r2 -> dr2 loses the re-key, so dr2 (a GKDC) and b1 both miss
 * it. b1 asks dr2; dr2 knows its keys are stale, passes the join on to r2,
 * which answers with the new keys; dr2 takes them too on the way down.
 */
class BranchMissesRekeyTestCase : public TestCase
{
  public:
    BranchMissesRekeyTestCase()
        : TestCase("a branch that missed the re-key gets it through a stale GKDC's re-join")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        const uint32_t b1 = t.members[2];
        Ptr<GroupKeyDropper> dropper = CreateObject<GroupKeyDropper>();
        t.branch.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
        uint32_t dr2Updates = 0;
        t.Gkdc(t.dr2)->TraceConnectWithoutContext(
            "KeysUpdated",
            Callback<void, Ipv4Address, uint32_t>([&](Ipv4Address, uint32_t) { ++dr2Updates; }));
        Simulator::Stop(Seconds(34));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key");
        if (t.sent.size() != 1u)
        {
            return;
        }
        const Time expiry = t.sent[0].first + LEAD;
        NS_TEST_EXPECT_MSG_EQ(dropper->Dropped(), 1u, "the branch lost it");
        NS_TEST_ASSERT_MSG_EQ(t.installed[b1].size(), 1u, "b1 installed it");
        if (t.installed[b1].size() != 1u)
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(t.installed[b1][0].second, t.sent[0].second, "the new SPI");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(t.installed[b1][0].first,
                                    expiry - MARGIN - MilliSeconds(1),
                                    "after the margin");
        NS_TEST_EXPECT_MSG_LT(t.installed[b1][0].first, expiry, "before activation");
        NS_TEST_EXPECT_MSG_EQ(dr2Updates, 1u, "dr2 took the new keys from r2's answer");
        NS_TEST_EXPECT_MSG_EQ(t.Gkdc(t.r2)->GetAnsweredJoins(), 1u, "r2 answered the re-join");
    }
};

/**
 * Origin authentication of re-keys: a message under the right KEK but signed
 * by a router that is not the primary core, one whose signature is altered,
 * and one under an unknown KEK are all refused; the members keep their keys.
 */
class ForgedRekeyTestCase : public TestCase
{
  public:
    ForgedRekeyTestCase()
        : TestCase("re-keys not signed by the primary core or under an unknown KEK are refused")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Ptr<SmkdCryptoSuite> suite = t.smkd.GetDirectory()->GetSuite();
        Ptr<SmkdHostAgent> a1 = t.Agent(t.members[0]);
        uint32_t spiBefore = 0;
        auto forge = [&](uint32_t signerRouter, bool breakSignature, bool unknownKek) {
            const SmkdKeyBundle* k = a1->GetKeys(GROUP);
            if (!k)
            {
                return;
            }
            spiBefore = k->sa.spi;
            SmkdKeyBundle fake = *k;
            fake.groupKey.assign(32, 0x42);
            fake.sa.spi = 0xbad00;
            Ptr<Node> signer = t.net.Router(signerRouter);
            SmkdSignedBlob blob{t.net.RouterAddress(signerRouter), fake.Serialize(), {}};
            blob.signature = suite->Sign(
                *suite->SigningKey(signer->GetObject<SmkdCryptoEngine>()->GetIdentity()),
                blob.SignedBytes());
            if (breakSignature)
            {
                blob.signature[0] ^= 1;
            }
            SmkdGroupKeyMessage m;
            m.group = GROUP;
            m.keySpi = unknownKek ? 0x999 : k->sa.spi;
            m.body = suite->AeadEncrypt(k->kek, m.AssociatedData(), blob.Serialize(), 7);
            const Bytes wire = m.Serialize();
            Ptr<Socket> s =
                Socket::CreateSocket(t.net.Host(t.initiator), UdpSocketFactory::GetTypeId());
            s->Bind();
            s->SendTo(
                Create<Packet>(wire.data(), wire.size()),
                0,
                InetSocketAddress(t.net.HostAddress(t.members[0]), SmkdGroupKeyMessage::PORT));
            s->Close();
        };
        Simulator::Schedule(Seconds(8), [&]() { forge(t.r1, false, false); });
        Simulator::Schedule(Seconds(9), [&]() { forge(t.core, true, false); });
        Simulator::Schedule(Seconds(10), [&]() { forge(t.core, false, true); });
        Simulator::Stop(Seconds(12));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(a1->GetDroppedKeyMessages(), 3u, "all three refused");
        const SmkdKeyBundle* k = a1->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((k && k->sa.spi == spiBefore), true, "keys unchanged");
        NS_TEST_EXPECT_MSG_EQ(t.installed[t.members[0]].size(), 0u, "nothing installed");
    }
};

/**
 * The statistics collector, attached through the trace sources only, turns
 * RekeySent and the members' RekeyInstalled into one rekey record whose
 * latency is the last member's install time minus the send time, with all
 * three members counted.
 *
 * The re-key's transmissions are counted on the wire: one copy on each of
 * the N = 4 router links of the tree and the M = 2 member LANs, each of
 *   IP 20 + UDP 8 + type 1 + group 4 + SPI 4 + length 2
 *   + AES-GCM nonce 12 + [bundle]^SK_core + tag 16
 * bytes, plus 2 of PPP framing on a router link and 14 + 4 of Ethernet
 * framing on a LAN. The per-link table adds up to the control totals.
 */
class RekeyStatisticsTestCase : public TestCase
{
  public:
    RekeyStatisticsTestCase()
        : TestCase("the statistics collector records the re-key and its latency")
    {
    }

  private:
    void DoRun() override
    {
        SecureTree t;
        Ptr<SmkdStatisticsCollector> stats = CreateObject<SmkdStatisticsCollector>();
        stats->Attach(NodeContainer(t.net.Routers(), t.net.Hosts()));
        Simulator::Stop(Seconds(20));
        Simulator::Run();
        stats->Finalize();
        const SmkdStatisticsResults r = stats->GetResults();
        NS_TEST_ASSERT_MSG_EQ(r.rekeys.size(), 1u, "one re-key event");
        NS_TEST_ASSERT_MSG_EQ(t.sent.size(), 1u, "one re-key sent");
        if (r.rekeys.size() != 1 || t.sent.size() != 1)
        {
            return;
        }
        Time last;
        for (uint32_t m : t.members)
        {
            if (!t.installed[m].empty())
            {
                last = std::max(last, t.installed[m].back().first);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].spi, t.sent[0].second, "the new SPI");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].installs, 3u, "three members");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].latency, last - t.sent[0].first, "last install - send");
        NS_TEST_EXPECT_MSG_GT(r.rekeys[0].latency, Seconds(0), "takes time");

        const uint64_t signedBundle =
            t.Gkdc(t.core)->GetGroupKeys(SecureTree::GROUP)->coreBundle.Serialize().size();
        const uint64_t ip = 20 + 8 + 1 + 4 + 4 + 2 + 12 + signedBundle + 16;
        SmkdOverheadRecord rekey;
        for (const SmkdOverheadRecord& o : r.overhead)
        {
            if (o.type == "rekey")
            {
                rekey = o;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(rekey.protocol, "smkd", "a key-layer datagram");
        NS_TEST_EXPECT_MSG_EQ(rekey.messages, 4u + 2u, "N + M copies");
        NS_TEST_EXPECT_MSG_EQ(rekey.bytes, 6 * ip, "each of the IP size derived by hand");
        NS_TEST_EXPECT_MSG_EQ(rekey.frameBytes,
                              4 * (ip + 2) + 2 * (ip + 14 + 4),
                              "with PPP and Ethernet framing");
        uint64_t linkMessages = 0;
        uint64_t linkBytes = 0;
        for (const SmkdLinkOverheadRecord& l : r.links)
        {
            linkMessages += l.messages;
            linkBytes += l.bytes;
        }
        NS_TEST_EXPECT_MSG_EQ(linkMessages, r.controlMessages, "links add up to the totals");
        NS_TEST_EXPECT_MSG_EQ(linkBytes, r.controlBytes, "in bytes too");
    }
};

class SmkdRekeyTestSuite : public TestSuite
{
  public:
    SmkdRekeyTestSuite()
        : TestSuite("smkd-rekey", SYSTEM)
    {
        AddTestCase(new RekeyReachesEveryMemberTestCase, TestCase::QUICK);
        AddTestCase(new MemberMissesRekeyTestCase, TestCase::QUICK);
        AddTestCase(new BranchMissesRekeyTestCase, TestCase::QUICK);
        AddTestCase(new ForgedRekeyTestCase, TestCase::QUICK);
        AddTestCase(new RekeyStatisticsTestCase, TestCase::QUICK);
    }
};

SmkdRekeyTestSuite g_smkdRekeyTestSuite;

} // namespace
