#!/usr/bin/env bash
# `make run` until the daemon lands: serve recordings of real devices with
# `netwarden simulate`, walk one of them, and keep the simulator running.
#   scripts/demo.sh [NETWARDEN_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
nw=${1:-.build/release/netwarden}
recordings=${NETWARDEN_RECORDINGS:-}
if [ -z "$recordings" ]; then
  # snmpsim-data's recordings of real devices when installed, else the project's own samples.
  for d in /opt/netwarden-lab/simvenv/lib/python3*/site-packages/snmpsim_data/data \
           /opt/netwarden-lab/simvenv/share/snmpsim/data; do
    [ -d "$d" ] && recordings=$d && break
  done
  recordings=${recordings:-Tests/SNMPTests/Fixtures/recordings}
fi
listen=${NETWARDEN_LISTEN:-127.0.0.1:1161}
"$nw" simulate --recordings "$recordings" --listen "$listen" &
sim=$!
trap 'kill $sim 2>/dev/null' EXIT INT TERM
sleep 1
community=$(find "$recordings" -name '*.snmprec' | head -1 | sed "s|^$recordings/||; s|\.snmprec$||")
echo "== netwarden walk -c $community $listen 1.3.6.1.2.1.1"
"$nw" walk -c "$community" "$listen" 1.3.6.1.2.1.1 || true
echo "== simulator running on $listen (communities = recording names under $recordings); Ctrl-C stops it"
wait $sim
