#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into <target>/corpus/ (next to this script).

Run it after changing a target's input layout; the files are committed. It needs nothing beyond
Python 3: CBOR is written by the small encoder below. Each target's layout is described at the
top of its fuzz_<target>.cpp.
"""
from __future__ import annotations

import pathlib
import struct

import make_corpus_framedecoder

HERE = pathlib.Path(__file__).resolve().parent


class Tag:
    def __init__(self, tag: int, value):
        self.tag, self.value = tag, value


class Raw:
    """Bytes written as they are (invalid or unusual CBOR)."""

    def __init__(self, data: bytes):
        self.data = data


def head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if n < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, n)
    raise ValueError(n)


def cbor(v) -> bytes:
    if isinstance(v, Raw):
        return v.data
    if v is None:
        return b"\xf6"
    if v is True:
        return b"\xf5"
    if v is False:
        return b"\xf4"
    if isinstance(v, int):
        return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, float):
        return b"\xfb" + struct.pack(">d", v)
    if isinstance(v, bytes):
        return head(2, len(v)) + v
    if isinstance(v, str):
        b = v.encode()
        return head(3, len(b)) + b
    if isinstance(v, (list, tuple)):
        return head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict):
        return head(5, len(v)) + b"".join(cbor(k) + cbor(x) for k, x in v.items())
    if isinstance(v, Tag):
        return head(6, v.tag) + cbor(v.value)
    raise TypeError(type(v))


def u16(n: int) -> bytes:
    return struct.pack(">H", n)


# --- managerwire: frame payloads, requests and replies
MANAGERWIRE = {
    "request-get": cbor([1, "get", "key"]),
    "request-create": cbor([0, "create", "dict", b"\x01\x02", 7]),
    "request-nested": cbor([5, "update", {"a": [1, 2.5, None], 3: Tag(0x514D5050, ["dict", 4, "@x", b"k"])}]),
    "reply-ok": cbor([0, 42]),
    "reply-error": cbor([1, "KeyError", "no such key: 'x'"]),
    "bad-not-array": cbor({"t": 1}),
    "bad-method-type": cbor([1, 2, 3]),
    "bad-short": cbor([1]),
    "bad-cbor": b"\x83\x01",
}

# --- fastcbor: single values, each as the whole input
FASTCBOR = {
    "int-small": cbor(7), "int-1": cbor(200), "int-2": cbor(60000), "int-4": cbor(4000000000),
    "int-8": cbor(2**63 - 1), "uint-beyond-int64": cbor(2**64 - 1), "negative": cbor(-1000), "negative-min": cbor(-(2**63)),
    "negative-beyond": Raw(b"\x3b\xff\xff\xff\xff\xff\xff\xff\xff").data,
    "text": cbor("hello, 世界"), "bytes": cbor(b"\x00\xff" * 10), "empty-text": cbor(""),
    "bad-utf8-text": Raw(b"\x62\xff\xfe").data, "true": cbor(True), "null": cbor(None),
    "double": cbor(3.25), "half": b"\xf9\x3e\x00", "nan-payload": b"\xfb\x7f\xf8\x00\x00\x00\x00\x00\x01",
    "array": cbor([1, "a", [2.5, None]]), "map": cbor({"t": "x", 1: b"y"}), "tag-datetime": cbor(Tag(0, "2020-01-01T00:00:00Z")),
    "indefinite-text": b"\x7f\x61a\x61b\xff", "trailing": cbor(1) + b"\x01", "cut-string": b"\x65abc",
    "undefined": b"\xf7", "simple": b"\xf0",
    "bytes-64": cbor(b"q" * 64), "bytes-long-head": b"\x5b\x00\x00\x00\x00\x00\x00\x00\x02ab",
    "bytes-indefinite": b"\x5f\x41a\x41b\xff", "bytes-cut-head": b"\x5a\x00\x01",
}

# --- cborconvert: one value (an array is also the arguments of a task call)
CBORCONVERT = {
    "add-ints": cbor([2, 3]), "add-ints-overflow": cbor([2**31 - 1, 2**31 - 1]), "int-too-big": cbor([2**40, 1]),
    "scale": cbor([[1.5, 2.5, -3.0], 2.0]), "scale-float-overflow": cbor([[1.0], 1e300]),
    "words": cbor(["a,b,,c", b",", True]), "describe": cbor([{"a": 1}, [1, 2, 3], 8080, 2**64 - 1]),
    "port-out-of-range": cbor([{}, [], 70000, 1]), "negative-unsigned": cbor([{}, [], -1, -5]),
    "double": cbor(1e300), "string": cbor("text"), "bytes": cbor(b"\x00\x01"), "nested": cbor([[1, 2], [3]]),
    "string-list": cbor(["a", "b", "c"]), "mixed-list": cbor(["a", 1, None]),
    "command-result": cbor({"program": "sh", "arguments": ["-c", "exit 3"], "started": True, "error": "",
                            "pid": 1234, "exitCode": 3, "timedOut": False, "attempts": 1,
                            "startTimeMs": 1700000000000, "durationNs": 5000000, "stdout": b"out", "stderr": b""}),
    "command-result-wrong-types": cbor({"program": 5, "arguments": "x", "exitCode": 2**40}),
}

# --- ipchandles: IPC handles and proxy tokens
TOKEN = 0x514D5050
IPCHANDLES = {
    "queue": cbor({"qmp-ipc": "queue", "key": "/tmp/qmp_ipc_queue_1_abc", "maxsize": 10}),
    "lock": cbor({"qmp-ipc": "lock", "key": "/tmp/qmp_ipc_lock_1_abc"}),
    "shareablelist": cbor({"qmp-ipc": "shareablelist", "key": "k", "format": "q"}),
    "unknown-kind": cbor({"qmp-ipc": "teapot", "key": "k"}),
    "kind-not-text": cbor({"qmp-ipc": 7, "key": []}),
    "token": cbor(Tag(TOKEN, ["dict", 3, "127.0.0.1:50000", b"\x01\x02\x03"])),
    "token-local": cbor(Tag(TOKEN, ["Queue", 0, "@qmp-manager-1", b""])),
    "token-wrong-arity": cbor(Tag(TOKEN, ["dict", 3])),
    "token-wrong-types": cbor(Tag(TOKEN, [1, "3", b"a", "k"])),
    "token-negative-id": cbor(Tag(TOKEN, ["dict", -5, "a", b"k"])),
    "token-other-tag": cbor(Tag(TOKEN + 1, ["dict", 3, "a", b"k"])),
}

# --- joblog: joblog text
HEADER = b"Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand\n"
JOBLOG = {
    "parallel": HEADER + b"1\t:\t1796029849.135\t     0.898\t0\t0\t-1\t15\tsleep 5\n2\t:\t1796029849.2\t0.1\t0\t4\t0\t0\techo a\n",
    "no-header": b"3\t:\t1.000\t0.5\t0\t4\t0\t0\techo a\n",
    "tab-and-nul-in-command": b"4\t:\t1.000\t0.5\t0\t4\t0\t0\tprintf 'a\tb'\n5\t:\t1.0\t0.5\t0\t4\t0\t9\techo 'a\0b'\n",
    "latin-1-command": b"6\tserver\t1.000\t0.5\t0\t4\t0\t0\techo \xe9t\xe9\n",
    "cut-last-line": HEADER + b"1\t:\t1.000\t0.5\t0\t4\t0\t0\techo a\n2\t:\t17",
    "bad-line": b"1\t:\t17\n2\t:\t1.0\t0.5\t0\t4\t0\t0\techo\n",
    "huge-numbers": b"99999999999999\t:\t1e11\t1e11\t9223372036854775807\t-9223372036854775808\t2147483647\t-2147483648\tx\n",
    "out-of-range": b"1\t:\t1e300\tinf\t0\t4\t0\t0\techo\n",
    "crlf": HEADER.replace(b"\n", b"\r\n") + b"1\t:\t1.0\t0.5\t0\t4\t0\t0\techo\r\n",
    "empty-host": b"1\t\t1.0\t0.5\t0\t4\t0\t0\techo\n",
}

# --- commandtemplate: [sources] template \0 arg \0 arg ...
def template(sources: int, *parts: bytes) -> bytes:
    return bytes([sources - 1]) + b"\0".join(parts)


COMMANDTEMPLATE = {
    "appended": template(1, b"echo", b"a b", b"it's", b""),
    "replacements": template(1, b"echo {} {.} {/} {//} {/.} {#} {%}", b"a.b/c.d.e"),
    "positional": template(2, b"echo {2}-{1} {-1} {1/.} {2//}", b"x/y.z", b"/p/q/r"),
    "shell": template(1, b"echo {} | awk '{print $2}' > out.txt", b"a b"),
    "assignment": template(1, b"X=1 env {}", b"v"),
    "no-command": template(1, b"", b"echo hi", b"echo there; echo again"),
    "quoting": template(1, b"printf %s", b"$HOME", b"*", b"\"q\"", b"back\\slash", b"new\nline", b"tab\there"),
    "latin-1": template(1, b"cat {}", b"f\xe9.txt", b"\xff\xfe"),
    "source-out-of-range": template(2, b"echo {3}", b"a", b"b"),
    "source-huge": template(1, b"echo {99999999999} {-2147483648}", b"a"),
    "source-zero": template(1, b"echo {0}", b"a"),
    "braces": template(1, b"echo {x} {} {1..3} {{}}", b"a"),
}

# --- procreader: /proc/<pid>/stat lines
STAT = (b"4242 (qmp worker) S 1 4242 4242 0 -1 4194560 812 0 0 0 17 5 0 0 20 0 3 0 98765 123456789 "
        b"2048 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n")
PROCREADER = {
    "worker": STAT,
    "comm-with-parens": STAT.replace(b"(qmp worker)", b"(a) b (c))"),
    "kernel-thread": b"2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 2 0 0 18446744073709551615 0 0 0 0\n",
    "zombie": STAT.replace(b") S ", b") Z "),
    "short": b"4242 (x) S 1 2 3\n",
    "no-parens": b"4242 x S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n",
    "huge-rss": STAT.replace(b" 2048 ", b" 9223372036854775807 "),
    "huge-times": STAT.replace(b" 17 5 ", b" 18446744073709551615 18446744073709551615 "),
    "negative-ppid": STAT.replace(b" S 1 ", b" S -1 "),
    "double-space": STAT.replace(b" 812 ", b"  812 "),
}

# --- monitorprotocol: mode byte, then the input
NET_UNIX = (b"Num       RefCount Protocol Flags    Type St Inode Path\n"
            b"0000000000000000: 00000002 00000000 00010000 0001 01 31337 @qmp-monitor.0.4242\n"
            b"0000000000000000: 00000002 00000000 00010000 0001 01 31338 @qmp-monitor.1000.77.a1b2c3\n"
            b"0000000000000000: 00000003 00000000 00000000 0001 03 31339 @qmp-monitor.0.4243\n"
            b"0000000000000000: 00000002 00000000 00010000 0001 01 31340 @qmp-monitor.x.y\n"
            b"0000000000000000: 00000002 00000000 00010000 0001 01 31341 /run/other.sock\n")
EVENT = [2, 123456789, 7, 1, 0, False, "square", 1, 1, 4242, 5000, 0, 0, ""]


def messages(*values) -> bytes:
    out = b""
    for v in values:
        b = cbor(v)
        out += u16(len(b)) + b
    return out


POOL = {"t": "pool", "id": 1, "name": "render", "processes": 4, "lifecycle": 1}
MONITORPROTOCOL = {
    "discover": b"\x00" + NET_UNIX,
    "event": b"\x01" + cbor(EVENT),
    "event-bad-kind": b"\x01" + cbor([99] + EVENT[1:]),
    "event-short": b"\x01" + cbor(EVENT[:5]),
    "session": b"\x02" + messages(
        POOL,
        {"t": "events", "id": 1, "ev": [EVENT, [3] + EVENT[1:]]},
        {"t": "sample", "pid": 4242, "cpu": 12.5, "rss": 1 << 20, "threads": 3, "processes": 1},
        {"t": "title", "id": 1, "batch": 1, "title": "batch one"},
        {"t": "queue", "id": 2, "name": "jobs", "key": "/tmp/k", "maxsize": 8, "order": 0, "joinable": True},
        {"t": "queueState", "id": 2, "lifecycle": 0, "depth": 3, "unfinished": 3, "puts": 5},
        {"t": "ready"},
        {"t": "lifecycle", "id": 1, "lifecycle": 2},
        {"t": "reply", "seq": 1, "ok": False, "error": "no"},
        {"t": "queueRemoved", "id": 2},
        {"t": "removed", "id": 1}),
    "events-for-unknown-pool": b"\x02" + messages({"t": "events", "id": 9, "ev": [EVENT]}),
    "bad-order": b"\x02" + messages({"t": "queue", "id": 2, "order": 77}),
    "not-a-map": b"\x02" + messages([1, 2, 3], "text", None),
    "bad-cbor-frame": b"\x02" + u16(3) + b"\x83\x01\x02",
}

# --- shmchannel: records [flags][u16 length][bytes]
def record(flags: int, payload: bytes) -> bytes:
    return bytes([flags]) + u16(len(payload)) + payload


SHMCHANNEL = {
    "honest": record(1, b"\0\0\0\0" + cbor([1, "get", "k"])) + record(1, b"\0\0\0\0" + cbor([0, 42])),
    "honest-large": record(3, b"\0\0\0\0" + b"abcdefgh" * 8) + record(1, b"\0\0\0\0ok"),
    "claims-more": record(0, b"\0\0\x10\x00" + b"x" * 20) + record(1, b"\0\0\0\0tail"),
    "claims-less": record(0, b"\0\0\0\x02" + b"x" * 20),
    "claims-too-much": record(0, b"\xff\xff\xff\xff" + b"x" * 8),
    "empty-frames": record(1, b"") + record(1, b"\0\0\0\0"),
}

# --- workerprotocol: one pool message (a call or a reply) as the whole input
WORKERPROTOCOL = {
    "call": cbor(["c", 1, "square", [7]]),
    "call-chunk": cbor(["C", 2, "add", [[1, 2], [3, 4], []]]),
    "call-flat": cbor(["F", 3, "add", 2, [1, 2, 3, 4]]),
    "reply-ready": cbor(["y"]),
    "reply-init-failed": cbor(["i", "std::runtime_error", "no database"]),
    "reply-result": cbor(["r", 1, {"k": [1.5, None]}, 12345]),
    "reply-error": cbor(["e", 1, "qmp::ValueError", "bad", "task 'parse' in Pool-1-Worker-1, pid 7", 99]),
    "reply-chunk": cbor(["R", 2, [1, None, 9], {1: ["E", "m", "c"]}, 500]),
    "call-packed": cbor(["P", 4, "square", 4, b"\x01\0\0\0\x02\0\0\0"]),
    "reply-packed": cbor(["V", 4, 4, b"\x01\0\0\0\0\0\0\0", {1: ["E", "m", "c"]}, 700]),
    "bad-flat-arity": cbor(["F", 3, "add", 0, [1]]),
    "bad-packed-truncated": cbor(["P", 4, "square", 4, b"\x01\0\0"]),
    "bad-packed-result-size": cbor(["V", 4, 0, b"\x01", {}, 700]),
    # an arena (item size 0): [count u32][end of each value u32...][data], host order (little here)
    "call-packed-arena": cbor(["P", 5, "shout", 0, struct.pack("<3I", 2, 2, 5) + b"hiabc"]),
    "reply-packed-arena": cbor(["V", 5, 0, struct.pack("<3I", 2, 0, 4) + b"HIB!", {0: ["E", "m", "c"]}, 800]),
    "bad-packed-arena-end": cbor(["P", 5, "shout", 0, struct.pack("<3I", 2, 9, 5) + b"hiabc"]),
    "bad-packed-arena-count": cbor(["V", 5, 0, struct.pack("<2I", 0xffffffff, 1), {}, 800]),
    # a starmap's chunk: calls of k arguments, a record of their bytes per call, or k arena values
    "call-packed-record": cbor(["P", 6, "scaled", 12, struct.pack("<id", 3, 0.5) + struct.pack("<id", 4, 2.0), 2]),
    "call-packed-arena-pairs": cbor(["P", 7, "repeat", 0, struct.pack("<5I", 4, 2, 6, 8, 12) + b"hi\2\0\0\0ab\1\0\0\0", 2]),
    "bad-packed-arena-pairs": cbor(["P", 7, "repeat", 0, struct.pack("<4I", 3, 2, 6, 8) + b"hi\2\0\0\0ab", 2]),
    "bad-chunk-error-position": cbor(["R", 2, [1], {5: ["E", "m", "c"]}, 500]),
    "bad-kind": cbor([7, 1]),
    "bad-not-array": cbor({"t": "c"}),
}

# --- servicerequest: one request frame's CBOR value (a map with "op")
SERVICEREQUEST = {
    "submit": cbor({"op": "submit", "job": {"program": "sh", "arguments": ["-c", "echo hi"], "workdir": "/tmp",
                                            "environment": ["PATH=/usr/bin"], "group": "g", "label": "l", "after": [1, 2]}}),
    "submit-batch": cbor({"op": "submit", "job": {"group": "g", "environment": ["PATH=/usr/bin"]},
                          "commands": [["true", "1"], ["echo", "2", "x"]]}),
    "submit-batch-empty-command": cbor({"op": "submit", "job": {}, "commands": [["true"], []]}),
    "submit-batch-not-strings": cbor({"op": "submit", "job": {}, "commands": [["true", 3]]}),
    "submit-no-program": cbor({"op": "submit", "job": {"arguments": ["x"]}}),
    "submit-bad-after": cbor({"op": "submit", "job": {"program": "true", "after": [0, -1, "3"]}}),
    "submit-bytes-arguments": cbor({"op": "submit", "job": {"program": "true", "arguments": [b"x"]}}),
    "status": cbor({"op": "status"}),
    "log": cbor({"op": "log", "id": 7}),
    "follow-no-id": cbor({"op": "follow"}),
    "kill-group": cbor({"op": "kill", "group": "g"}),
    "kill-negative": cbor({"op": "kill", "id": -3}),
    "wait-ids": cbor({"op": "wait", "ids": [1, 2, 3]}),
    "wait-bad-ids": cbor({"op": "wait", "ids": "1"}),
    "pause": cbor({"op": "pause", "group": "default"}),
    "parallel": cbor({"op": "parallel", "group": "g", "n": 4}),
    "parallel-too-many": cbor({"op": "parallel", "group": "g", "n": 1 << 40}),
    "restart": cbor({"op": "restart", "id": 1}),
    "remove": cbor({"op": "remove", "id": 2}),
    "clean": cbor({"op": "clean"}),
    "stop": cbor({"op": "stop"}),
    "unknown-op": cbor({"op": "format-disk"}),
    "op-not-string": cbor({"op": 3}),
    "not-a-map": cbor([1, 2, 3]),
}

TARGETS = {
    "framedecoder": make_corpus_framedecoder.CASES,
    "managerwire": MANAGERWIRE,
    "fastcbor": FASTCBOR,
    "cborconvert": CBORCONVERT,
    "ipchandles": IPCHANDLES,
    "joblog": JOBLOG,
    "commandtemplate": COMMANDTEMPLATE,
    "procreader": PROCREADER,
    "monitorprotocol": MONITORPROTOCOL,
    "shmchannel": SHMCHANNEL,
    "workerprotocol": WORKERPROTOCOL,
    "servicerequest": SERVICEREQUEST,
}


def main() -> None:
    for target, cases in TARGETS.items():
        out = HERE / target / "corpus"
        out.mkdir(parents=True, exist_ok=True)
        for name, data in cases.items():
            (out / name).write_bytes(data)
        print(f"{target}: {len(cases)} files in {out.relative_to(HERE)}")


if __name__ == "__main__":
    main()
