import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Hummingbird
import Testing

@Suite struct HarvestTests {
    /// A registry with one open network and the named sample groups enrolled with their keys.
    static func enrolled(_ names: [String], clock: TestClock = TestClock(), limits: FetchLimits = .testing,
                         extraRoutes: (Router<BasicRequestContext>) -> Void = { _ in }) async throws -> (TestRegistry, FeedHost, ServedFiles, [PublishedGroup]) {
        let test = try TestRegistry(limits: limits, clock: clock)
        let (host, files, groups) = try await PublishedGroup.start(names, extraRoutes: extraRoutes)
        try await test.registry.createNetwork(slug: "net", name: "Net", policy: .open)
        for group in groups {
            _ = try await test.registry.enroll(network: "net", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        }
        return (test, host, files, groups)
    }

    @Test func anUnchangedFeedIsAConditionalGetAnsweredWith304() async throws {
        let (test, host, _, groups) = try await Self.enrolled(["sheffield-central-voices", "bronx-voces"])
        defer { Task { await host.stop(); await test.shutdown() } }
        let summary = try await test.registry.harvestPass(force: true)
        #expect(summary.count(.unchanged) == 2)
        let status = try await test.registry.group(network: "net", groupId: groups[0].sample.id)
        #expect(status.lastAttempt?.httpStatus == 304)
        #expect(status.recentAttempts.count == 2)
    }

    @Test func onlyDueGroupsAreFetchedUnlessForced() async throws {
        let (test, host, files, groups) = try await Self.enrolled(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        #expect(try await test.registry.harvestPass().attempted == 0)
        test.clock.advance(3601)
        #expect(try await test.registry.harvestPass().attempted == 1)
        #expect(files.requests(groups[0].feedPath) == 2)
    }

    @Test func aNewerFeedIsAcceptedAndOlderOrConflictingOnesAreRefusedKeepingTheLastGood() async throws {
        let (test, host, _, groups) = try await Self.enrolled(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        let group = groups[0]
        let second = try group.publish(group.sample.version(2), seq: 2)
        #expect(try await test.registry.harvestPass(force: true).count(.accepted) == 1)

        try group.publish(group.sample.bytes, seq: 1)
        #expect(try await test.registry.harvestPass(force: true).count(.rejected) == 1)
        var status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.lastAttempt?.code == "claim.rollback")

        try group.publish(group.sample.version(3), seq: 2)
        #expect(try await test.registry.harvestPass(force: true).count(.rejected) == 1)
        status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.lastAttempt?.code == "claim.replay")

        group.files.set(group.feedPath, group.sample.version(4))
        #expect(try await test.registry.harvestPass(force: true).count(.rejected) == 1)
        status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.lastAttempt?.code == "signature.invalid")

        #expect(status.snapshot?.seq == 2)
        await #expect(try test.registry.mirror(groupId: group.sample.id)?.bytes == second)
        #expect(status.consecutiveFailures == 3)
    }

