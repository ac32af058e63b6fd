/// Plain-language descriptions of what a rule checks, for explanations and reports.
public enum RuleDescription {
    public static func describe(_ predicate: Predicate) -> String {
        switch predicate {
        case .commitment(let id): "the feed declares the commitment \(id)"
        case .groundRule(let id): "the feed declares the ground rule \(id)"
        case .present(let field): "the feed gives " + presence(field)
        case .oneOf(let field, let values, let match):
            match == .all
                ? "every \(field.rawValue) the feed declares is one of: \(values.joined(separator: ", "))"
                : "the feed's \(field.rawValue) includes at least one of: \(values.joined(separator: ", "))"
        case .count(let subject, let atLeast, let atMost):
            "the feed declares " + count(subject) + " of "
                + [atLeast.map { "at least \($0)" }, atMost.map { "at most \($0)" }].compactMap { $0 }.joined(separator: " and ")
        case .fresh(let days): "the feed was updated within the last \(days) days"
        }
    }

    public static func describe(_ exemption: Exemption) -> String {
        switch exemption {
        case .setting(let settings): "every venue of the group is in a setting of: \(settings.joined(separator: ", "))"
        case .audience(let audiences): "the group declares one of these audiences with its reason: \(audiences.joined(separator: ", "))"
        case .mode(let modes): "every meeting of the group is: \(modes.joined(separator: " or "))"
        }
    }

    public static func presence(_ field: PresenceField) -> String {
        switch field {
        case .whatToExpect: "what to expect at a first meeting"
        case .groundRules: "at least one ground rule"
        case .contact: "at least one way to get in touch"
        case .webPage: "a link to the group's web page"
        case .facilitatorsPerMeeting: "the number of facilitators for every meeting"
        case .livedExperienceFacilitators: "how many facilitators have lived experience"
        case .trainedFacilitators: "how many facilitators are trained"
        case .trainingProvider: "who trained the facilitators"
        case .membersLivedExperiencePercent: "the share of members with lived experience"
        case .accessibility: "accessibility features for every venue people visit"
        case .coordinates: "coordinates for every public venue"
        }
    }

    public static func count(_ subject: CountSubject) -> String {
        switch subject {
        case .facilitatorsPerMeeting: "facilitators at every meeting"
        case .facilitatorPool: "a facilitator pool"
        case .livedExperienceFacilitators: "facilitators with lived experience"
        case .trainedFacilitators: "trained facilitators"
        case .peerFacilitators: "peer facilitators"
        case .professionalFacilitators: "professional facilitators"
        case .meetings: "meetings"
        case .languages: "languages"
        case .membersLivedExperiencePercent: "a percentage of members with lived experience"
        }
    }
}
