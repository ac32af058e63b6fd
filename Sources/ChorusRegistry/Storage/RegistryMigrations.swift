import GRDB

/// Versioned schema. A migration, once released, is never edited: add a new one.
enum RegistryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tenants-groups-snapshots") { db in
            try db.execute(sql: """
                CREATE TABLE network (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    policy TEXT NOT NULL CHECK (policy IN ('open', 'approval')),
                    createdAt DATETIME NOT NULL
                );
                CREATE TABLE token (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
                    hash TEXT NOT NULL UNIQUE,
                    createdAt DATETIME NOT NULL,
                    revokedAt DATETIME
                );
                CREATE TABLE feedGroup (
                    id INTEGER PRIMARY KEY,
                    groupId TEXT NOT NULL UNIQUE,
                    title TEXT,
                    feedURL TEXT NOT NULL,
                    etag TEXT,
                    lastModified TEXT,
                    harvestState TEXT NOT NULL DEFAULT 'active'
                        CHECK (harvestState IN ('active', 'suspended', 'gone', 'key-revoked')),
                    harvestReason TEXT,
                    consecutiveFailures INTEGER NOT NULL DEFAULT 0,
                    nextFetchAt DATETIME NOT NULL,
                    redirectURL TEXT,
                    redirectSeen INTEGER NOT NULL DEFAULT 0,
                    createdAt DATETIME NOT NULL
                );
                CREATE INDEX feedGroup_due ON feedGroup(harvestState, nextFetchAt);
                CREATE TABLE groupKey (
                    id INTEGER PRIMARY KEY,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    keyId TEXT NOT NULL,
                    publicKey TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('proposed', 'pinned', 'announced', 'retired', 'revoked')),
                    source TEXT NOT NULL,
                    createdAt DATETIME NOT NULL,
                    changedAt DATETIME NOT NULL
                );
                CREATE INDEX groupKey_group ON groupKey(groupRow, status);
                CREATE TABLE membership (
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    status TEXT NOT NULL
                        CHECK (status IN ('pending-key', 'pending-approval', 'active', 'suspended', 'removed')),
                    reason TEXT,
                    createdAt DATETIME NOT NULL,
                    updatedAt DATETIME NOT NULL,
                    PRIMARY KEY (networkId, groupRow)
                );
                CREATE TABLE snapshot (
                    id INTEGER PRIMARY KEY,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,
                    expires DATETIME NOT NULL,
                    keyId TEXT NOT NULL,
                    digest TEXT NOT NULL,
                    bytes BLOB NOT NULL,
                    signature TEXT NOT NULL,
                    fetchedAt DATETIME NOT NULL,
                    via TEXT NOT NULL,
                    UNIQUE (groupRow, seq)
                );
                CREATE TABLE harvestAttempt (
                    id INTEGER PRIMARY KEY,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    at DATETIME NOT NULL,
                    via TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    code TEXT,
                    detail TEXT,
                    httpStatus INTEGER,
                    durationMs INTEGER NOT NULL
                );
                CREATE INDEX harvestAttempt_group ON harvestAttempt(groupRow, at);
                CREATE TABLE auditLog (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    at DATETIME NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    groupId TEXT,
                    detail TEXT
                );
                CREATE INDEX auditLog_network ON auditLog(networkId, at);
                """)
        }
        migrator.registerMigration("v2-charters-verdicts") { db in
            try db.execute(sql: """
                CREATE TABLE charter (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    version TEXT NOT NULL,
                    bytes BLOB NOT NULL,
                    signature TEXT,
                    setAt DATETIME NOT NULL,
                    setBy TEXT NOT NULL,
                    UNIQUE (networkId, version)
                );
                ALTER TABLE network ADD COLUMN charterId INTEGER REFERENCES charter(id);
                ALTER TABLE network ADD COLUMN dashboardPublic INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE verdict (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    charterId INTEGER NOT NULL REFERENCES charter(id) ON DELETE CASCADE,
                    snapshotId INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
                    evaluatedAt DATETIME NOT NULL,
                    tier TEXT,
                    listed INTEGER NOT NULL,
                    failedRequired INTEGER NOT NULL,
                    verdict BLOB NOT NULL,
                    current INTEGER NOT NULL
                );
                CREATE INDEX verdict_current ON verdict(networkId, current, groupRow);
                CREATE INDEX verdict_history ON verdict(networkId, groupRow, id);
                """)
        }
        return migrator
    }
}
