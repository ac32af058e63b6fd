import ChorusFeed
import ChorusLanguage
import Foundation

/// Times as a person reads them: "Tuesday 3 December, 14:00 GMT", in the meeting's zone or the searcher's.
/// Formatters are expensive to make, so one is kept per zone and locale.
final class MeetingClock: @unchecked Sendable {
    static let shared = MeetingClock()
    private let lock = NSLock()
    private var formatters: [String: DateFormatter] = [:]

    func dateAndTime(_ date: Date, zone: TimeZone, region: String? = nil) -> String {
        format(date, zone: zone, region: region, template: "EEEEdMMMMjmm") + " " + zoneName(date, zone)
    }

    func time(_ date: Date, zone: TimeZone, region: String? = nil) -> String {
        format(date, zone: zone, region: region, template: "jmm") + " " + zoneName(date, zone)
    }

    /// A moment in UTC for the console, in the page language's own order of day, month and time.
    func utc(_ date: Date, template: String) -> String {
        format(date, zone: .gmt, region: nil, template: template) + " UTC"
    }

    private func zoneName(_ date: Date, _ zone: TimeZone) -> String {
        Localizer.current.localeData(ZonedClock(zone: zone).abbreviation(at: date))
    }

    func day(_ date: Date, zone: TimeZone, region: String? = nil) -> String {
        format(date, zone: zone, region: region, template: "EEEEdMMMM")
    }

    /// "8 December".
    func dayOfMonth(_ date: Date, zone: TimeZone, region: String? = nil) -> String {
        format(date, zone: zone, region: region, template: "dMMMM")
    }

    private func format(_ date: Date, zone: TimeZone, region: String?, template: String) -> String {
        let localizer = Localizer.current
        let localeId = localizer.usesEnglishFormats
            ? "en_" + (region ?? "GB") : localizer.formatTag.replacingOccurrences(of: "-", with: "_")
        let key = "\(zone.identifier)|\(localeId)|\(template)"
        return lock.withLock {
            let formatter = formatters[key] ?? {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: localeId)
                formatter.timeZone = zone
                formatter.setLocalizedDateFormatFromTemplate(template)
                if formatters.count > 500 { formatters.removeAll() }
                formatters[key] = formatter
                return formatter
            }()
            return localizer.localeData(formatter.string(from: date))
        }
    }
}
