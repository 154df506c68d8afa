/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The checks a router makes on the group access package (grpAP, RFC 1949
// §6.2) of a secure JOIN_ACK it is waiting for, before it takes the keys and
// becomes a GKDC: the package's sender token must be the previous hop's,
// name this router, name the group and be fresh (App. A); its access list
// must be the primary core's list of this group's members (§6.1, §6.2).
//
// Each case hands a waiting DR one forged JOIN_ACK that gets exactly one of
// these wrong and is otherwise what its previous hop would send: signed by
// that hop, arriving from it on the link the join left by, carrying the
// core-signed keys sealed for the DR. The positive control sends it with
// nothing wrong and sees it taken, so each refusal is the refusal of the one
// flaw its case puts in.

#include "cbt-test-network.h"
#include "smkd-secure-tree.h"

#include "ns3/cbt-header.h"
#include "ns3/cbt-join-header.h"
#include "ns3/cbt-message.h"
#include "ns3/ipv4-header.h"
#include "ns3/nstime.h"
#include "ns3/pointer.h"
#include "ns3/smkd-access-list.h"
#include "ns3/smkd-cbt-security.h"
#include "ns3/smkd-crypto-engine.h"
#include "ns3/smkd-gkdc.h"
#include "ns3/smkd-helper.h"
#include "ns3/smkd-key-bundle.h"
#include "ns3/smkd-key-directory.h"
#include "ns3/smkd-token.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP("232.19.49.30");
/// Another group: a token or list for it must not open this one.
const Ipv4Address OTHER_GROUP("232.19.49.31");
/// h's join: late enough that a token older than TokenWindow (30 s) can be stamped.
const Time JOIN_AT = Seconds(40);
/// The forged ack: the real answer was dropped by then, the join still waits.
const Time FORGE_AT = Seconds(41);
const Time STOP_AT = Seconds(42);

/// What a case's forged package gets wrong (RFC 1949 §6.2).
enum class Flaw
{
    /**
     * The positive control: a fresh token_sender of r1 naming the DR,
     * the core's signed member list, the core-signed keys sealed for the
     * DR. The DR takes it: it becomes a GKDC and refuses nothing.
     */
    NONE,
    /**
     * token_sender is the core's, naming the DR, fresh, carried in r1's
     * signed ack: a package r1 did not make (one relayed unchanged from
     * upstream, or made by anyone else) is passed off as r1's. The token
     * names the hop that re-sealed the package; only the ack's IP source, r1,
     * may be that hop.
     */
    SENDER_OTHER_ROUTER,
    /**
     * token_sender is r1's, fresh, but names r2, r1's other child: r1's
     * package for r2 is handed to the DR. The DR takes only a package whose
     * token names its own address on the link the ack came by.
     */
    SENDER_OTHER_RECIPIENT,
    /**
     * token_sender is r1's and names the DR, but is 31 s old: a package r1
     * sent the DR in an earlier join is sent again (App. A's replay
     * defence). A token outside TokenWindow (30 s) is not fresh.
     */
    SENDER_STALE,
    /**
     * token_sender is r1's, names the DR, is fresh, but is for another
     * group: a package of OTHER_GROUP is put into this group's ack. The
     * token is bound to its group.
     */
    SENDER_OTHER_GROUP,
    /**
     * The access list is signed by the primary core and is for this group,
     * but is its trusted-router list (§7), naming the routers r1 and dr:
     * taken as the member list it would decide who may join. Only a
     * GROUP_MEMBERS list is the group's ACL.
     */
    ACL_TRUSTED_ROUTERS,
    /**
     * The access list is a GROUP_MEMBERS list signed by the primary core,
     * naming h, but for OTHER_GROUP: one group's list offered for another.
     * The list must name the group it opens.
     */
    ACL_OTHER_GROUP,
};

/**
 * core [initiator] - r1 - dr [h], and r2 off r1. h is listed and joins
 * alone, at 40 s, through its DR dr: dr signs a JOIN_REQUEST to r1, r1 one
 * to the core, the core answers r1 (r1 becomes a GKDC) and r1 answers dr.
 * A JoinAckDropper on dr's end of the r1 - dr link drops every JOIN_ACK dr
 * receives, so r1's real answer never arrives and dr's join waits
 * (TransactionTimeout, 10 s) for the forged one, handed to dr's GKDC as if
 * received from r1 on that link.
 */
struct AckScenario
{
    CbtTestNetwork net;
    SmkdHelper smkd;
    uint32_t core{0};
    uint32_t r1{0};
    uint32_t r2{0};
    uint32_t dr{0};
    uint32_t h{0};
    uint32_t initiator{0};
    Ptr<JoinAckDropper> dropper;
    uint32_t drUp{0};        //!< dr's interface on the r1 - dr link
    Ipv4Address drAddress;   //!< dr's address there: the recipient r1's tokens name
    Ipv4Address r1Address;   //!< r1's address there: dr's previous hop
    Ipv4Address r2Address;   //!< r2's address on the r1 - r2 link
    Bytes hostToken;         //!< h's signed token, as it joined
    uint64_t random{0x5ec0}; //!< the last token random number used here

    AckScenario()
    {
        net.EnableIgmp();
        core = net.AddRouter();
        r1 = net.AddRouter();
        r2 = net.AddRouter();
        dr = net.AddRouter();
        net.Link(core, r1);
        NetDeviceContainer down = net.Link(r1, dr);
        NetDeviceContainer side = net.Link(r1, r2);
        h = net.Lan({dr}, 1)[0];
        initiator = net.Lan({core}, 1)[0];
        net.Finish(GROUP, core);
        net.ListenOnHosts(9700);
        SecureGroup(net, smkd, GROUP, core, initiator, {h});
        dropper = CreateObject<JoinAckDropper>();
        down.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
        drUp = net.InterfaceOf(dr, down.Get(1));
        drAddress = AddressOf(dr, down.Get(1));
        r1Address = AddressOf(r1, down.Get(0));
        r2Address = AddressOf(r2, side.Get(1));
        Simulator::Schedule(JOIN_AT, &AckScenario::HostJoins, this);
    }

    ~AckScenario()
    {
        Simulator::Destroy();
    }

    Ipv4Address AddressOf(uint32_t r, Ptr<NetDevice> device) const
    {
        return net.Router(r)
            ->GetObject<Ipv4>()
            ->GetAddress(net.InterfaceOf(r, device), 0)
            .GetLocal();
    }

    Ptr<SmkdGkdc> Gkdc(uint32_t r) const
    {
        return net.Router(r)->GetObject<SmkdGkdc>();
    }

    Ptr<SmkdCryptoSuite> Suite()
    {
        return smkd.GetDirectory()->GetSuite();
    }

    Bytes NewRandom()
    {
        Bytes b(8);
        uint64_t r = ++random;
        for (auto it = b.rbegin(); it != b.rend(); ++it, r >>= 8)
        {
            *it = static_cast<uint8_t>(r);
        }
        return b;
    }

    /// h's secure join, its token signed with h's key, as its report carries it.
    void HostJoins()
    {
        const Ipv4Address host = net.HostAddress(h);
        SmkdToken token = SmkdToken::Make(host, GROUP, Ipv4Address::GetAny(), NewRandom());
        token.signature =
            Suite()->Sign(*Suite()->SigningKey(net.Host(h)->GetId()), token.SignedBytes());
        hostToken = token.Serialize();
        Gkdc(dr)->HostJoin(host, GROUP, net.LanInterface(dr, h), hostToken);
    }

    /**
     * \param body the bytes to sign
     * \return [body]^SK_core, as the primary core signs a list
     */
    SmkdSignedBlob CoreSigned(const Bytes& body)
    {
        SmkdSignedBlob blob{net.RouterAddress(core), body, {}};
        blob.signature =
            Suite()->Sign(*Suite()->SigningKey(net.Router(core)->GetId()), blob.SignedBytes());
        return blob;
    }

    /**
     * \brief Hand dr the JOIN_ACK r1 would send it, with \p flaw in its package.
     * \param flaw what is wrong with it
     * \return false when the core held no keys to forge with
     */
    bool SendForgedAck(Flaw flaw)
    {
        const SmkdGroupKeys* coreKeys = Gkdc(core)->GetGroupKeys(GROUP);
        if (!coreKeys)
        {
            return false;
        }
        Ipv4Address issuer = r1Address;
        Ipv4Address recipient = drAddress;
        Ipv4Address group = GROUP;
        if (flaw == Flaw::SENDER_OTHER_ROUTER)
        {
            issuer = net.RouterAddress(core);
        }
        else if (flaw == Flaw::SENDER_OTHER_RECIPIENT)
        {
            recipient = r2Address;
        }
        else if (flaw == Flaw::SENDER_OTHER_GROUP)
        {
            group = OTHER_GROUP;
        }
        SmkdGroupAccessPackage p;
        p.senderToken = SmkdToken::Make(issuer, group, recipient, NewRandom());
        if (flaw == Flaw::SENDER_STALE)
        {
            TimeValue window;
            Gkdc(dr)->GetAttribute("TokenWindow", window);
            p.senderToken.timestamp = static_cast<uint64_t>(
                (Simulator::Now() - window.Get() - Seconds(1)).GetNanoSeconds());
        }
        p.acl = coreKeys->coreAcl;
        if (flaw == Flaw::ACL_TRUSTED_ROUTERS)
        {
            SmkdAccessList trusted(GROUP,
                                   SmkdAccessList::Kind::TRUSTED_ROUTERS,
                                   SmkdAccessList::Mode::INCLUSION,
                                   net.HostAddress(initiator));
            trusted.Add(r1Address);
            trusted.Add(drAddress);
            p.acl = CoreSigned(trusted.Serialize());
        }
        else if (flaw == Flaw::ACL_OTHER_GROUP)
        {
            SmkdAccessList other(OTHER_GROUP,
                                 SmkdAccessList::Kind::GROUP_MEMBERS,
                                 SmkdAccessList::Mode::INCLUSION,
                                 net.HostAddress(initiator));
            other.Add(net.HostAddress(h));
            p.acl = CoreSigned(other.Serialize());
        }
        // The keys themselves are the core's, sealed for dr and for h.
        const Bytes bundle = coreKeys->coreBundle.Serialize();
        const uint64_t sealer = net.Router(r1)->GetId();
        Bytes drKey;
        Bytes hostKey;
        smkd.GetDirectory()->PublicKey(drAddress, false, drKey);
        smkd.GetDirectory()->PublicKey(net.HostAddress(h), false, hostKey);
        p.sealedForNextHop = Suite()->Seal(drKey, bundle, sealer);
        p.sealedForHost = Suite()->Seal(hostKey, bundle, sealer);

        CbtJoinAckHeader ack;
        ack.SetGroup(GROUP);
        ack.SetTarget(drAddress);
        ack.GetOptions().Add(CbtOptionType::HOST_TOKEN, hostToken);
        ack.GetOptions().Add(CbtOptionType::GROUP_ACCESS_PACKAGE, p.Serialize());
        ack.GetOptions().Add(
            CbtOptionType::SIGNATURE,
            Suite()->Sign(*Suite()->SigningKey(net.Router(r1)->GetId()), smkd::SignedPortion(ack)));
        Ipv4Header ip;
        ip.SetSource(r1Address);
        ip.SetDestination(drAddress);
        ip.SetProtocol(CbtHeader::PROTOCOL_NUMBER);
        return Gkdc(dr)->HandleCbtMessage(CbtMessage(ack), ip, drUp);
    }
};

/**
 * One forged JOIN_ACK handed to the waiting DR at 41 s; what the DR does
 * with it by 42 s, counted on the DR alone: a refusal, and how far the
 * package got (an opening: past the sender token; three verifications: the
 * ack's, and the core's on the keys and on the list).
 */
class ForgedAckTestCase : public TestCase
{
  public:
    ForgedAckTestCase(Flaw flaw, const std::string& name)
        : TestCase(name),
          m_flaw(flaw)
    {
    }

  private:
    void DoRun() override
    {
        AckScenario s;
        Ptr<SmkdCryptoEngine> engine = s.net.Router(s.dr)->GetObject<SmkdCryptoEngine>();
        bool forged = false;
        bool waiting = false;
        bool r1Answered = false;
        uint32_t droppedBefore = 0;
        uint64_t refusedBefore = 0;
        uint64_t opensBefore = 0;
        uint64_t verifiesBefore = 0;
        Simulator::Schedule(FORGE_AT, [&]() {
            waiting = !s.Gkdc(s.dr)->IsGkdc(GROUP);
            r1Answered = s.Gkdc(s.r1)->IsGkdc(GROUP);
            droppedBefore = s.dropper->Dropped();
            refusedBefore = s.Gkdc(s.dr)->GetRefusedJoins();
            opensBefore = engine->GetCount(SmkdCryptoOp::OPEN);
            verifiesBefore = engine->GetCount(SmkdCryptoOp::VERIFY);
            forged = s.SendForgedAck(m_flaw);
        });
        Simulator::Stop(STOP_AT);
        Simulator::Run();

        // The join went up, was answered, and its answer kept from dr.
        NS_TEST_ASSERT_MSG_EQ(forged, true, "the core held keys, and the ack was handed to dr");
        NS_TEST_ASSERT_MSG_EQ(r1Answered, true, "r1 became a GKDC: the core answered the join");
        NS_TEST_ASSERT_MSG_EQ(droppedBefore, 1u, "r1's real ack to dr was dropped");
        NS_TEST_ASSERT_MSG_EQ(waiting, true, "dr was waiting, no GKDC yet");
        NS_TEST_EXPECT_MSG_EQ(refusedBefore, 0u, "dr refused nothing before the forgery");
        NS_TEST_EXPECT_MSG_EQ(s.dropper->Dropped(), 1u, "no other ack reached dr");

        const uint64_t refused = s.Gkdc(s.dr)->GetRefusedJoins() - refusedBefore;
        const uint64_t opens = engine->GetCount(SmkdCryptoOp::OPEN) - opensBefore;
        const uint64_t verifies = engine->GetCount(SmkdCryptoOp::VERIFY) - verifiesBefore;
        const SmkdGroupKeys* taken = s.Gkdc(s.dr)->GetGroupKeys(GROUP);
        if (m_flaw == Flaw::NONE)
        {
            const SmkdGroupKeys* coreKeys = s.Gkdc(s.core)->GetGroupKeys(GROUP);
            NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.dr)->IsGkdc(GROUP), true, "dr took the ack");
            NS_TEST_ASSERT_MSG_NE(taken, nullptr, "dr holds keys");
            NS_TEST_ASSERT_MSG_NE(coreKeys, nullptr, "the core holds keys");
            NS_TEST_EXPECT_MSG_EQ((taken && coreKeys && taken->bundle == coreKeys->bundle),
                                  true,
                                  "the core's keys");
            NS_TEST_EXPECT_MSG_EQ(
                (taken && taken->acl.GetKind() == SmkdAccessList::Kind::GROUP_MEMBERS),
                true,
                "and its member list");
            NS_TEST_EXPECT_MSG_EQ(refused, 0u, "nothing refused");
            NS_TEST_EXPECT_MSG_EQ(opens, 1u, "dr opened its sealed keys");
            NS_TEST_EXPECT_MSG_EQ(verifies, 3u, "the ack's signature, the core's on keys and list");
            return;
        }
        const bool tokenFlaw = m_flaw == Flaw::SENDER_OTHER_ROUTER ||
                               m_flaw == Flaw::SENDER_OTHER_RECIPIENT ||
                               m_flaw == Flaw::SENDER_STALE || m_flaw == Flaw::SENDER_OTHER_GROUP;
        NS_TEST_EXPECT_MSG_EQ(s.Gkdc(s.dr)->IsGkdc(GROUP), false, "dr is no GKDC");
        NS_TEST_EXPECT_MSG_EQ(taken, nullptr, "dr holds no keys");
        NS_TEST_EXPECT_MSG_EQ(refused, 1u, "the forged ack is refused, once");
        NS_TEST_EXPECT_MSG_EQ(verifies, 1u, "the ack's own signature verified; no core signature");
        // The sender token is checked before anything is opened; the list
        // once dr's sealed copy of the keys is open.
        const uint64_t expectedOpens = tokenFlaw ? 0 : 1;
        NS_TEST_EXPECT_MSG_EQ(opens,
                              expectedOpens,
                              (tokenFlaw ? "refused before opening" : "refused once opened"));
    }

    Flaw m_flaw;
};

