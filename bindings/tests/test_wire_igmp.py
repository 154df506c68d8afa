# SPDX-License-Identifier: GPL-2.0-only
"""IGMP messages (RFC 3376 §4, RFC 2236 §2, RFC 1112) through the bindings."""

import random

import pytest

import smkd
from smkd import igmp

# test/igmp-wire-format-test-suite.cc: §4.1 General Query with the §8 defaults,
# Max Resp Code 100, QRV 2, QQIC 125; checksum ~(0x1164 + 0x027d) = 0xec1e.
GENERAL_QUERY = bytes([0x11, 0x64, 0xEC, 0x1E, 0, 0, 0, 0, 0x02, 0x7D, 0, 0])
# Same file: RFC 2236 §2 Leave Group for 239.1.2.3, checksum 0xf7fa.
LEAVE = bytes([0x17, 0x00, 0xF7, 0xFA, 0xEF, 0x01, 0x02, 0x03])

MESSAGES = [
    {"type": "MEMBERSHIP_QUERY", "version": 3, "max_resp_code": 0x8A, "group": "232.1.1.1",
     "s": True, "qrv": 7, "qqic": 0x90, "sources": ["10.0.0.1", "10.0.0.2"]},
    {"type": "MEMBERSHIP_QUERY", "version": 2, "max_resp_code": 100, "group": "0.0.0.0"},
    {"type": "V3_MEMBERSHIP_REPORT", "records": [
        {"type": "MODE_IS_INCLUDE", "group": "232.1.1.1", "sources": ["10.0.0.1"],
         "aux_data": b""},
        {"type": "MODE_IS_EXCLUDE", "group": "239.1.1.1", "sources": [],
         "aux_data": b"SKD1\x00\x00\x00\x2a"},
        {"type": "BLOCK_OLD_SOURCES", "group": "232.1.1.1", "sources": ["10.0.0.1"],
         "aux_data": b""}]},
    {"type": "V2_MEMBERSHIP_REPORT", "group": "239.1.2.3"},
    {"type": "V1_MEMBERSHIP_REPORT", "group": "224.5.6.7"},
    {"type": "V2_LEAVE_GROUP", "group": "239.1.2.3"},
]


def test_general_query_vector():
    m = igmp.parse(GENERAL_QUERY)
    assert m == {"type": "MEMBERSHIP_QUERY", "checksum": 0xEC1E, "ignored": [], "version": 3,
                 "kind": "GENERAL", "max_resp_code": 100, "group": "0.0.0.0", "s": False,
                 "qrv": 2, "qqic": 125, "sources": []}
    assert igmp.to_bytes(m) == GENERAL_QUERY


def test_leave_vector():
    assert igmp.parse(LEAVE)["group"] == "239.1.2.3"
    assert igmp.to_bytes({"type": "V2_LEAVE_GROUP", "group": "239.1.2.3"}) == LEAVE


@pytest.mark.parametrize("msg", MESSAGES, ids=[m["type"] + str(m.get("version", "")) for m in MESSAGES])
def test_round_trip(msg):
    back = igmp.parse(igmp.to_bytes(msg))
    for derived in ("checksum", "ignored", "kind"):
        back.pop(derived, None)
    assert back == msg


def test_query_kind_and_version_follow_the_bytes():
    m = igmp.parse(igmp.to_bytes(MESSAGES[0]))
    assert m["kind"] == "GROUP_AND_SOURCE_SPECIFIC"
    # 8-octet query with code 0 is IGMPv1 (RFC 3376 §7.1).
    assert igmp.parse(bytes([0x11, 0x00, 0xEE, 0xFF, 0, 0, 0, 0]))["version"] == 1


def test_floating_point_codes():
    # RFC 3376 §4.1.1: 0x8a = 1|000|1010 -> (0xa | 0x10) << 3 = 208.
    assert igmp.decode_code(0x8A) == 208
    assert igmp.decode_code(0x64) == 100
    assert igmp.encode_code(208) == 0x8A
    assert igmp.encode_code(10**6) == 0xFF


def test_additional_data_is_reported_not_refused():
    m = igmp.parse(LEAVE + b"\x00\x00\x00\x00", verify_checksum=False)
    assert len(m["ignored"]) == 1 and m["ignored"][0].startswith("trailing")


def test_truncated_and_garbage_raise_value_error():
    report = igmp.to_bytes(MESSAGES[2])
    for cut in range(len(report)):
        with pytest.raises(ValueError):
            igmp.parse(report[:cut], verify_checksum=False)
    with pytest.raises(smkd.WireFormatError, match="checksum"):
        igmp.parse(LEAVE[:7] + b"\x04")
    with pytest.raises(ValueError, match="query of 10 octets"):
        igmp.parse(GENERAL_QUERY[:10], verify_checksum=False)
    rng = random.Random(3376)
    for _ in range(3000):
        data = bytes([rng.choice([0x11, 0x12, 0x16, 0x17, 0x22, rng.randrange(256)])]) + bytes(
            rng.randrange(256) for _ in range(rng.randrange(48)))
        try:
            igmp.parse(data, verify_checksum=False)
        except ValueError:
            pass


def test_bad_fields_are_refused_with_their_name():
    with pytest.raises(ValueError, match="'qrv'"):
        igmp.to_bytes({"type": "MEMBERSHIP_QUERY", "qrv": 8})
    with pytest.raises(ValueError, match="'version'"):
        igmp.to_bytes({"type": "MEMBERSHIP_QUERY", "version": 4})
    with pytest.raises(ValueError, match="'sources'"):
        igmp.to_bytes({"type": "MEMBERSHIP_QUERY", "version": 2, "sources": ["10.0.0.1"]})
    with pytest.raises(ValueError, match="'aux_data'"):
        igmp.to_bytes({"type": "V3_MEMBERSHIP_REPORT",
                       "records": [{"group": "232.1.1.1", "aux_data": b"abc"}]})
