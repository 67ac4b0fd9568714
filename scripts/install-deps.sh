#!/usr/bin/env bash
# install-deps.sh: install the system packages Netwarden builds and tests against.
#
#   scripts/install-deps.sh            Debian packages (only the missing ones)
#   scripts/install-deps.sh --peers    also the syslog peers (rsyslog, gnutls), passive discovery's
#                                      (arping, udhcpc, lldpd), the lab virtualenv (snmpsim;
#                                      aiosmtpd, the SMTP server of the e-mail tests) and nmap
#                                      (benchmarks/scan.sh compares against nmap -sn)
#   scripts/install-deps.sh --check    install nothing; exit 1 and name what is missing
#
# Idempotent and quiet when everything is present. Needs root (or sudo) only when
# something must be installed. Environment: NETWARDEN_LAB_VENV (default
# /opt/netwarden-lab/simvenv).
set -euo pipefail

PKGS=(libsnmp-dev snmp snmpd snmptrapd libpcap-dev libsqlite3-dev libssl-dev iproute2 tcpdump python3-venv libwireshark-data ieee-data bzip2)
# Peers for the end-to-end tests and benchmarks (--peers): logger (bsdutils), openssl's
# s_client, rsyslog forwarding over TCP and TLS (gnutls); for passive discovery, hosts that
# speak ARP (iputils-arping), DHCP (busybox's udhcpc) and LLDP/CDP (lldpd).
PEER_PKGS=(bsdutils openssl rsyslog rsyslog-gnutls iputils-arping udhcpc lldpd)
# snmpsim 1.2.2 with snmpsim-data 1.0.1 is the pair verified to run here; cryptography
# gives snmpsim its SNMPv3 privacy (DES/AES). aiosmtpd is the SMTP server (STARTTLS, AUTH) that
# the e-mail channel's tests deliver to (Tests/AlertingTests/Support/smtp_server.py).
PIP_PKGS=(snmpsim==1.2.2 snmpsim-data==1.0.1 cryptography aiosmtpd==1.4.6)
VENV=${NETWARDEN_LAB_VENV:-/opt/netwarden-lab/simvenv}

die() { echo "install-deps: $*" >&2; exit 1; }

peers=0 check=0
for a in "$@"; do
  case "$a" in
    --peers) peers=1; PKGS+=("${PEER_PKGS[@]}") ;;
    --check) check=1 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $a (try --help)" ;;
  esac
done

command -v dpkg-query >/dev/null || die "not a Debian system (no dpkg-query); install by hand: ${PKGS[*]}"

missing_pkgs() {
  local p
  for p in "${PKGS[@]}"; do
    # "install ok installed" is the only state in which the package is really there
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"; fi
}

apt_install() {
  local log i reason
  log=$(mktemp)
  # apt may be locked by another installer for a while: retry instead of failing at once
  for i in 1 2 3 4 5 6; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$log" 2>&1; then
      rm -f "$log"; return 0
    fi
    if [ "$i" = 1 ]; then
      # the package lists may be missing or stale: refresh once, only now that we need it
      as_root apt-get update -q >>"$log" 2>&1 || true
    elif grep -q 'Could not get lock' "$log"; then
      sleep 10
    else
      break
    fi
  done
  # one line: apt's own error ("E: ...") if it gave one, else its last line
  reason=$(grep '^E:' "$log" | tail -1 || true)
  [ -n "$reason" ] || reason=$(tail -1 "$log")
  rm -f "$log"
  die "apt-get install $* failed: $reason"
}

mapfile -t missing < <(missing_pkgs)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$check" = 1 ] && die "missing Debian packages: ${missing[*]}"
  apt_install "${missing[@]}"
  mapfile -t missing < <(missing_pkgs)
  [ ${#missing[@]} -eq 0 ] || die "still missing after install: ${missing[*]}"
fi

[ "$peers" = 1 ] || exit 0

if ! command -v nmap >/dev/null; then
  [ "$check" = 1 ] && die "nmap missing (benchmarks/scan.sh)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nmap >/dev/null || die "could not install nmap"
fi

venv_ok() {
  [ -x "$VENV/bin/snmpsim-command-responder" ] &&
    "$VENV/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as m, snmpsim_data, cryptography, aiosmtpd
assert m.version("snmpsim") == "1.2.2" and m.version("snmpsim-data") == "1.0.1" and m.version("aiosmtpd") == "1.4.6"
PY
}

if ! venv_ok; then
  [ "$check" = 1 ] && die "snmpsim virtualenv missing or incomplete at $VENV"
  # Debian's interpreter, not a pyenv one under /root: snmpsim drops root for 'nobody',
  # who must be able to read the interpreter and its standard library.
  [ -x /usr/bin/python3 ] || die "/usr/bin/python3 is missing (Debian package python3)"
  if [ ! -x "$VENV/bin/python" ]; then
    as_root mkdir -p "$(dirname "$VENV")"
    as_root /usr/bin/python3 -m venv "$VENV" || die "could not create virtualenv $VENV"
  fi
  log=$(mktemp)
  if ! as_root "$VENV/bin/python" -m pip install -q "${PIP_PKGS[@]}" >"$log" 2>&1; then
    reason=$(grep -E '^ERROR' "$log" | tail -1 || true)
    [ -n "$reason" ] || reason=$(tail -1 "$log")
    rm -f "$log"
    die "pip install ${PIP_PKGS[*]} into $VENV failed: $reason"
  fi
  rm -f "$log"
  venv_ok || die "snmpsim virtualenv at $VENV still incomplete after pip install"
  # world-readable so that 'nobody' can run it
  as_root chmod -R a+rX "$(dirname "$VENV")"
fi
