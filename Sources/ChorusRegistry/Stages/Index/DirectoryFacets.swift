import ChorusFeed

/// The filterable properties of a group, as `kind:value` strings in one indexed table.
enum DirectoryFacets {
    static func of(_ group: PublicGroup) -> Set<String> {
        var facets: Set<String> = ["status:\(group.status.rawValue)"]
        for language in group.languages {
            facets.insert("language:\(primaryLanguage(language))")
        }
        for audience in group.audiences { facets.insert("audience:\(audience.id.rawValue)") }
        for experience in group.experiences { facets.insert("experience:\(experience.rawValue)") }
        for place in group.places {
            facets.insert("country:\(place.country.uppercased())")
            for feature in place.accessibility { facets.insert("access:\(feature.rawValue)") }
        }
        for meeting in group.meetings {
            for mode in matchingModes(meeting.mode) { facets.insert("mode:\(mode.rawValue)") }
        }
        if group.fee.kind != .fee { facets.insert("free") }
        return facets
    }

    /// A hybrid meeting can be attended in person or online, so it answers all three filters.
    static func matchingModes(_ mode: AttendanceMode) -> [AttendanceMode] {
        mode == .hybrid ? [.hybrid, .inPerson, .online] : [mode]
    }

    static func primaryLanguage(_ tag: String) -> String {
        String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
    }
}
