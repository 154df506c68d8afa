/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_ADVERSARY_H
#define SMKD_ADVERSARY_H

#include "cbt-core-map.h"
#include "smkd-crypto-types.h"
#include "smkd-key-bundle.h"

#include "ns3/application.h"
#include "ns3/ipv4-header.h"
#include "ns3/net-device.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief What every adversary model shares: it hears everything on its
 * node's links and keeps the group keys it manages to obtain.
 *
 * An adversary is an ordinary host (it has its own certified host key, as
 * any member or non-member of the Internet would) running this application.
 * Its devices are put in promiscuous mode: on a LAN it hears every frame,
 * the members' reports and the keys delivered to them included. What it
 * obtains is its loot: every key bundle it could read, by group and SPI.
 * The confinement audit counts an adversary holding a current key as a leak.
 */
class SmkdAdversary : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdAdversary();
    ~SmkdAdversary() override;

    /** \param cores the group-to-core mapping (who is primary core) */
    void SetCoreMap(Ptr<CbtCoreMap> cores);

    /**
     * \param group a group
     * \param spi an SPI
     * \return the bundle obtained under \p spi, or nullptr
     */
    const SmkdKeyBundle* GetLoot(Ipv4Address group, uint32_t spi) const;

    /** \return key bundles obtained, over all groups */
    uint32_t GetLootCount() const;

    /** \return the group this adversary attacks */
    Ipv4Address GetGroup() const;

    /// TracedCallback signature: group, SPI obtained, how.
    using KeysTracedCallback = void (*)(Ipv4Address, uint32_t, const std::string&);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

    /**
     * \brief An IPv4 packet heard on one of the node's links.
     * \param ip its IP header
     * \param payload the IP payload (a copy)
     * \param device where it was heard
     */
    virtual void Heard(const Ipv4Header& ip, Ptr<Packet> payload, Ptr<NetDevice> device) = 0;

    /**
     * \brief Keep a bundle obtained; fires KeysObtained when it is new.
     * \param bundle the keys
     * \param how what obtained them
     */
    void Take(const SmkdKeyBundle& bundle, const std::string& how);

    /**
     * \brief Try to open \p sealed with this host's key; a core-signed bundle
     * inside is taken.
     * \param sealed {[bundle]^SK_core}^PK_someone
     * \param how what obtained it, if it opens
     */
    void OpenAndTake(const Bytes& sealed, const std::string& how);

    /** \return the primary core of the attacked group, or 0.0.0.0 */
    Ipv4Address PrimaryCore() const;

    /** \return this node's address on its first interface */
    Ipv4Address OwnAddress() const;

    Ipv4Address m_group; //!< the attacked group

  private:
    void Sniff(Ptr<NetDevice> device,
               Ptr<const Packet> packet,
               uint16_t protocol,
               const Address& from,
               const Address& to,
               NetDevice::PacketType type);

    Ptr<CbtCoreMap> m_cores;
    bool m_listening{false};
    std::map<Ipv4Address, std::map<uint32_t, SmkdKeyBundle>> m_loot;
    TracedCallback<Ipv4Address, uint32_t, const std::string&> m_keysObtained;
};

} // namespace ns3

#endif /* SMKD_ADVERSARY_H */
