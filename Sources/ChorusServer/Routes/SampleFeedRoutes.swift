import Foundation
import Hummingbird

/// Serves a folder of sample feeds read-only under `/sample-feeds/`, so the demo harvests them over real HTTP.
struct SampleFeedRoutes {
    let folder: URL

    func add(to router: Router<ChorusRequestContext>) {
        router.get("sample-feeds/:name") { request, context in
            let name = try context.required("name")
            let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
            guard allowed, !name.hasPrefix("."), let type = contentType(name),
                  let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else {
                return Responses.problem(.notFound, "not-found", "no sample file \(name)")
            }
            return StaticBody.response(Array(bytes), contentType: type, request: request, maxAge: 3600)
        }
    }

    private func contentType(_ name: String) -> String? {
        if name.hasSuffix(".xml") { return "application/atom+xml; charset=utf-8" }
        if name.hasSuffix(".xml.minisig") || name.hasSuffix(".pub") { return "text/plain; charset=utf-8" }
        return nil
    }
}
