import ChorusFeed
@testable import ChorusRegistry
import ChorusServer
import ChorusTestSupport
import Foundation
import Testing

/// A new group joins a network by pushing its first signed feed with its key (the browser publisher's way in):
/// the key is pinned on first sight, the registry hosts the feed, the network's policy and charter decide.
@Suite struct EnrolmentRequestTests {
    /// The example answers with every commitment and ground rule, so that the sample charters list the group.
    static func feed(id: String = "urn:uuid:\(UUID().uuidString.lowercased())", now: Date, summary: String? = nil,
                     change: (inout FeedAnswers) -> Void = { _ in }) throws -> Data {
        var answers = try JSONDecoder().decode(FeedAnswers.self, from: try Data(contentsOf: URL(fileURLWithPath: Repository.path("Federation/examples/new-group-answers.json"))))
        answers.id = id
        answers.commitments = Commitment.allCases
        answers.groundRules = StandardGroundRule.allCases
        if let summary { answers.summary = summary }
        change(&answers)
        return FeedWriter.data(try answers.makeFeed(now: now))
    }

    static func request(_ bytes: Data, key: MinisignSecretKey, signedBy signer: MinisignSecretKey? = nil, id: String? = nil,
                        seq: UInt64 = 1, now: Date) throws -> String {
        let groupID = try id ?? FeedReader.read(bytes).id
        let claim = FeedClaim(groupID: groupID, sequence: seq, expires: now.addingTimeInterval(30 * 86_400))
        let signature = try FeedSigner.sign(bytes, with: signer ?? key, claim: claim)
        let body = EnrolmentPush(bytes: bytes, signature: signature.fileContents, publicKey: key.publicKey.fileContents)
        return String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
    }

