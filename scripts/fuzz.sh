#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for a bounded time:
#   SNMP message decoder   seeds: Tests/SNMPCodecTests/Fixtures/*.hex
#   passive discovery's frame decoder   seeds: Tests/PassiveDiscoveryTests/Fixtures/frames/*.hex
#   scripts/fuzz.sh [SECONDS] [snmp|frames|all]     (default 60 each, all)
# A crashing input is copied into the target's Fixtures/crashers/, where the unit tests replay
# it, and the script fails.
set -euo pipefail
seconds=${1:-60}
which=${2:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
base=${FUZZ_WORK:-$root/.build/fuzz}

# fuzz NAME MODULE ENTRY FIXTURES SEEDS SOURCES...
fuzz() {
    local name=$1 module=$2 entry=$3 fixtures=$4 seeds=$5
    shift 5
    local work=$base/$name
    mkdir -p "$work/corpus" "$work/artifacts"
    local binary=$work/fuzz-$name
    local newest_source
    newest_source=$(ls -t "$@" "$entry" | head -1)
    if [ ! -x "$binary" ] || [ "$newest_source" -nt "$binary" ]; then
        echo "fuzz: building $binary"
        swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name "$module" \
            "$@" "$entry" -o "$binary" >"$work/build.log" 2>&1 \
            || { cat "$work/build.log"; exit 1; }
    fi

    # Seed with the recorded inputs (hex fixtures) and earlier crashers.
    if [ -d "$seeds" ]; then
        find "$seeds" -name '*.hex' | while read -r f; do
            python3 -c "import sys; open(sys.argv[2], 'wb').write(bytes.fromhex(open(sys.argv[1]).read().strip()))" "$f" "$work/corpus/$(basename "$f" .hex)" 2>/dev/null || true
        done
    fi
    if [ -d "$fixtures/crashers" ]; then cp "$fixtures/crashers/"* "$work/corpus/" 2>/dev/null || true; fi

    echo "fuzz: $name for ${seconds}s"
    set +e
    "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=1 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/" "$work/corpus" 2>"$work/log"
    local status=$?
    set -e
    grep -E 'stat::number_of_executed_units|Done' "$work/log" | tail -2 || true
    if [ $status -ne 0 ]; then
        mkdir -p "$fixtures/crashers"
        for crash in "$work/artifacts/"*; do
            [ -f "$crash" ] || continue
            cp "$crash" "$fixtures/crashers/"
            echo "fuzz: crasher kept as ${fixtures#$root/}/crashers/$(basename "$crash")"
        done
        tail -30 "$work/log"
        exit 1
    fi
}

if [ "$which" = snmp ] || [ "$which" = all ]; then
    mapfile -t sources < <(find "$root/Sources/SNMPCodec" -name '*.swift' | sort)
    fuzz message-decoder SNMPCodecFuzz "$root/FuzzTesting/FuzzMessageDecoder.swift" \
        "$root/Tests/SNMPCodecTests/Fixtures" "$root/Tests/SNMPCodecTests/Fixtures" "${sources[@]}"
fi
if [ "$which" = frames ] || [ "$which" = all ]; then
    mapfile -t sources < <(find "$root/Sources/PassiveDiscovery/Frames" -name '*.swift' | sort)
    fuzz frame-decoder FrameDecoderFuzz "$root/FuzzTesting/FuzzFrameDecoder.swift" \
        "$root/Tests/PassiveDiscoveryTests/Fixtures" "$root/Tests/PassiveDiscoveryTests/Fixtures/frames" \
        "$root/Sources/PassiveDiscovery/Addresses.swift" "$root/Sources/PassiveDiscovery/Sighting.swift" "${sources[@]}"
fi
