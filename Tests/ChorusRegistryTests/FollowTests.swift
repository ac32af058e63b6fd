import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Hummingbird
import Testing

/// An international registry follows a national network's signed directory over loopback HTTP: every group arrives
/// with the national registry's exact bytes, checked against the group's own key, under the follower's own charter;
/// changes, rotations and departures follow; and a hostile registry in the middle can withhold but never forge.
@Suite struct FollowTests {
    struct Federation {
        let national: SignedDirectoryTests.Published
        let international: TestRegistry

        var directoryURL: String { national.server.base + "/n/uk-ireland/directory.xml" }

        func stop() async {
            await national.stop()
            await international.shutdown()
        }

        func follow(_ url: String? = nil) async throws -> FollowReport {
            try await international.registry.follow(network: "intl", directoryURL: url ?? directoryURL, networkKey: national.networkKey)
        }

        func membership(_ group: PublishedGroup) async throws -> MembershipStatus {
            try await international.registry.group(network: "intl", groupId: group.sample.id).membership
        }
    }

    static func federation(_ names: [String] = ["sheffield-central-voices", "newcastle-harbour-voices"], loops: Bool = false) async throws -> Federation {
        let national = try await SignedDirectoryTests.published(names, loops: loops)
        let international = try TestRegistry()
        try await international.registry.createNetwork(slug: "intl", name: "International", policy: .open)
        return Federation(national: national, international: international)
    }

    @Test func everyGroupArrivesWithTheNationalBytesAndFollowsEachChange() async throws {
        let federation = try await Self.federation()
        defer { Task { await federation.stop() } }
        let national = federation.national.test.registry
        let international = federation.international.registry
        let (sheffield, newcastle) = (federation.national.groups[0], federation.national.groups[1])

        let first = try await federation.follow()
        #expect(first.outcome == .accepted && first.joined == 2 && first.held.isEmpty, "\(first.line)")
        for group in [sheffield, newcastle] {
            let here = try #require(try await international.mirror(groupId: group.sample.id))
            let there = try #require(try await national.mirror(groupId: group.sample.id))
            #expect(here.bytes == there.bytes && here.signature == there.signature, "the same bytes and signature")
            #expect(try await federation.membership(group) == .active)
        }
        let again = try await international.refreshFollows(force: true)
        #expect(again.map(\.outcome) == [.unchanged] && again[0].updated == 0, "\(again.map(\.line))")

        // A group publishes a new version at its origin; the national registry takes it; so does the follower.
        try sheffield.publish(sheffield.sample.version(2), seq: 2)
        _ = try await national.harvestPass(force: true)
        var report = try await international.refreshFollows(force: true)[0]
        #expect(report.outcome == .accepted && report.updated == 1, "\(report.line)")
        #expect(try await international.mirror(groupId: sheffield.sample.id)?.bytes == sheffield.sample.version(2))

        // A key rotation announced in the group's own feed is followed; a key it never announced is not.
        let nextKey = try MinisignSecretKey(fileContents: String(contentsOfFile: Repository.path("Feeds/keys/newcastle-harbour-voices-next.key"), encoding: .utf8))
        try newcastle.publish(newcastle.sample.version(3), seq: 3, key: nextKey)
        _ = try await national.harvestPass(force: true)
        report = try await international.refreshFollows(force: true)[0]
        #expect(report.updated == 1 && report.held.isEmpty, "\(report.line) \(report.held)")
        #expect(try await international.group(network: "intl", groupId: newcastle.sample.id).pinnedKey?.keyId == nextKey.publicKey.keyIDHex)

        // Suspended at the national registry: it leaves the national directory, and so the international network.
        try await national.suspend(network: "uk-ireland", groupId: sheffield.sample.id, reason: "Meetings paused")
        report = try await international.refreshFollows(force: true)[0]
        #expect(report.removed == 1, "\(report.line)")
        let left = try await international.group(network: "intl", groupId: sheffield.sample.id)
        #expect(left.membership == .removed && left.membershipReason?.contains("no longer listed by uk-ireland") == true)

        // Approved again, it comes back.
        _ = try await national.approve(network: "uk-ireland", groupId: sheffield.sample.id)
        report = try await international.refreshFollows(force: true)[0]
        #expect(report.joined == 1, "\(report.line)")
        #expect(try await federation.membership(sheffield) == .active)

        let follows = try await international.follows(network: "intl")
        #expect(follows.count == 1 && follows[0].groups == 2 && !follows[0].stale && follows[0].remoteNetwork == "uk-ireland")
    }

