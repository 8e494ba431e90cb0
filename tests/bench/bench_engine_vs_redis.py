#!/usr/bin/env python3
"""Engine vs redis-server, side by side in one run (issue: engine performance).

Starts build/bin/redscope-server and Debian's redis-server with the same settings (no
persistence) on free loopback ports, plus, for the -P 1 rows, a redscope-server with
busy-poll-us 0. redis-benchmark (50 clients, random keys, pinned to one CPU with taskset; the
servers are not pinned) runs against each in turn, the order alternating between rounds, for
SET GET INCR LPUSH LPOP SADD HSET ZADD, PUBLISH, SETBIT, PFADD, PFCOUNT and GEOSEARCH at -P 1
and -P 16. Before each run the
database is flushed and, for the read rows, filled with what they read (100k keys for GET, a
list longer than the run for LPOP). Each figure is the median of the rounds: ops/s, the
ratio, p99, and each server's CPU seconds per million requests (busy-polling trades CPU for
throughput). The read rows are checked to read something: engine.get.p<N>.*_hit_ratio must
be at least 0.99 and engine.lpop.p<N>.*_empty_pops 0, or the script exits 1. The
HyperLogLog and geo rows are checked the same way: no error replies; PFCOUNT (100k prefilled
sketches) and GEOSEARCH (100k members, FROMMEMBER, 1 km, COUNT 10) hit at least 0.99 of their
keys and every sampled search finds members; after PFADD the sketch counts what was added
(within 5%), and after SETBIT the number of bitmaps is the expected number of distinct
keys drawn (within 5%), each with its one bit set. Then, for
each kind (1M string keys with 16-byte values; 100k-member hash/set/zset/list in one key each;
100k small 10-field hashes), it starts a fresh pair of servers, loads the same data into both
and compares RSS and used_memory per element (ratio = RSS ratio).

The "compressed" part (issue 21) runs a pair of servers with list-compress-depth 1: LPUSH
onto one long list and LRANGE of 100 elements from the middle of a 100k-element list (its
compressed nodes), as engine.lpush_compressed.p<N>.* and engine.lrange_compressed.p<N>.*
(ops/s, ratio, p99; every LRANGE must return 100 elements), then used_memory and RSS of a
1M-element compressible list on fresh servers with depth 1 and, for scale, depth 0
(engine.mem.list_compressed.*). REDSCOPE_BENCH_COMPRESSED (default "throughput,memory")
picks the halves.

The "scan" part (issue 24) fills a fresh pair of servers with REDSCOPE_BENCH_SCAN_KEYS
(default 10M) keys by DEBUG POPULATE and walks the whole keyspace with SCAN, one client, for
COUNT 1000, COUNT 100, MATCH key:1* COUNT 1000 and TYPE string COUNT 1000, then again with
COUNT 1000 after 1% of the keys got a TTL: engine.scan_10m.<row>.*_cpu_us_per_key (server
CPU time over the keyspace size), *_wall_us_per_key, the keys returned (every key must come
back, or the run fails) and the engine/redis-server cpu_ratio and wall_ratio.

Every figure is printed as `BENCH <name> <value> <unit>`. Knobs (environment):
REDSCOPE_BENCH_ROUNDS (default 3), REDSCOPE_BENCH_REQUESTS (default 200000),
REDSCOPE_BENCH_KEYS (default 1000000), REDSCOPE_BENCH_PARTS (default
"throughput,memory,tls,compressed"),
REDSCOPE_BENCH_MEM_KINDS (default "string,hash,set,zset,list,hash_small"),
REDSCOPE_BENCH_TESTS (default all throughput rows, e.g. "set,get,publish"),
REDSCOPE_BENCH_PIPELINES (default "1,16"), REDSCOPE_BENCH_NOPOLL (default 1; 0 leaves out the
busy-poll-us 0 server).

The "tls" part: both servers again with a tls-port (a CA and a server certificate made with
the openssl CLI, tls-auth-clients no), and redis-benchmark --tls SET at -P 16 against each
TLS port, rounds alternating: engine.tls.set.p16.ratio is the engine's ops/s over
redis-server's, same run.
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

from common import bench, free_port

BUILD = os.environ.get("REDSCOPE_BUILD_DIR", "build")
ROUNDS = int(os.environ.get("REDSCOPE_BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("REDSCOPE_BENCH_REQUESTS", "200000"))
KEYS = int(os.environ.get("REDSCOPE_BENCH_KEYS", "1000000"))
MEMBERS = KEYS // 10
TESTS = ["set", "get", "incr", "lpush", "lpop", "sadd", "hset", "zadd"]
# Throughput rows and pipeline depths to run (comma lists), to measure a few quickly.
# Rows with their own command line (redis-benchmark's __rand_int__ is a 12-digit number below
# -r): PUBLISH, and the bitmap, HyperLogLog and geo rows of issue 21.
CUSTOM = {
    "publish": ["publish", "bench:channel", "hello-world-payload"],
    # __rand_int__ is zero-padded, which SETBIT refuses as an offset: the random part is the
    # key (a bitmap per user, as rate limiters keep them) and the offset fixed.
    "setbit": ["SETBIT", "bits:__rand_int__", "1000", "1"],
    "pfadd": ["PFADD", "bench:hll", "element:__rand_int__"],
    "pfcount": ["PFCOUNT", "hll:__rand_int__"],
    "geosearch": ["GEOSEARCH", "bench:geo", "FROMMEMBER", "member:__rand_int__", "BYRADIUS", "1",
                  "km", "ASC", "COUNT", "10"],
}
BENCH_TESTS = os.environ.get("REDSCOPE_BENCH_TESTS",
                             ",".join(TESTS + ["publish", "setbit", "pfadd", "pfcount",
                                                         "geosearch"])).split(",")
PIPELINES = [int(p) for p in os.environ.get("REDSCOPE_BENCH_PIPELINES", "1,16").split(",")]
# The -P 1 rows again on a redscope-server with busy-poll-us 0 (what the polling buys, and costs).
NOPOLL = os.environ.get("REDSCOPE_BENCH_NOPOLL", "1") != "0"


def bench_pair(prefix, med):
    """Both servers' median ops/s (med[label][0]) and p99 (med[label][2]), and their ratio."""
    ratio = med["ours"][0] / med["redis"][0] if med["redis"][0] else 0
    bench(f"{prefix}.redscope_ops", round(med["ours"][0]), "ops/s")
    bench(f"{prefix}.redis_ops", round(med["redis"][0]), "ops/s")
    bench(f"{prefix}.ratio", round(ratio, 3), "x")
    bench(f"{prefix}.redscope_p99", round(med["ours"][2], 3), "ms")
    bench(f"{prefix}.redis_p99", round(med["redis"][2], 3), "ms")


