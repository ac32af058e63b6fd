/// What `msgmerge` does for a catalog, and the completeness check: a language's catalog against the template.
public enum CatalogMerge {
    public static func merge(_ catalog: POFile, with template: POFile, language: String) -> (file: POFile, kept: Int, added: Int, dropped: Int) {
        let existing = Dictionary(catalog.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let forms = PluralCategory.categories(of: language).count
        var kept = 0, added = 0
        let entries = template.entries.map { source -> POFile.Entry in
            var entry = source
            entry.strings = source.idPlural == nil ? [""] : Array(repeating: "", count: forms)
            if let old = existing[source.key], old.strings.contains(where: { !$0.isEmpty }) {
                entry.strings = old.strings
                entry.translatorComments = old.translatorComments
                entry.flags = old.flags
                kept += 1
            } else {
                added += 1
            }
            return entry
        }
        let used = Set(template.entries.map(\.key))
        let dropped = catalog.entries.filter { !used.contains($0.key) }.count
        return (POFile(headerComments: catalog.headerComments, header: catalog.header, entries: entries), kept, added, dropped)
    }

    public struct Completeness: Sendable {
        public let translated: Int
        public let missing: [CatalogKey]
        public let badPlurals: [CatalogKey]
    }

    /// Every template string translated (an entry the same as English counts when it is translated as itself), and
    /// every plural entry with one form for each of the language's CLDR categories.
    public static func completeness(_ catalog: POFile, against template: POFile, language: String) -> Completeness {
        let entries = Dictionary(catalog.entries.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let forms = PluralCategory.categories(of: language).count
        var missing: [CatalogKey] = [], badPlurals: [CatalogKey] = []
        for source in template.entries {
            guard let entry = entries[source.key], entry.isTranslated else { missing.append(source.key); continue }
            if source.idPlural != nil && entry.strings.count != forms { badPlurals.append(source.key) }
        }
        return Completeness(translated: template.entries.count - missing.count, missing: missing, badPlurals: badPlurals)
    }
}
