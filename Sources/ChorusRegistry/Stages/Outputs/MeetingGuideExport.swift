import ChorusFeed
import Foundation

/// A network's groups in the Meeting Guide feed format (github.com/code4recovery/spec), so meeting-finder apps built
/// for it can show them. What does not map, and how it is written instead:
/// - Meeting Guide knows weekly meetings only: every-N-weeks and monthly meetings keep their weekdays, and `notes` says
///   the real rhythm ("On the first Tuesday of each month"); excluded and extra dates are not carried.
/// - `day` is one integer: a meeting on several weekdays is one entry per weekday, its slug ending in the day
///   (an array makes TSML-UI, the Meeting Guide web app, flatten the days itself, and it drops meetings doing so).
/// - A withheld venue keeps only its area (`approximate: "yes"`, no address, no coordinates).
/// - A join link is written only when the group made it public and the host is a provider the apps accept;
///   otherwise `notes` and `location_notes` say how to get it and `url` is the group page, where the contact is.
///   Apps drop an entry with no address at all, so an online meeting without a venue carries its area, or "Online",
///   as an approximate `formatted_address`.
/// - `O` (open) is written only for open groups whose audience excludes nobody; `C` for closed groups and for
///   restricted audiences (a prison group, a group for 12–18-year-olds).
/// - Closed groups are left out; paused ones carry `TC` (temporarily closed).
public enum MeetingGuideExport {
    public struct Meeting: Encodable, Equatable {
        var name: String
        var slug: String
        var day: Int
        var time: String
        var end_time: String
        var timezone: String
        var location: String?
        var address: String?
        var city: String?
        var state: String?
        var postal_code: String?
        var formatted_address: String?
        var country: String?
        var approximate: String?
        var latitude: Double?
        var longitude: Double?
        var conference_url: String?
        var types: [String]
        var notes: String?
        var location_notes: String?
        var group: String
        var group_notes: String
        var url: String
        var updated: String
        var entity: String
        var feedback_url: String?
    }

    static let conferenceHosts = ["bluejeans.com", "discord.gg", "freeconference.com", "freeconferencecall.com", "goto.com",
                                  "gotomeet.me", "gotomeeting.com", "meet.google.com", "meet.jit.si", "meetings.dialpad.com",
                                  "signal.group", "skype.com", "teams.live.com", "teams.microsoft.com", "webex.com", "zoho.com", "zoom.us"]

    /// Meeting Guide's own language codes, from the spec's type list.
    static let languageTypes = ["en": "EN", "es": "S", "fr": "FR", "de": "DE", "it": "ITA", "pt": "POR", "pl": "POL", "ru": "RUS",
                                "uk": "UK", "ja": "JA", "ko": "KOR", "hi": "HI", "he": "HE", "fa": "FA", "el": "EL", "da": "DA",
                                "no": "NO", "nb": "NO", "sv": "SV", "sk": "SK", "hr": "HR", "hu": "HU", "lt": "LT", "tl": "TL",
                                "th": "TH", "am": "AM", "ml": "ML", "pa": "PUN", "tr": "TUR"]

    public static func meetings(of groups: [PublicGroup], network: Network, address: PublicAddress) -> [Meeting] {
        groups.filter { $0.status != .closed }.flatMap { group in
            group.meetings.flatMap { meetings(group, $0, network: network, address: address) }
        }
    }

    /// One entry per weekday the meeting is held on.
    static func meetings(_ group: PublicGroup, _ meeting: PublicGroup.Meeting, network: Network, address: PublicAddress) -> [Meeting] {
        guard let entry = self.meeting(group, meeting, network: network, address: address) else { return [] }
        guard entry.days.count > 1 else { return entry.days.map { var one = entry.meeting; one.day = $0; return one } }
        return entry.days.map { day in
            var one = entry.meeting
            one.day = day
            one.slug = String(entry.meeting.slug.prefix(62)) + "-\(day)"
            return one
        }
    }

