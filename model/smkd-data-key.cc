/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-data-key.h"

#include "smkd-crypto-suite.h"

namespace ns3
{

Bytes
SmkdGroupDataKey(Ptr<SmkdCryptoSuite> suite, const Bytes& groupKey, Ipv4Address sender)
{
    static const char label[] = "smkd data";
    Bytes input(groupKey);
    input.insert(input.end(), label, label + sizeof label - 1);
    uint8_t address[4];
    sender.Serialize(address);
    input.insert(input.end(), address, address + 4);
    return suite->Hash(input);
}

} // namespace ns3
