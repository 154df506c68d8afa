#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Make the Linux kernel send IGMP messages through ordinary socket calls.

Runs inside the host namespace of capture-linux-igmpv3.sh. Each step writes
"<monotonic time> <step id> <description>" to STEP_LOG before it acts, so the
packets captured after that time and before the next step belong to it.
Query steps run QUERY_COMMAND (in the querier namespace) with the query's
arguments appended.

Usage: igmp-host-calls.py PHASE HOST_ADDRESS STEP_LOG QUERY_COMMAND...
PHASE is v3, v2 or v1 and must match the interface's force_igmp_version.
"""

import socket
import subprocess
import sys
import time

# Linux <linux/in.h>; Python's socket module lacks the source-filter ones.
IP_ADD_MEMBERSHIP = 35
IP_DROP_MEMBERSHIP = 36
IP_UNBLOCK_SOURCE = 37
IP_BLOCK_SOURCE = 38
IP_ADD_SOURCE_MEMBERSHIP = 39
IP_DROP_SOURCE_MEMBERSHIP = 40

SETTLE = 0.7  # seconds for a state-change report to leave (sent at once, no repeat: igmp_qrv 1)
QUERY_WAIT = 1.6  # seconds: Max Resp Code 10 lets the host wait up to 1 s

host_address = None
log = None
query_command = None


def mreq(group):
    """struct ip_mreq: imr_multiaddr, imr_interface."""
    return socket.inet_aton(group) + socket.inet_aton(host_address)


def mreq_source(group, source):
    """struct ip_mreq_source (<linux/in.h>): imr_multiaddr, imr_interface, imr_sourceaddr."""
    return socket.inet_aton(group) + socket.inet_aton(host_address) + socket.inet_aton(source)


def step(step_id, description):
    log.write("%.6f %s %s\n" % (time.monotonic(), step_id, description))
    log.flush()


def call(step_id, sock, option, value, description):
    step(step_id, description)
    sock.setsockopt(socket.IPPROTO_IP, option, value)
    time.sleep(SETTLE)


def close(step_id, sock, description):
    step(step_id, description)
    sock.close()
    time.sleep(SETTLE)


def query(step_id, description, *args):
    step(step_id, description)
    subprocess.run(query_command + ["10"] + list(args), check=True)
    time.sleep(QUERY_WAIT)


def udp():
    return socket.socket(socket.AF_INET, socket.SOCK_DGRAM)


def phase_v3():
    a = udp()
    call("v3-asm-join", a, IP_ADD_MEMBERSHIP, mreq("239.1.1.1"),
         "socket A: IP_ADD_MEMBERSHIP 239.1.1.1")
    call("v3-asm-block", a, IP_BLOCK_SOURCE, mreq_source("239.1.1.1", "10.99.0.7"),
         "socket A: IP_BLOCK_SOURCE 239.1.1.1 source 10.99.0.7")
    call("v3-asm-unblock", a, IP_UNBLOCK_SOURCE, mreq_source("239.1.1.1", "10.99.0.7"),
         "socket A: IP_UNBLOCK_SOURCE 239.1.1.1 source 10.99.0.7")
    call("v3-asm-leave", a, IP_DROP_MEMBERSHIP, mreq("239.1.1.1"),
         "socket A: IP_DROP_MEMBERSHIP 239.1.1.1")
    b = udp()
    call("v3-ssm-join-first", b, IP_ADD_SOURCE_MEMBERSHIP, mreq_source("232.1.1.1", "10.99.0.5"),
         "socket B: IP_ADD_SOURCE_MEMBERSHIP 232.1.1.1 source 10.99.0.5")
    call("v3-ssm-join-second", b, IP_ADD_SOURCE_MEMBERSHIP, mreq_source("232.1.1.1", "10.99.0.6"),
         "socket B: IP_ADD_SOURCE_MEMBERSHIP 232.1.1.1 source 10.99.0.6")
    call("v3-ssm-drop-first", b, IP_DROP_SOURCE_MEMBERSHIP, mreq_source("232.1.1.1", "10.99.0.5"),
         "socket B: IP_DROP_SOURCE_MEMBERSHIP 232.1.1.1 source 10.99.0.5")
    call("v3-ssm-drop-last", b, IP_DROP_SOURCE_MEMBERSHIP, mreq_source("232.1.1.1", "10.99.0.6"),
         "socket B: IP_DROP_SOURCE_MEMBERSHIP 232.1.1.1 source 10.99.0.6 (the last)")
    b.close()

    # Three memberships left standing, for the queries to ask about.
    c, d, e = udp(), udp(), udp()
    call("v3-setup-exclude-none", c, IP_ADD_MEMBERSHIP, mreq("239.2.2.2"),
         "socket C: IP_ADD_MEMBERSHIP 239.2.2.2")
    call("v3-setup-include", d, IP_ADD_SOURCE_MEMBERSHIP, mreq_source("232.2.2.2", "10.99.0.5"),
         "socket D: IP_ADD_SOURCE_MEMBERSHIP 232.2.2.2 source 10.99.0.5")
    call("v3-setup-exclude-join", e, IP_ADD_MEMBERSHIP, mreq("239.3.3.3"),
         "socket E: IP_ADD_MEMBERSHIP 239.3.3.3")
    call("v3-setup-exclude-block", e, IP_BLOCK_SOURCE, mreq_source("239.3.3.3", "10.99.0.9"),
         "socket E: IP_BLOCK_SOURCE 239.3.3.3 source 10.99.0.9")
    query("v3-general-query", "querier: General Query (answer to it)")
    query("v3-group-query", "querier: Group-Specific Query 239.2.2.2 (answer to it)",
          "239.2.2.2")
    query("v3-source-query",
          "querier: Group-and-Source-Specific Query 232.2.2.2 sources 10.99.0.5 10.99.0.6 "
          "(answer to it)", "232.2.2.2", "10.99.0.5", "10.99.0.6")
    close("v3-close-exclude-none", c, "close socket C (member of 239.2.2.2)")
    close("v3-close-include", d, "close socket D (member of 232.2.2.2 source 10.99.0.5)")
    close("v3-close-exclude", e, "close socket E (member of 239.3.3.3 blocking 10.99.0.9)")


def phase_v2():
    a = udp()
    call("v2-join", a, IP_ADD_MEMBERSHIP, mreq("239.4.4.4"),
         "force_igmp_version=2, socket A: IP_ADD_MEMBERSHIP 239.4.4.4")
    query("v2-general-query", "force_igmp_version=2, querier: General Query (answer to it)")
    call("v2-leave", a, IP_DROP_MEMBERSHIP, mreq("239.4.4.4"),
         "force_igmp_version=2, socket A: IP_DROP_MEMBERSHIP 239.4.4.4")


def phase_v1():
    a = udp()
    call("v1-join", a, IP_ADD_MEMBERSHIP, mreq("239.5.5.5"),
         "force_igmp_version=1, socket A: IP_ADD_MEMBERSHIP 239.5.5.5")
    call("v1-leave", a, IP_DROP_MEMBERSHIP, mreq("239.5.5.5"),
         "force_igmp_version=1, socket A: IP_DROP_MEMBERSHIP 239.5.5.5 (IGMPv1 has no leave)")


def main():
    global host_address, log, query_command
    phase, host_address, log_path = sys.argv[1:4]
    query_command = sys.argv[4:]
    with open(log_path, "a") as log:
        {"v3": phase_v3, "v2": phase_v2, "v1": phase_v1}[phase]()
        step("end-" + phase, "end of phase " + phase)


if __name__ == "__main__":
    main()
