import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// The registry's directory key for a network, and the network's statement delegating to it: refused unless the
/// network's pinned key signed it for this registry's key and it has not expired, then published byte for byte.
@Suite struct DelegationRegistryTests {
    static func networkKey() throws -> MinisignSecretKey {
        try MinisignSecretKey(fileContents: String(contentsOfFile: Repository.path("Feeds/keys/network-uk-ireland.key"), encoding: .utf8))
    }

    func refusal(_ body: () async throws -> Delegation) async -> String? {
        do { _ = try await body(); return nil } catch { return "\(error)" }
    }

    @Test func onlyTheNetworksKeyDelegatesToThisRegistrysDirectoryKey() async throws {
        let test = try TestRegistry()
        let registry = test.registry
        try await registry.createNetwork(slug: "uk-ireland", name: "UK and Ireland", policy: .open)
        let directoryKey = try await registry.directoryKey(network: "uk-ireland")
        #expect(try await registry.directoryKey(network: "uk-ireland") == directoryKey, "made once, then kept")
        let until = test.clock.now.addingTimeInterval(30 * 86_400)
        let good = try DelegationStatement.sign(directoryKey: directoryKey, network: "uk-ireland", expires: until, with: Self.networkKey())

        let unpinned = await refusal { try await registry.setDelegation(network: "uk-ireland", keyFile: good.keyFile, signature: good.signature.fileContents) }
        #expect(unpinned?.contains("no pinned key") == true, "\(unpinned ?? "accepted")")
        _ = try await registry.pinNetworkKey(network: "uk-ireland", publicKey: NetworkKeyTests.networkKey("uk-ireland"))

        let stranger = try DelegationStatement.sign(directoryKey: directoryKey, network: "uk-ireland", expires: until, with: MinisignSecretKey.generate())
        #expect(await refusal { try await registry.setDelegation(network: "uk-ireland", keyFile: stranger.keyFile, signature: stranger.signature.fileContents) }?
            .contains("signature.key-id-mismatch") == true)
        let otherKey = try DelegationStatement.sign(directoryKey: MinisignSecretKey.generate().publicKey, network: "uk-ireland", expires: until, with: Self.networkKey())
        #expect(await refusal { try await registry.setDelegation(network: "uk-ireland", keyFile: otherKey.keyFile, signature: otherKey.signature.fileContents) }?
            .contains("this registry's directory key for uk-ireland is \(directoryKey.keyIDHex)") == true)
        let otherNetwork = try DelegationStatement.sign(directoryKey: directoryKey, network: "usa", expires: until, with: Self.networkKey())
        #expect(await refusal { try await registry.setDelegation(network: "uk-ireland", keyFile: otherNetwork.keyFile, signature: otherNetwork.signature.fileContents) }?
            .contains("claim.wrong-network") == true)
        let huge = Data(count: 1 << 20)
        #expect(await refusal { try await registry.setDelegation(network: "uk-ireland", keyFile: huge, signature: good.signature.fileContents) } != nil)
        #expect(try await registry.delegation(network: "uk-ireland") == nil, "nothing refused was kept")

        let set = try await registry.setDelegation(network: "uk-ireland", keyFile: good.keyFile, signature: good.signature.fileContents, actor: .commandLine)
        #expect(Timestamp.format(set.expires) == Timestamp.format(until))
        #expect(try await registry.auditLog(network: "uk-ireland").contains { $0.action == "network.delegation-set" })

        let server = try await RunningServer.start(registry)
        defer { Task { await server.stop() } }
        let keyFile = try await http("GET", server.base + "/n/uk-ireland/delegation.pub")
        let signature = try await http("GET", server.base + "/n/uk-ireland/delegation.pub.minisig")
        #expect(keyFile.status == 200 && Data(keyFile.body.utf8) == good.keyFile)
        #expect(signature.body == good.signature.fileContents)
        #expect(try await http("GET", server.base + "/n/uk-ireland/directory-key.pub").body == directoryKey.fileContents)
        let delegated = try DelegationStatement.verify(keyFile: Data(keyFile.body.utf8), signatureFile: signature.body,
                                                       networkKey: try MinisignPublicKey(fileContents: NetworkKeyTests.networkKey("uk-ireland")),
                                                       network: "uk-ireland", now: test.clock.now)
        #expect(delegated.key == directoryKey, "a reader with only the network's key reaches the directory key")

        try await registry.createNetwork(slug: "usa", name: "USA", policy: .open)
        #expect(try await http("GET", server.base + "/n/usa/delegation.pub").status == 404)
        #expect(try await http("GET", server.base + "/n/nowhere/directory-key.pub").status == 404)
        #expect(try await registry.directoryKey(network: "usa") != directoryKey, "one key per network")

        test.clock.advance(31 * 86_400)
        let late = await refusal { try await registry.setDelegation(network: "uk-ireland", keyFile: good.keyFile, signature: good.signature.fileContents) }
        #expect(late?.contains("claim.expired") == true)
    }
}
