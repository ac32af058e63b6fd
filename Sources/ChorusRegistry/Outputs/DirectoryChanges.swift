import ChorusFeed
import Foundation
import GRDB

/// One entry of a network's directory-changes feed.
public struct DirectoryChange: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case joined, changed, tier, stale, left
    }

    public var id: Int64
    public var groupId: String
    public var title: String
    public var kind: Kind
    public var tier: String?
    public var previousTier: String?
    public var at: Date
}

/// Keeps `directoryListing` equal to what each network lists now and appends a `directoryChange` for every difference:
/// a group joined or left the listing, published a different public profile, moved tier, or let its feed expire.
/// Comparing states rather than hooking each write means a missed event is caught by the next reconciliation.
enum DirectoryChanges {
    enum Scope {
        case everything
        case network(Int64)
        case group(Int64)

        var condition: (sql: String, arguments: StatementArguments) {
            switch self {
            case .everything: ("1", [])
            case .network(let id): ("networkId = ?", [id])
            case .group(let row): ("groupRow = ?", [row])
            }
        }
    }

    private struct Listed {
        var groupId: String
        var title: String
        var tier: String?
        var snapshotId: Int64
        var expires: Date
    }

    private struct Key: Hashable {
        var network: Int64
        var group: Int64
    }

    /// Returns the number of changes recorded. With `recordChanges` false the listing is brought up to date silently
    /// (used when the table is first filled, so an upgrade does not announce every group as new).
    @discardableResult
    static func reconcile(_ db: Database, scope: Scope, now: Date, recordChanges: Bool = true) throws -> Int {
        let condition = scope.condition
        var current: [Key: Listed] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT * FROM (
                SELECT m.networkId, m.groupRow, g.groupId, d.title, v.tier, d.snapshotId, s.expires
                FROM membership m JOIN network n ON n.id = m.networkId
                JOIN directoryGroup d ON d.groupRow = m.groupRow
                JOIN snapshot s ON s.id = d.snapshotId
                JOIN feedGroup g ON g.id = m.groupRow
                LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = m.groupRow AND v.current = 1
                WHERE m.status = 'active' AND (n.charterId IS NULL OR v.listed = 1)
            ) WHERE \(condition.sql)
            """, arguments: condition.arguments) {
            current[Key(network: row["networkId"], group: row["groupRow"])] = Listed(
                groupId: row["groupId"], title: row["title"], tier: row["tier"], snapshotId: row["snapshotId"], expires: row["expires"])
        }
        var recorded: [Key: Row] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM directoryListing WHERE \(condition.sql)", arguments: condition.arguments) {
            recorded[Key(network: row["networkId"], group: row["groupRow"])] = row
        }
        var changes = 0
        func record(_ key: Key, _ kind: DirectoryChange.Kind, groupId: String, title: String, tier: String?, previousTier: String?) throws {
            changes += 1
            guard recordChanges else { return }
            try db.execute(sql: """
                INSERT INTO directoryChange (networkId, groupRow, groupId, title, kind, tier, previousTier, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [key.network, key.group, groupId, title, kind.rawValue, tier, previousTier, now])
        }
        for (key, row) in recorded where current[key] == nil {
            try db.execute(sql: "DELETE FROM directoryListing WHERE networkId = ? AND groupRow = ?", arguments: [key.network, key.group])
            try record(key, .left, groupId: row["groupId"], title: row["title"], tier: nil, previousTier: row["tier"])
        }
        for (key, listed) in current.sorted(by: { ($0.key.network, $0.key.group) < ($1.key.network, $1.key.group) }) {
            let stale = listed.expires <= now
            guard let before = recorded[key] else {
                try db.execute(sql: """
                    INSERT INTO directoryListing (networkId, groupRow, groupId, title, tier, snapshotId, digest, stale, since)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [key.network, key.group, listed.groupId, listed.title, listed.tier, listed.snapshotId,
                                     try digest(db, groupRow: key.group), stale, now])
                try record(key, .joined, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: nil)
                continue
            }
            var digest: String = before["digest"]
            if before["snapshotId"] != listed.snapshotId {
                let newDigest = try Self.digest(db, groupRow: key.group)
                if newDigest != digest {
                    try record(key, .changed, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: nil)
                }
                digest = newDigest
            }
            let previousTier: String? = before["tier"]
            if previousTier != listed.tier {
                try record(key, .tier, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: previousTier)
            }
            if stale, !(before["stale"] as Bool) {
                try record(key, .stale, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: nil)
            }
            if before["snapshotId"] != listed.snapshotId || previousTier != listed.tier || before["stale"] != stale || before["title"] != listed.title {
                try db.execute(sql: """
                    UPDATE directoryListing SET title = ?, tier = ?, snapshotId = ?, digest = ?, stale = ? WHERE networkId = ? AND groupRow = ?
                    """, arguments: [listed.title, listed.tier, listed.snapshotId, digest, stale, key.network, key.group])
            }
        }
        return changes
    }

    /// The digest of what the directory shows of a group, so a re-signed but otherwise identical feed is not a change.
    private static func digest(_ db: Database, groupRow: Int64) throws -> String {
        let document = try Data.fetchOne(db, sql: "SELECT document FROM directoryGroup WHERE groupRow = ?", arguments: [groupRow]) ?? Data()
        return FeedDigest.sha256(document)
    }
}
