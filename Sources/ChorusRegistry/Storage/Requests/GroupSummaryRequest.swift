import Foundation
import GRDB

/// Every group of one network in a single query, as the console's lists need them: state, latest snapshot, last
/// harvest attempt and current tier. Keys, attempt history and failed rules are left out (one group's page has them).
/// `publicOnly` keeps what visitors see: active memberships, and under a charter only the listed ones. Sorted by
/// title in SQLite (UTF-8 byte order, which is code point order), as `groups(network:)` sorts them in Swift.
enum GroupSummaryRequest {
    static func fetch(_ db: Database, network: Network, publicOnly: Bool, now: Date) throws -> [GroupStatus] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT g.groupId, g.title, g.feedURL, g.harvestState, g.harvestReason, g.consecutiveFailures, g.nextFetchAt, g.hostedHere,
                   m.status, m.reason,
                   s.seq, s.expires, s.fetchedAt, s.via AS snapshotVia, s.keyId,
                   a.at, a.via AS attemptVia, a.outcome, a.code, a.detail, a.httpStatus,
                   v.tier, v.listed, v.evaluatedAt, c.version
            FROM membership m
            JOIN feedGroup g ON g.id = m.groupRow
            LEFT JOIN snapshot s INDEXED BY snapshot_summary
                   ON s.groupRow = g.id AND s.seq = (SELECT MAX(seq) FROM snapshot WHERE groupRow = g.id)
            LEFT JOIN harvestAttempt a ON a.id = (SELECT id FROM harvestAttempt WHERE groupRow = g.id ORDER BY id DESC LIMIT 1)
            LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = g.id AND v.current = 1
            LEFT JOIN charter c ON c.id = v.charterId
            WHERE m.networkId = ?
            ORDER BY COALESCE(g.title, g.groupId)
            """, arguments: [network.id!])
        let judged = network.charterId != nil
        // By position: a name lookup scans every column of the row, and these rows number in the thousands.
        return rows.compactMap { row -> GroupStatus? in
            guard let membership = MembershipStatus(rawValue: row[8]), let harvestState = HarvestState(rawValue: row[3]) else { return nil }
            if publicOnly && (membership != .active || (judged && row[22] != true)) { return nil }
            let snapshot: GroupStatus.Snapshot? = (row[10] as Int64?).flatMap { seq in
                guard let expires: Date = row[11], let via = Arrival(rawValue: row[13]) else { return nil }
                return GroupStatus.Snapshot(seq: seq, expires: expires, fetchedAt: row[12], via: via, keyId: row[14], stale: expires <= now)
            }
            let attempt: GroupStatus.Attempt? = (row[15] as Date?).flatMap { at in
                guard let via = Arrival(rawValue: row[16]), let outcome = HarvestOutcome(rawValue: row[17]) else { return nil }
                return GroupStatus.Attempt(at: at, via: via, outcome: outcome, code: row[18], detail: row[19], httpStatus: row[20])
            }
            let compliance: GroupStatus.Compliance? = judged ? (row[24] as String?).map { version in
                GroupStatus.Compliance(charterVersion: version, tier: row[21], listed: row[22], failedRequired: [], evaluatedAt: row[23])
            } : nil
            var status = GroupStatus(
                groupId: row[0], title: row[1], feedURL: row[2], membership: membership,
                membershipReason: row[9], harvestState: harvestState, harvestReason: row[4],
                consecutiveFailures: row[5], nextFetchAt: row[6], keys: [],
                snapshot: snapshot, lastAttempt: attempt, compliance: compliance)
            status.hostedHere = row[7]
            return status
        }
    }
}
