#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn a capture and its step log into the linux-igmpv*.hex fixtures.

Usage: igmp-write-fixtures.py STEP_LOG CAPTURE.jsonl OUT_DIR KERNEL_RELEASE

Each captured packet belongs to the last step that started before it. Each
fixture line is "<step id>: <IGMP message as hex octets>", after comments
naming the socket call and the IP header the message came in.
"""

import json
import sys

ROUTER_ALERT = "94040000"


def main():
    log_path, capture_path, out_dir, kernel = sys.argv[1:5]
    steps = []
    with open(log_path) as f:
        for line in f:
            when, step_id, description = line.rstrip("\n").split(" ", 2)
            steps.append({"time": float(when), "id": step_id, "what": description, "packets": []})
    steps.sort(key=lambda s: s["time"])
    with open(capture_path) as f:
        for line in f:
            packet = json.loads(line)
            owner = None
            for s in steps:
                if s["time"] <= packet["time"]:
                    owner = s
            if owner is None:
                raise SystemExit("packet before the first step: %s" % packet)
            owner["packets"].append(packet)

    for phase in ("v3", "v2", "v1"):
        path = "%s/linux-igmp%s.hex" % (out_dir, phase)
        with open(path, "w") as out:
            out.write("# IGMP messages the Linux kernel (%s) sent, force_igmp_version=%s,\n"
                      % (kernel, phase[1]))
            out.write("# captured by capture-linux-igmpv3.sh on a private veth link\n")
            out.write("# (host 10.99.0.1, querier 10.99.0.2, net.ipv4.igmp_qrv=1).\n")
            out.write("# One message per line, IP header stripped: '<step>: <octets in hex>'.\n")
            out.write("# Read by test/igmp-linux-interop-test-suite.cc. Regenerate, do not edit.\n")
            for s in steps:
                # A phase's steps, and its end marker: a late packet would show there.
                if not (s["id"].startswith(phase + "-") or s["id"] == "end-" + phase):
                    continue
                out.write("#\n# step %s: %s\n" % (s["id"], s["what"]))
                if not s["packets"]:
                    out.write("#   (the kernel sent no IGMP message)\n")
                for p in s["packets"]:
                    options = p["ip_options"]
                    note = " (Router Alert)" if options == ROUTER_ALERT else ""
                    out.write("#   IP dst %s ttl %d tos 0x%02x options %s%s\n"
                              % (p["dst"], p["ttl"], p["tos"], options or "none", note))
                    octets = bytes.fromhex(p["igmp"])
                    out.write("%s: %s\n" % (s["id"], " ".join("%02x" % b for b in octets)))
        print("wrote %s" % path)


if __name__ == "__main__":
    main()
