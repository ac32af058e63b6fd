import ChorusFeed
import Foundation
import GRDB

/// One entry of a network's directory-changes feed.
public struct DirectoryChange: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
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

/// The fourth stage: keeps `directoryListing` equal to what each network lists now and appends a `directoryChange`
/// for every difference: a group joined or left the listing, published a different public profile, moved tier, or
/// let its feed expire. Comparing states rather than hooking each write means a missed event is caught by the next
/// reconciliation. Recording forgets the outputs' remembered stamps, at once and again when the transaction ends.
struct ChangeLog: Sendable {
    let context: StageContext
    let stamps: StampCache

    enum Scope {
        case everything
        case network(Int64)
        case group(Int64)

        var condition: SQL {
            switch self {
            case .everything: "1"
            case .network(let id): "networkId = \(id)"
            case .group(let row): "groupRow = \(row)"
            }
        }
    }

    /// Records what changed in the listings within `scope`; returns the number of changes.
    @discardableResult
    func record(_ db: Database, scope: Scope) throws -> Int {
        let stamps = self.stamps
        stamps.clear()
        db.afterNextTransaction { _ in stamps.clear() }
        return try Self.reconcile(db, scope: scope, now: context.now)
    }

    /// Brings every network's listing up to date, recording what changed (run hourly by the harvest loop, so a feed
    /// that expired shows up as stale).
    func reconcileEverything() async throws -> Int {
        try await context.database.write { db in try record(db, scope: .everything) }
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

    /// With `recordChanges` false the listing is brought up to date silently (used when the table is first filled,
    /// so an upgrade does not announce every group as new).
    @discardableResult
    static func reconcile(_ db: Database, scope: Scope, now: Date, recordChanges: Bool = true) throws -> Int {
        var current: [Key: Listed] = [:]
        for row in try ListedMemberRow.all(db, where: scope.condition) {
            current[Key(network: row.networkId, group: row.groupRow)] = Listed(
                groupId: row.groupId, title: row.title, tier: row.tier, snapshotId: row.snapshotId, expires: row.expires)
        }
        var recorded: [Key: DirectoryListingRecord] = [:]
        for listing in try DirectoryListingRecord.fetchAll(db, literal: "SELECT * FROM directoryListing WHERE \(scope.condition)") {
            recorded[Key(network: listing.networkId, group: listing.groupRow)] = listing
        }
        var changes = 0
        func record(_ key: Key, _ kind: DirectoryChange.Kind, groupId: String, title: String, tier: String?, previousTier: String?) throws {
            changes += 1
            guard recordChanges else { return }
            var change = DirectoryChangeRecord(networkId: key.network, groupRow: key.group, groupId: groupId, title: title, kind: kind,
                                               tier: tier, previousTier: previousTier, at: now)
            try change.insert(db)
        }
        for (key, listing) in recorded where current[key] == nil {
            try listing.delete(db)
            try record(key, .left, groupId: listing.groupId, title: listing.title, tier: nil, previousTier: listing.tier)
        }
        for (key, listed) in current.sorted(by: { ($0.key.network, $0.key.group) < ($1.key.network, $1.key.group) }) {
            let stale = listed.expires <= now
            guard var listing = recorded[key] else {
                try DirectoryListingRecord(networkId: key.network, groupRow: key.group, groupId: listed.groupId, title: listed.title,
                                           tier: listed.tier, snapshotId: listed.snapshotId, digest: try digest(db, groupRow: key.group),
                                           stale: stale, since: now).insert(db)
                try record(key, .joined, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: nil)
                continue
            }
            let before = listing
            if listing.snapshotId != listed.snapshotId {
                let newDigest = try digest(db, groupRow: key.group)
                if newDigest != listing.digest {
                    try record(key, .changed, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: nil)
                }
                listing.digest = newDigest
            }
            if before.tier != listed.tier {
                try record(key, .tier, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: before.tier)
            }
            if stale, !before.stale {
                try record(key, .stale, groupId: listed.groupId, title: listed.title, tier: listed.tier, previousTier: nil)
            }
            listing.title = listed.title
            listing.tier = listed.tier
            listing.snapshotId = listed.snapshotId
            listing.stale = stale
            if listing != before { try listing.update(db) }
        }
        return changes
    }

    /// The digest of what the directory shows of a group, so a re-signed but otherwise identical feed is not a change.
    private static func digest(_ db: Database, groupRow: Int64) throws -> String {
        FeedDigest.sha256(try DirectoryGroupRecord.fetchOne(db, key: groupRow)?.document ?? Data())
    }
}
