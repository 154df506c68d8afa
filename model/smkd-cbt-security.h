/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_SECURITY_H
#define SMKD_CBT_SECURITY_H

// The RFC 1949 §6.2 security fields of a CBT JOIN_REQUEST or JOIN_ACK, as
// carried in its options (RFC 2189 §7.3-7.4): what a signature covers and
// how the options are read. Shared by the routers that sign and check them
// and by the adversary models that forge them.

#include "cbt-message.h"
#include "smkd-crypto-types.h"

#include <cstdint>

namespace ns3
{
namespace smkd
{

/**
 * \param body a JOIN_REQUEST or JOIN_ACK
 * \return the bytes its SIGNATURE option covers: the whole message without
 * that option, checksum field zero
 */
template <class Body>
Bytes
SignedPortion(const Body& body)
{
    Body copy = body;
    CbtOptionList options;
    for (const CbtOption& o : body.GetOptions().Get())
    {
        if (o.type != static_cast<uint8_t>(CbtOptionType::SIGNATURE))
        {
            options.Add(o.type, o.value);
        }
    }
    copy.GetOptions() = options;
    return CbtMessage(copy).ToBytes(false);
}

/**
 * \param body a message
 * \return bytes of its RFC 1949 options (tokens, package, signature, nack)
 */
template <class Body>
uint32_t
SecurityOptionBytes(const Body& body)
{
    uint32_t bytes = 0;
    for (const CbtOption& o : body.GetOptions().Get())
    {
        if (o.type >= static_cast<uint8_t>(CbtOptionType::HOST_TOKEN))
        {
            bytes += o.GetSerializedSize();
        }
    }
    return bytes;
}

/**
 * \param body a message
 * \param type an option type
 * \return the option's value, or nothing when the message lacks it
 */
template <class Body>
Bytes
OptionValue(const Body& body, CbtOptionType type)
{
    const CbtOption* o = body.GetOptions().Find(type);
    return o ? o->value : Bytes{};
}

} // namespace smkd
} // namespace ns3

#endif /* SMKD_CBT_SECURITY_H */
