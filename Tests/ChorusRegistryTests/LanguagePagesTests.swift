import ChorusLanguage
@testable import ChorusRegistry
@testable import ChorusServer
import ChorusTestSupport
import Foundation
import Testing

/// The directory in the visitor's language: how a language is chosen, that every interface string is in the
/// catalogs, and that the shipped catalogs are complete.
@Suite(.serialized) struct LanguagePagesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theHeaderChoosesAndTheAddressOverridesWithoutACookie() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }

        let mexican = try await http("GET", server.base + "/", headers: ["Accept-Language": "es-MX,es;q=0.9,en;q=0.5"])
        #expect(mexican.headers["content-language"] == "es")
        #expect(mexican.headers["vary"]?.contains("Accept-Language") == true)
        #expect(mexican.body.contains("<html lang=\"es\" dir=\"ltr\">"))
        #expect(mexican.body.contains("<link rel=\"alternate\" hreflang=\"fr\" href=\"/fr\">"))
        #expect(mexican.body.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"/\">"))

        let chosen = try await http("GET", server.base + "/fr/search?place=Sheffield", headers: ["Accept-Language": "es"])
        #expect(chosen.status == 200 && chosen.headers["content-language"] == "fr")
        #expect(chosen.headers["vary"]?.contains("Accept-Language") != true, "the address chose, not the header")
        #expect(chosen.body.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(chosen.body.contains("href=\"/fr/groups/"), "links keep the chosen language")
        #expect(chosen.body.contains("action=\"/fr/search\""), "the search form keeps it")
        #expect(chosen.body.contains("<a href=\"/es/search?place=Sheffield\" hreflang=\"es\" lang=\"es\">"), "the switch links to the same page")

        let arabic = try await http("GET", server.base + "/ar/about")
        #expect(arabic.body.contains("<html lang=\"ar\" dir=\"rtl\">"))

        let weighted = try await http("GET", server.base + "/about", headers: ["Accept-Language": "fr;q=0.2, de;q=0.9, xx"])
        #expect(weighted.headers["content-language"] == "de")

        let unknown = try await http("GET", server.base + "/about", headers: ["Accept-Language": "sw, yo;q=0.5"])
        #expect(unknown.headers["content-language"] == "en", "the registry's default")

        try await fixture.registry.setLanguages(network: "all", default: "es", offered: ["es", "en"])
        let network = try await http("GET", server.base + "/n/all", headers: ["Accept-Language": "sw"])
        #expect(network.headers["content-language"] == "es", "a network's pages fall back to the network's default")
        #expect(!network.body.contains("hreflang=\"ja\""), "a network offers only its own languages")
        let offered = try await http("GET", server.base + "/n/all", headers: ["Accept-Language": "fr, en;q=0.5"])
        #expect(offered.headers["content-language"] == "en", "French is not offered by this network")

        #expect(try await http("GET", server.base + "/xx/about").status == 404, "an unknown prefix is just an unknown page")

        for path in DirectoryPagesTests.everyAddress(fixture) + ["/es/", "/ar/n/all", "/ja/search?mode=online"] {
            let answer = try await http("GET", server.base + path, headers: ["Accept-Language": "ar, es;q=0.5"])
            #expect(answer.headers["set-cookie"] == nil, "\(path) sets a cookie")
        }
        await #expect(throws: RegistryError.self) { try await fixture.registry.setLanguages(network: "all", default: "tlh", offered: nil) }
    }

    /// Every public page in the pseudo-locale: no interface word is left in English. Text the page does not make
    /// (a group's own words, marked with the group's `lang`, and names marked `translate="no"`) is left out.
    @Test func thePseudoLocaleLeavesNoEnglishOnAnyPublicPage() async throws {
        let fixture = try await DirectoryFixture.start(places: true)
        try await fixture.registry.setContact(network: "all", "mailto:directory@all.example.org")
        let server = try await RunningServer.start(fixture.registry) { $0.pseudoLocales = true }
        defer { Task { await server.stop(); await fixture.stop() } }
        var paths = DirectoryPagesTests.everyAddress(fixture)
        paths += ["/groups/nowhere", "/n/nowhere", "/search?place=Nowhereville", "/search?lat=0&lon=0&radius=5", "/search?place=Springfield",
                  "/search?within=3", "/search?audience=young-people"]
        paths += fixture.groups.map { "/groups/\($0.sample.id)/flyer" } + ["/embed/n/all", "/embed/n/all?place=Sheffield"]
        var checked = 0
        for path in paths {
            let answer = try await http("GET", server.base + "/" + PseudoLocale.tag + path)
            guard answer.headers["content-type"]?.hasPrefix("text/html") == true else { continue }
            checked += 1
            let english = PageText.englishLeft(answer.body, pageLanguage: PseudoLocale.tag)
            #expect(english.isEmpty, "\(path) has English left: \(english.prefix(8).joined(separator: " | "))")
        }
        #expect(checked > 20)
    }

    @Test func theCatalogTemplateIsCurrent() throws {
        let extracted = POWriter.write(try CatalogExtractor.template(root: Self.root))
        let committed = try String(contentsOf: Self.root.appendingPathComponent("Sources/ChorusLanguage/Catalogs/chorus.pot"), encoding: .utf8)
        #expect(extracted == committed, "run `chorus translations extract` and `chorus translations update`")
    }

    /// The console's, the publisher's and the compliance pages' strings are in the template but not yet translated.
    static func isDirectoryString(_ entry: POFile.Entry) -> Bool {
        let untranslatedPages = ["console-", "publish", "compliance-dashboard", "group-compliance"]
        return entry.references.isEmpty || !entry.references.allSatisfy { reference in
            untranslatedPages.contains { reference.hasPrefix("Sources/ChorusServer/Templates/" + $0) }
                || reference.hasPrefix("Sources/ChorusServer/Console/") || reference.hasPrefix("Sources/ChorusServer/Publish/")
        }
    }

    @Test func everyShippedLanguageIsCompleteWithItsPluralForms() throws {
        var directory = Catalogs.template
        directory.entries = directory.entries.filter(Self.isDirectoryString)
        #expect(directory.entries.count > 400)
        for language in ["es", "fr", "de", "ja", "ar"] {
            let file = try #require(Catalogs.files[language], "\(language).po is not shipped")
            let report = CatalogMerge.completeness(file, against: directory, language: language)
            #expect(report.missing.isEmpty, "\(language): \(report.missing.count) strings fall back to English, first \(report.missing.first?.id ?? "")")
            #expect(report.badPlurals.isEmpty, "\(language): \(report.badPlurals.count) plural entries lack a form")
            #expect(file.headerValue("Last-Translator")?.isEmpty == false, "\(language).po says who made it")
            #expect(file.headerComments.contains { $0.hasPrefix("Glossary:") }, "\(language).po has a glossary")
            for entry in file.entries where entry.isTranslated {
                for placeholder in Self.placeholders(entry.id) {
                    #expect(entry.strings.allSatisfy { $0.contains(placeholder) }, "\(language): “\(entry.id)” loses \(placeholder)")
                }
            }
        }
        guard let msgfmt = ExternalTool.find("msgfmt") else { return }
        for language in Catalogs.files.keys.sorted() {
            let path = Self.root.appendingPathComponent("Sources/ChorusLanguage/Catalogs/\(language).po").path
            let result = try Run.program(msgfmt, ["-c", "-o", "/dev/null", path])
            #expect(result.status == 0, "msgfmt -c \(language).po: \(result.error)")
        }
    }

    @Test func aStringMissingFromACatalogFallsBackToEnglishAndIsCounted() {
        let localizer = Localizer(language: "es")
        let before = MissingTranslations.shared.keys("es").count
        #expect(localizer("A string no catalog has") == "A string no catalog has")
        #expect(MissingTranslations.shared.keys("es").count == before + 1)
    }

    static func placeholders(_ text: String) -> [String] {
        let expression = try! NSRegularExpression(pattern: #"\{\{[^}]+\}\}|\{[a-z]+\}"#)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }
}

/// The words of a page a person reads, by the language they are marked with.
enum PageText {
    static let void: Set<String> = ["br", "input", "img", "meta", "link", "hr", "source", "wbr", "area", "col", "base"]

    /// Runs of two or more Latin letters in text of the page's own language, outside `translate="no"`, scripts and
    /// styles: what the pseudo-locale should have accented.
    static func englishLeft(_ html: String, pageLanguage: String) -> [String] {
        var stack: [(tag: String, lang: String?, skip: Bool)] = []
        var found: [String] = []
        var index = html.startIndex
        func inPageLanguage() -> Bool {
            guard !stack.contains(where: \.skip) else { return false }
            let lang = stack.last { $0.lang != nil }?.lang ?? pageLanguage
            return lang == pageLanguage
        }
        while index < html.endIndex {
            if html[index] == "<" {
                guard let end = html[index...].firstIndex(of: ">") else { break }
                let tag = String(html[html.index(after: index)..<end])
                index = html.index(after: end)
                if tag.hasPrefix("!") { continue }
                if tag.hasPrefix("/") {
                    let name = tag.dropFirst().lowercased()
                    if let at = stack.lastIndex(where: { $0.tag == name }) { stack.removeSubrange(at...) }
                    continue
                }
                let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
                if name == "title" || void.contains(name) || tag.hasSuffix("/") {
                    for attribute in ["aria-label", "title", "placeholder", "alt"] where inPageLanguage() {
                        if let value = Self.attribute(attribute, in: tag) { found += words(value) }
                    }
                    if void.contains(name) { continue }
                }
                let lang = Self.attribute("lang", in: tag)
                let skip = name == "script" || name == "style" || Self.attribute("translate", in: tag) == "no"
                if inPageLanguage() && !skip {
                    for attribute in ["aria-label", "title", "placeholder", "alt"] {
                        if let value = Self.attribute(attribute, in: tag) { found += words(value) }
                    }
                }
                stack.append((name, lang, skip))
                continue
            }
            let next = html[index...].firstIndex(of: "<") ?? html.endIndex
            if inPageLanguage() { found += words(String(html[index..<next])) }
            index = next
        }
        return found
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Latin-letter words, leaving out entities, the zone abbreviations of times ("GMT", "CET") and the names of
    /// formats, which are the same in every language.
    static func words(_ text: String) -> [String] {
        var cleaned = text.replacingOccurrences(of: #"&[a-z#0-9]+;"#, with: " ", options: .regularExpression)
        while let isolate = cleaned.range(of: "\u{2068}[^\u{2068}\u{2069}]*\u{2069}", options: .regularExpression) {
            cleaned.replaceSubrange(isolate, with: " ")
        }
        let kept: Set<String> = ["GMT", "BST", "CET", "CEST", "EET", "EEST", "IST", "UTC", "JST", "EST", "EDT", "PST", "PDT", "Atom", "RSS", "km", "mi"]
        return cleaned.split { !($0.isASCII && $0.isLetter) }.map(String.init).filter { $0.count >= 2 && !kept.contains($0) }
    }
}
