# SPDX-License-Identifier: GPL-2.0-only
"""Parameter sweeps of the scaling experiment (smkd.Scenario) on Dask.

A grid of parameters times a list of seeds; each (grid point, seed) is one
task that runs one scenario in a Dask worker process and returns one row of
key metrics. Parameter names are

* ``scheme`` (cbt, rfc1949, strict, kdc; rfc1949 when not given),
* ScenarioConfig fields (``members``, ``routers``, ``generator``, ...),
* ns-3 attribute defaults by full name (``ns3::SmkdKeyDirectory::CryptoMode``),
  set with smkd.set_default in the worker before the run.

ns-3 is single-threaded and global, so every task runs alone in its worker
process (one thread per worker; a lock in this module serialises tasks should
a worker have more threads) and starts from a destroyed simulator and ns-3's
default configuration: a row depends only on its parameters and seed.

Command line::

    python3 -m smkd.sweep --grid members=100,200 --grid scheme=cbt,rfc1949 \\
        --seeds 1,2 --set generator=grid --out dir --plot-x members --plot-y join_p50_ms

writes ``dir/sweep.csv`` (one row per grid point and seed), ``dir/summary.csv``
(per grid point and metric: n, mean and the 95 % confidence half-width over
seeds, Student t, as smkd-scaling's) and ``dir/<plot-y>-vs-<plot-x>.png``. Without
``--scheduler`` a LocalCluster of ``--workers`` processes runs the tasks;
``--scheduler tcp://host:port`` uses a running Dask scheduler instead.
"""

import argparse
import csv
import itertools
import logging
import math
import os
import sys
import threading
import time

import smkd

#: Columns of the metrics every row carries, after the parameters and the seed.
METRICS = (
    "joined",
    "join_p50_ms",
    "join_p95_ms",
    "join_max_ms",
    "control_bytes_per_join",
    "crypto_ops_per_join",
    "busiest_cpu_ms",
    "primary_share",
    "rekey_p50_ms",
    "leaves",
    "rejoin_p50_ms",
    "delivery_ratio",
    "leaks",
    "exposed_members",
    "events",
    "wall_s",
)

DEFAULT_SCHEME = "rfc1949"

# Tasks in one process must not interleave: ns-3's simulator and attribute
# defaults are process-wide.
_NS3 = threading.Lock()


def _is_attribute(name):
    return "::" in name


def _check_names(names):
    """Raise ValueError for a name that is neither scheme, a config field nor an attribute."""
    fields = smkd.ScenarioConfig._fields
    for name in names:
        if name != "scheme" and name not in fields and not _is_attribute(name):
            raise ValueError("unknown sweep parameter '%s' (expected scheme, an ns-3 attribute "
                             "ns3::<TypeId>::<Attribute> or a ScenarioConfig field: %s)"
                             % (name, ", ".join(fields)))


def _coerce(name, value):
    """Convert a value (possibly command-line text) to the type the parameter takes."""
    if name == "scheme" or _is_attribute(name):
        return str(value).lower() if isinstance(value, bool) else str(value)
    default = getattr(smkd.ScenarioConfig(), name)
    if isinstance(default, bool) or not isinstance(default, (int, float, str)):
        return value
    try:
        return type(default)(value)
    except (TypeError, ValueError):
        raise ValueError("sweep parameter '%s': %r is not a %s"
                         % (name, value, type(default).__name__)) from None


def _per_join(total, joined):
    return total / joined if joined else math.nan


def _ms(seconds):
    # Simulated times are whole nanoseconds: six decimals of a millisecond keep them exact.
    return round(seconds * 1000.0, 6)


