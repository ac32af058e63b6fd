import ChorusFeed
import Foundation

/// One search over the directory's read model. Near a place it starts from the grid of points (and the areas
/// named like the place); with a selective text, network or facet filter, from those groups; otherwise it walks
/// the timeline of coming meetings and stops once the page is full.
struct DirectorySearch {
    let snapshot: DirectorySnapshot
    let query: DirectoryQuery
    let now: Date
    /// The answers to the place name, best first, when the search names a place.
    let places: [DirectoryPlace]

    struct Ranked {
        var group: IndexedGroup
        var distanceKm: Double?
        var withheldArea: String?
        var next: IndexedGroup.Occurrence?
    }

    private var wanted: Int { query.offset + query.limit + 1 }
    private var nowSeconds: Int64 { Int64(now.timeIntervalSince1970) }
    private var untilSeconds: Int64 {
        let window = nowSeconds + Int64(Occurrences.window)
        guard let hours = query.withinHours else { return window }
        return min(window, nowSeconds + Int64(hours) * 3600)
    }

    func run() -> DirectoryResults {
        var results = DirectoryResults(offset: query.offset)
        let conditions = Conditions(query: query, snapshot: snapshot, from: nowSeconds - DirectoryQuery.underWaySeconds,
                                    now: nowSeconds, until: untilSeconds)
        var ranked: [Ranked]
        if query.isNearSearch {
            var centre: (Double, Double)?
            var area: DirectoryPlace?
            if let name = query.place {
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
            ranked = near(centre: centre, area: area, conditions)
        } else if let bounded = boundedCandidates(conditions) {
            ranked = bounded
        } else {
            ranked = inTimeOrder(conditions)
        }
        results.hasMore = ranked.count > query.offset + query.limit
        results.hits = ranked.dropFirst(query.offset).prefix(query.limit).map(hit)
        return results
    }

    // MARK: Strategies

    /// Candidates come from the grid of points (and, for a named place, from the areas that carry its name), are
    /// ranked by distance, and are checked against the filters nearest first until the page is full. A withheld
    /// venue ranks by the centre of its area and never shows a distance. The points are read within a small radius
    /// first, widened fourfold until the page is full or the radius is the one asked for: a full page whose last
    /// rank is inside the radius read is exactly the page the whole radius gives.
    private func near(centre: (Double, Double)?, area: DirectoryPlace?, _ conditions: Conditions) -> [Ranked] {
        var areaCandidates: [Int64: (group: IndexedGroup, place: Int)] = [:]
        if let area, area.kind != .coordinates {
            // Venues with a point are found by distance; the name adds the areas that have none.
            snapshot.forEachPlace(kind: area.kind, key: PlaceName.key(area.name), country: area.country) { group, index, pointless in
                guard centre == nil || pointless else { return }
                if areaCandidates[group.row] == nil { areaCandidates[group.row] = (group, index) }
            }
        }
        guard let centre else { return rankNear(centre: nil, radius: 0, areaCandidates: areaCandidates, conditions).ranked }
        var radius = min(query.radiusKm, 2)
        while true {
            let (ranked, lastRank) = rankNear(centre: centre, radius: radius, areaCandidates: areaCandidates, conditions)
            if radius >= query.radiusKm || (ranked.count >= wanted && lastRank < radius) { return ranked }
            radius = min(query.radiusKm, radius * 4)
        }
    }

    private func rankNear(centre: (Double, Double)?, radius: Double, areaCandidates: [Int64: (group: IndexedGroup, place: Int)],
                          _ conditions: Conditions) -> (ranked: [Ranked], lastRank: Double) {
        struct Candidate {
            var group: IndexedGroup
            var rank: Double
            var best: Int
        }
        var candidates: [Int64: Candidate] = [:]
        for (row, entry) in areaCandidates { candidates[row] = Candidate(group: entry.group, rank: 0, best: entry.place) }
        if let centre {
            let box = Distance.box(latitude: centre.0, longitude: centre.1, kilometres: radius)
            snapshot.forEachPoint(in: box) { group, index, latitude, longitude in
                let distance = Distance.kilometres(centre.0, centre.1, latitude, longitude)
                guard distance <= radius else { return }
                if let known = candidates[group.row] {
                    if distance < known.rank { candidates[group.row] = Candidate(group: group, rank: distance, best: index) }
                } else {
                    candidates[group.row] = Candidate(group: group, rank: distance, best: index)
                }
            }
        }
        let ordered = candidates.values.sorted { ($0.rank, $0.group.row) < ($1.rank, $1.group.row) }
        var ranked: [Ranked] = []
        var index = 0
        var lastRank = 0.0
        while index < ordered.count && ranked.count < wanted {
            var block: [Ranked] = []
            let rank = ordered[index].rank
            lastRank = rank
            while index < ordered.count && ordered[index].rank == rank {
                let candidate = ordered[index]
                index += 1
                guard conditions.admit(candidate.group) else { continue }
                let next = conditions.next(of: candidate.group)
                if next == nil && query.hasOccurrenceConditions { continue }
                let best = candidate.group.places[candidate.best]
                block.append(Ranked(group: candidate.group, distanceKm: centre.flatMap { publicDistance(candidate.group, from: $0) },
                                    withheldArea: best.withheld ? best.area : nil, next: next))
            }
            ranked += block.sorted(by: Self.soonestFirst)
        }
        return (ranked, lastRank)
    }

    /// Kilometres to the group's nearest public venue within the radius searched, never to a withheld one.
    private func publicDistance(_ group: IndexedGroup, from centre: (Double, Double)) -> Double? {
        var nearest: Double?
        for place in group.places where !place.withheld {
            guard let latitude = place.latitude, let longitude = place.longitude else { continue }
            let distance = Distance.kilometres(centre.0, centre.1, latitude, longitude)
            if distance <= query.radiusKm && distance < (nearest ?? .infinity) { nearest = distance }
        }
        return nearest
    }

    /// Text or network searches often match few groups: rank those directly. Nil when more than 300 match, where
    /// the timeline finds a page sooner.
    private func boundedCandidates(_ conditions: Conditions) -> [Ranked]? {
        let candidates: [Int64]
        if let textRows = conditions.textRows {
            candidates = Array(textRows)
        } else if let network = query.network {
            candidates = snapshot.members(of: network)
        } else {
            return nil
        }
        guard candidates.count <= 300 else { return nil }
        return candidates.compactMap { row -> Ranked? in
            guard let group = snapshot.group(row), conditions.admit(group) else { return nil }
            let next = conditions.next(of: group)
            if next == nil && query.hasOccurrenceConditions { return nil }
            return Ranked(group: group, next: next)
        }.sorted(by: Self.soonestFirst)
    }

    /// Soonest coming meeting first; then, unless the search asks about meetings, the groups with none, by name.
    /// When the text or a facet leaves few candidates (fewer than the square root of the page times the directory,
    /// where ranking them costs less than walking the timeline), they are ranked directly in the same order;
    /// otherwise the timeline is walked until the page is full.
    private func inTimeOrder(_ conditions: Conditions) -> [Ranked] {
        let few = max(300, Int(Double(wanted * snapshot.count).squareRoot()))
        let candidates = conditions.candidateRows(atMost: few)
        if let rows = candidates, rows.count <= few {
            var meeting: [Ranked] = []
            var others: [IndexedGroup] = []
            for row in rows {
                guard let group = snapshot.group(row), conditions.admit(group) else { continue }
                if let next = conditions.next(of: group) {
                    meeting.append(Ranked(group: group, next: next))
                } else if !query.hasOccurrenceConditions {
                    others.append(group)
                }
            }
            meeting.sort(by: Self.soonestFirst)
            return Array((meeting + others.sorted(by: Self.byTitle).map { Ranked(group: $0) }).prefix(wanted))
        }
        var seen: Set<Int64> = []
        var ranked: [Ranked] = []
        snapshot.walkTimeline(from: nowSeconds - DirectoryQuery.underWaySeconds) { entry in
            guard entry.start < untilSeconds else { return false }
            guard !seen.contains(entry.group.row) else { return true }
            let occurrence = entry.group.occurrences[entry.occurrence]
            guard conditions.accepts(occurrence), conditions.admit(entry.group) else { return true }
            seen.insert(entry.group.row)
            ranked.append(Ranked(group: entry.group, next: occurrence))
            return ranked.count < wanted
        }
        if ranked.count < wanted && !query.hasOccurrenceConditions {
            var others: [IndexedGroup] = []
            let consider = { (group: IndexedGroup) in
                if !seen.contains(group.row) && conditions.admit(group) { others.append(group) }
            }
            if let candidates {
                for row in candidates { if let group = snapshot.group(row) { consider(group) } }
            } else {
                snapshot.forEachGroup(consider)
            }
            others.sort(by: Self.byTitle)
            ranked += others.prefix(wanted - ranked.count).map { Ranked(group: $0) }
        }
        return ranked
    }

    private static func soonestFirst(_ a: Ranked, _ b: Ranked) -> Bool {
        (a.next?.start ?? .max, a.group.row) < (b.next?.start ?? .max, b.group.row)
    }

    /// As SQLite orders text: by the bytes of its UTF-8.
    private static func byTitle(_ a: IndexedGroup, _ b: IndexedGroup) -> Bool {
        if a.title == b.title { return a.row < b.row }
        return a.title.utf8.lexicographicallyPrecedes(b.title.utf8)
    }

    // MARK: Hits

    private func hit(_ entry: Ranked) -> DirectoryHit {
        let group = entry.group
        var next: DirectoryHit.Next?
        if let occurrence = entry.next, let meeting = group.meeting(occurrence) {
            next = .init(meetingId: meeting.key, meetingTitle: meeting.title, mode: meeting.mode,
                         start: Date(timeIntervalSince1970: TimeInterval(occurrence.start)),
                         end: Date(timeIntervalSince1970: TimeInterval(occurrence.end)), timeZone: meeting.timeZone)
        }
        let restriction = DirectoryCard.restriction(group.restriction)
        return DirectoryHit(
            groupId: group.groupId, title: group.title, summary: group.summary, language: group.language,
            distanceKm: entry.distanceKm.map { ($0 * 10).rounded() / 10 }, withheldArea: entry.withheldArea, area: group.area,
            modes: group.modes, free: group.free, status: group.status,
            restriction: restriction?.sentence, restrictionReason: restriction?.reason, next: next,
            listings: group.listings(listedOnly: query.listedOnly), notices: CurrentNotices.of(group.notices, now: now))
    }
}
