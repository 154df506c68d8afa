/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The crypto layer: published test vectors for the primitives, signature and
// seal round trips, rejection of every tampered, truncated or misaddressed
// input, reproducibility from the run seed, exact sizes, and MODELED mode
// producing the same sizes as REAL.

#include "cbt-test-util.h"

#include "ns3/smkd-crypto-suite.h"
#include "ns3/smkd-drbg.h"
#include "ns3/smkd-key-pair.h"
#include "ns3/smkd-placeholder-generator.h"
#include "ns3/smkd-rsa-key-pool.h"
#include "ns3/test.h"

#include <string>

using namespace ns3;
using ns3::smkd::test::Hex;

namespace
{

Bytes
FromHex(const std::string& hex)
{
    Bytes out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    return out;
}

Bytes
Pattern(std::size_t n, uint8_t salt)
{
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        b[i] = static_cast<uint8_t>(i * 31 + salt);
    }
    return b;
}

Bytes
FlipBit(Bytes b, std::size_t bit)
{
    b[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    return b;
}

constexpr auto ED25519 = SmkdSignatureAlgorithm::ED25519;
constexpr auto X25519 = SmkdSealAlgorithm::X25519_HKDF_AES256GCM;
constexpr auto REAL = SmkdCryptoMode::REAL;
constexpr auto MODELED = SmkdCryptoMode::MODELED;

/// The primitives are the standard ones: RFC 8032, RFC 7748 and FIPS 180-2 vectors.
class CryptoKnownAnswerTestCase : public TestCase
{
  public:
    CryptoKnownAnswerTestCase()
        : TestCase("Ed25519, X25519 and SHA-256 reproduce published test vectors")
    {
    }

  private:
    void DoRun() override
    {
        auto suite = Create<SmkdCryptoSuite>(ED25519, X25519, REAL, 1);
        // RFC 8032 §7.1 TEST 1: empty message.
        Ptr<SmkdKeyPair> ed = SmkdKeyPair::FromSeed(
            SmkdKeyType::ED25519,
            FromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        NS_TEST_EXPECT_MSG_EQ(
            Hex(ed->GetPublicKey()),
            Hex(FromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")),
            "RFC 8032 TEST 1 public key");
        NS_TEST_EXPECT_MSG_EQ(
            Hex(suite->Sign(*ed, {})),
            Hex(FromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")),
            "RFC 8032 TEST 1 signature");
        // RFC 7748 §6.1: Alice's key pair.
        Ptr<SmkdKeyPair> x = SmkdKeyPair::FromSeed(
            SmkdKeyType::X25519,
            FromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        NS_TEST_EXPECT_MSG_EQ(
            Hex(x->GetPublicKey()),
            Hex(FromHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")),
            "RFC 7748 Alice's public key");
        // FIPS 180-2 appendix B.1: SHA-256("abc").
        NS_TEST_EXPECT_MSG_EQ(
            Hex(suite->Hash({'a', 'b', 'c'})),
            Hex(FromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
            "SHA-256 of abc");
    }
};

/// The DRBG is a function of (seed, identity, label) and a continuous stream.
class DrbgTestCase : public TestCase
{
  public:
    DrbgTestCase()
        : TestCase("DRBG: reproducible, continuous, separated by seed, identity and label")
    {
    }

  private:
    void DoRun() override
    {
        SmkdDrbg a(7, 1, "x");
        Bytes whole = a.Generate(100);
        SmkdDrbg b(7, 1, "x");
        Bytes parts = b.Generate(10);
        Bytes more = b.Generate(33);
        parts.insert(parts.end(), more.begin(), more.end());
        more = b.Generate(57);
        parts.insert(parts.end(), more.begin(), more.end());
        NS_TEST_EXPECT_MSG_EQ(Hex(whole), Hex(parts), "pieces of the stream equal the whole");
        NS_TEST_EXPECT_MSG_EQ((SmkdDrbg(8, 1, "x").Generate(32) == whole), false, "other seed");
        NS_TEST_EXPECT_MSG_EQ((SmkdDrbg(7, 2, "x").Generate(32) == whole), false, "other id");
        NS_TEST_EXPECT_MSG_EQ((SmkdDrbg(7, 1, "y").Generate(32) == whole), false, "other label");
        NS_TEST_EXPECT_MSG_EQ(SmkdDrbg(7, 1, "x").Generate(0).size(), 0u, "empty request");

        // Suite randomness: per identity, reproducible, never repeating within a stream.
        auto s1 = Create<SmkdCryptoSuite>(ED25519, X25519, REAL, 42);
        auto s2 = Create<SmkdCryptoSuite>(ED25519, X25519, REAL, 42);
        Bytes r1 = s1->RandomBytes(3, 16);
        NS_TEST_EXPECT_MSG_EQ(Hex(r1), Hex(s2->RandomBytes(3, 16)), "same seed, same bytes");
        NS_TEST_EXPECT_MSG_EQ((s1->RandomBytes(3, 16) == r1), false, "the stream moves on");
        NS_TEST_EXPECT_MSG_EQ((s1->RandomBytes(4, 16) == r1), false, "identities differ");
    }
};

/// Sign and verify for one signature algorithm.
class SignatureTestCase : public TestCase
{
  public:
    SignatureTestCase(SmkdSignatureAlgorithm alg, std::size_t sigSize, std::size_t pubSize)
        : TestCase(std::string("signatures: ") + SmkdSignatureAlgorithmName(alg)),
          m_alg(alg),
          m_sigSize(sigSize),
          m_pubSize(pubSize)
    {
    }

  private:
    void DoRun() override
    {
        const bool rsa = m_alg == SmkdSignatureAlgorithm::RSA_PSS_2048;
        auto suite = Create<SmkdCryptoSuite>(m_alg, X25519, REAL, 1);
        NS_TEST_ASSERT_MSG_EQ(suite->SignatureSize(), m_sigSize, "signature size");
        NS_TEST_ASSERT_MSG_EQ(suite->PublicKeySize(true), m_pubSize, "public key size");
        Ptr<SmkdKeyPair> a = suite->SigningKey(1);
        Ptr<SmkdKeyPair> b = suite->SigningKey(2);
        NS_TEST_EXPECT_MSG_EQ((suite->SigningKey(1) == a), true, "keys are cached");
        NS_TEST_ASSERT_MSG_EQ(a->GetPublicKey().size(), m_pubSize, "encoded public key size");
        NS_TEST_EXPECT_MSG_EQ((a->GetPublicKey() == b->GetPublicKey()), false, "distinct keys");

        for (std::size_t n : {0, 1, 48, 2048})
        {
            const Bytes msg = Pattern(n, 7);
            const Bytes sig = suite->Sign(*a, msg);
            NS_TEST_ASSERT_MSG_EQ(sig.size(), m_sigSize, "fixed size, message of " << n);
            NS_TEST_ASSERT_MSG_EQ(suite->Verify(a->GetPublicKey(), msg, sig),
                                  true,
                                  "round trip, message of " << n);
            NS_TEST_EXPECT_MSG_EQ(suite->Verify(b->GetPublicKey(), msg, sig),
                                  false,
                                  "another identity's key, message of " << n);
            for (std::size_t bit : {std::size_t(0), n * 4, n * 8 - 1})
            {
                if (n > 0)
                {
                    NS_TEST_EXPECT_MSG_EQ(suite->Verify(a->GetPublicKey(), FlipBit(msg, bit), sig),
                                          false,
                                          "message bit " << bit << " of " << n * 8 << " flipped");
                }
            }
        }

        const Bytes msg = Pattern(48, 1);
        const Bytes sig = suite->Sign(*a, msg);
        for (std::size_t bit = 0; bit < sig.size() * 8; ++bit)
        {
            NS_TEST_EXPECT_MSG_EQ(suite->Verify(a->GetPublicKey(), msg, FlipBit(sig, bit)),
                                  false,
                                  "signature bit " << bit << " flipped");
        }
        // Malformed fields: no crash, just false.
        Bytes shortSig(sig.begin(), sig.end() - 1);
        Bytes longSig = sig;
        longSig.push_back(0);
        Bytes shortKey(a->GetPublicKey().begin(), a->GetPublicKey().end() - 1);
        NS_TEST_EXPECT_MSG_EQ(suite->Verify(a->GetPublicKey(), msg, shortSig), false, "short sig");
        NS_TEST_EXPECT_MSG_EQ(suite->Verify(a->GetPublicKey(), msg, longSig), false, "long sig");
        NS_TEST_EXPECT_MSG_EQ(suite->Verify(a->GetPublicKey(), msg, {}), false, "empty sig");
        NS_TEST_EXPECT_MSG_EQ(suite->Verify(shortKey, msg, sig), false, "short key");
        NS_TEST_EXPECT_MSG_EQ(suite->Verify({}, msg, sig), false, "empty key");
        NS_TEST_EXPECT_MSG_EQ(suite->Verify(Pattern(m_pubSize, 3), msg, sig), false, "junk key");
        NS_TEST_EXPECT_MSG_EQ(
            suite->Verify(FlipBit(a->GetPublicKey(), m_pubSize * 8 - 3), msg, sig),
            false,
            "public key bit flipped");

        // Reproducibility: same seed and identity, same key; Ed25519 and RSA-PSS
        // signatures are deterministic, ECDSA ones are not (OpenSSL 3.0 nonces).
        auto again = Create<SmkdCryptoSuite>(m_alg, X25519, REAL, 1);
        NS_TEST_EXPECT_MSG_EQ(Hex(again->SigningKey(1)->GetPublicKey()),
                              Hex(a->GetPublicKey()),
                              "same seed, same public key");
        const Bytes sig2 = again->Sign(*again->SigningKey(1), msg);
        NS_TEST_EXPECT_MSG_EQ(sig2.size(), sig.size(), "same size in every run");
        if (m_alg != SmkdSignatureAlgorithm::ECDSA_P256)
        {
            NS_TEST_EXPECT_MSG_EQ(Hex(sig2), Hex(sig), "deterministic signature bytes");
        }
        NS_TEST_EXPECT_MSG_EQ(suite->Verify(a->GetPublicKey(), msg, sig2), true, "cross-suite");

        auto other = Create<SmkdCryptoSuite>(m_alg, X25519, REAL, 2);
        const bool sameKey = other->SigningKey(1)->GetPublicKey() == a->GetPublicKey();
        // RSA keys come from the per-process pool, which the seed does not select.
        NS_TEST_EXPECT_MSG_EQ(sameKey, rsa, "another seed changes the key (except RSA)");
        if (rsa)
        {
            NS_TEST_EXPECT_MSG_EQ(
                Hex(suite->SigningKey(1 + SmkdCryptoSuite::DEFAULT_RSA_POOL_SIZE)->GetPublicKey()),
                Hex(a->GetPublicKey()),
                "RSA identities i and i + pool size share a key (documented)");
            NS_TEST_EXPECT_MSG_EQ((suite->SealingKey(1)->GetPublicKey() == a->GetPublicKey()),
                                  false,
                                  "no RSA key both signs and decrypts");
        }
    }

    SmkdSignatureAlgorithm m_alg;
    std::size_t m_sigSize;
    std::size_t m_pubSize;
};

/// Seal and open for one seal algorithm.
class SealTestCase : public TestCase
{
  public:
    explicit SealTestCase(SmkdSealAlgorithm alg)
        : TestCase(std::string("seals: ") + SmkdSealAlgorithmName(alg)),
          m_alg(alg)
    {
    }

  private:
    void DoRun() override
    {
        const bool x25519 = m_alg == X25519;
        auto suite = Create<SmkdCryptoSuite>(ED25519, m_alg, REAL, 1);
        Ptr<SmkdKeyPair> r = suite->SealingKey(1);
        Ptr<SmkdKeyPair> other = suite->SealingKey(2);
        NS_TEST_ASSERT_MSG_EQ(r->GetPublicKey().size(), x25519 ? 32u : 294u, "public key size");
        NS_TEST_EXPECT_MSG_EQ(suite->PublicKeySize(false), r->GetPublicKey().size(), "size query");

        // The documented formats, including both sides of the RSA-OAEP capacity.
        NS_TEST_EXPECT_MSG_EQ(suite->SealedSize(48), x25519 ? 108u : 256u, "48 B");
        NS_TEST_EXPECT_MSG_EQ(suite->SealedSize(190), x25519 ? 250u : 256u, "190 B");
        NS_TEST_EXPECT_MSG_EQ(suite->SealedSize(191), x25519 ? 251u : 475u, "191 B");
        NS_TEST_EXPECT_MSG_EQ(suite->SealedSize(2048), x25519 ? 2108u : 2332u, "2 KiB");

        for (std::size_t n : {0, 48, 190, 191, 2048})
        {
            const Bytes pt = Pattern(n, 9);
            const Bytes sealed = suite->Seal(r->GetPublicKey(), pt, 5);
            NS_TEST_ASSERT_MSG_EQ(sealed.size(), suite->SealedSize(n), "SealedSize exact, " << n);
            Bytes out;
            NS_TEST_ASSERT_MSG_EQ(suite->Open(*r, sealed, out), true, "round trip, " << n);
            NS_TEST_EXPECT_MSG_EQ(Hex(out), Hex(pt), "plaintext back, " << n);
            NS_TEST_EXPECT_MSG_EQ(suite->Open(*other, sealed, out),
                                  false,
                                  "wrong recipient, " << n);
            NS_TEST_EXPECT_MSG_EQ(out.size(), 0u, "no plaintext on failure");
            Bytes longer = sealed;
            longer.push_back(0);
            NS_TEST_EXPECT_MSG_EQ(suite->Open(*r, longer, out), false, "extended, " << n);
        }

        for (std::size_t n : {48, 2048})
        {
            const Bytes pt = Pattern(n, 11);
            const Bytes sealed = suite->Seal(r->GetPublicKey(), pt, 6);
            Bytes out;
            // Every bit of the 48-byte case; one bit of every byte of the 2-KiB case.
            const std::size_t step = n == 48 ? 1 : 8;
            for (std::size_t bit = 0; bit < sealed.size() * 8; bit += step)
            {
                const std::size_t b = step == 1 ? bit : bit + (bit / 8) % 8;
                NS_TEST_EXPECT_MSG_EQ(suite->Open(*r, FlipBit(sealed, b), out),
                                      false,
                                      n << " B, bit " << b << " flipped");
            }
            for (std::size_t len = 0; len < sealed.size(); ++len)
            {
                const Bytes cut(sealed.begin(), sealed.begin() + len);
                NS_TEST_EXPECT_MSG_EQ(suite->Open(*r, cut, out),
                                      false,
                                      n << " B, truncated to " << len);
            }
            NS_TEST_EXPECT_MSG_EQ(suite->Open(*r, sealed, out), true, "intact blob still opens");
        }

        // Reproducibility: X25519 seals are a function of the seed and the call order.
        auto again = Create<SmkdCryptoSuite>(ED25519, m_alg, REAL, 1);
        const Bytes pt = Pattern(48, 2);
        const Bytes s1 = suite->Seal(r->GetPublicKey(), pt, 9);
        const Bytes s2 = again->Seal(again->SealingKey(1)->GetPublicKey(), pt, 9);
        NS_TEST_EXPECT_MSG_EQ(s2.size(), s1.size(), "same size in every run");
        if (x25519)
        {
            NS_TEST_EXPECT_MSG_EQ(Hex(s2), Hex(s1), "same seed, same sealed bytes");
            NS_TEST_EXPECT_MSG_EQ((suite->Seal(r->GetPublicKey(), pt, 9) == s1),
                                  false,
                                  "a second seal uses a fresh ephemeral key");
            auto otherSeed = Create<SmkdCryptoSuite>(ED25519, m_alg, REAL, 2);
            NS_TEST_EXPECT_MSG_EQ((otherSeed->SealingKey(1)->GetPublicKey() == r->GetPublicKey()),
                                  false,
                                  "another seed, another key");
        }
        Bytes out;
        NS_TEST_EXPECT_MSG_EQ(suite->Open(*r, s2, out), true, "opens across suites");
    }

    SmkdSealAlgorithm m_alg;
};

/// AES-256-GCM: nonce | ciphertext | tag.
class AeadTestCase : public TestCase
{
  public:
    AeadTestCase()
        : TestCase("AEAD: round trip; wrong key, aad, nonce, ciphertext or tag fails")
    {
    }

  private:
    void DoRun() override
    {
        auto suite = Create<SmkdCryptoSuite>(ED25519, X25519, REAL, 1);
        const Bytes key = suite->RandomBytes(1, 32);
        const Bytes aad = Pattern(20, 4);
        Bytes out;
        for (std::size_t n : {0, 1, 48, 1024})
        {
            const Bytes pt = Pattern(n, 5);
            const Bytes sealed = suite->AeadEncrypt(key, aad, pt, 1);
            NS_TEST_ASSERT_MSG_EQ(sealed.size(), suite->AeadSize(n), "size " << n);
            NS_TEST_ASSERT_MSG_EQ(suite->AeadDecrypt(key, aad, sealed, out), true, "round trip");
            NS_TEST_EXPECT_MSG_EQ(Hex(out), Hex(pt), "plaintext back");
            NS_TEST_EXPECT_MSG_EQ(suite->AeadDecrypt(FlipBit(key, 0), aad, sealed, out),
                                  false,
                                  "wrong key");
            NS_TEST_EXPECT_MSG_EQ(suite->AeadDecrypt(key, FlipBit(aad, 77), sealed, out),
                                  false,
                                  "wrong aad");
            NS_TEST_EXPECT_MSG_EQ(suite->AeadDecrypt(key, {}, sealed, out), false, "missing aad");
            NS_TEST_EXPECT_MSG_EQ(suite->AeadDecrypt(key, aad, FlipBit(sealed, 5), out),
                                  false,
                                  "nonce bit flipped");
            NS_TEST_EXPECT_MSG_EQ(
                suite->AeadDecrypt(key, aad, FlipBit(sealed, sealed.size() * 8 - 1), out),
                false,
                "tag bit flipped");
            if (n > 0)
            {
                NS_TEST_EXPECT_MSG_EQ(suite->AeadDecrypt(key, aad, FlipBit(sealed, 12 * 8), out),
                                      false,
                                      "ciphertext bit flipped");
            }
            for (std::size_t len = 0; len < sealed.size(); ++len)
            {
                NS_TEST_EXPECT_MSG_EQ(
                    suite->AeadDecrypt(key, aad, Bytes(sealed.begin(), sealed.begin() + len), out),
                    false,
                    "truncated to " << len);
            }
            NS_TEST_EXPECT_MSG_EQ(suite->AeadDecrypt(Bytes(16, 0), aad, sealed, out),
                                  false,
                                  "16-byte key");
        }
        // Nonces come from the DRBG: fresh per call, reproducible per seed.
        const Bytes pt = Pattern(48, 1);
        const Bytes a = suite->AeadEncrypt(key, aad, pt, 2);
        NS_TEST_EXPECT_MSG_EQ((suite->AeadEncrypt(key, aad, pt, 2) == a), false, "fresh nonce");
        auto again = Create<SmkdCryptoSuite>(ED25519, X25519, REAL, 1);
        NS_TEST_EXPECT_MSG_EQ(Hex(again->AeadEncrypt(key, aad, pt, 2)), Hex(a), "reproducible");
    }
};

/// MODELED mode: the real sizes everywhere, round trips that return the plaintext.
class ModeledTestCase : public TestCase
{
  public:
    ModeledTestCase()
        : TestCase("modeled mode: every size equals the real one; round trips work")
    {
    }

  private:
    void DoRun() override
    {
        for (auto sig : {SmkdSignatureAlgorithm::ED25519,
                         SmkdSignatureAlgorithm::ECDSA_P256,
                         SmkdSignatureAlgorithm::RSA_PSS_2048})
        {
            for (auto seal :
                 {SmkdSealAlgorithm::X25519_HKDF_AES256GCM, SmkdSealAlgorithm::RSA_OAEP_2048})
            {
                Check(sig, seal);
            }
        }
        // Modeled hashes are consistent stand-ins.
        auto m = Create<SmkdCryptoSuite>(ED25519, X25519, MODELED, 1);
        NS_TEST_EXPECT_MSG_EQ(Hex(m->Hash({1, 2, 3})), Hex(m->Hash({1, 2, 3})), "stable digest");
        NS_TEST_EXPECT_MSG_EQ((m->Hash({1, 2, 3}) == m->Hash({1, 2, 4})), false, "input matters");
    }

    void Check(SmkdSignatureAlgorithm sig, SmkdSealAlgorithm seal)
    {
        const std::string what =
            std::string(SmkdSignatureAlgorithmName(sig)) + "/" + SmkdSealAlgorithmName(seal);
        auto real = Create<SmkdCryptoSuite>(sig, seal, REAL, 1);
        auto model = Create<SmkdCryptoSuite>(sig, seal, MODELED, 1);
        NS_TEST_ASSERT_MSG_EQ(model->IsModeled(), true, what);
        NS_TEST_ASSERT_MSG_EQ(real->IsModeled(), false, what);

        NS_TEST_EXPECT_MSG_EQ(model->SignatureSize(), real->SignatureSize(), what);
        NS_TEST_EXPECT_MSG_EQ(model->PublicKeySize(true), real->PublicKeySize(true), what);
        NS_TEST_EXPECT_MSG_EQ(model->PublicKeySize(false), real->PublicKeySize(false), what);
        for (std::size_t n = 0; n < 600; ++n)
        {
            NS_TEST_EXPECT_MSG_EQ(model->SealedSize(n), real->SealedSize(n), what << " " << n);
            NS_TEST_EXPECT_MSG_EQ(model->AeadSize(n), real->AeadSize(n), what << " " << n);
        }

        // Actual outputs of both modes.
        Ptr<SmkdKeyPair> rs = real->SigningKey(1);
        Ptr<SmkdKeyPair> ms = model->SigningKey(1);
        Ptr<SmkdKeyPair> re = real->SealingKey(1);
        Ptr<SmkdKeyPair> me = model->SealingKey(1);
        NS_TEST_EXPECT_MSG_EQ(ms->GetPublicKey().size(), rs->GetPublicKey().size(), what);
        NS_TEST_EXPECT_MSG_EQ(me->GetPublicKey().size(), re->GetPublicKey().size(), what);
        NS_TEST_EXPECT_MSG_EQ((ms->GetPkey() == nullptr), true, "modeled keys hold no OpenSSL key");
        NS_TEST_EXPECT_MSG_EQ(
            Hex(ms->GetPublicKey()),
            Hex(Create<SmkdCryptoSuite>(sig, seal, MODELED, 1)->SigningKey(1)->GetPublicKey()),
            "modeled keys are reproducible");
        for (std::size_t n : {0, 48, 190, 191, 2048})
        {
            const Bytes msg = Pattern(n, 3);
            const Bytes msig = model->Sign(*ms, msg);
            NS_TEST_EXPECT_MSG_EQ(msig.size(), real->Sign(*rs, msg).size(), what << " sign " << n);
            NS_TEST_EXPECT_MSG_EQ(model->Verify(ms->GetPublicKey(), msg, msig), true, what);

            const Bytes msealed = model->Seal(me->GetPublicKey(), msg, 2);
            NS_TEST_EXPECT_MSG_EQ(msealed.size(),
                                  real->Seal(re->GetPublicKey(), msg, 2).size(),
                                  what << " seal " << n);
            Bytes out;
            NS_TEST_EXPECT_MSG_EQ(model->Open(*me, msealed, out), true, what << " open " << n);
            NS_TEST_EXPECT_MSG_EQ(Hex(out), Hex(msg), what << " plaintext back " << n);
            for (std::size_t len = 0; len < msealed.size(); len += 7)
            {
                NS_TEST_EXPECT_MSG_EQ(
                    model->Open(*me, Bytes(msealed.begin(), msealed.begin() + len), out),
                    false,
                    what << " truncated modeled seal");
            }

            const Bytes key(32, 1);
            const Bytes maead = model->AeadEncrypt(key, {}, msg, 3);
            NS_TEST_EXPECT_MSG_EQ(maead.size(),
                                  real->AeadEncrypt(key, {}, msg, 3).size(),
                                  what << " aead " << n);
            NS_TEST_EXPECT_MSG_EQ(model->AeadDecrypt(key, {}, maead, out), true, what);
            NS_TEST_EXPECT_MSG_EQ(Hex(out), Hex(msg), what << " aead plaintext back");
            NS_TEST_EXPECT_MSG_EQ(model->Hash(msg).size(), real->Hash(msg).size(), what);
            NS_TEST_EXPECT_MSG_EQ(model->RandomBytes(1, n).size(), n, what);
        }
        // Wrong sizes are rejected in both modes alike.
        NS_TEST_EXPECT_MSG_EQ(model->Verify(ms->GetPublicKey(), {}, Bytes(3)), false, what);
        Bytes out;
        NS_TEST_EXPECT_MSG_EQ(model->AeadDecrypt(Bytes(32), {}, Bytes(27), out), false, what);
    }
};

class SmkdCryptoTestSuite : public TestSuite
{
  public:
    SmkdCryptoTestSuite()
        : TestSuite("smkd-crypto", UNIT)
    {
        AddTestCase(new CryptoKnownAnswerTestCase, TestCase::QUICK);
        AddTestCase(new DrbgTestCase, TestCase::QUICK);
        AddTestCase(new SignatureTestCase(SmkdSignatureAlgorithm::ED25519, 64, 32),
                    TestCase::QUICK);
        AddTestCase(new SignatureTestCase(SmkdSignatureAlgorithm::ECDSA_P256, 72, 91),
                    TestCase::QUICK);
        AddTestCase(new SignatureTestCase(SmkdSignatureAlgorithm::RSA_PSS_2048, 256, 294),
                    TestCase::QUICK);
        AddTestCase(new SealTestCase(SmkdSealAlgorithm::X25519_HKDF_AES256GCM), TestCase::QUICK);
        AddTestCase(new SealTestCase(SmkdSealAlgorithm::RSA_OAEP_2048), TestCase::QUICK);
        AddTestCase(new AeadTestCase, TestCase::QUICK);
        AddTestCase(new ModeledTestCase, TestCase::QUICK);
    }
};

SmkdCryptoTestSuite g_smkdCryptoTestSuite;

} // namespace
