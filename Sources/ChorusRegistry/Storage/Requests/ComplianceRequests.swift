import Foundation
import GRDB

/// One member of a network as the compliance dashboard reads it: membership, harvest state, current verdict,
/// the expiry of its newest snapshot and its last harvest attempt.
struct MemberComplianceRow: Decodable, FetchableRecord {
    var groupId: String
    var title: String?
    var harvestState: HarvestState
    var harvestReason: String?
    var membership: MembershipStatus
    var verdict: Data?
    var evaluatedAt: Date?
    var expires: Date?
    var lastOutcome: HarvestOutcome?
    var lastCode: String?
    var lastDetail: String?
    var lastHarvestAt: Date?

    /// Every member that has not been removed, by title.
    static func all(_ db: Database, network: Network) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT g.groupId, g.title, g.harvestState, g.harvestReason, m.status AS membership, v.verdict, v.evaluatedAt,
                   (SELECT expires FROM snapshot s WHERE s.groupRow = g.id ORDER BY seq DESC LIMIT 1) AS expires,
                   a.outcome AS lastOutcome, a.code AS lastCode, a.detail AS lastDetail, a.at AS lastHarvestAt
            FROM membership m JOIN feedGroup g ON g.id = m.groupRow
            LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = m.groupRow AND v.current = 1 AND v.charterId = \(network.charterId)
            LEFT JOIN harvestAttempt a ON a.id = (SELECT MAX(id) FROM harvestAttempt WHERE groupRow = g.id)
            WHERE m.networkId = \(network.id!) AND m.status != \(MembershipStatus.removed)
            ORDER BY COALESCE(g.title, g.groupId)
            """)
    }
}

/// One verdict of a membership's history, with the charter version it was judged against.
struct VerdictHistoryRow: Decodable, FetchableRecord {
    var verdict: Data
    var evaluatedAt: Date
    var current: Bool
    var version: String

    /// The newest fifty, newest first.
    static func recent(_ db: Database, network: Int64, groupRow: Int64) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT v.verdict, v.evaluatedAt, v.current, c.version FROM verdict v JOIN charter c ON c.id = v.charterId
            WHERE v.networkId = \(network) AND v.groupRow = \(groupRow) ORDER BY v.id DESC LIMIT 50
            """)
    }
}

/// The newest snapshot of every member of a network that has not been removed: what a new charter judges.
struct MemberSnapshotRow: Decodable, FetchableRecord {
    var snapshotId: Int64
    var groupRow: Int64
    var bytes: Data

    static func all(_ db: Database, network: Int64) throws -> [Self] {
        try fetchAll(db, literal: """
            SELECT s.id AS snapshotId, s.groupRow, s.bytes FROM membership m
            JOIN snapshot s ON s.groupRow = m.groupRow
            WHERE m.networkId = \(network) AND m.status != \(MembershipStatus.removed)
              AND s.seq = (SELECT MAX(seq) FROM snapshot WHERE groupRow = m.groupRow)
            """)
    }
}

extension Network {
    /// The networks with a charter that a group belongs to (removed memberships aside).
    static func judging(_ db: Database, groupRow: Int64) throws -> [Network] {
        try fetchAll(db, literal: """
            SELECT n.* FROM network n JOIN membership m ON m.networkId = n.id
            WHERE m.groupRow = \(groupRow) AND m.status != \(MembershipStatus.removed) AND n.charterId IS NOT NULL
            """)
    }
}
