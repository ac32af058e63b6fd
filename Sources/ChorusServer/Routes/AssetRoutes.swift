import Foundation
import Hummingbird

/// `/assets/…`: the stylesheet, the directory's one optional script, and the browser publisher's modules
/// (`/assets/publish/…`), served from the bundle with long caching.
struct AssetRoutes {
    static let publishModules = ["builder.js", "repeating-fields.js", "lint-report.js", "check.js", "charter-sign.js", "minisign.js", "blake2b.js", "scrypt.js", "scrypt-worker.js", "keystore.js"]

    static let files: [String: (type: String, body: Data)] = {
        var files: [String: (String, Data)] = [:]
        for (name, type) in [("chorus.css", "text/css; charset=utf-8"), ("chorus.js", "text/javascript; charset=utf-8")] {
            if let data = Bundled.data("Assets", name) { files[name] = (type, data) }
        }
        for name in publishModules {
            if let data = Bundled.data("Assets/publish", name) { files["publish/" + name] = ("text/javascript; charset=utf-8", data) }
        }
        return files
    }()

    func add(to router: Router<ChorusRequestContext>) {
        router.get("assets/:name") { _, context in try Self.serve(try context.required("name")) }
        router.get("assets/publish/:name") { _, context in try Self.serve("publish/" + (try context.required("name"))) }
    }

    private static func serve(_ name: String) throws -> Response {
        guard let file = files[name] else { throw HTTPError(.notFound, message: "no such asset") }
        return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=86400"],
                        body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
    }
}
