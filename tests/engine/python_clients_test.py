#!/usr/bin/python3
"""Debian's Python client libraries against redscope-server: redis-py's Lock (Lua scripts
for release and extend), register_script (EVALSHA with a NOSCRIPT fallback to EVAL), scripts
inside pipelines and transactions, FUNCTION/FCALL, and python3-limits' moving-window rate
limiter (its Lua scripts over sorted sets). Usage: python_clients_test.py REDSCOPE_SERVER.

Each check raises on a wrong answer; the script exits non-zero on the first failure."""
import socket
import subprocess
import sys
import tempfile
import time

import redis
from limits import parse, storage, strategies


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(binary, directory):
    port = free_port()
    proc = subprocess.Popen([binary, "--port", str(port), "--dir", directory, "--save", ""],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            if redis.Redis(port=port).ping():
                return proc, port
        except redis.ConnectionError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redscope-server did not start")


def check(label, got, expected):
    if got != expected:
        raise AssertionError(f"{label}: got {got!r}, expected {expected!r}")
    print(f"ok   {label}")


def lock_checks(r):
    lock = r.lock("py:lock", timeout=5)
    check("Lock.acquire", lock.acquire(blocking=False), True)
    other = r.lock("py:lock", timeout=5)
    check("second Lock cannot acquire", other.acquire(blocking=False), False)
    check("Lock.extend", lock.extend(5), True)
    check("Lock.reacquire", lock.reacquire(), True)
    lock.release()
    check("Lock released", r.exists("py:lock"), 0)
    check("other Lock acquires now", other.acquire(blocking=False), True)
    stale = r.lock("py:lock", timeout=5)
    stale.local.token = b"not-the-owner"
    try:
        stale.release()
        raise AssertionError("releasing a lock owned by another token must fail")
    except redis.exceptions.LockNotOwnedError:
        print("ok   LockNotOwnedError for a foreign release")
    other.release()
    with r.lock("py:ctx", timeout=2, blocking_timeout=1):
        check("Lock as context manager", r.exists("py:ctx"), 1)
    check("context lock released", r.exists("py:ctx"), 0)


def script_checks(r):
    r.script_flush()
    incr_by = r.register_script(
        "local v = redis.call('incrby', KEYS[1], ARGV[1]) "
        "return {v, cjson.encode({value = v}), cmsgpack.unpack(cmsgpack.pack(v))}")
    check("register_script first call (NOSCRIPT then EVAL)", incr_by(keys=["py:n"], args=[5]),
          [5, b'{"value":5}', 5])
    check("register_script by EVALSHA", incr_by(keys=["py:n"], args=[2]), [7, b'{"value":7}', 7])
    check("SCRIPT EXISTS", r.script_exists(incr_by.sha), [True])
    pipe = r.pipeline()
    incr_by(keys=["py:n"], args=[1], client=pipe)
    pipe.get("py:n")
    incr_by(keys=["py:n"], args=[1], client=pipe)
    check("scripts in a transaction pipeline", pipe.execute(),
          [[8, b'{"value":8}', 8], b"8", [9, b'{"value":9}', 9]])
    r.script_flush()
    pipe = r.pipeline(transaction=False)
    incr_by(keys=["py:n"], args=[10], client=pipe)
    check("script in a pipeline after SCRIPT FLUSH", pipe.execute(), [[19, b'{"value":19}', 19]])
    check("EVAL_RO", r.eval_ro("return redis.call('get', KEYS[1])", 1, "py:n"), b"19")
    try:
        r.eval_ro("return redis.call('set', KEYS[1], 1)", 1, "py:n")
        raise AssertionError("EVAL_RO must refuse a write")
    except redis.ResponseError as e:
        check("EVAL_RO write error", str(e).startswith(
            "Write commands are not allowed from read-only scripts."), True)


def function_checks(r):
    r.function_flush()
    code = ("#!lua name=pylib\n"
            "redis.register_function('hset_ts', function(keys, args) "
            "return redis.call('hset', keys[1], args[1], args[2]) end)\n"
            "redis.register_function{function_name='hget_ro', callback=function(keys, args) "
            "return redis.call('hget', keys[1], args[1]) end, flags={'no-writes'}}")
    check("FUNCTION LOAD", r.function_load(code), b"pylib")
    check("FCALL", r.fcall("hset_ts", 1, "py:h", "f", "v"), 1)
    check("FCALL_RO", r.fcall_ro("hget_ro", 1, "py:h", "f"), b"v")
    listed = r.function_list()
    check("FUNCTION LIST names the library", listed[0][b"library_name"] if isinstance(
        listed[0], dict) else listed[0][1], b"pylib")
    dumped = r.function_dump()
    r.function_flush()
    check("FUNCTION RESTORE", r.function_restore(dumped), True)
    check("FCALL after RESTORE", r.fcall_ro("hget_ro", 1, "py:h", "f"), b"v")


def limits_checks(port):
    backend = storage.RedisStorage(f"redis://127.0.0.1:{port}")
    limiter = strategies.MovingWindowRateLimiter(backend)
    item = parse("5/minute")
    results = [limiter.hit(item, "py", "user1") for _ in range(7)]
    check("moving window: 5 of 7 hits allowed", results, [True] * 5 + [False] * 2)
    check("moving window: other user unaffected", limiter.hit(item, "py", "user2"), True)
    check("moving window: test() when full", limiter.test(item, "py", "user1"), False)
    reset, remaining = limiter.get_window_stats(item, "py", "user1")
    check("moving window stats: remaining", remaining, 0)
    check("moving window stats: reset in the future", reset > time.time(), True)
    limiter.clear(item, "py", "user1")
    check("moving window after clear", limiter.hit(item, "py", "user1"), True)
    fixed = strategies.FixedWindowRateLimiter(backend)
    check("fixed window (incr_expire script)", [fixed.hit(parse("2/minute"), "fx") for _ in
                                                range(3)], [True, True, False])


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as directory:
        proc, port = start(binary, directory)
        try:
            r = redis.Redis(port=port)
            lock_checks(r)
            script_checks(r)
            function_checks(r)
            limits_checks(port)
        finally:
            proc.terminate()
            proc.wait(10)
    print("all checks passed")


if __name__ == "__main__":
    main()
