import ChorusFeed
@testable import ChorusRegistry
import Foundation
import GRDB

/// The directory search as it was answered from SQLite before the read model, kept as the reference the read
/// model must agree with. Only change: points are read with the exact coordinates of their place, not the R*Tree's
/// 32-bit copies.
struct ReferenceSearch {
    let directory: Directory
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
                let places = try PlaceSearch.places(db, named: name)
                guard let first = places.first else { results.unknownPlace = name; return results }
                if places.count > 1 { results.choices = places; return results }
                results.place = first
                area = first
                if let latitude = first.latitude, let longitude = first.longitude { centre = (latitude, longitude) }
            } else if let latitude = query.latitude, let longitude = query.longitude {
                centre = (latitude, longitude)
                results.place = DirectoryPlace(name: "your location", region: nil, country: "", latitude: latitude, longitude: longitude,
                                               kind: .coordinates, timeZone: nil, label: "")
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

    private func groupConditions(_ column: String) throws -> (sql: String, arguments: StatementArguments) {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        var membership: SQL = """
            EXISTS (SELECT 1 FROM membership m \(Listing.joins)
            WHERE m.groupRow = \(sql: column) AND \(Listing.condition(listedOnly: query.listedOnly))
            """
        if let network = query.network { membership += " AND n.slug = \(network)" }
        if let tier = query.tier { membership += " AND v.tier = \(tier)" }
        let (membershipSQL, membershipArguments) = try membership.build(db)
        clauses.append(membershipSQL + ")")
        arguments += membershipArguments
        clauses.append("NOT EXISTS (SELECT 1 FROM directoryFacet WHERE facet = ? AND groupRow = \(column))")
        arguments += ["status:\(ActivityStatus.closed.rawValue)"]
        for facet in facets {
            clauses.append("EXISTS (SELECT 1 FROM directoryFacet WHERE facet = ? AND groupRow = \(column))")
            arguments += [facet]
        }
        if let match = query.text.flatMap(Self.ftsQuery) {
            clauses.append("\(column) IN (SELECT rowid FROM directoryText WHERE directoryText MATCH ?)")
            arguments += [match]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    private var facets: [String] {
        var facets: [String] = []
        if let mode = query.mode { facets.append("mode:\(mode.rawValue)") }
        if let audience = query.audience { facets.append("audience:\(audience.rawValue)") }
        if let language = query.language { facets.append("language:\(DirectoryFacets.primaryLanguage(language))") }
        facets += query.accessibility.map { "access:\($0.rawValue)" }
        if query.freeOnly { facets.append("free") }
        return facets
    }

    /// Conditions on one occurrence row, every value bound.
    private func occurrenceConditions(_ alias: String) -> (sql: String, arguments: StatementArguments) {
        var clauses = ["\(alias).cancelled = 0", "\(alias).start >= ?", "\(alias).\"end\" > ?", "\(alias).start < ?"]
        var arguments: StatementArguments = [nowSeconds - DirectoryQuery.underWaySeconds, nowSeconds, untilSeconds]
        if !query.days.isEmpty {
            clauses.append("\(alias).weekday IN (\(Array(repeating: "?", count: query.days.count).joined(separator: ",")))")
            arguments += StatementArguments(query.days.sorted())
        }
        if let minutes = query.startMinutes {
            clauses.append("\(alias).minute BETWEEN ? AND ?")
            arguments += [minutes.lowerBound, minutes.upperBound]
        }
        if let mode = query.mode {
            let modes: [AttendanceMode] = mode == .hybrid ? [.hybrid] : [mode, .hybrid]
            clauses.append("\(alias).mode IN (\(Array(repeating: "?", count: modes.count).joined(separator: ",")))")
            arguments += StatementArguments(modes.map(\.rawValue))
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    private var needsOccurrence: Bool { query.hasOccurrenceConditions }

    /// Words become prefix terms that must all appear; FTS syntax in the input has no effect.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split { !$0.isLetter && !$0.isNumber }.prefix(8).map { "\"\($0)\"*" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    // MARK: Strategies

    /// Candidates come from the R*Tree (and, for a named place, from the areas that carry its name), are ranked by
    /// distance in memory, and are checked against the filters lazily, nearest first, until the page is full.
    private func near(centre: (Double, Double)?, area: DirectoryPlace?) throws -> [Ranked] {
        struct Candidate {
            var rank: Double
            var distance: Double?
            var bestPlace: Int64
            var bestWithheld: Bool
        }
        var candidates: [Int64: Candidate] = [:]
        func consider(groupRow: Int64, place: Int64, withheld: Bool, distance: Double?) {
            let rank = distance ?? 0
            var entry = candidates[groupRow] ?? Candidate(rank: .infinity, distance: nil, bestPlace: place, bestWithheld: withheld)
            if !withheld, let distance, distance < (entry.distance ?? .infinity) { entry.distance = distance }
            if rank < entry.rank { entry.rank = rank; entry.bestPlace = place; entry.bestWithheld = withheld }
            candidates[groupRow] = entry
        }
        if let centre {
            let box = Distance.box(latitude: centre.0, longitude: centre.1, kilometres: query.radiusKm)
            let rows = try Row.fetchCursor(db, literal: """
                SELECT r.id, CASE WHEN p.withheld THEN p.areaLatitude ELSE p.latitude END,
                       CASE WHEN p.withheld THEN p.areaLongitude ELSE p.longitude END, r.groupRow, r.withheld
                FROM directoryPoint r JOIN directoryPlace p ON p.id = r.id
                WHERE r.maxLatitude >= \(box.minLat) AND r.minLatitude <= \(box.maxLat) AND r.maxLongitude >= \(box.minLon) AND r.minLongitude <= \(box.maxLon)
                """)
            while let row = try rows.next() {
                let distance = Distance.kilometres(centre.0, centre.1, row[1], row[2])
                let latitude: Double = row[1], longitude: Double = row[2]
                guard latitude >= box.minLat, latitude <= box.maxLat, longitude >= box.minLon, longitude <= box.maxLon else { continue }
                guard distance <= query.radiusKm else { continue }
                consider(groupRow: row[3], place: row[0], withheld: row[4], distance: distance)
            }
        }
        if let area, area.kind != .coordinates {
            let column = area.kind.keyColumn
            // Venues with a point were found by distance above; the name adds the areas that have none.
            let pointless = centre == nil ? "" : "AND latitude IS NULL AND areaLatitude IS NULL"
            let rows = try Row.fetchCursor(db, sql: "SELECT id, groupRow, withheld FROM directoryPlace WHERE \(column) = ? AND country = ? \(pointless)",
                                           arguments: [PlaceName.key(area.name), area.country])
            while let row = try rows.next() { consider(groupRow: row[1], place: row[0], withheld: row[2], distance: nil) }
        }
        let ordered = candidates.sorted { ($0.value.rank, $0.key) < ($1.value.rank, $1.key) }
        let conditions = try groupConditions("d.groupRow")
        let check = try db.cachedStatement(sql: "SELECT 1 FROM directoryGroup d WHERE d.groupRow = ? AND \(conditions.sql)")
        var ranked: [Ranked] = []
        var index = 0
        while index < ordered.count && ranked.count < wanted {
            var block: [Ranked] = []
            let rank = ordered[index].value.rank
            while index < ordered.count && ordered[index].value.rank == rank {
                let (groupRow, candidate) = ordered[index]
                index += 1
                guard try Int.fetchOne(check, arguments: StatementArguments([groupRow]) + conditions.arguments) != nil else { continue }
                let next = try nextOccurrence(of: groupRow)
                if next == nil && needsOccurrence { continue }
                var withheldArea: String?
                if candidate.bestWithheld, let row = try Row.fetchOne(db, sql: "SELECT locality, region, country FROM directoryPlace WHERE id = ?",
                                                                      arguments: [candidate.bestPlace]) {
                    withheldArea = [row["locality"], row["region"], row["country"]].compactMap { $0 as String? }.joined(separator: ", ")
                }
                block.append(Ranked(groupRow: groupRow, rankDistance: rank, distanceKm: candidate.distance, withheldArea: withheldArea, next: next))
            }
            ranked += block.sorted { ($0.next?.start ?? .max, $0.groupRow) < ($1.next?.start ?? .max, $1.groupRow) }
        }
        return ranked
    }

    /// Text or network searches often match few groups: rank those directly. Nil when more than 300 match, where
    /// walking the coming occurrences in time order finds a page sooner.
    private func boundedCandidates() throws -> [Ranked]? {
        let candidates: [Int64]
        if let match = query.text.flatMap(Self.ftsQuery) {
            candidates = try DirectoryStatements.matching(db, match, limit: 301)
        } else if let network = query.network {
            candidates = try Int64.fetchAll(db, literal: """
                SELECT m.groupRow FROM membership m JOIN network n ON n.id = m.networkId
                WHERE n.slug = \(network) AND m.status = \(MembershipStatus.active) LIMIT 301
                """)
        } else {
            return nil
        }
        guard candidates.count <= 300 else { return nil }
        let conditions = try groupConditions("d.groupRow")
        let check = try db.cachedStatement(sql: "SELECT 1 FROM directoryGroup d WHERE d.groupRow = ? AND \(conditions.sql)")
        var ranked: [Ranked] = []
        for groupRow in candidates {
            guard try Int.fetchOne(check, arguments: StatementArguments([groupRow]) + conditions.arguments) != nil else { continue }
            let next = try nextOccurrence(of: groupRow)
            if next == nil && needsOccurrence { continue }
            ranked.append(Ranked(groupRow: groupRow, next: next))
        }
        return ranked.sorted { ($0.next?.start ?? .max, $0.groupRow) < ($1.next?.start ?? .max, $1.groupRow) }
    }

    private func inTimeOrder() throws -> [Ranked] {
        let conditions = try groupConditions("o.groupRow")
        let occurring = occurrenceConditions("o")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT o.groupRow, o.start, o.end, o.meetingKey FROM occurrence o INDEXED BY occurrence_upcoming
            WHERE \(occurring.sql) AND \(conditions.sql) ORDER BY o.start, o.groupRow, o.meetingKey
            """, arguments: occurring.arguments + conditions.arguments)
        var seen: Set<Int64> = []
        var ranked: [Ranked] = []
        while ranked.count < wanted, let row = try rows.next() {
            let groupRow: Int64 = row["groupRow"]
            guard seen.insert(groupRow).inserted else { continue }
            ranked.append(Ranked(groupRow: groupRow, next: NextOccurrence(meetingKey: row["meetingKey"], start: row["start"], end: row["end"])))
        }
        if ranked.count < wanted && !needsOccurrence {
            let others = try groupConditions("d.groupRow")
            let exclude = seen.isEmpty ? "" : "AND d.groupRow NOT IN (\(seen.map(String.init).joined(separator: ",")))"
            for groupRow in try Int64.fetchAll(db, sql: """
                SELECT d.groupRow FROM directoryGroup d WHERE \(others.sql) \(exclude) ORDER BY d.title, d.groupRow LIMIT ?
                """, arguments: others.arguments + [wanted - ranked.count]) {
                ranked.append(Ranked(groupRow: groupRow))
            }
        }
        return ranked
    }

    private func nextOccurrence(of groupRow: Int64) throws -> NextOccurrence? {
        let occurring = occurrenceConditions("o")
        return try Row.fetchOne(db, sql: """
            SELECT o.meetingKey, o.start, o.end FROM occurrence o WHERE o.groupRow = ? AND \(occurring.sql)
            ORDER BY o.start, o.meetingKey LIMIT 1
            """, arguments: StatementArguments([groupRow]) + occurring.arguments).map { NextOccurrence(meetingKey: $0["meetingKey"], start: $0["start"], end: $0["end"]) }
    }

    // MARK: Hits

    private func hit(_ entry: Ranked) throws -> DirectoryHit {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT g.groupId, d.title, d.summary, d.language, d.area, d.modes, d.free, d.status, d.meetings, d.notices, d.restriction
            FROM directoryGroup d JOIN feedGroup g ON g.id = d.groupRow WHERE d.groupRow = ?
            """), arguments: [entry.groupRow]) else {
            throw RegistryError.storage("group row \(entry.groupRow) is missing from the directory")
        }
        var next: DirectoryHit.Next?
        if let occurrence = entry.next, let meeting = DirectoryCard.meeting(occurrence.meetingKey, in: row["meetings"]) {
            next = .init(meetingId: occurrence.meetingKey, meetingTitle: meeting.title, mode: meeting.mode,
                         start: Date(timeIntervalSince1970: TimeInterval(occurrence.start)),
                         end: Date(timeIntervalSince1970: TimeInterval(occurrence.end)), timeZone: meeting.timeZone)
        }
        var notices: [PublicGroup.Notice] = []
        if let data = row["notices"] as Data? {
            notices = CurrentNotices.of(try DirectoryCoding.decoder.decode([PublicGroup.Notice].self, from: data), now: now)
        }
        let modes: String = row["modes"]
        let restriction = DirectoryCard.restriction(row["restriction"])
        return DirectoryHit(
            groupId: row["groupId"], title: row["title"], summary: row["summary"], language: row["language"],
            distanceKm: entry.distanceKm.map { ($0 * 10).rounded() / 10 }, withheldArea: entry.withheldArea, area: row["area"],
            modes: modes.split(separator: ",").compactMap { AttendanceMode(rawValue: String($0)) }, free: row["free"], status: ActivityStatus(rawValue: row["status"]) ?? .active,
            restriction: restriction?.sentence, restrictionReason: restriction?.reason, next: next,
            listings: try directory.listings(db, groupRow: entry.groupRow, listedOnly: query.listedOnly),
            notices: notices)
    }
}
