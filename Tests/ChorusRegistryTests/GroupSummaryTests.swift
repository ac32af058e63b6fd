import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// The one-query summaries the console's lists use say what the full per-group status says, field for field.
@Suite struct GroupSummaryTests {
    /// A group's status as JSON, without what summaries leave out.
    static func comparable(_ status: GroupStatus) throws -> NSDictionary {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(status)) as? [String: Any])
        object["keys"] = nil
        object["recentAttempts"] = nil
        if var compliance = object["compliance"] as? [String: Any] {
            compliance["failedRequired"] = nil
            object["compliance"] = compliance
        }
        return object as NSDictionary
    }

    @Test func summariesAgreeWithEachGroupsFullStatus() async throws {
        let (test, host, groups) = try await ComplianceTests.kenya(charterFirst: true)
        let registry = test.registry
        try await registry.createNetwork(slug: "open", name: "No charter", policy: .approval)
        _ = try await registry.enroll(network: "open", feedURL: groups[0].feedURL, publicKey: groups[0].sample.publicKeyFile)
        try await registry.suspend(network: "kenya", groupId: groups[1].sample.id, reason: "Check your meeting time")
        await host.stop()
        test.clock.advance(2 * 86_400)
        _ = try await registry.harvestPass(force: true)

        for network in ["kenya", "open"] {
            for publicOnly in [false, true] {
                let full = try await registry.groups(network: network, publicOnly: publicOnly)
                let summaries = try await registry.groupSummaries(network: network, publicOnly: publicOnly)
                #expect(summaries.map(\.groupId) == full.map(\.groupId), "\(network), public only: \(publicOnly)")
                for (summary, status) in zip(summaries, full) {
                    #expect(try Self.comparable(summary) == Self.comparable(status), "\(network) \(status.groupId)")
                }
            }
        }
        #expect(try await registry.groupSummaries(network: "kenya", publicOnly: true).map(\.groupId) == [groups[0].sample.id], "the other is suspended")
        #expect(try await registry.groupSummaries(network: "open", publicOnly: true).count == 0, "waiting for approval")
        let kenya = try await registry.groupSummaries(network: "kenya")
        #expect(kenya.contains { $0.membership == .suspended && $0.membershipReason == "Check your meeting time" })
        #expect(kenya.allSatisfy { $0.lastAttempt?.outcome == .failed && $0.compliance != nil })
        #expect(try await registry.groupSummaries(network: "open").allSatisfy { $0.compliance == nil })
    }
}
