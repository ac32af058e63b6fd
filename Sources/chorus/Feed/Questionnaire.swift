import ChorusFeed
import Foundation

/// The questions a new group decides before publishing, in the order the seed guides raise them, in the words
/// `FeedQuestion` gives them (the browser publisher asks the same).
struct Questionnaire {
    private typealias Q = FeedQuestion
    let prompter: Prompter

    func run() throws -> FeedAnswers {
        let p = prompter
        p.say("Let's describe your group. Press Enter to take the suggestion in [brackets].\n")
        let name = try p.required(Q.name.text, help: Q.name.help)
        let summary = try p.required(Q.summary.text, help: Q.summary.help)
        let expect = try p.ask(Q.whatToExpect.text, help: Q.whatToExpect.help, optional: true)
        let language = try p.required("\(Q.language.text) (a code such as en, es, ja)", default: "en")
        let experiences = try p.chooseMany(Q.experiences.text, defaults: [Experience.voices, .visions, .unusualExperiences])
        let audience = try p.choose(Q.audience.text, default: AudienceKind.livedExperience)
        var reason: String?, minimumAge: Int?, maximumAge: Int?, community: String?
        if audience == .youngPeople {
            minimumAge = try p.number(Q.minimumAge.text, default: 12, range: 0...120)
            maximumAge = try p.number(Q.maximumAge.text, default: 18, range: 0...120)
        }
        if audience == .culturalCommunity { community = try p.required(Q.community.text) }
        if audience.needsReason {
            reason = try p.required(Q.audienceReason.text, help: Q.audienceReason.help)
        }
        let membership = try p.choose(Q.membership.text, default: MembershipKind.open)
        let access = try p.chooseMany(Q.access.text, defaults: [AccessRoute.dropIn])
        let independence = try p.choose(Q.independence.text, default: IndependenceKind.independent)
        let host = independence == .independent ? nil : try p.ask(Q.host.text, optional: true)
        let setting = try p.choose(Q.setting.text, default: Setting.community)
        let venue = setting == .online ? nil : try askVenue(setting: setting)
        var meeting = try askMeeting(online: setting == .online)
        let pool = try p.number(Q.facilitatorPool.text, default: 2, range: 0...1000)
        meeting.facilitators = try p.number(Q.facilitatorsPerMeeting.text, default: min(2, pool), range: 0...50)
        let lived = try p.number(Q.livedExperience.text, help: Q.livedExperience.help, default: pool, range: 0...pool)
        let trained = try p.number(Q.trained.text, default: 0, range: 0...pool)
        let provider = trained > 0 ? try p.ask(Q.trainingProvider.text, optional: true) : nil
        let rules = try p.chooseMany(Q.groundRules.text,
                                     defaults: [StandardGroundRule.confidentiality, .nonJudgement, .rightToPass, .respectDiversity], allowNone: true)
        let ownRule = try p.ask(Q.ownGroundRules.text, optional: true)
        let fee = try p.choose(Q.fee.text, default: FeeKind.free)
        var amount: String?, currency: String?, per: FeePeriod?
        if fee == .fee {
            amount = try p.required(Q.feeAmount.text) { Decimal(string: $0) == nil ? "Give a number." : nil }
            currency = try p.required(Q.feeCurrency.text) { $0.count == 3 ? nil : "Three letters, such as GBP." }.uppercased()
            per = try p.choose(Q.feePer.text, default: FeePeriod.meeting)
        }
        let contactKind = try p.choose(Q.contactKind.text, default: ContactKind.email)
        let contact = try p.required("The group's \(contactKind.rawValue) address", help: Q.contact.help) { answer in
            ContactAddress.check(answer, kind: contactKind)
        }
        let commitments = try p.chooseMany("\(Q.commitments.text) (\(Q.commitments.help!))",
                                           defaults: [Commitment.voluntaryAttendance, .noAttendanceReporting, .confidentialityKnownLimits, .diversityOfExplanation],
                                           allowNone: true)
        let feedURL = try p.ask(Q.feedURL.text, optional: true)
        return FeedAnswers(
            name: name, language: language, summary: summary, whatToExpect: expect, experiences: experiences, audience: audience,
            audienceReason: reason, minimumAge: minimumAge, maximumAge: maximumAge, community: community, membership: membership,
            access: access, fee: fee, feeAmount: amount, feeCurrency: currency, feePer: per, independence: independence, host: host,
            commitments: commitments, groundRules: rules, ownGroundRules: ownRule.map { [$0] }, venue: venue, meetings: [meeting],
            facilitatorPool: pool, facilitatorsWithLivedExperience: lived, trainedFacilitators: trained, trainingProvider: provider,
            contactKind: contactKind, contact: ContactAddress.uri(contact, kind: contactKind), feedURL: feedURL, webPage: nil)
    }

