/// The iCalendar RRULE subset of format v1: weekly, every N weeks, monthly on the nth or last weekday.
public enum Recurrence: Sendable, Equatable {
    case weekly(interval: Int, days: [Weekday])
    /// `ordinal` is 1…5 for the nth weekday of the month, or -1…-5 counted from the month's end.
    case monthly(interval: Int, ordinal: Int, day: Weekday)

    public struct UnsupportedRule: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Parses an RRULE value such as `FREQ=MONTHLY;BYDAY=-1TH`, rejecting anything outside the subset.
    public init(rrule: String) throws(UnsupportedRule) {
        var fields: [String: String] = [:]
        for part in rrule.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[1].isEmpty else { throw UnsupportedRule(description: "'\(part)' is not NAME=VALUE") }
            let name = pair[0].uppercased()
            guard fields[name] == nil else { throw UnsupportedRule(description: "\(name) appears twice") }
            fields[name] = pair[1].uppercased()
        }
        let allowed: Set<String> = ["FREQ", "INTERVAL", "BYDAY", "WKST"]
        if let other = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw UnsupportedRule(description: "\(other) is outside the supported subset (FREQ, INTERVAL, BYDAY); give the end date and excluded dates as schedule attributes")
        }
        if let weekStart = fields["WKST"], weekStart != "MO" {
            throw UnsupportedRule(description: "only WKST=MO is supported")
        }
        var interval = 1
        if let text = fields["INTERVAL"] {
            guard let value = Int(text), (1...52).contains(value) else {
                throw UnsupportedRule(description: "INTERVAL must be a whole number from 1 to 52")
            }
            interval = value
        }
        guard let byDay = fields["BYDAY"] else { throw UnsupportedRule(description: "BYDAY is required") }
        switch fields["FREQ"] {
        case "WEEKLY":
            var days: [Weekday] = []
            for code in byDay.split(separator: ",") {
                guard let day = Weekday(rawValue: String(code)) else {
                    throw UnsupportedRule(description: "weekly BYDAY takes plain days such as TU or MO,TH, not '\(code)'")
                }
                guard !days.contains(day) else { throw UnsupportedRule(description: "\(code) appears twice in BYDAY") }
                days.append(day)
            }
            self = .weekly(interval: interval, days: days.sorted { $0.index < $1.index })
        case "MONTHLY":
            guard interval <= 12 else { throw UnsupportedRule(description: "a monthly INTERVAL must be at most 12") }
            guard byDay.count >= 3, !byDay.contains(","),
                  let day = Weekday(rawValue: String(byDay.suffix(2))),
                  let ordinal = Int(byDay.dropLast(2)), ordinal != 0, (-5...5).contains(ordinal) else {
                throw UnsupportedRule(description: "monthly BYDAY takes one ordinal weekday such as 1TU, 3WE or -1TH, not '\(byDay)'")
            }
            self = .monthly(interval: interval, ordinal: ordinal, day: day)
        case let frequency?:
            throw UnsupportedRule(description: "FREQ=\(frequency) is outside the supported subset (WEEKLY, MONTHLY)")
        case nil:
            throw UnsupportedRule(description: "FREQ is required")
        }
    }

    public var rrule: String {
        switch self {
        case .weekly(let interval, let days):
            let list = days.map(\.rawValue).joined(separator: ",")
            return interval == 1 ? "FREQ=WEEKLY;BYDAY=\(list)" : "FREQ=WEEKLY;INTERVAL=\(interval);BYDAY=\(list)"
        case .monthly(let interval, let ordinal, let day):
            return interval == 1
                ? "FREQ=MONTHLY;BYDAY=\(ordinal)\(day.rawValue)"
                : "FREQ=MONTHLY;INTERVAL=\(interval);BYDAY=\(ordinal)\(day.rawValue)"
        }
    }

    /// Plain words: "every Tuesday", "every other Monday", "on the last Thursday of each month".
    public var plainDescription: String {
        switch self {
        case .weekly(let interval, let days):
            let names = days.map(\.name).joined(separator: " and ")
            switch interval {
            case 1: return "every \(names)"
            case 2: return "every other \(names)"
            default: return "every \(interval) weeks on \(names)"
            }
        case .monthly(let interval, let ordinal, let day):
            let ordinalWords = [1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth",
                                -1: "last", -2: "second-to-last", -3: "third-to-last", -4: "fourth-to-last", -5: "fifth-to-last"]
            let period = interval == 1 ? "each month" : "every \(interval) months"
            return "on the \(ordinalWords[ordinal] ?? "\(ordinal)th") \(day.name) of \(period)"
        }
    }

    /// The dates of the rule from `start` (the series' first possible date) up to and including `last`.
    func dates(seriesStart start: LocalDate, through last: LocalDate) -> [LocalDate] {
        guard start <= last else { return [] }
        var result: [LocalDate] = []
        switch self {
        case .weekly(let interval, let days):
            let firstMonday = start.adding(days: -start.weekday.index)
            var weekStart = firstMonday
            while weekStart <= last {
                for day in days {
                    let date = weekStart.adding(days: day.index)
                    if date >= start && date <= last { result.append(date) }
                }
                weekStart = weekStart.adding(days: 7 * interval)
            }
        case .monthly(let interval, let ordinal, let day):
            var year = start.year
            var month = start.month
            while let first = LocalDate(year: year, month: month, day: 1), first <= last {
                if let date = Recurrence.date(ordinal: ordinal, weekday: day, year: year, month: month),
                   date >= start, date <= last {
                    result.append(date)
                }
                month += interval
                while month > 12 { month -= 12; year += 1 }
            }
        }
        return result
    }

    static func date(ordinal: Int, weekday: Weekday, year: Int, month: Int) -> LocalDate? {
        let length = LocalDate.daysIn(month: month, year: year)
        if ordinal > 0 {
            guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
            let offset = (weekday.index - first.weekday.index + 7) % 7
            let day = 1 + offset + 7 * (ordinal - 1)
            return day <= length ? LocalDate(year: year, month: month, day: day) : nil
        }
        guard let lastDay = LocalDate(year: year, month: month, day: length) else { return nil }
        let offset = (lastDay.weekday.index - weekday.index + 7) % 7
        let day = length - offset - 7 * (-ordinal - 1)
        return day >= 1 ? LocalDate(year: year, month: month, day: day) : nil
    }
}
