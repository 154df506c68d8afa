#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Scaling benchmark of the smkd-scaling example: wall time, simulated events
# per second and peak memory (GNU time -v) at 10^3, 10^4 and 10^5 members on
# generated Barabasi-Albert topologies (10^3 routers for 10^3 members, 10^4
# routers above), one process per (size, scheme). The plain-ns-3 baseline is
# the "cbt" scheme of the same size (CBT/IGMP joins and probe data, no
# security; its probe data, one packet to every member every 20 ms here,
# dominates its events): "x cbt" is a scheme's wall time over it.
#
#   bench/scaling-bench.sh [sizes]        default sizes: 1000 10000
#   SCHEMES="cbt rfc1949" bench/scaling-bench.sh 1000 10000 100000
#
# Above 9,000 members the access list is an empty exclusion list (an
# inclusion list's encoding holds at most 9,000 members). 10^5 members run with Modeled crypto (same sizes and CPU charges, no real
# OpenSSL work) and 20 hosts per LAN (10^4 routers hold 5,000 LANs). Build
# first (./smkd build); the binary is $SMKD_BUILD_DIR/examples/smkd-scaling.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${SMKD_BUILD_DIR:-$ROOT/build}"
EXE="$BUILD_DIR/examples/smkd-scaling"
SCHEMES="${SCHEMES:-cbt rfc1949 strict kdc}"
OUT="${OUT:-$(mktemp -d /tmp/smkd-scaling-bench.XXXXXX)}"
mkdir -p "$OUT"
[ -x "$EXE" ] || { echo "scaling-bench: $EXE missing: run ./smkd build" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "scaling-bench: needs GNU time (Debian package 'time')" >&2; exit 1; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

printf '%-8s %-8s %-8s %-8s %8s %9s %12s %10s %8s %8s\n' \
  members routers crypto scheme joined wall_s events events/s peak_MiB "x cbt"
for members in "${sizes[@]}"; do
  routers=10000
  hosts=10
  crypto=Real
  acl=inclusion
  if [ "$members" -le 1000 ]; then routers=1000; fi
  # An inclusion list holds at most 9,000 members: larger groups are open.
  if [ "$members" -gt 9000 ]; then acl=exclusion; fi
  if [ "$members" -ge 100000 ]; then hosts=20; crypto=Modeled; fi
  cbt_wall=""
  for scheme in $SCHEMES; do
    log="$OUT/$members-$scheme.log"
    /usr/bin/time -v -o "$OUT/$members-$scheme.time" "$EXE" --generator=ba --routers="$routers" \
      --members="$members" --hostsPerLan="$hosts" --schemes="$scheme" --progress=0 --dataInterval=20ms --acl="$acl" \
      --ns3::SmkdKeyDirectory::CryptoMode="$crypto" --out="$OUT/$members" > "$log" 2>&1 ||
      { echo "scaling-bench: $members $scheme failed, see $log" >&2; continue; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0;
            for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$OUT/$members-$scheme.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$OUT/$members-$scheme.time")
    events=$(awk '/^simulated events:/ {print $4}' "$log")
    joined=$(awk -v s="$scheme" '$1 == s && NF > 3 {print $3}' "$log")
    [ "$scheme" = cbt ] && cbt_wall="$wall"
    ratio="-"
    [ -n "$cbt_wall" ] && ratio=$(awk -v a="$wall" -v b="$cbt_wall" 'BEGIN {printf "%.2f", a / b}')
    printf '%-8s %-8s %-8s %-8s %8s %9.1f %12s %10.0f %8s %8s\n' "$members" "$routers" "$crypto" \
      "$scheme" "$joined" "$wall" "$events" "$(awk -v e="$events" -v w="$wall" 'BEGIN {print e / w}')" \
      "$rss" "$ratio"
  done
done
echo "logs and results in $OUT"
