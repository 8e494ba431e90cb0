#!/usr/bin/env python3
"""Replication, redscope-server next to Debian's redis-server in the same roles (issue 23).

For each implementation a master and a replica of the same kind, on loopback:
  replication.fullsync_1m_ms   REPLICAOF to master_link_status:up with KEYS string keys on the
                               master (diskless sync, no delay): a fresh replica each run
  replication.lag_p99_ms       while redis-benchmark writes to the master (SET, 20 clients),
                               a probe writes a key on the master and polls the replica until
                               it holds it; p99 over PROBES probes
  replication.lag_p50_ms       the median of the same probes
  replication.replica_cpu_us_per_write
                               the replica's CPU time (user + system) over the probe window
                               divided by the commands the master executed in it: what applying
                               the stream costs, a figure the machine's load moves far less
                               than the p99 (which on a loaded shared machine is mostly the
                               scheduler's)
The mirror (the app's "Mirror into Local engine"): an engine replica of a redis-server master,
the same figures against a redis-server replica of that same master ("replication.mirror.
<figure>" and "replication.mirror.<figure>.ratio", redis = 1.0).
Each figure is the median of 3 runs, printed for the engine ("replication.<figure>"), for
redis-server ("replication.redis.<figure>") and as engine/redis ("replication.<figure>.ratio").
The machine's load (uptime) is printed before and after.
Runs alternate between the implementations. The probe's lag is mostly the master's own
queueing behind the load (the replica usually holds the value before the SET's reply is
back), so on a shared machine the p99 moves with the machine's load: compare ratios of runs
made together, never figures of different runs.
Knobs: REDSCOPE_BENCH_KEYS (default 1000000), REDSCOPE_BENCH_PROBES (default 1000).
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_engine_vs_redis import Server, bench, protocol  # noqa: E402

KEYS = int(os.environ.get("REDSCOPE_BENCH_KEYS", "1000000"))
PROBES = int(os.environ.get("REDSCOPE_BENCH_PROBES", "1000"))
RUNS = 3


class Connection:
    """A blocking RESP connection for the probe: one request, one simple reply."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def call(self, *args):
        self.sock.sendall(protocol(*args).encode())
        while True:
            line_end = self.buffer.find(b"\r\n")
            if line_end >= 0:
                kind = self.buffer[:1]
                if kind != b"$":
                    line, self.buffer = self.buffer[:line_end], self.buffer[line_end + 2:]
                    return line.decode()
                size = int(self.buffer[1:line_end])
                if size < 0:
                    self.buffer = self.buffer[line_end + 2:]
                    return None
                if len(self.buffer) >= line_end + 2 + size + 2:
                    value = self.buffer[line_end + 2:line_end + 2 + size]
                    self.buffer = self.buffer[line_end + 4 + size:]
                    return value.decode()
            self.buffer += self.sock.recv(65536)

    def close(self):
        self.sock.close()


def load(server):
    data = "".join(protocol("SET", f"key:{i:010d}", f"{i:016d}") for i in range(KEYS)).encode()
    subprocess.run(["redis-cli", "-p", str(server.port), "--pipe"], input=data, capture_output=True)


def link_up(replica):
    return "master_link_status:up" in replica.cli("INFO", "replication")


def full_sync_ms(label, binary, master):
    replica = Server(f"{label}-replica", binary, ["--repl-diskless-sync-delay", "0"])
    try:
        started = time.time()
        replica.cli("REPLICAOF", "127.0.0.1", str(master.port))
        while not link_up(replica):
            time.sleep(0.005)
        elapsed = (time.time() - started) * 1000
        if replica.cli("DBSIZE").strip() != str(KEYS):
            raise RuntimeError(f"{label}: the replica holds {replica.cli('DBSIZE')} keys")
        return elapsed
    finally:
        replica.stop()


