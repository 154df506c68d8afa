/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_DATA_PROTECTOR_H
#define SMKD_DATA_PROTECTOR_H

#include "smkd-crypto-types.h"
#include "smkd-data-header.h"
#include "smkd-openssl.h"
#include "smkd-replay-window.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <ostream>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Outcome of opening a protected data packet.
 */
enum class SmkdDataStatus : uint8_t
{
    OK,        //!< authentic and new: the payload is returned
    MALFORMED, //!< the header does not parse, or the packet is shorter than a tag
    REPLAY,    //!< the sequence number was already received
    TOO_OLD,   //!< the sequence number is left of the replay window
    BAD_TAG,   //!< the tag does not verify: tampered, or another key or SA
};

/**
 * \param s a status
 * \return its short name, e.g. "bad-tag"
 */
const char* SmkdDataStatusName(SmkdDataStatus s);

std::ostream& operator<<(std::ostream& os, SmkdDataStatus s);

/**
 * \ingroup smkd
 * \brief Seals and opens the data packets of one security association
 * (one SPI, one AES-256 key, one sender): AES-256-GCM with an anti-replay window.
 *
 * A sealed packet is SmkdDataHeader | ciphertext | 16-byte tag. The tag
 * covers the payload and the header's end-to-end bytes
 * (SmkdDataHeader::GetAuthenticatedBytes: everything but the hop-by-hop
 * packet handle, which routers rewrite).
 *
 * Nonce: be32(SPI) | be64(sequence number), 12 bytes. GCM loses both
 * confidentiality and integrity if a nonce repeats under a key, so:
 * the sender numbers its packets 1, 2, 3, ... and never wraps (64 bits;
 * sealing stops at the last number), and an SPI has a single sender. Senders
 * that share a group key therefore need distinct SPIs; RFC 6054 solves the
 * same problem for group ESP with sender ids in the IV.
 *
 * Receiving: parse, replay check, decrypt, and only then record the number
 * in the window (RFC 4303 §3.4.3), so forged packets cannot move it. The
 * receiver builds the nonce from its own SPI: a packet of another SA fails
 * the tag (BAD_TAG) even under the same key.
 */
class SmkdDataProtector : public SimpleRefCount<SmkdDataProtector>
{
  public:
    /**
     * \param spi the SA's security parameter index
     * \param key its AES-256 key (32 bytes)
     * \param replayWindow size of the receiver's anti-replay window
     * \param ctx OpenSSL context to share; null makes a private one
     * \throws std::invalid_argument for a key that is not 32 bytes or a window of 0
     */
    SmkdDataProtector(uint32_t spi,
                      const Bytes& key,
                      uint32_t replayWindow = SmkdReplayWindow::DEFAULT_SIZE,
                      Ptr<smkd::OpenSslContext> ctx = nullptr);

    /**
     * \brief Seal a payload with the next sequence number.
     * \param payload the plaintext packet (only its bytes are used)
     * \return header | ciphertext | tag, without a packet handle
     * \throws std::runtime_error when the sequence numbers are used up (rekey first)
     */
    Ptr<Packet> Seal(Ptr<const Packet> payload);

    /**
     * \brief Authenticate and decrypt a sealed packet.
     * \param packet header | ciphertext | tag
     * \param payload receives the plaintext packet when the status is OK
     * \param header receives the parsed header when it parsed (may be null)
     * \return OK or why the packet was dropped
     */
    SmkdDataStatus Open(Ptr<const Packet> packet,
                        Ptr<Packet>& payload,
                        SmkdDataHeader* header = nullptr);

    /** \return the SPI */
    uint32_t GetSpi() const;

    /** \return the sequence number the next Seal uses */
    uint64_t GetNextSequence() const;

    /** \return the receiver's anti-replay window */
    const SmkdReplayWindow& GetReplayWindow() const;

  private:
    /** \brief Fill \p nonce (12 bytes): be32(spi) | be64(seq). */
    static void Nonce(uint32_t spi, uint64_t seq, uint8_t* nonce);

    uint32_t m_spi;                  //!< SPI
    Bytes m_key;                     //!< AES-256 key
    uint64_t m_next{1};              //!< next sequence number to send; 0 once used up
    SmkdReplayWindow m_window;       //!< received sequence numbers
    Ptr<smkd::OpenSslContext> m_ctx; //!< AES-GCM context
};

} // namespace ns3

#endif /* SMKD_DATA_PROTECTOR_H */
