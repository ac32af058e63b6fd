import ChorusCharter
import ChorusFeed
import Foundation
import GRDB

/// A network's admins' view of its members, the mirror of listed groups' exact bytes, and the registry's counts.
extension Enrolment {
    /// The groups of a network. `publicOnly` keeps the active memberships only, as visitors see them.
    func groups(network slug: String, publicOnly: Bool) async throws -> [GroupStatus] {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            var memberships = try MembershipRecord.filter(Column("networkId") == network.id!).fetchAll(db)
            if publicOnly { memberships = memberships.filter { $0.status == .active } }
            return try memberships.compactMap { membership in
                guard let group = try GroupRecord.fetchOne(db, key: membership.groupRow) else { return nil }
                let status = try status(db, network: network, group: group, membership: membership, attempts: 0)
                if publicOnly && network.charterId != nil && status.compliance?.listed != true { return nil }
                return status
            }.sorted { ($0.title ?? $0.groupId) < ($1.title ?? $1.groupId) }
        }
    }

    func groupSummaries(network slug: String, publicOnly: Bool) async throws -> [GroupStatus] {
        let now = context.now
        return try await context.database.read { db in
            try GroupSummaryRequest.fetch(db, network: try tenants.network(db, slug), publicOnly: publicOnly, now: now)
        }
    }

    func group(network slug: String, groupId: String) async throws -> GroupStatus {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let (membership, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            return try status(db, network: network, group: group, membership: membership, attempts: 20)
        }
    }

    private func status(_ db: Database, network: Network, group: GroupRecord, membership: MembershipRecord, attempts: Int) throws -> GroupStatus {
        let keys = try GroupKeyRecord.filter(Column("groupRow") == group.id!).order(Column("id").desc).fetchAll(db).map { record in
            GroupStatus.Key(keyId: record.keyId,
                            fingerprint: (try? MinisignPublicKey(base64: record.publicKey).fingerprint) ?? "",
                            status: record.status, source: record.source, since: record.changedAt)
        }
        let now = context.now
        let snapshot = try SnapshotSummaryRow.latest(db, groupRow: group.id!).map { row in
            GroupStatus.Snapshot(seq: row.seq, expires: row.expires, fetchedAt: row.fetchedAt, via: row.via, keyId: row.keyId,
                                 stale: row.expires <= now)
        }
        let recent = try HarvestAttemptRecord.filter(Column("groupRow") == group.id!).order(Column("id").desc)
            .limit(max(1, attempts)).fetchAll(db).map {
                GroupStatus.Attempt(at: $0.at, via: $0.via, outcome: $0.outcome, code: $0.code, detail: $0.detail, httpStatus: $0.httpStatus)
            }
        var status = GroupStatus(
            groupId: group.groupId, title: group.title, feedURL: group.feedURL, membership: membership.status,
            membershipReason: membership.reason, harvestState: group.harvestState, harvestReason: group.harvestReason,
            consecutiveFailures: group.consecutiveFailures, nextFetchAt: group.nextFetchAt, keys: keys,
            snapshot: snapshot, lastAttempt: recent.first, compliance: try compliance(db, network: network, groupRow: group.id!))
        if attempts > 0 { status.recentAttempts = recent }
        status.hostedHere = group.hostedHere
        return status
    }

    private func compliance(_ db: Database, network: Network, groupRow: Int64) throws -> GroupStatus.Compliance? {
        guard network.charterId != nil,
              let row = try CurrentVerdictRow.of(db, network: network.id!, groupRow: groupRow),
              let verdict = try? JSONDecoder().decode(Verdict.self, from: row.verdict) else { return nil }
        return GroupStatus.Compliance(charterVersion: row.version, tier: verdict.tier, listed: verdict.listed,
                                      failedRequired: verdict.failedRequired.map(\.rule), evaluatedAt: row.evaluatedAt)
    }

    /// The exact last good bytes and signature of a group listed by at least one network.
    func mirror(groupId: String) async throws -> (bytes: Data, signature: String)? {
        try await context.database.read { db in
            try SnapshotRecord.fetchOne(db, literal: """
                SELECT s.* FROM snapshot s JOIN feedGroup g ON g.id = s.groupRow
                WHERE g.groupId = \(groupId) AND EXISTS (SELECT 1 FROM membership m WHERE m.groupRow = g.id AND m.status = \(MembershipStatus.active))
                ORDER BY s.seq DESC LIMIT 1
                """).map { (bytes: $0.bytes, signature: $0.signature) }
        }
    }

    func counts() async throws -> Registry.Counts {
        let now = context.now
        return try await context.database.read { db in
            var counts = Registry.Counts()
            counts.groupsByState = try CountRequests.groupsByState(db)
            counts.attemptsByOutcome = try CountRequests.attemptsByOutcome(db)
            counts.staleGroups = try CountRequests.staleGroups(db, now: now)
            counts.snapshots = try SnapshotRecord.fetchCount(db)
            counts.networks = try Network.fetchCount(db)
            return counts
        }
    }
}
