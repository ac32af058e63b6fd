import ChorusFeed
import Foundation

/// Notices still worth showing: changes to a coming date, and announcements from the last 60 days.
public enum CurrentNotices {
    public static func of(_ group: PublicGroup, now: Date) -> [PublicGroup.Notice] { of(group.notices, now: now) }

    public static func of(_ notices: [PublicGroup.Notice], now: Date) -> [PublicGroup.Notice] {
        let yesterday = LocalDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)) - 1).description
        return notices.filter { notice in
            if let date = notice.date { return date >= yesterday }
            return notice.updated > now.addingTimeInterval(-60 * 86_400)
        }
    }
}
