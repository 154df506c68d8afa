/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// RFC 1949 §6.1 with real cryptography: the group initiator signs the access
// list and unicasts it to the primary core, which verifies it, creates the
// group key, KEK and SA parameters, signs list and keys, and becomes the first
// GKDC. Exact latency from CPU costs and link parameters; forged, misdirected
// and lost submissions; the same seed giving the same keys.

#include "ns3/cbt-helper.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/smkd-helper.h"
#include "ns3/test.h"

using namespace ns3;

namespace
{

const Ipv4Address GROUP("232.19.49.1");

/// An initiator host and a core router on one point-to-point link.
struct Setup
{
    Ptr<Node> initiator;
    Ptr<Node> core;
    NetDeviceContainer link;
    Ipv4Address coreAddress;
    Ipv4Address initiatorAddress;
    SmkdHelper smkd;
    Time delay{MilliSeconds(5)};
    DataRate rate{"10Mbps"};

    Setup()
    {
        initiator = CreateObject<Node>();
        core = CreateObject<Node>();
        CbtHelper cbt;
        cbt.RouterStack().Install(core);
        InternetStackHelper().Install(initiator);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
        p2p.SetChannelAttribute("Delay", TimeValue(delay));
        link = p2p.Install(initiator, core);
        Ipv4AddressHelper addresses("10.19.49.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = addresses.Assign(link);
        initiatorAddress = ifs.GetAddress(0);
        coreAddress = ifs.GetAddress(1);
        cbt.AddCores(GROUP, Ipv4Mask("255.255.255.255"), {coreAddress});
        smkd.InstallNodes(NodeContainer(initiator));
        smkd.InstallGkdc(NodeContainer(core));
    }

    SmkdAccessList Acl() const
    {
        SmkdAccessList acl(GROUP,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           initiatorAddress);
        acl.Add(Ipv4Address("10.20.0.0"), 16);
        return acl;
    }

    /// Time to send a UDP payload of \p bytes over the link, headers included.
    Time OneWay(std::size_t bytes) const
    {
        return delay + rate.CalculateBytesTxTime(bytes + 8 + 20 + 2);
    }
};

class AclAcceptedTestCase : public TestCase
{
  public:
    AclAcceptedTestCase()
        : TestCase("the primary core verifies the list, creates and signs the keys: exact latency")
    {
    }

  private:
    void DoRun() override
    {
        Setup s;
        Ptr<SmkdGroupInitiator> app =
            s.smkd.InstallInitiator(s.initiator, s.Acl(), s.coreAddress, Seconds(1));
        Time latency = Seconds(-1);
        app->TraceConnectWithoutContext(
            "Accepted",
            Callback<void, Ipv4Address, Time>([&](Ipv4Address, Time t) { latency = t; }));
        uint32_t gained = 0;
        Ptr<SmkdGkdc> gkdc = s.core->GetObject<SmkdGkdc>();
        gkdc->TraceConnectWithoutContext(
            "GkdcRoleGained",
            Callback<void, Ipv4Address>([&](Ipv4Address) { ++gained; }));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(app->IsAccepted(), true, "accepted");
        NS_TEST_EXPECT_MSG_EQ(gained, 1u, "one GKDC role gained");
        const SmkdGroupKeys* keys = gkdc->GetGroupKeys(GROUP);
        NS_TEST_ASSERT_MSG_NE(keys, nullptr, "core holds keys");
        NS_TEST_EXPECT_MSG_EQ(keys->bundle.groupKey.size(), 32u, "256-bit group key");
        NS_TEST_EXPECT_MSG_EQ(keys->bundle.kek.size(), 32u, "256-bit KEK");
        NS_TEST_EXPECT_MSG_NE((keys->bundle.groupKey == keys->bundle.kek), true, "distinct keys");
        NS_TEST_EXPECT_MSG_GT(keys->bundle.sa.spi, 255u, "SPI outside the reserved range");
        NS_TEST_EXPECT_MSG_EQ(keys->bundle.sa.lifetime, 3600u, "KeyLifetime default");

        // [ACL]^SK_core and [bundle]^SK_core verify under the core's public key.
        Ptr<SmkdCryptoSuite> suite = s.smkd.GetDirectory()->GetSuite();
        Bytes coreKey;
        NS_TEST_ASSERT_MSG_EQ(s.smkd.GetDirectory()->PublicKey(s.coreAddress, true, coreKey),
                              true,
                              "key");
        NS_TEST_EXPECT_MSG_EQ(
            suite->Verify(coreKey, keys->coreAcl.SignedBytes(), keys->coreAcl.signature),
            true,
            "core-signed ACL verifies");
        NS_TEST_EXPECT_MSG_EQ(
            suite->Verify(coreKey, keys->coreBundle.SignedBytes(), keys->coreBundle.signature),
            true,
            "core-signed key bundle verifies");
        Bytes forged = keys->coreBundle.SignedBytes();
        forged.back() ^= 1;
        NS_TEST_EXPECT_MSG_EQ(suite->Verify(coreKey, forged, keys->coreBundle.signature),
                              false,
                              "and a changed bundle does not");
        SmkdKeyBundle parsed;
        NS_TEST_EXPECT_MSG_EQ(SmkdKeyBundle::Parse(keys->coreBundle.body, parsed),
                              true,
                              "bundle parses");
        NS_TEST_EXPECT_MSG_EQ((parsed == keys->bundle),
                              true,
                              "the signed bundle is the stored one");

        // Latency: initiator signs; submission travels; core verifies, signs the
        // list and the keys (one CPU, in sequence); the answer travels back.
        Ptr<SmkdCryptoCostTable> costs = s.smkd.GetCosts();
        SmkdSignedBlob blob{s.initiatorAddress, s.Acl().Serialize(), {}};
        const std::size_t signedBytes = blob.SignedBytes().size();
        const std::size_t submission = 1 + 4 + 4 + (2 + (blob.SignedBytes().size() + 2 + 64)) + 2;
        const std::size_t answer = 1 + 4 + 4 + 2 + 2;
        const auto ed = SmkdSignatureAlgorithm::ED25519;
        const Time expected =
            costs->Cost(SmkdCryptoOp::SIGN, ed, signedBytes) + s.OneWay(submission) +
            costs->Cost(SmkdCryptoOp::VERIFY, ed, signedBytes) +
            costs->Cost(SmkdCryptoOp::SIGN, ed, keys->coreAcl.SignedBytes().size()) +
            costs->Cost(SmkdCryptoOp::SIGN, ed, keys->coreBundle.SignedBytes().size()) +
            s.OneWay(answer);
        NS_TEST_EXPECT_MSG_EQ(latency, expected, "latency = CPU costs + link times");
        Ptr<SmkdCryptoEngine> coreEngine = s.core->GetObject<SmkdCryptoEngine>();
        NS_TEST_EXPECT_MSG_EQ(coreEngine->GetCount(SmkdCryptoOp::VERIFY),
                              1u,
                              "core: 1 verification");
        NS_TEST_EXPECT_MSG_EQ(coreEngine->GetCount(SmkdCryptoOp::SIGN), 2u, "core: 2 signatures");
        Simulator::Destroy();
    }
};

/// Hand-made submissions the core must refuse: a flipped signature bit, a
/// list sent to a router that is not the group's primary core, and a list
/// well signed by a host that names itself initiator without being the
/// group's certified one (accepted, and keyed, before initiators were certified).
class AclRefusedTestCase : public TestCase
{
  public:
    AclRefusedTestCase()
        : TestCase("a forged list or a misdirected one is refused, and no keys exist")
    {
    }

