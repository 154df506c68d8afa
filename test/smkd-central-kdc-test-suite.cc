/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The centralized KDC baseline with real cryptography (Ed25519, X25519):
// hosts ask one server for a group's keys. The operation counts per join,
// the exact latency on a chain, refusals (access list, forged and replayed
// requests), retransmission after a lost request or answer, the server's
// CPU queue under simultaneous joins, and garbage on every port. Re-keying
// (one multicast per re-key, RFC 1949 §6.1 as at a primary core), its
// statistics, a missed re-key, forged and replayed re-keys, and exclusion
// (the new keys sealed for each remaining member).

#include "cbt-test-network.h"

#include "ns3/smkd-central-kdc-helper.h"
#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-statistics-collector.h"
#include "ns3/test.h"

#include <algorithm>
#include <array>
#include <memory>
#include <random>

using namespace ns3;
using namespace ns3::smkd::test;

namespace
{

const Ipv4Address GROUP("232.19.51.1");
const uint16_t DATA_PORT = 9510;

/// Crypto operations a node started.
struct Ops
{
    uint64_t sign{0};
    uint64_t verify{0};
    uint64_t seal{0};
    uint64_t open{0};
    uint64_t encrypt{0}; //!< AEAD
    uint64_t decrypt{0}; //!< AEAD

    explicit Ops(Ptr<Node> node = nullptr)
    {
        Ptr<SmkdCryptoEngine> e = node ? node->GetObject<SmkdCryptoEngine>() : nullptr;
        if (e)
        {
            sign = e->GetCount(SmkdCryptoOp::SIGN);
            verify = e->GetCount(SmkdCryptoOp::VERIFY);
            seal = e->GetCount(SmkdCryptoOp::SEAL);
            open = e->GetCount(SmkdCryptoOp::OPEN);
            encrypt = e->GetCount(SmkdCryptoOp::AEAD_ENCRYPT);
            decrypt = e->GetCount(SmkdCryptoOp::AEAD_DECRYPT);
        }
    }

    Ops operator-(const Ops& o) const
    {
        Ops d;
        d.sign = sign - o.sign;
        d.verify = verify - o.verify;
        d.seal = seal - o.seal;
        d.open = open - o.open;
        d.encrypt = encrypt - o.encrypt;
        d.decrypt = decrypt - o.decrypt;
        return d;
    }
};

/// Reads one datagram's bytes.
Bytes
Read(Ptr<Packet> p)
{
    Bytes b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// A socket on \p node that keeps every datagram it receives.
struct Catcher
{
    Ptr<Socket> socket;
    std::vector<Bytes> received;

    explicit Catcher(Ptr<Node> node)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind();
        socket->SetRecvCallback(Callback<void, Ptr<Socket>>([this](Ptr<Socket> s) {
            Ptr<Packet> p;
            while ((p = s->Recv()))
            {
                received.push_back(Read(p));
            }
        }));
    }

    void SendTo(const Bytes& bytes, Ipv4Address to, uint16_t port) const
    {
        socket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, InetSocketAddress(to, port));
    }
};

/**
 * CBT routers core - r1 - dr; member hosts on the DR's LAN; the group
 * initiator on r1's LAN; the KDC and a data source on the core's LAN. The
 * first \p listed members are on the access list, which the initiator
 * submits to the KDC at 1 s (resolving the core's ARP entry for the KDC
 * then, so that simultaneous requests later are not lost to ARP's queue).
 */
struct Baseline
{
    CbtTestNetwork net;
    std::vector<uint32_t> members;
    uint32_t kdcHost{0};
    uint32_t source{0};
    uint32_t initiator{0};
    SmkdHelper smkd;
    SmkdCentralKdcHelper helper{smkd};
    Ptr<SmkdCentralKdc> kdc;

    Baseline(uint32_t hosts, uint32_t listed, bool igmp)
    {
        if (igmp)
        {
            net.EnableIgmp();
        }
        const uint32_t core = net.AddRouter();
        const uint32_t r1 = net.AddRouter();
        const uint32_t dr = net.AddRouter();
        net.Link(core, r1);
        net.Link(r1, dr);
        members = net.Lan({dr}, hosts);
        initiator = net.Lan({r1}, 1)[0];
        const std::vector<uint32_t> side = net.Lan({core}, 2);
        kdcHost = side[0];
        source = side[1];
        net.Finish(GROUP, core);
        net.ListenOnHosts(DATA_PORT);
        kdc = helper.InstallServer(net.Host(kdcHost));
        NodeContainer clients;
        for (uint32_t h : members)
        {
            clients.Add(net.Host(h));
        }
        helper.InstallClients(clients);
        SmkdAccessList acl(GROUP,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           net.HostAddress(initiator));
        for (uint32_t k = 0; k < listed; ++k)
        {
            acl.Add(net.HostAddress(members[k]));
        }
        helper.InstallInitiator(net.Host(initiator), acl, Seconds(1));
    }

    Ptr<SmkdKdcClient> Client(uint32_t k) const
    {
        return SmkdCentralKdcHelper::GetClient(net.Host(members[k]));
    }

    Ptr<Node> Member(uint32_t k) const
    {
        return net.Host(members[k]);
    }

    Ptr<Node> Kdc() const
    {
        return net.Host(kdcHost);
    }

    Ipv4Address MemberAddress(uint32_t k) const
    {
        return net.HostAddress(members[k]);
    }

    /// Keys of \p lifetime seconds, re-keyed \p lead before expiry; members
    /// ask again \p margin before expiry without a successor.
    void ShortKeys(uint32_t lifetime, Time lead, Time margin)
    {
        kdc->SetAttribute("RekeyLeadTime", TimeValue(lead));
        kdc->SetAttribute("KeyLifetime", TimeValue(Seconds(lifetime)));
        for (uint32_t k = 0; k < members.size(); ++k)
        {
            Client(k)->SetAttribute("RekeyRecoveryMargin", TimeValue(margin));
        }
    }

    /// Every member joins, for keys and for data (IGMP), 1 s apart from \p first.
    void JoinAll(Time first)
    {
        for (uint32_t k = 0; k < members.size(); ++k)
        {
            Simulator::Schedule(first + Seconds(k), [this, k]() {
                Client(k)->Join(net.ListenerOf(members[k]), 1, GROUP);
            });
        }
    }

    /// The UDP payloads the KDC sends to or from \p port, as they leave its IP layer.
    std::shared_ptr<std::vector<Bytes>> WatchKdc(uint16_t port) const
    {
        auto sent = std::make_shared<std::vector<Bytes>>();
        Kdc()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [sent, port](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t) {
                    Bytes b = Read(p->Copy());
                    if (b.size() >= 28 && b[9] == 17 &&
                        (uint16_t(b[20] << 8 | b[21]) == port ||
                         uint16_t(b[22] << 8 | b[23]) == port))
                    {
                        sent->emplace_back(b.begin() + 28, b.end());
                    }
                }));
        return sent;
    }
};

/// What members and the KDC traced about re-keys.
struct RekeyLog
{
    std::vector<std::pair<Time, uint32_t>> sent;                          //!< (when, SPI)
    std::map<uint32_t, std::vector<std::pair<Time, uint32_t>>> installed; //!< by member
    std::map<uint32_t, std::vector<std::string>> dropped;                 //!< by member
    std::map<std::string, std::vector<uint32_t>> bytes;                   //!< KDC SecurityBytes

    explicit RekeyLog(const Baseline& b)
    {
        b.kdc->TraceConnectWithoutContext(
            "RekeySent",
            Callback<void, Ipv4Address, uint32_t>(
                [this](Ipv4Address, uint32_t spi) { sent.emplace_back(Simulator::Now(), spi); }));
        b.kdc->TraceConnectWithoutContext(
            "SecurityBytes",
            Callback<void, const std::string&, uint32_t>(
                [this](const std::string& kind, uint32_t n) { bytes[kind].push_back(n); }));
        for (uint32_t k = 0; k < b.members.size(); ++k)
        {
            b.Client(k)->TraceConnectWithoutContext(
                "RekeyInstalled",
                Callback<void, Ipv4Address, uint32_t>([this, k](Ipv4Address, uint32_t spi) {
                    installed[k].emplace_back(Simulator::Now(), spi);
                }));
            b.Client(k)->TraceConnectWithoutContext(
                "KeyMessageDropped",
                Callback<void, const std::string&>(
                    [this, k](const std::string& why) { dropped[k].push_back(why); }));
        }
    }
};

/**
 * Two listed hosts and one unlisted host ask for keys; one listed host asks
 * first before the access list exists. Per request, derived from the protocol:
 *  - granted:   client sign 1 (request), open 1 (answer), verify 1 (grant);
 *               server verify 1 (request), sign 1 (grant), seal 1 (for the host);
 *  - refused:   client sign 1, verify 1 (the signed refusal, not sealed);
 *               server verify 1, sign 1;
 *  - set-up:    server verify 1 (the initiator's list), nothing signed.
 * Data flows over the insecure CBT tree to every member that joined through
 * IGMP, the refused host included: only the keys are withheld.
 */
class KeysAndCountsTestCase : public TestCase
{
  public:
    KeysAndCountsTestCase()
        : TestCase("a listed host gets the KDC's keys; exact operation counts per join")
    {
    }

  private:
    void DoRun() override
    {
        Baseline b(3, 2, true);
        std::map<uint32_t, std::vector<std::string>> refused;
        std::map<uint32_t, uint32_t> installed;
        for (uint32_t k = 0; k < 3; ++k)
        {
            b.Client(k)->TraceConnectWithoutContext(
                "JoinRefused",
                Callback<void, Ipv4Address, const std::string&>(
                    [&refused, k](Ipv4Address, const std::string& why) {
                        refused[k].push_back(why);
                    }));
            b.Client(k)->TraceConnectWithoutContext(
                "KeysInstalled",
                Callback<void, Ipv4Address, Time>(
                    [&installed, k](Ipv4Address, Time) { ++installed[k]; }));
        }
        std::vector<std::string> serverRefusals;
        b.kdc->TraceConnectWithoutContext(
            "RequestRefused",
            Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                [&](Ipv4Address, Ipv4Address, const std::string& w) {
                    serverRefusals.push_back(w);
                }));
        uint32_t sentTraced = 0;
        b.kdc->TraceConnectWithoutContext("KeysSent",
                                          Callback<void, Ipv4Address, Ipv4Address>(
                                              [&](Ipv4Address, Ipv4Address) { ++sentTraced; }));

