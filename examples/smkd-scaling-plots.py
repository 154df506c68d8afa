#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Plots of what smkd-scaling wrote.

    ./smkd run smkd-scaling-plots.py [--out=results/scaling] [--out=<another> ...]
        [--format=png|pdf|svg] [--dir=<dir>] [--cdf-seeds=pooled|first]
        [--bin=<seconds>] [--allow-mixed]

Reads <out>/sweep.json, the list of run directories the last smkd-scaling run
into --out wrote, and only those directories (never a glob: folders left from
earlier runs into the same --out are ignored), with their manifest.json,
runs.csv and summary.csv. A directory without sweep.json (written by an
older smkd-scaling, or by a run that did not finish) is refused: re-run
smkd-scaling.

It refuses to mix set-ups: every run's manifest must agree with every other's
except in what was swept (members and/or seed): the configuration (but
outDir and progressInterval), the changed ns-3 attribute defaults, the
globals (but RngSeed), the run number, the map's SHA-256, the commit, the
ns-3, OpenSSL and module versions, the schemes and each one's crypto mode
and parameters. Several --out directories are drawn together under the same
rule (runs of different sizes or seeds then count as swept; the same size
and seed twice is refused). A difference exits with status 2, naming the
field, the two values and the two run directories; --allow-mixed draws
anyway and says so in red in every figure's subtitle.

Writes into --dir (default: the first --out), in --format (default png):

- join-latency-cdf: the join-latency CDF per scheme at the largest group
  size, every seed's joins pooled (--cdf-seeds=first: the lowest seed only);
  cbt's latency runs to the member's LAN being on the tree ("LAN on tree"),
  the others' to the keys installed ("keys installed");
- headline-vs-size (with several sizes): join p95, control bytes per join,
  crypto operations per join, the busiest node's crypto CPU and the primary
  core's (kdc: server's) share of the infrastructure's crypto CPU against
  group size, from summary.csv (several --out: recomputed from runs.csv the
  same way), with 95 % confidence error bars (Student t) when seeds were
  swept;
- headline-by-scheme (one size): the same figures as bars per scheme, with
  error bars when seeds were swept;
- time-series: join completions per second (every join's end_s in
  <scheme>-joins.csv, first joins and re-joins) and re-keys sent over time
  (<scheme>-rekeys.csv sent_s, cumulative), at the largest size, the mean
  over the same runs as the CDF.

