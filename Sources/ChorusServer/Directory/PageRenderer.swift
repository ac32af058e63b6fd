import Foundation
import Hummingbird
import Mustache

/// The page templates (`Templates/*.mustache`), loaded once. Mustache escapes every `{{value}}` for HTML.
struct PageRenderer: Sendable {
    static let shared = PageRenderer()

    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        let folder = Bundle.module.resourceURL!.appendingPathComponent("Templates")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
            let template = String(name.dropLast(".mustache".count))
            do {
                try library.register(text, named: template)
                try library.register("{{#view}}{{>\(template)}}{{/view}}", named: Self.scoped(template))
            } catch {
                fatalError("template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// The page's HTML in the request's language (`PageLanguage.current`), or nil when the template is missing.
    /// A page that refuses or fails (`answered` false) switches language to the home page, not to the same address.
    func html(_ view: Any, _ template: String, answered: Bool = true) -> String? {
        library.render(PageScope(view, samePage: answered), withTemplate: Self.scoped(template))
    }

    /// Each template is also registered inside a section of its view, so that the page scope (`PageScope`) sits
    /// under the view on the context stack.
    private static func scoped(_ template: String) -> String { "scoped:" + template }

    func render(_ view: Any, _ template: String, status: HTTPResponse.Status = .ok) -> Response {
        guard let html = html(view, template, answered: status.code < 300) else {
            return Responses.problem(.internalServerError, "internal", "the page template \(template) is missing")
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A short page that says what went wrong in one line and offers a way on.
    func message(_ title: String, _ text: String, status: HTTPResponse.Status) -> Response {
        render(MessageView(title: title, text: text), "message", status: status)
    }
}

struct MessageView {
    let title: String
    let text: String
}

enum Bundled {
    static func data(_ folder: String, _ name: String) -> Data? {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(folder).appendingPathComponent(name) else { return nil }
        return try? Data(contentsOf: url)
    }
}