        // Snapshots: before anything, after set-up, after each join.
        std::vector<std::array<Ops, 4>> at; // server, member 0, 1, 2
        auto snap = [&]() {
            at.push_back({Ops(b.Kdc()), Ops(b.Member(0)), Ops(b.Member(1)), Ops(b.Member(2))});
        };
        // Member 1 asks before the list exists (the initiator submits at 1 s).
        Simulator::Schedule(Seconds(0.5), [&]() { b.Client(1)->Join(GROUP); });
        Simulator::Schedule(Seconds(0.9), snap);
        Simulator::Schedule(Seconds(4.9), snap);
        Simulator::Schedule(Seconds(5),
                            [&]() { b.Client(0)->Join(b.net.ListenerOf(b.members[0]), 1, GROUP); });
        Simulator::Schedule(Seconds(5.9), snap);
        Simulator::Schedule(Seconds(6),
                            [&]() { b.Client(1)->Join(b.net.ListenerOf(b.members[1]), 1, GROUP); });
        Simulator::Schedule(Seconds(6.9), snap);
        Simulator::Schedule(Seconds(7),
                            [&]() { b.Client(2)->Join(b.net.ListenerOf(b.members[2]), 1, GROUP); });
        Simulator::Schedule(Seconds(7.9), snap);
        b.net.SendFromHost(b.source, GROUP, DATA_PORT, Seconds(9), 3, MilliSeconds(100));
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(at.size(), 5u, "five snapshots");
        const SmkdKeyBundle* keys = b.kdc->GetKeys(GROUP);
        NS_TEST_ASSERT_MSG_NE(keys, nullptr, "the KDC created the group's keys");
        NS_TEST_EXPECT_MSG_EQ(keys->groupKey.size(), 32u, "256-bit group key");
        for (uint32_t k = 0; k < 2; ++k)
        {
            const SmkdKeyBundle* got = b.Client(k)->GetKeys(GROUP);
            NS_TEST_ASSERT_MSG_NE(got, nullptr, "member " << k << " holds keys");
            NS_TEST_EXPECT_MSG_EQ((*got == *keys), true, "member " << k << ": the KDC's bundle");
            NS_TEST_EXPECT_MSG_EQ(installed[k], 1u, "member " << k << ": installed once");
        }
        NS_TEST_EXPECT_MSG_EQ(b.Client(2)->GetKeys(GROUP), nullptr, "member 2 holds no keys");
        NS_TEST_ASSERT_MSG_EQ(refused[2].size(), 1u, "member 2 refused once");
        NS_TEST_EXPECT_MSG_EQ(refused[2][0], "host not in the group's access list", "why");
        NS_TEST_ASSERT_MSG_EQ(refused[1].size(), 1u, "member 1's early join refused");
        NS_TEST_EXPECT_MSG_EQ(refused[1][0], "no access list for the group", "why");
        NS_TEST_EXPECT_MSG_EQ(serverRefusals.size(), 2u, "the server traced both refusals");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetKeysSentCount(), 2u, "two grants");
        NS_TEST_EXPECT_MSG_EQ(sentTraced, 2u, "traced");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetRefusedCount(), 2u, "two refusals");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetRequestCount(), 4u, "four requests, no retransmission");

        // The early refusal: client 1 signed and verified; the server verified and signed.
        const Ops early = at[0][0];
        NS_TEST_EXPECT_MSG_EQ(early.verify, 1u, "early refusal: server verifies the request");
        NS_TEST_EXPECT_MSG_EQ(early.sign, 1u, "and signs the refusal");
        NS_TEST_EXPECT_MSG_EQ(early.seal, 0u, "and seals nothing");
        // Set-up: one verification of the initiator's list, nothing signed.
        const Ops setup = at[1][0] - at[0][0];
        NS_TEST_EXPECT_MSG_EQ(setup.verify, 1u, "set-up: the list verified once");
        NS_TEST_EXPECT_MSG_EQ(setup.sign + setup.seal + setup.open, 0u, "set-up: nothing else");
        for (uint32_t k = 0; k < 3; ++k)
        {
            const Ops server = at[k + 2][0] - at[k + 1][0];
            const Ops client = at[k + 2][k + 1] - at[k + 1][k + 1];
            const bool granted = k < 2;
            NS_TEST_EXPECT_MSG_EQ(server.verify, 1u, "join " << k << ": server verifies 1");
            NS_TEST_EXPECT_MSG_EQ(server.sign, 1u, "join " << k << ": server signs 1");
            NS_TEST_EXPECT_MSG_EQ(server.seal, granted ? 1u : 0u, "join " << k << ": seals");
            NS_TEST_EXPECT_MSG_EQ(server.open, 0u, "join " << k << ": server opens nothing");
            NS_TEST_EXPECT_MSG_EQ(client.sign, 1u, "join " << k << ": client signs 1");
            NS_TEST_EXPECT_MSG_EQ(client.open, granted ? 1u : 0u, "join " << k << ": opens");
            NS_TEST_EXPECT_MSG_EQ(client.verify, 1u, "join " << k << ": client verifies 1");
            NS_TEST_EXPECT_MSG_EQ(client.seal, 0u, "join " << k << ": client seals nothing");
        }
        for (uint32_t k = 0; k < 3; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(b.net.Received(b.members[k]),
                                  3u,
                                  "member " << k << " receives the data on the CBT tree");
        }
        Simulator::Destroy();
    }
};

/// Drops the first \p count UDP datagrams to (or from) a port that a
/// point-to-point (or, with ip = 14, a CSMA) device receives.
class UdpPortDropper : public ErrorModel
{
  public:
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::smkd::test::UdpPortDropper")
                                .SetParent<ErrorModel>()
                                .SetGroupName("Smkd")
                                .AddConstructor<UdpPortDropper>();
        return tid;
    }

    uint16_t port{SmkdKdcMessage::PORT};
    bool source{false}; //!< match the source port instead of the destination
    uint32_t count{1};
    uint32_t dropped{0};
    std::size_t ip{2}; //!< the link header before IP: PPP 2, Ethernet 14

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        Bytes b(std::min<uint32_t>(p->GetSize(), ip + 28));
        p->CopyData(b.data(), b.size());
        if (dropped == count || b.size() < ip + 28 || b[ip + 9] != 17)
        {
            return false;
        }
        const std::size_t at = ip + 20 + (source ? 0 : 2);
        if (uint16_t(b[at] << 8 | b[at + 1]) != port)
        {
            return false;
        }
        ++dropped;
        return true;
    }

    void DoReset() override
    {
    }
};

/**
 * Hosts - ra - rb - kdc, point-to-point, each host on its own link to ra,
 * and the initiator on rb. Plain IPv4 routers: the key exchange is
 * unicast, and nothing else crosses these links while it runs.
 */
struct Chain
{
    Ptr<Node> ra;
    Ptr<Node> rb;
    Ptr<Node> server;
    Ptr<Node> initiator;
    NodeContainer hosts;
    std::vector<NetDeviceContainer> hostLinks; //!< (host, ra) per host
    NetDeviceContainer serverLink;             //!< (rb, server)
    Time delay{MilliSeconds(3)};
    DataRate rate;
    SmkdHelper smkd;
    SmkdCentralKdcHelper helper{smkd};
    Ptr<SmkdCentralKdc> kdc;
    Ptr<SmkdKdcClient> client; //!< the first host's
    Ptr<SmkdGroupInitiator> initiatorApp;
    Ipv4Address kdcAddress;
    Ipv4Address clientAddress; //!< the first host's

    explicit Chain(uint32_t n = 1, DataRate linkRate = DataRate("10Mbps"))
        : rate(linkRate)
    {
        ra = CreateObject<Node>();
        rb = CreateObject<Node>();
        server = CreateObject<Node>();
        initiator = CreateObject<Node>();
        hosts.Create(n);
        InternetStackHelper stack;
        stack.Install(NodeContainer(NodeContainer(ra, rb, server, initiator), hosts));
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
        p2p.SetChannelAttribute("Delay", TimeValue(delay));
        uint32_t subnet = 0;
        auto connect = [&](Ptr<Node> a, Ptr<Node> z) {
            NetDeviceContainer d = p2p.Install(a, z);
            std::ostringstream base;
            base << "10." << (80 + subnet / 256) << "." << (subnet % 256) << ".0";
            ++subnet;
            Ipv4AddressHelper(base.str().c_str(), "255.255.255.0").Assign(d);
            return d;
        };
        for (uint32_t k = 0; k < n; ++k)
        {
            hostLinks.push_back(connect(hosts.Get(k), ra));
        }
        connect(ra, rb);
        serverLink = connect(rb, server);
        connect(rb, initiator);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        kdc = helper.InstallServer(server);
        helper.InstallClients(hosts);
        client = Client(0);
        kdcAddress = helper.GetKdcAddress();
        clientAddress = CbtHelper::PrimaryAddress(hosts.Get(0));
        SmkdAccessList acl(GROUP,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           CbtHelper::PrimaryAddress(initiator));
        acl.Add(Ipv4Address("10.80.0.0"), 16); // every host link
        initiatorApp = helper.InstallInitiator(initiator, acl, Seconds(1));
    }

    Ptr<SmkdKdcClient> Client(uint32_t k) const
    {
        return SmkdCentralKdcHelper::GetClient(hosts.Get(k));
    }

    Ptr<Node> Host() const
    {
        return hosts.Get(0);
    }

    /**
     * \brief A key request in the first host's name, made by hand.
     * \param timestamp the token's t, in ns
     * \param random its r
     * \param recipient the KDC it names
     * \param signerNode the node whose key signs it
     * \param retimed when set, the timestamp changed after signing
     * \return the datagram
     */
    Bytes Request(uint64_t timestamp,
                  uint64_t random,
                  Ipv4Address recipient,
                  uint32_t signerNode,
                  uint64_t retimed = 0) const
    {
        Ptr<SmkdCryptoSuite> suite = smkd.GetDirectory()->GetSuite();
        SmkdToken t;
        t.issuer = clientAddress;
        t.group = GROUP;
        t.timestamp = timestamp;
        t.random = random;
        t.recipient = recipient;
        t.signature = suite->Sign(*suite->SigningKey(signerNode), t.SignedBytes());
        if (retimed)
        {
            t.timestamp = retimed;
        }
        SmkdKdcMessage m;
        m.group = GROUP;
        m.nonce = t.random;
        m.body = t.Serialize();
        return m.Serialize();
    }

    /// One hop of a UDP payload of \p bytes: propagation, then IP, UDP and PPP headers sent.
    Time Hop(std::size_t bytes) const
    {
        return delay + rate.CalculateBytesTxTime(bytes + 8 + 20 + 2);
    }

    /// Costs and sizes of one granted join, derived from the formats.
    struct Derived
    {
        Time clientSign;
        Time serverVerify;
        Time serverSign;
        Time serverSeal;
        Time clientOpen;
        Time clientVerify;
        std::size_t request{0};
        std::size_t answer{0};

        Time Server() const
        {
            return serverVerify + serverSign + serverSeal;
        }
    };

    Derived Derive() const
    {
        Ptr<SmkdCryptoCostTable> costs = smkd.GetCosts();
        Ptr<SmkdCryptoSuite> suite = smkd.GetDirectory()->GetSuite();
        const auto ed = SmkdSignatureAlgorithm::ED25519;
        const auto x = SmkdSealAlgorithm::X25519_HKDF_AES256GCM;
        Derived d;
        // The request: [t, r, KDC, group]^SK_h; 28 signed bytes, a 64-byte signature.
        SmkdToken token;
        token.signature = Bytes(64);
        SmkdKdcMessage request;
        request.group = GROUP;
        request.body = token.Serialize();
        d.request = request.Serialize().size();
        d.clientSign = costs->Cost(SmkdCryptoOp::SIGN, ed, token.SignedBytes().size());
        d.serverVerify = costs->Cost(SmkdCryptoOp::VERIFY, ed, token.SignedBytes().size());
        // The answer: {[grant]^SK_kdc}^PK_h, the grant holding the 89-byte bundle.
        SmkdKdcGrant grant;
        grant.group = GROUP;
        grant.bundle = kdc->GetKeys(GROUP) ? kdc->GetKeys(GROUP)->Serialize() : Bytes(89);
        SmkdSignedBlob blob{kdcAddress, grant.Serialize(), Bytes(64)};
        const std::size_t sealed = suite->SealedSize(blob.Serialize().size());
        SmkdKdcMessage answer;
        answer.group = GROUP;
        answer.body = Bytes(sealed);
        d.answer = answer.Serialize().size();
        d.serverSign = costs->Cost(SmkdCryptoOp::SIGN, ed, blob.SignedBytes().size());
        d.serverSeal = costs->Cost(SmkdCryptoOp::SEAL, x, blob.Serialize().size());
        d.clientOpen = costs->Cost(SmkdCryptoOp::OPEN, x, sealed);
        d.clientVerify = costs->Cost(SmkdCryptoOp::VERIFY, ed, blob.SignedBytes().size());
        return d;
    }

