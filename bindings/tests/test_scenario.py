# SPDX-License-Identifier: GPL-2.0-only
"""The scaling experiment from Python: configuration, runs, results."""

import json
import math
import os
import pathlib
import subprocess

import pytest

import smkd

# A small generated network: 20 routers in a 5x4 grid, 30 members on 4 LANs.
SMALL = dict(generator="grid", routers=20, members=30)
BUILD = pathlib.Path(os.environ.get("SMKD_BUILD_DIR",
                                    pathlib.Path(smkd.__file__).resolve().parents[2]))


def test_config_defaults_are_the_cpp_defaults():
    c = smkd.ScenarioConfig()
    assert (c.generator, c.routers, c.members, c.hosts_per_lan, c.cores) == ("ba", 100, 2000, 10, 1)
    assert (c.acl_at, c.join_start, c.join_window, c.settle) == (1.0, 4.0, 5.0, 5.0)
    assert (c.data_interval, c.flash_duration, c.join_pattern) == (0.005, 0.2, "uniform")
    assert c.failures == [] and c.mean_membership == 0.0


def test_config_round_trip_of_every_field():
    failures = [smkd.Failure(at=6.5, a=3, b=4, duration=2.0), smkd.Failure(7.25, 5)]
    values = dict(topology_file="/x.txt", generator="waxman", routers=77, members=123,
                  hosts_per_lan=7, cores=3, core_placement="degree", acl_at=0.5,
                  join_start=2.0, join_window=3.0, join_pattern="flash-crowd",
                  flash_fraction=0.25, flash_duration=0.0015, mean_membership=12.5,
                  mean_absence=3.125, failures=failures, settle=1.5, data_interval=0.01,
                  probe_interval=0.25, queue_discs=False, core_routers=["a", "7"],
                  progress_interval=2.0, acl="exclusion", out_dir="/tmp/o",
                  key_lifetime=20.0, rekey_lead=5.0, recovery_margin=2.5, key_grace=1.0,
                  exclusions=2, exclusion_at=9.5, exclusion_strategy="Lkh",
                  exclusion_window=1.5,
                  adversaries=smkd.AdversarySpec.parse_list("impostor:2"))
    assert set(values) == set(smkd.ScenarioConfig._fields)
    c = smkd.ScenarioConfig(**values)
    for name, value in values.items():
        assert getattr(c, name) == value, name
    # Times are whole nanoseconds, rounded: 0.0015 s is 1500000 ns, not 1499999.
    assert c.flash_duration == 0.0015
    assert c.failures[0].b == 4 and c.failures[1].b == smkd.Failure.ROUTER
    assert c.failures[0].to_dict() == {"at": 6.5, "a": 3, "b": 4, "duration": 2.0}
    assert c.replace(members=5).members == 5 and c.members == 123
    assert smkd.Scenario(smkd.ScenarioConfig(**SMALL)).config == smkd.ScenarioConfig(**SMALL)


def test_config_refuses_unknown_fields_and_bad_times():
    with pytest.raises(ValueError, match="unknown field 'member'"):
        smkd.ScenarioConfig(member=3)
    with pytest.raises(ValueError, match="join_window"):
        smkd.ScenarioConfig(join_window=-1.0)
    with pytest.raises(ValueError, match="settle"):
        smkd.ScenarioConfig(settle=math.nan)
    with pytest.raises(ValueError, match="at"):
        smkd.Failure(at=-1.0, a=0)
    with pytest.raises(TypeError):
        smkd.ScenarioConfig(members=-3)


