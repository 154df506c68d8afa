/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_STATISTICS_COLLECTOR_H
#define SMKD_STATISTICS_COLLECTOR_H

#include "smkd-sequence-set.h"
#include "smkd-statistics-results.h"
#include "smkd-wire-classifier.h"

#include "ns3/cbt-routing-protocol.h"
#include "ns3/node-container.h"
#include "ns3/object.h"

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class SmkdCryptoEngine;

/**
 * \ingroup smkd
 * \brief Measures an smkd experiment from the module's trace sources:
 * join and rekey latencies, control overhead, crypto load, trees and data
 * delivery; returns them as SmkdStatisticsResults and writes CSV, JSON and
 * SQLite.
 *
 * \code
 *   Ptr<SmkdStatisticsCollector> stats = CreateObject<SmkdStatisticsCollector>();
 *   stats->SetScheme("rfc1949");
 *   stats->SetParameter("members", "100");
 *   stats->SetPrimaryCore(core->GetId());
 *   stats->Attach(NodeContainer::GetGlobal()); // after installing the protocols
 *   Simulator::Run();
 *   stats->Finalize();                         // before Simulator::Destroy
 *   stats->WriteJson("out/summary.json");
 *   SmkdStatisticsResults r = stats->GetResults();
 * \endcode
 *
 * Attach() connects, on each node, whatever of these exists (by trace name;
 * a missing trace source is skipped):
 * - CbtRoutingProtocol: ControlTx (overhead per type and per link),
 *   TreeStateChanged (trees), JoinCompleted, JoinFailed, DataForwarded,
 *   DataEncapsulated, Drop, MalformedControl (counters);
 * - IgmpHost ReportSent and IgmpRouter QuerySent (IGMP overhead: IP header
 *   of 20 bytes plus the message; ns-3 sends no Router Alert option);
 * - SmkdGkdc: SecurityBytes, JoinAnswered, JoinRefused, GkdcRoleGained,
 *   AclRejected, and RekeySent(Ipv4Address group, uint32_t spi);
 * - SmkdHostAgent and every application of the node: JoinStarted(group),
 *   KeysInstalled(group, Time latency), JoinRefused(group, reason),
 *   RekeyInstalled(group, spi); on applications also the GKDC's
 *   SecurityBytes(kind, bytes) and RekeySent(group, spi) (a KDC server);
 * - SmkdSimulatedCpu: CryptoOperation (crypto load).
 * A trace source found under one of these names must have the signature
 * given here. The Record methods take the same facts from anywhere else.
 *
 * Control overhead counts transmissions (one per link crossed) with their IP
 * bytes. RFC 1949 security payload is counted by kind on its own; the kinds
 * that travel in their own UDP datagram (everything except the options of
 * secure JOIN_REQUEST, JOIN_ACK and join-nack, which ride inside CBT
 * messages already counted) are also counted as control messages of
 * protocol "smkd" with 28 bytes of IP and UDP header; they have no link.
 *
 * The collector disconnects from every trace source when it is disposed or
 * destroyed, so it may go before the nodes do.
 */
