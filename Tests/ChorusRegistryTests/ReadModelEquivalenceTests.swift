import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// The read model answers every search exactly as the SQL reference does: the sample groups (withheld areas,
/// cancellations, every schedule) beside synthetic groups in several cities and networks, before and after
/// changes that the read model takes in as a delta and as a new main part.
@Suite struct ReadModelEquivalenceTests {
    @Test func randomSearchesAgreeWithTheReferenceBeforeAndAfterChanges() async throws {
        let fixture = try await DirectoryFixture.start(places: true)
        defer { Task { await fixture.stop() } }
        let registry = fixture.registry
        try await seedSynthetic(registry, from: 0, count: 300)
        var random = SeededRandom(seed: 20_261_201)
        try await compare(registry, queries: 150, random: &random)

        // Changes the read model takes in as a delta: suspended, removed and re-indexed groups, new groups, a later clock.
        let synthetic = try await registry.groups(network: "synthetic")
        for status in synthetic.prefix(10) { try await registry.suspend(network: "synthetic", groupId: status.groupId, reason: "test") }
        for status in synthetic.dropFirst(10).prefix(5) { try await registry.remove(network: "synthetic", groupId: status.groupId) }
        try await registry.suspend(network: "all", groupId: fixture.id("cork-ward-voices"), reason: "test")
        try await seedSynthetic(registry, from: 300, count: 40)
        fixture.test.clock.advance(3 * 86_400 + 5_400)
        _ = try await registry.refreshDirectory(olderThan: 0)
        try await compare(registry, queries: 100, random: &random)

        // Enough new groups that the delta is folded into a new main part.
        try await seedSynthetic(registry, from: 340, count: 600)
        try await compare(registry, queries: 100, random: &random)
    }