  private:
    void DoRun() override
    {
        for (int scenario = 0; scenario < 3; ++scenario)
        {
            Setup s;
            if (scenario != 2)
            {
                s.smkd.GetDirectory()->CertifyInitiator(GROUP, s.initiatorAddress);
            }
            Ptr<SmkdCryptoSuite> suite = s.smkd.GetDirectory()->GetSuite();
            const uint64_t self = s.initiator->GetId();
            SmkdAccessList acl = s.Acl();
            Ipv4Address group = GROUP;
            if (scenario == 1)
            {
                // A group whose primary core is someone else.
                group = Ipv4Address("232.19.49.2");
                // (the core map has no entry for it: this core is not its primary)
                acl = SmkdAccessList(group,
                                     SmkdAccessList::Kind::GROUP_MEMBERS,
                                     SmkdAccessList::Mode::INCLUSION,
                                     s.initiatorAddress);
            }
            SmkdSignedBlob blob{s.initiatorAddress, acl.Serialize(), {}};
            blob.signature = suite->Sign(*suite->SigningKey(self), blob.SignedBytes());
            if (scenario == 0)
            {
                blob.signature[5] ^= 0x10;
            }
            SmkdManagementMessage m;
            m.group = group;
            m.sequence = 7;
            m.body = blob.Serialize();
            const Bytes bytes = m.Serialize();
            Ptr<Socket> socket = Socket::CreateSocket(s.initiator, UdpSocketFactory::GetTypeId());
            socket->Bind();
            std::string reason;
            socket->SetRecvCallback(Callback<void, Ptr<Socket>>([&](Ptr<Socket> so) {
                Ptr<Packet> p = so->Recv();
                Bytes in(p->GetSize());
                p->CopyData(in.data(), in.size());
                SmkdManagementMessage a;
                if (SmkdManagementMessage::Parse(in, a) &&
                    a.type == SmkdManagementMessage::Type::ACL_REJECTED && a.sequence == 7)
                {
                    reason.assign(a.body.begin(), a.body.end());
                }
            }));
            Simulator::Schedule(Seconds(1), [&]() {
                socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                               0,
                               InetSocketAddress(s.coreAddress, SmkdManagementMessage::PORT));
            });
            Simulator::Stop(Seconds(3));
            Simulator::Run();
            Ptr<SmkdGkdc> gkdc = s.core->GetObject<SmkdGkdc>();
            NS_TEST_EXPECT_MSG_EQ(gkdc->IsGkdc(group),
                                  false,
                                  "scenario " << scenario << ": no keys");
            const std::string why = scenario == 0 ? "signature does not verify"
                                    : scenario == 1
                                        ? "not the primary core of the group"
                                        : "signer is not the group's certified initiator";
            const uint64_t counted = scenario == 1 ? 0 : 1;
            NS_TEST_EXPECT_MSG_EQ(reason, why, "the answer says why");
            NS_TEST_EXPECT_MSG_EQ(gkdc->GetRejectedCount(), counted, "counted");
            Simulator::Destroy();
        }
    }
};

/// The first submission is lost: the initiator sends again after
/// RetransmissionInterval (1 s) and is accepted exactly 1 s later than without loss.
class AclRetransmissionTestCase : public TestCase
{
  public:
    AclRetransmissionTestCase()
        : TestCase("a lost submission is retransmitted after RetransmissionInterval")
    {
    }

