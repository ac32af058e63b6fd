import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// `POST /api/v1/lint` says what `chorus feed lint --charter` says, for every sample feed under every example
/// charter, and keeps nothing of the draft.
@Suite(.serialized) struct LintAPITests {
    static let charters = ["uk-ireland", "usa", "worldwide", "kenya"]

    @Test func theEndpointAnswersAsTheCommandLineDoesForEverySampleAndCharter() async throws {
        let test = try TestRegistry(clock: TestClock(DirectoryFixture.monday))
        for slug in Self.charters {
            try await test.registry.createNetwork(slug: slug, name: slug, policy: .open)
            let (bytes, signature) = try ComplianceTests.charter(slug)
            _ = try await test.registry.setCharter(network: slug, bytes: bytes, signature: signature)
        }
        let log = CapturedLog()
        let server = try await RunningServer.start(test.registry, logger: log.logger("server")) { $0.requestsPerAddressPerMinute = 1_000 }
        defer { Task { await server.stop() } }
        let now = Timestamp.format(DirectoryFixture.monday)
        for path in try Repository.sampleFeeds() {
            let feed = try String(contentsOfFile: path, encoding: .utf8)
            let plain = try await http("POST", server.base + "/api/v1/lint", json: feed)
            #expect(plain.status == 200, "\(path): \(plain.body)")
            let cli = try await Run.chorusAsync("feed", "lint", path, "--now", now)
            let cliCodes = Self.codes(cli.output)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(plain.body.utf8)) as? [String: Any])
            let codes = (answer["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }.sorted()
            #expect(codes == cliCodes, "\(path): the endpoint's problems are the command line's")
            #expect(answer["valid"] as? Bool == true)
            for slug in Self.charters {
                let judged = try await http("POST", server.base + "/api/v1/lint?network=\(slug)", json: feed)
                let result = try #require(try JSONSerialization.jsonObject(with: Data(judged.body.utf8)) as? [String: Any])
                let withCharter = try await Run.chorusAsync("feed", "lint", path, "--charter", Repository.path("Federation/charters/\(slug).xml"),
                                                            "--now", now)
                let advice = try #require(result["advice"] as? String, "\(path) under \(slug)")
                #expect(withCharter.output.contains(advice), "\(path) under \(slug): the same verdict, word for word")
                #expect(result["listed"] is Bool)
            }
        }
        // A draft with mistakes: the same problems, and not valid.
        let sheffield = try String(contentsOfFile: Repository.path("Feeds/sheffield-central-voices.xml"), encoding: .utf8)
        let wrong = sheffield.replacingOccurrences(of: "<g:status id=\"active\"/>", with: "<g:status id=\"sometimes\"/>")
            .replacingOccurrences(of: "<g:fee kind=\"free\"/>", with: "<g:fee kind=\"fee\"/>")
        #expect(wrong != sheffield)
        let file = try scratchDirectory() + "/draft.xml"
        try wrong.write(toFile: file, atomically: true, encoding: .utf8)
        let cli = try await Run.chorusAsync("feed", "lint", file, "--now", now)
        let answered = try await http("POST", server.base + "/api/v1/lint", json: wrong)
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(answered.body.utf8)) as? [String: Any])
        let codes = (answer["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }.sorted()
        #expect(!codes.isEmpty && codes == Self.codes(cli.output) && answer["valid"] as? Bool == false, "\(codes) \(cli.output)")
        #expect(!log.text.contains("<g:profile") && !log.text.contains("sometimes"), "nothing of a draft is logged")
    }

    @Test func badDraftsGetOneLineAndNothingIsKept() async throws {
        let test = try TestRegistry()
        let server = try await RunningServer.start(test.registry) { $0.requestsPerAddressPerMinute = 5 }
        defer { Task { await server.stop() } }
        let url = server.base + "/api/v1/lint"
        let broken = try await http("POST", url, json: "<feed")
        #expect(broken.status == 422 && broken.body.contains("\"error\""), "\(broken.body)")
        #expect(try await http("POST", url, json: "").status == 400)
        #expect(try await http("POST", url + "?network=nowhere", json: "<x/>").status == 404)
        let huge = String(repeating: "a", count: FeedLimits.standard.maximumBytes + 1)
        #expect(try await http("POST", url, json: huge).status == 413)
        var limited = 0
        for _ in 0..<4 where try await http("POST", url, json: "<x/>").status == 429 { limited += 1 }
        #expect(limited >= 1, "each client address has a budget of requests")
        let tables = try await test.registry.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedGroup") ?? -1
        }
        #expect(tables == 0, "a draft is never stored")
    }

    /// `POST /api/v1/lint-url` fetches with the harvester's limits and address policy, and says the same.
    @Test func aFeedAddressIsFetchedAndCheckedUnderTheHarvestersRules() async throws {
        let (host, _, groups) = try await PublishedGroup.start(["galway-bay-voices"])
        defer { Task { await host.stop() } }
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "uk-ireland", name: "UK and Ireland", policy: .open)
        let (bytes, signature) = try ComplianceTests.charter("uk-ireland")
        _ = try await test.registry.setCharter(network: "uk-ireland", bytes: bytes, signature: signature)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let body = "{\"url\": \"\(groups[0].feedURL)\"}"
        let fetched = try await http("POST", server.base + "/api/v1/lint-url?network=uk-ireland", json: body)
        let direct = try await http("POST", server.base + "/api/v1/lint?network=uk-ireland", json: String(decoding: groups[0].sample.bytes, as: UTF8.self))
        #expect(fetched.status == 200 && fetched.body == direct.body, "the same report as for the bytes themselves")
        let missing = try await http("POST", server.base + "/api/v1/lint-url", json: "{\"url\": \"\(groups[0].feedURL).missing\"}")
        #expect(missing.status == 422 && missing.body.contains("fetch.http-status"), "\(missing.body)")
        #expect(try await http("POST", server.base + "/api/v1/lint-url", json: "[]").status == 400)

        let guarded = try TestRegistry(policy: AddressPolicy(allowPrivate: false))
        let strict = try await RunningServer.start(guarded.registry)
        defer { Task { await strict.stop() } }
        let refused = try await http("POST", strict.base + "/api/v1/lint-url", json: body)
        #expect(refused.status == 422 && refused.body.contains("fetch.private-address"), "a stranger cannot make the registry fetch from its own network: \(refused.body)")
    }

    /// The problem codes of `chorus feed lint` output lines (`FILE:LINE: severity: CODE: message`).
    static func codes(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line -> String? in
            let parts = line.components(separatedBy: ": ")
            guard parts.count >= 3, parts[1] == "error" || parts[1] == "warning" || parts[0].hasSuffix("error") || parts[0].hasSuffix("warning") else { return nil }
            let severityIndex = parts.firstIndex { $0.hasSuffix("error") || $0.hasSuffix("warning") } ?? 0
            return parts.indices.contains(severityIndex + 1) ? parts[severityIndex + 1] : nil
        }.sorted()
    }
}
