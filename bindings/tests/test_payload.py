# SPDX-License-Identifier: GPL-2.0-only
"""RFC 1949 security payloads through the bindings: every kind built in
Python, serialised, parsed back; hand-derived sizes; refusals."""

import random

import pytest

from smkd import payload

SA = {"spi": 0x01020304, "cipher": "AES_256_GCM", "lifetime": 3600, "activation": 5 * 10**9}
TOKEN = {"issuer": "10.0.3.2", "group": "232.19.49.1", "timestamp": 5_000_000_123,
         "random": 2**64 - 1, "recipient": "0.0.0.0", "signature": bytes(range(64))}
BLOB = {"signer": "10.0.0.1", "body": b"acl bytes", "signature": b"\x01" * 64}

SAMPLES = {
    "SmkdToken": TOKEN,
    "SmkdSignedBlob": BLOB,
    "SmkdAccessList": {"group": "232.19.49.1", "kind": "GROUP_MEMBERS", "mode": "EXCLUSION",
                       "initiator": "10.0.5.2", "version": 3,
                       "entries": [{"prefix": "10.0.3.0", "prefix_length": 24, "user": "alice"},
                                   {"prefix": "10.0.4.2", "prefix_length": 32, "user": ""}]},
    "SmkdKeyBundle": {"group": "232.19.49.1", "group_key": b"\x11" * 32, "kek": b"\x22" * 32,
                      "sa": SA},
    "SmkdGroupAccessPackage": {"sender_token": TOKEN, "acl": BLOB, "trusted": b"",
                               "sealed_for_host": b"\x33" * 120,
                               "sealed_for_next_hop": b"\x44" * 120},
    "SmkdGroupKeyMessage": {"type": "LKH_REKEY", "group": "232.19.49.1", "key_spi": 9,
                            "body": b"\x55" * 60},
    "SmkdSenderKey": {"group": "232.19.49.1", "sender": "10.0.9.9", "key": b"\x66" * 32,
                      "sa": SA},
    "SmkdKeyDelivery": {"type": "REFUSED", "group": "232.19.49.1", "host_token": b"tok",
                        "sealed": b"", "reason": "not on the access list"},
    "SmkdManagementMessage": {"type": "MEMBER_JOINED", "group": "232.19.49.1", "sequence": 77,
                              "body": b"signed", "extra": b""},
    "SmkdKdcMessage": {"type": "KEYS", "group": "232.19.49.1", "nonce": 42, "body": b"sealed"},
    "SmkdKdcGrant": {"outcome": "KEYS", "host": "10.0.3.2", "group": "232.19.49.1",
                     "nonce": 42, "bundle": b"\x77" * 90, "reason": ""},
}


def test_every_kind_has_a_sample():
    assert sorted(payload.KINDS) == sorted(SAMPLES)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_round_trip(kind):
    data = payload.serialize(kind, SAMPLES[kind])
    assert payload.parse(kind, data) == SAMPLES[kind]


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_every_proper_prefix_and_an_extra_byte_are_refused(kind):
    data = payload.serialize(kind, SAMPLES[kind])
    for cut in range(len(data)):
        with pytest.raises(ValueError, match=kind):
            payload.parse(kind, data[:cut])
    with pytest.raises(ValueError, match="malformed"):
        payload.parse(kind, data + b"\x00")


def test_token_layout():
    # issuer 4 + group 4 + t 8 + r 8 + recipient 4 + signature length 2 + 64.
    data = payload.serialize("SmkdToken", TOKEN)
    assert len(data) == 4 + 4 + 8 + 8 + 4 + 2 + 64
    assert data[:4] == bytes([10, 0, 3, 2])
    assert data[16:24] == b"\xff" * 8


def test_defaults_fill_missing_fields():
    # Version 1 is SmkdAccessList's default; INCLUSION/GROUP_MEMBERS its kind and mode.
    acl = payload.parse("SmkdAccessList",
                        payload.serialize("SmkdAccessList", {"group": "239.1.1.1"}))
    assert (acl["version"], acl["kind"], acl["mode"], acl["entries"]) == (
        1, "GROUP_MEMBERS", "INCLUSION", [])


def test_parser_checks_survive_from_python():
    # A key bundle whose keys are not 32 bytes, or whose group is unicast,
    # serialises but does not parse: the same rule the receivers apply.
    short = dict(SAMPLES["SmkdKeyBundle"], group_key=b"\x11" * 31)
    with pytest.raises(ValueError):
        payload.parse("SmkdKeyBundle", payload.serialize("SmkdKeyBundle", short))
    unicast = dict(SAMPLES["SmkdGroupKeyMessage"], group="10.1.1.1")
    with pytest.raises(ValueError):
        payload.parse("SmkdGroupKeyMessage", payload.serialize("SmkdGroupKeyMessage", unicast))


def test_random_bytes_never_crash():
    rng = random.Random(1949)
    for kind in payload.KINDS:
        for _ in range(300):
            data = bytes(rng.randrange(256) for _ in range(rng.randrange(80)))
            try:
                payload.parse(kind, data)
            except ValueError:
                pass


def test_bad_input_is_refused_with_names():
    with pytest.raises(ValueError, match="unknown payload kind 'Token'"):
        payload.parse("Token", b"")
    with pytest.raises(ValueError, match="'prefix_length'"):
        payload.serialize("SmkdAccessList", {"group": "239.1.1.1",
                                             "entries": [{"prefix": "10.0.0.0",
                                                          "prefix_length": 33}]})
    with pytest.raises(ValueError, match="'signature'"):
        payload.serialize("SmkdToken", dict(TOKEN, signature=b"\x00" * 65536))
    with pytest.raises(ValueError, match="'type'"):
        payload.serialize("SmkdKeyDelivery", {"type": "KEYZ", "group": "239.1.1.1"})
    with pytest.raises(ValueError, match="'acl'"):
        payload.serialize("SmkdGroupAccessPackage",
                          dict(SAMPLES["SmkdGroupAccessPackage"],
                               acl=dict(BLOB, body=b"\x00" * 65535)))
    with pytest.raises(ValueError, match="'timestamp'"):
        payload.serialize("SmkdToken", dict(TOKEN, timestamp=-1))