class Server:
    def __init__(self, label, binary, extra_args=()):
        self.label = label
        self.dir = tempfile.mkdtemp(prefix=f"bench-{label}-")
        self.port = free_port()
        args = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", self.dir, "--logfile", os.path.join(self.dir, "log"),
                *extra_args]
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

    def info_section(self, section):
        """INFO <section> as a dict of its integer fields."""
        fields = {}
        for line in self.cli("INFO", section).splitlines():
            name, _, value = line.partition(":")
            if value.strip().lstrip("-").isdigit():
                fields[name] = int(value)
        return fields

    def cpu_seconds(self):
        """User + system CPU time of the server process so far (all its threads)."""
        with open(f"/proc/{self.proc.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

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


# Keys and list elements the read tests find: redis-benchmark's -r N draws key:000000000000 ..
# key:<N-1>; LPOP pops from "mylist", which holds more elements than any run pops.
RANDOM_KEYS = 100000
DATA = "xxx"  # redis-benchmark's default 3-byte value


def bench_cpu():
    """The CPU that redis-benchmark is pinned to (taskset), or None on a one-CPU machine.
    The servers are not pinned: the engine turns busy-polling off when its affinity allows one
    core, so pinning it would measure another configuration than users run."""
    cpus = sorted(os.sched_getaffinity(0))
    return cpus[-1] if len(cpus) > 1 else None


def prefill(server, test):
    """Fills what a read test reads, after a FLUSHALL: every GET hits, no LPOP finds an
    empty list. Returns the state to check after the run."""
    server.cli("FLUSHALL")
    if test == "get":
        data = "".join(protocol("SET", f"key:{i:012d}", DATA) for i in range(RANDOM_KEYS))
        subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data.encode(),
                       capture_output=True)
    elif test == "lpop":
        elements = REQUESTS + 1000
        chunk = 1000
        data = "".join(protocol("RPUSH", "mylist", *([DATA] * chunk))
                       for _ in range(elements // chunk))
        subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data.encode(),
                       capture_output=True)
    elif test == "pfcount":
        # 100k small (sparse) sketches, their caches stale: the first count of each computes.
        data = "".join(protocol("PFADD", f"hll:{i:012d}", *[f"e{i * 7 + j}" for j in range(5)])
                       for i in range(RANDOM_KEYS))
        subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data.encode(),
                       capture_output=True)
    elif test == "geosearch":
        # 100k members on a grid over about 55 x 55 km (some 130 within 1 km of each).
        side = 316
        args = []
        for i in range(RANDOM_KEYS):
            args += [f"{13 + (i % side) / (2 * side):.6f}", f"{38 + (i // side) / (2 * side):.6f}",
                     f"member:{i:012d}"]
        data = "".join(protocol("GEOADD", "bench:geo", *args[k:k + 3000])
                       for k in range(0, len(args), 3000))
        subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data.encode(),
                       capture_output=True)
    return {"stats": server.info_section("stats"), "llen": int(server.cli("LLEN", "mylist"))}