    @Test func aGroupListedByTwoFollowedNetworksIsOneGroupAndLeavesOnlyWhenNeitherListsIt() async throws {
        let federation = try await Self.federation()
        defer { Task { await federation.stop() } }
        let national = federation.national.test.registry
        let international = federation.international.registry
        let sheffield = federation.national.groups[0]
        try await national.createNetwork(slug: "usa", name: "USA", policy: .open)
        _ = try await national.pinNetworkKey(network: "usa", publicKey: NetworkKeyTests.networkKey("usa"))
        let usaKey = try MinisignSecretKey(fileContents: String(contentsOfFile: Repository.path("Feeds/keys/network-usa.key"), encoding: .utf8))
        let statement = try DelegationStatement.sign(directoryKey: try await national.directoryKey(network: "usa"), network: "usa",
                                                     expires: federation.national.test.clock.now.addingTimeInterval(90 * 86_400), with: usaKey)
        _ = try await national.setDelegation(network: "usa", keyFile: statement.keyFile, signature: statement.signature.fileContents)
        _ = try await national.enroll(network: "usa", feedURL: sheffield.feedURL, publicKey: sheffield.sample.publicKeyFile)

        #expect(try await federation.follow().joined == 2)
        let second = try await international.follow(network: "intl", directoryURL: federation.national.server.base + "/n/usa/directory.xml",
                                                    networkKey: usaKey.publicKey)
        #expect(second.outcome == .accepted && second.joined == 0 && second.held.isEmpty, "already a member: \(second.line)")
        #expect(try await international.groups(network: "intl").count == 2, "one group, however many followed networks list it")

        try await national.suspend(network: "uk-ireland", groupId: sheffield.sample.id, reason: "Paused")
        var reports = try await international.refreshFollows(force: true)
        #expect(reports.map(\.removed).reduce(0, +) == 0, "still listed by usa: \(reports.map(\.line))")
        #expect(try await federation.membership(sheffield) == .active)

        try await national.suspend(network: "usa", groupId: sheffield.sample.id, reason: "Paused")
        reports = try await international.refreshFollows(force: true)
        #expect(reports.map(\.removed).reduce(0, +) == 1, "\(reports.map(\.line))")
        #expect(try await federation.membership(sheffield) == .removed)
    }

    @Test func theFollowersDirectoryGathersTheFollowedOneAndALoopIsRefused() async throws {
        let federation = try await Self.federation()
        defer { Task { await federation.stop() } }
        _ = try await federation.follow()
        let server = try await RunningServer.start(federation.international.registry)
        defer { Task { await server.stop() } }
        let international = federation.international.registry
        _ = try await international.pinNetworkKey(network: "intl", publicKey: NetworkKeyTests.networkKey("usa"))
        let usaKey = try MinisignSecretKey(fileContents: String(contentsOfFile: Repository.path("Feeds/keys/network-usa.key"), encoding: .utf8))
        let statement = try DelegationStatement.sign(directoryKey: try await international.directoryKey(network: "intl"), network: "intl",
                                                     expires: federation.international.clock.now.addingTimeInterval(90 * 86_400), with: usaKey)
        _ = try await international.setDelegation(network: "intl", keyFile: statement.keyFile, signature: statement.signature.fileContents)

        let nationalDirectory = try NetworkDirectoryReader.read(Data(try await federation.national.fetch("directory.xml").body.utf8))
        let intlDirectory = try NetworkDirectoryReader.read(Data(try await http("GET", server.base + "/n/intl/directory.xml").body.utf8))
        #expect(intlDirectory.gathers == [NetworkDirectory.Gathered(id: nationalDirectory.id, network: "uk-ireland")])
        #expect(Set(intlDirectory.entries.map(\.groupId)) == Set(nationalDirectory.entries.map(\.groupId)))

        let loop = try await federation.national.test.registry.follow(
            network: "uk-ireland", directoryURL: server.base + "/n/intl/directory.xml", networkKey: usaKey.publicKey)
        #expect(loop.outcome == .refused && loop.code == "follow.loop", "\(loop.line)")
        #expect(loop.line.split(separator: "\n").count == 1)
    }

