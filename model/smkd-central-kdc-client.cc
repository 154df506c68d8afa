/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-central-kdc-client.h"

#include "igmp-host.h"
#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"
#include "smkd-socket-reader.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdKdcClient");

using smkd::AtNs;
using smkd::NotBeforeNow;

NS_OBJECT_ENSURE_REGISTERED(SmkdKdcClient);

TypeId
SmkdKdcClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdKdcClient")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdKdcClient>()
            .AddAttribute("Kdc",
                          "Address of the key distribution centre.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&SmkdKdcClient::m_kdc),
                          MakeIpv4AddressChecker())
            .AddAttribute("KdcPort",
                          "UDP port of the KDC's key requests (its RequestPort).",
                          UintegerValue(SmkdKdcMessage::PORT),
                          MakeUintegerAccessor(&SmkdKdcClient::m_kdcPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("RetransmissionTimeout",
                          "Time to wait for the KDC's answer before sending the request again.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&SmkdKdcClient::m_timeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxTransmissions",
                          "Requests sent before the join gives up.",
                          UintegerValue(5),
                          MakeUintegerAccessor(&SmkdKdcClient::m_maxTransmissions),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("OldKeyGrace",
                          "How long a superseded group key is still held after its successor "
                          "took effect, so that data in flight still opens (as SmkdHostAgent's).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&SmkdKdcClient::m_oldKeyGrace),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RekeyRecoveryMargin",
                          "A member still without a successor key this long before its key "
                          "expires missed the KDC's re-key, and asks the KDC again with a "
                          "fresh request (as SmkdHostAgent's). Keep it below the KDC's "
                          "RekeyLeadTime.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&SmkdKdcClient::m_recoveryMargin),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("JoinStarted",
                            "The application asked for a group's keys: group.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_joinStarted),
                            "ns3::SmkdKdcClient::GroupTracedCallback")
            .AddTraceSource("Left",
                            "The host's membership of a group ended (Leave): group.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_left),
                            "ns3::SmkdKdcClient::GroupTracedCallback")
            .AddTraceSource("RequestSent",
                            "A key request left: group, transmission number.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_requestSent),
                            "ns3::SmkdKdcClient::RequestSentTracedCallback")
            .AddTraceSource("KeysInstalled",
                            "The host holds the group's keys: group, latency from Join().",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_keysInstalled),
                            "ns3::SmkdKdcClient::KeysTracedCallback")
            .AddTraceSource("JoinRefused",
                            "The KDC refused the join, or never answered: group, reason.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_refused),
                            "ns3::SmkdKdcClient::RefusedTracedCallback")
            .AddTraceSource("SecurityBytes",
                            "A request left: kind (kdc-request), bytes of UDP payload, all of "
                            "it security payload.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_securityBytes),
                            "ns3::SmkdKdcClient::SecurityBytesTracedCallback")
            .AddTraceSource("Malformed",
                            "An answer was dropped as malformed, foreign or forged: what was "
                            "wrong.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_malformedTrace),
                            "ns3::SmkdKdcClient::MalformedTracedCallback")
            .AddTraceSource("RekeyInstalled",
                            "The host installed a re-keyed group key (multicast or unicast "
                            "re-key, or fetched after a missed one): group, its SPI.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_rekeyInstalled),
                            "ns3::SmkdKdcClient::RekeyTracedCallback")
            .AddTraceSource("KeyMessageDropped",
                            "A re-key was dropped as malformed, under keys not held, forged or "
                            "not newer than the keys held: what was wrong.",
                            MakeTraceSourceAccessor(&SmkdKdcClient::m_keyMessageDropped),
                            "ns3::SmkdKdcClient::MalformedTracedCallback");
    return tid;
}

SmkdKdcClient::SmkdKdcClient() = default;

void
SmkdKdcClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [group, p] : m_pending)
    {
        p.timeout.Cancel();
    }
    m_pending.clear();
    for (auto& [group, event] : m_rekeyChecks)
    {
        event.Cancel();
    }
    m_rekeyChecks.clear();
    for (EventId& event : m_forgets)
    {
        event.Cancel();
    }
    m_forgets.clear();
    m_bundles = SmkdBundleRing();
    for (Ptr<Socket>* socket : {&m_socket, &m_groupKeySocket})
    {
        if (*socket)
        {
            (*socket)->Close();
        }
        *socket = nullptr;
    }
    Object::DoDispose();
}

