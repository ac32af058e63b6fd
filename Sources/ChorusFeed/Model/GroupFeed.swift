import Foundation

/// The namespace of the group profile extension inside an Atom feed.
public enum ChorusNamespace {
    public static let atom = "http://www.w3.org/2005/Atom"
    public static let group = "urn:chorus:group-feed:1"
}

/// One group's feed: the Atom envelope, the group profile and the notices.
public struct GroupFeed: Sendable, Equatable {
    public var id: String
    public var title: String
    public var updated: Date
    public var language: String?
    public var authorName: String
    public var selfURL: String?
    public var alternateURL: String?
    public var profile: GroupProfile
    public var notices: [Notice]

    public init(
        id: String, title: String, updated: Date, language: String? = nil, authorName: String = "The organisers",
        selfURL: String? = nil, alternateURL: String? = nil, profile: GroupProfile, notices: [Notice] = []
    ) {
        self.id = id
        self.title = title
        self.updated = updated
        self.language = language
        self.authorName = authorName
        self.selfURL = selfURL
        self.alternateURL = alternateURL
        self.profile = profile
        self.notices = notices
    }
}

public struct GroupProfile: Sendable, Equatable {
    public var summary: String
    public var whatToExpect: String?
    public var languages: [String]
    public var experiences: [Experience]
    public var audiences: [Audience]
    public var membership: MembershipKind
    public var accessRoutes: [AccessRoute]
    public var fee: Fee
    public var independence: Independence
    public var status: Status
    public var commitments: [Commitment]
    public var groundRules: [GroundRule]
    public var locations: [Location]
    public var meetings: [Meeting]
    public var facilitation: Facilitation
    public var contacts: [Contact]
    public var nextKey: String?

    public init(
        summary: String, whatToExpect: String? = nil, languages: [String], experiences: [Experience],
        audiences: [Audience], membership: MembershipKind, accessRoutes: [AccessRoute], fee: Fee, independence: Independence,
        status: Status, commitments: [Commitment], groundRules: [GroundRule], locations: [Location],
        meetings: [Meeting], facilitation: Facilitation, contacts: [Contact], nextKey: String? = nil
    ) {
        self.summary = summary
        self.whatToExpect = whatToExpect
        self.languages = languages
        self.experiences = experiences
        self.audiences = audiences
        self.membership = membership
        self.accessRoutes = accessRoutes
        self.fee = fee
        self.independence = independence
        self.status = status
        self.commitments = commitments
        self.groundRules = groundRules
        self.locations = locations
        self.meetings = meetings
        self.facilitation = facilitation
        self.contacts = contacts
        self.nextKey = nextKey
    }

    public func location(id: String) -> Location? { locations.first { $0.id == id } }
}

public struct Audience: Sendable, Equatable {
    public var id: AudienceKind
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var community: String?
    public var reason: String?

    public init(id: AudienceKind, minimumAge: Int? = nil, maximumAge: Int? = nil, community: String? = nil, reason: String? = nil) {
        self.id = id
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.community = community
        self.reason = reason
    }
}

public struct Fee: Sendable, Equatable {
    public var kind: FeeKind
    /// A decimal amount as written, e.g. "500" or "2.50"; only for kind `fee`.
    public var amount: String?
    /// ISO 4217 code; only for kind `fee`.
    public var currency: String?
    /// What the amount pays for: `meeting`, `month` or `year`.
    public var per: FeePeriod?
    public var note: String?

    public init(kind: FeeKind, amount: String? = nil, currency: String? = nil, per: FeePeriod? = nil, note: String? = nil) {
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.per = per
        self.note = note
    }

    public static let free = Fee(kind: .free)
}

public struct Independence: Sendable, Equatable {
    public var id: IndependenceKind
    public var host: String?

    public init(id: IndependenceKind, host: String? = nil) {
        self.id = id
        self.host = host
    }
}

public struct Status: Sendable, Equatable {
    public var id: ActivityStatus
    public var until: LocalDate?
    public var note: String?

    public init(id: ActivityStatus, until: LocalDate? = nil, note: String? = nil) {
        self.id = id
        self.until = until
        self.note = note
    }

    public static let active = Status(id: .active)
}

/// A ground rule: an id from the shared vocabulary, free text, or both.
public struct GroundRule: Sendable, Equatable {
    public var id: StandardGroundRule?
    public var text: String?

    public init(id: StandardGroundRule? = nil, text: String? = nil) {
        self.id = id
        self.text = text
    }
}

