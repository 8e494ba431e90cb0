"""What the Python benchmarks share: a free loopback port, a server process started on it and
waited for, a process's CPU time, and the `BENCH <name> <value> <unit>` line they all print.

The benchmarks import it from their own folder (tests/bench is on sys.path when a script in it
runs), so a figure's format and a server's start-up are the same in every benchmark.
"""
import os
import socket
import subprocess
import time


def bench(name, value, unit):
    print(f"BENCH {name} {value} {unit}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, workdir, *extra_args):
    """Starts `binary` (redscope-server or redis-server) on a free loopback port with no
    persistence, in `workdir`; returns (process, port) once the port accepts connections."""
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", workdir, *extra_args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc, port
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    proc.kill()
    raise SystemExit(f"{binary} did not start on port {port}")


def cpu_seconds(pid):
    """User + system CPU seconds of a whole process (all its threads) so far: fields 14 and 15
    of /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
