/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "igmp-secure-report.h"

#include "ns3/abort.h"

namespace ns3
{
namespace smkd
{

std::vector<uint8_t>
EncodeSecureJoin(const std::vector<uint8_t>& token)
{
    NS_ABORT_MSG_IF(token.size() > SECURE_JOIN_MAX_TOKEN,
                    "secure join token of " << token.size() << " bytes exceeds "
                                            << SECURE_JOIN_MAX_TOKEN);
    std::vector<uint8_t> aux = {SECURE_JOIN_MARKER[0],
                                SECURE_JOIN_MARKER[1],
                                static_cast<uint8_t>(token.size() >> 8),
                                static_cast<uint8_t>(token.size() & 0xff)};
    aux.insert(aux.end(), token.begin(), token.end());
    aux.resize((aux.size() + 3) / 4 * 4, 0);
    return aux;
}

bool
DecodeSecureJoin(const std::vector<uint8_t>& aux, std::vector<uint8_t>& token)
{
    if (aux.size() < 4 || aux[0] != SECURE_JOIN_MARKER[0] || aux[1] != SECURE_JOIN_MARKER[1])
    {
        return false;
    }
    const std::size_t length = (std::size_t(aux[2]) << 8) | aux[3];
    if (length > aux.size() - 4 || (length + 4 + 3) / 4 * 4 != aux.size())
    {
        return false; // the length must account for the data exactly, padding included
    }
    token.assign(aux.begin() + 4, aux.begin() + 4 + length);
    return true;
}

bool
ExpressesInterest(const IgmpGroupRecord& record)
{
    switch (record.GetType())
    {
    case IgmpRecordType::MODE_IS_EXCLUDE:
    case IgmpRecordType::CHANGE_TO_EXCLUDE_MODE:
        return true;
    case IgmpRecordType::MODE_IS_INCLUDE:
    case IgmpRecordType::CHANGE_TO_INCLUDE_MODE:
    case IgmpRecordType::ALLOW_NEW_SOURCES:
        return !record.GetSources().empty();
    case IgmpRecordType::BLOCK_OLD_SOURCES:
        return false;
    }
    return false;
}

} // namespace smkd
} // namespace ns3