Every scheme has one colour and marker in every figure (scheme_style), every
axis its label and unit from one table (FIGURES), and every figure a subtitle
naming the topology, members, seeds and crypto.
"""

import argparse
import csv
import json
import math
import os
import sys
import textwrap
import zlib

TOOL = "smkd-scaling-plots"

# The schemes smkd-scaling knows, in the order they are drawn.
SCHEMES = ("cbt", "rfc1949", "strict", "kdc")

# One colour and marker per scheme, in every figure. cbt, without security,
# is the grey baseline.
SCHEME_STYLES = {
    "cbt": ("#7f7f7f", "s"),
    "rfc1949": ("#1f77b4", "o"),
    "strict": ("#d62728", "^"),
    "kdc": ("#2ca02c", "D"),
}
# Any other scheme name: a style chosen by a stable hash of the name, never
# one of the four above.
EXTRA_STYLES = (
    ("#9467bd", "v"),
    ("#8c564b", "P"),
    ("#e377c2", "X"),
    ("#bcbd22", "*"),
    ("#17becf", "h"),
    ("#ff7f0e", "<"),
)

# Every quantity drawn: name -> (axis label, unit). The headline figure names
# are those of runs.csv and summary.csv (SmkdHeadlineFigures).
FIGURES = {
    "joined": ("members joined", "count"),
    "join_p50": ("join latency, median", "ms"),
    "join_p95": ("join latency, 95th percentile", "ms"),
    "join_max": ("join latency, maximum", "ms"),
    "control_bytes_per_join": ("control bytes (IP) per join", "bytes/join"),
    "control_frame_bytes_per_join": ("control bytes (frames) per join", "bytes/join"),
    "crypto_ops_per_join": ("crypto operations per join", "ops/join"),
    "busiest_cpu": ("busiest node's crypto CPU time", "ms"),
    "primary_share_all": ("primary core's share of all crypto CPU", "%"),
    "primary_share_inf": ("primary core's share of infrastructure crypto CPU", "%"),
    "rekeys": ("re-keys", "count"),
    "leaks": ("nodes that held current keys unauthorised", "count"),
    "exposed_members": ("members exposed", "count"),
    "data_delivery": ("probe delivery", "%"),
    "members": ("group size", "members"),
    "join_latency": ("join latency", "ms"),
    "cdf": ("fraction of joins", ""),
    "time": ("simulated time", "s"),
    "join_rate": ("join completions", "1/s"),
    "rekeys_sent": ("re-keys sent, cumulative", "count"),
}

# The figures against group size, and as bars per scheme.
HEADLINE = ("join_p95", "control_bytes_per_join", "crypto_ops_per_join", "busiest_cpu",
            "primary_share_inf")

# What a join's latency measures (the joins table's "source" column).
LATENCY_KINDS = {"on-tree": "LAN on tree", "first-data": "first data",
                 "keys-installed": "keys installed"}

# Manifest configuration keys that never make runs different experiments.
IGNORED_CONFIGURATION = ("outDir", "progressInterval")


class PlotError(Exception):
    """A reason to stop, with the exit status (1: no usable data, 2: runs that do not mix)."""

    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status


def scheme_style(scheme):
    """(colour, marker) of a scheme: the same in every figure, whichever schemes are present."""
    if scheme in SCHEME_STYLES:
        return SCHEME_STYLES[scheme]
    return EXTRA_STYLES[zlib.crc32(scheme.encode()) % len(EXTRA_STYLES)]


def ordered_schemes(names):
    """The known schemes in their fixed order, then any others by name."""
    names = set(names)
    return [s for s in SCHEMES if s in names] + sorted(names - set(SCHEMES))


def axis_label(name):
    """'label (unit)' of a quantity in FIGURES."""
    label, unit = FIGURES[name]
    return "%s (%s)" % (label, unit) if unit else label


def number(text):
    """A CSV cell as a float; empty (how the tables write NaN) is NaN."""
    text = (text or "").strip()
    if not text:
        return math.nan
    try:
        return float(text)
    except ValueError:
        return math.nan


def student_t975(dof):
    """t(0.975, dof), as SmkdStudentT975 computes it."""
    table = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
             2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
             2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)
    if dof <= 0:
        return math.nan
    if dof <= len(table):
        return table[dof - 1]
    return 1.960 + (2.042 - 1.960) * 30.0 / dof


def mean_ci95(values):
    """(n, mean, 95 % half-width) of the finite values, as SmkdMeanAndCi95 computes them."""
    finite = [v for v in values if math.isfinite(v)]
    n = len(finite)
    if n == 0:
        return 0, math.nan, math.nan
    mean = sum(finite) / n
    if n < 2:
        return n, mean, math.nan
    sd = math.sqrt(sum((v - mean) ** 2 for v in finite) / (n - 1))
    return n, mean, student_t975(n - 1) * sd / math.sqrt(n)


def compress(numbers):
    """[1, 2, 3, 5] -> '1-3, 5'."""
    numbers = sorted(set(numbers))
    parts = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        parts.append(str(numbers[i]) if i == j else "%d\u2013%d" % (numbers[i], numbers[j]))
        i = j + 1
    return ", ".join(parts)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Run:
    """One run directory that sweep.json lists."""

    def __init__(self, out, entry_dir, path, members, seed, manifest):
        self.out = out
        self.entry_dir = entry_dir
        self.path = path
        self.members = members
        self.seed = seed
        self.manifest = manifest

    @property
    def schemes(self):
        return list(self.manifest.get("schemes", {}))

    def table(self, scheme, name):
        """Rows of <scheme>-<name>.csv of this run."""
        path = os.path.join(self.path, "%s-%s.csv" % (scheme, name))
        if not os.path.isfile(path):
            raise PlotError("%s is missing, though %s lists scheme %s in this run"
                            % (path, os.path.join(self.path, "manifest.json"), scheme))
        return read_csv(path)


class Sweep:
    """What one smkd-scaling run wrote into one --out: sweep.json and what it lists."""

    def __init__(self, out, swept, runs, runs_table, summary):
        self.out = out
        self.swept = swept
        self.runs = runs
        self.runs_table = runs_table
        self.summary = summary


def load_sweep(out):
    """Read <out>/sweep.json and only the run directories it lists."""
    if not os.path.isdir(out):
        raise PlotError("no directory %s: run ./smkd run smkd-scaling --out=%s first" % (out, out))
    index = os.path.join(out, "sweep.json")
    if not os.path.isfile(index):
        old = [n for n in os.listdir(out)
               if n == "manifest.json" or n.startswith("members-") or n.endswith(".json")]
        if old:
            raise PlotError(
                "%s has no sweep.json: its output was written by an older smkd-scaling, or by "
                "a run that did not finish, and cannot be told apart from leftovers of earlier "
                "runs. Re-run smkd-scaling into it (./smkd run smkd-scaling --out=%s ...)"
                % (out, out))
        raise PlotError("no sweep.json in %s: run ./smkd run smkd-scaling --out=%s first"
                        % (out, out))
    try:
        with open(index) as f:
            sweep = json.load(f)
    except ValueError as e:
        raise PlotError("%s is not valid JSON (%s): re-run smkd-scaling" % (index, e))
    if not sweep.get("runs"):
        raise PlotError("%s lists no runs: re-run smkd-scaling" % index)
    swept = list(sweep.get("swept", []))
    runs = []
    for entry in sweep["runs"]:
        path = os.path.normpath(os.path.join(out, entry["dir"]))
        manifest_path = os.path.join(out, entry.get("manifest") or
                                     os.path.join(entry["dir"], "manifest.json"))
        if not os.path.isfile(manifest_path):
            raise PlotError("%s lists run %s, but %s is missing: re-run smkd-scaling"
                            % (index, path, manifest_path))
        try:
            with open(manifest_path) as f:
                manifest = json.load(f)
        except ValueError as e:
            raise PlotError("%s is not valid JSON (%s): re-run smkd-scaling" % (manifest_path, e))
        members, seed = int(entry["members"]), int(entry["seed"])
        if (manifest.get("members"), manifest.get("seed")) != (members, seed):
            raise PlotError("%s says members %d, seed %d, but %s says members %s, seed %s: "
                            "the directory was overwritten after sweep.json was written; "
                            "re-run smkd-scaling"
                            % (index, members, seed, manifest_path, manifest.get("members"),
                               manifest.get("seed")))
        runs.append(Run(out, entry["dir"], path, members, seed, manifest))
    tables = {}
    for key, default in (("runsTable", "runs.csv"), ("summaryTable", "summary.csv")):
        path = os.path.join(out, sweep.get(key) or default)
        if not os.path.isfile(path):
            raise PlotError("%s is missing (sweep.json names it): re-run smkd-scaling" % path)
        tables[key] = read_csv(path)
    # runs.csv must hold exactly the listed runs and their schemes.
    listed = sorted((r.members, r.seed, s) for r in runs for s in r.schemes)
    in_table = sorted((int(row["members"]), int(row["seed"]), row["scheme"])
                      for row in tables["runsTable"])
    if listed != in_table:
        raise PlotError("%s and the runs %s lists disagree (an interrupted or overlapping "
                        "smkd-scaling run?): re-run smkd-scaling"
                        % (os.path.join(out, "runs.csv"), index))
    return Sweep(out, swept, runs, tables["runsTable"], tables["summaryTable"])


def short_topology(source):
    """'rocketfuel:/a/b/map.txt' -> 'rocketfuel:map.txt'; a generator's source as it is."""
    kind, sep, path = source.partition(":")
    return kind + sep + os.path.basename(path) if sep and "/" in path else source


