/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-group-initiator.h"

#include "smkd-crypto-engine.h"
#include "smkd-error.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdGroupInitiator");

NS_OBJECT_ENSURE_REGISTERED(SmkdGroupInitiator);

namespace
{

Ipv4Address
PrimaryAddress(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (uint32_t i = 0; ipv4 && i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t k = 0; k < ipv4->GetNAddresses(i); ++k)
        {
            if (!ipv4->GetAddress(i, k).GetLocal().IsLocalhost())
            {
                return ipv4->GetAddress(i, k).GetLocal();
            }
        }
    }
    SMKD_REQUIRE(false, "node " << node->GetId() << " has no IPv4 address");
    return Ipv4Address();
}

} // namespace

TypeId
SmkdGroupInitiator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdGroupInitiator")
            .SetParent<Application>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdGroupInitiator>()
            .AddAttribute("Group",
                          "The group whose access list this application submits.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&SmkdGroupInitiator::m_group),
                          MakeIpv4AddressChecker())
            .AddAttribute("PrimaryCore",
                          "The group's primary core.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&SmkdGroupInitiator::m_core),
                          MakeIpv4AddressChecker())
            .AddAttribute("RetransmissionInterval",
                          "Time to wait for the core's answer before sending again.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&SmkdGroupInitiator::m_interval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("EncryptForCore",
                          "Seal the signed lists with the primary core's public key, for "
                          "groups whose membership is itself sensitive (RFC 1949 §6.1).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&SmkdGroupInitiator::m_encrypt),
                          MakeBooleanChecker())
            .AddAttribute("MaxTransmissions",
                          "Submissions before giving up.",
                          UintegerValue(5),
                          MakeUintegerAccessor(&SmkdGroupInitiator::m_maxTransmissions),
                          MakeUintegerChecker<uint32_t>(1))
            .AddTraceSource("Accepted",
                            "The primary core accepted the list: group, time since the first "
                            "submission.",
                            MakeTraceSourceAccessor(&SmkdGroupInitiator::m_acceptedTrace),
                            "ns3::SmkdGroupInitiator::AcceptedTracedCallback")
            .AddTraceSource("Rejected",
                            "The core refused the list, or never answered: group, reason.",
                            MakeTraceSourceAccessor(&SmkdGroupInitiator::m_rejectedTrace),
                            "ns3::SmkdGroupInitiator::RejectedTracedCallback");
    return tid;
}

SmkdGroupInitiator::SmkdGroupInitiator() = default;

void
SmkdGroupInitiator::SetAccessList(const SmkdAccessList& acl)
{
    m_acl = acl;
}

void
SmkdGroupInitiator::SetTrustedRouters(const SmkdAccessList& trusted)
{
    m_trusted = trusted;
}

bool
SmkdGroupInitiator::IsAccepted() const
{
    return m_accepted;
}

void
SmkdGroupInitiator::StartApplication()
{
    SMKD_REQUIRE(m_group.IsMulticast() && !m_group.IsLocalMulticast(),
                 "SmkdGroupInitiator: Group " << m_group << " is not a routable multicast group");
    SMKD_REQUIRE(!(m_core == Ipv4Address::GetAny()), "SmkdGroupInitiator: no PrimaryCore set");
    NS_ABORT_MSG_UNLESS(m_acl, "SmkdGroupInitiator: no access list set");
    NS_ABORT_MSG_UNLESS(m_acl->GetGroup() == m_group,
                        "SmkdGroupInitiator: the access list is for " << m_acl->GetGroup()
                                                                      << ", not " << m_group);
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    NS_ABORT_MSG_UNLESS(engine,
                        "SmkdGroupInitiator: node " << GetNode()->GetId()
                                                    << " has no SmkdCryptoEngine");
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetRecvCallback(MakeCallback(&SmkdGroupInitiator::Receive, this));
    m_started = Simulator::Now();

    // RFC 1949 §6.1: the lists are digitally signed "documents".
    const Ipv4Address self = PrimaryAddress(GetNode());
    m_signedAcl = SmkdSignedBlob{self, m_acl->Serialize(), {}};
    m_pendingSignatures = 1;
    if (m_trusted)
    {
        m_signedTrusted = SmkdSignedBlob{self, m_trusted->Serialize(), {}};
        ++m_pendingSignatures;
        engine->Sign(m_signedTrusted.SignedBytes(),
                     Callback<void, Bytes>([this](Bytes s) { SignedList(std::move(s), true); }));
    }
    engine->Sign(m_signedAcl.SignedBytes(),
                 Callback<void, Bytes>([this](Bytes s) { SignedList(std::move(s), false); }));
}

