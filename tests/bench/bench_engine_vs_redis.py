#!/usr/bin/env python3
"""Engine vs redis-server, side by side in one run (issue: engine performance).

Starts build/bin/redscope-server and Debian's redis-server with the same settings (no
persistence) on free loopback ports, runs redis-benchmark against each in alternation
(A B A B ..., ROUNDS rounds) for SET GET INCR LPUSH LPOP SADD HSET ZADD and PUBLISH at -P 1 and
-P 16 with 50 clients, and prints ops/s of each, their ratio and p50/p99 latencies. Then, for
each kind (1M string keys with 16-byte values; 100k-member hash/set/zset/list in one key each;
100k small 10-field hashes), it starts a fresh pair of servers, loads the same data into both
and compares RSS and used_memory per element (ratio = RSS ratio).

Every figure is printed as `BENCH <name> <value> <unit>`. Knobs (environment):
REDSCOPE_BENCH_ROUNDS (default 3), REDSCOPE_BENCH_REQUESTS (default 200000),
REDSCOPE_BENCH_KEYS (default 1000000), REDSCOPE_BENCH_PARTS (default "throughput,memory"),
REDSCOPE_BENCH_MEM_KINDS (default "string,hash,set,zset,list,hash_small"),
REDSCOPE_BENCH_TESTS (default all throughput rows, e.g. "set,get,publish"),
REDSCOPE_BENCH_PIPELINES (default "1,16").
"""
import os
import re
import shutil
import statistics
import signal
import socket
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get("REDSCOPE_BUILD_DIR", "build")
ROUNDS = int(os.environ.get("REDSCOPE_BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("REDSCOPE_BENCH_REQUESTS", "200000"))
KEYS = int(os.environ.get("REDSCOPE_BENCH_KEYS", "1000000"))
MEMBERS = KEYS // 10
TESTS = ["set", "get", "incr", "lpush", "lpop", "sadd", "hset", "zadd"]
# Throughput rows and pipeline depths to run (comma lists), to measure a few quickly.
BENCH_TESTS = os.environ.get("REDSCOPE_BENCH_TESTS", ",".join(TESTS + ["publish"])).split(",")
PIPELINES = [int(p) for p in os.environ.get("REDSCOPE_BENCH_PIPELINES", "1,16").split(",")]


def bench(name, value, unit):
    print(f"BENCH {name} {value} {unit}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, label, binary):
        self.label = label
        self.dir = tempfile.mkdtemp(prefix=f"bench-{label}-")
        self.port = free_port()
        args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", self.dir, "--logfile", os.path.join(self.dir, "log")]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.cli("PING").strip() == "PONG":
                return
            time.sleep(0.05)
        raise RuntimeError(f"{label} did not start")

    def cli(self, *args, stdin=None):
        result = subprocess.run(["redis-cli", "-p", str(self.port), *args], input=stdin,
                                capture_output=True, text=stdin is None or isinstance(stdin, str))
        return result.stdout if isinstance(result.stdout, str) else result.stdout.decode()

    def info_field(self, field):
        text = self.cli("INFO", "memory")
        match = re.search(rf"^{field}:(\d+)", text, re.M)
        return int(match.group(1)) if match else 0

    def rss(self):
        with open(f"/proc/{self.proc.pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def run_benchmark(server, test, pipeline):
    args = ["redis-benchmark", "-p", str(server.port), "-c", "50", "-n", str(REQUESTS),
            "-P", str(pipeline), "-r", "100000", "--csv"]
    if test == "publish":
        args += ["publish", "bench:channel", "hello-world-payload"]
    else:
        args += ["-t", test]
    out = subprocess.run(args, capture_output=True, text=True).stdout
    # CSV: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95","p99","max"
    for line in out.strip().splitlines()[1:]:
        cells = [c.strip('"') for c in line.split(",")]
        try:
            return float(cells[1]), float(cells[4]), float(cells[6])
        except (IndexError, ValueError):
            continue
    return 0.0, 0.0, 0.0


def throughput(ours, redis):
    for pipeline in PIPELINES:
        for test in BENCH_TESTS:
            results = {"ours": [], "redis": []}
            for _ in range(ROUNDS):
                for label, server in (("ours", ours), ("redis", redis)):
                    server.cli("FLUSHALL")
                    results[label].append(run_benchmark(server, test, pipeline))
            # Throughput: each server's best round. Latency: the median of each server's
            # rounds, so one lucky or unlucky round does not decide it.
            best = {k: max(v, key=lambda r: r[0]) for k, v in results.items()}
            p99 = {k: statistics.median(r[2] for r in v) for k, v in results.items()}
            ratio = best["ours"][0] / best["redis"][0] if best["redis"][0] else 0
            prefix = f"engine.{test}.p{pipeline}"
            bench(f"{prefix}.redscope_ops", round(best["ours"][0]), "ops/s")
            bench(f"{prefix}.redis_ops", round(best["redis"][0]), "ops/s")
            bench(f"{prefix}.ratio", round(ratio, 3), "x")
            bench(f"{prefix}.redscope_p99", round(p99["ours"], 3), "ms")
            bench(f"{prefix}.redis_p99", round(p99["redis"], 3), "ms")


def protocol(*args):
    out = [f"*{len(args)}\r\n"]
    for a in args:
        out.append(f"${len(a)}\r\n{a}\r\n")
    return "".join(out)


MEMORY_KINDS = ["string", "hash", "set", "zset", "list", "hash_small", "set_small", "zset_small"]


def load(server, kind):
    """Loads one kind of data set; returns how many elements it holds (the per-element
    divisor: keys for string and hash_small, members for the single-key collections)."""
    if kind == "string":
        lines = [protocol("SET", f"key:{i:010d}", f"{i:016d}") for i in range(KEYS)]
        count = KEYS
    elif kind == "hash":
        lines = [protocol("HSET", "big:hash", f"field:{i}", f"value:{i}") for i in range(MEMBERS)]
        count = MEMBERS
    elif kind == "set":
        lines = [protocol("SADD", "big:set", f"member:{i}") for i in range(MEMBERS)]
        count = MEMBERS
    elif kind == "zset":
        lines = [protocol("ZADD", "big:zset", str(i), f"member:{i}") for i in range(MEMBERS)]
        count = MEMBERS
    elif kind == "list":
        lines = [protocol("RPUSH", "big:list", f"element:{i}") for i in range(MEMBERS)]
        count = MEMBERS
    elif kind == "hash_small":
        # User profiles: many small hashes, the shape Redis packs into a listpack.
        profile = ["name", "alice", "email", "alice@example.com", "age", "31", "city", "Paris",
                   "status", "online", "lang", "fr", "plan", "pro", "theme", "dark",
                   "created", "1700000000", "score", "42"]
        lines = [protocol("HSET", f"user:{i}", *profile) for i in range(MEMBERS)]
        count = MEMBERS
    elif kind == "set_small":
        # Online users per chat room: many small sets of numeric ids (Redis: intset).
        lines = [protocol("SADD", f"room:{i}:online", *[str(1000 + i * 7 + j) for j in range(10)])
                 for i in range(MEMBERS)]
        count = MEMBERS
    elif kind == "zset_small":
        # Per-room rankings: many small sorted sets (Redis: listpack).
        lines = [protocol("ZADD", f"room:{i}:rank",
                          *[x for j in range(10) for x in (str(j * 10 + i % 7), f"user:{j}")])
                 for i in range(MEMBERS)]
        count = MEMBERS
    else:
        raise ValueError(kind)
    data = "".join(lines).encode()
    subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data,
                   capture_output=True)
    return count


def memory(ours_bin, redis_bin):
    """Each kind is loaded into a FRESH pair of servers: a server reused after FLUSHALL
    keeps the freed pages in its allocator, so its RSS would not grow with the next load."""
    kinds = os.environ.get("REDSCOPE_BENCH_MEM_KINDS", ",".join(MEMORY_KINDS)).split(",")
    for kind in kinds:
        figures = {}
        for label, binary in (("redscope", ours_bin), ("redis", redis_bin)):
            server = Server(label, binary)
            try:
                time.sleep(0.2)
                before_used = server.info_field("used_memory")
                before_rss = server.rss()
                count = load(server, kind)
                time.sleep(0.5)
                used = (server.info_field("used_memory") - before_used) / count
                rss = (server.rss() - before_rss) / count
            finally:
                server.stop()
            figures[label] = (used, rss)
            bench(f"engine.mem.{kind}.{label}_rss_per_elem", round(rss, 1), "bytes")
            bench(f"engine.mem.{kind}.{label}_used_per_elem", round(used, 1), "bytes")
        ratio = figures["redscope"][1] / figures["redis"][1] if figures["redis"][1] else 0
        used_ratio = figures["redscope"][0] / figures["redis"][0] if figures["redis"][0] else 0
        bench(f"engine.mem.{kind}.ratio", round(ratio, 3), "x")
        bench(f"engine.mem.{kind}.used_ratio", round(used_ratio, 3), "x")


def main():
    ours_bin = os.path.join(BUILD, "bin", "redscope-server")
    redis_bin = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not shutil.which("redis-benchmark"):
        print("redis-benchmark not found (apt-get install redis-tools)", file=sys.stderr)
        return 2
    parts = os.environ.get("REDSCOPE_BENCH_PARTS", "throughput,memory").split(",")
    if "throughput" in parts:
        ours = Server("redscope", ours_bin)
        redis = Server("redis", redis_bin)
        try:
            throughput(ours, redis)
        finally:
            ours.stop()
            redis.stop()
    if "memory" in parts:
        memory(ours_bin, redis_bin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
