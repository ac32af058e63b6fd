import Foundation
import GRDB

/// The feeds the registry accepted from a group, as its networks' people see them (the verdicts on them are in the
/// group's compliance report).
public struct GroupHistory: Sendable, Codable {
    public struct Feed: Sendable, Codable {
        public let seq: Int64
        public let fetchedAt: Date
        public let expires: Date
        public let digest: String
        public let via: Arrival
        public let keyId: String
    }

    public let feeds: [Feed]
}

extension Enrolment {
    /// The group's accepted feeds, newest first. A group the network has not
    /// enrolled is not found.
    func history(network slug: String, groupId: String, limit: Int = 50) async throws -> GroupHistory {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let (_, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            let feeds = try SnapshotRecord.filter(Column("groupRow") == group.id!).order(Column("seq").desc).limit(limit).fetchAll(db).map {
                GroupHistory.Feed(seq: $0.seq, fetchedAt: $0.fetchedAt, expires: $0.expires, digest: $0.digest, via: $0.via, keyId: $0.keyId)
            }
            return GroupHistory(feeds: feeds)
        }
    }

    /// The exact bytes and signature of one accepted feed of a group the network has enrolled.
    func acceptedFeed(network slug: String, groupId: String, seq: Int64) async throws -> (bytes: Data, signature: String)? {
        try await context.database.read { db in
            let network = try tenants.network(db, slug)
            let (_, group) = try MembershipRecord.find(db, network: network, groupId: groupId)
            return try SnapshotRecord.filter(Column("groupRow") == group.id! && Column("seq") == seq).fetchOne(db).map { ($0.bytes, $0.signature) }
        }
    }
}
