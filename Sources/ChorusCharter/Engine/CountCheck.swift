import ChorusFeed

/// Judges a count rule: facilitators, meetings, languages, the lived-experience share of members.
enum CountCheck {
    static func test(_ subject: CountSubject, atLeast: Int?, atMost: Int?, _ facts: FeedFacts) -> (Verdict.Outcome, String) {
        let profile = facts.profile
        let value: Int
        let what: String
        switch subject {
        case .facilitatorsPerMeeting:
            guard !profile.meetings.isEmpty else { return (.notApplicable, "does not apply: the group lists no meetings") }
            if let missing = profile.meetings.first(where: { $0.facilitators == nil }) {
                return (.fail, "meeting '\(missing.id)' does not say how many facilitators it has")
            }
            let fewest = profile.meetings.min { $0.facilitators! < $1.facilitators! }!
            let most = profile.meetings.max { $0.facilitators! < $1.facilitators! }!
            func describe(_ meeting: Meeting) -> String {
                "\(meeting.facilitators!) facilitator\(meeting.facilitators! == 1 ? "" : "s") at meeting '\(meeting.id)'"
            }
            if let atLeast, fewest.facilitators! < atLeast { return (.fail, "declares \(describe(fewest)); at least \(atLeast) is needed") }
            if let atMost, most.facilitators! > atMost { return (.fail, "declares \(describe(most)); at most \(atMost) is allowed") }
            value = fewest.facilitators!
            what = fewest.id == most.id || fewest.facilitators == most.facilitators
                ? describe(fewest) : "from \(fewest.facilitators!) to \(most.facilitators!) facilitators per meeting"
        case .facilitatorPool:
            value = profile.facilitation.poolSize
            what = "a facilitator pool of \(value)"
        case .livedExperienceFacilitators:
            guard let count = facts.livedExperienceFacilitators else { return (.fail, "does not say how many facilitators have lived experience") }
            value = count
            what = "\(value) facilitator\(value == 1 ? "" : "s") with lived experience"
        case .trainedFacilitators:
            guard let count = facts.trainedFacilitators else { return (.fail, "does not say how many facilitators are trained") }
            value = count
            what = "\(value) trained facilitator\(value == 1 ? "" : "s")"
        case .peerFacilitators:
            guard let count = facts.roleCount(.peer) else { return (.fail, "does not say how many facilitators are peers") }
            value = count
            what = "\(value) peer facilitator\(value == 1 ? "" : "s")"
        case .professionalFacilitators:
            guard let count = facts.roleCount(.professional) else { return (.fail, "does not say how many facilitators are professionals") }
            value = count
            what = "\(value) professional facilitator\(value == 1 ? "" : "s")"
        case .meetings:
            value = profile.meetings.count
            what = "\(value) meeting\(value == 1 ? "" : "s")"
        case .languages:
            value = profile.languages.count
            what = "\(value) language\(value == 1 ? "" : "s")"
        case .membersLivedExperiencePercent:
            guard let percent = profile.facilitation.membersWithLivedExperiencePercent else {
                return (.fail, "does not declare the share of members with lived experience")
            }
            value = percent
            what = "\(value)% of members with lived experience"
        }
        let unit = subject == .membersLivedExperiencePercent ? "%" : ""
        if let atLeast, value < atLeast { return (.fail, "declares \(what); at least \(atLeast)\(unit) is needed") }
        if let atMost, value > atMost { return (.fail, "declares \(what); at most \(atMost)\(unit) is allowed") }
        let bounds = [atLeast.map { "at least \($0)\(unit)" }, atMost.map { "at most \($0)\(unit)" }].compactMap { $0 }.joined(separator: " and ")
        return (.pass, "declares \(what) (\(bounds))")
    }
}
