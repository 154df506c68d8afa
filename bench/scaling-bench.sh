#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Scaling benchmark of the smkd-scaling example: wall time, simulated events
# per second and peak memory (GNU time -v) per (size, scheme), one process
# each, on generated Barabasi-Albert topologies. Sizes are
# members[:routers[:hostsPerLan]]; by default 10^3 and 10^4 members run on
# 10^3 routers and larger groups on 10^4, with the smallest hostsPerLan of at
# least 10 whose LANs fit on the routers (10^4 members on 10^3 routers: 11,
# 910 LANs). The issue's targets: 10^4 members on 10^3 routers with real
# crypto in <= 10 s; 10^5 on 10^4 routers, Modeled crypto, <= 60 s and 4 GB.
#
# Baselines, per size:
#  - "x ns-3": the scheme's wall time over smkd-plain-ns3-bench's
#    (bench/plain-ns3-bench.cc): the same network built with ns-3's models
#    only, each member sending one UDP request to the primary core and
#    getting one answer -- the ns-3 floor of a network and join load that size;
#  - "x cbt": over the "cbt" scheme's (CBT/IGMP joins and probe data, no
#    security; its probes, one packet to every member every 20 ms here,
#    dominate its events), when cbt is among the schemes.
#
#   bench/scaling-bench.sh [sizes]        default sizes: 1000 10000
#   SCHEMES="cbt rfc1949" bench/scaling-bench.sh 1000 10000 100000:10000
#   CRYPTO=Modeled bench/scaling-bench.sh 10000
#   QUEUE_DISCS=0 bench/scaling-bench.sh 10000 100000:10000
#
# QUEUE_DISCS=0 leaves ns-3's default FqCoDel queue discs off every device in
# both the scheme runs and the plain baseline (--queueDiscs=0): the largest
# single cost of large runs, irrelevant unless links congest.
#
# Above 9,000 members the access list is an empty exclusion list (an
# inclusion list's encoding holds at most 9,067 hosts; the scenario allows
# 9,000). 10^5 members and more run with Modeled crypto (same sizes and CPU
# charges, no real OpenSSL work) unless CRYPTO says otherwise. Build first
# (./smkd build); binaries are $SMKD_BUILD_DIR/examples/smkd-scaling and
# $SMKD_BUILD_DIR/bench/smkd-plain-ns3-bench. Run under `nice -n 10` on a
# shared machine, one benchmark at a time.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${SMKD_BUILD_DIR:-$ROOT/build}"
EXE="$BUILD_DIR/examples/smkd-scaling"
PLAIN="$BUILD_DIR/bench/smkd-plain-ns3-bench"
SCHEMES="${SCHEMES:-cbt rfc1949 strict kdc}"
QUEUE_DISCS="${QUEUE_DISCS:-1}"
OUT="${OUT:-$(mktemp -d /tmp/smkd-scaling-bench.XXXXXX)}"
mkdir -p "$OUT"
for b in "$EXE" "$PLAIN"; do
  [ -x "$b" ] || { echo "scaling-bench: $b missing: run ./smkd build" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "scaling-bench: needs GNU time (Debian package 'time')" >&2; exit 1; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

# Seconds of wall time and peak MiB from a GNU time -v report.
wall_of() {
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"
}
rss_of() {
  awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$1"
}
ratio() {
  if [ -n "$2" ]; then awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; else echo "-"; fi
}
row() { # members routers hosts crypto scheme joined wall events rss x-ns3 x-cbt
  printf '%-8s %-7s %-5s %-8s %-9s %8s %8.1f %10s %10.0f %8s %7s %6s\n' "$1" "$2" "$3" "$4" \
    "$5" "$6" "$7" "$8" "$(awk -v e="$8" -v w="$7" 'BEGIN {print (w > 0 ? e / w : 0)}')" "$9" \
    "${10}" "${11}"
}

printf '%-8s %-7s %-5s %-8s %-9s %8s %8s %10s %10s %8s %7s %6s\n' \
  members routers hosts crypto scheme joined wall_s events events/s peak_MiB "x ns-3" "x cbt"
for size in "${sizes[@]}"; do
  IFS=: read -r members routers hosts <<< "$size"
  if [ -z "$routers" ]; then
    routers=1000
    [ "$members" -gt 10000 ] && routers=10000
  fi
  if [ -z "$hosts" ]; then
    # Smallest hostsPerLan >= 10 whose ceil((members + 2) / hosts) LANs fit.
    hosts=$(( (members + 2 + routers - 1) / routers ))
    [ "$hosts" -lt 10 ] && hosts=10
  fi
  crypto="${CRYPTO:-Real}"
  [ -z "${CRYPTO:-}" ] && [ "$members" -ge 100000 ] && crypto=Modeled
  acl=inclusion
  # An inclusion list holds at most 9,000 members here: larger groups are open.
  [ "$members" -gt 9000 ] && acl=exclusion
  tag="$members-$routers-$hosts"

  plain_wall=""
  if /usr/bin/time -v -o "$OUT/$tag-plain.time" "$PLAIN" --routers="$routers" \
      --members="$members" --hostsPerLan="$hosts" --queueDiscs="$QUEUE_DISCS" \
      > "$OUT/$tag-plain.log" 2>&1; then
    plain_wall=$(wall_of "$OUT/$tag-plain.time")
    replies=$(awk '{for (i = 1; i < NF; i++) if ($i == "replies") print $(i + 1)}' "$OUT/$tag-plain.log")
    events=$(awk '{for (i = 1; i < NF; i++) if ($i == "events") print $(i + 1)}' "$OUT/$tag-plain.log")
    row "$members" "$routers" "$hosts" none plain-ns3 "$replies" "$plain_wall" "$events" \
      "$(rss_of "$OUT/$tag-plain.time")" 1.00 -
  else
    echo "scaling-bench: plain ns-3 at $size failed, see $OUT/$tag-plain.log" >&2
  fi

  cbt_wall=""
  for scheme in $SCHEMES; do
    log="$OUT/$tag-$scheme.log"
    /usr/bin/time -v -o "$OUT/$tag-$scheme.time" "$EXE" --generator=ba --routers="$routers" \
      --members="$members" --hostsPerLan="$hosts" --schemes="$scheme" --progress=0 \
      --dataInterval=20ms --acl="$acl" --ns3::SmkdKeyDirectory::CryptoMode="$crypto" \
      --queueDiscs="$QUEUE_DISCS" \
      --out="$OUT/$tag" > "$log" 2>&1 ||
      { echo "scaling-bench: $size $scheme failed, see $log" >&2; continue; }
    wall=$(wall_of "$OUT/$tag-$scheme.time")
    events=$(awk '/^simulated events:/ {print $4}' "$log")
    joined=$(awk -v s="$scheme" '$1 == s && NF > 3 {print $3}' "$log")
    [ "$scheme" = cbt ] && cbt_wall="$wall"
    row "$members" "$routers" "$hosts" "$crypto" "$scheme" "$joined" "$wall" "$events" \
      "$(rss_of "$OUT/$tag-$scheme.time")" "$(ratio "$wall" "$plain_wall")" "$(ratio "$wall" "$cbt_wall")"
  done
done
echo "logs and results in $OUT"
