import ChorusFeed
import Foundation
import GRDB

/// Reads groups from the index stage's tables into `IndexedGroup`s: every group, or the ones named, in a few
/// statements per batch rather than a few per group.
struct IndexedGroupLoading {
    let judge: Judge

    /// Every indexed group, or those of `rows` (a row missing from the answer has left the index).
    func load(_ db: Database, rows: [Int64]?) throws -> [Int64: IndexedGroup] {
        guard let rows else { return try loadBatch(db, scope: nil) }
        var groups: [Int64: IndexedGroup] = [:]
        for start in stride(from: 0, to: rows.count, by: 500) {
            let batch = rows[start..<min(start + 500, rows.count)]
            groups.merge(try loadBatch(db, scope: batch.map(String.init).joined(separator: ",")), uniquingKeysWith: { $1 })
        }
        return groups
    }

    private func loadBatch(_ db: Database, scope: String?) throws -> [Int64: IndexedGroup] {
        func filter(_ column: String) -> String { scope.map { "WHERE \(column) IN (\($0))" } ?? "" }
        var facets: [Int64: Set<String>] = [:]
        try Row.fetchCursor(db, sql: "SELECT groupRow, facet FROM directoryFacet \(filter("groupRow"))").forEach { row in
            facets[row[0], default: []].insert(row[1])
        }
        var places: [Int64: [IndexedGroup.Place]] = [:]
        try Row.fetchCursor(db, sql: """
            SELECT id, groupRow, withheld, latitude, longitude, areaLatitude, areaLongitude, locality, region, country,
                   localityKey, regionKey, postcodeKey FROM directoryPlace \(filter("groupRow")) ORDER BY id
            """).forEach { row in
            let withheld: Bool = row[2]
            let latitude: Double? = withheld ? row[5] : row[3]
            let longitude: Double? = withheld ? row[6] : row[4]
            let hasAnyPoint = (row[3] as Double?) != nil || (row[5] as Double?) != nil
            places[row[1], default: []].append(IndexedGroup.Place(
                id: row[0], withheld: withheld, latitude: longitude == nil ? nil : latitude, longitude: latitude == nil ? nil : longitude,
                locality: row[7], region: row[8], country: row[9], localityKey: row[10], regionKey: row[11], postcodeKey: row[12],
                pointless: !hasAnyPoint))
        }
        var occurrences: [Int64: [OccurrenceRecord]] = [:]
        try OccurrenceRecord.fetchCursor(db, sql: "SELECT * FROM occurrence \(filter("groupRow")) ORDER BY groupRow, start, meetingKey").forEach { occurrence in
            occurrences[occurrence.groupRow, default: []].append(occurrence)
        }
        var memberships: [Int64: [IndexedGroup.Membership]] = [:]
        var tiers: [String: (name: String?, description: String?)] = [:]
        try Row.fetchCursor(db, literal: """
            SELECT m.groupRow, n.slug, n.name, n.charterId, v.tier, m.status = \(MembershipStatus.active) AS active,
                   (\(Listing.isListed)) AS listed
            FROM membership m \(Listing.joins) \(sql: filter("m.groupRow")) ORDER BY n.name
            """).forEach { row in
            let active: Bool = row["active"]
            guard active else { return }
            let tier: String? = row["tier"]
            let charterId: Int64? = row["charterId"]
            var described: (name: String?, description: String?) = (nil, nil)
            if let tier, let charterId {
                let key = "\(charterId) \(tier)"
                if let known = tiers[key] {
                    described = known
                } else {
                    let found = try judge.evaluator(db, charterId: charterId).charter.tier(tier)
                    described = (found?.name, found?.description)
                    tiers[key] = described
                }
            }
            let slug: String = row["slug"]
            let name: String = row["name"]
            memberships[row["groupRow"], default: []].append(IndexedGroup.Membership(
                slug: slug, name: name, tier: tier, active: active, listed: row["listed"],
                listing: DirectoryHit.Listing(network: slug, networkName: name, tier: tier, tierName: described.name,
                                              tierDescription: described.description)))
        }
        var words: [Int64: Set<String>] = [:]
        try Row.fetchCursor(db, sql: "SELECT rowid, name, summary, places FROM directoryText \(filter("rowid"))").forEach { row in
            let text = [row[1], row[2], row[3]].compactMap { $0 as String? }.joined(separator: " ")
            words[row[0]] = Set(SearchWords.of(text))
        }
        var groups: [Int64: IndexedGroup] = [:]
        try Row.fetchCursor(db, sql: """
            SELECT d.groupRow, g.groupId, d.title, d.summary, d.language, d.area, d.modes, d.free, d.status, d.meetings, d.notices,
                   d.restriction
            FROM directoryGroup d JOIN feedGroup g ON g.id = d.groupRow \(filter("d.groupRow"))
            """).forEach { row in
            let groupRow: Int64 = row[0]
            var notices: [PublicGroup.Notice] = []
            if let data = row[10] as Data? { notices = try DirectoryCoding.decoder.decode([PublicGroup.Notice].self, from: data) }
            let meetingLines: String = row[9]
            let meetings = meetingLines.split(separator: "\n").compactMap { line -> IndexedGroup.Meeting? in
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count == 4, let mode = AttendanceMode(rawValue: String(fields[2])) else { return nil }
                return IndexedGroup.Meeting(key: String(fields[0]), title: String(fields[1]), mode: mode, timeZone: String(fields[3]))
            }
            let rows = occurrences[groupRow] ?? []
            var keys: [String] = []
            var keyIndex: [String: Int] = [:]
            let indexed = rows.map { occurrence in
                let index = keyIndex[occurrence.meetingKey] ?? {
                    keys.append(occurrence.meetingKey)
                    keyIndex[occurrence.meetingKey] = keys.count - 1
                    return keys.count - 1
                }()
                return IndexedGroup.Occurrence(start: occurrence.start, end: occurrence.end, meeting: index, weekday: occurrence.weekday,
                                               minute: occurrence.minute, mode: occurrence.mode, cancelled: occurrence.cancelled)
            }
            let modes: String = row[6]
            groups[groupRow] = IndexedGroup(
                row: groupRow, groupId: row[1], title: row[2], summary: row[3], language: row[4], area: row[5],
                modes: modes.split(separator: ",").compactMap { AttendanceMode(rawValue: String($0)) }, free: row[7],
                status: ActivityStatus(rawValue: row[8]) ?? .active, restriction: row[11], facets: facets[groupRow] ?? [], notices: notices,
                places: places[groupRow] ?? [], occurrences: indexed, meetingKeys: keys, meetings: meetings,
                memberships: memberships[groupRow] ?? [], words: words[groupRow] ?? [])
        }
        return groups
    }
}
