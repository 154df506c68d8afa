/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-drbg.h"

#include <algorithm>
#include <openssl/evp.h>

namespace ns3
{

namespace
{

void
PutBe64(uint8_t* out, uint64_t v)
{
    for (int i = 7; i >= 0; --i)
    {
        out[i] = static_cast<uint8_t>(v);
        v >>= 8;
    }
}

/// One HMAC-SHA256 on the suite's reusable context: re-keying each call lets
/// many streams share that context without keeping one per stream.
void
Hmac(smkd::OpenSslContext& ctx,
     const uint8_t* key,
     std::size_t keySize,
     const uint8_t* msg,
     std::size_t msgSize,
     uint8_t* out32)
{
    EVP_MAC_CTX* c = ctx.HmacContext();
    std::size_t len = 0;
    if (EVP_MAC_init(c, key, keySize, nullptr) != 1 || EVP_MAC_update(c, msg, msgSize) != 1 ||
        EVP_MAC_final(c, out32, &len, 32) != 1 || len != 32)
    {
        smkd::OpenSslFatal("HMAC-SHA256 in the DRBG");
    }
}

} // namespace

SmkdDrbg::SmkdDrbg(uint64_t runSeed,
                   uint64_t identity,
                   const std::string& label,
                   Ptr<smkd::OpenSslContext> ctx)
    : m_ctx(ctx ? ctx : Create<smkd::OpenSslContext>())
{
    uint8_t seed[8];
    PutBe64(seed, runSeed);
    static const char kTag[] = "smkd-drbg-v1";
    Bytes info(kTag, kTag + sizeof(kTag) - 1);
    info.resize(info.size() + 8 + 4);
    PutBe64(&info[info.size() - 12], identity);
    const uint32_t labelSize = static_cast<uint32_t>(label.size());
    for (int i = 0; i < 4; ++i)
    {
        info[info.size() - 4 + i] = static_cast<uint8_t>(labelSize >> (24 - 8 * i));
    }
    info.insert(info.end(), label.begin(), label.end());
    Hmac(*m_ctx, seed, sizeof(seed), info.data(), info.size(), m_key);
}

void
SmkdDrbg::NextBlock()
{
    uint8_t counter[8];
    PutBe64(counter, m_counter++);
    Hmac(*m_ctx, m_key, sizeof(m_key), counter, sizeof(counter), m_block);
    m_used = 0;
}

void
SmkdDrbg::Generate(uint8_t* out, std::size_t n)
{
    while (n > 0)
    {
        if (m_used == sizeof(m_block))
        {
            NextBlock();
        }
        const std::size_t take = std::min(n, sizeof(m_block) - m_used);
        std::copy(m_block + m_used, m_block + m_used + take, out);
        m_used += take;
        out += take;
        n -= take;
    }
}

Bytes
SmkdDrbg::Generate(std::size_t n)
{
    Bytes out(n);
    Generate(out.data(), n);
    return out;
}

} // namespace ns3
