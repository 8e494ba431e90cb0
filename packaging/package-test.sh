#!/usr/bin/env bash
# Checks the installers that `make package` left in BUILD_DIR/packages (default: build/):
# unpacks the .deb with dpkg-deb -x into a scratch root and the .tar.gz into a deep scratch
# folder, runs both binaries from there (`redscope --version` offscreen, `redscope-server`
# with the shipped loopback config on a free port, PINGed with redis-cli and stopped by PID),
# and validates the package metadata, desktop entry, AppStream metainfo, icons, man pages and
# systemd unit. With CI=true as root (a disposable machine) it also installs the .deb with apt,
# runs the installed binaries, and purges the package again.
#
# Usage: packaging/package-test.sh [BUILD_DIR]     (`make package-test` builds first)
# Ends with "N passed, N failed"; exits non-zero when anything failed.
# shellcheck disable=SC2015  # "test && pass || fail": pass only echoes, so it never fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build_dir=$(cd "${1:-$here/../build}" && pwd)
app_id=io.github.redscope.Redscope

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { # check "description" command...: pass when the command succeeds
    local what=$1
    shift
    if "$@" >"$scratch/check.log" 2>&1; then pass "$what"; else
        fail "$what"
        sed 's/^/     | /' "$scratch/check.log" | head -40
    fi
}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/redscope-package-test.XXXXXX")
server_pid=
installed_here=
cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [[ -n "$installed_here" ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq redscope >/dev/null 2>&1 || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT
start=$SECONDS

version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
arch=$(dpkg --print-architecture)
deb=$build_dir/packages/redscope_${version}_${arch}.deb
tgz=$(find "$build_dir/packages" -maxdepth 1 -name "redscope-${version}-Linux-*.tar.gz" \
    2>/dev/null | head -1)
if [[ -z "$version" || ! -f "$deb" || -z "$tgz" ]]; then
    echo "package-test: no packages for version '${version}' in $build_dir/packages;" \
         "run 'make package' first" >&2
    exit 1
fi
echo "Testing $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)" \
     "and $(basename "$tgz") ($(du -k "$tgz" | cut -f1) KiB)"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0));
print(s.getsockname()[1])'
}

# run_server BIN CONF DATA_DIR: starts the server with the shipped config on a free loopback
# port, PINGs it, checks the config's loopback bind was read, stops it by PID (clean exit).
run_server() {
    local bin=$1 conf=$2 data=$3 where=$4 port i reply
    port=$(free_port)
    mkdir -p "$data"
    "$bin" "$conf" --port "$port" --dir "$data" --save "" >"$data/server.log" 2>&1 &
    server_pid=$!
    reply=
    for ((i = 0; i < 100; i++)); do
        reply=$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null || true)
        [[ "$reply" == PONG ]] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ "$reply" == PONG ]]; then pass "$where redscope-server answers PING on port $port"
    else
        fail "$where redscope-server answers PING on port $port (got '$reply')"
        sed 's/^/     | /' "$data/server.log" | tail -20
    fi
    local bind
    bind=$(redis-cli -h 127.0.0.1 -p "$port" config get bind 2>/dev/null | tail -1 || true)
    [[ "$bind" == "127.0.0.1 -::1" ]] && pass "$where server config binds loopback only ($bind)" \
        || fail "$where server config binds loopback only (bind='$bind')"
    local status=0
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" || status=$?
    server_pid=
    [[ $status -eq 0 ]] && pass "$where redscope-server stops cleanly on SIGTERM" \
        || fail "$where redscope-server stops cleanly on SIGTERM (exit $status)"
}

# check_tree ROOT PREFIX WHERE: the binaries and data files under an unpacked or installed tree.
check_tree() {
    local root=$1 prefix=$2 where=$3 out
    out=$(QT_QPA_PLATFORM=offscreen "$prefix/bin/redscope" --version 2>&1 || true)
    [[ "$out" == *"$version"* ]] && pass "$where redscope --version: $out" \
        || fail "$where redscope --version (got '$out')"
    out=$("$prefix/bin/redscope-server" --version 2>&1 || true)
    [[ "$out" == *"v=$version"* ]] && pass "$where redscope-server --version: $out" \
        || fail "$where redscope-server --version (got '$out')"
    out=$(ldd "$prefix/bin/redscope" "$prefix/bin/redscope-server" 2>&1 | grep 'not found' || true)
    [[ -z "$out" ]] && pass "$where all shared libraries resolve" \
        || fail "$where shared libraries missing: $out"
}

