import ChorusFeed
import Foundation

/// The concrete meeting times of one feed within a window, with the feed's cancellation notices applied.
public struct MaterialisedOccurrence: Sendable, Equatable {
    public var meetingId: String
    public var start: Date
    public var end: Date
    public var localDate: LocalDate
    public var weekday: Int
    public var minute: Int
    public var mode: AttendanceMode
    public var cancelled: Bool
}

public enum Occurrences {
    /// How far ahead the directory looks.
    public static let window: TimeInterval = 56 * 86_400

    public static func materialise(_ feed: GroupFeed, from start: Date, to end: Date) -> [MaterialisedOccurrence] {
        let status = feed.profile.status
        guard status.id != .closed, status.id != .paused || status.until != nil else { return [] }
        let resumes = status.id == .paused ? status.until : nil
        var cancelled: Set<String> = []
        for notice in feed.notices where notice.kind == .cancellation {
            if let meeting = notice.meetingID, let date = notice.date { cancelled.insert("\(meeting) \(date)") }
        }
        var result: [MaterialisedOccurrence] = []
        for meeting in feed.profile.meetings {
            let schedule = meeting.schedule
            for occurrence in schedule.occurrences(from: start, to: end) where resumes.map({ occurrence.date >= $0 }) ?? true {
                result.append(MaterialisedOccurrence(
                    meetingId: meeting.id, start: occurrence.start, end: occurrence.end, localDate: occurrence.date,
                    weekday: occurrence.date.weekday.index, minute: schedule.startTime.minutesSinceMidnight,
                    mode: meeting.mode, cancelled: cancelled.contains("\(meeting.id) \(occurrence.date)")))
            }
        }
        return result.sorted { ($0.start, $0.meetingId) < ($1.start, $1.meetingId) }
    }
}