def comparable(manifest, swept):
    """A run manifest as {field: value}, without what the sweep may vary. A map
    file is compared by its SHA-256 and name, not by the folder it was read from
    (two checkouts hold the same map at different paths)."""
    fields = {}
    by_content = bool(manifest.get("topologySha256"))
    for section in ("configuration", "attributes", "globals"):
        for key, value in manifest.get(section, {}).items():
            if section == "configuration" and key == "topologyFile" and by_content:
                value = os.path.basename(value)
            if section == "configuration" and (key in IGNORED_CONFIGURATION or
                                               (key == "members" and "members" in swept)):
                continue
            if section == "globals" and key == "RngSeed" and "seed" in swept:
                continue
            fields["%s.%s" % (section, key)] = value
    schemes = manifest.get("schemes", {})
    fields["schemes"] = ",".join(sorted(schemes))
    for name, scheme in schemes.items():
        fields["schemes.%s.cryptoMode" % name] = scheme.get("cryptoMode")
        for key, value in scheme.get("parameters", {}).items():
            if key == "members" and "members" in swept:
                continue
            if key == "topology" and by_content:
                value = short_topology(value)
            fields["schemes.%s.parameters.%s" % (name, key)] = value
    for key in ("run", "topologySha256", "commit", "ns3Version", "opensslVersion", "version"):
        fields[key] = manifest.get(key)
    for key in ("members", "seed"):
        if key not in swept:
            fields[key] = manifest.get(key)
    return fields


