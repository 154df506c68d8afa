/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CONFINEMENT_AUDIT_H
#define SMKD_CONFINEMENT_AUDIT_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"

#include <set>
#include <string>
#include <vector>

namespace ns3
{

class SmkdKeyBundle;
class SmkdAccessList;

/**
 * \ingroup smkd
 * \brief Who held a group's current keys at one moment.
 */
struct SmkdConfinementEpoch
{
    Time at;                               //!< when it was audited
    uint32_t epoch{0};                     //!< the key epoch in force at the reference
    uint32_t spi{0};                       //!< its SPI
    uint32_t holders{0};                   //!< nodes holding the key
    uint32_t authorized{0};                //!< of them, authorised for it
    uint32_t unauthorized{0};              //!< of them, not authorised: leaks
    std::vector<uint32_t> unauthorizedIds; //!< node ids of the leaks
    uint32_t exposedMembers{0};            //!< members whose keys a compromised router holds
};

/**
 * \ingroup smkd
 * \brief The leak figure: at each key epoch, the nodes that hold the group's
 * current key material without being authorised for it.
 *
 * The reference is the node that makes the keys (the primary core, or the
 * centralized KDC): its bundle is the current one, its access list says
 * which hosts are authorised. A host holds the keys when its agent (or KDC
 * client) has that SPI; a router when its GKDC does; an adversary when its
 * loot has it. Authorised are the hosts the list admits, the reference, and
 * the routers allowed to be GKDCs (every router; in §7 strict mode only
 * cores; under a trusted-router list those it names). Routers declared
 * compromised are never authorised, and while one holds the current key
 * every member holding it counts as exposed (RFC 1949 §7's reason for
 * strict mode).
 *
 * The figure means something only with real, distinct keys: under Modeled
 * crypto no key protects anything, and RSA runs share one pool of keys
 * between identities. IsMeasured says so, with the reason.
 */
class SmkdConfinementAudit : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ~SmkdConfinementAudit() override;

    /**
     * \param nodes every node of the run
     * \param group the group audited
     * \param reference the node holding the reference keys and list
     */
    void Setup(NodeContainer nodes, Ipv4Address group, Ptr<Node> reference);

    /** \param router a router that hands whatever keys it holds to the adversary */
    void AddCompromised(Ptr<Node> router);

    /**
     * \brief Audit after each new key the reference sends (AuditDelay later,
     * when the key has spread), and once more when Finish is called.
     */
    void Start();

    /** \brief Take the final audit. */
    void Finish();

    /** \return an audit of the present moment, not recorded */
    SmkdConfinementEpoch AuditNow() const;

    /** \return the audits taken, in time order */
    const std::vector<SmkdConfinementEpoch>& GetEpochs() const;

    /** \return distinct nodes that held some epoch's current keys unauthorised */
    uint32_t GetUnauthorizedHolders() const;

    /** \return the largest exposure of any audit */
    uint32_t GetExposedMembers() const;

    /**
     * \param why set to the reason when not
     * \return true when the run's crypto makes the figure meaningful
     */
    bool IsMeasured(std::string& why) const;

  protected:
    void DoDispose() override;

  private:
    /// \return the reference keys and list, or false
    bool Reference(const SmkdKeyBundle*& keys, const SmkdAccessList*& acl) const;
    void Record();
    void RekeySent(Ipv4Address group, uint32_t spi);
    void Disconnect();

    Ptr<Object> m_primary;          //!< whose re-keys are audited: SmkdGkdc or SmkdCentralKdc
    std::vector<EventId> m_pending; //!< audits still due

    NodeContainer m_nodes;
    Ipv4Address m_group;
    Ptr<Node> m_reference;
    std::set<uint32_t> m_compromised;
    Time m_delay;
    std::vector<SmkdConfinementEpoch> m_epochs;
    std::set<uint32_t> m_leaked;
};

} // namespace ns3

#endif /* SMKD_CONFINEMENT_AUDIT_H */
