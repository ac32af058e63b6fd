import ChorusFeed
import Foundation

/// Judges one rule against one feed.
enum RuleCheck {
    /// The reasons of a declaration rule, which never depend on the feed: worked out once per charter.
    static func fixedReasons(of predicate: Predicate) -> (pass: String, fail: String)? {
        switch predicate {
        case .commitment(let id): ("declares the commitment \(id)", "does not declare the commitment \(id)")
        case .groundRule(let id): ("declares the ground rule \(id)", "does not declare the ground rule \(id)")
        default: nil
        }
    }

    static func result(of rule: Rule, fixedReasons: (pass: String, fail: String)?, facts: FeedFacts, now: Date) -> Verdict.RuleResult {
        if !rule.exemptions.isEmpty, let exemption = rule.exemptions.lazy.compactMap({ applies($0, facts) }).first {
            return Verdict.RuleResult(rule: rule.id, severity: rule.severity, outcome: .notApplicable, reason: exemption, fix: nil)
        }
        let (outcome, reason): (Verdict.Outcome, String)
        switch (rule.predicate, fixedReasons) {
        case (.commitment(let id), let reasons?):
            (outcome, reason) = facts.commitments.contains(id) ? (.pass, reasons.pass) : (.fail, reasons.fail)
        case (.groundRule(let id), let reasons?):
            (outcome, reason) = facts.groundRules.contains(id) ? (.pass, reasons.pass) : (.fail, reasons.fail)
        default:
            (outcome, reason) = test(rule.predicate, facts, now)
        }
        return Verdict.RuleResult(rule: rule.id, severity: rule.severity, outcome: outcome, reason: reason, fix: outcome == .fail ? rule.fix : nil)
    }

    /// The reason the exemption applies, or nil when it does not.
    private static func applies(_ exemption: Exemption, _ facts: FeedFacts) -> String? {
        switch exemption {
        case .setting(let settings):
            guard !facts.settings.isEmpty, facts.settings.allSatisfy(settings.contains) else { return nil }
            return "does not apply: every venue of the group is in the setting \(Set(facts.settings).sorted().joined(separator: " or "))"
        case .audience(let audiences):
            guard let audience = facts.profile.audiences.first(where: { audiences.contains($0.id.rawValue) && $0.reason != nil }) else { return nil }
            return "does not apply: the group is for the audience '\(audience.id.rawValue)', with its reason"
        case .mode(let modes):
            guard !facts.modes.isEmpty, facts.modes.allSatisfy(modes.contains) else { return nil }
            return "does not apply: every meeting is \(Set(facts.modes).sorted().joined(separator: " or "))"
        }
    }

    private static func test(_ predicate: Predicate, _ facts: FeedFacts, _ now: Date) -> (Verdict.Outcome, String) {
        switch predicate {
        case .commitment(let id):
            return facts.commitments.contains(id)
                ? (.pass, "declares the commitment \(id)")
                : (.fail, "does not declare the commitment \(id)")
        case .groundRule(let id):
            return facts.groundRules.contains(id)
                ? (.pass, "declares the ground rule \(id)")
                : (.fail, "does not declare the ground rule \(id)")
        case .present(let field):
            return presence(field, facts)
        case .oneOf(let field, let values, let match):
            return oneOf(field, values, match, facts)
        case .count(let subject, let atLeast, let atMost):
            return CountCheck.test(subject, atLeast: atLeast, atMost: atMost, facts)
        case .fresh(let days):
            let age = max(0, Int(now.timeIntervalSince(facts.feed.updated) / 86_400))
            return age <= days
                ? (.pass, "updated \(age) day\(age == 1 ? "" : "s") ago (the limit is \(days))")
                : (.fail, "last updated \(age) days ago; the limit is \(days)")
        }
    }

    private static func presence(_ field: PresenceField, _ facts: FeedFacts) -> (Verdict.Outcome, String) {
        let profile = facts.profile
        func check(_ present: Bool, _ yes: String, _ no: String) -> (Verdict.Outcome, String) { present ? (.pass, yes) : (.fail, no) }
        switch field {
        case .whatToExpect:
            return check(profile.whatToExpect != nil, "says what to expect at a first meeting", "does not say what to expect at a first meeting")
        case .groundRules:
            return check(!profile.groundRules.isEmpty, "declares \(profile.groundRules.count) ground rules", "declares no ground rules")
        case .contact:
            return check(!profile.contacts.isEmpty, "gives \(profile.contacts.count) way\(profile.contacts.count == 1 ? "" : "s") to get in touch", "gives no way to get in touch")
        case .webPage:
            return check(facts.feed.alternateURL != nil, "links to the group's web page", "does not link to a web page for the group")
        case .facilitatorsPerMeeting:
            guard !profile.meetings.isEmpty else { return (.notApplicable, "does not apply: the group lists no meetings") }
            if let missing = profile.meetings.first(where: { $0.facilitators == nil }) {
                return (.fail, "meeting '\(missing.id)' does not say how many facilitators it has")
            }
            return (.pass, "every meeting says how many facilitators it has")
        case .livedExperienceFacilitators:
            return check(facts.livedExperienceFacilitators != nil, "says how many facilitators have lived experience", "does not say how many facilitators have lived experience")
        case .trainedFacilitators:
            return check(facts.trainedFacilitators != nil, "says how many facilitators are trained", "does not say how many facilitators are trained")
        case .trainingProvider:
            return check(profile.facilitation.trainingProvider != nil, "names who trained the facilitators", "does not name who trained the facilitators")
        case .membersLivedExperiencePercent:
            return check(profile.facilitation.membersWithLivedExperiencePercent != nil, "declares the share of members with lived experience", "does not declare the share of members with lived experience")
        case .accessibility:
            let venues = facts.venues
            guard !venues.isEmpty else { return (.notApplicable, "does not apply: the group has no venue to visit") }
            if let bare = venues.first(where: { $0.accessibility.isEmpty }) {
                return (.fail, "venue '\(bare.id)' lists no accessibility features")
            }
            return (.pass, "every venue lists its accessibility features")
        case .coordinates:
            let venues = facts.venues.filter { !$0.isWithheld }
            guard !venues.isEmpty else { return (.notApplicable, "does not apply: the group has no public venue") }
            if let bare = venues.first(where: { $0.geo == nil }) {
                return (.fail, "venue '\(bare.id)' has no coordinates, so distance search cannot find it")
            }
            return (.pass, "every public venue has coordinates")
        }
    }

    private static func oneOf(_ field: ValueField, _ values: [String], _ match: Predicate.Match, _ facts: FeedFacts) -> (Verdict.Outcome, String) {
        let declared = facts.values(of: field)
        let name = field.rawValue.replacingOccurrences(of: "-", with: " ")
        let allowed = values.joined(separator: ", ")
        guard !declared.isEmpty else {
            switch field {
            case .setting: return (.notApplicable, "does not apply: the group lists no venues")
            case .attendanceMode: return (.notApplicable, "does not apply: the group lists no meetings")
            default: return (.fail, "declares no \(name)")
            }
        }
        switch match {
        case .all:
            if let outside = declared.first(where: { !values.contains($0) }) {
                return (.fail, "\(name) '\(outside)' is not one of \(allowed)")
            }
            return (.pass, "\(name) is \(Array(Set(declared)).sorted().joined(separator: ", "))")
        case .any:
            if let inside = declared.first(where: values.contains) { return (.pass, "\(name) includes \(inside)") }
            return (.fail, "\(name) includes none of \(allowed)")
        }
    }
}
