import ChorusFeed
import Foundation

/// What the directory may show of a group: built from its feed, with every withheld or on-request detail
/// left out by construction. Pages, the JSON API and every export read this, never the feed itself.
public struct PublicGroup: Codable, Sendable, Equatable {
    public struct Audience: Codable, Sendable, Equatable {
        public var id: AudienceKind
        public var minimumAge: Int?
        public var maximumAge: Int?
        public var community: String?
        /// Why the group keeps this audience, in the group's words: a visitor should know before travelling.
        public var reason: String?
    }

    public struct Fee: Codable, Sendable, Equatable {
        public var kind: FeeKind
        public var amount: String?
        public var currency: String?
        public var per: FeePeriod?
        public var note: String?
    }

    public struct Place: Codable, Sendable, Equatable {
        public var id: String
        public var setting: Setting
        /// Only when the venue is public.
        public var name: String?
        public var street: String?
        public var postcode: String?
        public var locality: String?
        public var region: String?
        public var country: String
        public var latitude: Double?
        public var longitude: Double?
        /// True when only the area is published; the group gives the venue on request.
        public var withheld: Bool
        public var timeZone: String?
        public var accessibility: [AccessibilityFeature]
        public var directions: String?

        /// Locality, region and country: what may always be shown.
        public var area: String { [locality, region, country].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ") }
    }

    public struct Meeting: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var mode: AttendanceMode
        public var placeId: String?
        public var platform: String?
        /// Only when the group made the join link public.
        public var joinURL: String?
        public var rrule: String?
        public var schedule: String
        public var startDate: String
        public var startTime: String
        public var durationMinutes: Int
        public var timeZone: String
        public var endDate: String?
        public var excludedDates: [String]
        public var extraDates: [String]
        public var facilitators: Int?
    }

    public struct Facilitation: Codable, Sendable, Equatable {
        public var poolSize: Int
        public var livedExperience: Int?
        public var trained: Int?
        public var trainingProvider: String?
        public var peer: Int?
        public var professional: Int?
    }

    public struct Contact: Codable, Sendable, Equatable {
        public var kind: ContactKind
        public var uri: String
        public var label: String?
    }

    public struct Notice: Codable, Sendable, Equatable {
        public var id: String
        public var kind: NoticeKind
        public var title: String
        public var text: String?
        public var meetingId: String?
        public var date: String?
        public var updated: Date
    }

    public var groupId: String
    public var title: String
    public var language: String?
    public var updated: Date
    public var website: String?
    public var summary: String
    public var whatToExpect: String?
    public var languages: [String]
    public var experiences: [Experience]
    public var audiences: [Audience]
    public var membership: MembershipKind
    public var accessRoutes: [AccessRoute]
    public var fee: Fee
    public var independence: IndependenceKind
    public var status: ActivityStatus
    public var statusUntil: String?
    public var statusNote: String?
    public var commitments: [Commitment]
    public var groundRules: [String]
    public var places: [Place]
    public var meetings: [Meeting]
    public var facilitation: Facilitation
    public var contacts: [Contact]
    public var notices: [Notice]

    public init(_ feed: GroupFeed) {
        let profile = feed.profile
        groupId = feed.id
        title = feed.title
        language = feed.language
        updated = feed.updated
        website = feed.alternateURL.flatMap { LinkScheme.isWeb($0) ? $0 : nil }
        summary = profile.summary
        whatToExpect = profile.whatToExpect
        languages = profile.languages
        experiences = profile.experiences
        audiences = profile.audiences.map {
            Audience(id: $0.id, minimumAge: $0.minimumAge, maximumAge: $0.maximumAge, community: $0.community, reason: $0.reason)
        }
        membership = profile.membership
        accessRoutes = profile.accessRoutes
        fee = Fee(kind: profile.fee.kind, amount: profile.fee.amount, currency: profile.fee.currency, per: profile.fee.per, note: profile.fee.note)
        independence = profile.independence.id
        status = profile.status.id
        statusUntil = profile.status.until?.description
        statusNote = profile.status.note
        commitments = profile.commitments
        groundRules = profile.groundRules.compactMap { rule in
            rule.text ?? rule.id?.definition
        }
        places = profile.locations.map(Self.place)
        meetings = profile.meetings.map(Self.meeting)
        let pool = profile.facilitation
        facilitation = Facilitation(poolSize: pool.poolSize, livedExperience: pool.livedExperience, trained: pool.trained,
                                    trainingProvider: pool.trainingProvider, peer: pool.peer, professional: pool.professional)
        contacts = profile.contacts.filter { LinkScheme.isContact($0.uri, kind: $0.kind) }.map { Contact(kind: $0.kind, uri: $0.uri, label: $0.label) }
        notices = feed.notices.map {
            Notice(id: $0.id, kind: $0.kind, title: $0.title, text: $0.text, meetingId: $0.meetingID, date: $0.date?.description, updated: $0.updated)
        }
    }

    private static func place(_ location: Location) -> Place {
        let withheld = location.isWithheld
        return Place(
            id: location.id, setting: location.setting,
            name: withheld ? nil : location.name,
            street: withheld ? nil : location.address.street,
            postcode: withheld ? nil : location.address.postcode,
            locality: location.address.locality, region: location.address.region, country: location.address.country,
            latitude: withheld ? nil : location.geo?.latitude, longitude: withheld ? nil : location.geo?.longitude,
            withheld: withheld, timeZone: location.timeZone, accessibility: location.accessibility,
            directions: withheld ? nil : location.directions)
    }

    private static func meeting(_ meeting: ChorusFeed.Meeting) -> Meeting {
        let schedule = meeting.schedule
        let publicLink = meeting.online?.disclosure == .public ? meeting.online?.url.flatMap { LinkScheme.isSecureWeb($0) ? $0 : nil } : nil
        return Meeting(
            id: meeting.id, title: meeting.title, mode: meeting.mode, placeId: meeting.locationID,
            platform: meeting.online?.platform, joinURL: publicLink,
            rrule: schedule.recurrence?.rrule, schedule: schedule.recurrence?.plainDescription ?? "once, on \(schedule.startDate)",
            startDate: schedule.startDate.description, startTime: schedule.startTime.description,
            durationMinutes: schedule.durationMinutes, timeZone: schedule.timeZone, endDate: schedule.endDate?.description,
            excludedDates: schedule.excludedDates.map(\.description), extraDates: schedule.extraDates.map(\.description),
            facilitators: meeting.facilitators)
    }

    public func place(id: String?) -> Place? { places.first { $0.id == id } }
}

extension PublicGroup.Meeting {
    /// The meeting's schedule as the feed gave it, to compute its dates from.
    var feedSchedule: Schedule? {
        guard let startDate = LocalDate(iso: startDate), let startTime = LocalTime(iso: startTime) else { return nil }
        return Schedule(
            recurrence: rrule.flatMap { try? Recurrence(rrule: $0) }, startDate: startDate, startTime: startTime,
            durationMinutes: durationMinutes, timeZone: timeZone, endDate: endDate.flatMap { LocalDate(iso: $0) },
            excludedDates: excludedDates.compactMap { LocalDate(iso: $0) }, extraDates: extraDates.compactMap { LocalDate(iso: $0) })
    }

    /// The local wall-clock time the meeting ends, `HH:MM` (past midnight it wraps to the next day).
    var endTime: String? {
        guard let start = LocalTime(iso: startTime) else { return nil }
        let end = (start.minutesSinceMidnight + durationMinutes) % 1440
        return String(twoDigits: end / 60) + ":" + String(twoDigits: end % 60)
    }
}
