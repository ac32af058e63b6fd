import ChorusCharter
import Foundation
import GRDB

/// The directory's read side: searches, a group as the public sees it, its coming meetings, and the small facts
/// the search form offers. It reads only what the index stage wrote, through the listing rule of `Listing`.
struct Directory: Sendable {
    let context: StageContext
    let judge: Judge
    let cache = DirectoryCache()
    let readModel: DirectoryReadModel

    init(context: StageContext, judge: Judge) {
        self.context = context
        self.judge = judge
        readModel = DirectoryReadModel(database: context.database, judge: judge)
    }

    /// Answers a directory search from the read model: near a place first, then soonest meeting first.
    func search(_ query: DirectoryQuery) async throws -> DirectoryResults {
        let query = try query.validated()
        let now = context.now
        let snapshot = try await readModel.current()
        var places: [DirectoryPlace] = []
        if let name = query.place { places = try await self.places(named: name, seq: snapshot.seq) }
        var results = DirectorySearch(snapshot: snapshot, query: query, now: now, places: places).run()
        if results.hits.isEmpty, query.offset == 0, results.place?.latitude != nil, query.radiusKm < Self.anywhereKm {
            var anywhere = query
            anywhere.radiusKm = Self.anywhereKm
            anywhere.limit = 1
            results.nearest = DirectorySearch(snapshot: snapshot, query: anywhere, now: now, places: places).run().hits.first
        }
        return results
    }

    /// Half the Earth's circumference: every point is nearer than this.
    static let anywhereKm = 20_040.0

    /// Place names are answered from the database once per change of the directory.
    private func places(named name: String, seq: Int64) async throws -> [DirectoryPlace] {
        if let known = cache.places(named: name, seq: seq) { return known }
        let places = try await context.database.read { db in try PlaceSearch.places(db, named: name) }
        cache.store(places: places, named: name, seq: seq)
        return places
    }

    /// A group as the directory shows it, with where it is listed and its next meetings.
    func publicGroup(groupId: String) async throws -> (group: PublicGroup, listings: [DirectoryHit.Listing], verified: Date) {
        try await context.database.read { db in
            guard let row = try PublicDocumentRow.of(db, groupId: groupId) else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
            let listings = try listings(db, groupRow: row.groupRow, listedOnly: true)
            guard !listings.isEmpty else { throw RegistryError.notFound(.listedGroup(id: groupId)) }
            return (try DirectoryCoding.decoder.decode(PublicGroup.self, from: row.document), listings, row.fetchedAt)
        }
    }

    /// The coming occurrences of a listed group, the one under way included, cancelled ones included and marked.
    func upcomingOccurrences(groupId: String, limit: Int) async throws -> [(meetingId: String, start: Date, end: Date, cancelled: Bool)] {
        let from = Int64(context.now.timeIntervalSince1970)
        return try await context.database.read { db in
            try OccurrenceRecord.fetchAll(db, literal: """
                SELECT o.* FROM occurrence o JOIN feedGroup g ON g.id = o.groupRow
                WHERE g.groupId = \(groupId) AND o.start >= \(from - 86_400) AND o."end" > \(from) ORDER BY o.start LIMIT \(limit)
                """).map { occurrence in
                (occurrence.meetingKey, Date(timeIntervalSince1970: TimeInterval(occurrence.start)),
                 Date(timeIntervalSince1970: TimeInterval(occurrence.end)), occurrence.cancelled)
            }
        }
    }

    /// Where a group is listed, with the tier each network's charter gives it.
    func listings(_ db: Database, groupRow: Int64, listedOnly: Bool) throws -> [DirectoryHit.Listing] {
        try ListingRow.of(db, groupRow: groupRow, listedOnly: listedOnly).map { row in
            var described: ChorusCharter.Tier?
            if let tier = row.tier, let charterId = row.charterId {
                described = try judge.evaluator(db, charterId: charterId).charter.tier(tier)
            }
            return DirectoryHit.Listing(network: row.slug, networkName: row.name, tier: row.tier, tierName: described?.name,
                                        tierDescription: described?.description)
        }
    }

    /// Each network with the number of groups it lists publicly.
    func networks() async throws -> [(network: Network, listed: Int)] {
        try await context.database.read { db in
            try Network.order(Column("name")).fetchAll(db).map { network in
                (network, try ListingRow.count(db, network: network.id!))
            }
        }
    }

    /// The languages groups in the directory meet in (primary subtags), for the search form; kept for a minute.
    func languages() async throws -> [String] {
        if let cached = cache.languages(now: context.now) { return cached }
        let languages = try await context.database.read { db in
            try DirectoryFacetRecord.filter(Column("facet") >= "language:" && Column("facet") < "language;")
                .select(Column("facet"), as: String.self).distinct().fetchAll(db)
                .map { String($0.dropFirst("language:".count)) }
        }
        cache.store(languages: languages, now: context.now)
        return languages
    }

    /// How many listed, open groups (of one network, or of all) have each audience (`audience:young-people`) and
    /// primary language (`language:es`): the search form offers only values some group has, with their counts.
    /// Counted once per change of the directory.
    func offeredFilters(network: String?) async throws -> [String: Int] {
        let snapshot = try await readModel.current()
        if let known = cache.offered(seq: snapshot.seq, network: network ?? "") { return known }
        var counts: [String: Int] = [:]
        snapshot.forEachGroup { group in
            guard group.status != .closed,
                  group.memberships.contains(where: { $0.listed && (network == nil || $0.slug == network) }) else { return }
            for facet in group.facets where facet.hasPrefix("audience:") || facet.hasPrefix("language:") { counts[facet, default: 0] += 1 }
        }
        cache.store(offered: counts, seq: snapshot.seq, network: network ?? "")
        return counts
    }

    /// The area (locality, region, country) of each group's first venue.
    func areas(groupIds: [String]) async throws -> [String: String] {
        try await context.database.read { db in
            var areas: [String: String] = [:]
            for groupId in groupIds {
                guard let place = try DirectoryPlaceRecord.fetchOne(db, literal: """
                    SELECT p.* FROM directoryPlace p JOIN feedGroup g ON g.id = p.groupRow WHERE g.groupId = \(groupId) ORDER BY p.id LIMIT 1
                    """) else { continue }
                areas[groupId] = place.area
            }
            return areas
        }
    }

    /// Every place answering to a name, best first.
    func places(named text: String) async throws -> [DirectoryPlace] {
        try await context.database.read { db in try PlaceSearch.places(db, named: text) }
    }
}
