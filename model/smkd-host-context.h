/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_HOST_CONTEXT_H
#define SMKD_HOST_CONTEXT_H

#include "cbt-core-map.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>

namespace ns3
{

class IgmpHost;
class Ipv4;
class SmkdCryptoEngine;
class SmkdHostJoin;
class SmkdHostKeyRing;
class SmkdHostLkh;
class SmkdHostSender;

/**
 * \ingroup smkd
 * \brief SmkdHostAgent's attributes, read where the attribute system stores them.
 */
struct SmkdHostSettings
{
    const Time& oldKeyGrace;            //!< OldKeyGrace
    const Time& recoveryMargin;         //!< RekeyRecoveryMargin
    const Time& senderRequestTimeout;   //!< SenderRequestTimeout
    const uint32_t& senderRequestTries; //!< SenderRequestTransmissions
};

/**
 * \ingroup smkd
 * \brief SmkdHostAgent's trace sources: its TypeId names them, and the
 * concern that sees the event fires it.
 */
struct SmkdHostTraces
{
    TracedCallback<Ipv4Address>& joinStarted;                               //!< JoinStarted
    TracedCallback<Ipv4Address>& left;                                      //!< Left
    TracedCallback<Ipv4Address, Time>& keysInstalled;                       //!< KeysInstalled
    TracedCallback<Ipv4Address, const std::string&>& refused;               //!< JoinRefused
    TracedCallback<Ipv4Address, uint32_t>& rekeyInstalled;                  //!< RekeyInstalled
    TracedCallback<Ipv4Address, uint32_t>& lkhKeysUpdated;                  //!< LkhKeysUpdated
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t>& senderKeyReady;     //!< SenderKeyReady
    TracedCallback<Ipv4Address, Ipv4Address, uint32_t>& senderKeyInstalled; //!< SenderKeyInstalled
    TracedCallback<Ipv4Address, const std::string&>& senderRefused;         //!< SenderRefused
};

/**
 * \ingroup smkd
 * \brief What the concerns of a host's agent share: the node's services, the
 * groups joined, the configuration, and each other.
 *
 * SmkdHostAgent owns one, and one object per concern: the join
 * (SmkdHostJoin), the keys held (SmkdHostKeyRing), the key tree of the Lkh
 * strategy (SmkdHostLkh) and sender keys (SmkdHostSender).
 */
class SmkdHostContext
{
  public:
    /**
     * \param node an object aggregated to the host's node
     * \param settings the attributes
     * \param traces the trace sources
     */
    SmkdHostContext(const Object& node, SmkdHostSettings settings, SmkdHostTraces traces);

    /** \return the node's crypto engine, or nullptr */
    Ptr<SmkdCryptoEngine> Engine() const;
    /** \return the node's IPv4 stack, or nullptr */
    Ptr<Ipv4> Ip() const;
    /** \return the node's IGMP host, or nullptr */
    Ptr<IgmpHost> Igmp() const;

    /**
     * \param group a group
     * \return its primary core (the first of the core map), or 0.0.0.0
     */
    Ipv4Address PrimaryCore(Ipv4Address group) const;

    /**
     * \param group a group
     * \return true while the host is a member (joined, not left)
     */
    bool IsJoined(Ipv4Address group) const;

    /**
     * \brief Count a key message dropped as malformed, unknown or forged.
     * \param why the reason, logged
     */
    void DropKeyMessage(const std::string& why);

    const SmkdHostSettings settings; //!< the attributes
    const SmkdHostTraces traces;     //!< the trace sources

    Ptr<CbtCoreMap> cores;                      //!< the group-to-core mapping
    std::map<Ipv4Address, uint32_t> interfaces; //!< the interface each group was joined on
    Ptr<Socket> deliverySocket;                 //!< key deliveries from the DR
    Ptr<Socket> groupKeySocket;                 //!< group key messages, and sender keys sent
    Ptr<Socket> senderSocket;                   //!< sender-key requests and answers
    uint64_t droppedKeyMessages{0};             //!< key messages dropped here

    SmkdHostJoin* join{nullptr};       //!< the join concern
    SmkdHostKeyRing* keyRing{nullptr}; //!< the keys held
    SmkdHostLkh* lkh{nullptr};         //!< the key tree concern
    SmkdHostSender* senders{nullptr};  //!< the sender key concern

  private:
    const Object& m_node; //!< reaches the node's other objects
};

} // namespace ns3

#endif /* SMKD_HOST_CONTEXT_H */
