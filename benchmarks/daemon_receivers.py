#!/usr/bin/env python3
"""UDP syslog and SNMP traps end to end: paced senders -> `netwarden daemon` -> store (and index).

    daemon_receivers.py NETWARDEN NETWARDEN_BENCH DIR UDP_RATE UDP_SECONDS TRAP_COUNT TRAP_RATES [PORT]

UDP: benchmarks/tools/udp_send (compiled here with cc; sendmmsg once per 100 us tick, so the
sender's own CPU stays small) sends UDP_RATE x UDP_SECONDS of `netwarden-bench syslog-send
--varied`'s distinct device lines (about 130 bytes), paced, to the daemon's UDP listener with
the shipped defaults (4 MiB receive buffer); every datagram is parsed, classified, stored and
FTS5-indexed. Then the same sender, same rate, to rsyslogd imudp writing a file, with its default
receive buffer and with rcvbufSize 4m. Loss = sent - stored (or lines written); the daemon's own
count of kernel drops and the buffer the kernel granted are read from its /metrics.

UDP_BUFFER (environment, default the shipped 4MiB) sets the daemon's udp_receive_buffer.

Traps: `netwarden-bench traps-send` sends TRAP_COUNT v2c linkDown traps at each rate to the
daemon's trap listener; each is mapped to its event and stored in `traps`. Loss = sent - rows.

Prints Markdown.
"""
import os, shutil, sqlite3, subprocess, sys, tempfile, time, urllib.request

NW, NB, DIR = sys.argv[1], sys.argv[2], sys.argv[3]
UDP_RATE, UDP_SECONDS, TRAP_COUNT = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
TRAP_RATES = [int(r) for r in sys.argv[7].split(",")]
PORT = int(sys.argv[8]) if len(sys.argv) > 8 else 15701
TICK = os.sysconf("SC_CLK_TCK")
DB = os.path.join(DIR, "netwarden.sqlite")
HERE = os.path.dirname(os.path.abspath(__file__))
SENDER = os.path.join(DIR, "udp_send")
LINES = os.path.join(DIR, "lines.txt")


def prepare_sender():
    os.makedirs(DIR, exist_ok=True)
    # cc where build-essential is installed, else the clang that comes with the Swift toolchain.
    compiler = shutil.which("cc") or shutil.which("clang") or sys.exit("no C compiler (cc or clang) for tools/udp_send.c")
    subprocess.run([compiler, "-O2", "-o", SENDER, os.path.join(HERE, "tools", "udp_send.c")], check=True)
    with open(LINES, "wb") as f:
        subprocess.run([NB, "syslog-send", "--varied", "--print-lines", "--port", "0", "--count", str(1 << 20)], stdout=f, check=True)


def udp_sender(port, count):
    return subprocess.Popen([SENDER, str(port), str(UDP_RATE), str(count), LINES], stdout=subprocess.PIPE, text=True)
INDEX = os.path.join(DIR, "netwarden.syslog-index.sqlite")


def cpu_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def scalar(path, sql):
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=30)
        return db.execute(sql).fetchone()[0] or 0
    except sqlite3.Error:
        return 0


def metrics():
    text = urllib.request.urlopen(f"http://127.0.0.1:{PORT + 2}/metrics", timeout=5).read().decode()
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


class Daemon:
    def __init__(self):
        os.makedirs(DIR, exist_ok=True)
        for name in os.listdir(DIR):
            if name.startswith("netwarden.") and name != "netwarden.yaml":
                os.remove(os.path.join(DIR, name))
        config = os.path.join(DIR, "netwarden.yaml")
        with open(config, "w") as f:
            f.write(f"""listeners:
  syslog:
    udp: [127.0.0.1:{PORT}]
    udp_receive_buffer: {os.environ.get("UDP_BUFFER", "4MiB")}
    rate_limit_per_source: 0
  traps:
    listen: [127.0.0.1:{PORT + 1}]
    communities: [public]
store: {{ sqlite: {{ path: {DB} }} }}
http: {{ listen: 127.0.0.1:{PORT + 2}, metrics_public: true }}
log: {{ level: warning }}
""")
        self.process = subprocess.Popen([NW, "daemon", "--config", config], stdout=subprocess.DEVNULL,
                                        stderr=open(os.path.join(DIR, "daemon.log"), "w"))
        deadline = time.time() + 30
        while True:
            try:
                metrics()
                return
            except OSError:
                if time.time() > deadline or self.process.poll() is not None:
                    sys.exit("daemon did not start: " + open(os.path.join(DIR, "daemon.log")).read())
                time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def settle(count_now, sender, quiet=3.0, limit=600):
    """Waits for the sender to finish and the count to stop moving; returns (count, seconds)."""
    start = time.monotonic()
    last, last_change = -1, time.monotonic()
    while time.monotonic() - start < limit:
        time.sleep(0.25)
        n = count_now()
        if n != last:
            last, last_change = n, time.monotonic()
        elif sender.poll() is not None and time.monotonic() - last_change >= quiet:
            break
    return last, last_change - start


def sent_of(sender):
    out = sender.communicate(timeout=120)[0]
    line = [l for l in out.splitlines() if l.startswith("SENT")][0]
    return {k: float(v) for k, v in (p.split("=") for p in line.split()[1:])}


