@testable import ChorusFeed
import Foundation
import Testing

@Suite struct ScheduleTests {
    func schedule(_ rule: String?, start: String, time: String = "19:00", zone: String = "Europe/London",
                  end: String? = nil, excluded: [String] = [], extra: [String] = []) throws -> Schedule {
        Schedule(
            recurrence: try rule.map { try Recurrence(rrule: $0) }, startDate: LocalDate(iso: start)!, startTime: LocalTime(iso: time)!,
            durationMinutes: 90, timeZone: zone, endDate: end.flatMap { LocalDate(iso: $0) },
            excludedDates: excluded.map { LocalDate(iso: $0)! }, extraDates: extra.map { LocalDate(iso: $0)! })
    }

    func dates(_ s: Schedule, _ from: String, _ through: String) -> [String] {
        s.dates(from: LocalDate(iso: from)!, through: LocalDate(iso: through)!).map(\.description)
    }

    @Test func localDateArithmetic() {
        #expect(LocalDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(LocalDate(iso: "2026-11-21")!.weekday == .saturday)
        #expect(LocalDate(iso: "2024-02-29")!.adding(days: 365).description == "2025-02-28")
        #expect(LocalDate(iso: "2026-02-29") == nil)
        for day in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: day).daysSinceEpoch == day)
        }
    }

    @Test func weeklyAndExcludedDate() throws {
        let s = try schedule("FREQ=WEEKLY;BYDAY=TU", start: "2026-01-06", excluded: ["2026-01-20"])
        #expect(dates(s, "2026-01-01", "2026-02-03") == ["2026-01-06", "2026-01-13", "2026-01-27", "2026-02-03"])
    }

    @Test func everyOtherWeekCountsFromTheStartWeek() throws {
        let s = try schedule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", start: "2026-01-07")  // a Wednesday
        #expect(dates(s, "2026-01-01", "2026-02-28") == ["2026-01-19", "2026-02-02", "2026-02-16"])
    }

    @Test func severalDaysAWeek() throws {
        let s = try schedule("FREQ=WEEKLY;BYDAY=TH,MO", start: "2026-03-02")
        #expect(dates(s, "2026-03-01", "2026-03-10") == ["2026-03-02", "2026-03-05", "2026-03-09"])
    }

    @Test func lastThursdayOfTheMonth() throws {
        let s = try schedule("FREQ=MONTHLY;BYDAY=-1TH", start: "2026-01-01")
        #expect(dates(s, "2026-01-01", "2026-06-30") == ["2026-01-29", "2026-02-26", "2026-03-26", "2026-04-30", "2026-05-28", "2026-06-25"])
    }

    @Test func secondTuesdayAndSkippedFifthWeekday() throws {
        let second = try schedule("FREQ=MONTHLY;BYDAY=2TU", start: "2026-01-01")
        #expect(dates(second, "2026-01-01", "2026-03-31") == ["2026-01-13", "2026-02-10", "2026-03-10"])
        let fifth = try schedule("FREQ=MONTHLY;BYDAY=5FR", start: "2026-01-01")
        #expect(dates(fifth, "2026-01-01", "2026-06-30") == ["2026-01-30", "2026-05-29"])
    }

    @Test func endDateAndExtraDates() throws {
        let s = try schedule("FREQ=WEEKLY;BYDAY=FR", start: "2026-01-02", end: "2026-01-16", extra: ["2026-01-28"])
        #expect(dates(s, "2026-01-01", "2026-03-01") == ["2026-01-02", "2026-01-09", "2026-01-16", "2026-01-28"])
    }

    @Test func londonEveningMeetingStaysAtSevenAcrossDaylightSaving() throws {
        // Clocks go forward on 2026-03-29 and back on 2026-10-25.
        let s = try schedule("FREQ=WEEKLY;BYDAY=TU", start: "2026-01-06")
        let spring = s.occurrences(from: instant("2026-03-20T00:00:00Z"), to: instant("2026-04-05T00:00:00Z")).map(\.start)
        #expect(spring == [instant("2026-03-24T19:00:00Z"), instant("2026-03-31T18:00:00Z")])
        let autumn = s.occurrences(from: instant("2026-10-19T00:00:00Z"), to: instant("2026-11-01T00:00:00Z")).map(\.start)
        #expect(autumn == [instant("2026-10-20T18:00:00Z"), instant("2026-10-27T19:00:00Z")])
    }

    @Test func newYorkMeetingAcrossDaylightSaving() throws {
        // Clocks go forward on 2026-03-08 and back on 2026-11-01.
        let s = try schedule("FREQ=WEEKLY;BYDAY=SU", start: "2026-01-04", time: "18:30", zone: "America/New_York")
        let spring = s.occurrences(from: instant("2026-03-01T00:00:00Z"), to: instant("2026-03-09T00:00:00Z")).map(\.start)
        #expect(spring == [instant("2026-03-01T23:30:00Z"), instant("2026-03-08T22:30:00Z")])
        let autumn = s.occurrences(from: instant("2026-10-25T00:00:00Z"), to: instant("2026-11-02T12:00:00Z")).map(\.start)
        #expect(autumn == [instant("2026-10-25T22:30:00Z"), instant("2026-11-01T23:30:00Z")])
    }

    @Test func wallTimeInTheSpringGapMovesForwardAndAmbiguousTimeTakesTheFirst() throws {
        let gap = try schedule("FREQ=WEEKLY;BYDAY=SU", start: "2026-03-29", time: "01:30")
        #expect(gap.occurrences(from: instant("2026-03-28T00:00:00Z"), to: instant("2026-03-30T00:00:00Z")).map(\.start) == [instant("2026-03-29T01:30:00Z")])
        let ambiguous = try schedule("FREQ=WEEKLY;BYDAY=SU", start: "2026-10-25", time: "01:30")
        #expect(ambiguous.occurrences(from: instant("2026-10-24T00:00:00Z"), to: instant("2026-10-26T00:00:00Z")).map(\.start) == [instant("2026-10-25T00:30:00Z")])
    }

    @Test func occurrencesCarryTheirLocalDateInTheMeetingsZone() throws {
        let s = try schedule("FREQ=WEEKLY;BYDAY=MO", start: "2026-01-05", time: "08:00", zone: "Asia/Tokyo")
        let first = try #require(s.nextOccurrences(after: instant("2026-01-04T00:00:00Z"), count: 1).first)
        #expect(first.date.description == "2026-01-05")
        #expect(first.start == instant("2026-01-04T23:00:00Z"))
    }

    @Test(arguments: [
        "FREQ=DAILY;BYDAY=MO", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=1TU", "FREQ=MONTHLY;BYMONTHDAY=3", "FREQ=MONTHLY;BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=1TU,3TU", "FREQ=WEEKLY;BYDAY=TU;COUNT=5", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270101", "FREQ=WEEKLY;INTERVAL=0;BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=6TU", "FREQ=YEARLY;BYDAY=1MO", "BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU;WKST=SU", "garbage",
    ])
    func rulesOutsideTheSubsetAreRefused(rule: String) {
        #expect(throws: Recurrence.UnsupportedRule.self) { try Recurrence(rrule: rule) }
    }

    @Test(arguments: ["FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=MONTHLY;BYDAY=-1TH", "FREQ=MONTHLY;INTERVAL=3;BYDAY=2WE"])
    func supportedRulesRoundTrip(rule: String) throws {
        #expect(try Recurrence(rrule: rule).rrule == rule)
    }

    @Test func timestamps() {
        #expect(Timestamp.parse("2026-11-01T10:00:00Z") == Date(timeIntervalSince1970: 1_793_527_200))
        #expect(Timestamp.parse("2026-11-01T11:30:00+01:30") == Date(timeIntervalSince1970: 1_793_527_200))
        #expect(Timestamp.parse("2026-11-01T10:00:00.5Z") == Date(timeIntervalSince1970: 1_793_527_200.5))
        #expect(Timestamp.parse("2026-11-01 10:00:00") == nil)
        #expect(Timestamp.parse("2026-13-01T10:00:00Z") == nil)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_793_527_200)) == "2026-11-01T10:00:00Z")
    }
}

