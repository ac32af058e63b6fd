import ChorusLanguage
import Foundation
import Testing

@Suite struct CatalogFileTests {
    static let sample = """
    # Glossary: voice-hearer = persona que escucha voces
    msgid ""
    msgstr ""
    "Language: es\\n"
    "Plural-Forms: nplurals=3; plural=(n == 1) ? 0 : ((n != 0 && n % 1000000 == 0) ? 1 : 2);\\n"

    #. Page: home.
    #: Sources/ChorusServer/Templates/home.mustache:4
    msgid "Find a peer support group"
    msgstr "Encuentra un grupo de apoyo mutuo"

    #, fuzzy
    msgid "Search"
    msgstr "Buscar"

    msgctxt "setting online label"
    msgid "Online"
    msgstr ""
    "En "
    "línea"

    msgid "{count} group"
    msgid_plural "{count} groups"
    msgstr[0] "{count} grupo"
    msgstr[1] "{count} de grupos"
    msgstr[2] "{count} grupos"

    msgid "Say \\"hello\\"\\n"
    msgstr "Di «hola»\\n"
    """

    @Test func aPOFileReadsAsMsgfmtReadsIt() throws {
        let file = try POReader.read(Self.sample)
        #expect(file.headerComments == ["Glossary: voice-hearer = persona que escucha voces"])
        #expect(file.headerValue("language") == "es")
        #expect(file.entries.count == 5)
        #expect(file.entries[0].references == ["Sources/ChorusServer/Templates/home.mustache:4"])
        #expect(file.entries[0].extractedComments == ["Page: home."])
        #expect(file.entries[1].isFuzzy && !file.entries[1].isTranslated)
        #expect(file.entries[2].context == "setting online label" && file.entries[2].strings == ["En línea"])
        #expect(file.entries[3].strings.count == 3)
        #expect(file.entries[4].id == "Say \"hello\"\n")

        let catalog = Catalog(language: "es", file: file)
        #expect(catalog.string(CatalogKey(id: "Search")) == nil, "a fuzzy translation is not used")
        #expect(catalog.plural(CatalogKey(id: "{count} group"), count: 1) == "{count} grupo")
        #expect(catalog.plural(CatalogKey(id: "{count} group"), count: 2_000_000) == "{count} de grupos")
        #expect(catalog.plural(CatalogKey(id: "{count} group"), count: 7) == "{count} grupos")
    }

    @Test func writingAndReadingAgainChangesNothing() throws {
        let file = try POReader.read(Self.sample)
        #expect(try POReader.read(POWriter.write(file)) == file)
    }

    @Test func aBrokenFileIsRefusedWithItsLine() {
        for (text, line) in [("msgid \"a\nmsgstr \"b\"", 1), ("msgid \"a\"\nmsgstr \"b\"\nmsgstr \"c\"", 3), ("msgid \"a\"\nfoo \"b\"", 2),
                             ("msgid \"a\\q\"\nmsgstr \"\"", 1), ("\"orphan\"", 1)] {
            #expect { try POReader.read(text) } throws: { ($0 as? POSyntaxError)?.line == line }
        }
    }

    @Test func theMergeKeepsTranslationsAndAddsWhatIsNew() throws {
        let catalog = try POReader.read(Self.sample)
        var template = POFile(entries: [POFile.Entry(id: "Find a peer support group"), POFile.Entry(id: "New string"),
                                        POFile.Entry(id: "{count} group", idPlural: "{count} groups", strings: ["", ""])])
        template.entries[0].references = ["layout.mustache:6"]
        let merged = CatalogMerge.merge(catalog, with: template, language: "es")
        #expect(merged.kept == 2 && merged.added == 1 && merged.dropped == 3)
        #expect(merged.file.entries[0].strings == ["Encuentra un grupo de apoyo mutuo"] && merged.file.entries[0].references == ["layout.mustache:6"])
        #expect(merged.file.entries[1].strings == [""])
        let report = CatalogMerge.completeness(merged.file, against: template, language: "es")
        #expect(report.missing == [CatalogKey(id: "New string")] && report.badPlurals.isEmpty)
    }

    @Test func thePseudoLocaleLeavesNoEnglishLetterAndKeepsMarkup() {
        let pseudo = PseudoLocale.transform("Tell {{networkName}} through <a href=\"/n/{{network}}\">its page</a> &amp; {count} more")
        #expect(pseudo.hasPrefix("[") && pseudo.hasSuffix("]"))
        #expect(pseudo.contains("{{networkName}}") && pseudo.contains("<a href=\"/n/{{network}}\">") && pseudo.contains("&amp;") && pseudo.contains("{count}"))
        let words = pseudo.replacingOccurrences(of: #"\{\{[^}]*\}\}|\{[^}]*\}|<[^>]*>|&[a-z]+;"#, with: "", options: .regularExpression)
        #expect(!words.contains { $0.isASCII && $0.isLetter }, "\(words)")
        #expect(pseudo.count >= Int(Double("Tell  through its page  more".count) * 1.3))
    }
}
