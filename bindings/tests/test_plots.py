# SPDX-License-Identifier: GPL-2.0-only
"""examples/smkd-scaling-plots.py on small runs of smkd-scaling: what it reads,
what it refuses to mix, and what it writes."""

import importlib.util
import json
import math
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import smkd

pytest.importorskip("matplotlib")

BUILD = pathlib.Path(os.environ.get("SMKD_BUILD_DIR",
                                    pathlib.Path(smkd.__file__).resolve().parents[2]))
SCALING = BUILD / "examples" / "smkd-scaling"
SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "examples" / "smkd-scaling-plots.py"
# A 5x4 grid of 20 routers; members on LANs of 10.
GRID = ["--generator=grid", "--routers=20", "--progress=false"]
ALL = "--schemes=cbt,rfc1949,strict,kdc"
MAGIC = {"png": b"\x89PNG", "pdf": b"%PDF", "svg": b"<?xml"}


def plots_module():
    """The script, imported as a module (its name has dashes)."""
    spec = importlib.util.spec_from_file_location("smkd_scaling_plots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scaling(out, *args):
    if not SCALING.exists():
        pytest.skip("%s not built" % SCALING)
    subprocess.run([str(SCALING), *GRID, *args, "--out=%s" % out], check=True,
                   capture_output=True, timeout=300)
    return out


def plots(*args):
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def sweep_dir(tmp_path_factory):
    """Two sizes and two seeds of every scheme."""
    return scaling(tmp_path_factory.mktemp("sweep"), ALL, "--sizes=20,30", "--seeds=1-2")


def test_every_scheme_keeps_its_colour_and_marker():
    m = plots_module()
    styles = {s: m.scheme_style(s) for s in m.SCHEMES}
    assert set(styles) == {"cbt", "rfc1949", "strict", "kdc"}
    assert len({c for c, _ in styles.values()}) == 4
    assert len({mk for _, mk in styles.values()}) == 4
    # Whatever else is present or missing: the style is the scheme's own.
    for present in (["kdc"], ["rfc1949", "kdc"], list(m.SCHEMES)):
        assert [m.scheme_style(s) for s in m.ordered_schemes(present)] == [
            styles[s] for s in m.SCHEMES if s in present]
    assert m.ordered_schemes(["kdc", "lkh", "cbt"]) == ["cbt", "kdc", "lkh"]
    # Another scheme gets a style of its own, the same every time.
    other = m.scheme_style("lkh")
    assert other == plots_module().scheme_style("lkh")
    assert other[0] not in {c for c, _ in styles.values()}
    # Labels and units from one table.
    assert m.axis_label("join_p95") == "join latency, 95th percentile (ms)"
    assert m.axis_label("cdf") == "fraction of joins"
    assert m.latency_kind("cbt", [{"source": "on-tree"}]) == "LAN on tree"
    assert m.latency_kind("cbt", []) == "LAN on tree"
    assert m.latency_kind("kdc", [{"source": "keys-installed"}]) == "keys installed"


def test_statistics_agree_with_the_cpp_summary():
    m = plots_module()
    values = [1.0, 2.5, 4.0]
    n, mean, ci = m.mean_ci95(values + [math.nan])
    sd = math.sqrt(sum((v - 2.5) ** 2 for v in values) / 2)
    assert (n, mean) == (3, 2.5) and ci == pytest.approx(4.303 * sd / math.sqrt(3))
    assert m.mean_ci95([7.0])[:2] == (1, 7.0) and math.isnan(m.mean_ci95([7.0])[2])
    assert m.compress([5, 1, 2, 3]) == "1\u20133, 5"


@pytest.mark.parametrize("fmt", ["svg", "pdf"])
def test_figures_are_written_in_the_requested_format(sweep_dir, tmp_path, fmt):
    done = plots("--out=%s" % sweep_dir, "--format=%s" % fmt, "--dir=%s" % tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted("%s.%s" % (n, fmt)
                           for n in ("join-latency-cdf", "headline-vs-size", "time-series"))
    for name in names:
        assert (tmp_path / name).read_bytes().startswith(MAGIC[fmt]), name
    assert "join-latency CDF: 30 members, seeds 1\u20132 pooled" in done.stdout
    assert "members 20, 30, mean and 95 % CI over seeds 1\u20132" in done.stdout


def test_png_next_to_the_data_and_the_first_seed_only(sweep_dir):
    done = plots("--out=%s" % sweep_dir, "--cdf-seeds=first")
    assert done.returncode == 0, done.stderr
    assert "join-latency CDF: 30 members, seed 1," in done.stdout
    for name in ("join-latency-cdf", "headline-vs-size", "time-series"):
        assert (sweep_dir / (name + ".png")).read_bytes().startswith(MAGIC["png"])


def test_seeds_only_give_bars_per_scheme_in_the_schemes_own_colours(tmp_path):
    out = scaling(tmp_path / "out", "--members=20", "--seeds=1-2", "--schemes=rfc1949,kdc")
    done = plots("--out=%s" % out, "--format=svg", "--dir=%s" % (tmp_path / "fig"))
    assert done.returncode == 0, done.stderr
    bars = (tmp_path / "fig" / "headline-by-scheme.svg").read_text()
    assert not (tmp_path / "fig" / "headline-vs-size.svg").exists()
    assert "per scheme: 20 members, mean and 95 % CI over seeds 1\u20132" in done.stdout
    m = plots_module()
    # cbt and strict are missing: rfc1949 and kdc keep their colours, nobody takes strict's.
    for scheme in ("rfc1949", "kdc"):
        assert m.scheme_style(scheme)[0] in bars
    assert m.scheme_style("strict")[0] not in bars


def test_outputs_of_different_set_ups_are_refused(tmp_path):
    a = scaling(tmp_path / "a", "--members=20", "--schemes=rfc1949")
    b = scaling(tmp_path / "b", "--members=20", "--schemes=rfc1949", "--routers=30")
    done = plots("--out=%s" % a, "--out=%s" % b, "--dir=%s" % (tmp_path / "fig"))
    assert done.returncode == 2
    first = done.stderr.splitlines()[1]
    assert "routers" in first and "'20'" in first and "'30'" in first
    assert str(a) in first and str(b) in first
    assert not (tmp_path / "fig").exists()
    # --allow-mixed draws them, saying so.
    done = plots("--out=%s" % a, "--out=%s" % b, "--dir=%s" % (tmp_path / "fig"),
                 "--allow-mixed")
    assert done.returncode == 0, done.stderr
    assert "configuration.routers" in done.stderr
    assert (tmp_path / "fig" / "join-latency-cdf.png").exists()
    m = plots_module()
    data = m.Data([m.load_sweep(str(a)), m.load_sweep(str(b))], allow_mixed=True)
    assert "MIXED" in data.mixed_note() and "routers" in data.mixed_note()


def test_outputs_that_agree_are_drawn_together(tmp_path):
    a = scaling(tmp_path / "a", "--members=20", "--schemes=cbt,rfc1949", "--seed=1")
    b = scaling(tmp_path / "b", "--members=20", "--schemes=cbt,rfc1949", "--seeds=2-3")
    both = scaling(tmp_path / "both", "--members=20", "--schemes=cbt,rfc1949", "--seeds=1-3")
    done = plots("--out=%s" % a, "--out=%s" % b, "--dir=%s" % (tmp_path / "fig"))
    assert done.returncode == 0, done.stderr
    assert "mean and 95 % CI over seeds 1\u20133" in done.stdout
    # Statistics over the two outputs' runs.csv equal one run's summary.csv.
    m = plots_module()
    pooled = m.Data([m.load_sweep(str(a)), m.load_sweep(str(b))]).summary()
    one = m.Data([m.load_sweep(str(both))]).summary()
    assert set(pooled) == set(one)
    for key, (n, mean, ci) in one.items():
        assert pooled[key][0] == n, key
        for x, y in zip(pooled[key][1:], (mean, ci)):
            assert (math.isnan(x) and math.isnan(y)) or x == pytest.approx(y, rel=1e-9), key
    # The same runs twice are not more replications.
    done = plots("--out=%s" % a, "--out=%s" % a)
    assert done.returncode == 2 and "members 20, seed 1 twice" in done.stderr


def test_only_the_runs_sweep_json_lists_are_read(tmp_path):
    out = tmp_path / "out"
    scaling(out, "--members=30", "--schemes=cbt,rfc1949")    # top level: 30 members
    scaling(out, "--sizes=20,25", "--schemes=cbt,rfc1949")   # members-20/, members-25/
    # A directory no sweep lists, of another set-up: it would be refused if read.
    stray = out / "members-99"
    shutil.copytree(out / "members-25", stray)
    manifest = json.loads((stray / "manifest.json").read_text())
    manifest["members"] = 99
    manifest["configuration"]["routers"] = "99"
    (stray / "manifest.json").write_text(json.dumps(manifest))
    (stray / "rfc1949-joins.csv").write_text("garbage\n")
    m = plots_module()
    assert [r.members for r in m.load_sweep(str(out)).runs] == [20, 25]
    done = plots("--out=%s" % out, "--dir=%s" % (tmp_path / "fig"))
    assert done.returncode == 0, done.stderr
    # The CDF is the largest listed size's, not the stale top-level 30.
    assert "join-latency CDF: 25 members" in done.stdout
    assert "against group size: members 20, 25," in done.stdout


def test_an_output_without_sweep_json_asks_for_a_new_run(tmp_path):
    out = scaling(tmp_path / "out", "--members=20", "--schemes=rfc1949")
    (out / "sweep.json").unlink()
    done = plots("--out=%s" % out)
    assert done.returncode == 1
    assert "no sweep.json" in done.stderr and "Re-run smkd-scaling" in done.stderr
    done = plots("--out=%s" % (tmp_path / "nothing"))
    assert done.returncode == 1 and "run ./smkd run smkd-scaling" in done.stderr
