/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_DATA_KEY_H
#define SMKD_DATA_KEY_H

#include "smkd-crypto-types.h"

#include "ns3/ipv4-address.h"
#include "ns3/ptr.h"

namespace ns3
{

class SmkdCryptoSuite;

/**
 * \ingroup smkd
 * \brief The data key a sender without a sender-specific key uses under the
 * group's SA: SHA-256(grpKey | "smkd data" | sender address).
 *
 * The group SA has one SPI for every sender (RFC 1949 §5), and AES-GCM must
 * never see a nonce twice under one key; deriving one key per sender keeps
 * the nonce (SPI, sequence) unique whatever the senders do. Every member can
 * derive it, so it proves membership, not origin: that needs sender keys.
 * \param suite the run's crypto suite
 * \param groupKey grpKey of the SA
 * \param sender the sender's address
 * \return a 32-byte key
 */
Bytes SmkdGroupDataKey(Ptr<SmkdCryptoSuite> suite, const Bytes& groupKey, Ipv4Address sender);

} // namespace ns3

#endif /* SMKD_DATA_KEY_H */