    /// The latency of one join with no queue anywhere: the client's
    /// signature, three hops of the request, the server's work, three hops
    /// of the answer, the client's opening and verification.
    Time Expected() const
    {
        const Derived d = Derive();
        return d.clientSign + 3 * Hop(d.request) + d.Server() + 3 * Hop(d.answer) + d.clientOpen +
               d.clientVerify;
    }

    /// Join at \p at; returns the latency (negative when no keys came).
    Time JoinAndRun(Time at, Time stop, std::vector<uint32_t>* transmissions = nullptr)
    {
        Time latency = Seconds(-1);
        client->TraceConnectWithoutContext(
            "KeysInstalled",
            Callback<void, Ipv4Address, Time>([&latency](Ipv4Address, Time t) { latency = t; }));
        if (transmissions)
        {
            client->TraceConnectWithoutContext(
                "RequestSent",
                Callback<void, Ipv4Address, uint32_t>(
                    [transmissions](Ipv4Address, uint32_t n) { transmissions->push_back(n); }));
        }
        Simulator::Schedule(at, [this]() { client->Join(GROUP); });
        Simulator::Stop(stop);
        Simulator::Run();
        return latency;
    }
};

/**
 * On the chain, nothing runs in parallel and no CPU queues, so the latency
 * from Join() to installed keys is exactly: the client's signature, three
 * hops of the request, the server's verification, signature and sealing,
 * three hops of the answer, the client's opening and verification.
 */
class ExactLatencyTestCase : public TestCase
{
  public:
    ExactLatencyTestCase()
        : TestCase("join latency on a chain = CPU costs from the cost table + link times")
    {
    }

  private:
    void DoRun() override
    {
        Chain c;
        Time queueing;
        for (Ptr<Node> n : {c.Host(), c.server})
        {
            n->GetObject<SmkdSimulatedCpu>()->TraceConnectWithoutContext(
                "CryptoOperation",
                Callback<void, uint32_t, const std::string&, const std::string&, Time, Time>(
                    [&](uint32_t, const std::string&, const std::string&, Time, Time wait) {
                        queueing += wait;
                    }));
        }
        uint32_t requestBytes = 0;
        uint32_t answerBytes = 0;
        c.client->TraceConnectWithoutContext(
            "SecurityBytes",
            Callback<void, const std::string&, uint32_t>(
                [&](const std::string&, uint32_t n) { requestBytes += n; }));
        c.kdc->TraceConnectWithoutContext(
            "SecurityBytes",
            Callback<void, const std::string&, uint32_t>([&](const std::string& kind, uint32_t n) {
                if (kind == "kdc-key-delivery")
                {
                    answerBytes += n;
                }
            }));
        const Time latency = c.JoinAndRun(Seconds(5), Seconds(7));
        const Chain::Derived d = c.Derive();
        NS_TEST_EXPECT_MSG_EQ(d.request, 109u, "request: 15-byte header + 94-byte token");
        NS_TEST_EXPECT_MSG_EQ(requestBytes, d.request, "the request's bytes as traced");
        NS_TEST_EXPECT_MSG_EQ(answerBytes, d.answer, "the answer's bytes as traced");
        const Time expected = d.clientSign + 3 * c.Hop(d.request) + d.Server() +
                              3 * c.Hop(d.answer) + d.clientOpen + d.clientVerify;
        NS_TEST_EXPECT_MSG_EQ(expected, c.Expected(), "the same derivation");
        NS_TEST_EXPECT_MSG_EQ(queueing, Seconds(0), "no job waited for a CPU");
        NS_TEST_EXPECT_MSG_EQ(latency, expected, "latency = CPU costs + link times");
        NS_TEST_EXPECT_MSG_GT(d.Server(), MicroSeconds(200), "the server's share is real work");
        Simulator::Destroy();
    }
};

/**
 * Losses on the chain. A lost request: the client sends the same bytes
 * again after RetransmissionTimeout (1 s), so the join takes exactly 1 s
 * longer and still costs one signature. A lost answer: the retransmitted
 * request is a copy of one answered, so the server sends its stored answer
 * again without crypto: 1 s longer, minus the server's CPU work for the
 * request. Every request lost: the client gives up after MaxTransmissions
 * (5) timeouts.
 */
class RetransmissionTestCase : public TestCase
{
  public:
    RetransmissionTestCase()
        : TestCase("a lost request or answer costs one timeout; five lost requests end the join")
    {
    }

  private:
    struct Outcome
    {
        Time latency;
        std::vector<uint32_t> transmissions;
        uint32_t dropped{0};
        uint64_t clientSigns{0};
        uint64_t serverSeals{0};
        uint64_t resent{0};
        Chain::Derived derived;
        std::vector<std::pair<Time, std::string>> refused;
        uint32_t answersSent{0};
    };

    /// \param where 0: no loss; 1: requests at the KDC; 2: answers at the client
    static Outcome Run(int where, uint32_t count)
    {
        Chain c;
        Ptr<UdpPortDropper> dropper = CreateObject<UdpPortDropper>();
        dropper->count = count;
        dropper->source = where == 2;
        if (where == 1)
        {
            c.serverLink.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
        }
        else if (where == 2)
        {
            c.hostLinks[0].Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(dropper));
        }
        Outcome o;
        c.client->TraceConnectWithoutContext("JoinRefused",
                                             Callback<void, Ipv4Address, const std::string&>(
                                                 [&o](Ipv4Address, const std::string& why) {
                                                     o.refused.emplace_back(Simulator::Now(), why);
                                                 }));
        c.kdc->TraceConnectWithoutContext(
            "SecurityBytes",
            Callback<void, const std::string&, uint32_t>(
                [&o](const std::string&, uint32_t) { ++o.answersSent; }));
        o.latency = c.JoinAndRun(Seconds(5), Seconds(15), &o.transmissions);
        o.dropped = dropper->dropped;
        o.clientSigns = Ops(c.Host()).sign;
        o.serverSeals = Ops(c.server).seal;
        o.resent = c.kdc->GetResentCount();
        o.derived = c.Derive();
        Simulator::Destroy();
        return o;
    }

    void DoRun() override
    {
        const Outcome clean = Run(0, 0);
        const Outcome lostRequest = Run(1, 1);
        const Outcome lostAnswer = Run(2, 1);
        const Outcome silence = Run(1, 1000);
        NS_TEST_ASSERT_MSG_GT(clean.latency, Seconds(0), "keys without loss");
        NS_TEST_EXPECT_MSG_EQ(clean.transmissions.size(), 1u, "one request without loss");

        NS_TEST_EXPECT_MSG_EQ(lostRequest.dropped, 1u, "the first request was lost");
        NS_TEST_EXPECT_MSG_EQ(lostRequest.transmissions.size(), 2u, "sent twice");
        NS_TEST_EXPECT_MSG_EQ(lostRequest.latency,
                              clean.latency + Seconds(1),
                              "one RetransmissionTimeout later");
        NS_TEST_EXPECT_MSG_EQ(lostRequest.clientSigns, 1u, "the same signed request again");
        NS_TEST_EXPECT_MSG_EQ(lostRequest.resent, 0u, "the server saw it once");

        NS_TEST_EXPECT_MSG_EQ(lostAnswer.dropped, 1u, "the first answer was lost");
        NS_TEST_EXPECT_MSG_EQ(lostAnswer.resent, 1u, "the stored answer sent again");
        NS_TEST_EXPECT_MSG_EQ(lostAnswer.answersSent, 2u, "and its bytes accounted twice");
        NS_TEST_EXPECT_MSG_EQ(clean.answersSent, 1u, "once without loss");
        NS_TEST_EXPECT_MSG_EQ(lostAnswer.serverSeals, 1u, "sealed once");
        NS_TEST_EXPECT_MSG_EQ(lostAnswer.latency,
                              clean.latency + Seconds(1) - clean.derived.Server(),
                              "1 s later, without the server's crypto the second time");

        NS_TEST_EXPECT_MSG_EQ(silence.transmissions.size(), 5u, "MaxTransmissions requests");
        NS_TEST_EXPECT_MSG_LT(silence.latency, Seconds(0), "no keys");
        NS_TEST_ASSERT_MSG_EQ(silence.refused.size(), 1u, "the join ended once");
        NS_TEST_EXPECT_MSG_EQ(silence.refused[0].second, "no answer from the KDC", "why");
        NS_TEST_EXPECT_MSG_EQ(silence.refused[0].first,
                              Seconds(5) + clean.derived.clientSign + Seconds(5),
                              "after signing and five timeouts");
    }
};

/**
 * A request the KDC cannot attribute is refused, counted and not answered:
 * one signed with another node's key (a verification spent, nothing
 * signed or sealed) and one naming another KDC (nothing spent).
 */
class ForgedRequestTestCase : public TestCase
{
  public:
    ForgedRequestTestCase()
        : TestCase("a forged request is refused without an answer")
    {
    }

  private:
    void DoRun() override
    {
        Chain c;
        Catcher attacker(c.Host());
        auto request = [&](Ipv4Address recipient, uint32_t signerNode) {
            const auto now = static_cast<uint64_t>(Simulator::Now().GetNanoSeconds());
            return c.Request(now, 1000 + signerNode, recipient, signerNode);
        };
        std::vector<std::string> refusals;
        c.kdc->TraceConnectWithoutContext(
            "RequestRefused",
            Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                [&](Ipv4Address, Ipv4Address host, const std::string& w) {
                    NS_TEST_EXPECT_MSG_EQ(host, c.clientAddress, "the host the request names");
                    refusals.push_back(w);
                }));
        Ops before;
        Simulator::Schedule(Seconds(4), [&]() { before = Ops(c.server); });
        Simulator::Schedule(Seconds(5), [&]() {
            // Signed with ra's key, claiming to be the client.
            attacker.SendTo(request(c.kdcAddress, c.ra->GetId()),
                            c.kdcAddress,
                            SmkdKdcMessage::PORT);
        });
        Simulator::Schedule(Seconds(6), [&]() {
            // The client's own signature, but for another server.
            attacker.SendTo(request(CbtHelper::PrimaryAddress(c.rb), c.Host()->GetId()),
                            c.kdcAddress,
                            SmkdKdcMessage::PORT);
        });
        Simulator::Stop(Seconds(8));
        Simulator::Run();
        const Ops spent = Ops(c.server) - before;
        NS_TEST_ASSERT_MSG_EQ(refusals.size(), 2u, "both refused");
        NS_TEST_EXPECT_MSG_EQ(refusals[0], "request signature does not verify", "forged");
        NS_TEST_EXPECT_MSG_EQ(refusals[1], "request token names another KDC", "misdirected");
        NS_TEST_EXPECT_MSG_EQ(spent.verify, 1u, "one verification, for the forged one");
        NS_TEST_EXPECT_MSG_EQ(spent.sign + spent.seal, 0u, "nothing signed or sealed");
        NS_TEST_EXPECT_MSG_EQ(attacker.received.size(), 0u, "no answer");
        NS_TEST_EXPECT_MSG_EQ(c.kdc->GetRefusedCount(), 2u, "counted");
        NS_TEST_EXPECT_MSG_EQ(c.kdc->GetKeysSentCount(), 0u, "no keys left the KDC");
        Simulator::Destroy();
    }
};

