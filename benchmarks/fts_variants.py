"""FTS5 layouts for the syslog index, measured on the same messages with the system SQLite.

    python3 benchmarks/fts_variants.py DIR N

Builds one database per layout (N messages), reports insert time, bytes per message of the index
and of the whole file, a term query, and whether retention deletes work.
"""
import os
import random
import sqlite3
import sys
import time

folder, n = sys.argv[1], int(sys.argv[2])
random.seed(42)
words = ("session opened closed accepted denied timeout neighbor adjacency bgp ospf vlan trunk port security "
         "violation power supply fan temperature threshold exceeded restored config saved committed rollback dhcp "
         "lease renewed arp duplicate address spanning tree topology change ntp sync lost radius server").split()


def message(i):
    port = f"GigabitEthernet{random.randrange(4)}/0/{random.randrange(48) + 1}"
    ip = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(256)}"
    k = random.randrange(4)
    if k == 0:
        return f"%LINK-3-UPDOWN: Interface {port}, changed state to {random.choice(['up', 'down'])}"
    if k == 1:
        return f"Failed password for user{random.randrange(500)} from {ip} port {random.randrange(60000)} ssh2"
    if k == 2:
        return f"%SYS-5-CONFIG_I: Configured from console by user{random.randrange(500)} on vty0 ({ip})"
    return " ".join(random.choice(words) for _ in range(6)) + f" on {port} peer {ip} id {i % 100000}"


rows = [(i + 1, message(i)) for i in range(n)]
layouts = {
    "external content (chosen)": "content='syslog', content_rowid='id'",
    "contentless": "content=''",
    "external content, detail=column": "content='syslog', content_rowid='id', detail=column",
    "external content, detail=none (no phrase queries)": "content='syslog', content_rowid='id', detail=none",
    "internal content (copy of the text)": "",
}
print(f"FTS5 layouts, {n:,} messages, SQLite {sqlite3.sqlite_version}\n")
print("| layout | insert s | index bytes/msg | file bytes/msg | query `user377` ms | retention delete |")
print("|---|---|---|---|---|---|")
for name, options in layouts.items():
    path = os.path.join(folder, "fts-variant.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE syslog(id INTEGER PRIMARY KEY, message TEXT NOT NULL)")
    args = ", " + options if options else ""
    db.execute(f"CREATE VIRTUAL TABLE syslog_fts USING fts5(message{args})")
    start = time.perf_counter()
    for chunk in range(0, n, 20000):
        part = rows[chunk:chunk + 20000]
        db.executemany("INSERT INTO syslog(id, message) VALUES (?, ?)", part)
        db.executemany("INSERT INTO syslog_fts(rowid, message) VALUES (?, ?)", part)
        db.commit()
    elapsed = time.perf_counter() - start
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'syslog_fts%'").fetchone()[0]
    size = os.path.getsize(path)
    t = time.perf_counter()
    for _ in range(5):
        db.execute("SELECT rowid FROM syslog_fts WHERE syslog_fts MATCH 'user377' ORDER BY rowid DESC LIMIT 100").fetchall()
    query = (time.perf_counter() - t) / 5 * 1000
    if options:
        # External content and contentless: the caller must hand back the text it indexed.
        db.execute("INSERT INTO syslog_fts(syslog_fts, rowid, message) VALUES ('delete', 1, ?)", (rows[0][1],))
        deletes = "'delete' command with the old text"
    else:
        db.execute("DELETE FROM syslog_fts WHERE rowid = 1")
        deletes = "DELETE"
    db.commit()
    gone = not db.execute("SELECT rowid FROM syslog_fts WHERE syslog_fts MATCH ? AND rowid = 1",
                          ('"' + rows[0][1].split()[0].strip('%:,') + '"',)).fetchall()
    deletes += " (works)" if gone else " (FAILED)"
    print(f"| {name} | {elapsed:.1f} | {index / n:.0f} | {size / n:.0f} | {query:.2f} | {deletes} |")
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
