import Hummingbird

/// Headers every response carries: nothing loads from elsewhere, no referrer leaves the site (a group's website
/// never learns which search led to it), and the browser may ask for location only for this site.
struct PrivacyHeadersMiddleware: RouterMiddleware {
    typealias Context = ChorusRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.xContentTypeOptions] = "nosniff"
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            // A page that may be framed (a network's embedded directory) names its own frame ancestors.
            if response.headers[.contentSecurityPolicy] == nil {
                response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy(frameAncestors: "'none'")
            }
            response.headers[.init("Permissions-Policy")!] = "geolocation=(self), camera=(), microphone=(), interest-cohort=()"
            if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        }
        return response
    }

    static func contentSecurityPolicy(frameAncestors: String) -> String {
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors \(frameAncestors); base-uri 'none'"
    }
}
