#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Send one IGMPv3 Membership Query (RFC 3376 §4.1) from the querier namespace.

Usage: igmp-send-query.py IFACE_ADDRESS MAX_RESP_CODE [GROUP [SOURCE ...]]
No GROUP: a General Query to 224.0.0.1. A GROUP: a Group-Specific Query sent
to the group (§4.1.12); with SOURCEs, a Group-and-Source-Specific Query.
IP header as §4 asks: TTL 1, TOS 0xc0, Router Alert option (RFC 2113).
"""

import socket
import struct
import sys

IPPROTO_IGMP = 2
ROUTER_ALERT = bytes([0x94, 0x04, 0x00, 0x00])


def checksum(data):
    """RFC 1071: one's complement of the one's complement sum of 16-bit words."""
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def query(max_resp_code, group, sources):
    # Resv 0 | S 0 | QRV 2, QQIC 125: the RFC 3376 §8 defaults.
    body = struct.pack("!BBH4sBBH", 0x11, max_resp_code, 0, socket.inet_aton(group), 0x02, 125,
                       len(sources))
    body += b"".join(socket.inet_aton(s) for s in sources)
    return body[:2] + struct.pack("!H", checksum(body)) + body[4:]


def main():
    iface_address = sys.argv[1]
    max_resp_code = int(sys.argv[2], 0)
    group = sys.argv[3] if len(sys.argv) > 3 else "0.0.0.0"
    sources = sys.argv[4:]
    destination = "224.0.0.1" if group == "0.0.0.0" else group
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, IPPROTO_IGMP)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(iface_address))
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, 0)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, 0xC0)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_OPTIONS, ROUTER_ALERT)
    s.sendto(query(max_resp_code, group, sources), (destination, 0))


if __name__ == "__main__":
    main()
