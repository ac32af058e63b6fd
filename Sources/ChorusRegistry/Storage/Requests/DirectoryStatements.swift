import GRDB

/// The statements on the directory's virtual tables, which GRDB's query interface cannot address:
/// `directoryText` (FTS5 over names, summaries and places) and `directoryPoint` (an R*Tree of venue points), which
/// the index stage keeps beside the read model's own indexes. Every value is bound.
enum DirectoryStatements {
    static func insertText(_ db: Database, groupRow: Int64, name: String, summary: String, places: String) throws {
        try db.cachedStatement(literal: "INSERT INTO directoryText (rowid, name, summary, places) VALUES (\(groupRow), \(name), \(summary), \(places))").execute()
    }

    static func deleteText(_ db: Database, groupRow: Int64) throws {
        try db.cachedStatement(literal: "DELETE FROM directoryText WHERE rowid = \(groupRow)").execute()
    }

    /// Group rows whose text matches an FTS5 query, at most `limit` (the tests' reference search; the directory
    /// searches its read model).
    static func matching(_ db: Database, _ match: String, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(db, literal: "SELECT rowid FROM directoryText WHERE directoryText MATCH \(match) LIMIT \(limit)")
    }

    /// A point of a venue (`withheld` false) or of a withheld venue's area (`withheld` true), keyed by its place row.
    static func insertPoint(_ db: Database, place: Int64, groupRow: Int64, latitude: Double, longitude: Double, withheld: Bool) throws {
        try db.cachedStatement(literal: """
            INSERT INTO directoryPoint VALUES (\(place), \(latitude), \(latitude), \(longitude), \(longitude), \(groupRow), \(withheld))
            """).execute()
    }

    static func deletePoint(_ db: Database, place: Int64) throws {
        try db.cachedStatement(literal: "DELETE FROM directoryPoint WHERE id = \(place)").execute()
    }

    static func deletePoints(_ db: Database, groupRow: Int64) throws {
        try db.cachedStatement(literal: "DELETE FROM directoryPoint WHERE id IN (SELECT id FROM directoryPlace WHERE groupRow = \(groupRow))").execute()
    }

    // The rows a group has many of, written with cached statements: the bulk of an index build.

    static func insert(_ db: Database, _ occurrence: OccurrenceRecord) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO occurrence (groupRow, start, meetingKey, "end", localDate, weekday, minute, mode, cancelled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [occurrence.groupRow, occurrence.start, occurrence.meetingKey, occurrence.end, occurrence.localDate,
                                     occurrence.weekday, occurrence.minute, occurrence.mode, occurrence.cancelled])
    }

    static func insert(_ db: Database, _ facet: DirectoryFacetRecord) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO directoryFacet (facet, groupRow) VALUES (?, ?)")
            .execute(arguments: [facet.facet, facet.groupRow])
    }

    static func insert(_ db: Database, _ notice: DirectoryNoticeRecord) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO directoryNotice (groupRow, noticeId, updated, notice) VALUES (?, ?, ?, ?)")
            .execute(arguments: [notice.groupRow, notice.noticeId, notice.updated, notice.notice])
    }

    /// Every row of a group in the index's tables, before it is indexed again.
    static func deleteRows(_ db: Database, groupRow: Int64, from table: String) throws {
        try db.cachedStatement(sql: "DELETE FROM \(table) WHERE groupRow = ?").execute(arguments: [groupRow])
    }
}
