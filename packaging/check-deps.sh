#!/usr/bin/env bash
# Checks that everything a configured build uses comes from packaging/debian-build-deps.txt.
#
# Why: a package that a developer's machine happens to have (libqt6opengl6-dev, which Debian
# only recommends) hides a missing line in the list, and a fresh Debian 12 then stops at
# configure. So after configure, every file the build used is traced to the Debian package that
# owns it (dpkg -S), and that package must be a listed one, a package a listed one Depends on
# (apt-cache depends --recurse, no Recommends/Suggests), or an Essential one (always present):
#   - the CMake package configs the build found (the *_DIR entries of CMakeCache.txt),
#   - the pkg-config files of every module pkg_check_modules asked for, and the modules those
#     require,
#   - every file the generated build runs or links (compilers, moc, libraries),
#   - the programs the tests and packaging run (redis-server, sshd, Xvfb, ...), listed below.
# Usage: packaging/check-deps.sh BUILD_DIR. Exits 1 naming each file and its unlisted package.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: check-deps.sh BUILD_DIR}
cache="$build/CMakeCache.txt"
[[ -f "$cache" ]] || { echo "check-deps: no $cache (configure first)" >&2; exit 2; }

# Programs run by tests, benchmarks and packaging (not seen by CMake).
test_programs=(redis-server redis-cli redis-benchmark redis-check-rdb redis-check-aof
               sshd ssh-keygen openssl Xvfb xauth python3 dpkg-shlibdeps file rsvg-convert
               desktop-file-validate appstreamcli man clang clang++ ctest cpack ninja taskset)

mapfile -t listed < <(grep -v '^\s*#' "$here/debian-build-deps.txt" | grep -v '^\s*$')
declare -A allowed=()
while read -r pkg; do
    allowed[$pkg]=1
done < <(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
             --no-breaks --no-replaces --no-enhances "${listed[@]}" | grep -v '^ ' | tr -d '<>')

# Paths to check, with what used them; owners are looked up in one dpkg -S call at the end.
declare -A used_by=()
failures=()
check_file() {
    [[ -n "${used_by[$2]:-}" ]] || used_by[$2]=$1
}

# 1. CMake package configs.
while IFS='=' read -r key dir; do
    name=${key%%_DIR:PATH}
    [[ -d "$dir" ]] || continue
    for config in "$dir/${name}Config.cmake" "$dir/${name,,}-config.cmake" \
                  "$dir/${name}-config.cmake"; do
        [[ -f "$config" ]] && check_file "CMake package $name" "$config"
    done
done < <(grep -E '^[A-Za-z0-9_]+_DIR:PATH=/' "$cache")

# 2. pkg-config modules (with what they require, public and private).
modules=()
while IFS='=' read -r _ args; do
    IFS=';' read -ra words <<< "$args"
    for w in "${words[@]}"; do
        case "$w" in REQUIRED | QUIET | IMPORTED_TARGET | GLOBAL | NO_CMAKE_PATH | \
                     NO_CMAKE_ENVIRONMENT_PATH | "") ;; *) modules+=("${w%%[<>=]*}") ;; esac
    done
