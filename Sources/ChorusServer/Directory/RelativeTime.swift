import ChorusFeed
import ChorusLanguage
import ChorusRegistry
import Foundation

/// When a meeting is, as a person says it: "On now", "Starting in 40 minutes", "Today", "Tonight", "Tomorrow",
/// "Thursday". Days count in the zone of the line they head, so "tomorrow" turns at that zone's midnight and not at
/// the server's.
enum RelativeTime {
    /// The next meeting for a visitor: in the meeting's zone, and in the visitor's when their browser said it and its
    /// clock differs. The words ("Tonight") then go with the visitor's own time, so each line's day agrees with its date.
    static func lines(start: Date, end: Date, now: Date, zone: TimeZone, visitorZone: TimeZone?,
                      region: String? = nil) -> (meeting: String, visitor: String?) {
        if let visitorZone, visitorZone.secondsFromGMT(for: start) != zone.secondsFromGMT(for: start) {
            return (MeetingClock.shared.dateAndTime(start, zone: zone, region: region), phrase(start: start, end: end, now: now, zone: visitorZone))
        }
        return (phrase(start: start, end: end, now: now, zone: zone, region: region), nil)
    }

    /// A meeting as one line in one zone: "Tonight, 19:00 GMT (Thursday 3 December)", "Tuesday, 14:00 GMT
    /// (8 December)", "On now, 19:00 GMT (…)"; a week or more ahead, the date: "Tuesday 15 December at 14:00 GMT".
    static func phrase(start: Date, end: Date, now: Date, zone: TimeZone, region: String? = nil) -> String {
        let clock = MeetingClock.shared
        guard let words = words(start: start, end: end, now: now, zone: zone) else {
            return clock.dateAndTime(start, zone: zone, region: region)
        }
        let date = words.isWeekday ? clock.dayOfMonth(start, zone: zone, region: region) : clock.day(start, zone: zone, region: region)
        return tr("{when}, {time} ({date})", ["when": words.text, "time": clock.time(start, zone: zone, region: region), "date": date])
    }

    /// Nil a week or more ahead, where the date says it better.
    static func words(start: Date, end: Date, now: Date, zone: TimeZone) -> (text: String, isWeekday: Bool)? {
        if start <= now && now < end { return (tr("On now"), false) }
        let seconds = start.timeIntervalSince(now)
        if seconds >= 0 && seconds < 3_600 {
            let minutes = Int((seconds / 60).rounded(.up))
            return (minutes <= 1 ? tr("Starting in a minute") : trPlural("Starting in {count} minute", "Starting in {count} minutes", count: minutes), false)
        }
        guard seconds > 0 else { return nil }
        let clock = ZonedClock(zone: zone)
        let day = clock.localDate(of: start)
        switch day.daysSinceEpoch - clock.localDate(of: now).daysSinceEpoch {
        case 0: return (clock.localTime(of: start).minutesSinceMidnight >= 17 * 60 ? tr("Tonight") : tr("Today"), false)
        case 1: return (tr("Tomorrow"), false)
        case 2...6: return (ScheduleWords.weekday(day.weekday), true)
        default: return nil
        }
    }
}
