/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-central-kdc-client.h"

#include "igmp-host.h"
#include "smkd-acl-submission.h"
#include "smkd-crypto-engine.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdKdcClient");

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
                            "ns3::SmkdKdcClient::MalformedTracedCallback");
    return tid;
}

SmkdKdcClient::SmkdKdcClient() = default;

void
SmkdKdcClient::DoDispose()
{
    for (auto& [group, p] : m_pending)
    {
        p.timeout.Cancel();
    }
    m_pending.clear();
    if (m_socket)
    {
        m_socket->Close();
    }
    m_socket = nullptr;
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
    auto it = m_keys.find(group);
    return it == m_keys.end() ? nullptr : &it->second;
}

uint64_t
SmkdKdcClient::GetMalformedCount() const
{
    return m_malformed;
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
    m_keys.erase(group);
    m_left(group);
}

void
SmkdKdcClient::Join(Ipv4Address group)
{
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
    if (m_pending.count(group))
    {
        NS_LOG_LOGIC(group << ": a join is already under way");
        return;
    }
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetObject<Node>(), UdpSocketFactory::GetTypeId());
        m_socket->Bind();
        m_socket->SetRecvCallback(MakeCallback(&SmkdKdcClient::Receive, this));
    }
    m_joinStarted(group);
    // RFC 1949 App. A: [t_h, r_h, KDC]^SK_h, bound to the group as the
    // module's host tokens are.
    Pending p;
    p.started = Simulator::Now();
    p.token = SmkdToken::Make(self, group, m_kdc, engine->Random(8));
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
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        Bytes bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        SmkdKdcMessage answer;
        if (!SmkdKdcMessage::Parse(bytes, answer) ||
            answer.type == SmkdKdcMessage::Type::KEY_REQUEST)
        {
            ++m_malformed;
            m_malformedTrace("malformed answer");
            continue;
        }
        Answered(answer);
    }
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
            p->second.timeout.Cancel();
            m_pending.erase(p);
            if (grant.outcome == SmkdKdcGrant::Outcome::REFUSED)
            {
                m_refused(group, grant.reason);
                return;
            }
            m_keys[group] = bundle;
            NS_LOG_INFO(group << ": keys installed after " << latency.As(Time::US));
            m_keysInstalled(group, latency);
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

} // namespace ns3
