import Foundation
import GRDB

extension Registry {
    /// Each network with the number of groups it lists publicly.
    public func directoryNetworks() throws -> [(network: Network, listed: Int)] {
        try pool.read { db in
            try Network.fetchAll(db, sql: "SELECT * FROM network ORDER BY name").map { network in
                let listed = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM membership m LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = m.groupRow AND v.current = 1
                    WHERE m.networkId = ? AND m.status = 'active' AND (? IS NULL OR v.listed = 1)
                    """, arguments: [network.id!, network.charterId]) ?? 0
                return (network, listed)
            }
        }
    }

    /// The languages groups in the directory meet in (primary subtags), for the search form; kept for a minute.
    public func directoryLanguages() throws -> [String] {
        if let cached = directoryCache.languages(now: now) { return cached }
        let languages = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT facet FROM directoryFacet WHERE facet >= 'language:' AND facet < 'language;'")
                .map { String($0.dropFirst("language:".count)) }
        }
        directoryCache.store(languages: languages, now: now)
        return languages
    }

    /// The area (locality, region, country) of each group's first venue.
    public func directoryAreas(groupIds: [String]) throws -> [String: String] {
        try pool.read { db in
            var areas: [String: String] = [:]
            for groupId in groupIds {
                guard let row = try Row.fetchOne(db, sql: """
                    SELECT p.locality, p.region, p.country FROM directoryPlace p JOIN feedGroup g ON g.id = p.groupRow
                    WHERE g.groupId = ? ORDER BY p.id LIMIT 1
                    """, arguments: [groupId]) else { continue }
                areas[groupId] = [row["locality"], row["region"], row["country"]].compactMap { $0 as String? }.joined(separator: ", ")
            }
            return areas
        }
    }
}

/// Small answers that change rarely and are asked on every search page.
final class DirectoryCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cachedLanguages: (at: Date, value: [String])?

    func languages(now: Date) -> [String]? {
        lock.withLock { cachedLanguages.flatMap { now.timeIntervalSince($0.at) < 60 ? $0.value : nil } }
    }

    func store(languages: [String], now: Date) {
        lock.withLock { cachedLanguages = (now, languages) }
    }
}
