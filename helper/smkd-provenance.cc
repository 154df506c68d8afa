/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-provenance.h"

#include "ns3/global-value.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#if __has_include("smkd-build-info.h")
#include "smkd-build-info.h"
#endif
#ifndef SMKD_GIT_COMMIT
#define SMKD_GIT_COMMIT "unknown"
#endif

namespace ns3
{

std::map<std::string, std::string>
SmkdChangedAttributeDefaults()
{
    std::map<std::string, std::string> changed;
    for (uint16_t i = 0; i < TypeId::GetRegisteredN(); ++i)
    {
        const TypeId tid = TypeId::GetRegistered(i);
        for (std::size_t a = 0; a < tid.GetAttributeN(); ++a)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(a);
            if (!info.checker || !info.initialValue || !info.originalInitialValue)
            {
                continue;
            }
            const std::string now = info.initialValue->SerializeToString(info.checker);
            if (now != info.originalInitialValue->SerializeToString(info.checker))
            {
                changed[tid.GetName() + "::" + info.name] = now;
            }
        }
    }
    return changed;
}

std::map<std::string, std::string>
SmkdGlobalValues()
{
    std::map<std::string, std::string> values;
    for (auto it = GlobalValue::Begin(); it != GlobalValue::End(); ++it)
    {
        StringValue v;
        (*it)->GetValue(v);
        values[(*it)->GetName()] = v.Get();
    }
    return values;
}

std::string
SmkdSha256OfFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return "";
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    {
        return "";
    }
    std::array<char, 1 << 16> buffer;
    while (in)
    {
        in.read(buffer.data(), buffer.size());
        if (in.gcount() > 0 &&
            EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount())) != 1)
        {
            return "";
        }
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest;
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1)
    {
        return "";
    }
    std::string hex;
    for (unsigned int i = 0; i < length; ++i)
    {
        char byte[3];
        std::snprintf(byte, sizeof(byte), "%02x", digest[i]);
        hex += byte;
    }
    return hex;
}

std::string
SmkdBuildCommit()
{
    return SMKD_GIT_COMMIT;
}

std::string
SmkdNs3Version()
{
    return "3." + std::to_string(SMKD_NS3_VERSION_MINOR);
}

std::string
SmkdOpensslVersion()
{
    return OpenSSL_version(OPENSSL_VERSION);
}

} // namespace ns3
