import ChorusLanguage

/// The language of the page being answered, and how it was chosen, for the whole of one request.
///
/// An explicit choice is a path prefix (`/es/search?place=Leeds`), so a chosen language survives links and forms
/// without a cookie; without one, `Accept-Language` chooses among the languages offered, and the response varies
/// on that header.
struct PageLanguage: Sendable {
    let localizer: Localizer
    /// The URL named the language.
    let explicit: Bool
    /// The languages offered here, the default first.
    let offered: [String]
    /// The request's path and query without any language prefix.
    let path: String

    @TaskLocal static var current = PageLanguage(localizer: .english, explicit: false, offered: [Catalogs.sourceLanguage], path: "/")

    var language: String { localizer.language }

    /// What internal links start with: "/es" when the URL chose Spanish, "" otherwise.
    var root: String { explicit ? "/" + language : "" }

    /// What a page stored for reuse depends on: the language, whether the address named it, and the visitor's
    /// formats and offered languages.
    var cacheKey: String { "\(language)\(root) \(localizer.formatTag) \(offered.joined(separator: ","))" }

    /// A path of this registry as the current page should link to it.
    func link(_ path: String) -> String { root + path }

    /// The same page in another language.
    func path(in language: String) -> String { "/" + language + (path == "/" ? "" : path) }
}
