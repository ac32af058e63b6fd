import ChorusFeed
import ChorusLanguage

/// A meeting's repeat rule in the words of the current language (`Localizer.current`): "every Tuesday",
/// "on the last Thursday of each month", "once, on 2026-12-09".
public enum ScheduleWords {
    public static func describe(rrule: String?, startDate: String) -> String {
        guard let rrule, let recurrence = try? Recurrence(rrule: rrule) else {
            return tr("once, on {date}", ["date": startDate])
        }
        switch recurrence {
        case .weekly(let interval, let days):
            let names = ListWords.and(days.map(weekdayInSentence))
            switch interval {
            case 1: return tr("every {days}", ["days": names])
            case 2: return tr("every other {days}", ["days": names])
            default: return trPlural("every {count} week on {days}", "every {count} weeks on {days}", count: interval, ["days": names])
            }
        case .monthly(let interval, let ordinal, let day):
            let which = ordinalDay(ordinal, weekdayInSentence(day))
            return interval == 1 ? tr("{day} of each month", ["day": which])
                : trPlural("{day} of every {count} month", "{day} of every {count} months", count: interval, ["day": which])
        }
    }

    public static func weekday(_ day: Weekday) -> String {
        switch day {
        case .monday: tr("Monday")
        case .tuesday: tr("Tuesday")
        case .wednesday: tr("Wednesday")
        case .thursday: tr("Thursday")
        case .friday: tr("Friday")
        case .saturday: tr("Saturday")
        case .sunday: tr("Sunday")
        }
    }

    /// A weekday inside a sentence ("every Tuesday"), where some languages write it in lower case.
    public static func weekdayInSentence(_ day: Weekday) -> String {
        switch day {
        case .monday: tr("Monday", context: "weekday within a sentence")
        case .tuesday: tr("Tuesday", context: "weekday within a sentence")
        case .wednesday: tr("Wednesday", context: "weekday within a sentence")
        case .thursday: tr("Thursday", context: "weekday within a sentence")
        case .friday: tr("Friday", context: "weekday within a sentence")
        case .saturday: tr("Saturday", context: "weekday within a sentence")
        case .sunday: tr("Sunday", context: "weekday within a sentence")
        }
    }

    static func ordinalDay(_ ordinal: Int, _ day: String) -> String {
        let values = ["day": day]
        switch ordinal {
        case 1: return tr("on the first {day}", values)
        case 2: return tr("on the second {day}", values)
        case 3: return tr("on the third {day}", values)
        case 4: return tr("on the fourth {day}", values)
        case 5: return tr("on the fifth {day}", values)
        case -1: return tr("on the last {day}", values)
        case -2: return tr("on the second-to-last {day}", values)
        case -3: return tr("on the third-to-last {day}", values)
        case -4: return tr("on the fourth-to-last {day}", values)
        default: return tr("on the fifth-to-last {day}", values)
        }
    }
}

/// "a", "a and b", "a, b and c", in the current language.
public enum ListWords {
    public static func and(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return tr("{items} and {last}", ["items": items.dropLast().joined(separator: tr(", ", context: "between items of a list")), "last": items.last!])
    }
}
