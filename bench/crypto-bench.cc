/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Crypto micro-benchmark: median wall-clock microseconds per operation of the
// smkd crypto layer (OpenSSL 3, one thread), next to the simulated cost that
// SmkdCryptoCostTable charges by default, so the table can be checked on the
// machine at hand. Wall-clock time is measured here and only here: the
// simulation itself never reads it.
//
//   build/bench/smkd-crypto-bench [--samples=N] [--rsa-keygen=N]

#include "ns3/command-line.h"
#include "ns3/smkd-crypto-cost.h"
#include "ns3/smkd-crypto-suite.h"
#include "ns3/smkd-key-pair.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <openssl/evp.h>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/**
 * Median over \p samples of the time per call of \p op, each sample timing
 * \p batch calls (batches keep sub-microsecond operations above the clock's
 * resolution).
 */
double
MedianMicros(const std::function<void()>& op, int samples, int batch)
{
    for (int i = 0; i < batch; ++i)
    {
        op(); // warm caches and lazy initialisation
    }
    std::vector<double> t;
    t.reserve(samples);
    for (int s = 0; s < samples; ++s)
    {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < batch; ++i)
        {
            op();
        }
        const std::chrono::duration<double, std::micro> d =
            std::chrono::steady_clock::now() - start;
        t.push_back(d.count() / batch);
    }
    std::nth_element(t.begin(), t.begin() + t.size() / 2, t.end());
    return t[t.size() / 2];
}

void
Row(const std::string& name, double measured, Time table)
{
    std::printf("%-44s %12.2f %12.2f\n", name.c_str(), measured, table.GetNanoSeconds() / 1000.0);
}

} // namespace

