#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Capture the IGMP messages the Linux kernel sends for ordinary socket calls,
# as fixtures for test/igmp-linux-interop-test-suite.cc (RFC 3376 interop).
#
#   sudo test/data/igmp/capture-linux-igmpv3.sh [OUT_DIR]   (default: this directory)
#
# Two network namespaces joined by one veth pair, addressed only on that
# private link (host 10.99.0.1/24, querier 10.99.0.2/24); nothing is routed
# and no packet leaves the pair. In the host namespace igmp-host-calls.py makes
# IP_ADD_MEMBERSHIP, IP_BLOCK_SOURCE, IP_UNBLOCK_SOURCE, IP_DROP_MEMBERSHIP,
# IP_ADD_SOURCE_MEMBERSHIP and IP_DROP_SOURCE_MEMBERSHIP calls with the link
# forced to IGMPv3, then IGMPv2 and IGMPv1 (net.ipv4.conf.<dev>.force_igmp_version);
# igmp-send-query.py, in the querier namespace, sends the queries that make the
# kernel report its current state. igmp-sniff.py records every IGMP packet
# the host sends, and igmp-write-fixtures.py writes linux-igmpv{3,2,1}.hex.
#
# net.ipv4.igmp_qrv=1 in the host namespace makes the kernel send each
# state-change report once instead of Robustness Variable times, so a socket
# call maps to one message, until the first query: the host then adopts the
# querier's QRV of 2 (RFC 3376 §4.1.6) and sends later changes twice.
#
# Idempotent: namespaces left by an earlier run are removed first, and an
# EXIT trap removes them (and stops the sniffer) however the script ends.
# Needs root, iproute2 and python3; the fixtures it writes are committed.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="$(cd "${1:-$HERE}" && pwd)"
HOST_NS=smkd-igmp-host
QUERIER_NS=smkd-igmp-querier
HOST_IF=smkd-igmp-h
QUERIER_IF=smkd-igmp-q
HOST_ADDR=10.99.0.1
QUERIER_ADDR=10.99.0.2
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"

die() { echo "capture-linux-igmpv3: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (network namespaces)"
command -v ip >/dev/null || die "iproute2 'ip' not found"

WORK=""
SNIFF_PID=""

remove_namespaces() {
  local ns pid
  for ns in "$HOST_NS" "$QUERIER_NS"; do
    if [ -e "/run/netns/$ns" ]; then
      # Only processes this script started live in these namespaces.
      for pid in $(ip netns pids "$ns" 2>/dev/null); do
        kill "$pid" 2>/dev/null || true
      done
      ip netns del "$ns" || true
    fi
  done
}

cleanup() {
  local rc=$?
  if [ -n "$SNIFF_PID" ]; then
    kill "$SNIFF_PID" 2>/dev/null || true
    wait "$SNIFF_PID" 2>/dev/null || true
  fi
  remove_namespaces
  [ -n "$WORK" ] && rm -rf "$WORK"
  [ $rc -eq 0 ] || echo "capture-linux-igmpv3: failed (exit $rc); namespaces removed" >&2
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

remove_namespaces
WORK="$(mktemp -d)"

in_host() { ip netns exec "$HOST_NS" "$@"; }

ip netns add "$HOST_NS"
ip netns add "$QUERIER_NS"
# Before the interface exists: a device takes its Robustness Variable from
# this sysctl when IPv4 is set up on it.
in_host sysctl -qw net.ipv4.igmp_qrv=1
for ns in "$HOST_NS" "$QUERIER_NS"; do
  # No IPv6 on the link: MLD would only add noise to the capture.
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$ns" link set lo up
done
ip link add "$HOST_IF" netns "$HOST_NS" type veth peer name "$QUERIER_IF" netns "$QUERIER_NS"
# Retransmissions of a state-change report (there are some once a query has
# set the Robustness Variable to its QRV, RFC 3376 §4.1.6) within 100 ms, so
# that they fall inside the step that caused them.
in_host sysctl -qw "net.ipv4.conf.$HOST_IF.igmpv3_unsolicited_report_interval=100" \
  "net.ipv4.conf.$HOST_IF.igmpv2_unsolicited_report_interval=100"
ip -n "$HOST_NS" addr add "$HOST_ADDR/24" dev "$HOST_IF"
ip -n "$QUERIER_NS" addr add "$QUERIER_ADDR/24" dev "$QUERIER_IF"
ip -n "$HOST_NS" link set "$HOST_IF" up
ip -n "$QUERIER_NS" link set "$QUERIER_IF" up

# Started directly, not through a shell function, so that $! is the
# sniffer itself ('ip netns exec' execs it) and the kill below reaches it.
ip netns exec "$QUERIER_NS" "$PYTHON" "$HERE/igmp-sniff.py" "$QUERIER_IF" "$HOST_ADDR" \
  "$WORK/capture.jsonl" "$WORK/ready" &
SNIFF_PID=$!
for _ in $(seq 100); do
  [ -e "$WORK/ready" ] && break
  kill -0 "$SNIFF_PID" 2>/dev/null || die "the sniffer did not start"
  sleep 0.1
done
[ -e "$WORK/ready" ] || die "the sniffer did not become ready"
sleep 0.5 # let the link settle: nothing from before the first step

query_command=(ip netns exec "$QUERIER_NS" "$PYTHON" "$HERE/igmp-send-query.py" "$QUERIER_ADDR")
for version in 3 2 1; do
  in_host sysctl -qw "net.ipv4.conf.$HOST_IF.force_igmp_version=$version"
  in_host "$PYTHON" "$HERE/igmp-host-calls.py" "v$version" "$HOST_ADDR" "$WORK/steps.log" \
    "${query_command[@]}"
done
sleep 0.5

kill "$SNIFF_PID"
wait "$SNIFF_PID" || true
SNIFF_PID=""
"$PYTHON" "$HERE/igmp-write-fixtures.py" "$WORK/steps.log" "$WORK/capture.jsonl" "$OUT_DIR" \
  "$(uname -r)"
