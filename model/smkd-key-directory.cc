/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-key-directory.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/ipv4.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SmkdKeyDirectory);

const char*
SmkdRoleName(SmkdRole role)
{
    switch (role)
    {
    case SmkdRole::HOST:
        return "host";
    case SmkdRole::ROUTER:
        return "router";
    case SmkdRole::KDC:
        return "KDC";
    }
    return "unknown";
}

TypeId
SmkdKeyDirectory::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdKeyDirectory")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdKeyDirectory>()
            .AddAttribute("LookupDelay",
                          "Time one public-key look-up takes.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&SmkdKeyDirectory::m_lookupDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SignatureAlgorithm",
                          "Signature algorithm of the run.",
                          EnumValue(static_cast<int>(SmkdSignatureAlgorithm::ED25519)),
                          MakeEnumAccessor(&SmkdKeyDirectory::m_signatureAlgorithm),
                          MakeEnumChecker(static_cast<int>(SmkdSignatureAlgorithm::ED25519),
                                          "Ed25519",
                                          static_cast<int>(SmkdSignatureAlgorithm::ECDSA_P256),
                                          "EcdsaP256",
                                          static_cast<int>(SmkdSignatureAlgorithm::RSA_PSS_2048),
                                          "RsaPss2048"))
            .AddAttribute(
                "SealAlgorithm",
                "Public-key encryption of the run.",
                EnumValue(static_cast<int>(SmkdSealAlgorithm::X25519_HKDF_AES256GCM)),
                MakeEnumAccessor(&SmkdKeyDirectory::m_sealAlgorithm),
                MakeEnumChecker(static_cast<int>(SmkdSealAlgorithm::X25519_HKDF_AES256GCM),
                                "X25519",
                                static_cast<int>(SmkdSealAlgorithm::RSA_OAEP_2048),
                                "RsaOaep2048"))
            .AddAttribute("CryptoMode",
                          "Real OpenSSL cryptography, or Modeled (sizes and CPU "
                          "costs only; no security property holds).",
                          EnumValue(static_cast<int>(SmkdCryptoMode::REAL)),
                          MakeEnumAccessor(&SmkdKeyDirectory::m_cryptoMode),
                          MakeEnumChecker(static_cast<int>(SmkdCryptoMode::REAL),
                                          "Real",
                                          static_cast<int>(SmkdCryptoMode::MODELED),
                                          "Modeled"));
    return tid;
}

void
SmkdKeyDirectory::SetSuite(Ptr<SmkdCryptoSuite> suite)
{
    m_suite = suite;
}

Ptr<SmkdCryptoSuite>
SmkdKeyDirectory::GetSuite() const
{
    return m_suite;
}

void
SmkdKeyDirectory::Register(Ptr<Node> node, SmkdRole role)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4, "key directory: node " << node->GetId() << " has no IPv4 stack");
    bool any = false;
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t k = 0; k < ipv4->GetNAddresses(i); ++k)
        {
            const Ipv4Address a = ipv4->GetAddress(i, k).GetLocal();
            if (!a.IsLocalhost())
            {
                m_identities[a] = node->GetId();
                any = true;
            }
        }
    }
    NS_ABORT_MSG_UNLESS(any, "key directory: node " << node->GetId() << " has no address yet");
    m_roles[node->GetId()] |= static_cast<uint8_t>(role);
}

bool
SmkdKeyDirectory::Certifies(Ipv4Address address, SmkdRole role) const
{
    uint64_t identity;
    if (!Lookup(address, identity))
    {
        return false;
    }
    auto it = m_roles.find(identity);
    return it != m_roles.end() && (it->second & static_cast<uint8_t>(role)) != 0;
}

void
SmkdKeyDirectory::CertifyInitiator(Ipv4Address group, Ipv4Address initiator)
{
    uint64_t identity;
    if (!Lookup(initiator, identity))
    {
        std::ostringstream os;
        os << "key directory: initiator " << initiator << " of " << group
           << " is not registered (install it with SmkdHelper first)";
        throw std::invalid_argument(os.str());
    }
    auto [it, added] = m_initiators.emplace(group, identity);
    if (!added && it->second != identity)
    {
        std::ostringstream os;
        os << "key directory: " << group << " has a certified initiator already (identity "
           << it->second << "); " << initiator << " cannot be a second one";
        throw std::invalid_argument(os.str());
    }
}

bool
SmkdKeyDirectory::IsInitiatorOf(Ipv4Address address, Ipv4Address group) const
{
    uint64_t identity;
    auto it = m_initiators.find(group);
    return it != m_initiators.end() && Lookup(address, identity) && identity == it->second;
}

bool
SmkdKeyDirectory::Lookup(Ipv4Address address, uint64_t& identity) const
{
    auto it = m_identities.find(address);
    if (it == m_identities.end())
    {
        return false;
    }
    identity = it->second;
    return true;
}

bool
SmkdKeyDirectory::PublicKey(Ipv4Address address, bool signing, Bytes& publicKey) const
{
    uint64_t identity;
    if (!m_suite || !Lookup(address, identity))
    {
        return false;
    }
    publicKey =
        (signing ? m_suite->SigningKey(identity) : m_suite->SealingKey(identity))->GetPublicKey();
    return true;
}

void
SmkdKeyDirectory::CreateSuiteFromAttributes(uint64_t runSeed)
{
    m_suite = Create<SmkdCryptoSuite>(static_cast<SmkdSignatureAlgorithm>(m_signatureAlgorithm),
                                      static_cast<SmkdSealAlgorithm>(m_sealAlgorithm),
                                      static_cast<SmkdCryptoMode>(m_cryptoMode),
                                      runSeed);
}

Time
SmkdKeyDirectory::GetLookupDelay() const
{
    return m_lookupDelay;
}

} // namespace ns3
