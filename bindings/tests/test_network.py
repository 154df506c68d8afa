# SPDX-License-Identifier: GPL-2.0-only
"""A secure group built by hand from Python, as examples/smkd-figure1.cc does
in C++: router chain C - B - A, host h behind A, the initiator behind C."""

import pytest

import smkd
from smkd import Simulator, net

GROUP = "232.19.49.1"


def build(events):
    """C is the core; h joins at 5 s. Returns (routers, h)."""
    cbt = net.CbtHelper()
    routers = net.NodeContainer(3)
    for node, name in zip(routers, ("C", "B", "A")):
        net.set_name(node, name)
    cbt.install(routers)
    net.point_to_point(routers[0], routers[1], "10.0.1.0", delay=0.002)
    net.point_to_point(routers[1], routers[2], "10.0.2.0", delay=0.002)
    igmp = net.IgmpHelper()
    hosts = net.NodeContainer(2)  # h behind A, the initiator behind C
    igmp.install_hosts(hosts)
    for router, host, network in ((routers[2], hosts[0], "10.0.3.0"),
                                  (routers[0], hosts[1], "10.0.4.0")):
        lan = net.NodeContainer()
        lan.add(router)
        lan.add(host)
        net.csma_lan(lan, network)
        net.IgmpHelper.set_default_multicast_route(host, 1)
    igmp.install_routers(routers)
    net.populate_routing_tables()
    cbt.add_core(GROUP, "255.255.255.255", routers[0])

    keys = net.SmkdHelper()
    keys.add_secure_groups(GROUP, "255.255.255.255")
    keys.set_core_map(cbt)
    keys.install_gkdc(routers)
    keys.install_hosts(hosts)
    acl = {"group": GROUP, "initiator": hosts[1].address(),
           "entries": [{"prefix": hosts[0].address()}]}
    keys.install_initiator(hosts[1], acl, routers[0], 1.0)
    net.on_keys_installed(hosts[0], lambda g, latency: events.append(
        ("keys", g, Simulator.now_ns(), latency)))
    net.on_rekey_sent(routers[0], lambda g, spi: events.append(
        ("rekey", g, Simulator.now_ns(), spi)))
    net.join(hosts[0], GROUP, 5.0)
    everyone = net.NodeContainer()
    everyone.add(routers)
    everyone.add(hosts)
    assert net.assign_streams(everyone, 100) > 0
    return routers, hosts


def build_rekeying(events):
    """build() with keys of 20 s, each successor sent 5 s ahead: re-keys at 15 s, 35 s..."""
    smkd.set_seed(3, 1)
    smkd.set_default("ns3::SmkdGkdc::KeyLifetime", "20")
    smkd.set_default("ns3::SmkdGkdc::RekeyLeadTime", "5s")
    smkd.set_default("ns3::SmkdGkdc::RekeyRecoveryMargin", "2s")  # below the lead
    return build(events)


def run_once():
    events = []
    routers, hosts = build_rekeying(events)
    assert hosts[0].address() == "10.0.3.2"  # A is .1 on the LAN, h .2
    Simulator.stop(30.0)
    Simulator.run()
    Simulator.destroy()
    smkd.reset_config()
    return events


def test_join_installs_keys_and_the_core_rekeys():
    events = run_once()
    keys = [e for e in events if e[0] == "keys"]
    rekeys = [e for e in events if e[0] == "rekey"]
    assert len(keys) == 1
    _, group, at_ns, latency = keys[0]
    assert group == GROUP
    # The join starts at 5 s; the answer crosses two 2 ms links each way plus
    # the LAN and the crypto work, so it ends after 5.008 s and well before 6 s.
    assert 5_008_000_000 < at_ns < 6_000_000_000
    assert latency == pytest.approx((at_ns - 5_000_000_000) / 1e9)
    assert len(rekeys) >= 1
    assert rekeys[0][1] == GROUP
    assert all(e[2] < 30_000_000_000 for e in rekeys)


def test_two_runs_in_one_process_are_identical():
    assert run_once() == run_once()


