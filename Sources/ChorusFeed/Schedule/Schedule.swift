import Foundation

/// When a meeting happens: a recurrence (or none, for one-off dates) in local wall-clock time of an IANA zone.
public struct Schedule: Sendable, Equatable {
    public var recurrence: Recurrence?
    public var startDate: LocalDate
    public var startTime: LocalTime
    public var durationMinutes: Int
    public var timeZone: String
    public var endDate: LocalDate?
    public var excludedDates: [LocalDate]
    public var extraDates: [LocalDate]

    public init(
        recurrence: Recurrence?, startDate: LocalDate, startTime: LocalTime, durationMinutes: Int, timeZone: String,
        endDate: LocalDate? = nil, excludedDates: [LocalDate] = [], extraDates: [LocalDate] = []
    ) {
        self.recurrence = recurrence
        self.startDate = startDate
        self.startTime = startTime
        self.durationMinutes = durationMinutes
        self.timeZone = timeZone
        self.endDate = endDate
        self.excludedDates = excludedDates
        self.extraDates = extraDates
    }

    /// The local dates the meeting takes place on, from `first` through `last` inclusive.
    public func dates(from first: LocalDate, through last: LocalDate) -> [LocalDate] {
        let end = min(last, endDate ?? last)
        var dates = recurrence?.dates(seriesStart: startDate, through: end) ?? (startDate <= end ? [startDate] : [])
        dates.removeAll { $0 < first }
        let excluded = Set(excludedDates)
        if !excluded.isEmpty { dates.removeAll { excluded.contains($0) } }
        for extra in extraDates where extra >= first && extra <= last && !dates.contains(extra) {
            dates.append(extra)
        }
        return dates.sorted()
    }

    /// Concrete occurrences that start at or after `start` and before `end`, computed in the schedule's own zone.
    public func occurrences(from start: Date, to end: Date) -> [Occurrence] {
        guard let zone = TimeZone(identifier: timeZone) else { return [] }
        let clock = ZonedClock(zone: zone)
        let first = clock.localDate(of: start).adding(days: -1)
        let last = clock.localDate(of: end).adding(days: 1)
        return dates(from: first, through: last).compactMap { date in
            let begins = clock.instant(date: date, time: startTime)
            guard begins >= start, begins < end else { return nil }
            return Occurrence(date: date, start: begins, end: begins.addingTimeInterval(TimeInterval(durationMinutes * 60)))
        }
    }

    /// The next `count` occurrences starting at or after `start` (searching at most ten years ahead).
    public func nextOccurrences(after start: Date, count: Int) -> [Occurrence] {
        var found: [Occurrence] = []
        var windowStart = start
        let tenYears = start.addingTimeInterval(10 * 366 * 86_400)
        while found.count < count, windowStart < tenYears {
            let windowEnd = windowStart.addingTimeInterval(400 * 86_400)
            found += occurrences(from: windowStart, to: windowEnd)
            windowStart = windowEnd
        }
        return Array(found.prefix(count))
    }
}

/// One meeting date: its local date and the instants it starts and ends.
public struct Occurrence: Sendable, Equatable {
    public let date: LocalDate
    public let start: Date
    public let end: Date
}

/// Converts between instants and wall-clock dates and times of one IANA zone.
public struct ZonedClock: Sendable {
    public let zone: TimeZone
    private let calendar: Calendar

    public init(zone: TimeZone) {
        self.zone = zone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
    }

    public func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    public func localTime(of instant: Date) -> LocalTime {
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return LocalTime(hour: parts.hour!, minute: parts.minute!)!
    }

    /// The instant a wall-clock time occurs on a date. A time skipped by a daylight-saving change
    /// moves forward by the length of the gap, as RFC 5545 prescribes.
    public func instant(date: LocalDate, time: LocalTime) -> Date {
        let wall = TimeInterval(date.daysSinceEpoch * 86_400 + time.minutesSinceMidnight * 60)
        let guess = Date(timeIntervalSince1970: wall)
        let offsetBefore = zone.secondsFromGMT(for: guess.addingTimeInterval(-86_400))
        let offsetAfter = zone.secondsFromGMT(for: guess.addingTimeInterval(86_400))
        let candidateBefore = Date(timeIntervalSince1970: wall - TimeInterval(offsetBefore))
        if zone.secondsFromGMT(for: candidateBefore) == offsetBefore { return candidateBefore }
        let candidateAfter = Date(timeIntervalSince1970: wall - TimeInterval(offsetAfter))
        if zone.secondsFromGMT(for: candidateAfter) == offsetAfter { return candidateAfter }
        // The wall time falls in a gap: interpret it with the offset in force before the gap.
        return Date(timeIntervalSince1970: wall - TimeInterval(offsetBefore))
    }

    /// The zone's abbreviation at an instant, such as GMT, BST or EST, from the tz database, falling back to the UTC offset.
    public func abbreviation(at instant: Date) -> String {
        let seconds = zone.secondsFromGMT(for: instant)
        if let name = ZoneAbbreviations.name(zone: zone.identifier, at: instant, offset: seconds) { return name }
        if let name = zone.abbreviation(for: instant), name.allSatisfy({ $0.isLetter }), name != "GMT" || seconds == 0 { return name }
        return "UTC" + Self.offset(seconds)
    }

    /// The instant as local date and time with its UTC offset, ISO 8601: `2026-12-03T19:00:00+00:00`.
    public func dateTimeWithOffset(_ instant: Date) -> String {
        "\(localDate(of: instant))T\(localTime(of: instant)):00" + Self.offset(zone.secondsFromGMT(for: instant))
    }

    /// `+01:00`, `-05:00`.
    public static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + String(twoDigits: minutes / 60) + ":" + String(twoDigits: minutes % 60)
    }
}
