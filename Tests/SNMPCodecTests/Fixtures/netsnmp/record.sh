#!/usr/bin/env bash
# record.sh: regenerate the net-snmp known-answer fixtures in this folder.
#
#   sudo Tests/SNMPCodecTests/Fixtures/netsnmp/record.sh
#
# What it does:
#   1. installs what it needs (scripts/install-deps.sh --peers: net-snmp tools, snmpd,
#      snmptrapd, tcpdump, and the venv whose pysnmp is the second decoder),
#   2. starts a fresh lab (scripts/lab/snmpd-lab up nwfixtures 8) and an snmptrapd on
#      127.0.0.1:162 inside the same namespace, and tcpdump on the namespace's loopback,
#   3. runs every exchange below with net-snmp's own tools, each with -d (hex dump of every
#      datagram sent and received) and -Ddump* (net-snmp's field-by-field decode of each),
#   4. hands the logs to record.py, which writes NAME.hex (one datagram, lowercase hex,
#      one line), manifest.json (v1/v2c) and v3-manifest.json (SNMPv3/USM), taking every
#      field from net-snmp's decode and checking it against pysnmp's decode, the bytes
#      against the tcpdump capture, and the USM keys, MACs and decryptions against both
#      libnetsnmp (through ctypes) and pysnmp.
#
# Deterministic: sysName/sysDescr/sysLocation, the engine ID (80001f8804 + "netwarden-
# nwfixtures"), engine boots (1: a fresh lab), interface MACs and addresses. Not: request
# IDs, msgIDs, salts, sysUpTime/engine time, traffic counters, the load average (Opaque).
# So a re-run rewrites most files; the manifests always match the .hex files beside them.
#
# Environment: KEEP_WORK=1 keeps the raw logs and capture (path printed at the end);
# KEEP_LAB=1 leaves the lab running.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../../.." && pwd)
LAB_SCRIPT=$REPO/scripts/lab/snmpd-lab
USERS_FILE=$REPO/scripts/lab/snmpd-users.txt
LAB=nwfixtures
VENV=${NETWARDEN_LAB_VENV:-/opt/netwarden-lab/simvenv}
# every datagram in hex (-d) and net-snmp's decode of it, both directions
DEBUG=(-d "-Ddumph_send,dumpv_send,dumpx_send,dumph_recv,dumpv_recv,dumpx_recv")

