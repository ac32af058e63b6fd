import ChorusFeed
import Foundation

/// The questions a new group decides before publishing, in the order the seed guides raise them.
struct Questionnaire {
    let prompter: Prompter

    func run() throws -> FeedAnswers {
        let p = prompter
        p.say("Let's describe your group. Press Enter to take the suggestion in [brackets].\n")
        let name = try p.required("Group name", help: "The name people will see in the directory.")
        let summary = try p.required("What is the group for, in a sentence or two?",
                                     help: "Plain words, no clinical terms. For example: 'A friendly group for people who hear voices.'")
        let expect = try p.ask("What happens at a first meeting?", help: "Newcomers are often anxious: say what they will find.", optional: true)
        let language = try p.required("Main language (a code such as en, es, ja)", default: "en")
        let experiences = try p.chooseMany("Which experiences is the group for?", defaults: [Experience.voices, .visions, .unusualExperiences])
        let audience = try p.choose("Who is the group for?", default: AudienceKind.livedExperience)
        var reason: String?, minimumAge: Int?, maximumAge: Int?, community: String?
        if audience == .youngPeople {
            minimumAge = try p.number("Youngest age", default: 12, range: 0...120)
            maximumAge = try p.number("Oldest age", default: 18, range: 0...120)
        }
        if audience == .culturalCommunity { community = try p.required("Which community?") }
        if audience.needsReason {
            reason = try p.required("Why is the group only for them?", help: "One sentence; it helps people who cannot come understand.")
        }
        let membership = try p.choose("Can people join at any time?", default: MembershipKind.open)
        let access = try p.chooseMany("How do people start coming?", defaults: [AccessRoute.dropIn])
        let independence = try p.choose("Who runs the group?", default: IndependenceKind.independent)
        let host = independence == .independent ? nil : try p.ask("Name of the hosting organisation", optional: true)
        let setting = try p.choose("Where does the group meet?", default: Setting.community)
        let venue = setting == .online ? nil : try askVenue(setting: setting)
        var meeting = try askMeeting(online: setting == .online)
        let pool = try p.number("How many people take turns facilitating (the pool)?", default: 2, range: 0...1000)
        meeting.facilitators = try p.number("How many facilitate each meeting?", default: min(2, pool), range: 0...50)
        let lived = try p.number("How many facilitators have lived experience themselves?", help: "A count only; never names.", default: pool, range: 0...pool)
        let trained = try p.number("How many facilitators are trained?", default: 0, range: 0...pool)
        let provider = trained > 0 ? try p.ask("Who trained them?", optional: true) : nil
        let rules = try p.chooseMany("Which ground rules does the group keep?",
                                     defaults: [StandardGroundRule.confidentiality, .nonJudgement, .rightToPass, .respectDiversity], allowNone: true)
        let ownRule = try p.ask("Any ground rule in your own words?", optional: true)
        let fee = try p.choose("Does it cost anything?", default: FeeKind.free)
        var amount: String?, currency: String?, per: FeePeriod?
        if fee == .fee {
            amount = try p.required("Amount (a number such as 2 or 2.50)") { Decimal(string: $0) == nil ? "Give a number." : nil }
            currency = try p.required("Currency (ISO code such as GBP, USD, JPY)") { $0.count == 3 ? nil : "Three letters, such as GBP." }.uppercased()
            per = try p.choose("What does the amount pay for?", default: FeePeriod.meeting)
        }
        let contactKind = try p.choose("How should people get in touch?", default: ContactKind.email)
        let contact = try p.required("The group's \(contactKind.rawValue) address", help: "Use a group address, never a person's own.") { answer in
            PersonalContact.check(answer, kind: contactKind)
        }
        let commitments = try p.chooseMany("Which commitments does the group make? (Your network's charter may ask for some.)",
                                           defaults: [Commitment.voluntaryAttendance, .noAttendanceReporting, .confidentialityKnownLimits, .diversityOfExplanation],
                                           allowNone: true)
        let feedURL = try p.ask("Where will the feed be published (its URL)?", optional: true)
        return FeedAnswers(
            name: name, language: language, summary: summary, whatToExpect: expect, experiences: experiences, audience: audience,
            audienceReason: reason, minimumAge: minimumAge, maximumAge: maximumAge, community: community, membership: membership,
            access: access, fee: fee, feeAmount: amount, feeCurrency: currency, feePer: per, independence: independence, host: host,
            commitments: commitments, groundRules: rules, ownGroundRules: ownRule.map { [$0] }, venue: venue, meetings: [meeting],
            facilitatorPool: pool, facilitatorsWithLivedExperience: lived, trainedFacilitators: trained, trainingProvider: provider,
            contactKind: contactKind, contact: PersonalContact.uri(contact, kind: contactKind), feedURL: feedURL, webPage: nil)
    }

