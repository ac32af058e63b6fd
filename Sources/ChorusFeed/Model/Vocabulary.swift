/// A closed list of stable ids with a one-line definition each, as published in `Federation/group-feed.md`.
public struct Vocabulary: Sendable {
    public struct Term: Sendable, Equatable {
        public let id: String
        public let definition: String
    }

    public let name: String
    public let terms: [Term]
    private let ids: Set<String>

    init(_ name: String, _ terms: [(String, String)]) {
        self.name = name
        self.terms = terms.map { Term(id: $0.0, definition: $0.1) }
        self.ids = Set(terms.map(\.0))
    }

    public func contains(_ id: String) -> Bool { ids.contains(id) }

    public func definition(of id: String) -> String? { terms.first { $0.id == id }?.definition }
}

extension Vocabulary {
    public static let commitments = Vocabulary("commitment", [
        ("voluntary-attendance", "Attendance is voluntary and self-determined; it is never imposed as a condition of anything."),
        ("no-coercive-referral", "The group never refers anyone against their will, or to services where coercion may be used."),
        ("no-risk-assessment", "The group does no referral-out, discharge or risk assessment of its members."),
        ("no-attendance-reporting", "Facilitators do not report attendance or what members say to services."),
        ("confidentiality-known-limits", "What is said stays in the group as far as possible, and members know the limits of that."),
        ("group-decides-confidentiality", "The group itself, not the facilitator, decides the limits of confidentiality."),
        ("diversity-of-explanation", "Members may understand their experiences in any way; no explanation is imposed."),
        ("no-assumption-of-illness", "Nobody is assumed to be ill because of their experiences."),
        ("experiences-accepted-as-real", "Voices, visions and similar experiences are accepted as real to the person who has them."),
        ("not-treatment", "The group is not a treatment or clinical group."),
        ("members-are-experts", "Every member is treated as the expert on their own experience."),
        ("ordinary-language", "The group uses ordinary, not clinical, language."),
        ("self-help-ethos", "The group runs on self-help, mutual respect, support and empathy."),
        ("sharing-focus", "The main focus of meetings is sharing experiences."),
        ("talk-about-anything", "Members are free to talk about anything and to challenge social norms."),
        ("belong-as-long-as-wished", "Members belong to the group for as long as they wish and are accepted as they are."),
        ("equality-of-members", "Everyone, facilitators included, is equal; decisions and problems are handled together."),
        ("open-beyond-services", "The group is open to people who do not use mental health services and to people from other areas."),
        ("lived-experience-facilitation", "The group aims to be facilitated by people with lived experience."),
        ("peer-led", "The group is run by its members for its members."),
        ("not-time-limited", "Attendance is not time-limited; there is no course to finish."),
        ("no-compulsory-forms", "No forms or sign-in are required; any attendance sheet is voluntary."),
        ("feedback-route", "The group has a way for members to give feedback or complain."),
        ("no-professional-soliciting", "Professionals may not use the group to recruit clients."),
        ("moderated-online", "Online spaces of the group are moderated."),
        ("hearing-voices-approach", "The group follows the Hearing Voices Movement approach as set out in its network's charter."),
    ])

    public static let groundRules = Vocabulary("ground rule", [
        ("confidentiality", "Names and what is shared stay in the room; members leave with shared wisdom, not names."),
        ("non-judgement", "Feelings and experiences are neither right nor wrong; nobody is judged."),
        ("right-to-pass", "Everyone may just be there; there is no pressure to speak, and anyone may step out."),
        ("boundaries", "Members respect each other's boundaries and are not intrusive."),
        ("respect-diversity", "Everyone is met with empathy and respect, without discrimination."),
        ("speaking-time", "Everyone gets time to speak without interruption."),
        ("no-cross-talk", "One person speaks at a time; no talking over others."),
        ("shared-roles", "Roles, from making tea to facilitating, are shared in turn."),
        ("no-offensive-remarks", "No discriminatory, offensive or sexual remarks or jokes."),
        ("facilitator-may-intervene", "The facilitator may step in on a breach of the ground rules or a disruption."),
        ("no-recovery-timetable", "There is no standard timetable for recovery; showing emotion is fine."),
        ("ask-before-advising", "Members ask before offering advice and inform rather than prescribe."),
        ("respect-choices", "Members respect each other's choices about treatment and support."),
        ("safeguarding", "Abuse or serious harm is referred on as national law requires, and members know this."),
        ("punctuality", "Members arrive on time or let the group know."),
        ("online-conduct", "Harmful posts online lead to a pause in access, with support continued."),
    ])

    public static let experiences = Vocabulary("experience", [
        ("voices", "Hearing voices others do not hear."),
        ("visions", "Seeing visions others do not see."),
        ("unusual-experiences", "Other unusual sensory experiences or beliefs."),
        ("any-distress", "Any kind of emotional or mental distress."),
    ])

