#!/usr/bin/env python3
"""Syslog over TCP and SNMP traps: Netwarden's receivers beside rsyslog and snmptrapd, same sender.

    receivers_bench.py NETWARDEN_BENCH ROUNDS SYSLOG_COUNT TRAP_COUNT TRAP_RATES

Syslog: netwarden-bench syslog-send writes SYSLOG_COUNT 256-byte messages (a mix of RFC 5424
with structured data, Cisco IOS, Junos and BSD lines) over one TCP connection, LF-framed, as fast
as the receiver takes them. Receivers: netwarden-bench syslog-receive (SyslogServer: framing,
parse, classify, handed to the consumer), rsyslogd imtcp writing RSYSLOG_FileFormat lines, and
rsyslogd writing every message as JSON (%jsonmesg%, its parsed properties). rsyslog's CPU is
read from /proc/PID/stat; it is done when its file has SYSLOG_COUNT lines.

Traps: netwarden-bench traps-send sends TRAP_COUNT v2c linkDown traps at each paced rate;
receivers: netwarden-bench traps-receive (SNMPResponder, community check, NotificationContent,
TrapEvent.map) and snmptrapd logging to a file. Prints Markdown tables.
"""
import os, statistics, subprocess, sys, tempfile, time

NB, ROUNDS, SYSLOG_COUNT, TRAP_COUNT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
RATES = [int(r) for r in sys.argv[5].split(",")]
TICK = os.sysconf("SC_CLK_TCK")

def cpu_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime

def parse(line):
    return {k: float(v) for k, v in (p.split("=") for p in line.split()[1:])}

def wait_ready(process):
    line = process.stdout.readline()
    if not line.startswith("READY"):
        sys.exit(f"receiver did not start: {line}{process.stderr.read()}")

def netwarden_syslog(port):
    r = subprocess.Popen([NB, "syslog-receive", "--port", str(port), "--count", str(SYSLOG_COUNT)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_ready(r)
    subprocess.run([NB, "syslog-send", "--port", str(port), "--count", str(SYSLOG_COUNT)], check=True, capture_output=True)
    out, err = r.communicate(timeout=600)
    result = parse([l for l in out.splitlines() if l.startswith("RECEIVED")][0])
    return result["msgs_per_s"], result["cpu_s"]

def count_lines(path, state):
    with open(path, "rb") as f:
        f.seek(state[0])
        data = f.read()
    state[0] += len(data)
    state[1] += data.count(b"\n")
    return state[1]

def rsyslog_syslog(port, template):
    d = tempfile.mkdtemp(prefix="nw-rsbench-")
    out = f"{d}/out"
    with open(f"{d}/rsyslog.conf", "w") as f:
        f.write(f'''global(workDirectory="{d}")
module(load="imtcp")
input(type="imtcp" address="127.0.0.1" port="{port}")
template(name="json" type="string" string="%jsonmesg%\\n")
action(type="omfile" file="{out}" template="{template}")
''')
    open(out, "w").close()
    rs = subprocess.Popen(["/usr/sbin/rsyslogd", "-n", "-f", f"{d}/rsyslog.conf", "-i", f"{d}/pid"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        cpu0 = cpu_of(rs.pid)
        start = time.monotonic()
        sender = subprocess.Popen([NB, "syslog-send", "--port", str(port), "--count", str(SYSLOG_COUNT)], stdout=subprocess.DEVNULL)
        state = [0, 0]
        deadline = start + 600
        while count_lines(out, state) < SYSLOG_COUNT and time.monotonic() < deadline:
            time.sleep(0.05)
        wall = time.monotonic() - start
        cpu = cpu_of(rs.pid) - cpu0
        sender.wait()
        if state[1] < SYSLOG_COUNT:
            sys.exit(f"rsyslog wrote {state[1]} of {SYSLOG_COUNT} lines")
        return SYSLOG_COUNT / wall, cpu
    finally:
        rs.kill()
        rs.wait()
        subprocess.run(["rm", "-rf", d])

def netwarden_traps(port, rate):
    r = subprocess.Popen([NB, "traps-receive", "--port", str(port), "--count", str(TRAP_COUNT)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_ready(r)
    subprocess.run([NB, "traps-send", "--port", str(port), "--count", str(TRAP_COUNT), "--rate", str(rate)], check=True, capture_output=True)
    out, _ = r.communicate(timeout=600)
    result = parse([l for l in out.splitlines() if l.startswith("RECEIVED")][0])
    return int(result["traps"]), result["cpu_s"]

def snmptrapd_traps(port, rate):
    d = tempfile.mkdtemp(prefix="nw-trapbench-")
    os.makedirs(f"{d}/persist")
    with open(f"{d}/snmptrapd.conf", "w") as f:
        f.write("authCommunity log public\n")
    log = f"{d}/log"
    open(log, "w").close()
    env = dict(os.environ, MIBS="", SNMP_PERSISTENT_DIR=f"{d}/persist")
    td = subprocess.Popen(["snmptrapd", "-f", "-C", "-c", f"{d}/snmptrapd.conf", "-Lf", log, "-On", f"udp:127.0.0.1:{port}"],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        cpu0 = cpu_of(td.pid)
        subprocess.run([NB, "traps-send", "--port", str(port), "--count", str(TRAP_COUNT), "--rate", str(rate)], check=True, capture_output=True)
        # Done when the log stops growing for a second.
        last = -1
        while True:
            time.sleep(1.0)
            size = os.path.getsize(log)
            if size == last:
                break
            last = size
        cpu = cpu_of(td.pid) - cpu0
        with open(log, "rb") as f:
            received = f.read().count(b".1.3.6.1.6.3.1.1.5.3")
        return received, cpu
    finally:
        td.kill()
        td.wait()
        subprocess.run(["rm", "-rf", d])

def median_rows(fn, *args):
    samples = [fn(*args) for _ in range(ROUNDS)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)

print(f"### syslog over one TCP connection: {SYSLOG_COUNT:,} messages of 256 bytes, LF framing, same sender (median of {ROUNDS})")
print()
print("| receiver | msgs/s | receiver CPU s | CPU s per million |")
print("|---|---|---|---|")
for name, fn, args in [
    ("netwarden SyslogServer (frame + parse + classify)", netwarden_syslog, (27514,)),
    ("rsyslog imtcp → file (RSYSLOG_FileFormat)", rsyslog_syslog, (27515, "RSYSLOG_FileFormat")),
    ("rsyslog imtcp → file as JSON (%jsonmesg%)", rsyslog_syslog, (27516, "json")),
]:
    rate, cpu = median_rows(fn, *args)
    print(f"| {name} | {rate:,.0f} | {cpu:.2f} | {cpu / SYSLOG_COUNT * 1e6:.2f} |")
print()
print(f"### SNMPv2c linkDown traps: {TRAP_COUNT:,} per run, paced, one sender socket (median of {ROUNDS})")
print()
print("| receiver | offered traps/s | received | lost | receiver CPU s | CPU s per million |")
print("|---|---|---|---|---|---|")
for rate in RATES:
    for name, fn, port in [("netwarden SNMPResponder + TrapEvent.map", netwarden_traps, 27162),
                           ("net-snmp snmptrapd → file", snmptrapd_traps, 27163)]:
        received, cpu = median_rows(fn, port, rate)
        print(f"| {name} | {rate:,} | {received:,.0f} | {TRAP_COUNT - received:,.0f} | {cpu:.2f} | {cpu / max(received, 1) * 1e6:.2f} |")
