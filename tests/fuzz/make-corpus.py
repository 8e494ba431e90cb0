#!/usr/bin/env python3
"""Regenerates the fuzzers' seed corpus in tests/fuzz/corpus/ (committed; run by hand).

Usage: make-corpus.py <redscope-server> [redis-server]

RESTORE seeds are DUMP payloads of every key of the RDB datasets, from both servers, with
their 10-byte footer cut off (the target adds a valid one). RDB and AOF seeds are written
by the real servers: each server is started in a temp dir,
filled with one type/encoding at a time (small values stay compact, big ones switch to
quicklist/hashtable/skiplist, integer sets stay intsets, long repetitive strings get LZF),
saved, and the file is copied. Most RDB seeds get their CRC-64 zeroed ("checksum disabled",
accepted by both servers) so mutated inputs reach the end of the loader; the "all" files
keep theirs. RESP and inline seeds are written here; their first byte is the read size the
targets use (see fuzz_resp.cpp).
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def resp(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, binary, extra=()):
        self.dir = tempfile.mkdtemp(prefix="redscope-corpus-")
        self.port = free_port()
        args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.dir,
                "--save", ""] + list(extra)
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start: " + binary)

    def call(self, *args):
        self.sock.sendall(resp(*args))
        return self._read()

    def _readline(self):
        data = b""
        while not data.endswith(b"\r\n"):
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("connection closed")
            data += chunk
        return data[:-2]

    def _read(self):
        line = self._readline()
        kind, rest = line[:1], line[1:]
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = b""
            while len(data) < n + 2:
                data += self.sock.recv(n + 2 - len(data))
            return data[:-2]
        if kind == b"*":
            return [self._read() for _ in range(int(rest))] if int(rest) >= 0 else None
        if kind == b"-":
            raise RuntimeError(rest.decode())
        return rest

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


# One dataset per RDB seed: name -> list of commands.
def datasets():
    big = "x" * 40
    sets = {
        "strings": [("SET", "int", "12345"), ("SET", "neg", "-7"), ("SET", "small", "hello"),
                    ("SET", "lzf", "a" * 200), ("SET", "bin", bytes(range(64))),
                    ("SET", "big", "1" * 30)],
        "list-small": [("RPUSH", "l", "a", "b", "1", "-2", "300000", "x" * 30)],
        "list-big": [("RPUSH", "l") + tuple("%s%d" % (big, i) for i in range(300))],
        "hash-small": [("HSET", "h", "f1", "v1", "f2", "2", "f3", "y" * 30)],
        "hash-big": [("HSET", "h") + sum((("f%d" % i, "v%d" % i) for i in range(200)), ())],
        "set-int": [("SADD", "s", "1", "2", "-3", "70000", "5000000000")],
        "set-small": [("SADD", "s", "a", "b", "c")],
        "set-big": [("SADD", "s") + tuple("m%d" % i for i in range(200))],
        "zset-small": [("ZADD", "z", "1", "a", "2.5", "b", "-3", "c", "inf", "d")],
        "zset-big": [("ZADD", "z") + sum((("%d.25" % i, "m%d" % i) for i in range(200)), ())],
        # issue 21: HyperLogLog sketches (sparse, dense) and a geo set are strings and a
        # sorted set in the file; the fuzz target walks the sketches like PFCOUNT does.
        "hll": [("PFADD", "sparse") + tuple("e%d" % i for i in range(50)),
                ("PFADD", "dense") + tuple("e%d" % i for i in range(3000)), ("PFCOUNT", "sparse")],
        "geo": [("GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669",
                 "Catania", "-180", "-85.05112878", "corner")],
        "stream-small": [("XADD", "st", "1-1", "name", "alice", "n", "1"),
                         ("XADD", "st", "1-2", "name", "bob", "n", "20000"),
                         ("XADD", "st", "2-0", "other", "x" * 30), ("XDEL", "st", "1-2")],
        "stream-groups": [("XADD", "st", "%d-%d" % (i // 3, i % 3), "f", "v%d" % i)
                          for i in range(1, 150)] +
                         [("XGROUP", "CREATE", "st", "g1", "0"),
                          ("XGROUP", "CREATE", "st", "g2", "$", "ENTRIESREAD", "149"),
                          ("XREADGROUP", "GROUP", "g1", "c1", "COUNT", "5", "STREAMS", "st", ">"),
                          ("XREADGROUP", "GROUP", "g1", "c2", "COUNT", "3", "STREAMS", "st", ">"),
                          ("XACK", "st", "g1", "0-1"), ("XDEL", "st", "1-0"),
                          ("XGROUP", "CREATE", "empty", "g", "$", "MKSTREAM")],
        "expires-dbs": [("SET", "a", "1"), ("PEXPIRE", "a", "100000000"), ("SELECT", "3"),
                        ("SET", "b", "2"), ("EXPIRE", "b", "5000"), ("LPUSH", "c", "x"),
                        ("SELECT", "0")],
    }
    every = []
    for cmds in sets.values():
        every += cmds
    sets["all"] = every
    return sets


def write(kind, name, data):
    path = os.path.join(CORPUS, kind, name)
    with open(path, "wb") as f:
        f.write(data)


def rdb_seeds(binary, tag):
    srv = Server(binary)
    try:
        for name, cmds in datasets().items():
            srv.call("FLUSHALL")
            for c in cmds:
                srv.call(*c)
            srv.call("SAVE")
            with open(os.path.join(srv.dir, "dump.rdb"), "rb") as f:
                data = f.read()
            if name != "all":
                data = data[:-8] + b"\0" * 8
            write("rdb", "%s-%s.rdb" % (tag, name), data)
            write("rdb_visitor", "%s-%s.rdb" % (tag, name), data)
    finally:
        srv.stop()


def restore_seeds(binary, tag):
    srv = Server(binary)
    try:
        for name, cmds in datasets().items():
            if name == "all":
                continue
            srv.call("FLUSHALL")
            for c in cmds:
                srv.call(*c)
            for key in srv.call("KEYS", "*"):
                payload = srv.call("DUMP", key)
                write("restore", "%s-%s-%s" % (tag, name, key.decode()), payload[:-10])
    finally:
        srv.stop()


# list-compress-depth 1 with rdbcompression off: the inner quicklist nodes are in the file
# (and in DUMP payloads) as LZF blobs only because the list holds them compressed (issue 21).
COMPRESSED_LIST_ARGS = ("--list-compress-depth", "1", "--list-max-listpack-size", "16",
                        "--rdbcompression", "no")


def compressed_list_seeds(binary, tag):
    srv = Server(binary, COMPRESSED_LIST_ARGS)
    try:
        srv.call("RPUSH", "l", *["item:%d:%s" % (i % 7, "y" * (i % 40)) for i in range(400)])
        srv.call("RPUSH", "mixed", "a", "1", "-2", "z" * 3000, *["v%d" % i for i in range(100)])
        srv.call("SAVE")
        with open(os.path.join(srv.dir, "dump.rdb"), "rb") as f:
            data = f.read()
        data = data[:-8] + b"\0" * 8
        write("rdb", "%s-list-compressed.rdb" % tag, data)
        write("rdb_visitor", "%s-list-compressed.rdb" % tag, data)
        for key in ("l", "mixed"):
            payload = srv.call("DUMP", key)
            write("restore", "%s-list-compressed-%s" % (tag, key), payload[:-10])
    finally:
        srv.stop()


AOF_WORKLOAD = [
    ("SET", "k", "v"), ("INCR", "n"), ("INCRBYFLOAT", "f", "1.5"), ("APPEND", "k", "w"),
    ("RPUSH", "l", "a", "b", "c"), ("LPOP", "l"), ("HSET", "h", "f", "v"), ("HDEL", "h", "x"),
    ("SADD", "s", "1", "2"), ("SREM", "s", "1"), ("ZADD", "z", "1", "a", "2", "b"),
    ("ZINCRBY", "z", "3", "a"), ("EXPIRE", "k", "1000"), ("SELECT", "2"), ("SET", "o", "1"),
    ("MULTI",), ("SET", "t", "1"), ("INCR", "t"), ("EXEC",), ("DEL", "o"), ("SELECT", "0"),
    ("SETEX", "e", "100", "v"), ("LMOVE", "l", "l2", "LEFT", "RIGHT"), ("SPOP", "s"),
]


def aof_seeds(binary, tag):
    srv = Server(binary, ["--appendonly", "yes", "--appendfsync", "always"])
    try:
        time.sleep(0.5)
        for c in AOF_WORKLOAD:
            srv.call(*c)
        adir = os.path.join(srv.dir, "appendonlydir")
        manifest = os.path.join(adir, "appendonly.aof.manifest")
        with open(manifest, "rb") as f:
            write("aof", "%s-manifest" % tag, f.read())
        for name in sorted(os.listdir(adir)):
            if name.endswith(".incr.aof"):
                with open(os.path.join(adir, name), "rb") as f:
                    write("aof", "%s-incr.aof" % tag, f.read())
        srv.call("BGREWRITEAOF")
        for _ in range(100):
            time.sleep(0.2)
            if b"aof_rewrite_in_progress:0" in srv.call("INFO", "persistence") and \
                    b"aof_rewrite_scheduled:0" in srv.call("INFO", "persistence"):
                break
        time.sleep(0.5)
        srv.call("SET", "after", "rewrite")
        srv.call("RPUSH", "l", "z")
        with open(manifest, "rb") as f:
            write("aof", "%s-manifest-rewritten" % tag, f.read())
        base = incr = b""
        for name in sorted(os.listdir(adir)):
            with open(os.path.join(adir, name), "rb") as f:
                if name.endswith(".base.rdb"):
                    base = f.read()
                elif name.endswith(".incr.aof"):
                    incr = f.read()
        write("aof", "%s-base-rdb" % tag, base)
        write("aof", "%s-base-and-incr" % tag, base + incr)
    finally:
        srv.stop()


def text_seeds():
    chunked = [1, 3, 7, 16]
    resp_seeds = {
        "set": resp("SET", "key", "value"),
        "pipeline": resp("PING") + resp("SET", "a", "1") + resp("INCR", "a") + resp("GET", "a"),
        "binary": resp("SET", b"k\r\n", b"\x00\r\n\xff" * 5),
        "empty-bulk": resp("SET", "", ""),
        "zero-and-null": b"*0\r\n*-1\r\n" + resp("PING"),
        "many-args": resp("RPUSH", "l", *["v%d" % i for i in range(60)]),
        "too-many-args": b"*65\r\n$1\r\na\r\n",
        "big-bulk": resp("SET", "k", "v" * 4000),
        "bad-bulk-len": b"*1\r\n$-5\r\n",
        "bad-dollar": b"*2\r\n$3\r\nGET\r\n:1\r\n",
        "bad-count": b"*x\r\n",
        "missing-crlf": b"*1\r\n$4\r\nPINGxx",
        "mixed-inline": resp("PING") + b"PING\r\n" + resp("ECHO", "x"),
    }
    for i, (name, data) in enumerate(resp_seeds.items()):
        write("resp", name, bytes([chunked[i % 4] - 1]) + data)
    inline_seeds = {
        "simple": b"SET key value\r\n",
        "lf-only": b"GET key\n",
        "double-quotes": b'SET "a key" "va\\"lue\\n\\t\\x41\\xzz"\r\n',
        "single-quotes": b"SET 'it\\'s' 'x y'\r\n",
        "unbalanced": b'SET "abc\r\n',
        "quote-then-char": b'SET "a"b c\r\n',
        "empty-lines": b"\r\n\n  \r\nPING\r\n",
        "tabs": b"SET\tk\t\tv\r\n",
        "pipeline": b"PING\r\nECHO hi\r\nSET a b\r\nGET a\r\n",
        "long-line": b"SET k " + b"v" * 1100 + b"\r\n",
        "escapes": b'ECHO "\\a\\b\\r\\\\ \\x00\\xff"\r\n',
    }
    for i, (name, data) in enumerate(inline_seeds.items()):
        write("inline", name, bytes([chunked[i % 4] - 1]) + data)
    write("aof", "multi-unfinished", resp("SET", "a", "1") + resp("MULTI") + resp("SET", "b", "2"))
    write("aof", "truncated", resp("SET", "a", "1") + resp("SET", "b", "2")[:-3])


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    redscope = sys.argv[1]
    redis = sys.argv[2] if len(sys.argv) > 2 else shutil.which("redis-server")
    for kind in ("resp", "inline", "rdb", "rdb_visitor", "aof", "restore"):
        os.makedirs(os.path.join(CORPUS, kind), exist_ok=True)
    text_seeds()
    rdb_seeds(redscope, "redscope")
    restore_seeds(redscope, "redscope")
    aof_seeds(redscope, "redscope")
    compressed_list_seeds(redscope, "redscope")
    if redis:
        rdb_seeds(redis, "redis")
        restore_seeds(redis, "redis")
        aof_seeds(redis, "redis")
        compressed_list_seeds(redis, "redis")


if __name__ == "__main__":
    main()
