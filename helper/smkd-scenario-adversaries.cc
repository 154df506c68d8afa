/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-scenario-adversaries.h"

#include "smkd-helper.h"
#include "smkd-scenario-layout.h"

#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/node-list.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/smkd-acl-submission.h"
#include "ns3/smkd-central-kdc.h"
#include "ns3/smkd-eavesdropper.h"
#include "ns3/smkd-flooder.h"
#include "ns3/smkd-gkdc.h"
#include "ns3/smkd-group-initiator.h"
#include "ns3/smkd-impostor.h"
#include "ns3/smkd-replayer.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdScenarioAdversaries");

namespace
{

/// \return \p n distinct nodes of \p from, drawn on \p stream
std::vector<Ptr<Node>>
Draw(NodeContainer from, uint32_t n, int64_t stream)
{
    std::vector<Ptr<Node>> chosen;
    std::set<uint32_t> taken;
    Ptr<UniformRandomVariable> pick = CreateObject<UniformRandomVariable>();
    pick->SetStream(stream);
    while (chosen.size() < n && taken.size() < from.GetN())
    {
        const uint32_t k = pick->GetInteger(0, from.GetN() - 1);
        if (taken.insert(k).second)
        {
            chosen.push_back(from.Get(k));
        }
    }
    return chosen;
}

} // namespace

void
SmkdScenarioAdversaries::Place(Ptr<SmkdAdversary> app,
                               Ptr<Node> node,
                               Ipv4Address group,
                               Ptr<CbtCoreMap> cores,
                               Time start)
{
    app->SetAttribute("Group", Ipv4AddressValue(group));
    app->SetCoreMap(cores);
    node->AddApplication(app);
    app->SetStartTime(start);
    m_apps.push_back(app);
}

SmkdScenarioAdversaries::SmkdScenarioAdversaries(std::vector<SmkdAdversarySpec> specs)
    : m_specs(std::move(specs))
{
}

uint32_t
SmkdScenarioAdversaries::ExtraHosts() const
{
    uint32_t n = 0;
    for (const char* kind : {"eavesdropper", "impostor", "replayer", "rogue-initiator", "flooder"})
    {
        n += SmkdCountAdversaries(m_specs, kind);
    }
    return n;
}