def metrics(results):
    """The row metrics of one run's Results (NaN where nothing joined)."""
    joined = results.joins_completed
    latency = results.join_latency
    return {
        "joined": joined,
        "join_p50_ms": _ms(latency.p50),
        "join_p95_ms": _ms(latency.p95),
        "join_max_ms": _ms(latency.max),
        "control_bytes_per_join": _per_join(results.control_bytes, joined),
        "crypto_ops_per_join": _per_join(results.ops_all.total, joined),
        "busiest_cpu_ms": _ms(results.busy_all.max),
        "primary_share": results.busy_all.primary_share,
        "rekey_p50_ms": _ms(results.rekey_latency.p50),
        "leaves": results.leaves,
        "rejoin_p50_ms": _ms(results.rejoin_latency.p50),
        # NaN unless probe_interval is set: probes measure the tree's delivery.
        "delivery_ratio": results.data.ratio,
        # The leak figure; NaN where it cannot be measured (cbt, Modeled crypto, RSA).
        "leaks": (results.confinement.unauthorized_holders
                  if results.confinement.measured else float("nan")),
        "exposed_members": (results.confinement.exposed_members
                            if results.confinement.measured else float("nan")),
        "events": results.counters.get("simulator.events", 0),
    }


def _configure(params):
    """Set the attribute defaults among params; return (Scenario of the config fields, scheme)."""
    fields = {}
    for name, value in params.items():
        if _is_attribute(name):
            smkd.set_default(name, _coerce(name, value))
        elif name != "scheme":
            fields[name] = _coerce(name, value)
    scheme = _coerce("scheme", params.get("scheme", DEFAULT_SCHEME))
    return smkd.Scenario(smkd.ScenarioConfig(**fields)), scheme


def run_point(params, seed):
    """Run one scenario: the task of a sweep (importable, so workers can unpickle it).

    :param params: parameter name -> value (scheme, config fields, attributes)
    :param seed: ns-3 seed (run number 1)
    :return: the row: params, seed, metrics
    """
    _check_names(params)
    with _NS3:
        smkd.Simulator.destroy()
        smkd.reset_config()
        try:
            smkd.set_seed(int(seed))
            scenario, scheme = _configure(params)
            started = time.perf_counter()
            results = scenario.run(scheme)
            wall = time.perf_counter() - started
        finally:
            smkd.reset_config()
    row = dict(params)
    row["seed"] = int(seed)
    row.update(metrics(results))
    row["wall_s"] = wall
    return row


def expand(grid, seeds, fixed=None):
    """The tasks of a sweep: (params, seed) for every grid point and seed, grid order first.

    :param grid: name -> list of values (one axis each; dict order is the nesting order)
    :param seeds: list of seeds
    :param fixed: name -> value for every task
    """
    fixed = dict(fixed or {})
    names = list(grid)
    overlap = set(names) & set(fixed)
    if overlap:
        raise ValueError("parameters both in the grid and fixed: %s" % ", ".join(sorted(overlap)))
    _check_names(names + list(fixed))
    for name in names:
        if not list(grid[name]):
            raise ValueError("grid parameter '%s' has no values" % name)
    if not list(seeds):
        raise ValueError("no seeds")
    tasks = []
    for values in itertools.product(*(list(grid[n]) for n in names)):
        point = dict(fixed)
        point.update(zip(names, values))
        for seed in seeds:
            tasks.append((point, int(seed)))
    return tasks


def _check_values(tasks):
    """Refuse bad parameter values before any task is sent (same checks as the workers)."""
    with _NS3:
        try:
            for params, _ in tasks:
                scenario, scheme = _configure(params)
                scenario.validate(scheme)
        finally:
            smkd.reset_config()


