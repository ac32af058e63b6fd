import ChorusFeed
import Foundation
import GRDB

/// The third stage: the directory's search index, rebuilt for a group from its newest accepted feed. It holds what
/// the public may see of each group (`PublicGroup`), its text, facets, venues and points, its coming occurrences
/// and its notices, and the imported gazetteer that places withheld areas.
struct DirectoryIndex: Sendable {
    let context: StageContext

    /// Replaces a group's rows in the index with what its newest accepted feed says.
    func index(_ db: Database, groupRow: Int64, feed: GroupFeed, snapshotId: Int64) throws {
        try store(db, groupRow: groupRow, snapshotId: snapshotId, entry: try IndexEntry(feed: feed, now: context.now))
        try resolveAreaPoints(db, groupRow: groupRow)
    }

    /// Replaces a group's rows in the index with an entry made from its feed; its withheld areas are placed by
    /// the caller.
    private func store(_ db: Database, groupRow: Int64, snapshotId: Int64, entry: IndexEntry) throws {
        let group = entry.group
        try remove(db, groupRow: groupRow)
        try DirectoryGroupRecord(
            groupRow: groupRow, snapshotId: snapshotId, title: group.title, document: entry.document,
            summary: entry.card.summary, language: group.language, area: entry.card.area, modes: entry.card.modes,
            free: group.fee.kind != .fee, status: group.status, meetings: entry.card.meetings, notices: entry.notices,
            indexedAt: entry.madeAt, restriction: entry.card.restriction
        ).insert(db)
        try DirectoryStatements.insertText(db, groupRow: groupRow, name: group.title, summary: group.summary, places: entry.placesText)
        for facet in entry.facets {
            try DirectoryStatements.insert(db, DirectoryFacetRecord(facet: facet, groupRow: groupRow))
        }
        for place in group.places where place.setting != .online {
            var record = DirectoryPlaceRecord(
                groupRow: groupRow, placeKey: place.id, withheld: place.withheld, latitude: place.latitude, longitude: place.longitude,
                locality: place.locality, region: place.region, postcode: place.postcode, country: place.country,
                localityKey: place.locality.map(PlaceName.key), regionKey: place.region.map(PlaceName.key),
                postcodeKey: place.postcode.map(PlaceName.key))
            try record.insert(db)
            if let latitude = place.latitude, let longitude = place.longitude {
                try DirectoryStatements.insertPoint(db, place: record.id!, groupRow: groupRow, latitude: latitude, longitude: longitude, withheld: false)
            }
        }
        for (notice, document) in zip(group.notices, entry.noticeDocuments) {
            try DirectoryStatements.insert(db, DirectoryNoticeRecord(groupRow: groupRow, noticeId: notice.id, updated: notice.updated, notice: document))
        }
        try insertOccurrences(db, groupRow: groupRow, entry.occurrences)
    }

    func remove(_ db: Database, groupRow: Int64) throws {
        try DirectoryStatements.deletePoints(db, groupRow: groupRow)
        try DirectoryStatements.deleteText(db, groupRow: groupRow)
        for table in [DirectoryPlaceRecord.databaseTableName, DirectoryFacetRecord.databaseTableName, OccurrenceRecord.databaseTableName,
                      DirectoryNoticeRecord.databaseTableName, DirectoryGroupRecord.databaseTableName] {
            try DirectoryStatements.deleteRows(db, groupRow: groupRow, from: table)
        }
    }

    func materialiseOccurrences(_ db: Database, groupRow: Int64, feed: GroupFeed) throws {
        let now = context.now
        try OccurrenceRecord.filter(Column("groupRow") == groupRow).deleteAll(db)
        try insertOccurrences(db, groupRow: groupRow, IndexEntry.occurrences(feed, now: now))
        try DirectoryGroupRecord.filter(Column("groupRow") == groupRow).updateAll(db, Column("indexedAt").set(to: now))
    }

    private func insertOccurrences(_ db: Database, groupRow: Int64, _ occurrences: [MaterialisedOccurrence]) throws {
        for occurrence in occurrences {
            try DirectoryStatements.insert(db, OccurrenceRecord(
                groupRow: groupRow, start: Int64(occurrence.start.timeIntervalSince1970), meetingKey: occurrence.meetingId,
                end: Int64(occurrence.end.timeIntervalSince1970), localDate: occurrence.localDate.description, weekday: occurrence.weekday,
                minute: occurrence.minute, mode: occurrence.mode, cancelled: occurrence.cancelled))
        }
    }

