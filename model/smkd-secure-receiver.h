/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SECURE_RECEIVER_H
#define SMKD_SECURE_RECEIVER_H

#include "smkd-crypto-types.h"
#include "smkd-data-protector.h"

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <tuple>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Receives protected multicast data of a secure group and counts what
 * opens and what is refused, and why.
 *
 * The SPI in each packet selects the key: a sender key from the host's table
 * (RFC 1949 §8), accepted only from the sender it belongs to, or the group
 * key ring (the current key and, during OldKeyGrace, the previous one). A
 * replay window per sender and SA refuses copies. With RequireSignatures
 * every packet must carry the sender's signature.
 *
 * Rejection reasons: "malformed", "unknown-spi" (never known, or a key
 * already forgotten), "wrong-origin", "bad-tag", "replay", "too-old",
 * "bad-signature". A member that was excluded from the group sees its
 * traffic become "unknown-spi" once the group has new keys.
 *
 * The node needs an SmkdHostAgent; with JoinOnStart the application joins
 * the group through it.
 */
class SmkdSecureReceiver : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \return packets that opened */
    uint64_t GetDelivered() const;

    /**
     * \param reason a rejection reason
     * \return packets refused for it
     */
    uint64_t GetRejected(const std::string& reason) const;

    /** \return packets refused for any reason */
    uint64_t GetRejectedTotal() const;

    /// TracedCallback signature: sender, SPI, sequence number, payload bytes.
    using RxTracedCallback = void (*)(Ipv4Address, uint32_t, uint64_t, uint32_t);
    /// TracedCallback signature: sender, reason.
    using RejectedTracedCallback = void (*)(Ipv4Address, const std::string&);

  private:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void Receive(Ptr<Socket> socket);
    void Process(Ptr<Packet> packet, Ipv4Address from);
    void Open(Ptr<Packet> packet, Ipv4Address from, uint32_t spi);
    void Reject(Ipv4Address from, const std::string& reason);

    Ipv4Address m_group;
    uint16_t m_port;
    uint32_t m_interface;
    bool m_join;
    bool m_requireSignatures;
    Ptr<Socket> m_socket;
    uint64_t m_delivered{0};
    std::map<std::string, uint64_t> m_rejected;
    /// Per sender and SA: the key and its replay window.
    std::map<std::tuple<Ipv4Address, uint32_t>, Ptr<SmkdDataProtector>> m_protectors;
    TracedCallback<Ipv4Address, uint32_t, uint64_t, uint32_t> m_rx;
    TracedCallback<Ipv4Address, const std::string&> m_rejectedTrace;
};

} // namespace ns3

#endif /* SMKD_SECURE_RECEIVER_H */
