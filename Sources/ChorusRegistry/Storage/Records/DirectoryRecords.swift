import ChorusFeed
import Foundation
import GRDB

// The directory's tables: the index stage writes them, the search, change log and outputs read them.
// Each record is one row; `directoryText` (FTS5) and `directoryPoint` (R*Tree) are virtual tables written through
// `DirectoryStatements`, because GRDB's query interface cannot address them.

/// A group as the directory shows it: the public document and the columns a result card needs.
struct DirectoryGroupRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "directoryGroup"
    var groupRow: Int64
    var snapshotId: Int64
    var title: String
    /// The `PublicGroup`, as JSON.
    var document: Data
    var summary: String
    var language: String?
    var area: String?
    /// Attendance mode ids, comma-separated, sorted.
    var modes: String
    var free: Bool
    var status: ActivityStatus
    /// One line per meeting: id, title, mode and zone, tab-separated.
    var meetings: String
    /// The notices, as JSON, when there are any.
    var notices: Data?
    var indexedAt: Date
    /// Who the group is only for, as the result card says it; nil when it is open to anyone with the experiences.
    var restriction: String?
}

/// One filterable property of a group, as a `kind:value` string.
struct DirectoryFacetRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "directoryFacet"
    var facet: String
    var groupRow: Int64
}

/// One venue of a group. A withheld venue keeps only its area, and its point is its area's centre.
struct DirectoryPlaceRecord: Codable, FetchableRecord, MutablePersistableRecord, Equatable {
    static let databaseTableName = "directoryPlace"
    var id: Int64?
    var groupRow: Int64
    var placeKey: String
    var withheld: Bool
    var latitude: Double?
    var longitude: Double?
    var areaLatitude: Double?
    var areaLongitude: Double?
    var locality: String?
    var region: String?
    var postcode: String?
    var country: String
    var localityKey: String?
    var regionKey: String?
    var postcodeKey: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Locality, region and country: what may always be shown.
    var area: String { [locality, region, country].compactMap { $0 }.joined(separator: ", ") }
}

/// One coming meeting time, in seconds since 1970, with its local date, weekday and minute for filtering.
struct OccurrenceRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "occurrence"
    var groupRow: Int64
    var start: Int64
    var meetingKey: String
    var end: Int64
    var localDate: String
    var weekday: Int
    var minute: Int
    var mode: AttendanceMode
    var cancelled: Bool
}

/// One notice of a listed group, for the notice feeds.
struct DirectoryNoticeRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "directoryNotice"
    var groupRow: Int64
    var noticeId: String
    var updated: Date
    /// The `PublicGroup.Notice`, as JSON.
    var notice: Data
}

/// A place of an imported gazetteer.
struct GazetteerRecord: Codable, FetchableRecord, MutablePersistableRecord, Equatable {
    static let databaseTableName = "gazetteer"
    var id: Int64?
    var name: String
    var region: String?
    var regionCode: String?
    var country: String
    var latitude: Double
    var longitude: Double
    var population: Int
    var timeZone: String?
    var source: String
    var sourceId: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One of the names a gazetteer place answers to, as `PlaceName.key` folds it.
struct GazetteerNameRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "gazetteerName"
    var nameKey: String
    var placeId: Int64
}

/// What a network lists now: the state the change log compares with.
struct DirectoryListingRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "directoryListing"
    var networkId: Int64
    var groupRow: Int64
    var groupId: String
    var title: String
    var tier: String?
    var snapshotId: Int64
    var digest: String
    var stale: Bool
    var since: Date
}

/// One entry of a network's directory-changes feed.
struct DirectoryChangeRecord: Codable, FetchableRecord, MutablePersistableRecord, Equatable {
    static let databaseTableName = "directoryChange"
    var id: Int64?
    var networkId: Int64
    var groupRow: Int64
    var groupId: String
    var title: String
    var kind: DirectoryChange.Kind
    var tier: String?
    var previousTier: String?
    var at: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The last change to a group that the directory's read model must take in (group row 0: every group), written by
/// triggers on the tables it reads.
struct DirectoryTouchRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "directoryTouch"
    var groupRow: Int64
    var seq: Int64

    static func newest(_ db: Database) throws -> Int64 {
        try select(max(Column("seq")), as: Int64.self).fetchOne(db) ?? 0
    }

    static func rows(after seq: Int64, _ db: Database) throws -> [Int64] {
        try filter(Column("seq") > seq).select(Column("groupRow"), as: Int64.self).fetchAll(db)
    }
}
