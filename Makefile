# Netwarden: the two commands are `make run` and `make test` (see README.md).
SWIFT ?= swift
CONFIG ?= debug
FUZZ_SECONDS ?= 60
BIN = .build/$(CONFIG)/netwarden

.PHONY: all build release deps peers run install test unit-test fuzz bench-smoke clean

all: build

deps:
	@scripts/install-deps.sh

peers:
	@scripts/install-deps.sh --peers

build: deps
	$(SWIFT) build -c $(CONFIG)

release:
	$(SWIFT) build -c release --static-swift-stdlib

# The daemon on the embedded SQLite default with config/netwarden.yaml, watching simulated
# recordings of real devices and the local snmpd (scripts/demo.sh); Ctrl-C stops it.
run: peers
	$(SWIFT) build -c release --static-swift-stdlib
	scripts/demo.sh .build/release/netwarden

# A real server: the binary, the config and the MIBs in the usual places, and a systemd unit.
PREFIX ?= /usr/local
install: release
	install -D -m 0755 .build/release/netwarden $(DESTDIR)$(PREFIX)/bin/netwarden
	install -d $(DESTDIR)/etc/netwarden $(DESTDIR)/usr/share/netwarden/mibs $(DESTDIR)/var/lib/netwarden
	for f in config/*.yaml; do [ -e $(DESTDIR)/etc/netwarden/$$(basename $$f) ] || install -m 0640 $$f $(DESTDIR)/etc/netwarden/; done
	sed -i 's|path: ../var/netwarden.sqlite|path: /var/lib/netwarden/netwarden.sqlite|; s|^mib_dirs: \[../mibs\]|mib_dirs: [/usr/share/netwarden/mibs]|' $(DESTDIR)/etc/netwarden/netwarden.yaml
	install -m 0644 mibs/* $(DESTDIR)/usr/share/netwarden/mibs/
	install -D -m 0644 scripts/netwarden.service $(DESTDIR)/etc/systemd/system/netwarden.service

# Everything `swift test` runs (unit tests and end-to-end tests against real snmpd and
# snmpsim, which the tests start themselves), a bounded fuzzing run, and a benchmark smoke.
test: peers
	$(SWIFT) build --build-tests
	# One suite at a time: many suites run real sockets, daemons and timing, and on two cores in
	# parallel they starve each other (the unit suites take 2 minutes this way).
	$(SWIFT) test --skip-build --skip EndToEndTests --no-parallel
	$(SWIFT) test --skip-build --filter EndToEndTests --no-parallel
	scripts/fuzz.sh $(FUZZ_SECONDS)
	benchmarks/run.sh --smoke
	benchmarks/store.sh --smoke

unit-test:
	$(SWIFT) test --skip EndToEndTests

fuzz:
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build