def udp_daemon(count):
    daemon = Daemon()
    try:
        cpu0 = cpu_of(daemon.process.pid)
        sender = udp_sender(PORT, count)
        stored, seconds = settle(lambda: scalar(DB, "SELECT max(id) FROM syslog"), sender)
        sent = sent_of(sender)
        # A writer waiting for the index can be quiet for seconds: done only when every datagram
        # is stored or counted as dropped (or nothing moved for 30 s).
        last, since = -1, time.monotonic()
        while time.monotonic() - since < 30:
            stored = scalar(DB, "SELECT max(id) FROM syslog")
            if stored + int(metrics().get("netwarden_syslog_udp_kernel_drops", 0)) >= sent["messages"]:
                break
            if stored != last:
                last, since = stored, time.monotonic()
            time.sleep(0.25)
        # The index catches up behind the store.
        deadline = time.time() + 120
        while scalar(INDEX, "SELECT indexed_through FROM syslog_index_state") < stored and time.time() < deadline + 480:
            time.sleep(0.25)
        indexed = scalar(INDEX, "SELECT indexed_through FROM syslog_index_state")
        cpu = cpu_of(daemon.process.pid) - cpu0
        m = metrics()
        return dict(sent=int(sent["messages"]), wall=sent["wall_s"], stored=int(stored), indexed=int(indexed), cpu=cpu,
                    drops=int(m.get("netwarden_syslog_udp_kernel_drops", -1)),
                    buffer=int(m.get("netwarden_syslog_udp_receive_buffer_bytes", -1)))
    finally:
        daemon.stop()


def udp_rsyslog(count, rcvbuf):
    d = tempfile.mkdtemp(prefix="nw-rsudp-")
    out = f"{d}/out"
    option = f' rcvbufSize="{rcvbuf}"' if rcvbuf else ""
    with open(f"{d}/rsyslog.conf", "w") as f:
        f.write(f'''global(workDirectory="{d}")
module(load="imudp")
input(type="imudp" address="127.0.0.1" port="{PORT + 3}"{option})
action(type="omfile" file="{out}")
''')
    open(out, "w").close()
    rs = subprocess.Popen(["/usr/sbin/rsyslogd", "-n", "-f", f"{d}/rsyslog.conf", "-i", f"{d}/pid"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        cpu0 = cpu_of(rs.pid)
        sender = udp_sender(PORT + 3, count)

        def lines():
            with open(out, "rb") as f:
                return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
        written, _ = settle(lines, sender)
        sent = sent_of(sender)
        return dict(sent=int(sent["messages"]), stored=written, cpu=cpu_of(rs.pid) - cpu0)
    finally:
        rs.kill()
        rs.wait()
        subprocess.run(["rm", "-rf", d])


def traps_daemon(rate):
    daemon = Daemon()
    try:
        cpu0 = cpu_of(daemon.process.pid)
        sender = subprocess.Popen([NB, "traps-send", "--port", str(PORT + 1), "--count", str(TRAP_COUNT), "--rate", str(rate)],
                                  stdout=subprocess.PIPE, text=True)
        stored, seconds = settle(lambda: scalar(DB, "SELECT count(*) FROM traps"), sender)
        sender.communicate(timeout=60)
        cpu = cpu_of(daemon.process.pid) - cpu0
        return dict(stored=int(stored), cpu=cpu, seconds=seconds)
    finally:
        daemon.stop()


def main():
    count = int(UDP_RATE * UDP_SECONDS)
    prepare_sender()
    load = os.getloadavg()[0]
    nw = udp_daemon(count)
    rs_default = udp_rsyslog(count, None)
    rs_4m = udp_rsyslog(count, "4m")
    print(f"### UDP syslog at {UDP_RATE:,} msgs/s paced for {UDP_SECONDS:.0f} s ({count:,} datagrams, ~130 bytes, varied lines)\n")
    print("| receiver | sent | stored / written | lost | loss | receiver CPU s per million |")
    print("|---|---|---|---|---|---|")
    loss = nw["sent"] - nw["stored"]
    print(f"| netwarden daemon (parse, classify, store, FTS5 index), udp_receive_buffer default 4 MiB | {nw['sent']:,} | "
          f"{nw['stored']:,} (indexed {nw['indexed']:,}) | {loss:,} | {100 * loss / nw['sent']:.3f}% | {nw['cpu'] / nw['sent'] * 1e6:.1f} |")
    for name, r in (("rsyslogd imudp → file, default receive buffer", rs_default), ("rsyslogd imudp → file, rcvbufSize 4m", rs_4m)):
        lost = r["sent"] - r["stored"]
        print(f"| {name} | {r['sent']:,} | {r['stored']:,} | {lost:,} | {100 * lost / r['sent']:.3f}% | {r['cpu'] / r['sent'] * 1e6:.1f} |")
    print(f"\nDaemon /metrics after the run: netwarden_syslog_udp_kernel_drops {nw['drops']}, "
          f"netwarden_syslog_udp_receive_buffer_bytes {nw['buffer']:,}; the sender took {nw['wall']:.2f} s "
          f"({nw['sent'] / nw['wall']:,.0f} msgs/s); load average before {load:.1f}.\n")
    print(f"### SNMPv2c linkDown traps into the daemon: {TRAP_COUNT:,} per run, paced\n")
    print("| offered traps/s | stored in `traps` | lost | daemon CPU s per million |")
    print("|---|---|---|---|")
    for rate in TRAP_RATES:
        r = traps_daemon(rate)
        print(f"| {rate:,} | {r['stored']:,} | {TRAP_COUNT - r['stored']:,} | {r['cpu'] / TRAP_COUNT * 1e6:.1f} |")


main()
