import GRDB

/// The schema, as an ordered list of migrations. Times are INTEGER milliseconds since 1970,
/// except the sample tiers' `ts`, in seconds. Never edit a shipped migration: add one.
enum Schema {
    static let identityColumns = DeviceIdentity.fieldNames

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-inventory") { db in
            try db.execute(sql: """
                CREATE TABLE tenants(
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL);
                CREATE TABLE sites(
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
                    name TEXT NOT NULL, UNIQUE(tenant_id, name));
                CREATE TABLE devices(
                    id INTEGER PRIMARY KEY,
                    tenant_id INTEGER NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
                    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
                    address TEXT NOT NULL, name TEXT,
                    parent_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
                    credential_set TEXT, last_seen INTEGER, sys_uptime INTEGER,
                    reachability TEXT NOT NULL DEFAULT 'unknown'
                        CHECK (reachability IN ('unknown', 'up', 'down', 'unreachable')),
                    reachability_since INTEGER, created_at INTEGER NOT NULL,
                    UNIQUE(site_id, address));
                CREATE INDEX devices_tenant ON devices(tenant_id);
                CREATE INDEX devices_parent ON devices(parent_id);
                CREATE TABLE device_identity(
                    device_id INTEGER PRIMARY KEY REFERENCES devices(id) ON DELETE CASCADE,
                    \(identityColumns.map { "\($0) TEXT" }.joined(separator: ", ")),
                    updated_at INTEGER NOT NULL);
                CREATE TABLE device_identity_history(
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                    at INTEGER NOT NULL, changed TEXT NOT NULL,
                    \(identityColumns.map { "\($0) TEXT" }.joined(separator: ", ")));
                CREATE INDEX device_identity_history_device ON device_identity_history(device_id, at);
                """)
        }
        migrator.registerMigration("v1-interfaces-samples") { db in
            let rates = InterfaceRates.columns.map(\.name)
            try db.execute(sql: """
                CREATE TABLE interfaces(
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                    if_index INTEGER NOT NULL, name TEXT, descr TEXT, alias TEXT, type INTEGER, speed INTEGER,
                    admin_status INTEGER, oper_status INTEGER, duplex INTEGER, mac TEXT, last_change INTEGER,
                    updated_at INTEGER NOT NULL,
                    UNIQUE(device_id, if_index));
                CREATE TABLE interface_history(
                    id INTEGER PRIMARY KEY,
                    interface_id INTEGER NOT NULL REFERENCES interfaces(id) ON DELETE CASCADE,
                    at INTEGER NOT NULL, field TEXT NOT NULL, old_value TEXT, new_value TEXT);
                CREATE INDEX interface_history_interface ON interface_history(interface_id, at);
                """)
            // Sample tiers are keyed time first: each poll cycle appends to the end of the B-tree
            // instead of touching one page per interface (measured: see benchmarks/RESULTS.md);
            // a series is read by one key seek per time slot. No foreign key: a deleted
            // interface's samples age out with the retention.
            try db.execute(sql: """
                CREATE TABLE interface_samples_raw(
                    slot INTEGER NOT NULL, interface_id INTEGER NOT NULL, off INTEGER NOT NULL,
                    \(rates.map { "\($0) INTEGER" }.joined(separator: ", ")),
                    PRIMARY KEY(slot, interface_id, off)) WITHOUT ROWID;
                """)
            for tier in ["5m", "1h"] {
                try db.execute(sql: """
                    CREATE TABLE interface_samples_\(tier)(
                        ts INTEGER NOT NULL, interface_id INTEGER NOT NULL, n INTEGER NOT NULL,
                        \(rates.map { "avg_\($0) INTEGER" }.joined(separator: ", ")),
                        \(rates.map { "max_\($0) INTEGER" }.joined(separator: ", ")),
                        PRIMARY KEY(ts, interface_id)) WITHOUT ROWID;
                    """)
            }
            try db.execute(sql: """
                CREATE TABLE rollup_state(tier TEXT PRIMARY KEY, through INTEGER NOT NULL);
                CREATE TABLE health_samples(
                    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                    metric TEXT NOT NULL, label TEXT NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL,
                    PRIMARY KEY(device_id, metric, label, ts)) WITHOUT ROWID;
                CREATE INDEX health_samples_ts ON health_samples(ts);
                CREATE TABLE neighbours(
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                    protocol TEXT NOT NULL, local_if_index INTEGER NOT NULL,
                    remote_chassis_id TEXT NOT NULL, remote_port_id TEXT NOT NULL,
                    remote_port_descr TEXT, remote_sys_name TEXT, remote_address TEXT, remote_platform TEXT,
                    first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
                    UNIQUE(device_id, protocol, local_if_index, remote_chassis_id, remote_port_id));
                """)
        }
        migrator.registerMigration("v1-events-alerts-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE events(
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER REFERENCES devices(id) ON DELETE CASCADE,
                    interface_id INTEGER REFERENCES interfaces(id) ON DELETE SET NULL,
                    kind TEXT NOT NULL, severity INTEGER NOT NULL, at INTEGER NOT NULL, message TEXT NOT NULL,
                    details TEXT CHECK (details IS NULL OR json_valid(details)),
                    source TEXT NOT NULL CHECK (source IN ('poll', 'syslog', 'trap', 'discovery', 'system')));
                CREATE INDEX events_device ON events(device_id, at);
                CREATE INDEX events_at ON events(at);
                CREATE TABLE alerts(
                    id INTEGER PRIMARY KEY,
                    dedup_key TEXT NOT NULL, kind TEXT NOT NULL,
                    tenant_id INTEGER REFERENCES tenants(id) ON DELETE CASCADE,
                    device_id INTEGER REFERENCES devices(id) ON DELETE CASCADE,
                    interface_id INTEGER REFERENCES interfaces(id) ON DELETE SET NULL,
                    severity INTEGER NOT NULL, title TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
                    opened_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL,
                    occurrences INTEGER NOT NULL DEFAULT 1,
                    acknowledged_at INTEGER, acknowledged_by TEXT, resolved_at INTEGER,
                    parent_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL);
                -- One unresolved alert per dedup key; a resolved one may be followed by a new one.
                CREATE UNIQUE INDEX alerts_unresolved_dedup ON alerts(dedup_key) WHERE state <> 'resolved';
                CREATE INDEX alerts_state ON alerts(state, opened_at);
                CREATE INDEX alerts_device ON alerts(device_id);
                CREATE INDEX alerts_parent ON alerts(parent_id);
                CREATE INDEX alerts_resolved ON alerts(resolved_at) WHERE resolved_at IS NOT NULL;
                CREATE TABLE alert_evidence(
                    alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
                    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
                    PRIMARY KEY(alert_id, event_id)) WITHOUT ROWID;
                CREATE INDEX alert_evidence_event ON alert_evidence(event_id);
                CREATE TABLE outbox(
                    id INTEGER PRIMARY KEY,
                    channel TEXT NOT NULL,
                    payload TEXT NOT NULL CHECK (json_valid(payload)),
                    alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL,
                    created_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER, claimed_until INTEGER,
                    delivered_at INTEGER, gave_up_at INTEGER, last_error TEXT);
                CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
                CREATE INDEX outbox_alert ON outbox(alert_id);
                """)
        }
        migrator.registerMigration("v1-syslog-traps") { db in
            // FTS5 with external content: the index holds only terms and positions, the text stays
            // in `syslog` (a contentless index measures the same size; external content also
            // gives snippets and lets triggers hand the old text to deletes). Inserts index in
            // `SQLiteSyslogRepository.record` (an insert trigger cost 3.7× the time per message,
            // benchmarks/RESULTS.md); delete and update triggers keep the index in step.
            try db.execute(sql: """
                CREATE TABLE syslog(
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
                    received_at INTEGER NOT NULL, source TEXT NOT NULL,
                    facility INTEGER, severity INTEGER, hostname TEXT, app TEXT, msgid TEXT,
                    message TEXT NOT NULL, raw BLOB, flags INTEGER NOT NULL DEFAULT 0, event_class TEXT);
                CREATE INDEX syslog_received ON syslog(received_at);
                CREATE INDEX syslog_device ON syslog(device_id, received_at) WHERE device_id IS NOT NULL;
                CREATE VIRTUAL TABLE syslog_fts USING fts5(
                    message, hostname, app, content='syslog', content_rowid='id',
                    tokenize='unicode61 remove_diacritics 2');
                CREATE TRIGGER syslog_fts_delete AFTER DELETE ON syslog BEGIN
                    INSERT INTO syslog_fts(syslog_fts, rowid, message, hostname, app)
                        VALUES ('delete', old.id, old.message, old.hostname, old.app);
                END;
                CREATE TRIGGER syslog_fts_update AFTER UPDATE OF message, hostname, app ON syslog BEGIN
                    INSERT INTO syslog_fts(syslog_fts, rowid, message, hostname, app)
                        VALUES ('delete', old.id, old.message, old.hostname, old.app);
                    INSERT INTO syslog_fts(rowid, message, hostname, app) VALUES (new.id, new.message, new.hostname, new.app);
                END;
                CREATE TABLE traps(
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER REFERENCES devices(id) ON DELETE SET NULL,
                    received_at INTEGER NOT NULL, source TEXT NOT NULL, version TEXT NOT NULL,
                    trap_oid TEXT NOT NULL, varbinds TEXT NOT NULL CHECK (json_valid(varbinds)));
                CREATE INDEX traps_received ON traps(received_at);
                CREATE INDEX traps_device ON traps(device_id, received_at) WHERE device_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v1-discovery") { db in
            try db.execute(sql: """
                CREATE TABLE discovered_hosts(
                    id INTEGER PRIMARY KEY,
                    site_id INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
                    ip TEXT NOT NULL, mac TEXT NOT NULL DEFAULT '',
                    first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, seen_by TEXT NOT NULL,
                    UNIQUE(site_id, ip, mac));
                """)
        }
        // Passive discovery: what the frames named the host, and the maker of its network card.
        migrator.registerMigration("v2-discovery-names") { db in
            try db.execute(sql: """
                ALTER TABLE discovered_hosts ADD COLUMN name TEXT;
                ALTER TABLE discovered_hosts ADD COLUMN vendor TEXT;
                CREATE INDEX discovered_hosts_mac ON discovered_hosts(site_id, mac);
                """)
        }
        migrator.registerMigration("v2-syslog-index-file") { db in
            // The full-text index moves to its own file with its own writer (SyslogIndex): it
            // re-indexes these rows from its watermark (0) on first start. Rows are never
            // updated; deletions go through `syslog_index_deletes` (AUTOINCREMENT: a sequence
            // number is never reused after the table empties).
            try db.execute(sql: """
                DROP TRIGGER syslog_fts_delete;
                DROP TRIGGER syslog_fts_update;
                DROP TABLE syslog_fts;
                CREATE TABLE syslog_index_deletes(
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, id INTEGER NOT NULL,
                    message TEXT NOT NULL, hostname TEXT, app TEXT);
                """)
        }
        migrator.registerMigration("v3-parent-source") { db in
            // Where a parent came from: 'config', or 'lldp'/'cdp' when inferred from neighbours.
            try db.execute(sql: "ALTER TABLE devices ADD COLUMN parent_source TEXT")
        }
        // ENTITY-MIB physical inventory, keyed by entPhysicalIndex, and its changes.
        migrator.registerMigration("v3-physical-inventory") { db in
            try db.execute(sql: """
                CREATE TABLE physical_entities(
                    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                    ent_index INTEGER NOT NULL, class TEXT NOT NULL, contained_in INTEGER, position INTEGER,
                    name TEXT, descr TEXT, vendor_type TEXT, model TEXT, serial TEXT,
                    hardware_rev TEXT, firmware_rev TEXT, software_rev TEXT, manufacturer TEXT, fru INTEGER,
                    first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
                    PRIMARY KEY(device_id, ent_index)) WITHOUT ROWID;
                CREATE TABLE physical_entity_history(
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
                    at INTEGER NOT NULL, ent_index INTEGER NOT NULL,
                    change TEXT NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
                    field TEXT, old_value TEXT, new_value TEXT,
                    class TEXT NOT NULL, name TEXT, model TEXT, serial TEXT, fru INTEGER);
                CREATE INDEX physical_entity_history_device ON physical_entity_history(device_id, at);
                """)
        }
        return migrator
    }
}
