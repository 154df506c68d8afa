/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-rsa-key-pool.h"

#include "ns3/log.h"

#include <map>
#include <openssl/crypto.h>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdRsaKeyPool");

namespace
{

using PoolMap = std::map<std::pair<uint8_t, uint32_t>, Ptr<SmkdKeyPair>>;

PoolMap&
Pool()
{
    // OpenSSL frees its state from an atexit handler registered when it is
    // first initialised. Initialising it before the pool exists makes that
    // handler run after the pool's destructor, so no key is freed after
    // OpenSSL has shut down.
    static const bool initialised = OPENSSL_init_crypto(0, nullptr) == 1;
    static PoolMap pool;
    (void)initialised;
    return pool;
}

} // namespace

Ptr<SmkdKeyPair>
SmkdRsaKeyPool::Get(Purpose purpose, uint32_t slot)
{
    auto& pool = Pool();
    auto& key = pool[{static_cast<uint8_t>(purpose), slot}];
    if (!key)
    {
        NS_LOG_INFO("generating RSA-2048 key for " << (purpose == SIGNING ? "signing" : "sealing")
                                                   << " slot " << slot);
        key = SmkdKeyPair::GenerateRsa2048();
    }
    return key;
}

std::size_t
SmkdRsaKeyPool::GeneratedCount()
{
    return Pool().size();
}

} // namespace ns3