Ipv4Address
SmkdKdcClient::OwnAddress() const
{
    return smkd::FirstAddress(GetObject<Ipv4>());
}

const SmkdKeyBundle*
SmkdKdcClient::GetKeys(Ipv4Address group) const
{
    return m_bundles.GetNewest(group);
}

const SmkdKeyBundle*
SmkdKdcClient::GetActiveKeys(Ipv4Address group) const
{
    // The newest epoch in force: an exclusion's keys take effect at once and
    // outrank a periodic re-key announced before it.
    return m_bundles.GetActive(group, static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()));
}

const SmkdKeyBundle*
SmkdKdcClient::GetKeysBySpi(Ipv4Address group, uint32_t spi) const
{
    return m_bundles.GetBySpi(group, spi);
}

uint64_t
SmkdKdcClient::GetMalformedCount() const
{
    return m_malformed;
}

uint64_t
SmkdKdcClient::GetDroppedKeyMessages() const
{
    return m_droppedKeyMessages;
}

void
SmkdKdcClient::Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    Join(group);
    if (Ptr<IgmpHost> igmp = GetObject<IgmpHost>())
    {
        igmp->Join(socket, interface, group);
    }
}

void
SmkdKdcClient::Leave(Ptr<Socket> socket, uint32_t interface, Ipv4Address group)
{
    NS_LOG_FUNCTION(this << socket << interface << group);
    Ptr<IgmpHost> igmp = GetObject<IgmpHost>();
    if (igmp)
    {
        igmp->Leave(socket, interface, group);
        if (igmp->GetInterfaceState(interface, group).IsMember())
        {
            return; // another socket still wants the group there
        }
    }
    auto pending = m_pending.find(group);
    if (pending != m_pending.end())
    {
        pending->second.timeout.Cancel();
        m_pending.erase(pending);
    }
    ForgetGroup(group);
    m_left(group);
}

void
SmkdKdcClient::Join(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    std::ostringstream problem;
    if (!group.IsMulticast() || group.IsLocalMulticast())
    {
        problem << "SmkdKdcClient: " << group << " is not a routable multicast group";
        throw std::invalid_argument(problem.str());
    }
    if (m_kdc == Ipv4Address::GetAny())
    {
        throw std::invalid_argument("SmkdKdcClient: no Kdc address set");
    }
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    const Ipv4Address self = OwnAddress();
    if (!engine || self == Ipv4Address::GetAny())
    {
        throw std::runtime_error("SmkdKdcClient: the node needs an SmkdCryptoEngine and an IPv4 "
                                 "address (SmkdCentralKdcHelper::InstallClients)");
    }
    auto pending = m_pending.find(group);
    if (pending != m_pending.end())
    {
        NS_LOG_LOGIC(group << ": a join is already under way");
        if (pending->second.recovery)
        {
            // The request after a missed re-key answers the application's join too.
            pending->second.recovery = false;
            pending->second.started = Simulator::Now();
            m_joinStarted(group);
        }
        return;
    }
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetObject<Node>(), UdpSocketFactory::GetTypeId());
        m_socket->Bind();
        m_socket->SetRecvCallback(MakeCallback(&SmkdKdcClient::Receive, this));
    }
    if (!m_groupKeySocket)
    {
        // The KDC's multicast re-keys (RFC 1949 §6.1's port, as SmkdHostAgent's).
        Ptr<Socket> s = Socket::CreateSocket(GetObject<Node>(), UdpSocketFactory::GetTypeId());
        if (s->Bind(InetSocketAddress(Ipv4Address::GetAny(), SmkdGroupKeyMessage::PORT)) == 0)
        {
            s->SetRecvCallback(MakeCallback(&SmkdKdcClient::ReceiveGroupKeyMessage, this));
            m_groupKeySocket = s;
        }
        else
        {
            // Another agent on the node has the port: keys then come only
            // through requests (the recovery before each expiry).
            NS_LOG_WARN("UDP port " << SmkdGroupKeyMessage::PORT
                                    << " is taken: multicast re-keys will not be heard");
            s->Close();
        }
    }
    m_joinStarted(group);
    Request(group, false);
}

