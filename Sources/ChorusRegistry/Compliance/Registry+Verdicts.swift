import ChorusCharter
import ChorusFeed
import Foundation
import GRDB

extension Registry {
    /// Judges every member with a snapshot (except removed ones) against the network's charter and records the verdicts.
    /// Feeds are parsed on every core; the verdicts are stored in the caller's transaction.
    func judgeMembers(_ db: Database, network: Network) throws -> [Int64: Verdict] {
        guard let (charterId, evaluator) = try charterEvaluator(db, network: network) else { return [:] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.id AS snapshotId, s.groupRow, s.bytes FROM membership m
            JOIN snapshot s ON s.groupRow = m.groupRow
            WHERE m.networkId = ? AND m.status != 'removed'
              AND s.seq = (SELECT MAX(seq) FROM snapshot WHERE groupRow = m.groupRow)
            """, arguments: [network.id!])
        let inputs = rows.map { (snapshotId: $0["snapshotId"] as Int64, groupRow: $0["groupRow"] as Int64, bytes: $0["bytes"] as Data) }
        let now = self.now
        let verdicts = ParallelMap.map(inputs) { input -> Verdict? in
            (try? FeedReader.read(input.bytes)).map { evaluator.evaluate($0, now: now) }
        }
        var result: [Int64: Verdict] = [:]
        let isNewCharter = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM verdict WHERE networkId = ? AND charterId = ?",
                                            arguments: [network.id!, charterId]) == 0
        if isNewCharter {
            // Every current verdict is for an older charter: retire them at once and insert the new ones.
            try db.execute(sql: "UPDATE verdict SET current = 0 WHERE networkId = ? AND current = 1", arguments: [network.id!])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO verdict (networkId, groupRow, charterId, snapshotId, evaluatedAt, tier, listed, failedRequired, verdict, current)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """)
            let now = self.now
            for (input, verdict) in zip(inputs, verdicts) {
                guard let verdict else { continue }
                try insert.execute(arguments: [network.id!, input.groupRow, charterId, input.snapshotId, now, verdict.tier, verdict.listed,
                                               verdict.failedRequired.count, VerdictJSON.encode(verdict)])
                result[input.groupRow] = verdict
            }
            return result
        }
        for (input, verdict) in zip(inputs, verdicts) {
            guard let verdict else { continue }
            try record(db, verdict, network: network.id!, groupRow: input.groupRow, charterId: charterId, snapshotId: input.snapshotId)
            result[input.groupRow] = verdict
        }
        return result
    }

    /// Judges one group's newest snapshot against every network it belongs to that has a charter.
    func judgeEveryNetwork(_ db: Database, groupRow: Int64, feed: GroupFeed, snapshotId: Int64) throws {
        let networks = try Network.fetchAll(db, sql: """
            SELECT n.* FROM network n JOIN membership m ON m.networkId = n.id
            WHERE m.groupRow = ? AND m.status != 'removed' AND n.charterId IS NOT NULL
            """, arguments: [groupRow])
        for network in networks {
            guard let (charterId, evaluator) = try charterEvaluator(db, network: network) else { continue }
            try record(db, evaluator.evaluate(feed, now: now), network: network.id!, groupRow: groupRow, charterId: charterId, snapshotId: snapshotId)
        }
    }

    /// Judges one membership from the group's newest snapshot; nil when the network has no charter or the group no snapshot.
    func judge(_ db: Database, network: Network, groupRow: Int64) throws -> Verdict? {
        guard let (charterId, evaluator) = try charterEvaluator(db, network: network),
              let row = try Row.fetchOne(db, sql: "SELECT id, bytes FROM snapshot WHERE groupRow = ? ORDER BY seq DESC LIMIT 1", arguments: [groupRow]),
              let feed = try? FeedReader.read(row["bytes"] as Data) else { return nil }
        let verdict = evaluator.evaluate(feed, now: now)
        try record(db, verdict, network: network.id!, groupRow: groupRow, charterId: charterId, snapshotId: row["id"])
        return verdict
    }

    /// Keeps the history: a new row when the charter, the snapshot or the verdict itself changed; otherwise only the time.
    private func record(_ db: Database, _ verdict: Verdict, network: Int64, groupRow: Int64, charterId: Int64, snapshotId: Int64) throws {
        let encoded = VerdictJSON.encode(verdict)
        let current = try Row.fetchOne(db, sql: """
            SELECT id, charterId, snapshotId FROM verdict WHERE networkId = ? AND groupRow = ? AND current = 1
            """, arguments: [network, groupRow])
        if let current, current["charterId"] == charterId, current["snapshotId"] == snapshotId,
           try Data.fetchOne(db, sql: "SELECT verdict FROM verdict WHERE id = ?", arguments: [current["id"] as Int64]) == encoded {
            try db.execute(sql: "UPDATE verdict SET evaluatedAt = ? WHERE id = ?", arguments: [now, current["id"] as Int64])
            return
        }
        if let current { try db.execute(sql: "UPDATE verdict SET current = 0 WHERE id = ?", arguments: [current["id"] as Int64]) }
        var row = VerdictRecord(networkId: network, groupRow: groupRow, charterId: charterId, snapshotId: snapshotId, evaluatedAt: now,
                                tier: verdict.tier, listed: verdict.listed, failedRequired: verdict.failedRequired.count,
                                verdict: encoded, current: true)
        try row.insert(db)
    }

    /// Re-judges the verdicts not refreshed for a day, so freshness rules notice a group that stopped publishing.
    public func refreshVerdicts(olderThan age: TimeInterval = 86_400) throws -> Int {
        try pool.write { db in
            let due = try Row.fetchAll(db, sql: """
                SELECT v.networkId, v.groupRow FROM verdict v WHERE v.current = 1 AND v.evaluatedAt < ?
                """, arguments: [now.addingTimeInterval(-age)])
            var count = 0
            for row in due {
                guard let network = try Network.fetchOne(db, key: row["networkId"] as Int64) else { continue }
                if try judge(db, network: network, groupRow: row["groupRow"]) != nil { count += 1 }
            }
            try recordDirectoryChanges(db, scope: .everything)
            return count
        }
    }
}
