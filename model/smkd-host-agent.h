/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_AGENT_H
#define SMKD_HOST_AGENT_H

#include "cbt-core-map.h"
#include "smkd-crypto-types.h"
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
     * \return the installed keys, or nullptr
     */
    const SmkdKeyBundle* GetKeys(Ipv4Address group) const;

    /// TracedCallback signature: group.
    using GroupTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature: group, latency from Join().
    using KeysTracedCallback = void (*)(Ipv4Address, Time);
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
    void Reauthenticate(Ipv4Address group);
    void SignToken(Ipv4Address group, uint32_t interface, Callback<void> then);

    TracedCallback<Ipv4Address> m_joinStarted;
    TracedCallback<Ipv4Address, Time> m_keysInstalled;
    TracedCallback<Ipv4Address, const std::string&> m_refused;
};

} // namespace ns3

#endif /* SMKD_HOST_AGENT_H */
