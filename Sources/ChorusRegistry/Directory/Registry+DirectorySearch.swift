import ChorusCharter
import Foundation
import GRDB

extension Registry {
    /// Answers a directory search from the index alone: near a place first, then soonest meeting first.
    public func search(_ query: DirectoryQuery) throws -> DirectoryResults {
        try pool.read { db in try DirectorySearch(registry: self, db: db, query: query, now: now).run() }
    }

    /// A group as the directory shows it, with where it is listed and its next meetings.
    public func publicGroup(groupId: String) throws -> (group: PublicGroup, listings: [DirectoryHit.Listing], verified: Date) {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT d.groupRow, d.document, s.fetchedAt FROM directoryGroup d JOIN feedGroup g ON g.id = d.groupRow
                JOIN snapshot s ON s.id = d.snapshotId WHERE g.groupId = ?
                """, arguments: [groupId]) else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
            let listings = try DirectoryListings(registry: self, db: db).of(groupRow: row["groupRow"], listedOnly: true)
            guard !listings.isEmpty else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
            return (try DirectoryCoding.decoder.decode(PublicGroup.self, from: row["document"] as Data), listings, row["fetchedAt"])
        }
    }

    /// The coming occurrences of a listed group, cancelled ones included and marked.
    public func upcomingOccurrences(groupId: String, limit: Int = 50) throws -> [(meetingId: String, start: Date, end: Date, cancelled: Bool)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.meetingKey, o.start, o.end, o.cancelled FROM occurrence o JOIN feedGroup g ON g.id = o.groupRow
                WHERE g.groupId = ? AND o.start >= ? ORDER BY o.start LIMIT ?
                """, arguments: [groupId, Int64(now.timeIntervalSince1970), limit]).map { row in
                (row["meetingKey"], Date(timeIntervalSince1970: TimeInterval(row["start"] as Int64)),
                 Date(timeIntervalSince1970: TimeInterval(row["end"] as Int64)), row["cancelled"])
            }
        }
    }
}

/// Where a group is listed, with the tier each network's charter gives it.
struct DirectoryListings {
    let registry: Registry
    let db: Database

    func of(groupRow: Int64, listedOnly: Bool) throws -> [DirectoryHit.Listing] {
        try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT n.slug, n.name, n.charterId, v.tier FROM membership m JOIN network n ON n.id = m.networkId
            LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = m.groupRow AND v.current = 1
            WHERE m.groupRow = ? AND m.status = 'active' \(listedOnly ? "AND (n.charterId IS NULL OR v.listed = 1)" : "")
            ORDER BY n.name
            """), arguments: [groupRow]).map { row in
            let tier: String? = row["tier"]
            var described: ChorusCharter.Tier?
            if let tier, let charterId = row["charterId"] as Int64? {
                described = try registry.charters.evaluator(id: charterId) {
                    try Data.fetchOne(db, sql: "SELECT bytes FROM charter WHERE id = ?", arguments: [charterId]) ?? Data()
                }.charter.tier(tier)
            }
            return DirectoryHit.Listing(network: row["slug"], networkName: row["name"], tier: tier, tierName: described?.name,
                                        tierDescription: described?.description)
        }
    }
}
