import ChorusFeed
import Foundation
import Testing

@Suite struct FeedReadingTests {
    @Test func readsTheAnnotatedExample() throws {
        let feed = try FeedReader.read(try Example.bytes)
        #expect(feed.id == "urn:uuid:6f1c2d3e-4b5a-4c6d-8e7f-001122334455")
        #expect(feed.language == "en-GB")
        #expect(feed.profile.meetings.map(\.id) == ["tuesday", "online"])
        #expect(feed.profile.meetings[0].schedule.recurrence == .weekly(interval: 1, days: [.tuesday]))
        #expect(feed.profile.meetings[0].schedule.excludedDates == [LocalDate(iso: "2026-12-29")!])
        #expect(feed.profile.meetings[1].online == OnlineAccess(platform: "Zoom", disclosure: .onRequest))
        #expect(feed.profile.groundRules == [GroundRule(id: .confidentiality), GroundRule(id: .rightToPass), GroundRule(text: "Phones on silent during the meeting.")])
        #expect(feed.profile.locations[0].geo == Geo(latitude: 53.4808, longitude: -2.2426))
        #expect(feed.notices.first?.kind == .cancellation)
        #expect(feed.notices.first?.date == LocalDate(iso: "2026-12-22"))
    }

    @Test func writingThenReadingGivesTheSameValue() throws {
        let feed = try FeedReader.read(try Example.bytes)
        let written = FeedWriter.data(feed)
        #expect(try FeedReader.read(written) == feed)
        #expect(FeedWriter.data(try FeedReader.read(written)) == written)
    }

    @Test func everySampleFeedRoundTripsAndIsClean() throws {
        let samples = try Repository.sampleFeeds()
        #expect(samples.count >= 15)
        for url in samples {
            let report = FeedReader.check(try Data(contentsOf: url))
            #expect(report.errors.isEmpty, "\(url.lastPathComponent): \(report.errors)")
            let feed = try #require(report.feed, "\(url.lastPathComponent)")
            #expect(try FeedReader.read(FeedWriter.data(feed)) == feed, "\(url.lastPathComponent)")
        }
    }

    @Test func writerEscapesHostileText() throws {
        var feed = try FeedReader.read(try Example.bytes)
        feed.title = "Tom & Jerry's <script>alert(1)</script> \"group\"\u{0001}"
        feed.profile.summary = "]]> <!-- & -->\nline two"
        let written = FeedWriter.data(feed)
        let back = try FeedReader.read(written)
        #expect(back.title == "Tom & Jerry's <script>alert(1)</script> \"group\"")
        #expect(back.profile.summary == feed.profile.summary)
        #expect(!String(decoding: written, as: UTF8.self).contains("<script>"))
    }

    @Test func lintReportsAllProblemsWithLines() throws {
        let bytes = try Example.replacing("<g:experience id=\"visions\"/>", with: "<g:experience id=\"telepathy\"/>")
        let report = FeedReader.check(bytes)
        let problem = try #require(report.errors.first)
        #expect(problem.code == "vocabulary.unknown")
        #expect(problem.line == 16)
        #expect(problem.message.contains("telepathy"))
    }

    @Test func missingRequiredPartsAreNamed() throws {
        let report = FeedReader.check(try Example.replacing("<g:membership id=\"open\"/>", with: ""))
        #expect(report.errors.map(\.code) == ["feed.missing"])
        #expect(report.errors[0].message.contains("membership"))
    }

    @Test func aWithheldOrOnRequestPlaceCarriesOnlyItsArea() throws {
        let hall = try Example.text
        let bare = hall.replacingOccurrences(of: "<g:name>Riverside Community Centre, Room 2</g:name>", with: "")
            .replacingOccurrences(of: "<g:street>12 Mill Lane</g:street>", with: "")
            .replacingOccurrences(of: "<g:postcode>M99 1AA</g:postcode>", with: "")
            .replacingOccurrences(of: "<g:geo lat=\"53.4808\" lon=\"-2.2426\"/>", with: "")
            .replacingOccurrences(of: "<g:directions>Side entrance, first door on the left.</g:directions>", with: "")
        for attributes in ["precision=\"withheld\" disclosure=\"public\"", "precision=\"area\" disclosure=\"on-request\"",
                           "precision=\"exact\" disclosure=\"on-request\"", "precision=\"withheld\" disclosure=\"on-request\""] {
            let only = bare.replacingOccurrences(of: "precision=\"exact\" disclosure=\"public\"", with: attributes)
            #expect(FeedReader.check(Data(only.utf8)).errors.isEmpty, "\(attributes): the area alone is fine")
            let line = hall.components(separatedBy: "\n").firstIndex { $0.contains("<g:location id=\"hall\"") }! + 1
            for (leak, code) in [("<g:name>Riverside Community Centre, Room 2</g:name>", "privacy.withheld-name"),
                                 ("<g:street>12 Mill Lane</g:street>", "privacy.withheld-address"),
                                 ("<g:postcode>M99 1AA</g:postcode>", "privacy.withheld-address"),
                                 ("<g:directions>Side entrance, first door on the left.</g:directions>", "privacy.withheld-directions"),
                                 ("<g:geo lat=\"53.4808\" lon=\"-2.2426\"/>", "privacy.withheld-coordinates")] {
                let leaking = hall.replacingOccurrences(of: "precision=\"exact\" disclosure=\"public\"", with: attributes)
                    .replacingOccurrences(of: "<g:name>Riverside Community Centre, Room 2</g:name>", with: leak.hasPrefix("<g:name") ? leak : "")
                    .replacingOccurrences(of: "<g:street>12 Mill Lane</g:street>", with: leak.hasPrefix("<g:street") ? leak : "")
                    .replacingOccurrences(of: "<g:postcode>M99 1AA</g:postcode>", with: leak.hasPrefix("<g:postcode") ? leak : "")
                    .replacingOccurrences(of: "<g:geo lat=\"53.4808\" lon=\"-2.2426\"/>", with: leak.hasPrefix("<g:geo") ? leak : "")
                    .replacingOccurrences(of: "<g:directions>Side entrance, first door on the left.</g:directions>", with: leak.hasPrefix("<g:directions") ? leak : "")
                let errors = FeedReader.check(Data(leaking.utf8)).errors
                #expect(errors.map(\.code) == [code], "\(attributes) with \(leak): \(errors)")
                #expect(errors.first?.line == line)
            }
        }
    }