def effective_swept(sweeps):
    """What varies over all the runs: each sweep's swept variables, and members or
    seed where several --out directories differ in them."""
    swept = set()
    for s in sweeps:
        swept.update(s.swept)
    runs = [r for s in sweeps for r in s.runs]
    if len({r.members for r in runs}) > 1:
        swept.add("members")
    if len({r.seed for r in runs}) > 1:
        swept.add("seed")
    return [v for v in ("members", "seed") if v in swept]


def differences(runs, swept):
    """[(field, value, run, other value, other run)]: every field in which some run's
    manifest differs from the first run's, and the same size and seed twice."""
    found = []
    seen = {}
    reference = comparable(runs[0].manifest, swept)
    named = set()
    for run in runs[1:]:
        fields = comparable(run.manifest, swept)
        for key in list(reference) + [k for k in fields if k not in reference]:
            a, b = reference.get(key, "<absent>"), fields.get(key, "<absent>")
            if a != b and key not in named:
                named.add(key)
                found.append((key, a, runs[0], b, run))
    for run in runs:
        key = (run.members, run.seed)
        if key in seen:
            found.append(("members %d, seed %d" % key, None, seen[key], None, run))
        else:
            seen[key] = run
    return found


def describe_difference(d):
    field, a, run_a, b, run_b = d
    if a is None:
        return "%s twice: in %s and in %s" % (field, run_a.path, run_b.path)
    return "%s: %r in %s, %r in %s" % (field, a, run_a.path, b, run_b.path)


def describe_differences(found, limit=12):
    lines = [describe_difference(d) for d in found[:limit]]
    if len(found) > limit:
        lines.append("and %d more" % (len(found) - limit))
    return "\n  ".join(lines)


