/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SECURE_TREE_H
#define SMKD_SECURE_TREE_H

#include "cbt-test-network.h"

#include "ns3/error-model.h"
#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-helper.h"
#include "ns3/smkd-secure-receiver.h"
#include "ns3/smkd-secure-sender.h"

#include <map>
#include <vector>

namespace ns3
{
namespace smkd
{
namespace test
{

/// Drops every frame carrying UDP to the group-key port.
class GroupKeyDropper : public ErrorModel
{
  public:
    static TypeId GetTypeId();

    /// \param linkHeader bytes before the IP header: 2 (PPP) or 14 (Ethernet)
    void SetLinkHeader(uint32_t linkHeader);

    /** \return frames dropped */
    uint32_t Dropped() const;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    uint32_t m_linkHeader{2};
    uint32_t m_dropped{0};
};

/// Key lifetimes short enough for tests to see re-keys.
/**
 * \brief Make \p group secure on a finished CbtTestNetwork, as a test
 * fixture needs it: a GKDC on every router, an agent on every host, and the
 * initiator's inclusion list of \p listed submitted to \p core at 1 s.
 * \param net the network (Finish called, \p group's core set)
 * \param smkd the helper to install with
 * \param group the group
 * \param core the primary core (a router of \p net)
 * \param initiator the initiator (a host of \p net)
 * \param listed the hosts the list names
 * \param mode INCLUSION: \p listed are admitted; EXCLUSION: all but \p listed
 * \return the initiator's application
 */
Ptr<SmkdGroupInitiator> SecureGroup(CbtTestNetwork& net,
                                    SmkdHelper& smkd,
                                    Ipv4Address group,
                                    uint32_t core,
                                    uint32_t initiator,
                                    const std::vector<uint32_t>& listed,
                                    SmkdAccessList::Mode mode = SmkdAccessList::Mode::INCLUSION);

struct SecureTreeTiming
{
    uint32_t lifetimeSeconds{20};
    Time lead{Seconds(5)};
    Time margin{Seconds(2)};
};

/**
 * A secure group on a small tree, members joined at 3.0, 3.2 and 3.4 s:
 * \verbatim
              core [initiator]
             /    \
           r1      r2
           |        |  (branch link)
          dr1      dr2
       [a1, a2]   [b1, sender, rogue]
   \endverbatim
 * "sender" is on the access list but does not join (a non-member sender);
 * "rogue" is on neither.
 */
struct SecureTree
{
    /// The group (inline, so that other files' statics may copy it).
    static inline const Ipv4Address GROUP{"232.19.49.20"};

    CbtTestNetwork net;
    uint32_t core{0};
    uint32_t r1{0};
    uint32_t r2{0};
    uint32_t dr1{0};
    uint32_t dr2{0};
    std::vector<uint32_t> members; //!< a1, a2, b1
    uint32_t sender{0};
    uint32_t rogue{0};
    uint32_t initiator{0};
    NetDeviceContainer branch;
    SmkdHelper smkd;
    SecureTreeTiming timing;

    /// Per member: when each re-keyed SPI was installed.
    std::map<uint32_t, std::vector<std::pair<Time, uint32_t>>> installed;
    /// Re-keys the primary core sent: when, new SPI.
    std::vector<std::pair<Time, uint32_t>> sent;
    /// Copies of group key messages forwarded on the tree, one per link crossed.
    uint32_t copiesOnTree{0};

    /**
     * \param t the key timers
     * \param listMode INCLUSION: the list names the members and the sender;
     * EXCLUSION: an open list that names the rogue only
     */
    explicit SecureTree(SecureTreeTiming t = SecureTreeTiming(),
                        SmkdAccessList::Mode listMode = SmkdAccessList::Mode::INCLUSION);
    ~SecureTree();

    Ptr<SmkdHostAgent> Agent(uint32_t h) const;
    Ptr<SmkdGkdc> Gkdc(uint32_t r) const;
    /** \return when the primary core's first keys take effect */
    Time FirstActivation() const;

    /**
     * \brief A receiver of protected group data on host \p h, whose agent
     * joins on its own (the fixture's members are joined already).
     * \param h a host index
     * \param start when it starts
     * \return the receiver
     */
    Ptr<SmkdSecureReceiver> AddReceiver(uint32_t h, Time start) const;

    /**
     * \brief A sender of protected group data on host \p h.
     * \param h a host index
     * \param start when it starts
     * \param packets how many it sends
     * \param senderKey under its own sender key (else the group key)
     * \param interval between packets
     * \return the sender
     */
    Ptr<SmkdSecureSender> AddSender(uint32_t h,
                                    Time start,
                                    uint32_t packets,
                                    bool senderKey,
                                    Time interval = MilliSeconds(100)) const;
};

} // namespace test
} // namespace smkd
} // namespace ns3

#endif /* SMKD_SECURE_TREE_H */