    static func meeting(_ group: PublicGroup, _ meeting: PublicGroup.Meeting, network: Network,
                        address: PublicAddress) -> (meeting: Meeting, days: [Int])? {
        guard let rule = meeting.rrule.flatMap({ try? Recurrence(rrule: $0) }), let start = LocalTime(iso: meeting.startTime),
              let endTime = meeting.endTime else {
            return nil
        }
        var notes: [String] = []
        let days: [Weekday]
        switch rule {
        case .weekly(let interval, let weekdays):
            days = weekdays
            if interval > 1 { notes.append(sentence(rule.plainDescription) + ", not every week.") }
        case .monthly(_, _, let day):
            days = [day]
            notes.append(sentence(rule.plainDescription) + ", not every week.")
        }
        let uuid = group.groupId.split(separator: ":").last.map { String($0.prefix(8)) } ?? "group"
        var result = Meeting(
            name: String(meeting.title.prefix(255)), slug: String(slug(uuid + "-" + meeting.id).prefix(64)),
            day: (days[0].index + 1) % 7, time: start.description,
            end_time: endTime, timezone: meeting.timeZone,
            types: types(group, meeting), group: group.title, group_notes: group.summary, url: address.groupPage(group.groupId),
            updated: Timestamp.format(group.updated).replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ""),
            entity: network.name, feedback_url: network.contact)
        if meeting.mode.hasVenue, let place = group.place(id: meeting.placeId) {
            result.city = place.locality
            result.state = place.region
            result.country = place.country
            if place.withheld {
                result.approximate = "yes"
                notes.append("Meets in \(place.area); the group gives the venue when you contact it.")
            } else {
                result.approximate = "no"
                result.location = place.name
                result.address = place.street
                result.postal_code = place.postcode
                result.latitude = place.latitude
                result.longitude = place.longitude
            }
        }
        if meeting.mode.hasOnlineRoom {
            if result.city == nil && result.country == nil {
                result.approximate = "yes"
                result.formatted_address = group.places.first?.area ?? "Online"
            }
            if let link = meeting.joinURL, let host = URLComponents(string: link)?.host?.lowercased(),
               conferenceHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) }) {
                result.conference_url = link
            } else if let link = meeting.joinURL {
                notes.append("Join online: \(link)")
            } else {
                notes.append("Meets online\(meeting.platform.map { " (\($0))" } ?? ""); ask the group for the link.")
                result.location_notes = "Online meeting. The group gives the link when you ask: " + address.groupPage(group.groupId)
            }
        }
        if group.status == .paused { notes.append("The group has paused its meetings" + (group.statusUntil.map { " until \($0)" } ?? "") + ".") }
        result.notes = notes.isEmpty ? nil : notes.joined(separator: "\n")
        return (result, days.map { ($0.index + 1) % 7 })
    }

    static func types(_ group: PublicGroup, _ meeting: PublicGroup.Meeting) -> [String] {
        var types: [String] = []
        switch group.membership {
        case .open: types.append(group.restriction == nil ? "O" : "C")
        case .closed: types.append("C")
        case .openThenClosed: break
        }
        for audience in group.audiences {
            switch audience.id {
            case .women: types.append("W")
            case .men: types.append("M")
            case .lgbtq: types.append("LGBTQ")
            case .youngPeople: types.append("Y")
            default: break
            }
        }
        let place = group.place(id: meeting.placeId)
        if place?.accessibility.contains(.stepFreeAccess) == true { types.append("X") }
        if place?.accessibility.contains(.accessibleToilet) == true { types.append("XB") }
        if place?.accessibility.contains(.childrenWelcome) == true { types.append("CF") }
        if group.status == .paused { types.append("TC") }
        for language in group.languages {
            let primary = String(language.lowercased().prefix { $0 != "-" })
            if let code = languageTypes[primary], !types.contains(code) { types.append(code) }
        }
        return types
    }

    static func slug(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        let mapped = text.lowercased().map { allowed.contains($0) ? $0 : "-" }
        return String(mapped)
    }

    static func sentence(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
