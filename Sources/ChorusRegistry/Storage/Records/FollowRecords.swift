import Foundation
import GRDB

/// A network here that follows a network's signed directory at another registry.
struct FollowedDirectoryRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "followedDirectory"
    var id: Int64?
    var networkId: Int64
    var url: String
    /// The followed network's slug, which its directory's claim must name.
    var remoteNetwork: String
    /// The followed network's own public key (base64), pinned when the follow began.
    var networkKey: String
    var createdAt: Date
    // The last good directory, exactly as accepted.
    var directoryId: String?
    var seq: Int64?
    var digest: String?
    var expires: Date?
    var acceptedAt: Date?
    var document: Data?
    var signature: String?
    var delegationKeyFile: Data?
    var delegationSignature: String?
    /// What the last good directory gathers, one `id network` pair a line.
    var gathers: String?
    var etag: String?
    var nextFetchAt: Date
    var lastAttemptAt: Date?
    var lastOutcome: String?
    var lastDetail: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One group a followed directory lists, and whether it reached this registry or is held, and why.
struct FollowedGroupRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "followedGroup"
    var followId: Int64
    var groupId: String
    var groupRow: Int64?
    /// The feed seq the directory listed when this registry last took the group from it.
    var listedSeq: Int64
    var held: String?
    var seenAt: Date
}

/// A registry that asked to be told when a network's directory changes: pinged at `callback` with the directory's
/// address, which it then fetches and checks itself.
struct DirectorySubscriberRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "directorySubscriber"
    var networkId: Int64
    var callback: String
    /// The directory's address as the subscriber follows it, sent back in every ping.
    var directory: String
    var createdAt: Date
    /// The directory seq the last ping announced.
    var pingedSeq: Int64?
    var pingedAt: Date?
    var lastResult: String?
}
