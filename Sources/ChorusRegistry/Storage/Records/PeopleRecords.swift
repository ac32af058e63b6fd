import Foundation
import GRDB

struct PersonRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "person"
    var id: Int64?
    /// What the person types to sign in; unique in the registry, compared without case.
    var login: String
    /// What the audit log and the people page call them.
    var name: String
    var passphraseHash: String
    var failedSignIns: Int = 0
    var lastFailureAt: Date?
    var lockedAt: Date?
    var lastSignInAt: Date?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct PersonRoleRecord: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "personRole"
    var personId: Int64
    var networkId: Int64
    var role: Role
    var addedAt: Date
}

struct InviteRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "invite"
    var id: Int64?
    var networkId: Int64
    var role: Role
    /// Set for a new passphrase for someone who already has a sign-in.
    var personId: Int64?
    var hash: String
    var createdAt: Date
    var expiresAt: Date
    var usedAt: Date?
    var createdBy: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct ConsoleSessionRecord: Codable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "consoleSession"
    var idHash: String
    var personId: Int64?
    var value: Data
    var expiresAt: Date?
}

struct ListingReportRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "listingReport"
    var id: Int64?
    var networkId: Int64
    var groupRow: Int64
    var kind: ListingReport.Kind
    var text: String
    var replyTo: String?
    var createdAt: Date
    var doneAt: Date?
    var doneBy: String?
    var doneNote: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