def check_reads(server, test, before):
    """(hit ratio, empty pops) of the run that followed prefill(): GET's keyspace hits over
    lookups, and the LPOPs that found nothing (requests minus elements popped)."""
    after = server.info_section("stats")
    hits = after["keyspace_hits"] - before["stats"]["keyspace_hits"]
    misses = after["keyspace_misses"] - before["stats"]["keyspace_misses"]
    ratio = hits / (hits + misses) if hits + misses else 0.0
    empty = REQUESTS - (before["llen"] - int(server.cli("LLEN", "mylist")))
    errors = after.get("total_error_replies", 0) - before["stats"].get("total_error_replies", 0)
    return ratio, empty, errors, custom_check(server, test)


def custom_check(server, test):
    """What the issue-21 rows must have done, or None: after SETBIT there are as many
    bitmaps, and after PFADD the sketch counts, as distinct keys / elements the run drew
    (within 5%), a bitmap holding its one bit; sampled GEOSEARCHes find members."""
    if test == "setbit":
        expected = RANDOM_KEYS * (1 - (1 - 1 / RANDOM_KEYS) ** REQUESTS)
        counted = int(server.cli("DBSIZE").strip() or 0)
        if abs(counted - expected) > 0.05 * expected:
            return f"{counted} bitmaps after the run, expected about {expected:.0f}"
        key = server.cli("RANDOMKEY").strip()
        if server.cli("BITCOUNT", key).strip() != "1" or server.cli("GETBIT", key, "1000").strip() != "1":
            return f"bitmap {key} does not hold its one bit"
    if test == "pfadd":
        expected = RANDOM_KEYS * (1 - (1 - 1 / RANDOM_KEYS) ** REQUESTS)
        counted = int(server.cli("PFCOUNT", "bench:hll").strip() or 0)
        if abs(counted - expected) > 0.05 * expected:
            return f"PFCOUNT after the run {counted}, expected about {expected:.0f}"
    if test == "geosearch":
        for i in range(0, RANDOM_KEYS, RANDOM_KEYS // 20):
            found = server.cli("GEOSEARCH", "bench:geo", "FROMMEMBER", f"member:{i:012d}",
                               "BYRADIUS", "1", "km", "ASC", "COUNT", "10")
            if len(found.split()) != 10:
                return f"GEOSEARCH from member:{i:012d} found {len(found.split())}, not 10"
    return None


def run_benchmark(server, test, pipeline):
    """One redis-benchmark run: (ops/s, p50 ms, p99 ms, server CPU s per million requests)."""
    args = ["redis-benchmark", "-p", str(server.port), "-c", "50", "-n", str(REQUESTS),
            "-P", str(pipeline), "-r", str(RANDOM_KEYS), "--csv"]
    cpu = bench_cpu()
    if cpu is not None:
        args = ["taskset", "-c", str(cpu)] + args
    if test in CUSTOM:
        args += CUSTOM[test]
    else:
        args += ["-t", test]
    cpu_before = server.cpu_seconds()
    out = subprocess.run(args, capture_output=True, text=True).stdout
    cpu_per_mreq = (server.cpu_seconds() - cpu_before) / (REQUESTS / 1e6)
    # CSV: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95","p99","max"
    for line in out.strip().splitlines()[1:]:
        cells = [c.strip('"') for c in line.split(",")]
        try:
            return float(cells[1]), float(cells[4]), float(cells[6]), cpu_per_mreq
        except (IndexError, ValueError):
            continue
    return 0.0, 0.0, 0.0, cpu_per_mreq


def tls_throughput(ours_bin, redis_bin):
    """redis-benchmark --tls SET -P 16 against both servers' tls-port (see the docstring)."""
    certs = tempfile.mkdtemp(prefix="bench-tls-")
    ca, cert, key = (os.path.join(certs, n) for n in ("ca.crt", "server.crt", "server.key"))
    quiet = {"capture_output": True, "check": True}
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=bench CA", "-keyout", os.path.join(certs, "ca.key"), "-out",
                    ca], **quiet)
    subprocess.run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-keyout", key, "-out", os.path.join(certs, "server.csr")], **quiet)
    subprocess.run(["openssl", "x509", "-req", "-in", os.path.join(certs, "server.csr"), "-CA",
                    ca, "-CAkey", os.path.join(certs, "ca.key"), "-CAcreateserial", "-days", "1",
                    "-out", cert], **quiet)
    servers = {}
    try:
        for label, binary in (("ours", ours_bin), ("redis", redis_bin)):
            tls_port = free_port()
            servers[label] = Server(f"tls-{label}", binary,
                                    ["--tls-port", str(tls_port), "--tls-cert-file", cert,
                                     "--tls-key-file", key, "--tls-ca-cert-file", ca,
                                     "--tls-auth-clients", "no"])
            servers[label].tls_port = tls_port
        results = {label: [] for label in servers}
        for round_index in range(ROUNDS):
            order = ["ours", "redis"] if round_index % 2 == 0 else ["redis", "ours"]
            for label in order:
                server = servers[label]
                server.cli("FLUSHALL")
                args = ["redis-benchmark", "--tls", "--cacert", ca, "-p", str(server.tls_port),
                        "-c", "50", "-n", str(REQUESTS), "-P", "16", "-r", str(RANDOM_KEYS),
                        "--csv", "-t", "set"]
                cpu = bench_cpu()
                if cpu is not None:
                    args = ["taskset", "-c", str(cpu)] + args
                out = subprocess.run(args, capture_output=True, text=True).stdout
                rps = p99 = 0.0
                for line in out.strip().splitlines()[1:]:
                    cells = [c.strip('"') for c in line.split(",")]
                    try:
                        rps, p99 = float(cells[1]), float(cells[6])
                    except (IndexError, ValueError):
                        continue
                results[label].append((rps, p99))
                print(f"# tls round {round_index} {label}: {rps} ops/s p99 {p99} ms", flush=True)
        med = {label: [statistics.median(r[i] for r in rows) for i in range(2)]
               for label, rows in results.items()}
        ratio = med["ours"][0] / med["redis"][0] if med["redis"][0] else 0
        bench("engine.tls.set.p16.redscope_ops", round(med["ours"][0]), "ops/s")
        bench("engine.tls.set.p16.redis_ops", round(med["redis"][0]), "ops/s")
        bench("engine.tls.set.p16.ratio", round(ratio, 3), "x")
        bench("engine.tls.set.p16.redscope_p99", round(med["ours"][1], 3), "ms")
        bench("engine.tls.set.p16.redis_p99", round(med["redis"][1], 3), "ms")
        return [] if med["ours"][0] > 0 else ["engine.tls.set.p16: no requests served"]
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(certs, ignore_errors=True)


