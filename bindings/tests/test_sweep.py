# SPDX-License-Identifier: GPL-2.0-only
"""Parameter sweeps on a local Dask cluster (smkd.sweep)."""

import csv
import math

import pytest

import smkd
from smkd import sweep

pytest.importorskip("distributed")
# Debian's tornado warns about its own use in distributed.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

# Tiny scenarios: 9 routers in a 3x3 grid, 10 or 20 members.
FIXED = {"generator": "grid", "routers": "9", "settle": "2"}
GRID = {"members": [10, 20], "scheme": ["cbt", "rfc1949"]}


def test_expand_nests_the_grid_in_order_and_checks_names():
    tasks = sweep.expand(GRID, [1, 2], {"generator": "grid"})
    assert len(tasks) == 8
    assert tasks[0] == ({"generator": "grid", "members": 10, "scheme": "cbt"}, 1)
    assert tasks[3] == ({"generator": "grid", "members": 10, "scheme": "rfc1949"}, 2)
    assert tasks[-1][0]["members"] == 20
    with pytest.raises(ValueError, match="unknown sweep parameter 'member'"):
        sweep.expand({"member": [1]}, [1])
    with pytest.raises(ValueError, match="both in the grid and fixed: members"):
        sweep.expand(GRID, [1], {"members": 3})


def test_bad_names_and_values_raise_before_any_task():
    with pytest.raises(KeyError, match="ns3::SmkdGkdc::NoSuchAttribute"):
        sweep.run_sweep({"ns3::SmkdGkdc::NoSuchAttribute": ["1"]}, [1], FIXED)
    with pytest.raises(ValueError, match="'many' is not a int"):
        sweep.run_sweep({"members": ["many"]}, [1], FIXED)
    with pytest.raises(ValueError, match="scheme 'cbt2'"):
        sweep.run_sweep({"scheme": ["cbt2"]}, [1], FIXED)
    assert sweep.main(["--grid", "colour=red", "--out", "/nonexistent"]) == 1


def test_small_sweep_on_a_local_cluster(tmp_path):
    rows = sweep.run_sweep(GRID, [1], FIXED, workers=2, out=str(tmp_path), plot_x="members")
    assert [(r["members"], r["scheme"]) for r in rows] == [
        (10, "cbt"), (10, "rfc1949"), (20, "cbt"), (20, "rfc1949")]
    for row in rows:
        assert set(sweep.METRICS) <= set(row) and row["seed"] == 1
        assert row["joined"] == row["members"] and row["events"] > 0
    assert [r["crypto_ops_per_join"] > 0 for r in rows] == [False, True, False, True]
    # A task's row depends only on its parameters and seed: this process agrees.
    local = sweep.run_point(dict(FIXED, members=20, scheme="rfc1949"), 1)

    def comparable(row):  # NaN (no rekey, no probes) never equals itself
        return {k: None if isinstance(v, float) and math.isnan(v) else v
                for k, v in row.items() if k != "wall_s"}

    assert comparable(local) == comparable(rows[3])
    with open(tmp_path / "sweep.csv") as f:
        table = list(csv.DictReader(f))
    assert len(table) == 4
    assert list(table[0])[:6] == ["members", "scheme", "generator", "routers", "settle", "seed"]
    assert list(table[0])[6:] == list(sweep.METRICS)
    assert table[1]["scheme"] == "rfc1949" and int(table[1]["joined"]) == 10
    assert (tmp_path / "join_p50_ms-vs-members.png").stat().st_size > 1000
    with open(tmp_path / "summary.csv") as f:
        summary = list(csv.DictReader(f))
    assert len(summary) == 4 * len(sweep.METRICS)
    assert summary[0]["metric"] == sweep.METRICS[0] and summary[0]["n"] == "1"


def test_summary_is_the_mean_and_student_t_interval_over_seeds():
    rows = [dict(members=10, seed=s, **{m: math.nan for m in sweep.METRICS}) for s in (1, 2, 3)]
    for row, latency in zip(rows, (4.0, 5.0, 9.0)):
        row["join_p50_ms"] = latency
    summary = {e["metric"]: e for e in sweep.summarize(rows, ["members"])}
    n, mean, ci95 = (summary["join_p50_ms"][k] for k in ("n", "mean", "ci95"))
    sd = math.sqrt(((4 - 6) ** 2 + (5 - 6) ** 2 + (9 - 6) ** 2) / 2)
    assert (n, mean) == (3, 6.0) and ci95 == pytest.approx(4.303 * sd / math.sqrt(3))
    assert summary["joined"]["n"] == 0 and math.isnan(summary["joined"]["mean"])
    assert smkd.mean_ci95([7.0])[0] == 1 and math.isnan(smkd.mean_ci95([7.0])[2])
