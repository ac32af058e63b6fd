import ChorusFeed
import ChorusRegistry
import ChorusServer
import ChorusTestSupport
import Foundation
import Hummingbird
import Logging
import AsyncHTTPClient
import NIOCore

/// A clock a test can move.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date
    init(_ start: Date = Date()) { date = start }
    var now: Date { lock.withLock { date } }
    func advance(_ seconds: TimeInterval) { lock.withLock { date = date.addingTimeInterval(seconds) } }
}

struct HTTPAnswer {
    let status: Int
    let headers: [String: String]
    let body: String
}

/// One request with the shared client, the body read whole.
func http(_ method: String, _ url: String, token: String? = nil, json: String? = nil, headers: [String: String] = [:]) async throws -> HTTPAnswer {
    var request = HTTPClientRequest(url: url)
    request.method = .init(rawValue: method)
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let json {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 16 << 20)
    var fields: [String: String] = [:]
    for header in response.headers { fields[header.name.lowercased()] = header.value }
    return HTTPAnswer(status: Int(response.status.code), headers: fields, body: String(buffer: body))
}

/// A client that sends no Accept-Encoding of its own and leaves bodies as they came, never shut down.
let rawHTTPClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(decompression: .disabled))

/// A request whose body is kept as the bytes sent (for compressed answers and HEAD).
func httpBytes(_ url: String, method: String = "GET", headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: Data) {
    var request = HTTPClientRequest(url: url)
    request.method = .init(rawValue: method)
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    let response = try await rawHTTPClient.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 16 << 20)
    var fields: [String: String] = [:]
    for header in response.headers { fields[header.name.lowercased()] = header.value }
    return (Int(response.status.code), fields, Data(buffer: body))
}

/// A registry on a fresh SQLite file, harvesting with short test limits.
struct TestRegistry {
    let registry: Registry
    let path: String
    let clock: TestClock

    /// bcrypt at its lowest cost, so that tests that make people stay quick (the default cost is held by its own test).
    init(limits: FetchLimits = .testing, policy: AddressPolicy = AddressPolicy(allowPrivate: true), clock: TestClock = TestClock(),
         passphrases: Passphrases = Passphrases(cost: 4), signInThrottle: SignInThrottle = SignInThrottle()) throws {
        path = try scratchDirectory() + "/registry.sqlite"
        self.clock = clock
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        registry = Registry(database: try RegistryDatabase(path: path),
                            fetcher: FeedFetcher(limits: limits, policy: policy, client: Self.client),
                            logger: logger, clock: { clock.now }, passphrases: passphrases, signInThrottle: signInThrottle)
    }

    /// One harvesting client for all tests, never shut down, so no test must remember to.
    static let client = FeedFetcher.makeClient(limits: .testing)

    func shutdown() async {}
}

extension FetchLimits {
    /// Deadlines loose enough for a loaded two-core machine running the suite in parallel.
    static var testing: FetchLimits {
        var limits = FetchLimits()
        limits.connectTimeout = 5
        limits.totalTimeout = 15
        return limits
    }

    /// Short deadlines, for the tests that measure how soon a misbehaving server is given up on.
    static var shortDeadlines: FetchLimits {
        var limits = FetchLimits()
        limits.connectTimeout = 1
        limits.totalTimeout = 2
        return limits
    }
}

/// A sample group published on a `FeedHost`: its feed at `/files/NAME.xml`, signature and public key beside it.
struct PublishedGroup {
    let sample: SampleGroup
    let files: ServedFiles
    let host: FeedHost

    var feedPath: String { "/files/\(sample.name).xml" }
    var feedURL: String { host.url(feedPath) }

    @discardableResult
    func publish(_ bytes: Data, seq: UInt64, expires: Date = Date().addingTimeInterval(365 * 86_400),
                 key: MinisignSecretKey? = nil) throws -> Data {
        files.set(feedPath, bytes)
        files.set(feedPath + ".minisig", Data(try sample.sign(bytes, seq: seq, expires: expires, with: key).utf8), contentType: "text/plain")
        return bytes
    }

    static func start(_ names: [String], extraRoutes: (Router<BasicRequestContext>) -> Void = { _ in }) async throws -> (FeedHost, ServedFiles, [PublishedGroup]) {
        let files = ServedFiles()
        let host = try await FeedHost.start { router in
            files.serve(on: router)
            extraRoutes(router)
        }
        let groups = try names.map { name in
            let group = PublishedGroup(sample: try SampleGroup(name), files: files, host: host)
            try group.publish(group.sample.bytes, seq: 1)
            files.set("/files/\(name).pub", Data(group.sample.publicKeyFile.utf8), contentType: "text/plain")
            return group
        }
        return (host, files, groups)
    }
}

/// `ChorusServer` on a free loopback port, in this process.
struct RunningServer {
    let port: Int
    let task: Task<Void, any Error>
    let stop: @Sendable () async -> Void

    var base: String { "http://127.0.0.1:\(port)" }

    static func start(_ registry: Registry, logger given: Logger? = nil,
                      configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> RunningServer {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, harvest: false)
        configure(&configuration)
        var logger = given ?? Logger(label: "test-server")
        if given == nil { logger.logLevel = .critical }
        let server = ChorusServer(registry: registry, configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = server.makeServiceGroup(onRunning: { continuation.yield($0) }, signals: [])
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return RunningServer(port: port, task: task, stop: {
            await group.triggerGracefulShutdown()
            _ = await task.result
        })
    }
}
