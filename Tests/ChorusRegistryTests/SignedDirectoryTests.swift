import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// `/n/NETWORK/directory.xml` and its signature: what the network lists, checked by a reader who holds only the
/// network's key; signed again when the listing changes or the signature is past half its life, never otherwise.
@Suite struct SignedDirectoryTests {
    struct Published {
        let test: TestRegistry
        let host: FeedHost
        let server: RunningServer
        let groups: [PublishedGroup]
        let networkKey: MinisignPublicKey

        func stop() async {
            await server.stop()
            await host.stop()
            await test.shutdown()
        }

        func fetch(_ path: String) async throws -> HTTPAnswer { try await http("GET", server.base + "/n/uk-ireland/" + path) }

        /// The directory as a follower reads it, from the four files the registry publishes.
        func read(previous: SignedDirectoryReader.Previous? = nil, at now: Date? = nil) async throws -> AcceptedDirectory {
            let document = try await fetch("directory.xml")
            #expect(document.status == 200)
            return try SignedDirectoryReader.read(
                Data(document.body.utf8), signatureFile: try await fetch("directory.xml.minisig").body,
                delegationKeyFile: Data(try await fetch("delegation.pub").body.utf8), delegationSignature: try await fetch("delegation.pub.minisig").body,
                networkKey: networkKey, network: "uk-ireland", now: now ?? test.clock.now, previous: previous)
        }
    }

