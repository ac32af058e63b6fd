import ChorusRegistry
import CompressNIO
import Foundation
import Hummingbird
import NIOCore

/// The bytes of each output and group page as last built, by name (what it is and the address its links point
/// at), with the tag they were built at: built once per change, then answered from these bytes until the tag
/// moves. At most 128 MB is kept.
struct BuiltOutputs: Sendable {
    let store = BuiltOnce<String, ByteBuffer>(capacity: 128 << 20) { $0.readableBytes }

    func body(for name: String, tag: String, build: @escaping @Sendable () async throws -> ByteBuffer) async throws -> ByteBuffer {
        try await store.value(for: name, tag: tag) { _ in try await build() }
    }

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
