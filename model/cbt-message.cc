/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-message.h"

#include "ns3/abort.h"
#include "ns3/buffer.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/// Select the variant alternative that belongs to a message type.
void
EmplaceBody(CbtBody& body, CbtMessageType type)
{
    switch (type)
    {
    case CbtMessageType::HELLO:
        body.emplace<CbtHelloHeader>();
        return;
    case CbtMessageType::JOIN_REQUEST:
        body.emplace<CbtJoinRequestHeader>();
        return;
    case CbtMessageType::JOIN_ACK:
        body.emplace<CbtJoinAckHeader>();
        return;
    case CbtMessageType::QUIT_NOTIFICATION:
        body.emplace<CbtQuitNotificationHeader>();
        return;
    case CbtMessageType::ECHO_REQUEST:
        body.emplace<CbtEchoRequestHeader>();
        return;
    case CbtMessageType::ECHO_REPLY:
        body.emplace<CbtEchoReplyHeader>();
        return;
    case CbtMessageType::FLUSH_TREE:
        body.emplace<CbtFlushTreeHeader>();
        return;
    case CbtMessageType::BOOTSTRAP:
    case CbtMessageType::CANDIDATE_CORE_ADVERTISEMENT:
        break;
    }
    NS_ABORT_MSG("CbtHeader accepted a type without a body class: " << type);
}

} // namespace

CbtMessage::CbtMessage(CbtBody body)
    : m_body(std::move(body))
{
}

CbtMessageType
CbtMessage::GetType() const
{
    return std::visit([](const auto& b) { return b.GetMessageType(); }, m_body);
}

const CbtBody&
CbtMessage::GetBody() const
{
    return m_body;
}

CbtBody&
CbtMessage::GetBody()
{
    return m_body;
}

uint16_t
CbtMessage::GetReceivedChecksum() const
{
    return m_receivedChecksum;
}

uint32_t
CbtMessage::GetSerializedSize() const
{
    return CbtHeader::SIZE +
           std::visit([](const auto& b) { return b.GetSerializedSize(); }, m_body);
}

Ptr<Packet>
CbtMessage::ToPacket(bool withChecksum) const
{
    Ptr<Packet> p = Create<Packet>();
    std::visit([&p](const auto& b) { p->AddHeader(b); }, m_body);
    CbtHeader common;
    common.SetType(GetType());
    if (withChecksum)
    {
        common.EnableChecksum();
    }
    p->AddHeader(common);
    return p;
}

std::vector<uint8_t>
CbtMessage::ToBytes(bool withChecksum) const
{
    Ptr<Packet> p = ToPacket(withChecksum);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
    return bytes;
}

smkd::WireStatus
CbtMessage::Parse(const uint8_t* data, std::size_t size, bool verifyChecksum, CbtMessage& out)
{
    using smkd::WireError;
    using smkd::WireStatus;
    if (size > 0xffff)
    {
        return WireStatus::Fail(WireError::BAD_FIELD,
                                std::to_string(size) + " bytes is longer than any IP payload");
    }
    Buffer buffer;
    buffer.AddAtStart(static_cast<uint32_t>(size));
    if (size > 0)
    {
        buffer.Begin().Write(data, static_cast<uint32_t>(size));
    }

    CbtHeader common;
    common.Deserialize(buffer.Begin());
    const WireStatus& headerStatus = common.GetParseStatus();
    if (headerStatus.error == WireError::TRUNCATED)
    {
        return headerStatus;
    }
    if (verifyChecksum && !common.IsChecksumOk())
    {
        std::ostringstream why;
        why << "checksum field 0x" << std::hex << std::setw(4) << std::setfill('0')
            << common.GetChecksum() << " does not verify";
        return WireStatus::Fail(WireError::BAD_CHECKSUM, why.str());
    }
    if (!headerStatus.Ok())
    {
        return headerStatus;
    }

    Buffer::Iterator bodyStart = buffer.Begin();
    bodyStart.Next(CbtHeader::SIZE);
    EmplaceBody(out.m_body, common.GetType());
    WireStatus bodyStatus = std::visit(
        [&bodyStart](auto& b) {
            b.Deserialize(bodyStart);
            return b.GetParseStatus();
        },
        out.m_body);
    if (!bodyStatus.Ok())
    {
        bodyStatus.detail =
            std::string(CbtMessageTypeName(common.GetType())) + ": " + bodyStatus.detail;
        return bodyStatus;
    }
    out.m_receivedChecksum = common.GetChecksum();
    return WireStatus{};
}

smkd::WireStatus
CbtMessage::Parse(Ptr<const Packet> packet, bool verifyChecksum, CbtMessage& out)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
    return Parse(bytes.data(), bytes.size(), verifyChecksum, out);
}

void
CbtMessage::Print(std::ostream& os) const
{
    std::visit([&os](const auto& b) { b.Print(os); }, m_body);
}

std::ostream&
operator<<(std::ostream& os, const CbtMessage& m)
{
    m.Print(os);
    return os;
}

} // namespace ns3
