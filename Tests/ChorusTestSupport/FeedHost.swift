import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// A real HTTP server on 127.0.0.1 with a free port, for feeds that behave well or badly.
public final class FeedHost: Sendable {
    public let port: Int
    public let address: String
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, any Error>

    public var base: String { "http://\(address):\(port)" }
    public func url(_ path: String) -> String { base + path }

    /// `address` is any loopback address (127.0.0.2 plays a second host); `port` 0 picks a free one.
    public static func start(address: String = "127.0.0.1", port requested: Int = 0,
                             _ configure: (Router<BasicRequestContext>) -> Void) async throws -> FeedHost {
        let router = Router()
        configure(router)
        var logger = Logger(label: "feed-host")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname(address, port: requested)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return FeedHost(address: address, port: port, serviceGroup: group, task: task)
    }

    private init(address: String, port: Int, serviceGroup: ServiceGroup, task: Task<Void, any Error>) {
        self.address = address
        self.port = port
        self.serviceGroup = serviceGroup
        self.task = task
    }

    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// Files a `FeedHost` serves, changeable while it runs; answers conditional GETs by ETag.
public final class ServedFiles: @unchecked Sendable {
    public struct File: Sendable {
        public var bytes: [UInt8]
        public var contentType: String
        public init(bytes: [UInt8], contentType: String) {
            self.bytes = bytes
            self.contentType = contentType
        }
    }

    private let lock = NSLock()
    private var files: [String: File] = [:]
    private var counts: [String: Int] = [:]

    public init() {}

    public func set(_ path: String, _ bytes: some Sequence<UInt8>, contentType: String = "application/atom+xml") {
        lock.withLock { files[path] = File(bytes: Array(bytes), contentType: contentType) }
    }

    public func remove(_ path: String) { _ = lock.withLock { files.removeValue(forKey: path) } }

    /// How many requests reached a path.
    public func requests(_ path: String) -> Int { lock.withLock { counts[path, default: 0] } }

    public func response(for request: Request) -> Response {
        let path = request.uri.path
        let file: File? = lock.withLock {
            counts[path, default: 0] += 1
            return files[path]
        }
        guard let file else { return Response(status: .notFound) }
        let etag = "\"\(file.bytes.count)-\(file.bytes.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) })\""
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
        return Response(status: .ok, headers: [.contentType: file.contentType, .eTag: etag],
                        body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }

    /// Routes every GET under `/files/` to these files.
    public func serve(on router: Router<BasicRequestContext>) {
        router.get("files/**") { request, _ in self.response(for: request) }
    }
}
