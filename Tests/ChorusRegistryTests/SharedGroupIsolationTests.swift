import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// A group two networks share is one identity (its key), but each network's relation to it is its own: nothing the
/// admins or editors of one network do changes what the other network sees or receives.
@Suite struct SharedGroupIsolationTests {
    /// Everything network `slug` sees of one group: its membership, the group's origin and harvest schedule,
    /// its snapshots, the pins, and the network's audit log.
    static func view(_ test: TestRegistry, network slug: String, groupId: String) throws -> String {
        try test.registry.database.pool.read { db in
            let network = try Network.filter(Column("slug") == slug).fetchOne(db)!
            let group = try GroupRecord.filter(Column("groupId") == groupId).fetchOne(db)!
            let membership = try MembershipRecord.of(network: network.id!, groupRow: group.id!).fetchOne(db)!
            let snapshots = try SnapshotRecord.filter(Column("groupRow") == group.id!).order(Column("id")).fetchAll(db).map { "\($0.id!):\($0.seq)" }
            let keys = try GroupKeyRecord.filter(Column("groupRow") == group.id!).order(Column("id")).fetchAll(db).map { "\($0.keyId):\($0.status)" }
            let audit = try AuditRecord.filter(Column("networkId") == network.id!).order(Column("id")).fetchAll(db).map { "\($0.id!) \($0.action)" }
            return [
                "membership \(membership.status) \(membership.reason ?? "-") \(membership.feedURL ?? "-") \(membership.vetoedKeyId ?? "-")",
                "origin \(group.feedURL) \(group.harvestState) failures \(group.consecutiveFailures) next \(group.nextFetchAt.timeIntervalSince1970) etag \(group.etag ?? "-")",
                "snapshots \(snapshots)", "keys \(keys)", "audit \(audit)",
            ].joined(separator: "\n")
        }
    }

    @Test func everyActionOfAnotherNetworkLeavesThisNetworksViewAsItWas() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop(); await host.stop() } }
        let group = groups[0]
        try await test.registry.createNetwork(slug: "alpha", name: "Alpha", policy: .open)
        try await test.registry.createNetwork(slug: "beta", name: "Beta", policy: .approval)
        _ = try await test.registry.enroll(network: "alpha", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        let beta = try await test.registry.issueToken(network: "beta", role: .admin)
        let before = try Self.view(test, network: "alpha", groupId: group.sample.id)

        // Beta enrols the same group from the registry's own mirror, a copy that verifies against the pin.
        let mirror = server.base + "/mirror/\(group.sample.id)/feed.xml"
        let api = server.base + "/api/v1/n/beta/groups"
        let enrol = try await http("POST", api, token: beta, json: #"{"feedURL": "\#(mirror)", "publicKey": "\#(group.sample.publicKeyFile.replacingOccurrences(of: "\n", with: "\\n"))"}"#)
        #expect(enrol.status == 201, "\(enrol.body)")
        let path = api + "/\(group.sample.id)"
        for action in ["approve", "suspend", "approve", "harvest", "revoke-key", "harvest", "approve", "remove"] {
            let answer = try await http("POST", path + "/" + action, token: beta, json: action == "suspend" || action == "revoke-key" ? #"{"reason": "x"}"# : nil)
            #expect(answer.status < 500, "\(action): \(answer.status) \(answer.body)")
            #expect(try Self.view(test, network: "alpha", groupId: group.sample.id) == before, "after beta's \(action)")
        }
        let harvested = try await test.registry.harvestPass(force: true)
        #expect(harvested.count(.unchanged) == 1, "the group is still harvested from its own origin")
        #expect(try await test.registry.group(network: "alpha", groupId: group.sample.id).feedURL == group.feedURL)

        // The group's own next feed still reaches alpha.
        let next = group.sample.version(2)
        try group.publish(next, seq: 2)
        let pushed = try await test.registry.push(groupId: group.sample.id, bytes: next, signature: group.sample.sign(next, seq: 2))
        #expect(pushed.outcome == .accepted)
        #expect(try await test.registry.group(network: "alpha", groupId: group.sample.id).snapshot?.seq == 2)
    }

    @Test func aRevocationIsOneNetworksVetoUntilEveryNetworkHoldingTheGroupRevokes() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        defer { Task { await host.stop() } }
        let group = groups[0]
        for slug in ["alpha", "beta"] {
            try await test.registry.createNetwork(slug: slug, name: slug, policy: .open)
            _ = try await test.registry.enroll(network: slug, feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        }
        try await test.registry.revokeKey(network: "beta", groupId: group.sample.id, reason: "we were told it leaked")
        let alpha = try await test.registry.group(network: "alpha", groupId: group.sample.id)
        let beta = try await test.registry.group(network: "beta", groupId: group.sample.id)
        #expect(alpha.membership == .active && alpha.pinnedKey != nil && alpha.harvestState == .active)
        #expect(beta.membership == .suspended && beta.membershipReason?.contains("revoked by this network") == true)
        await #expect(throws: RegistryError.conflict(.keyRevoked, "")) {
            do { _ = try await test.registry.approve(network: "beta", groupId: group.sample.id) } catch let error as RegistryError {
                if case .conflict(.keyRevoked, _) = error { throw RegistryError.conflict(.keyRevoked, "") }
                throw error
            }
        }
        #expect(try await test.registry.search(DirectoryQuery.with { $0.network = "beta" }).hits.isEmpty)
        #expect(try await test.registry.search(DirectoryQuery.with { $0.network = "alpha" }).hits.count == 1)
        let next = group.sample.version(2)
        #expect(try await test.registry.push(groupId: group.sample.id, bytes: next, signature: group.sample.sign(next, seq: 2)).outcome == .accepted)

        try await test.registry.revokeKey(network: "alpha", groupId: group.sample.id, reason: nil)
        let revoked = try await test.registry.group(network: "alpha", groupId: group.sample.id)
        #expect(revoked.harvestState == .keyRevoked && revoked.pinnedKey == nil, "every holder revoked it: the key is revoked everywhere")
        await #expect(try test.registry.auditLog(network: "alpha").contains { $0.action == "key.revoked-everywhere" })
    }

    @Test func anotherURLEnrolledByOneNetworkNeverReplacesTheOrigin() async throws {
        let test = try TestRegistry()
        let (host, files, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        defer { Task { await host.stop() } }
        let group = groups[0]
        files.set("/files/copy.xml", group.sample.bytes)
        files.set("/files/copy.xml.minisig", Data(try group.sample.sign(group.sample.bytes, seq: 1).utf8), contentType: "text/plain")
        try await test.registry.createNetwork(slug: "alpha", name: "Alpha", policy: .open)
        try await test.registry.createNetwork(slug: "beta", name: "Beta", policy: .open)
        _ = try await test.registry.enroll(network: "alpha", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        _ = try await test.registry.enroll(network: "beta", feedURL: host.url("/files/copy.xml"), publicKey: group.sample.publicKeyFile)
        #expect(try await test.registry.group(network: "alpha", groupId: group.sample.id).feedURL == group.feedURL)
        await #expect(try !test.registry.auditLog(network: "alpha").contains { $0.action == "group.feed-url" })
        await #expect(try test.registry.auditLog(network: "beta").contains { $0.action == "group.feed-url" && ($0.detail ?? "").contains("origin") })
    }
}

extension DirectoryQuery {
    static func with(_ configure: (inout DirectoryQuery) -> Void) -> DirectoryQuery {
        var query = DirectoryQuery()
        configure(&query)
        return query
    }
}
