import ChorusLanguage
import Hummingbird

/// Refuses an unsafe request (POST, PUT, PATCH, DELETE) that the browser says came from another site. A browser
/// sends `Sec-Fetch-Site`, which no page can forge; where it does, it decides, because under this site's
/// `Referrer-Policy: no-referrer` a browser's own same-site form posts carry `Origin: null`. Without it, an `Origin`
/// must name the host the request was sent to. Together with each console form's CSRF token, a page elsewhere
/// cannot make a signed-in volunteer's browser change anything.
struct SameOriginGuard: RouterMiddleware {
    typealias Context = ChorusRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isUnsafe(request.method) else { return try await next(request, context) }
        if let site = request.headers[.init("Sec-Fetch-Site")!] {
            guard ["same-origin", "none"].contains(site.lowercased()) else { return Self.refusal }
        } else if let origin = request.headers[.origin], !Self.matches(origin: origin, host: request.head.authority) {
            return Self.refusal
        }
        return try await next(request, context)
    }

    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool { ![.get, .head, .options].contains(method) }

    /// `Origin: null` (a sandboxed frame, a `file:` page) never matches.
    static func matches(origin: String, host: String?) -> Bool {
        guard let host, let scheme = origin.range(of: "://") else { return false }
        return origin[scheme.upperBound...].lowercased() == host.lowercased()
    }

    static var refusal: Response {
        PageRenderer.shared.message(tr("Not sent"), tr("This form came from another website, so nothing was changed. Open the page on this site and send it again."),
                                    status: .forbidden)
    }
}