class Data:
    """The runs to draw, checked to agree, and what the figures need from them."""

    def __init__(self, sweeps, allow_mixed=False):
        self.sweeps = sweeps
        self.runs = [r for s in sweeps for r in s.runs]
        self.swept = effective_swept(sweeps)
        self.mixed = differences(self.runs, self.swept)
        if self.mixed and not allow_mixed:
            raise PlotError("refusing to draw runs of different set-ups together "
                            "(--allow-mixed draws them anyway):\n  "
                            + describe_differences(self.mixed), status=2)
        self.sizes = sorted({r.members for r in self.runs})
        self.seeds = sorted({r.seed for r in self.runs})
        self.schemes = ordered_schemes(s for r in self.runs for s in r.schemes)

    def summary(self):
        """{(members, scheme, figure): (n, mean, ci95)}: summary.csv of the one --out,
        or with several, the same statistics recomputed from their runs.csv."""
        stats = {}
        if len(self.sweeps) == 1:
            for row in self.sweeps[0].summary:
                figure = row["figure"]
                if figure in FIGURES and row["unit"] != FIGURES[figure][1]:
                    print("%s: warning: summary.csv gives %s in %s, FIGURES in %s"
                          % (TOOL, figure, row["unit"], FIGURES[figure][1]), file=sys.stderr)
                stats[(int(row["members"]), row["scheme"], figure)] = (
                    int(row["n"]), number(row["mean"]), number(row["ci95"]))
            return stats
        values = {}
        for s in self.sweeps:
            for row in s.runs_table:
                for figure in row:
                    if figure in ("members", "seed", "run", "scheme"):
                        continue
                    key = (int(row["members"]), row["scheme"], figure)
                    values.setdefault(key, []).append(number(row[figure]))
        return {key: mean_ci95(v) for key, v in values.items()}

    def largest_runs(self, cdf_seeds):
        """The runs of the largest size: every seed, or only the lowest ('first')."""
        runs = [r for r in self.runs if r.members == self.sizes[-1]]
        if cdf_seeds == "first":
            first = min(r.seed for r in runs)
            runs = [next(r for r in runs if r.seed == first)]
        return runs

    def subtitle(self):
        """The lines under every figure's title: topology, members, seeds, crypto."""
        topologies, crypto = [], []
        for r in self.runs:
            for scheme in r.manifest.get("schemes", {}).values():
                p = scheme.get("parameters", {})
                topology = short_topology(p.get("topology", "?"))
                if p.get("routers"):
                    topology += " (%s routers)" % p["routers"]
                if topology not in topologies:
                    topologies.append(topology)
                mode = scheme.get("cryptoMode", "?")
                if mode != "none":
                    c = "%s %s/%s" % (mode, p.get("signature", "?"), p.get("seal", "?"))
                    if c not in crypto:
                        crypto.append(c)
        sizes = self.sizes
        seeds = self.seeds
        line = ["topology " + " / ".join(topologies),
                ("%d members" % sizes[0]) if len(sizes) == 1 else
                "members " + ", ".join(str(n) for n in sizes),
                ("seed %d" % seeds[0]) if len(seeds) == 1 else
                "seeds %s (%d)" % (compress(seeds), len(seeds)),
                "crypto " + (" / ".join(crypto) if crypto else "none")]
        if len(self.runs) != len({(r.members, r.seed) for r in self.runs}):
            line.append("%d runs" % len(self.runs))
        changed = sorted({k for r in self.runs for k in r.manifest.get("attributes", {})})
        if changed:
            line.append("%d ns-3 default%s changed"
                        % (len(changed), "" if len(changed) == 1 else "s"))
        return ["; ".join(line)]

    def mixed_note(self):
        if not self.mixed:
            return None
        shown = ["%s twice" % d[0] if d[1] is None else "%s %r vs %r" % (d[0], d[1], d[3])
                 for d in self.mixed[:2]]
        more = len(self.mixed) - len(shown)
        return ("MIXED SET-UPS drawn together (--allow-mixed): " + "; ".join(shown) +
                ("; %d more difference%s" % (more, "" if more == 1 else "s") if more > 0 else ""))


def header(fig, title, data):
    """Title, subtitle and any mixing note above the panels; lay the panels out below."""
    lines = [(title, 12, "bold", "black")]
    lines += [(s, 9, "normal", "0.25") for s in data.subtitle()]
    note = data.mixed_note()
    if note:
        lines.append((note, 9, "bold", "red"))
    height = fig.get_figheight()
    y = 1 - 0.08 / height
    for text, size, weight, colour in lines:
        # Wrapped to the figure's width (a character is about 0.6 of the font size wide).
        for part in textwrap.wrap(text, int(fig.get_figwidth() * 72 / (0.6 * size))):
            fig.text(0.5, y, part, ha="center", va="top", fontsize=size, fontweight=weight,
                     color=colour)
            y -= 1.45 * size / 72 / height
    fig.tight_layout(rect=(0, 0, 1, y - 0.05 / height))


def latency_kind(scheme, rows):
    """What the scheme's join latency measures: 'LAN on tree' (cbt) or 'keys installed'."""
    sources = {row.get("source") for row in rows if row.get("source")}
    if len(sources) == 1:
        source = sources.pop()
        return LATENCY_KINDS.get(source, source)
    return "LAN on tree" if scheme == "cbt" else "keys installed"


def seeds_said(runs):
    if len(runs) == 1:
        return "seed %d" % runs[0].seed
    return "seeds %s pooled" % compress(r.seed for r in runs)