# ----------------------------------------------------------------------------- the .deb
field() { dpkg-deb -f "$deb" "$1"; }
[[ "$(field Package)" == redscope ]] && pass "deb Package: redscope" || fail "deb Package"
[[ "$(field Version)" == "$version" ]] && pass "deb Version: $version" || fail "deb Version"
[[ "$(field Architecture)" == "$arch" ]] && pass "deb Architecture: $arch" \
    || fail "deb Architecture"
for f in Section Maintainer Homepage Description Installed-Size; do
    [[ -n "$(field "$f")" ]] && pass "deb $f: $(field "$f" | head -1)" || fail "deb has $f"
done
depends=$(field Depends)
for lib in libc6 libstdc++6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libhiredis \
    libssh; do
    [[ "$depends" == *"$lib"* ]] && pass "deb Depends (from dpkg-shlibdeps) has $lib" \
        || fail "deb Depends has $lib: '$depends'"
done
mkdir -p "$scratch/control"
dpkg-deb -e "$deb" "$scratch/control"
grep -qx /etc/redscope/redscope-server.conf "$scratch/control/conffiles" \
    && pass "deb conffiles lists /etc/redscope/redscope-server.conf" || fail "deb conffiles"

root=$scratch/deb-root
dpkg-deb -x "$deb" "$root"
share=$root/usr/share
for path in usr/bin/redscope usr/bin/redscope-server \
    usr/share/applications/redscope.desktop usr/share/metainfo/$app_id.metainfo.xml \
    usr/share/icons/hicolor/scalable/apps/redscope.svg \
    usr/share/man/man1/redscope.1.gz usr/share/man/man1/redscope-server.1.gz \
    usr/lib/systemd/system/redscope-server.service etc/redscope/redscope-server.conf; do
    [[ -f "$root/$path" ]] && pass "deb has /$path" || fail "deb has /$path"
done
[[ ! -e "$root/usr/etc" ]] && pass "deb has no /usr/etc" || fail "deb has no /usr/etc"
for size in 16 22 24 32 48 64 128 256 512; do
    png=$share/icons/hicolor/${size}x${size}/apps/redscope.png
    file "$png" 2>/dev/null | grep -q "PNG image data, $size x $size" \
        && pass "deb icon ${size}x${size} PNG" || fail "deb icon ${size}x${size} PNG"
done

check_tree "$root" "$root/usr" "deb (unpacked):"
run_server "$root/usr/bin/redscope-server" "$root/etc/redscope/redscope-server.conf" \
    "$scratch/deb-data" "deb (unpacked):"

check "desktop-file-validate redscope.desktop" \
    desktop-file-validate "$share/applications/redscope.desktop"
check "appstreamcli validate --no-net $app_id.metainfo.xml" \
    appstreamcli validate --no-net "$share/metainfo/$app_id.metainfo.xml"
check "appstreamcli validate-tree --no-net (metainfo, desktop entry and icon agree)" \
    appstreamcli validate-tree --no-net "$root"
release=$(grep -o '<release version="[^"]*"' "$share/metainfo/$app_id.metainfo.xml" | head -1 |
    sed 's/.*version="\([^"]*\)"/\1/')
[[ "$release" == "$version" ]] && pass "metainfo newest <release> is $version" \
    || fail "metainfo newest <release> is '$release', project version $version: add a release"
for page in redscope redscope-server; do
    gz=$share/man/man1/$page.1.gz
    zcat "$gz" | grep -q "Redscope $version" && pass "man page $page(1) shows version $version" \
        || fail "man page $page(1) shows version $version"
    if command -v man >/dev/null; then
        check "man page $page(1) renders without warnings" bash -c \
            "out=\$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l '$gz' 2>&1 >/dev/null); \
             echo \"\$out\"; [[ -z \"\$out\" ]]"
    fi
