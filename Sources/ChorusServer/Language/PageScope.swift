import ChorusLanguage
import Mustache

/// What every page template can read beside its own view: `{{#t}}English text{{/t}}` for the page language's
/// translation (which may use the view's `{{values}}` and markup), the page's `lang` and `dir`, `root` for links
/// that keep an explicit language, and the language switch and `hreflang` alternates.
struct PageScope {
    struct LanguageLink {
        let tag: String
        let name: String
        let href: String
        let current: Bool
    }

    let view: Any
    let t: MustacheLambda
    let pageLang: String
    let pageDir: String
    let root: String
    let languageLinks: [LanguageLink]
    let hasLanguageLinks: Bool
    /// The same page without a language in its address, for `hreflang="x-default"`.
    let defaultHref: String

    init(_ view: Any, page: PageLanguage = .current, samePage: Bool = true) {
        self.view = view
        let localizer = page.localizer
        t = MustacheLambda { text in localizer.isolatingTags(localizer.template(text)) }
        pageLang = page.language
        pageDir = localizer.direction
        root = page.root
        languageLinks = page.offered.map { tag in
            LanguageLink(tag: tag, name: Catalogs.nativeName(tag), href: samePage ? page.path(in: tag) : "/" + tag, current: tag == page.language)
        }
        hasLanguageLinks = page.offered.count > 1
        defaultHref = samePage ? page.path : "/"
    }
}