def plot_cdf(plt, data, cdf_seeds, path, fmt):
    runs = data.largest_runs(cdf_seeds)
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    drawn = []
    for i, scheme in enumerate(data.schemes):
        rows = [row for r in runs if scheme in r.schemes for row in r.table(scheme, "joins")]
        latencies = sorted(1000 * number(row["latency_s"]) for row in rows
                           if row.get("first") == "1" and math.isfinite(number(row["latency_s"])))
        if not latencies:
            continue
        colour, marker = scheme_style(scheme)
        n = len(latencies)
        # Markers of curves that coincide stay apart: each scheme's start further in.
        step = max(1, n // 8)
        ax.step(latencies, [(k + 1) / n for k in range(n)], where="post", color=colour,
                marker=marker, markevery=(i * step // 4 % step, step), markersize=5,
                label="%s: %s (%d joins)" % (scheme, latency_kind(scheme, rows), n))
        drawn.append(scheme)
    if latencies_positive(ax):
        ax.set_xscale("log")
    ax.set_xlabel(axis_label("join_latency") + ": join call to LAN on tree (cbt) / keys installed")
    ax.set_ylabel(axis_label("cdf"))
    ax.grid(True, which="both", alpha=0.3)
    if drawn:
        ax.legend(loc="upper left", fontsize=9)
    header(fig, "Join latency CDF, %d members, %s" % (data.sizes[-1], seeds_said(runs)), data)
    fig.savefig(path, format=fmt, dpi=120)
    plt.close(fig)
    return "join-latency CDF: %d members, %s, schemes %s" % (
        data.sizes[-1], seeds_said(runs), ", ".join(drawn))


def latencies_positive(ax):
    lines = ax.get_lines()
    return bool(lines) and all(min(line.get_xdata()) > 0 for line in lines)


def legend_panel(ax, data, handles, notes):
    ax.axis("off")
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=9, frameon=False)
    ax.text(0, 0.35, "\n".join(notes), transform=ax.transAxes, va="top", fontsize=8, wrap=True)


def scheme_handles(plt, schemes):
    from matplotlib.lines import Line2D

    handles = []
    for scheme in schemes:
        colour, marker = scheme_style(scheme)
        label = scheme + (" (latency: LAN on tree)" if scheme == "cbt" else "")
        handles.append(Line2D([], [], color=colour, marker=marker, label=label))
    return handles


def common_notes(data, stats):
    notes = []
    if "seed" in data.swept:
        ns = sorted({v[0] for v in stats.values() if v[0] > 0})
        notes.append("error bars: 95 %% confidence half-width\nover seeds (Student t), n = %s"
                     % ", ".join(str(n) for n in ns))
    else:
        notes.append("one seed per point: no error bars")
    if "cbt" in data.schemes:
        notes.append("cbt: latency = join to LAN on the tree;\nno crypto figures (no security)")
    notes.append("others: latency = join to keys installed")
    notes.append("primary share: kdc's is the server's")
    return notes


def plot_vs_size(plt, data, stats, path, fmt):
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.8))
    flat = list(axes.flat)
    errors = "seed" in data.swept
    # With error bars, each scheme's points a little aside, so that the bars stay apart.
    span = data.sizes[-1] - data.sizes[0]
    dodge = 0.012 * span if errors else 0.0
    for ax, figure in zip(flat, HEADLINE):
        for i, scheme in enumerate(data.schemes):
            points = [(n,) + stats[(n, scheme, figure)][1:] for n in data.sizes
                      if math.isfinite(stats.get((n, scheme, figure), (0, math.nan))[1])]
            if not points:
                continue
            colour, marker = scheme_style(scheme)
            xs = [p[0] + (i - (len(data.schemes) - 1) / 2) * dodge for p in points]
            ys = [p[1] for p in points]
            yerr = [p[2] if math.isfinite(p[2]) else 0.0 for p in points] if errors else None
            ax.errorbar(xs, ys, yerr=yerr, color=colour, marker=marker, capsize=3, label=scheme)
        ax.set_xlabel(axis_label("members"))
        ax.set_ylabel(axis_label(figure), fontsize=9)
        ax.set_xticks(data.sizes)
        ax.grid(True, alpha=0.3)
        ax.set_ylim(bottom=0)
    legend_panel(flat[-1], data, scheme_handles(plt, data.schemes), common_notes(data, stats))
    header(fig, "Headline figures against group size", data)
    fig.savefig(path, format=fmt, dpi=120)
    plt.close(fig)
    return "against group size: members %s, %s" % (
        ", ".join(str(n) for n in data.sizes),
        "mean and 95 %% CI over seeds %s" % compress(data.seeds) if errors else
        "seed %s" % compress(data.seeds))