die() { echo "record.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (network namespace, tcpdump)"

"$REPO/scripts/install-deps.sh" --peers

WORK=$(mktemp -d /tmp/netwarden-fixtures.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/logs" "$WORK/client" "$WORK/trapd"
TCPDUMP_PID="" TRAPD_PIDFILE=$WORK/trapd/snmptrapd.pid

cleanup() {
  local p
  # stop only what this script started, by PID
  if [ -n "$TCPDUMP_PID" ] && kill -0 "$TCPDUMP_PID" 2>/dev/null; then kill -INT "$TCPDUMP_PID" 2>/dev/null || true; fi
  p=$(cat "$TRAPD_PIDFILE" 2>/dev/null || true)
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill -TERM "$p" 2>/dev/null || true; fi
  [ "${KEEP_LAB:-0}" = 1 ] || "$LAB_SCRIPT" down "$LAB" >/dev/null 2>&1 || true
  if [ "${KEEP_WORK:-0}" = 1 ]; then echo "record.sh: raw logs kept in $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------ peers

# A fresh lab every time: engine boots start at 1 and sysContact has its default. snmpd
# logs the same -d/-Ddump* output, so that every datagram is decoded by both its ends.
"$LAB_SCRIPT" down "$LAB" >/dev/null 2>&1 || true
SNMPD_EXTRA_CONF="[snmp] dumpPacket yes
[snmp] doDebugging 1
[snmp] debugTokens dumph_send,dumpv_send,dumpx_send,dumph_recv,dumpv_recv,dumpx_recv" \
  "$LAB_SCRIPT" up "$LAB" 8 >/dev/null

in_lab() { ip netns exec "$LAB" env MIBS= SNMP_PERSISTENT_DIR="$WORK/client" "$@"; }

cat >"$WORK/trapd/snmptrapd.conf" <<'EOF'
# accept and log every v1/v2c notification; answer informs
disableAuthorization yes
snmpTrapdAddr udp:127.0.0.1:162
EOF
ip netns exec "$LAB" env MIBS= SNMP_PERSISTENT_DIR="$WORK/trapd/persist" \
  setsid snmptrapd -f -C -c "$WORK/trapd/snmptrapd.conf" -On "${DEBUG[@]}" \
  -Lf "$WORK/trapd/snmptrapd.log" -p "$TRAPD_PIDFILE" </dev/null >/dev/null 2>&1 &

# tcpdump on the namespace's loopback: the second witness of every datagram's bytes
ip netns exec "$LAB" tcpdump -i lo --immediate-mode -U -s 0 -w "$WORK/capture.pcap" udp \
  </dev/null >/dev/null 2>"$WORK/tcpdump.err" &
TCPDUMP_PID=$!
for _ in $(seq 1 50); do
  grep -q 'listening on' "$WORK/tcpdump.err" 2>/dev/null && [ -s "$TRAPD_PIDFILE" ] && break
  sleep 0.1
done
grep -q 'listening on' "$WORK/tcpdump.err" || die "tcpdump did not start: $(cat "$WORK/tcpdump.err")"
[ -s "$TRAPD_PIDFILE" ] || die "snmptrapd did not start"

# ------------------------------------------------------------------ exchanges

# quote ARGS...: one line a shell reads back as the same words (plain words stay bare)
quote() {
  local a out=()
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then out+=("$a"); else out+=("'${a//\'/\'\\\'\'}'"); fi
  done
  echo "${out[*]}"
}

# run NAME TOOL ARGS...: one net-snmp tool invocation = one exchange; its exact command
# line, shell-quoted, goes into the manifest as "source".
run() {
  local name=$1; shift
  # -t 5 -r 0: one try with a generous timeout (a retransmission would add datagrams)
  local cmd=("$1" "${DEBUG[@]}" -t 5 -r 0 "${@:2}")
  quote "${cmd[@]}" >"$WORK/logs/$name.cmd"
  echo "$name" >>"$WORK/order"   # the manifests list exchanges in this order
  in_lab "${cmd[@]}" >"$WORK/logs/$name.out" 2>"$WORK/logs/$name.log" || true
}

A=127.0.0.1
T=127.0.0.1:162
SYS=.1.3.6.1.2.1.1
IF=.1.3.6.1.2.1.2.2.1

# SNMPv1
run v1-get snmpget -v1 -c public -On $A $SYS.1.0 $SYS.2.0 $SYS.3.0 $SYS.5.0
run v1-getnext snmpgetnext -v1 -c public -On $A $IF.2 $IF.6 $IF.7.4
run v1-get-nosuchname snmpget -v1 -c public -On -Cf $A $SYS.5.0 $SYS.99.0
run v1-getnext-end snmpgetnext -v1 -c public -On $A .1.3.6.1.6.3.99
run v1-set snmpset -v1 -c private -On $A $SYS.4.0 s "noc-v1@netwarden.test"
run v1-set-readonly snmpset -v1 -c private -On $A $SYS.5.0 s "renamed"
run v1-trap snmptrap -v1 -c public -On $T .1.3.6.1.4.1.8072.2.3 198.18.0.1 6 17 12345 \
  $SYS.5.0 s "lab" $IF.1.2 i 2 $IF.6.2 x 024e57000002
run v1-trap-coldstart snmptrap -v1 -c public -On $T .1.3.6.1.4.1.8072.3.2.10 198.18.0.1 0 0 0

# SNMPv2c
run v2c-get snmpget -v2c -c public -On $A $SYS.1.0 $SYS.2.0 $SYS.3.0 $SYS.5.0 $SYS.6.0
run v2c-get-exceptions snmpget -v2c -c public -On $A $SYS.5.0 $SYS.99.0 $SYS.5.1
run v2c-getnext snmpgetnext -v2c -c public -On $A $IF.2 $IF.6.1 .1.3.6.1.6.3.99
run v2c-getbulk-r10 snmpbulkget -v2c -c public -On -Cn0 -Cr10 $A $IF.2
run v2c-getbulk-r25 snmpbulkget -v2c -c public -On -Cn1 -Cr25 $A $SYS.3 .1.3.6.1.2.1.31.1.1.1.6
# one non-repeater, then a repeater that is past the end of the MIB (endOfMibView)
run v2c-getbulk-end snmpbulkget -v2c -c public -On -Cn1 -Cr3 $A $SYS.5 .1.3.6.1.6.3.99 $SYS.9.1.4.9
run v2c-set snmpset -v2c -c private -On $A $SYS.4.0 s "noc@netwarden.test"
run v2c-set-notwritable snmpset -v2c -c private -On $A $SYS.5.0 s "renamed"
run v2c-set-noaccess snmpset -v2c -c public -On $A $SYS.4.0 s "denied"
run v2c-set-wrongtype snmpset -v2c -c private -On $A $SYS.4.0 i 5
run v2c-trap snmptrap -v2c -c public -On $T 12345 .1.3.6.1.6.3.1.1.5.3 \
  $IF.1.2 i 2 $IF.7.2 i 1 $IF.8.2 i 2
# every value type at its limits, in a notification (the tools can send any type)
run v2c-trap-limits snmptrap -v2c -c public -On $T 4294967295 .1.3.6.1.4.1.8072.2.3.0.1 \
  .1.3.6.1.2.1.31.1.1.1.6.2 C 18446744073709551615 $IF.10.2 c 4294967295 \
  $IF.5.2 u 4294967295 $IF.1.2 i -2147483648 $IF.1.3 i 2147483647 $IF.6.2 x 024e57000002 \
  .1.3.6.1.2.1.4.20.1.1.198.18.0.1 a 198.18.0.1 $SYS.2.0 o .1.3.6.1.4.1.8072.3.2.10 \
  $SYS.3.0 t 0 $SYS.4.0 s "" $SYS.6.0 x 00ff80c3a9
run v2c-inform snmpinform -v2c -c public -On $T 12345 .1.3.6.1.6.3.1.1.5.4 \
  $IF.1.2 i 2 $IF.7.2 i 1 $IF.8.2 i 1

# SNMPv3: discovery + GET as every user of the lab, and one SET
while read -r user level auth apass priv ppass; do
  args=(-v3 -l "$level" -u "$user")
  [ "$level" = noAuthNoPriv ] || args+=(-a "$auth" -A "$apass")
  if [ "$level" = authPriv ]; then args+=(-x "$priv" -X "$ppass"); fi
  # a fresh client state for each: every run starts with engine discovery
  rm -rf "$WORK/client"; mkdir -p "$WORK/client"
  if [ "$user" = u_rw_sha256_aes ]; then
    run "v3-$user-set" snmpset "${args[@]}" -On $A $SYS.4.0 s "noc-v3@netwarden.test"
  else
    run "v3-$user" snmpget "${args[@]}" -On $A $SYS.5.0
  fi
done < <(grep -v '^[[:space:]]*\(#\|$\)' "$USERS_FILE")

# last, so that lo's counters have moved (snmpd refreshes them every few seconds)
run v2c-get-types snmpget -v2c -c public -On $A .1.3.6.1.2.1.31.1.1.1.6.1 $IF.5.1 $IF.10.1 \
  .1.3.6.1.2.1.4.20.1.1.198.18.0.1 $IF.6.2 $IF.7.4 $IF.8.4 .1.3.6.1.4.1.2021.10.1.6.1

# ------------------------------------------------------------------ decode

sleep 1   # let tcpdump and snmptrapd write out the last datagrams
kill -INT "$TCPDUMP_PID"; wait "$TCPDUMP_PID" 2>/dev/null || true; TCPDUMP_PID=""
kill -TERM "$(cat "$TRAPD_PIDFILE")" 2>/dev/null || true
cp "/tmp/netwarden-lab/$LAB/snmpd.log" "$WORK/snmpd.log"

# old fixtures go: a renamed or dropped exchange must not leave a stale file behind
find "$HERE" -maxdepth 1 \( -name '*.hex' -o -name 'manifest.json' -o -name 'v3-manifest.json' \) -delete
"$VENV/bin/python" "$HERE/record.py" --work "$WORK" --out "$HERE" --users "$USERS_FILE" --lab "$LAB"
