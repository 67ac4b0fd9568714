#!/usr/bin/env bash
# Benchmarks of Netwarden's SNMP engine and receivers against named peers, in one run on this machine.
#
#   benchmarks/run.sh [--smoke] [walk|decode|fleet|simulate|receivers|daemon-receivers|daemon|all]   (default: all)
#
# --smoke runs every benchmark at a tiny size, records nothing and only fails when a
# benchmark cannot run: `make test` calls it so that benchmarks never rot.
# Full runs print Markdown rows and write them to benchmarks/results/<bench>.md; the
# figures in benchmarks/RESULTS.md come from these files. Needs root (network namespaces).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
smoke=0
if [ "${1:-}" = "--smoke" ]; then smoke=1; shift; fi
what=${1:-all}

# Release binaries link the Swift runtime statically (as `make release` does): start-up is
# part of a command-line tool's cost.
if [ $smoke = 1 ]; then FLAGS="-c debug"; else FLAGS="-c release --static-swift-stdlib"; fi
# BENCH_SCRATCH=.build-release keeps the release build out of .build, so a debug build can run meanwhile.
[ -n "${BENCH_SCRATCH:-}" ] && FLAGS="$FLAGS --scratch-path $BENCH_SCRATCH"
swift build $FLAGS --product netwarden >/dev/null
swift build $FLAGS --product netwarden-bench >/dev/null
BIN=$(swift build $FLAGS --show-bin-path)
NW=$BIN/netwarden
NB=$BIN/netwarden-bench
LAB=$ROOT/scripts/lab/snmpd-lab
OUT=$ROOT/benchmarks/results
mkdir -p "$OUT"
record() {  # FILE: tee stdin into results unless smoke
  if [ $smoke = 1 ]; then cat; else tee "$OUT/$1"; fi
}

"${CC:-$(command -v cc || command -v clang)}" -O2 -shared -fPIC -o "$BIN/malloc-count.so" benchmarks/malloc-count.c -ldl

bench_walk() {
  local n=2000 rounds=5
  [ $smoke = 1 ] && n=20 && rounds=1
  "$LAB" up nwbench "$n" >/dev/null
  local agent_pid; agent_pid=$("$LAB" pid nwbench)
  local ift=1.3.6.1.2.1.2.2 ifx=1.3.6.1.2.1.31.1.1
  {
    echo "### walk: ifTable + ifXTable of $n interfaces from net-snmp snmpd (v2c, max-repetitions 25), output to a file"
    echo
    echo "| client | varbinds | client CPU (median of $rounds) | µs per varbind | ratio to snmpbulkwalk | wall |"
    echo "|---|---|---|---|---|---|"
    ip netns exec nwbench python3 benchmarks/cpu_runner.py $rounds \
      "netwarden walk=$NW walk -v2c -c public -Cr25 127.0.0.1 $ift $ifx" \
      "snmpbulkwalk=snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1 $ift; snmpbulkwalk -v2c -c public -Cr25 -On 127.0.0.1 $ifx" |
      python3 benchmarks/markdown_rows.py
    echo
    echo "SNMPv3 authPriv, SHA/AES (user u_sha_aes), same walk:"
    echo
    echo "| client | varbinds | client CPU (median of $rounds) | µs per varbind | ratio to snmpbulkwalk v3 | wall |"
    echo "|---|---|---|---|---|---|"
    local v3="-v3 -u u_sha_aes -l authPriv -a SHA -A authpass-u_sha_aes -x AES -X privpass-u_sha_aes"
    ip netns exec nwbench python3 benchmarks/cpu_runner.py $rounds \
      "netwarden walk v2c=$NW walk -v2c -c public -Cr25 127.0.0.1 $ift $ifx" \
      "netwarden walk v3=$NW walk $v3 -Cr25 127.0.0.1 $ift $ifx" \
      "snmpbulkwalk v3=snmpbulkwalk $v3 -Cr25 -On 127.0.0.1 $ift; snmpbulkwalk $v3 -Cr25 -On 127.0.0.1 $ifx" |
      python3 benchmarks/markdown_rows.py
    echo
    echo "Command: \`benchmarks/run.sh walk\` (agent PID $agent_pid in namespace nwbench)."
  } | record walk.md
  # The decode benchmark replays these responses.
  ip netns exec nwbench "$NB" record --output "$BIN/ifmib-responses.bin" 127.0.0.1 $ift $ifx >/dev/null
  "$LAB" down nwbench >/dev/null
}

