#!/usr/bin/env bash
# Builds the libFuzzer target for the SNMP message decoder and runs it for a bounded time.
#   scripts/fuzz.sh [SECONDS]     (default 60)
# Seeds come from the codec test fixtures; a crashing input is copied into
# Tests/SNMPCodecTests/Fixtures/crashers/, where the unit tests replay it, and the script fails.
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$root/.build/fuzz}
mkdir -p "$work/corpus" "$work/artifacts"

binary=$work/fuzz-message-decoder
sources=$(find "$root/Sources/SNMPCodec" -name '*.swift' | sort)
newest_source=$(ls -t $sources "$root/FuzzTesting/FuzzMessageDecoder.swift" | head -1)
if [ ! -x "$binary" ] || [ "$newest_source" -nt "$binary" ]; then
    echo "fuzz: building $binary"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name SNMPCodecFuzz \
        $sources "$root/FuzzTesting/FuzzMessageDecoder.swift" -o "$binary" >"$work/build.log" 2>&1 \
        || { cat "$work/build.log"; exit 1; }
fi

# Seed with every recorded datagram (hex fixtures) and earlier crashers.
fixtures=$root/Tests/SNMPCodecTests/Fixtures
if [ -d "$fixtures" ]; then
    find "$fixtures" -name '*.hex' | while read -r f; do
        python3 -c "import sys; open(sys.argv[2], 'wb').write(bytes.fromhex(open(sys.argv[1]).read().strip()))" "$f" "$work/corpus/$(basename "$f" .hex)" 2>/dev/null || true
    done
    if [ -d "$fixtures/crashers" ]; then cp "$fixtures/crashers/"* "$work/corpus/" 2>/dev/null || true; fi
fi

echo "fuzz: running for ${seconds}s"
set +e
"$binary" -max_total_time="$seconds" -max_len=4096 -timeout=1 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" 2>"$work/log"
status=$?
set -e
grep -E 'stat::number_of_executed_units|Done' "$work/log" | tail -2 || true
if [ $status -ne 0 ]; then
    mkdir -p "$fixtures/crashers"
    for crash in "$work/artifacts/"*; do
        [ -f "$crash" ] || continue
        cp "$crash" "$fixtures/crashers/"
        echo "fuzz: crasher kept as Tests/SNMPCodecTests/Fixtures/crashers/$(basename "$crash")"
    done
    tail -30 "$work/log"
    exit 1
fi
