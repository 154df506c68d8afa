/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-data-protector.h"

#include "smkd-aes-gcm.h"

#include "ns3/log.h"

#include <stdexcept>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdDataProtector");

const char*
SmkdDataStatusName(SmkdDataStatus s)
{
    switch (s)
    {
    case SmkdDataStatus::OK:
        return "ok";
    case SmkdDataStatus::MALFORMED:
        return "malformed";
    case SmkdDataStatus::REPLAY:
        return "replay";
    case SmkdDataStatus::TOO_OLD:
        return "too-old";
    case SmkdDataStatus::BAD_TAG:
        return "bad-tag";
    }
    return "invalid-status";
}

std::ostream&
operator<<(std::ostream& os, SmkdDataStatus s)
{
    return os << SmkdDataStatusName(s);
}

SmkdDataProtector::SmkdDataProtector(uint32_t spi,
                                     const Bytes& key,
                                     uint32_t replayWindow,
                                     Ptr<smkd::OpenSslContext> ctx)
    : m_spi(spi),
      m_key(key),
      m_window(replayWindow),
      m_ctx(ctx ? ctx : Create<smkd::OpenSslContext>())
{
    if (key.size() != smkd::AES_GCM_KEY_SIZE)
    {
        throw std::invalid_argument("SmkdDataProtector: key of " + std::to_string(key.size()) +
                                    " bytes, AES-256 needs 32");
    }
}

void
SmkdDataProtector::Nonce(uint32_t spi, uint64_t seq, uint8_t* nonce)
{
    // Unique per key: one sender per SPI, and its numbers never repeat.
    for (int i = 0; i < 4; ++i)
    {
        nonce[i] = static_cast<uint8_t>(spi >> (24 - 8 * i));
    }
    for (int i = 0; i < 8; ++i)
    {
        nonce[4 + i] = static_cast<uint8_t>(seq >> (56 - 8 * i));
    }
}

Ptr<Packet>
SmkdDataProtector::Seal(Ptr<const Packet> payload)
{
    if (m_next == 0)
    {
        throw std::runtime_error("SmkdDataProtector: sequence numbers of SPI " +
                                 std::to_string(m_spi) + " used up; rekey");
    }
    SmkdDataHeader header;
    header.SetSpi(m_spi);
    header.SetSequence(m_next++); // wraps to 0 after the last number: no further Seal
    Bytes plain(payload->GetSize());
    if (!plain.empty())
    {
        payload->CopyData(plain.data(), plain.size());
    }
    const Bytes aad = header.GetAuthenticatedBytes();
    uint8_t nonce[smkd::AES_GCM_NONCE_SIZE];
    Nonce(m_spi, header.GetSequence(), nonce);
    Bytes sealed(plain.size() + smkd::AES_GCM_TAG_SIZE);
    smkd::AesGcmEncrypt(*m_ctx,
                        m_key.data(),
                        nonce,
                        aad.data(),
                        aad.size(),
                        plain.data(),
                        plain.size(),
                        sealed.data());
    Ptr<Packet> packet = Create<Packet>(sealed.data(), sealed.size());
    packet->AddHeader(header);
    return packet;
}

SmkdDataStatus
SmkdDataProtector::Open(Ptr<const Packet> packet, Ptr<Packet>& payload, SmkdDataHeader* header)
{
    payload = nullptr;
    SmkdDataHeader h;
    const uint32_t headerSize = packet->PeekHeader(h);
    if (headerSize == 0)
    {
        NS_LOG_DEBUG("drop: " << h.GetParseStatus());
        return SmkdDataStatus::MALFORMED;
    }
    if (header)
    {
        *header = h;
    }
    if (packet->GetSize() - headerSize < smkd::AES_GCM_TAG_SIZE)
    {
        NS_LOG_DEBUG("drop: " << packet->GetSize() - headerSize << " bytes after the header");
        return SmkdDataStatus::MALFORMED;
    }
    // RFC 4303 §3.4.3: duplicates go before the (costlier) integrity check.
    const SmkdReplayVerdict verdict = m_window.Check(h.GetSequence());
    if (verdict != SmkdReplayVerdict::ACCEPTED)
    {
        NS_LOG_DEBUG("drop: sequence " << h.GetSequence() << " " << verdict);
        return verdict == SmkdReplayVerdict::REPLAY ? SmkdDataStatus::REPLAY
                                                    : SmkdDataStatus::TOO_OLD;
    }
    Bytes bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    const Bytes aad = h.GetAuthenticatedBytes();
    uint8_t nonce[smkd::AES_GCM_NONCE_SIZE];
    // This SA's SPI, not the one received: a packet of another SA fails the
    // tag even under the same key, rather than entering this SA's window.
    Nonce(m_spi, h.GetSequence(), nonce);
    Bytes plain;
    if (!smkd::AesGcmDecrypt(*m_ctx,
                             m_key.data(),
                             nonce,
                             aad.data(),
                             aad.size(),
                             bytes.data() + headerSize,
                             bytes.size() - headerSize,
                             plain))
    {
        NS_LOG_DEBUG("drop: sequence " << h.GetSequence() << " fails the tag");
        return SmkdDataStatus::BAD_TAG;
    }
    // Only an authentic packet may move the window.
    m_window.Update(h.GetSequence());
    payload = plain.empty() ? Create<Packet>() : Create<Packet>(plain.data(), plain.size());
    return SmkdDataStatus::OK;
}

uint32_t
SmkdDataProtector::GetSpi() const
{
    return m_spi;
}

uint64_t
SmkdDataProtector::GetNextSequence() const
{
    return m_next;
}

const SmkdReplayWindow&
SmkdDataProtector::GetReplayWindow() const
{
    return m_window;
}

} // namespace ns3
