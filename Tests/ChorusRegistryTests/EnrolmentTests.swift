import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

@Suite struct EnrolmentTests {
    @Test func aGivenKeyIsPinnedAtOnceAndOpenPolicyAdmits() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        try await test.registry.createNetwork(slug: "open-net", name: "Open", policy: .open)
        let group = groups[0]
        let result = try await test.registry.enroll(network: "open-net", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        #expect(result.groupId == group.sample.id)
        #expect(result.membership == .active)
        #expect(result.keyStatus == .pinned)
        #expect(result.fingerprint == group.sample.publicKey.fingerprint)
        let status = try await test.registry.group(network: "open-net", groupId: group.sample.id)
        #expect(status.snapshot?.seq == 1)
        #expect(status.pinnedKey?.keyId == group.sample.publicKey.keyIDHex)
        await #expect(try test.registry.mirror(groupId: group.sample.id)?.bytes == group.sample.bytes)
    }

    @Test func approvalPolicyWaitsForAnAdmin() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["galway-bay-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        try await test.registry.createNetwork(slug: "careful", name: "Careful", policy: .approval)
        let result = try await test.registry.enroll(network: "careful", feedURL: groups[0].feedURL, publicKey: groups[0].sample.publicKeyFile)
        #expect(result.membership == .pendingApproval)
        await #expect(try test.registry.mirror(groupId: groups[0].sample.id) == nil)
        await #expect(try test.registry.groups(network: "careful", publicOnly: true).isEmpty)
        await #expect(try test.registry.approve(network: "careful", groupId: groups[0].sample.id) == .active)
        await #expect(try test.registry.groups(network: "careful", publicOnly: true).count == 1)
        let actions = try await test.registry.auditLog(network: "careful").map(\.action)
        #expect(actions.contains("group.enrol") && actions.contains("group.approve") && actions.contains("key.pinned"))
    }

    @Test func withoutAKeyTheKeyBesideTheFeedIsProposedUntilAnAdminConfirmsIt() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["bronx-voces"])
        defer { Task { await host.stop(); await test.shutdown() } }
        try await test.registry.createNetwork(slug: "open-net", name: "Open", policy: .open)
        let sample = groups[0].sample
        let result = try await test.registry.enroll(network: "open-net", feedURL: groups[0].feedURL, publicKey: nil)
        #expect(result.membership == .pendingKey)
        #expect(result.keyStatus == .proposed)
        #expect(result.fingerprint == sample.publicKey.fingerprint)
        #expect(result.message.contains(sample.publicKey.fingerprint))
        #expect(try await test.registry.harvestPass(force: true).attempted == 0)
        await #expect(try test.registry.approve(network: "open-net", groupId: sample.id) == .active)
        await #expect(try test.registry.group(network: "open-net", groupId: sample.id).pinnedKey?.keyId == sample.publicKey.keyIDHex)
        #expect(try await test.registry.harvestPass(force: true).attempted == 1)
    }

    @Test func aWrongKeyIsRefusedAndNothingIsStored() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        try await test.registry.createNetwork(slug: "open-net", name: "Open", policy: .open)
        let other = try SampleGroup("bronx-voces")
        await #expect(throws: RegistryError.self) {
            try await test.registry.enroll(network: "open-net", feedURL: groups[0].feedURL, publicKey: other.publicKeyFile)
        }
        await #expect(try test.registry.groups(network: "open-net").isEmpty)
        await #expect(throws: RegistryError.self) {
            try await test.registry.enroll(network: "open-net", feedURL: groups[0].feedURL, publicKey: "not a key")
        }
        await #expect(throws: RegistryError.self) {
            try await test.registry.enroll(network: "open-net", feedURL: host.url("/files/missing.xml"), publicKey: groups[0].sample.publicKeyFile)
        }
    }

    @Test func aSecondNetworkCannotPinADifferentKeyAndSeesOnlyItsOwnMembership() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        let sample = groups[0].sample
        try await test.registry.createNetwork(slug: "north", name: "North", policy: .open)
        try await test.registry.createNetwork(slug: "south", name: "South", policy: .open)
        _ = try await test.registry.enroll(network: "north", feedURL: groups[0].feedURL, publicKey: sample.publicKeyFile)
        let impostor = MinisignSecretKey.generate().publicKey.fileContents
        await #expect(throws: RegistryError.conflict(.keyPinned, "")) {
            do { try await test.registry.enroll(network: "south", feedURL: groups[0].feedURL, publicKey: impostor) } catch let error as RegistryError {
                if case .conflict(.keyPinned, _) = error { throw RegistryError.conflict(.keyPinned, "") }
                throw error
            }
        }
        let south = try await test.registry.enroll(network: "south", feedURL: groups[0].feedURL, publicKey: nil)
        #expect(south.membership == .active, "the registry-wide pin already vouches for the key")
        try await test.registry.suspend(network: "south", groupId: sample.id, reason: "checking")
        await #expect(try test.registry.group(network: "north", groupId: sample.id).membership == .active)
        await #expect(try test.registry.group(network: "south", groupId: sample.id).membership == .suspended)
        await #expect(try !test.registry.auditLog(network: "north").contains { $0.action == "group.suspend" })
    }

    @Test func revokingAKeyStopsAcceptanceUntilANewKeyIsEnrolled() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        defer { Task { await host.stop(); await test.shutdown() } }
        let group = groups[0]
        try await test.registry.createNetwork(slug: "north", name: "North", policy: .open)
        _ = try await test.registry.enroll(network: "north", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        try await test.registry.revokeKey(network: "north", groupId: group.sample.id, reason: "laptop stolen")
        let status = try await test.registry.group(network: "north", groupId: group.sample.id)
        #expect(status.harvestState == .keyRevoked)
        #expect(status.pinnedKey == nil)
        try group.publish(group.sample.version(2), seq: 2)
        await #expect(try test.registry.push(groupId: group.sample.id, bytes: group.sample.version(2),
                                        signature: group.sample.sign(group.sample.version(2), seq: 2)).outcome == .rejected)
        let newKey = MinisignSecretKey.generate()
        try group.publish(group.sample.version(3), seq: 3, key: newKey)
        let again = try await test.registry.enroll(network: "north", feedURL: group.feedURL, publicKey: newKey.publicKey.fileContents)
        #expect(again.keyStatus == .pinned)
        let after = try await test.registry.group(network: "north", groupId: group.sample.id)
        #expect(after.harvestState == .active)
        #expect(after.snapshot?.seq == 3)
        await #expect(try test.registry.auditLog(network: "north").contains { $0.action == "key.revoke" && ($0.detail ?? "").contains("laptop stolen") })
    }
}