@pytest.mark.parametrize("fields,scheme,named", [
    (dict(SMALL), "rfc1950", "scheme 'rfc1950'"),
    (dict(SMALL, generator="hypercube"), "rfc1949", "generator 'hypercube'"),
    (dict(SMALL, topology_file="/no/such/map.txt"), "rfc1949", "topology_file"),
    (dict(SMALL, members=9001, acl="inclusion"), "rfc1949", "9000 members"),
    (dict(SMALL, hosts_per_lan=1), "cbt", "hosts_per_lan"),
    (dict(SMALL, routers=0), "cbt", "routers"),
    (dict(SMALL, join_start=0.5), "cbt", "join_start"),
    (dict(SMALL, acl="everyone"), "cbt", "access list mode 'everyone'"),
    (dict(SMALL, core_placement="middle"), "cbt", "core placement 'middle'"),
])
def test_bad_configuration_raises_value_error_naming_it(fields, scheme, named):
    with pytest.raises(ValueError, match=named):
        smkd.Scenario(**fields).run(scheme)


def test_too_many_members_for_the_topology_raise_before_running():
    # 300 members need 31 LANs; the grid has 20 routers.
    s = smkd.Scenario(**dict(SMALL, members=300, acl="exclusion"))
    s.validate("cbt")  # the map is not built by validate
    with pytest.raises(ValueError, match="300 members"):
        s.run("cbt")
    assert smkd.Simulator.now() == 0.0


def test_results_parts_are_objects_and_to_dict_is_json():
    s = smkd.Scenario(**SMALL)
    assert (s.routers, s.links, s.topology_source) == (20, 31, "grid 5x4")
    r = s.run("rfc1949")
    assert isinstance(r, smkd.Results)
    assert r.run.scheme == "rfc1949" and r.run.parameters["members"] == "30"
    assert r.joins_completed == 30 and len([j for j in r.joins if j.first]) == 30
    j = r.joins[0]
    assert isinstance(j, smkd.records.JoinRecord) and j.group == "232.19.49.1"
    assert j.latency == pytest.approx(j.end - j.start, abs=1e-9)
    assert j.source == "keys-installed"
    assert r.join_latency.count == 30 and r.join_latency.min <= r.join_latency.p50
    assert r.join_latency_cdf[-1][1] == 1.0
    primary = [c for c in r.crypto if c.node == r.primary_core]
    assert primary and primary[0].role == "router" and primary[0].total_ops > 0
    control = [o for o in r.overhead if o.protocol in ("cbt", "igmp", "smkd")]
    assert r.control_bytes == sum(o.bytes for o in control)
    assert r.control_bytes == sum(link.bytes for link in r.links)
    assert r.trees and r.primary_core in r.trees[0].routers
    assert r.counters["simulator.events"] > 0
    d = r.to_dict()
    assert json.loads(json.dumps(d, allow_nan=False)) == d
    assert d["joins"][0]["node"] == j.node and d["busy_all"]["nodes"] == r.busy_all.nodes
    # No rekey in 14 s with the default key lifetime: NaN fields become None.
    assert d["rekey_latency"]["p50"] is None and math.isnan(r.rekey_latency.p50)


