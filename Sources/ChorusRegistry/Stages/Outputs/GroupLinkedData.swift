import ChorusFeed
import Foundation

/// schema.org JSON-LD for a group page: one `Event` per meeting, with its `Schedule` in the meeting's own zone.
/// A withheld venue is given only as its area; an online meeting's link only when the group made it public.
/// `startDate` is the next meeting with its UTC offset; dates off and cancelled dates are `exceptDate`, and each extra
/// date is a schedule of its own. A last weekday of the month is `byDay` in iCalendar's form (`-1TH`), since
/// `byMonthWeek` counts only from the start of the month (1–5).
public struct GroupLinkedData {
    public let group: PublicGroup
    public let pageURL: String
    public let now: Date

    public init(group: PublicGroup, pageURL: String, now: Date) {
        self.group = group
        self.pageURL = pageURL
        self.now = now
    }

    public func document() -> Document {
        Document(graph: group.meetings.map(event))
    }

    /// Safe inside an HTML `<script type="application/ld+json">` element: `<`, `>` and `&` are written as escapes.
    public func scriptText() -> String {
        guard let data = try? OutputCoding.encoder.encode(document()) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    private func event(_ meeting: PublicGroup.Meeting) -> Event {
        var locations: [Location] = []
        if meeting.mode.hasVenue, let place = group.place(id: meeting.placeId) {
            locations.append(.place(self.place(place)))
        }
        if meeting.mode.hasOnlineRoom {
            locations.append(.virtual(VirtualLocation(url: meeting.joinURL ?? pageURL)))
        }
        return Event(
            name: "\(group.title): \(meeting.title)", description: group.summary, url: pageURL,
            eventAttendanceMode: Self.attendance(meeting.mode), eventStatus: Self.status(group.status),
            organizer: Organization(name: group.title, url: group.website ?? pageURL),
            isAccessibleForFree: Self.isFree(group.fee.kind), eventSchedule: schedules(meeting),
            startDate: nextStart(meeting), duration: "PT\(meeting.durationMinutes)M",
            inLanguage: group.languages.isEmpty ? nil : group.languages, location: Locations(locations))
    }

    /// The next meeting's start with its UTC offset; the first date, with the zone's offset then, when none is left.
    private func nextStart(_ meeting: PublicGroup.Meeting) -> String {
        guard let schedule = meeting.feedSchedule, let zone = TimeZone(identifier: meeting.timeZone) else {
            return meeting.startDate + "T" + meeting.startTime
        }
        let clock = ZonedClock(zone: zone)
        let start = schedule.nextOccurrences(after: now, count: 1).first?.start
            ?? clock.instant(date: schedule.startDate, time: schedule.startTime)
        return clock.dateTimeWithOffset(start)
    }

    private func schedules(_ meeting: PublicGroup.Meeting) -> [Schedule] {
        let extras = meeting.extraDates.map { date in
            Schedule(scheduleTimezone: meeting.timeZone, startDate: date, startTime: meeting.startTime,
                     duration: "PT\(meeting.durationMinutes)M", endTime: meeting.endTime, endDate: date, repeatCount: 1)
        }
        return [schedule(meeting)] + extras
    }

    private func schedule(_ meeting: PublicGroup.Meeting) -> Schedule {
        let cancelled = group.notices.filter { $0.kind == .cancellation && $0.meetingId == meeting.id }.compactMap(\.date)
        let except = Array(Set(meeting.excludedDates + cancelled)).sorted()
        var schedule = Schedule(
            scheduleTimezone: meeting.timeZone, startDate: meeting.startDate, startTime: meeting.startTime,
            duration: "PT\(meeting.durationMinutes)M", endTime: meeting.endTime, endDate: meeting.endDate,
            exceptDate: except.isEmpty ? nil : except)
        switch meeting.rrule.flatMap({ try? Recurrence(rrule: $0) }) {
        case .weekly(let interval, let days)?:
            schedule.repeatFrequency = "P\(interval)W"
            schedule.byDay = days.map(Self.dayOfWeek)
        case .monthly(let interval, let ordinal, let day)?:
            schedule.repeatFrequency = "P\(interval)M"
            if ordinal >= 1 && ordinal <= 5 {
                schedule.byDay = [Self.dayOfWeek(day)]
                schedule.byMonthWeek = ordinal
            } else {
                schedule.byDay = ["\(ordinal)\(day.rawValue)"]
            }
        case nil:
            schedule.repeatCount = 1
        }
        return schedule
    }

    private func place(_ place: PublicGroup.Place) -> Place {
        var address = PostalAddress(addressCountry: place.country, addressLocality: place.locality, addressRegion: place.region)
        if place.withheld { return Place(name: place.area, address: address) }
        address.streetAddress = place.street
        address.postalCode = place.postcode
        var result = Place(name: place.name ?? place.area, address: address)
        if let latitude = place.latitude, let longitude = place.longitude {
            result.geo = GeoCoordinates(latitude: latitude, longitude: longitude)
        }
        if !place.accessibility.isEmpty {
            result.amenityFeature = place.accessibility.map { LocationFeatureSpecification(name: $0.id) }
        }
        return result
    }

    private static func dayOfWeek(_ day: Weekday) -> String { "https://schema.org/" + day.name }

    private static func attendance(_ mode: AttendanceMode) -> Event.AttendanceMode {
        switch mode {
        case .inPerson: .offline
        case .online: .online
        case .hybrid: .mixed
        }
    }

    private static func status(_ status: ActivityStatus) -> Event.Status {
        switch status {
        case .active: .scheduled
        case .paused, .closed: .postponed
        }
    }

    private static func isFree(_ fee: FeeKind) -> Bool {
        switch fee {
        case .free, .voluntaryContribution: true
        case .fee: false
        }
    }
}