done
if command -v systemd-analyze >/dev/null; then
    # Verified with ExecStart pointing at the unpacked binary (the real path is checked after
    # the apt install below); --man=no because the man page is not installed yet.
    mkdir -p "$scratch/unit"
    sed "s#/usr/bin/redscope-server#$root/usr/bin/redscope-server#" \
        "$root/usr/lib/systemd/system/redscope-server.service" \
        >"$scratch/unit/redscope-server.service"
    check "systemd-analyze verify redscope-server.service" bash -c \
        "systemd-analyze verify --man=no '$scratch/unit/redscope-server.service' 2>&1 | \
         tee /dev/stderr | grep -q . && exit 1 || exit 0"
fi

# ----------------------------------------------------------------------------- the .tar.gz
tar_root=$scratch/somewhere/else/entirely
mkdir -p "$tar_root"
bad=$(tar -tzf "$tgz" | grep -v "^redscope-$version-Linux-[^/]*/" || true)
[[ -z "$bad" ]] && pass "tar.gz has one top-level folder and relative paths only" \
    || fail "tar.gz entries outside its folder: $bad"
tar -xzf "$tgz" -C "$tar_root"
top=$(ls -d "$tar_root"/redscope-*)
for path in bin/redscope bin/redscope-server etc/redscope/redscope-server.conf \
    lib/systemd/system/redscope-server.service share/applications/redscope.desktop \
    share/man/man1/redscope-server.1.gz; do
    [[ -f "$top/$path" ]] && pass "tar.gz has $path" || fail "tar.gz has $path"
done
check_tree "$top" "$top" "tar.gz (relocated):"
run_server "$top/bin/redscope-server" "$top/etc/redscope/redscope-server.conf" \
    "$scratch/tgz-data" "tar.gz (relocated):"

# ----------------------------------------------------------------------------- apt install
if [[ "${CI:-}" == true && $(id -u) -eq 0 ]]; then
    if dpkg-query -W -f='${db:Status-Status}' redscope 2>/dev/null | grep -qx installed; then
        echo "note: redscope was installed before this test; it is replaced, then purged"
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -qq --no-install-recommends "$deb" >"$scratch/apt.log" 2>&1; then
        apt-get update -qq >/dev/null 2>&1 || true # dependencies may need fresh lists
        apt-get install -y -qq --no-install-recommends "$deb" >"$scratch/apt.log" 2>&1 || true
    fi
    if dpkg-query -W -f='${db:Status-Status}' redscope 2>/dev/null | grep -qx installed; then
        installed_here=1
        pass "apt-get install ./$(basename "$deb")"
        [[ "$(command -v redscope)" == /usr/bin/redscope ]] && pass "installed: redscope on PATH" \
            || fail "installed: redscope on PATH"
        [[ "$(command -v redscope-server)" == /usr/bin/redscope-server ]] \
            && pass "installed: redscope-server on PATH" || fail "installed: redscope-server on PATH"
        check_tree / /usr "installed:"
        run_server /usr/bin/redscope-server /etc/redscope/redscope-server.conf \
            "$scratch/installed-data" "installed:"
        if command -v man >/dev/null; then
            check "installed: man -w redscope-server" man -w redscope-server
        fi
        if command -v systemd-analyze >/dev/null; then
            check "installed: systemd-analyze verify redscope-server.service" bash -c \
                "systemd-analyze verify /usr/lib/systemd/system/redscope-server.service 2>&1 | \
                 tee /dev/stderr | grep -q . && exit 1 || exit 0"
        fi
        apt-get purge -y -qq redscope >"$scratch/apt.log" 2>&1 || true
        installed_here=
        [[ ! -e /usr/bin/redscope && ! -e /etc/redscope/redscope-server.conf ]] \
            && pass "apt-get purge redscope removes binaries and config" \
            || fail "apt-get purge redscope removes binaries and config"
    else
        fail "apt-get install ./$(basename "$deb")"
        sed 's/^/     | /' "$scratch/apt.log" | tail -20
    fi
else
    echo "skip apt-get install of the .deb (only with CI=true as root)"
fi

echo "package-test took $((SECONDS - start)) s"
echo "package-test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
