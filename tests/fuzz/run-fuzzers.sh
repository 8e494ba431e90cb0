#!/bin/sh
# Runs each libFuzzer target for a fixed time and prints one line per target:
#   FUZZ <target> executions=<n> crashes=<n> corpus=<files> seconds=<s>
# Usage: run-fuzzers.sh <build-dir> <seconds-per-target> [target...]
# Targets run two at a time (JOBS, default 2). Each starts from the committed seeds in
# tests/fuzz/corpus/<name>/ plus what earlier runs found (<build-dir>/fuzz-corpus/<name>/,
# never the source tree). A crash, leak, timeout, OOM or sanitizer report leaves its input
# in <build-dir>/fuzz-artifacts/<name>/ and makes the script exit 1.
set -u
build=$1
seconds=$2
shift 2
targets=${*:-"resp inline rdb rdb_visitor aof restore function_restore script_reply"}
jobs=${JOBS:-2}
src=$(cd "$(dirname "$0")" && pwd)
status=0

run_one() {
    name=$1
    bin="$build/bin/fuzz_$name"
    work="$build/fuzz-corpus/$name"
    artifacts="$build/fuzz-artifacts/$name"
    log="$build/fuzz-logs/$name.log"
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    dict=""
    [ -f "$src/$name.dict" ] && dict="-dict=$src/$name.dict"
    # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a runaway allocation.
    # Leak checking stays on (ASan), -detect_leaks is libFuzzer's default.
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" $dict "$work" "$src/corpus/$name" \
        >"$log" 2>&1
    echo $? >"$log.rc"
}

if [ ! -x "$build/bin/fuzz_resp" ]; then
    echo "run-fuzzers.sh: no fuzz targets in $build/bin (cmake --preset fuzz first)" >&2
    exit 2
fi

running=0
for t in $targets; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

for t in $targets; do
    log="$build/fuzz-logs/$t.log"
    rc=$(cat "$log.rc" 2>/dev/null || echo 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    # libFuzzer stops at the first finding, so this is 0 or 1 per run.
    found=$(grep -c -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log")
    [ "$rc" -ne 0 ] && [ "$found" -eq 0 ] && found=1
    files=$(find "$build/fuzz-corpus/$t" -type f | wc -l)
    echo "FUZZ $t executions=${execs:-0} crashes=$found corpus=$files seconds=$seconds"
    if [ "$rc" -ne 0 ] || [ "$found" -ne 0 ]; then
        status=1
        echo "---- $t: $log (inputs in $build/fuzz-artifacts/$t/)"
        grep -E -A 30 'ERROR: |runtime error:' "$log" | head -n 60
    fi
done
exit $status
