/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_SIMULATED_CPU_H
#define SMKD_SIMULATED_CPU_H

#include "smkd-crypto-types.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A node's processor for crypto work: one FIFO single-server queue in simulated time.
 *
 * RFC 1949 puts public-key operations on every router of a join path; with
 * many joins at once they queue up, and that queueing is part of the join
 * latency the simulation must show. The protocol computes each operation
 * immediately (results are needed to build the reply) but releases its effect
 * through Submit(): the callback runs when the CPU, serving jobs one at a
 * time in arrival order, would have finished it. Costs come from
 * SmkdCryptoCostTable, never from the wall clock, so simulated time does not
 * depend on the machine running the simulation.
 *
 * Aggregate one to each node (node->AggregateObject(CreateObject<SmkdSimulatedCpu>())).
 */
class SmkdSimulatedCpu : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /**
     * \brief Signature of the CryptoOperation trace.
     * \param nodeId id of the node the CPU is aggregated to (UINT32_MAX if none)
     * \param op operation name, e.g. "sign" ("" if not given)
     * \param algorithm algorithm name, e.g. "ed25519" ("" if not given)
     * \param cost the job's CPU time
     * \param queueingDelay time the job waited before the CPU started it
     */
    typedef void (*CryptoOperationTracedCallback)(uint32_t nodeId,
                                                  const std::string& op,
                                                  const std::string& algorithm,
                                                  Time cost,
                                                  Time queueingDelay);

    SmkdSimulatedCpu();

    /**
     * \brief Queue a job; \p done runs when it finishes, after every earlier job.
     *
     * \p done never runs inside Submit, even for a zero cost on an idle CPU:
     * it is scheduled, so callers see the same re-entrancy in every case.
     * \param cost CPU time of the job (not negative)
     * \param done what to do when the job finishes; may be null
     */
    void Submit(Time cost, Callback<void> done);

    /**
     * \copybrief Submit(Time,Callback<void>)
     * \param cost CPU time of the job (not negative)
     * \param done what to do when the job finishes; may be null
     * \param op operation name for the per-operation counters and the trace
     * \param algorithm algorithm name for the trace
     */
    void Submit(Time cost,
                Callback<void> done,
                const std::string& op,
                const std::string& algorithm);

    /**
     * \brief Submit(cost, done, SmkdCryptoOpName(op), algorithm).
     * \param cost CPU time of the job
     * \param done what to do when the job finishes; may be null
     * \param op the operation
     * \param algorithm algorithm name, e.g. SmkdSignatureAlgorithmName(alg)
     */
    void Submit(Time cost, Callback<void> done, SmkdCryptoOp op, const std::string& algorithm);

    /** \return CPU time of the jobs completed so far */
    Time GetBusyTime() const;
    /** \return number of jobs completed so far */
    uint64_t GetCompletedJobs() const;
    /**
     * \param op an operation name as passed to Submit
     * \return number of jobs of that operation completed so far
     */
    uint64_t GetCompletedJobs(const std::string& op) const;
    /** \return jobs submitted and not yet completed, the one in service included */
    std::size_t GetPendingJobs() const;
    /** \return sum of the queueing delays of the jobs completed so far */
    Time GetTotalQueueingDelay() const;
    /** \return largest queueing delay of a job completed so far */
    Time GetMaxQueueingDelay() const;
    /** \return when the last submitted job finishes (now or earlier when idle) */
    Time GetBusyUntil() const;

  protected:
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    /// A job in the queue: what it reports when done.
    struct Job
    {
        EventId event;
        Time cost;
        Time queueingDelay;
        std::string op;
        std::string algorithm;
        Callback<void> done;
    };

    /** Finish the job at the head of the queue. */
    void Complete();

    uint32_t m_nodeId;
    Time m_busyUntil;
    std::deque<Job> m_jobs;
    Time m_busyTime;
    uint64_t m_completed{0};
    std::map<std::string, uint64_t> m_completedByOp;
    Time m_totalQueueingDelay;
    Time m_maxQueueingDelay;
    TracedCallback<uint32_t, const std::string&, const std::string&, Time, Time> m_cryptoTrace;
};

} // namespace ns3

#endif /* SMKD_SIMULATED_CPU_H */
