#!/usr/bin/env python3
"""Issue 5's fleet benchmark: `netwarden daemon` polling N simulated devices of 24 interfaces on a
fixed interval with SQLite, simulator on the same machine; then prometheus-snmp-exporter scraping
the IF-MIB module of the same simulated devices, for CPU per device-poll in the same run.

usage: daemon_bench.py NETWARDEN DEVICES INTERVAL_S CYCLES SCRAPES

Prints Markdown. Needs ulimit -n above DEVICES (one simulator socket per address)."""
import ipaddress, json, os, re, shutil, signal, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request

NW, DEVICES, INTERVAL, CYCLES, SCRAPES = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIRST = ipaddress.ip_address("127.3.0.1")
INTERFACES = 24
HTTP = "127.0.0.1:18290"
COMMUNITY = "bench24"


def recording():
    """A 24-port switch: system group, ifTable and ifXTable with counters that move."""
    lines = [
        "1.3.6.1.2.1.1.1.0|4|Linux bench-switch 6.1.0 #1 SMP x86_64",
        "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.8072.3.2.10",
        "1.3.6.1.2.1.1.3.0|67|100",
        "1.3.6.1.2.1.1.5.0|4|bench-switch",
        f"1.3.6.1.2.1.2.1.0|2|{INTERFACES}",
    ]
    t, x = "1.3.6.1.2.1.2.2.1", "1.3.6.1.2.1.31.1.1.1"
    rows = []
    for i in range(1, INTERFACES + 1):
        rate = 1000 * i
        cols = {
            1: f"2|{i}", 2: f"4|GigabitEthernet0/{i}", 3: "2|6", 4: "2|1500", 5: "66|1000000000",
            6: f"4x|0011223344{i:02x}", 7: "2|1", 8: "2|1", 9: "67|0",
            10: f"65:numeric|initial=0,rate={rate}", 11: f"65:numeric|initial=0,rate={rate // 100}", 12: "65|0",
            13: "65|0", 14: "65|0", 15: "65|0",
            16: f"65:numeric|initial=0,rate={rate * 2}", 17: f"65:numeric|initial=0,rate={rate // 50}", 18: "65|0",
            19: "65|0", 20: "65|0", 21: "66|0",
        }
        xcols = {
            1: f"4|Gi0/{i}", 2: "65|0", 3: "65|0", 4: "65|0", 5: "65|0",
            6: f"70:numeric|initial=0,rate={rate}", 7: f"70:numeric|initial=0,rate={rate // 100}", 8: "70|0", 9: "70|0",
            10: f"70:numeric|initial=0,rate={rate * 2}", 11: f"70:numeric|initial=0,rate={rate // 50}", 12: "70|0", 13: "70|0",
            14: "2|1", 15: "66|1000", 16: "2|2", 17: "2|1", 18: f"4|port {i}", 19: "67|0",
        }
        rows += [(f"{t}.{c}.{i}", v) for c, v in cols.items()] + [(f"{x}.{c}.{i}", v) for c, v in xcols.items()]
    def key(oid):
        return [int(a) for a in oid.split(".")]
    lines += [f"{o}|{v}" for o, v in sorted(rows, key=lambda r: key(r[0]))]
    return "\n".join(lines) + "\n"


