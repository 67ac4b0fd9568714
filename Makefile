# Netwarden: the two commands are `make run` and `make test` (see README.md).
SWIFT ?= swift
CONFIG ?= debug
FUZZ_SECONDS ?= 60
BIN = .build/$(CONFIG)/netwarden

.PHONY: all build release deps peers run test unit-test fuzz bench-smoke clean

all: build

deps:
	@scripts/install-deps.sh

peers:
	@scripts/install-deps.sh --peers

build: deps
	$(SWIFT) build -c $(CONFIG)

release:
	$(SWIFT) build -c release --static-swift-stdlib

# Until the daemon lands: serve recordings of real devices with `netwarden simulate`
# and walk one of them, then keep the simulator running (Ctrl-C stops it).
run: deps
	$(SWIFT) build -c release --static-swift-stdlib
	scripts/demo.sh .build/release/netwarden

# Everything `swift test` runs (unit tests and end-to-end tests against real snmpd and
# snmpsim, which the tests start themselves), a bounded fuzzing run, and a benchmark smoke.
test: peers
	$(SWIFT) build --build-tests
	$(SWIFT) test
	scripts/fuzz.sh $(FUZZ_SECONDS)
	benchmarks/run.sh --smoke
	benchmarks/store.sh --smoke

unit-test:
	$(SWIFT) test --skip EndToEndTests

fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build
