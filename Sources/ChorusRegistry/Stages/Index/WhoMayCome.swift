import ChorusFeed

extension PublicGroup {
    /// Who the group is only for, when it is not open to anyone with the experiences: a prison's residents, young
    /// people of an age, women, family and friends. Said on the result card and at the top of the group page, so
    /// nobody travels to a group they cannot join.
    public struct Restriction: Sendable, Equatable {
        /// "men", "young people aged 12–18", "family and friends".
        public let who: String
        /// The group's own reasons, in its own language.
        public let reasons: [String]

        /// "Only for men."
        public var sentence: String { "Only for \(who)." }
    }

    /// Nil when anyone with the experiences (or anyone at all) may come. Family and friends beside people with the
    /// experiences widen a group rather than narrow it, so they restrict only when they are the whole audience.
    public var restriction: Restriction? {
        let open = audiences.contains { $0.id == .anyone || $0.id == .livedExperience }
        let narrowing = audiences.filter { audience in
            switch audience.id {
            case .anyone, .livedExperience: false
            case .familyFriends: !open
            case .youngPeople, .women, .men, .lgbtq, .culturalCommunity: true
            }
        }
        guard !narrowing.isEmpty else { return nil }
        let who = narrowing.map { audience -> String in
            switch audience.id {
            case .youngPeople:
                if let low = audience.minimumAge, let high = audience.maximumAge { return "young people aged \(low)–\(high)" }
                return "young people"
            case .women: return "women"
            case .men: return "men"
            case .lgbtq: return "LGBTQ+ people"
            case .familyFriends: return "family and friends"
            case .culturalCommunity: return audience.community.map { "the \($0) community" } ?? "a cultural community"
            case .anyone, .livedExperience: return audience.id.label.lowercased()
            }
        }
        return Restriction(who: ListFormatting.and(who), reasons: narrowing.compactMap(\.reason))
    }
}

/// "a", "a and b", "a, b and c".
enum ListFormatting {
    static func and(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
