#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Plots of the smkd-scaling experiment's output directory.

    ./smkd run smkd-scaling-plots.py [--out=results/scaling] [--png-dir=<dir>]

Reads what smkd-scaling wrote into --out: "<scheme>.json" and
"<scheme>-joins.csv" for a single size, or "members-<n>/" subdirectories for
a run with --sizes. Writes, next to the data unless --png-dir is given:

- join-latency-cdf.png: join latency CDF per scheme (the largest size);
- core-load-vs-size.png: primary core's (kdc: server's) crypto CPU time
  and its share of the infrastructure's, against group size (with --sizes);
- overhead-vs-size.png: control bytes and crypto operations per join,
  against group size (with --sizes).
"""

import argparse
import csv
import glob
import json
import os
import re
import sys

SCHEMES = ["cbt", "rfc1949", "strict", "kdc"]


def load_dir(path):
    """{scheme: (summary json, [first-join latencies in ms])} of one run directory."""
    runs = {}
    for scheme in SCHEMES:
        summary = os.path.join(path, scheme + ".json")
        joins = os.path.join(path, scheme + "-joins.csv")
        if not os.path.isfile(summary) or not os.path.isfile(joins):
            continue
        with open(summary) as f:
            data = json.load(f)
        with open(joins, newline="") as f:
            latencies = [float(r["latency_s"]) * 1000 for r in csv.DictReader(f) if r["first"] == "1"]
        runs[scheme] = (data, latencies)
    return runs


def per_join(value, data):
    completed = data["joins"]["completed"]
    return value / completed if completed else float("nan")


def primary_busy_ms(data):
    infra = data["crypto"]["busySeconds"]["infrastructure"]
    share = infra["primaryShare"]
    return 1000 * infra["total"] * share if share is not None else float("nan")



def finish_pair(fig, left, right, left_label, right_label, title, path):
    """Label two against-group-size panels side by side and write the figure; return its path."""
    for axes, label in ((left, left_label), (right, right_label)):
        axes.set_xlabel("members")
        axes.set_ylabel(label)
        axes.grid(True, alpha=0.3)
        axes.legend()
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    return path

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/scaling", help="smkd-scaling's output directory")
    parser.add_argument("--png-dir", default=None, help="where to write the PNGs (default: --out)")
    args = parser.parse_args()
    if not os.path.isdir(args.out):
        sys.exit(f"smkd-scaling-plots: no directory {args.out}: run ./smkd run smkd-scaling first")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        sys.exit("smkd-scaling-plots: needs matplotlib (Debian: apt-get install python3-matplotlib)")

    sizes = {}
    for d in glob.glob(os.path.join(args.out, "members-*")):
        m = re.fullmatch(r"members-(\d+)", os.path.basename(d))
        if m and os.path.isdir(d):
            runs = load_dir(d)
            if runs:
                sizes[int(m.group(1))] = runs
    single = load_dir(args.out)
    if not single and not sizes:
        sys.exit(f"smkd-scaling-plots: no <scheme>.json and <scheme>-joins.csv in {args.out}")
    png_dir = args.png_dir or args.out
    os.makedirs(png_dir, exist_ok=True)
    written = []

    cdf_runs = single if single else sizes[max(sizes)]
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for scheme in SCHEMES:
        if scheme not in cdf_runs or not cdf_runs[scheme][1]:
            continue
        values = sorted(cdf_runs[scheme][1])
        n = len(values)
        ax.step(values, [(i + 1) / n for i in range(n)], where="post", label=f"{scheme} ({n} joins)")
    ax.set_xscale("log")
    ax.set_xlabel("join latency (ms)")
    ax.set_ylabel("fraction of members")
    ax.set_title("Join latency CDF")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    path = os.path.join(png_dir, "join-latency-cdf.png")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    written.append(path)

    if len(sizes) >= 2:
        ns = sorted(sizes)
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
        for scheme in SCHEMES:
            xs = [n for n in ns if scheme in sizes[n] and scheme != "cbt"]
            if not xs:
                continue
            left.plot(xs, [primary_busy_ms(sizes[n][scheme][0]) for n in xs], "o-", label=scheme)
            right.plot(
                xs,
                [100 * sizes[n][scheme][0]["crypto"]["busySeconds"]["infrastructure"]["primaryShare"] for n in xs],
                "o-",
                label=scheme,
            )
        written.append(finish_pair(fig, left, right, "primary core / KDC crypto CPU (ms)",
                                   "share of infrastructure crypto CPU (%)",
                                   "Core load against group size",
                                   os.path.join(png_dir, "core-load-vs-size.png")))

        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
        for scheme in SCHEMES:
            xs = [n for n in ns if scheme in sizes[n]]
            if not xs:
                continue
            left.plot(xs, [per_join(sizes[n][scheme][0]["overhead"]["bytes"], sizes[n][scheme][0]) for n in xs],
                      "o-", label=scheme)
            if scheme != "cbt":
                right.plot(
                    xs,
                    [per_join(sum(sizes[n][scheme][0]["crypto"]["operations"].values()), sizes[n][scheme][0])
                     for n in xs],
                    "o-",
                    label=scheme,
                )
        written.append(finish_pair(fig, left, right, "control bytes per join",
                                   "crypto operations per join", "Overhead against group size",
                                   os.path.join(png_dir, "overhead-vs-size.png")))
    else:
        print("smkd-scaling-plots: one group size only; run smkd-scaling --sizes=250,500,1000,2000 "
              "for the against-size plots")

    for p in written:
        print("wrote", p)


if __name__ == "__main__":
    main()
