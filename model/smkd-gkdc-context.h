/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GKDC_CONTEXT_H
#define SMKD_GKDC_CONTEXT_H

#include "smkd-exclusion-strategy.h"
#include "smkd-group-keys.h"
#include "smkd-key-delivery.h"
#include "smkd-key-tree-rekey.h"
#include "smkd-token.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class CbtRoutingProtocol;
class Ipv4;
class SmkdCryptoEngine;
class SmkdExclusion;
class SmkdLkhExclusion;
class SmkdRekeying;
class SmkdSecureJoin;
class SmkdSenderRegistration;

/**
 * \ingroup smkd
 * \brief SmkdGkdc's attributes, read where the attribute system stores them:
 * a scenario may set one (StrictCoreOnly) after installation.
 */
struct SmkdGkdcSettings
{
    const Time& keyLifetime;        //!< KeyLifetime
    const Time& rekeyLead;          //!< RekeyLeadTime
    const Time& recoveryMargin;     //!< RekeyRecoveryMargin
    const int& exclusion;           //!< ExclusionStrategy, an SmkdExclusionStrategy
    const uint32_t& lkhDegree;      //!< LkhDegree
    const bool& strict;             //!< StrictCoreOnly
    const bool& packetHandles;      //!< PacketHandles
    const Time& tokenWindow;        //!< TokenWindow
    const Time& transactionTimeout; //!< TransactionTimeout
    const uint32_t& hostJoinBurst;  //!< HostJoinBurst
    const double& hostJoinRate;     //!< HostJoinRate
};

/**
 * \ingroup smkd
 * \brief SmkdGkdc's trace sources: its TypeId names them, and the concern
 * that sees the event fires it.
 */
struct SmkdGkdcTraces
{
    /// JoinRefused: group, host, reason
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&>& joinRefused;
    /// JoinAnswered: group, host
    TracedCallback<Ipv4Address, Ipv4Address>& joinAnswered;
    /// SecurityBytes: message kind, bytes of security payload
    TracedCallback<const std::string&, uint32_t>& securityBytes;
    /// PacketHandleAgreed: group, interface, neighbour
    TracedCallback<Ipv4Address, uint32_t, Ipv4Address>& handleAgreed;
    /// GkdcRoleGained: group
    TracedCallback<Ipv4Address>& gkdcGained;
    /// GkdcRoleLost: group
    TracedCallback<Ipv4Address>& gkdcLost;
    /// RekeySent: group, SPI
    TracedCallback<Ipv4Address, uint32_t>& rekeySent;
    /// KeysUpdated: group, SPI
    TracedCallback<Ipv4Address, uint32_t>& keysUpdated;
    /// SenderRegistered: group, sender, SPI
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t>& senderRegistered;
    /// SenderRefused: group, sender, reason
    TracedCallback<Ipv4Address, Ipv4Address, const std::string&>& senderRefused;
    /// ExclusionStarted: group, member
    TracedCallback<Ipv4Address, Ipv4Address>& exclusionStarted;
    /// LkhRekeySent: group, key tree re-key, wire bytes
    TracedCallback<Ipv4Address, const SmkdKeyTreeRekey&, const Bytes&>& lkhRekeySent;
    /// AclRejected: group, reason
    TracedCallback<Ipv4Address, const std::string&>& aclRejected;
};

/**
 * \ingroup smkd
 * \brief A host a router, as its DR, delivered keys to.
 */
struct SmkdServedHost
{
    uint32_t interface {
        0
    };                 //!< its member link
    uint64_t token{0}; //!< the random number of the token it was admitted with
    Bytes tokenBytes;  //!< that token: a request to join again names it
};

/**
 * \ingroup smkd
 * \brief What the concerns of a router's GKDC role share: the group key
 * state, the node's services, the configuration, and each other.
 *
 * SmkdGkdc owns one, and one object per concern (group creation, secure
 * join, re-keying, exclusion, the key tree, sender registration); each
 * concern keeps its own state and reads and changes the shared state here.
 */
class SmkdGkdcContext
{
  public:
    /**
     * \param node an object aggregated to the router's node
     * \param settings the attributes
     * \param traces the trace sources
     */
    SmkdGkdcContext(const Object& node, SmkdGkdcSettings settings, SmkdGkdcTraces traces);

