import Foundation

/// One language's translations, read from its PO file. English is the source language: its catalog is empty and
/// every lookup gives the English text back.
public struct Catalog: Sendable {
    public let language: String
    /// Who or what made the translation, from the header (`Last-Translator`, and the header comments).
    public let producedBy: String?
    private let strings: [CatalogKey: [String]]

    public init(language: String, file: POFile) {
        self.language = language
        producedBy = file.headerValue("Last-Translator")
        var strings: [CatalogKey: [String]] = [:]
        for entry in file.entries where entry.isTranslated { strings[entry.key] = entry.strings }
        self.strings = strings
    }

    public static func source(_ language: String = "en") -> Catalog {
        Catalog(language: language, file: POFile())
    }

    public var count: Int { strings.count }

    public func string(_ key: CatalogKey) -> String? { strings[key]?.first }

    /// The form for `count` (CLDR category of this catalog's language), or nil when there is no translation.
    public func plural(_ key: CatalogKey, count: Int) -> String? {
        guard let forms = strings[key] else { return nil }
        let index = PluralCategory.index(of: count, in: language)
        return index < forms.count ? forms[index] : forms.last
    }
}
