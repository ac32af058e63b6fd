/// The filterable properties of a group, as `kind:value` strings in one indexed table.
enum DirectoryFacets {
    static func of(_ group: PublicGroup) -> Set<String> {
        var facets: Set<String> = ["status:\(group.status)"]
        for language in group.languages {
            facets.insert("language:\(primaryLanguage(language))")
        }
        for audience in group.audiences { facets.insert("audience:\(audience.id)") }
        for experience in group.experiences { facets.insert("experience:\(experience)") }
        for place in group.places {
            facets.insert("country:\(place.country.uppercased())")
            for feature in place.accessibility { facets.insert("access:\(feature)") }
        }
        for meeting in group.meetings {
            for mode in matchingModes(meeting.mode) { facets.insert("mode:\(mode)") }
        }
        if group.fee.kind != "fee" { facets.insert("free") }
        return facets
    }

    /// A hybrid meeting can be attended in person or online, so it answers all three filters.
    static func matchingModes(_ mode: String) -> [String] {
        mode == "hybrid" ? ["hybrid", "in-person", "online"] : [mode]
    }

    static func primaryLanguage(_ tag: String) -> String {
        String(tag.split(separator: "-").first ?? Substring(tag)).lowercased()
    }
}
