import Foundation
import Hummingbird

/// `/assets/…`: the one stylesheet and the one optional script, served from the bundle with long caching.
struct AssetRoutes {
    static let files: [String: (type: String, body: Data)] = {
        var files: [String: (String, Data)] = [:]
        for (name, type) in [("chorus.css", "text/css; charset=utf-8"), ("chorus.js", "text/javascript; charset=utf-8")] {
            if let data = Bundled.data("Assets", name) { files[name] = (type, data) }
        }
        return files
    }()

    func add(to router: Router<ChorusRequestContext>) {
        router.get("assets/:name") { _, context in
            guard let file = Self.files[try context.required("name")] else { throw HTTPError(.notFound, message: "no such asset") }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=86400"],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
        }
    }
}
