/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_AGENT_H
#define SMKD_HOST_AGENT_H

#include "cbt-core-map.h"
#include "smkd-crypto-types.h"
#include "smkd-group-key-message.h"
#include "smkd-key-bundle.h"
#include "smkd-key-delivery.h"
#include "smkd-token.h"

#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A host's side of the RFC 1949 secure join.
 *
 * Join() signs a host token ([t, r]^SK_h, no recipient: §6.2) and hands it
 * to the node's IgmpHost, whose reports then carry it (Appendix B). The DR
 * answers on UDP port SmkdKeyDelivery::PORT with the key bundle sealed for
 * this host and signed by the group's primary core; the agent opens it,
 * checks the core's signature and installs the security association. The
 * join latency runs from Join() to that moment.
 *
 * The node needs an IgmpHost and an SmkdCryptoEngine (SmkdHelper::InstallHosts).
 */
class SmkdHostAgent : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /** \param cores the group-to-core mapping (the primary core signs the keys) */
    void SetCoreMap(Ptr<CbtCoreMap> cores);

    /**
     * \brief Join \p group securely on \p interface for \p socket.
     * \param socket the application's socket
     * \param interface the interface index
     * \param group the group
     */
    void Join(Ptr<Socket> socket, uint32_t interface, Ipv4Address group);

    /**
     * \param group a group
     * \return the newest installed keys (possibly not yet active), or nullptr
     */
    const SmkdKeyBundle* GetKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \return the keys to send with now: the newest whose activation time has
     * come, or nullptr
     */
    const SmkdKeyBundle* GetActiveKeys(Ipv4Address group) const;

    /**
     * \param group a group
     * \param spi an SPI
     * \return the keys of that security association while they are held
     * (until OldKeyGrace after their successor took effect), or nullptr
     */
    const SmkdKeyBundle* GetKeysBySpi(Ipv4Address group, uint32_t spi) const;

    /** \return group key messages dropped as malformed, unknown or forged */
    uint64_t GetDroppedKeyMessages() const;

    /// TracedCallback signature: group.
    using GroupTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature: group, latency from Join().
    using KeysTracedCallback = void (*)(Ipv4Address, Time);
    /// TracedCallback signature: group, SPI of the new key.
    using RekeyTracedCallback = void (*)(Ipv4Address, uint32_t);
    /// TracedCallback signature: group, reason.
    using RefusedTracedCallback = void (*)(Ipv4Address, const std::string&);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    struct Pending
    {
        SmkdToken token;
        Bytes tokenBytes;
        Time started;
        bool recovery{false}; //!< fetching a missed re-key, not joining
    };

    std::vector<uint8_t> TokenFor(Ipv4Address group, uint32_t interface);
    void Receive(Ptr<Socket> socket);
    void Delivered(SmkdKeyDelivery d);
    void Opened(Ipv4Address group, bool ok, Bytes plaintext);

    Ptr<CbtCoreMap> m_cores;
    Ptr<Socket> m_socket;
    std::map<Ipv4Address, Pending> m_pending;
    std::map<Ipv4Address, SmkdKeyBundle> m_keys;
    std::map<Ipv4Address, Bytes> m_tokens;        //!< the token of the latest join, by group
    std::map<Ipv4Address, uint32_t> m_interfaces; //!< the interface each group was joined on
    void Reauthenticate(Ipv4Address group, bool recovery);
    void SignToken(Ipv4Address group, uint32_t interface, bool recovery, Callback<void> then);

    // Re-keying, RFC 1949 §6.1: smkd-host-rekey.cc
    void Install(const SmkdKeyBundle& bundle);
    void CheckRekeyArrived(Ipv4Address group, uint32_t spi);
    void Forget(Ipv4Address group, uint64_t before);
    void ReceiveGroupKeyMessage(Ptr<Socket> socket);
    void RekeyOpened(SmkdGroupKeyMessage m, bool ok, Bytes plaintext);
    void DropKeyMessage(const std::string& why);

    Ptr<Socket> m_groupKeySocket;
    /// Security associations held, by group and SPI: the newest and those still in their grace.
    std::map<Ipv4Address, std::map<uint32_t, SmkdKeyBundle>> m_ring;
    std::map<Ipv4Address, EventId> m_rekeyChecks;
    Time m_oldKeyGrace;
    Time m_recoveryMargin;
    uint64_t m_droppedKeyMessages{0};
    TracedCallback<Ipv4Address, uint32_t> m_rekeyInstalled;

    TracedCallback<Ipv4Address> m_joinStarted;
    TracedCallback<Ipv4Address, Time> m_keysInstalled;
    TracedCallback<Ipv4Address, const std::string&> m_refused;
};

} // namespace ns3

#endif /* SMKD_HOST_AGENT_H */