def plot_by_scheme(plt, data, stats, path, fmt):
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.8))
    flat = list(axes.flat)
    errors = "seed" in data.swept
    n = data.sizes[0]
    for ax, figure in zip(flat, HEADLINE):
        for x, scheme in enumerate(data.schemes):
            _, mean, ci = stats.get((n, scheme, figure), (0, math.nan, math.nan))
            colour, marker = scheme_style(scheme)
            if not math.isfinite(mean):
                ax.text(x, 0.03, "n/a", ha="center", va="bottom", fontsize=8, color=colour,
                        transform=ax.get_xaxis_transform())
                continue
            ax.bar(x, mean, color=colour, alpha=0.55, width=0.65)
            yerr = [ci if errors and math.isfinite(ci) else 0.0]
            ax.errorbar([x], [mean], yerr=yerr if errors else None, color=colour, marker=marker,
                        capsize=4, linestyle="none")
        ax.set_xlim(-0.6, len(data.schemes) - 0.4)
        ax.set_xticks(range(len(data.schemes)))
        ax.set_xticklabels(data.schemes)
        ax.set_ylabel(axis_label(figure), fontsize=9)
        ax.grid(True, axis="y", alpha=0.3)
        ax.set_ylim(bottom=0)
    legend_panel(flat[-1], data, scheme_handles(plt, data.schemes), common_notes(data, stats))
    header(fig, "Headline figures per scheme, %d members" % n, data)
    fig.savefig(path, format=fmt, dpi=120)
    plt.close(fig)
    return "per scheme: %d members, %s" % (
        n, "mean and 95 %% CI over seeds %s" % compress(data.seeds) if errors else
        "seed %s" % compress(data.seeds))


def nice_bin(span):
    """A round bin width giving about 50 bins over span seconds."""
    target = span / 50 if span > 0 else 1.0
    for step in (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20,
                 50, 100, 200, 500, 1000):
        if step >= target:
            return step
    return 1000.0


def simulated_end(runs, times):
    """When the runs' simulations end: join start + window + settle, or the last event."""
    c = runs[0].manifest.get("configuration", {})
    try:
        return float(c["joinStart"]) + float(c["joinWindow"]) + float(c["settle"])
    except (KeyError, ValueError):
        return max(times, default=1.0)


