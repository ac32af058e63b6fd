import ChorusFeed
import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

/// The `chorus` binary's registry commands, run as a separate process against a real database file.
@Suite struct CommandLineTests {
    @Test func aVolunteerCreatesANetworkEnrolsHarvestsAndBacksUp() async throws {
        let (host, _, groups) = try await PublishedGroup.start(["sheffield-central-voices"])
        defer { Task { await host.stop() } }
        let directory = try scratchDirectory()
        let db = directory + "/registry.sqlite"
        let pub = directory + "/group.pub"
        try Data(groups[0].sample.publicKeyFile.utf8).write(to: URL(fileURLWithPath: pub))

        var result = try await Run.chorusAsync("network", "create", "alpha", "--name", "Alpha Voices", "--policy", "approval", "--db", db)
        #expect(result.status == 0 && result.output.contains("created network alpha"), "\(result.error)")
        result = try await Run.chorusAsync("network", "create", "alpha", "--name", "Again", "--db", db)
        #expect(result.status == 1 && result.error.contains("already exists"))
        result = try await Run.chorusAsync("network", "create", "Bad Slug", "--name", "X", "--db", db)
        #expect(result.status == 1 && result.error.split(separator: "\n").count == 1)

        result = try await Run.chorusAsync("network", "token", "alpha", "--role", "admin", "--db", db)
        #expect(result.status == 0 && result.output.hasPrefix("chorus_"))

        result = try await Run.chorusAsync("group", "enroll", groups[0].feedURL, "--network", "alpha", "--pub", pub, "--db", db)
        #expect(result.status == 1 && result.error.contains("fetch.private-address"), "loopback is refused unless allowed: \(result.error)")
        result = try await Run.chorusAsync("group", "enroll", groups[0].feedURL, "--network", "alpha", "--pub", pub, "--db", db, "--allow-private-feeds")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("pending-approval"))

        result = try await Run.chorusAsync("group", "approve", groups[0].sample.id, "--network", "alpha", "--db", db)
        #expect(result.status == 0 && result.output.contains("active"), "\(result.error)")
        result = try await Run.chorusAsync("group", "list", "--network", "alpha", "--db", db)
        #expect(result.output.contains(groups[0].sample.id) && result.output.contains("active"))
        result = try await Run.chorusAsync("harvest", "--once", "--db", db, "--allow-private-feeds")
        #expect(result.status == 0 && result.output.contains("harvested 1 feed(s)") && result.output.contains("1 unchanged"), "\(result.output)\(result.error)")

        result = try await Run.chorusAsync("backup", directory + "/copy.sqlite", "--db", db)
        #expect(result.status == 0, "\(result.error)")
        let copy = try RegistryDatabase(path: directory + "/copy.sqlite")
        await #expect(try copy.integrityCheck() == "ok")
        result = try await Run.chorusAsync("backup", directory + "/copy.sqlite", "--db", db)
        #expect(result.status == 1 && result.error.contains("already exists"))

        result = try await Run.chorusAsync("group", "approve", "urn:uuid:nobody", "--network", "alpha", "--db", db)
        #expect(result.status == 1 && result.error.contains("not enrolled"))
    }

    @Test func feedPublishSignsPushesAndPrintsTheVerdict() async throws {
        let (test, host, _, groups) = try await HarvestTests.enrolled(["sheffield-central-voices"])
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop(); await host.stop() } }
        let sample = groups[0].sample
        let directory = try scratchDirectory()
        let file = directory + "/feed.xml"
        try sample.version(2).write(to: URL(fileURLWithPath: file))
        let key = Repository.path("Feeds/keys/sheffield-central-voices.key")

        var result = try await Run.chorusAsync("feed", "publish", file, "--registry", server.base, "--key", key)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("accepted"))
        result = try await Run.chorusAsync("feed", "publish", file, "--registry", server.base)
        #expect(result.status == 0 && result.output.contains("unchanged"), "\(result.error)")

        result = try await Run.chorusAsync("key", "generate", "--out", directory, "--name", "other")
        #expect(result.status == 0, "\(result.error)")
        result = try await Run.chorusAsync("feed", "publish", file, "--registry", server.base, "--key", directory + "/other.key")
        #expect(result.status == 1)
        #expect(result.error.contains("signature.key-id-mismatch"), "\(result.error)")
        await #expect(try test.registry.group(network: "net", groupId: sample.id).snapshot?.seq ?? 0 > 1)

        result = try await Run.chorusAsync("feed", "publish", file, "--registry", "http://127.0.0.1:9")
        #expect(result.status == 3 && result.error.contains("could not reach"))
    }

    /// `chorus feed publish --join`: a group new to the registry asks to join a network with its first feed.
    @Test func feedPublishJoinsANetworkAsANewHostedGroup() async throws {
        let test = try TestRegistry()
        try await test.registry.createNetwork(slug: "waiting", name: "Waiting", policy: .approval)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let directory = try scratchDirectory()
        let file = directory + "/feed.xml"
        try EnrolmentRequestTests.feed(now: Date()).write(to: URL(fileURLWithPath: file))
        #expect(try await Run.chorusAsync("key", "generate", "--out", directory).status == 0)

        var result = try await Run.chorusAsync("feed", "publish", file, "--registry", server.base, "--key", directory + "/group.key", "--join", "waiting")
        #expect(result.status == 1 && result.error.contains("--pub"), "\(result.error)")
        result = try await Run.chorusAsync("feed", "publish", file, "--registry", server.base, "--key", directory + "/group.key",
                                           "--join", "waiting", "--pub", directory + "/group.pub")
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("waiting in waiting") && result.output.contains("/mirror/"), "\(result.output)")
        result = try await Run.chorusAsync("feed", "publish", file, "--registry", server.base, "--join", "waiting", "--pub", directory + "/group.pub")
        #expect(result.status == 1 && result.error.contains("already known"), "\(result.error)")
        // The next version, a second later (its seq is the Unix time), goes by push like any other.
        let id = try FeedReader.read(try Data(contentsOf: URL(fileURLWithPath: file))).id
        try EnrolmentRequestTests.feed(id: id, now: Date(), summary: "We meet on Thursdays now.").write(to: URL(fileURLWithPath: file))
        try await Task.sleep(nanoseconds: 1_100_000_000)
        result = try await Run.chorusAsync("feed", "publish", file, "--registry", server.base, "--key", directory + "/group.key")
        #expect(result.status == 0 && result.output.contains("accepted"), "then it updates by push: \(result.output) \(result.error)")
    }
}