def _client(scheduler, workers):
    """A Dask client on the given scheduler, or on a new LocalCluster of worker processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        raise RuntimeError("smkd.sweep needs Dask's distributed scheduler "
                           "(Debian: apt-get install python3-distributed): %s" % e) from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as e:
            raise RuntimeError("cannot reach the Dask scheduler at %s: %s" % (scheduler, e)) from None
    # Worker processes find the smkd package where this process found it.
    parent = os.path.dirname(os.path.dirname(os.path.abspath(smkd.__file__)))
    path = os.environ.get("PYTHONPATH", "")
    if parent not in path.split(os.pathsep):
        os.environ["PYTHONPATH"] = parent + (os.pathsep + path if path else "")
    try:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
    except Exception as e:  # Dask raises many kinds here; all mean the same to the caller
        raise RuntimeError("cannot start a local Dask cluster: %s: %s"
                           % (type(e).__name__, e)) from None
    return Client(cluster), cluster


def write_csv(rows, path, parameters):
    """Write rows (one per grid point and seed) with the parameter columns first."""
    columns = list(parameters) + ["seed"] + list(METRICS)
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def summarize(rows, parameters):
    """Per grid point (the parameters' values) and metric: the number of seeds,
    the mean and the 95 % confidence half-width (smkd.mean_ci95, Student t)."""
    points = {}
    for row in rows:
        points.setdefault(tuple(row.get(p) for p in parameters), []).append(row)
    summary = []
    for key, group in points.items():
        for metric in METRICS:
            values = [float(r[metric]) if r.get(metric) is not None else math.nan for r in group]
            n, mean, ci95 = smkd.mean_ci95(values)
            entry = dict(zip(parameters, key))
            entry.update(metric=metric, n=n, mean=mean, ci95=ci95)
            summary.append(entry)
    return summary


def write_summary(summary, path, parameters):
    """Write summarize()'s rows: the parameter columns, then metric, n, mean, ci95."""
    columns = list(parameters) + ["metric", "n", "mean", "ci95"]
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(summary)


def _sort_key(value):
    return (0, value, "") if isinstance(value, (int, float)) else (1, 0, str(value))


def plot(rows, x, y, path, series=()):
    """Plot metric y against parameter x: one line per combination of the series
    parameters, the mean over seeds with 95 % confidence bars (Student t; none from
    one seed). Writes a PNG."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lines = {}
    for row in rows:
        key = tuple(row.get(s) for s in series)
        lines.setdefault(key, {}).setdefault(row[x], []).append(row[y])
    fig, ax = plt.subplots(figsize=(6, 4))
    for key in sorted(lines, key=lambda k: [_sort_key(v) for v in k]):
        xs = sorted(lines[key], key=_sort_key)
        stats = [smkd.mean_ci95([float(v) for v in lines[key][p]]) for p in xs]
        mean = [m for _, m, _ in stats]
        ci = [c if c == c else 0.0 for _, _, c in stats]
        label = ", ".join("%s=%s" % (s, v) for s, v in zip(series, key)) or None
        ax.errorbar([str(p) for p in xs] if not all(isinstance(p, (int, float)) for p in xs)
                    else xs, mean, yerr=ci, marker="o", capsize=3, label=label)
    seeds = len({row["seed"] for row in rows})
    ax.set_title("mean over %d seed%s, bars: 95 %% confidence (Student t)"
                 % (seeds, "" if seeds == 1 else "s"), fontsize="small")
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    ax.grid(True, alpha=0.3)
    if any(k for k in lines):
        ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def run_sweep(grid, seeds=(1,), fixed=None, scheduler=None, workers=None, out=None,
              plot_x=None, plot_y="join_p50_ms"):
    """Run every grid point with every seed on Dask and gather the rows.

    :param grid: name -> list of values (scheme, ScenarioConfig fields, ns-3 attributes)
    :param seeds: seeds; each grid point runs once per seed
    :param fixed: name -> value set in every task
    :param scheduler: address of a running Dask scheduler (tcp://host:port); None starts
        a LocalCluster of worker processes
    :param workers: LocalCluster worker processes (default: the number of cores)
    :param out: directory for sweep.csv and the plot (nothing written when None)
    :param plot_x: parameter on the plot's x axis (default: the first grid parameter
        other than scheme); no plot when out is None
    :param plot_y: metric on the y axis (one of METRICS)
    :return: the rows (dicts), in grid order then seed order
    """
    tasks = expand(grid, seeds, fixed)
    if plot_y not in METRICS:
        raise ValueError("plot metric '%s' is not one of %s" % (plot_y, ", ".join(METRICS)))
    axes = [n for n in grid if n != "scheme"] or list(grid)
    plot_x = plot_x or (axes[0] if axes else None)
    if plot_x is not None and plot_x not in grid:
        raise ValueError("plot parameter '%s' is not a grid parameter (%s)"
                         % (plot_x, ", ".join(grid)))
    _check_values(tasks)
    client, cluster = _client(scheduler, workers)
    try:
        futures = client.map(run_point, [p for p, _ in tasks], [s for _, s in tasks],
                             pure=False)
        rows = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if out:
        os.makedirs(out, exist_ok=True)
        parameters = list(grid) + [n for n in (fixed or {}) if n not in grid]
        write_csv(rows, os.path.join(out, "sweep.csv"), parameters)
        write_summary(summarize(rows, parameters), os.path.join(out, "summary.csv"),
                      parameters)
        if plot_x is not None:
            series = [n for n in grid if n != plot_x]
            plot(rows, plot_x, plot_y, os.path.join(out, "%s-vs-%s.png" % (plot_y, plot_x)),
                 series)
    return rows


def _assignment(text):
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError("expected NAME=VALUE, got '%s'" % text)
    return name, value


def _parser():
    p = argparse.ArgumentParser(
        prog="python3 -m smkd.sweep",
        description="Sweep the smkd scaling experiment over a parameter grid and seeds on Dask.")
    p.add_argument("--grid", action="append", type=_assignment, default=[],
                   metavar="NAME=V1,V2", help="a grid axis: scheme, a ScenarioConfig field or an "
                   "ns-3 attribute (ns3::Type::Attr); repeat for more axes")
    p.add_argument("--set", action="append", type=_assignment, default=[], metavar="NAME=VALUE",
                   help="a parameter fixed for every task")
    p.add_argument("--seeds", default="1", help="comma list of seeds (default 1)")
    p.add_argument("--out", default="results/sweep", help="output directory")
    p.add_argument("--plot-x", help="grid parameter of the plot's x axis")
    p.add_argument("--plot-y", default="join_p50_ms", choices=METRICS, help="metric to plot")
    p.add_argument("--scheduler", help="address of a running Dask scheduler, tcp://host:port "
                   "(default: a local cluster)")
    p.add_argument("--workers", type=int, help="local worker processes (default: cores)")
    return p


def main(argv=None):
    args = _parser().parse_args(argv)
    grid = {name: [v for v in values.split(",") if v] for name, values in args.grid}
    fixed = dict(args.set)
    try:
        seeds = [int(s) for s in args.seeds.split(",") if s]
        rows = run_sweep(grid, seeds, fixed, scheduler=args.scheduler, workers=args.workers,
                         out=args.out, plot_x=args.plot_x, plot_y=args.plot_y)
    except (ValueError, KeyError, RuntimeError) as e:
        print("smkd.sweep: %s" % (e.args[0] if isinstance(e, KeyError) else e), file=sys.stderr)
        return 1
    shown = list(grid) + ["seed", "joined", "join_p50_ms", "join_p95_ms", "wall_s"]
    print("  ".join("%12s" % c[-12:] for c in shown))
    for row in rows:
        print("  ".join("%12s" % (("%.2f" % row[c]) if isinstance(row[c], float) else row[c])
                        for c in shown))
    print("smkd.sweep: %d runs; output in %s" % (len(rows), args.out))
    return 0


if __name__ == "__main__":
    # Run from the module's own name, so that the tasks pickle as
    # smkd.sweep.run_point (workers cannot import __main__'s functions).
    from smkd.sweep import main as _main

    sys.exit(_main())
