import Foundation
import GRDB

/// One search over the index. Near a place it starts from the R*Tree; with a selective text or network filter,
/// from those groups; otherwise it walks the coming occurrences in time order and stops once the page is full.
struct DirectorySearch {
    let registry: Registry
    let db: Database
    let query: DirectoryQuery
    let now: Date

    struct Ranked {
        var groupRow: Int64
        var rankDistance: Double?
        var distanceKm: Double?
        var withheldArea: String?
        var next: NextOccurrence?
    }

    struct NextOccurrence {
        var meetingKey: String
        var start: Int64
        var end: Int64
    }

    private var wanted: Int { query.offset + query.limit + 1 }
    private var nowSeconds: Int64 { Int64(now.timeIntervalSince1970) }
    private var untilSeconds: Int64 {
        let window = nowSeconds + Int64(Occurrences.window)
        guard let hours = query.withinHours else { return window }
        return min(window, nowSeconds + Int64(hours) * 3600)
    }

    func run() throws -> DirectoryResults {
        var results = DirectoryResults(offset: query.offset)
        var ranked: [Ranked]
        if query.isNearSearch {
            var centre: (Double, Double)?
            var area: DirectoryPlace?
            if let name = query.place {
                let places = try registry.places(db, named: name)
                guard let first = places.first else { results.unknownPlace = name; return results }
                if places.count > 1 { results.choices = places; return results }
                results.place = first
                area = first
                if let latitude = first.latitude, let longitude = first.longitude { centre = (latitude, longitude) }
            } else if let latitude = query.latitude, let longitude = query.longitude {
                centre = (latitude, longitude)
                results.place = DirectoryPlace(name: "your location", region: nil, country: "", latitude: latitude, longitude: longitude,
                                               kind: "coordinates", timeZone: nil, label: "")
            }
            ranked = try near(centre: centre, area: area)
        } else if query.text != nil || query.network != nil, let bounded = try boundedCandidates() {
            ranked = bounded
        } else {
            ranked = try inTimeOrder()
        }
        results.hasMore = ranked.count > query.offset + query.limit
        results.hits = try ranked.dropFirst(query.offset).prefix(query.limit).map(hit)
        return results
    }

    // MARK: Conditions

