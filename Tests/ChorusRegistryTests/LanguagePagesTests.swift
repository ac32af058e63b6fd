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
        paths += fixture.groups.prefix(3).map { "/groups/\($0.sample.id)/report" }
        paths += ["/publish", "/publish/new", "/publish/check", "/console/sign-in"]
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

    /// A charter whose rule has Spanish words shows them to a Spanish reader, marked `lang="es"`; a French reader
    /// gets the charter's own English, marked `lang="en"`.
    @Test func aCharterWithSpanishRuleTextsShowsItsVerdictsInSpanish() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["eastlands-peer-support", "nyanza-voices-circle"])
        defer { Task { await host.stop() } }
        try await test.registry.createNetwork(slug: "kenya", name: "Kenya", policy: .open)
        for group in groups { _ = try await test.registry.enroll(network: "kenya", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile) }
        let english = try String(contentsOfFile: Repository.path("Federation/charters/kenya.xml"), encoding: .utf8)
        let spanishText = "Al menos el 70 % de las personas del grupo tienen experiencia propia."
        let spanishFix = "Calcula qué parte del grupo tiene experiencia propia e indícalo en members-lived-experience-percent."
        let translated = english
            .replacingOccurrences(of: "the rest may be family members and other caregivers.</text>",
                                  with: "the rest may be family members and other caregivers.</text>\n      <text xml:lang=\"es\">\(spanishText)</text>")
            .replacingOccurrences(of: "carers may start their own group.</fix>",
                                  with: "carers may start their own group.</fix>\n      <fix xml:lang=\"es\">\(spanishFix)</fix>")
            .replacingOccurrences(of: "version=\"2026.1\"", with: "version=\"2026.1-es\"")
        #expect(translated != english)
        let file = try scratchDirectory() + "/kenya.xml"
        try translated.write(toFile: file, atomically: true, encoding: .utf8)
        let signed = try Run.chorus("charter", "sign", file, "--key", Repository.path("Feeds/keys/network-kenya.key"))
        #expect(signed.status == 0, "\(signed.error)")
        _ = try await test.registry.setCharter(network: "kenya", bytes: Data(translated.utf8),
                                               signature: try String(contentsOfFile: file + ".minisig", encoding: .utf8))
        let viewer = try await test.registry.issueToken(network: "kenya", role: .viewer)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let path = "/n/kenya/groups/\(groups[1].sample.id)/compliance"

        let spanish = try await http("GET", server.base + "/es" + path, token: viewer)
        #expect(spanish.status == 200 && spanish.body.contains("<html lang=\"es\""))
        #expect(spanish.body.contains("<span lang=\"es\">\(spanishText)</span>"))
        #expect(spanish.body.contains("<span lang=\"es\">\(spanishFix)</span>"))
        let mexican = try await http("GET", server.base + path, token: viewer, headers: ["Accept-Language": "es-MX"])
        #expect(mexican.body.contains(spanishFix), "es-MX finds the es translation")

        let french = try await http("GET", server.base + "/fr" + path, token: viewer)
        #expect(french.status == 200 && french.body.contains("<html lang=\"fr\""))
        #expect(!french.body.contains(spanishText))
        #expect(french.body.contains("<span lang=\"en\">At least 70% of the group&#39;s members have lived experience themselves"),
                "without a French translation the rule is in the charter's own language, marked as such")
    }

    /// Every console page a network's admin sees, in the pseudo-locale: no interface word left in English.
    @Test func thePseudoLocaleLeavesNoEnglishInTheConsole() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["eastlands-peer-support", "nyanza-voices-circle"])
        defer { Task { await host.stop() } }
        let server = try await RunningServer.start(test.registry) { $0.pseudoLocales = true }
        defer { Task { await server.stop() } }
        try await test.registry.createNetwork(slug: "kenya", name: "Kenya", policy: .approval)
        for group in groups { _ = try await test.registry.enroll(network: "kenya", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile) }
        try await test.registry.approve(network: "kenya", groupId: groups[0].sample.id)
        let (bytes, signature) = try ComplianceTests.charter("kenya")
        _ = try await test.registry.setCharter(network: "kenya", bytes: bytes, signature: signature)
        let invite = try await test.registry.invite(network: "kenya", role: .admin)
        let admin = ConsoleBrowser(server.base)
        let joined = try await admin.post("/\(PseudoLocale.tag)/console/invite/\(invite.token)",
                                          ["name": "Wanjiru", "login": "wanjiru", "passphrase": ConsoleTests.goodPassphrase, "again": ConsoleTests.goodPassphrase])
        #expect(joined.status == 303 && joined.location?.hasPrefix("/\(PseudoLocale.tag)/console") == true, "the language stays after joining")
        let group = groups[0].sample.id
        let pages = ["/console", "/console/n/kenya", "/console/n/kenya/groups", "/console/n/kenya/groups?state=waiting", "/console/n/kenya/groups/\(group)",
                     "/console/n/kenya/groups/\(groups[1].sample.id)", "/console/n/kenya/enrol", "/console/n/kenya/people", "/console/n/kenya/audit",
                     "/console/n/kenya/reports", "/console/n/kenya/settings", "/console/n/kenya/charter", "/console/n/kenya/charter/edit",
                     "/console/n/kenya/registries", "/console/passphrase", "/console/n/nowhere"]
        for path in pages {
            let answer = try await admin.get("/" + PseudoLocale.tag + path)
            if answer.status == 303 {
                #expect(answer.location?.hasPrefix("/" + PseudoLocale.tag + "/console") == true, "\(path) keeps the language: \(answer.location ?? "")")
                continue
            }
            #expect(answer.body.contains("<html lang=\"\(PseudoLocale.tag)\""), "\(path): \(answer.status)")
            let english = PageText.englishLeft(answer.body, pageLanguage: PseudoLocale.tag)
            #expect(english.isEmpty, "\(path) has English left: \(english.prefix(12).joined(separator: " | "))")
        }
    }

    @Test func theCatalogTemplateIsCurrent() throws {
        let extracted = POWriter.write(try CatalogExtractor.template(root: Self.root))
        let committed = try String(contentsOf: Self.root.appendingPathComponent("Sources/ChorusLanguage/Catalogs/chorus.pot"), encoding: .utf8)
        #expect(extracted == committed, "run `chorus translations extract` and `chorus translations update`")
    }

    @Test func everyShippedLanguageIsCompleteWithItsPluralForms() throws {
        #expect(Catalogs.template.entries.count > 1000)
        for language in ["es", "fr", "de", "ja", "ar"] {
            let file = try #require(Catalogs.files[language], "\(language).po is not shipped")
            let report = CatalogMerge.completeness(file, against: Catalogs.template, language: language)
            #expect(report.missing.isEmpty, "\(language): \(report.missing.count) strings fall back to English, first \(report.missing.first?.id ?? "")")
            #expect(report.badPlurals.isEmpty, "\(language): \(report.badPlurals.count) plural entries lack a form")
            #expect(file.headerValue("Last-Translator")?.isEmpty == false, "\(language).po says who made it")
            #expect(file.headerComments.contains { $0.hasPrefix("Glossary:") }, "\(language).po has a glossary")
            // A plural's "other" form keeps every placeholder; its "one" or "two" may say the number in words.
            for entry in file.entries where entry.isTranslated {
                for placeholder in Self.placeholders(entry.idPlural ?? entry.id) {
                    #expect(entry.strings.last?.contains(placeholder) == true, "\(language): “\(entry.id)” loses \(placeholder)")
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

    /// Right-to-left pages mirror by themselves: the stylesheet names sides only as start and end.
    @Test func theStylesheetUsesOnlyLogicalSides() throws {
        let css = try String(contentsOf: Self.root.appendingPathComponent("Sources/ChorusServer/Assets/chorus.css"), encoding: .utf8)
        let physical = #"(margin|padding|border|inset)-(left|right)|text-align:\s*(left|right)|(^|[;{\s])(left|right)\s*:|float:\s*(left|right)"#
        let found = css.components(separatedBy: "\n").filter { $0.range(of: physical, options: .regularExpression) != nil }
        #expect(found.isEmpty, "physical sides in chorus.css: \(found)")
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

    /// Runs of two or more Latin letters in text of the page's own language, outside `translate="no"`, code,
    /// scripts and styles: what the pseudo-locale should have accented. A page's `<title>` may repeat names the page
    /// shows as data.
    static func englishLeft(_ html: String, pageLanguage: String) -> [String] {
        var stack: [(tag: String, lang: String?, skip: Bool)] = []
        var found: [(word: String, inTitle: Bool)] = []
        var data = Set<String>()
        var index = html.startIndex
        let verbatim: Set<String> = ["script", "style", "code", "pre", "kbd", "samp"]
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
                let lang = Self.attribute("lang", in: tag)
                let skip = verbatim.contains(name) || Self.attribute("translate", in: tag) == "no"
                if inPageLanguage() && !skip {
                    for attribute in ["aria-label", "title", "placeholder", "alt", "data-label"] {
                        if let value = Self.attribute(attribute, in: tag) { found += words(value).map { ($0, false) } }
                    }
                }
                if void.contains(name) || tag.hasSuffix("/") { continue }
                stack.append((name, lang, skip))
                continue
            }
            let next = html[index...].firstIndex(of: "<") ?? html.endIndex
            let text = String(html[index..<next])
            if inPageLanguage() {
                found += words(text).map { ($0, stack.contains { $0.tag == "title" }) }
                data.formUnion(words(text, isolatedOnly: true))
            } else {
                data.formUnion(words(text, keepIsolated: true))
            }
            index = next
        }
        return found.filter { !$0.inTitle || !data.contains($0.word) }.map(\.word)
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Latin-letter words, leaving out entities, values isolated in a translation (U+2068…U+2069), and the names of
    /// formats, which are the same in every language; or only the isolated ones, or everything.
    static func words(_ text: String, isolatedOnly: Bool = false, keepIsolated: Bool = false) -> [String] {
        var cleaned = text.replacingOccurrences(of: #"&[a-z#0-9]+;"#, with: " ", options: .regularExpression)
        if isolatedOnly {
            let expression = try! NSRegularExpression(pattern: "\u{2068}[^\u{2068}\u{2069}]*\u{2069}")
            cleaned = expression.matches(in: cleaned, range: NSRange(cleaned.startIndex..., in: cleaned))
                .map { String(cleaned[Range($0.range, in: cleaned)!]) }.joined(separator: " ")
        }
        while !keepIsolated, !isolatedOnly, let isolate = cleaned.range(of: "\u{2068}[^\u{2068}\u{2069}]*\u{2069}", options: .regularExpression) {
            cleaned.replaceSubrange(isolate, with: " ")
        }
        let kept: Set<String> = ["GMT", "BST", "CET", "CEST", "EET", "EEST", "IST", "UTC", "JST", "EST", "EDT", "PST", "PDT", "Atom", "RSS", "km", "mi", "SHA", "HTTP", "HTTPS", "URL", "JSON", "CSV"]
        return cleaned.split { !($0.isASCII && $0.isLetter) }.map(String.init).filter { $0.count >= 2 && !kept.contains($0) }
    }
}
