import Foundation

/// A new group's answers to the questions a group must decide, as `chorus feed new` asks them
/// or reads them from `--answers FILE.json`. Every field has the same name in the JSON file.
public struct FeedAnswers: Codable, Sendable, Equatable {
    public struct Venue: Codable, Sendable, Equatable {
        public var name: String?
        public var setting: Setting
        public var street: String?
        public var locality: String?
        public var region: String?
        public var postcode: String?
        public var country: String
        public var latitude: Double?
        public var longitude: Double?
        public var precision: Precision?
        public var disclosure: Disclosure?
        public var accessibility: [AccessibilityFeature]?
        public var directions: String?
    
        public init(name: String? = nil, setting: Setting, street: String? = nil, locality: String? = nil, region: String? = nil, postcode: String? = nil, country: String, latitude: Double? = nil, longitude: Double? = nil, precision: Precision? = nil, disclosure: Disclosure? = nil, accessibility: [AccessibilityFeature]? = nil, directions: String? = nil) {
            self.name = name
            self.setting = setting
            self.street = street
            self.locality = locality
            self.region = region
            self.postcode = postcode
            self.country = country
            self.latitude = latitude
            self.longitude = longitude
            self.precision = precision
            self.disclosure = disclosure
            self.accessibility = accessibility
            self.directions = directions
        }
    }

    public struct MeetingAnswers: Codable, Sendable, Equatable {
        public var title: String
        public var mode: AttendanceMode
        public var platform: String?
        public var joinLink: String?
        /// An RRULE of the supported subset, such as `FREQ=WEEKLY;BYDAY=TU`.
        public var rrule: String
        public var startDate: String
        public var startTime: String
        public var durationMinutes: Int
        public var timeZone: String
        public var facilitators: Int?
        /// The last date the meeting is held (YYYY-MM-DD), if it ends.
        public var endDate: String?
        /// Dates the meeting does not happen, and dates it happens besides its rule (YYYY-MM-DD).
        public var excludedDates: [String]?
        public var extraDates: [String]?
        /// Online meetings: show the join link to everyone rather than on request.
        public var joinLinkPublic: Bool?
    
        public init(title: String, mode: AttendanceMode, platform: String? = nil, joinLink: String? = nil, rrule: String, startDate: String, startTime: String, durationMinutes: Int, timeZone: String, facilitators: Int? = nil, endDate: String? = nil, excludedDates: [String]? = nil, extraDates: [String]? = nil, joinLinkPublic: Bool? = nil) {
            self.title = title
            self.mode = mode
            self.platform = platform
            self.joinLink = joinLink
            self.rrule = rrule
            self.startDate = startDate
            self.startTime = startTime
            self.durationMinutes = durationMinutes
            self.timeZone = timeZone
            self.facilitators = facilitators
            self.endDate = endDate
            self.excludedDates = excludedDates
            self.extraDates = extraDates
            self.joinLinkPublic = joinLinkPublic
        }
    }

    /// A change for people to see: a cancelled date, a new venue or time, an announcement.
    public struct NoticeAnswers: Codable, Sendable, Equatable {
        /// The notice's permanent id (a `urn:uuid:`), kept when the feed is published again.
        public var id: String?
        public var kind: NoticeKind
        public var title: String
        /// The meeting it concerns, by its number in `meetings` (1 for the first).
        public var meeting: Int?
        /// The date it concerns (YYYY-MM-DD).
        public var date: String?
        public var text: String?

        public init(id: String? = nil, kind: NoticeKind, title: String, meeting: Int? = nil, date: String? = nil, text: String? = nil) {
            self.id = id
            self.kind = kind
            self.title = title
            self.meeting = meeting
            self.date = date
            self.text = text
        }
    }