    private func askVenue(setting: Setting) throws -> FeedAnswers.Venue {
        let p = prompter
        let closed = setting.isClosedToPublic
        let keepPrivate = try p.yes("Keep the exact place private (shown only as its area, given on request)?",
                                    help: "Choose this if being seen arriving could harm members. The feed is public, so it will then carry only the town or area and the access features: no venue name, street, postcode, directions or map position.",
                                    default: closed)
        let name = keepPrivate ? nil : try p.ask("Venue name", optional: true)
        let street = keepPrivate ? nil : try p.ask("Street address", optional: true)
        let locality = try p.required("Town or neighbourhood")
        let region = try p.ask("County, state or region", optional: true)
        let postcode = keepPrivate ? nil : try p.ask("Postcode", optional: true)
        let country = try p.required("Country (two-letter code such as GB, US, IE)") { answer in
            answer.count == 2 && answer.allSatisfy(\.isLetter) ? nil : "Two letters, such as GB."
        }.uppercased()
        var latitude: Double?, longitude: Double?
        if !keepPrivate, let point = try p.ask("Map position as latitude,longitude", optional: true, check: { answer in
            Self.coordinates(answer) == nil ? "Write two numbers like 53.48,-2.24." : nil
        }) {
            (latitude, longitude) = Self.coordinates(point)!
        }
        let accessibility: [AccessibilityFeature] = try p.chooseMany("Which access features does the venue have?", defaults: [], allowNone: true)
        return FeedAnswers.Venue(
            name: name, setting: setting, street: street, locality: locality, region: region, postcode: postcode, country: country,
            latitude: latitude, longitude: longitude,
            precision: keepPrivate ? .withheld : .exact,
            disclosure: keepPrivate ? .onRequest : .public, accessibility: accessibility, directions: nil)
    }

    private func askMeeting(online: Bool) throws -> FeedAnswers.MeetingAnswers {
        let p = prompter
        let mode = online ? AttendanceMode.online : try p.choose("How do people attend?", default: AttendanceMode.inPerson)
        let title = try p.required("A short title for the meeting", default: "Group meeting")
        let frequency = try p.required("How often: weekly, fortnightly, monthly or last (last weekday of the month)?", default: "weekly") { answer in
            ["weekly", "fortnightly", "monthly", "last"].contains(answer.lowercased()) ? nil : "Answer weekly, fortnightly, monthly or last."
        }.lowercased()
        let day = try p.required("Which day (MO, TU, WE, TH, FR, SA, SU)?", default: "TU") { Weekday(rawValue: $0.uppercased()) == nil ? "Use a two-letter day such as TU." : nil }.uppercased()
        var rrule = "FREQ=WEEKLY;BYDAY=\(day)"
        switch frequency {
        case "fortnightly": rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=\(day)"
        case "monthly":
            let week = try p.number("Which week of the month (1–4)?", default: 1, range: 1...4)
            rrule = "FREQ=MONTHLY;BYDAY=\(week)\(day)"
        case "last": rrule = "FREQ=MONTHLY;BYDAY=-1\(day)"
        default: break
        }
        let startDate = try p.required("Date of the first meeting (YYYY-MM-DD)") { LocalDate(iso: $0) == nil ? "Write the date as 2026-01-06." : nil }
        let startTime = try p.required("Start time, 24-hour clock (HH:MM)", default: "19:00") { LocalTime(iso: $0) == nil ? "Write the time as 19:00." : nil }
        let duration = try p.number("How long, in minutes?", default: 90, range: 5...1440)
        let zone = try p.required("Time zone", help: "An IANA name such as Europe/London or America/New_York.", default: TimeZone.current.identifier) { answer in
            TimeZone.isKnownIANA(answer) ? nil : "Not a time zone name I know; try Europe/London."
        }
        var platform: String?, link: String?
        if mode.hasOnlineRoom {
            platform = try p.required("Which online platform?", default: "Video call")
            if try p.yes("Publish the join link for anyone to see?", help: "Most groups give it on request, to keep meetings safe.", default: false) {
                link = try p.required("Join link (https://…)") { $0.lowercased().hasPrefix("https://") ? nil : "It must start with https://" }
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

/// Turns a typed contact into the URI the feed carries.
enum PersonalContact {
    static func check(_ answer: String, kind: ContactKind) -> String? {
        switch kind {
        case .email: return answer.contains("@") ? nil : "That does not look like an e-mail address."
        case .webForm: return answer.lowercased().hasPrefix("https://") ? nil : "A web form address starts with https://"
        default: return answer.filter(\.isNumber).count >= 6 ? nil : "That does not look like a phone number."
        }
    }

    static func uri(_ answer: String, kind: ContactKind) -> String {
        switch kind {
        case .email: return answer.hasPrefix(kind.scheme) ? answer : kind.scheme + answer
        case .phone, .text: return answer.hasPrefix(kind.scheme) ? answer : kind.scheme + answer.filter { $0.isNumber || $0 == "+" }
        case .webForm: return answer
        }
    }
}
