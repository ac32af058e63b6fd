import ChorusLanguage
import Foundation
import GRDB

public enum EnrolmentPolicy: String, Codable, Sendable, CaseIterable {
    case open, approval
}

public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case viewer, editor, admin

    private var rank: Int { Role.allCases.firstIndex(of: self)! }
    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

public struct Network: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var policy: EnrolmentPolicy
    public var createdAt: Date
    /// The charter version in force, if the network has set one.
    public var charterId: Int64?
    /// Whether anyone may see the network's compliance dashboard, or only its admins.
    public var dashboardPublic: Bool = false
    /// How a visitor reports a problem with a listing: a mailto:, tel: or https: URI.
    public var contact: String?
    /// Who to call in a crisis, in the network's words ("Samaritans answer day or night on 116 123"), shown on its pages.
    public var crisisLine: String?
    /// The origins allowed to embed the network's directory in a frame, space-separated; none when nil.
    public var embedOrigins: String?
    /// The network moved to another registry: its directory's new address, announced to followers in the directory.
    public var directoryMovedTo: String?
    /// The language of the network's pages when the visitor asks for none it offers, and of its feeds.
    public var defaultLanguage: String = "en"
    /// The interface languages the network offers, space-separated; nil offers every language Chorus ships.
    public var languages: String?

    /// The languages offered, the default first.
    public var offeredLanguages: [String] {
        let chosen = languages.map { $0.split(separator: " ").map(String.init) } ?? Catalogs.shipped
        return [defaultLanguage] + chosen.filter { $0 != defaultLanguage }
    }

    /// The embedding origins as a list.
    public var embeddingOrigins: [String] { (embedOrigins ?? "").split(separator: " ").map(String.init) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct TokenRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "token"
    var id: Int64?
    var networkId: Int64
    var role: Role
    var hash: String
    var createdAt: Date
    var revokedAt: Date?
    /// After this the token no longer works; nil for a token that lasts until it is revoked.
    var expiresAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum HarvestState: String, Codable, Sendable, CaseIterable {
    case active, suspended, gone
    case keyRevoked = "key-revoked"
}

struct GroupRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "feedGroup"
    var id: Int64?
    var groupId: String
    var title: String?
    var feedURL: String
    var etag: String?
    var lastModified: String?
    var harvestState: HarvestState
    var harvestReason: String?
    var consecutiveFailures: Int
    var nextFetchAt: Date
    var redirectURL: String?
    var redirectSeen: Int
    var createdAt: Date
    /// The registry hosts this group's feed (it arrived by push); it is never fetched.
    var hostedHere = false

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum KeyStatus: String, Codable, Sendable {
    case proposed, pinned, announced, retired, revoked
}

struct GroupKeyRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "groupKey"
    var id: Int64?
    var groupRow: Int64
    var keyId: String
    var publicKey: String
    var status: KeyStatus
    var source: String
    var createdAt: Date
    var changedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum MembershipStatus: String, Codable, Sendable, CaseIterable {
    case pendingKey = "pending-key"
    case pendingApproval = "pending-approval"
    case active, suspended, removed
}

struct MembershipRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "membership"
    var networkId: Int64
    var groupRow: Int64
    var status: MembershipStatus
    var reason: String?
    var createdAt: Date
    var updatedAt: Date
    /// The feed URL this network enrolled; the registry harvests the group's origin (`GroupRecord.feedURL`).
    var feedURL: String?
    /// A key this network revoked: while it is the group's pinned key, this network does not list the group.
    var vetoedKeyId: String?
    /// The membership came from following another network's directory, and ends when no followed directory lists it.
    var followed = false
}

public enum Arrival: String, Codable, Sendable {
    case pull, push, enrolment
}

struct SnapshotRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "snapshot"
    var id: Int64?
    var groupRow: Int64
    var seq: Int64
    var expires: Date
    var keyId: String
    var digest: String
    var bytes: Data
    var signature: String
    var fetchedAt: Date
    var via: Arrival

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum HarvestOutcome: String, Codable, Sendable, CaseIterable {
    /// A new feed was verified and stored.
    case accepted
    /// The feed had not changed (304, or the same signed bytes again).
    case unchanged
    /// The feed arrived but was refused: signature, order, freshness or content.
    case rejected
    /// The feed could not be fetched: network, HTTP status, limits, addresses.
    case failed
    /// The server said the feed is gone for good (410).
    case gone
}

struct HarvestAttemptRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "harvestAttempt"
    var id: Int64?
    var groupRow: Int64
    var at: Date
    var via: Arrival
    var outcome: HarvestOutcome
    var code: String?
    var detail: String?
    var httpStatus: Int?
    var durationMs: Int

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct AuditRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "auditLog"
    var id: Int64?
    var networkId: Int64
    var at: Date
    var actor: String
    var action: String
    var groupId: String?
    var detail: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct NetworkKeyRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "networkKey"
    var id: Int64?
    var networkId: Int64
    var keyId: String
    var publicKey: String
    var pinnedAt: Date
    var pinnedBy: String
    var retiredAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct CharterRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "charter"
    var id: Int64?
    var networkId: Int64
    var version: String
    var bytes: Data
    var signature: String?
    var setAt: Date
    var setBy: String
    /// The network key the signature was checked against when the charter was set; nil when none was pinned.
    var verifiedKeyId: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct VerdictRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "verdict"
    var id: Int64?
    var networkId: Int64
    var groupRow: Int64
    var charterId: Int64
    var snapshotId: Int64
    var evaluatedAt: Date
    var tier: String?
    var listed: Bool
    var failedRequired: Int
    /// The whole `Verdict`, as JSON.
    var verdict: Data
    var current: Bool

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Harvest attempts pruned from `harvestAttempt`, counted by outcome, so the totals `/metrics` reports only grow.
struct HarvestAttemptPrunedRecord: Codable, FetchableRecord, PersistableRecord, Equatable {
    static let databaseTableName = "harvestAttemptPruned"
    var outcome: HarvestOutcome
    var count: Int
}
