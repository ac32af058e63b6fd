import AsyncHTTPClient
import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Harvests N generated feeds from loopback servers and compares, in one run: the first harvest (every feed new),
/// a re-harvest where every answer is 304, and a plain fetch loop over the same URLs with the same HTTP client.
/// Usage: chorus-harvest-benchmark [N,N,…] (default 1000,10000).
@main
struct HarvestBenchmark {
    static let servers = 8

    static func main() async throws {
        let sizes = (CommandLine.arguments.dropFirst().first ?? "1000,10000").split(separator: ",").compactMap { Int($0) }
        let template = try Data(contentsOf: URL(fileURLWithPath: "Feeds/sheffield-central-voices.xml"))
        for size in sizes { try await run(size, template: template) }
    }

    static func run(_ count: Int, template: Data) async throws {
        print("== \(count) feeds, \(servers) loopback servers, at most 2 fetches per server and 16 overall")
        let store = FeedStore()
        let (ports, group) = try await startServers(store)
        defer { Task { await group.triggerGracefulShutdown() } }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chorus-harvest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let fetcher = FeedFetcher(policy: AddressPolicy(allowPrivate: true))
        let registry = Registry(database: try RegistryDatabase(path: folder.appendingPathComponent("bench.sqlite").path),
                                fetcher: fetcher, logger: logger)
        try await registry.createNetwork(slug: "bench", name: "Benchmark", policy: .open)

        let text = String(decoding: template, as: UTF8.self)
        let templateID = try FeedReader.read(template).id
        var feeds: [(url: String, id: String, key: MinisignSecretKey)] = []
        var generating = Date()
        for index in 0..<count {
            let id = "urn:uuid:\(UUID().uuidString.lowercased())"
            let key = MinisignSecretKey.generate()
            let path = "/g/\(index).xml"
            feeds.append(("http://127.0.0.1:\(ports[index % servers])\(path)", id, key))
            try store.publish(path, text: text.replacingOccurrences(of: templateID, with: id), id: id, seq: 1, key: key)
        }
        print(String(format: "generated and signed %d feeds in %.1f s", count, Date().timeIntervalSince(generating)))

        let enrolling = Date()
        try await forEach(feeds, concurrency: 16) { feed in
            _ = try await registry.enroll(network: "bench", feedURL: feed.url, publicKey: feed.key.publicKey.fileContents)
        }
        print(String(format: "enrolled in %.1f s (%.0f feeds/s)", Date().timeIntervalSince(enrolling), Double(count) / Date().timeIntervalSince(enrolling)))

        generating = Date()
        for (index, feed) in feeds.enumerated() {
            try store.publish("/g/\(index).xml", text: text.replacingOccurrences(of: templateID, with: feed.id)
                .replacingOccurrences(of: "2026-11-01T10:00:00Z", with: "2026-11-02T10:00:00Z"), id: feed.id, seq: 2, key: feed.key)
        }

        let first = try await registry.harvestPass(force: true)
        let second = try await registry.harvestPass(force: true)
        let plainStart = Date()
        let client = fetcher.client
        try await forEach(feeds, concurrency: 16) { feed in
            for url in [feed.url, feed.url + ".minisig"] {
                let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(20))
                _ = try await response.body.collect(upTo: 1 << 20)
            }
        }
        let plain = Date().timeIntervalSince(plainStart)

        func rate(_ seconds: Double) -> Double { Double(count) / seconds }
        print("first harvest:  \(first)")
        print("second harvest: \(second)")
        print(String(format: "feeds/s — first harvest %.0f, all-304 re-harvest %.0f, plain fetch loop (feed + signature) %.0f",
                     rate(first.seconds), rate(second.seconds), rate(plain)))
        print(String(format: "ratios to the plain fetch loop — first harvest %.2f×, re-harvest %.2f× (time)",
                     first.seconds / plain, second.seconds / plain))
        print(String(format: "targets: re-harvest of %d in %.1f s (10,000 in under 30 s); first harvest %.0f feeds/s (300 or more)",
                     count, second.seconds, rate(first.seconds)))
        print("peak memory (VmHWM): \(peakMemory())")
        await fetcher.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    static func forEach<T: Sendable>(_ items: [T], concurrency: Int, _ body: @escaping @Sendable (T) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var iterator = items.makeIterator()
            for _ in 0..<concurrency { if let item = iterator.next() { group.addTask { try await body(item) } } }
            while try await group.next() != nil {
                if let item = iterator.next() { group.addTask { try await body(item) } }
            }
        }
    }

    static func startServers(_ store: FeedStore) async throws -> ([Int], ServiceGroup) {
        var logger = Logger(label: "bench-server")
        logger.logLevel = .critical
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var services: [any Service] = []
        for _ in 0..<servers {
            let router = Router()
            router.get("g/:file") { request, _ in store.response(for: request) }
            services.append(Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                        onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger))
        }
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        Task { try await group.run() }
        var ports: [Int] = []
        for await port in stream {
            ports.append(port)
            if ports.count == servers { break }
        }
        return (ports, group)
    }

    static func peakMemory() -> String {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return "unknown" }
        return line.dropFirst(6).trimmingCharacters(in: .whitespaces)
    }
}

/// Feeds in memory, answered with ETags and 304s.
final class FeedStore: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: (bytes: ByteBuffer, etag: String)] = [:]

    func publish(_ path: String, text: String, id: String, seq: UInt64, key: MinisignSecretKey) throws {
        let bytes = Data(text.utf8)
        let claim = FeedClaim(groupID: id, sequence: seq, expires: Date().addingTimeInterval(86_400))
        let signature = try FeedSigner.sign(bytes, with: key, claim: claim).fileContents
        lock.withLock {
            files[path] = (ByteBuffer(bytes: bytes), "\"\(seq)\"")
            files[path + ".minisig"] = (ByteBuffer(string: signature), "\"s\(seq)\"")
        }
    }

    func response(for request: Request) -> Response {
        guard let file = lock.withLock({ files[request.uri.path] }) else { return Response(status: .notFound) }
        if request.headers[.ifNoneMatch] == file.etag { return Response(status: .notModified, headers: [.eTag: file.etag]) }
        return Response(status: .ok, headers: [.contentType: "application/atom+xml", .eTag: file.etag], body: .init(byteBuffer: file.bytes))
    }
}
