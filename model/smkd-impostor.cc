/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-impostor.h"

#include "cbt-header.h"
#include "igmp-header.h"
#include "igmp-message.h"
#include "igmp-secure-report.h"
#include "link-local-sender.h"
#include "smkd-cbt-security.h"
#include "smkd-crypto-engine.h"
#include "smkd-token.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdImpostor");

NS_OBJECT_ENSURE_REGISTERED(SmkdImpostor);

TypeId
SmkdImpostor::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdImpostor")
            .SetParent<SmkdAdversary>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdImpostor>()
            .AddAttribute("ForgeDelay",
                          "How long after copying a token the forged join leaves: past the "
                          "routers' 30 s window for copies of a join, the token looks unused.",
                          TimeValue(Seconds(35)),
                          MakeTimeAccessor(&SmkdImpostor::m_delay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MaxForgeries",
                          "Forged joins at most, one per copied token.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&SmkdImpostor::m_maxForgeries),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

uint32_t
SmkdImpostor::GetForgedJoins() const
{
    return m_forged;
}

uint32_t
SmkdImpostor::GetAnswers() const
{
    return m_answers;
}

void
SmkdImpostor::DoDispose()
{
    for (EventId& e : m_pending)
    {
        e.Cancel();
    }
    m_pending.clear();
    SmkdAdversary::DoDispose();
}

void
SmkdImpostor::StopApplication()
{
    for (EventId& e : m_pending)
    {
        e.Cancel();
    }
    m_pending.clear();
    SmkdAdversary::StopApplication();
}

void
SmkdImpostor::Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device)
{
    if (ip.GetProtocol() == IgmpHeader::PROTOCOL_NUMBER)
    {
        HeardIgmp(ip, payload);
    }
    else if (ip.GetProtocol() == CbtHeader::PROTOCOL_NUMBER && ip.GetDestination() == OwnAddress())
    {
        HeardCbt(ip, payload);
    }
}

void
SmkdImpostor::HeardIgmp(const Ipv4Header& ip, Ptr<Packet> payload)
{
    IgmpMessage m;
    if (!IgmpMessage::Parse(payload, false, m).Ok())
    {
        return;
    }
    if (m.As<IgmpQueryHeader>())
    {
        m_router = ip.GetSource(); // the querier: a router of this LAN
        return;
    }
    const auto* report = m.As<IgmpV3ReportHeader>();
    if (!report || ip.GetSource() == OwnAddress() || m_forged + m_pending.size() >= m_maxForgeries)
    {
        return;
    }
    for (const IgmpGroupRecord& r : report->GetRecords())
    {
        Bytes token;
        if (r.GetGroup() == m_group && smkd::DecodeSecureJoin(r.GetAuxData(), token))
        {
            NS_LOG_INFO("copied " << ip.GetSource() << "'s host token for " << m_group);
            m_pending.push_back(Simulator::Schedule(m_delay, &SmkdImpostor::Forge, this, token));
            return;
        }
    }
}

void
SmkdImpostor::Forge(Bytes hostToken)
{
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    const Ipv4Address core = PrimaryCore();
    if (!engine || m_router == Ipv4Address::GetAny() || core == Ipv4Address::GetAny())
    {
        return;
    }
    // A router's token, made up: fresh, naming the router it goes to (§6.2).
    const SmkdToken token = SmkdToken::Make(OwnAddress(), m_group, m_router, engine->Random(8));
    CbtJoinRequestHeader join;
    join.SetGroup(m_group);
    join.SetTarget(core);
    join.SetOriginator(OwnAddress());
    join.GetOptions().Add(CbtOptionType::HOST_TOKEN, hostToken);
    join.GetOptions().Add(CbtOptionType::ROUTER_TOKEN, token.Serialize());
    const Ipv4Address router = m_router;
    ++m_forged;
    engine->Sign(smkd::SignedPortion(join),
                 Callback<void, Bytes>([this, join, router](Bytes signature) mutable {
                     join.GetOptions().Add(CbtOptionType::SIGNATURE, signature);
                     Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
                     smkd::SendLinkLocal(ipv4,
                                         1,
                                         CbtMessage(join).ToPacket(Node::ChecksumEnabled()),
                                         router,
                                         CbtHeader::PROTOCOL_NUMBER);
                     NS_LOG_INFO("forged a JOIN_REQUEST for " << m_group << " to " << router);
                 }));
}

void
SmkdImpostor::HeardCbt(const Ipv4Header& ip, Ptr<Packet> payload)
{
    CbtMessage message;
    if (!CbtMessage::Parse(payload, false, message).Ok())
    {
        return;
    }
    const auto* ack = message.As<CbtJoinAckHeader>();
    if (!ack || ack->GetGroup() != m_group)
    {
        return;
    }
    ++m_answers;
    SmkdGroupAccessPackage p;
    if (!SmkdGroupAccessPackage::Parse(smkd::OptionValue(*ack, CbtOptionType::GROUP_ACCESS_PACKAGE),
                                       p) ||
        p.sealedForNextHop.empty())
    {
        return; // a refusal, or no copy for the next hop
    }
    OpenAndTake(p.sealedForNextHop, "impostor: sealed for the next hop");
}

} // namespace ns3