    @Test func privacyLeaksInTheFeedAreErrors() throws {
        let withheldPoint = try Example.replacing("precision=\"exact\" disclosure=\"public\"", with: "precision=\"withheld\" disclosure=\"on-request\"")
        let codes = FeedReader.check(withheldPoint).errors.map(\.code)
        #expect(codes.contains("privacy.withheld-coordinates"))
        #expect(codes.contains("privacy.withheld-address"))
        let withheldStreet = Data(try Example.text
            .replacingOccurrences(of: "precision=\"exact\" disclosure=\"public\"", with: "precision=\"withheld\" disclosure=\"public\"")
            .replacingOccurrences(of: "<g:geo lat=\"53.4808\" lon=\"-2.2426\"/>", with: "").utf8)
        #expect(FeedReader.check(withheldStreet).errors.map(\.code) == ["privacy.withheld-address", "privacy.withheld-name", "privacy.withheld-directions"])
        let link = try Example.replacing("disclosure=\"on-request\"/>", with: "disclosure=\"on-request\" href=\"https://meet.example.org/abc\"/>")
        #expect(FeedReader.check(link).errors.map(\.code) == ["privacy.on-request-link"])
        let handle = try Example.replacing("handle=\"Wren\"", with: "handle=\"wren@example.org\"")
        #expect(FeedReader.check(handle).errors.map(\.code) == ["privacy.personal-data"])
    }

    @Test func consistencyChecks() throws {
        let fee = try Example.replacing("<g:fee kind=\"free\"/>", with: "<g:fee kind=\"free\" amount=\"5\" currency=\"GBP\"/>")
        #expect(FeedReader.check(fee).errors.map(\.code) == ["consistency.fee"])
        let counts = try Example.replacing("lived-experience=\"3\" trained=\"4\"", with: "lived-experience=\"9\" trained=\"4\"")
        #expect(FeedReader.check(counts).errors.map(\.code) == ["facilitation.counts"])
        let audience = try Example.replacing("<g:audience id=\"lived-experience\"/>", with: "<g:audience id=\"women\"/>")
        #expect(FeedReader.check(audience).errors.map(\.code) == ["audience.reason-missing"])
        let notice = try Example.replacing("meeting=\"tuesday\" date=", with: "meeting=\"friday\" date=")
        #expect(FeedReader.check(notice).errors.map(\.code) == ["notice.meeting-unknown"])
        let location = try Example.replacing("location=\"hall\"", with: "location=\"garden\"")
        #expect(FeedReader.check(location).errors.map(\.code) == ["meeting.location-unknown"])
    }

    @Test func closedGroupMayListNoMeetings() throws {
        var text = try Example.text.replacingOccurrences(of: "<g:status id=\"active\"/>", with: "<g:status id=\"closed\"/>")
        let first = try #require(text.range(of: "    <g:meeting id=\"tuesday\""))
        let last = try #require(text.range(of: "    <g:facilitation "))
        text.removeSubrange(first.lowerBound..<last.lowerBound)
        text = text.replacingOccurrences(of: " meeting=\"tuesday\"", with: "").replacingOccurrences(of: "kind=\"cancellation\"", with: "kind=\"announcement\"")
        #expect(FeedReader.check(Data(text.utf8)).errors.isEmpty, "\(FeedReader.check(Data(text.utf8)).errors)")
        let active = text.replacingOccurrences(of: "<g:status id=\"closed\"/>", with: "<g:status id=\"active\"/>")
        #expect(FeedReader.check(Data(active.utf8)).errors.map(\.code) == ["status.no-meetings"])
    }

    @Test func markupInTextIsRefused() throws {
        let bytes = try Example.replacing("<g:summary>A friendly", with: "<g:summary><b>bold</b>A friendly")
        #expect(FeedReader.check(bytes).errors.map(\.code) == ["text.markup"])
    }
}
