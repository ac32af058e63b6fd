/// Experiences a group welcomes (`<g:experience id=…>`). The label completes "A group for …".
public enum Experience: String, VocabularyTerm {
    case voices, visions
    case unusualExperiences = "unusual-experiences"
    case anyDistress = "any-distress"

    public static let vocabularyName = "experience"

    public var wording: TermWording {
        switch self {
        case .voices: TermWording("hearing voices", "Hearing voices others do not hear.")
        case .visions: TermWording("seeing visions", "Seeing visions others do not see.")
        case .unusualExperiences: TermWording("other unusual experiences", "Other unusual sensory experiences or beliefs.")
        case .anyDistress: TermWording("any kind of distress", "Any kind of emotional or mental distress.")
        }
    }
}

/// Who a group is for (`<g:audience id=…>`).
public enum AudienceKind: String, VocabularyTerm {
    case anyone
    case livedExperience = "lived-experience"
    case familyFriends = "family-friends"
    case youngPeople = "young-people"
    case women, men, lgbtq
    case culturalCommunity = "cultural-community"

    public static let vocabularyName = "audience"

    public var wording: TermWording {
        switch self {
        case .anyone: TermWording("Anyone", "Anyone who is interested may come.")
        case .livedExperience: TermWording("People with these experiences", "People who have the experiences themselves.")
        case .familyFriends: TermWording("Family and friends", "Family members, friends and supporters of people with the experiences.")
        case .youngPeople: TermWording("Young people", "Young people within a stated age range.")
        case .women: TermWording("Women", "Women only.")
        case .men: TermWording("Men", "Men only.")
        case .lgbtq: TermWording("LGBTQ+ people", "Lesbian, gay, bisexual, trans, queer and other LGBTQ+ people.")
        case .culturalCommunity: TermWording("A cultural community", "People of a named cultural or ethnic community.")
        }
    }

    /// An audience that excludes someone, and therefore must say why.
    public var needsReason: Bool { self != .anyone && self != .livedExperience }
}

/// Whether new people can join (`<g:membership id=…>`). The label speaks to a visitor.
public enum MembershipKind: String, VocabularyTerm {
    case open, closed
    case openThenClosed = "open-then-closed"

    public static let vocabularyName = "membership"

    public var wording: TermWording {
        switch self {
        case .open: TermWording("New people are welcome at any time.", "People can join at any time.")
        case .closed: TermWording("The group is not taking new members at the moment.", "The group has a fixed membership and takes no new members for now.")
        case .openThenClosed: TermWording("The group is open for a first period, then closes to new members.", "The group is open for a first period, then closes to new members.")
        }
    }
}

/// How someone comes to a first meeting (`<g:access id=…>`). The label speaks to a visitor.
public enum AccessRoute: String, VocabularyTerm {
    case dropIn = "drop-in"
    case contactFirst = "contact-first"
    case referralAccepted = "referral-accepted"
    case invitation

    public static let vocabularyName = "access route"

    public var wording: TermWording {
        switch self {
        case .dropIn: TermWording("Just come along; no need to get in touch first.", "Just come along; no need to get in touch first.")
        case .contactFirst: TermWording("Get in touch before your first visit.", "Get in touch before the first visit.")
        case .referralAccepted: TermWording("Someone, a worker for example, can refer you, with your agreement.", "Someone, a worker for example, may refer a person in, with their agreement.")
        case .invitation: TermWording("New members join when a member invites them.", "New members join by invitation of a member.")
        }
    }
}

/// What coming costs (`<g:fee kind=…>`).
public enum FeeKind: String, VocabularyTerm {
    case free
    case voluntaryContribution = "voluntary-contribution"
    case fee

    public static let vocabularyName = "fee kind"

    public var wording: TermWording {
        switch self {
        case .free: TermWording("Free", "No charge.")
        case .voluntaryContribution: TermWording("Free; a voluntary contribution is welcome", "No charge; a voluntary contribution is welcome.")
        case .fee: TermWording("A fee", "A fee is charged, with its amount and currency.")
        }
    }
}

/// What a fee pays for (`<g:fee per=…>`).
public enum FeePeriod: String, VocabularyTerm {
    case meeting, month, year

    public static let vocabularyName = "fee period"

    public var wording: TermWording {
        switch self {
        case .meeting: TermWording("per meeting", "The amount is for one meeting.")
        case .month: TermWording("per month", "The amount is for a month.")
        case .year: TermWording("per year", "The amount is for a year.")
        }
    }
}

/// How a group stands to services (`<g:independence id=…>`). The label speaks to a visitor.
public enum IndependenceKind: String, VocabularyTerm {
    case independent
    case ngoHosted = "ngo-hosted"
    case serviceAligned = "service-aligned"
    case partOfService = "part-of-service"

    public static let vocabularyName = "independence"

    public var wording: TermWording {
        switch self {
        case .independent: TermWording("Run by its members, independent of services.", "The group stands alone, run by its members.")
        case .ngoHosted: TermWording("Hosted by a voluntary organisation.", "The group is hosted by a voluntary or non-governmental organisation.")
        case .serviceAligned: TermWording("Works alongside a health or social service, but is not part of it.", "The group works alongside a health or social service but is not part of it.")
        case .partOfService: TermWording("Run as part of a health or social service.", "The group is run as part of a health or social service.")
        }
    }
}

/// Whether the group is meeting (`<g:status id=…>`).
public enum ActivityStatus: String, VocabularyTerm {
    case active, paused, closed

    public static let vocabularyName = "status"

    public var wording: TermWording {
        switch self {
        case .active: TermWording("Meeting", "The group is meeting.")
        case .paused: TermWording("Paused", "The group has paused its meetings for now.")
        case .closed: TermWording("Closed", "The group has closed.")
        }
    }
}
