/// What a rule asks of a feed. A closed set of declarative tests: no code, no expression language.
public enum Predicate: Sendable, Equatable {
    case commitment(String)
    case groundRule(String)
    case present(PresenceField)
    case oneOf(ValueField, values: [String], match: Match)
    case count(CountSubject, atLeast: Int?, atMost: Int?)
    case fresh(withinDays: Int)

    public enum Match: String, Sendable {
        /// Every declared value is in the list.
        case all
        /// At least one declared value is in the list.
        case any
    }
}

public enum PresenceField: String, Sendable, CaseIterable {
    case whatToExpect = "what-to-expect"
    case groundRules = "ground-rules"
    case contact
    case webPage = "web-page"
    case facilitatorsPerMeeting = "facilitators-per-meeting"
    case livedExperienceFacilitators = "lived-experience-facilitators"
    case trainedFacilitators = "trained-facilitators"
    case trainingProvider = "training-provider"
    case membersLivedExperiencePercent = "members-lived-experience-percent"
    case accessibility
    case coordinates
}

public enum ValueField: String, Sendable, CaseIterable {
    case fee, independence, membership, status
    case accessRoute = "access-route"
    case audience, setting
    case attendanceMode = "attendance-mode"
    case experience
}

public enum CountSubject: String, Sendable, CaseIterable {
    case facilitatorsPerMeeting = "facilitators-per-meeting"
    case facilitatorPool = "facilitator-pool"
    case livedExperienceFacilitators = "lived-experience-facilitators"
    case trainedFacilitators = "trained-facilitators"
    case peerFacilitators = "peer-facilitators"
    case professionalFacilitators = "professional-facilitators"
    case meetings, languages
    case membersLivedExperiencePercent = "members-lived-experience-percent"
}

/// When a rule does not apply to a group at all.
public enum Exemption: Sendable, Equatable {
    /// Every location of the group is in one of these settings.
    case setting([String])
    /// The group declares one of these audiences, with its reason.
    case audience([String])
    /// Every meeting of the group has one of these attendance modes.
    case mode([String])
}