def throughput(servers):
    """servers: label -> Server; "ours" and "redis", and "nopoll" (ours with busy-poll-us 0),
    which runs the -P 1 rows only. Rounds alternate the order of the servers. Every figure
    is the median of the rounds. Returns the list of failed checks."""
    cpu = bench_cpu()
    print(f"# redis-benchmark pinned to CPU {cpu} with taskset; servers not pinned"
          if cpu is not None else "# one CPU: nothing pinned", flush=True)
    failures = []
    for pipeline in PIPELINES:
        for test in BENCH_TESTS:
            labels = [l for l in ("ours", "redis", "nopoll")
                      if l in servers and (l != "nopoll" or pipeline == 1)]
            results = {label: [] for label in labels}
            reads = {label: [] for label in labels}
            for round_index in range(ROUNDS):
                order = labels if round_index % 2 == 0 else list(reversed(labels))
                for label in order:
                    server = servers[label]
                    before = prefill(server, test)
                    results[label].append(run_benchmark(server, test, pipeline))
                    reads[label].append(check_reads(server, test, before))
            med = {label: [statistics.median(r[i] for r in rows) for i in range(4)]
                   for label, rows in results.items()}
            prefix = f"engine.{test}.p{pipeline}"
            bench_pair(prefix, med)
            bench(f"{prefix}.redscope_cpu_s_per_mreq", round(med["ours"][3], 3), "s")
            bench(f"{prefix}.redis_cpu_s_per_mreq", round(med["redis"][3], 3), "s")
            if "nopoll" in med:
                nopoll = med["nopoll"][0] / med["redis"][0] if med["redis"][0] else 0
                bench(f"{prefix}.nopoll_ops", round(med["nopoll"][0]), "ops/s")
                bench(f"{prefix}.nopoll_ratio", round(nopoll, 3), "x")
                bench(f"{prefix}.nopoll_cpu_s_per_mreq", round(med["nopoll"][3], 3), "s")
            # The read rows must measure reads that find something, on every server.
            for label, runs in reads.items():
                name = {"ours": "redscope", "redis": "redis", "nopoll": "nopoll"}[label]
                if test == "get":
                    hit = min(r[0] for r in runs)
                    bench(f"{prefix}.{name}_hit_ratio", round(hit, 4), "ratio")
                    if hit < 0.99:
                        failures.append(f"{prefix}.{name}_hit_ratio {hit:.4f} < 0.99")
                if test == "lpop":
                    empty = max(r[1] for r in runs)
                    bench(f"{prefix}.{name}_empty_pops", empty, "pops")
                    if empty != 0:
                        failures.append(f"{prefix}.{name}_empty_pops {empty} != 0")
                if test in ("setbit", "pfadd", "pfcount", "geosearch"):
                    errors = max(r[2] for r in runs)
                    bench(f"{prefix}.{name}_error_replies", errors, "replies")
                    if errors != 0:
                        failures.append(f"{prefix}.{name}_error_replies {errors} != 0")
                    failures += [f"{prefix}.{name}: {r[3]}" for r in runs if r[3]]
                if test in ("pfcount", "geosearch"):
                    hit = min(r[0] for r in runs)
                    bench(f"{prefix}.{name}_hit_ratio", round(hit, 4), "ratio")
                    if hit < 0.99:
                        failures.append(f"{prefix}.{name}_hit_ratio {hit:.4f} < 0.99")
    return failures


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


