#!/usr/bin/env bash
# benchmarks/scan.sh: `netwarden scan` against `nmap -sn` in scripts/lab/scan-lab, same lab,
# same run, alternating. Needs root, nmap (scripts/install-deps.sh --peers), a debug or
# release build of netwarden (NETWARDEN, default .build/debug/netwarden).
#
#   benchmarks/scan.sh [RUNS]     /24 with 25 live hosts (RUNS each, default 3), then a /16
#                                  with the same 25 hosts (one run each; nmap bounded by
#                                  NMAP_LIMIT seconds, default 600)
# Prints Markdown rows for benchmarks/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
NW=${NETWARDEN:-.build/debug/netwarden}
LAB=scripts/lab/scan-lab
CONF=$(mktemp -d)/netwarden.yaml
trap 'rm -rf "$(dirname "$CONF")"; $LAB down >/dev/null 2>&1 || true' EXIT
cat >"$CONF" <<YAML
credentials:
  lab-v3: { version: v3, user: labuser, auth_protocol: SHA, auth_password: labauthpass1, priv_protocol: AES, priv_password: labprivpass1 }
  lab-a: { version: v2c, community: public }
  lab-b: { version: v2c, community: lab-ro-b }
identification_rules: $PWD/config/identification.yaml
store: { sqlite: { path: unused.sqlite } }
YAML

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }

bench() {  # PREFIX RUNS
  local prefix=$1 runs=$2 i t0 t1 out note
  for ((i = 1; i <= runs; i++)); do
    t0=$(now); out=$($LAB exec timeout "${NMAP_LIMIT:-600}" nmap -sn -n "$prefix" 2>&1 | tail -1 || true); t1=$(now)
    note=""
    case $out in *"hosts up"*|*"host up"*) ;; *) note="(did not finish in ${NMAP_LIMIT:-600} s)" ;; esac
    echo "| \`nmap -sn -n $prefix\` | $(secs "$t0" "$t1" | xargs printf '%.2f') s wall | $(echo "$out" | sed -n 's/.*(\([0-9]*\) hosts\{0,1\} up).*/\1/p') hosts up $note |"
    t0=$(now); out=$($LAB exec "$NW" scan "$prefix" --no-snmp --json); t1=$(now)
    echo "| \`netwarden scan $prefix --no-snmp\` | $(secs "$t0" "$t1" | xargs printf '%.2f') s wall, discovery $(echo "$out" | sed -n 's/.*"discovery_seconds" : \([0-9.]*\).*/\1/p') s | $(echo "$out" | sed -n 's/.*"live" : \([0-9]*\).*/\1/p') hosts live |"
    t0=$(now); out=$($LAB exec "$NW" scan "$prefix" --config "$CONF" --json); t1=$(now)
    echo "| \`netwarden scan $prefix\` (ARP+ICMP+SNMP identification, 3 credential sets) | $(secs "$t0" "$t1" | xargs printf '%.2f') s wall, scan $(echo "$out" | sed -n 's/.*"total_seconds" : \([0-9.]*\).*/\1/p') s | $(echo "$out" | sed -n 's/.*"live" : \([0-9]*\).*/\1/p') live, $(echo "$out" | sed -n 's/.*"snmp" : \([0-9]*\).*/\1/p') SNMP |"
  done
}

echo "| command | time | found |"
echo "|---|---|---|"
SCANLAB_CROWD=18 $LAB up >/dev/null
bench 10.123.0.0/24 "$RUNS"
SCANLAB_CROWD=18 SCANLAB_CORE_PREFIX=16 $LAB up >/dev/null
bench 10.123.0.0/16 1
