/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_STATISTICS_RESULTS_H
#define SMKD_STATISTICS_RESULTS_H

#include "smkd-sample-statistics.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/smkd-confinement-audit.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief What identifies a run in every output.
 */
struct SmkdRunInfo
{
    std::string version;                           //!< SMKD_VERSION
    uint32_t seed{0};                              //!< RngSeedManager seed
    uint64_t run{0};                               //!< RngSeedManager run number
    std::string scheme;                            //!< key-distribution scheme, set by the caller
    std::string cryptoMode;                        //!< "real", "modeled" or "none"
    std::map<std::string, std::string> parameters; //!< the caller's parameters
    std::string label;                             //!< "<scheme>-s<seed>-r<run>"

    // Provenance: enough to run it again and get the same numbers.
    /// The complete configuration of the run (every SmkdScenarioConfig field)
    std::map<std::string, std::string> configuration;
    /// Every attribute default changed from its registered value, by ns-3's attribute system
    std::map<std::string, std::string> attributes;
    std::map<std::string, std::string> globals; //!< ns-3's global values (RngSeed, ...)
    std::string topologySha256; //!< of the map file, when the topology came from one
    std::string commit;         //!< the module's git commit ("-dirty": uncommitted changes)
    std::string ns3Version;     //!< the ns-3 release built against
    std::string opensslVersion; //!< the OpenSSL library in use
    /// Wall-clock seconds of the run (set by SmkdScenario); the one field that
    /// differs between runs of the same seed. NaN when not measured.
    double wallSeconds{std::numeric_limits<double>::quiet_NaN()};
};

/**
 * \ingroup smkd
 * \brief One completed join of one member.
 */
struct SmkdJoinRecord
{
    uint32_t node{0};   //!< the member's node id
    Ipv4Address group;  //!< the group
    Time start;         //!< when the join was asked for
    Time end;           //!< when the member held the keys (or first received data)
    Time latency;       //!< end - start
    bool first{true};   //!< the member's first completed join of the group
    std::string source; //!< "keys-installed" or "on-tree" (insecure: the LAN on the tree)
};

/**
 * \ingroup smkd
 * \brief One rekey: from the primary core's RekeySent until the last member
 * installed the new key.
 */
struct SmkdRekeyRecord
{
    Ipv4Address group;    //!< the group
    uint32_t spi{0};      //!< the new security association's SPI
    bool sentSeen{false}; //!< a RekeySent was recorded (else sender/sent/latency are 0)
    uint32_t sender{0};   //!< node that sent it
    Time sent;            //!< when it was sent
    uint32_t installs{0}; //!< distinct members that installed it
    Time lastInstalled;   //!< when the last of them did
    Time latency;         //!< lastInstalled - sent (0 when nothing is known)
};

/**
 * \ingroup smkd
 * \brief Control messages of one type and the bytes they put on links.
 */
struct SmkdOverheadRecord
{
    /// "cbt", "igmp", "smkd" (RFC 1949 and KDC datagrams), "data", "ip",
    /// "link" (ARP), or the caller's (RecordControlMessage)
    std::string protocol;
    std::string type;       //!< e.g. "JOIN_REQUEST", "V3_MEMBERSHIP_REPORT", "rekey"
    uint64_t messages{0};   //!< transmissions (one per link crossed)
    uint64_t bytes{0};      //!< IP bytes of those transmissions (header included)
    uint64_t frameBytes{0}; //!< the same with link framing (PPP 2; Ethernet 14 + FCS 4)
};

/**
 * \ingroup smkd
 * \brief Control traffic on one link (an ns-3 channel), both directions.
 */
struct SmkdLinkOverheadRecord
{
    uint32_t link{0};            //!< the channel id
    std::vector<uint32_t> nodes; //!< node ids attached to it, ascending
    uint64_t messages{0};        //!< control transmissions onto it
    uint64_t bytes{0};           //!< their IP bytes
    uint64_t frameBytes{0};      //!< their bytes with link framing
};

/**
 * \ingroup smkd
 * \brief Security payload of one kind (RFC 1949 options and datagrams).
 */
struct SmkdSecurityRecord
{
    std::string kind;     //!< e.g. "secure-join-request", "key-delivery"
    uint64_t messages{0}; //!< messages that carried it
    uint64_t bytes{0};    //!< security payload bytes (no IP, UDP or CBT headers)
};

/**
 * \ingroup smkd
 * \brief Crypto work one node's simulated CPU finished.
 */
struct SmkdCryptoNodeRecord
{
    uint32_t node{0};                        //!< node id
    std::string role;                        //!< "router", "host", "server" (neither) or "unknown"
    std::map<std::string, uint64_t> ops;     //!< completed operations by kind ("sign", ...)
    uint64_t totalOps{0};                    //!< all completed operations
    Time busy;                               //!< sum of their CPU costs
    Time queueing;                           //!< sum of their queueing delays
    Time maxQueueing;                        //!< largest queueing delay
    std::map<std::string, uint64_t> started; //!< operations started, by kind (after Finalize)
};

/**
 * \ingroup smkd
 * \brief How a load is spread over nodes.
 */
struct SmkdLoadSummary
{
    uint32_t nodes{0};      //!< nodes counted, idle ones included
    double total{0};        //!< sum over them
    double max{0};          //!< largest
    double mean{0};         //!< mean
    double gini{0};         //!< SmkdGini (no small-sample correction)
    double primaryShare{0}; //!< primary core's share of total (NaN without a primary core)
};