    private func groupConditions(_ column: String) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        var membership = """
            EXISTS (SELECT 1 FROM membership m JOIN network n ON n.id = m.networkId
            LEFT JOIN verdict v ON v.networkId = m.networkId AND v.groupRow = m.groupRow AND v.current = 1
            WHERE m.groupRow = \(column) AND m.status = 'active'
            """
        if query.listedOnly { membership += " AND (n.charterId IS NULL OR v.listed = 1)" }
        if let network = query.network { membership += " AND n.slug = ?"; arguments.append(network) }
        if let tier = query.tier { membership += " AND v.tier = ?"; arguments.append(tier) }
        clauses.append(membership + ")")
        clauses.append("NOT EXISTS (SELECT 1 FROM directoryFacet WHERE facet = 'status:closed' AND groupRow = \(column))")
        for facet in facets {
            clauses.append("EXISTS (SELECT 1 FROM directoryFacet WHERE facet = ? AND groupRow = \(column))")
            arguments.append(facet)
        }
        if let match = query.text.flatMap(Self.ftsQuery) {
            clauses.append("\(column) IN (SELECT rowid FROM directoryText WHERE directoryText MATCH ?)")
            arguments.append(match)
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    private var facets: [String] {
        var facets: [String] = []
        if let mode = query.mode { facets.append("mode:\(mode)") }
        if let audience = query.audience { facets.append("audience:\(audience)") }
        if let language = query.language { facets.append("language:\(DirectoryFacets.primaryLanguage(language))") }
        facets += query.accessibility.map { "access:\($0)" }
        if query.freeOnly { facets.append("free") }
        return facets
    }

    private func occurrenceConditions(_ alias: String) -> String {
        var clauses = ["\(alias).cancelled = 0", "\(alias).start >= \(nowSeconds)", "\(alias).start < \(untilSeconds)"]
        if !query.days.isEmpty { clauses.append("\(alias).weekday IN (\(query.days.sorted().map(String.init).joined(separator: ",")))") }
        if let minutes = query.startMinutes { clauses.append("\(alias).minute BETWEEN \(minutes.lowerBound) AND \(minutes.upperBound)") }
        if let mode = query.mode {
            let modes = mode == "hybrid" ? ["hybrid"] : [mode, "hybrid"]
            clauses.append("\(alias).mode IN (\(modes.map { "'\($0)'" }.joined(separator: ",")))")
        }
        return clauses.joined(separator: " AND ")
    }

    private var needsOccurrence: Bool { query.hasOccurrenceConditions }

    /// Words become prefix terms that must all appear; FTS syntax in the input has no effect.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split { !$0.isLetter && !$0.isNumber }.prefix(8).map { "\"\($0)\"*" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    // MARK: Strategies

    private func near(centre: (Double, Double)?, area: DirectoryPlace?) throws -> [Ranked] {
        let conditions = groupConditions("p.groupRow")
        var best: [Int64: Ranked] = [:]
        func consider(_ row: Row, matchedByName: Bool) {
            let groupRow: Int64 = row["groupRow"]
            let withheld: Bool = row["withheld"]
            var distance: Double?
            if let centre, let latitude = row["lat"] as Double?, let longitude = row["lon"] as Double? {
                distance = Distance.kilometres(centre.0, centre.1, latitude, longitude)
            }
            guard matchedByName || (distance ?? .infinity) <= query.radiusKm else { return }
            let rank = distance ?? 0
            let areaName = [row["locality"], row["region"], row["country"]].compactMap { $0 as String? }.joined(separator: ", ")
            var entry = best[groupRow] ?? Ranked(groupRow: groupRow)
            if !withheld, let distance, distance < (entry.distanceKm ?? .infinity) { entry.distanceKm = distance }
            if rank < (entry.rankDistance ?? .infinity) {
                entry.rankDistance = rank
                entry.withheldArea = withheld ? areaName : nil
            }
            best[groupRow] = entry
        }
        let columns = """
            p.groupRow, p.withheld, COALESCE(p.latitude, p.areaLatitude) AS lat, COALESCE(p.longitude, p.areaLongitude) AS lon,
            p.locality, p.region, p.country
            """
        if let centre {
            let box = Distance.box(latitude: centre.0, longitude: centre.1, kilometres: query.radiusKm)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(columns) FROM directoryPoint r JOIN directoryPlace p ON p.id = r.id
                WHERE r.maxLatitude >= ? AND r.minLatitude <= ? AND r.maxLongitude >= ? AND r.minLongitude <= ? AND \(conditions.sql)
                """, arguments: StatementArguments([box.minLat, box.maxLat, box.minLon, box.maxLon] + conditions.arguments))
            while let row = try rows.next() { consider(row, matchedByName: false) }
        }
        if let area, area.kind != "coordinates" {
            let column = ["locality": "localityKey", "region": "regionKey", "postcode": "postcodeKey"][area.kind] ?? "localityKey"
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(columns) FROM directoryPlace p WHERE p.\(column) = ? AND p.country = ? AND \(conditions.sql)
                """, arguments: StatementArguments([PlaceName.key(area.name), area.country] + conditions.arguments))
            while let row = try rows.next() { consider(row, matchedByName: true) }
        }
        var ranked: [Ranked] = []
        for var entry in best.values {
            entry.next = try nextOccurrence(of: entry.groupRow)
            if entry.next == nil && needsOccurrence { continue }
            ranked.append(entry)
        }
        return ranked.sorted { a, b in
            if a.rankDistance != b.rankDistance { return (a.rankDistance ?? .infinity) < (b.rankDistance ?? .infinity) }
            return (a.next?.start ?? .max, a.groupRow) < (b.next?.start ?? .max, b.groupRow)
        }
    }

    /// Text or network searches usually match few groups: rank those directly. Nil when there are too many.
    private func boundedCandidates() throws -> [Ranked]? {
        let conditions = groupConditions("d.groupRow")
        let rows = try Int64.fetchAll(db, sql: "SELECT d.groupRow FROM directoryGroup d WHERE \(conditions.sql) LIMIT 3001",
                                      arguments: StatementArguments(conditions.arguments))
        guard rows.count <= 3000 else { return nil }
        var ranked: [Ranked] = []
        for groupRow in rows {
            let next = try nextOccurrence(of: groupRow)
            if next == nil && needsOccurrence { continue }
            ranked.append(Ranked(groupRow: groupRow, next: next))
        }
        return ranked.sorted { ($0.next?.start ?? .max, $0.groupRow) < ($1.next?.start ?? .max, $1.groupRow) }
    }