class SmkdAckPackageTestSuite : public TestSuite
{
  public:
    SmkdAckPackageTestSuite()
        : TestSuite("smkd-ack-package", SYSTEM)
    {
        AddTestCase(
            new ForgedAckTestCase(Flaw::NONE, "control: the ack's package made right is taken"),
            TestCase::QUICK);
        AddTestCase(new ForgedAckTestCase(Flaw::SENDER_OTHER_ROUTER,
                                          "a sender token issued by another router is refused"),
                    TestCase::QUICK);
        AddTestCase(new ForgedAckTestCase(Flaw::SENDER_OTHER_RECIPIENT,
                                          "a sender token naming another recipient is refused"),
                    TestCase::QUICK);
        AddTestCase(new ForgedAckTestCase(Flaw::SENDER_STALE,
                                          "a sender token older than the window is refused"),
                    TestCase::QUICK);
        AddTestCase(new ForgedAckTestCase(Flaw::SENDER_OTHER_GROUP,
                                          "a sender token for another group is refused"),
                    TestCase::QUICK);
        AddTestCase(new ForgedAckTestCase(Flaw::ACL_TRUSTED_ROUTERS,
                                          "the core's trusted-router list as the ACL is refused"),
                    TestCase::QUICK);
        AddTestCase(new ForgedAckTestCase(Flaw::ACL_OTHER_GROUP,
                                          "the core's ACL of another group is refused"),
                    TestCase::QUICK);
    }
};

SmkdAckPackageTestSuite g_smkdAckPackageTestSuite;

} // namespace
