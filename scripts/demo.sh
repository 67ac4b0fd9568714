#!/usr/bin/env bash
# `make run`: the daemon on its embedded default (SQLite) with config/netwarden.yaml, watching
# something real out of the box: five simulated devices served from recordings of real gear
# (`netwarden simulate`, snmpsim-data) on 127.0.0.1:16100-16104, and the local snmpd on
# 127.0.0.1:161 (started here, read-only community "public", when nothing answers there).
#   scripts/demo.sh [NETWARDEN_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
nw=${1:-.build/release/netwarden}
state=${NETWARDEN_DEMO_STATE:-/tmp/netwarden-demo}
mkdir -p "$state"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

recordings=${NETWARDEN_RECORDINGS:-}
if [ -z "$recordings" ]; then
  recordings=$(scripts/lab/snmpsim-lab root 2>/dev/null || true)
fi
if [ -n "$recordings" ] && [ -d "$recordings" ]; then
  "$nw" simulate --recordings "$recordings" --listen 127.0.0.1:16100 --listen 127.0.0.1:16101 \
    --listen 127.0.0.1:16102 --listen 127.0.0.1:16103 --listen 127.0.0.1:16104 2>"$state/simulate.log" &
  pids+=($!)
  echo "simulated devices (snmpsim-data) on 127.0.0.1:16100-16104; loading the recordings takes a minute"
else
  echo "snmpsim-data is not installed (scripts/install-deps.sh --peers): the demo's simulated devices will be down"
fi

if ! snmpget -v2c -c public -t 1 -r 0 127.0.0.1 1.3.6.1.2.1.1.3.0 >/dev/null 2>&1; then
  if command -v snmpd >/dev/null || [ -x /usr/sbin/snmpd ]; then
    printf 'rocommunity public 127.0.0.1\nsysLocation netwarden demo\nsysContact you@example.net\n' >"$state/snmpd.conf"
    /usr/sbin/snmpd -f -Lf "$state/snmpd.log" -C -c "$state/snmpd.conf" -p "$state/snmpd.pid" udp:127.0.0.1:161 &
    pids+=($!)
    echo "local snmpd on 127.0.0.1:161 (community public)"
  fi
fi

echo "netwarden daemon: http://127.0.0.1:8080  (token: \${NETWARDEN_API_TOKEN:-demo-admin-token-change-me})"
echo "  curl -H 'Authorization: Bearer demo-admin-token-change-me' http://127.0.0.1:8080/api/v1/devices"
echo "  curl -H 'Authorization: Bearer demo-admin-token-change-me' http://127.0.0.1:8080/api/v1/alerts"
"$nw" daemon --config config/netwarden.yaml &
pids+=($!)
wait "${pids[-1]}"
