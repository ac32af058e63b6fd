import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import Testing

extension MachineHeavyTests {
/// The outputs read by the programs people use: feedparser for Atom and RSS, xmllint with the project's RELAX NG
/// schema for Atom, icalendar with recurring-ical-events for calendars, jsonschema for the exports, all against the
/// real server on loopback.
@Suite(.serialized) struct OutputConsumerTests {
    static func run(_ script: String, _ arguments: [String]) async throws -> ProcessResult {
        let python = try #require(ExternalTool.find("python3"))
        return try await Run.programAside(python, [Repository.path("Tests/Outputs/" + script)] + arguments)
    }

    static func feedPaths(_ fixture: DirectoryFixture) -> [String] {
        let bronx = fixture.id("bronx-voces")
        return ["/n/all/changes.atom", "/n/all/changes.rss", "/n/all/notices.atom", "/n/all/notices.rss",
                "/groups/\(bronx)/notices.atom", "/groups/\(bronx)/notices.rss",
                "/search.atom?place=Sheffield", "/search.rss?place=Sheffield", "/search.atom?mode=online&time=evening", "/search.rss?q=voices"]
    }

    @Test func feedparserReadsEveryFeedWithItsEntriesIdsAndDates() async throws {
        guard ExternalTool.pythonModule("feedparser", package: "feedparser") else { return }
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let paths = Self.feedPaths(fixture)
        let result = try await Self.run("read_feeds.py", paths.map { server.base + $0 })
        #expect(result.status == 0, "\(result.error)")
        let feeds = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])
        #expect(feeds.count == paths.count)
        let notices = fixture.groups.flatMap { $0.sample.feed.notices }
        let bronx = fixture.groups.first { $0.sample.name == "bronx-voces" }!
        let expectedCounts = [fixture.groups.count, fixture.groups.count, notices.count, notices.count,
                              bronx.sample.feed.notices.count, bronx.sample.feed.notices.count]
        for (index, (path, feed)) in zip(paths, feeds).enumerated() {
            #expect(feed["bozo"] as? Bool == false, "\(path): \(feed["bozo_exception"] ?? "")")
            #expect(feed["version"] as? String == (path.contains(".atom") ? "atom10" : "rss20"), "\(path)")
            #expect(feed["language"] as? String != nil, "\(path) declares its language")
            let entries = try #require(feed["entries"] as? [[String: Any]])
            if index < expectedCounts.count { #expect(entries.count == expectedCounts[index], "\(path)") } else { #expect(!entries.isEmpty, "\(path)") }
            let ids = entries.compactMap { $0["id"] as? String }
            #expect(ids.count == entries.count && Set(ids).count == ids.count, "\(path): every entry has its own id")
            #expect(entries.allSatisfy { $0["published"] as? String != nil }, "\(path): every entry has a date")
            #expect(entries.allSatisfy { ($0["link"] as? String)?.hasPrefix(server.base + "/") == true }, "\(path): entries link to pages")
            let links = feed["links"] as? [[String: Any]] ?? []
            let selfLink = links.first { $0["rel"] as? String == "self" }?["href"] as? String
            #expect(selfLink?.hasPrefix(server.base + path.split(separator: "?")[0]) == true, "\(path): rel=self is \(selfLink ?? "missing")")
        }
        let sheffield = try #require(feeds[6]["entries"] as? [[String: Any]])
        #expect(sheffield.contains { $0["id"] as? String == fixture.id("sheffield-central-voices") })
        let changes = try #require(feeds[0]["entries"] as? [[String: Any]])
        #expect(changes.allSatisfy { ($0["id"] as? String)?.hasPrefix("tag:127.0.0.1,2026-11-23:all/change/") == true })
    }

