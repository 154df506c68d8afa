/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-simulated-cpu.h"

#include "ns3/assert.h"
#include "ns3/fatal-error.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdSimulatedCpu");

NS_OBJECT_ENSURE_REGISTERED(SmkdSimulatedCpu);

TypeId
SmkdSimulatedCpu::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::SmkdSimulatedCpu")
            .SetParent<Object>()
            .SetGroupName("Smkd")
            .AddConstructor<SmkdSimulatedCpu>()
            .AddTraceSource("CryptoOperation",
                            "A job finished: node id, operation, algorithm, CPU time and the "
                            "time it waited in the queue.",
                            MakeTraceSourceAccessor(&SmkdSimulatedCpu::m_cryptoTrace),
                            "ns3::SmkdSimulatedCpu::CryptoOperationTracedCallback");
    return tid;
}

SmkdSimulatedCpu::SmkdSimulatedCpu()
    : m_nodeId(std::numeric_limits<uint32_t>::max())
{
}

void
SmkdSimulatedCpu::NotifyNewAggregate()
{
    if (Ptr<Node> node = GetObject<Node>())
    {
        m_nodeId = node->GetId();
    }
    Object::NotifyNewAggregate();
}

void
SmkdSimulatedCpu::DoDispose()
{
    for (auto& job : m_jobs)
    {
        job.event.Cancel();
    }
    m_jobs.clear();
    Object::DoDispose();
}

void
SmkdSimulatedCpu::Submit(Time cost, Callback<void> done)
{
    Submit(cost, done, std::string(), std::string());
}

void
SmkdSimulatedCpu::Submit(Time cost,
                         Callback<void> done,
                         SmkdCryptoOp op,
                         const std::string& algorithm)
{
    Submit(cost, done, std::string(SmkdCryptoOpName(op)), algorithm);
}

void
SmkdSimulatedCpu::Submit(Time cost,
                         Callback<void> done,
                         const std::string& op,
                         const std::string& algorithm)
{
    if (cost.IsStrictlyNegative())
    {
        NS_FATAL_ERROR("SmkdSimulatedCpu::Submit: negative cost " << cost);
    }
    const Time now = Simulator::Now();
    const Time start = std::max(now, m_busyUntil);
    m_busyUntil = start + cost;
    Job job;
    job.cost = cost;
    job.queueingDelay = start - now;
    job.op = op;
    job.algorithm = algorithm;
    job.done = done;
    // Jobs finish in submission order: finish times never decrease, and ns-3
    // runs events of equal time in the order they were scheduled.
    job.event = Simulator::Schedule(m_busyUntil - now, &SmkdSimulatedCpu::Complete, this);
    NS_LOG_LOGIC("node " << m_nodeId << " " << op << " " << algorithm << ": cost " << cost
                         << ", waits " << job.queueingDelay);
    m_jobs.push_back(std::move(job));
}

void
SmkdSimulatedCpu::Complete()
{
    NS_ASSERT(!m_jobs.empty());
    Job job = std::move(m_jobs.front());
    m_jobs.pop_front();
    m_busyTime += job.cost;
    ++m_completed;
    ++m_completedByOp[job.op];
    m_totalQueueingDelay += job.queueingDelay;
    m_maxQueueingDelay = std::max(m_maxQueueingDelay, job.queueingDelay);
    m_cryptoTrace(m_nodeId, job.op, job.algorithm, job.cost, job.queueingDelay);
    if (!job.done.IsNull())
    {
        job.done();
    }
}

Time
SmkdSimulatedCpu::GetBusyTime() const
{
    return m_busyTime;
}

uint64_t
SmkdSimulatedCpu::GetCompletedJobs() const
{
    return m_completed;
}

uint64_t
SmkdSimulatedCpu::GetCompletedJobs(const std::string& op) const
{
    auto it = m_completedByOp.find(op);
    return it == m_completedByOp.end() ? 0 : it->second;
}

std::size_t
SmkdSimulatedCpu::GetPendingJobs() const
{
    return m_jobs.size();
}

Time
SmkdSimulatedCpu::GetTotalQueueingDelay() const
{
    return m_totalQueueingDelay;
}

Time
SmkdSimulatedCpu::GetMaxQueueingDelay() const
{
    return m_maxQueueingDelay;
}

Time
SmkdSimulatedCpu::GetBusyUntil() const
{
    return m_busyUntil;
}

} // namespace ns3
