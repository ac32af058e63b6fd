import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

/// What the registry's feeds, calendars and exports say, built in-process from the sample groups.
@Suite struct OutputTests {
    let address = PublicAddress(base: "https://registry.example.org")

    @Test func directoryChangesRecordJoiningChangingTierStaleAndLeaving() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let registry = fixture.registry
        var feed = try await registry.changesFeed(network: "all", at: address)
        #expect(feed.entries.count == fixture.groups.count)
        #expect(feed.entries.allSatisfy { $0.categories == ["joined"] && $0.id.hasPrefix("tag:registry.example.org,2026-11-23:all/change/") })
        #expect(Set(feed.entries.map(\.id)).count == feed.entries.count)
        #expect(feed.id == "tag:registry.example.org,2026-11-23:all/changes")
        let before = try await registry.networkStamp(network: "all")

        // A re-signed feed with the same public details is not a change; a new version is.
        let sheffield = fixture.groups.first { $0.sample.name == "sheffield-central-voices" }!
        try sheffield.publish(sheffield.sample.bytes, seq: 2)
        _ = try await registry.harvestPass(force: true)
        await #expect(try registry.changesFeed(network: "all", at: address).entries.count == fixture.groups.count)
        await #expect(try registry.networkStamp(network: "all") == before)
        try sheffield.publish(sheffield.sample.version(7), seq: 3)
        _ = try await registry.harvestPass(force: true)
        feed = try await registry.changesFeed(network: "all", at: address)
        #expect(feed.entries.first?.categories == ["changed"])
        #expect(feed.entries.first?.title == "Updated: Sheffield Central Hearing Voices Group")
        #expect(feed.entries.first?.link == address.groupPage(sheffield.sample.id))
        await #expect(try registry.networkStamp(network: "all") != before)

        // A charter moves every group to a tier; those below its listing tier leave the listing.
        let charter = Data(try String(contentsOfFile: Repository.path("Federation/charters/uk-ireland.xml"), encoding: .utf8)
            .replacingOccurrences(of: #"network="uk-ireland""#, with: #"network="all""#).utf8)
        let change = try await registry.setCharter(network: "all", bytes: charter, signature: nil)
        feed = try await registry.changesFeed(network: "all", at: address)
        let recent = feed.entries.prefix(fixture.groups.count)
        #expect(recent.filter { $0.categories == ["left"] }.count == change.notListed)
        #expect(recent.filter { $0.categories == ["tier"] }.count == change.listed)
        #expect(recent.filter { $0.categories == ["left"] }.allSatisfy { $0.link == address.networkPage("all") })

        let listed = try await registry.listedGroups(network: "all").groups
        let leaving = try #require(listed.first)
        try await registry.suspend(network: "all", groupId: leaving.groupId, reason: "test")
        feed = try await registry.changesFeed(network: "all", at: address)
        #expect(feed.entries.first?.categories == ["left"])
        #expect(feed.entries.first?.title == "Left: \(leaving.title)")

        // A feed past its expiry is reported once, by the hourly reconciliation.
        fixture.test.clock.advance(400 * 86_400)
        await #expect(try registry.reconcileDirectory() == listed.count - 1)
        await #expect(try registry.reconcileDirectory() == 0)
        feed = try await registry.changesFeed(network: "all", at: address)
        #expect(feed.entries.prefix(listed.count - 1).allSatisfy { $0.categories == ["stale"] && $0.title.hasPrefix("Not updated: ") })
        #expect(feed.entries.count <= Registry.feedLength)
    }

    @Test func aStampMovesWithTheNextCommitOfAnyProcess() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let before = try await fixture.registry.networkStamp(network: "all")
        await #expect(try fixture.registry.networkStamp(network: "all") == before)
        let other = try DatabaseQueue(path: fixture.test.path)
        try await other.write { db in try db.execute(sql: "UPDATE network SET name = 'Renamed' WHERE slug = 'all'") }
        await #expect(try fixture.registry.networkStamp(network: "all") != before, "no stamp outlives a commit")
    }