/**
 * A genuine request (the client's key) captured and sent again. A copy
 * 1 s later, within the token window, gets the stored answer, the same
 * bytes, with no crypto. The same token with its timestamp moved to now
 * (the signature cannot follow) is refused as replayed before any crypto.
 * The copy 35 s later, after the 30-s window, is refused as stale.
 */
class ReplayTestCase : public TestCase
{
  public:
    ReplayTestCase()
        : TestCase("a replayed request is answered from the store or refused, never served twice")
    {
    }

  private:
    void DoRun() override
    {
        Chain c;
        Catcher host(c.Host());
        const uint32_t self = c.Host()->GetId();
        const Bytes genuine = c.Request(5000000000ULL, 4242, c.kdcAddress, self);
        const Bytes retimed = c.Request(5000000000ULL, 4242, c.kdcAddress, self, 7000000000ULL);
        std::vector<std::string> refusals;
        c.kdc->TraceConnectWithoutContext(
            "RequestRefused",
            Callback<void, Ipv4Address, Ipv4Address, const std::string&>(
                [&](Ipv4Address, Ipv4Address, const std::string& w) { refusals.push_back(w); }));
        Ops afterFirst;
        Simulator::Schedule(Seconds(5),
                            [&]() { host.SendTo(genuine, c.kdcAddress, SmkdKdcMessage::PORT); });
        Simulator::Schedule(Seconds(5.9), [&]() { afterFirst = Ops(c.server); });
        Simulator::Schedule(Seconds(6),
                            [&]() { host.SendTo(genuine, c.kdcAddress, SmkdKdcMessage::PORT); });
        Simulator::Schedule(Seconds(7),
                            [&]() { host.SendTo(retimed, c.kdcAddress, SmkdKdcMessage::PORT); });
        Simulator::Schedule(Seconds(40),
                            [&]() { host.SendTo(genuine, c.kdcAddress, SmkdKdcMessage::PORT); });
        Simulator::Stop(Seconds(41));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(host.received.size(), 2u, "the answer, and the same again");
        NS_TEST_EXPECT_MSG_EQ((host.received[0] == host.received[1]), true, "byte for byte");
        SmkdKdcMessage answer;
        NS_TEST_EXPECT_MSG_EQ(SmkdKdcMessage::Parse(host.received[0], answer), true, "parses");
        NS_TEST_EXPECT_MSG_EQ((answer.type == SmkdKdcMessage::Type::KEYS), true, "keys");
        NS_TEST_EXPECT_MSG_EQ(answer.nonce, 4242u, "for the request");
        const Ops later = Ops(c.server) - afterFirst;
        NS_TEST_EXPECT_MSG_EQ(later.verify + later.sign + later.seal,
                              0u,
                              "no crypto for any replay");
        NS_TEST_EXPECT_MSG_EQ(c.kdc->GetResentCount(), 1u, "one answer resent");
        NS_TEST_EXPECT_MSG_EQ(c.kdc->GetKeysSentCount(), 1u, "keys sealed once");
        NS_TEST_ASSERT_MSG_EQ(refusals.size(), 2u, "two replays refused");
        NS_TEST_EXPECT_MSG_EQ(refusals[0], "request token is replayed", "re-timed copy");
        NS_TEST_EXPECT_MSG_EQ(refusals[1], "request token is stale", "copy after the window");
        Simulator::Destroy();
    }
};

/**
 * N hosts, each on its own link, ask at the same instant; links run at
 * 1 Gb/s, so the N requests reach the KDC 1.1 us apart, well within one
 * verification (104 us). The server's CPU serves its queue in order: the N
 * verifications, then the N signatures (each queued when its verification
 * ended, behind the later verifications), then the N sealings. So the first
 * answer leaves after N verifications, N signatures and one sealing, the
 * last after N x (verify + sign + seal): exactly the single join's latency
 * plus (N-1) x (verify + sign), and plus (N-1) x (verify + sign + seal).
 * The server's busy time is the list's verification plus N requests.
 */
class SimultaneousJoinsTestCase : public TestCase
{
  public:
    SimultaneousJoinsTestCase()
        : TestCase("N simultaneous joins queue on the server: the last waits N requests' CPU")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t n = 24;
        Chain c(n, DataRate("1Gbps"));
        std::vector<Time> latencies;
        for (uint32_t k = 0; k < n; ++k)
        {
            c.Client(k)->TraceConnectWithoutContext(
                "KeysInstalled",
                Callback<void, Ipv4Address, Time>(
                    [&latencies](Ipv4Address, Time t) { latencies.push_back(t); }));
        }
        Simulator::Schedule(Seconds(5), [&]() {
            for (uint32_t k = 0; k < n; ++k)
            {
                c.Client(k)->Join(GROUP);
            }
        });
        Simulator::Stop(Seconds(7));
        Simulator::Run();

        const Chain::Derived d = c.Derive();
        const Time single = c.Expected();
        NS_TEST_ASSERT_MSG_EQ(latencies.size(), n, "every host got keys");
        NS_TEST_EXPECT_MSG_EQ(c.kdc->GetRequestCount(), n, "no request retransmitted");
        const Time first = *std::min_element(latencies.begin(), latencies.end());
        const Time last = *std::max_element(latencies.begin(), latencies.end());
        NS_TEST_EXPECT_MSG_EQ(first,
                              single + (d.serverVerify + d.serverSign) * (n - 1),
                              "the first answer waited for every verification and signature");
        NS_TEST_EXPECT_MSG_EQ(last, single + d.Server() * (n - 1), "the last for everything");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(last, d.Server() * n, "at least N requests' server CPU");
        Ptr<SmkdSimulatedCpu> cpu = c.server->GetObject<SmkdSimulatedCpu>();
        const SmkdAccessList* acl = c.kdc->GetAccessList(GROUP);
        NS_TEST_ASSERT_MSG_NE(acl, nullptr, "the list is in force");
        SmkdSignedBlob submitted{CbtHelper::PrimaryAddress(c.initiator), acl->Serialize(), {}};
        NS_TEST_EXPECT_MSG_EQ(cpu->GetBusyTime(),
                              c.smkd.GetCosts()->Cost(SmkdCryptoOp::VERIFY,
                                                      SmkdSignatureAlgorithm::ED25519,
                                                      submitted.SignedBytes().size()) +
                                  d.Server() * n,
                              "server CPU: the list, then N x (verify + sign + seal)");
        Simulator::Destroy();
    }
};

/**
 * Garbage on every port: random datagrams and well-framed requests with
 * random tokens at the KDC, random datagrams at the client, and, while the
 * client waits, a refusal signed with the wrong key and undecryptable
 * "keys" carrying the right nonce. All are counted and dropped; the genuine
 * answer still installs the keys.
 */
class GarbageTestCase : public TestCase
{
  public:
    GarbageTestCase()
        : TestCase("garbage and forged answers are counted and dropped")
    {
    }

  private:
    void DoRun() override
    {
        Chain c;
        std::mt19937 rng(1951);
        auto random = [&rng](std::size_t max) {
            Bytes b(rng() % max);
            for (auto& x : b)
            {
                x = static_cast<uint8_t>(rng());
            }
            return b;
        };
        Catcher attacker(c.ra);
        uint32_t kdcTraced = 0;
        c.kdc->TraceConnectWithoutContext(
            "Malformed",
            Callback<void, const std::string&>([&](const std::string&) { ++kdcTraced; }));
        Simulator::Schedule(Seconds(3), [&]() {
            for (int k = 0; k < 200; ++k)
            {
                attacker.SendTo(random(300), c.kdcAddress, SmkdKdcMessage::PORT);
                attacker.SendTo(random(300), c.kdcAddress, SmkdManagementMessage::PORT);
            }
            for (int k = 0; k < 100; ++k)
            {
                SmkdKdcMessage m;
                m.group = GROUP;
                m.nonce = rng();
                m.body = random(120);
                attacker.SendTo(m.Serialize(), c.kdcAddress, SmkdKdcMessage::PORT);
            }
            SmkdKdcMessage answer;
            answer.type = SmkdKdcMessage::Type::KEYS;
            answer.group = GROUP;
            answer.body = random(100);
            attacker.SendTo(answer.Serialize(), c.kdcAddress, SmkdKdcMessage::PORT);
        });
        // Watch the client's request leave, to learn its port and nonce.
        bool seen = false;
        c.Host()->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [&](Ptr<const Packet> p, Ptr<Ipv4>, uint32_t) {
                    Bytes b = Read(p->Copy());
                    SmkdKdcMessage request;
                    if (seen || b.size() < 28 || b[9] != 17 ||
                        !SmkdKdcMessage::Parse(Bytes(b.begin() + 28, b.end()), request))
                    {
                        return;
                    }
                    seen = true;
                    const uint16_t port = uint16_t(b[20] << 8 | b[21]);
                    for (int k = 0; k < 200; ++k)
                    {
                        attacker.SendTo(random(300), c.clientAddress, port);
                    }
                    Ptr<SmkdCryptoSuite> suite = c.smkd.GetDirectory()->GetSuite();
                    SmkdKdcGrant g;
                    g.outcome = SmkdKdcGrant::Outcome::REFUSED;
                    g.host = c.clientAddress;
                    g.group = GROUP;
                    g.nonce = request.nonce;
                    g.reason = "go away";
                    SmkdSignedBlob blob{c.kdcAddress, g.Serialize(), {}};
                    blob.signature =
                        suite->Sign(*suite->SigningKey(c.ra->GetId()), blob.SignedBytes());
                    SmkdKdcMessage refusal;
                    refusal.type = SmkdKdcMessage::Type::REFUSED;
                    refusal.group = GROUP;
                    refusal.nonce = request.nonce;
                    refusal.body = blob.Serialize();
                    attacker.SendTo(refusal.Serialize(), c.clientAddress, port);
                    SmkdKdcMessage keys = refusal;
                    keys.type = SmkdKdcMessage::Type::KEYS;
                    keys.body = random(200);
                    Simulator::Schedule(MilliSeconds(1), [&attacker, keys, &c, port]() {
                        attacker.SendTo(keys.Serialize(), c.clientAddress, port);
                    });
                }));
        std::vector<std::string> clientDrops;
        c.client->TraceConnectWithoutContext(
            "Malformed",
            Callback<void, const std::string&>(
                [&](const std::string& w) { clientDrops.push_back(w); }));
        std::vector<std::string> refused;
        c.client->TraceConnectWithoutContext(
            "JoinRefused",
            Callback<void, Ipv4Address, const std::string&>(
                [&](Ipv4Address, const std::string& w) { refused.push_back(w); }));
        const Time latency = c.JoinAndRun(Seconds(5), Seconds(7));

        NS_TEST_EXPECT_MSG_EQ(c.kdc->GetMalformedCount(), 501u, "every garbage datagram counted");
        NS_TEST_EXPECT_MSG_EQ(kdcTraced, 501u, "and traced");
        NS_TEST_EXPECT_MSG_EQ(c.kdc->GetKeysSentCount(), 1u, "keys only for the genuine request");
        const Ops server = Ops(c.server);
        NS_TEST_EXPECT_MSG_EQ(server.verify, 2u, "server: the list and the genuine request");
        NS_TEST_ASSERT_MSG_EQ(seen, true, "the request was seen");
        NS_TEST_EXPECT_MSG_EQ(c.client->GetMalformedCount(), 202u, "client: 200 + 2 forged");
        NS_TEST_ASSERT_MSG_EQ(clientDrops.size(), 202u, "traced");
        NS_TEST_EXPECT_MSG_EQ(clientDrops[200], "the KDC's signature does not verify", "refusal");
        NS_TEST_EXPECT_MSG_EQ(clientDrops[201],
                              "answer does not open or is not the KDC's answer to this request",
                              "keys");
        NS_TEST_EXPECT_MSG_EQ(refused.size(), 0u, "no forged answer ended the join");
        NS_TEST_EXPECT_MSG_GT(latency, Seconds(0), "the genuine keys installed");
        const Ops client = Ops(c.Host());
        NS_TEST_EXPECT_MSG_EQ(client.verify, 2u, "client: the forged refusal and the grant");
        NS_TEST_EXPECT_MSG_EQ(client.open, 2u, "client: the forged keys and the real ones");
        NS_TEST_EXPECT_MSG_EQ(client.sign, 1u, "client: one request");
        Simulator::Destroy();
    }
};

