import ChorusCharter
import ChorusFeed
import ChorusTestSupport
import Foundation
import Testing

@Suite struct ExampleCharterTests {
    /// The committed table `Federation/charters/expected-tiers.md`: feed name → charter slug → tier or `none`.
    func expectedTable() throws -> (charters: [String], rows: [String: [String: String]]) {
        let text = try String(contentsOfFile: Repository.path("Federation/charters/expected-tiers.md"), encoding: .utf8)
        let tableLines = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        let header = tableLines[0].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let charters = Array(header.dropFirst())
        var rows: [String: [String: String]] = [:]
        for line in tableLines.dropFirst() {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            rows[cells[0]] = Dictionary(uniqueKeysWithValues: zip(charters, cells.dropFirst()))
        }
        return (charters, rows)
    }

    @Test func everySampleFeedReachesItsCommittedTierUnderEveryExampleCharter() throws {
        let (charters, expected) = try expectedTable()
        #expect(charters.sorted() == ["kenya", "uk-ireland", "usa", "worldwide"])
        let feeds = try Repository.sampleFeeds()
        #expect(Set(expected.keys) == Set(feeds.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }))
        var actualTable = "| feed | " + charters.joined(separator: " | ") + " |\n"
        var mismatches = 0
        for path in feeds {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let feed = try FeedReader.read(try Data(contentsOf: URL(fileURLWithPath: path)))
            var cells: [String] = []
            for slug in charters {
                let tier = CharterEvaluator(try exampleCharter(slug)).evaluate(feed, now: sampleNow).tier ?? "none"
                cells.append(tier)
                if expected[name]?[slug] != tier { mismatches += 1 }
                #expect(expected[name]?[slug] == tier, "\(name) under \(slug): expected \(expected[name]?[slug] ?? "?"), reached \(tier)")
            }
            actualTable += "| \(name) | " + cells.joined(separator: " | ") + " |\n"
        }
        if mismatches > 0 { print("The tiers reached now:\n" + actualTable) }
    }

    @Test func seedConflictsAreResolvedByExemptionsAndSeverities() throws {
        let worldwide = CharterEvaluator(try exampleCharter("worldwide"))
        let ukIreland = CharterEvaluator(try exampleCharter("uk-ireland"))

        let prison = worldwide.evaluate(try sample("yorkshire-prison-voices"), now: sampleNow)
        #expect(prison.result("community-setting")?.outcome == .notApplicable, "a prison group and a community-setting rule")
        #expect(ukIreland.evaluate(try sample("yorkshire-prison-voices"), now: sampleNow).result("community-setting")?.outcome == .notApplicable)

        let women = worldwide.evaluate(try sample("inner-west-womens-voices"), now: sampleNow)
        #expect(women.result("open-to-all")?.outcome == .notApplicable, "a women-only group and an open-to-all rule")
        #expect(worldwide.evaluate(try sample("bronx-voces"), now: sampleNow).result("open-to-all")?.outcome == .pass)

        let fee = worldwide.evaluate(try sample("nakano-koe"), now: sampleNow)
        let free = try #require(fee.result("free-to-attend"))
        #expect(free.outcome == .fail && free.severity == .recommended, "a fee-charging group is advised, not failed")
        #expect(!fee.failedRequired.contains { $0.rule == "free-to-attend" })
        let kenya = CharterEvaluator(try exampleCharter("kenya"))
        #expect(kenya.evaluate(try sample("eastlands-peer-support"), now: sampleNow).result("no-cost")?.outcome == .pass,
                "a voluntary contribution is not a fee")
    }

    @Test func jurisdictionRuleOnTheLivedExperienceShare() throws {
        let kenya = CharterEvaluator(try exampleCharter("kenya"))
        let eastlands = kenya.evaluate(try sample("eastlands-peer-support"), now: sampleNow)
        #expect(eastlands.result("lived-experience-majority")?.outcome == .pass)
        let nyanza = kenya.evaluate(try sample("nyanza-voices-circle"), now: sampleNow)
        #expect(nyanza.result("lived-experience-majority")?.outcome == .fail)
        #expect(nyanza.tier == nil)
    }

    @Test func everyExampleRuleCitesItsSource() throws {
        for slug in ["uk-ireland", "usa", "worldwide", "kenya"] {
            let charter = try exampleCharter(slug)
            #expect(charter.sources.count >= 1)
            for rule in charter.rules { #expect(rule.source.count > 5, "\(slug) \(rule.id) cites no source") }
        }
    }
}

@Suite struct ConsistencyTests {
    func codes(_ feed: GroupFeed) -> [String] { ConsistencyCheck.warnings(in: feed).map(\.code) }

    @Test func samplesAreConsistent() throws {
        for path in try Repository.sampleFeeds() {
            let feed = try FeedReader.read(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(codes(feed).isEmpty, "\(path): \(ConsistencyCheck.warnings(in: feed))")
        }
    }

    @Test func freeInWordsButAFeeInFact() throws {
        var feed = try sample("nakano-koe")
        feed.profile.summary = "A friendly group, free of charge."
        #expect(codes(feed) == ["consistency.free-with-fee"])
    }

    @Test func communitySettingNamedLikeAHospital() throws {
        var feed = try sample("sheffield-central-voices")
        feed.profile.locations[0].name = "Northern General Hospital, Ward 4"
        #expect(codes(feed) == ["consistency.setting"])
        feed.profile.locations[0].name = "Edward Street Community Hall"
        #expect(codes(feed).isEmpty, "'Edward' is not a ward")
    }

    @Test func moreFacilitatorsPerMeetingThanInThePool() throws {
        var feed = try sample("sheffield-central-voices")
        feed.profile.facilitation = Facilitation(poolSize: 1)
        feed.profile.meetings[0].facilitators = 2
        #expect(codes(feed).contains("consistency.facilitators"))
    }

    @Test func onlineMeetingTiedToAStreetVenue() throws {
        var feed = try sample("sheffield-central-voices")
        let venue = feed.profile.meetings.first { $0.mode == .inPerson }!.locationID
        let online = feed.profile.meetings.firstIndex { $0.mode == .online }!
        feed.profile.meetings[online].locationID = venue
        #expect(codes(feed) == ["consistency.online-venue"])
    }

    @Test func otherContradictions() throws {
        var feed = try sample("sheffield-central-voices")
        feed.profile.facilitation.livedExperience = 0
        feed.profile.commitments.append(.peerLed)
        feed.profile.independence = Independence(id: .partOfService, host: "A trust")
        feed.profile.membership = .closed
        #expect(Set(codes(feed)) == ["consistency.lived-experience", "consistency.peer-led", "consistency.access"])
    }
}
