import Foundation

/// The catalogs shipped with Chorus (`Catalogs/*.po`, one per language) and the template they are made from
/// (`Catalogs/chorus.pot`), read once at start.
public enum Catalogs {
    public static let sourceLanguage = "en"

    public static let template: POFile = {
        guard let text = resource("chorus.pot") else { return POFile() }
        do { return try POReader.read(text) } catch { fatalError("Catalogs/chorus.pot does not read: \(error)") }
    }()

    /// Every shipped language's PO file, by language tag.
    public static let files: [String: POFile] = {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Catalogs"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [:] }
        var files: [String: POFile] = [:]
        for name in names where name.hasSuffix(".po") {
            let language = String(name.dropLast(3))
            guard let text = resource(name) else { continue }
            do { files[language] = try POReader.read(text) } catch { fatalError("Catalogs/\(name) does not read: \(error)") }
        }
        return files
    }()

    private static let catalogs: [String: Catalog] = {
        var catalogs = files.mapValues { Catalog(language: $0.headerValue("Language") ?? "", file: $0) }
        for (tag, catalog) in catalogs where catalog.language.isEmpty { catalogs[tag] = Catalog(language: tag, file: files[tag]!) }
        catalogs[sourceLanguage] = .source()
        catalogs[PseudoLocale.tag] = PseudoLocale.catalog(from: template)
        catalogs[PseudoLocale.rightToLeftTag] = PseudoLocale.catalog(from: template, tag: PseudoLocale.rightToLeftTag)
        return catalogs
    }()

    /// The languages a registry can offer: English and every shipped catalog, not the pseudo-locales.
    public static let shipped: [String] = [sourceLanguage] + files.keys.sorted()

    public static func catalog(_ language: String) -> Catalog? { catalogs[language] }

    /// A language's name in that language, for the language switch: "Español", "العربية".
    public static func nativeName(_ language: String) -> String {
        if language == PseudoLocale.tag || language == PseudoLocale.rightToLeftTag { return PseudoLocale.transform("Pseudo") }
        let name = Locale(identifier: language).localizedString(forLanguageCode: LanguageTag.primary(language)) ?? language
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    private static func resource(_ name: String) -> String? {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Catalogs").appendingPathComponent(name) else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