    /// A network with its key pinned and its directory delegated to this registry, listing two sample groups.
    static func published(_ names: [String] = ["sheffield-central-voices", "bronx-voces"], loops: Bool = false) async throws -> Published {
        let test = try TestRegistry()
        let registry = test.registry
        let (host, _, groups) = try await PublishedGroup.start(names)
        try await registry.createNetwork(slug: "uk-ireland", name: "UK and Ireland", policy: .open)
        _ = try await registry.pinNetworkKey(network: "uk-ireland", publicKey: NetworkKeyTests.networkKey("uk-ireland"))
        let statement = try DelegationStatement.sign(directoryKey: try await registry.directoryKey(network: "uk-ireland"), network: "uk-ireland",
                                                     expires: test.clock.now.addingTimeInterval(90 * 86_400), with: DelegationRegistryTests.networkKey())
        _ = try await registry.setDelegation(network: "uk-ireland", keyFile: statement.keyFile, signature: statement.signature.fileContents)
        for group in groups {
            _ = try await registry.enroll(network: "uk-ireland", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
        }
        let server = try await RunningServer.start(registry) { $0.harvest = loops }
        return Published(test: test, host: host, server: server, groups: groups,
                         networkKey: try MinisignPublicKey(fileContents: NetworkKeyTests.networkKey("uk-ireland")))
    }

    @Test func aFollowerWithOnlyTheNetworksKeyReadsEveryListedGroupAndItsExactFeed() async throws {
        let published = try await Self.published()
        defer { Task { await published.stop() } }
        let accepted = try await published.read()
        #expect(accepted.claim.sequence == 1 && !accepted.isRepeat)
        #expect(accepted.directory.network == "uk-ireland" && accepted.directory.name == "UK and Ireland")
        #expect(accepted.directory.entries.map(\.groupId) == published.groups.map(\.sample.id).sorted())
        for group in published.groups {
            let entry = try #require(accepted.directory.entries.first { $0.groupId == group.sample.id })
            #expect(entry.title == group.sample.feed.title)
            #expect(entry.key == NetworkDirectory.ListedKey(id: group.sample.publicKey.keyIDHex, base64: group.sample.publicKey.base64))
            #expect(entry.feed.origin == group.feedURL && entry.feed.seq == 1)
            #expect(entry.feed.sha256 == FeedDigest.sha256(group.sample.bytes))
            #expect(entry.feed.mirror.hasPrefix("/mirror/"), "the registry's own addresses are relative to the directory")
            let mirrored = try await http("GET", published.server.base + entry.feed.mirror)
            let signature = try await http("GET", published.server.base + entry.feed.mirror + ".minisig")
            let verified = try FeedVerifier.verify(Data(mirrored.body.utf8), signatureFile: signature.body, publicKey: group.sample.publicKey,
                                                   context: VerificationContext(expectedGroupID: entry.groupId, now: published.test.clock.now))
            #expect(FeedDigest.sha256(verified.bytes) == entry.feed.sha256, "the mirror serves the bytes the directory names")
        }
        let again = try await published.read(previous: .init(sequence: 1, sha256: FeedDigest.sha256(accepted.bytes)))
        #expect(again.claim.sequence == 1 && again.isRepeat, "nothing changed, so nothing was signed again")
    }

    @Test func conditionalGetAndGzip() async throws {
        let published = try await Self.published()
        defer { Task { await published.stop() } }
        let first = try await published.fetch("directory.xml")
        let tag = try #require(first.headers["etag"])
        #expect(first.headers["content-type"] == "application/atom+xml; charset=utf-8")
        #expect(try await http("GET", published.server.base + "/n/uk-ireland/directory.xml", headers: ["If-None-Match": tag]).status == 304)
        let zipped = try await httpBytes(published.server.base + "/n/uk-ireland/directory.xml", headers: ["Accept-Encoding": "gzip"])
        #expect(zipped.headers["content-encoding"] == "gzip" && zipped.body.prefix(2) == Data([0x1F, 0x8B]))
        #expect(zipped.body.count < first.body.utf8.count)
        let signature = try await published.fetch("directory.xml.minisig")
        let signatureTag = try #require(signature.headers["etag"])
        #expect(try await http("GET", published.server.base + "/n/uk-ireland/directory.xml.minisig", headers: ["If-None-Match": signatureTag]).status == 304)
        #expect(try await http("GET", published.server.base + "/n/nowhere/directory.xml").status == 404)
        #expect(try await http("GET", published.server.base + "/n/nowhere/directory.xml.minisig").status == 404)
    }

    @Test func aChangeOrAnAgeingSignatureIsSignedWithAHigherSeqAndOlderDirectoriesAreRefused() async throws {
        let published = try await Self.published()
        defer { Task { await published.stop() } }
        let registry = published.test.registry
        let first = try await published.read()
        let firstSignature = try await published.fetch("directory.xml.minisig").body

        try await registry.suspend(network: "uk-ireland", groupId: published.groups[0].sample.id, reason: "Meetings paused")
        let second = try await published.read(previous: .init(sequence: 1, sha256: FeedDigest.sha256(first.bytes)))
        #expect(second.claim.sequence == 2)
        #expect(second.directory.entries.map(\.groupId) == [published.groups[1].sample.id], "a suspended group is not listed")
        let changes = try await published.fetch("changes.atom").body
        #expect(changes.contains("<at:deleted-entry ref=\"\(published.groups[0].sample.id)\" when="), "the change feed says who left (RFC 6721)")
        if let xmllint = ExternalTool.find("xmllint") {
            let file = try scratchDirectory() + "/changes.atom"
            try Data(changes.utf8).write(to: URL(fileURLWithPath: file))
            let result = try Run.program(xmllint, ["--noout", "--relaxng", Repository.path("Federation/schema/atom.rng"), file])
            #expect(result.status == 0, "\(result.error)")
        }

        // A middle that serves the first directory again, after the follower has seen the second.
        let delegationKeyFile = Data(try await published.fetch("delegation.pub").body.utf8)
        let delegationSignature = try await published.fetch("delegation.pub.minisig").body
        do {
            _ = try SignedDirectoryReader.read(
                first.bytes, signatureFile: firstSignature, delegationKeyFile: delegationKeyFile, delegationSignature: delegationSignature,
                networkKey: published.networkKey, network: "uk-ireland", now: published.test.clock.now,
                previous: .init(sequence: 2, sha256: FeedDigest.sha256(second.bytes)))
            Issue.record("an older directory was accepted")
        } catch {
            #expect(error.code == "claim.rollback", "\(error)")
        }

        published.test.clock.advance(3 * 86_400)
        #expect(try await published.read().claim.sequence == 2, "three days on, the signature is not yet due")
        published.test.clock.advance(86_400 + 60)
        let renewed = try await published.read()
        #expect(renewed.claim.sequence == 3 && renewed.bytes == second.bytes, "past half its life it is signed again, the same bytes under a new seq")
        #expect(renewed.claim.expires > published.test.clock.now.addingTimeInterval(6 * 86_400))

        published.test.clock.advance(5 * 86_400)
        #expect(try await registry.refreshSignedDirectories() == 1, "the hourly pass renews it without anyone asking")
        #expect(try await registry.refreshSignedDirectories() == 0)
        published.test.clock.advance(8 * 86_400)
        do {
            _ = try SignedDirectoryReader.read(renewed.bytes, signatureFile: firstSignature, delegationKeyFile: delegationKeyFile,
                                               delegationSignature: delegationSignature, networkKey: published.networkKey,
                                               network: "uk-ireland", now: published.test.clock.now)
            Issue.record("a directory with another's signature was accepted")
        } catch {
            #expect(error.code == "signature.invalid", "\(error)")
        }
    }

    @Test func theDirectoryValidatesAgainstItsSchemaAndVerifiesWithMinisign() async throws {
        let published = try await Self.published()
        defer { Task { await published.stop() } }
        let folder = try scratchDirectory()
        try Data(try await published.fetch("directory.xml").body.utf8).write(to: URL(fileURLWithPath: folder + "/directory.xml"))
        try Data(try await published.fetch("directory.xml.minisig").body.utf8).write(to: URL(fileURLWithPath: folder + "/directory.xml.minisig"))
        try Data(try await published.fetch("directory-key.pub").body.utf8).write(to: URL(fileURLWithPath: folder + "/directory-key.pub"))
        try Data(try await published.fetch("delegation.pub").body.utf8).write(to: URL(fileURLWithPath: folder + "/delegation.pub"))
        try Data(try await published.fetch("delegation.pub.minisig").body.utf8).write(to: URL(fileURLWithPath: folder + "/delegation.pub.minisig"))
        if let xmllint = ExternalTool.find("xmllint") {
            let result = try Run.program(xmllint, ["--noout", "--relaxng", Repository.path("Federation/schema/network-directory.rng"), folder + "/directory.xml"])
            #expect(result.status == 0, "\(result.error)")
        }
        guard let minisign = ExternalTool.find("minisign") else { return }
        let delegation = try Run.program(minisign, ["-V", "-p", Repository.path("Feeds/keys/network-uk-ireland.pub"), "-m", folder + "/delegation.pub"])
        #expect(delegation.status == 0, "\(delegation.error)")
        let directory = try Run.program(minisign, ["-V", "-p", folder + "/delegation.pub", "-m", folder + "/directory.xml"])
        #expect(directory.status == 0 && directory.output.contains("chorus-directory v1 network=uk-ireland seq=1 expires="), "\(directory.error)")
    }
}