    @Test func everyAtomFeedValidatesAgainstTheRFC4287SchemaAndItsOtherRules() async throws {
        guard let xmllint = ExternalTool.find("xmllint"), ExternalTool.find("python3") != nil else { return }
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let schema = Repository.path("Federation/schema/atom.rng")
        let folder = try scratchDirectory()
        var files: [String] = []
        for (index, path) in Self.feedPaths(fixture).enumerated() where path.contains(".atom") {
            let answer = try await http("GET", server.base + path)
            #expect(answer.status == 200 && answer.headers["content-type"] == "application/atom+xml; charset=utf-8", "\(path)")
            let file = folder + "/feed-\(index).xml"
            try Data(answer.body.utf8).write(to: URL(fileURLWithPath: file))
            files.append(file)
        }
        let validated = try Run.program(xmllint, ["--noout", "--relaxng", schema] + files)
        #expect(validated.status == 0, "\(validated.error)")
        // The schema itself: the hand-written cases pass or fail as named.
        let cases = try FileManager.default.contentsOfDirectory(atPath: Repository.path("Tests/Outputs/atom-cases")).sorted()
        #expect(cases.count >= 6)
        for name in cases {
            let outcome = try Run.program(xmllint, ["--noout", "--relaxng", schema, Repository.path("Tests/Outputs/atom-cases/" + name)])
            #expect((outcome.status == 0) == name.hasPrefix("valid-"), "\(name): \(outcome.error)")
        }
        let rules = try await Self.run("check_atom_rules.py", files)
        #expect(rules.status == 0, "\(rules.output)\(rules.error)")
        let broken = try await Self.run("check_atom_rules.py", [Repository.path("Tests/Outputs/atom-cases/invalid-missing-id.xml")])
        #expect(broken.status == 1, "the rule checker finds a feed without an id")
        let sameSecond = try await Self.run("check_atom_rules.py", [Repository.path("Tests/Outputs/atom-rule-cases/same-updated.xml")])
        #expect(sameSecond.status == 1 && sameSecond.output.contains("same atom:updated"), "the rule checker finds two entries of one second")
    }

    @Test func calendarsExpandToTheDirectorysOwnOccurrencesAcrossADaylightSavingChange() async throws {
        guard ExternalTool.pythonModule("icalendar", package: "icalendar"),
              ExternalTool.pythonModule("recurring_ical_events", package: "recurring-ical-events") else { return }
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        var compared = 0, cancelled = 0
        // Eight weeks from Monday 23 November (with the samples' December cancellations), then eight weeks from
        // 1 March 2027, across the spring changes in North America (14 March), Europe (28 March) and Australia (4 April).
        let advances: [TimeInterval] = [0, 98 * 86_400]
        for (step, advance) in advances.enumerated() {
            fixture.test.clock.advance(advance)
            if advance > 0 { _ = try await fixture.registry.refreshDirectory(olderThan: 0) }
            let from = fixture.registry.now, to = from.addingTimeInterval(Occurrences.window)
            for group in fixture.groups {
                let expected = try await fixture.registry.upcomingOccurrences(groupId: group.sample.id, limit: 1000)
                    .filter { $0.start < to }
                    .map { "\($0.meetingId) \(Timestamp.format($0.start)) \($0.cancelled ? "CANCELLED" : "CONFIRMED")" }
                let result = try await Self.run("expand_calendar.py", [
                    server.base + "/groups/\(group.sample.id)/calendar.ics", "--from", Timestamp.format(from), "--to", Timestamp.format(to),
                ])
                #expect(result.status == 0, "\(group.sample.name): \(result.error)")
                let parsed = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
                let events = parsed["events"] as? [[String: Any]] ?? []
                let found = events.compactMap { event -> String? in
                    guard let start = event["start"] as? String, let uid = event["uid"] as? String,
                          let startDate = Timestamp.parse(start), startDate >= from, startDate < to else { return nil }
                    let meeting = uid.split(separator: "/").first.map(String.init) ?? uid
                    return "\(meeting) \(start) \(event["status"] as? String ?? "CONFIRMED")"
                }
                #expect(found.sorted() == expected.sorted(), "\(group.sample.name), window \(step + 1)")
                let zones = Set(group.sample.feed.profile.meetings.map(\.schedule.timeZone))
                #expect(Set(parsed["timezones"] as? [String] ?? []) == zones, "\(group.sample.name) defines its zones")
                compared += expected.count
                cancelled += expected.filter { $0.hasSuffix("CANCELLED") }.count
            }
        }
        #expect(compared > 200)
        #expect(cancelled > 0, "the samples' cancellation notices are in the first window")
        print("calendars: \(compared) occurrences of \(fixture.groups.count) groups in two 8-week windows match, \(cancelled) cancelled")

        let meeting = fixture.groups[0].sample.feed.profile.meetings[0]
        let one = try await http("GET", server.base + "/groups/\(fixture.groups[0].sample.id)/meetings/\(meeting.id)/calendar.ics")
        #expect(one.status == 200 && one.headers["content-type"] == "text/calendar; charset=utf-8")
        #expect(one.body.components(separatedBy: "BEGIN:VEVENT").count >= 2)
        #expect(try await http("GET", server.base + "/groups/\(fixture.groups[0].sample.id)/meetings/no-such-meeting/calendar.ics").status == 404)
        #expect(try await http("GET", server.base + "/groups/urn:uuid:00000000-0000-0000-0000-000000000000/calendar.ics").status == 404)
    }

