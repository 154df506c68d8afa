# SPDX-License-Identifier: GPL-2.0-only
"""CBT control messages (RFC 2189 §7) through the bindings: round trips, the
hand-derived vectors of test/cbt-wire-format-test-suite.cc, and refusals."""

import random

import pytest

import smkd
from smkd import cbt

# test/cbt-wire-format-test-suite.cc, "JOIN_REQUEST": §7.3 JOIN_REQUEST for
# 224.1.2.3, target core 10.0.0.1, originated by 10.0.3.2; checksum 0xe5f3
# (sum 0x2104+0xe001+0x0203+0x0a00+0x0001+0x0a00+0x0302 = 0x11a0b -> 0x1a0c -> ~).
JOIN_REQUEST = bytes([0x21, 0x04, 0xE5, 0xF3, 0xE0, 0x01, 0x02, 0x03,
                      0x0A, 0x00, 0x00, 0x01, 0x0A, 0x00, 0x03, 0x02])
# Same file, "JOIN_ACK": 224.1.2.3 to DR 10.0.3.2 with option 0x80 = aa bb cc;
# checksum 0xf834.
JOIN_ACK = bytes([0x22, 0x04, 0xF8, 0x34, 0xE0, 0x01, 0x02, 0x03, 0x0A, 0x00, 0x03, 0x02,
                  0x80, 0x03, 0xAA, 0xBB, 0xCC])

MESSAGES = [
    {"type": "HELLO", "preference": 7, "options": [{"type": 0, "value": b""}]},
    {"type": "JOIN_REQUEST", "group": "224.1.2.3", "target": "10.0.0.1",
     "originator": "10.0.3.2",
     "options": [{"type": cbt.OPTION_TYPES["HOST_TOKEN"], "value": bytes(range(40))},
                 {"type": cbt.OPTION_TYPES["SIGNATURE"], "value": b"\x55" * 300}]},
    {"type": "JOIN_ACK", "group": "232.19.49.1", "target": "10.0.1.2", "options": []},
    {"type": "QUIT_NOTIFICATION", "group": "239.0.0.9", "originating_child": "10.9.8.7"},
    {"type": "ECHO_REQUEST", "originating_child": "10.0.0.2"},
    {"type": "ECHO_REPLY", "originating_parent": "10.0.0.1",
     "groups": ["224.1.1.1", "224.1.1.2"]},
    {"type": "FLUSH_TREE", "groups": ["233.3.3.3"]},
]


def test_join_request_vector_parses_to_its_fields():
    m = cbt.parse(JOIN_REQUEST)
    assert m == {"type": "JOIN_REQUEST", "checksum": 0xE5F3, "group": "224.1.2.3",
                 "target": "10.0.0.1", "originator": "10.0.3.2", "options": []}
    # And serialising the fields gives the vector back, checksum included.
    assert cbt.to_bytes(m) == JOIN_REQUEST


def test_join_ack_vector_with_option():
    m = cbt.parse(JOIN_ACK)
    assert m["type"] == "JOIN_ACK"
    assert m["target"] == "10.0.3.2"
    assert m["options"] == [{"type": 0x80, "value": b"\xaa\xbb\xcc"}]
    assert cbt.to_bytes(m) == JOIN_ACK


@pytest.mark.parametrize("msg", MESSAGES, ids=[m["type"] for m in MESSAGES])
def test_round_trip(msg):
    data = cbt.to_bytes(msg)
    back = cbt.parse(data)
    checksum = back.pop("checksum")
    assert checksum != 0  # computed by default
    expected = dict(msg)
    if "options" in expected:
        expected["options"] = list(expected["options"])
    assert back == expected
    assert cbt.to_bytes(msg, checksum=False)[2:4] == b"\x00\x00"


def test_long_option_uses_the_16_bit_length():
    # Values of 255 bytes or more take the escape octet and two length octets:
    # 4 common + 12 join + 1 type + 3 length + 300 value.
    msg = {"type": "JOIN_ACK", "group": "224.0.1.1", "target": "10.0.0.1",
           "options": [{"type": 0x82, "value": b"\x01" * 300}]}
    assert len(cbt.to_bytes(msg)) == 4 + 8 + 1 + 3 + 300


def test_truncated_and_garbage_raise_value_error():
    for cut in range(len(JOIN_REQUEST)):
        with pytest.raises(ValueError):
            cbt.parse(JOIN_REQUEST[:cut])
    with pytest.raises(smkd.WireFormatError, match="truncated"):
        cbt.parse(JOIN_REQUEST[:3])
    flipped = bytearray(JOIN_REQUEST)
    flipped[5] ^= 0x01
    with pytest.raises(ValueError, match="checksum"):
        cbt.parse(bytes(flipped))
    # The same bytes parse when the checksum is not asked for.
    assert cbt.parse(bytes(flipped), verify_checksum=False)["group"] == "224.0.2.3"
    with pytest.raises(ValueError, match="version"):
        cbt.parse(b"\x30" + JOIN_REQUEST[1:], verify_checksum=False)
    with pytest.raises(ValueError, match="trailing"):
        cbt.parse(cbt.to_bytes(MESSAGES[4], checksum=False) + b"\x00", verify_checksum=False)


def test_every_type_octet_and_random_bytes_never_crash():
    # Types 7 and 8 (bootstrap, candidate core) and 9..15 are not parsed; all
    # must end in a ValueError, not an abort.
    for t in range(16):
        data = bytes([0x20 | t, 0x04, 0, 0]) + bytes(12)
        if t >= 7:
            with pytest.raises(ValueError, match="unknown"):
                cbt.parse(data, verify_checksum=False)
        else:
            try:
                cbt.parse(data, verify_checksum=False)
            except ValueError:
                pass
    rng = random.Random(1949)
    for _ in range(3000):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(40)))
        try:
            cbt.parse(data, verify_checksum=rng.random() < 0.5)
        except ValueError:
            pass


def test_bad_fields_are_refused_with_their_name():
    with pytest.raises(ValueError, match="'group'"):
        cbt.to_bytes({"type": "JOIN_REQUEST", "group": "224.1.2"})
    with pytest.raises(ValueError, match="'gruop'"):
        cbt.to_bytes({"type": "JOIN_REQUEST", "gruop": "224.1.2.3"})
    with pytest.raises(ValueError, match="'preference'"):
        cbt.to_bytes({"type": "HELLO", "preference": 256})
    with pytest.raises(ValueError, match="'type'"):
        cbt.to_bytes({"type": "BOOTSTRAP"})
    with pytest.raises(ValueError, match="65535"):
        cbt.to_bytes({"type": "HELLO", "options": [{"type": 1, "value": b"x" * 65536}]})