    @Test func aFeedForAnotherGroupOrSignedByAnotherKeyIsRefused() async throws {
        let (test, host, _, groups) = try await Self.enrolled(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        let group = groups[0]
        let other = try SampleGroup("bronx-voces")
        group.files.set(group.feedPath, other.bytes)
        group.files.set(group.feedPath + ".minisig", Data(try other.sign(other.bytes, seq: 5).utf8))
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.group(network: "net", groupId: group.sample.id).lastAttempt?.code == "signature.key-id-mismatch")
        try group.publish(group.sample.version(2), seq: 5)
        group.files.set(group.feedPath + ".minisig", Data(try group.sample.sign(group.sample.version(2), seq: 5, group: other.id).utf8))
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.group(network: "net", groupId: group.sample.id).lastAttempt?.code == "claim.wrong-group")
    }

    @Test func anExpiredFeedIsKeptButMarkedStaleAndAnExpiredNewOneIsRefused() async throws {
        let clock = TestClock()
        let (test, host, _, groups) = try await Self.enrolled(["sheffield-central-voices"], clock: clock)
        defer { Task { await host.stop(); await test.shutdown() } }
        let group = groups[0]
        try group.publish(group.sample.version(2), seq: 2, expires: clock.now.addingTimeInterval(86_400))
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.group(network: "net", groupId: group.sample.id).snapshot?.stale == false)
        clock.advance(2 * 86_400)
        let status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.snapshot?.stale == true)
        #expect(status.snapshot?.seq == 2)
        await #expect(try test.registry.counts().staleGroups == 1)
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.group(network: "net", groupId: group.sample.id).lastAttempt?.outcome == .unchanged)
        try group.publish(group.sample.version(3), seq: 3, expires: clock.now.addingTimeInterval(-60))
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.group(network: "net", groupId: group.sample.id).lastAttempt?.code == "claim.expired")
    }

    @Test func anAnnouncedNextKeyTakesOverWhenItSignsAFeed() async throws {
        let (test, host, _, groups) = try await Self.enrolled(["newcastle-harbour-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        let group = groups[0]
        let nextKey = try MinisignSecretKey(fileContents: String(contentsOfFile: Repository.path("Feeds/keys/newcastle-harbour-voices-next.key"), encoding: .utf8))
        var status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.keys.contains { $0.status == .announced && $0.keyId == nextKey.publicKey.keyIDHex })

        let unannounced = MinisignSecretKey.generate()
        try group.publish(group.sample.version(2), seq: 2, key: unannounced)
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.group(network: "net", groupId: group.sample.id).lastAttempt?.code == "signature.key-id-mismatch")

        try group.publish(group.sample.version(3), seq: 3, key: nextKey)
        #expect(try await test.registry.harvestPass(force: true).count(.accepted) == 1)
        status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.pinnedKey?.keyId == nextKey.publicKey.keyIDHex)
        #expect(status.keys.contains { $0.status == .retired && $0.keyId == group.sample.publicKey.keyIDHex })
        await #expect(try test.registry.auditLog(network: "net").contains { $0.action == "key.rotated" })

        try group.publish(group.sample.version(4), seq: 4)
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.group(network: "net", groupId: group.sample.id).lastAttempt?.code == "signature.key-id-mismatch",
                "the retired key no longer signs for the group")
    }

    @Test func tenConsecutiveFailuresSuspendHarvestingWithTheReasonAndAWorkingFetchResumesIt() async throws {
        let (test, host, files, groups) = try await Self.enrolled(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        let group = groups[0]
        files.remove(group.feedPath)
        for _ in 0..<10 { _ = try await test.registry.harvestPass(force: true) }
        var status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.harvestState == .suspended)
        #expect(status.harvestReason?.contains("10 consecutive failures") == true)
        #expect(status.harvestReason?.contains("HTTP 404") == true)
        #expect(try await test.registry.harvestPass(force: true).attempted == 0)
        #expect(status.snapshot?.seq == 1, "the last good feed is kept")
        _ = try await test.registry.approve(network: "net", groupId: group.sample.id)
        #expect(try await test.registry.group(network: "net", groupId: group.sample.id).harvestState == .suspended,
                "approving a membership does not touch the shared harvest")
        #expect(try await test.registry.harvestNow(network: "net", groupId: group.sample.id) == .failed)
        #expect(try await test.registry.group(network: "net", groupId: group.sample.id).consecutiveFailures == 10,
                "an admin's fetch does not count towards the shared schedule")
        try group.publish(group.sample.bytes, seq: 1)
        #expect(try await test.registry.harvestNow(network: "net", groupId: group.sample.id) == .unchanged)
        status = try await test.registry.group(network: "net", groupId: group.sample.id)
        #expect(status.harvestState == .active && status.consecutiveFailures == 0)
        #expect(try await test.registry.harvestPass(force: true).attempted == 1)
    }

    @Test func backoffGrowsFromOneHourToADayWithJitter() {
        let limits = FetchLimits()
        for failures in 1...12 {
            let delay = Harvester.backoff(failures: failures, limits: limits)
            #expect(delay >= 3600 && delay <= 86_400)
        }
        #expect(Harvester.backoff(failures: 1, limits: limits) == 3600)
        #expect(Harvester.backoff(failures: 12, limits: limits) >= 0.75 * 86_400)
    }

    @Test func retryAfterIsHonouredAnd410MarksTheFeedGone() async throws {
        let (test, host, _, groups) = try await Self.enrolled(["sheffield-central-voices", "bronx-voces"]) { router in
            router.get("busy/feed.xml") { _, _ in Response(status: .tooManyRequests, headers: [.retryAfter: "7200"]) }
            router.get("gone/feed.xml") { _, _ in Response(status: .gone) }
        }
        defer { Task { await host.stop(); await test.shutdown() } }
        try await Self.moveFeed(test, groups[0], to: host.url("/busy/feed.xml"))
        try await Self.moveFeed(test, groups[1], to: host.url("/gone/feed.xml"))
        let before = test.clock.now
        _ = try await test.registry.harvestPass(force: true)
        let busy = try await test.registry.group(network: "net", groupId: groups[0].sample.id)
        #expect(busy.lastAttempt?.code == "fetch.rate-limited")
        #expect(abs(busy.nextFetchAt.timeIntervalSince(before) - 7200) < 5)
        let gone = try await test.registry.group(network: "net", groupId: groups[1].sample.id)
        #expect(gone.harvestState == .gone)
        #expect(gone.lastAttempt?.outcome == .gone)
        #expect(gone.snapshot?.seq == 1)
    }

    @Test func aPermanentRedirectSeenThreeTimesMovesTheStoredURL() async throws {
        let (test, host, _, groups) = try await Self.enrolled(["sheffield-central-voices"]) { router in
            router.get("old/feed.xml") { _, _ in Response(status: .movedPermanently, headers: [.location: "/files/sheffield-central-voices.xml"]) }
        }
        defer { Task { await host.stop(); await test.shutdown() } }
        let group = groups[0]
        try await Self.moveFeed(test, group, to: host.url("/old/feed.xml"))
        for pass in 1...3 {
            #expect(try await test.registry.harvestPass(force: true).count(.failed) == 0)
            let url = try await test.registry.group(network: "net", groupId: group.sample.id).feedURL
            #expect(url == (pass < 3 ? host.url("/old/feed.xml") : group.feedURL))
        }
    }

    /// Points a group's stored feed URL somewhere else, as a re-enrolment does.
    static func moveFeed(_ test: TestRegistry, _ group: PublishedGroup, to url: String) async throws {
        try await test.registry.database.pool.write { db in
            try db.execute(sql: "UPDATE feedGroup SET feedURL = ?, etag = NULL WHERE groupId = ?", arguments: [url, group.sample.id])
        }
    }
}