void
SmkdGroupInitiator::SignedList(Bytes signature, bool trusted)
{
    (trusted ? m_signedTrusted : m_signedAcl).signature = std::move(signature);
    if (--m_pendingSignatures == 0)
    {
        if (m_encrypt)
        {
            SealLists();
        }
        else
        {
            Transmit();
        }
    }
}

void
SmkdGroupInitiator::SealLists()
{
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    engine->Seal(m_core,
                 m_signedAcl.Serialize(),
                 Callback<void, Bytes>([this, engine](Bytes sealed) {
                     m_sealedAcl = std::move(sealed);
                     if (!m_trusted)
                     {
                         Transmit();
                         return;
                     }
                     engine->Seal(m_core,
                                  m_signedTrusted.Serialize(),
                                  Callback<void, Bytes>([this](Bytes t) {
                                      m_sealedTrusted = std::move(t);
                                      Transmit();
                                  }));
                 }));
}

void
SmkdGroupInitiator::Transmit()
{
    if (m_done || !m_socket)
    {
        return;
    }
    if (m_transmissions == m_maxTransmissions)
    {
        m_done = true;
        m_rejectedTrace(m_group, "no answer from the primary core");
        return;
    }
    SmkdManagementMessage m;
    m.type = m_encrypt ? SmkdManagementMessage::Type::ACL_SUBMIT_SEALED
                       : SmkdManagementMessage::Type::ACL_SUBMIT;
    m.group = m_group;
    m.sequence = ++m_sequence;
    m.body = m_encrypt ? m_sealedAcl : m_signedAcl.Serialize();
    if (m_trusted)
    {
        m.extra = m_encrypt ? m_sealedTrusted : m_signedTrusted.Serialize();
    }
    const Bytes bytes = m.Serialize();
    m_socket->SendTo(Create<Packet>(bytes.data(), bytes.size()),
                     0,
                     InetSocketAddress(m_core, SmkdManagementMessage::PORT));
    ++m_transmissions;
    m_retransmit = Simulator::Schedule(m_interval, &SmkdGroupInitiator::Transmit, this);
}

void
SmkdGroupInitiator::Receive(Ptr<Socket> socket)
{
    Ptr<Packet> p;
    while ((p = socket->Recv()))
    {
        Bytes bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        SmkdManagementMessage m;
        if (m_done || !SmkdManagementMessage::Parse(bytes, m) || m.group != m_group)
        {
            continue;
        }
        if (m.type == SmkdManagementMessage::Type::ACL_ACCEPTED)
        {
            m_done = true;
            m_accepted = true;
            m_retransmit.Cancel();
            m_acceptedTrace(m_group, Simulator::Now() - m_started);
        }
        else if (m.type == SmkdManagementMessage::Type::ACL_REJECTED)
        {
            m_done = true;
            m_retransmit.Cancel();
            m_rejectedTrace(m_group, std::string(m.body.begin(), m.body.end()));
        }
    }
}

void
SmkdGroupInitiator::StopApplication()
{
    m_retransmit.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
SmkdGroupInitiator::DoDispose()
{
    m_retransmit.Cancel();
    m_socket = nullptr;
    Application::DoDispose();
}

} // namespace ns3
