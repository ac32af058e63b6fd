import ChorusCharter
import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// The network's own key: pinned once, it decides which charters the registry takes for the network.
@Suite struct NetworkKeyTests {
    static func networkKey(_ slug: String) throws -> String {
        try String(contentsOfFile: Repository.path("Feeds/keys/network-\(slug).pub"), encoding: .utf8)
    }

    static func kenya() async throws -> TestRegistry {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "kenya", name: "Kenya", policy: .open)
        return test
    }

    @Test func aPinnedKeyMustSignEveryCharter() async throws {
        let test = try await Self.kenya()
        let key = try await test.registry.pinNetworkKey(network: "kenya", publicKey: Self.networkKey("kenya"))
        let (bytes, signature) = try ComplianceTests.charter("kenya")

        await #expect(throws: RegistryError.self) { try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: nil) }
        let stranger = MinisignSecretKey.generate()
        let forged = try CharterSigner.sign(bytes, charter: try CharterReader.read(bytes), with: stranger).fileContents
        do {
            _ = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: forged)
            Issue.record("a charter signed by another key was set")
        } catch let error as RegistryError {
            guard case .invalid(.signature, let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains(key.keyId) && message.contains("does not check out"), "\(message)")
        }
        var altered = bytes
        altered.append(contentsOf: Array("\n<!-- changed -->\n".utf8))
        await #expect(throws: RegistryError.self) { try await test.registry.setCharter(network: "kenya", bytes: altered, signature: signature) }
        await #expect(try test.registry.charterVersions(network: "kenya").isEmpty, "a refused charter leaves nothing behind")
        await #expect(try !test.registry.auditLog(network: "kenya").contains { $0.action == "charter.set" })

        let check = try await test.registry.checkCharterSignature(network: "kenya", bytes: bytes, signature: signature)
        #expect(check == .verified(keyId: key.keyId))
        _ = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature)
        let versions = try await test.registry.charterVersions(network: "kenya")
        #expect(versions.map(\.verifiedKeyId) == [key.keyId])
        await #expect(try test.registry.auditLog(network: "kenya").contains {
            $0.action == "charter.set" && ($0.detail ?? "").contains("signed with network key \(key.keyId)")
        })
    }

    @Test func withoutAPinnedKeyACharterIsTakenAsBefore() async throws {
        let test = try await Self.kenya()
        let (bytes, _) = try ComplianceTests.charter("kenya")
        await #expect(try test.registry.checkCharterSignature(network: "kenya", bytes: bytes, signature: nil) == .noKeyPinned(signed: false))
        _ = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: nil)
        await #expect(try test.registry.charterVersions(network: "kenya").map(\.verifiedKeyId) == [nil])
    }

    @Test func aPinnedKeyIsReplacedOnlyByTheOperatorAndKeptInTheHistory() async throws {
        let test = try await Self.kenya()
        let first = try await test.registry.pinNetworkKey(network: "kenya", publicKey: Self.networkKey("kenya"), actor: .init("person:1 (admin)"))
        _ = try await test.registry.pinNetworkKey(network: "kenya", publicKey: Self.networkKey("kenya"))
        await #expect(try test.registry.auditLog(network: "kenya").filter { $0.action.hasPrefix("network.key") }.count == 1,
                      "pinning the key in force again changes nothing")
        do {
            _ = try await test.registry.pinNetworkKey(network: "kenya", publicKey: Self.networkKey("usa"))
            Issue.record("a second key replaced the first without --replace")
        } catch RegistryError.conflict(.keyPinned, let message) {
            #expect(message.contains(first.keyId) && message.contains("--replace"))
        }
        let second = try await test.registry.pinNetworkKey(network: "kenya", publicKey: Self.networkKey("usa"), replacing: true)
        let keys = try await test.registry.networkKeys(network: "kenya")
        #expect(keys.map(\.keyId) == [second.keyId, first.keyId])
        #expect(keys.map(\.inForce) == [true, false])
        #expect(keys[1].pinnedBy == "person:1 (admin)")
        await #expect(try test.registry.auditLog(network: "kenya").contains { $0.action == "network.key-replaced" && ($0.detail ?? "").contains(second.fingerprint) })

        let (bytes, signature) = try ComplianceTests.charter("kenya")
        await #expect(throws: RegistryError.self, "the charter signed by the retired key is refused") {
            try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature)
        }
    }

    @Test func aKeyThatIsNotAPublicKeyIsRefusedInOneLine() async throws {
        let test = try await Self.kenya()
        for text in ["", "not a key", String(repeating: "A", count: 10_000), try Self.networkKey("kenya").replacingOccurrences(of: "RW", with: "QQ"),
                     try String(contentsOfFile: Repository.path("Feeds/keys/network-kenya.key"), encoding: .utf8)] {
            do {
                _ = try await test.registry.pinNetworkKey(network: "kenya", publicKey: text)
                Issue.record("pinned \(text.prefix(30))")
            } catch RegistryError.invalid(.key, let message) {
                #expect(!message.contains("\n"), "\(message)")
            }
        }
        await #expect(try test.registry.networkKeys(network: "kenya").isEmpty)
    }

    @Test func theOperatorPinsTheKeyWithTheCommandLine() async throws {
        let directory = try scratchDirectory()
        let db = directory + "/registry.sqlite"
        let charter = Repository.path("Federation/charters/kenya.xml")
        var result = try await Run.chorusAsync("network", "create", "kenya", "--name", "Kenya", "--db", db)
        #expect(result.status == 0, "\(result.error)")
        result = try await Run.chorusAsync("network", "key", "kenya", "--db", db)
        #expect(result.status == 0 && result.output.contains("no key pinned"))
        result = try await Run.chorusAsync("network", "key", "kenya", "--pub", Repository.path("Feeds/keys/network-kenya.pub"), "--db", db)
        #expect(result.status == 0 && result.output.contains("pinned, fingerprint"), "\(result.error)")
        result = try await Run.chorusAsync("network", "key", "kenya", "--pub", Repository.path("Feeds/keys/network-usa.pub"), "--db", db)
        #expect(result.status == 1 && result.error.contains("--replace") && result.error.split(separator: "\n").count == 1, "\(result.error)")

        let unsigned = directory + "/kenya.xml"
        try FileManager.default.copyItem(atPath: charter, toPath: unsigned)
        result = try await Run.chorusAsync("network", "charter", "kenya", unsigned, "--db", db)
        #expect(result.status == 1 && result.error.contains("must carry its signature") && result.error.split(separator: "\n").count == 1, "\(result.error)")
        result = try await Run.chorusAsync("network", "charter", "kenya", charter, "--db", db)
        #expect(result.status == 0 && result.output.contains("charter version 2026.1 set"), "\(result.error)")

        result = try await Run.chorusAsync("network", "key", "kenya", "--pub", Repository.path("Feeds/keys/network-usa.pub"), "--replace", "--db", db)
        #expect(result.status == 0, "\(result.error)")
        result = try await Run.chorusAsync("network", "key", "kenya", "--db", db)
        #expect(result.output.split(separator: "\n").count == 2 && result.output.contains("(in force)") && result.output.contains("replaced"), "\(result.output)")
    }
}
