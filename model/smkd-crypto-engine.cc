/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-crypto-engine.h"

#include "ns3/abort.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(SmkdCryptoEngine);

TypeId
SmkdCryptoEngine::GetTypeId()
{
    static TypeId tid = TypeId("ns3::SmkdCryptoEngine")
                            .SetParent<Object>()
                            .SetGroupName("Smkd")
                            .AddConstructor<SmkdCryptoEngine>();
    return tid;
}

void
SmkdCryptoEngine::Setup(Ptr<SmkdKeyDirectory> directory, Ptr<SmkdCryptoCostTable> costs)
{
    Ptr<Node> node = GetObject<Node>();
    NS_ABORT_MSG_UNLESS(node, "SmkdCryptoEngine: aggregate it to a node before Setup");
    NS_ABORT_MSG_UNLESS(directory && directory->GetSuite() && costs,
                        "SmkdCryptoEngine: a directory with a suite, and a cost table, are needed");
    m_directory = directory;
    m_costs = costs;
    m_identity = node->GetId();
    m_cpu = node->GetObject<SmkdSimulatedCpu>();
    if (!m_cpu)
    {
        m_cpu = CreateObject<SmkdSimulatedCpu>();
        node->AggregateObject(m_cpu);
    }
}

uint64_t
SmkdCryptoEngine::GetIdentity() const
{
    return m_identity;
}

Ptr<SmkdCryptoSuite>
SmkdCryptoEngine::GetSuite() const
{
    return m_directory->GetSuite();
}

Ptr<SmkdKeyDirectory>
SmkdCryptoEngine::GetDirectory() const
{
    return m_directory;
}

Ptr<SmkdSimulatedCpu>
SmkdCryptoEngine::GetCpu() const
{
    return m_cpu;
}

void
SmkdCryptoEngine::Charge(SmkdCryptoOp op,
                         const std::string& algorithm,
                         Time cost,
                         Ipv4Address peer,
                         Callback<void> done)
{
    ++m_counts[op];
    Time lookup = Seconds(0);
    if (peer != Ipv4Address::GetAny() && m_knownPeers.insert(peer).second)
    {
        lookup = m_directory->GetLookupDelay();
    }
    if (lookup.IsStrictlyPositive())
    {
        // The key arrives after the look-up; only then can the CPU start.
        Simulator::Schedule(lookup, [this, cost, done, op, algorithm]() {
            m_cpu->Submit(cost, done, op, algorithm);
        });
        return;
    }
    m_cpu->Submit(cost, done, op, algorithm);
}

void
SmkdCryptoEngine::Sign(const Bytes& message, Callback<void, Bytes> done)
{
    Ptr<SmkdCryptoSuite> suite = GetSuite();
    Bytes signature = suite->Sign(*suite->SigningKey(m_identity), message);
    const SmkdSignatureAlgorithm alg = suite->GetSignatureAlgorithm();
    Charge(SmkdCryptoOp::SIGN,
           SmkdSignatureAlgorithmName(alg),
           m_costs->Cost(SmkdCryptoOp::SIGN, alg, message.size()),
           Ipv4Address::GetAny(),
           Callback<void>([done, signature]() { done(signature); }));
}

void
SmkdCryptoEngine::Verify(Ipv4Address signer,
                         const Bytes& message,
                         const Bytes& signature,
                         Callback<void, bool> done)
{
    Ptr<SmkdCryptoSuite> suite = GetSuite();
    Bytes publicKey;
    const bool ok = m_directory->PublicKey(signer, true, publicKey) &&
                    suite->Verify(publicKey, message, signature);
    const SmkdSignatureAlgorithm alg = suite->GetSignatureAlgorithm();
    Charge(SmkdCryptoOp::VERIFY,
           SmkdSignatureAlgorithmName(alg),
           m_costs->Cost(SmkdCryptoOp::VERIFY, alg, message.size()),
           signer,
           Callback<void>([done, ok]() { done(ok); }));
}

void
SmkdCryptoEngine::Seal(Ipv4Address recipient, const Bytes& plaintext, Callback<void, Bytes> done)
{
    Ptr<SmkdCryptoSuite> suite = GetSuite();
    Bytes publicKey;
    Bytes sealed;
    if (m_directory->PublicKey(recipient, false, publicKey))
    {
        sealed = suite->Seal(publicKey, plaintext, m_identity);
    }
    const SmkdSealAlgorithm alg = suite->GetSealAlgorithm();
    Charge(SmkdCryptoOp::SEAL,
           SmkdSealAlgorithmName(alg),
           m_costs->Cost(SmkdCryptoOp::SEAL, alg, plaintext.size()),
           recipient,
           Callback<void>([done, sealed]() { done(sealed); }));
}

void
SmkdCryptoEngine::Open(const Bytes& sealed, Callback<void, bool, Bytes> done)
{
    Ptr<SmkdCryptoSuite> suite = GetSuite();
    Bytes plaintext;
    const bool ok = suite->Open(*suite->SealingKey(m_identity), sealed, plaintext);
    const SmkdSealAlgorithm alg = suite->GetSealAlgorithm();
    Charge(SmkdCryptoOp::OPEN,
           SmkdSealAlgorithmName(alg),
           m_costs->Cost(SmkdCryptoOp::OPEN, alg, sealed.size()),
           Ipv4Address::GetAny(),
           Callback<void>([done, ok, plaintext]() { done(ok, plaintext); }));
}

void
SmkdCryptoEngine::AeadEncrypt(const Bytes& key32,
                              const Bytes& aad,
                              const Bytes& plaintext,
                              Callback<void, Bytes> done)
{
    Bytes sealed = GetSuite()->AeadEncrypt(key32, aad, plaintext, m_identity);
    Charge(SmkdCryptoOp::AEAD_ENCRYPT,
           "aes-256-gcm",
           m_costs->AeadCost(plaintext.size()),
           Ipv4Address::GetAny(),
           Callback<void>([done, sealed]() { done(sealed); }));
}

void
SmkdCryptoEngine::AeadDecrypt(const Bytes& key32,
                              const Bytes& aad,
                              const Bytes& sealed,
                              Callback<void, bool, Bytes> done)
{
    Bytes plaintext;
    const bool ok = key32.size() == 32 && GetSuite()->AeadDecrypt(key32, aad, sealed, plaintext);
    Charge(SmkdCryptoOp::AEAD_DECRYPT,
           "aes-256-gcm",
           m_costs->AeadCost(sealed.size()),
           Ipv4Address::GetAny(),
           Callback<void>([done, ok, plaintext]() { done(ok, plaintext); }));
}

void
SmkdCryptoEngine::ChargeAead(SmkdCryptoOp op, std::size_t bytes, Callback<void> done)
{
    Charge(op, "aes-256-gcm", m_costs->AeadCost(bytes), Ipv4Address::GetAny(), done);
}

Bytes
SmkdCryptoEngine::Random(std::size_t n)
{
    return GetSuite()->RandomBytes(m_identity, n);
}

uint64_t
SmkdCryptoEngine::GetCount(SmkdCryptoOp op) const
{
    auto it = m_counts.find(op);
    return it == m_counts.end() ? 0 : it->second;
}

void
SmkdCryptoEngine::DoDispose()
{
    m_directory = nullptr;
    m_costs = nullptr;
    m_cpu = nullptr;
    Object::DoDispose();
}

} // namespace ns3