def cpp_summary(r):
    """The Results in the shape of the C++ JSON summary (SmkdStatisticsJson)."""
    d = r.to_dict()
    camel = {"primary_share": "primaryShare"}

    def load(s):
        return {camel.get(k, k): v for k, v in d[s].items()}

    operations = {}
    for c in r.crypto:
        for op, n in c.ops.items():
            operations[op] = operations.get(op, 0) + n
    run = d["run"]
    return {
        "run": {"version": run["version"], "seed": run["seed"], "run": run["run"],
                "label": run["label"], "scheme": run["scheme"],
                "cryptoMode": run["crypto_mode"], "parameters": run["parameters"],
                "configuration": run["configuration"], "attributes": run["attributes"],
                "globals": run["globals"], "topologySha256": run["topology_sha256"],
                "commit": run["commit"], "ns3Version": run["ns3_version"],
                "opensslVersion": run["openssl_version"], "wallSeconds": run["wall_seconds"]},
        "joins": {"started": r.joins_started, "completed": r.joins_completed,
                  "refused": r.joins_refused, "pending": r.joins_pending, "leaves": r.leaves,
                  "percentiles": "nearest rank over each member's first completed join, seconds",
                  "latency": d["join_latency"], "latencyCdf": d["join_latency_cdf"],
                  "rejoinLatency": d["rejoin_latency"],
                  "firstDataLatency": d["first_data_latency"]},
        "rekeys": {"count": len(r.rekeys), "latency": d["rekey_latency"]},
        "overhead": {"messages": r.control_messages, "bytes": r.control_bytes,
                     "frameBytes": r.control_frame_bytes, "dataMessages": r.data_messages,
                     "dataBytes": r.data_bytes, "links": len(r.links),
                     "byType": [{("frameBytes" if k == "frame_bytes" else k): v
                                 for k, v in o.to_dict().items()} for o in r.overhead]},
        "security": {"bytes": r.security_bytes, "byKind": [s.to_dict() for s in r.security]},
        "crypto": {"primaryCore": r.primary_core, "operations": operations,
                   "busySeconds": {"all": load("busy_all"),
                                   "infrastructure": load("busy_infrastructure")},
                   "operationCounts": {"all": load("ops_all"),
                                       "infrastructure": load("ops_infrastructure")},
                   "meanQueueingSeconds": d["mean_queueing"],
                   "maxQueueingSeconds": d["max_queueing"]},
        "trees": [{"group": t.group, "routers": len(t.routers), "links": len(t.links)}
                  for t in r.trees],
        "data": d["data"],
        "confinement": {
            "measured": r.confinement.measured, "why": r.confinement.why,
            "unauthorizedHolders": r.confinement.unauthorized_holders,
            "exposedMembers": r.confinement.exposed_members,
            "adversaries": r.confinement.adversaries, "attempts": r.confinement.attempts,
            "epochs": [{"atSeconds": e.at, "epoch": e.epoch, "spi": e.spi, "holders": e.holders,
                        "authorized": e.authorized, "unauthorized": e.unauthorized,
                        "exposedMembers": e.exposed_members} for e in r.confinement.epochs]},
        "counters": d["counters"],
    }


def test_results_equal_the_cpp_example_of_the_same_seed(tmp_path):
    exe = BUILD / "examples" / "smkd-scaling"
    if not exe.exists():
        pytest.skip("%s not built" % exe)
    subprocess.run([str(exe), "--generator=grid", "--routers=20", "--members=30",
                    "--schemes=rfc1949,cbt", "--seed=3", "--progress=false",
                    "--out=%s" % tmp_path], check=True, capture_output=True, timeout=120)
    smkd.set_seed(3)
    s = smkd.Scenario(**SMALL)
    for scheme in ("rfc1949", "cbt"):
        expected = json.loads((tmp_path / ("%s.json" % scheme)).read_text())
        got = cpp_summary(s.run(scheme))
        # Provenance: the same but for the wall time, where the CLI run
        # wrote its output and its progress setting.
        for summary in (expected, got):
            assert summary["run"].pop("wallSeconds") > 0
            for field in ("outDir", "progressInterval"):
                summary["run"]["configuration"].pop(field)
        assert len(got["run"]["commit"]) >= 40 or got["run"]["commit"] == "unknown"
        assert got["run"]["configuration"]["members"] == "30"
        for section in expected:
            assert got[section] == expected[section], (scheme, section)
        assert got == expected
        assert expected["joins"]["completed"] == 30


def test_same_seed_gives_identical_results_in_one_process():
    smkd.set_seed(5)
    first = smkd.Scenario(**SMALL).run("rfc1949").to_dict()
    # Another scheme in between, then the same scheme on a new and on the same runner.
    s = smkd.Scenario(**SMALL)
    s.run("kdc")
    again = s.run("rfc1949").to_dict()
    # Everything but the wall-clock time of the run.
    for d in (first, again):
        assert d["run"].pop("wall_seconds") > 0
    assert again == first
    third = smkd.Scenario(**SMALL).run("rfc1949").to_dict()
    third["run"].pop("wall_seconds")
    assert third == first
    smkd.set_seed(6)
    other = smkd.Scenario(**SMALL).run("rfc1949")
    assert other.joins_completed == 30
    assert [j["latency"] for j in first["joins"]] != [j.latency for j in other.joins]


