/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GKDC_H
#define SMKD_GKDC_H

#include "smkd-access-list.h"
#include "smkd-crypto-types.h"
#include "smkd-key-bundle.h"
#include "smkd-management-message.h"

#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>

namespace ns3
{

class SmkdCryptoEngine;

/**
 * \ingroup smkd
 * \brief What a group key distribution centre holds for one group (RFC 1949 §6.2).
 */
struct SmkdGroupKeys
{
    SmkdAccessList acl;                    //!< the group access control list
    SmkdSignedBlob coreAcl;                //!< [ACL]^SK_core
    std::optional<SmkdAccessList> trusted; //!< the trusted-router list, if any
    SmkdKeyBundle bundle;                  //!< grpKey, KEK, SAparams
    SmkdSignedBlob coreBundle;             //!< [grpKey, KEK, SAparams]^SK_core
    bool primary{false};                   //!< this router is the primary core
};

/**
 * \ingroup smkd
 * \brief A router's role as group key distribution centre (GKDC), RFC 1949 §6.
 *
 * At a group's primary core it receives the initiator's signed access list
 * (UDP port 1949), verifies it, creates the group key, the key-encrypting key
 * and the SA parameters, signs the list and the keys with the core's key, and
 * so becomes the group's first GKDC (§6.1). Routers that receive keys in a
 * group access package become GKDCs too; that path arrives with the secure
 * join.
 *
 * The node needs an SmkdCryptoEngine and a CbtRoutingProtocol (whose core
 * mapping says which groups this router is primary core of).
 */
class SmkdGkdc : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdGkdc();

    /**
     * \param group a group
     * \return true when this router holds the group's keys
     */
    bool IsGkdc(Ipv4Address group) const;

    /**
     * \param group a group
     * \return the keys and lists held for it, or nullptr
     */
    const SmkdGroupKeys* GetGroupKeys(Ipv4Address group) const;

    /** \return access lists refused so far */
    uint64_t GetRejectedCount() const;

    /// TracedCallback signature: group.
    using GroupTracedCallback = void (*)(Ipv4Address);
    /// TracedCallback signature: group, reason.
    using RejectedTracedCallback = void (*)(Ipv4Address, const std::string&);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    void Receive(Ptr<Socket> socket);
    void HandleSubmission(const SmkdManagementMessage& m, Address from);
    void Verified(SmkdManagementMessage m,
                  Address from,
                  SmkdSignedBlob acl,
                  std::optional<SmkdSignedBlob> trusted,
                  bool ok);
    void CreateKeys(const SmkdManagementMessage& m,
                    Address from,
                    SmkdAccessList acl,
                    std::optional<SmkdAccessList> trusted);
    void Answer(const SmkdManagementMessage& m,
                Address to,
                SmkdManagementMessage::Type type,
                const std::string& reason = "");
    bool IsPrimaryCore(Ipv4Address group) const;
    Ipv4Address OwnAddress() const;

    Ptr<Socket> m_socket;
    std::map<Ipv4Address, SmkdGroupKeys> m_groups;
    std::map<Ipv4Address, bool> m_inProgress; //!< submissions being verified, by group
    uint32_t m_keyLifetime;
    uint64_t m_rejected{0};

    TracedCallback<Ipv4Address> m_gkdcGained;
    TracedCallback<Ipv4Address, const std::string&> m_aclRejected;
};

} // namespace ns3

#endif /* SMKD_GKDC_H */
