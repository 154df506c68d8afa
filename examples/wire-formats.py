#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Decode and build smkd's wire formats from Python.

    ./smkd run wire-formats.py

Every message is a dict: "type" plus the header's fields. parse() turns bytes
into a dict, to_bytes()/serialize() turn a dict back into bytes, through the
same C++ code the simulated routers and hosts use.
"""

import smkd
from smkd import cbt, igmp, payload

# A CBT JOIN_REQUEST (RFC 2189 §7.3) as it appears on the wire: common header
# (version 2, type 1, address length 4, checksum), group, target core, originator.
join = bytes.fromhex("2104e5f3" "e0010203" "0a000001" "0a000302")
msg = cbt.parse(join)
print("CBT   ", msg)

# The same router answers with a JOIN_ACK carrying an RFC 1949 option: build it
# from fields. The checksum is computed (RFC 2189 §7.1).
ack = cbt.to_bytes({
    "type": "JOIN_ACK",
    "group": msg["group"],
    "target": msg["originator"],
    "options": [{"type": cbt.OPTION_TYPES["JOIN_NACK"], "value": b"\x01"}],
})
print("CBT   ", ack.hex(), "->", cbt.parse(ack)["options"])

# IGMPv3 (RFC 3376 §4.2): a report whose record carries the host token in its
# auxiliary data, as RFC 1949 secure joins do; aux data is in 32-bit words.
token = payload.serialize("SmkdToken", {
    "issuer": "10.0.3.2", "group": "232.19.49.1",
    "timestamp": 5_000_000_000, "random": 0x1949, "signature": bytes(64)})
aux = token + bytes(-len(token) % 4)
report = igmp.to_bytes({"type": "V3_MEMBERSHIP_REPORT", "records": [
    {"type": "CHANGE_TO_EXCLUDE_MODE", "group": "232.19.49.1", "aux_data": aux}]})
rec = igmp.parse(report)["records"][0]
print("IGMP  ", rec["type"], rec["group"], len(rec["aux_data"]), "bytes of aux data")
tok = payload.parse("SmkdToken", rec["aux_data"][:len(token)])
print("token  issuer %s, t %d ns, r %#x, %d-byte signature" % (
    tok["issuer"], tok["timestamp"], tok["random"], len(tok["signature"])))

# Query timers use RFC 3376's floating-point codes.
query = igmp.parse(bytes.fromhex("118ae9dd" "e8010101" "0790" "0002" "0a000001" "0a000002"))
print("IGMP   %s query, Max Resp %.1f s, QQIC %d s, sources %s" % (
    query["kind"], igmp.decode_code(query["max_resp_code"]) / 10,
    igmp.decode_code(query["qqic"]), query["sources"]))

# Malformed bytes raise smkd.WireFormatError, a ValueError naming the reason.
for bad, verify in ((join[:4] + b"\xff" + join[5:], True),  # a flipped group octet
                    (join[:10], False),                      # cut inside the target
                    (b"\x27" + join[1:], False)):            # type 7, BOOTSTRAP: not supported
    try:
        cbt.parse(bad, verify_checksum=verify)
    except smkd.WireFormatError as e:
        print("refused:", e)