def config(directory):
    sites = []
    per_site = 100
    for s in range((DEVICES + per_site - 1) // per_site):
        devices = []
        for d in range(s * per_site, min(DEVICES, (s + 1) * per_site)):
            devices.append(f"          - {{ address: {FIRST + d}, name: sw{d:05d} }}")
        sites.append(f"      - name: site{s:03d}\n        devices:\n" + "\n".join(devices))
    return f"""store: {{ sqlite: {{ path: {directory}/netwarden.sqlite }} }}
http: {{ listen: {HTTP}, metrics_public: true }}
identification_rules: {ROOT}/config/identification.yaml
firmware_policy: {ROOT}/config/firmware-policy.yaml
mib_dirs: [{ROOT}/mibs]
credentials:
  bench: {{ version: v2c, community: {COMMUNITY} }}
defaults:
  credentials: [bench]
  polling: {{ interval: {INTERVAL}s, timeout: 2s, retries: 1 }}
log: {{ level: warning }}
tenants:
  - name: bench
    sites:
""" + "\n".join(sites) + "\n"


def cpu(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def metrics():
    text = urllib.request.urlopen(f"http://{HTTP}/metrics", timeout=10).read().decode()
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


def used_bytes(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    pages = db.execute("PRAGMA page_count").fetchone()[0] - db.execute("PRAGMA freelist_count").fetchone()[0]
    db.close()
    return pages * page_size


def wait_for(what, condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return
        except Exception:
            pass
        time.sleep(0.5)
    raise SystemExit(f"daemon_bench: timed out waiting for {what}")


def main():
    work = tempfile.mkdtemp(prefix="nw-daemon-bench-")
    recordings = os.path.join(work, "recordings")
    os.makedirs(recordings)
    with open(os.path.join(recordings, f"{COMMUNITY}.snmprec"), "w") as f:
        f.write(recording())
    with open(os.path.join(work, "netwarden.yaml"), "w") as f:
        f.write(config(work))
    last = FIRST + DEVICES - 1
    procs = []
    try:
        sim_log = open(os.path.join(work, "sim.log"), "w")
        sim = subprocess.Popen([NW, "simulate", "--recordings", recordings, "--listen", f"{FIRST}-{last}:161"], stderr=sim_log, stdout=subprocess.DEVNULL)
        procs.append(sim)
        wait_for("the simulator", lambda: "simulating" in open(os.path.join(work, "sim.log")).read(), 120)
        daemon_log = open(os.path.join(work, "daemon.log"), "w")
        daemon = subprocess.Popen([NW, "daemon", "--config", os.path.join(work, "netwarden.yaml")], stderr=daemon_log, stdout=subprocess.DEVNULL)
        procs.append(daemon)
        wait_for("/metrics", lambda: metrics() is not None, 120)
        # Warm-up: one whole cycle (first polls identify and create every row), then measure.
        wait_for("the first cycle", lambda: metrics().get("netwarden_polls_total", 0) >= DEVICES, INTERVAL * 3 + 60)
        time.sleep(INTERVAL / 2)
        db = os.path.join(work, "netwarden.sqlite")
        m0, c0, s0, t0, b0 = metrics(), cpu(daemon.pid), cpu(sim.pid), time.time(), used_bytes(db)
        rss_samples = []
        while time.time() - t0 < INTERVAL * CYCLES:
            time.sleep(min(5, INTERVAL / 2))
            rss_samples.append(status(daemon.pid, "VmRSS"))
        m1, c1, s1, t1, b1 = metrics(), cpu(daemon.pid), cpu(sim.pid), time.time(), used_bytes(db)
        hwm = status(daemon.pid, "VmHWM")
        elapsed = t1 - t0
        polls = m1["netwarden_polls_total"] - m0["netwarden_polls_total"]
        failures = m1["netwarden_poll_failures_total"] - m0["netwarden_poll_failures_total"]
        skipped = sum(m1[k] - m0.get(k, 0) for k in m1 if k.startswith("netwarden_polls_skipped_total"))
        poll_seconds = m1["netwarden_poll_seconds_total"] - m0["netwarden_poll_seconds_total"]
        daemon_cpu, sim_cpu = c1 - c0, s1 - s0
        per_poll = daemon_cpu / polls if polls else float("nan")
        expected = DEVICES * elapsed / INTERVAL
        growth = (b1 - b0) / (DEVICES * INTERFACES) * 86400 / elapsed
        for p in procs[::-1]:
            p.send_signal(signal.SIGTERM)
        daemon.wait(60)
        procs.remove(daemon)

        # prometheus-snmp-exporter: the IF-MIB module of the same simulated devices.
        exporter = exporter_scrapes(min(SCRAPES, DEVICES)) if SCRAPES else None
        print(f"### daemon: {DEVICES:,} simulated devices × {INTERFACES} interfaces, {INTERVAL} s interval, SQLite, simulator on the same machine")
        print()
        print("| measure | value |")
        print("|---|---|")
        print(f"| measured | {elapsed:.0f} s ({elapsed / INTERVAL:.1f} cycles) after a warm-up cycle |")
        print(f"| polls finished / due | {polls:,.0f} / {expected:,.0f} |")
        print(f"| polls skipped (overrun or back-off) | {skipped:,.0f} |")
        print(f"| polls failed | {failures:,.0f} |")
        print(f"| mean poll duration (wall) | {poll_seconds / polls * 1000 if polls else float('nan'):.1f} ms |")
        print(f"| daemon CPU | {daemon_cpu:.1f} s = **{daemon_cpu / elapsed:.2f} cores** on average |")
        print(f"| simulator CPU | {sim_cpu:.1f} s = {sim_cpu / elapsed:.2f} cores |")
        print(f"| daemon CPU per device-poll | **{per_poll * 1000:.2f} ms** |")
        print(f"| daemon RSS | {max(rss_samples or [0]) / 2**20:.0f} MiB max sampled, {hwm / 2**20:.0f} MiB high-water |")
        print(f"| store growth | {(b1 - b0) / 2**20:.1f} MiB in {elapsed:.0f} s = **{growth / 1024:.1f} KiB per interface per day** (raw tier before roll-up and retention) |")
        if exporter:
            scrapes, exporter_cpu, samples = exporter
            ratio = per_poll / (exporter_cpu / scrapes) if scrapes else float("nan")
            print(f"| prometheus-snmp-exporter CPU per scrape (module if_mib, same devices) | {exporter_cpu / scrapes * 1000:.2f} ms over {scrapes:,} scrapes, {samples:,} samples each |")
            print(f"| **ratio** Netwarden per device-poll / exporter per scrape | **{ratio:.2f}** |")
        else:
            print("| prometheus-snmp-exporter | not measured (../shared/lab/snmp-exporter-lab missing or scrapes 0) |")
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
        subprocess.run([os.path.join(ROOT, "..", "shared", "lab", "snmp-exporter-lab"), "down"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


def exporter_scrapes(count):
    lab = os.path.join(ROOT, "..", "shared", "lab", "snmp-exporter-lab")
    if not os.path.exists(lab):
        return None
    # The exporter scrapes the same simulated addresses; start a simulator for them again.
    work = tempfile.mkdtemp(prefix="nw-exporter-bench-")
    try:
        recordings = os.path.join(work, "recordings")
        os.makedirs(recordings)
        with open(os.path.join(recordings, f"{COMMUNITY}.snmprec"), "w") as f:
            f.write(recording())
        last = FIRST + count - 1
        sim_log = os.path.join(work, "sim.log")
        sim = subprocess.Popen([NW, "simulate", "--recordings", recordings, "--listen", f"{FIRST}-{last}:161"],
                               stderr=open(sim_log, "w"), stdout=subprocess.DEVNULL)
        try:
            wait_for("the simulator", lambda: "simulating" in open(sim_log).read(), 120)
            env = dict(os.environ, SNMP_EXPORTER_COMMUNITIES=COMMUNITY)
            subprocess.run([lab, "up", "-"], env=env, check=True, capture_output=True)
            pid = int(subprocess.run([lab, "pid"], capture_output=True, text=True, check=True).stdout.strip())
            module = f"if_mib_c_{COMMUNITY}"
            def scrape(address):
                return urllib.request.urlopen(f"http://127.0.0.1:9116/snmp?module={module}&target={address}", timeout=60).read()
            body = scrape(FIRST).decode()  # warm: the first scrape builds the module's state
            samples = sum(1 for line in body.splitlines() if line and not line.startswith("#"))
            if samples < INTERFACES * 10:
                raise SystemExit(f"daemon_bench: the exporter returned {samples} samples: {body[:500]}")
            before = cpu(pid)
            addresses = [FIRST + i for i in range(count)]
            lock = threading.Lock()
            def worker():
                while True:
                    with lock:
                        if not addresses:
                            return
                        address = addresses.pop()
                    scrape(address)
            threads = [threading.Thread(target=worker) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return count, cpu(pid) - before, samples
        finally:
            sim.kill()
            sim.wait()
    finally:
        subprocess.run([lab, "down"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
