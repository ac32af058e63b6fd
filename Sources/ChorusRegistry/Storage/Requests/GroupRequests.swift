import Foundation
import ChorusFeed
import GRDB

extension GroupKeyRecord {
    /// A group's keys in one state, newest first.
    static func of(_ groupRow: Int64, _ status: KeyStatus) -> QueryInterfaceRequest<GroupKeyRecord> {
        filter(Column("groupRow") == groupRow && Column("status") == status).order(Column("id").desc)
    }

    /// The newest key of a group in one state, parsed.
    static func key(of groupRow: Int64, _ status: KeyStatus, _ db: Database) throws -> MinisignPublicKey? {
        try of(groupRow, status).fetchOne(db).flatMap { try? MinisignPublicKey(base64: $0.publicKey) }
    }
}

extension SnapshotRecord {
    /// A group's newest accepted snapshot.
    static func latest(of groupRow: Int64) -> QueryInterfaceRequest<SnapshotRecord> {
        filter(Column("groupRow") == groupRow).order(Column("seq").desc).limit(1)
    }
}

extension MembershipRecord {
    static func of(network: Int64, groupRow: Int64) -> QueryInterfaceRequest<MembershipRecord> {
        filter(Column("networkId") == network && Column("groupRow") == groupRow)
    }

    /// The memberships of a group that have not been removed.
    static func current(of groupRow: Int64) -> QueryInterfaceRequest<MembershipRecord> {
        filter(Column("groupRow") == groupRow && Column("status") != MembershipStatus.removed)
    }
}

extension VerdictRecord {
    /// The verdict in force for one membership.
    static func current(network: Int64, groupRow: Int64) -> QueryInterfaceRequest<VerdictRecord> {
        filter(Column("networkId") == network && Column("groupRow") == groupRow && Column("current") == true)
    }
}

extension MembershipRecord {
    /// A group's membership of a network, with the group, or `notFound` when the group is not enrolled there.
    static func find(_ db: Database, network: Network, groupId: String) throws -> (MembershipRecord, GroupRecord) {
        guard let group = try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db),
              let membership = try of(network: network.id!, groupRow: group.id!).fetchOne(db) else {
            throw RegistryError.notFound(.membership(groupId: groupId, network: network.slug))
        }
        return (membership, group)
    }
}

/// A group's newest snapshot without its bytes, as an admin's list shows it.
struct SnapshotSummaryRow: Decodable, FetchableRecord {
    var seq: Int64
    var expires: Date
    var fetchedAt: Date
    var via: Arrival
    var keyId: String

    static func latest(_ db: Database, groupRow: Int64) throws -> Self? {
        try fetchOne(db, literal: "SELECT seq, expires, fetchedAt, via, keyId FROM snapshot WHERE groupRow = \(groupRow) ORDER BY seq DESC LIMIT 1")
    }
}

/// The verdict in force for one membership, with its charter's version.
struct CurrentVerdictRow: Decodable, FetchableRecord {
    var verdict: Data
    var evaluatedAt: Date
    var version: String

    static func of(_ db: Database, network: Int64, groupRow: Int64) throws -> Self? {
        try fetchOne(db, literal: """
            SELECT v.verdict, v.evaluatedAt, c.version FROM verdict v JOIN charter c ON c.id = v.charterId
            WHERE v.networkId = \(network) AND v.groupRow = \(groupRow) AND v.current = 1
            """)
    }
}