    /// The national registry turned hostile, played by a server that serves what the test gives it, signed where
    /// needed with the national registry's own directory key.
    struct HostileMiddle {
        let files: ServedFiles
        let host: FeedHost
        let directoryKey: MinisignSecretKey

        var url: String { host.url("/n/uk-ireland/directory.xml") }

        static func start(copying federation: Federation) async throws -> HostileMiddle {
            let files = ServedFiles()
            let host = try await FeedHost.start { router in
                router.get("n/**") { request, _ in files.response(for: request) }
                router.get("mirror/**") { request, _ in files.response(for: request) }
            }
            let secret = try await federation.national.test.registry.database.pool.read { db in
                try String.fetchOne(db, sql: "SELECT secretKey FROM directoryKey")!
            }
            let middle = HostileMiddle(files: files, host: host, directoryKey: try MinisignSecretKey(fileContents: secret))
            try await middle.copy(federation)
            return middle
        }

        /// Serves what the national registry serves now, byte for byte.
        func copy(_ federation: Federation) async throws {
            for name in ["directory.xml", "directory.xml.minisig", "delegation.pub", "delegation.pub.minisig"] {
                files.set("/n/uk-ireland/" + name, Data(try await federation.national.fetch(name).body.utf8))
            }
            for group in federation.national.groups {
                let path = "/mirror/\(group.sample.id)/feed.xml"
                files.set(path, Data(try await http("GET", federation.national.server.base + path).body.utf8))
                files.set(path + ".minisig", Data(try await http("GET", federation.national.server.base + path + ".minisig").body.utf8))
            }
        }

        /// Serves `document` as the directory, signed with the national directory key under `claim`.
        func serve(_ document: Data, claim: DirectoryClaim) throws {
            files.set("/n/uk-ireland/directory.xml", document)
            files.set("/n/uk-ireland/directory.xml.minisig",
                      Data(try MinisignSignature.sign(document, with: directoryKey, trustedComment: claim.trustedComment, untrustedComment: "x").fileContents.utf8))
        }
    }

