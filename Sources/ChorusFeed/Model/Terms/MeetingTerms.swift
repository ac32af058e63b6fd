/// How people attend a meeting (`<g:meeting mode=…>`).
public enum AttendanceMode: String, VocabularyTerm {
    case inPerson = "in-person"
    case online, hybrid

    public static let vocabularyName = "attendance mode"

    public var wording: TermWording {
        switch self {
        case .inPerson: TermWording("In person", "At a venue.")
        case .online: TermWording("Online", "Online only.")
        case .hybrid: TermWording("In person and online", "At a venue and online at the same time.")
        }
    }

    /// The meeting needs a venue.
    public var hasVenue: Bool { self != .online }
    /// The meeting needs an online room.
    public var hasOnlineRoom: Bool { self != .inPerson }
}

/// What a notice says (`<g:notice kind=…>`).
public enum NoticeKind: String, VocabularyTerm {
    case cancellation
    case venueChange = "venue-change"
    case timeChange = "time-change"
    case announcement

    public static let vocabularyName = "notice kind"

    public var wording: TermWording {
        switch self {
        case .cancellation: TermWording("Cancelled", "One occurrence of a meeting does not take place.")
        case .venueChange: TermWording("Venue change", "One occurrence takes place somewhere else.")
        case .timeChange: TermWording("Time change", "One occurrence takes place at another time.")
        case .announcement: TermWording("News", "General news from the group.")
        }
    }
}

/// How a listed facilitator facilitates (`<g:facilitator role=…>`).
public enum FacilitatorRole: String, VocabularyTerm {
    case peer, professional

    public static let vocabularyName = "facilitator role"

    public var wording: TermWording {
        switch self {
        case .peer: TermWording("Peer", "A peer: someone who facilitates as a fellow member.")
        case .professional: TermWording("Professional", "A professional: someone who facilitates as part of their job.")
        }
    }
}

/// A role-based way to reach a group (`<g:contact kind=…>`), with the URI scheme it takes.
public enum ContactKind: String, VocabularyTerm {
    case email, phone, text
    case webForm = "web-form"

    public static let vocabularyName = "contact kind"

    public var wording: TermWording {
        switch self {
        case .email: TermWording("Email", "A group e-mail address (mailto: URI).")
        case .phone: TermWording("Phone", "A group phone line (tel: URI).")
        case .text: TermWording("Text message", "A group number for text messages (sms: URI).")
        case .webForm: TermWording("Contact form", "A web form (https: URI).")
        }
    }

    public var scheme: String {
        switch self {
        case .email: "mailto:"
        case .phone: "tel:"
        case .text: "sms:"
        case .webForm: "https://"
        }
    }
}
