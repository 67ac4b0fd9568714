#!/usr/bin/env python3
"""Syslog end to end: TCP sender -> the daemon (SyslogServer, ReceiverIngest, store, FTS5 index).

    syslog_e2e.py NETWARDEN NETWARDEN_BENCH DIR COUNT [PORT]

Starts `netwarden daemon` with one TCP syslog listener (no per-source rate limit, no devices) and
its store in DIR, then `netwarden-bench syslog-send --varied` writes COUNT distinct device lines
over one connection, LF-framed, as fast as the daemon reads them (TCP back-pressure is the pace).
While it runs, the rows committed in `syslog` (max id) and the index watermark are sampled every
0.5 s from the files. Done when the index holds COUNT rows. Reports: sustained msgs/s stored
(acknowledged) and stored + indexed, the slowest 5-second window, loss (COUNT - rows), the
daemon's CPU per million messages, the sender's CPU, bytes per message on disk, the load average,
and term searches over the result (the same SQL as the API, median of 5). Prints Markdown.
"""
import os, sqlite3, statistics, subprocess, sys, time

NW, NB, DIR, COUNT = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
PORT = int(sys.argv[5]) if len(sys.argv) > 5 else 15601
TICK = os.sysconf("SC_CLK_TCK")
DB = os.path.join(DIR, "netwarden.sqlite")
INDEX = os.path.join(DIR, "netwarden.syslog-index.sqlite")


def cpu_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def connect(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, timeout=30)
    return db


def progress():
    """(rows committed, rows indexed) as the files say."""
    try:
        stored = connect(DB).execute("SELECT ifnull(max(id), 0) FROM syslog").fetchone()[0]
    except sqlite3.Error:
        stored = 0
    try:
        indexed = connect(INDEX).execute("SELECT indexed_through FROM syslog_index_state").fetchone()[0]
    except sqlite3.Error:
        indexed = 0
    return stored, indexed


