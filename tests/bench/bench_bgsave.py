#!/usr/bin/env python3
"""BGSAVE of 1M keys, redscope-server next to Debian's redis-server (issue: persistence).

For each server: load KEYS string keys (16-byte values) with redis-cli --pipe, time a
foreground SAVE and report the snapshot size, then start BGSAVE and measure GET latency with
redis-benchmark while the child writes the snapshot. Prints, as `BENCH <name> <value> <unit>`:
  bgsave.1m.get_p99_ms         p99 of GET on redscope-server while BGSAVE runs
  bgsave.1m.get_p99_ratio      the same divided by redis-server's
  bgsave.1m.<server>_save_ms   time of a foreground SAVE of the dataset
  bgsave.1m.<server>_rdb_mb    snapshot size
Knobs: REDSCOPE_BENCH_KEYS (default 1000000).
"""
import os
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import bench  # noqa: E402
from bench_engine_vs_redis import Server, protocol  # noqa: E402

KEYS = int(os.environ.get("REDSCOPE_BENCH_KEYS", "1000000"))


def load(server):
    data = "".join(protocol("SET", f"key:{i:010d}", f"{i:016d}") for i in range(KEYS)).encode()
    subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data, capture_output=True)


def get_latency_during_bgsave(server):
    """Runs GET traffic; starts BGSAVE once traffic flows; returns (p99 ms, bgsave seconds)."""
    result = {}

    def traffic():
        out = subprocess.run(["redis-benchmark", "-p", str(server.port), "-c", "20", "-n", "300000",
                              "-r", str(KEYS), "-t", "get", "--csv"],
                             capture_output=True, text=True).stdout
        for line in out.strip().splitlines()[1:]:
            cells = [c.strip('"') for c in line.split(",")]
            try:
                result["p99"] = float(cells[6])
            except (IndexError, ValueError):
                pass

    thread = threading.Thread(target=traffic)
    thread.start()
    time.sleep(0.3)
    started = time.time()
    server.cli("BGSAVE")
    while "rdb_bgsave_in_progress:1" in server.cli("INFO", "persistence"):
        time.sleep(0.02)
    duration = time.time() - started
    thread.join()
    return result.get("p99", 0.0), duration


def main():
    build = os.environ.get("REDSCOPE_BUILD_DIR", "build")
    ours = Server("redscope", os.path.join(build, "bin", "redscope-server"))
    redis = Server("redis", shutil.which("redis-server") or "/usr/bin/redis-server")
    figures = {}
    try:
        for label, server in (("redscope", ours), ("redis", redis)):
            load(server)
            started = time.time()
            server.cli("SAVE")
            save_ms = (time.time() - started) * 1000
            size = os.path.getsize(os.path.join(server.dir, "dump.rdb"))
            p99, bg_seconds = get_latency_during_bgsave(server)
            figures[label] = p99
            bench(f"bgsave.1m.{label}_save_ms", round(save_ms), "ms")
            bench(f"bgsave.1m.{label}_rdb_mb", round(size / 1e6, 2), "MB")
            bench(f"bgsave.1m.{label}_bgsave_s", round(bg_seconds, 2), "s")
            bench(f"bgsave.1m.{label}_get_p99_ms", p99, "ms")
    finally:
        ours.stop()
        redis.stop()
    bench("bgsave.1m.get_p99_ms", figures["redscope"], "ms")
    ratio = figures["redscope"] / figures["redis"] if figures["redis"] else 0
    bench("bgsave.1m.get_p99_ratio", round(ratio, 3), "x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
