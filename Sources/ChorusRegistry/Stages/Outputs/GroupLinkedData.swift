import ChorusFeed
import Foundation

/// schema.org JSON-LD for a group page: one `Event` per meeting, with its `Schedule` in the meeting's own zone.
/// A withheld venue is given only as its area; an online meeting's link only when the group made it public.
public struct GroupLinkedData {
    public let group: PublicGroup
    public let pageURL: String

    public init(group: PublicGroup, pageURL: String) {
        self.group = group
        self.pageURL = pageURL
    }

    public func object() -> [String: Any] {
        ["@context": "https://schema.org", "@graph": group.meetings.map(event)]
    }

    /// Safe inside an HTML `<script type="application/ld+json">` element: `<`, `>` and `&` are written as escapes.
    public func scriptText() -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object(), options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    private static func attendance(_ mode: AttendanceMode) -> String {
        switch mode {
        case .inPerson: "https://schema.org/OfflineEventAttendanceMode"
        case .online: "https://schema.org/OnlineEventAttendanceMode"
        case .hybrid: "https://schema.org/MixedEventAttendanceMode"
        }
    }

    private func event(_ meeting: PublicGroup.Meeting) -> [String: Any] {
        var event: [String: Any] = [
            "@type": "Event",
            "name": "\(group.title): \(meeting.title)",
            "description": group.summary,
            "url": pageURL,
            "eventAttendanceMode": Self.attendance(meeting.mode),
            "eventStatus": group.status == .active ? "https://schema.org/EventScheduled" : "https://schema.org/EventPostponed",
            "organizer": ["@type": "Organization", "name": group.title, "url": group.website ?? pageURL] as [String: Any],
            "isAccessibleForFree": group.fee.kind != .fee,
            "eventSchedule": schedule(meeting),
            "startDate": meeting.startDate + "T" + meeting.startTime,
            "duration": "PT\(meeting.durationMinutes)M",
        ]
        if !group.languages.isEmpty { event["inLanguage"] = group.languages }
        var locations: [[String: Any]] = []
        if meeting.mode.hasVenue, let place = group.place(id: meeting.placeId) {
            locations.append(self.place(place))
        }
        if meeting.mode.hasOnlineRoom {
            locations.append(["@type": "VirtualLocation", "url": meeting.joinURL ?? pageURL])
        }
        if locations.count == 1 { event["location"] = locations[0] } else if !locations.isEmpty { event["location"] = locations }
        return event
    }

    private func schedule(_ meeting: PublicGroup.Meeting) -> [String: Any] {
        var schedule: [String: Any] = [
            "@type": "Schedule",
            "scheduleTimezone": meeting.timeZone,
            "startDate": meeting.startDate,
            "startTime": meeting.startTime,
            "duration": "PT\(meeting.durationMinutes)M",
        ]
        if let end = meeting.endTime { schedule["endTime"] = end }
        if let endDate = meeting.endDate { schedule["endDate"] = endDate }
        if !meeting.excludedDates.isEmpty { schedule["exceptDate"] = meeting.excludedDates }
        switch meeting.rrule.flatMap({ try? Recurrence(rrule: $0) }) {
        case .weekly(let interval, let days)?:
            schedule["repeatFrequency"] = "P\(interval)W"
            schedule["byDay"] = days.map { "https://schema.org/" + $0.name }
        case .monthly(let interval, let ordinal, let day)?:
            schedule["repeatFrequency"] = "P\(interval)M"
            schedule["byDay"] = ["https://schema.org/" + day.name]
            schedule["byMonthWeek"] = ordinal
        case nil:
            schedule["repeatCount"] = 1
        }
        return schedule
    }

    private func place(_ place: PublicGroup.Place) -> [String: Any] {
        var address: [String: Any] = ["@type": "PostalAddress", "addressCountry": place.country]
        if let locality = place.locality { address["addressLocality"] = locality }
        if let region = place.region { address["addressRegion"] = region }
        var result: [String: Any] = ["@type": "Place"]
        if place.withheld {
            result["name"] = place.area
            result["address"] = address
            return result
        }
        if let street = place.street { address["streetAddress"] = street }
        if let postcode = place.postcode { address["postalCode"] = postcode }
        result["name"] = place.name ?? place.area
        result["address"] = address
        if let latitude = place.latitude, let longitude = place.longitude {
            result["geo"] = ["@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude] as [String: Any]
        }
        if !place.accessibility.isEmpty {
            result["amenityFeature"] = place.accessibility.map { feature in
                ["@type": "LocationFeatureSpecification", "name": feature, "value": true] as [String: Any]
            }
        }
        return result
    }
}
