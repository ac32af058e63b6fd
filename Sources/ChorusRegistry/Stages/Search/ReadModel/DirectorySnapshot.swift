import Foundation

/// The directory as the search reads it, immutable: a main part with indexes built for the queries (a timeline of
/// coming meetings, a grid of points, area names, word, facet and network postings) and a small delta of the
/// groups changed since, which the search reads directly. When the delta grows, the next refresh folds it into a
/// new main part.
struct DirectorySnapshot: Sendable {
    let main: Main
    /// Groups changed since `main` was built; nil for a group that has left the index.
    let delta: [Int64: IndexedGroup?]
    /// The delta's coming meetings, in timeline order.
    let deltaTimeline: [TimelineEntry]
    /// The `directoryTouch` sequence this snapshot has taken in.
    let seq: Int64
    /// By main slot: whether the delta holds a newer state of that group.
    private let replaced: [Bool]

    static let empty = DirectorySnapshot(main: Main(groups: [:]), seq: 0)

    init(main: Main, seq: Int64) {
        self.init(main: main, delta: [:], deltaTimeline: [], seq: seq, replaced: [])
    }

    private init(main: Main, delta: [Int64: IndexedGroup?], deltaTimeline: [TimelineEntry], seq: Int64, replaced: [Bool]) {
        self.main = main
        self.delta = delta
        self.deltaTimeline = deltaTimeline
        self.seq = seq
        self.replaced = replaced
    }

    /// This snapshot with `changed` groups replaced (nil: removed), folded into a new main part when the delta
    /// would hold more than 2% of the directory.
    func applying(_ changed: [Int64: IndexedGroup?], seq: Int64) -> DirectorySnapshot {
        var delta = self.delta
        for (row, group) in changed { delta[row] = .some(group) }
        if delta.count > max(500, main.groups.count / 50) {
            var groups = main.groups
            for (row, group) in delta { groups[row] = group }
            return DirectorySnapshot(main: Main(groups: groups), seq: seq)
        }
        let timeline = delta.values.compactMap { $0 }.flatMap { TimelineEntry.of($0, slot: -1) }.sorted()
        var replaced = self.replaced.isEmpty ? Array(repeating: false, count: main.slots.count) : self.replaced
        for row in changed.keys { if let slot = main.slotOfRow[row] { replaced[Int(slot)] = true } }
        return DirectorySnapshot(main: main, delta: delta, deltaTimeline: timeline, seq: seq, replaced: replaced)
    }

    var count: Int { main.groups.count - delta.keys.filter { main.groups[$0] != nil }.count + delta.values.compactMap { $0 }.count }

    func group(_ row: Int64) -> IndexedGroup? {
        if let changed = delta[row] { return changed }
        return main.groups[row]
    }

    /// Whether `main`'s entry for a group is out of date.
    @inline(__always) func isReplaced(_ row: Int64) -> Bool { !delta.isEmpty && delta.index(forKey: row) != nil }

    @inline(__always) private func isReplaced(slot: Int32) -> Bool { !replaced.isEmpty && replaced[Int(slot)] }

    private var deltaGroups: [IndexedGroup] { delta.values.compactMap { $0 } }

    /// Every group, in no particular order.
    func forEachGroup(_ body: (IndexedGroup) -> Void) {
        for (row, group) in main.groups where !isReplaced(row) { body(group) }
        deltaGroups.forEach(body)
    }

    /// The coming meetings that are not cancelled, from `start` on, in timeline order, until `body` returns false.
    func walkTimeline(from start: Int64, _ body: (TimelineEntry) -> Bool) {
        var mainIndex = main.timeline.firstIndex(atOrAfter: start)
        var deltaIndex = deltaTimeline.firstIndex(atOrAfter: start)
        while true {
            while mainIndex < main.timeline.count, isReplaced(slot: main.timeline[mainIndex].slot) { mainIndex += 1 }
            let fromMain = mainIndex < main.timeline.count ? main.timeline[mainIndex] : nil
            let fromDelta = deltaIndex < deltaTimeline.count ? deltaTimeline[deltaIndex] : nil
            let next: TimelineEntry
            switch (fromMain, fromDelta) {
            case (nil, nil): return
            case let (entry?, nil): next = entry; mainIndex += 1
            case let (nil, entry?): next = entry; deltaIndex += 1
            case let (a?, b?):
                if b < a { next = b; deltaIndex += 1 } else { next = a; mainIndex += 1 }
            }
            guard body(next) else { return }
        }
    }

    /// Points (of public venues and of withheld areas) inside a latitude/longitude box: the group, the index of its
    /// place, and the point.
    func forEachPoint(in box: (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double), _ body: (IndexedGroup, Int, Double, Double) -> Void) {
        main.forEachPoint(in: box) { point in
            if !isReplaced(slot: point.slot) { body(main.slots[Int(point.slot)], Int(point.place), point.latitude, point.longitude) }
        }
        for group in deltaGroups {
            for (index, place) in group.places.enumerated() {
                guard let latitude = place.latitude, let longitude = place.longitude else { continue }
                if latitude >= box.minLat && latitude <= box.maxLat && longitude >= box.minLon && longitude <= box.maxLon {
                    body(group, index, latitude, longitude)
                }
            }
        }
    }

