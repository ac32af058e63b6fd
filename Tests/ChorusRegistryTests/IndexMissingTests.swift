@testable import ChorusRegistry
import Foundation
import GRDB
import Testing

/// The index stage builds the same rows whether a group is indexed as its feed arrives or in bulk, with entries
/// made on every core before one writer stores them (after an upgrade, or a benchmark's seeding).
@Suite struct IndexMissingTests {
    static func dump(_ db: Database) throws -> [String] {
        let statements = [
            "SELECT groupRow, snapshotId, title, document, summary, language, area, modes, free, status, meetings, notices FROM directoryGroup",
            "SELECT groupRow, placeKey, withheld, latitude, longitude, areaLatitude, areaLongitude, locality, region, postcode, country, localityKey, regionKey, postcodeKey FROM directoryPlace",
            "SELECT facet, groupRow FROM directoryFacet",
            "SELECT groupRow, start, meetingKey, \"end\", localDate, weekday, minute, mode, cancelled FROM occurrence",
            "SELECT groupRow, noticeId, updated, notice FROM directoryNotice",
            "SELECT rowid, name, summary, places FROM directoryText",
            "SELECT p.groupRow, p.placeKey, t.minLatitude, t.minLongitude, t.withheld FROM directoryPoint t JOIN directoryPlace p ON p.id = t.id",
        ]
        return try statements.flatMap { sql in try Row.fetchAll(db, sql: sql).map { "\($0)" }.sorted() }
    }

    @Test func indexingInBulkWritesWhatIndexingOneFeedWrites() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let registry = fixture.registry
        let before = try await registry.database.pool.read { db in try Self.dump(db) }
        #expect(before.count > 100)
        let rows = try await registry.database.pool.read { db in try Int64.fetchAll(db, sql: "SELECT groupRow FROM directoryGroup") }
        try await registry.database.pool.write { db in
            for row in rows { try registry.index.remove(db, groupRow: row) }
        }
        await #expect(try registry.indexMissingGroups() == rows.count)
        let after = try await registry.database.pool.read { db in try Self.dump(db) }
        #expect(after == before)
        await #expect(try registry.indexMissingGroups() == 0, "nothing is left to index")
    }
}
