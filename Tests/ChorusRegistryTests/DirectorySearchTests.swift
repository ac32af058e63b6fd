import ChorusFeed
@testable import ChorusRegistry
import ChorusTestSupport
import Foundation
import GRDB
import Testing

@Suite(.serialized) struct DirectorySearchTests {
    static let london = TimeZone(identifier: "Europe/London")!

    @Test func everyAcceptedFeedIsIndexedWithEightWeeksOfOccurrencesAndItsCancellations() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let counts = try await fixture.registry.database.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directoryGroup")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directoryText")!)
        }
        #expect(counts.0 == fixture.groups.count && counts.1 == fixture.groups.count)

        let sheffield = try await fixture.registry.upcomingOccurrences(groupId: fixture.id("sheffield-central-voices"), limit: 100)
        let tuesdays = sheffield.filter { $0.meetingId == "tuesday" }
        #expect(tuesdays.count == 8, "eight Tuesdays from 23 November within 56 days")
        let clock = ZonedClock(zone: Self.london)
        #expect(tuesdays.allSatisfy { clock.localTime(of: $0.start) == LocalTime(hour: 14, minute: 0) && clock.localDate(of: $0.start).weekday == .tuesday })
        let cancelled = tuesdays.filter(\.cancelled).map { clock.localDate(of: $0.start).description }
        #expect(cancelled == ["2026-12-22"], "the feed's cancellation notice marks that date")
        #expect(sheffield.filter { $0.meetingId == "online" }.map { clock.localDate(of: $0.start).description } == ["2026-11-26", "2026-12-31"],
                "last Thursday of each month")
    }

    @Test func nearAPlaceRanksByDistanceAndShowsTheDistance() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let results = try await fixture.search { $0.place = "sheffield" }
        #expect(results.place?.name == "Sheffield" && results.place?.kind == .locality)
        let first = try #require(results.hits.first)
        #expect(first.groupId == fixture.id("sheffield-central-voices"))
        #expect((first.distanceKm ?? 99) < 1 && first.withheldArea == nil)
        #expect(first.next.map { ZonedClock(zone: Self.london).localDate(of: $0.start).description } == "2026-11-24")
        #expect(first.notices.contains { $0.kind == .cancellation }, "a coming cancellation is a current notice")

        let nearPoint = try await fixture.search { $0.latitude = 53.40; $0.longitude = -1.50; $0.radiusKm = 10 }
        #expect(nearPoint.hits.map(\.groupId) == [fixture.id("sheffield-central-voices")])
        await #expect(try fixture.search { $0.latitude = 0; $0.longitude = 0; $0.radiusKm = 100 }.hits.isEmpty)
    }

    @Test func aWithheldLocationIsFoundByItsAreaAndNeverByItsPoint() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let cork = fixture.id("cork-ward-voices")
        let byName = try await fixture.search { $0.place = "Cork" }
        let hit = try #require(byName.hits.first { $0.groupId == cork })
        #expect(hit.distanceKm == nil && hit.withheldArea == "Cork, County Cork, IE")

        // The ward's own coordinates (51.8969, -8.4863) are in the feed but never in the index.
        let stored = try await fixture.registry.database.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT latitude, longitude, areaLatitude FROM directoryPlace p JOIN feedGroup g ON g.id = p.groupRow WHERE g.groupId = ?
                """, arguments: [cork])
        }
        #expect(stored.count == 1 && stored[0]["latitude"] == nil && stored[0]["longitude"] == nil)
        await #expect(try fixture.search { $0.latitude = 51.8969; $0.longitude = -8.4863; $0.radiusKm = 1 }.hits.isEmpty,
                "a search at the ward's own point does not find it")

        try await DirectoryFixture.importSamplePlaces(fixture.registry)
        let area = try await fixture.registry.database.pool.read { db in
            try Double.fetchOne(db, sql: "SELECT areaLatitude FROM directoryPlace p JOIN feedGroup g ON g.id = p.groupRow WHERE g.groupId = ?", arguments: [cork])
        }
        #expect(area == 51.89797, "placed at the gazetteer's centre of Cork")
        let nearCork = try await fixture.search { $0.latitude = 51.90; $0.longitude = -8.47; $0.radiusKm = 5 }
        #expect(nearCork.hits.first { $0.groupId == cork }?.withheldArea != nil)

        let prison = try await fixture.search { $0.place = "Yorkshire and the Humber" }
        let inPrison = try #require(prison.hits.first { $0.groupId == fixture.id("yorkshire-prison-voices") })
        #expect(inPrison.distanceKm == nil && inPrison.withheldArea == "Yorkshire and the Humber, GB")
    }

    @Test func filtersNarrowByDayTimeModeAudienceLanguageAccessFeeAndHours() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let all = try await fixture.search { $0.limit = 100 }
        #expect(all.hits.count == fixture.groups.count - closedGroups(fixture))

        let tuesdays = try await fixture.search { $0.days = [1]; $0.limit = 100 }
        #expect(!tuesdays.hits.isEmpty)
        for hit in tuesdays.hits {
            let next = try #require(hit.next)
            let zone = try #require(TimeZone(identifier: next.timeZone))
            #expect(ZonedClock(zone: zone).localDate(of: next.start).weekday == .tuesday, "\(hit.title)")
        }
        #expect(tuesdays.hits.contains { $0.groupId == fixture.id("sheffield-central-voices") })

        let evenings = try await fixture.search { $0.startMinutes = DirectoryQuery.partsOfDay["evening"]; $0.limit = 100 }
        for hit in evenings.hits {
            let next = try #require(hit.next)
            let local = ZonedClock(zone: TimeZone(identifier: next.timeZone)!).localTime(of: next.start)
            #expect(local.hour >= 17, "\(hit.title) at \(local)")
        }
        #expect(!evenings.hits.contains { $0.groupId == fixture.id("yorkshire-prison-voices") }, "a morning group")

        let online = try await fixture.search { $0.mode = .online; $0.limit = 100 }
        #expect(online.hits.allSatisfy { $0.modes.contains(.online) || $0.modes.contains(.hybrid) })
        #expect(online.hits.contains { $0.groupId == fixture.id("night-owls-online") })
        #expect(!online.hits.contains { $0.groupId == fixture.id("yorkshire-prison-voices") })

        await #expect(try fixture.search { $0.language = "es" }.hits.map(\.groupId).contains(fixture.id("bronx-voces")))
        await #expect(try fixture.search { $0.language = "es-419"; $0.limit = 100 }.hits.allSatisfy { hit in
            fixture.groups.first { $0.sample.id == hit.groupId }!.sample.feed.profile.languages.contains { $0.hasPrefix("es") }
        })
        let young = try await fixture.search { $0.audience = .youngPeople }
        #expect(young.hits.map(\.groupId) == [fixture.id("norwich-young-voices")])
        let loop = try await fixture.search { $0.accessibility = [.hearingLoop]; $0.limit = 100 }
        #expect(loop.hits.contains { $0.groupId == fixture.id("sheffield-central-voices") })
        for hit in loop.hits {
            let feed = fixture.groups.first { $0.sample.id == hit.groupId }!.sample.feed
            #expect(feed.profile.locations.contains { $0.accessibility.contains(.hearingLoop) })
        }
        let free = try await fixture.search { $0.freeOnly = true; $0.limit = 100 }
        #expect(free.hits.allSatisfy(\.free) && free.hits.count < all.hits.count, "the fee-charging sample is left out")

        let soon = try await fixture.search { $0.withinHours = 24; $0.limit = 100 }
        let limit = DirectoryFixture.monday.addingTimeInterval(24 * 3600)
        #expect(soon.hits.allSatisfy { ($0.next?.start ?? .distantFuture) < limit })
        #expect(soon.hits.count < all.hits.count)
    }

    @Test func withoutAPlaceTheSoonestMeetingComesFirstAndPagesDoNotOverlap() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let all = try await fixture.search { $0.limit = 100 }
        let starts = all.hits.compactMap { $0.next?.start }
        #expect(starts == starts.sorted())
        let first = try await fixture.search { $0.limit = 5 }
        let second = try await fixture.search { $0.limit = 5; $0.offset = 5 }
        #expect(first.hasMore && first.hits.count == 5 && second.hits.count == 5)
        #expect(Set(first.hits.map(\.groupId)).isDisjoint(with: second.hits.map(\.groupId)))
        #expect(first.hits.map(\.groupId) + second.hits.map(\.groupId) == Array(all.hits.prefix(10).map(\.groupId)))
    }

    @Test func textSearchIgnoresCaseAccentsAndQuerySyntax() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        await #expect(try fixture.search { $0.text = "VOCES" }.hits.map(\.groupId).contains(fixture.id("bronx-voces")))
        await #expect(try fixture.search { $0.text = "sheff" }.hits.map(\.groupId) == [fixture.id("sheffield-central-voices")], "prefixes match")
        for hostile in ["\"", "voices OR", "NEAR(", "*", "a:b", "^", "') DROP TABLE directoryGroup; --"] {
            _ = try await fixture.search { $0.text = hostile }
        }
        await #expect(try fixture.search { $0.text = "zzzz-nothing" }.hits.isEmpty)
    }

    @Test func ambiguousPlaceNamesAreOfferedAsChoicesAndQualifiersPickOne() async throws {
        let fixture = try await DirectoryFixture.start(places: true)
        defer { Task { await fixture.stop() } }
        let springfield = try await fixture.search { $0.place = "Springfield" }
        #expect(springfield.hits.isEmpty)
        #expect(Set(springfield.choices.map(\.label)) == ["Springfield, Illinois, US", "Springfield, Massachusetts, US", "Springfield, Missouri, US"])
        for qualified in ["Springfield, Illinois", "springfield, IL", "SPRINGFIELD, illinois, us"] {
            let chosen = try await fixture.search { $0.place = qualified }
            #expect(chosen.place?.label == "Springfield, Illinois, US", "\(qualified)")
            #expect(chosen.choices.isEmpty)
        }
        await #expect(try fixture.registry.places(named: "malmo").first?.name == "Malmö", "accents are ignored")
        await #expect(try fixture.registry.places(named: "MALMÖ").count == 1)
        await #expect(try fixture.registry.places(named: "Corcaigh").first?.name == "Cork", "alternate names match")

        let newcastle = try await fixture.search { $0.place = "Newcastle" }
        #expect(newcastle.choices.count == 2, "the feeds' Newcastle, NSW is the gazetteer's Newcastle, Australia: \(newcastle.choices.map(\.label))")
        let australian = try await fixture.search { $0.place = "Newcastle, New South Wales" }
        #expect(australian.hits.first?.groupId == fixture.id("newcastle-harbour-voices"))

        let unknown = try await fixture.search { $0.place = "Atlantis" }
        #expect(unknown.unknownPlace == "Atlantis" && unknown.hits.isEmpty)
        await #expect(try fixture.search { $0.place = "S3" }.hits.first?.groupId == fixture.id("sheffield-central-voices"), "postcode districts are places")
    }

    @Test func aBadGazetteerLineStopsTheImportWithItsLineNumberAndStoresNothing() async throws {
        let test = try TestRegistry()
        let good = "1\tSpringfield\tSpringfield\t\t39.8\t-89.6\tP\tPPLA\tUS\t\tIL\t\t\t\t100\t\t0\tAmerica/Chicago\t2024-01-01"
        for (bad, message) in [
            ("2\tNowhere\tNowhere\t\t999\t0\tP\tPPL\tUS\t\tIL\t\t\t\t1\t\t0\t\t2024-01-01", "line 3: latitude '999'"),
            ("2\tShort\tShort", "line 3: expected 19 tab-separated GeoNames columns, found 3"),
            ("2\tX\tX\t\t1\t1\tP\tPPL\tUSA\t\t\t\t\t\t1\t\t0\t\t2024-01-01", "line 3: 'USA' is not a two-letter country code"),
        ] {
            #expect(throws: GazetteerFile.Problem.self) { try GazetteerFile(Data("# header\n\(good)\n\(bad)\n".utf8)) }
            do { _ = try GazetteerFile(Data("# header\n\(good)\n\(bad)\n".utf8)) } catch {
                #expect("\(error)".hasPrefix(message), "\(error)")
            }
        }
        #expect(throws: GazetteerFile.Problem.self) { try GazetteerFile(Data([0xFF, 0xFE, 0x00])) }
        await #expect(try test.registry.places(named: "Springfield").isEmpty)
        let file = try GazetteerFile(Data("\(good)\n6269131\tEngland\tEngland\t\t52\t-0.7\tA\tADM1\tGB\t\tENG\t\t\t\t1\t\t0\t\t2024-01-01\n".utf8))
        #expect(file.entries.count == 1 && file.skipped == 1, "only populated places are kept")
        await #expect(try test.registry.importPlaces(file) == 1)
        await #expect(try test.registry.importPlaces(file) == 1, "importing again updates, it does not duplicate")
        await #expect(try test.registry.places(named: "springfield").count == 1)
    }

    @Test func aCharterHidesGroupsBelowItsListedTierUnlessAdminsAsk() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        let before = try await fixture.search { $0.limit = 100 }.hits.count
        let path = Repository.path("Federation/charters/worldwide.xml")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var text = String(decoding: bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "network=\"worldwide\"", with: "network=\"all\"")
        _ = try await fixture.registry.setCharter(network: "all", bytes: Data(text.utf8), signature: nil)
        let listed = try await fixture.search { $0.limit = 100 }
        #expect(listed.hits.count < before)
        #expect(listed.hits.allSatisfy { $0.listings.first?.tier != nil })
        var everyone = DirectoryQuery()
        everyone.listedOnly = false
        everyone.limit = 100
        await #expect(try fixture.registry.search(everyone).hits.count == before)
        let tier = try #require(listed.hits.first?.listings.first?.tier)
        await #expect(try fixture.search { $0.tier = tier; $0.limit = 100 }.hits.allSatisfy { $0.listings.first?.tier == tier })
        await #expect(try fixture.search { $0.network = "elsewhere" }.hits.isEmpty)
    }

    @Test func theDailyRefreshMovesTheOccurrenceWindow() async throws {
        let fixture = try await DirectoryFixture.start()
        defer { Task { await fixture.stop() } }
        await #expect(try fixture.registry.refreshDirectory() == 0, "everything was indexed today")
        fixture.test.clock.advance(10 * 86_400)
        await #expect(try fixture.registry.refreshDirectory() == fixture.groups.count)
        let sheffield = try await fixture.registry.upcomingOccurrences(groupId: fixture.id("sheffield-central-voices"), limit: 100)
        #expect(sheffield.allSatisfy { $0.start >= fixture.registry.now })
        #expect(sheffield.last.map { $0.start > DirectoryFixture.monday.addingTimeInterval(60 * 86_400) } == true)
    }

    func closedGroups(_ fixture: DirectoryFixture) -> Int {
        fixture.groups.filter { $0.sample.feed.profile.status.id == .closed }.count
    }
}
