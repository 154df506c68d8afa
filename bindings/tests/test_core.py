# SPDX-License-Identifier: GPL-2.0-only
"""Configuration, seeds and the simulator clock from Python."""

import subprocess
import sys

import pytest

import smkd
from smkd import Simulator


def test_set_default_unknown_attribute_names_it():
    with pytest.raises(KeyError, match="ns3::SmkdGkdc::NoSuchThing"):
        smkd.set_default("ns3::SmkdGkdc::NoSuchThing", "1")
    with pytest.raises(KeyError, match="ns3::NoSuchType::X"):
        smkd.set_default("ns3::NoSuchType::X", "1")
    with pytest.raises(KeyError, match="NoColons"):
        smkd.set_default("NoColons", "1")


@pytest.mark.parametrize("name,value", [
    ("ns3::SmkdGkdc::StrictCoreOnly", "maybe"),          # BooleanValue
    ("ns3::CbtRoutingProtocol::HelloInterval", "5 parsecs"),  # TimeValue: would abort
    ("ns3::CbtRoutingProtocol::HelloInterval", "3x"),
    ("ns3::PointToPointNetDevice::Mtu", "-1"),           # UintegerValue
    ("ns3::PointToPointNetDevice::Mtu", "1500abc"),      # would abort in ns-3
    ("ns3::PointToPointNetDevice::Mtu", "99999999"),     # out of the uint16 range
    ("ns3::PointToPointNetDevice::DataRate", "10 Mbps"),
    ("ns3::SmkdKeyDirectory::SignatureAlgorithm", "Ed448"),  # EnumValue: would crash
])
def test_set_default_bad_value_names_the_attribute(name, value):
    with pytest.raises(ValueError, match=name):
        smkd.set_default(name, value)


def test_set_default_good_values_are_accepted():
    smkd.set_default("ns3::SmkdGkdc::StrictCoreOnly", "true")
    smkd.set_default("ns3::CbtRoutingProtocol::HelloInterval", "30s")
    smkd.set_default("ns3::PointToPointNetDevice::Mtu", "1400")
    smkd.set_default("ns3::PointToPointNetDevice::DataRate", "10Mbps")
    smkd.set_default("ns3::SmkdKeyDirectory::SignatureAlgorithm", "EcdsaP256")


def test_seed_and_reset():
    smkd.set_seed(7, 3)
    assert smkd.get_seed() == (7, 3)
    smkd.reset_config()
    assert smkd.get_seed() == (1, 1)
    with pytest.raises(ValueError, match="seed"):
        smkd.set_seed(0)


def test_schedule_runs_at_the_given_time():
    seen = []
    Simulator.schedule(1.0, lambda: seen.append(Simulator.now()))
    Simulator.run()
    assert seen == [1.0]
    assert Simulator.now() == 1.0
    assert Simulator.now_ns() == 10**9


def test_nested_schedule_and_stop():
    seen = []

    def tick():
        seen.append(Simulator.now_ns())
        Simulator.schedule(0.25, tick)

    Simulator.schedule(0.0, tick)
    Simulator.stop(1.0)
    Simulator.run()
    # Ticks at 0, 0.25, 0.5, 0.75 and 1.0 s: Stop at 1 s is scheduled before
    # the 1.0 s tick, so that tick does not run.
    assert seen == [0, 250_000_000, 500_000_000, 750_000_000]


def test_exception_in_callback_stops_the_run_and_is_raised():
    after = []

    def boom():
        raise RuntimeError("boom at 2 s")

    Simulator.schedule(2.0, boom)
    Simulator.schedule(3.0, lambda: after.append(1))
    with pytest.raises(RuntimeError, match="boom at 2 s"):
        Simulator.run()
    assert Simulator.now() == 2.0
    assert after == []


def test_bad_delays_raise():
    with pytest.raises(ValueError):
        Simulator.schedule(-1.0, lambda: None)
    with pytest.raises(ValueError):
        Simulator.schedule(float("nan"), lambda: None)
    with pytest.raises(ValueError):
        Simulator.stop(-0.5)


def scenario():
    """A run whose result depends on the seed only through a scheduled chain."""
    seen = []
    for k in range(5):
        Simulator.schedule(0.1 * (k + 1), lambda k=k: seen.append((k, Simulator.now_ns())))
    Simulator.run()
    return seen, Simulator.now_ns()


def test_destroy_and_reset_between_runs_give_identical_results():
    smkd.set_default("ns3::SmkdGkdc::StrictCoreOnly", "true")
    first = scenario()
    Simulator.destroy()
    smkd.reset_config()
    assert Simulator.now() == 0.0
    second = scenario()
    assert first == second
    assert first[1] == 500_000_000


def test_pending_callables_at_exit_do_not_crash():
    # A callable left in the event list is released by the atexit hook while
    # the interpreter still exists.
    code = "import smkd; smkd.Simulator.schedule(5.0, lambda: None); print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