void
SmkdKdcClient::Request(Ipv4Address group, bool recovery)
{
    NS_LOG_FUNCTION(this << group << recovery);
    Ptr<SmkdCryptoEngine> engine = GetObject<SmkdCryptoEngine>();
    // RFC 1949 App. A: [t_h, r_h, KDC]^SK_h, bound to the group as the
    // module's host tokens are; a fresh one for every request.
    Pending p;
    p.started = Simulator::Now();
    p.recovery = recovery;
    p.token = SmkdToken::Make(OwnAddress(), group, m_kdc, engine->Random(8));
    m_pending[group] = p;
    engine->Sign(p.token.SignedBytes(), Callback<void, Bytes>([this, group](Bytes signature) {
                     Signed(group, std::move(signature));
                 }));
}

void
SmkdKdcClient::Signed(Ipv4Address group, Bytes signature)
{
    auto it = m_pending.find(group);
    if (it == m_pending.end())
    {
        return;
    }
    it->second.token.signature = std::move(signature);
    SmkdKdcMessage request;
    request.type = SmkdKdcMessage::Type::KEY_REQUEST;
    request.group = group;
    request.nonce = it->second.token.random;
    request.body = it->second.token.Serialize();
    it->second.request = request.Serialize();
    Transmit(group);
}

void
SmkdKdcClient::Transmit(Ipv4Address group)
{
    Pending& p = m_pending.at(group);
    ++p.transmissions;
    m_socket->SendTo(Create<Packet>(p.request.data(), p.request.size()),
                     0,
                     InetSocketAddress(m_kdc, m_kdcPort));
    m_requestSent(group, p.transmissions);
    m_securityBytes("kdc-request", static_cast<uint32_t>(p.request.size()));
    p.timeout = Simulator::Schedule(m_timeout, &SmkdKdcClient::TimedOut, this, group);
}

void
SmkdKdcClient::TimedOut(Ipv4Address group)
{
    auto it = m_pending.find(group);
    if (it == m_pending.end())
    {
        return;
    }
    if (it->second.transmissions < m_maxTransmissions)
    {
        Transmit(group);
        return;
    }
    if (it->second.checking)
    {
        return; // the answer on the CPU decides
    }
    m_pending.erase(it);
    m_refused(group, "no answer from the KDC");
}

void
SmkdKdcClient::Receive(Ptr<Socket> socket)
{
    const auto malformed = [this]() {
        ++m_malformed;
        m_malformedTrace("malformed answer");
    };
    smkd::ReadMessages<SmkdKdcMessage>(
        socket,
        [this, malformed](const SmkdKdcMessage& answer) {
            if (answer.type == SmkdKdcMessage::Type::KEY_REQUEST)
            {
                malformed(); // a host never answers a host
            }
            else if (answer.type == SmkdKdcMessage::Type::REKEY)
            {
                ReceiveUnicastRekey(answer);
            }
            else
            {
                Answered(answer);
            }
        },
        malformed);
}

void
SmkdKdcClient::Answered(const SmkdKdcMessage& answer)
{
    auto it = m_pending.find(answer.group);
    if (it == m_pending.end() || it->second.token.random != answer.nonce || it->second.checking)
    {
        // A copy of an answer already taken, or one to an earlier request.
        NS_LOG_LOGIC(answer.group << ": ignored an answer to no current request");
        return;
    }
    it->second.checking = true;
    const Ipv4Address group = answer.group;
    if (answer.type == SmkdKdcMessage::Type::REFUSED)
    {
        CheckGrant(group, answer.nonce, true, answer.body); // signed, not sealed
        return;
    }
    const uint64_t nonce = answer.nonce;
    GetObject<SmkdCryptoEngine>()->Open(
        answer.body,
        Callback<void, bool, Bytes>([this, group, nonce](bool ok, Bytes plaintext) {
            CheckGrant(group, nonce, ok, plaintext);
        }));
}