    @Test func aHostileMiddleCanWithholdButNeverForgeAndTheFollowerKeepsItsLastGoodState() async throws {
        let federation = try await Self.federation()
        defer { Task { await federation.stop() } }
        let middle = try await HostileMiddle.start(copying: federation)
        defer { Task { await middle.host.stop() } }
        let international = federation.international.registry
        let (sheffield, newcastle) = (federation.national.groups[0], federation.national.groups[1])
        let clock = federation.international.clock

        // One byte changed in one group's mirrored feed: that group is held, the other arrives.
        let path = "/mirror/\(sheffield.sample.id)/feed.xml"
        var tampered = sheffield.sample.bytes
        tampered[tampered.count / 2] ^= 0x20
        middle.files.set(path, tampered)
        let first = try await federation.follow(middle.url)
        #expect(first.outcome == .accepted && first.joined == 1, "\(first.line)")
        #expect(first.held.map(\.groupId) == [sheffield.sample.id] && first.held[0].reason.contains("signature.invalid"), "\(first.held)")
        try await middle.copy(federation)
        let healed = try await international.refreshFollows(force: true)[0]
        #expect(healed.joined == 1 && healed.held.isEmpty, "withheld, then served honestly: \(healed.line)")

        let good = try await international.follows(network: "intl")[0]
        let goodDirectory = try NetworkDirectoryReader.read(Data(try await federation.national.fetch("directory.xml").body.utf8))
        let goodSeq = try #require(good.sequence)
        // A directory that lists a group with a key the group never announced: the group is held, its pin stays.
        let stranger = MinisignSecretKey.generate().publicKey
        var forged = goodDirectory
        forged.entries[0].key = .init(id: stranger.keyIDHex, base64: stranger.base64)
        forged.entries[0].feed.seq += 1
        try middle.serve(NetworkDirectoryWriter.write(forged), claim: DirectoryClaim(network: "uk-ireland", sequence: goodSeq + 1, expires: clock.now.addingTimeInterval(86_400)))
        let keyed = try await international.refreshFollows(force: true)[0]
        #expect(keyed.held.count == 1 && keyed.held[0].reason.contains("pinned key"), "\(keyed.held)")
        #expect(try await international.group(network: "intl", groupId: forged.entries[0].groupId).pinnedKey?.keyId != stranger.keyIDHex)
        // A newer feed for a group, signed by a key the group never announced: held, the last good feed stays.
        let target = try #require(federation.national.groups.first { $0.sample.id != forged.entries[0].groupId })
        let unannounced = try target.sample.sign(target.sample.version(9), seq: 9, with: MinisignSecretKey.generate(), group: target.sample.id)
        middle.files.set("/mirror/\(target.sample.id)/feed.xml", target.sample.version(9))
        middle.files.set("/mirror/\(target.sample.id)/feed.xml.minisig", Data(unannounced.utf8))
        var newer = forged
        let index = try #require(newer.entries.firstIndex { $0.groupId == target.sample.id })
        newer.entries[index].feed.seq = 9
        newer.entries[index].feed.sha256 = FeedDigest.sha256(target.sample.version(9))
        try middle.serve(NetworkDirectoryWriter.write(newer), claim: DirectoryClaim(network: "uk-ireland", sequence: goodSeq + 2, expires: clock.now.addingTimeInterval(86_400)))
        let unsigned = try await international.refreshFollows(force: true)[0]
        #expect(unsigned.held.contains { $0.groupId == target.sample.id && $0.reason.contains("signature.key-id-mismatch") }, "\(unsigned.held)")
        #expect(try await international.mirror(groupId: target.sample.id)?.bytes == target.sample.bytes, "the last good feed stays")
        let acceptedSeq = goodSeq + 2

        // An older directory than the one accepted.
        try middle.serve(NetworkDirectoryWriter.write(goodDirectory), claim: DirectoryClaim(network: "uk-ireland", sequence: goodSeq, expires: clock.now.addingTimeInterval(86_400)))
        let older = try await international.refreshFollows(force: true)[0]
        #expect(older.code == "claim.rollback", "\(older.line)")
        #expect(try await international.follows(network: "intl")[0].sequence == acceptedSeq)

        // An expired one, another network's, and one far too large.
        try middle.serve(NetworkDirectoryWriter.write(goodDirectory), claim: DirectoryClaim(network: "uk-ireland", sequence: acceptedSeq + 1, expires: clock.now.addingTimeInterval(-60)))
        #expect(try await international.refreshFollows(force: true)[0].code == "claim.expired")
        var otherNetwork = goodDirectory
        otherNetwork.network = "usa"
        try middle.serve(NetworkDirectoryWriter.write(otherNetwork), claim: DirectoryClaim(network: "usa", sequence: acceptedSeq + 2, expires: clock.now.addingTimeInterval(86_400)))
        #expect(try await international.refreshFollows(force: true)[0].code == "claim.wrong-network")
        try middle.serve(Data(repeating: 0x20, count: 50 << 20), claim: DirectoryClaim(network: "uk-ireland", sequence: acceptedSeq + 3, expires: clock.now.addingTimeInterval(86_400)))
        let huge = try await international.refreshFollows(force: true)[0]
        #expect(huge.code == "fetch.too-large", "\(huge.line)")
        // A directory signed by a key the network never delegated to.
        let impostor = MinisignSecretKey.generate()
        middle.files.set("/n/uk-ireland/directory.xml", NetworkDirectoryWriter.write(goodDirectory))
        middle.files.set("/n/uk-ireland/directory.xml.minisig", Data(try MinisignSignature.sign(
            NetworkDirectoryWriter.write(goodDirectory), with: impostor,
            trustedComment: DirectoryClaim(network: "uk-ireland", sequence: acceptedSeq + 4, expires: clock.now.addingTimeInterval(86_400)).trustedComment,
            untrustedComment: "x").fileContents.utf8))
        #expect(try await international.refreshFollows(force: true)[0].code == "signature.key-id-mismatch")
        #expect(try await international.follows(network: "intl")[0].sequence == acceptedSeq, "nothing refused replaced the last good directory")
        let memberships = [try await federation.membership(sheffield), try await federation.membership(newcastle)]
        #expect(memberships == [.active, .active], "the last good state stands")
        #expect(try await international.auditLog(network: "intl").contains { $0.action == "follow.refused" })

        // When the last good directory expires with nothing newer, the follow is stale.
        clock.advance(8 * 86_400)
        #expect(try await international.follows(network: "intl")[0].stale)
    }