/**
 * Set-up as at a primary core: a list sealed for the KDC (RFC 1949 §6.1) is
 * opened (one opening) and verified (one verification) and keys are created;
 * the initiator's retransmission of it is accepted again, and a different
 * list for the same group is refused.
 */
class SetUpTestCase : public TestCase
{
  public:
    SetUpTestCase()
        : TestCase("a sealed list is opened and accepted; a second, different list is refused")
    {
    }

  private:
    void DoRun() override
    {
        Chain c;
        c.initiatorApp->SetAttribute("EncryptForCore", BooleanValue(true));
        std::vector<std::string> rejected;
        c.kdc->TraceConnectWithoutContext(
            "AclRejected",
            Callback<void, Ipv4Address, const std::string&>(
                [&](Ipv4Address, const std::string& w) { rejected.push_back(w); }));
        uint32_t accepted = 0;
        c.kdc->TraceConnectWithoutContext(
            "AclAccepted",
            Callback<void, Ipv4Address>([&](Ipv4Address) { ++accepted; }));
        Catcher other(c.initiator);
        auto submit = [&](bool sameList) {
            Ptr<SmkdCryptoSuite> suite = c.smkd.GetDirectory()->GetSuite();
            SmkdAccessList acl(GROUP,
                               SmkdAccessList::Kind::GROUP_MEMBERS,
                               SmkdAccessList::Mode::INCLUSION,
                               CbtHelper::PrimaryAddress(c.initiator));
            acl.Add(sameList ? Ipv4Address("10.80.0.0") : Ipv4Address("10.99.0.0"), 16);
            SmkdSignedBlob blob{CbtHelper::PrimaryAddress(c.initiator), acl.Serialize(), {}};
            blob.signature =
                suite->Sign(*suite->SigningKey(c.initiator->GetId()), blob.SignedBytes());
            SmkdManagementMessage m;
            m.group = GROUP;
            m.sequence = sameList ? 8 : 9;
            m.body = blob.Serialize();
            other.SendTo(m.Serialize(), c.kdcAddress, SmkdManagementMessage::PORT);
        };
        Simulator::Schedule(Seconds(3), [&]() { submit(true); });
        Simulator::Schedule(Seconds(4), [&]() { submit(false); });
        Simulator::Stop(Seconds(5));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(c.initiatorApp->IsAccepted(), true, "the sealed list accepted");
        NS_TEST_EXPECT_MSG_EQ(accepted, 1u, "keys created once");
        NS_TEST_EXPECT_MSG_NE(c.kdc->GetKeys(GROUP), nullptr, "the KDC holds keys");
        const Ops server = Ops(c.server);
        NS_TEST_EXPECT_MSG_EQ(server.open, 1u, "the list opened once");
        NS_TEST_EXPECT_MSG_EQ(server.verify, 1u, "and verified once");
        NS_TEST_EXPECT_MSG_EQ(server.sign + server.seal, 0u, "nothing signed at set-up");
        NS_TEST_ASSERT_MSG_EQ(other.received.size(), 2u, "both later submissions answered");
        SmkdManagementMessage a;
        SmkdManagementMessage b;
        NS_TEST_EXPECT_MSG_EQ(SmkdManagementMessage::Parse(other.received[0], a) &&
                                  SmkdManagementMessage::Parse(other.received[1], b),
                              true,
                              "answers parse");
        NS_TEST_EXPECT_MSG_EQ((a.type == SmkdManagementMessage::Type::ACL_ACCEPTED),
                              true,
                              "the same list again: accepted");
        NS_TEST_EXPECT_MSG_EQ((b.type == SmkdManagementMessage::Type::ACL_REJECTED),
                              true,
                              "another list: refused");
        NS_TEST_ASSERT_MSG_EQ(rejected.size(), 1u, "one rejection traced");
        NS_TEST_EXPECT_MSG_EQ(rejected[0], "the group already has an access list", "why");
        Simulator::Destroy();
    }
};

/// Configuration errors throw, naming the problem.
class ConfigurationErrorTestCase : public TestCase
{
  public:
    ConfigurationErrorTestCase()
        : TestCase("configuration errors throw with a message")
    {
    }

  private:
    template <class E, class F>
    void ExpectThrow(F f, const std::string& needle)
    {
        std::string message;
        try
        {
            f();
        }
        catch (const E& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find(needle), std::string::npos, "message: " << message);
    }

    void DoRun() override
    {
        SmkdHelper smkd;
        SmkdCentralKdcHelper helper(smkd);
        Ptr<Node> bare = CreateObject<Node>();
        InternetStackHelper().Install(bare);
        ExpectThrow<std::runtime_error>([&]() { helper.InstallClients(NodeContainer(bare)); },
                                        "call InstallServer first");
        ExpectThrow<std::invalid_argument>([&]() { helper.InstallServer(bare); },
                                           "has no IPv4 address");
        Ptr<SmkdKdcClient> client = CreateObject<SmkdKdcClient>();
        bare->AggregateObject(client);
        ExpectThrow<std::invalid_argument>([&]() { client->Join(Ipv4Address("10.0.0.1")); },
                                           "not a routable multicast group");
        ExpectThrow<std::invalid_argument>([&]() { client->Join(GROUP); }, "no Kdc address");
        client->SetAttribute("Kdc", Ipv4AddressValue("10.9.9.9"));
        ExpectThrow<std::runtime_error>([&]() { client->Join(GROUP); }, "SmkdCryptoEngine");
        Simulator::Destroy();
    }
};

/// Ends the simulation when a test case returns, early or not.
struct DestroyOnReturn
{
    ~DestroyOnReturn()
    {
        Simulator::Destroy();
    }
};

/**
 * NS_TEST_ASSERT_MSG_* do not return in this runner; a check that guards
 * what follows (indexing, a pointer) reports as NS_TEST_EXPECT_MSG_* does
 * and says whether it held, so that the test returns by hand.
 */
class GuardedTestCase : public TestCase
{
  public:
    using TestCase::TestCase;

  protected:
    template <class A, class B>
    bool RequireEq(const A& actual, const B& limit, const std::string& what)
    {
        NS_TEST_EXPECT_MSG_EQ(actual, limit, what);
        return actual == limit;
    }

    template <class A, class B>
    bool RequireNe(const A& actual, const B& limit, const std::string& what)
    {
        NS_TEST_EXPECT_MSG_NE(actual, limit, what);
        return actual != limit;
    }
};

/**
 * Periodic re-key (RFC 1949 §6.1, as at a primary core): keys of 40 s,
 * RekeyLeadTime 10 s, three members joined through IGMP. At expiry - 10 s
 * the KDC signs the next bundle (new grpKey and SPI, the same KEK, epoch 2,
 * in force at expiry), encrypts it under the KEK and sends ONE multicast
 * datagram of type | group | SPI | length | nonce 12 | [bundle]^SK_kdc |
 * tag 16 bytes. Every member decrypts it, verifies the KDC's signature and
 * installs it once, before activation; none asks the KDC again. Costs: KDC
 * 1 signature + 1 AEAD encryption; each member 1 AEAD decryption + 1
 * verification. The old key is the one in force until activation and is
 * held until activation + OldKeyGrace (10 s).
 */
class RekeyReachesEveryMemberTestCase : public GuardedTestCase
{
  public:
    RekeyReachesEveryMemberTestCase()
        : GuardedTestCase(
              "one multicast re-key reaches every member before activation, installed once")
    {
    }