bench_decode() {
  [ -f "$BIN/ifmib-responses.bin" ] || bench_walk
  local seconds=3; [ $smoke = 1 ] && seconds=0.2
  {
    echo "### decode: recorded GETBULK responses into typed varbinds (no I/O, no printing)"
    echo
    LD_PRELOAD=$BIN/malloc-count.so "$NB" decode --seconds $seconds "$BIN/ifmib-responses.bin" | sed 's/^/    /'
    echo
    echo "Command: \`benchmarks/run.sh decode\`."
  } | record decode.md
}

# CPU seconds (user + system) a process has used so far.
cpu_of() { awk '{ printf "%.3f", ($14 + $15) / 100 }' "/proc/$1/stat"; }

bench_fleet() {
  local count=10000; [ $smoke = 1 ] && count=200
  local last; last=$(python3 -c "import ipaddress; print(ipaddress.ip_address('127.1.0.1') + $count - 1)")
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true  # one socket per simulated address
  "$NW" simulate --recordings Tests/SNMPTests/Fixtures/recordings --listen "127.1.0.1-$last:161" 2>"$BIN/fleet-sim.log" &
  local sim=$!
  for _ in $(seq 1 100); do grep -q simulating "$BIN/fleet-sim.log" 2>/dev/null && break; sleep 0.2; done
  {
    echo "### fleet: one 20-varbind GET to each of $count simulated agents on loopback addresses, all at once"
    echo
    "$NB" fleet --first 127.1.0.1 --count "$count" --community lab-router --oids 20 --timeout 5 --retries 1 | sed 's/^/    /'
    echo
    echo "Simulator: \`netwarden simulate --listen 127.1.0.1-$last:161\` (one socket per address) on the same machine."
    echo "Command: \`benchmarks/run.sh fleet\`."
  } | record fleet.md
  kill $sim; wait $sim 2>/dev/null || true

  # SNMPv3: engine discovery and a first authPriv GET for 1,000 agents at once (issue 3).
  local v3count=1000; [ $smoke = 1 ] && v3count=50
  local v3last; v3last=$(python3 -c "import ipaddress; print(ipaddress.ip_address('127.2.0.1') + $v3count - 1)")
  "$NW" simulate --recordings Tests/SNMPTests/Fixtures/recordings --listen "127.2.0.1-$v3last:161" \
    --v3-users scripts/lab/snmpd-users.txt 2>"$BIN/fleet-v3-sim.log" &
  sim=$!
  for _ in $(seq 1 100); do grep -q simulating "$BIN/fleet-v3-sim.log" 2>/dev/null && break; sleep 0.2; done
  {
    echo "### fleet v3: engine discovery + first authPriv (SHA/AES) 20-varbind GET to each of $v3count simulated agents at once"
    echo
    "$NB" fleet --first 127.2.0.1 --count "$v3count" --community lab-router --oids 20 \
      --v3 u_sha_aes:SHA:authpass-u_sha_aes:AES:privpass-u_sha_aes | sed 's/^/    /'
    echo
    echo "Command: \`benchmarks/run.sh fleet\`."
  } | record fleet-v3.md
  kill $sim; wait $sim 2>/dev/null || true
}