COMPRESSED_ARGS = ["--list-compress-depth", "1", "--enable-debug-command", "local"]
COMPRESSED_ROWS = {
    "lpush_compressed": ["LPUSH", "bench:clist", "element:__rand_int__"],
    "lrange_compressed": ["LRANGE", "bench:clist", "50000", "50099"],
}


def fill_list(server, key, count):
    """RPUSHes count compressible elements ("element:<i>") in batches of 1000."""
    data = "".join(protocol("RPUSH", key, *[f"element:{i}" for i in range(k, min(k + 1000, count))])
                   for k in range(0, count, 1000))
    subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data.encode(),
                   capture_output=True)


def compressed(ours_bin, redis_bin):
    """list-compress-depth 1 rows: throughput side by side, then memory. Returns failures."""
    failures = []
    halves = os.environ.get("REDSCOPE_BENCH_COMPRESSED", "throughput,memory").split(",")
    servers = {"ours": Server("redscope", ours_bin, COMPRESSED_ARGS),
               "redis": Server("redis", redis_bin, COMPRESSED_ARGS)}
    try:
        for pipeline in PIPELINES if "throughput" in halves else []:
            for test, command in COMPRESSED_ROWS.items():
                results = {label: [] for label in servers}
                for round_index in range(ROUNDS):
                    order = list(servers) if round_index % 2 == 0 else list(reversed(servers))
                    for label in order:
                        server = servers[label]
                        server.cli("FLUSHALL")
                        fill_list(server, "bench:clist", 100000)
                        args = ["redis-benchmark", "-p", str(server.port), "-c", "50", "-n",
                                str(REQUESTS), "-P", str(pipeline), "-r", str(RANDOM_KEYS),
                                "--csv", *command]
                        cpu = bench_cpu()
                        if cpu is not None:
                            args = ["taskset", "-c", str(cpu)] + args
                        out = subprocess.run(args, capture_output=True, text=True).stdout
                        row = (0.0, 0.0, 0.0)
                        for line in out.strip().splitlines()[1:]:
                            cells = [c.strip('"') for c in line.split(",")]
                            try:
                                row = (float(cells[1]), float(cells[4]), float(cells[6]))
                                break
                            except (IndexError, ValueError):
                                continue
                        results[label].append(row)
                        got = len(server.cli("LRANGE", "bench:clist", "50000", "50099").split())
                        if got != 100:
                            failures.append(f"{test}: {label} LRANGE returned {got}, not 100")
                        if "ql_compressed:1" not in server.cli("DEBUG", "OBJECT", "bench:clist"):
                            failures.append(f"{test}: {label} list not compressed")
                med = {label: [statistics.median(r[i] for r in rows) for i in range(3)]
                       for label, rows in results.items()}
                bench_pair(f"engine.{test}.p{pipeline}", med)
    finally:
        for server in servers.values():
            server.stop()
    if "memory" not in halves:
        return failures
    # Memory of a 1M-element compressible list, each on a fresh server.
    count = 1000000
    figures = {}
    for depth in ("1", "0"):
        for label, binary in (("redscope", ours_bin), ("redis", redis_bin)):
            server = Server(label, binary, ["--list-compress-depth", depth])
            try:
                time.sleep(0.2)
                before_used = server.info_field("used_memory")
                before_rss = server.rss()
                fill_list(server, "big:clist", count)
                time.sleep(0.5)
                if int(server.cli("LLEN", "big:clist").strip() or 0) != count:
                    failures.append(f"mem: {label} depth {depth} list is not {count} long")
                used = server.info_field("used_memory") - before_used
                rss = server.rss() - before_rss
            finally:
                server.stop()
            figures[(label, depth)] = (used, rss)
            name = "list_compressed" if depth == "1" else "list_uncompressed"
            bench(f"engine.mem.{name}.{label}_used_bytes", used, "bytes")
            bench(f"engine.mem.{name}.{label}_rss_bytes", rss, "bytes")
        name = "list_compressed" if depth == "1" else "list_uncompressed"
        ours, redis = figures[("redscope", depth)], figures[("redis", depth)]
        bench(f"engine.mem.{name}.used_ratio", round(ours[0] / redis[0], 3) if redis[0] else 0, "x")
        bench(f"engine.mem.{name}.ratio", round(ours[1] / redis[1], 3) if redis[1] else 0, "x")
    for label in ("redscope", "redis"):
        packed, raw = figures[(label, "1")][0], figures[(label, "0")][0]
        bench(f"engine.mem.list_compressed.{label}_saving", round(1 - packed / raw, 3) if raw else 0,
              "ratio")
    return failures


