import ChorusFeed
@testable import ChorusRegistry
@testable import ChorusServer
import ChorusTestSupport
import Foundation
import Testing

/// Times said as people say them, with an injected clock: across midnight, across daylight-saving changes, and in
/// the visitor's zone rather than the meeting's.
@Suite struct RelativeTimeTests {
    let london = TimeZone(identifier: "Europe/London")!
    let newYork = TimeZone(identifier: "America/New_York")!

    func at(_ text: String) -> Date { Timestamp.parse(text)! }

    func words(_ start: String, minutes: Int = 90, now: String, zone: TimeZone? = nil) -> String? {
        let begins = at(start)
        return RelativeTime.words(start: begins, end: begins.addingTimeInterval(TimeInterval(minutes * 60)), now: at(now), zone: zone ?? london)?.text
    }

    @Test func acrossMidnight() {
        #expect(words("2026-12-03T00:30:00Z", now: "2026-12-02T22:00:00Z") == "Tomorrow")
        #expect(words("2026-12-03T00:30:00Z", now: "2026-12-02T23:50:00Z") == "Starting in 40 minutes")
        #expect(words("2026-12-03T00:30:00Z", now: "2026-12-03T00:29:30Z") == "Starting in a minute")
        #expect(words("2026-12-03T00:30:00Z", now: "2026-12-03T01:00:00Z") == "On now")
        #expect(words("2026-12-03T00:30:00Z", now: "2026-12-03T02:00:00Z") == nil, "a meeting that has ended is not on")
        #expect(words("2026-12-03T19:00:00Z", now: "2026-12-03T08:00:00Z") == "Tonight")
        #expect(words("2026-12-03T14:00:00Z", now: "2026-12-03T08:00:00Z") == "Today")
        #expect(words("2026-12-06T19:00:00Z", now: "2026-12-03T08:00:00Z") == "Sunday")
        #expect(words("2026-12-10T19:00:00Z", now: "2026-12-03T08:00:00Z") == nil, "a week ahead, the date says it")
    }

    @Test func acrossDaylightSavingChanges() {
        // London's clocks go forward at 01:00 UTC on Sunday 28 March 2027: 19:00 that evening is 18:00 UTC.
        #expect(words("2027-03-28T18:00:00Z", now: "2027-03-27T23:30:00Z") == "Tomorrow")
        #expect(words("2027-03-28T18:00:00Z", now: "2027-03-28T00:30:00Z") == "Tonight")
        let spring = at("2027-03-28T18:00:00Z")
        #expect(RelativeTime.phrase(start: spring, end: spring.addingTimeInterval(5_400), now: at("2027-03-27T23:30:00Z"), zone: london)
                == "Tomorrow, 19:00 BST (Sunday 28 March)")
        // They go back at 01:00 UTC on Sunday 31 October 2027: 23:30 BST on Saturday is 22:30 UTC.
        #expect(words("2027-10-31T19:00:00Z", now: "2027-10-30T22:30:00Z") == "Tomorrow")
        #expect(words("2027-10-31T19:00:00Z", now: "2027-10-30T23:30:00Z") == "Tonight", "00:30 GMT on Sunday")
    }

    @Test func theVisitorsZoneTurnsTheDay() {
        // 02:00 UTC: already Thursday in London, still Wednesday evening in New York.
        #expect(words("2026-12-03T19:00:00Z", now: "2026-12-03T02:00:00Z", zone: london) == "Tonight")
        #expect(words("2026-12-03T19:00:00Z", now: "2026-12-03T02:00:00Z", zone: newYork) == "Tomorrow")
        let start = at("2026-12-03T19:00:00Z")
        let lines = RelativeTime.lines(start: start, end: start.addingTimeInterval(5_400), now: at("2026-12-03T02:00:00Z"), zone: london,
                                       visitorZone: newYork)
        #expect(lines.meeting == "Thursday 3 December at 19:00 GMT" && lines.visitor == "Tomorrow, 14:00 EST (Thursday 3 December)",
                "the words go with the visitor's own time: \(lines)")
        let here = RelativeTime.lines(start: start, end: start, now: at("2026-12-03T02:00:00Z"), zone: london, visitorZone: london)
        #expect(here.meeting == "Tonight, 19:00 GMT (Thursday 3 December)" && here.visitor == nil)
        #expect(RelativeTime.phrase(start: start, end: start, now: at("2026-11-20T02:00:00Z"), zone: london) == "Thursday 3 December at 19:00 GMT")
    }
}

