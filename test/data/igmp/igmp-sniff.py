#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Record every IGMP packet a network interface receives, one JSON object a line.

Runs inside the capturing namespace of capture-linux-igmpv3.sh. A packet
socket sees the frames whether or not the IP layer would deliver them, so the
reports a host sends to 224.0.0.22 are caught without joining anything.

Usage: igmp-sniff.py IFACE FROM_ADDRESS OUT.jsonl READY_FILE
Stops on SIGTERM or SIGINT. Only packets from FROM_ADDRESS (the host under
test) are kept: the queries this side sends itself are not the kernel's.
"""

import json
import signal
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
IPPROTO_IGMP = 2

stop = False


def on_signal(signum, frame):
    global stop
    stop = True


def ip_packet(frame):
    """The IPv4 packet of an Ethernet II frame, or None."""
    if len(frame) < 14 + 20 or struct.unpack("!H", frame[12:14])[0] != 0x0800:
        return None
    return frame[14:]


def main():
    iface, from_address, out_path, ready_path = sys.argv[1:5]
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.bind((iface, 0))
    s.settimeout(0.2)
    open(ready_path, "w").close()
    with open(out_path, "w") as out:
        while not stop:
            try:
                frame, addr = s.recvfrom(65535)
            except socket.timeout:
                continue
            except InterruptedError:
                continue
            if addr[2] == PACKET_OUTGOING:
                continue
            ip = ip_packet(frame)
            if ip is None or ip[0] >> 4 != 4 or ip[9] != IPPROTO_IGMP:
                continue
            ihl = 4 * (ip[0] & 0x0F)
            total = struct.unpack("!H", ip[2:4])[0]
            src = socket.inet_ntoa(ip[12:16])
            if src != from_address:
                continue
            record = {
                "time": time.monotonic(),
                "src": src,
                "dst": socket.inet_ntoa(ip[16:20]),
                "ttl": ip[8],
                "tos": ip[1],
                "ip_options": ip[20:ihl].hex(),
                "igmp": ip[ihl:total].hex(),
            }
            out.write(json.dumps(record) + "\n")
            out.flush()


if __name__ == "__main__":
    main()
