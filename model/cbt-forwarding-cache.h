/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_FORWARDING_CACHE_H
#define SMKD_CBT_FORWARDING_CACHE_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <map>
#include <ostream>
#include <set>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief One child interface of a group's forwarding cache entry (RFC 2189 §3).
 *
 * "A child interface is one over which a member host is directly attached,
 * or one over which a downstream on-tree router is attached."
 */
struct CbtChildInterface
{
    bool hasMembers{false};        //!< member hosts on this link (this router is its DR)
    std::set<Ipv4Address> routers; //!< downstream routers whose joins were acked here
    EventId cacheDeletionTimer;    //!< §4.4.2 [CACHE_DEL_TIMER] after a multicast quit
};

/**
 * \ingroup smkd
 * \brief The forwarding cache entry of one group: parent and child interfaces.
 */
struct CbtForwardingEntry
{
    Ipv4Address group;                              //!< the group
    Ipv4Address core;                               //!< the core the tree is rooted at
    bool isCore{false};                             //!< this router is that core: no parent
    int32_t parentInterface{-1};                    //!< upstream interface, -1 at the core
    Ipv4Address parentAddress;                      //!< upstream router, the source of the JOIN_ACK
    std::map<uint32_t, CbtChildInterface> children; //!< child interfaces by index
    EventId expiry;   //!< §4.6.2 [GROUP_EXPIRE_TIME], refreshed by ECHO_REPLY
    Time onTreeSince; //!< when the entry was created

    /**
     * \param interface an interface index
     * \return true if \p interface is the parent or a child
     */
    bool IsTreeInterface(uint32_t interface) const;

    /**
     * \param interface an interface index
     * \return true if \p interface is a child interface
     */
    bool IsChild(uint32_t interface) const;

    /** \return parent (if any) and child interfaces, each once */
    std::vector<uint32_t> TreeInterfaces() const;
};

/**
 * \ingroup smkd
 * \brief A join that reached this router from downstream and awaits its JOIN_ACK.
 */
struct CbtDownstreamJoin
{
    uint32_t interface;      //!< where the JOIN_REQUEST arrived
    Ipv4Address previousHop; //!< its IP source
    Ipv4Address originator;  //!< the DR that originated it
};

/**
 * \ingroup smkd
 * \brief Transient join state <group, downstream, upstream> (RFC 2189 §4.2).
 *
 * At the router that originated the join, the downstream list holds no entry
 * for the originator itself ("NULL downstream interface"), and the router
 * retransmits every [RTX_INTERVAL] until [JOIN_TIMEOUT]. Elsewhere the state
 * lives for [TRANSIENT_TIMEOUT]. Joins that arrive for a group while its
 * state exists are added to the downstream list and acked with the first.
 */
struct CbtTransientEntry
{
    Ipv4Address group;                         //!< the group
    Ipv4Address core;                          //!< the target core
    uint32_t upstreamInterface{0};             //!< where the JOIN_REQUEST went
    Ipv4Address upstreamNextHop;               //!< next hop towards the core
    bool originated{false};                    //!< this router originated the join
    std::vector<CbtDownstreamJoin> downstream; //!< joins to ack when the ack arrives
    EventId timeout;                           //!< TRANSIENT_TIMEOUT or JOIN_TIMEOUT
    EventId retransmission;                    //!< RTX_INTERVAL, originator only
    Time started;                              //!< when the join was first sent
    uint32_t transmissions{0};                 //!< JOIN_REQUEST copies sent (originator)
};

/**
 * \ingroup smkd
 * \brief A CBT router's group state: forwarding cache and transient join state.
 */
class CbtForwardingCache
{
  public:
    /**
     * \param group a group
     * \return its forwarding entry, or nullptr when not on-tree
     */
    CbtForwardingEntry* Find(Ipv4Address group);

    /** \copydoc Find */
    const CbtForwardingEntry* Find(Ipv4Address group) const;

    /**
     * \param group a group without an entry
     * \return a new, empty entry for it
     */
    CbtForwardingEntry& Create(Ipv4Address group);

    /**
     * \brief Remove a group's entry, cancelling its timers.
     * \param group the group
     */
    void Remove(Ipv4Address group);

    /**
     * \param group a group
     * \return its transient state, or nullptr
     */
    CbtTransientEntry* FindTransient(Ipv4Address group);

    /**
     * \param group a group without transient state
     * \return new transient state for it
     */
    CbtTransientEntry& CreateTransient(Ipv4Address group);

    /**
     * \brief Remove a group's transient state, cancelling its timers.
     * \param group the group
     */
    void RemoveTransient(Ipv4Address group);

    /** \return all forwarding entries, by group */
    const std::map<Ipv4Address, CbtForwardingEntry>& GetEntries() const;

    /** \return all transient state, by group */
    const std::map<Ipv4Address, CbtTransientEntry>& GetTransient() const;

    /** \return groups whose parent is \p interface */
    std::vector<Ipv4Address> GroupsWithParent(uint32_t interface) const;

    /** \return groups for which \p interface is a child */
    std::vector<Ipv4Address> GroupsWithChild(uint32_t interface) const;

    /**
     * \brief Size of the state as an implementation would store it: per entry
     * group, core, parent (interface and address) and 4 bytes per child
     * interface and per child router; per transient entry group, core,
     * interfaces, next hop and 12 bytes per cached downstream join.
     * \return bytes
     */
    uint32_t GetStateBytes() const;

    /**
     * \brief Print the forwarding cache and the transient state.
     * \param os the stream
     * \param unit time unit for ages
     */
    void Print(std::ostream& os, Time::Unit unit) const;

    /** \brief Cancel every timer and drop all state. */
    void Clear();

  private:
    std::map<Ipv4Address, CbtForwardingEntry> m_entries;
    std::map<Ipv4Address, CbtTransientEntry> m_transient;
};

} // namespace ns3

#endif /* SMKD_CBT_FORWARDING_CACHE_H */