/// What a person sees first: the group page's first screen, the result cards and the search that finds nothing nearby.
@Suite(.serialized) struct WhatPeopleSeeTests {
    func between(_ body: String, _ start: String, _ end: String) -> String? {
        guard let from = body.range(of: start), let to = body.range(of: end, range: from.upperBound..<body.endIndex) else { return nil }
        return String(body[from.lowerBound..<to.upperBound])
    }

    @Test func theGroupPageSaysWhenWhereHowToJoinAndTheContactBeforeTheLongText() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        for group in fixture.groups {
            let body = try await http("GET", server.base + "/groups/\(group.sample.id)").body
            let glance = try #require(between(body, "<section class=\"glance\"", "</section>"), "\(group.sample.name)")
            let glanceAt = try #require(body.range(of: "<section class=\"glance\""))
            for later in ["What this group is", "id=\"notices\"", "Ground rules", "id=\"meetings\""] {
                if let found = body.range(of: later) { #expect(glanceAt.lowerBound < found.lowerBound, "\(group.sample.name): \(later) comes after") }
            }
            for part in ["Next meeting", "Where", "How to join", "Contact"] { #expect(glance.contains(">\(part)</dt>"), "\(group.sample.name)") }
            for contact in group.sample.feed.profile.contacts where contact.kind == .email {
                let address = String(contact.uri.dropFirst("mailto:".count))
                #expect(body.contains(">\(address)</a>"), "\(group.sample.name): the address is written out")
            }
            let withheld = group.sample.feed.profile.locations.allSatisfy { $0.isWithheld }
            if withheld { #expect(!body.contains("openstreetmap.org"), "\(group.sample.name): no directions to a withheld venue") }
        }
        let sheffield = try await http("GET", server.base + "/groups/\(fixture.id("sheffield-central-voices"))").body
        let glance = try #require(between(sheffield, "<section class=\"glance\"", "</section>"))
        #expect(glance.contains("4 Tanner&#39;s Row, Sheffield") && glance.contains("https://www.openstreetmap.org/directions?route=%3B53.38360%2C-1.46690"))
        let prison = try await http("GET", server.base + "/groups/\(fixture.id("yorkshire-prison-voices"))").body
        let only = try #require(prison.range(of: "Only for men."))
        #expect(only.lowerBound < (prison.range(of: "class=\"glance\"")?.lowerBound ?? prison.startIndex))
        #expect(prison.contains("open only to men living there"))
        let young = try await http("GET", server.base + "/groups/\(fixture.id("norwich-young-voices"))").body
        #expect(young.contains("Only for young people aged 12–18."))
        // The visitor's zone, when the browser sent it: the meeting's time stays, the visitor's is added.
        let abroad = try await http("GET", server.base + "/groups/\(fixture.id("sheffield-central-voices"))?tz=America/New_York").body
        #expect(abroad.contains("<span class=\"yours\">Your time: ") && abroad.contains(" EST ("), "the visitor's own time, in EST")
        let unknownZone = try await http("GET", server.base + "/groups/\(fixture.id("sheffield-central-voices"))?tz=Not/A_Zone")
        #expect(unknownZone.status == 200 && !unknownZone.body.contains("Your time"))
    }

    @Test func resultCardsSayWhoAGroupIsOnlyForAndOneLinePerNotice() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let soon = try await http("GET", server.base + "/search?within=168&limit=50").body
        let prisonTitle = fixture.groups.first { $0.sample.name == "yorkshire-prison-voices" }!.sample.feed.title
        let card = try #require(between(soon, ">\(prisonTitle.replacingOccurrences(of: "(", with: "("))</a></h2>", "</li>"))
        #expect(card.contains("<span lang=\"en\" dir=\"ltr\">Only for men.</span>") && card.contains(">The group meets inside a men&#39;s prison"), "\(card)")
        let all = try await http("GET", server.base + "/search?limit=50").body
        for notice in fixture.groups.flatMap({ $0.sample.feed.notices }) {
            if let text = notice.text, text.count > 20 { #expect(!all.contains(text.prefix(20)), "a card does not carry a notice's text") }
        }
        #expect(all.contains("#notices\""), "each notice line links to the notice on the group page")
    }

    @Test func aPlaceSearchThatFindsNothingNearbyOffersTheNearestGroup() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let page = try await http("GET", server.base + "/search?place=Springfield%2C+Illinois%2C+US").body
        #expect(page.contains("No group meets within 25 km of Springfield. The nearest is 291 km (181 mi) away:"), "\(page)")
        #expect(page.contains("Rainbow Voices Chicago") && page.contains("href=\"/search?mode=online\""))
        let api = try await http("GET", server.base + "/api/v1/search?place=Springfield%2C+Illinois%2C+US")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: Any])
        #expect((results["hits"] as? [Any])?.isEmpty == true)
        #expect((results["nearest"] as? [String: Any])?["groupId"] as? String == fixture.id("chicago-rainbow-voices"))
        // With results, nothing is added; and a wider distance finds it as an ordinary result.
        let wider = try await http("GET", server.base + "/search?place=Springfield%2C+Illinois%2C+US&radius=500").body
        #expect(wider.contains("Rainbow Voices Chicago") && !wider.contains("The nearest is"))
    }

    @Test func theFlyerPrintsOnOnePageAndItsQRCodeReadsAsTheGroupsPage() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let sheffield = fixture.id("sheffield-central-voices")
        let flyer = try await http("GET", server.base + "/groups/\(sheffield)/flyer")
        #expect(flyer.status == 200 && flyer.body.contains("<svg") && flyer.body.contains("4 Tanner&#39;s Row"))
        #expect(!flyer.body.contains("<script>") && flyer.headers["set-cookie"] == nil)
        let cork = try await http("GET", server.base + "/groups/\(fixture.id("cork-ward-voices"))/flyer").body
        let corkFeed = fixture.groups.first { $0.sample.name == "cork-ward-voices" }!.sample.feed
        for location in corkFeed.profile.locations where location.isWithheld {
            if let street = location.address.street { #expect(!cork.contains(street), "a withheld venue stays off the flyer") }
        }
        #expect(try await http("GET", server.base + "/groups/urn:uuid:00000000-0000-0000-0000-000000000000/flyer").status == 404)
        guard let chromium = ExternalTool.find("chromium"), let zbarimg = ExternalTool.find("zbarimg") else {
            print("skipped: the flyer's QR code needs chromium and zbarimg (Debian packages chromium, zbar-tools)")
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "CI installs chromium and zbar-tools")
            return
        }
        let folder = try scratchDirectory()
        let url = server.base + "/groups/\(sheffield)/flyer"
        let shot = try await Run.programAside(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                         "--window-size=800,1130", "--screenshot=\(folder)/flyer.png", url])
        #expect(shot.status == 0, "\(shot.error.suffix(500))")
        let decoded = try Run.program(zbarimg, ["--quiet", "--raw", folder + "/flyer.png"])
        #expect(decoded.output.trimmingCharacters(in: .newlines) == server.base + "/groups/\(sheffield)", "\(decoded.output)\(decoded.error)")
        let printed = try await Run.programAside(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                            "--print-to-pdf=\(folder)/flyer.pdf", url])
        #expect(printed.status == 0)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: folder + "/flyer.pdf"))
        let pages = try Regex("/Type\\s*/Page[^s]")
        #expect(String(decoding: pdf, as: UTF8.self).matches(of: pages).count == 1, "the flyer prints on one page")
    }

    @Test func aNetworksCrisisLineIsInTheFooterOfItsPages() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let page = server.base + "/groups/\(fixture.id("sheffield-central-voices"))"
        #expect(try await http("GET", page).body.contains("call your local emergency number.</p>"))
        try await fixture.registry.setCrisisLine(network: "all", "Samaritans answer day or night on 116 123.")
        for address in [page, server.base + "/n/all"] {
            let body = try await http("GET", address).body
            #expect(body.contains("<li>Samaritans answer day or night on 116 123. <span class=\"hint\">(from All sample groups)</span></li>"), "\(address)")
        }
        for bad in ["two\nlines", String(repeating: "x", count: 301), "   "] {
            await #expect(throws: RegistryError.self) { try await fixture.registry.setCrisisLine(network: "all", bad) }
        }
        try await fixture.registry.setCrisisLine(network: "all", nil)
        #expect(try await http("GET", server.base + "/n/all").body.contains("call your local emergency number.</p>"))
    }

    @Test func theEmbeddedDirectoryIsFramedOnlyByTheOriginsItsNetworkAllows() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let embed = server.base + "/embed/n/all"
        let closed = try await http("GET", embed + "?place=Sheffield")
        #expect(closed.status == 200 && closed.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true)
        #expect(closed.body.contains("Sheffield Central Hearing Voices Group") && closed.headers["set-cookie"] == nil)
        #expect(closed.body.contains("target=\"_blank\""), "group pages open outside the frame")
        #expect(try await http("GET", server.base + "/embed/n/no-such-network").status == 404)
        #expect(try await http("GET", embed + "?lat=north").status == 400)
        for bad in ["https://example.org/path", "ftp://example.org", "http://example.org", "javascript:alert(1)", "https://user@example.org",
                    "https://exa mple.org", "https://example.org?x=1"] {
            await #expect(throws: RegistryError.self, "\(bad)") { try await fixture.registry.setEmbedOrigins(network: "all", [bad]) }
        }
        let allowed = try DemoTests.freePort(), other = try DemoTests.freePort()
        try await fixture.registry.setEmbedOrigins(network: "all", ["http://127.0.0.1:\(allowed)", "HTTPS://Network.Example.org"])
        let open = try await http("GET", embed)
        #expect(open.headers["content-security-policy"]?.contains("frame-ancestors http://127.0.0.1:\(allowed) https://network.example.org;") == true)
        #expect(try await http("GET", server.base + "/").headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true,
                "every other page still refuses frames")
        guard ExternalTool.find("chromium") != nil, ExternalTool.find("chromedriver") != nil, let python = ExternalTool.find("python3"),
              ExternalTool.pythonModule("selenium", package: "selenium") else { return }
        let result = try await Run.programAside(python, [Repository.path("Tests/Browser/embed_check.py"), "--embed", embed,
                                                         "--allowed-port", "\(allowed)", "--other-port", "\(other)"])
        #expect(result.status == 0, "\(result.output)\(result.error.suffix(1000))")
        #expect(result.output.contains("ok: a site the network has not allowed cannot show the directory in a frame"))
    }

    @Test func theSearchFormOffersOnlyAudiencesAndLanguagesSomeGroupHasWithTheirCounts() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let page = try await http("GET", server.base + "/search?place=Sheffield").body
        let audiences = try #require(between(page, "<select id=\"audience\"", "</select>"))
        let languages = try #require(between(page, "<select id=\"language\"", "</select>"))
        let feeds = fixture.groups.map(\.sample.feed)
        let young = feeds.filter { $0.profile.audiences.contains { $0.id == .youngPeople } }.count
        #expect(audiences.contains("Young people (\(young))<"))
        #expect(!audiences.contains("cultural-community"), "no sample group is for a cultural community, so it is not offered")
        let spanish = feeds.filter { $0.profile.languages.contains { $0.hasPrefix("es") } }.count
        #expect(languages.contains("Spanish (\(spanish))<") && languages.contains("Japanese (1)<"))
        // Within one network, its own groups are counted.
        try await fixture.registry.createNetwork(slug: "japan", name: "Japan", policy: .open)
        let nakano = fixture.groups.first { $0.sample.name == "nakano-koe" }!
        _ = try await fixture.registry.enroll(network: "japan", feedURL: nakano.feedURL, publicKey: nakano.sample.publicKeyFile)
        let japan = try await http("GET", server.base + "/search?network=japan&q=a").body
        let japanese = try #require(between(japan, "<select id=\"language\"", "</select>"))
        #expect(japanese.contains("Japanese (1)<") && !japanese.contains("English"), "\(japanese)")
        // A value chosen in the address stays offered, even with no group.
        let chosen = try await http("GET", server.base + "/search?audience=cultural-community").body
        #expect(try #require(between(chosen, "<select id=\"audience\"", "</select>")).contains("value=\"cultural-community\" selected"))
    }

    @Test func thePublicDashboardLinksToPagesThePublicMayOpenAndSaysWhichFailingRulesAreForAHigherTier() async throws {
        let test = try TestRegistry()
        let (host, _, groups) = try await PublishedGroup.start(["bronx-voces", "galway-bay-voices", "nyanza-voices-circle"])
        defer { Task { await host.stop() } }
        try await test.registry.createNetwork(slug: "worldwide", name: "Worldwide", policy: .open)
        for group in groups { _ = try await test.registry.enroll(network: "worldwide", feedURL: group.feedURL, publicKey: group.sample.publicKeyFile) }
        let (bytes, signature) = try ComplianceTests.charter("worldwide")
        _ = try await test.registry.setCharter(network: "worldwide", bytes: bytes, signature: signature)
        let server = try await RunningServer.start(test.registry)
        defer { Task { await server.stop() } }
        let dashboard = server.base + "/n/worldwide/compliance"
        #expect(try await http("GET", dashboard).status == 401, "private until the network makes it public")
        #expect(try await http("GET", dashboard + ".csv").status == 401)
        try await test.registry.setDashboardPublic(network: "worldwide", true)

        let page = try await http("GET", dashboard).body
        let table = try #require(between(page, "<h2 id=\"groups\">", "<h2>Groups per tier</h2>"))
        #expect(page.range(of: "id=\"groups\"")!.lowerBound < page.range(of: "<h2>Rules</h2>")!.lowerBound, "the per-group table comes first")
        let links = table.matches(of: try Regex("href=\"(/[^\"#]+)\"")).compactMap { $0.output[1].substring.map(String.init) }
        #expect(links.contains { $0.hasPrefix("/groups/") }, "listed groups link to their public pages")
        for link in links {
            #expect(try await http("GET", server.base + link).status == 200, "\(link) opens for the public")
        }
        #expect(!table.contains("/compliance\">"), "no link the public cannot open")
        #expect(table.contains("No tier") && !table.contains(">none<"))
        #expect(table.contains("above its tier"), "a listed group's failing rules for a higher tier are marked")
        for anchor in table.matches(of: try Regex("href=\"#(rule-[^\"]+)\"")).compactMap({ $0.output[1].substring }) {
            #expect(page.contains("id=\"\(anchor)\""), "\(anchor) links to the rule's wording")
        }
        #expect(table.contains("Last harvest") && table.contains("Feed expires"))

        let viewer = try await test.registry.issueToken(network: "worldwide", role: .viewer)
        let basic = ["Authorization": "Basic " + Data("admin:\(viewer)".utf8).base64EncodedString()]
        let signedIn = try await http("GET", dashboard, headers: basic).body
        let reports = signedIn.matches(of: try Regex("href=\"(/n/worldwide/groups/[^\"]+/compliance)\"")).compactMap { $0.output[1].substring }
        #expect(reports.count == groups.count, "the network's people get every group's report")
        for report in Set(reports) { #expect(try await http("GET", server.base + report, headers: basic).status == 200) }

        let csv = try await http("GET", dashboard + ".csv")
        #expect(csv.status == 200 && csv.headers["content-type"] == "text/csv; charset=utf-8")
        let rows = csv.body.split(separator: "\r\n")
        #expect(rows.count == groups.count + 1 && rows[0].hasPrefix("group,group id,membership,tier,listed"))
    }

    @Test func csvFieldsAreQuotedAndNeverTakenForFormulas() {
        #expect(ComplianceCSV.field("Plain") == "Plain")
        #expect(ComplianceCSV.field("Cork, Ireland") == "\"Cork, Ireland\"")
        #expect(ComplianceCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ComplianceCSV.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ComplianceCSV.field("+44 1632") == "'+44 1632" && ComplianceCSV.field("@x") == "'@x")
        #expect(ComplianceCSV.field("two\nlines") == "\"two\nlines\"")
    }
}