  private:
    static Time Run(bool lose)
    {
        Setup s;
        if (lose)
        {
            Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
            em->SetList({0}); // the first packet the core receives on the link
            s.link.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
        }
        Ptr<SmkdGroupInitiator> app =
            s.smkd.InstallInitiator(s.initiator, s.Acl(), s.coreAddress, Seconds(1));
        Time latency = Seconds(-1);
        app->TraceConnectWithoutContext(
            "Accepted",
            Callback<void, Ipv4Address, Time>([&](Ipv4Address, Time t) { latency = t; }));
        Simulator::Stop(Seconds(10));
        Simulator::Run();
        Simulator::Destroy();
        return latency;
    }

    void DoRun() override
    {
        const Time clean = Run(false);
        const Time lossy = Run(true);
        NS_TEST_EXPECT_MSG_GT(clean, Seconds(0), "accepted without loss");
        NS_TEST_EXPECT_MSG_EQ(lossy, clean + Seconds(1), "one retransmission interval later");
    }
};

/// The same seed and run number give the same keys; another run number does not.
class KeyDeterminismTestCase : public TestCase
{
  public:
    KeyDeterminismTestCase()
        : TestCase("keys derive from the seed and run number")
    {
    }

  private:
    static Bytes GroupKey(uint64_t run)
    {
        RngSeedManager::SetRun(run);
        Setup s;
        s.smkd.InstallInitiator(s.initiator, s.Acl(), s.coreAddress, Seconds(1));
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        Bytes key = s.core->GetObject<SmkdGkdc>()->GetGroupKeys(GROUP)->bundle.groupKey;
        Simulator::Destroy();
        return key;
    }

    void DoRun() override
    {
        const uint64_t saved = RngSeedManager::GetRun();
        const Bytes a = GroupKey(3);
        const Bytes b = GroupKey(3);
        const Bytes c = GroupKey(4);
        RngSeedManager::SetRun(saved);
        NS_TEST_EXPECT_MSG_EQ((a == b), true, "same run: same group key");
        NS_TEST_EXPECT_MSG_EQ((a == c), false, "another run: another key");
    }
};

/// §6.1: a list sealed for the primary core is opened there and accepted;
/// it costs the initiator one sealing and the core one opening more.
class SealedAclTestCase : public TestCase
{
  public:
    SealedAclTestCase()
        : TestCase("an access list sealed for the primary core is opened and accepted")
    {
    }

  private:
    void DoRun() override
    {
        Setup s;
        Ptr<SmkdGroupInitiator> app =
            s.smkd.InstallInitiator(s.initiator, s.Acl(), s.coreAddress, Seconds(1));
        app->SetAttribute("EncryptForCore", BooleanValue(true));
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(app->IsAccepted(), true, "accepted");
        NS_TEST_EXPECT_MSG_EQ(s.core->GetObject<SmkdGkdc>()->IsGkdc(GROUP),
                              true,
                              "core holds keys");
        NS_TEST_EXPECT_MSG_EQ(
            s.initiator->GetObject<SmkdCryptoEngine>()->GetCount(SmkdCryptoOp::SEAL),
            1u,
            "the initiator sealed the list");
        NS_TEST_EXPECT_MSG_EQ(s.core->GetObject<SmkdCryptoEngine>()->GetCount(SmkdCryptoOp::OPEN),
                              1u,
                              "the core opened it");
        Simulator::Destroy();
    }
};

class SmkdGkdcSetupTestSuite : public TestSuite
{
  public:
    SmkdGkdcSetupTestSuite()
        : TestSuite("smkd-gkdc-setup", SYSTEM)
    {
        AddTestCase(new AclAcceptedTestCase, TestCase::QUICK);
        AddTestCase(new AclRefusedTestCase, TestCase::QUICK);
        AddTestCase(new AclRetransmissionTestCase, TestCase::QUICK);
        AddTestCase(new KeyDeterminismTestCase, TestCase::QUICK);
        AddTestCase(new SealedAclTestCase, TestCase::QUICK);
    }
};

SmkdGkdcSetupTestSuite g_smkdGkdcSetupTestSuite;

} // namespace
