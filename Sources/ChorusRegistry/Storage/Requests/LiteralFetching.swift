import GRDB

// Fetching with an SQL literal whose interpolated values are bound as arguments, never spliced:
// `try Row.fetchAll(db, literal: "SELECT … WHERE id = \(id)")`. The statement is prepared once per SQL text and kept,
// as `cachedStatement` does: a search runs the same few statements for every result it reads.

extension FetchableRecord {
    static func fetchAll(_ db: Database, literal: SQL) throws -> [Self] {
        try fetchAll(db, SQLRequest<Row>(literal: literal, cached: true))
    }

    static func fetchOne(_ db: Database, literal: SQL) throws -> Self? {
        try fetchOne(db, SQLRequest<Row>(literal: literal, cached: true))
    }

    static func fetchCursor(_ db: Database, literal: SQL) throws -> RecordCursor<Self> {
        try fetchCursor(db, SQLRequest<Row>(literal: literal, cached: true))
    }
}

extension DatabaseValueConvertible where Self: StatementColumnConvertible {
    static func fetchAll(_ db: Database, literal: SQL) throws -> [Self] {
        try fetchAll(db, SQLRequest<Row>(literal: literal, cached: true))
    }

    static func fetchOne(_ db: Database, literal: SQL) throws -> Self? {
        try fetchOne(db, SQLRequest<Row>(literal: literal, cached: true))
    }
}

extension Row {
    static func fetchAll(_ db: Database, literal: SQL) throws -> [Row] {
        try fetchAll(db, SQLRequest<Row>(literal: literal, cached: true))
    }

    static func fetchOne(_ db: Database, literal: SQL) throws -> Row? {
        try fetchOne(db, SQLRequest<Row>(literal: literal, cached: true))
    }

    static func fetchCursor(_ db: Database, literal: SQL) throws -> RowCursor {
        try fetchCursor(db, SQLRequest<Row>(literal: literal, cached: true))
    }
}
