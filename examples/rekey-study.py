#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Rekeys in a short run: how long until every member holds the new group
key, and what the rekeys add to the control traffic.

    ./smkd run rekey-study.py [--lifetime 4] [--lead 1] [--margin 0.5] [--members 30]
        [--seed 1]

RFC 1949 §6.1: the primary core multicasts the next group key RekeyLeadTime
before the current key's lifetime (KeyLifetime, SAparams) ends. The default
lifetime is an hour; here ns-3 attribute defaults, set by name, shorten it
to a few seconds so that several rekeys happen in a 20 s run. The same
scenario and seed then runs again with the default lifetime (no rekey): the
difference of the two runs' overhead, by message type, is what the rekeys
cost, directly (the rekey messages) and indirectly (joins that met an
expiring key).
"""

import argparse

import smkd


def overhead_by_type(results):
    return {(o.protocol, o.type): (o.messages, o.bytes) for o in results.overhead}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lifetime", type=int, default=4, help="group key lifetime (s)")
    p.add_argument("--lead", type=float, default=1.0, help="rekey lead time (s)")
    p.add_argument("--margin", type=float, help="rekey recovery margin (s; default lead/2)")
    p.add_argument("--members", type=int, default=30)
    p.add_argument("--routers", type=int, default=20)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()

    # Joins over 4..9 s, then 11 s more: rekeys every `lifetime` seconds.
    scenario = smkd.Scenario(generator="grid", routers=args.routers, members=args.members,
                             settle=11.0)

    smkd.set_seed(args.seed)
    smkd.set_default("ns3::SmkdGkdc::KeyLifetime", str(args.lifetime))
    smkd.set_default("ns3::SmkdGkdc::RekeyLeadTime", "%gs" % args.lead)
    # A GKDC without the next key RekeyRecoveryMargin before expiry assumes it
    # missed the rekey and sends every join on to the core, so the margin must
    # stay below the lead (routers refuse to start otherwise); the default
    # (30 s) exceeds a 4 s lifetime.
    margin = args.lead / 2 if args.margin is None else args.margin
    smkd.set_default("ns3::SmkdGkdc::RekeyRecoveryMargin", "%gs" % margin)
    # Members apply the same test to themselves: with their default margin
    # each would fetch every new key from its DR by a fresh secure join.
    smkd.set_default("ns3::SmkdHostAgent::RekeyRecoveryMargin", "%gs" % margin)
    rekeyed = scenario.run("rfc1949")

    smkd.reset_config()  # back to ns-3's defaults: hour-long keys
    smkd.set_seed(args.seed)
    baseline = scenario.run("rfc1949")

    print("key lifetime %d s, lead %g s, recovery margin %g s: %d rekeys, %d/%d members joined"
          % (args.lifetime, args.lead, margin, len(rekeyed.rekeys), rekeyed.joins_completed,
             args.members))
    print("%12s %10s %9s %12s" % ("spi", "sent s", "installs", "latency ms"))
    for k in rekeyed.rekeys:
        # A rekey sent before any member joined has nobody to install it.
        latency = "%.3f" % (k.latency * 1e3) if k.installs else "-"
        print("%12d %10.3f %9d %12s" % (k.spi, k.sent, k.installs, latency))
    if rekeyed.rekey_latency.count:
        print("rekey latency p50 %.3f ms, max %.3f ms"
              % (rekeyed.rekey_latency.p50 * 1e3, rekeyed.rekey_latency.max * 1e3))

    rejoins = [j for j in rekeyed.joins if not j.first]
    print("later joins of members that already held keys: %d (without rekeys: %d)"
          % (len(rejoins), len([j for j in baseline.joins if not j.first])))

    print("\noverhead added by the rekeys (rekeyed run - run without rekeys)")
    print("%-6s %-22s %9s %10s" % ("proto", "type", "messages", "bytes"))
    with_rekeys, without = overhead_by_type(rekeyed), overhead_by_type(baseline)
    for key in sorted(set(with_rekeys) | set(without)):
        m1, b1 = with_rekeys.get(key, (0, 0))
        m0, b0 = without.get(key, (0, 0))
        if (m1, b1) != (m0, b0):
            print("%-6s %-22s %+9d %+10d" % (key[0], key[1], m1 - m0, b1 - b0))
    print("total control bytes: %d with rekeys, %d without"
          % (rekeyed.control_bytes, baseline.control_bytes))


if __name__ == "__main__":
    main()
