import ChorusFeed
import Foundation
import GRDB

/// The entries of a network's signed directory, from what the network lists now (`directoryListing`): three
/// indexed queries for the whole network, whatever its size, and no feed bytes read.
enum NetworkDirectoryRequest {
    static func entries(_ db: Database, network: Int64, tierNames: [String: String]) throws -> [NetworkDirectory.Entry] {
        var changed: [Int64: Date] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT groupRow, MAX(at) FROM directoryChange WHERE networkId = ? GROUP BY groupRow",
                                    arguments: [network]) {
            changed[row[0]] = row[1]
        }
        var pinned: [Int64: NetworkDirectory.ListedKey] = [:]
        var announced: [Int64: NetworkDirectory.ListedKey] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT k.groupRow, k.keyId, k.publicKey, k.status FROM directoryListing l
            JOIN groupKey k ON k.groupRow = l.groupRow AND k.status IN ('pinned', 'announced')
            WHERE l.networkId = ? ORDER BY k.id
            """, arguments: [network]) {
            let key = NetworkDirectory.ListedKey(id: row[1], base64: row[2])
            if row[3] == KeyStatus.pinned.rawValue { pinned[row[0]] = key } else { announced[row[0]] = key }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT l.groupRow, l.groupId, l.title, l.tier, l.stale, l.since, g.feedURL, g.hostedHere, s.seq, s.digest, s.expires
            FROM directoryListing l
            JOIN feedGroup g ON g.id = l.groupRow
            JOIN snapshot s ON s.id = l.snapshotId
            WHERE l.networkId = ?
            ORDER BY l.groupId
            """, arguments: [network])
        return rows.compactMap { row -> NetworkDirectory.Entry? in
            let groupRow: Int64 = row[0]
            // A listed group always has a pinned key; one caught between a revocation and its reconciliation is left out.
            guard let key = pinned[groupRow] else { return nil }
            let groupId: String = row[1]
            let since: Date = row[5]
            let tier: String? = row[3]
            let hosted: Bool = row[7]
            let seq: Int64 = row[8]
            return NetworkDirectory.Entry(
                groupId: groupId, title: row[2], updated: changed[groupRow] ?? since, listedSince: since,
                tier: tier, tierName: tier.flatMap { tierNames[$0] }, stale: row[4],
                feed: NetworkDirectory.FeedReference(origin: hosted ? nil : row[6], mirror: "/mirror/\(PublicAddress.segment(groupId))/feed.xml",
                                                     seq: UInt64(seq), sha256: row[9], expires: row[10]),
                key: key, nextKey: announced[groupRow])
        }
    }
}