    /// Places whose locality, region or postcode has this folded name in this country.
    /// The group, the index of its place, and whether that place has no point (of its own or of its area).
    func forEachPlace(kind: PlaceKind, key: String, country: String, _ body: (IndexedGroup, Int, Bool) -> Void) {
        for entry in main.areas[AreaKey(kind: kind.keyKind, key: key, country: country)] ?? [] where !isReplaced(entry.group.row) {
            body(entry.group, entry.place, entry.pointless)
        }
        for group in deltaGroups {
            for (index, place) in group.places.enumerated() where place.country == country && place.key(kind) == key {
                body(group, index, place.pointless)
            }
        }
    }

    /// Group rows with a word beginning with each of `words`.
    func matching(words: [String]) -> Set<Int64> {
        var result: Set<Int64>?
        for word in words {
            var found = Set(main.rows(withWordStarting: word).filter { !isReplaced($0) })
            for group in deltaGroups where group.words.contains(where: { $0.hasPrefix(word) }) { found.insert(group.row) }
            result = result.map { $0.intersection(found) } ?? found
            if result?.isEmpty == true { break }
        }
        return result ?? []
    }

    /// Groups with an active membership of the network.
    func members(of slug: String) -> [Int64] {
        var rows = (main.networks[slug] ?? []).filter { !isReplaced($0) }
        for group in deltaGroups where group.memberships.contains(where: { $0.slug == slug }) { rows.append(group.row) }
        return rows
    }

    /// Groups with every one of `facets`, or nil when the main part has more than `limit` of them for the rarest.
    func having(facets: [String], limit: Int) -> [Int64]? {
        guard let rarest = facets.min(by: { (main.facets[$0]?.count ?? 0) < (main.facets[$1]?.count ?? 0) }) else { return nil }
        let posting = main.facets[rarest] ?? []
        guard posting.count <= limit else { return nil }
        var rows = posting.filter { !isReplaced($0) }
        for group in deltaGroups where group.facets.contains(rarest) { rows.append(group.row) }
        return rows
    }
}

/// One coming, not cancelled meeting of a group, ordered by start, then group row, then meeting.
struct TimelineEntry: Comparable, Sendable {
    let start: Int64
    let group: IndexedGroup
    let occurrence: Int
    /// The group's slot in the main part; -1 in the delta.
    let slot: Int32

    static func of(_ group: IndexedGroup, slot: Int32) -> [TimelineEntry] {
        group.occurrences.indices.compactMap { index in
            group.occurrences[index].cancelled ? nil
                : TimelineEntry(start: group.occurrences[index].start, group: group, occurrence: index, slot: slot)
        }
    }

    static func < (a: Self, b: Self) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.group.row != b.group.row { return a.group.row < b.group.row }
        return a.group.meetingKeys[a.group.occurrences[a.occurrence].meeting] < b.group.meetingKeys[b.group.occurrences[b.occurrence].meeting]
    }

    static func == (a: Self, b: Self) -> Bool { a.start == b.start && a.group.row == b.group.row && a.occurrence == b.occurrence }
}

extension [TimelineEntry] {
    func firstIndex(atOrAfter start: Int64) -> Int { lowerBound { $0.start < start } }
}

struct AreaKey: Hashable, Sendable {
    /// 0 locality, 1 region, 2 postcode.
    var kind: Int
    var key: String
    var country: String
}

extension PlaceKind {
    var keyKind: Int {
        switch self {
        case .locality, .coordinates: 0
        case .region: 1
        case .postcode: 2
        }
    }
}

/// A point of a group's place, as the grid holds it: no references to count, so a search can pass over thousands.
struct GridPoint: Sendable {
    let latitude: Double
    let longitude: Double
    let cell: Int64
    let slot: Int32
    let place: Int32
}

/// Cells of a twentieth of a degree of latitude and longitude (about 5.5 by 3.5 km in Britain), numbered row by
/// row, so the cells of one row inside a box are one range of numbers.
enum Grid {
    static let size = 0.05

    static func cell(latitude: Double, longitude: Double) -> Int64 {
        row(latitude) * 10_000 + column(longitude)
    }

    private static func row(_ latitude: Double) -> Int64 { Int64((min(max(latitude, -90), 90) / size).rounded(.down)) }
    private static func column(_ longitude: Double) -> Int64 { Int64((min(max(longitude, -180), 180) / size).rounded(.down)) + 5_000 }

    /// For each row of cells the box touches, its first and last cell.
    static func rows(covering box: (minLat: Double, maxLat: Double, minLon: Double, maxLon: Double)) -> [(Int64, Int64)] {
        guard box.minLat <= box.maxLat, box.minLon <= box.maxLon else { return [] }
        let first = column(box.minLon)
        let last = column(box.maxLon)
        return (row(box.minLat)...row(box.maxLat)).map { ($0 * 10_000 + first, $0 * 10_000 + last) }
    }
}