/// Zone abbreviations come from the tz database's TZif files, including the years after their last transition,
/// which the files' footer rule covers.
@Suite struct ZoneAbbreviationTests {
    func name(_ zone: String, _ text: String) throws -> String {
        let instant = try #require(Timestamp.parse(text))
        return ZonedClock(zone: try #require(TimeZone(identifier: zone))).abbreviation(at: instant)
    }

    @Test func namesPeopleKnowForLondonNewYorkAndSydney() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/Europe/London") else {
            print("skipped: no tz database at /usr/share/zoneinfo (install tzdata)")
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "CI has tzdata")
            return
        }
        #expect(try name("Europe/London", "2026-01-15T12:00:00Z") == "GMT")
        #expect(try name("Europe/London", "2026-07-15T12:00:00Z") == "BST")
        #expect(try name("America/New_York", "2026-01-15T12:00:00Z") == "EST")
        #expect(try name("America/New_York", "2026-07-15T12:00:00Z") == "EDT")
        #expect(try name("Australia/Sydney", "2026-01-15T12:00:00Z") == "AEDT")
        #expect(try name("Australia/Sydney", "2026-07-15T12:00:00Z") == "AEST")
        #expect(try name("Europe/Dublin", "2026-07-15T12:00:00Z") == "IST")
        #expect(try name("Asia/Tokyo", "2026-07-15T12:00:00Z") == "JST")
        // After the files' last transition the footer's rule names the time, on both sides of the change.
        #expect(try name("Europe/London", "2045-07-15T12:00:00Z") == "BST")
        #expect(try name("America/Los_Angeles", "2045-12-15T12:00:00Z") == "PST")
        // The day the clocks change in London: 00:59 UTC is still GMT, 01:00 UTC is BST.
        #expect(try name("Europe/London", "2026-03-29T00:59:00Z") == "GMT")
        #expect(try name("Europe/London", "2026-03-29T01:00:00Z") == "BST")
        // tzdata's numeric abbreviations are not names: the offset is written instead.
        #expect(try name("Asia/Dubai", "2026-07-15T12:00:00Z") == "UTC+04:00")
        #expect(try name("America/Sao_Paulo", "2026-07-15T12:00:00Z") == "UTC-03:00")
    }

    @Test func aMissingOrDamagedZoneFileFallsBackToTheOffset() throws {
        #expect(ZoneAbbreviations.name(zone: "../../etc/passwd", at: Date(), offset: 0) == nil)
        #expect(ZoneAbbreviations.name(zone: "No/Such_Zone", at: Date(), offset: 0) == nil)
        #expect(TZif(Data("TZif2".utf8)) == nil)
        #expect(TZif(Data(repeating: 0, count: 100)) == nil)
        if let london = FileManager.default.contents(atPath: "/usr/share/zoneinfo/Europe/London") {
            for length in stride(from: 0, to: london.count, by: 97) { _ = TZif(london.prefix(length)) }
        }
    }
}