    /** \return the node's crypto engine, or nullptr */
    Ptr<SmkdCryptoEngine> Engine() const;
    /** \return the node's CBT router, or nullptr */
    Ptr<CbtRoutingProtocol> Cbt() const;
    /** \return the node's IPv4 stack, or nullptr */
    Ptr<Ipv4> Ip() const;
    /** \return the router's own address, its identity in the key directory */
    Ipv4Address OwnAddress() const;

    /** \return the configured exclusion strategy */
    SmkdExclusionStrategy Strategy() const;

    /**
     * \param group a group
     * \return true when its joins are secure joins (SmkdGkdc::AddSecureGroups)
     */
    bool IsSecureGroup(Ipv4Address group) const;
    /**
     * \param group a group
     * \return true when this router is its primary core
     */
    bool IsPrimaryCore(Ipv4Address group) const;
    /**
     * \param group a group
     * \return true when this router is one of its cores
     */
    bool IsCoreOf(Ipv4Address group) const;
    /**
     * \param group a group
     * \return its primary core, or 0.0.0.0 when the core map has none
     */
    Ipv4Address PrimaryCoreOf(Ipv4Address group) const;
    /**
     * \param group a group
     * \return true when this router answers the group's joins itself
     */
    bool ActsAsGkdc(Ipv4Address group) const;
    /**
     * \param group a group
     * \return true when the keys held are near expiry with no successor: a missed re-key
     */
    bool KeysStale(Ipv4Address group) const;
    /**
     * \param group a group
     * \param router a neighbour
     * \return true when \p router may be given the group's keys (§6.1, §7)
     */
    bool GivesKeysTo(Ipv4Address group, Ipv4Address router) const;
    /**
     * \param group a group
     * \return the epoch of the newest revocation taken, 0 when none
     */
    uint32_t EpochFloor(Ipv4Address group) const;
    /**
     * \param group a group
     * \return the keys held for it, or nullptr
     */
    const SmkdGroupKeys* Keys(Ipv4Address group) const;

    /**
     * \brief Sign \p d as this router and send it to \p host's agent.
     * \param d the delivery
     * \param host its recipient
     * \param kind its name in the SecurityBytes trace
     */
    void SendDelivery(SmkdKeyDelivery d, Ipv4Address host, const std::string& kind);

    /**
     * \brief Count a group key message dropped as malformed, unknown or forged.
     * \param why the reason, logged
     */
    void DropKeyMessage(const std::string& why);

    const SmkdGkdcSettings settings; //!< the attributes
    const SmkdGkdcTraces traces;     //!< the trace sources

    /// The keys and lists held, by group.
    std::map<Ipv4Address, SmkdGroupKeys> groups;
    /// Per group, the epoch of the newest revocation taken: keys of lower
    /// epochs were revoked and are never taken again (a JOIN_ACK in flight
    /// from before an exclusion, a replayed bundle). Kept when the keys go.
    std::map<Ipv4Address, uint32_t> epochFloor;
    /// Secure group prefixes and masks.
    std::vector<std::pair<Ipv4Address, Ipv4Mask>> secureGroups;
    /// Hosts served as their DR: group -> host.
    std::map<Ipv4Address, std::map<Ipv4Address, SmkdServedHost>> served;
    /// Hosts this GKDC answered through routers that hold no keys (§7 strict
    /// mode, trusted-router lists), by group: no GKDC below can re-key them
    /// after an exclusion, so this one seals the new keys for them itself.
    std::map<Ipv4Address, std::set<Ipv4Address>> keylessServed;
    /// At the primary: groups whose next keys are being signed. One change of
    /// a group's keys at a time, re-key or exclusion.
    std::set<Ipv4Address> keyChange;
    /// Tokens verified here (hosts', routers', senders'), so that copies are refused.
    SmkdTokenChecker tokenChecker{Seconds(30)};
    Ptr<Socket> socket;             //!< management messages and key deliveries (UDP 1949)
    Ptr<Socket> groupKeySocket;     //!< group key messages
    uint64_t droppedKeyMessages{0}; //!< group key messages dropped here

    SmkdSecureJoin* secureJoin{nullptr};      //!< the secure join concern
    SmkdRekeying* rekeying{nullptr};          //!< the re-keying concern
    SmkdExclusion* exclusion{nullptr};        //!< the exclusion concern
    SmkdLkhExclusion* lkh{nullptr};           //!< the key tree concern
    SmkdSenderRegistration* senders{nullptr}; //!< the sender registration concern

  private:
    const Object& m_node; //!< reaches the node's other objects
};

} // namespace ns3

#endif /* SMKD_GKDC_CONTEXT_H */