    @Test func exportsAreBuiltOncePerChangeAndReencodeOnlyTheGroupsThatChanged() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let registry = fixture.registry
        func whole(_ kind: ExportKind) async throws -> Data {
            let (network, groups) = try await registry.listedGroups(network: "all")
            switch kind {
            case .meetingGuide: return try OutputCoding.encoder.encode(MeetingGuideExport.meetings(of: groups, network: network, address: address))
            case .hsds: return try OutputCoding.encoder.encode(HSDSExport.organizations(of: groups, address: address, now: registry.now))
            }
        }
        for kind in [ExportKind.meetingGuide, .hsds] {
            let first = try await registry.export(kind, network: "all", at: address)
            #expect(first.rewritten == fixture.groups.count)
            #expect(first.joined() == (try await whole(kind)), "the fragments make the same document as encoding the whole array")
            #expect(first.joined().count == first.count)
            var streamed = Data()
            await first.chunks(of: 1000) { streamed.append($0) }
            #expect(streamed == first.joined())
            let again = try await registry.export(kind, network: "all", at: address)
            #expect(again.fragments.first == first.fragments.first && again.joined() == first.joined(), "nothing changed: the stored body")
        }

        let sheffield = fixture.groups.first { $0.sample.name == "sheffield-central-voices" }!
        try sheffield.publish(sheffield.sample.version(7), seq: 3)
        _ = try await registry.harvestPass(force: true)
        for kind in [ExportKind.meetingGuide, .hsds] {
            let changed = try await registry.export(kind, network: "all", at: address)
            #expect(changed.rewritten == 1, "only the group that changed is written again")
            #expect(changed.joined() == (try await whole(kind)))
        }

        // A renamed network touches every group's Meeting Guide entry (it names the network).
        let other = try DatabaseQueue(path: fixture.test.path)
        try await other.write { db in try db.execute(sql: "UPDATE network SET name = 'Renamed' WHERE slug = 'all'") }
        let renamed = try await registry.export(.meetingGuide, network: "all", at: address)
        #expect(renamed.rewritten == fixture.groups.count)
        #expect(String(decoding: renamed.joined(), as: UTF8.self).contains("\"entity\":\"Renamed\""))
        #expect(renamed.joined() == (try await whole(.meetingGuide)))