  private:
    void DoRun() override
    {
        Baseline b(3, 3, true);
        DestroyOnReturn destroy;
        b.ShortKeys(40, Seconds(10), Seconds(5));
        RekeyLog log(b);
        auto multicast = b.WatchKdc(SmkdGroupKeyMessage::PORT);
        auto unicast = b.WatchKdc(SmkdKdcMessage::PORT);
        b.JoinAll(Seconds(5));
        SmkdKeyBundle initial;
        std::array<Ops, 4> before;
        Simulator::Schedule(Seconds(9), [&]() {
            if (const SmkdKeyBundle* k = b.kdc->GetKeys(GROUP))
            {
                initial = *k;
            }
            before = {Ops(b.Kdc()), Ops(b.Member(0)), Ops(b.Member(1)), Ops(b.Member(2))};
        });
        // Which SPI each member sends with, and whether it holds the old one.
        std::map<std::string, std::vector<uint32_t>> active;
        std::map<std::string, std::vector<bool>> holdsOld;
        auto snap = [&](const std::string& at) {
            for (uint32_t k = 0; k < 3; ++k)
            {
                const SmkdKeyBundle* a = b.Client(k)->GetActiveKeys(GROUP);
                active[at].push_back(a ? a->sa.spi : 0);
                holdsOld[at].push_back(b.Client(k)->GetKeysBySpi(GROUP, initial.sa.spi) != nullptr);
            }
        };
        Simulator::Schedule(Seconds(35), [&]() { snap("before activation"); });
        Simulator::Schedule(Seconds(45), [&]() { snap("in the grace"); });
        Simulator::Schedule(Seconds(55), [&]() { snap("after the grace"); });
        Simulator::Stop(Seconds(60)); // the next re-key is due at 71 s
        Simulator::Run();

        const Time expiry = NanoSeconds(static_cast<int64_t>(initial.sa.activation)) + Seconds(40);
        NS_TEST_EXPECT_MSG_GT(expiry, Seconds(41), "keys made at the set-up, after 1 s");
        NS_TEST_EXPECT_MSG_LT(expiry, Seconds(41.1), "keys made at the set-up");
        if (!RequireEq(log.sent.size(), 1u, "one re-key"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetRekeysSentCount(), 1u, "counted");
        if (!RequireEq(multicast->size(), 1u, "one datagram to port 1952"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(unicast->size(), 3u, "the three grants, nothing else unicast");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetUnicastRekeysSentCount(), 0u, "no unicast re-key");
        NS_TEST_EXPECT_MSG_GT(log.sent[0].first, expiry - Seconds(10), "sent at expiry - lead");
        NS_TEST_EXPECT_MSG_LT(log.sent[0].first,
                              expiry - Seconds(10) + MilliSeconds(1),
                              "after one signature and one encryption");
        const uint32_t spi = log.sent[0].second;
        const SmkdKeyBundle* next = b.kdc->GetKeys(GROUP);
        if (!RequireNe(next, nullptr, "the KDC holds keys"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(next->sa.spi, spi, "the new SPI");
        NS_TEST_EXPECT_MSG_NE(spi, initial.sa.spi, "a new SPI");
        NS_TEST_EXPECT_MSG_EQ(next->sa.epoch, 2u, "epoch 2");
        NS_TEST_EXPECT_MSG_EQ((next->kek == initial.kek), true, "the same KEK");
        NS_TEST_EXPECT_MSG_EQ((next->groupKey != initial.groupKey), true, "a new grpKey");
        NS_TEST_EXPECT_MSG_EQ(NanoSeconds(static_cast<int64_t>(next->sa.activation)),
                              expiry,
                              "in force when the old key expires");

        SmkdGroupKeyMessage m;
        if (!RequireEq(SmkdGroupKeyMessage::Parse(multicast->at(0), m), true, "parses"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ((m.type == SmkdGroupKeyMessage::Type::REKEY), true, "a REKEY");
        NS_TEST_EXPECT_MSG_EQ(m.group, GROUP, "to the group");
        NS_TEST_EXPECT_MSG_EQ(m.keySpi, initial.sa.spi, "under the old SA's KEK");
        const std::size_t signedBundle =
            SmkdSignedBlob{b.helper.GetKdcAddress(), next->Serialize(), Bytes(64)}
                .Serialize()
                .size();
        NS_TEST_EXPECT_MSG_EQ(m.body.size(), 12 + signedBundle + 16, "nonce, bundle, tag");
        NS_TEST_EXPECT_MSG_EQ(multicast->at(0).size(), 1 + 4 + 4 + 2 + 12 + signedBundle + 16, "");
        if (!RequireEq(log.bytes["rekey"].size(), 1u, "SecurityBytes once"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(log.bytes["rekey"][0], m.body.size(), "the body, as the GKDC's");

        const Ops kdc = Ops(b.Kdc()) - before[0];
        NS_TEST_EXPECT_MSG_EQ(kdc.sign, 1u, "KDC: one signature");
        NS_TEST_EXPECT_MSG_EQ(kdc.encrypt, 1u, "KDC: one AEAD encryption");
        NS_TEST_EXPECT_MSG_EQ(kdc.seal + kdc.verify + kdc.open, 0u, "KDC: nothing else");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetRequestCount(), 3u, "no member asked again");
        for (uint32_t k = 0; k < 3; ++k)
        {
            if (!RequireEq(log.installed[k].size(),
                           1u,
                           "member " + std::to_string(k) + " installs once"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(log.installed[k][0].second, spi, "the new SPI");
            NS_TEST_EXPECT_MSG_LT(log.installed[k][0].first, expiry, "before activation");
            NS_TEST_EXPECT_MSG_LT(log.installed[k][0].first,
                                  log.sent[0].first + MilliSeconds(10),
                                  "one trip down the tree after it was sent");
            NS_TEST_EXPECT_MSG_EQ(log.dropped[k].size(), 0u, "nothing dropped");
            const SmkdKeyBundle* got = b.Client(k)->GetKeys(GROUP);
            if (!RequireNe(got, nullptr, "keys"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ((*got == *next), true, "member " << k << ": the KDC's bundle");
            const Ops member = Ops(b.Member(k)) - before[k + 1];
            NS_TEST_EXPECT_MSG_EQ(member.decrypt, 1u, "member " << k << ": one decryption");
            NS_TEST_EXPECT_MSG_EQ(member.verify, 1u, "member " << k << ": one verification");
            NS_TEST_EXPECT_MSG_EQ(member.sign + member.open, 0u, "member " << k << ": no request");
            if (!RequireEq(active["before activation"].size() + active["in the grace"].size() +
                               holdsOld["in the grace"].size() + holdsOld["after the grace"].size(),
                           12u,
                           "snapshots"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(active["before activation"][k], initial.sa.spi, "old in force");
            NS_TEST_EXPECT_MSG_EQ(active["in the grace"][k], spi, "new in force");
            NS_TEST_EXPECT_MSG_EQ(holdsOld["in the grace"][k], true, "old kept for the grace");
            NS_TEST_EXPECT_MSG_EQ(holdsOld["after the grace"][k], false, "then forgotten");
        }
    }
};

/**
 * The statistics collector, attached to the KDC as an application
 * (RekeySent, SecurityBytes by name) and fed the clients' RekeyInstalled as a
 * scenario does, turns the KDC's re-key into one rekey record: the new SPI,
 * the KDC as sender, three members, latency = last install - send. On the
 * wire the re-key is one datagram copied onto each link of its path: the
 * KDC's LAN, core - r1, r1 - dr and the members' LAN, 4 transmissions of
 * IP 20 + UDP 8 + the message bytes each.
 */
class KdcRekeyStatisticsTestCase : public GuardedTestCase
{
  public:
    KdcRekeyStatisticsTestCase()
        : GuardedTestCase("the statistics collector records the KDC's re-key and its latency")
    {
    }

  private:
    void DoRun() override
    {
        Baseline b(3, 3, true);
        DestroyOnReturn destroy;
        b.ShortKeys(40, Seconds(10), Seconds(5));
        RekeyLog log(b);
        auto multicast = b.WatchKdc(SmkdGroupKeyMessage::PORT);
        b.JoinAll(Seconds(5));
        Ptr<SmkdStatisticsCollector> stats = CreateObject<SmkdStatisticsCollector>();
        stats->Attach(NodeContainer::GetGlobal());
        for (uint32_t k = 0; k < 3; ++k)
        {
            const uint32_t id = b.Member(k)->GetId();
            b.Client(k)->TraceConnectWithoutContext(
                "RekeyInstalled",
                Callback<void, Ipv4Address, uint32_t>([stats, id](Ipv4Address g, uint32_t spi) {
                    stats->RecordRekeyInstalled(id, g, spi, Simulator::Now());
                }));
        }
        Simulator::Stop(Seconds(45));
        Simulator::Run();
        stats->Finalize();
        const SmkdStatisticsResults r = stats->GetResults();
        if (!RequireEq(log.sent.size(), 1u, "one re-key sent"))
        {
            return;
        }
        if (!RequireEq(r.rekeys.size(), 1u, "one re-key recorded"))
        {
            return;
        }
        if (!RequireEq(multicast->size(), 1u, "one datagram"))
        {
            return;
        }
        Time last;
        for (uint32_t k = 0; k < 3; ++k)
        {
            if (!RequireEq(log.installed[k].size(),
                           1u,
                           "member " + std::to_string(k) + " installed"))
            {
                return;
            }
            last = std::max(last, log.installed[k][0].first);
        }
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].spi, log.sent[0].second, "the new SPI");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].sentSeen, true, "RekeySent seen");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].sender, b.Kdc()->GetId(), "sent by the KDC");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].sent, log.sent[0].first, "when");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].installs, 3u, "three members");
        NS_TEST_EXPECT_MSG_EQ(r.rekeys[0].latency, last - log.sent[0].first, "last install - send");
        NS_TEST_EXPECT_MSG_GT(r.rekeys[0].latency, Seconds(0), "takes time");

        const uint64_t ip = 20 + 8 + multicast->at(0).size();
        SmkdOverheadRecord rekey;
        for (const SmkdOverheadRecord& o : r.overhead)
        {
            if (o.type == "rekey")
            {
                rekey = o;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(rekey.protocol, "smkd", "a key-layer datagram");
        NS_TEST_EXPECT_MSG_EQ(rekey.messages, 4u, "one copy per link of the path");
        NS_TEST_EXPECT_MSG_EQ(rekey.bytes, 4 * ip, "each of the IP size");
    }
};

/**
 * A member that misses the re-key (the datagram lost on its LAN interface)
 * still holds no successor RekeyRecoveryMargin (5 s) before expiry: it sends
 * a fresh request then, and the KDC's answer carries the new keys, which it
 * installs (RekeyInstalled, no second KeysInstalled) before they take
 * effect. The other members install from the multicast; nobody else asks.
 */
class MissedRekeyTestCase : public GuardedTestCase
{
  public:
    MissedRekeyTestCase()
        : GuardedTestCase("a member that missed the re-key asks the KDC again before expiry")
    {
    }

  private:
    void DoRun() override
    {
        Baseline b(3, 3, true);
        DestroyOnReturn destroy;
        b.ShortKeys(40, Seconds(10), Seconds(5));
        Ptr<UdpPortDropper> dropper = CreateObject<UdpPortDropper>();
        dropper->port = SmkdGroupKeyMessage::PORT;
        dropper->ip = 14; // Ethernet
        b.Member(0)->GetObject<Ipv4>()->GetNetDevice(1)->SetAttribute("ReceiveErrorModel",
                                                                      PointerValue(dropper));
        RekeyLog log(b);
        std::vector<Time> requests;
        uint32_t keysInstalled = 0;
        uint32_t joinsStarted = 0;
        b.Client(0)->TraceConnectWithoutContext(
            "RequestSent",
            Callback<void, Ipv4Address, uint32_t>(
                [&](Ipv4Address, uint32_t) { requests.push_back(Simulator::Now()); }));
        b.Client(0)->TraceConnectWithoutContext(
            "KeysInstalled",
            Callback<void, Ipv4Address, Time>([&](Ipv4Address, Time) { ++keysInstalled; }));
        b.Client(0)->TraceConnectWithoutContext(
            "JoinStarted",
            Callback<void, Ipv4Address>([&](Ipv4Address) { ++joinsStarted; }));
        b.JoinAll(Seconds(5));
        SmkdKeyBundle initial;
        Simulator::Schedule(Seconds(9), [&]() {
            if (const SmkdKeyBundle* k = b.kdc->GetKeys(GROUP))
            {
                initial = *k;
            }
        });
        Simulator::Stop(Seconds(45));
        Simulator::Run();

        const Time expiry = NanoSeconds(static_cast<int64_t>(initial.sa.activation)) + Seconds(40);
        NS_TEST_EXPECT_MSG_EQ(dropper->dropped, 1u, "member 0 lost the multicast re-key");
        if (!RequireEq(log.sent.size(), 1u, "one re-key"))
        {
            return;
        }
        if (!RequireEq(requests.size(), 2u, "the join and one recovery request"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(requests[1], expiry - Seconds(5), "at expiry - margin");
        NS_TEST_EXPECT_MSG_LT(requests[1],
                              expiry - Seconds(5) + MilliSeconds(1),
                              "after signing a fresh token");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetRequestCount(), 4u, "three joins and one recovery");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetKeysSentCount(), 4u, "each answered with keys");
        NS_TEST_EXPECT_MSG_EQ(keysInstalled, 1u, "the recovery is no second join");
        NS_TEST_EXPECT_MSG_EQ(joinsStarted, 1u, "nor a second join start");
        for (uint32_t k = 0; k < 3; ++k)
        {
            if (!RequireEq(log.installed[k].size(),
                           1u,
                           "member " + std::to_string(k) + " installs once"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(log.installed[k][0].second, log.sent[0].second, "new SPI");
            NS_TEST_EXPECT_MSG_LT(log.installed[k][0].first, expiry, "before activation");
            if (!RequireNe(b.Client(k)->GetKeys(GROUP), nullptr, "keys"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ((*b.Client(k)->GetKeys(GROUP) == *b.kdc->GetKeys(GROUP)),
                                  true,
                                  "member " << k << " holds the KDC's new bundle");
        }
        NS_TEST_EXPECT_MSG_GT(log.installed[0][0].first, expiry - Seconds(5), "member 0 late");
        NS_TEST_EXPECT_MSG_LT(log.installed[1][0].first, expiry - Seconds(9), "the others not");
    }
};

/**
 * Every defence of a member against re-keys, at member 0, from an attacker
 * host on the KDC's LAN that knows the KEK (an insider) and records the
 * KDC's re-keys:
 *  - a bundle under the right SPI and KEK naming the KDC as signer but
 *    signed with another key: decrypted, verification fails;
 *  - one signed by the attacker as itself: decrypted, not the KDC's;
 *  - one under an SPI the member does not hold: no crypto at all;
 *  - a random body under the right SPI: the decryption fails;
 *  - 20 random datagrams and a truncated re-key: malformed;
 *  - the KDC's first re-key A (epoch 2) replayed after it was installed:
 *    decrypted, not newer, no verification;
 *  - A replayed after the KDC's second re-key B (epoch 3) superseded it
 *    before it took effect: an older epoch, not newer;
 *  - B replayed: its SPI (A's, never in force) is no longer held.
 * Members 1 and 2 see none of it; everyone installs A and B once each.
 */
class ForgedAndReplayedRekeyTestCase : public GuardedTestCase
{
  public:
    ForgedAndReplayedRekeyTestCase()
        : GuardedTestCase(
              "forged, misaddressed, malformed and replayed re-keys are counted and dropped")
    {
    }

  private:
    void DoRun() override
    {
        Baseline b(3, 3, true);
        DestroyOnReturn destroy;
        b.kdc->SetAttribute("RekeyLeadTime", TimeValue(Seconds(10)));
        RekeyLog log(b);
        auto multicast = b.WatchKdc(SmkdGroupKeyMessage::PORT);
        b.JoinAll(Seconds(5));
        Ptr<SmkdCryptoSuite> suite = b.smkd.GetDirectory()->GetSuite();
        Catcher attacker(b.net.Host(b.source));
        const Ipv4Address attackerAddress = b.net.HostAddress(b.source);
        const Ipv4Address target = b.MemberAddress(0);
        std::mt19937 rng(1952);
        auto random = [&rng](std::size_t n) {
            Bytes out(n);
            for (auto& x : out)
            {
                x = static_cast<uint8_t>(rng());
            }
            return out;
        };
        // A re-key under the member's current keys, made by the attacker.
        auto forge = [&](Ipv4Address claimed, uint32_t spi, bool randomBody) {
            const SmkdKeyBundle* k = b.Client(0)->GetKeys(GROUP);
            if (!k)
            {
                return;
            }
            SmkdKeyBundle fake = *k;
            fake.groupKey.assign(32, 0x42);
            fake.sa.spi = 0xbad00;
            fake.sa.epoch = k->sa.epoch + 5;
            SmkdSignedBlob blob{claimed, fake.Serialize(), {}};
            blob.signature =
                suite->Sign(*suite->SigningKey(b.net.Host(b.source)->GetId()), blob.SignedBytes());
            SmkdGroupKeyMessage m;
            m.group = GROUP;
            m.keySpi = spi;
            m.body = randomBody
                         ? random(150)
                         : suite->AeadEncrypt(k->kek, m.AssociatedData(), blob.Serialize(), 7);
            attacker.SendTo(m.Serialize(), target, SmkdGroupKeyMessage::PORT);
        };
        auto spiHeld = [&]() {
            const SmkdKeyBundle* k = b.Client(0)->GetKeys(GROUP);
            return k ? k->sa.spi : 0;
        };
        auto replay = [&](std::size_t which) {
            if (multicast->size() > which)
            {
                attacker.SendTo(multicast->at(which), target, SmkdGroupKeyMessage::PORT);
            }
        };
        Ops before;
        Simulator::Schedule(Seconds(9.5), [&]() { before = Ops(b.Member(0)); });
        Simulator::Schedule(Seconds(10),
                            [&]() { forge(b.helper.GetKdcAddress(), spiHeld(), false); });
        Simulator::Schedule(Seconds(11), [&]() { forge(attackerAddress, spiHeld(), false); });
        Simulator::Schedule(Seconds(12), [&]() { forge(b.helper.GetKdcAddress(), 0x999, false); });
        Simulator::Schedule(Seconds(13),
                            [&]() { forge(b.helper.GetKdcAddress(), spiHeld(), true); });
        Simulator::Schedule(Seconds(14), [&]() {
            for (int k = 0; k < 20; ++k)
            {
                attacker.SendTo(random(rng() % 200), target, SmkdGroupKeyMessage::PORT);
            }
        });
        Simulator::Schedule(Seconds(20), [&]() { b.kdc->RekeyNow(GROUP); }); // A
        Simulator::Schedule(Seconds(21), [&]() { replay(0); });
        Simulator::Schedule(Seconds(21.5), [&]() {
            if (!multicast->empty())
            {
                Bytes cut = multicast->at(0);
                cut.resize(cut.size() - 1);
                attacker.SendTo(cut, target, SmkdGroupKeyMessage::PORT);
            }
        });
        Simulator::Schedule(Seconds(22), [&]() { b.kdc->RekeyNow(GROUP); }); // B
        Simulator::Schedule(Seconds(23), [&]() { replay(0); });
        Simulator::Schedule(Seconds(24), [&]() { replay(1); });
        Simulator::Stop(Seconds(26));
        Simulator::Run();

        if (!RequireEq(multicast->size(), 2u, "the KDC's two re-keys"))
        {
            return;
        }
        if (!RequireEq(log.sent.size(), 2u, "traced"))
        {
            return;
        }
        const std::vector<std::string> expected = {
            "re-key signature does not verify",
            "re-key does not open or is not the KDC's",
            "re-key under a KEK this member does not hold",
            "re-key does not open or is not the KDC's",
        };
        const std::vector<std::string>& dropped = log.dropped[0];
        if (!RequireEq(dropped.size(), expected.size() + 20 + 1 + 3, "every one dropped"))
        {
            return;
        }
        for (std::size_t k = 0; k < expected.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(dropped[k], expected[k], "drop " << k);
        }
        for (std::size_t k = expected.size(); k < expected.size() + 20; ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(dropped[k], "malformed group key message", "random " << k);
        }
        NS_TEST_EXPECT_MSG_EQ(dropped[24], "re-key is not newer than the keys held", "A again");
        NS_TEST_EXPECT_MSG_EQ(dropped[25], "malformed group key message", "A truncated");
        NS_TEST_EXPECT_MSG_EQ(dropped[26], "re-key is not newer than the keys held", "A after B");
        NS_TEST_EXPECT_MSG_EQ(dropped[27],
                              "re-key under a KEK this member does not hold",
                              "B again: A's SPI never took effect and is gone");
        NS_TEST_EXPECT_MSG_EQ(b.Client(0)->GetDroppedKeyMessages(), 28u, "counted");
        // Crypto spent on all of it: decryptions for everything under a held
        // SPI, a verification only for the one that named the KDC and was newer.
        const Ops spent = Ops(b.Member(0)) - before;
        NS_TEST_EXPECT_MSG_EQ(spent.decrypt, 2u + 1u + 2u + 2u, "forged 2, random 1, A, B, 2 A");
        NS_TEST_EXPECT_MSG_EQ(spent.verify, 1u + 2u, "the forged signature, A and B");
        for (uint32_t k = 0; k < 3; ++k)
        {
            if (!RequireEq(log.installed[k].size(),
                           2u,
                           "member " + std::to_string(k) + ": A and B"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(log.installed[k][0].second, log.sent[0].second, "A");
            NS_TEST_EXPECT_MSG_EQ(log.installed[k][1].second, log.sent[1].second, "B");
            const SmkdKeyBundle* got = b.Client(k)->GetKeys(GROUP);
            if (!RequireNe(got, nullptr, "keys"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ((*got == *b.kdc->GetKeys(GROUP)), true, "B, the KDC's");
            NS_TEST_EXPECT_MSG_EQ(got->sa.epoch, 3u, "epoch 3");
            NS_TEST_EXPECT_MSG_EQ(b.Client(k)->GetKeysBySpi(GROUP, log.sent[0].second),
                                  nullptr,
                                  "A, superseded before it took effect, is not kept");
        }
        NS_TEST_EXPECT_MSG_EQ(log.dropped[1].size() + log.dropped[2].size(), 0u, "others clean");
    }
};

/**
 * Exclusion at the KDC, four members, keys of 40 s re-keyed 10 s before
 * expiry. At 10 s member 3 is excluded: off the list, a new grpKey and KEK
 * in force at once (epoch 2), signed once and sealed for each of the three
 * remaining members, one unicast each. They install it within the KDC's
 * signature, three sealings, the path and one opening and verification;
 * member 3 never holds it. The periodic re-key at 40 s goes under the new
 * KEK: the three install it, member 3 cannot (its SPI is not held) and its
 * own recovery request before its old key expires is refused.
 */
class ExclusionTestCase : public GuardedTestCase
{
  public:
    ExclusionTestCase()
        : GuardedTestCase("an excluded member gets no new keys; every remaining member gets them")
    {
    }

  private:
    void DoRun() override
    {
        Baseline b(4, 4, true);
        DestroyOnReturn destroy;
        b.ShortKeys(40, Seconds(10), Seconds(5));
        RekeyLog log(b);
        std::vector<std::pair<Ipv4Address, Ipv4Address>> started;
        b.kdc->TraceConnectWithoutContext(
            "ExclusionStarted",
            Callback<void, Ipv4Address, Ipv4Address>(
                [&](Ipv4Address g, Ipv4Address m) { started.emplace_back(g, m); }));
        std::vector<std::string> refused;
        b.Client(3)->TraceConnectWithoutContext(
            "JoinRefused",
            Callback<void, Ipv4Address, const std::string&>(
                [&](Ipv4Address, const std::string& w) { refused.push_back(w); }));
        auto unicast = b.WatchKdc(SmkdKdcMessage::PORT);
        auto multicast = b.WatchKdc(SmkdGroupKeyMessage::PORT);
        b.JoinAll(Seconds(5));
        Ops before;
        Ops after;
        std::set<Ipv4Address> holders;
        Simulator::Schedule(Seconds(9.5), [&]() { before = Ops(b.Kdc()); });
        Simulator::Schedule(Seconds(10), [&]() { b.kdc->Exclude(GROUP, b.MemberAddress(3)); });
        Simulator::Schedule(Seconds(11), [&]() {
            after = Ops(b.Kdc());
            holders = b.kdc->GetKeyHolders(GROUP);
        });
        Simulator::Stop(Seconds(44));
        Simulator::Run();

        if (!RequireEq(started.size(), 1u, "one exclusion"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(started[0].first, GROUP, "of the group");
        NS_TEST_EXPECT_MSG_EQ(started[0].second, b.MemberAddress(3), "of member 3");
        if (!RequireEq(log.sent.size(), 2u, "the exclusion and the periodic re-key"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(log.sent[0].first, Seconds(10), "RekeySent as it starts");
        const uint32_t excluded = log.sent[0].second;
        const uint32_t periodic = log.sent[1].second;
        const Ops spent = after - before;
        NS_TEST_EXPECT_MSG_EQ(spent.sign, 1u, "one signature");
        NS_TEST_EXPECT_MSG_EQ(spent.seal, 3u, "one sealing per remaining member");
        NS_TEST_EXPECT_MSG_EQ(spent.encrypt + spent.verify + spent.open, 0u, "nothing else");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetUnicastRekeysSentCount(), 3u, "three unicast re-keys");
        NS_TEST_EXPECT_MSG_EQ(unicast->size(),
                              4u + 3u + 1u,
                              "four grants, three re-keys, member 3's refusal");
        NS_TEST_EXPECT_MSG_EQ(multicast->size(), 1u, "the periodic re-key only");
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetRekeysSentCount(), 1u, "counted");
        NS_TEST_EXPECT_MSG_EQ(
            (holders ==
             std::set<Ipv4Address>{b.MemberAddress(0), b.MemberAddress(1), b.MemberAddress(2)}),
            true,
            "the KDC gives keys to the three remaining");
        const SmkdAccessList* acl = b.kdc->GetAccessList(GROUP);
        if (!RequireNe(acl, nullptr, "a list"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(acl->Permits(b.MemberAddress(3)), false, "member 3 is off it");

        // The unicast re-key's size: {[bundle]^SK_kdc}^PK_h in a KDC message.
        Ptr<SmkdCryptoSuite> suite = b.smkd.GetDirectory()->GetSuite();
        const SmkdKeyBundle* now = b.kdc->GetKeys(GROUP);
        if (!RequireNe(now, nullptr, "keys"))
        {
            return;
        }
        const SmkdSignedBlob blob{b.helper.GetKdcAddress(), now->Serialize(), Bytes(64)};
        const std::size_t sealed = suite->SealedSize(blob.Serialize().size());
        if (!RequireEq(log.bytes["kdc-unicast-rekey"].size(), 3u, "traced three"))
        {
            return;
        }
        for (uint32_t n : log.bytes["kdc-unicast-rekey"])
        {
            NS_TEST_EXPECT_MSG_EQ(n, 1 + 4 + 8 + 2 + sealed, "type, group, nonce, sealed");
        }
        // Bounded: the KDC's signature and three sealings, the path, the
        // member's opening and verification; at most 5 ms of links.
        Ptr<SmkdCryptoCostTable> costs = b.smkd.GetCosts();
        const auto ed = SmkdSignatureAlgorithm::ED25519;
        const auto x = SmkdSealAlgorithm::X25519_HKDF_AES256GCM;
        const Time work = costs->Cost(SmkdCryptoOp::SIGN, ed, blob.SignedBytes().size()) +
                          3 * costs->Cost(SmkdCryptoOp::SEAL, x, blob.Serialize().size()) +
                          costs->Cost(SmkdCryptoOp::OPEN, x, sealed) +
                          costs->Cost(SmkdCryptoOp::VERIFY, ed, blob.SignedBytes().size());
        Time last;
        for (uint32_t k = 0; k < 3; ++k)
        {
            if (!RequireEq(log.installed[k].size(),
                           2u,
                           "member " + std::to_string(k) + ": two re-keys"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ(log.installed[k][0].second, excluded, "the exclusion's");
            NS_TEST_EXPECT_MSG_EQ(log.installed[k][1].second, periodic, "then the periodic");
            last = std::max(last, log.installed[k][0].first);
            const SmkdKeyBundle* got = b.Client(k)->GetKeys(GROUP);
            if (!RequireNe(got, nullptr, "keys"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ((*got == *now), true, "member " << k << ": the KDC's keys");
            NS_TEST_EXPECT_MSG_EQ(log.dropped[k].size(), 0u, "nothing dropped");
        }
        NS_TEST_EXPECT_MSG_GT(last, Seconds(10) + work, "after the crypto on the way");
        NS_TEST_EXPECT_MSG_LT(last, Seconds(10) + work + MilliSeconds(5), "and the links");
        NS_TEST_EXPECT_MSG_EQ(log.installed[3].size(), 0u, "member 3 installed nothing");
        NS_TEST_EXPECT_MSG_EQ(b.Client(3)->GetKeysBySpi(GROUP, excluded), nullptr, "no new keys");
        NS_TEST_EXPECT_MSG_EQ(b.Client(3)->GetKeysBySpi(GROUP, periodic), nullptr, "nor later");
        const SmkdKeyBundle* old = b.Client(3)->GetKeys(GROUP);
        NS_TEST_EXPECT_MSG_EQ((old && old->sa.epoch == 1), true, "member 3 holds epoch 1 only");
        if (!RequireEq(log.dropped[3].size(), 1u, "member 3 dropped the periodic re-key"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(log.dropped[3][0],
                              "re-key under a KEK this member does not hold",
                              "it lacks the new KEK");
        if (!RequireEq(refused.size(), 1u, "member 3's recovery request refused"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(refused[0], "host not in the group's access list", "why");
    }
};

/**
 * An exclusion while a remaining member's answer is on the KDC's CPU: its
 * grant was made with the keys of before (epoch 1), so it is not among the
 * holders the exclusion seals for; when that answer leaves, the KDC sees the
 * keys changed meanwhile and sends the new ones after it. Member 2 ends with
 * the exclusion's keys, member 1 (excluded) never holds them.
 */
class ExclusionDuringAnswerTestCase : public GuardedTestCase
{
  public:
    ExclusionDuringAnswerTestCase()
        : GuardedTestCase("keys that change while an answer is on the CPU follow the answer")
    {
    }

  private:
    void DoRun() override
    {
        Baseline b(3, 3, true);
        DestroyOnReturn destroy;
        RekeyLog log(b);
        std::vector<Time> joined;
        b.Client(2)->TraceConnectWithoutContext(
            "KeysInstalled",
            Callback<void, Ipv4Address, Time>(
                [&](Ipv4Address, Time) { joined.push_back(Simulator::Now()); }));
        b.kdc->TraceConnectWithoutContext(
            "RequestReceived",
            Callback<void, Ipv4Address, Ipv4Address>([&](Ipv4Address, Ipv4Address host) {
                if (host == b.MemberAddress(2))
                {
                    // Once its verification is on the CPU.
                    Simulator::Schedule(MicroSeconds(1),
                                        [&]() { b.kdc->Exclude(GROUP, b.MemberAddress(1)); });
                }
            }));
        b.JoinAll(Seconds(5));
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        if (!RequireEq(log.sent.size(), 1u, "one exclusion"))
        {
            return;
        }
        const uint32_t spi = log.sent[0].second;
        NS_TEST_EXPECT_MSG_EQ(b.kdc->GetUnicastRekeysSentCount(), 2u, "member 0, then member 2");
        if (!RequireEq(joined.size(), 1u, "member 2 joined"))
        {
            return;
        }
        if (!RequireEq(log.installed[2].size(), 1u, "and then took the new keys"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(log.installed[2][0].second, spi, "the exclusion's");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(log.installed[2][0].first, joined[0], "after its join");
        if (!RequireEq(log.installed[0].size(), 1u, "member 0 took them"))
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(log.installed[1].size(), 0u, "member 1 did not");
        NS_TEST_EXPECT_MSG_EQ(b.Client(1)->GetKeysBySpi(GROUP, spi), nullptr, "nor holds them");
        for (uint32_t k : {0u, 2u})
        {
            const SmkdKeyBundle* got = b.Client(k)->GetKeys(GROUP);
            if (!RequireNe(got, nullptr, "keys"))
            {
                return;
            }
            NS_TEST_EXPECT_MSG_EQ((*got == *b.kdc->GetKeys(GROUP)), true, "the KDC's");
            NS_TEST_EXPECT_MSG_EQ(log.dropped[k].size(), 0u, "nothing dropped");
        }
    }
};

/// Exclusion and re-key timer errors throw std::invalid_argument, naming the problem.
class ExclusionErrorTestCase : public GuardedTestCase
{
  public:
    ExclusionErrorTestCase()
        : GuardedTestCase("bad exclusions and re-key timers throw with a message")
    {
    }

  private:
    template <class F>
    void ExpectThrow(F f, const std::string& needle)
    {
        std::string message;
        try
        {
            f();
        }
        catch (const std::invalid_argument& e)
        {
            message = e.what();
        }
        NS_TEST_EXPECT_MSG_NE(message.find(needle), std::string::npos, "message: " << message);
    }

    void DoRun() override
    {
        {
            Chain c;
            Simulator::Stop(Seconds(3)); // the list (10.80.0.0/16) is in force
            Simulator::Run();
            ExpectThrow([&]() { c.kdc->Exclude(Ipv4Address("232.19.51.9"), c.clientAddress); },
                        "it is not the group's KDC");
            ExpectThrow([&]() { c.kdc->Exclude(GROUP, c.clientAddress); },
                        "is admitted by a prefix of the access list");
            const SmkdAccessList* acl = c.kdc->GetAccessList(GROUP);
            NS_TEST_EXPECT_MSG_EQ((acl && acl->Permits(c.clientAddress)),
                                  true,
                                  "the list is in force, unchanged");
            c.kdc->SetAttribute("KeyLifetime", TimeValue(Seconds(60)));
            ExpectThrow([&]() { c.kdc->CheckTimers(); },
                        "need RekeyLeadTime (+60s) < KeyLifetime (+60s)");
            Simulator::Destroy();
        }
        auto node = [](const char* subnet) {
            NodeContainer n(2);
            InternetStackHelper().Install(n);
            Ipv4AddressHelper(subnet, "255.255.255.0").Assign(PointToPointHelper().Install(n));
            return n;
        };
        {
            SmkdHelper smkd;
            SmkdCentralKdcHelper helper(smkd);
            helper.SetServerAttribute("KeyLifetime", TimeValue(Seconds(30)));
            ExpectThrow([&]() { helper.InstallServer(node("10.90.0.0").Get(0)); }, "RekeyLeadTime");
        }
        {
            SmkdHelper smkd;
            SmkdCentralKdcHelper helper(smkd);
            helper.SetClientAttribute("RekeyRecoveryMargin", TimeValue(Seconds(60)));
            NodeContainer n = node("10.91.0.0");
            helper.InstallServer(n.Get(0));
            ExpectThrow([&]() { helper.InstallClients(NodeContainer(n.Get(1))); },
                        "RekeyRecoveryMargin (+60s) < the KDC's RekeyLeadTime (+60s)");
            NS_TEST_EXPECT_MSG_EQ(SmkdCentralKdcHelper::GetClient(n.Get(1)),
                                  nullptr,
                                  "no client installed");
        }
        Simulator::Destroy();
    }
};

class SmkdCentralKdcTestSuite : public TestSuite
{
  public:
    SmkdCentralKdcTestSuite()
        : TestSuite("smkd-central-kdc", SYSTEM)
    {
        AddTestCase(new KeysAndCountsTestCase, TestCase::QUICK);
        AddTestCase(new ExactLatencyTestCase, TestCase::QUICK);
        AddTestCase(new RetransmissionTestCase, TestCase::QUICK);
        AddTestCase(new ForgedRequestTestCase, TestCase::QUICK);
        AddTestCase(new ReplayTestCase, TestCase::QUICK);
        AddTestCase(new SimultaneousJoinsTestCase, TestCase::QUICK);
        AddTestCase(new GarbageTestCase, TestCase::QUICK);
        AddTestCase(new SetUpTestCase, TestCase::QUICK);
        AddTestCase(new ConfigurationErrorTestCase, TestCase::QUICK);
        AddTestCase(new RekeyReachesEveryMemberTestCase, TestCase::QUICK);
        AddTestCase(new KdcRekeyStatisticsTestCase, TestCase::QUICK);
        AddTestCase(new MissedRekeyTestCase, TestCase::QUICK);
        AddTestCase(new ForgedAndReplayedRekeyTestCase, TestCase::QUICK);
        AddTestCase(new ExclusionTestCase, TestCase::QUICK);
        AddTestCase(new ExclusionDuringAnswerTestCase, TestCase::QUICK);
        AddTestCase(new ExclusionErrorTestCase, TestCase::QUICK);
    }
};

SmkdCentralKdcTestSuite g_smkdCentralKdcTestSuite;

} // namespace
