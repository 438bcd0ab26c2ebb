#!/usr/bin/env python3
"""The seed corpus of fuzz_framedecoder (imported by make_corpus.py).

Each file is the fuzz input layout described in fuzz_framedecoder.cpp: a size-cap byte, a flags
byte with the number of chunk-size bytes, the chunk sizes, then the stream of frames. The CBOR
payloads are written out by hand so that this needs nothing beyond Python 3.
"""
from __future__ import annotations

import pathlib
import struct

CAP_DEFAULT = 255  # byte 0 = 255: FrameDecoder::defaultMaxFrameSize


def frame(payload: bytes, length: int | None = None) -> bytes:
    """A frame: 4-byte big-endian length (the payload's unless given) and the payload."""
    return struct.pack(">I", len(payload) if length is None else length) + payload


def case(cap: int, chunks: list[int], stream: bytes, drain_at_end=False, via_bytearray=False) -> bytes:
    assert 0 <= cap <= 255 and len(chunks) <= 15
    flags = len(chunks) | (0x10 if drain_at_end else 0) | (0x20 if via_bytearray else 0)
    return bytes([cap, flags, *chunks]) + stream


def text(s: str) -> bytes:
    b = s.encode()
    assert len(b) < 24
    return bytes([0x60 | len(b)]) + b


TASK_CALL = (bytes([0xA2]) + text("task") + text("add")
             + text("args") + bytes([0x82, 0x01, 0x02]))  # {"task": "add", "args": [1, 2]}
MIXED = [
    bytes([0xF6]),                                   # null
    bytes([0xF5]),                                   # true
    bytes([0x18, 0x2A]),                             # 42
    bytes([0x26]),                                   # -7
    bytes([0xFB]) + struct.pack(">d", 3.5),          # 3.5 (double)
    bytes([0xF9, 0x3E, 0x00]),                       # 1.5 (half float)
    text("hi"),
    bytes([0x43, 0x00, 0x01, 0xFF]),                 # h'0001ff'
    bytes([0x83, 0x01, 0x02, 0x81, 0x03]),           # [1, 2, [3]]
    bytes([0xA2]) + text("t") + text("run") + bytes([0x01, 0x02]),  # {"t": "run", 1: 2}
]

CASES = {
    # Valid streams.
    "valid-one-value": case(CAP_DEFAULT, [], frame(TASK_CALL)),
    "valid-mixed-1-byte-chunks": case(CAP_DEFAULT, [1], b"".join(map(frame, MIXED[:6]))),
    "valid-mixed-odd-chunks": case(16, [3, 7, 0, 5], b"".join(map(frame, MIXED[5:])), via_bytearray=True),
    "valid-drain-at-end": case(8, [4, 1], b"".join(map(frame, MIXED[:5])), drain_at_end=True),
    "valid-indefinite-array": case(CAP_DEFAULT, [2], frame(bytes([0x9F, 0x01, 0x02, 0xFF]))),
    "valid-tags": case(CAP_DEFAULT, [], frame(bytes([0xC1, 0x1A, 0x5F, 0x5E, 0x10, 0x00]))  # 1(1600000000)
                       + frame(bytes([0xC0]) + text("2020-01-01T00:00:00Z"))),            # 0("...")
    "valid-nested": case(CAP_DEFAULT, [9], frame(bytes([0x81] * 40 + [0x00]))),
    "valid-nan-payload-and-minus-zero": case(CAP_DEFAULT, [5], frame(bytes([0xF9, 0xFF, 0x01]))  # NaN, sign + payload
                                             + frame(bytes([0xF9, 0x80, 0x00]))),                # -0.0
    "valid-frame-at-cap": case(1, [], frame(bytes([0x63]) + b"abc")),  # cap 4, payload 4
    # Invalid streams: each fails at a known point.
    "invalid-empty-frame": case(CAP_DEFAULT, [], frame(bytes([0x01])) + frame(b"")),
    "invalid-over-cap": case(1, [2], frame(bytes([0x01])) + frame(bytes([0x64]) + b"abcd")),
    "invalid-huge-length": case(CAP_DEFAULT, [], frame(b"", 0xFFFFFFFF)),
    "invalid-reserved-cbor": case(CAP_DEFAULT, [], frame(bytes([0x1C]))),
    "invalid-trailing-bytes": case(CAP_DEFAULT, [], frame(bytes([0x01, 0x02]))),
    "invalid-break-only": case(CAP_DEFAULT, [], frame(bytes([0xFF]))),
    "invalid-cbor-cut-short": case(CAP_DEFAULT, [1], frame(bytes([0x62]) + b"h")),
    "invalid-bad-utf8": case(CAP_DEFAULT, [], frame(bytes([0x62, 0xFF, 0xFE]))),
    "invalid-string-length-overflow": case(CAP_DEFAULT, [], frame(bytes([0x5B]) + b"\xff" * 8)),
    "invalid-truncated-header": case(CAP_DEFAULT, [1], frame(bytes([0x01])) + b"\x00\x00"),
    "invalid-truncated-payload": case(CAP_DEFAULT, [3], frame(bytes([0x01])) + frame(TASK_CALL)[:9]),
}


