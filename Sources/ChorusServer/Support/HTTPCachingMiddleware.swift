import ChorusFeed
import CompressNIO
import Foundation
import Hummingbird

/// Revalidation and compression for every GET answer: a body without a validator gets a weak ETag from its bytes,
/// a matching `If-None-Match` gets 304, and a text body is gzipped when the client asks. Answers marked `no-store`
/// (search pages, admin data) get no validator. An answer that has chosen its encoding already
/// (`Vary: Accept-Encoding`), as the outputs and group pages served from stored bytes do, is passed through as it is.
struct HTTPCachingMiddleware: RouterMiddleware {
    typealias Context = ChorusRequestContext
    static let minimumCompressedSize = 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard request.method == .get, response.status == .ok else { return response }
        if response.headers[.vary] == "Accept-Encoding" { return response }
        let storable = response.headers[.cacheControl]?.contains("no-store") != true
        let compressible = Self.isText(response.headers[.contentType]) && response.headers[.contentEncoding] == nil
        guard storable || compressible else { return response }
        var body = try await Self.collect(response.body)
        if storable {
            if response.headers[.eTag] == nil {
                response.headers[.eTag] = "W/\"" + FeedDigest.sha256(Data(body.readableBytesView)).prefix(27) + "\""
            }
            if let validator = response.headers[.eTag], Conditional.matches(request.headers[.ifNoneMatch], validator) {
                return Conditional.notModified(response.headers)
            }
        }
        if compressible {
            response.headers[.vary] = "Accept-Encoding"
            if body.readableBytes >= Self.minimumCompressedSize, Conditional.acceptsGzip(request.headers[.acceptEncoding]) {
                body = try body.compress(with: .gzip())
                response.headers[.contentEncoding] = "gzip"
            }
        }
        response.headers[.contentLength] = "\(body.readableBytes)"
        response.body = ResponseBody(byteBuffer: body)
        return response
    }

    static func isText(_ type: String?) -> Bool {
        guard let type else { return false }
        return type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.hasPrefix("application/javascript")
    }

    private final class Collector: ResponseBodyWriter {
        var buffer = ByteBuffer()
        func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            self.buffer.writeBuffer(&buffer)
        }
        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }

    static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collector = Collector()
        try await body.write(collector)
        return collector.buffer
    }
}
