import ChorusFeed
import Foundation
import Testing

/// The network directory document and its acceptance path: the delegation, the signature by the delegated key, the
/// claim, then the document; each way a directory can be wrong is refused with its own code.
@Suite struct NetworkDirectoryTests {
    let network = MinisignSecretKey.generate()
    let directoryKey = MinisignSecretKey.generate()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    let key = MinisignSecretKey.generate().publicKey
    let next = MinisignSecretKey.generate().publicKey

    var sample: NetworkDirectory {
        let entry = NetworkDirectory.Entry(
            groupId: "urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455", title: "Riverside <Voices> & friends", updated: now, listedSince: now,
            tier: "full", tierName: "Full member", stale: false,
            feed: .init(origin: "https://riverside.example/feed.xml", mirror: "/mirror/urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455/feed.xml",
                        seq: 12, sha256: String(repeating: "ab", count: 32), expires: now.addingTimeInterval(86_400)),
            key: .init(id: key.keyIDHex, base64: key.base64), nextKey: .init(id: next.keyIDHex, base64: next.base64))
        var hosted = entry
        hosted.groupId = "urn:uuid:00000000-0000-4000-8000-000000000001"
        hosted.feed.origin = nil
        hosted.nextKey = nil
        hosted.stale = true
        hosted.tier = nil
        hosted.tierName = nil
        return NetworkDirectory(id: "urn:uuid:11111111-2222-4333-8444-555555555555", network: "uk-ireland", name: "UK & Ireland",
                                charterVersion: "2026.1", updated: now,
                                gathers: [.init(id: "urn:uuid:99999999-2222-4333-8444-555555555555", network: "ireland")],
                                movedTo: "https://new.example.org/n/uk-ireland/directory.xml", entries: [entry, hosted])
    }

    func delegation(network slug: String = "uk-ireland") throws -> (keyFile: Data, signature: String) {
        let (keyFile, signature) = try DelegationStatement.sign(directoryKey: directoryKey.publicKey, network: slug,
                                                                expires: now.addingTimeInterval(180 * 86_400), with: network)
        return (keyFile, signature.fileContents)
    }

    func sign(_ bytes: Data, seq: UInt64 = 5, network slug: String = "uk-ireland", expires: Date? = nil, with key: MinisignSecretKey? = nil) throws -> String {
        let claim = DirectoryClaim(network: slug, sequence: seq, expires: expires ?? now.addingTimeInterval(7 * 86_400))
        return try MinisignSignature.sign(bytes, with: key ?? directoryKey, trustedComment: claim.trustedComment, untrustedComment: "directory").fileContents
    }

    func code(_ bytes: Data, _ signature: String, delegation given: (keyFile: Data, signature: String)? = nil, slug: String = "uk-ireland",
              previous: SignedDirectoryReader.Previous? = nil, maximumBytes: Int = NetworkDirectoryReader.maximumBytes) throws -> String? {
        let statement = try given ?? delegation()
        do {
            _ = try SignedDirectoryReader.read(bytes, signatureFile: signature, delegationKeyFile: statement.keyFile, delegationSignature: statement.signature,
                                               networkKey: network.publicKey, network: slug, now: now, previous: previous, maximumBytes: maximumBytes)
            return nil
        } catch { return error.code }
    }

    @Test func theDocumentReadsBackAsWritten() throws {
        let bytes = NetworkDirectoryWriter.write(sample)
        #expect(try NetworkDirectoryReader.read(bytes) == sample)
        #expect(NetworkDirectoryWriter.write(sample) == bytes, "the same directory is the same bytes")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("<fh:complete/>") && text.contains("Riverside &lt;Voices&gt; &amp; friends"))
    }

    @Test func aGoodDirectoryIsAcceptedAndARepeatIsKnown() throws {
        let bytes = NetworkDirectoryWriter.write(sample)
        let statement = try delegation()
        let accepted = try SignedDirectoryReader.read(bytes, signatureFile: try sign(bytes), delegationKeyFile: statement.keyFile,
                                                      delegationSignature: statement.signature, networkKey: network.publicKey, network: "uk-ireland", now: now)
        #expect(accepted.claim.sequence == 5 && accepted.directory == sample && !accepted.isRepeat)
        let again = try SignedDirectoryReader.read(bytes, signatureFile: try sign(bytes), delegationKeyFile: statement.keyFile, delegationSignature: statement.signature,
                                                   networkKey: network.publicKey, network: "uk-ireland", now: now,
                                                   previous: .init(sequence: 5, sha256: FeedDigest.sha256(bytes)))
        #expect(again.isRepeat)
    }

