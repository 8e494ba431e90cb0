#!/usr/bin/env bash
# Runs every benchmark in tests/bench (or the one named) against the build in $1.
# Each benchmark prints its figures as `BENCH <name> <value> <unit>` lines.
#   tests/bench/run-benchmarks.sh build            # all
#   tests/bench/run-benchmarks.sh build engine     # those whose name starts with "engine"
set -euo pipefail
build_dir=$(cd "${1:-build}" && pwd)
filter=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
export REDSCOPE_BUILD_DIR="$build_dir"
status=0
ran=0
for bench in "$here"/bench_*; do
    name=$(basename "$bench")
    name=${name#bench_}
    name=${name%.*}
    if [[ -n "$filter" && "$name" != "$filter"* ]]; then continue; fi
    echo "== benchmark: $name"
    ran=$((ran + 1))
    case "$bench" in
    *.py) python3 "$bench" || status=1 ;;
    *.sh) bash "$bench" || status=1 ;;
    *) if [[ -x "$build_dir/bin/$(basename "$bench")" ]]; then "$build_dir/bin/$(basename "$bench")" || status=1; fi ;;
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
