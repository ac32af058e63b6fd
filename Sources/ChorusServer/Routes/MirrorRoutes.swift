import ChorusFeed
import ChorusRegistry
import Foundation
import Hummingbird

/// `/mirror/{groupId}/feed.xml(.minisig)`: the exact last good bytes and signature, verifiable with the group's key.
struct MirrorRoutes {
    let registry: Registry

    func add(to router: Router<ChorusRequestContext>) {
        router.get("mirror/:groupId/feed.xml") { request, context in
            guard let mirror = try await registry.mirror(groupId: try context.groupID()) else { return notListed }
            return StaticBody.response(Array(mirror.bytes), contentType: "application/atom+xml; charset=utf-8", request: request)
        }
        router.get("mirror/:groupId/feed.xml.minisig") { request, context in
            guard let mirror = try await registry.mirror(groupId: try context.groupID()) else { return notListed }
            return StaticBody.response(Array(mirror.signature.utf8), contentType: "text/plain; charset=utf-8", request: request)
        }
    }

    private var notListed: Response {
        Responses.problem(.notFound, "not-found", "no listed group with this id")
    }
}

/// A body served with a strong ETag and conditional GET.
enum StaticBody {
    static func response(_ bytes: [UInt8], contentType: String, request: Request, maxAge: Int = 300) -> Response {
        let etag = "\"" + FeedDigest.sha256(Data(bytes)).prefix(32) + "\""
        var headers: HTTPFields = [.contentType: contentType, .eTag: etag, .cacheControl: "public, max-age=\(maxAge)"]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = "\(bytes.count)"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