    @Test func exportsValidateAgainstTheirPublishedSchemas() async throws {
        guard ExternalTool.pythonModule("jsonschema", package: "jsonschema"),
              ExternalTool.pythonModule("referencing", package: "referencing") else { return }
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let guide = try await http("GET", server.base + "/n/all/meeting-guide.json")
        let meetings = try #require(try JSONSerialization.jsonObject(with: Data(guide.body.utf8)) as? [[String: Any]])
        #expect(meetings.count == Self.meetingGuideEntries(fixture), "one entry per weekday of every recurring meeting")
        #expect(meetings.allSatisfy { $0["day"] is Int }, "day is one integer")
        #expect(meetings.contains { ($0["notes"] as? String)?.contains("of each month, not every week") == true })
        #expect(meetings.allSatisfy { ($0["slug"] as? String)?.count ?? 99 <= 64 })
        let withheld = meetings.filter { $0["approximate"] as? String == "yes" }
        #expect(!withheld.isEmpty && withheld.allSatisfy { $0["latitude"] == nil && $0["address"] == nil })
        let relaxed = try await Self.run("validate_json.py", [Repository.path("Tests/Outputs/schemas/meeting-guide.relaxed.schema.json"),
                                                              server.base + "/n/all/meeting-guide.json", "--each-item"])
        #expect(relaxed.status == 0, "\(relaxed.output)\(relaxed.error)")
        let hsds = try await Self.run("validate_json.py", [Repository.path("Tests/Outputs/schemas/hsds/organization_with_services.json"),
                                                           server.base + "/n/all/hsds.json", "--each-item"])
        #expect(hsds.status == 0, "\(hsds.output)\(hsds.error)")
        #expect(hsds.output.contains("valid: \(fixture.groups.count) documents"))
        // The validator is not a rubber stamp: the hand-made invalid cases fail.
        for format in ["meeting-guide", "hsds"] {
            let schema = format == "hsds" ? "schemas/hsds/organization_with_services.json" : "schemas/meeting-guide.relaxed.schema.json"
            let bad = try await Self.run("validate_json.py", [Repository.path("Tests/Outputs/" + schema),
                                                              Repository.path("Tests/Outputs/export-cases/\(format)-invalid.json"), "--each-item"])
            #expect(bad.status == 1, "\(format): \(bad.output)")
        }
    }

    /// One Meeting Guide entry per weekday of each recurring meeting.
    static func meetingGuideEntries(_ fixture: DirectoryFixture) -> Int {
        fixture.groups.flatMap { $0.sample.feed.profile.meetings }.reduce(0) { count, meeting in
            switch meeting.schedule.recurrence {
            case .weekly(_, let days)?: count + days.count
            case .monthly?: count + 1
            case nil: count
            }
        }
    }