        // Requests that arrive together share one build.
        try sheffield.publish(sheffield.sample.version(8), seq: 4)
        _ = try await registry.harvestPass(force: true)
        let together = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await registry.export(.meetingGuide, network: "all", at: address).rewritten } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(together.allSatisfy { $0 == 1 }, "one build of one group, shared: \(together)")
    }

    @Test func noticeFeedsCarryEveryListedGroupsNoticesInTheirLanguage() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let expected = fixture.groups.flatMap { group in group.sample.feed.notices.map { (group, $0) } }
        #expect(!expected.isEmpty, "the samples carry notices")
        let feed = try await fixture.registry.noticesFeed(network: "all", at: address)
        #expect(Set(feed.entries.map(\.id)) == Set(expected.map(\.1.id)))
        #expect(feed.entries.map(\.updated) == feed.entries.map(\.updated).sorted(by: >))
        let bronx = fixture.groups.first { $0.sample.name == "bronx-voces" }!
        let group = try await fixture.registry.groupNoticesFeed(groupId: bronx.sample.id, at: address)
        #expect(group.entries.count == bronx.sample.feed.notices.count)
        #expect(group.language == "es-US" || group.language.hasPrefix("es"))
        #expect(group.entries.allSatisfy { $0.link == address.groupPage(bronx.sample.id) + "#notices" })
        await #expect(throws: RegistryError.self) { try await fixture.registry.groupNoticesFeed(groupId: "urn:uuid:00000000-0000-0000-0000-000000000000", at: address) }
    }

    @Test func atomAndRSSEscapeGroupTextAndDeclareTheirAddresses() throws {
        let hostile = "<script>alert(1)</script> & \"quotes\" \u{0001}"
        let feed = Syndication(
            id: "tag:example.org,2026-01-01:x", title: hostile, subtitle: hostile, language: "en", updated: Date(timeIntervalSince1970: 0),
            pageURL: "https://example.org/", atomURL: "https://example.org/x.atom", rssURL: "https://example.org/x.rss", author: hostile,
            entries: [.init(id: "urn:uuid:1", title: hostile, updated: Date(timeIntervalSince1970: 86_400), published: nil,
                            link: "https://example.org/?a=1&b=2", summary: hostile, categories: ["joined"], language: "es")])
        for text in [feed.atom(), feed.rss()] {
            #expect(!text.contains("<script>"))
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\""))
            #expect(!text.contains("\u{0001}"))
            #expect(text.contains("a=1&amp;b=2"))
        }
        #expect(feed.atom().contains(#"<link rel="self" type="application/atom+xml" href="https://example.org/x.atom"/>"#))
        #expect(feed.atom().contains(#"<entry xml:lang="es">"#))
        #expect(feed.rss().contains(#"<atom:link rel="self" type="application/rss+xml" href="https://example.org/x.rss"/>"#))
        #expect(feed.rss().contains("<pubDate>Fri, 02 Jan 1970 00:00:00 GMT</pubDate>"))
        #expect(feed.atom().contains("<updated>1970-01-02T00:00:00Z</updated>"))
    }

    @Test func calendarsKeepWithheldVenuesAndOnRequestLinksOut() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        for group in fixture.groups {
            guard let found = try? await fixture.registry.publicGroup(groupId: group.sample.id) else { continue }
            let ics = GroupCalendar(group: found.group, pageURL: address.groupPage(group.sample.id), now: fixture.registry.now).ics()
            #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
            #expect(ics.split(separator: "\r\n", omittingEmptySubsequences: false).allSatisfy { $0.utf8.count <= 75 }, "\(group.sample.name) folds lines")
            let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
            for location in group.sample.feed.profile.locations where location.isWithheld {
                for secret in [location.name, location.address.street].compactMap({ $0 }) {
                    #expect(!unfolded.contains(ICalendarLines.escape(secret)), "\(group.sample.name) shows withheld \(secret)")
                }
            }
            for meeting in group.sample.feed.profile.meetings {
                #expect(unfolded.contains("UID:\(meeting.id)/\(group.sample.id)"))
                if let url = meeting.online?.url, meeting.online?.disclosure == .onRequest {
                    #expect(!unfolded.contains(url), "\(group.sample.name) shows an on-request link")
                }
                for zone in [meeting.schedule.timeZone] { #expect(unfolded.contains("TZID:\(zone)")) }
            }
        }
    }

    @Test func linkedDataDescribesEachMeetingWithItsSchedule() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let cork = fixture.groups.first { $0.sample.name == "cork-ward-voices" }!
        let found = try await fixture.registry.publicGroup(groupId: cork.sample.id)
        let text = GroupLinkedData(group: found.group, pageURL: address.groupPage(cork.sample.id), now: fixture.registry.now).scriptText()
        #expect(!text.contains("<") && !text.contains(">"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["@context"] as? String == "https://schema.org")
        let events = try #require(object["@graph"] as? [[String: Any]])
        #expect(events.count == found.group.meetings.count)
        for event in events {
            #expect(event["@type"] as? String == "Event")
            let schedule = try #require((event["eventSchedule"] as? [[String: Any]])?.first)
            #expect(schedule["scheduleTimezone"] as? String != nil && schedule["startTime"] != nil && schedule["endTime"] != nil)
            #expect(schedule["repeatFrequency"] != nil && schedule["byDay"] != nil)
            #expect(event["eventAttendanceMode"] as? String != nil && event["organizer"] != nil && event["isAccessibleForFree"] != nil)
            let location = event["location"]
            let places = (location as? [[String: Any]]) ?? [location as? [String: Any]].compactMap { $0 }
            #expect(!places.isEmpty)
            for place in places where place["@type"] as? String == "Place" {
                #expect(place["geo"] == nil, "a withheld venue has no coordinates")
                #expect((place["address"] as? [String: Any])?["streetAddress"] == nil)
            }
        }
    }

    @Test func linkedDataIsWrittenForEveryGroup() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        for group in fixture.groups {
            guard let found = try? await fixture.registry.publicGroup(groupId: group.sample.id) else { continue }
            let text = GroupLinkedData(group: found.group, pageURL: address.groupPage(group.sample.id), now: fixture.registry.now).scriptText()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect((object["@graph"] as? [[String: Any]])?.count == found.group.meetings.count, "\(group.sample.name)")
        }
    }

    @Test func hsdsSaysTheFeeInWordsWithItsAmountAsACostOptionAndTimesWithTheirOffset() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let nakano = fixture.groups.first { $0.sample.name == "nakano-koe" }!
        let found = try await fixture.registry.publicGroup(groupId: nakano.sample.id)
        let data = try OutputCoding.encoder.encode(HSDSExport.organizations(of: [found.group], address: address, now: fixture.registry.now))
        let organization = try #require((try JSONSerialization.jsonObject(with: data) as? [[String: Any]])?.first)
        let service = try #require((organization["services"] as? [[String: Any]])?.first)
        let fees = try #require(service["fees_description"] as? String)
        #expect(fees.hasPrefix("A fee of 500 JPY per month."), "\(fees)")
        #expect(!fees.contains("with its amount and currency"), "no vocabulary definition as the fee's text")
        let cost = try #require((service["cost_options"] as? [[String: Any]])?.first)
        #expect(cost["amount"] as? Double == 500 && cost["currency"] as? String == "JPY" && cost["option"] as? String == "Fee per month")
        let languages = try #require(service["languages"] as? [[String: Any]])
        #expect(languages.contains { $0["name"] as? String == "Japanese" && $0["code"] as? String == "ja" })
        let schedules = (service["service_at_locations"] as? [[String: Any]] ?? []).flatMap { $0["schedules"] as? [[String: Any]] ?? [] }
        #expect(!schedules.isEmpty && schedules.allSatisfy { ($0["opens_at"] as? String)?.hasSuffix("+09:00") == true }, "Tokyo is UTC+9")
        let free = HSDSExport.feesDescription(PublicGroup.Fee(kind: .free))
        #expect(free == "Free.")
    }

    /// schema.org's own ranges: byMonthWeek 1–5, a startDate with its offset, cancelled dates excepted, extra dates kept.
    @Test func linkedDataValuesAreInSchemaOrgsRanges() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let now = fixture.registry.now
        var events: [String: [[String: Any]]] = [:]
        for group in fixture.groups {
            let found = try await fixture.registry.publicGroup(groupId: group.sample.id)
            let text = GroupLinkedData(group: found.group, pageURL: address.groupPage(group.sample.id), now: now).scriptText()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            events[group.sample.name] = object["@graph"] as? [[String: Any]] ?? []
        }
        let offsetDate = try Regex(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$"#)
        for (name, list) in events {
            for event in list {
                let start = try #require(event["startDate"] as? String)
                #expect(start.wholeMatch(of: offsetDate) != nil, "\(name): startDate \(start) has its offset")
                let schedules = try #require(event["eventSchedule"] as? [[String: Any]])
                for schedule in schedules {
                    if let week = schedule["byMonthWeek"] as? Int { #expect((1...5).contains(week), "\(name): byMonthWeek \(week)") }
                }
            }
        }
        let textChat = try #require(events["night-owls-online"]?.first { ($0["name"] as? String)?.contains("text") == true || ($0["name"] as? String)?.contains("Text") == true })
        let lastWednesday = try #require((textChat["eventSchedule"] as? [[String: Any]])?.first)
        #expect(lastWednesday["byDay"] as? [String] == ["-1WE"] && lastWednesday["byMonthWeek"] == nil)
        // The next meeting, not the first ever: after the fixture's now, with the offset in force then.
        let galway = try #require(events["galway-bay-voices"])
        let starts = galway.compactMap { $0["startDate"] as? String }.compactMap(Timestamp.parse)
        #expect(!starts.isEmpty && starts.allSatisfy { $0 >= now.addingTimeInterval(-86_400) && $0 < now.addingTimeInterval(40 * 86_400) }, "\(starts)")
        let galwaySchedules = galway.flatMap { $0["eventSchedule"] as? [[String: Any]] ?? [] }
        #expect(galwaySchedules.contains { $0["startDate"] as? String == "2026-12-28" && $0["repeatCount"] as? Int == 1 }, "an extra date is a schedule")
        #expect(galwaySchedules.contains { ($0["exceptDate"] as? [String])?.contains("2026-12-23") == true })
        let bronx = try #require(events["bronx-voces"]).flatMap { $0["eventSchedule"] as? [[String: Any]] ?? [] }
        #expect(bronx.contains { ($0["exceptDate"] as? [String])?.contains("2026-12-24") == true }, "a cancelled date is excepted")
    }
}
