import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Hummingbird
import Testing

extension MachineHeavyTests {
/// Feed servers that misbehave. Each fetch ends within its limit with a recorded reason.
@Suite struct HostileServerTests {
    static func hostile() async throws -> FeedHost {
        try await FeedHost.start { router in
            router.get("slow") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/atom+xml"], body: ResponseBody { writer in
                    for _ in 0..<60 {
                        try await writer.write(ByteBuffer(string: "<"))
                        try await Task.sleep(nanoseconds: 1_000_000_000)
                    }
                    try await writer.finish(nil)
                })
            }
            router.get("endless") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/atom+xml"], body: ResponseBody { writer in
                    let chunk = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 << 10)
                    while true { try await writer.write(chunk) }
                })
            }
            router.get("loop/:n") { _, context in
                let n = Int(context.parameters.get("n") ?? "0") ?? 0
                return Response(status: .found, headers: [.location: "/loop/\(n + 1)"])
            }
            router.get("to-loopback") { _, _ in Response(status: .found, headers: [.location: "http://127.0.0.1:9/feed.xml"]) }
            router.get("to-metadata") { _, _ in Response(status: .found, headers: [.location: "http://169.254.169.254/latest/meta-data/"]) }
            router.get("bomb") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/atom+xml", .contentEncoding: "gzip"],
                         body: .init(byteBuffer: ByteBuffer(bytes: bomb)))
            }
            router.get("big-directory") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/atom+xml", .contentEncoding: "gzip"],
                         body: .init(byteBuffer: ByteBuffer(bytes: bigDirectory)))
            }
            router.get("html") { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: "<html></html>")))
            }
            router.get("error") { _, _ in Response(status: .internalServerError) }
            router.get("big-length") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/atom+xml"],
                         body: .init(byteBuffer: ByteBuffer(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)))
            }
        }
    }

    /// 64 MiB of zeros, gzipped by the system's gzip to about 64 KB.
    /// Made once, before any fetch is timed: compressing 64 MiB takes seconds on a loaded machine.
    static let bomb: [UInt8] = (try? gzipBomb()) ?? []

    /// 3 MiB of text gzipped: a large network's directory as a registry serves it.
    static let bigDirectory: [UInt8] = (try? gzipBomb(shell: "head -c 3145728 /dev/zero | tr '\\0' a | gzip -c")) ?? []

    static func gzipBomb(shell: String = "head -c 67108864 /dev/zero | gzip -c") throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", shell]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    static func failure(_ fetcher: FeedFetcher, _ url: String) async -> (FetchFailure?, TimeInterval) {
        let started = Date()
        do {
            _ = try await fetcher.fetchFeed(url)
            return (nil, Date().timeIntervalSince(started))
        } catch {
            return (error, Date().timeIntervalSince(started))
        }
    }

    @Test(arguments: [
        ("/slow", FetchFailure.Code.timeout),
        ("/endless", .tooLarge),
        ("/loop/0", .tooManyRedirects),
        ("/bomb", .tooLarge),
        ("/html", .contentType),
        ("/error", .httpStatus),
        ("/big-length", .tooLarge),
    ])
    func eachMisbehaviourEndsWithinItsLimit(path: String, expected: FetchFailure.Code) async throws {
        #expect(!Self.bomb.isEmpty)
        let host = try await Self.hostile()
        let fetcher = FeedFetcher(limits: .shortDeadlines, policy: AddressPolicy(allowPrivate: true))
        defer { Task { await fetcher.shutdown(); await host.stop() } }
        let (failure, seconds) = await Self.failure(fetcher, host.url(path))
        #expect(failure?.code == expected, "\(path): \(failure?.description ?? "no failure")")
        #expect(seconds < 4, "\(path) took \(seconds) s; the total limit is 2 s")
    }

    @Test func aLargeGzippedDirectoryIsReadWhereAFeedOfTheSameSizeIsRefused() async throws {
        #expect(!Self.bigDirectory.isEmpty)
        let host = try await Self.hostile()
        let fetcher = FeedFetcher(limits: .testing, policy: AddressPolicy(allowPrivate: true))
        defer { Task { await fetcher.shutdown(); await host.stop() } }
        guard case .body(let bytes, _) = try await fetcher.fetchDirectory(host.url("/big-directory")) else { Issue.record("no body"); return }
        #expect(bytes.count == 3 << 20)
        let (feed, _) = await Self.failure(fetcher, host.url("/big-directory"))
        #expect(feed?.code == .tooLarge, "a feed is at most 1 MB however it is encoded")
        do { _ = try await fetcher.fetchDirectory(host.url("/bomb")); Issue.record("a 64 MiB bomb was read") } catch {
            #expect(error.code == .tooLarge)
        }
    }

    @Test func redirectsToPrivateAddressesAreRefusedWhenPrivateFeedsAreNotAllowed() async throws {
        let host = try await Self.hostile()
        let policy = AddressPolicy(allowPrivate: false, exceptions: ["127.0.0.1:\(host.port)"])
        let fetcher = FeedFetcher(limits: .testing, policy: policy)
        defer { Task { await fetcher.shutdown(); await host.stop() } }
        for path in ["/to-loopback", "/to-metadata"] {
            let (failure, _) = await Self.failure(fetcher, host.url(path))
            #expect(failure?.code == .privateAddress, "\(path): \(failure?.description ?? "none")")
        }
        let strict = FeedFetcher(limits: .testing, policy: AddressPolicy(allowPrivate: false))
        let (direct, _) = await Self.failure(strict, host.url("/html"))
        #expect(direct?.code == .privateAddress)
        let (local, _) = await Self.failure(strict, "http://localhost:\(host.port)/html")
        #expect(local?.code == .privateAddress)
        let (scheme, _) = await Self.failure(strict, "file:///etc/passwd")
        #expect(scheme?.code == .badURL)
        await strict.shutdown()
    }

    @Test func addressClassesCoverPrivateLoopbackLinkLocalAndMappedAddresses() {
        for address in ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1",
                        "::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1", "not an address",
                        "198.51.100.1", "203.0.113.1", "192.88.99.1", "::127.0.0.1", "64:ff9b::7f00:1", "2002:c0a8:0101::1"] {
            #expect(IPAddressClass.isPrivate(address), "\(address)")
        }
        for address in ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"] {
            #expect(!IPAddressClass.isPrivate(address), "\(address)")
        }
    }

    @Test func theServerKeepsAnsweringWhileAHarvestIsStuckOnSlowFeeds() async throws {
        let host = try await Self.hostile()
        let test = try TestRegistry(limits: .shortDeadlines)
        let (feedHost, _, groups) = try await PublishedGroup.start(["sheffield-central-voices", "bronx-voces", "nakano-koe"])
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop(); await feedHost.stop(); await host.stop(); await test.shutdown() } }
        try await test.registry.createNetwork(slug: "net", name: "Net", policy: .open)
        for group in groups {
            _ = try await test.registry.enroll(network: "net", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile)
            try await HarvestTests.moveFeed(test, group, to: host.url("/slow"))
        }
        let harvest = Task { try await test.registry.harvestPass(force: true) }
        try await Task.sleep(nanoseconds: 300_000_000)
        for _ in 0..<5 {
            let started = Date()
            let answer = try await http("GET", server.base + "/healthz")
            #expect(answer.status == 200)
            #expect(Date().timeIntervalSince(started) < 1)
        }
        let summary = try await harvest.value
        #expect(summary.count(.failed) == 3)
        let status = try await test.registry.group(network: "net", groupId: groups[0].sample.id)
        #expect(status.lastAttempt?.code == "fetch.timeout")
        #expect(status.snapshot?.seq == 1)
    }
}
}
