import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// A network leaves its registry with everything it is: exported to one file, imported into an empty registry with
/// every charter and snapshot checked again, and its followers moved to the new directory by the old one's signed word.
@Suite struct MoveTests {
    static func charter() throws -> (Data, String) {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Federation/charters/uk-ireland.xml")))
        return (bytes, try String(contentsOfFile: Repository.path("Federation/charters/uk-ireland.xml.minisig"), encoding: .utf8))
    }

    @Test func anExportedNetworkIsRecreatedElsewhereWithTheSameGroupsTiersPinsHistoryAndAuditAndItsFollowerMovesWithIt() async throws {
        let federation = try await FollowTests.federation()
        defer { Task { await federation.stop() } }
        let old = federation.national.test.registry
        let (charter, signature) = try Self.charter()
        _ = try await old.setCharter(network: "uk-ireland", bytes: charter, signature: signature)
        try await old.suspend(network: "uk-ireland", groupId: federation.national.groups[1].sample.id, reason: "Meetings paused")
        let invite = try await old.invite(network: "uk-ireland", role: .admin)
        _ = try await old.acceptInvite(token: invite.token, login: "sam", name: "Sam", passphrase: "a long volunteer passphrase")
        _ = try await federation.follow()
        let before = try await old.groups(network: "uk-ireland")
        let oldDirectory = try NetworkDirectoryReader.read(Data(try await federation.national.fetch("directory.xml").body.utf8))

        // The move is announced in the old directory first, then the network is exported and imported.
        let new = try TestRegistry()
        let newServer = try await RunningServer.start(new.registry)
        defer { Task { await newServer.stop(); await new.shutdown() } }
        let newURL = newServer.base + "/n/uk-ireland/directory.xml"
        try await old.setDirectoryMoved(network: "uk-ireland", to: newURL)
        let exported = try await old.exportNetwork(network: "uk-ireland")
        let report = try await new.registry.importNetwork(exported)
        #expect(report.groups == 2 && report.refusedGroups.isEmpty && report.charters == 1 && report.people == 1, "\(report)")

        let after = try await new.registry.groups(network: "uk-ireland")
        #expect(after.map(\.groupId) == before.map(\.groupId))
        #expect(after.map(\.membership) == before.map(\.membership))
        #expect(after.map(\.membershipReason) == before.map(\.membershipReason))
        #expect(after.map { $0.compliance?.tier } == before.map { $0.compliance?.tier }, "the same tiers under the same charter")
        #expect(after.map { $0.snapshot?.seq } == before.map { $0.snapshot?.seq })
        for group in federation.national.groups {
            #expect(try await new.registry.mirror(groupId: group.sample.id)?.bytes == old.mirror(groupId: group.sample.id)?.bytes, "the exact bytes")
            let status = try await new.registry.group(network: "uk-ireland", groupId: group.sample.id)
            #expect(status.pinnedKey?.keyId == group.sample.publicKey.keyIDHex)
        }
        #expect(try await new.registry.networkKeys(network: "uk-ireland").map(\.keyId) == old.networkKeys(network: "uk-ireland").map(\.keyId))
        #expect(try await new.registry.charterVersions(network: "uk-ireland").map(\.version) == old.charterVersions(network: "uk-ireland").map(\.version))
        let oldAudit = try await old.auditLog(network: "uk-ireland", limit: 1000).map(\.action)
        let newAudit = try await new.registry.auditLog(network: "uk-ireland", limit: 1000).map(\.action)
        #expect(Array(newAudit.dropFirst()) == oldAudit && newAudit.first == "network.imported", "the whole audit log, then the import")
        let signedIn = try await new.registry.signIn(login: "sam", passphrase: "a long volunteer passphrase", address: "127.0.0.1")
        guard case .signedIn = signedIn else { Issue.record("the person could not sign in on the new registry: \(signedIn)"); return }

        // The new registry needs the network's delegation to its own directory key; then the follower moves.
        let statement = try DelegationStatement.sign(directoryKey: try await new.registry.directoryKey(network: "uk-ireland"), network: "uk-ireland",
                                                     expires: new.clock.now.addingTimeInterval(90 * 86_400), with: DelegationRegistryTests.networkKey())
        _ = try await new.registry.setDelegation(network: "uk-ireland", keyFile: statement.keyFile, signature: statement.signature.fileContents)
        let moved = try await federation.international.registry.refreshFollows(force: true)
        let follow = try #require(try await federation.international.registry.follows(network: "intl").first)
        #expect(follow.url == newURL, "\(moved.map(\.line))")
        #expect(follow.sequence.map { $0 > 1000 } == true, "the new registry continues the directory above the old seq")
        let newDirectory = try NetworkDirectoryReader.read(Data(try await http("GET", newURL).body.utf8))
        #expect(newDirectory.id == oldDirectory.id, "the same directory continues")
        #expect(try await federation.international.registry.auditLog(network: "intl").contains { $0.action == "follow.moved" })
        #expect(try await federation.membership(federation.national.groups[0]) == .active)
    }

    @Test func aTamperedOrForeignExportIsRefusedAndEachBadGroupIsNamed() async throws {
        let published = try await SignedDirectoryTests.published()
        defer { Task { await published.stop() } }
        let exported = try await published.test.registry.exportNetwork(network: "uk-ireland")
        let target = try TestRegistry()
        defer { Task { await target.shutdown() } }
        for bad in [Data("not json".utf8), Data(#"{"format": "something else"}"#.utf8)] {
            do { _ = try await target.registry.importNetwork(bad); Issue.record("imported \(bad)") } catch let error as RegistryError {
                #expect("\(error)".split(separator: "\n").count == 1)
            }
        }
        // One byte of one group's feed changed in the file: that group is refused, the other arrives.
        var json = try JSONSerialization.jsonObject(with: exported) as! [String: Any]
        var groups = json["groups"] as! [[String: Any]]
        var snapshot = groups[0]["snapshot"] as! [String: Any]
        var bytes = Data(base64Encoded: snapshot["bytes"] as! String)!
        bytes[bytes.count / 2] ^= 0x20
        snapshot["bytes"] = bytes.base64EncodedString()
        groups[0]["snapshot"] = snapshot
        json["groups"] = groups
        let report = try await target.registry.importNetwork(try JSONSerialization.data(withJSONObject: json))
        #expect(report.groups == 1 && report.refusedGroups.count == 1, "\(report)")
        #expect(report.refusedGroups.first?.reason.contains("signature.invalid") == true, "\(report.refusedGroups)")
        do { _ = try await target.registry.importNetwork(exported); Issue.record("imported twice") } catch let error as RegistryError {
            #expect("\(error)".contains("already exists"))
        }
    }
}
