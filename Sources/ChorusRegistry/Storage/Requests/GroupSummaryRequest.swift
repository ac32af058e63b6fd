import Foundation
import GRDB

/// Every group of one network in a single query, as the console's lists need them: state, latest snapshot, last
/// harvest attempt and current tier. Keys, attempt history and failed rules are left out (one group's page has them).
/// `publicOnly` keeps what visitors see: active memberships, and under a charter only the listed ones.
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
            LEFT JOIN snapshot s ON s.id = (SELECT id FROM snapshot WHERE groupRow = g.id ORDER BY seq DESC LIMIT 1)
            LEFT JOIN harvestAttempt a ON a.id = (SELECT id FROM harvestAttempt WHERE groupRow = g.id ORDER BY id DESC LIMIT 1)
            LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = g.id AND v.current = 1
            LEFT JOIN charter c ON c.id = v.charterId
            WHERE m.networkId = ?
            """, arguments: [network.id!])
        let judged = network.charterId != nil
        return rows.compactMap { row -> GroupStatus? in
            guard let membership = MembershipStatus(rawValue: row["status"]),
                  let harvestState = HarvestState(rawValue: row["harvestState"]) else { return nil }
            if publicOnly && (membership != .active || (judged && row["listed"] != true)) { return nil }
            let snapshot: GroupStatus.Snapshot? = (row["seq"] as Int64?).flatMap { seq in
                guard let expires: Date = row["expires"], let via = Arrival(rawValue: row["snapshotVia"]) else { return nil }
                return GroupStatus.Snapshot(seq: seq, expires: expires, fetchedAt: row["fetchedAt"], via: via, keyId: row["keyId"], stale: expires <= now)
            }
            let attempt: GroupStatus.Attempt? = (row["at"] as Date?).flatMap { at in
                guard let via = Arrival(rawValue: row["attemptVia"]), let outcome = HarvestOutcome(rawValue: row["outcome"]) else { return nil }
                return GroupStatus.Attempt(at: at, via: via, outcome: outcome, code: row["code"], detail: row["detail"], httpStatus: row["httpStatus"])
            }
            let compliance: GroupStatus.Compliance? = judged ? (row["version"] as String?).map { version in
                GroupStatus.Compliance(charterVersion: version, tier: row["tier"], listed: row["listed"], failedRequired: [], evaluatedAt: row["evaluatedAt"])
            } : nil
            var status = GroupStatus(
                groupId: row["groupId"], title: row["title"], feedURL: row["feedURL"], membership: membership,
                membershipReason: row["reason"], harvestState: harvestState, harvestReason: row["harvestReason"],
                consecutiveFailures: row["consecutiveFailures"], nextFetchAt: row["nextFetchAt"], keys: [],
                snapshot: snapshot, lastAttempt: attempt, compliance: compliance)
            status.hostedHere = row["hostedHere"]
            return status
        }.sorted { ($0.title ?? $0.groupId) < ($1.title ?? $1.groupId) }
    }
}