def test_run_replaces_a_hand_built_network():
    nodes = smkd.net.NodeContainer(3)
    assert nodes[2].id == 2
    r = smkd.Scenario(**SMALL).run("cbt")
    # Node ids start at 0 again: the 20 routers first.
    assert r.primary_core < 20 and r.joins_completed == 30


def test_attribute_defaults_apply_to_runs():
    smkd.set_default("ns3::SmkdGkdc::StrictCoreOnly", "true")
    strict = smkd.Scenario(**SMALL).run("rfc1949")
    smkd.reset_config()
    reference = smkd.Scenario(**SMALL).run("strict")
    assert strict.join_latency.to_dict() == reference.join_latency.to_dict()
    assert strict.control_bytes == reference.control_bytes


def test_dynamics_churn_and_failures_from_python():
    # Churn: exponential memberships of 2 s and absences of 1 s over 8 s.
    smkd.set_seed(13)
    churn = smkd.Scenario(**dict(SMALL, settle=6.0, mean_membership=2.0, mean_absence=1.0))
    r = churn.run("rfc1949")
    assert r.joins_completed == 30
    assert r.leaves > 15 and r.rejoin_latency.count > 10
    assert r.joins_started == (len(r.joins) + r.joins_refused + r.joins_pending
                               + r.counters.get("membership.abandoned-joins", 0))

    # A failure list in the C++ example's syntax; one the topology lacks raises.
    f = smkd.Failure.parse_list("link:7-12@7s,router:3@500ms+4s")
    assert [(x.a, x.b, x.at, x.duration) for x in f] == [
        (7, 12, 7.0, 0.0), (3, smkd.Failure.ROUTER, 0.5, 4.0)]
    with pytest.raises(ValueError, match="cable"):
        smkd.Failure.parse_list("cable:1-2@1s")
    with pytest.raises(ValueError, match="no link"):
        smkd.Scenario(**dict(SMALL, failures=smkd.Failure.parse_list("link:0-19@5s"))).run("cbt")
    # The primary core (router 7, the grid's centre) fails 2 s into the 5 s
    # of probes after the window: 20 of the 50 probes reach the 30 members.
    cut = smkd.Scenario(**dict(SMALL, probe_interval=0.1,
                               failures=smkd.Failure.parse_list("router:7@11s")))
    r = cut.run("cbt")
    assert r.primary_core == 7 and r.counters["failures.failed"] == 1
    assert r.data.expected == 50 * 30 and r.data.delivered == 20 * 30


def test_adversaries_and_the_leak_figure():
    """A compromised router exposes every member in RFC 1949 mode and holds
    nothing in strict mode; eavesdroppers record and obtain nothing."""
    config = smkd.ScenarioConfig(
        **SMALL,
        hosts_per_lan=3,
        join_window=2.0,
        settle=3.0,
        adversaries=smkd.AdversarySpec.parse_list("eavesdropper:2,compromised-gkdc:1"),
    )
    scenario = smkd.Scenario(config)
    open_mode = scenario.run("rfc1949").confinement
    strict = scenario.run("strict").confinement
    assert open_mode.measured and strict.measured
    assert open_mode.adversaries == 3
    assert (open_mode.unauthorized_holders, open_mode.exposed_members) == (1, 30)
    assert (strict.unauthorized_holders, strict.exposed_members) == (0, 0)
    assert open_mode.attempts["recorded"] > 0
    assert open_mode.epochs[-1].unauthorized == 1
    assert scenario.run("cbt").confinement.why == "no key distribution in this scheme"


def test_adversary_specs_refuse_unknown_kinds_and_counts():
    with pytest.raises(ValueError, match="unknown kind 'sniffer'"):
        smkd.AdversarySpec.parse_list("sniffer:2")
    with pytest.raises(ValueError, match="whole number"):
        smkd.AdversarySpec("impostor", 2).parse_list("impostor:-1")
    assert [s.kind for s in smkd.AdversarySpec.parse_list("impostor:1,replayer:2")] == [
        "impostor",
        "replayer",
    ]