def test_wrong_order_raises_instead_of_aborting():
    nodes = net.NodeContainer(2)
    with pytest.raises(ValueError, match="no internet stack"):
        net.point_to_point(nodes[0], nodes[1], "10.9.0.0")
    with pytest.raises(ValueError, match="no internet stack"):
        nodes[0].address()
    with pytest.raises(ValueError, match="no SmkdHostAgent"):
        net.join(nodes[0], GROUP, 1.0)
    with pytest.raises(ValueError, match="set_core_map"):
        net.SmkdHelper().install_hosts(nodes)
    with pytest.raises(ValueError, match="no SmkdGkdc"):
        net.on_rekey_sent(nodes[0], lambda g, s: None)
    net.CbtHelper().install(nodes)
    with pytest.raises(ValueError, match="no IPv4 address yet"):
        nodes[0].address()
    with pytest.raises(ValueError, match="data rate"):
        net.point_to_point(nodes[0], nodes[1], "10.9.0.0", data_rate="fast")
    with pytest.raises(ValueError, match="host bits"):
        net.point_to_point(nodes[0], nodes[1], "10.9.0.1")
    with pytest.raises(IndexError):
        nodes[2]


def test_exception_in_a_trace_callback_stops_the_run():
    events = []
    routers, hosts = build(events)

    def fail(group, latency):
        raise KeyError("from the trace")

    net.on_keys_installed(hosts[0], fail)
    Simulator.stop(30.0)
    with pytest.raises(KeyError, match="from the trace"):
        Simulator.run()
    assert 5.0 < Simulator.now() < 6.0


def test_attributes_per_object_and_more_traces():
    events = []
    routers, hosts = build_rekeying(events)
    h = hosts[0]
    # Per-object attributes: only router A's GKDC changes.
    net.set_attribute(routers[2], "ns3::SmkdGkdc::StrictCoreOnly", "true")
    assert net.get_attribute(routers[2], "ns3::SmkdGkdc::StrictCoreOnly") == "true"
    assert net.get_attribute(routers[1], "ns3::SmkdGkdc::StrictCoreOnly") == "false"
    with pytest.raises(KeyError, match="NoSuchAttribute"):
        net.set_attribute(routers[0], "ns3::SmkdGkdc::NoSuchAttribute", "1")
    with pytest.raises(ValueError, match="no SmkdGkdc"):
        net.set_attribute(h, "ns3::SmkdGkdc::StrictCoreOnly", "true")
    with pytest.raises(ValueError):
        net.set_attribute(routers[0], "ns3::SmkdGkdc::KeyLifetime", "soon")

    net.on_rekey_installed(h, lambda g, spi: events.append(("installed", g, spi)))
    net.on_left(h, lambda g: events.append(("left", g, Simulator.now())))
    # h stays through the re-key sent at about 15 s, then leaves at 18 s.
    net.leave(h, GROUP, 18.0)
    Simulator.stop(25.0)
    Simulator.run()
    rekey = [e for e in events if e[0] == "rekey"]
    installed = [e for e in events if e[0] == "installed"]
    assert len(rekey) == 1 and len(installed) == 1
    assert installed[0][2] == rekey[0][3]  # the SPI the core sent
    assert [e for e in events if e[0] == "left"] == [("left", GROUP, 18.0)]
    Simulator.destroy()
    smkd.reset_config()


def test_plain_igmp_join_completes_a_cbt_join_at_the_dr():
    # C - B - A with host h behind A, CBT and IGMP only: h's IGMP join makes
    # A (its DR) join the tree; B only relays, so only A reports a join.
    cbt = net.CbtHelper()
    routers = net.NodeContainer(3)
    cbt.install(routers)
    net.point_to_point(routers[0], routers[1], "10.0.1.0", delay=0.002)
    net.point_to_point(routers[1], routers[2], "10.0.2.0", delay=0.002)
    igmp = net.IgmpHelper()
    hosts = net.NodeContainer(1)
    igmp.install_hosts(hosts)
    lan = net.NodeContainer()
    lan.add(routers[2])
    lan.add(hosts[0])
    net.csma_lan(lan, "10.0.3.0")
    net.IgmpHelper.set_default_multicast_route(hosts[0], 1)
    igmp.install_routers(routers)
    net.populate_routing_tables()
    cbt.add_core(GROUP, "255.255.255.255", routers[0])
    joined = []
    for name, router in zip("CBA", routers):
        net.on_join_completed(router, lambda g, latency, name=name: joined.append(
            (name, g, latency)))
    net.igmp_join(hosts[0], GROUP, 5.0)
    with pytest.raises(ValueError, match="not a multicast group"):
        net.igmp_join(hosts[0], "10.1.2.3", 5.0)
    with pytest.raises(ValueError, match="no CbtRoutingProtocol"):
        net.on_join_completed(hosts[0], lambda g, latency: None)
    Simulator.stop(8.0)
    Simulator.run()
    assert [(n, g) for n, g, _ in joined] == [("A", GROUP)]
    # JOIN_REQUEST and JOIN_ACK cross two 2 ms links each way: at least 8 ms.
    assert 0.008 < joined[0][2] < 0.1
    Simulator.destroy()
    smkd.reset_config()