    private func askVenue(setting: Setting) throws -> FeedAnswers.Venue {
        let p = prompter
        let closed = setting.isClosedToPublic
        let keepPrivate = try p.yes(Q.keepPrivate.text, help: Q.keepPrivate.help,
                                    default: closed)
        let name = keepPrivate ? nil : try p.ask(Q.venueName.text, optional: true)
        let street = keepPrivate ? nil : try p.ask(Q.street.text, optional: true)
        let locality = try p.required(Q.locality.text)
        let region = try p.ask(Q.region.text, optional: true)
        let postcode = keepPrivate ? nil : try p.ask(Q.postcode.text, optional: true)
        let country = try p.required("\(Q.country.text) (two-letter code such as GB, US, IE)") { answer in
            answer.count == 2 && answer.allSatisfy(\.isLetter) ? nil : "Two letters, such as GB."
        }.uppercased()
        var latitude: Double?, longitude: Double?
        if !keepPrivate, let point = try p.ask(Q.coordinates.text, optional: true, check: { answer in
            Self.coordinates(answer) == nil ? "Write two numbers like 53.48,-2.24." : nil
        }) {
            (latitude, longitude) = Self.coordinates(point)!
        }
        let accessibility: [AccessibilityFeature] = try p.chooseMany(Q.accessibility.text, defaults: [], allowNone: true)
        return FeedAnswers.Venue(
            name: name, setting: setting, street: street, locality: locality, region: region, postcode: postcode, country: country,
            latitude: latitude, longitude: longitude,
            precision: keepPrivate ? .withheld : .exact,
            disclosure: keepPrivate ? .onRequest : .public, accessibility: accessibility, directions: nil)
    }

    private func askMeeting(online: Bool) throws -> FeedAnswers.MeetingAnswers {
        let p = prompter
        let mode = online ? AttendanceMode.online : try p.choose(Q.mode.text, default: AttendanceMode.inPerson)
        let title = try p.required(Q.meetingTitle.text, default: "Group meeting")
        let frequency = try p.required("\(Q.frequency.text) weekly, fortnightly, monthly or last (last weekday of the month)", default: "weekly") { answer in
            ["weekly", "fortnightly", "monthly", "last"].contains(answer.lowercased()) ? nil : "Answer weekly, fortnightly, monthly or last."
        }.lowercased()
        let day = try p.required("\(Q.weekday.text) (MO, TU, WE, TH, FR, SA, SU)", default: "TU") { Weekday(rawValue: $0.uppercased()) == nil ? "Use a two-letter day such as TU." : nil }.uppercased()
        var rrule = "FREQ=WEEKLY;BYDAY=\(day)"
        switch frequency {
        case "fortnightly": rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=\(day)"
        case "monthly":
            let week = try p.number("\(Q.ordinal.text) (1–4)", default: 1, range: 1...4)
            rrule = "FREQ=MONTHLY;BYDAY=\(week)\(day)"
        case "last": rrule = "FREQ=MONTHLY;BYDAY=-1\(day)"
        default: break
        }
        let startDate = try p.required("\(Q.startDate.text) (YYYY-MM-DD)") { LocalDate(iso: $0) == nil ? "Write the date as 2026-01-06." : nil }
        let startTime = try p.required("\(Q.startTime.text) (HH:MM)", default: "19:00") { LocalTime(iso: $0) == nil ? "Write the time as 19:00." : nil }
        let duration = try p.number(Q.duration.text, default: 90, range: 5...1440)
        let zone = try p.required(Q.timeZone.text, help: Q.timeZone.help, default: TimeZone.current.identifier) { answer in
            TimeZone.isKnownIANA(answer) ? nil : "Not a time zone name I know; try Europe/London."
        }
        var platform: String?, link: String?
        if mode.hasOnlineRoom {
            platform = try p.required(Q.platform.text, default: "Video call")
            if try p.yes(Q.joinLinkPublic.text, help: Q.joinLinkPublic.help, default: false) {
                link = try p.required(Q.joinLink.text) { $0.lowercased().hasPrefix("https://") ? nil : "It must start with https://" }
            }
        }
        return FeedAnswers.MeetingAnswers(
            title: title, mode: mode, platform: platform, joinLink: link, rrule: rrule, startDate: startDate, startTime: startTime,
            durationMinutes: duration, timeZone: zone, facilitators: nil)
    }

    static func coordinates(_ text: String) -> (Double, Double)? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lat = parts[0], let lon = parts[1], (-90...90).contains(lat), (-180...180).contains(lon) else { return nil }
        return (lat, lon)
    }
}