    @Test func aCommittedChangeIsInTheNextSearch() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let registry = fixture.registry
        let id = fixture.id("galway-bay-voices")
        #expect(try await registry.search(DirectoryQuery()).hits.contains { $0.groupId == id })
        try await registry.suspend(network: "all", groupId: id, reason: "test")
        #expect(!(try await registry.search(DirectoryQuery()).hits.contains { $0.groupId == id }))
        // A write by another connection (another process, such as the command-line tool) is seen too.
        let other = try DatabaseQueue(path: fixture.test.path)
        try await other.write { db in try db.execute(sql: "UPDATE membership SET status = 'active'") }
        #expect(try await registry.search(DirectoryQuery()).hits.contains { $0.groupId == id })
    }

    private func compare(_ registry: Registry, queries: Int, random: inout SeededRandom) async throws {
        var disagreements = 0
        for number in 0..<queries {
            let query = Self.randomQuery(&random)
            let answered = try await registry.search(query)
            let now = registry.now
            let directory = registry.directory
            let validated = try query.validated()
            let expected: DirectoryResults = try await registry.database.read { db in
                var expected = try ReferenceSearch(directory: directory, db: db, query: validated, now: now).run()
                if expected.hits.isEmpty, validated.offset == 0, expected.place?.latitude != nil {
                    var anywhere = validated
                    anywhere.radiusKm = Directory.anywhereKm
                    anywhere.limit = 1
                    expected.nearest = try ReferenceSearch(directory: directory, db: db, query: anywhere, now: now).run().hits.first
                }
                return expected
            }
            if answered != expected {
                disagreements += 1
                if disagreements <= 3 {
                    let message = "query \(number) \(query) disagrees:\nread model \(Self.describe(answered))\nreference  \(Self.describe(expected))"
                    Issue.record(Comment(rawValue: message))
                }
            }
        }
        #expect(disagreements == 0)
    }

    static func describe(_ results: DirectoryResults) -> String {
        let hits: [String] = results.hits.map { hit in
            let distance = hit.distanceKm.map { String($0) } ?? "-"
            let start = hit.next.map { "\($0.start)" } ?? "-"
            return "\(hit.title) \(distance) \(start)"
        }
        return "\(hits) more \(results.hasMore) place \(results.place?.label ?? "-") choices \(results.choices.count)"
    }

    static let words = ["voices", "hear", "Manchester", "cork", "GROUP", "montreal", "sao", "circle", "open", "ha", "zzz", "peer support", "!!"]
    static let places = ["Manchester", "Leeds", "Chicago", "Springfield", "Springfield, Illinois", "Cork", "Galway", "Tokyo", "Nairobi",
                         "Hackney", "Nowhere", "São Paulo", "Berlin"]

    static func randomQuery(_ random: inout SeededRandom) -> DirectoryQuery {
        var query = DirectoryQuery()
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &random)] }
        switch Int.random(in: 0..<4, using: &random) {
        case 0: query.place = pick(places)
        case 1:
            let city = pick(SyntheticDirectory.cities)
            query.latitude = city.latitude + Double.random(in: -0.1...0.1, using: &random)
            query.longitude = city.longitude + Double.random(in: -0.1...0.1, using: &random)
        default: break
        }
        if query.isNearSearch { query.radiusKm = pick([5, 10, 25, 50, 100, 500]) }
        if random.chance(0.25) { query.days = Set((0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 0...6, using: &random) }) }
        if random.chance(0.2) { query.startMinutes = pick(Array(DirectoryQuery.partsOfDay.values)) }
        if random.chance(0.15) { query.withinHours = pick([1, 3, 24, 72]) }
        if random.chance(0.25) { query.mode = pick(AttendanceMode.allCases) }
        if random.chance(0.1) { query.audience = pick([.youngPeople, .women, .familyFriends, .anyone]) }
        if random.chance(0.15) { query.language = pick(["es", "en", "ja", "fr-CA", "sw"]) }
        if random.chance(0.1) { query.accessibility = [pick(AccessibilityFeature.allCases)] }
        if random.chance(0.15) { query.freeOnly = true }
        if random.chance(0.25) { query.text = pick(words) }
        if random.chance(0.15) { query.network = pick(["all", "synthetic", "second"]) }
        if random.chance(0.1) { query.listedOnly = false }
        if random.chance(0.2) { query.offset = pick([20, 40, 5]) }
        if random.chance(0.2) { query.limit = pick([1, 5, 50, 100]) }
        return query
    }

    /// Synthetic groups written straight into the registry's tables, as the directory benchmark does: one
    /// membership in `synthetic` each, every fifth also suspended in `second`, then indexed.
    private func seedSynthetic(_ registry: Registry, from first: Int, count: Int) async throws {
        if (try? await registry.network("synthetic")) == nil {
            _ = try await registry.createNetwork(slug: "synthetic", name: "Synthetic network", policy: .open)
            _ = try await registry.createNetwork(slug: "second", name: "A second network", policy: .open)
        }
        let synthetic = try await registry.network("synthetic").id!
        let second = try await registry.network("second").id!
        let now = registry.now
        var directory = SyntheticDirectory(seed: UInt64(20_261_121 + first))
        let feeds = (first..<first + count).map { index in (index, directory.feed(index, updated: now)) }
        try await registry.database.write { db in
            for (index, feed) in feeds {
                let bytes = FeedWriter.data(feed)
                try db.execute(sql: """
                    INSERT INTO feedGroup (groupId, title, feedURL, harvestState, consecutiveFailures, nextFetchAt, redirectSeen, createdAt)
                    VALUES (?, ?, ?, 'active', 0, ?, 0, ?)
                    """, arguments: [feed.id, feed.title, "https://groups.example.org/\(index).xml", now.addingTimeInterval(86_400), now])
                let row = db.lastInsertedRowID
                try db.execute(sql: "INSERT INTO membership (networkId, groupRow, status, createdAt, updatedAt) VALUES (?, ?, 'active', ?, ?)",
                               arguments: [synthetic, row, now, now])
                if index % 5 == 0 {
                    try db.execute(sql: "INSERT INTO membership (networkId, groupRow, status, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [second, row, index % 10 == 0 ? "active" : "suspended", now, now])
                }
                try db.execute(sql: """
                    INSERT INTO snapshot (groupRow, seq, expires, keyId, digest, bytes, signature, fetchedAt, via)
                    VALUES (?, 1, ?, 'TEST', ?, ?, '', ?, 'pull')
                    """, arguments: [row, now.addingTimeInterval(86_400 * 365), FeedDigest.sha256(bytes), bytes, now])
            }
        }
        _ = try await registry.indexMissingGroups()
    }
}
