#!/usr/bin/env python3
"""Offline walk of a 10M-key dump.rdb with the engine's streaming reader (redscope/rdb.h).

Debian's redis-server builds a mixed dataset (70% strings from DEBUG POPULATE, the rest small
hashes, int and plain sets, zsets, lists and strings with a TTL, loaded with redis-cli --pipe),
SAVEs it, and bin/redscope-rdb walks the file (every key decoded for its type, encoding and
element count; per-type totals printed), under /usr/bin/time. Prints:
  rdb_walk.offline_10m.time_s       wall time of the walk
  rdb_walk.offline_10m.peak_rss_mb  peak resident memory of the walking process
  rdb_walk.offline_10m.rdb_mb       size of the file
Knobs: REDSCOPE_BENCH_KEYS (default 10000000; the name keeps "10m").
"""
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_engine_vs_redis import Server, protocol  # noqa: E402

KEYS = int(os.environ.get("REDSCOPE_BENCH_KEYS", "10000000"))


def mixed_commands(count, start):
    """Six shapes in turn, `count` keys numbered from `start`, as RESP in chunks."""
    chunk = []
    for i in range(start, start + count):
        kind = i % 6
        n = str(i)
        if kind == 0:
            chunk.append(protocol("HSET", "h:" + n, "a", n, "b", "x"))
        elif kind == 1:
            chunk.append(protocol("SADD", "si:" + n, n, str(i + 1), str(i + 2)))
        elif kind == 2:
            chunk.append(protocol("ZADD", "z:" + n, "1", "a", "2", "b"))
        elif kind == 3:
            chunk.append(protocol("RPUSH", "l:" + n, "a", "b", n))
        elif kind == 4:
            chunk.append(protocol("SET", "e:" + n, "v" + n, "EX", "100000"))
        else:
            chunk.append(protocol("SADD", "s:" + n, "m" + n, "n"))
        if len(chunk) == 20000:
            yield "".join(chunk).encode()
            chunk = []
    if chunk:
        yield "".join(chunk).encode()


def main():
    build = os.environ.get("REDSCOPE_BUILD_DIR", "build")
    walker = os.path.join(build, "bin", "redscope-rdb")
    if not os.path.exists(walker):
        print(f"bench_rdb_walk: {walker} not built", file=sys.stderr)
        return 1
    redis = Server("redis", shutil.which("redis-server") or "/usr/bin/redis-server",
                   ["--enable-debug-command", "yes"])
    try:
        strings = KEYS * 7 // 10
        redis.cli("DEBUG", "POPULATE", str(strings), "key", "16")
        pipe = subprocess.Popen(["redis-cli", "-p", str(redis.port), "--pipe"],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        for data in mixed_commands(KEYS - strings, 0):
            pipe.stdin.write(data)
        pipe.stdin.close()
        pipe.wait()
        keys = int(redis.cli("DBSIZE").strip())
        redis.cli("SAVE")
        path = os.path.join(redis.dir, "dump.rdb")
        started = time.time()
        out = subprocess.run(["/usr/bin/time", "-v", walker, path], capture_output=True,
                             text=True)
        elapsed = time.time() - started
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        walked = int(re.search(r" (\d+) keys ", out.stdout).group(1))
        if walked != keys:
            print(f"bench_rdb_walk: walked {walked} keys, server has {keys}", file=sys.stderr)
            return 1
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                               out.stderr).group(1))
        print(out.stdout)
        print(f"BENCH rdb_walk.offline_10m.time_s {elapsed:.2f} s")
        print(f"BENCH rdb_walk.offline_10m.peak_rss_mb {rss_kb / 1024:.1f} MB")
        print(f"BENCH rdb_walk.offline_10m.rdb_mb {os.path.getsize(path) / 1e6:.1f} MB")
    finally:
        redis.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