/**
 * \ingroup smkd
 * \brief A group's shared tree at the time of the results.
 */
struct SmkdTreeRecord
{
    Ipv4Address group;             //!< the group
    std::vector<uint32_t> routers; //!< on-tree routers (node ids, ascending)
    std::vector<uint32_t> links;   //!< channels that are a parent or child interface of one
};

/**
 * \ingroup smkd
 * \brief A router's CBT forwarding state.
 */
struct SmkdRouterStateRecord
{
    uint32_t node{0};            //!< node id
    uint32_t groups{0};          //!< groups with a forwarding cache entry
    uint32_t childInterfaces{0}; //!< child interfaces over all groups
    int64_t stateBytes{-1};      //!< CbtForwardingCache::GetStateBytes at Finalize, -1 before
};

/**
 * \ingroup smkd
 * \brief Data delivery to the expected receivers.
 */
struct SmkdDataSummary
{
    uint64_t sent{0};       //!< distinct sequence numbers sent
    uint32_t receivers{0};  //!< expected receivers
    uint64_t expected{0};   //!< sent x receivers
    uint64_t delivered{0};  //!< distinct (receiver, sent sequence number) pairs received
    double ratio{0};        //!< delivered / expected (NaN when nothing was expected)
    uint64_t duplicates{0}; //!< receptions beyond the first of a sequence number at a node
    uint64_t unexpected{0}; //!< distinct packets at nodes that are not expected receivers
    uint64_t unknown{0};    //!< distinct (node, sequence number) never recorded as sent
};

/**
 * \ingroup smkd
 * \brief Everything SmkdStatisticsCollector measured, as plain values.
 *
 * Latency summaries and CDFs are in seconds; join figures count each
 * member's first completed join of a group only (later ones, such as
 * re-authentication after a tree repair, are in joins with first = false).
 */
/**
 * \ingroup smkd
 * \brief The leak figure of a run (SmkdConfinementAudit).
 */
struct SmkdConfinementSummary
{
    bool measured{false};            //!< false: no key distribution, Modeled or RSA
    std::string why;                 //!< why not measured
    uint32_t unauthorizedHolders{0}; //!< distinct nodes holding current keys unauthorised
    uint32_t exposedMembers{0};      //!< members exposed by a compromised router, at most
    uint32_t adversaries{0};         //!< adversary models in the run
    /// What they tried: "forged-joins", "replays", "recorded" (packets heard)
    std::map<std::string, uint64_t> attempts;
    std::vector<SmkdConfinementEpoch> epochs; //!< the audits, in time order
};

struct SmkdStatisticsResults
{
    SmkdRunInfo run; //!< run identification

    std::vector<SmkdJoinRecord> joins;        //!< completed joins, in completion order
    uint64_t joinsStarted{0};                 //!< joins asked for (started)
    uint64_t joinsCompleted{0};               //!< members' first completed joins
    uint64_t joinsRefused{0};                 //!< refusals reported to members
    uint64_t joinsPending{0};                 //!< started and neither completed nor refused
    uint64_t leaves{0};                       //!< memberships ended by a leave (churn)
    SmkdSampleSummary joinLatency;            //!< over first completed joins, seconds
    std::vector<SmkdCdfPoint> joinLatencyCdf; //!< of the same, seconds
    SmkdSampleSummary rejoinLatency;          //!< over later completed joins (churn, repair)
    /// From each member's first join to the first group data it received,
    /// seconds, for every scheme (members that received none are not counted)
    SmkdSampleSummary firstDataLatency;

    std::vector<SmkdRekeyRecord> rekeys; //!< by send time
    SmkdSampleSummary rekeyLatency;      //!< over rekeys sent and installed, seconds

    std::vector<SmkdOverheadRecord> overhead;  //!< by protocol and type
    std::vector<SmkdLinkOverheadRecord> links; //!< by link
    uint64_t controlMessages{0};               //!< cbt, igmp and smkd transmissions
    uint64_t controlBytes{0};                  //!< their IP bytes
    uint64_t controlFrameBytes{0};             //!< their bytes with link framing
    uint64_t dataMessages{0};                  //!< group data and probe transmissions
    uint64_t dataBytes{0};                     //!< their IP bytes
    std::vector<SmkdSecurityRecord> security;  //!< by kind
    uint64_t securityBytes{0};                 //!< all security payload bytes

    std::vector<SmkdCryptoNodeRecord> crypto; //!< by node
    int64_t primaryCore{-1};                  //!< node id of the primary core, -1 if not given
    SmkdLoadSummary busyAll;                  //!< CPU busy seconds over every crypto node
    SmkdLoadSummary busyInfrastructure;       //!< the same over routers and servers (no hosts)
    SmkdLoadSummary opsAll;                   //!< completed operations over every crypto node
    SmkdLoadSummary opsInfrastructure;        //!< the same over routers and servers
    double meanQueueing{0};                   //!< seconds per operation (NaN without any)
    double maxQueueing{0};                    //!< seconds, largest over all operations

    std::vector<SmkdTreeRecord> trees;          //!< by group
    std::vector<SmkdRouterStateRecord> routers; //!< by node
    SmkdDataSummary data;                       //!< data delivery

    SmkdConfinementSummary confinement;       //!< who held keys they should not have
    std::map<std::string, uint64_t> counters; //!< event counts, e.g. "cbt.drop.not-dr"
};

} // namespace ns3

#endif /* SMKD_STATISTICS_RESULTS_H */