def main():
    os.makedirs(DIR, exist_ok=True)
    for name in os.listdir(DIR):
        if name.startswith("netwarden."):
            os.remove(os.path.join(DIR, name))
    config = os.path.join(DIR, "netwarden.yaml")
    with open(config, "w") as f:
        f.write(f"""listeners:
  syslog:
    tcp: [127.0.0.1:{PORT}]
    rate_limit_per_source: 0
store: {{ sqlite: {{ path: {DB} }} }}
http: {{ listen: 127.0.0.1:{PORT + 1} }}
log: {{ level: warning }}
""")
    daemon = subprocess.Popen([NW, "daemon", "--config", config], stdout=subprocess.DEVNULL, stderr=open(os.path.join(DIR, "daemon.log"), "w"))
    try:
        deadline = time.time() + 30
        import socket
        while True:
            try:
                socket.create_connection(("127.0.0.1", PORT), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or daemon.poll() is not None:
                    sys.exit("daemon did not start: " + open(os.path.join(DIR, "daemon.log")).read())
                time.sleep(0.2)
        load_before = os.getloadavg()
        cpu0 = cpu_of(daemon.pid)
        start = time.time()
        sender = subprocess.Popen([NB, "syslog-send", "--varied", "--port", str(PORT), "--count", str(COUNT)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        samples = [(0.0, 0, 0)]
        wal_max = 0
        stored_at = indexed_at = None
        while True:
            time.sleep(0.5)
            now = time.time() - start
            stored, indexed = progress()
            samples.append((now, stored, indexed))
            try:
                wal_max = max(wal_max, os.path.getsize(DB + "-wal"))
            except OSError:
                pass
            if stored_at is None and stored >= COUNT:
                stored_at = now
            if indexed >= COUNT:
                indexed_at = now
                break
            if daemon.poll() is not None:
                sys.exit("daemon exited: " + open(os.path.join(DIR, "daemon.log")).read()[-2000:])
            # No progress for 60 s: give up and report the loss.
            if now > 60 and samples[-1][1] == samples[max(0, len(samples) - 121)][1] and samples[-1][2] == samples[max(0, len(samples) - 121)][2]:
                break
        cpu = cpu_of(daemon.pid) - cpu0
        load_after = os.getloadavg()
        out, err = sender.communicate(timeout=120)
        sent_line = [l for l in out.splitlines() if l.startswith("SENT")]
        sent = dict(p.split("=") for p in sent_line[0].split()[1:]) if sent_line else {}
        children = os.times()
        sender_cpu = children.children_user + children.children_system
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=60)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()

    # Sizes after checkpoints that empty the WALs (the daemon is stopped).
    for path in (DB, INDEX):
        rw = sqlite3.connect(path, isolation_level=None)
        rw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rw.close()
    db = connect(DB)
    rows = db.execute("SELECT count(*) FROM syslog").fetchone()[0]
    raw_bytes = int(sent.get("bytes", 0))
    store_bytes = os.path.getsize(DB)
    index_bytes = os.path.getsize(INDEX)
    db.execute(f"ATTACH 'file:{INDEX}?mode=ro' AS fts")

    def search(match, order="f.rowid DESC"):
        times = []
        for _ in range(5):
            t = time.perf_counter()
            hits = db.execute(f"""SELECT s.* FROM fts.syslog_index f JOIN syslog s ON s.id = f.rowid
                                  WHERE syslog_index MATCH ? ORDER BY {order} LIMIT 100""", (match,)).fetchall()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times), len(hits)

    # Slowest 5-second window of committed rows while sending.
    windows = []
    for i, (t, s, _) in enumerate(samples):
        j = next((k for k in range(i, len(samples)) if samples[k][0] >= t + 5), None)
        if j is None or samples[j][1] >= COUNT or s == 0:
            continue
        windows.append((samples[j][1] - s) / (samples[j][0] - t))
    print(f"### syslog end to end: {COUNT:,} messages over TCP into `netwarden daemon`\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| messages sent / rows stored / lost | {COUNT:,} / {rows:,} / {COUNT - rows:,} |")
    if stored_at:
        print(f"| sustained rate, stored (acknowledged) | {COUNT / stored_at:,.0f} msgs/s ({stored_at:.1f} s) |")
    if indexed_at:
        print(f"| sustained rate, stored and indexed | {COUNT / indexed_at:,.0f} msgs/s ({indexed_at:.1f} s) |")
    if windows:
        print(f"| slowest 5-second window, stored | {min(windows):,.0f} msgs/s |")
    print(f"| largest index lag seen | {max(s - i for _, s, i in samples):,} rows |")
    print(f"| daemon CPU per million messages (receive, parse, classify, store, index) | {cpu / COUNT * 1e6:.1f} s |")
    print(f"| sender CPU per million messages | {sender_cpu / COUNT * 1e6:.1f} s |")
    print(f"| daemon CPU / wall (of 2 cores) | {cpu / (indexed_at or samples[-1][0]):.2f} |")
    print(f"| raw bytes per message sent | {raw_bytes / COUNT:.0f} |")
    print(f"| bytes per message on disk: store (row with raw bytes, indexes) + full-text index | {store_bytes / max(rows, 1):.0f} + {index_bytes / max(rows, 1):.0f} |")
    print(f"| largest store WAL seen | {wal_max / 1048576:.0f} MiB |")
    print(f"| load average before / after (1 min) | {load_before[0]:.1f} / {load_after[0]:.1f} |")
    for name, match, order in [
        ("rare term (one user name), newest 100", "\"user377\"", "f.rowid DESC"),
        ("common term `updown`, newest 100", "\"updown\"", "f.rowid DESC"),
        ("phrase `GigabitEthernet2/0/17 down`", "\"GigabitEthernet2/0/17\" \"down\"", "f.rowid DESC"),
        ("rare term, relevance (bm25 over all matches)", "\"user377\"", "f.rank, f.rowid DESC"),
        ("no match", "\"zzyzx\"", "f.rowid DESC"),
    ]:
        ms, hits = search(match, order)
        print(f"| search: {name} | {ms:.1f} ms ({hits} hits) |")


main()
