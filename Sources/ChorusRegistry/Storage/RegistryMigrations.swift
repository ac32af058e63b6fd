import Foundation
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
        migrator.registerMigration("v3-directory") { db in
            try db.execute(sql: """
                CREATE INDEX membership_group ON membership(groupRow, status);
                CREATE TABLE directoryGroup (
                    groupRow INTEGER PRIMARY KEY REFERENCES feedGroup(id) ON DELETE CASCADE,
                    snapshotId INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    document BLOB NOT NULL,
                    summary TEXT NOT NULL,
                    language TEXT,
                    area TEXT,
                    modes TEXT NOT NULL,
                    free INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    meetings TEXT NOT NULL,
                    notices BLOB,
                    indexedAt DATETIME NOT NULL
                );
                CREATE VIRTUAL TABLE directoryText USING fts5(name, summary, places, tokenize = "unicode61 remove_diacritics 2");
                CREATE TABLE directoryFacet (
                    facet TEXT NOT NULL,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    PRIMARY KEY (facet, groupRow)
                ) WITHOUT ROWID;
                CREATE INDEX directoryFacet_group ON directoryFacet(groupRow);
                CREATE TABLE directoryPlace (
                    id INTEGER PRIMARY KEY,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    placeKey TEXT NOT NULL,
                    withheld INTEGER NOT NULL,
                    latitude REAL,
                    longitude REAL,
                    areaLatitude REAL,
                    areaLongitude REAL,
                    locality TEXT,
                    region TEXT,
                    postcode TEXT,
                    country TEXT NOT NULL,
                    localityKey TEXT,
                    regionKey TEXT,
                    postcodeKey TEXT
                );
                CREATE INDEX directoryPlace_group ON directoryPlace(groupRow);
                CREATE INDEX directoryPlace_locality ON directoryPlace(localityKey);
                CREATE INDEX directoryPlace_region ON directoryPlace(regionKey);
                CREATE INDEX directoryPlace_postcode ON directoryPlace(postcodeKey);
                CREATE VIRTUAL TABLE directoryPoint USING rtree(id, minLatitude, maxLatitude, minLongitude, maxLongitude, +groupRow, +withheld);
                CREATE TABLE occurrence (
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    start INTEGER NOT NULL,
                    meetingKey TEXT NOT NULL,
                    end INTEGER NOT NULL,
                    localDate TEXT NOT NULL,
                    weekday INTEGER NOT NULL,
                    minute INTEGER NOT NULL,
                    mode TEXT NOT NULL,
                    cancelled INTEGER NOT NULL,
                    PRIMARY KEY (groupRow, start, meetingKey)
                ) WITHOUT ROWID;
                CREATE INDEX occurrence_upcoming ON occurrence(start, groupRow, weekday, minute, mode) WHERE cancelled = 0;
                CREATE TABLE gazetteer (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    region TEXT,
                    regionCode TEXT,
                    country TEXT NOT NULL,
                    latitude REAL NOT NULL,
                    longitude REAL NOT NULL,
                    population INTEGER NOT NULL DEFAULT 0,
                    timeZone TEXT,
                    source TEXT NOT NULL,
                    sourceId TEXT NOT NULL,
                    UNIQUE (source, sourceId)
                );
                CREATE TABLE gazetteerName (
                    nameKey TEXT NOT NULL,
                    placeId INTEGER NOT NULL REFERENCES gazetteer(id) ON DELETE CASCADE,
                    PRIMARY KEY (nameKey, placeId)
                ) WITHOUT ROWID;
                ALTER TABLE network ADD COLUMN contact TEXT;
                """)
        }
        migrator.registerMigration("v4-outputs") { db in
            try db.execute(sql: """
                CREATE TABLE directoryListing (
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    groupId TEXT NOT NULL,
                    title TEXT NOT NULL,
                    tier TEXT,
                    snapshotId INTEGER NOT NULL,
                    digest TEXT NOT NULL,
                    stale INTEGER NOT NULL,
                    since DATETIME NOT NULL,
                    PRIMARY KEY (networkId, groupRow)
                ) WITHOUT ROWID;
                CREATE TABLE directoryChange (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    groupRow INTEGER NOT NULL,
                    groupId TEXT NOT NULL,
                    title TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('joined', 'changed', 'tier', 'stale', 'left')),
                    tier TEXT,
                    previousTier TEXT,
                    at DATETIME NOT NULL
                );
                CREATE INDEX directoryChange_network ON directoryChange(networkId, id);
                CREATE TABLE directoryNotice (
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    noticeId TEXT NOT NULL,
                    updated DATETIME NOT NULL,
                    notice BLOB NOT NULL,
                    PRIMARY KEY (groupRow, noticeId)
                ) WITHOUT ROWID;
                CREATE INDEX directoryNotice_updated ON directoryNotice(updated);
                """)
            for row in try Row.fetchAll(db, sql: "SELECT groupRow, notices FROM directoryGroup WHERE notices IS NOT NULL") {
                for notice in try DirectoryCoding.decoder.decode([PublicGroup.Notice].self, from: row["notices"] as Data) {
                    try db.execute(sql: "INSERT OR IGNORE INTO directoryNotice (groupRow, noticeId, updated, notice) VALUES (?, ?, ?, ?)",
                                   arguments: [row["groupRow"], notice.id, notice.updated, try DirectoryCoding.encoder.encode(notice)])
                }
            }
            try ChangeLog.reconcile(db, scope: .everything, now: Date(), recordChanges: false)
        }
        migrator.registerMigration("v5-network-isolation") { db in
            // Each network keeps the feed URL it enrolled and its own veto of a key, so that nothing one network
            // does changes what another sees.
            try db.execute(sql: """
                ALTER TABLE membership ADD COLUMN feedURL TEXT;
                ALTER TABLE membership ADD COLUMN vetoedKeyId TEXT;
                UPDATE membership SET feedURL = (SELECT feedURL FROM feedGroup WHERE feedGroup.id = membership.groupRow);
                """)
        }
        migrator.registerMigration("v6-token-expiry-attempt-totals") { db in
            try db.execute(sql: """
                ALTER TABLE token ADD COLUMN expiresAt DATETIME;
                CREATE TABLE harvestAttemptPruned (
                    outcome TEXT PRIMARY KEY NOT NULL,
                    count INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v7-directory-touch") { db in
            // The in-memory read model of the directory learns which groups changed from this table, whichever
            // process wrote: one row per group (0 for every group), with a sequence number that only grows.
            var statements = """
                CREATE TABLE directoryTouch (
                    groupRow INTEGER PRIMARY KEY,
                    seq INTEGER NOT NULL
                );
                CREATE INDEX directoryTouch_seq ON directoryTouch(seq);

                """
            func touch(_ row: String) -> String {
                """
                INSERT INTO directoryTouch (groupRow, seq) VALUES (\(row), (SELECT IFNULL(MAX(seq), 0) + 1 FROM directoryTouch))
                    ON CONFLICT (groupRow) DO UPDATE SET seq = excluded.seq;
                """
            }
            for table in ["directoryGroup", "directoryPlace", "membership", "verdict"] {
                for (event, row) in [("INSERT", "NEW.groupRow"), ("UPDATE", "NEW.groupRow"), ("DELETE", "OLD.groupRow")] {
                    statements += """
                        CREATE TRIGGER \(table)_touch_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                            \(touch(row))
                        END;

                        """
                }
            }
            // A network's name or charter, or the gazetteer that places withheld areas and answers place names:
            // every group is read again.
            for (table, events) in [("network", ["UPDATE", "DELETE"]), ("gazetteer", ["INSERT", "UPDATE", "DELETE"])] {
                for event in events {
                    statements += """
                        CREATE TRIGGER \(table)_touch_\(event.lowercased()) AFTER \(event) ON \(table) BEGIN
                            \(touch("0"))
                        END;

                        """
                }
            }
            try db.execute(sql: statements)
        }
        migrator.registerMigration("v8-restriction-crisis-line-embedding") { db in
            // Who a group is only for, on its result card (rows indexed before this fill in at the next re-index);
            // a network's crisis line, shown on its pages; the origins that may embed its directory.
            try db.execute(sql: """
                ALTER TABLE directoryGroup ADD COLUMN restriction TEXT;
                ALTER TABLE network ADD COLUMN crisisLine TEXT;
                ALTER TABLE network ADD COLUMN embedOrigins TEXT;
                """)
        }
        migrator.registerMigration("v9-console-people-reports") { db in
            // The console's people (a sign-in, with a role in each network they belong to), their single-use invites,
            // their sessions (the id stored as its SHA-256 only) and the reports visitors send about a listing.
            try db.execute(sql: """
                CREATE TABLE person (
                    id INTEGER PRIMARY KEY,
                    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    name TEXT NOT NULL,
                    passphraseHash TEXT NOT NULL,
                    failedSignIns INTEGER NOT NULL DEFAULT 0,
                    lastFailureAt DATETIME,
                    lockedAt DATETIME,
                    lastSignInAt DATETIME,
                    createdAt DATETIME NOT NULL
                );
                CREATE TABLE personRole (
                    personId INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
                    addedAt DATETIME NOT NULL,
                    PRIMARY KEY (personId, networkId)
                );
                CREATE INDEX personRole_network ON personRole(networkId);
                CREATE TABLE invite (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
                    personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
                    hash TEXT NOT NULL UNIQUE,
                    createdAt DATETIME NOT NULL,
                    expiresAt DATETIME NOT NULL,
                    usedAt DATETIME,
                    createdBy TEXT NOT NULL
                );
                CREATE TABLE consoleSession (
                    idHash TEXT PRIMARY KEY NOT NULL,
                    personId INTEGER REFERENCES person(id) ON DELETE CASCADE,
                    value BLOB NOT NULL,
                    expiresAt DATETIME
                );
                CREATE INDEX consoleSession_person ON consoleSession(personId);
                CREATE TABLE listingReport (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    groupRow INTEGER NOT NULL REFERENCES feedGroup(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    text TEXT NOT NULL,
                    replyTo TEXT,
                    createdAt DATETIME NOT NULL,
                    doneAt DATETIME,
                    doneBy TEXT,
                    doneNote TEXT
                );
                CREATE INDEX listingReport_network ON listingReport(networkId, doneAt, createdAt);
                CREATE INDEX listingReport_group ON listingReport(groupRow, createdAt);
                """)
        }
        migrator.registerMigration("v10-hosted-groups") { db in
            // A group that joined by pushing its first feed (the browser publisher): the registry hosts its feed,
            // which changes only by push, and the harvester never fetches it.
            try db.execute(sql: "ALTER TABLE feedGroup ADD COLUMN hostedHere BOOLEAN NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v11-network-keys") { db in
            // The network's own key, held by its volunteers: once pinned, a charter it did not sign is refused. One
            // row per key the network has had; the one without `retiredAt` is in force.
            try db.execute(sql: """
                CREATE TABLE networkKey (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    keyId TEXT NOT NULL,
                    publicKey TEXT NOT NULL,
                    pinnedAt DATETIME NOT NULL,
                    pinnedBy TEXT NOT NULL,
                    retiredAt DATETIME
                );
                CREATE UNIQUE INDEX networkKey_current ON networkKey(networkId) WHERE retiredAt IS NULL;
                ALTER TABLE charter ADD COLUMN verifiedKeyId TEXT;
                """)
        }
        migrator.registerMigration("v12-snapshot-summary-index") { db in
            // A snapshot's summary columns come after its feed bytes, so reading them from the table walks the bytes'
            // overflow pages; this index holds them, so the console's lists read no feed bytes at all.
            try db.execute(sql: "CREATE INDEX snapshot_summary ON snapshot(groupRow, seq, expires, fetchedAt, via, keyId)")
        }
        migrator.registerMigration("v13-directory-keys") { db in
            // The registry's own key that signs a network's directory, one per network, and the statement signed
            // by the network's key that delegates to it.
            try db.execute(sql: """
                CREATE TABLE directoryKey (
                    networkId INTEGER PRIMARY KEY REFERENCES network(id) ON DELETE CASCADE,
                    keyId TEXT NOT NULL,
                    publicKey TEXT NOT NULL,
                    secretKey TEXT NOT NULL,
                    createdAt DATETIME NOT NULL,
                    delegationKeyFile BLOB,
                    delegationSignature TEXT,
                    delegationExpires DATETIME,
                    delegationSetAt DATETIME,
                    delegationSetBy TEXT
                )
                """)
        }
        migrator.registerMigration("v14-signed-directories") { db in
            // The directory each network last published for registries upstream, exactly as signed: its seq only
            // grows, and its id stays the same for the life of the network.
            try db.execute(sql: """
                CREATE TABLE signedDirectory (
                    networkId INTEGER PRIMARY KEY REFERENCES network(id) ON DELETE CASCADE,
                    directoryId TEXT NOT NULL,
                    seq INTEGER NOT NULL,
                    digest TEXT NOT NULL,
                    document BLOB NOT NULL,
                    signature TEXT NOT NULL,
                    signedAt DATETIME NOT NULL,
                    expires DATETIME NOT NULL
                )
                """)
        }
        migrator.registerMigration("v15-followed-directories") { db in
            // A network here following a network's signed directory elsewhere: the followed network's pinned key,
            // the last good directory exactly as accepted, and what became of each group it listed.
            try db.execute(sql: """
                CREATE TABLE followedDirectory (
                    id INTEGER PRIMARY KEY,
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    url TEXT NOT NULL,
                    remoteNetwork TEXT NOT NULL,
                    networkKey TEXT NOT NULL,
                    createdAt DATETIME NOT NULL,
                    directoryId TEXT,
                    seq INTEGER,
                    digest TEXT,
                    expires DATETIME,
                    acceptedAt DATETIME,
                    document BLOB,
                    signature TEXT,
                    delegationKeyFile BLOB,
                    delegationSignature TEXT,
                    gathers TEXT,
                    etag TEXT,
                    nextFetchAt DATETIME NOT NULL,
                    lastAttemptAt DATETIME,
                    lastOutcome TEXT,
                    lastDetail TEXT,
                    UNIQUE (networkId, url)
                );
                CREATE TABLE followedGroup (
                    followId INTEGER NOT NULL REFERENCES followedDirectory(id) ON DELETE CASCADE,
                    groupId TEXT NOT NULL,
                    groupRow INTEGER REFERENCES feedGroup(id) ON DELETE CASCADE,
                    listedSeq INTEGER NOT NULL,
                    held TEXT,
                    seenAt DATETIME NOT NULL,
                    PRIMARY KEY (followId, groupId)
                );
                CREATE INDEX followedGroup_group ON followedGroup(groupRow);
                ALTER TABLE membership ADD COLUMN followed BOOLEAN NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v16-directory-subscribers") { db in
            // Registries that asked to be told when a network's directory changes: each is pinged, never trusted.
            try db.execute(sql: """
                CREATE TABLE directorySubscriber (
                    networkId INTEGER NOT NULL REFERENCES network(id) ON DELETE CASCADE,
                    callback TEXT NOT NULL,
                    directory TEXT NOT NULL,
                    createdAt DATETIME NOT NULL,
                    pingedSeq INTEGER,
                    pingedAt DATETIME,
                    lastResult TEXT,
                    PRIMARY KEY (networkId, callback)
                )
                """)
        }
        migrator.registerMigration("v17-directory-moved") { db in
            // Where a network's directory now lives after a move, announced in the last directory signed here.
            try db.execute(sql: "ALTER TABLE network ADD COLUMN directoryMovedTo TEXT")
        }
        migrator.registerMigration("v18-network-languages") { db in
            // The language a network's pages and feeds are in when a visitor's browser asks for none it offers, and
            // the interface languages it offers (space-separated tags; null offers every language Chorus ships).
            try db.execute(sql: "ALTER TABLE network ADD COLUMN defaultLanguage TEXT NOT NULL DEFAULT 'en'")
            try db.execute(sql: "ALTER TABLE network ADD COLUMN languages TEXT")
        }
        return migrator
    }
}
