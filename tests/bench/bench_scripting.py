#!/usr/bin/env python3
"""Scripting, engine vs redis-server in one run (issue 22).

scripting.evalsha5.p{1,16}: redis-benchmark (50 clients, pinned to one CPU with taskset when
there are several) sends EVALSHA of a 5-command script (INCR, SET, GET, HSET, EXPIRE on random
keys) to build/bin/redscope-server and to Debian's redis-server, alternately, at -P 1 and
-P 16; each figure is the median of the rounds, and .ratio is ours over redis's (goal >= 1.0).
The script's effect is checked afterwards: the INCR counters must add up to the requests.

scripting.kill_ms: a read-only `while true do end` runs past busy-reply-threshold (100 ms);
the time from sending SCRIPT KILL on another connection to the first PING that answers PONG
instead of BUSY, the median of the rounds; scripting.kill_ms.redis is redis-server's.

Prints `BENCH <name> <value> <unit>`. Knobs: REDSCOPE_BENCH_ROUNDS (default 3),
REDSCOPE_BENCH_REQUESTS (default 200000)."""
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from common import bench, free_port

BUILD = os.environ.get("REDSCOPE_BUILD_DIR", "build")
ROUNDS = int(os.environ.get("REDSCOPE_BENCH_ROUNDS", "3"))
REQUESTS = int(os.environ.get("REDSCOPE_BENCH_REQUESTS", "200000"))
SCRIPT = ("redis.call('incr', KEYS[1]) redis.call('set', KEYS[2], ARGV[1]) "
          "redis.call('get', KEYS[2]) redis.call('hset', KEYS[3], 'f', ARGV[1]) "
          "return redis.call('expire', KEYS[1], 1000)")


def encode(*args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


class Conn:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.buf = b""

    def send(self, *args):
        self.sock.sendall(encode(*args))

    def line(self):
        while b"\r\n" not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("closed")
            self.buf += data
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def reply(self):
        """The first line of a simple reply (status, error, integer) or the bulk's payload."""
        line = self.line()
        if line.startswith(b"$") and line != b"$-1":
            while len(self.buf) < int(line[1:]) + 2:
                self.buf += self.sock.recv(65536)
            data, self.buf = self.buf[:int(line[1:])], self.buf[int(line[1:]) + 2:]
            return data
        return line

    def cmd(self, *args):
        self.send(*args)
        return self.reply()


class Server:
    def __init__(self, label, binary):
        self.label = label
        self.dir = tempfile.mkdtemp(prefix=f"bench-scripting-{label}-")
        self.port = free_port()
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.dir, "--logfile", os.path.join(self.dir, "log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                if Conn(self.port).cmd("PING") == b"+PONG":
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{label} did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)


def bench_cpu():
    cpus = sorted(os.sched_getaffinity(0))
    return cpus[-1] if len(cpus) > 1 else None


def evalsha_run(server, sha, pipeline):
    conn = Conn(server.port)
    conn.cmd("FLUSHALL")
    args = ["redis-benchmark", "-p", str(server.port), "-c", "50", "-n", str(REQUESTS),
            "-P", str(pipeline), "-r", "100000", "--csv",
            "EVALSHA", sha, "3", "c:__rand_int__", "s:__rand_int__", "h:__rand_int__", "value"]
    cpu = bench_cpu()
    if cpu is not None:
        args = ["taskset", "-c", str(cpu)] + args
    out = subprocess.run(args, capture_output=True, text=True).stdout
    rps = 0.0
    for line in out.strip().splitlines()[1:]:
        cells = [c.strip('"') for c in line.split(",")]
        try:
            rps = float(cells[1])
            break
        except (IndexError, ValueError):
            continue
    # Every request ran the script: the counters add up to the requests.
    total = int(conn.cmd("EVAL", "local n = 0 for _, k in ipairs(redis.call('keys', 'c:*')) do "
                                 "n = n + tonumber(redis.call('get', k)) end return n", "0")[1:])
    return rps, total


def kill_ms(server):
    admin, runner, other = Conn(server.port), Conn(server.port), Conn(server.port)
    admin.cmd("CONFIG", "SET", "busy-reply-threshold", "100")
    runner.send("EVAL", "local i = 0 while true do i = i + 1 end", "0")
    time.sleep(0.3)
    if not other.cmd("PING").startswith(b"-BUSY"):
        raise RuntimeError(f"{server.label}: the script is not busy")
    start = time.perf_counter()
    killed = other.cmd("SCRIPT", "KILL")
    while other.cmd("PING") != b"+PONG":
        pass
    elapsed = (time.perf_counter() - start) * 1000
    if killed != b"+OK" or not runner.reply().startswith(b"-ERR Script killed"):
        raise RuntimeError(f"{server.label}: SCRIPT KILL did not stop the script")
    return elapsed


def main():
    ours = Server("ours", os.path.join(BUILD, "bin", "redscope-server"))
    redis = Server("redis", "redis-server")
    failed = []
    try:
        shas = {s.label: Conn(s.port).cmd("SCRIPT", "LOAD", SCRIPT).decode() for s in (ours, redis)}
        if shas["ours"] != shas["redis"]:
            raise RuntimeError("the servers name the script differently")
        for pipeline in (1, 16):
            figures = {"ours": [], "redis": []}
            for round_index in range(ROUNDS):
                order = (ours, redis) if round_index % 2 == 0 else (redis, ours)
                for server in order:
                    rps, total = evalsha_run(server, shas["ours"], pipeline)
                    if total != REQUESTS:
                        failed.append(f"{server.label} -P {pipeline}: {total} INCRs for "
                                      f"{REQUESTS} requests")
                    figures[server.label].append(rps)
            mine, theirs = statistics.median(figures["ours"]), statistics.median(figures["redis"])
            bench(f"scripting.evalsha5.p{pipeline}.ours", round(mine), "ops/s")
            bench(f"scripting.evalsha5.p{pipeline}.redis", round(theirs), "ops/s")
            bench(f"scripting.evalsha5.p{pipeline}.ratio", round(mine / theirs, 3) if theirs else 0,
                  "x")
        kills = {"ours": [], "redis": []}
        for _ in range(ROUNDS):
            for server in (ours, redis):
                kills[server.label].append(kill_ms(server))
        bench("scripting.kill_ms", round(statistics.median(kills["ours"]), 1), "ms")
        bench("scripting.kill_ms.redis", round(statistics.median(kills["redis"]), 1), "ms")
    finally:
        ours.stop()
        redis.stop()
    for failure in failed:
        print(f"FAILED {failure}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
