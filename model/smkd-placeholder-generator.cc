/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-placeholder-generator.h"

namespace ns3
{

namespace
{

/// SplitMix64's output function: a bijective 64-bit mixer.
uint64_t
Mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

constexpr uint64_t GOLDEN = 0x9e3779b97f4a7c15ULL;

/// FNV-1a, to fold a label or a message into 64 bits.
uint64_t
Fnv1a(const uint8_t* p, std::size_t n, uint64_t h = 0xcbf29ce484222325ULL)
{
    for (std::size_t i = 0; i < n; ++i)
    {
        h = (h ^ p[i]) * 0x100000001b3ULL;
    }
    return h;
}

} // namespace

SmkdPlaceholderGenerator::SmkdPlaceholderGenerator(uint64_t runSeed,
                                                   uint64_t identity,
                                                   const std::string& label)
{
    const auto* l = reinterpret_cast<const uint8_t*>(label.data());
    m_state = Mix(Mix(runSeed + GOLDEN) ^ identity) ^ Fnv1a(l, label.size());
}

uint64_t
SmkdPlaceholderGenerator::Next()
{
    m_state += GOLDEN;
    return Mix(m_state);
}

void
SmkdPlaceholderGenerator::Generate(uint8_t* out, std::size_t n)
{
    while (n > 0)
    {
        uint64_t v = Next();
        for (int i = 0; i < 8 && n > 0; ++i, --n)
        {
            *out++ = static_cast<uint8_t>(v);
            v >>= 8;
        }
    }
}

Bytes
SmkdPlaceholderGenerator::Generate(std::size_t n)
{
    Bytes out(n);
    Generate(out.data(), n);
    return out;
}

Bytes
SmkdPlaceholderGenerator::Digest(const Bytes& data)
{
    const uint64_t h = Fnv1a(data.data(), data.size()) ^ Mix(data.size());
    SmkdPlaceholderGenerator g(h, data.size(), "digest");
    return g.Generate(32);
}

} // namespace ns3
