#!/usr/bin/env bash
# Runs every benchmark in tests/bench (or the one named) against the build in $1.
# Each benchmark prints its figures as `BENCH <name> <value> <unit>` lines.
#   tests/bench/run-benchmarks.sh build            # all
#   tests/bench/run-benchmarks.sh build engine     # those whose name starts with "engine"
# The whole output is also kept, behind a header naming the date, the machine and the commit,
# in tests/bench/results/<UTC date and time>-<filter or "all">.txt: the raw figures behind
# every number the README quotes (REDSCOPE_BENCH_RESULTS=0 keeps nothing).
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
filter=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
export REDSCOPE_BUILD_DIR="$build_dir"
if [[ "${REDSCOPE_BENCH_RESULTS:-1}" != 0 ]]; then
    mkdir -p "$here/results"
    results="$here/results/$(date -u +%Y-%m-%dT%H%M%SZ)-${filter:-all}.txt"
    exec > >(tee "$results") 2>&1
    commit=$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -n "$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null)" ]] &&
        commit+=" (with uncommitted changes)"
    echo "# date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "# machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 |
        sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2}') GiB," \
        "load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -sr)"
    echo "# commit: $commit"
    echo "# redis-server: $(redis-server --version | head -n1)"
    echo "# command: make bench${filter:+ BENCH=$filter}; environment:" \
        "$(env | grep '^REDSCOPE_BENCH_' | sort | tr '\n' ' ')"
fi
status=0
ran=0
for bench in "$here"/bench_*.py "$here"/bench_*.sh; do
    [[ -e "$bench" ]] || continue # compiled benchmarks run from the build below
    name=$(basename "$bench")
    name=${name#bench_}
    name=${name%.*}
    if [[ -n "$filter" && "$name" != "$filter"* ]]; then continue; fi
    echo "== benchmark: $name"
    ran=$((ran + 1))
    case "$bench" in
    *.py) python3 "$bench" || status=1 ;;
    *.sh) bash "$bench" || status=1 ;;
    esac
done
for binary in "$build_dir"/bin/bench_*; do
    [[ -x "$binary" ]] || continue
    name=$(basename "$binary")
    name=${name#bench_}
    if [[ -n "$filter" && "$name" != "$filter"* ]]; then continue; fi
    echo "== benchmark: $name"
    ran=$((ran + 1))
    "$binary" || status=1
done
if [[ $ran -eq 0 ]]; then
    echo "no benchmark matches '$filter'" >&2
    exit 2
fi
exit $status
