/// The questions a new group answers, worded once for both ways of answering them: the command-line wizard
/// (`chorus feed new`) and the browser publisher's form (`/publish/new`), so that the two cannot drift apart.
/// Each question fills the `FeedAnswers` field of the same name, or one of its parts.
public enum FeedQuestion: String, CaseIterable, Sendable {
    case name, summary, whatToExpect, language, status, statusUntil, experiences, audience, minimumAge, maximumAge, community
    case audienceReason, membership, access, independence, host, setting, keepPrivate, precision, disclosure
    case venueName, street, locality, region, postcode, country, coordinates, accessibility, directions
    case mode, meetingTitle, frequency, interval, ordinal, weekday, startDate, startTime, duration, timeZone
    case endDate, excludedDates, extraDates, platform, joinLink, joinLinkPublic
    case facilitatorPool, facilitatorsPerMeeting, livedExperience, trained, trainingProvider
    case groundRules, ownGroundRules, commitments, fee, feeAmount, feeCurrency, feePer, contactKind, contact, feedURL

    public var text: String { wording.text }
    public var help: String? { wording.help }

    private var wording: (text: String, help: String?) {
        switch self {
        case .name: ("The group's name", "The name people will see in the directory.")
        case .summary: ("What is the group for, in a sentence or two?", "Plain words, no clinical terms. For example: 'A friendly group for people who hear voices.'")
        case .whatToExpect: ("What happens at a first meeting?", "Newcomers are often anxious: say what they will find.")
        case .language: ("The language the group meets in", nil)
        case .status: ("Is the group meeting?", nil)
        case .statusUntil: ("If paused: until when?", nil)
        case .experiences: ("Which experiences is the group for?", nil)
        case .audience: ("Who is the group for?", nil)
        case .minimumAge: ("Youngest age", nil)
        case .maximumAge: ("Oldest age", nil)
        case .community: ("Which community?", "Only if the group is for one cultural community.")
        case .audienceReason: ("Why is the group only for them?", "One sentence; it helps people who cannot come understand.")
        case .membership: ("Can people join at any time?", nil)
        case .access: ("How do people start coming?", nil)
        case .independence: ("Who runs the group?", nil)
        case .host: ("Name of the hosting organisation", "If another organisation hosts the group.")
        case .setting: ("Where does the group meet?", nil)
        case .keepPrivate: ("Keep the exact place private (shown only as its area, given on request)?", "Choose this if being seen arriving could harm members. The feed is public, so it will then carry only the town or area and the access features: no venue name, street, postcode, directions or map position.")
        case .precision: ("How much of the address people see", "If you withhold it, people will see only the area (town and region), never the street; they ask you for the rest.")
        case .disclosure: ("Who may see the address", nil)
        case .venueName: ("Venue name", nil)
        case .street: ("Street address", nil)
        case .locality: ("Town or neighbourhood", nil)
        case .region: ("County, state or region", nil)
        case .postcode: ("Postcode", nil)
        case .country: ("Country", nil)
        case .coordinates: ("Map position as latitude,longitude", "Two numbers such as 53.48,-2.24, so that people can search by distance.")
        case .accessibility: ("Which access features does the venue have?", nil)
        case .directions: ("How to find the room", nil)
        case .mode: ("How do people attend?", nil)
        case .meetingTitle: ("A short title for the meeting", nil)
        case .frequency: ("How often?", nil)
        case .interval: ("Every how many weeks?", nil)
        case .ordinal: ("Which week of the month?", nil)
        case .weekday: ("Which day?", nil)
        case .startDate: ("Date of the first meeting", nil)
        case .startTime: ("Start time, 24-hour clock", nil)
        case .duration: ("How long, in minutes?", nil)
        case .timeZone: ("Time zone", "An IANA name such as Europe/London or America/New_York.")
        case .endDate: ("The last date, if the meeting ends", nil)
        case .excludedDates: ("Dates off", "YYYY-MM-DD, separated by commas.")
        case .extraDates: ("Extra dates", "YYYY-MM-DD, separated by commas.")
        case .platform: ("Which online platform?", "Such as Zoom.")
        case .joinLink: ("Join link (https://…)", nil)
        case .joinLinkPublic: ("Publish the join link for anyone to see?", "Most groups give it on request, to keep meetings safe.")
        case .facilitatorPool: ("How many people take turns facilitating (the pool)?", "Counts only: never anyone's name.")
        case .facilitatorsPerMeeting: ("How many facilitate each meeting?", nil)
        case .livedExperience: ("How many facilitators have lived experience themselves?", "A count only; never names.")
        case .trained: ("How many facilitators are trained?", nil)
        case .trainingProvider: ("Who trained them?", nil)
        case .groundRules: ("Which ground rules does the group keep?", nil)
        case .ownGroundRules: ("Any ground rule in your own words?", "One per line.")
        case .commitments: ("Which commitments does the group make?", "Your network's charter may ask for some.")
        case .fee: ("Does it cost anything?", nil)
        case .feeAmount: ("Amount (a number such as 2 or 2.50)", nil)
        case .feeCurrency: ("Currency (ISO code such as GBP, USD, JPY)", nil)
        case .feePer: ("What does the amount pay for?", nil)
        case .contactKind: ("How should people get in touch?", nil)
        case .contact: ("The group's address or number", "Use a group address, never a person's own.")
        case .feedURL: ("Where will the feed be published (its URL)?", nil)
        }
    }
}
