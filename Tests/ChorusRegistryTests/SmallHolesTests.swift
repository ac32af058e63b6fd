import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// Tokens that end, a bounded harvest history with totals that only grow, and links that a request's Host cannot choose.
@Suite struct SmallHolesTests {
    @Test func tokensExpireAndCanBeRevoked() async throws {
        let clock = TestClock()
        let test = try TestRegistry(clock: clock)
        try await test.registry.createNetwork(slug: "north", name: "North", policy: .open)
        try await test.registry.createNetwork(slug: "south", name: "South", policy: .open)
        let short = try await test.registry.issueToken(network: "north", role: .admin, lifetime: 3600)
        let lasting = try await test.registry.issueToken(network: "north", role: .editor, lifetime: nil)
        #expect(try await test.registry.authenticate(token: short.token, network: "north").role == .admin)
        clock.advance(3601)
        await #expect(throws: RegistryError.self) { try await test.registry.authenticate(token: short.token, network: "north") }
        #expect(try await test.registry.authenticate(token: lasting.token, network: "north").role == .editor)
        await #expect(throws: RegistryError.self, "another network cannot revoke it") {
            try await test.registry.revokeToken(network: "south", id: lasting.id)
        }
        try await test.registry.revokeToken(network: "north", id: lasting.id)
        await #expect(throws: RegistryError.self) { try await test.registry.authenticate(token: lasting.token, network: "north") }
        let listed = try await test.registry.tokens(network: "north")
        #expect(listed.map(\.id) == [short.id, lasting.id] && listed[1].revokedAt != nil && listed[0].expiresAt != nil)
        await #expect(try test.registry.auditLog(network: "north").contains { $0.action == "token.revoke" })
        await #expect(throws: RegistryError.self) { try await test.registry.issueToken(network: "north", role: .viewer, lifetime: -1) }
    }

    @Test func theHarvestHistoryIsBoundedAndTheTotalsOnlyGrow() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(["sheffield-central-voices", "bronx-voces"])
        defer { Task { await host.stop(); await test.shutdown() } }
        for _ in 0..<12 { _ = try await test.registry.harvestPass(force: true) }
        let before = try await test.registry.counts().attemptsByOutcome.values.reduce(0, +)
        let pruned = try await test.registry.pruneHarvestHistory(keep: 5, keepOld: 2, olderThan: 30 * 86_400)
        #expect(pruned == 2 * (13 - 5), "each group keeps its newest five of thirteen attempts")
        let kept = try await test.registry.database.pool.read { db in try HarvestAttemptRecord.fetchCount(db) }
        #expect(kept == 10)
        #expect(try await test.registry.counts().attemptsByOutcome.values.reduce(0, +) == before, "/metrics still counts every attempt")
        #expect(try await test.registry.group(network: "net", groupId: groups[0].sample.id).lastAttempt != nil)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let metrics = try await http("GET", server.base + "/metrics").body
        let total = metrics.split(separator: "\n").filter { $0.hasPrefix("chorus_harvest_attempts_total{") }
            .compactMap { Int($0.split(separator: " ").last ?? "") }.reduce(0, +)
        #expect(total == before)
    }

    @Test func linksNameOnlyTheConfiguredOrAnAllowedHost() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let open = try await RunningServer.start(fixture.registry)
        let allowed = try await RunningServer.start(fixture.registry) { $0.allowedHosts = ["directory.example.org"] }
        defer { Task { await open.stop(); await allowed.stop() } }
        let path = "/n/all/changes.atom"
        let hostile = try await http("GET", open.base + path, headers: ["Host": "evil.example.com"])
        #expect(hostile.status == 200 && !hostile.body.contains("evil.example.com"), "a stranger's Host never reaches a cached feed")
        let loopback = try await http("GET", open.base + path)
        #expect(loopback.body.contains(open.base), "loopback names are allowed without a list")
        let named = try await http("GET", allowed.base + path, headers: ["Host": "directory.example.org"])
        #expect(named.body.contains("http://directory.example.org/"))
        #expect(!(try await http("GET", allowed.base + path)).body.contains("127.0.0.1:"), "with a list, only listed hosts")
        let noHost = try await SourceAddressHTTP.raw(port: open.port, request: "GET /healthz HTTP/1.0\r\n\r\n")
        #expect(noHost.hasPrefix("HTTP/1.0 400") || noHost.hasPrefix("HTTP/1.1 400"), "\(noHost.prefix(40))")
    }
}
