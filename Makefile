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

.PHONY: all deps configure build run test test-release test-asan bench clean

all: build

deps:
	@packaging/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake --preset release

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

run: build
	$(BUILD_DIR)/bin/redscope

test: build test-release test-asan

test-release:
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS) $(CTEST_ARGS)

# Engine tests again under AddressSanitizer + UndefinedBehaviorSanitizer (engine only, no GUI).
test-asan: deps
	cmake --preset asan
	cmake --build $(ASAN_DIR) -j$(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j$(JOBS) -L engine $(CTEST_ARGS)

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
	rm -rf $(BUILD_DIR) $(ASAN_DIR) build-debug
