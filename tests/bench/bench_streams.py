#!/usr/bin/env python3
"""Streams, engine vs redis-server side by side in one run (issue 20).

Reuses bench_engine_vs_redis's servers and redis-benchmark runner (50 clients, the client
pinned with taskset, rounds alternating the servers' order, medians). Entries have two fields
of 32-byte text. Rows:
  streams.xadd.p{1,16}      XADD s * f1 <32 B> f2 <32 B>
  streams.xrange100.p1      XRANGE s <random start> + COUNT 100 over a 100k-entry stream
  streams.xreadgroup_ack.p1 XREADGROUP GROUP g c COUNT 1 STREAMS s > on a prefilled stream,
                            then XACK s g <id> of the delivered IDs: the two runs' times add up
                            to one read-and-acknowledge, whose rate is compared
  streams.mem.per_entry     a 1M-entry stream: used_memory and RSS growth per entry
Each prints `BENCH streams.<row>.<server>` figures and a `.ratio` (ours / redis; for memory,
ours / redis RSS per entry, lower is better). Knobs: REDSCOPE_BENCH_ROUNDS (3),
REDSCOPE_BENCH_REQUESTS (200000), REDSCOPE_BENCH_STREAM_ENTRIES (1000000).
"""
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_engine_vs_redis as base  # noqa: E402

ROUNDS = base.ROUNDS
REQUESTS = base.REQUESTS
MEM_ENTRIES = int(os.environ.get("REDSCOPE_BENCH_STREAM_ENTRIES", "1000000"))
TEXT1 = "a" * 32
TEXT2 = "b" * 32


def pipe(server, commands):
    subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"],
                   input="".join(commands).encode(), capture_output=True)


def fill(server, key, entries, explicit_ids=False):
    chunk = 10000
    for start in range(0, entries, chunk):
        pipe(server, [base.protocol("XADD", key, f"{i + 1}-0" if explicit_ids else "*",
                                    "f1", TEXT1, "f2", TEXT2)
                      for i in range(start, min(entries, start + chunk))])


def benchmark(server, pipeline, *command, random_keys=base.RANDOM_KEYS):
    """(ops/s) of one redis-benchmark run of `command` (with __rand_int__ placeholders)."""
    args = ["redis-benchmark", "-p", str(server.port), "-c", "50", "-n", str(REQUESTS),
            "-P", str(pipeline), "-r", str(random_keys), "--csv", *command]
    cpu = base.bench_cpu()
    if cpu is not None:
        args = ["taskset", "-c", str(cpu)] + args
    out = subprocess.run(args, capture_output=True, text=True).stdout
    for line in out.strip().splitlines()[1:]:
        cells = [c.strip('"') for c in line.split(",")]
        try:
            return float(cells[1])
        except (IndexError, ValueError):
            continue
    return 0.0


def row_xadd(server, pipeline):
    server.cli("FLUSHALL")
    return benchmark(server, pipeline, "XADD", "s", "*", "f1", TEXT1, "f2", TEXT2)


def row_xrange(server, pipeline):
    server.cli("FLUSHALL")
    fill(server, "s", 100000, explicit_ids=True)
    # __rand_int__ is 12 zero-padded digits: a valid ID below 100000 once taken modulo -r.
    return benchmark(server, pipeline, "XRANGE", "s", "__rand_int__", "+", "COUNT", "100",
                     random_keys=99900)


def row_xreadgroup_ack(server, pipeline):
    server.cli("FLUSHALL")
    fill(server, "s", REQUESTS + 1000, explicit_ids=True)
    server.cli("XGROUP", "CREATE", "s", "g", "0")
    read = benchmark(server, pipeline, "XREADGROUP", "GROUP", "g", "c", "COUNT", "1",
                     "STREAMS", "s", ">")
    pending = int(server.cli("XPENDING", "s", "g").split()[0] or 0)
    ack = benchmark(server, pipeline, "XACK", "s", "g", "__rand_int__-0",
                    random_keys=REQUESTS)
    left = int(server.cli("XPENDING", "s", "g").split()[0] or 0)
    if pending < REQUESTS * 0.99 or left >= pending:
        print(f"# warning: {server.label}: {pending} delivered, {left} left after XACK",
              flush=True)
    return 1.0 / (1.0 / read + 1.0 / ack) if read and ack else 0.0


def throughput(servers):
    rows = [("xadd", row_xadd, 1), ("xadd", row_xadd, 16), ("xrange100", row_xrange, 1),
            ("xreadgroup_ack", row_xreadgroup_ack, 1)]
    for name, run, pipeline in rows:
        results = {label: [] for label in servers}
        for round_index in range(ROUNDS):
            order = list(servers) if round_index % 2 == 0 else list(reversed(servers))
            for label in order:
                results[label].append(run(servers[label], pipeline))
        ours = statistics.median(results["ours"])
        redis = statistics.median(results["redis"])
        suffix = f"{name}.p{pipeline}" if name == "xadd" else name
        base.bench(f"streams.{suffix}.ours", round(ours), "ops/s")
        base.bench(f"streams.{suffix}.redis", round(redis), "ops/s")
        base.bench(f"streams.{suffix}.ratio", round(ours / redis, 3) if redis else 0, "x")


def memory(ours_bin, redis_bin):
    per_entry = {}
    for label, binary in (("ours", ours_bin), ("redis", redis_bin)):
        server = base.Server(label, binary)
        try:
            used_before, rss_before = server.info_field("used_memory"), server.rss()
            fill(server, "s", MEM_ENTRIES)
            length = int(server.cli("XLEN", "s"))
            if length != MEM_ENTRIES:
                print(f"# warning: {label}: XLEN {length}, wanted {MEM_ENTRIES}", flush=True)
            used = (server.info_field("used_memory") - used_before) / max(length, 1)
            rss = (server.rss() - rss_before) / max(length, 1)
            per_entry[label] = (used, rss)
            base.bench(f"streams.mem.per_entry.{label}_used", round(used, 1), "bytes")
            base.bench(f"streams.mem.per_entry.{label}_rss", round(rss, 1), "bytes")
        finally:
            server.stop()
    base.bench("streams.mem.per_entry_ratio",
               round(per_entry["ours"][1] / per_entry["redis"][1], 3), "x")
    base.bench("streams.mem.per_entry_used_ratio",
               round(per_entry["ours"][0] / per_entry["redis"][0], 3), "x")


def main():
    ours_bin = os.path.join(base.BUILD, "bin", "redscope-server")
    redis_bin = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not shutil.which("redis-benchmark"):
        print("redis-benchmark not found (apt-get install redis-tools)", file=sys.stderr)
        return 2
    parts = os.environ.get("REDSCOPE_BENCH_PARTS", "throughput,memory").split(",")
    if "throughput" in parts:
        servers = {"ours": base.Server("redscope", ours_bin),
                   "redis": base.Server("redis", redis_bin)}
        try:
            throughput(servers)
        finally:
            for server in servers.values():
                server.stop()
    if "memory" in parts:
        memory(ours_bin, redis_bin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
