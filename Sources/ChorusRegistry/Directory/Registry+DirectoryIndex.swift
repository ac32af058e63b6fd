import ChorusFeed
import Foundation
import GRDB

extension Registry {
    /// Replaces a group's rows in the search index with what its newest accepted feed says.
    func indexForDirectory(_ db: Database, groupRow: Int64, feed: GroupFeed, snapshotId: Int64) throws {
        let group = PublicGroup(feed)
        try removeFromDirectory(db, groupRow: groupRow)
        let card = DirectoryCard(group)
        try db.execute(sql: """
            INSERT INTO directoryGroup (groupRow, snapshotId, title, document, summary, language, area, modes, free, status, meetings, notices, indexedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [groupRow, snapshotId, group.title, try DirectoryCoding.encoder.encode(group), card.summary, group.language,
                             card.area, card.modes, group.fee.kind != .fee, group.status, card.meetings,
                             group.notices.isEmpty ? nil : try DirectoryCoding.encoder.encode(group.notices), now])
        let placesText = group.places.flatMap { [$0.withheld ? nil : $0.name, $0.locality, $0.region, $0.postcode, $0.country] }
            .compactMap { $0 }.joined(separator: " ")
        try db.execute(sql: "INSERT INTO directoryText (rowid, name, summary, places) VALUES (?, ?, ?, ?)",
                       arguments: [groupRow, group.title, group.summary, placesText])
        for facet in DirectoryFacets.of(group) {
            try db.execute(sql: "INSERT OR IGNORE INTO directoryFacet (facet, groupRow) VALUES (?, ?)", arguments: [facet, groupRow])
        }
        for place in group.places where place.setting != .online {
            try db.execute(sql: """
                INSERT INTO directoryPlace (groupRow, placeKey, withheld, latitude, longitude, locality, region, postcode, country,
                                            localityKey, regionKey, postcodeKey)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [groupRow, place.id, place.withheld, place.latitude, place.longitude, place.locality, place.region,
                                 place.postcode, place.country, place.locality.map(PlaceName.key), place.region.map(PlaceName.key),
                                 place.postcode.map(PlaceName.key)])
            let id = db.lastInsertedRowID
            if let latitude = place.latitude, let longitude = place.longitude {
                try db.execute(sql: "INSERT INTO directoryPoint VALUES (?, ?, ?, ?, ?, ?, 0)", arguments: [id, latitude, latitude, longitude, longitude, groupRow])
            }
        }
        for notice in group.notices {
            try db.execute(sql: "INSERT OR IGNORE INTO directoryNotice (groupRow, noticeId, updated, notice) VALUES (?, ?, ?, ?)",
                           arguments: [groupRow, notice.id, notice.updated, try DirectoryCoding.encoder.encode(notice)])
        }
        try resolveAreaPoints(db, groupRow: groupRow)
        try materialiseOccurrences(db, groupRow: groupRow, feed: feed)
    }

    func removeFromDirectory(_ db: Database, groupRow: Int64) throws {
        try db.execute(sql: "DELETE FROM directoryPoint WHERE id IN (SELECT id FROM directoryPlace WHERE groupRow = ?)", arguments: [groupRow])
        try db.execute(sql: "DELETE FROM directoryPlace WHERE groupRow = ?", arguments: [groupRow])
        try db.execute(sql: "DELETE FROM directoryFacet WHERE groupRow = ?", arguments: [groupRow])
        try db.execute(sql: "DELETE FROM directoryText WHERE rowid = ?", arguments: [groupRow])
        try db.execute(sql: "DELETE FROM occurrence WHERE groupRow = ?", arguments: [groupRow])
        try db.execute(sql: "DELETE FROM directoryNotice WHERE groupRow = ?", arguments: [groupRow])
        try db.execute(sql: "DELETE FROM directoryGroup WHERE groupRow = ?", arguments: [groupRow])
    }

    func materialiseOccurrences(_ db: Database, groupRow: Int64, feed: GroupFeed) throws {
        try db.execute(sql: "DELETE FROM occurrence WHERE groupRow = ?", arguments: [groupRow])
        let from = now.addingTimeInterval(-86_400)
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO occurrence (groupRow, start, meetingKey, end, localDate, weekday, minute, mode, cancelled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for occurrence in Occurrences.materialise(feed, from: from, to: now.addingTimeInterval(Occurrences.window)) {
            try statement.execute(arguments: [
                groupRow, Int64(occurrence.start.timeIntervalSince1970), occurrence.meetingId, Int64(occurrence.end.timeIntervalSince1970),
                occurrence.localDate.description, occurrence.weekday, occurrence.minute, occurrence.mode, occurrence.cancelled,
            ])
        }
        try db.execute(sql: "UPDATE directoryGroup SET indexedAt = ? WHERE groupRow = ?", arguments: [now, groupRow])
    }

    /// A withheld location is placed at the centre of its area, never at its own point: the imported gazetteer's
    /// entry for its locality, or the average of the public venues that name the same locality.
    func resolveAreaPoints(_ db: Database, groupRow: Int64? = nil) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, groupRow, localityKey, regionKey, country FROM directoryPlace WHERE withheld = 1 AND localityKey IS NOT NULL
            \(groupRow == nil ? "" : "AND groupRow = ?")
            """, arguments: groupRow.map { [$0] } ?? [])
        for row in rows {
            let id: Int64 = row["id"]
            let centre = try areaCentre(db, localityKey: row["localityKey"], regionKey: row["regionKey"], country: row["country"])
            try db.execute(sql: "DELETE FROM directoryPoint WHERE id = ?", arguments: [id])
            try db.execute(sql: "UPDATE directoryPlace SET areaLatitude = ?, areaLongitude = ? WHERE id = ?",
                           arguments: [centre?.latitude, centre?.longitude, id])
            if let centre {
                try db.execute(sql: "INSERT INTO directoryPoint VALUES (?, ?, ?, ?, ?, ?, 1)",
                               arguments: [id, centre.latitude, centre.latitude, centre.longitude, centre.longitude, row["groupRow"] as Int64])
            }
        }
    }

    private func areaCentre(_ db: Database, localityKey: String, regionKey: String?, country: String) throws -> (latitude: Double, longitude: Double)? {
        if let row = try Row.fetchOne(db, sql: """
            SELECT g.latitude, g.longitude FROM gazetteerName n JOIN gazetteer g ON g.id = n.placeId
            WHERE n.nameKey = ? AND g.country = ? ORDER BY g.population DESC LIMIT 1
            """, arguments: [localityKey, country]) {
            return (row[0], row[1])
        }
        guard let row = try Row.fetchOne(db, sql: """
            SELECT AVG(latitude), AVG(longitude) FROM directoryPlace
            WHERE localityKey = ? AND country = ? AND withheld = 0 AND latitude IS NOT NULL AND (regionKey IS ? OR ? IS NULL)
            """, arguments: [localityKey, country, regionKey, regionKey]),
              let latitude = row[0] as Double?, let longitude = row[1] as Double? else { return nil }
        return (latitude, longitude)
    }

    /// Moves every group's occurrence window forward and re-places withheld areas; run daily by the harvest loop.
    public func refreshDirectory(olderThan age: TimeInterval = 86_400) throws -> Int {
        let due = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.groupRow, s.bytes FROM directoryGroup d JOIN snapshot s ON s.id = d.snapshotId WHERE d.indexedAt < ?
                """, arguments: [now.addingTimeInterval(-age)])
        }
        for chunk in stride(from: 0, to: due.count, by: 500).map({ Array(due[$0..<min($0 + 500, due.count)]) }) {
            try pool.write { db in
                for row in chunk {
                    guard let feed = try? FeedReader.read(row["bytes"] as Data) else { continue }
                    try materialiseOccurrences(db, groupRow: row["groupRow"], feed: feed)
                }
            }
        }
        if !due.isEmpty { try pool.write { db in try resolveAreaPoints(db) } }
        return due.count
    }

    /// Indexes every group whose newest snapshot is not yet in the directory (after an upgrade, for example),
    /// a thousand groups per transaction.
    public func indexMissingGroups() throws -> Int {
        let missing = try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.groupRow, s.id FROM snapshot s
                WHERE s.seq = (SELECT MAX(seq) FROM snapshot WHERE groupRow = s.groupRow)
                  AND NOT EXISTS (SELECT 1 FROM directoryGroup d WHERE d.groupRow = s.groupRow AND d.snapshotId = s.id)
                """).map { (groupRow: $0["groupRow"] as Int64, snapshotId: $0["id"] as Int64) }
        }
        guard !missing.isEmpty else { return 0 }
        for start in stride(from: 0, to: missing.count, by: 1000) {
            try pool.write { db in
                for entry in missing[start..<min(start + 1000, missing.count)] {
                    guard let bytes = try Data.fetchOne(db, sql: "SELECT bytes FROM snapshot WHERE id = ?", arguments: [entry.snapshotId]),
                          let feed = try? FeedReader.read(bytes) else { continue }
                    try indexForDirectory(db, groupRow: entry.groupRow, feed: feed, snapshotId: entry.snapshotId)
                }
            }
        }
        try pool.write { db in try resolveAreaPoints(db) }
        return missing.count
    }
}