done < <(grep -E '^__pkg_config_arguments_[A-Za-z0-9_]+:INTERNAL=' "$cache")
declare -A seen_module=()
while ((${#modules[@]})); do
    m=${modules[0]}
    modules=("${modules[@]:1}")
    [[ -n "${seen_module[$m]:-}" ]] && continue
    seen_module[$m]=1
    pc=$(pkg-config --path "$m" 2>/dev/null || true)
    if [[ -z "$pc" ]]; then
        failures+=("pkg-config module $m: not found")
        continue
    fi
    check_file "pkg-config module $m" "$pc"
    while read -r req _; do
        [[ -n "$req" ]] && modules+=("$req")
    done < <(pkg-config --print-requires --print-requires-private "$m" 2>/dev/null)
done

# 3. Every file the generated build runs or links (compilers, moc, libraries) and the cache's
#    compiler and launcher entries. Cache entries that no build rule uses (FindOpenGL records
#    libGLU and libEGL when some other package brought them) are not dependencies.
while read -r p; do
    [[ -f "$p" ]] && check_file "build rule" "$p"
done < <(cat "$build"/*.ninja | grep -oE '(^|[ "=])/(usr|lib|bin|sbin)/[^ :;"$]+' |
             sed -E 's/^[ "=]//' | sort -u)
while IFS='=' read -r key value; do
    [[ -f "$value" ]] && check_file "${key%%:*}" "$value"
done < <(grep -E '^CMAKE_(C|CXX)_COMPILER(_LAUNCHER)?:[A-Z]+=/|^CCACHE_PROGRAM:FILEPATH=/' "$cache")

# 4. Programs the tests and packaging run.
for prog in "${test_programs[@]}"; do
    path=$(PATH="$PATH:/usr/sbin:/sbin" command -v "$prog" || true)
    if [[ -z "$path" ]]; then
        failures+=("program $prog: not installed")
        continue
    fi
    check_file "program $prog" "$path"
done

# Debian 12 is usrmerged: dpkg may have recorded /lib/... for /usr/lib/... (and the other way
# round), or the target of a symlink. Each path is asked in all its forms.
declare -A form_of=()
for path in "${!used_by[@]}"; do
    forms=("$path")
    real=$(readlink -f "$path" 2>/dev/null || true)
    [[ -n "$real" && "$real" != "$path" ]] && forms+=("$real")
    for f in "${forms[@]}"; do
        case "$f" in /usr/*) forms+=("${f#/usr}") ;; *) forms+=("/usr$f") ;; esac
    done
    for f in "${forms[@]}"; do form_of[$f]+="$path"$'\n'; done
done
declare -A owner=()
while IFS= read -r line; do
    [[ "$line" == diversion* || "$line" != *": /"* ]] && continue
    pkg=${line%%: /*}
    pkg=${pkg%%,*}
    pkg=${pkg%%:*}
    file=/${line#*: /}
    while IFS= read -r path; do
        [[ -n "$path" && -z "${owner[$path]:-}" ]] && owner[$path]=$pkg
    done <<< "${form_of[$file]:-}"
done < <(printf '%s\n' "${!form_of[@]}" | xargs -d '\n' dpkg -S 2>/dev/null || true)

declare -A essential=()
for path in "${!used_by[@]}"; do
    what=${used_by[$path]}
    pkg=${owner[$path]:-}
    if [[ -z "$pkg" ]]; then
        # Only /usr and /lib paths are expected to be packaged; /usr/local never is.
        case "$path" in
            /usr/local/*) failures+=("$what: $path is not from a Debian package (/usr/local)") ;;
            /usr/* | /lib*/* | /bin/* | /sbin/*) failures+=("$what: $path belongs to no package") ;;
        esac
        continue
    fi
    [[ -n "${allowed[$pkg]:-}" ]] && continue
    if [[ -z "${essential[$pkg]:-}" ]]; then
        essential[$pkg]=$(dpkg-query -W -f='${Essential}' "$pkg" 2>/dev/null || echo no)
    fi
    [[ "${essential[$pkg]}" == yes ]] && continue
    failures+=("$what: $path comes from $pkg, which packaging/debian-build-deps.txt does not list (nor any listed package Depends on it)")
done

if ((${#failures[@]})); then
    echo "check-deps: ${#failures[@]} file(s) used by the build or the tests are not covered by" \
         "packaging/debian-build-deps.txt:"
    printf '  %s\n' "${failures[@]}"
    exit 1
fi
echo "check-deps: ${#used_by[@]} files used by the build and tests, all from listed packages" \
     "or their dependencies (${#listed[@]} listed, ${#allowed[@]} in the closure)"