    public static let audiences = Vocabulary("audience", [
        ("anyone", "Anyone who is interested may come."),
        ("lived-experience", "People who have the experiences themselves."),
        ("family-friends", "Family members, friends and supporters of people with the experiences."),
        ("young-people", "Young people within a stated age range."),
        ("women", "Women only."),
        ("men", "Men only."),
        ("lgbtq", "Lesbian, gay, bisexual, trans, queer and other LGBTQ+ people."),
        ("cultural-community", "People of a named cultural or ethnic community."),
    ])

    /// Audiences that exclude someone and therefore must say why.
    public static let restrictedAudiencesNeedingReason: Set<String> = [
        "family-friends", "young-people", "women", "men", "lgbtq", "cultural-community",
    ]

    public static let membership = Vocabulary("membership", [
        ("open", "People can join at any time."),
        ("closed", "The group has a fixed membership and takes no new members for now."),
        ("open-then-closed", "The group is open for a first period, then closes to new members."),
    ])

    public static let accessRoutes = Vocabulary("access route", [
        ("drop-in", "Just come along; no need to get in touch first."),
        ("contact-first", "Get in touch before the first visit."),
        ("referral-accepted", "Someone, a worker for example, may refer a person in, with their agreement."),
        ("invitation", "New members join by invitation of a member."),
    ])

    public static let feeKinds = Vocabulary("fee kind", [
        ("free", "No charge."),
        ("voluntary-contribution", "No charge; a voluntary contribution is welcome."),
        ("fee", "A fee is charged, with its amount and currency."),
    ])

    public static let independence = Vocabulary("independence", [
        ("independent", "The group stands alone, run by its members."),
        ("ngo-hosted", "The group is hosted by a voluntary or non-governmental organisation."),
        ("service-aligned", "The group works alongside a health or social service but is not part of it."),
        ("part-of-service", "The group is run as part of a health or social service."),
    ])

    public static let statuses = Vocabulary("status", [
        ("active", "The group is meeting."),
        ("paused", "The group has paused its meetings for now."),
        ("closed", "The group has closed."),
    ])

    public static let settings = Vocabulary("setting", [
        ("community", "A community venue: a community centre, library, café, place of worship, peer organisation."),
        ("online", "Online only; no physical venue."),
        ("hospital", "A hospital or clinic building or its grounds."),
        ("inpatient-unit", "A ward or inpatient unit; usually for its residents only."),
        ("prison", "A prison or secure setting; for its residents only."),
        ("school", "A school, college or university."),
        ("other", "Any other setting."),
    ])

    /// Settings whose venues are closed to the public.
    public static let closedSettings: Set<String> = ["inpatient-unit", "prison"]

    public static let accessibility = Vocabulary("accessibility feature", [
        ("step-free-access", "Step-free access from the street to the meeting room."),
        ("accessible-toilet", "An accessible toilet."),
        ("hearing-loop", "A hearing loop in the meeting room."),
        ("sign-language", "Sign-language interpretation, on request or always."),
        ("quiet-space", "A quiet space to step out to."),
        ("accessible-parking", "Accessible parking close by."),
        ("public-transport", "Close to public transport."),
        ("large-print", "Printed material in large print."),
        ("captions", "Live captions in online meetings."),
        ("refreshments", "Refreshments provided."),
        ("children-welcome", "Members may bring children they care for."),
    ])

    public static let attendanceModes = Vocabulary("attendance mode", [
        ("in-person", "At a venue."),
        ("online", "Online only."),
        ("hybrid", "At a venue and online at the same time."),
    ])

    public static let precisions = Vocabulary("precision", [
        ("exact", "The coordinates are the venue's own."),
        ("area", "The coordinates are the centre of the surrounding area, not the venue."),
        ("withheld", "No coordinates are given; only the area is named."),
    ])

    public static let disclosures = Vocabulary("disclosure", [
        ("public", "Shown to anyone."),
        ("on-request", "Given by the group on request; never published."),
    ])

    public static let contactKinds = Vocabulary("contact kind", [
        ("email", "A group e-mail address (mailto: URI)."),
        ("phone", "A group phone line (tel: URI)."),
        ("text", "A group number for text messages (sms: URI)."),
        ("web-form", "A web form (https: URI)."),
    ])

    public static let noticeKinds = Vocabulary("notice kind", [
        ("cancellation", "One occurrence of a meeting does not take place."),
        ("venue-change", "One occurrence takes place somewhere else."),
        ("time-change", "One occurrence takes place at another time."),
        ("announcement", "General news from the group."),
    ])

    public static let facilitatorRoles = Vocabulary("facilitator role", [
        ("peer", "A peer: someone who facilitates as a fellow member."),
        ("professional", "A professional: someone who facilitates as part of their job."),
    ])

    public static let all: [Vocabulary] = [
        commitments, groundRules, experiences, audiences, membership, accessRoutes, feeKinds, independence,
        statuses, settings, accessibility, attendanceModes, precisions, disclosures, contactKinds, noticeKinds,
        facilitatorRoles,
    ]
}