    public var id: String?
    public var name: String
    public var language: String
    public var summary: String
    public var whatToExpect: String?
    public var experiences: [Experience]
    public var audience: AudienceKind
    public var audienceReason: String?
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var community: String?
    public var membership: MembershipKind
    public var access: [AccessRoute]
    public var fee: FeeKind
    public var feeAmount: String?
    public var feeCurrency: String?
    public var feePer: FeePeriod?
    public var independence: IndependenceKind
    public var host: String?
    public var commitments: [Commitment]
    public var groundRules: [StandardGroundRule]
    public var ownGroundRules: [String]?
    public var venue: Venue?
    public var meetings: [MeetingAnswers]
    public var facilitatorPool: Int
    public var facilitatorsWithLivedExperience: Int?
    public var trainedFacilitators: Int?
    public var trainingProvider: String?
    public var contactKind: ContactKind
    public var contact: String
    public var feedURL: String?
    public var webPage: String?
    /// Whether the group is meeting, paused or closed (meeting when not given).
    public var status: ActivityStatus?
    public var statusUntil: String?
    public var statusNote: String?
    /// The next key's public key (its `.pub` file's base64 line), announced before a change of key.
    public var nextKey: String?
    public var notices: [NoticeAnswers]?

    public init(
        id: String? = nil, name: String, language: String, summary: String, whatToExpect: String? = nil, experiences: [Experience], audience: AudienceKind, audienceReason: String? = nil, minimumAge: Int? = nil, maximumAge: Int? = nil, community: String? = nil, membership: MembershipKind, access: [AccessRoute], fee: FeeKind, feeAmount: String? = nil, feeCurrency: String? = nil, feePer: FeePeriod? = nil, independence: IndependenceKind, host: String? = nil, commitments: [Commitment], groundRules: [StandardGroundRule], ownGroundRules: [String]? = nil, venue: Venue? = nil, meetings: [MeetingAnswers], facilitatorPool: Int, facilitatorsWithLivedExperience: Int? = nil, trainedFacilitators: Int? = nil, trainingProvider: String? = nil, contactKind: ContactKind, contact: String, feedURL: String? = nil, webPage: String? = nil
    ) {
        self.id = id
        self.name = name
        self.language = language
        self.summary = summary
        self.whatToExpect = whatToExpect
        self.experiences = experiences
        self.audience = audience
        self.audienceReason = audienceReason
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.community = community
        self.membership = membership
        self.access = access
        self.fee = fee
        self.feeAmount = feeAmount
        self.feeCurrency = feeCurrency
        self.feePer = feePer
        self.independence = independence
        self.host = host
        self.commitments = commitments
        self.groundRules = groundRules
        self.ownGroundRules = ownGroundRules
        self.venue = venue
        self.meetings = meetings
        self.facilitatorPool = facilitatorPool
        self.facilitatorsWithLivedExperience = facilitatorsWithLivedExperience
        self.trainedFacilitators = trainedFacilitators
        self.trainingProvider = trainingProvider
        self.contactKind = contactKind
        self.contact = contact
        self.feedURL = feedURL
        self.webPage = webPage
    }

