import Foundation

/// The words of one page in one language. A request's localizer is set once, by the server, for the whole of the
/// request (`Localizer.$current.withValue`), so a view or a label asks `Localizer.current` instead of passing a
/// language through every call.
public struct Localizer: Sendable {
    /// The page's language: "es", or a pseudo-locale.
    public let language: String
    /// The visitor's tag that chose it ("es-MX"), or the language; dates, numbers and units follow it.
    public let formatTag: String
    let catalog: Catalog

    public init(language: String, visitorTag: String? = nil) {
        self.language = language
        catalog = Catalogs.catalog(language) ?? .source()
        let sameLanguage = visitorTag.map { LanguageTag.primary($0) == LanguageTag.primary(language) } ?? false
        let pseudo = language == PseudoLocale.tag || language == PseudoLocale.rightToLeftTag
        formatTag = sameLanguage ? visitorTag! : pseudo ? Catalogs.sourceLanguage : language
    }

    public static let english = Localizer(language: Catalogs.sourceLanguage)

    @TaskLocal public static var current = Localizer.english

    public var isRightToLeft: Bool { LanguageTag.isRightToLeft(language) }
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }
    /// English or a pseudo-locale: dates and numbers in English, as in the region of the place they are about.
    public var usesEnglishFormats: Bool { formatTag == Catalogs.sourceLanguage }

    /// The language whose plural rules apply: a pseudo-locale counts as English.
    var pluralLanguage: String { catalog.language }

    public var locale: Locale { Locale(identifier: formatTag.replacingOccurrences(of: "-", with: "_")) }

    /// The translation of an English string, or the English when this language has none (counted in
    /// `MissingTranslations`). `{name}` placeholders take `values`.
    public func callAsFunction(_ english: String, _ values: [String: String] = [:], context: String? = nil) -> String {
        fill(lookup(CatalogKey(context: context, id: english)) ?? english, values)
    }

    /// The form of a string with a number in it, chosen by the language's CLDR plural category for `count`.
    /// `{count}` is the number written the language's way.
    public func plural(_ one: String, _ other: String, count: Int, _ values: [String: String] = [:],
                       context: String? = nil) -> String {
        let key = CatalogKey(context: context, id: one)
        let form: String
        if language != Catalogs.sourceLanguage, let translated = catalog.plural(key, count: count) {
            form = translated
        } else {
            if language != Catalogs.sourceLanguage { MissingTranslations.shared.record(language, key) }
            form = count == 1 ? one : other
        }
        var values = values
        values["count"] = number(count)
        return fill(form, values)
    }

    /// A translated string as it is, placeholders and markup included, for templates to render.
    public func template(_ english: String, context: String? = nil) -> String {
        lookup(CatalogKey(context: context, id: english)) ?? english
    }

    public var isPseudo: Bool { language == PseudoLocale.tag || language == PseudoLocale.rightToLeftTag }

    /// Words that come from the locale's own data (CLDR's names of languages, countries, months and days): as they
    /// are, except in a pseudo-locale, which accents them as a real locale would change them.
    public func localeData(_ text: String) -> String {
        isPseudo ? PseudoLocale.transform(text) : text
    }

    public func number(_ value: Int) -> String {
        Self.formatted(value, tag: formatTag)
    }

    private func lookup(_ key: CatalogKey) -> String? {
        guard language != Catalogs.sourceLanguage else { return nil }
        if let string = catalog.string(key) { return string }
        MissingTranslations.shared.record(language, key)
        return nil
    }

    /// Values go into a translation as Unicode bidirectional isolates (UAX #9 §2.7), so an English place name in an
    /// Arabic sentence keeps its own direction; English itself is written as it always was.
    private func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("{") else { return text }
        var text = text
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: isolated(value)) }
        return text
    }

    func isolated(_ value: String) -> String {
        language == Catalogs.sourceLanguage ? value : "\u{2068}" + value + "\u{2069}"
    }

    /// A translated template with each `{{name}}` of its text (not of its tags' attributes) isolated as `fill`
    /// isolates values.
    public func isolatingTags(_ template: String) -> String {
        guard language != Catalogs.sourceLanguage, template.contains("{{") else { return template }
        var out = ""
        var inTag = false
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "<" { inTag = true } else if character == ">" { inTag = false }
            if !inTag, template[index...].hasPrefix("{{"), let close = template.range(of: "}}", range: index..<template.endIndex) {
                out += "\u{2068}" + template[index..<close.upperBound] + "\u{2069}"
                index = close.upperBound
                continue
            }
            out.append(character)
            index = template.index(after: index)
        }
        return out
    }

    private static let numberFormatters = FormatterCache<NumberFormatter> { tag in
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: tag.replacingOccurrences(of: "-", with: "_"))
        formatter.numberStyle = .decimal
        formatter.maximumFractionDigits = 1
        return formatter
    }

    static func formatted(_ value: Int, tag: String) -> String {
        numberFormatters.with(tag) { $0.string(from: NSNumber(value: value)) ?? String(value) }
    }

    public func decimal(_ value: Double) -> String {
        Self.numberFormatters.with(formatTag) { $0.string(from: NSNumber(value: value)) ?? String(value) }
    }
}

/// Formatters are costly to make and not thread-safe: one per tag, used under a lock.
final class FormatterCache<Formatter>: @unchecked Sendable {
    private let lock = NSLock()
    private var formatters: [String: Formatter] = [:]
    private let make: (String) -> Formatter

    init(_ make: @escaping (String) -> Formatter) { self.make = make }

    func with<T>(_ tag: String, _ body: (Formatter) -> T) -> T {
        lock.withLock {
            let formatter = formatters[tag] ?? make(tag)
            if formatters.count > 200 { formatters.removeAll() }
            formatters[tag] = formatter
            return body(formatter)
        }
    }
}

/// Strings asked for in a language whose catalog lacks them: counted, for the metrics and for `chorus translations`.
public final class MissingTranslations: @unchecked Sendable {
    public static let shared = MissingTranslations()
    private let lock = NSLock()
    private var missing: [String: Set<CatalogKey>] = [:]

    func record(_ language: String, _ key: CatalogKey) {
        lock.withLock { _ = missing[language, default: []].insert(key) }
    }

    /// How many distinct strings fell back to English since start, by language.
    public var counts: [String: Int] { lock.withLock { missing.mapValues(\.count) } }

    public func keys(_ language: String) -> Set<CatalogKey> { lock.withLock { missing[language] ?? [] } }
}

/// `tr("Find a group")`: the current page's translation of an English interface string. The extractor
/// (`chorus translations extract`) finds every call by its literal, so the argument is always a literal.
public func tr(_ english: String, _ values: [String: String] = [:], context: String? = nil) -> String {
    Localizer.current(english, values, context: context)
}

/// `trPlural("{count} group", "{count} groups", count: n)`: the form for the current language's plural category.
public func trPlural(_ one: String, _ other: String, count: Int, _ values: [String: String] = [:], context: String? = nil) -> String {
    Localizer.current.plural(one, other, count: count, values, context: context)
}