    @Test func aPingBringsAChangeUpstreamInSecondsAndPingsProveNothing() async throws {
        let federation = try await Self.federation(loops: true)
        defer { Task { await federation.stop() } }
        let international = federation.international.registry
        let server = try await RunningServer.start(international) { $0.harvest = true }
        defer { Task { await server.stop() } }
        let callback = server.base + "/n/intl/follow-ping"
        let subscribe = federation.national.server.base + "/n/uk-ireland/directory-subscribers"

        // Before it follows, the international registry cannot be made a subscriber: its callback answers 404.
        let early = try await http("POST", subscribe, json: #"{"callback": "\#(callback)", "directory": "\#(federation.directoryURL)"}"#)
        #expect(early.status == 422 && early.body.contains("not 202"), "\(early.body)")
        _ = try await federation.follow()
        #expect(try await international.askToBeTold(network: "intl", directory: federation.directoryURL, callback: callback) == 201)

        // Pings for something not followed, malformed ones, and ones with nothing changed: refused or harmless.
        #expect(try await http("POST", callback, json: #"{"directory": "http://127.0.0.1:9/n/x/directory.xml"}"#).status == 404)
        #expect(try await http("POST", callback, json: "not json").status == 400)
        #expect(try await http("POST", callback, json: String(repeating: " ", count: 8192)).status == 400)
        #expect(try await http("POST", server.base + "/n/nowhere/follow-ping", json: #"{"directory": "x"}"#).status == 404)
        #expect(try await http("POST", callback, json: #"{"directory": "\#(federation.directoryURL)"}"#).status == 202)
        #expect(try await http("POST", subscribe, json: #"{"callback": "ftp://x", "directory": "\#(federation.directoryURL)"}"#).status == 422)

        let sheffield = federation.national.groups[0]
        let started = Date()
        try await federation.national.test.registry.suspend(network: "uk-ireland", groupId: sheffield.sample.id, reason: "Meetings paused")
        var arrived = false
        while Date().timeIntervalSince(started) < 20 {
            if try await federation.membership(sheffield) == .removed { arrived = true; break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(arrived && seconds < 10, "the suspension reached the international network in \(seconds) s")
    }

    @Test func badFollowRequestsAreRefusedInOneLine() async throws {
        let federation = try await Self.federation()
        defer { Task { await federation.stop() } }
        let international = federation.international.registry
        for url in ["ftp://example.org/n/x/directory.xml", "not a url", "http://127.0.0.1:1/feeds/x.xml"] {
            do {
                _ = try await international.follow(network: "intl", directoryURL: url, networkKey: federation.national.networkKey)
                Issue.record("\(url) was followed")
            } catch let error as RegistryError {
                #expect("\(error)".split(separator: "\n").count == 1)
            }
        }
        _ = try await federation.follow()
        #expect(try await federation.follow().outcome == .unchanged, "following again looks again")
        do {
            _ = try await international.follow(network: "intl", directoryURL: federation.directoryURL,
                                               networkKey: try MinisignPublicKey(fileContents: NetworkKeyTests.networkKey("usa")))
            Issue.record("followed again with another key")
        } catch let error as RegistryError {
            #expect("\(error)".contains("already follows") && "\(error)".contains("another key"))
        }
        #expect(try await international.follows(network: "intl").count == 1)
        // The wrong network key: refused, and nothing joins.
        try await international.createNetwork(slug: "elsewhere", name: "Elsewhere", policy: .open)
        let wrong = try await international.follow(network: "elsewhere", directoryURL: federation.directoryURL,
                                                   networkKey: try MinisignPublicKey(fileContents: NetworkKeyTests.networkKey("usa")))
        #expect(wrong.outcome == .refused && wrong.code == "signature.key-id-mismatch", "\(wrong.line)")
        #expect(try await international.groups(network: "elsewhere").isEmpty, "nothing joins through a directory that was refused")
    }
}