    /// A withheld location is placed at the centre of its area, never at its own point: the imported gazetteer's
    /// entry for its locality, or the average of the public venues that name the same locality.
    func resolveAreaPoints(_ db: Database, groupRow: Int64? = nil) throws {
        var withheld = DirectoryPlaceRecord.filter(Column("withheld") == true && Column("localityKey") != nil)
        if let groupRow { withheld = withheld.filter(Column("groupRow") == groupRow) }
        // Many withheld venues share an area: each area's centre is read once.
        struct Area: Hashable { let locality: String, region: String?, country: String }
        var centres: [Area: (latitude: Double, longitude: Double)?] = [:]
        for var place in try withheld.fetchAll(db) {
            let area = Area(locality: place.localityKey!, region: place.regionKey, country: place.country)
            let centre: (latitude: Double, longitude: Double)?
            if let known = centres[area] { centre = known } else {
                centre = try AreaCentre.of(db, localityKey: area.locality, regionKey: area.region, country: area.country)
                centres[area] = centre
            }
            try DirectoryStatements.deletePoint(db, place: place.id!)
            place.areaLatitude = centre?.latitude
            place.areaLongitude = centre?.longitude
            try place.update(db, columns: ["areaLatitude", "areaLongitude"])
            if let centre {
                try DirectoryStatements.insertPoint(db, place: place.id!, groupRow: place.groupRow, latitude: centre.latitude,
                                                    longitude: centre.longitude, withheld: true)
            }
        }
    }

    /// Moves every group's occurrence window forward and re-places withheld areas; run daily by the harvest loop.
    func refresh(olderThan age: TimeInterval) async throws -> Int {
        let cutoff = context.now.addingTimeInterval(-age)
        let due = try await context.database.read { db in try IndexedSnapshotRow.indexed(db, before: cutoff) }
        for start in stride(from: 0, to: due.count, by: 500) {
            let chunk = due[start..<min(start + 500, due.count)]
            try await context.database.write { db in
                for entry in chunk {
                    guard let bytes = entry.bytes, let feed = try? FeedReader.read(bytes) else { continue }
                    try materialiseOccurrences(db, groupRow: entry.groupRow, feed: feed)
                }
            }
        }
        if !due.isEmpty { try await context.database.write { db in try resolveAreaPoints(db) } }
        return due.count
    }

    /// Indexes every group whose newest snapshot is not yet in the directory (after an upgrade, for example),
    /// a thousand groups per transaction.
    func indexMissing() async throws -> Int {
        let missing = try await context.database.read { db in try IndexedSnapshotRow.missing(db) }
        guard !missing.isEmpty else { return 0 }
        let chunks = stride(from: 0, to: missing.count, by: 1000).map { Array(missing[$0..<min($0 + 1000, missing.count)]) }
        // The next thousand entries are made while the last thousand are written.
        var next: Task<[(IndexedSnapshotRow, IndexEntry?)], Error>? = prepare(chunks[0])
        for index in chunks.indices {
            let ready = try await next!.value
            next = index + 1 < chunks.count ? prepare(chunks[index + 1]) : nil
            try await context.database.write { db in
                for (snapshot, entry) in ready {
                    guard let entry, try SnapshotRecord.latest(of: snapshot.groupRow).select(Column("id"), as: Int64.self).fetchOne(db) == snapshot.snapshotId
                    else { continue }
                    try store(db, groupRow: snapshot.groupRow, snapshotId: snapshot.snapshotId, entry: entry)
                }
            }
        }
        try await context.database.write { db in try resolveAreaPoints(db) }
        return missing.count
    }

    /// Reads the snapshots' bytes and makes their entries on every core.
    private func prepare(_ chunk: [IndexedSnapshotRow]) -> Task<[(IndexedSnapshotRow, IndexEntry?)], Error> {
        Task { [context] in
            let snapshots = try await context.database.read { db in try IndexedSnapshotRow.withBytes(db, snapshotIds: chunk.map(\.snapshotId)) }
            let now = context.now
            return try await OffThePool.run {
                try ParallelMap.map(snapshots) { snapshot in
                    Result { (snapshot, try snapshot.bytes.flatMap { try? FeedReader.read($0) }.map { try IndexEntry(feed: $0, now: now) }) }
                }.map { try $0.get() }
            }
        }
    }

    /// Loads (or reloads) GeoNames places into the gazetteer in one transaction, then re-places withheld areas.
    func importPlaces(_ file: GazetteerFile, regionNames: [String: String]) async throws -> Int {
        try await context.database.write { db in
            for entry in file.entries {
                var place = GazetteerRecord(
                    name: entry.name, region: entry.regionCode.flatMap { regionNames["\(entry.country).\($0)"] }, regionCode: entry.regionCode,
                    country: entry.country, latitude: entry.latitude, longitude: entry.longitude, population: entry.population,
                    timeZone: entry.timeZone, source: "geonames", sourceId: entry.geonameId)
                place.id = try GazetteerRecord.filter(Column("source") == place.source && Column("sourceId") == place.sourceId)
                    .select(Column("id"), as: Int64.self).fetchOne(db)
                try place.save(db)
                try GazetteerNameRecord.filter(Column("placeId") == place.id!).deleteAll(db)
                for key in Set(entry.names.map(PlaceName.key)) where !key.isEmpty {
                    try GazetteerNameRecord(nameKey: key, placeId: place.id!).insert(db, onConflict: .ignore)
                }
            }
            try resolveAreaPoints(db)
            return file.entries.count
        }
    }
}