    @Test func everyWayADirectoryCanBeWrongHasItsCode() throws {
        let bytes = NetworkDirectoryWriter.write(sample)
        var changed = bytes
        changed[changed.count / 2] ^= 0x01
        #expect(try code(changed, sign(bytes)) == "signature.invalid", "one byte changed in the middle")
        #expect(try code(bytes, sign(bytes, with: network)) == "signature.key-id-mismatch", "signed by the network's own key, not the delegated one")
        #expect(try code(bytes, sign(bytes, with: MinisignSecretKey.generate())) == "signature.key-id-mismatch", "a key nobody delegated to")
        #expect(try code(bytes, sign(bytes, network: "usa")) == "claim.wrong-network")
        #expect(try code(bytes, sign(bytes), delegation: delegation(network: "usa")) == "claim.wrong-network", "a delegation for another network")
        #expect(try code(bytes, sign(bytes, expires: now.addingTimeInterval(-1))) == "claim.expired")
        #expect(try code(bytes, sign(bytes), previous: .init(sequence: 6, sha256: "")) == "claim.rollback")
        #expect(try code(bytes, sign(bytes), previous: .init(sequence: 5, sha256: String(repeating: "0", count: 64))) == "claim.replay")
        #expect(try code(bytes, sign(bytes), maximumBytes: 1000) == "directory.too-large")
        let feedClaim = try MinisignSignature.sign(bytes, with: directoryKey, trustedComment: "chorus-feed v1 group=urn:uuid:x seq=1 expires=2099-01-01T00:00:00Z",
                                                   untrustedComment: "x").fileContents
        #expect(try code(bytes, feedClaim) == "claim.malformed", "a feed's claim is never a directory's")
        #expect(try code(bytes, "not a signature") == "signature.truncated")

        var otherNetwork = sample
        otherNetwork.network = "usa"
        let other = NetworkDirectoryWriter.write(otherNetwork)
        #expect(try code(other, sign(other)) == "claim.wrong-network", "the document is another network than its claim")
    }

    @Test(arguments: [
        ("<!DOCTYPE feed [<!ENTITY x 'y'>]><feed xmlns='http://www.w3.org/2005/Atom'/>", "xml.doctype"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><id>x</id>", "xml.malformed"),
        ("<rss/>", "directory.not-a-directory"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'><d:network xmlns:d='urn:chorus:network-directory:1' slug='uk-ireland'/></feed>", "directory.incomplete"),
    ])
    func hostileOrBrokenDocumentsAreRefusedAfterTheirSignatureChecks(text: String, expected: String) throws {
        let bytes = Data(text.utf8)
        let found = try code(bytes, sign(bytes))
        #expect(found == expected || (expected == "xml.malformed" && found?.hasPrefix("xml.") == true), "\(found ?? "accepted")")
    }

    @Test func aGroupListedTwiceOrAnEntryMissingItsKeyIsRefused() throws {
        var twice = sample
        twice.entries.append(twice.entries[0])
        let doubled = NetworkDirectoryWriter.write(twice)
        #expect(try code(doubled, sign(doubled)) == "directory.duplicate")
        let text = String(decoding: NetworkDirectoryWriter.write(sample), as: UTF8.self)
        let keyless = Data(text.replacingOccurrences(of: #"<d:key id="[0-9A-F]+">[^<]+</d:key>"#, with: "", options: .regularExpression).utf8)
        #expect(try code(keyless, sign(keyless)) == "directory.missing")
        let badDigest = Data(text.replacingOccurrences(of: String(repeating: "ab", count: 32), with: "zz").utf8)
        #expect(try code(badDigest, sign(badDigest)) == "directory.invalid")
    }

    @Test func everyDirectoryCodeIsSpecified() throws {
        let source = try Repository.text("Sources/ChorusFeed/Directory/NetworkDirectoryReader.swift")
        let spec = try Repository.text("Federation/federation.md")
        let codes = source.matches(of: /problem\("([a-z-]+)"/).map { "directory." + String($0.output.1) } + ["directory.too-large", "follow.loop"]
        #expect(codes.count > 5)
        for code in Set(codes) { #expect(spec.contains("`\(code)`"), "federation.md does not list \(code)") }
    }
}