    @Test func theMeetingGuideWebAppKeepsEveryMeetingAndReadsWhoMayCome() async throws {
        guard ExternalTool.find("python3") != nil else { return }
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let loaded = try await Self.run("tsml_load.py", [server.base + "/n/all/meeting-guide.json"])
        #expect(loaded.status == 0, "\(loaded.output)\(loaded.error)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(loaded.output.utf8)) as? [String: Any])
        let kept = try #require(result["kept"] as? [String: [String: Any]])
        #expect((result["dropped"] as? [Any])?.isEmpty == true, "TSML-UI drops none: \(result["dropped"] ?? "")")
        #expect(kept.count == Self.meetingGuideEntries(fixture), "TSML-UI keeps one meeting per weekday of every meeting")
        let guide = try await http("GET", server.base + "/n/all/meeting-guide.json")
        let all = try #require(try JSONSerialization.jsonObject(with: Data(guide.body.utf8)) as? [[String: Any]])
        func entries(of name: String) -> [[String: Any]] {
            let title = fixture.groups.first { $0.sample.name == name }!.sample.feed.title
            return all.filter { $0["group"] as? String == title }
        }
        for restricted in ["yorkshire-prison-voices", "norwich-young-voices"] {
            #expect(!entries(of: restricted).isEmpty && entries(of: restricted).allSatisfy { !(($0["types"] as? [String]) ?? []).contains("O") },
                    "\(restricted) is not marked open")
        }
        let owls = entries(of: "night-owls-online")
        #expect(owls.count == 2 && owls.allSatisfy { $0["conference_url"] == nil }, "an on-request link is never written")
        for owl in owls {
            let slug = try #require(owl["slug"] as? String)
            let notes = try #require(kept[slug]?["location_notes"] as? String, "TSML-UI keeps \(slug) with its location notes")
            #expect(notes.contains(server.base + "/groups/"), "the place to ask for the link is the group page")
        }
        // The loader's rules are TSML-UI's: day arrays lose meetings and an entry without any address is dropped.
        let arrays = try await Self.run("tsml_load.py", [Repository.path("Tests/Outputs/export-cases/meeting-guide-day-arrays.json")])
        let arraysResult = try #require(try JSONSerialization.jsonObject(with: Data(arrays.output.utf8)) as? [String: Any])
        let arraysKept = try #require(arraysResult["kept"] as? [String: Any])
        #expect(arraysKept["d"] == nil && arraysKept["e"] == nil, "the Saturday meeting is lost to the day arrays, the one without address dropped")
    }

    @Test func outputsAnswerConditionalRequestsCompressAndAnswerHead() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let url = server.base + "/n/all/changes.atom"
        let first = try await http("GET", url)
        let etag = try #require(first.headers["etag"])
        let modified = try #require(first.headers["last-modified"])
        #expect(etag.hasPrefix("W/\""))
        #expect(first.headers["cache-control"] == "public, max-age=900")
        #expect(first.headers["vary"] == "Accept-Encoding")
        let revalidated = try await http("GET", url, headers: ["If-None-Match": etag])
        #expect(revalidated.status == 304 && revalidated.body.isEmpty && revalidated.headers["etag"] == etag)
        #expect(try await http("GET", url, headers: ["If-None-Match": "\"other\", " + etag]).status == 304)
        #expect(try await http("GET", url, headers: ["If-None-Match": "\"other\""]).status == 200)
        #expect(try await http("GET", url, headers: ["If-Modified-Since": modified]).status == 304)
        #expect(try await http("GET", url, headers: ["If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"]).status == 200)

        let zipped = try await httpBytes(url, headers: ["Accept-Encoding": "gzip"])
        #expect(zipped.headers["content-encoding"] == "gzip")
        #expect(zipped.body.starts(with: [0x1F, 0x8B]), "a gzip stream")
        if let gzip = ExternalTool.find("gzip") {
            let file = try scratchDirectory() + "/feed.gz"
            try zipped.body.write(to: URL(fileURLWithPath: file))
            #expect(try Run.program(gzip, ["-dc", file]).output == first.body)
        }
        #expect(try await http("GET", url, headers: ["Accept-Encoding": "gzip;q=0"]).headers["content-encoding"] == nil)

        let plain = try await httpBytes(url)
        #expect(plain.body == Data(first.body.utf8) && plain.headers["content-encoding"] == nil)
        let head = try await httpBytes(url, method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["etag"] == etag)
        #expect(head.headers["content-length"] == "\(plain.body.count)")

        // An export is built once per change and then answered from its stored bytes.
        let export = server.base + "/n/all/meeting-guide.json"
        let built = try await http("GET", export)
        #expect(built.status == 200 && built.body.contains("Sheffield Central Hearing Voices Group"))
        #expect(try await http("GET", export).body == built.body)
        let plainExport = try await httpBytes(export)
        #expect(plainExport.body == Data(built.body.utf8) && plainExport.headers["content-encoding"] == nil)
        #expect(plainExport.headers["content-length"] == "\(plainExport.body.count)" && plainExport.headers["vary"] == "Accept-Encoding")
        let zippedExport = try await httpBytes(export, headers: ["Accept-Encoding": "gzip"])
        #expect(zippedExport.headers["content-encoding"] == "gzip" && zippedExport.headers["etag"] == built.headers["etag"])
        if let gzip = ExternalTool.find("gzip") {
            let file = try scratchDirectory() + "/export.gz"
            try zippedExport.body.write(to: URL(fileURLWithPath: file))
            #expect(try Run.program(gzip, ["-dc", file]).output == built.body, "the stored gzip bytes are the same document")
        }
        let exportHead = try await httpBytes(export, method: "HEAD")
        #expect(exportHead.status == 200 && exportHead.body.isEmpty && exportHead.headers["content-length"] == "\(built.body.utf8.count)")
        #expect(try await http("GET", export, headers: ["If-None-Match": built.headers["etag"] ?? ""]).status == 304)

        // A change to the directory changes the validator, and the old copy is no longer current.
        try await fixture.registry.suspend(network: "all", groupId: fixture.id("sheffield-central-voices"), reason: nil)
        let after = try await http("GET", url, headers: ["If-None-Match": etag])
        #expect(after.status == 200 && after.headers["etag"] != etag)
        #expect(after.body.contains("Left: Sheffield Central Hearing Voices Group"))
        let rebuilt = try await http("GET", export)
        #expect(rebuilt.status == 200 && !rebuilt.body.contains("Sheffield Central Hearing Voices Group"), "the next request after a change sees it")

        // Searches are not kept by any cache; pages and the API get gzip too.
        let search = try await http("GET", server.base + "/search?place=Cork")
        #expect(search.headers["cache-control"] == "no-store" && search.headers["etag"] == nil)
        #expect(try await httpBytes(server.base + "/search?place=Cork", headers: ["Accept-Encoding": "gzip"]).headers["content-encoding"] == "gzip")
        #expect(try await http("GET", server.base + "/search.atom?place=Cork").headers["cache-control"] == "private, max-age=900")
        #expect(try await http("GET", server.base + "/search.atom?radius=-4").status == 400)
        #expect(try await http("GET", server.base + "/n/nowhere/changes.atom").status == 404)
        let css = try await http("GET", server.base + "/assets/chorus.css")
        #expect(try await http("GET", server.base + "/assets/chorus.css", headers: ["If-None-Match": css.headers["etag"] ?? "x"]).status == 304)
    }

    @Test func pagesAdvertiseTheirFeedsAndCalendarsAndCarryJSONLD() async throws {
        let (fixture, server) = try await DirectoryPagesTests.serve()
        defer { Task { await server.stop(); await fixture.stop() } }
        let cork = fixture.id("cork-ward-voices")
        let page = try await http("GET", server.base + "/groups/\(cork)")
        #expect(page.body.contains(#"<link rel="alternate" type="application/atom+xml" title="Notices from"#))
        #expect(page.body.contains(#"type="text/calendar""#) && page.body.contains("/calendar.ics\" download>"))
        let script = try #require(page.body.range(of: #"<script type="application/ld+json">"#).flatMap { start in
            page.body[start.upperBound...].range(of: "</script>").map { String(page.body[start.upperBound..<$0.lowerBound]) }
        })
        let linked = try #require(try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any])
        let events = try #require(linked["@graph"] as? [[String: Any]])
        #expect(events.first?["url"] as? String == server.base + "/groups/\(cork)")
        let network = try await http("GET", server.base + "/n/all")
        for feed in ["changes.atom", "changes.rss", "notices.atom", "notices.rss"] {
            #expect(network.body.contains(#"href="/n/all/\#(feed)""#), "\(feed)")
        }
        #expect(network.body.contains(#"href="/n/all/meeting-guide.json""#) && network.body.contains(#"href="/n/all/hsds.json""#))
        let search = try await http("GET", server.base + "/search?place=Sheffield&page=1&tz=Europe%2FLondon")
        #expect(search.body.contains(#"<link rel="alternate" type="application/atom+xml" title="Groups near Sheffield (Atom)" href="/search.atom?place=Sheffield">"#))
    }
}
}
