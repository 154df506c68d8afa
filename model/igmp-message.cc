/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-message.h"

#include "internet-checksum.h"

#include "ns3/buffer.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

/// Select the variant alternative for a type octet; false for types §4 ignores.
bool
EmplaceBody(IgmpBody& body, uint8_t type)
{
    switch (static_cast<IgmpType>(type))
    {
    case IgmpType::MEMBERSHIP_QUERY:
        body.emplace<IgmpQueryHeader>();
        return true;
    case IgmpType::V1_MEMBERSHIP_REPORT:
        body.emplace<IgmpV1ReportHeader>();
        return true;
    case IgmpType::V2_MEMBERSHIP_REPORT:
        body.emplace<IgmpV2ReportHeader>();
        return true;
    case IgmpType::V2_LEAVE_GROUP:
        body.emplace<IgmpV2LeaveHeader>();
        return true;
    case IgmpType::V3_MEMBERSHIP_REPORT:
        body.emplace<IgmpV3ReportHeader>();
        return true;
    }
    return false;
}

} // namespace

IgmpMessage::IgmpMessage(IgmpBody body)
    : m_body(std::move(body))
{
}

IgmpType
IgmpMessage::GetType() const
{
    return std::visit([](const auto& b) { return b.GetMessageType(); }, m_body);
}

const IgmpBody&
IgmpMessage::GetBody() const
{
    return m_body;
}

IgmpBody&
IgmpMessage::GetBody()
{
    return m_body;
}

uint16_t
IgmpMessage::GetReceivedChecksum() const
{
    return m_receivedChecksum;
}

const std::vector<smkd::WireStatus>&
IgmpMessage::GetIgnored() const
{
    return m_ignored;
}

uint32_t
IgmpMessage::GetSerializedSize() const
{
    return std::visit([](const auto& b) { return b.GetSerializedSize(); }, m_body);
}

Ptr<Packet>
IgmpMessage::ToPacket(bool withChecksum) const
{
    Ptr<Packet> p = Create<Packet>();
    std::visit(
        [&p, withChecksum](auto b) {
            if (withChecksum)
            {
                b.EnableChecksum();
            }
            p->AddHeader(b);
        },
        m_body);
    return p;
}

std::vector<uint8_t>
IgmpMessage::ToBytes(bool withChecksum) const
{
    Ptr<Packet> p = ToPacket(withChecksum);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
    return bytes;
}

smkd::WireStatus
IgmpMessage::Parse(const uint8_t* data, std::size_t size, bool verifyChecksum, IgmpMessage& out)
{
    using smkd::WireError;
    using smkd::WireStatus;
    if (size > 0xffff)
    {
        return WireStatus::Fail(WireError::BAD_FIELD,
                                std::to_string(size) + " bytes is longer than any IP payload");
    }
    if (size < IgmpHeader::MIN_SIZE)
    {
        // RFC 2236 §3, RFC 1112 App. I: a valid message is at least 8 octets.
        return WireStatus::Fail(WireError::TRUNCATED,
                                "IGMP message of " + std::to_string(size) +
                                    " bytes, at least 8 needed");
    }
    const uint16_t sum = smkd::InternetChecksum(data, size);
    if (verifyChecksum && sum != 0)
    {
        std::ostringstream why;
        why << "checksum field 0x" << std::hex << std::setw(4) << std::setfill('0')
            << ((data[2] << 8) | data[3]) << " does not verify";
        return WireStatus::Fail(WireError::BAD_CHECKSUM, why.str());
    }
    if (!EmplaceBody(out.m_body, data[0]))
    {
        // RFC 3376 §4: "Unrecognized message types MUST be silently ignored."
        std::ostringstream why;
        why << "type 0x" << std::hex << std::setw(2) << std::setfill('0') << unsigned(data[0]);
        return WireStatus::Fail(WireError::UNKNOWN_TYPE, why.str());
    }

    Buffer buffer;
    buffer.AddAtStart(static_cast<uint32_t>(size));
    buffer.Begin().Write(data, static_cast<uint32_t>(size));
    WireStatus status = std::visit(
        [&buffer](auto& b) {
            b.Deserialize(buffer.Begin());
            return b.GetParseStatus();
        },
        out.m_body);
    if (!status.Ok())
    {
        status.detail = std::string(IgmpTypeName(out.GetType())) + ": " + status.detail;
        return status;
    }
    out.m_receivedChecksum = static_cast<uint16_t>((data[2] << 8) | data[3]);
    out.m_ignored = std::visit([](const auto& b) { return b.GetIgnored(); }, out.m_body);
    return WireStatus{};
}

smkd::WireStatus
IgmpMessage::Parse(Ptr<const Packet> packet, bool verifyChecksum, IgmpMessage& out)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), static_cast<uint32_t>(bytes.size()));
    static const uint8_t none = 0;
    return Parse(bytes.empty() ? &none : bytes.data(), bytes.size(), verifyChecksum, out);
}

void
IgmpMessage::Print(std::ostream& os) const
{
    std::visit([&os](const auto& b) { b.Print(os); }, m_body);
}

std::ostream&
operator<<(std::ostream& os, const IgmpMessage& m)
{
    m.Print(os);
    return os;
}

} // namespace ns3
