# Redscope: the two commands a new user needs are `make run` and `make test`.
# Everything else here serves those two, or benchmarks and packaging.
JOBS ?= 2
BUILD_DIR := build
ASAN_DIR := build-asan
CTEST_ARGS ?=
BENCH ?=
# ccache keys on paths relative to the checkout, so a fresh clone (CI) reuses earlier builds.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps configure check-deps build run test test-release test-asan bench clean

all: build

deps:
	@packaging/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake --preset release

configure: $(BUILD_DIR)/build.ninja

# Every file the configured build uses, and every program the tests run, must come from a
# package that packaging/debian-build-deps.txt lists (or one it depends on): a package that
# only this machine has fails here, not on a user's fresh Debian 12.
check-deps: deps configure
	packaging/check-deps.sh $(BUILD_DIR)

build: deps configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	$(BUILD_DIR)/bin/redscope

test: check-deps build test-release test-asan test-fuzz

test-release: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# Every suite again, engine, app and GUI, under AddressSanitizer + UndefinedBehaviorSanitizer
# (build-asan/, -O1): the GUI is where a reply callback can outlive its widget. Leaks inside
# Qt's and the system's libraries are suppressed in tests/asan/lsan.supp, never our own.
test-asan: deps
	cmake --preset asan
	cmake --build $(ASAN_DIR) -j$(JOBS)
	# ASan's redzones make each frame several times larger: a Lua table that contains itself
	# recurses to Lua's own limit (the depth redis-server stops at), which needs more than
	# the default 8 MB of stack under ASan. The servers the tests start inherit the limit.
	cd $(ASAN_DIR) && { ulimit -s 131072 2>/dev/null || true; } && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/asan/lsan.supp:print_suppressions=0 \
	    ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# libFuzzer targets (tests/fuzz, clang + ASan/UBSan, build-fuzz/): `make fuzz` runs each for
# FUZZ_SECONDS (`make fuzz FUZZ_SECONDS=3600` for a deep run); `make test` runs each for 30 s.
# Any crash, leak, hang or sanitizer report fails; its input is kept in build-fuzz/fuzz-artifacts.
FUZZ_DIR := build-fuzz
FUZZ_SECONDS ?= 300
FUZZ_TEST_SECONDS ?= 30
.PHONY: fuzz fuzz-build test-fuzz
fuzz-build: deps
	cmake --preset fuzz
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzz_resp fuzz_inline fuzz_rdb fuzz_rdb_visitor fuzz_aof \
	    fuzz_restore fuzz_function_restore fuzz_script_reply
	cd $(FUZZ_DIR) && ctest --output-on-failure -L fuzz

fuzz: fuzz-build
	JOBS=$(JOBS) tests/fuzz/run-fuzzers.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

test-fuzz: fuzz-build
	JOBS=$(JOBS) tests/fuzz/run-fuzzers.sh $(FUZZ_DIR) $(FUZZ_TEST_SECONDS)

bench: build
	tests/bench/run-benchmarks.sh $(BUILD_DIR) $(BENCH)

# Installers with CPack into $(BUILD_DIR)/packages: redscope_<version>_amd64.deb and a .tar.gz.
.PHONY: package package-test
package: build
	cd $(BUILD_DIR) && cpack -G "DEB;TGZ"

# Unpacks and runs the packages (and installs the .deb with apt when CI=true and root).
package-test: package
	packaging/package-test.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) build-debug $(FUZZ_DIR)
