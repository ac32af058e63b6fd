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
}
