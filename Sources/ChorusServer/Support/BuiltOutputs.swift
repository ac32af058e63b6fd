import ChorusRegistry
import CompressNIO
import Foundation
import Hummingbird
import NIOCore

/// The bytes of each output as last built, with the stamp they were built at: an output is built once per change
/// and then answered from these bytes until its stamp moves, when the new bytes replace the old. Requests that find
/// the same output being built wait for that build rather than starting their own. At most `capacity` bytes are
/// kept; the outputs least recently built go first.
final class BuiltOutputs: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (tag: String, body: ByteBuffer)] = [:]
    private var order: [String] = []
    private var building: [String: (tag: String, task: Task<ByteBuffer, Error>)] = [:]
    private var size = 0
    let capacity: Int

    init(capacity: Int = 128 << 20) { self.capacity = capacity }

    /// The bytes of the output `name` (which says what it is and the address its links point at) at the stamp `tag`.
    func body(for name: String, tag: String, build: @escaping @Sendable () async throws -> ByteBuffer) async throws -> ByteBuffer {
        enum Next { case done(ByteBuffer), wait(Task<ByteBuffer, Error>) }
        let next: Next = lock.withLock {
            if let entry = entries[name], entry.tag == tag { return .done(entry.body) }
            if let running = building[name], running.tag == tag { return .wait(running.task) }
            let task = Task {
                defer { self.lock.withLock { if self.building[name]?.tag == tag { self.building[name] = nil } } }
                let body = try await build()
                self.store(body, for: name, tag: tag)
                return body
            }
            building[name] = (tag, task)
            return .wait(task)
        }
        switch next {
        case .done(let body): return body
        case .wait(let task): return try await task.value
        }
    }

    private func store(_ body: ByteBuffer, for name: String, tag: String) {
        guard body.readableBytes <= capacity / 2 else { return }
        lock.withLock {
            if let old = entries.removeValue(forKey: name) {
                size -= old.body.readableBytes
                order.removeAll { $0 == name }
            }
            entries[name] = (tag, body)
            order.append(name)
            size += body.readableBytes
            while size > capacity, let oldest = order.first {
                order.removeFirst()
                size -= entries.removeValue(forKey: oldest)?.body.readableBytes ?? 0
            }
        }
    }
}

extension BuiltOutputs {
    /// The answer from the bytes built for `name` at `tag`, in the encoding the client accepts. Its encoding is chosen
    /// here (`Vary: Accept-Encoding`), so the caching middleware passes it through as it is; gzip bytes are made once
    /// per tag, off the cooperative pool.
    func answer(_ request: Request, status: HTTPResponse.Status = .ok, headers: HTTPFields, name: String, tag: String, size: Int,
                identity: @escaping @Sendable () async throws -> ByteBuffer) async throws -> Response {
        var fields = headers
        fields[.vary] = "Accept-Encoding"
        var body: ByteBuffer
        if size >= HTTPCachingMiddleware.minimumCompressedSize, Conditional.acceptsGzip(request.headers[.acceptEncoding]) {
            body = try await self.body(for: name + " gzip", tag: tag) {
                let plain = try await identity()
                return try await OffThePool.run {
                    var input = plain
                    return try input.compress(with: .gzip())
                }
            }
            fields[.contentEncoding] = "gzip"
        } else {
            body = try await identity()
        }
        fields[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}
