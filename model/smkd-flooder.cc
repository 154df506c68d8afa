/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-flooder.h"

#include "igmp-header.h"
#include "igmp-host.h"
#include "igmp-message.h"
#include "igmp-secure-report.h"
#include "link-local-sender.h"
#include "smkd-crypto-engine.h"
#include "smkd-token.h"

#include "ns3/double.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdFlooder");

NS_OBJECT_ENSURE_REGISTERED(SmkdFlooder);

TypeId
SmkdFlooder::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdFlooder")
                            .SetParent<SmkdAdversary>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdFlooder>()
                            .AddAttribute("Rate",
                                          "Secure-join reports per second.",
                                          DoubleValue(100),
                                          MakeDoubleAccessor(&SmkdFlooder::m_rate),
                                          MakeDoubleChecker<double>(0.001, 1e6));
    return tid;
}

uint64_t
SmkdFlooder::GetSent() const
{
    return m_sent;
}

void
SmkdFlooder::DoDispose()
{
    m_next.Cancel();
    SmkdAdversary::DoDispose();
}

void
SmkdFlooder::StartApplication()
{
    NS_LOG_FUNCTION(this);
    SmkdAdversary::StartApplication();
    m_next.Cancel();
    m_next = Simulator::ScheduleNow(&SmkdFlooder::SendNext, this);
}

void
SmkdFlooder::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_next.Cancel();
    SmkdAdversary::StopApplication();
}

void
SmkdFlooder::Heard(const Ipv4Header&, Ptr<Packet>, Ptr<NetDevice>)
{
    // It only sends.
}

void
SmkdFlooder::SendNext()
{
    m_next = Simulator::Schedule(Seconds(1.0 / m_rate), &SmkdFlooder::SendNext, this);
    Ptr<SmkdCryptoEngine> engine = GetNode()->GetObject<SmkdCryptoEngine>();
    if (!engine)
    {
        return;
    }
    // A fresh host token of its own for every report (App. A).
    SmkdToken token =
        SmkdToken::Make(OwnAddress(), m_group, Ipv4Address::GetAny(), engine->Random(8));
    engine->Sign(token.SignedBytes(), Callback<void, Bytes>([this, token](Bytes signature) mutable {
                     token.signature = std::move(signature);
                     IgmpGroupRecord record(IgmpRecordType::CHANGE_TO_EXCLUDE_MODE, m_group);
                     record.SetAuxData(smkd::EncodeSecureJoin(token.Serialize()));
                     IgmpV3ReportHeader report;
                     report.AddRecord(record);
                     smkd::SendLinkLocal(GetNode()->GetObject<Ipv4>(),
                                         1,
                                         IgmpMessage(report).ToPacket(Node::ChecksumEnabled()),
                                         IgmpHost::ALL_IGMPV3_ROUTERS,
                                         IgmpHeader::PROTOCOL_NUMBER);
                     ++m_sent;
                 }));
}

} // namespace ns3
