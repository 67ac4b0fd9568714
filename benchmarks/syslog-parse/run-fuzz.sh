#!/usr/bin/env bash
# Fuzzes SyslogParser and SyslogFramer with libFuzzer + AddressSanitizer for SECONDS (default 60).
# The fuzz entry is compiled with the module's sources by swiftc, because SwiftPM cannot link a libFuzzer
# executable (see shared BUILDING.md). Crashers land in $OUT (default /tmp/syslog-fuzz) as crash-*; replay them
# as unit tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${1:-60}"
out="${OUT:-/tmp/syslog-fuzz}"
mkdir -p "$out/corpus"
# Seed with the logger fixtures.
cp "$root"/Tests/SyslogTests/Fixtures/*.bin "$out/corpus/" 2>/dev/null || true
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name SyslogFuzz \
    $(find "$root/Sources/Syslog" -name '*.swift') "$here/fuzz.swift" -o "$out/syslog-fuzz"
cd "$out"
# Static tables (the default rule set) live until exit; LeakSanitizer would report them.
ASAN_OPTIONS=detect_leaks=0 ./syslog-fuzz -max_total_time="$seconds" -max_len=4096 -detect_leaks=0 -print_final_stats=1 corpus
