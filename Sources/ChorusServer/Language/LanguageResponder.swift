import ChorusLanguage
import ChorusRegistry
import Hummingbird

/// Chooses each request's language before routing: a leading `/TAG/` that names an offered language is taken off
/// the path and chooses it; otherwise `Accept-Language` chooses among the languages offered, falling back to the
/// default. A network's pages offer that network's languages; the rest of the registry offers its own.
/// HTML answers say their `Content-Language`, and `Vary: Accept-Language` when the header chose.
struct LanguageResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == ChorusRequestContext {
    let inner: Inner
    let registry: Registry
    let languages: RegistryLanguages

    func respond(to request: Request, context: ChorusRequestContext) async throws -> Response {
        var request = request
        let original = request.uri.string
        var explicit: String?
        if let (tag, rest) = prefix(of: request.uri.path) {
            explicit = tag
            var head = request.head
            head.path = rest + (request.uri.query.map { "?" + $0 } ?? "")
            request = Request(head: head, body: request.body)
        }
        let (fallback, offered) = await offer(for: request.uri.path)
        let chosen: LanguageNegotiation.Choice
        if let explicit {
            let visitor = LanguageNegotiation.choose(request.headers[.acceptLanguage], offered: [explicit], fallback: explicit)
            chosen = .init(language: explicit, visitorTag: visitor.visitorTag)
        } else {
            chosen = LanguageNegotiation.choose(request.headers[.acceptLanguage], offered: offered, fallback: fallback)
        }
        let page = PageLanguage(localizer: Localizer(language: chosen.language, visitorTag: chosen.visitorTag),
                                explicit: explicit != nil, offered: offered,
                                path: explicit == nil ? original : request.uri.string)
        var response = try await Localizer.$current.withValue(page.localizer) {
            try await PageLanguage.$current.withValue(page) { try await inner.respond(to: request, context: context) }
        }
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentLanguage] = chosen.language
            if explicit == nil {
                let vary = response.headers[.vary]
                response.headers[.vary] = vary.map { $0.localizedCaseInsensitiveContains("accept-language") ? $0 : $0 + ", Accept-Language" } ?? "Accept-Language"
            }
        }
        return response
    }

    /// "/es/search" → ("es", "/search"); "/es" → ("es", "/"). Only tags the registry can serve count.
    private func prefix(of path: String) -> (String, String)? {
        let trimmed = path.dropFirst()
        let tag = trimmed.prefix { $0 != "/" }
        guard !tag.isEmpty, tag.count <= 8, languages.servable.contains(String(tag)) else { return nil }
        let rest = trimmed.dropFirst(tag.count)
        return (String(tag), rest.isEmpty ? "/" : String(rest))
    }

    /// The default and offered languages for a path: a network's own under `/n/SLUG`, `/embed/n/SLUG` and
    /// `/console/n/SLUG`, the registry's elsewhere.
    private func offer(for path: String) async -> (String, [String]) {
        let parts = path.split(separator: "/", maxSplits: 4).map(String.init)
        let slug: String? = switch parts.first {
        case "n": parts.count > 1 ? parts[1] : nil
        case "embed", "console": parts.count > 2 && parts[1] == "n" ? parts[2] : nil
        default: nil
        }
        guard let slug, let network = try? await registry.network(slug) else { return (languages.fallback, languages.offered) }
        return (network.defaultLanguage, network.offeredLanguages + languages.pseudo)
    }
}

/// The registry's own language settings: its default, what it offers outside any network, and the pseudo-locales
/// when they are switched on (for testing translations).
struct RegistryLanguages: Sendable {
    let fallback: String
    let offered: [String]
    let pseudo: [String]

    init(fallback: String = Catalogs.sourceLanguage, pseudoLocales: Bool = false) {
        self.fallback = fallback
        pseudo = pseudoLocales ? [PseudoLocale.tag, PseudoLocale.rightToLeftTag] : []
        offered = [fallback] + Catalogs.shipped.filter { $0 != fallback } + pseudo
    }

    var servable: Set<String> { Set(offered) }
}