    static func object(_ answer: HTTPAnswer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any], "\(answer.body)")
    }

    @Test func aNewGroupJoinsAnOpenNetworkAndTheRegistryHostsItsFeed() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "uk-ireland", name: "UK and Ireland", policy: .open)
        let (charter, charterSignature) = try ComplianceTests.charter("uk-ireland")
        _ = try await test.registry.setCharter(network: "uk-ireland", bytes: charter, signature: charterSignature)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let key = MinisignSecretKey.generate()
        let id = "urn:uuid:\(UUID().uuidString.lowercased())"
        let bytes = try Self.feed(id: id, now: test.clock.now)

        let answer = try await http("POST", server.base + "/api/v1/networks/uk-ireland/enrolment-requests",
                                    json: try Self.request(bytes, key: key, now: test.clock.now))
        #expect(answer.status == 201, "\(answer.body)")
        let result = try Self.object(answer)
        #expect(result["listed"] as? Bool == true)
        #expect(result["membership"] as? String == "active")
        #expect(result["keyId"] as? String == key.publicKey.keyIDHex)
        #expect(result["feedURL"] as? String == "\(server.base)/mirror/\(id)/feed.xml")
        let mirrored = try await http("GET", server.base + "/mirror/\(id)/feed.xml")
        #expect(mirrored.status == 200 && Data(mirrored.body.utf8) == bytes, "the registry hosts the exact bytes")
        #expect(try await http("GET", server.base + "/groups/\(id)").status == 200)

        #expect(try await test.registry.nextDue() == nil, "a hosted group is never fetched")
        await #expect(throws: RegistryError.self) { _ = try await test.registry.harvestNow(network: "uk-ireland", groupId: id) }

        let updated = try Self.feed(id: id, now: test.clock.now, summary: "We meet on Tuesday evenings, with tea.")
        let claim = FeedClaim(groupID: id, sequence: 2, expires: test.clock.now.addingTimeInterval(86_400 * 30))
        let push = try PublishAPITests.pushBody(updated, try FeedSigner.sign(updated, with: key, claim: claim).fileContents)
        let pushed = try await http("POST", server.base + "/api/v1/groups/\(id)/feed", json: push)
        #expect(pushed.status == 200 && pushed.body.contains("accepted"), "\(pushed.body)")
        #expect(try await http("GET", server.base + "/mirror/\(id)/feed.xml").body.contains("with tea"))

        let audit = try await test.registry.auditLog(network: "uk-ireland")
        #expect(audit.contains { $0.action == "group.enrol-request" && $0.groupId == id })
        #expect(audit.contains { $0.action == "key.pinned" && ($0.detail ?? "").contains(key.publicKey.keyIDHex) })
    }

    @Test func anApprovalNetworkHoldsTheRequestUntilAnAdminApproves() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "usa", name: "USA", policy: .approval)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let key = MinisignSecretKey.generate()
        let bytes = try Self.feed(now: test.clock.now)
        let id = try FeedReader.read(bytes).id
        let answer = try await http("POST", server.base + "/api/v1/networks/usa/enrolment-requests",
                                    json: try Self.request(bytes, key: key, now: test.clock.now))
        #expect(answer.status == 201, "\(answer.body)")
        #expect(try Self.object(answer)["membership"] as? String == "pending-approval")
        #expect(try await http("GET", server.base + "/groups/\(id)").status == 404, "not listed while it waits")
        #expect(try await test.registry.approve(network: "usa", groupId: id) == .active)
        #expect(try await http("GET", server.base + "/groups/\(id)").status == 200)
    }

    @Test func hostileRequestsAreRefusedInOneLineAndLeaveNothing() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "open", name: "Open", policy: .open)
        let server = try await RunningServer.start(test.registry) { $0.enrolmentRequestsPerAddressPerHour = 1_000; $0.failedPushesPerAddressPerMinute = 1_000 }
        defer { Task { await server.stop() } }
        let url = server.base + "/api/v1/networks/open/enrolment-requests"
        let now = test.clock.now
        let key = MinisignSecretKey.generate()
        let bytes = try Self.feed(now: now)
        func refused(_ body: String, _ status: Int, _ words: String, url: String = url) async throws {
            let answer = try await http("POST", url, json: body)
            #expect(answer.status == status, "\(words): \(answer.body)")
            let message = try Self.object(answer)["message"] as? String ?? ""
            #expect(message.contains(words) && !message.contains("\n"), "\(message)")
        }
        try await refused(try Self.request(bytes, key: key, signedBy: MinisignSecretKey.generate(), now: now), 422, "refused")
        try await refused(try Self.request(bytes, key: key, id: "urn:uuid:00000000-0000-4000-8000-000000000000", now: now), 422, "refused")
        let nameless = try Self.feed(id: "urn:uuid:00000000-0000-4000-8000-000000000001", now: now) { $0.name = "" }
        try await refused(try Self.request(nameless, key: key, id: "urn:uuid:00000000-0000-4000-8000-000000000001", now: now), 422, "refused")
        try await refused("{\"feed\": 3}", 400, "send JSON")
        try await refused("{\"feed\": \"%%%\", \"signature\": \"\", \"publicKey\": \"\"}", 400, "base64")
        try await refused(try Self.request(bytes, key: key, now: now), 404, "no network", url: server.base + "/api/v1/networks/nowhere/enrolment-requests")
        let huge = "{\"feed\": \"" + String(repeating: "A", count: 3 << 20) + "\"}"
        #expect(try await http("POST", url, json: huge).status == 413)
        let rows = try await test.registry.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedGroup") ?? -1 }
        #expect(rows == 0, "a refused request stores nothing")

        #expect(try await http("POST", url, json: try Self.request(bytes, key: key, now: now)).status == 201)
        try await refused(try Self.request(bytes, key: key, seq: 5, now: now), 409, "already known")
        try await refused(try Self.request(bytes, key: MinisignSecretKey.generate(), seq: 5, now: now), 409, "already known")
        let keys = try await test.registry.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM groupKey") ?? -1 }
        #expect(keys == 1, "a second request cannot pin another key")
    }

    @Test func eachAddressAndEachNetworkHasABudgetOfRequests() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "waiting", name: "Waiting", policy: .approval)
        let server = try await RunningServer.start(test.registry) { $0.enrolmentRequestsPerAddressPerHour = 2 }
        defer { Task { await server.stop() } }
        let url = server.base + "/api/v1/networks/waiting/enrolment-requests"
        var statuses: [Int] = []
        for _ in 0..<3 {
            let key = MinisignSecretKey.generate()
            statuses.append(try await http("POST", url, json: try Self.request(try Self.feed(now: test.clock.now), key: key, now: test.clock.now)).status)
        }
        #expect(statuses == [201, 201, 429])

        for _ in 2..<Enrolment.pendingRequestsPerNetwork {
            let bytes = try Self.feed(now: test.clock.now)
            let key = MinisignSecretKey.generate()
            let claim = FeedClaim(groupID: try FeedReader.read(bytes).id, sequence: 1, expires: test.clock.now.addingTimeInterval(86_400))
            _ = try await test.registry.requestEnrolment(network: "waiting", bytes: bytes, signature: try FeedSigner.sign(bytes, with: key, claim: claim).fileContents,
                                                         publicKey: key.publicKey.fileContents, mirrorBase: server.base)
        }
        let bytes = try Self.feed(now: test.clock.now)
        let key = MinisignSecretKey.generate()
        let claim = FeedClaim(groupID: try FeedReader.read(bytes).id, sequence: 1, expires: test.clock.now.addingTimeInterval(86_400))
        let error = await #expect(throws: RegistryError.self) {
            _ = try await test.registry.requestEnrolment(network: "waiting", bytes: bytes, signature: try FeedSigner.sign(bytes, with: key, claim: claim).fileContents,
                                                         publicKey: key.publicKey.fileContents, mirrorBase: server.base)
        }
        #expect(error?.description.contains("waiting for its admins") == true)
    }

    /// `POST /api/v1/draft` writes what `chorus feed new --answers` writes, byte for byte, and lints it the same way.
    @Test func theDraftEndpointWritesWhatChorusFeedNewWrites() async throws {
        let test = try TestRegistry(clock: TestClock(DirectoryFixture.monday))
        let log = CapturedLog()
        let server = try await RunningServer.start(test.registry, logger: log.logger("server"))
        defer { Task { await server.stop() } }
        var answers = try JSONDecoder().decode(FeedAnswers.self, from: try Data(contentsOf: URL(fileURLWithPath: Repository.path("Federation/examples/new-group-answers.json"))))
        answers.id = "urn:uuid:8d3c1a52-6a43-4a6b-9f0e-2f1d2c3b4a59"
        answers.summary = "A very particular summary"
        let json = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
        let folder = try scratchDirectory()
        try json.write(toFile: folder + "/answers.json", atomically: true, encoding: .utf8)
        let now = Timestamp.format(DirectoryFixture.monday)
        let made = try await Run.chorusAsync("feed", "new", "--answers", folder + "/answers.json", "--out", folder + "/feed.xml", "--now", now)
        #expect(made.status == 0, "\(made.error)")

        let answer = try await http("POST", server.base + "/api/v1/draft", json: json)
        #expect(answer.status == 200, "\(answer.body)")
        let draft = try Self.object(answer)
        #expect(Data((draft["feed"] as? String ?? "").utf8) == (try Data(contentsOf: URL(fileURLWithPath: folder + "/feed.xml"))))
        #expect(draft["groupId"] as? String == answers.id)
        let lint = try #require(draft["lint"] as? [String: Any])
        let codes = (lint["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }.sorted()
        #expect(codes == LintAPITests.codes(try await Run.chorusAsync("feed", "lint", folder + "/feed.xml", "--now", now).output))

        let wrongType = try await http("POST", server.base + "/api/v1/draft", json: "{\"name\": 3}")
        #expect(wrongType.status == 422 && wrongType.body.contains("answer 'name' has the wrong type"), "\(wrongType.body)")
        var badDate = answers
        badDate.meetings[0].startDate = "next tuesday"
        let dated = try await http("POST", server.base + "/api/v1/draft", json: String(decoding: try JSONEncoder().encode(badDate), as: UTF8.self))
        #expect(dated.status == 422 && dated.body.contains("value.date"), "\(dated.body)")
        #expect(!log.text.contains("particular"), "nothing of a draft is logged")
        let questions = try Self.object(try await http("GET", server.base + "/api/v1/feed-questions"))
        let fields = (questions["vocabularies"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(fields.contains("commitments") && fields.contains("venue.precision"))
    }

    /// A feed the form wrote comes back as the same answers, and those write the same bytes again; a feed the form
    /// cannot hold (several places) is refused with the reason.
    @Test func aPublishedFeedOpensAgainInTheForm() async throws {
        let test = try TestRegistry(clock: TestClock(DirectoryFixture.monday))
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        var answers = try JSONDecoder().decode(FeedAnswers.self, from: try Data(contentsOf: URL(fileURLWithPath: Repository.path("Federation/examples/new-group-answers.json"))))
        answers.id = "urn:uuid:8d3c1a52-6a43-4a6b-9f0e-2f1d2c3b4a60"
        answers.meetings[0].excludedDates = ["2026-12-29"]
        answers.meetings[0].endDate = "2027-12-31"
        answers.status = .active
        answers.nextKey = MinisignSecretKey.generate().publicKey.base64
        answers.notices = [.init(id: "urn:uuid:4a1b2c3d-0000-4000-8000-000000000001", kind: .cancellation, title: "No meeting on the 22nd",
                                 meeting: 1, date: "2026-12-22", text: "The hall is closed.")]
        let bytes = FeedWriter.data(try answers.makeFeed(now: DirectoryFixture.monday))
        #expect(FeedReader.check(bytes).errors.isEmpty, "\(FeedReader.check(bytes).errors)")
        let opened = try await http("POST", server.base + "/api/v1/answers", json: String(decoding: bytes, as: UTF8.self))
        #expect(opened.status == 200, "\(opened.body)")
        let again = try JSONDecoder().decode(FeedAnswers.self, from: Data(opened.body.utf8))
        #expect(FeedWriter.data(try again.makeFeed(now: DirectoryFixture.monday)) == bytes, "the same answers write the same bytes")

        let sheffield = try String(contentsOfFile: Repository.path("Feeds/sheffield-central-voices.xml"), encoding: .utf8)
        let several = try await http("POST", server.base + "/api/v1/answers", json: sheffield)
        if try FeedReader.read(Data(sheffield.utf8)).profile.locations.count > 1 {
            #expect(several.status == 422 && several.body.contains("the form handles one"), "\(several.body)")
        }
        let broken = try await http("POST", server.base + "/api/v1/answers", json: "<feed")
        #expect(broken.status == 422 && broken.body.contains("not a feed the form can open"))
    }

    /// The publisher's pages set no cookie, load only this site's scripts, and loosen the policy only by
    /// `connect-src 'self'` and `worker-src 'self'`; every module they load is served.
    @Test func thePublisherPagesKeepThePrivacyRules() async throws {
        let test = try TestRegistry()
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        for path in ["/publish", "/publish/new", "/publish/update", "/publish/check"] {
            let page = try await http("GET", server.base + path)
            #expect(page.status == 200, "\(path)")
            #expect(page.headers["set-cookie"] == nil, "\(path) sets no cookie")
            let policy = page.headers["content-security-policy"] ?? ""
            #expect(policy.contains("script-src 'self';") && policy.contains("connect-src 'self'") && !policy.contains("unsafe"), "\(path): \(policy)")
            #expect(page.headers["referrer-policy"] == "no-referrer")
            #expect(!page.body.contains("<script>") && !page.body.contains("onclick="), "\(path) has no inline script")
        }
        for module in ["builder.js", "repeating-fields.js", "lint-report.js", "check.js", "minisign.js", "blake2b.js", "scrypt.js", "scrypt-worker.js", "keystore.js"] {
            let asset = try await http("GET", server.base + "/assets/publish/\(module)")
            #expect(asset.status == 200 && asset.headers["content-type"]?.hasPrefix("text/javascript") == true, "\(module)")
            for imported in asset.body.split(separator: "\n").filter({ $0.hasPrefix("import ") }) {
                #expect(imported.contains("from \"./") || imported.hasSuffix("from \"../words.js\";"),
                        "\(module) imports only its neighbours and the page's words: \(imported)")
            }
        }
        #expect(try await http("GET", server.base + "/").body.contains("href=\"/publish\""), "the directory points groups to the publisher")
    }

    /// The form asks every question in `FeedQuestion`'s words, the ones `chorus feed new` asks in.
    @Test func theFormAsksTheWizardsQuestionsInItsWords() async throws {
        let test = try TestRegistry()
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let page = try await http("GET", server.base + "/publish/new").body
        let askedOnlyByTheWizard: Set<FeedQuestion> = [.keepPrivate, .feedURL]
        for question in FeedQuestion.allCases where !askedOnlyByTheWizard.contains(question) {
            let escaped = question.text.replacingOccurrences(of: "'", with: "&#39;")
            #expect(page.contains(escaped), "the form asks \(question.rawValue): '\(question.text)'")
        }
        for vocabulary in AnswerVocabularies.byField.map(\.vocabulary) {
            for term in vocabulary.terms { #expect(page.contains("value=\"\(term.id)\""), "the form offers \(vocabulary.name) \(term.id)") }
        }
    }
}
