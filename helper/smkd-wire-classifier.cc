/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-wire-classifier.h"

#include "ns3/cbt-header.h"
#include "ns3/cbt-packet-handle-header.h"
#include "ns3/igmp-header.h"
#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-kdc-message.h"
#include "ns3/smkd-key-delivery.h"
#include "ns3/smkd-management-message.h"

#include <array>
#include <string>

namespace ns3
{

namespace
{

constexpr uint8_t IGMP = 2;
constexpr uint8_t IP_IN_IP = 4;
constexpr uint8_t UDP = 17;
constexpr uint16_t PPP_IPV4 = 0x0021;
constexpr uint16_t ETHERTYPE_IPV4 = 0x0800;
constexpr uint16_t ETHERTYPE_ARP = 0x0806;
constexpr uint32_t PPP_HEADER = 2;
constexpr uint32_t ETHERNET_HEADER = 14;
constexpr uint32_t ETHERNET_FCS = 4;
/// Enough for any link header, an IP header with options, a shim, a UDP
/// header and a message type.
constexpr std::size_t LOOK = 14 + 60 + 8 + 8 + 1;

const char*
ManagementName(uint8_t t)
{
    switch (static_cast<SmkdManagementMessage::Type>(t))
    {
    case SmkdManagementMessage::Type::ACL_SUBMIT:
    case SmkdManagementMessage::Type::ACL_SUBMIT_SEALED:
        return "acl-submission";
    case SmkdManagementMessage::Type::ACL_ACCEPTED:
    case SmkdManagementMessage::Type::ACL_REJECTED:
        return "acl-answer";
    case SmkdManagementMessage::Type::SENDER_REQUEST:
        return "sender-key-request";
    case SmkdManagementMessage::Type::SENDER_ACCEPTED:
    case SmkdManagementMessage::Type::SENDER_REJECTED:
        return "sender-key-answer";
    case SmkdManagementMessage::Type::MEMBER_JOINED:
        return "lkh-member-joined";
    }
    return "management-unknown";
}

const char*
DeliveryName(uint8_t t)
{
    switch (static_cast<SmkdKeyDelivery::Type>(t))
    {
    case SmkdKeyDelivery::Type::KEYS:
        return "key-delivery";
    case SmkdKeyDelivery::Type::REFUSED:
        return "join-refusal";
    case SmkdKeyDelivery::Type::REAUTH:
        return "reauth-request";
    case SmkdKeyDelivery::Type::REKEY:
        return "exclusion-rekey-host";
    case SmkdKeyDelivery::Type::LKH_PATH:
        return "lkh-path-keys";
    }
    return "delivery-unknown";
}

const char*
GroupKeyName(uint8_t t)
{
    switch (static_cast<SmkdGroupKeyMessage::Type>(t))
    {
    case SmkdGroupKeyMessage::Type::REKEY:
        return "rekey";
    case SmkdGroupKeyMessage::Type::SENDER_KEY:
        return "sender-key";
    case SmkdGroupKeyMessage::Type::REVOKE:
        return "revocation";
    case SmkdGroupKeyMessage::Type::SUBTREE_REKEY:
        return "exclusion-rekey-router";
    case SmkdGroupKeyMessage::Type::LKH_REKEY:
        return "lkh-rekey";
    }
    return "group-key-unknown";
}

const char*
KdcName(uint8_t t)
{
    switch (static_cast<SmkdKdcMessage::Type>(t))
    {
    case SmkdKdcMessage::Type::KEY_REQUEST:
        return "kdc-key-request";
    case SmkdKdcMessage::Type::KEYS:
        return "kdc-keys";
    case SmkdKdcMessage::Type::REFUSED:
        return "kdc-refusal";
    case SmkdKdcMessage::Type::REKEY:
        return "kdc-unicast-rekey";
    }
    return "kdc-unknown";
}

/// \return the name of the key layer's message on \p port, or nullptr
const char*
KeyLayerName(uint16_t port, uint8_t type)
{
    switch (port)
    {
    case SmkdManagementMessage::PORT:
        return ManagementName(type);
    case SmkdKeyDelivery::PORT:
        return DeliveryName(type);
    case SmkdKdcMessage::PORT:
        return KdcName(type);
    case SmkdGroupKeyMessage::PORT:
        return GroupKeyName(type);
    default:
        return nullptr;
    }
}

/// "protocol-N" for every N, made once.
const char*
ProtocolName(uint8_t protocol)
{
    static const std::array<std::string, 256> names = []() {
        std::array<std::string, 256> a;
        for (std::size_t i = 0; i < a.size(); ++i)
        {
            a[i] = "protocol-" + std::to_string(i);
        }
        return a;
    }();
    return names[protocol].c_str();
}

uint16_t
U16(const uint8_t* p)
{
    return static_cast<uint16_t>(p[0] << 8 | p[1]);
}

} // namespace

bool
SmkdClassifyFrame(Ptr<const Packet> frame, SmkdLinkFraming framing, SmkdWireMessage& out)
{
    out = SmkdWireMessage{"link", "non-ip", 0, frame->GetSize()};
    std::array<uint8_t, LOOK> b{};
    const std::size_t n = frame->CopyData(b.data(), b.size());
    std::size_t at = 0;
    uint32_t trailer = 0;
    if (framing == SmkdLinkFraming::PPP)
    {
        if (n < PPP_HEADER || U16(b.data()) != PPP_IPV4)
        {
            return false;
        }
        at = PPP_HEADER;
    }
    else
    {
        if (n >= ETHERNET_HEADER && U16(b.data() + 12) == ETHERTYPE_ARP)
        {
            out.type = "arp";
            return false;
        }
        if (n < ETHERNET_HEADER || U16(b.data() + 12) != ETHERTYPE_IPV4)
        {
            return false;
        }
        at = ETHERNET_HEADER;
        trailer = ETHERNET_FCS;
    }
    if (n < at + 20 || (b[at] >> 4) != 4)
    {
        return false;
    }
    const std::size_t ihl = (b[at] & 0x0f) * 4u;
    if (ihl < 20 || n < at + ihl)
    {
        return false;
    }
    out.ipBytes = frame->GetSize() - static_cast<uint32_t>(at) - trailer;
    uint8_t protocol = b[at + 9];
    std::size_t payload = at + ihl;
    if (protocol == CbtPacketHandleHeader::PROTOCOL_NUMBER)
    {
        // The handle shim names the protocol it carries (RFC 1949 §3).
        if (n < payload + CbtPacketHandleHeader::SIZE)
        {
            out.protocol = "ip";
            out.type = "truncated-shim";
            return true;
        }
        protocol = b[payload + 4];
        payload += CbtPacketHandleHeader::SIZE;
    }
    if (protocol == CbtHeader::PROTOCOL_NUMBER)
    {
        out.protocol = "cbt";
        out.type = n > payload ? CbtMessageTypeName(static_cast<CbtMessageType>(b[payload] & 0x0f))
                               : "truncated";
        return true;
    }
    if (protocol == IGMP)
    {
        out.protocol = "igmp";
        out.type = n > payload ? IgmpTypeName(static_cast<IgmpType>(b[payload])) : "truncated";
        return true;
    }
    if (protocol == IP_IN_IP)
    {
        out.protocol = "data";
        out.type = "cbt-encapsulated";
        return true;
    }
    if (protocol == UDP && n >= payload + 8)
    {
        const uint16_t source = U16(b.data() + payload);
        const uint16_t destination = U16(b.data() + payload + 2);
        const uint8_t type = n > payload + 8 ? b[payload + 8] : 0;
        const char* name = KeyLayerName(destination, type);
        if (!name)
        {
            name = KeyLayerName(source, type);
        }
        out.protocol = name ? "smkd" : "data";
        out.type = name ? name : "udp";
        return true;
    }
    out.protocol = "ip";
    out.type = ProtocolName(protocol);
    return true;
}

} // namespace ns3