void
SmkdKdcClient::CheckGrant(Ipv4Address group, uint64_t nonce, bool ok, const Bytes& signedGrant)
{
    auto it = m_pending.find(group);
    if (it == m_pending.end() || it->second.token.random != nonce)
    {
        return; // the join ended while the answer was opened
    }
    const SmkdToken& token = it->second.token;
    SmkdSignedBlob blob;
    SmkdKdcGrant grant;
    SmkdKeyBundle bundle;
    if (!ok || !SmkdSignedBlob::Parse(signedGrant, blob) || blob.signer != m_kdc ||
        !SmkdKdcGrant::Parse(blob.body, grant) || grant.host != token.issuer ||
        grant.group != group || grant.nonce != token.random ||
        (grant.outcome == SmkdKdcGrant::Outcome::KEYS &&
         (!SmkdKeyBundle::Parse(grant.bundle, bundle) || bundle.group != group)))
    {
        Reject(group, "answer does not open or is not the KDC's answer to this request");
        return;
    }
    GetObject<SmkdCryptoEngine>()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, group, nonce, grant, bundle](bool verified) {
            auto p = m_pending.find(group);
            if (p == m_pending.end() || p->second.token.random != nonce)
            {
                return;
            }
            if (!verified)
            {
                Reject(group, "the KDC's signature does not verify");
                return;
            }
            const Time latency = Simulator::Now() - p->second.started;
            const bool recovery = p->second.recovery;
            p->second.timeout.Cancel();
            m_pending.erase(p);
            if (grant.outcome == SmkdKdcGrant::Outcome::REFUSED)
            {
                m_refused(group, grant.reason);
                return;
            }
            const bool hadKeys = GetKeys(group) != nullptr;
            // Keys older than a re-key taken meanwhile are not installed,
            // but the join is answered all the same.
            const bool fresh = Install(bundle);
            NS_LOG_INFO(group << ": keys installed after " << latency.As(Time::US));
            if (!recovery)
            {
                m_keysInstalled(group, latency);
            }
            if (fresh && hadKeys)
            {
                m_rekeyInstalled(group, bundle.sa.spi); // fetched after a missed re-key
            }
        }));
}

void
SmkdKdcClient::Reject(Ipv4Address group, const std::string& why)
{
    NS_LOG_WARN(group << ": dropped an answer: " << why);
    ++m_malformed;
    m_malformedTrace(why);
    auto it = m_pending.find(group);
    if (it == m_pending.end())
    {
        return;
    }
    it->second.checking = false;
    if (!it->second.timeout.IsRunning() && it->second.transmissions >= m_maxTransmissions)
    {
        // The last timeout passed while this answer was checked.
        m_pending.erase(it);
        m_refused(group, "no answer from the KDC");
    }
}

void
SmkdKdcClient::DropKeyMessage(const std::string& why)
{
    NS_LOG_WARN("dropped a re-key: " << why);
    ++m_droppedKeyMessages;
    m_keyMessageDropped(why);
}

void
SmkdKdcClient::ReceiveGroupKeyMessage(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    smkd::ReadMessages<SmkdGroupKeyMessage>(
        socket,
        [this](const SmkdGroupKeyMessage& m) {
            if (m.type != SmkdGroupKeyMessage::Type::REKEY || !GetKeys(m.group))
            {
                return; // RFC 1949's other group key messages, or not a member
            }
            // Cheap checks first: only the KEK of keys held can open it, and a
            // message under any other SPI costs no crypto.
            const SmkdKeyBundle* under = GetKeysBySpi(m.group, m.keySpi);
            if (!under)
            {
                DropKeyMessage("re-key under a KEK this member does not hold");
                return;
            }
            const Ipv4Address group = m.group;
            GetObject<SmkdCryptoEngine>()->AeadDecrypt(
                under->kek,
                m.AssociatedData(),
                m.body,
                Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
                    CheckSignedBundle(group, ok, plaintext, "re-key");
                }));
        },
        [this]() { DropKeyMessage("malformed group key message"); });
}

void
SmkdKdcClient::ReceiveUnicastRekey(const SmkdKdcMessage& m)
{
    NS_LOG_FUNCTION(this << m.group);
    if (!GetKeys(m.group) && !m_pending.count(m.group))
    {
        return; // not a member (any more)
    }
    // After an exclusion, or when the keys changed while this host's answer
    // was on the KDC's CPU: {[bundle]^SK_kdc}^PK_h.
    const Ipv4Address group = m.group;
    GetObject<SmkdCryptoEngine>()->Open(
        m.body,
        Callback<void, bool, Bytes>([this, group](bool ok, Bytes plaintext) {
            CheckSignedBundle(group, ok, plaintext, "unicast re-key");
        }));
}

bool
SmkdKdcClient::IsNewer(const SmkdKeyBundle& bundle) const
{
    const SmkdKeyBundle* newest = GetKeys(bundle.group);
    return !newest || bundle.sa.epoch > newest->sa.epoch;
}

