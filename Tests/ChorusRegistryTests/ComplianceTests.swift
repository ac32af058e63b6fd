import ChorusCharter
import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

@Suite struct ComplianceTests {
    static func charter(_ slug: String) throws -> (bytes: Data, signature: String) {
        let path = Repository.path("Federation/charters/\(slug).xml")
        return (try Data(contentsOf: URL(fileURLWithPath: path)), try String(contentsOfFile: path + ".minisig", encoding: .utf8))
    }

    /// A registry with the open network `kenya` and the two Kenyan sample groups, enrolled before or after its charter.
    static func kenya(charterFirst: Bool) async throws -> (TestRegistry, FeedHost, [PublishedGroup]) {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["eastlands-peer-support", "nyanza-voices-circle"])
        try await test.registry.createNetwork(slug: "kenya", name: "Kenya", policy: .open)
        let (bytes, signature) = try charter("kenya")
        if charterFirst { _ = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature) }
        for group in groups {
            _ = try await test.registry.enroll(network: "kenya", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        }
        if !charterFirst { _ = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature) }
        return (test, host, groups)
    }

    @Test func settingACharterJudgesEveryMemberAndGatesThePublicListing() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["eastlands-peer-support", "nyanza-voices-circle"])
        defer { Task { await host.stop() } }
        try await test.registry.createNetwork(slug: "kenya", name: "Kenya", policy: .open)
        for group in groups {
            _ = try await test.registry.enroll(network: "kenya", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        }
        await #expect(try test.registry.groups(network: "kenya", publicOnly: true).count == 2, "without a charter every active member is listed")

        let (bytes, signature) = try Self.charter("kenya")
        let change = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature)
        #expect(change.evaluated == 2 && change.changedTier == 1 && change.listed == 1 && change.notListed == 1)
        #expect(change.groupsPerTier == ["full": 1, "none": 1])

        let listed = try await test.registry.groups(network: "kenya", publicOnly: true)
        #expect(listed.map(\.groupId) == [groups[0].sample.id])
        let all = try await test.registry.groups(network: "kenya")
        let nyanza = try #require(all.first { $0.groupId == groups[1].sample.id })
        #expect(nyanza.membership == .active, "below the tier, a member stays a member; only the public listing hides it")
        #expect(nyanza.compliance?.listed == false)
        #expect(nyanza.compliance?.failedRequired.first == "lived-experience-majority")
        await #expect(try test.registry.auditLog(network: "kenya").contains { $0.action == "charter.set" && ($0.detail ?? "").contains("2026.1") })
        await #expect(try test.registry.charterDocument(network: "kenya")?.signature == signature)
    }

    @Test func openPolicyAdmitsAtOnceOnlyGroupsThatMeetTheRequiredRules() async throws {
        let (test, host, groups) = try await Self.kenya(charterFirst: true)
        defer { Task { await host.stop() } }
        let eastlands = try await test.registry.group(network: "kenya", groupId: groups[0].sample.id)
        let nyanza = try await test.registry.group(network: "kenya", groupId: groups[1].sample.id)
        #expect(eastlands.membership == .active)
        #expect(nyanza.membership == .pendingApproval)
        #expect(nyanza.membershipReason?.contains("lived-experience-majority") == true)
        await #expect(try test.registry.approve(network: "kenya", groupId: groups[1].sample.id) == .active)
        await #expect(try test.registry.groups(network: "kenya", publicOnly: true).count == 1, "an admin's approval does not list a group below the tier")
    }

    @Test func everyAcceptedSnapshotIsJudgedAndTheHistoryKept() async throws {
        let (test, host, groups) = try await Self.kenya(charterFirst: true)
        defer { Task { await host.stop() } }
        let eastlands = groups[0]
        let lowered = String(decoding: eastlands.sample.version(2), as: UTF8.self)
            .replacingOccurrences(of: #"members-lived-experience-percent="80""#, with: #"members-lived-experience-percent="60""#)
        try eastlands.publish(Data(lowered.utf8), seq: 2)
        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.groups(network: "kenya", publicOnly: true).isEmpty)
        let report = try await test.registry.complianceReport(network: "kenya", groupId: eastlands.sample.id)
        #expect(report.tier == nil && !report.listed)
        #expect(report.lines.first { $0.rule == "lived-experience-majority" }?.reason == "declares 60% of members with lived experience; at least 70% is needed")
        #expect(report.history.map(\.tier) == [nil, "full"], "newest first: the new snapshot's verdict, then the enrolment's")
        #expect(report.nextTiers.first?.failing == ["lived-experience-majority"])
        #expect(report.disclaimer == Verdict.disclaimer)

        _ = try await test.registry.harvestPass(force: true)
        await #expect(try test.registry.complianceReport(network: "kenya", groupId: eastlands.sample.id).history.count == 2,
                "an unchanged feed adds no history")
    }

    @Test func theDashboardCountsTiersRulesAndFields() async throws {
        let (test, host, _) = try await Self.kenya(charterFirst: false)
        defer { Task { await host.stop() } }
        let report = try await test.registry.complianceReport(network: "kenya")
        #expect(report.charterVersion == "2026.1")
        #expect(report.groupsJudged == 2 && report.listed == 1 && report.noTier == 1)
        #expect(report.tiers.first { $0.id == "full" }?.groups == 1)
        let majority = try #require(report.rules.first { $0.id == "lived-experience-majority" })
        #expect(majority.pass == 1 && majority.fail == 1 && majority.passRate == 0.5)
        #expect(report.completeness.first { $0.field == "members-lived-experience-percent" }.map { ($0.present, $0.total) } ?? (0, 0) == (1, 2))
        #expect(report.completeness.count == Completeness.fields.count)
    }

    @Test func aCharterIsRefusedWhenInvalidForAnotherNetworkOrAnOldVersion() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "kenya", name: "Kenya", policy: .open)
        let (bytes, signature) = try Self.charter("kenya")
        _ = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature)
        await #expect(throws: RegistryError.self) { try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature) }
        await #expect(throws: RegistryError.self) { try await test.registry.setCharter(network: "kenya", bytes: try Self.charter("usa").bytes, signature: nil) }
        await #expect(throws: RegistryError.self) { try await test.registry.setCharter(network: "kenya", bytes: Data("<charter/>".utf8), signature: nil) }
        await #expect(try test.registry.charterDocument(network: "kenya")?.version == "2026.1")
    }

    @Test func freshnessVerdictsAreRefreshedDaily() async throws {
        let clock = TestClock()
        let test = try TestRegistry(clock: clock)
        let (host, _, groups) = try await PublishedGroup.start(["eastlands-peer-support"])
        defer { Task { await host.stop() } }
        try await test.registry.createNetwork(slug: "kenya", name: "Kenya", policy: .open)
        _ = try await test.registry.setCharter(network: "kenya", bytes: try Self.charter("kenya").bytes, signature: nil)
        _ = try await test.registry.enroll(network: "kenya", feedURL: groups[0].feedURL, publicKey: groups[0].sample.publicKeyFile)
        await #expect(try test.registry.refreshVerdicts() == 0)
        clock.advance(400 * 86_400)
        await #expect(try test.registry.refreshVerdicts() == 1)
        let report = try await test.registry.complianceReport(network: "kenya", groupId: groups[0].sample.id)
        #expect(report.lines.first { $0.rule == "fresh" || $0.rule.contains("fresh") }?.outcome == .fail)
    }
}
