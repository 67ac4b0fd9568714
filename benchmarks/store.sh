#!/usr/bin/env bash
# Store benchmarks: interface sample cycles and syslog with FTS5 (issues 5 and 6).
#
#   benchmarks/store.sh [--smoke] [samples|syslog|syslog-e2e|fts-variants|all]   (default: all)
#
# Full runs use a release build, a scratch database under ${STORE_BENCH_DIR:-/tmp/netwarden-store-bench}
# (removed afterwards) and write their Markdown to benchmarks/results/store-*.md.
# Sizes: SAMPLES_CYCLES (default 30 cycles of 240,000 interfaces), SYSLOG_MESSAGES (default 5,000,000,
# also for syslog-e2e: a TCP sender into `netwarden daemon`, stored and indexed; benchmarks/syslog_e2e.py).
set -euo pipefail
cd "$(dirname "$0")/.."
smoke=0
if [ "${1:-}" = "--smoke" ]; then smoke=1; shift; fi
what=${1:-all}
if [ $smoke = 1 ]; then FLAGS="-c debug"; else FLAGS="-c release"; fi
# BENCH_SCRATCH=.build-release keeps the release build out of .build (as in run.sh).
[ -n "${BENCH_SCRATCH:-}" ] && FLAGS="$FLAGS --scratch-path $BENCH_SCRATCH"
swift build $FLAGS --product store-bench >/dev/null
BIN=$(swift build $FLAGS --show-bin-path)/store-bench
DIR=${STORE_BENCH_DIR:-/tmp/netwarden-store-bench}
OUT=benchmarks/results
mkdir -p "$DIR" "$OUT"
record() { if [ $smoke = 1 ]; then cat; else tee "$OUT/$1"; fi; }

bench_samples() {
  rm -f "$DIR"/samples.sqlite* "$DIR"/samples.syslog-index.sqlite*
  local args=(--devices 10000 --interfaces 24 --cycles "${SAMPLES_CYCLES:-30}")
  [ $smoke = 1 ] && args=(--devices 20 --interfaces 4 --cycles 6)
  { echo "### samples: $BIN samples DB ${args[*]}"; echo; "$BIN" samples "$DIR/samples.sqlite" "${args[@]}"; } | record store-samples.md
  rm -f "$DIR"/samples.sqlite* "$DIR"/samples.syslog-index.sqlite*
}

bench_syslog() {
  rm -f "$DIR"/syslog.sqlite* "$DIR"/syslog.syslog-index.sqlite*
  local n=${SYSLOG_MESSAGES:-5000000}
  [ $smoke = 1 ] && n=5000
  { echo "### syslog: $BIN syslog DB --messages $n"; echo; "$BIN" syslog "$DIR/syslog.sqlite" --messages "$n"; } | record store-syslog.md
  rm -f "$DIR"/syslog.sqlite* "$DIR"/syslog.syslog-index.sqlite*
}

bench_syslog_e2e() {
  swift build $FLAGS --product netwarden >/dev/null
  swift build $FLAGS --product netwarden-bench >/dev/null
  local bin; bin=$(swift build $FLAGS --show-bin-path)
  local n=${SYSLOG_MESSAGES:-5000000}
  [ $smoke = 1 ] && n=20000
  python3 benchmarks/syslog_e2e.py "$bin/netwarden" "$bin/netwarden-bench" "$DIR/e2e" "$n" | record store-syslog-e2e.md
  rm -rf "$DIR/e2e"
}

# External-content vs contentless FTS5 (and detail=column), same messages, same SQLite (3.40.1).
bench_fts_variants() {
  local n=${FTS_VARIANT_MESSAGES:-1000000}
  [ $smoke = 1 ] && n=2000
  python3 benchmarks/fts_variants.py "$DIR" "$n" | record store-fts-variants.md
}

case $what in
  samples) bench_samples ;;
  syslog) bench_syslog ;;
  syslog-e2e) bench_syslog_e2e ;;
  fts-variants) bench_fts_variants ;;
  all) bench_samples; bench_syslog; bench_syslog_e2e; bench_fts_variants ;;
  *) echo "unknown benchmark: $what" >&2; exit 2 ;;
esac