# SCAN (issue 24): the whole keyspace walked by one client, SCAN cursor by cursor.
SCAN_KEYS = int(os.environ.get("REDSCOPE_BENCH_SCAN_KEYS", "10000000"))
SCAN_ROWS = {
    "count1000": ["COUNT", "1000"],
    "count100": ["COUNT", "100"],
    "match": ["MATCH", "key:1*", "COUNT", "1000"],
    "type": ["COUNT", "1000", "TYPE", "string"],
}
# The same walk after 1% of the keys got a TTL (the expires table is no longer empty).
SCAN_TTL_ROWS = {"count1000_ttl": ["COUNT", "1000"]}


def scan_walk(port, args):
    """One full SCAN walk; returns (keys returned, replies). The client only counts: a reply's
    end is found by counting CRLFs (4 header lines, 2 per key: populated names hold none), so
    parsing costs next to nothing next to the server's work."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    cursor, keys, replies = "0", 0, 0
    try:
        while True:
            sock.sendall(protocol("SCAN", cursor, *args).encode())
            data = bytearray()
            while data.count(b"\r\n") < 4:
                chunk = sock.recv(1 << 20)
                if not chunk:
                    raise RuntimeError("connection closed")
                data += chunk
            lines = bytes(data[:data.find(b"*", 4) + 32]).split(b"\r\n")
            if lines[0] != b"*2":
                raise RuntimeError(f"bad SCAN reply {lines[:4]}")
            cursor, count = lines[2].decode(), int(lines[3][1:])
            need, have = 4 + 2 * count, data.count(b"\r\n")
            while have < need:
                chunk = sock.recv(1 << 20)
                if not chunk:
                    raise RuntimeError("connection closed")
                start = len(data) - 1
                data += chunk
                have += data.count(b"\r\n", start)
            keys += count
            replies += 1
            if cursor == "0":
                return keys, replies
    finally:
        sock.close()


def scan_rows(servers, rows, figures):
    """Each row: ROUNDS walks per server, the order alternating; server CPU and wall time."""
    for name, args in rows.items():
        for round_index in range(ROUNDS):
            order = list(servers.items())
            if round_index % 2:
                order.reverse()
            for label, server in order:
                cpu0, t0 = server.cpu_seconds(), time.perf_counter()
                keys, replies = scan_walk(server.port, args)
                wall, cpu = time.perf_counter() - t0, server.cpu_seconds() - cpu0
                figures.setdefault((name, label), []).append((cpu, wall, keys, replies))


def scan(ours_bin, redis_bin):
    """SCAN_KEYS small string keys (DEBUG POPULATE) in each server; every row walks the whole
    keyspace. Per key of the keyspace (every key is visited, whatever MATCH/TYPE keep):
    server CPU us and wall us, medians of the rounds, and the engine/redis-server ratios.
    The engine runs with busy-poll-us 0 so that its CPU time is work, not spinning. A walk
    must return every key at least once (MATCH: at least the matching ones), or the run fails."""
    failures = []
    debug = ["--enable-debug-command", "local"]
    servers = {"redscope": Server("redscope", ours_bin, debug + ["--busy-poll-us", "0"]),
               "redis": Server("redis", redis_bin, debug)}
    try:
        for server in servers.values():
            server.cli("DEBUG", "POPULATE", str(SCAN_KEYS))
        matching = sum(1 for i in range(SCAN_KEYS) if str(i).startswith("1"))
        figures = {}
        scan_rows(servers, SCAN_ROWS, figures)
        # 1% of the keys get a TTL far in the future: the walk must now consult expiries.
        ttl_keys = SCAN_KEYS // 100
        for server in servers.values():
            commands = "".join(protocol("PEXPIRE", f"key:{i * 100}", "3600000")
                               for i in range(ttl_keys))
            server.cli("--pipe", stdin=commands)
        scan_rows(servers, SCAN_TTL_ROWS, figures)
        for name in list(SCAN_ROWS) + list(SCAN_TTL_ROWS):
            med = {}
            for label in servers:
                runs = figures[(name, label)]
                cpu_us = statistics.median(r[0] for r in runs) * 1e6 / SCAN_KEYS
                wall_us = statistics.median(r[1] for r in runs) * 1e6 / SCAN_KEYS
                returned = min(r[2] for r in runs)
                med[label] = (cpu_us, wall_us)
                bench(f"engine.scan_{SCAN_KEYS // 1000000}m.{name}.{label}_cpu_us_per_key",
                      round(cpu_us, 4), "us")
                bench(f"engine.scan_{SCAN_KEYS // 1000000}m.{name}.{label}_wall_us_per_key",
                      round(wall_us, 4), "us")
                bench(f"engine.scan_{SCAN_KEYS // 1000000}m.{name}.{label}_keys_returned",
                      returned, "keys")
                bench(f"engine.scan_{SCAN_KEYS // 1000000}m.{name}.{label}_replies",
                      statistics.median(r[3] for r in runs), "replies")
                expected = matching if name == "match" else SCAN_KEYS
                if returned < expected:
                    failures.append(f"scan {name} {label}: {returned} keys < {expected}")
            prefix = f"engine.scan_{SCAN_KEYS // 1000000}m.{name}"
            for i, what in enumerate(("cpu", "wall")):
                ratio = med["redscope"][i] / med["redis"][i] if med["redis"][i] else 0
                bench(f"{prefix}.{what}_ratio", round(ratio, 3), "x")
    finally:
        for server in servers.values():
            server.stop()
    return failures


def main():
    ours_bin = os.path.join(BUILD, "bin", "redscope-server")
    redis_bin = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not shutil.which("redis-benchmark"):
        print("redis-benchmark not found (apt-get install redis-tools)", file=sys.stderr)
        return 2
    parts = os.environ.get(
        "REDSCOPE_BENCH_PARTS", "throughput,memory,tls,compressed,scan").split(",")
    failures = []
    if "throughput" in parts:
        servers = {"ours": Server("redscope", ours_bin), "redis": Server("redis", redis_bin)}
        if 1 in PIPELINES and NOPOLL:
            servers["nopoll"] = Server("nopoll", ours_bin, ["--busy-poll-us", "0"])
        try:
            failures = throughput(servers)
        finally:
            for server in servers.values():
                server.stop()
    if "memory" in parts:
        memory(ours_bin, redis_bin)
    if "tls" in parts:
        failures += tls_throughput(ours_bin, redis_bin)
    if "compressed" in parts:
        failures += compressed(ours_bin, redis_bin)
    if "scan" in parts:
        failures += scan(ours_bin, redis_bin)
    for failure in failures:
        print(f"FAILED CHECK: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