    private func inTimeOrder() throws -> [Ranked] {
        let conditions = groupConditions("o.groupRow")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT o.groupRow, o.start, o.end, o.meetingKey FROM occurrence o INDEXED BY occurrence_upcoming
            WHERE \(occurrenceConditions("o")) AND \(conditions.sql) ORDER BY o.start
            """, arguments: StatementArguments(conditions.arguments))
        var seen: Set<Int64> = []
        var ranked: [Ranked] = []
        while ranked.count < wanted, let row = try rows.next() {
            let groupRow: Int64 = row["groupRow"]
            guard seen.insert(groupRow).inserted else { continue }
            ranked.append(Ranked(groupRow: groupRow, next: NextOccurrence(meetingKey: row["meetingKey"], start: row["start"], end: row["end"])))
        }
        if ranked.count < wanted && !needsOccurrence {
            let others = groupConditions("d.groupRow")
            let exclude = seen.isEmpty ? "" : "AND d.groupRow NOT IN (\(seen.map(String.init).joined(separator: ",")))"
            for groupRow in try Int64.fetchAll(db, sql: """
                SELECT d.groupRow FROM directoryGroup d WHERE \(others.sql) \(exclude) ORDER BY d.title LIMIT ?
                """, arguments: StatementArguments(others.arguments + [wanted - ranked.count])) {
                ranked.append(Ranked(groupRow: groupRow))
            }
        }
        return ranked
    }

    private func nextOccurrence(of groupRow: Int64) throws -> NextOccurrence? {
        try Row.fetchOne(db, sql: """
            SELECT o.meetingKey, o.start, o.end FROM occurrence o WHERE o.groupRow = ? AND \(occurrenceConditions("o"))
            ORDER BY o.start LIMIT 1
            """, arguments: [groupRow]).map { NextOccurrence(meetingKey: $0["meetingKey"], start: $0["start"], end: $0["end"]) }
    }

    // MARK: Hits

    private func hit(_ entry: Ranked) throws -> DirectoryHit {
        guard let data = try Data.fetchOne(db, sql: "SELECT document FROM directoryGroup WHERE groupRow = ?", arguments: [entry.groupRow]) else {
            throw RegistryError.storage("group row \(entry.groupRow) is missing from the directory")
        }
        let group = try DirectoryCoding.decoder.decode(PublicGroup.self, from: data)
        var next: DirectoryHit.Next?
        if let occurrence = entry.next, let meeting = group.meetings.first(where: { $0.id == occurrence.meetingKey }) {
            next = .init(meetingId: meeting.id, meetingTitle: meeting.title, mode: meeting.mode,
                         start: Date(timeIntervalSince1970: TimeInterval(occurrence.start)),
                         end: Date(timeIntervalSince1970: TimeInterval(occurrence.end)), timeZone: meeting.timeZone)
        }
        let summary = group.summary.count > 280 ? String(group.summary.prefix(277)) + "…" : group.summary
        return DirectoryHit(
            groupId: group.groupId, title: group.title, summary: summary, language: group.language,
            distanceKm: entry.distanceKm.map { ($0 * 10).rounded() / 10 }, withheldArea: entry.withheldArea,
            area: group.places.first(where: { $0.setting != "online" })?.area,
            modes: Array(Set(group.meetings.map(\.mode))).sorted(), free: group.fee.kind != "fee", status: group.status,
            next: next, listings: try DirectoryListings(registry: registry, db: db).of(groupRow: entry.groupRow, listedOnly: query.listedOnly),
            notices: CurrentNotices.of(group, now: now))
    }
}

/// Notices still worth showing: changes to a coming date, and announcements from the last 60 days.
public enum CurrentNotices {
    public static func of(_ group: PublicGroup, now: Date) -> [PublicGroup.Notice] {
        let yesterday = ISO8601DateFormatter.string(from: now.addingTimeInterval(-86_400), timeZone: .gmt, formatOptions: [.withFullDate])
        return group.notices.filter { notice in
            if let date = notice.date { return date >= yesterday }
            return notice.updated > now.addingTimeInterval(-60 * 86_400)
        }
    }
}
