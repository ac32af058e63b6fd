import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

@Suite struct PublishAPITests {
    static func pushBody(_ bytes: Data, _ signature: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ["feed": bytes.base64EncodedString(), "signature": signature]), as: UTF8.self)
    }

    @Test func aPushedFeedIsAcceptedUnderThePullRulesAndMirroredExactly() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(["sheffield-central-voices"])
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop(); await host.stop(); await test.shutdown() } }
        let sample = groups[0].sample
        let url = server.base + "/api/v1/groups/\(sample.id)/feed"
        let v2 = sample.version(2)
        let signature = try sample.sign(v2, seq: 2)
        let accepted = try await http("POST", url, json: try Self.pushBody(v2, signature))
        #expect(accepted.status == 200, "\(accepted.body)")
        #expect(accepted.body.contains("\"outcome\":\"accepted\""))

        let mirrored = try await http("GET", server.base + "/mirror/\(sample.id)/feed.xml")
        #expect(Data(mirrored.body.utf8) == v2)
        #expect(mirrored.headers["content-type"]?.hasPrefix("application/atom+xml") == true)
        let mirroredSignature = try await http("GET", server.base + "/mirror/\(sample.id)/feed.xml.minisig")
        #expect(mirroredSignature.body == signature)
        let etag = try #require(mirrored.headers["etag"])
        #expect(try await http("GET", server.base + "/mirror/\(sample.id)/feed.xml", headers: ["If-None-Match": etag]).status == 304)

        let again = try await http("POST", url, json: try Self.pushBody(v2, signature))
        #expect(again.body.contains("\"outcome\":\"unchanged\""))
        let replay = try await http("POST", url, json: try Self.pushBody(sample.bytes, try sample.sign(sample.bytes, seq: 1)))
        #expect(replay.status == 422)
        #expect(replay.body.contains("claim.rollback"))
        let forged = try await http("POST", url, json: try Self.pushBody(sample.version(3), try sample.sign(sample.version(3), seq: 3, with: .generate())))
        #expect(forged.status == 422)
        #expect(forged.body.contains("signature.key-id-mismatch"))

        let status = try await test.registry.group(network: "net", groupId: sample.id)
        #expect(status.snapshot?.seq == 2)
        #expect(status.consecutiveFailures == 0, "refused pushes never count towards suspension")
        #expect(status.lastAttempt?.via == .push)
    }

    @Test func theMirrorVerifiesWithMinisign() async throws {
        guard let minisign = ExternalTool.find("minisign") else { return }
        let (test, host, _, groups) = try await HarvestTests.enrolled(["nakano-koe"])
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop(); await host.stop(); await test.shutdown() } }
        let sample = groups[0].sample
        let directory = try scratchDirectory()
        let feed = try await http("GET", server.base + "/mirror/\(sample.id)/feed.xml")
        let signature = try await http("GET", server.base + "/mirror/\(sample.id)/feed.xml.minisig")
        try Data(feed.body.utf8).write(to: URL(fileURLWithPath: directory + "/feed.xml"))
        try Data(signature.body.utf8).write(to: URL(fileURLWithPath: directory + "/feed.xml.minisig"))
        try Data(sample.publicKeyFile.utf8).write(to: URL(fileURLWithPath: directory + "/group.pub"))
        let result = try Run.program(minisign, ["-V", "-p", directory + "/group.pub", "-m", directory + "/feed.xml"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("group=\(sample.id)"))
    }

    @Test func badPushesAreRefusedWithAReason() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(["sheffield-central-voices"])
        let server = try await RunningServer.start(test.registry) { $0.maxPushBytes = 256 << 10 }
        defer { Task { await server.stop(); await host.stop(); await test.shutdown() } }
        let url = server.base + "/api/v1/groups/\(groups[0].sample.id)/feed"
        let malformed = try await http("POST", url, json: "{\"feed\": 1}")
        #expect(malformed.status == 400)
        let notBase64 = try await http("POST", url, json: #"{"feed": "***", "signature": "x"}"#)
        #expect(notBase64.status == 400)
        let huge = try await http("POST", url, json: try Self.pushBody(Data(count: 300 << 10), "x"))
        #expect(huge.status == 413)
        let unknown = try await http("POST", server.base + "/api/v1/groups/urn:uuid:00000000-0000-0000-0000-000000000000/feed",
                                     json: try Self.pushBody(Data("x".utf8), "x"))
        #expect(unknown.status == 404)
        let garbage = try await http("POST", url, json: try Self.pushBody(Data("<feed/>".utf8), "untrusted comment: x\nnot base64\n"))
        #expect(garbage.status == 422)
        #expect(garbage.body.contains("\"code\":\"signature."))
    }

    @Test func pushesAndPingsAreRateLimited() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(["sheffield-central-voices"])
        let server = try await RunningServer.start(test.registry) { $0.pushesPerGroupPerMinute = 2 }
        defer { Task { await server.stop(); await host.stop(); await test.shutdown() } }
        let sample = groups[0].sample
        let url = server.base + "/api/v1/groups/\(sample.id)/feed"
        for seq in 2...3 {
            let bytes = sample.version(seq)
            #expect(try await http("POST", url, json: try Self.pushBody(bytes, try sample.sign(bytes, seq: UInt64(seq)))).status == 200)
        }
        let next = sample.version(4)
        let limited = try await http("POST", url, json: try Self.pushBody(next, try sample.sign(next, seq: 4)))
        #expect(limited.status == 429)
        #expect(limited.headers["retry-after"] != nil)

        let ping = server.base + "/api/v1/groups/\(sample.id)/ping"
        #expect(try await http("POST", ping).status == 202)
        await #expect(try test.registry.group(network: "net", groupId: sample.id).nextFetchAt <= Date())
        #expect(try await http("POST", ping).status == 429)
    }

    @Test func healthMetricsAndNoCookies() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(["sheffield-central-voices"])
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop(); await host.stop(); await test.shutdown() } }
        _ = try await test.registry.harvestPass(force: true)
        let pages = ["/", "/healthz", "/metrics", "/api/v1/n/net/groups", "/mirror/\(groups[0].sample.id)/feed.xml", "/nowhere"]
        for page in pages {
            let answer = try await http("GET", server.base + page)
            #expect(answer.headers["set-cookie"] == nil)
        }
        let metrics = try await http("GET", server.base + "/metrics")
        #expect(metrics.body.contains("chorus_harvest_attempts_total{outcome=\"unchanged\"} 1"))
        #expect(metrics.body.contains("chorus_feeds{state=\"active\"} 1"))
        #expect(metrics.body.contains("chorus_http_request_duration_seconds"))
        let network = try await http("GET", server.base + "/n/net")
        #expect(network.body.contains("Sheffield Central Hearing Voices Group"))
        #expect(network.body.contains("1 listed group"))
    }

    @Test func strangersCannotSpendAGroupsPushBudget() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(["sheffield-central-voices"])
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop(); await host.stop(); await test.shutdown() } }
        let sample = groups[0].sample
        let path = "/api/v1/groups/\(sample.id)/feed"
        let current = try Self.pushBody(sample.bytes, try sample.sign(sample.bytes, seq: 1))
        // A stranger at 127.0.0.2 sends junk, a forged signature and replays of the group's current feed.
        var junk: [Int] = []
        for body in ["{}", "{}", "{}", current, current, #"{"feed": "AAAA", "signature": "x"}"#] {
            junk.append(try await SourceAddressHTTP.post(from: "127.0.0.2", port: server.port, path: path, json: body))
        }
        #expect(junk == [400, 400, 400, 200, 200, 422], "\(junk)")
        #expect(try await SourceAddressHTTP.post(from: "127.0.0.2", port: server.port, path: path, json: "{}") == 429,
                "the stranger's address has spent its failures")
        // The group, from 127.0.0.3, still publishes six new feeds a minute.
        for seq in 2...7 {
            let bytes = sample.version(seq)
            let status = try await SourceAddressHTTP.post(from: "127.0.0.3", port: server.port, path: path,
                                                          json: try Self.pushBody(bytes, try sample.sign(bytes, seq: UInt64(seq))))
            #expect(status == 200, "valid push \(seq) after the stranger's junk answered \(status)")
        }
        let eighth = sample.version(8)
        #expect(try await SourceAddressHTTP.post(from: "127.0.0.3", port: server.port, path: path,
                                                 json: try Self.pushBody(eighth, try sample.sign(eighth, seq: 8))) == 429,
                "the group's own budget is six accepted pushes a minute")
        await #expect(try test.registry.group(network: "net", groupId: sample.id).snapshot?.seq == 7)
    }
}
