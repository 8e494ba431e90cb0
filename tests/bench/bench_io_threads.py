#!/usr/bin/env python3
"""io-threads (issue 21): redis-benchmark -c 50 -P 16 -t get,set against redscope-server and
Debian's redis-server, each started with io-threads 1 and with io-threads 4, side by side in
one run.

Four servers (no persistence): ours and redis-server, io-threads 1 and 4 (io-threads-do-reads
REDSCOPE_BENCH_DO_READS, default no). redis-benchmark is pinned to CPU 0 with taskset, the
servers are not pinned; the servers' order rotates between rounds. Each figure is the median
of the rounds: ops/s, and each server's CPU seconds (all its threads) per million requests.
Ratios: ours over redis-server at the same io-threads, and io-threads 4 over 1 per server.
After the rounds each io-threads 4 server's INFO must show threaded writes (and reads with
do-reads), or the script exits 1: a row measured with the threads idle would say nothing.

Usage: bench_io_threads.py [REDSCOPE_SERVER]  (default $REDSCOPE_BUILD_DIR/bin/redscope-server,
REDSCOPE_BUILD_DIR defaulting to build). Knobs: REDSCOPE_BENCH_ROUNDS (3),
REDSCOPE_BENCH_REQUESTS (500000). Prints `BENCH <name> <value> <unit>` lines and the load
(uptime) before and after.
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile

from common import cpu_seconds, start_server

ROUNDS = int(os.environ.get("REDSCOPE_BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("REDSCOPE_BENCH_REQUESTS", "500000"))
DO_READS = os.environ.get("REDSCOPE_BENCH_DO_READS", "no")
ROWS = ["get", "set"]


def start(binary, threads, workdir):
    return start_server(binary, workdir, "--io-threads", str(threads), "--io-threads-do-reads",
                        DO_READS)


def info(port):
    out = subprocess.run(["redis-cli", "-p", str(port), "INFO"], capture_output=True,
                         text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def run_row(port, test):
    out = subprocess.run(["taskset", "-c", "0", "redis-benchmark", "-p", str(port), "-c", "50",
                          "-n", str(REQUESTS), "-r", "100000", "-P", "16", "-q", "-t", test],
                         capture_output=True, text=True, check=True).stdout
    out = out.replace("\r", "\n")
    rates = re.findall(r"^[A-Z_0-9 ()a-z]+: ([0-9.]+) requests per second", out, re.M)
    return float(rates[-1])


def main():
    ours = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.environ.get("REDSCOPE_BUILD_DIR", "build"), "bin", "redscope-server")
    servers = {"ours_io1": (ours, 1), "ours_io4": (ours, 4),
               "redis_io1": ("/usr/bin/redis-server", 1), "redis_io4": ("/usr/bin/redis-server", 4)}
    print("uptime before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"io-threads-do-reads {DO_READS}, {REQUESTS} requests per run, {ROUNDS} rounds")
    rates = {(s, r): [] for s in servers for r in ROWS}
    cpus = {(s, r): [] for s in servers for r in ROWS}
    failed = False
    with tempfile.TemporaryDirectory() as workdir:
        running = {name: start(binary, threads, workdir)
                   for name, (binary, threads) in servers.items()}
        try:
            order = list(servers)
            for round_ in range(ROUNDS):
                for row in ROWS:
                    for name in order:
                        proc, port = running[name]
                        before = cpu_seconds(proc.pid)
                        rate = run_row(port, row)
                        cpu = (cpu_seconds(proc.pid) - before) / (REQUESTS / 1e6)
                        rates[(name, row)].append(rate)
                        cpus[(name, row)].append(cpu)
                        print(f"round {round_ + 1} {row} {name} {rate:.0f} ops/s "
                              f"{cpu:.2f} cpu-s/M", flush=True)
                order = order[1:] + order[:1]
            for name in ("ours_io4", "redis_io4"):
                fields = info(running[name][1])
                writes = int(fields.get("io_threaded_writes_processed", "0"))
                reads = int(fields.get("io_threaded_reads_processed", "0"))
                print(f"{name}: io_threaded_writes_processed {writes} "
                      f"io_threaded_reads_processed {reads}")
                if writes == 0 or (DO_READS == "yes" and reads == 0):
                    print(f"{name}: the I/O threads did not take part", file=sys.stderr)
                    failed = True
        finally:
            for proc, _ in running.values():
                proc.kill()
                proc.wait()
    tag = "io_threads" if DO_READS == "no" else "io_threads_reads"
    for row in ROWS:
        med = {name: statistics.median(rates[(name, row)]) for name in servers}
        cpu = {name: statistics.median(cpus[(name, row)]) for name in servers}
        for name in servers:
            print(f"BENCH engine.{tag}.{row}.p16.{name}_ops {med[name]:.0f} ops/s")
            print(f"BENCH engine.{tag}.{row}.p16.{name}_cpu {cpu[name]:.2f} cpu-s/M")
        for threads in ("io1", "io4"):
            print(f"BENCH engine.{tag}.{row}.p16.{threads}_ratio "
                  f"{med['ours_' + threads] / med['redis_' + threads]:.3f} x")
        for server in ("ours", "redis"):
            print(f"BENCH engine.{tag}.{row}.p16.{server}_io4_over_io1 "
                  f"{med[server + '_io4'] / med[server + '_io1']:.3f} x")
    print("uptime after:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
