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

REDSCOPE_BENCH_TLS=yes runs the same rows over TLS: every server also listens on a tls-port
(a self-signed certificate made with the openssl CLI, tls-auth-clients no) and
redis-benchmark --tls --insecure connects there; the rows are tagged io_threads_tls. Redis
7.0 does not support TLS with I/O threads (its docs; its code hands TLS clients to them
anyway, racing on the event loop), so redis_io4's row is what that gives, not a baseline.

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

from common import cpu_seconds, free_port, start_server

ROUNDS = int(os.environ.get("REDSCOPE_BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("REDSCOPE_BENCH_REQUESTS", "500000"))
DO_READS = os.environ.get("REDSCOPE_BENCH_DO_READS", "no")
TLS = os.environ.get("REDSCOPE_BENCH_TLS", "no") == "yes"
ROWS = ["get", "set"]


def make_certificate(workdir):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-keyout", os.path.join(workdir, "server.key"),
                    "-out", os.path.join(workdir, "server.crt")],
                   check=True, capture_output=True)


# Returns the process, its plain port (INFO) and the port redis-benchmark uses (the
# tls-port with REDSCOPE_BENCH_TLS).
def start(binary, threads, workdir):
    extra = ["--io-threads", str(threads), "--io-threads-do-reads", DO_READS]
    bench_port = None
    if TLS:
        bench_port = free_port()
        crt, key = os.path.join(workdir, "server.crt"), os.path.join(workdir, "server.key")
        extra += ["--tls-port", str(bench_port), "--tls-cert-file", crt, "--tls-key-file", key,
                  "--tls-ca-cert-file", crt, "--tls-auth-clients", "no"]
    proc, port = start_server(binary, workdir, *extra)
    return proc, port, bench_port or port


def info(port):
    out = subprocess.run(["redis-cli", "-p", str(port), "INFO"], capture_output=True,
                         text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


# ops/s, or 0 when the run did not finish within 60 s (redis-server 7.0 with TLS and
# io-threads can stall: its docs say the pair is not supported).
def run_row(port, test):
    tls = ["--tls", "--insecure"] if TLS else []
    try:
        out = subprocess.run(["taskset", "-c", "0", "redis-benchmark", "-p", str(port), "-c",
                              "50", "-n", str(REQUESTS), "-r", "100000", "-P", "16", "-q", "-t",
                              test] + tls, capture_output=True, text=True, check=True,
                             timeout=60).stdout
    except subprocess.TimeoutExpired:
        print(f"port {port} {test}: no result within 60 s", flush=True)
        return 0.0
    out = out.replace("\r", "\n")
    rates = re.findall(r"^[A-Z_0-9 ()a-z]+: ([0-9.]+) requests per second", out, re.M)
    return float(rates[-1])


def main():
    ours = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.environ.get("REDSCOPE_BUILD_DIR", "build"), "bin", "redscope-server")
    servers = {"ours_io1": (ours, 1), "ours_io4": (ours, 4),
               "redis_io1": ("/usr/bin/redis-server", 1), "redis_io4": ("/usr/bin/redis-server", 4)}
    print("uptime before:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    print(f"io-threads-do-reads {DO_READS}, {REQUESTS} requests per run, {ROUNDS} rounds"
          + (", over TLS" if TLS else ""))
    rates = {(s, r): [] for s in servers for r in ROWS}
    cpus = {(s, r): [] for s in servers for r in ROWS}
    failed = False
    with tempfile.TemporaryDirectory() as workdir:
        if TLS:
            make_certificate(workdir)
        running = {name: start(binary, threads, workdir)
                   for name, (binary, threads) in servers.items()}
        try:
            order = list(servers)
            for round_ in range(ROUNDS):
                for row in ROWS:
                    for name in order:
                        proc, _, bench_port = running[name]
                        before = cpu_seconds(proc.pid)
                        rate = run_row(bench_port, row)
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
            for proc, _, _ in running.values():
                proc.kill()
                proc.wait()
    tag = "io_threads" if DO_READS == "no" else "io_threads_reads"
    if TLS:
        tag += "_tls"
    for row in ROWS:
        med = {name: statistics.median(rates[(name, row)]) for name in servers}
        cpu = {name: statistics.median(cpus[(name, row)]) for name in servers}
        for name in servers:
            print(f"BENCH engine.{tag}.{row}.p16.{name}_ops {med[name]:.0f} ops/s")
            print(f"BENCH engine.{tag}.{row}.p16.{name}_cpu {cpu[name]:.2f} cpu-s/M")
        ratio = lambda a, b: f"{a / b:.3f}" if b else "n/a"
        for threads in ("io1", "io4"):
            print(f"BENCH engine.{tag}.{row}.p16.{threads}_ratio "
                  f"{ratio(med['ours_' + threads], med['redis_' + threads])} x")
        for server in ("ours", "redis"):
            print(f"BENCH engine.{tag}.{row}.p16.{server}_io4_over_io1 "
                  f"{ratio(med[server + '_io4'], med[server + '_io1'])} x")
    print("uptime after:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
