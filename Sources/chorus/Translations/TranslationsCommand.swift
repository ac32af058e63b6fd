import ArgumentParser
import ChorusLanguage
import ChorusServer
import Foundation

struct TranslationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translations",
        abstract: "Keep the interface catalogs (Sources/ChorusLanguage/Catalogs) in step with the source.",
        subcommands: [TranslationsExtract.self, TranslationsUpdate.self, TranslationsCheck.self])
}

struct SourceTreeOption: ParsableArguments {
    @Option(help: "The root of the Chorus source tree.") var root = "."

    var rootURL: URL { URL(fileURLWithPath: root) }
    var catalogs: URL { rootURL.appendingPathComponent("Sources/ChorusLanguage/Catalogs") }
}

struct TranslationsExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Write chorus.pot from the page templates, the tr(…) strings and the vocabularies.")
    @OptionGroup var source: SourceTreeOption

    func run() throws {
        let template = try CatalogExtractor.template(root: source.rootURL)
        let url = source.catalogs.appendingPathComponent("chorus.pot")
        try POWriter.write(template).write(to: url, atomically: true, encoding: .utf8)
        print("\(url.path): \(template.entries.count) strings")
    }
}

struct TranslationsUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Bring every LANG.po in step with chorus.pot, keeping its translations (as msgmerge does).")
    @OptionGroup var source: SourceTreeOption

    func run() throws {
        let template = try POReader.read(try String(contentsOf: source.catalogs.appendingPathComponent("chorus.pot"), encoding: .utf8))
        for name in try FileManager.default.contentsOfDirectory(atPath: source.catalogs.path).sorted() where name.hasSuffix(".po") {
            let url = source.catalogs.appendingPathComponent(name)
            let catalog = try POReader.read(try String(contentsOf: url, encoding: .utf8))
            let merged = CatalogMerge.merge(catalog, with: template, language: String(name.dropLast(3)))
            try POWriter.write(merged.file).write(to: url, atomically: true, encoding: .utf8)
            print("\(name): \(merged.kept) kept, \(merged.added) to translate, \(merged.dropped) no longer used")
        }
    }
}

struct TranslationsCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Say, for each language, how many strings would fall back to English.")
    @OptionGroup var source: SourceTreeOption

    func run() throws {
        let template = try POReader.read(try String(contentsOf: source.catalogs.appendingPathComponent("chorus.pot"), encoding: .utf8))
        var incomplete = false
        for name in try FileManager.default.contentsOfDirectory(atPath: source.catalogs.path).sorted() where name.hasSuffix(".po") {
            let language = String(name.dropLast(3))
            let catalog = try POReader.read(try String(contentsOf: source.catalogs.appendingPathComponent(name), encoding: .utf8))
            let report = CatalogMerge.completeness(catalog, against: template, language: language)
            print("\(language): \(report.translated) of \(template.entries.count) translated"
                  + (report.missing.isEmpty ? "" : ", \(report.missing.count) fall back to English (first: “\(report.missing[0].id)”)")
                  + (report.badPlurals.isEmpty ? "" : ", \(report.badPlurals.count) with the wrong number of plural forms"))
            if !report.missing.isEmpty || !report.badPlurals.isEmpty { incomplete = true }
        }
        if incomplete { throw ExitCode(1) }
    }
}
