import Foundation
import GRDB

/// A membership the directory lists now, with what the change log compares: title, tier, snapshot and its expiry.
struct ListedMemberRow: Decodable, FetchableRecord {
    var networkId: Int64
    var groupRow: Int64
    var groupId: String
    var title: String
    var tier: String?
    var snapshotId: Int64
    var expires: Date

    static func all(_ db: Database, where scope: SQL) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT * FROM (
                SELECT m.networkId, m.groupRow, g.groupId, d.title, v.tier, d.snapshotId, s.expires
                FROM membership m \(Listing.joins)
                JOIN directoryGroup d ON d.groupRow = m.groupRow
                JOIN snapshot s ON s.id = d.snapshotId
                JOIN feedGroup g ON g.id = m.groupRow
                WHERE \(Listing.isListed)
            ) WHERE \(scope)
            """)
    }
}

/// Where a group is listed: the network and the tier its current verdict gives.
struct ListingRow: Decodable, FetchableRecord {
    var slug: String
    var name: String
    var charterId: Int64?
    var tier: String?

    static func of(_ db: Database, groupRow: Int64, listedOnly: Bool) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT n.slug, n.name, n.charterId, v.tier FROM membership m \(Listing.joins)
            WHERE m.groupRow = \(groupRow) AND \(Listing.condition(listedOnly: listedOnly))
            ORDER BY n.name
            """)
    }

    /// How many groups a network lists.
    static func count(_ db: Database, network: Int64) throws -> Int {
        try Int.fetchOne(db, literal: "SELECT COUNT(*) FROM membership m \(Listing.joins) WHERE m.networkId = \(network) AND \(Listing.isListed)") ?? 0
    }
}

/// A group's public document with the time its snapshot was accepted.
struct PublicDocumentRow: Decodable, FetchableRecord {
    var groupRow: Int64
    var document: Data
    var fetchedAt: Date

    static func of(_ db: Database, groupId: String) throws -> Self? {
        try fetchOne(db, literal: """
            SELECT d.groupRow, d.document, s.fetchedAt FROM directoryGroup d JOIN feedGroup g ON g.id = d.groupRow
            JOIN snapshot s ON s.id = d.snapshotId WHERE g.groupId = \(groupId)
            """)
    }

    /// The documents a network lists, by title.
    static func listed(_ db: Database, network: Int64) throws -> [Data] {
        try Data.fetchAll(db, literal: """
            SELECT d.document FROM directoryListing l JOIN directoryGroup d ON d.groupRow = l.groupRow
            WHERE l.networkId = \(network) ORDER BY d.title, l.groupId
            """)
    }

    /// The documents of the given groups, a thousand at a time.
    static func documents(_ db: Database, groupRows: [Int64]) throws -> [(Int64, Data)] {
        var documents: [(Int64, Data)] = []
        documents.reserveCapacity(groupRows.count)
        for start in stride(from: 0, to: groupRows.count, by: 1000) {
            let rows = groupRows[start..<min(start + 1000, groupRows.count)]
            let found = try Row.fetchCursor(db, literal: "SELECT groupRow, document FROM directoryGroup WHERE groupRow IN \(rows)")
            while let row = try found.next() { documents.append((row[0], row[1])) }
        }
        return documents
    }
}

/// A group a network lists, in the order of its exports, with the sequence of the group's last change.
struct ExportedGroupRow: Decodable, FetchableRecord {
    var groupRow: Int64
    var seq: Int64

    static func listed(_ db: Database, network: Int64) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT l.groupRow, IFNULL(t.seq, 0) AS seq FROM directoryListing l JOIN directoryGroup d ON d.groupRow = l.groupRow
            LEFT JOIN directoryTouch t ON t.groupRow = l.groupRow
            WHERE l.networkId = \(network) ORDER BY d.title, l.groupId
            """)
    }
}

/// An indexed group with the bytes of the snapshot it was indexed from.
struct IndexedSnapshotRow: Decodable, FetchableRecord {
    var groupRow: Int64
    var snapshotId: Int64
    var bytes: Data?

    /// Groups indexed before `cutoff`, whose occurrence window must move.
    static func indexed(_ db: Database, before cutoff: Date) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT d.groupRow, d.snapshotId, s.bytes FROM directoryGroup d JOIN snapshot s ON s.id = d.snapshotId WHERE d.indexedAt < \(cutoff)
            """)
    }

    /// The given snapshots with their bytes.
    static func withBytes(_ db: Database, snapshotIds: [Int64]) throws -> [Self] {
        try fetchAll(db, literal: "SELECT groupRow, id AS snapshotId, bytes FROM snapshot WHERE id IN \(snapshotIds) ORDER BY id")
    }

    /// Newest snapshots that the index does not hold yet (after an upgrade, for example); bytes not read.
    static func missing(_ db: Database) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT s.groupRow, s.id AS snapshotId, NULL AS bytes FROM snapshot s
            WHERE s.seq = (SELECT MAX(seq) FROM snapshot WHERE groupRow = s.groupRow)
              AND NOT EXISTS (SELECT 1 FROM directoryGroup d WHERE d.groupRow = s.groupRow AND d.snapshotId = s.id)
            """)
    }
}

enum AreaCentre {
    /// The centre of a locality: the most populous gazetteer place of that name in the country, or else the average
    /// of the public venues that name it.
    static func of(_ db: Database, localityKey: String, regionKey: String?, country: String) throws -> (latitude: Double, longitude: Double)? {
        if let place = try GazetteerRecord.fetchOne(db, literal: """
            SELECT g.* FROM gazetteerName n JOIN gazetteer g ON g.id = n.placeId
            WHERE n.nameKey = \(localityKey) AND g.country = \(country) ORDER BY g.population DESC LIMIT 1
            """) {
            return (place.latitude, place.longitude)
        }
        guard let row = try Row.fetchOne(db, literal: """
            SELECT AVG(latitude), AVG(longitude) FROM directoryPlace
            WHERE localityKey = \(localityKey) AND country = \(country) AND withheld = 0 AND latitude IS NOT NULL
              AND (regionKey IS \(regionKey) OR \(regionKey) IS NULL)
            """), let latitude = row[0] as Double?, let longitude = row[1] as Double? else { return nil }
        return (latitude, longitude)
    }
}

/// The places the feeds themselves name: venues grouped by a folded locality, postcode or region name.
struct FeedPlaceRow: Decodable, FetchableRecord {
    var name: String
    var region: String?
    var country: String
    var latitude: Double?
    var longitude: Double?
    var venues: Int

    static func named(_ db: Database, key: String, kind: PlaceKind) throws -> [Self] {
        let grouping = kind == .locality ? "localityKey, regionKey, country" : "\(kind.keyColumn), country"
        return try fetchAll(db, literal: """
            SELECT MIN(\(sql: kind.nameColumn)) AS name, MIN(region) AS region, country, AVG(latitude) AS latitude,
                   AVG(longitude) AS longitude, COUNT(*) AS venues
            FROM directoryPlace WHERE \(sql: kind.keyColumn) = \(key) GROUP BY \(sql: grouping) LIMIT 50
            """)
    }
}