def lag_run(label, binary, master):
    replica = Server(f"{label}-replica", binary)
    load_proc = None
    try:
        replica.cli("REPLICAOF", "127.0.0.1", str(master.port))
        while not link_up(replica):
            time.sleep(0.01)
        load_proc = subprocess.Popen(["redis-benchmark", "-p", str(master.port), "-c", "20",
                                      "-n", "100000000", "-r", "100000", "-t", "set", "-q"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.5)
        writer, reader = Connection(master.port), Connection(replica.port)
        lags = []
        cpu_before = replica.cpu_seconds()
        writes_before = master.info_section("stats")["total_commands_processed"]
        for i in range(PROBES):
            value = f"{i}-{time.time()}"
            started = time.perf_counter()
            writer.call("SET", "probe", value)
            while reader.call("GET", "probe") != value:
                pass
            lags.append((time.perf_counter() - started) * 1000)
            time.sleep(0.005)
        cpu = replica.cpu_seconds() - cpu_before
        writes = master.info_section("stats")["total_commands_processed"] - writes_before
        writer.close()
        reader.close()
        lags.sort()
        return {"lag_p99_ms": lags[min(len(lags) - 1, int(len(lags) * 0.99))],
                "lag_p50_ms": lags[len(lags) // 2],
                "replica_cpu_us_per_write": cpu * 1e6 / max(1, writes)}
    finally:
        if load_proc:
            load_proc.terminate()
            load_proc.wait()
        replica.stop()


def main():
    build = os.environ.get("REDSCOPE_BUILD_DIR", "build")
    engine = os.path.join(build, "bin", "redscope-server")
    redis = shutil.which("redis-server") or "/usr/bin/redis-server"
    # label -> (master's kind, replica binary); "mirror" follows the redis-server master.
    setups = {"engine": ("engine", engine), "redis": ("redis", redis), "mirror": ("redis", engine)}
    binaries = {"engine": engine, "redis": redis}
    print(f"# load before: {os.getloadavg()}", flush=True)
    masters = {}
    lag_figures = ("lag_p99_ms", "lag_p50_ms", "replica_cpu_us_per_write")
    runs = {label: {figure: [] for figure in ("fullsync_1m_ms",) + lag_figures}
            for label in setups}
    try:
        for label, binary in binaries.items():
            masters[label] = Server(f"{label}-master", binary, ["--repl-diskless-sync-delay", "0"])
            load(masters[label])
        # Runs alternate between the two, so a change in the machine's load (it is shared)
        # falls on both rather than on whichever ran at the time.
        for _ in range(RUNS):
            for label, (master, binary) in setups.items():
                runs[label]["fullsync_1m_ms"].append(full_sync_ms(label, binary, masters[master]))
        for _ in range(RUNS):
            for label, (master, binary) in setups.items():
                figures = lag_run(label, binary, masters[master])
                for figure in lag_figures:
                    runs[label][figure].append(figures[figure])
    finally:
        for master in masters.values():
            master.stop()
    print(f"# load after: {os.getloadavg()}", flush=True)
    for label in setups:
        print(f"# {label}: full syncs {[round(s) for s in runs[label]['fullsync_1m_ms']]} ms, "
              f"lag p99 {[round(x, 3) for x in runs[label]['lag_p99_ms']]} ms, "
              f"lag p50 {[round(x, 3) for x in runs[label]['lag_p50_ms']]} ms, replica CPU "
              f"{[round(x, 2) for x in runs[label]['replica_cpu_us_per_write']]} us/write",
              flush=True)
    for figure in ("fullsync_1m_ms",) + lag_figures:
        ours = statistics.median(runs["engine"][figure])
        theirs = statistics.median(runs["redis"][figure])
        digits = 0 if figure.startswith("fullsync") else 3
        unit = "us" if figure.endswith("per_write") else "ms"
        bench(f"replication.{figure}", round(ours, digits), unit)
        bench(f"replication.redis.{figure}", round(theirs, digits), unit)
        bench(f"replication.{figure}.ratio", round(ours / theirs, 3) if theirs else 0, "x")
        mirror = statistics.median(runs["mirror"][figure])
        bench(f"replication.mirror.{figure}", round(mirror, digits), unit)
        bench(f"replication.mirror.{figure}.ratio", round(mirror / theirs, 3) if theirs else 0,
              "x")


if __name__ == "__main__":
    main()