public struct Location: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var setting: Setting
    public var address: Address
    public var geo: Geo?
    public var precision: Precision
    public var disclosure: Disclosure
    public var timeZone: String?
    public var accessibility: [AccessibilityFeature]
    public var directions: String?

    public init(
        id: String, name: String? = nil, setting: Setting, address: Address, geo: Geo? = nil,
        precision: Precision = .exact, disclosure: Disclosure = .public, timeZone: String? = nil,
        accessibility: [AccessibilityFeature] = [], directions: String? = nil
    ) {
        self.id = id
        self.name = name
        self.setting = setting
        self.address = address
        self.geo = geo
        self.precision = precision
        self.disclosure = disclosure
        self.timeZone = timeZone
        self.accessibility = accessibility
        self.directions = directions
    }

    /// True when only the area may be shown: the venue, street and point stay private.
    public var isWithheld: Bool { precision == .withheld || disclosure == .onRequest }
}

public struct Address: Sendable, Equatable {
    public var street: String?
    public var locality: String?
    public var region: String?
    public var postcode: String?
    public var country: String

    public init(street: String? = nil, locality: String? = nil, region: String? = nil, postcode: String? = nil, country: String) {
        self.street = street
        self.locality = locality
        self.region = region
        self.postcode = postcode
        self.country = country
    }

    /// The part of an address that may always be shown: locality, region, country.
    public var area: String {
        [locality, region, country].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

public struct Geo: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

public struct Meeting: Sendable, Equatable {
    public var id: String
    public var title: String
    public var mode: AttendanceMode
    public var locationID: String?
    public var online: OnlineAccess?
    public var schedule: Schedule
    public var facilitators: Int?

    public init(
        id: String, title: String, mode: AttendanceMode, locationID: String? = nil, online: OnlineAccess? = nil,
        schedule: Schedule, facilitators: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.mode = mode
        self.locationID = locationID
        self.online = online
        self.schedule = schedule
        self.facilitators = facilitators
    }
}

public struct OnlineAccess: Sendable, Equatable {
    public var platform: String
    public var disclosure: Disclosure
    /// The join link; published only when `disclosure` is `public`.
    public var url: String?

    public init(platform: String, disclosure: Disclosure = .onRequest, url: String? = nil) {
        self.platform = platform
        self.disclosure = disclosure
        self.url = url
    }
}

public struct Facilitation: Sendable, Equatable {
    public var poolSize: Int
    public var livedExperience: Int?
    public var trained: Int?
    public var trainingProvider: String?
    public var peer: Int?
    public var professional: Int?
    /// Percentage of members with lived experience, as the group declares it.
    public var membersWithLivedExperiencePercent: Int?
    public var facilitators: [Facilitator]

    public init(
        poolSize: Int, livedExperience: Int? = nil, trained: Int? = nil, trainingProvider: String? = nil,
        peer: Int? = nil, professional: Int? = nil, membersWithLivedExperiencePercent: Int? = nil,
        facilitators: [Facilitator] = []
    ) {
        self.poolSize = poolSize
        self.livedExperience = livedExperience
        self.trained = trained
        self.trainingProvider = trainingProvider
        self.peer = peer
        self.professional = professional
        self.membersWithLivedExperiencePercent = membersWithLivedExperiencePercent
        self.facilitators = facilitators
    }
}

/// A pseudonymous facilitator: a handle and flags, never a name, a diagnosis or a contact.
public struct Facilitator: Sendable, Equatable {
    public var handle: String
    public var livedExperience: Bool
    public var trained: Bool
    public var role: FacilitatorRole

    public init(handle: String, livedExperience: Bool, trained: Bool, role: FacilitatorRole) {
        self.handle = handle
        self.livedExperience = livedExperience
        self.trained = trained
        self.role = role
    }
}

public struct Contact: Sendable, Equatable {
    public var kind: ContactKind
    public var uri: String
    public var label: String?

    public init(kind: ContactKind, uri: String, label: String? = nil) {
        self.kind = kind
        self.uri = uri
        self.label = label
    }
}

/// An Atom entry of the feed: a cancellation, a venue or time change, or an announcement.
public struct Notice: Sendable, Equatable {
    public var id: String
    public var title: String
    public var updated: Date
    public var kind: NoticeKind
    public var meetingID: String?
    public var date: LocalDate?
    public var text: String?

    public init(id: String, title: String, updated: Date, kind: NoticeKind, meetingID: String? = nil, date: LocalDate? = nil, text: String? = nil) {
        self.id = id
        self.title = title
        self.updated = updated
        self.kind = kind
        self.meetingID = meetingID
        self.date = date
        self.text = text
    }
}
