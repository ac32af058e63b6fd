import Foundation

extension FeedAnswers {
    /// The answers a feed gives, so that a group can change its published listing in the same form that wrote it.
    /// The form asks about one place; a feed with several is refused with a reason, rather than losing any.
    public init(feed: GroupFeed) throws(FeedProblem) {
        let profile = feed.profile
        guard profile.locations.count <= 1 else {
            throw FeedProblem(code: "answers.places", "this feed has \(profile.locations.count) places; the form handles one, so edit it with the command line")
        }
        guard profile.audiences.count == 1, let audience = profile.audiences.first else {
            throw FeedProblem(code: "answers.audiences", "this feed names \(profile.audiences.count) audiences; the form handles one, so edit it with the command line")
        }
        guard profile.contacts.count == 1, let contact = profile.contacts.first else {
            throw FeedProblem(code: "answers.contacts", "this feed has \(profile.contacts.count) contacts; the form handles one, so edit it with the command line")
        }
        let venue = profile.locations.first.map { place in
            Venue(name: place.name, setting: place.setting, street: place.address.street, locality: place.address.locality,
                  region: place.address.region, postcode: place.address.postcode, country: place.address.country,
                  latitude: place.geo?.latitude, longitude: place.geo?.longitude, precision: place.precision,
                  disclosure: place.disclosure, accessibility: place.accessibility, directions: place.directions)
        }
        var meetings: [MeetingAnswers] = []
        for meeting in profile.meetings {
            guard let recurrence = meeting.schedule.recurrence else {
                throw FeedProblem(code: "answers.one-off", "meeting '\(meeting.id)' happens on set dates only; the form asks for a repeating meeting, so edit it with the command line")
            }
            let schedule = meeting.schedule
            meetings.append(MeetingAnswers(
                title: meeting.title, mode: meeting.mode, platform: meeting.online?.platform, joinLink: meeting.online?.url,
                rrule: recurrence.rrule, startDate: schedule.startDate.description, startTime: schedule.startTime.description,
                durationMinutes: schedule.durationMinutes, timeZone: schedule.timeZone, facilitators: meeting.facilitators,
                endDate: schedule.endDate?.description, excludedDates: schedule.excludedDates.map(\.description),
                extraDates: schedule.extraDates.map(\.description), joinLinkPublic: meeting.online.map { $0.disclosure == .public }))
        }
        let meetingNumbers = Dictionary(profile.meetings.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        self.init(
            id: feed.id, name: feed.title, language: feed.language ?? profile.languages.first ?? "en", summary: profile.summary,
            whatToExpect: profile.whatToExpect, experiences: profile.experiences, audience: audience.id,
            audienceReason: audience.reason, minimumAge: audience.minimumAge, maximumAge: audience.maximumAge,
            community: audience.community, membership: profile.membership, access: profile.accessRoutes, fee: profile.fee.kind,
            feeAmount: profile.fee.amount, feeCurrency: profile.fee.currency, feePer: profile.fee.per,
            independence: profile.independence.id, host: profile.independence.host, commitments: profile.commitments,
            groundRules: profile.groundRules.compactMap(\.id), ownGroundRules: profile.groundRules.filter { $0.id == nil }.compactMap(\.text),
            venue: venue, meetings: meetings, facilitatorPool: profile.facilitation.poolSize,
            facilitatorsWithLivedExperience: profile.facilitation.livedExperience, trainedFacilitators: profile.facilitation.trained,
            trainingProvider: profile.facilitation.trainingProvider, contactKind: contact.kind, contact: contact.uri,
            feedURL: feed.selfURL, webPage: feed.alternateURL)
        status = profile.status.id
        statusUntil = profile.status.until?.description
        statusNote = profile.status.note
        nextKey = profile.nextKey
        notices = feed.notices.map { notice in
            NoticeAnswers(id: notice.id, kind: notice.kind, title: notice.title, meeting: notice.meetingID.flatMap { meetingNumbers[$0] },
                          date: notice.date?.description, text: notice.text)
        }
    }
}