bench_simulate() {
  local seconds=5; [ $smoke = 1 ] && seconds=1
  # The agent under test on core 0, the load generator on core 1.
  taskset -c 0 "$NW" simulate --recordings Tests/SNMPTests/Fixtures/recordings --listen 127.0.0.1:21300 2>/dev/null &
  local sim=$!
  sleep 2
  local before; before=$(cpu_of $sim)
  local load; load=$(taskset -c 1 "$NB" load --port 21300 --community lab-router --concurrency 256 --seconds $seconds 127.0.0.1)
  local after; after=$(cpu_of $sim)
  kill $sim; wait $sim 2>/dev/null || true
  "$LAB" up nwsimrate 4 >/dev/null
  local agent; agent=$("$LAB" pid nwsimrate)
  taskset -p -c 0 "$agent" >/dev/null
  local sbefore; sbefore=$(cpu_of "$agent")
  local sload; sload=$(ip netns exec nwsimrate taskset -c 1 "$NB" load --port 161 --community public --concurrency 256 --seconds $seconds 127.0.0.1)
  local safter; safter=$(cpu_of "$agent")
  "$LAB" down nwsimrate >/dev/null
  {
    echo "### simulate: single-varbind GETs answered per CPU-second of the agent (agent pinned to one core, load on the other)"
    echo
    echo "| agent | load generator | agent CPU | GETs per agent CPU-second |"
    echo "|---|---|---|---|"
    python3 - "$load" "$before" "$after" "$sload" "$sbefore" "$safter" <<'PY'
import re, sys
def row(name, load, before, after):
    answered = int(re.search(r"answered=(\d+)", load).group(1))
    rate = float(re.search(r"requests_per_s=(\d+)", load).group(1))
    cpu = float(after) - float(before)
    print(f"| {name} | {rate:,.0f} GETs/s answered | {cpu:.2f} s | {answered / cpu if cpu else float('nan'):,.0f} |")
row("netwarden simulate", sys.argv[1], sys.argv[2], sys.argv[3])
row("net-snmp snmpd", sys.argv[4], sys.argv[5], sys.argv[6])
PY
    echo
    echo "Command: \`benchmarks/run.sh simulate\`."
  } | record simulate.md
}

bench_daemon() {
  # Issue 5: 10,000 simulated 24-port devices on a 60 s interval with SQLite, then
  # prometheus-snmp-exporter scraping IF-MIB from the same simulated devices.
  local devices=10000 interval=60 cycles=4 scrapes=2000
  [ $smoke = 1 ] && devices=50 interval=4 cycles=1 scrapes=20
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  {
    python3 benchmarks/daemon_bench.py "$NW" $devices $interval $cycles $scrapes
    echo
    echo "Command: \`benchmarks/run.sh daemon\` (prometheus-snmp-exporter from ../shared/lab/snmp-exporter-lab)."
  } | record daemon.md
}

bench_receivers() {
  # Syslog over TCP against rsyslog, traps against snmptrapd: same sender, same run.
  local rounds=3 messages=1000000 traps=200000 rates=20000,50000,100000
  [ $smoke = 1 ] && rounds=1 messages=5000 traps=2000 rates=2000
  {
    python3 benchmarks/receivers_bench.py "$NB" $rounds $messages $traps $rates
    echo
    echo "Command: \`benchmarks/run.sh receivers\` (needs rsyslog and snmptrapd: scripts/install-deps.sh --peers)."
  } | record receivers.md
}

bench_daemon_receivers() {
  # UDP syslog paced into the daemon (stored and indexed) and into rsyslog imudp; traps into the
  # daemon's store. Same sender per protocol, same run.
  local rate=100000 seconds=20 traps=200000 rates=20000,50000
  [ $smoke = 1 ] && rate=2000 seconds=2 traps=2000 rates=2000
  {
    python3 benchmarks/daemon_receivers.py "$NW" "$NB" "${TMPDIR:-/tmp}/netwarden-daemon-receivers" $rate $seconds $traps $rates
    echo
    echo "Command: \`benchmarks/run.sh daemon-receivers\` (needs rsyslog: scripts/install-deps.sh --peers)."
  } | record daemon-receivers.md
  rm -rf "${TMPDIR:-/tmp}/netwarden-daemon-receivers"
}

case "$what" in
  walk) bench_walk ;;
  receivers) bench_receivers ;;
  daemon-receivers) bench_daemon_receivers ;;
  daemon) bench_daemon ;;
  decode) bench_decode ;;
  fleet) bench_fleet ;;
  simulate) bench_simulate ;;
  all) bench_walk; bench_decode; bench_fleet; bench_simulate; bench_receivers; bench_daemon_receivers; bench_daemon ;;
  *) echo "unknown benchmark $what" >&2; exit 2 ;;
esac