def plot_time_series(plt, data, cdf_seeds, bin_width, path, fmt):
    runs = data.largest_runs(cdf_seeds)
    ends, sent = {}, {}
    for scheme in data.schemes:
        with_scheme = [r for r in runs if scheme in r.schemes]
        ends[scheme] = (len(with_scheme),
                        [number(row["end_s"]) for r in with_scheme
                         for row in r.table(scheme, "joins")
                         if math.isfinite(number(row["end_s"]))])
        secure = [r for r in with_scheme
                  if r.manifest["schemes"][scheme].get("cryptoMode") != "none"]
        sent[scheme] = (len(secure), sorted(number(row["sent_s"]) for r in secure
                                            for row in r.table(scheme, "rekeys")
                                            if math.isfinite(number(row["sent_s"]))))
    every = [t for _, ts in ends.values() for t in ts] + [t for _, ts in sent.values() for t in ts]
    end = max([simulated_end(runs, every)] + every)
    width = bin_width or nice_bin(end)
    bins = max(1, int(math.ceil(end / width)))
    any_rekeys = any(times for _, times in sent.values())
    fig, (rate, rekeys) = plt.subplots(1, 2, figsize=(13, 5))
    # The schemes' curves often coincide (the same join times): later ones are
    # drawn thinner on top, their markers shifted.
    for i, scheme in enumerate(data.schemes):
        colour, marker = scheme_style(scheme)
        width_i = 1.2 + 1.2 * (len(data.schemes) - 1 - i)
        count, times = ends[scheme]
        if count:
            hist = [0] * bins
            for t in times:
                hist[min(bins - 1, int(t / width))] += 1
            xs = [i * width for i in range(bins + 1)]
            ys = [h / width / count for h in hist] + [0]
            every_n = max(1, bins // 10)
            rate.step(xs, ys, where="post", color=colour, marker=marker, linewidth=width_i,
                      markevery=(i * every_n // max(1, len(data.schemes)) % every_n, every_n),
                      markersize=5, label=scheme)
        count, times = sent[scheme]
        if count and any_rekeys:
            xs = [0.0] + times + [end]
            ys = [0.0] + [(i + 1) / count for i in range(len(times))] + [len(times) / count]
            rekeys.step(xs, ys, where="post", color=colour, marker=marker, linewidth=width_i,
                        markevery=max(1, len(xs) // 10), markersize=5,
                        label="%s (%s re-keys per run)" % (scheme, fmt_count(len(times) / count)))
    mean = "" if len(runs) == 1 else ", mean over %d runs" % len(runs)
    rate.set_title("join completions per %g s bin, as a rate%s" % (width, mean), fontsize=10)
    rate.set_ylabel(axis_label("join_rate"))
    rekeys.set_title("re-keys sent by the primary core (kdc: server)%s" % mean, fontsize=10)
    rekeys.set_ylabel(axis_label("rekeys_sent"))
    if not any_rekeys:
        rekeys.set_ylim(0, 1)
        rekeys.text(0.5, 0.5, "no re-keys in these runs\n(ns3::SmkdGkdc::KeyLifetime: 3600 s "
                    "by default)", transform=rekeys.transAxes, ha="center", va="center",
                    fontsize=9, color="0.3")
    if "cbt" in data.schemes:
        rekeys.text(0.01, 0.99, "cbt: no keys", transform=rekeys.transAxes, ha="left",
                    va="top", fontsize=8, color=scheme_style("cbt")[0])
    for ax in (rate, rekeys):
        ax.set_xlabel(axis_label("time"))
        ax.set_xlim(0, end)
        ax.grid(True, alpha=0.3)
        if ax.get_lines():
            ax.legend(fontsize=9, loc="upper left" if ax is rate else "lower right")
    header(fig, "Over time, %d members, %s" % (data.sizes[-1], seeds_said(runs)), data)
    fig.savefig(path, format=fmt, dpi=120)
    plt.close(fig)
    return "time series: %d members, %s, %g s bins" % (data.sizes[-1], seeds_said(runs), width)


def fmt_count(x):
    return ("%d" % x) if x == int(x) else ("%.1f" % x)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog=TOOL, description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--out", action="append", default=None,
                        help="smkd-scaling's output directory; repeat to draw several together "
                             "(default: results/scaling)")
    parser.add_argument("--dir", default=None,
                        help="where to write the figures (default: the first --out)")
    parser.add_argument("--png-dir", dest="dir", help=argparse.SUPPRESS)
    parser.add_argument("--format", choices=("png", "pdf", "svg"), default="png",
                        help="figure file format (default: png)")
    parser.add_argument("--cdf-seeds", choices=("pooled", "first"), default="pooled",
                        help="CDF and time series: every seed's runs pooled (default), or the "
                             "lowest seed's only")
    parser.add_argument("--bin", type=float, default=None,
                        help="time series: bin width in seconds (default: about 50 bins)")
    parser.add_argument("--allow-mixed", action="store_true",
                        help="draw runs whose set-ups differ (the figures say so)")
    args = parser.parse_args(argv)
    args.out = args.out or ["results/scaling"]
    if args.bin is not None and not args.bin > 0:
        parser.error("--bin must be positive")
    return args


def main(argv=None):
    args = parse_args(argv)
    try:
        data = Data([load_sweep(out) for out in args.out], allow_mixed=args.allow_mixed)
        try:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            raise PlotError("needs matplotlib (Debian: apt-get install python3-matplotlib)")
        if data.mixed:
            print("%s: warning: drawing runs of different set-ups together (--allow-mixed):\n  %s"
                  % (TOOL, describe_differences(data.mixed)),
                  file=sys.stderr)
        directory = args.dir or args.out[0]
        os.makedirs(directory, exist_ok=True)
        stats = data.summary()

        def target(name):
            return os.path.join(directory, "%s.%s" % (name, args.format))

        written = [(target("join-latency-cdf"),
                    plot_cdf(plt, data, args.cdf_seeds, target("join-latency-cdf"), args.format))]
        if len(data.sizes) > 1:
            written.append((target("headline-vs-size"),
                            plot_vs_size(plt, data, stats, target("headline-vs-size"),
                                         args.format)))
        else:
            written.append((target("headline-by-scheme"),
                            plot_by_scheme(plt, data, stats, target("headline-by-scheme"),
                                           args.format)))
        written.append((target("time-series"),
                        plot_time_series(plt, data, args.cdf_seeds, args.bin,
                                         target("time-series"), args.format)))
    except PlotError as e:
        print("%s: %s" % (TOOL, e), file=sys.stderr)
        return e.status
    for path, what in written:
        print("wrote %s (%s)" % (path, what))
    if len(data.sizes) == 1:
        print("%s: one group size; smkd-scaling --sizes=250,500,1000,2000 gives the figures "
              "against group size" % TOOL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