void
SmkdKdcClient::CheckSignedBundle(Ipv4Address group,
                                 bool opened,
                                 const Bytes& plaintext,
                                 const std::string& what)
{
    NS_LOG_FUNCTION(this << group << opened << what);
    SmkdSignedBlob blob;
    SmkdKeyBundle bundle;
    if (!opened || !SmkdKeyBundle::ParseSigned(plaintext, group, m_kdc, blob, bundle))
    {
        DropKeyMessage(what + " does not open or is not the KDC's");
        return;
    }
    // Only newer keys count (GDOI's rule, RFC 6407 §7.3.4): a recorded
    // re-key replayed cannot put back keys an exclusion retired. Checked
    // before the signature, so a replay costs no verification.
    if (!IsNewer(bundle))
    {
        DropKeyMessage(what + " is not newer than the keys held");
        return;
    }
    GetObject<SmkdCryptoEngine>()->Verify(
        blob.signer,
        blob.SignedBytes(),
        blob.signature,
        Callback<void, bool>([this, bundle, what](bool verified) {
            if (!verified)
            {
                DropKeyMessage(what + " signature does not verify");
                return;
            }
            if (!GetKeys(bundle.group) && !m_pending.count(bundle.group))
            {
                return; // the host left while it was checked
            }
            if (!Install(bundle))
            {
                DropKeyMessage(what + " is not newer than the keys held"); // a copy won
                return;
            }
            NS_LOG_INFO(bundle.group << ": re-keyed to SPI 0x" << std::hex << bundle.sa.spi
                                     << std::dec);
            m_rekeyInstalled(bundle.group, bundle.sa.spi);
        }));
}

bool
SmkdKdcClient::Install(const SmkdKeyBundle& bundle)
{
    NS_LOG_FUNCTION(this << bundle.group << bundle.sa.spi << bundle.sa.epoch);
    const Ipv4Address group = bundle.group;
    const SmkdKeyBundle* newest = GetKeys(group);
    if (newest && bundle.sa.epoch <= newest->sa.epoch)
    {
        return false; // the keys held, or older ones
    }
    if (newest)
    {
        // Keys announced for later but superseded before they took effect
        // (a re-key overtaken by an exclusion) are never used: an excluded
        // member may hold them.
        m_bundles.DropOvertaken(group,
                                bundle.sa.epoch,
                                static_cast<uint64_t>(Simulator::Now().GetNanoSeconds()));
        // The superseded keys still open data sent just before the switch.
        m_forgets.erase(std::remove_if(m_forgets.begin(),
                                       m_forgets.end(),
                                       [](const EventId& e) { return e.IsExpired(); }),
                        m_forgets.end());
        m_forgets.push_back(
            Simulator::Schedule(NotBeforeNow(AtNs(bundle.sa.activation) + m_oldKeyGrace),
                                &SmkdKdcClient::Forget,
                                this,
                                group,
                                bundle.sa.epoch));
    }
    m_bundles.Put(bundle, true);
    // The KDC multicasts the successor RekeyLeadTime before expiry; one that
    // has not arrived RekeyRecoveryMargin before expiry was lost.
    const Time expiry = AtNs(bundle.sa.activation) + Seconds(bundle.sa.lifetime);
    m_rekeyChecks[group].Cancel();
    m_rekeyChecks[group] = Simulator::Schedule(NotBeforeNow(expiry - m_recoveryMargin),
                                               &SmkdKdcClient::CheckRekeyArrived,
                                               this,
                                               group,
                                               bundle.sa.spi);
    return true;
}

void
SmkdKdcClient::Forget(Ipv4Address group, uint32_t epoch)
{
    NS_LOG_FUNCTION(this << group << epoch);
    m_bundles.ForgetBelow(group, epoch);
}

void
SmkdKdcClient::CheckRekeyArrived(Ipv4Address group, uint32_t spi)
{
    NS_LOG_FUNCTION(this << group << spi);
    const SmkdKeyBundle* newest = GetKeys(group);
    if (!newest || newest->sa.spi != spi || m_pending.count(group))
    {
        return;
    }
    NS_LOG_INFO(group << ": no successor to SPI 0x" << std::hex << spi << std::dec
                      << " yet; asking the KDC");
    Request(group, true);
}

void
SmkdKdcClient::ForgetGroup(Ipv4Address group)
{
    NS_LOG_FUNCTION(this << group);
    m_bundles.ForgetGroup(group);
    auto check = m_rekeyChecks.find(group);
    if (check != m_rekeyChecks.end())
    {
        check->second.Cancel();
        m_rekeyChecks.erase(check);
    }
}

} // namespace ns3
