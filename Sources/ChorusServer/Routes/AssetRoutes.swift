import ChorusLanguage
import Foundation
import Hummingbird

/// `/assets/…`: the stylesheet, the directory's one optional script, and the browser publisher's modules
/// (`/assets/publish/…`), served from the bundle with long caching.
struct AssetRoutes {
    static let publishModules = ["builder.js", "repeating-fields.js", "lint-report.js", "check.js", "charter-sign.js", "minisign.js", "blake2b.js", "scrypt.js", "scrypt-worker.js", "keystore.js"]

    static let files: [String: (type: String, body: Data)] = {
        var files: [String: (String, Data)] = [:]
        for (name, type) in [("chorus.css", "text/css; charset=utf-8"), ("chorus.js", "text/javascript; charset=utf-8"),
                             ("words.js", "text/javascript; charset=utf-8")] {
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
        router.get("assets/words/:file") { _, context in try Self.words(try context.required("file")) }
    }

    /// `words.js`'s strings in one language, as a module exporting `{"English": "translation"}`, for every string the
    /// scripts use.
    static let scriptWords: [String: Data] = {
        let ids = Catalogs.template.entries.filter { $0.references.contains { $0.hasPrefix(CatalogExtractor.scriptFolder) } }.map(\.id)
        var files: [String: Data] = [:]
        for language in Catalogs.shipped + [PseudoLocale.tag, PseudoLocale.rightToLeftTag] {
            let localizer = Localizer(language: language)
            let words = Dictionary(ids.map { ($0, localizer.template($0)) }, uniquingKeysWith: { first, _ in first })
            let json = (try? JSONSerialization.data(withJSONObject: words, options: [.sortedKeys])) ?? Data("{}".utf8)
            files[language] = Data("export default ".utf8) + json + Data(";\n".utf8)
        }
        return files
    }()

    private static func words(_ file: String) throws -> Response {
        guard file.hasSuffix(".js"), let body = scriptWords[String(file.dropLast(3))] else {
            throw HTTPError(.notFound, message: "no words in that language")
        }
        return Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func serve(_ name: String) throws -> Response {
        guard let file = files[name] else { throw HTTPError(.notFound, message: "no such asset") }
        return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=86400"],
                        body: .init(byteBuffer: ByteBuffer(bytes: file.body)))
    }
}
