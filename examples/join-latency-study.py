#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Join latency against group size: RFC 1949's tree of GKDCs, its strict
mode (only cores answer joins, RFC 1949 §7) and a centralized KDC.

    ./smkd run join-latency-study.py [--sizes 10,40,160] [--seeds 1,2,3]
        [--routers 49] [--out results/join-latency-study]

Every run is one smkd.Scenario (the C++ scaling experiment) on a generated
grid: the same topology, member hosts and join times for every scheme of a
seed. Prints the median and 95th percentile join latency (join call -> keys
installed), averaged over the seeds, and draws them in a PNG. Larger studies
run in parallel with python3 -m smkd.sweep.
"""

import argparse
import os

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

import smkd  # noqa: E402

SCHEMES = ("rfc1949", "strict", "kdc")


def ints(text):
    return [int(v) for v in text.split(",") if v]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=ints, default=[10, 40, 160], help="member counts")
    p.add_argument("--seeds", type=ints, default=[1, 2, 3])
    p.add_argument("--routers", type=int, default=49, help="routers of the grid")
    p.add_argument("--out", default="results/join-latency-study")
    args = p.parse_args()

    # latency[scheme][size] = (mean p50 ms, mean p95 ms) over the seeds
    latency = {s: {} for s in SCHEMES}
    for size in args.sizes:
        # One Scenario per size: its topology is generated once and reused by
        # every scheme and seed (the generator has its own fixed stream).
        scenario = smkd.Scenario(generator="grid", routers=args.routers, members=size)
        for scheme in SCHEMES:
            p50, p95 = [], []
            for seed in args.seeds:
                smkd.set_seed(seed)
                r = scenario.run(scheme)
                assert r.joins_completed == size, (scheme, size, seed)
                p50.append(r.join_latency.p50 * 1e3)
                p95.append(r.join_latency.p95 * 1e3)
            latency[scheme][size] = (sum(p50) / len(p50), sum(p95) / len(p95))

    print("join latency, ms (mean over seeds %s), grid of %d routers"
          % (",".join(map(str, args.seeds)), args.routers))
    print("%8s" % "members" + "".join("%18s" % ("%s p50/p95" % s) for s in SCHEMES))
    for size in args.sizes:
        print("%8d" % size + "".join("%18s" % ("%.2f / %.2f" % latency[s][size])
                                     for s in SCHEMES))

    os.makedirs(args.out, exist_ok=True)
    fig, ax = plt.subplots(figsize=(6, 4))
    for i, scheme in enumerate(SCHEMES):
        # One colour per scheme: solid median, dashed 95th percentile.
        ax.plot(args.sizes, [latency[scheme][n][0] for n in args.sizes], marker="o",
                color="C%d" % i, label="%s p50" % scheme)
        ax.plot(args.sizes, [latency[scheme][n][1] for n in args.sizes], marker="x",
                color="C%d" % i, linestyle="--", label="%s p95" % scheme)
    ax.set_xscale("log")
    ax.set_xticks(args.sizes)
    ax.set_xticklabels([str(n) for n in args.sizes])
    ax.set_xlabel("members")
    ax.set_ylabel("join latency (ms)")
    ax.legend(fontsize="small", ncol=3)
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    path = os.path.join(args.out, "join-latency.png")
    fig.savefig(path, dpi=120)
    print("plot:", path)


if __name__ == "__main__":
    main()
