import Foundation
import GRDB

/// What a network's outputs depend on: its row, name and charter, and its newest directory change.
struct NetworkStampRow: Decodable, FetchableRecord {
    var id: Int64
    var name: String
    var charterId: Int64?
    var createdAt: Date
    var lastChange: Int64?
    var lastChangeAt: Date?

    static func of(_ db: Database, slug: String) throws -> Self? {
        try fetchOne(db, literal: """
            SELECT n.id, n.name, n.charterId, n.createdAt, c.id AS lastChange, c.at AS lastChangeAt FROM network n
            LEFT JOIN directoryChange c ON c.id = (SELECT MAX(id) FROM directoryChange WHERE networkId = n.id)
            WHERE n.slug = \(slug)
            """)
    }
}

/// What a listed group's outputs depend on: its indexed snapshot and how many networks list it.
struct GroupStampRow: Decodable, FetchableRecord {
    var snapshotId: Int64
    var fetchedAt: Date
    var listings: Int

    static func of(_ db: Database, groupId: String) throws -> Self? {
        try fetchOne(db, literal: """
            SELECT d.snapshotId, s.fetchedAt, (SELECT COUNT(*) FROM directoryListing l WHERE l.groupRow = d.groupRow) AS listings
            FROM feedGroup g JOIN directoryGroup d ON d.groupRow = g.id JOIN snapshot s ON s.id = d.snapshotId WHERE g.groupId = \(groupId)
            """)
    }
}

/// A notice with the group it comes from, newest first.
struct NoticeRow: Decodable, FetchableRecord {
    var notice: Data
    var groupId: String
    var title: String
    var language: String?

    /// The notices of every group a network lists.
    static func listed(_ db: Database, network: Int64, limit: Int) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT dn.notice, g.groupId, d.title, d.language FROM directoryNotice dn
            CROSS JOIN directoryListing l ON l.groupRow = dn.groupRow
            JOIN feedGroup g ON g.id = l.groupRow JOIN directoryGroup d ON d.groupRow = l.groupRow
            WHERE l.networkId = \(network) ORDER BY dn.updated DESC LIMIT \(limit)
            """)
    }

    /// One group's notices.
    static func of(_ db: Database, groupId: String, limit: Int) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT dn.notice, g.groupId, d.title, d.language FROM feedGroup g
            JOIN directoryNotice dn ON dn.groupRow = g.id JOIN directoryGroup d ON d.groupRow = g.id
            WHERE g.groupId = \(groupId) ORDER BY dn.updated DESC LIMIT \(limit)
            """)
    }
}

/// When a group was first listed here and when its current feed was accepted.
struct ListingDatesRow: Decodable, FetchableRecord {
    var groupId: String
    var fetchedAt: Date
    var listed: Date?

    static func of(_ db: Database, groupIds: [String]) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT g.groupId, s.fetchedAt, (SELECT MIN(since) FROM directoryListing l WHERE l.groupRow = g.id) AS listed
            FROM feedGroup g JOIN directoryGroup d ON d.groupRow = g.id JOIN snapshot s ON s.id = d.snapshotId
            WHERE g.groupId IN \(groupIds)
            """)
    }
}

/// The registry's counts for `/metrics`.
enum CountRequests {
    static func groupsByState(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, literal: "SELECT harvestState, COUNT(*) FROM feedGroup GROUP BY harvestState") { counts[row[0]] = row[1] }
        return counts
    }

    /// Every attempt ever recorded, by outcome: those kept and those pruned from the history.
    static func attemptsByOutcome(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, literal: "SELECT outcome, COUNT(*) FROM harvestAttempt GROUP BY outcome") { counts[row[0]] = row[1] }
        for pruned in try HarvestAttemptPrunedRecord.fetchAll(db) { counts[pruned.outcome.rawValue, default: 0] += pruned.count }
        return counts
    }

    /// Groups whose newest snapshot has expired.
    static func staleGroups(_ db: Database, now: Date) throws -> Int {
        try Int.fetchOne(db, literal: """
            SELECT COUNT(*) FROM feedGroup g WHERE (SELECT expires FROM snapshot s WHERE s.groupRow = g.id ORDER BY seq DESC LIMIT 1) <= \(now)
            """) ?? 0
    }
}

/// Keeps each group's harvest history bounded: its newest `keep` attempts, and of those older than `cutoff` only the
/// newest `keepOld`. What is pruned is added to `harvestAttemptPruned`, so the totals by outcome only grow.
enum HarvestHistory {
    static func prune(_ db: Database, keep: Int, keepOld: Int, olderThan cutoff: Date) throws -> Int {
        let doomed: SQL = """
            SELECT id FROM (SELECT id, at, ROW_NUMBER() OVER (PARTITION BY groupRow ORDER BY id DESC) AS n FROM harvestAttempt)
            WHERE n > \(keep) OR (at < \(cutoff) AND n > \(keepOld))
            """
        var pruned = 0
        for row in try Row.fetchAll(db, literal: "SELECT outcome, COUNT(*) FROM harvestAttempt WHERE id IN (\(doomed)) GROUP BY outcome") {
            let outcome: HarvestOutcome = row[0]
            let count: Int = row[1]
            var total = try HarvestAttemptPrunedRecord.fetchOne(db, key: outcome) ?? HarvestAttemptPrunedRecord(outcome: outcome, count: 0)
            total.count += count
            try total.save(db)
            pruned += count
        }
        try db.execute(literal: "DELETE FROM harvestAttempt WHERE id IN (\(doomed))")
        return pruned
    }
}

/// How far a group's directory entry has changed: its own `directoryTouch` sequence and the one that touches every
/// group, which together move whenever anything its page shows changes.
struct GroupPageVersionRow: Decodable, FetchableRecord {
    var own: Int64
    var everything: Int64

    static func of(_ db: Database, groupId: String) throws -> Self? {
        try fetchOne(db, literal: """
            SELECT IFNULL((SELECT seq FROM directoryTouch WHERE groupRow = g.id), 0) AS own,
                   IFNULL((SELECT seq FROM directoryTouch WHERE groupRow = 0), 0) AS everything
            FROM feedGroup g WHERE g.groupId = \(groupId)
            """)
    }
}
