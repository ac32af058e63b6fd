/// Where a venue is (`<g:location setting=…>`).
public enum Setting: String, VocabularyTerm {
    case community, online, hospital
    case inpatientUnit = "inpatient-unit"
    case prison, school, other

    public static let vocabularyName = "setting"

    public var wording: TermWording {
        switch self {
        case .community: TermWording("Community venue", "A community venue: a community centre, library, café, place of worship, peer organisation.")
        case .online: TermWording("Online", "Online only; no physical venue.")
        case .hospital: TermWording("Hospital or clinic", "A hospital or clinic building or its grounds.")
        case .inpatientUnit: TermWording("Ward or inpatient unit", "A ward or inpatient unit; usually for its residents only.")
        case .prison: TermWording("Prison or secure setting", "A prison or secure setting; for its residents only.")
        case .school: TermWording("School, college or university", "A school, college or university.")
        case .other: TermWording("Other", "Any other setting.")
        }
    }

    /// A venue closed to the public.
    public var isClosedToPublic: Bool { self == .inpatientUnit || self == .prison }
}

/// Access features of a venue or an online meeting (`<g:accessibility id=…>`).
public enum AccessibilityFeature: String, VocabularyTerm {
    case stepFreeAccess = "step-free-access"
    case accessibleToilet = "accessible-toilet"
    case hearingLoop = "hearing-loop"
    case signLanguage = "sign-language"
    case quietSpace = "quiet-space"
    case accessibleParking = "accessible-parking"
    case publicTransport = "public-transport"
    case largePrint = "large-print"
    case captions, refreshments
    case childrenWelcome = "children-welcome"

    public static let vocabularyName = "accessibility feature"

    public var wording: TermWording {
        switch self {
        case .stepFreeAccess: TermWording("Step-free access", "Step-free access from the street to the meeting room.")
        case .accessibleToilet: TermWording("Accessible toilet", "An accessible toilet.")
        case .hearingLoop: TermWording("Hearing loop", "A hearing loop in the meeting room.")
        case .signLanguage: TermWording("Sign-language interpretation", "Sign-language interpretation, on request or always.")
        case .quietSpace: TermWording("Quiet space", "A quiet space to step out to.")
        case .accessibleParking: TermWording("Accessible parking", "Accessible parking close by.")
        case .publicTransport: TermWording("Near public transport", "Close to public transport.")
        case .largePrint: TermWording("Large print", "Printed material in large print.")
        case .captions: TermWording("Live captions", "Live captions in online meetings.")
        case .refreshments: TermWording("Refreshments", "Refreshments provided.")
        case .childrenWelcome: TermWording("Children welcome", "Members may bring children they care for.")
        }
    }
}

/// How exact a location's coordinates are (`<g:location precision=…>`).
public enum Precision: String, VocabularyTerm {
    case exact, area, withheld

    public static let vocabularyName = "precision"

    public var wording: TermWording {
        switch self {
        case .exact: TermWording("The venue itself", "The coordinates are the venue's own.")
        case .area: TermWording("The surrounding area", "The coordinates are the centre of the surrounding area, not the venue.")
        case .withheld: TermWording("Only the area is shown", "No coordinates are given; only the area is named.")
        }
    }
}

/// Who may see a venue or a join link (`disclosure=…`).
public enum Disclosure: String, VocabularyTerm {
    case `public`
    case onRequest = "on-request"

    public static let vocabularyName = "disclosure"

    public var wording: TermWording {
        switch self {
        case .public: TermWording("Shown to anyone", "Shown to anyone.")
        case .onRequest: TermWording("Given on request", "Given by the group on request; never published.")
        }
    }
}