def test_scaling_cli_seeds_and_sizes_write_manifests_and_a_summary(tmp_path):
    exe = BUILD / "examples" / "smkd-scaling"
    if not exe.exists():
        pytest.skip("%s not built" % exe)
    subprocess.run([str(exe), "--generator=grid", "--routers=20", "--sizes=20,30",
                    "--seeds=1-3", "--schemes=rfc1949,kdc", "--progress=false",
                    "--out=%s" % tmp_path], check=True, capture_output=True, timeout=300)
    sweep = json.loads((tmp_path / "sweep.json").read_text())
    assert sweep["swept"] == ["members", "seed"]
    assert [(r["members"], r["seed"]) for r in sweep["runs"]] == [
        (m, s) for m in (20, 30) for s in (1, 2, 3)]
    for r in sweep["runs"]:
        manifest = json.loads((tmp_path / r["manifest"]).read_text())
        assert (manifest["members"], manifest["seed"]) == (r["members"], r["seed"])
        assert sorted(manifest["schemes"]) == ["kdc", "rfc1949"]
        assert manifest["configuration"]["members"] == str(r["members"])
        assert (tmp_path / r["dir"] / "rfc1949.json").exists()
    import csv
    runs = list(csv.DictReader((tmp_path / "runs.csv").open()))
    assert len(runs) == 2 * 3 * 2
    summary = {(row["members"], row["scheme"], row["figure"]): row
               for row in csv.DictReader((tmp_path / "summary.csv").open())}
    for members in ("20", "30"):
        values = [float(row["join_p95"]) for row in runs
                  if row["members"] == members and row["scheme"] == "kdc"]
        row = summary[(members, "kdc", "join_p95")]
        assert int(row["n"]) == 3
        assert float(row["mean"]) == pytest.approx(sum(values) / 3, rel=1e-9)
        mean = sum(values) / 3
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / 2)
        assert float(row["ci95"]) == pytest.approx(4.303 * sd / math.sqrt(3), rel=1e-9)


def test_scaling_cli_refuses_a_bad_seed_list(tmp_path):
    exe = BUILD / "examples" / "smkd-scaling"
    if not exe.exists():
        pytest.skip("%s not built" % exe)
    for bad in ("5-1", "x", "0", "-3"):
        done = subprocess.run([str(exe), "--generator=grid", "--routers=20", "--members=20",
                               "--seeds=%s" % bad, "--out=%s" % tmp_path],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 1 and "--seeds" in done.stderr, bad


@pytest.mark.parametrize("field, value, expected", [
    ("members", "100", "an int >= 0, got str '100'"),
    ("members", -5, "an int >= 0, got int -5"),
    ("members", 2.0, "an int >= 0, got float 2.0"),
    ("routers", 2 ** 40, "an int >= 0"),
    ("settle", "5s", "a number, got str '5s'"),
    ("acl", 3, "a str, got int 3"),
    ("queue_discs", 1, "True or False, got int 1"),
])
def test_config_type_errors_name_the_field(field, value, expected):
    with pytest.raises(TypeError, match="ScenarioConfig.%s: expected %s" % (field, expected)):
        smkd.ScenarioConfig(**{field: value})
    config = smkd.ScenarioConfig()
    with pytest.raises(TypeError, match="ScenarioConfig.%s" % field):
        setattr(config, field, value)


@pytest.mark.parametrize("option", ["--members=-5", "--members=12x", "--routers=99999999999",
                                    "--hostsPerLan=-1", "--cores=1.5"])
def test_scaling_cli_refuses_a_bad_count_and_names_it(tmp_path, option):
    exe = BUILD / "examples" / "smkd-scaling"
    if not exe.exists():
        pytest.skip("%s not built" % exe)
    done = subprocess.run([str(exe), "--generator=grid", option, "--out=%s" % tmp_path],
                          capture_output=True, text=True, timeout=60)
    name = option.split("=")[0]
    assert done.returncode == 1 and ("%s: '" % name) in done.stderr, done.stderr