class SmkdStatisticsCollector : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    SmkdStatisticsCollector();
    ~SmkdStatisticsCollector() override;

    /** \param scheme the key-distribution scheme, e.g. "rfc1949", "kdc", "insecure" */
    void SetScheme(const std::string& scheme);

    /**
     * \param mode "real", "modeled" or "none"; when never set, Attach takes it
     *        from the first SmkdCryptoEngine it finds ("none" if there is none)
     */
    void SetCryptoMode(const std::string& mode);

    /**
     * \brief Record a parameter of the run in every output.
     * \param key the name
     * \param value the value
     */
    void SetParameter(const std::string& key, const std::string& value);

    /**
     * \brief Record the run's complete configuration (provenance): every
     * field, as text. Attribute defaults, global values and the build are
     * read by Finalize.
     * \param configuration field -> value
     */
    void SetConfiguration(const std::map<std::string, std::string>& configuration);

    /**
     * \brief Record the map file the topology came from: its SHA-256 goes in the results.
     * \param path the file
     */
    void SetTopologyFile(const std::string& path);

    /**
     * \param seconds the run's wall-clock time
     */
    void SetWallSeconds(double seconds);

    /** \param node node id of the group's primary core, whose share of the crypto load is given */
    void SetPrimaryCore(uint32_t node);

    /**
     * \brief Take the run's leak figure.
     * \param confinement the summary of its confinement audit
     */
    void SetConfinement(const SmkdConfinementSummary& confinement);

    /**
     * \brief Nodes that should receive every data packet (delivery ratio).
     * Without this call they are the nodes with a completed join.
     * \param nodes node ids
     */
    void SetExpectedReceivers(const std::vector<uint32_t>& nodes);

    /**
     * \brief Connect to the trace sources of \p nodes' protocols and
     * applications (see the class description). Call after they are installed
     * and before Simulator::Run; nodes attached before are skipped.
     * \param nodes the nodes
     */
    void Attach(NodeContainer nodes);

    /**
     * \brief A member asked to join (starts the clock of RecordFirstData; a
     * start while an earlier one is still open is ignored).
     * \param node the member's node id
     * \param group the group
     * \param at when
     */
    void RecordJoinStart(uint32_t node, Ipv4Address group, Time at);

    /**
     * \brief A member received data of the group: the first time after its
     * first join started gives its time to first data (for every scheme;
     * it does not end a join); later data does not count.
     * \param node the member's node id
     * \param group the group
     * \param at when
     */
    void RecordFirstData(uint32_t node, Ipv4Address group, Time at);

    /**
     * \brief An insecure member's LAN is on the group's tree (its DR's join
     * was acknowledged, or the DR was on the tree with the LAN as a child
     * already): closes its open join, as keys installed close a secure one.
     * \param node the member's node id
     * \param group the group
     * \param at when
     */
    void RecordJoinOnTree(uint32_t node, Ipv4Address group, Time at);

    /**
     * \brief A member holds the group's keys (KeysInstalled); closes its open join.
     * \param node the member's node id
     * \param group the group
     * \param latency time since its join started
     * \param at when
     */
    void RecordKeysInstalled(uint32_t node, Ipv4Address group, Time latency, Time at);

    /**
     * \brief A member's join was refused; closes its open join.
     * \param node the member's node id
     * \param group the group
     */
    void RecordJoinRefused(uint32_t node, Ipv4Address group);

    /**
     * \brief A member's membership ended (Left, or the caller's IGMP leave);
     * a join still open is abandoned (counted as "membership.abandoned-joins").
     * \param node the member's node id
     * \param group the group
     */
    void RecordLeave(uint32_t node, Ipv4Address group);

    /**
     * \brief The primary core sent a rekey (the first record of a (group, spi) counts).
     * \param node the sender's node id
     * \param group the group
     * \param spi the new SPI
     * \param at when
     */
    void RecordRekeySent(uint32_t node, Ipv4Address group, uint32_t spi, Time at);

    /**
     * \brief A member installed a rekey's key.
     * \param node the member's node id
     * \param group the group
     * \param spi the new SPI
     * \param at when
     */
    void RecordRekeyInstalled(uint32_t node, Ipv4Address group, uint32_t spi, Time at);

    /**
     * \brief A control message was transmitted.
     * \param protocol protocol name, e.g. "cbt"
     * \param type message type name
     * \param node the sender's node id
     * \param interface the sender's interface (its channel is the link), or -1
     * \param bytes IP bytes
     */
    void RecordControlMessage(const std::string& protocol,
                              const std::string& type,
                              uint32_t node,
                              int32_t interface,
                              uint32_t bytes);

    /**
     * \brief A message left with security payload.
     * \param node the sender's node id
     * \param kind the payload's kind
     * \param bytes its bytes
     */
    void RecordSecurityBytes(uint32_t node, const std::string& kind, uint32_t bytes);

    /**
     * \brief A node's CPU finished a crypto operation.
     * \param node node id
     * \param op operation, e.g. "sign"
     * \param cost its CPU time
     * \param queueing the time it waited for the CPU
     */
    void RecordCryptoOperation(uint32_t node, const std::string& op, Time cost, Time queueing);

    /**
     * \brief Count \p node in the crypto load even if it never works.
     * \param node node id
     * \param role "router", "host", "server" or "unknown"
     */
    void AddCryptoNode(uint32_t node, const std::string& role);

    /**
     * \brief A router's tree state changed (CbtRoutingProtocol TreeStateChanged).
     * \param node the router's node id
     * \param group the group
     * \param event the change
     * \param interface its interface, -1 if none
     */
    void RecordTreeEvent(uint32_t node, Ipv4Address group, CbtTreeEvent event, int32_t interface);

    /** \param seq sequence number of a data packet sent to the group */
    void RecordDataSent(uint64_t seq);

    /**
     * \param node the receiving node id
     * \param seq the packet's sequence number
     */
    void RecordDataReceived(uint32_t node, uint64_t seq);

    /**
     * \brief Add to a named event counter.
     * \param name the counter
     * \param n the amount
     */
    void Count(const std::string& name, uint64_t n = 1);

    /**
     * \brief Read what only exists while the simulation does: each attached
     * router's forwarding-state bytes and each crypto engine's started
     * operations. Call after Simulator::Run and before Simulator::Destroy.
     */
    void Finalize();

    /** \return everything measured so far (callable at any time, also during the run) */
    SmkdStatisticsResults GetResults() const;

    /**
     * \brief Write the per-event and per-entity tables as CSV files
     * "<dir>/<prefix><table>.csv": joins, rekeys, crypto-nodes, crypto-ops,
     * overhead-types, overhead-links, security, trees, routers. Each row
     * starts with version, seed, run, scheme, crypto_mode and parameters.
     * \param dir output directory (created when missing)
     * \param prefix file name prefix, e.g. "run1-"
     * \throws std::runtime_error naming the path when it cannot be written
     */
    void WriteCsv(const std::string& dir, const std::string& prefix) const;

    /**
     * \brief Write the summary as one JSON document.
     * \param path the file (its directory is created when missing)
     * \throws std::runtime_error naming the path when it cannot be written
     */
    void WriteJson(const std::string& path) const;

    /**
     * \brief Write a SQLite database through ns-3's stats module: its
     * DataCollector tables (Experiments, Metadata, and Singletons with the
     * summary) plus the same tables as WriteCsv, each with a "run" column.
     * \param path the database file (its directory is created when missing)
     * \param append add this run to an existing database instead of replacing it
     * \throws std::runtime_error naming the path when it cannot be written, or
     *         when ns-3 was built without SQLite (see IsSqliteAvailable)
     */
    void WriteSqlite(const std::string& path, bool append = false) const;

    /** \return true when ns-3's stats module has SQLite output */
    static bool IsSqliteAvailable();

  protected:
    void DoDispose() override;

  private:
    SmkdConfinementSummary m_confinement;

    /// An open or finished join of one member to one group.
    struct MemberJoin
    {
        bool open{false};      //!< started, not yet completed or refused
        Time start;            //!< when the open join started
        bool completed{false}; //!< a join of this member completed before
        bool started{false};   //!< a join of this member started before
        Time firstStart;       //!< when its first join started
        bool dataSeen{false};  //!< it received data after its first join started
    };

    /// A rekey being tracked.
    struct Rekey
    {
        bool sentSeen{false};
        uint32_t sender{0};
        Time sent;
        std::set<uint32_t> members;
        Time last;
    };

    /// Message and byte counts.
    struct Tally
    {
        uint64_t messages{0};
        uint64_t bytes{0};      //!< IP bytes
        uint64_t frameBytes{0}; //!< with link framing
    };

    /// A node's crypto work.
    struct CryptoLoad
    {
        std::string role{"unknown"};
        std::map<std::string, uint64_t> ops;
        Time busy;
        Time queueing;
        Time maxQueueing;
    };

    /// A router's part of one group's tree: the links of its parent and
    /// child interfaces (channel ids, -1 when unknown), resolved while the
    /// nodes exist so that results can be read after Simulator::Destroy.
    struct TreePart
    {
        int64_t parentLink{-1};
        std::map<uint32_t, int64_t> children; //!< child interface -> link
    };

    template <typename... Args>
    void Connect(Ptr<Object> object, const std::string& name, Callback<void, Args...> cb);
    void AttachRouter(uint32_t id, Ptr<CbtRoutingProtocol> cbt);
    void AttachGkdc(uint32_t id, Ptr<Object> gkdc);
    void AttachMember(uint32_t id, Ptr<Object> member);
    /// SecurityBytes and RekeySent, on a GKDC or an application (a KDC server).
    void AttachKeySender(uint32_t id, Ptr<Object> sender);
    void AttachCpu(uint32_t id, Ptr<Node> node, const std::string& role);
    /// Every frame a point-to-point or CSMA device of the node sends.
    void AttachDevices(Ptr<Node> node);
    /// Count one frame sent on \p link (a channel id).
    void RecordFrame(uint32_t link, Ptr<const Packet> frame, SmkdLinkFraming framing);
    void Detach();
    void FillJoins(SmkdStatisticsResults& r) const;
    void FillRekeys(SmkdStatisticsResults& r) const;
    void FillOverhead(SmkdStatisticsResults& r) const;
    void FillCrypto(SmkdStatisticsResults& r) const;
    void FillTrees(SmkdStatisticsResults& r) const;
    void FillData(SmkdStatisticsResults& r) const;
    void AddJoin(uint32_t node, Ipv4Address group, Time start, Time end, const char* source);
    /// \return the channel id of a node's interface, or -1 (cached)
    int64_t LinkOf(uint32_t node, int32_t interface) const;

    std::string m_scheme;
    std::string m_cryptoMode;
    std::map<std::string, std::string> m_parameters;
    SmkdRunInfo m_provenance; //!< configuration, attributes, build, wall time
    int64_t m_primaryCore{-1};
    bool m_receiversSet{false};
    std::set<uint32_t> m_receivers;

    std::set<uint32_t> m_attached;
    std::vector<std::function<void()>> m_disconnect;
    std::map<uint32_t, Ptr<CbtRoutingProtocol>> m_routers;
    std::map<uint32_t, Ptr<SmkdCryptoEngine>> m_engines;

    std::map<std::pair<uint32_t, Ipv4Address>, MemberJoin> m_memberJoins;
    std::vector<SmkdJoinRecord> m_joins;
    std::vector<double> m_firstData; //!< seconds from first join start to first data
    uint64_t m_joinsStarted{0};
    uint64_t m_joinsRefused{0};
    uint64_t m_leaves{0};
    std::map<std::pair<Ipv4Address, uint32_t>, Rekey> m_rekeys;
    std::map<std::pair<std::string, std::string>, Tally> m_overhead;
    /// Frames by protocol and type; the names are of static storage
    /// (SmkdClassifyFrame), compared by address, so counting allocates nothing.
    std::map<std::pair<const char*, const char*>, Tally> m_wire;
    mutable std::map<std::pair<uint32_t, int32_t>, int64_t> m_linkOf;
    std::map<uint32_t, Tally> m_links;
    mutable std::map<uint32_t, std::vector<uint32_t>> m_linkNodes;
    std::map<std::string, Tally> m_security;
    std::map<uint32_t, CryptoLoad> m_crypto;
    std::map<Ipv4Address, std::map<uint32_t, TreePart>> m_trees;
    SmkdSequenceSet m_sent;
    std::map<uint32_t, SmkdSequenceSet> m_received; //!< distinct sequence numbers per node
    uint64_t m_duplicates{0};
    std::map<std::string, uint64_t> m_counters;
    std::map<uint32_t, int64_t> m_stateBytes;
    std::map<uint32_t, std::map<std::string, uint64_t>> m_started;
};

} // namespace ns3

#endif /* SMKD_STATISTICS_COLLECTOR_H */
