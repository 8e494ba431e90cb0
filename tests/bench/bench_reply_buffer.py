#!/usr/bin/env python3
"""Reply-buffer hot path (issue 21): redis-benchmark against a redscope-server built before
the change (BASE), one built after (NEW) and Debian's redis-server, side by side in one run.

Rows: GET and SET at -P 16, LRANGE_600 at -P 1 and -P 16 (600-element replies: 5.4 KB each,
86 KB per pipelined batch, so the -P 16 row goes past the 16 KiB buffer into the reply list
on every batch). 50 clients, redis-benchmark pinned to CPU 0 with taskset (the servers are
not pinned), the servers' order rotating between rounds. Each figure is the median of the
rounds (ops/s); ratios are each engine over redis-server in the same run, and NEW over BASE.

Usage: bench_reply_buffer.py BASE_BINARY NEW_BINARY
Knobs: REDSCOPE_BENCH_ROUNDS (3), REDSCOPE_BENCH_REQUESTS (200000; LRANGE -P 1 a fifth, -P 16 a tenth).
Prints `BENCH <name> <value> <unit>` lines and the load (uptime) before and after.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile

from common import start_server

ROUNDS = int(os.environ.get("REDSCOPE_BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("REDSCOPE_BENCH_REQUESTS", "200000"))
ROWS = [("get.p16", ["-t", "get", "-P", "16"], REQUESTS),
        ("set.p16", ["-t", "set", "-P", "16"], REQUESTS),
        ("lrange600.p1", ["-t", "lrange_600", "-P", "1"], REQUESTS // 5),
        ("lrange600.p16", ["-t", "lrange_600", "-P", "16"], REQUESTS // 10)]


def run_row(port, args, requests):
    out = subprocess.run(["taskset", "-c", "0", "redis-benchmark", "-p", str(port), "-c", "50",
                          "-n", str(requests), "-r", "100000", "-q"] + args,
                         capture_output=True, text=True, check=True).stdout
    # -q prints "NAME: N requests per second, p50=..." per test (LRANGE adds LPUSH first).
    out = out.replace("\r", "\n")
    rates = re.findall(r"^([A-Z_0-9 ()a-z]+): ([0-9.]+) requests per second", out, re.M)
    wanted = [rate for name, rate in rates if not name.startswith("LPUSH")]
    return float(wanted[-1])


def main():
    base, new = sys.argv[1], sys.argv[2]
    servers = {"base": base, "new": new, "redis": "/usr/bin/redis-server"}
    print("uptime before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    results = {(s, r[0]): [] for s in servers for r in ROWS}
    with tempfile.TemporaryDirectory() as workdir:
        running = {name: start_server(binary, workdir) for name, binary in servers.items()}
        try:
            order = list(servers)
            for round_ in range(ROUNDS):
                for row, args, requests in ROWS:
                    for name in order:
                        rate = run_row(running[name][1], args, requests)
                        results[(name, row)].append(rate)
                        print(f"round {round_ + 1} {row} {name} {rate:.0f}", flush=True)
                order = order[1:] + order[:1]
        finally:
            for proc, _ in running.values():
                proc.kill()
                proc.wait()
    for row, _, _ in ROWS:
        med = {name: statistics.median(results[(name, row)]) for name in servers}
        for name in servers:
            print(f"BENCH engine.replybuf.{row}.{name}_ops {med[name]:.0f} ops/s")
        print(f"BENCH engine.replybuf.{row}.base_ratio {med['base'] / med['redis']:.3f} x")
        print(f"BENCH engine.replybuf.{row}.new_ratio {med['new'] / med['redis']:.3f} x")
        print(f"BENCH engine.replybuf.{row}.new_over_base {med['new'] / med['base']:.3f} x")
    print("uptime after:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())


if __name__ == "__main__":
    main()