int
main(int argc, char** argv)
{
    int samples = 201;
    int rsaKeygen = 5;
    CommandLine cmd(__FILE__);
    cmd.AddValue("samples", "samples per operation (median taken)", samples);
    cmd.AddValue("rsa-keygen", "RSA-2048 key generations to time (about 160 ms each)", rsaKeygen);
    cmd.Parse(argc, argv);

    Ptr<SmkdCryptoCostTable> costs = CreateObject<SmkdCryptoCostTable>();
    std::printf("%-44s %12s %12s\n", "operation", "median us", "table us");

    const Bytes msg48(48, 0x5a);
    const Bytes msg1k(1024, 0x5a);
    const Bytes msg2k(2048, 0x5a);
    uint64_t seed = 1;

    for (auto alg : {SmkdSignatureAlgorithm::ED25519,
                     SmkdSignatureAlgorithm::ECDSA_P256,
                     SmkdSignatureAlgorithm::RSA_PSS_2048})
    {
        auto suite = Create<SmkdCryptoSuite>(alg,
                                             SmkdSealAlgorithm::X25519_HKDF_AES256GCM,
                                             SmkdCryptoMode::REAL,
                                             1);
        const std::string name = SmkdSignatureAlgorithmName(alg);
        Ptr<SmkdKeyPair> key = suite->SigningKey(1);
        Bytes sig = suite->Sign(*key, msg48);
        Row(name + " sign 48 B",
            MedianMicros([&] { suite->Sign(*key, msg48); }, samples, 10),
            costs->Cost(SmkdCryptoOp::SIGN, alg, 48));
        Row(name + " verify 48 B",
            MedianMicros([&] { suite->Verify(key->GetPublicKey(), msg48, sig); }, samples, 10),
            costs->Cost(SmkdCryptoOp::VERIFY, alg, 48));
        Bytes sig2k = suite->Sign(*key, msg2k);
        Row(name + " sign 2 KiB",
            MedianMicros([&] { suite->Sign(*key, msg2k); }, samples, 10),
            costs->Cost(SmkdCryptoOp::SIGN, alg, 2048));
        Row(name + " verify 2 KiB",
            MedianMicros([&] { suite->Verify(key->GetPublicKey(), msg2k, sig2k); }, samples, 10),
            costs->Cost(SmkdCryptoOp::VERIFY, alg, 2048));
        if (alg == SmkdSignatureAlgorithm::RSA_PSS_2048)
        {
            if (rsaKeygen > 0)
            {
                Row(name + " keygen",
                    MedianMicros([] { SmkdKeyPair::GenerateRsa2048(); }, rsaKeygen, 1),
                    costs->Cost(SmkdCryptoOp::KEYGEN, alg, 0));
            }
        }
        else
        {
            const SmkdKeyType type = alg == SmkdSignatureAlgorithm::ED25519
                                         ? SmkdKeyType::ED25519
                                         : SmkdKeyType::ECDSA_P256;
            Row(name + " keygen (from seed)",
                MedianMicros([&] { SmkdKeyPair::FromSeed(type, suite->RandomBytes(seed++, 32)); },
                             samples,
                             10),
                costs->Cost(SmkdCryptoOp::KEYGEN, alg, 0));
        }
    }

    // Key generation as a real device does it (OpenSSL's RNG), for the KEYGEN costs;
    // the rows "from seed" above are the simulation's deterministic path.
    Row("ed25519 keygen (OpenSSL RNG)",
        MedianMicros([] { EVP_PKEY_free(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")); },
                     samples,
                     10),
        costs->Cost(SmkdCryptoOp::KEYGEN, SmkdSignatureAlgorithm::ED25519, 0));
    Row("x25519 keygen (OpenSSL RNG)",
        MedianMicros([] { EVP_PKEY_free(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519")); },
                     samples,
                     10),
        costs->Cost(SmkdCryptoOp::KEYGEN, SmkdSealAlgorithm::X25519_HKDF_AES256GCM, 0));
    Row("ecdsa-p256 keygen (OpenSSL RNG)",
        MedianMicros([] { EVP_PKEY_free(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")); },
                     samples,
                     10),
        costs->Cost(SmkdCryptoOp::KEYGEN, SmkdSignatureAlgorithm::ECDSA_P256, 0));

    for (auto alg : {SmkdSealAlgorithm::X25519_HKDF_AES256GCM, SmkdSealAlgorithm::RSA_OAEP_2048})
    {
        auto suite =
            Create<SmkdCryptoSuite>(SmkdSignatureAlgorithm::ED25519, alg, SmkdCryptoMode::REAL, 1);
        const std::string name = SmkdSealAlgorithmName(alg);
        Ptr<SmkdKeyPair> key = suite->SealingKey(1);
        for (const Bytes* pt : {&msg48, &msg2k})
        {
            const std::string size = pt->size() == 48 ? " 48 B" : " 2 KiB";
            Bytes sealed = suite->Seal(key->GetPublicKey(), *pt, 2);
            Bytes out;
            Row(name + " seal" + size,
                MedianMicros([&] { suite->Seal(key->GetPublicKey(), *pt, 2); }, samples, 10),
                costs->Cost(SmkdCryptoOp::SEAL, alg, pt->size()));
            Row(name + " open" + size,
                MedianMicros([&] { suite->Open(*key, sealed, out); }, samples, 10),
                costs->Cost(SmkdCryptoOp::OPEN, alg, pt->size()));
        }
        if (alg == SmkdSealAlgorithm::X25519_HKDF_AES256GCM)
        {
            Row(name + " keygen (from seed)",
                MedianMicros(
                    [&] {
                        SmkdKeyPair::FromSeed(SmkdKeyType::X25519, suite->RandomBytes(seed++, 32));
                    },
                    samples,
                    10),
                costs->Cost(SmkdCryptoOp::KEYGEN, alg, 0));
        }
    }

    auto suite = Create<SmkdCryptoSuite>(SmkdSignatureAlgorithm::ED25519,
                                         SmkdSealAlgorithm::X25519_HKDF_AES256GCM,
                                         SmkdCryptoMode::REAL,
                                         1);
    const Bytes key = suite->RandomBytes(1, 32);
    const Bytes aad(16, 1);
    for (const Bytes* pt : {&msg48, &msg1k})
    {
        const std::string size = pt->size() == 48 ? " 48 B" : " 1 KiB";
        Bytes sealed = suite->AeadEncrypt(key, aad, *pt, 1);
        Bytes out;
        Row("aes-256-gcm encrypt" + size,
            MedianMicros([&] { suite->AeadEncrypt(key, aad, *pt, 1); }, samples, 1000),
            costs->AeadCost(pt->size()));
        Row("aes-256-gcm decrypt" + size,
            MedianMicros([&] { suite->AeadDecrypt(key, aad, sealed, out); }, samples, 1000),
            costs->AeadCost(pt->size()));
    }
    Row("sha-256 1 KiB",
        MedianMicros([&] { suite->Hash(msg1k); }, samples, 1000),
        costs->Cost(SmkdCryptoOp::SIGN, SmkdSignatureAlgorithm::ED25519, 1024) -
            costs->Cost(SmkdCryptoOp::SIGN, SmkdSignatureAlgorithm::ED25519, 0));
    Row("drbg 32 B", MedianMicros([&] { suite->RandomBytes(7, 32); }, samples, 1000), Time(0));
    return 0;
}