void
SmkdScenarioAdversaries::Install(const std::string& scheme,
                                 NodeContainer all,
                                 NodeContainer slots,
                                 NodeContainer members,
                                 NodeContainer lanRouters,
                                 Ptr<Node> reference,
                                 Ptr<CbtCoreMap> cores,
                                 const SmkdHelper& smkd,
                                 Ipv4Address group,
                                 Time excludeAt)
{
    if (scheme == "cbt")
    {
        return; // no keys to steal
    }
    // Host adversaries hold host keys, as any host of the Internet would.
    smkd.InstallNodes(slots);
    uint32_t next = 0;
    for (const auto& [kind, make] :
         std::vector<std::pair<std::string, std::function<Ptr<SmkdAdversary>()>>>{
             {"eavesdropper", []() { return CreateObject<SmkdEavesdropper>(); }},
             {"impostor", []() { return CreateObject<SmkdImpostor>(); }},
             {"replayer", []() { return CreateObject<SmkdReplayer>(); }},
             {"flooder", []() { return CreateObject<SmkdFlooder>(); }}})
    {
        for (uint32_t k = 0; k < SmkdCountAdversaries(m_specs, kind); ++k)
        {
            // Flooders start when members do, to slow their joins down.
            Place(make(),
                  slots.Get(next++),
                  group,
                  cores,
                  kind == "flooder" ? excludeAt / 2 : Seconds(0));
            ++m_placed;
        }
    }
    // Rogue initiators: a list of their own, naming themselves, submitted to
    // the group's key maker half a second before the real initiator would.
    const Ipv4Address keyMaker = smkd::FirstAddress(reference->GetObject<Ipv4>());
    for (uint32_t k = 0; k < SmkdCountAdversaries(m_specs, "rogue-initiator"); ++k)
    {
        Ptr<Node> node = slots.Get(next++);
        const Ipv4Address self = smkd::FirstAddress(node->GetObject<Ipv4>());
        SmkdAccessList acl(group,
                           SmkdAccessList::Kind::GROUP_MEMBERS,
                           SmkdAccessList::Mode::INCLUSION,
                           self);
        acl.Add(self);
        Ptr<SmkdGroupInitiator> rogue = CreateObject<SmkdGroupInitiator>();
        rogue->SetAttribute("Group", Ipv4AddressValue(group));
        rogue->SetAttribute("PrimaryCore", Ipv4AddressValue(keyMaker));
        rogue->SetAccessList(acl);
        rogue->SetStartTime(Seconds(0.5));
        node->AddApplication(rogue);
        rogue->TraceConnectWithoutContext(
            "Accepted",
            Callback<void, Ipv4Address, Time>(
                [this](Ipv4Address, Time) { ++m_rogueLists["rogue-lists-accepted"]; }));
        rogue->TraceConnectWithoutContext("Rejected",
                                          Callback<void, Ipv4Address, const std::string&>(
                                              [this](Ipv4Address, const std::string&) {
                                                  ++m_rogueLists["rogue-lists-refused"];
                                              }));
        ++m_placed;
    }
    // Excluded members: excluded when the join window closes (where the
    // scheme can exclude), then forging joins and replaying.
    const bool excludes = scheme == "rfc1949" || scheme == "strict" || scheme == "kdc";
    for (Ptr<Node> m : Draw(members,
                            SmkdCountAdversaries(m_specs, "excluded"),
                            SmkdScenarioLayout::ADVERSARY_STREAM + 1))
    {
        m_excluded.push_back(m->GetId());
        ++m_placed;
        if (!excludes)
        {
            continue;
        }
        const Ipv4Address address = smkd::FirstAddress(m->GetObject<Ipv4>());
        if (Ptr<SmkdGkdc> primary = reference->GetObject<SmkdGkdc>())
        {
            Simulator::Schedule(excludeAt, [primary, group, address]() {
                // Checked here, not thrown from the event: a primary that holds
                // no keys (a failure) has nothing to exclude from.
                const SmkdGroupKeys* keys = primary->GetGroupKeys(group);
                if (keys && keys->primary && keys->acl.Permits(address))
                {
                    primary->Exclude(group, address);
                }
            });
        }
        for (uint32_t a = 0; a < reference->GetNApplications(); ++a)
        {
            // The KDC baseline's server excludes as a classic server would.
            if (Ptr<SmkdCentralKdc> kdc = DynamicCast<SmkdCentralKdc>(reference->GetApplication(a)))
            {
                Simulator::Schedule(excludeAt, [kdc, group, address]() {
                    const SmkdAccessList* list = kdc->GetAccessList(group);
                    if (kdc->GetKeys(group) && list && list->Permits(address))
                    {
                        kdc->Exclude(group, address);
                    }
                });
            }
        }
        Place(CreateObject<SmkdImpostor>(), m, group, cores, excludeAt);
        Place(CreateObject<SmkdReplayer>(), m, group, cores, excludeAt);
    }
    m_audit = CreateObject<SmkdConfinementAudit>();
    m_audit->Setup(all, group, reference);
    NodeContainer candidates;
    for (auto it = lanRouters.Begin(); it != lanRouters.End(); ++it)
    {
        if (*it != reference)
        {
            candidates.Add(*it);
        }
    }
    for (Ptr<Node> r : Draw(candidates,
                            SmkdCountAdversaries(m_specs, "compromised-gkdc"),
                            SmkdScenarioLayout::ADVERSARY_STREAM + 2))
    {
        m_audit->AddCompromised(r);
        ++m_placed;
    }
    m_audit->Start();
}

SmkdConfinementSummary
SmkdScenarioAdversaries::Finish()
{
    SmkdConfinementSummary s;
    s.adversaries = m_placed;
    if (!m_audit)
    {
        s.why = "no key distribution in this scheme";
        return s;
    }
    for (Ptr<SmkdAdversary> app : m_apps)
    {
        if (Ptr<SmkdImpostor> i = DynamicCast<SmkdImpostor>(app))
        {
            s.attempts["forged-joins"] += i->GetForgedJoins();
        }
        if (Ptr<SmkdReplayer> r = DynamicCast<SmkdReplayer>(app))
        {
            s.attempts["replays"] += r->GetReplayed();
        }
        if (Ptr<SmkdEavesdropper> e = DynamicCast<SmkdEavesdropper>(app))
        {
            s.attempts["recorded"] += e->GetRecorded();
        }
        if (Ptr<SmkdFlooder> f = DynamicCast<SmkdFlooder>(app))
        {
            s.attempts["flood-reports"] += f->GetSent();
        }
    }
    for (const auto& [what, n] : m_rogueLists)
    {
        s.attempts[what] += n;
    }
    // What the DRs' per-host rate limits kept from costing them crypto.
    uint64_t rateLimited = 0;
    for (auto node = NodeList::Begin(); node != NodeList::End(); ++node)
    {
        if (Ptr<SmkdGkdc> gkdc = (*node)->GetObject<SmkdGkdc>())
        {
            rateLimited += gkdc->GetRateLimitedJoins();
        }
    }
    if (rateLimited > 0)
    {
        s.attempts["reports-rate-limited"] = rateLimited;
    }
    m_apps.clear();
    m_audit->Finish();
    s.measured = m_audit->IsMeasured(s.why);
    s.unauthorizedHolders = m_audit->GetUnauthorizedHolders();
    s.exposedMembers = m_audit->GetExposedMembers();
    s.epochs = m_audit->GetEpochs();
    m_audit->Dispose();
    m_audit = nullptr;
    return s;
}

const std::vector<uint32_t>&
SmkdScenarioAdversaries::GetExcluded() const
{
    return m_excluded;
}

} // namespace ns3