    /// Builds the feed these answers describe, dated `now`. The result still has to pass `FeedReader.check`.
    public func makeFeed(now: Date = Date()) throws(FeedProblem) -> GroupFeed {
        let groupID = id ?? "urn:uuid:\(UUID().uuidString.lowercased())"
        var locations: [Location] = []
        if let venue {
            let withheld = venue.precision == .withheld
            locations.append(Location(
                id: "venue", name: venue.name, setting: venue.setting,
                address: Address(street: venue.street, locality: venue.locality, region: venue.region, postcode: venue.postcode, country: venue.country),
                geo: withheld ? nil : zip(venue.latitude, venue.longitude).map(Geo.init),
                precision: venue.precision ?? .exact, disclosure: venue.disclosure ?? .public,
                timeZone: meetings.first?.timeZone, accessibility: venue.accessibility ?? [], directions: venue.directions))
        }
        var builtMeetings: [Meeting] = []
        for (index, answer) in meetings.enumerated() {
            let recurrence: Recurrence
            do { recurrence = try Recurrence(rrule: answer.rrule) } catch {
                throw FeedProblem(code: "schedule.rrule-unsupported", "meeting \(index + 1): \(error.description)")
            }
            guard let date = LocalDate(iso: answer.startDate) else {
                throw FeedProblem(code: "value.date", "meeting \(index + 1): start date must be YYYY-MM-DD, not '\(answer.startDate)'")
            }
            guard let time = LocalTime(iso: answer.startTime) else {
                throw FeedProblem(code: "value.time", "meeting \(index + 1): start time must be HH:MM, not '\(answer.startTime)'")
            }
            func dates(_ texts: [String]?, _ what: String) throws(FeedProblem) -> [LocalDate] {
                var result: [LocalDate] = []
                for text in texts ?? [] {
                    guard let date = LocalDate(iso: text) else {
                        throw FeedProblem(code: "value.date", "meeting \(index + 1): \(what) must be YYYY-MM-DD, not '\(text)'")
                    }
                    result.append(date)
                }
                return result
            }
            let endDate = try dates(answer.endDate.map { [$0] }, "the end date").first
            let excluded = try dates(answer.excludedDates, "a date off")
            let extra = try dates(answer.extraDates, "an extra date")
            // A join link is given on request unless the group chooses to show it; with no link it is always on request.
            let linkShown = answer.joinLink != nil && (answer.joinLinkPublic ?? true)
            let online = answer.mode.hasOnlineRoom ? OnlineAccess(
                platform: answer.platform ?? "Video call", disclosure: linkShown ? .public : .onRequest,
                url: linkShown ? answer.joinLink : nil) : nil
            builtMeetings.append(Meeting(
                id: "meeting-\(index + 1)", title: answer.title, mode: answer.mode,
                locationID: answer.mode.hasVenue ? locations.first?.id : nil, online: online,
                schedule: Schedule(recurrence: recurrence, startDate: date, startTime: time, durationMinutes: answer.durationMinutes,
                                   timeZone: answer.timeZone, endDate: endDate, excludedDates: excluded, extraDates: extra),
                facilitators: answer.facilitators))
        }
        let rules = groundRules.map { GroundRule(id: $0) } + (ownGroundRules ?? []).map { GroundRule(text: $0) }
        let profile = GroupProfile(
            summary: summary, whatToExpect: whatToExpect, languages: [language], experiences: experiences,
            audiences: [Audience(id: audience, minimumAge: minimumAge, maximumAge: maximumAge, community: community, reason: audienceReason)],
            membership: membership, accessRoutes: access,
            fee: Fee(kind: fee, amount: feeAmount, currency: feeCurrency, per: feePer),
            independence: Independence(id: independence, host: host),
            status: Status(id: status ?? .active, until: statusUntil.flatMap(LocalDate.init(iso:)), note: statusNote), commitments: commitments,
            groundRules: rules, locations: locations, meetings: builtMeetings,
            facilitation: Facilitation(poolSize: facilitatorPool, livedExperience: facilitatorsWithLivedExperience,
                                       trained: trainedFacilitators, trainingProvider: trainingProvider),
            contacts: [Contact(kind: contactKind, uri: ContactAddress.uri(contact, kind: contactKind))], nextKey: nextKey)
        var builtNotices: [Notice] = []
        for (index, notice) in (notices ?? []).enumerated() {
            var date: LocalDate?
            if let text = notice.date {
                guard let parsed = LocalDate(iso: text) else {
                    throw FeedProblem(code: "value.date", "notice \(index + 1): the date must be YYYY-MM-DD, not '\(text)'")
                }
                date = parsed
            }
            if let meeting = notice.meeting, !builtMeetings.indices.contains(meeting - 1) {
                throw FeedProblem(code: "notice.meeting", "notice \(index + 1): there is no meeting \(meeting)")
            }
            builtNotices.append(Notice(
                id: notice.id ?? "urn:uuid:\(UUID().uuidString.lowercased())", title: notice.title, updated: now, kind: notice.kind,
                meetingID: notice.meeting.map { builtMeetings[$0 - 1].id }, date: date, text: notice.text))
        }
        return GroupFeed(
            id: groupID, title: name, updated: now, language: language, selfURL: feedURL, alternateURL: webPage, profile: profile,
            notices: builtNotices)
    }
}

private func zip(_ a: Double?, _ b: Double?) -> (Double, Double)? {
    guard let a, let b else { return nil }
    return (a, b)
}
