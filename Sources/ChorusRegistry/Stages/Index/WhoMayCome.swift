import ChorusFeed
import ChorusLanguage

extension PublicGroup {
    /// Who the group is only for, when it is not open to anyone with the experiences: a prison's residents, young
    /// people of an age, women, family and friends. Said on the result card and at the top of the group page, so
    /// nobody travels to a group they cannot join.
    public struct Restriction: Sendable, Equatable {
        /// The audiences that narrow who may come, without their reasons.
        public let audiences: [Audience]
        /// The group's own reasons, in its own language.
        public let reasons: [String]

        /// "men", "young people aged 12–18", "family and friends", in the current language.
        public var who: String { ListWords.and(audiences.map(Self.words)) }

        /// "Only for men."
        public var sentence: String { tr("Only for {who}.", ["who": who]) }

        static func words(_ audience: Audience) -> String {
            switch audience.id {
            case .youngPeople:
                if let low = audience.minimumAge, let high = audience.maximumAge {
                    return tr("young people aged {low}–{high}", ["low": Localizer.current.number(low), "high": Localizer.current.number(high)])
                }
                return tr("young people")
            case .women: return tr("women")
            case .men: return tr("men")
            case .lgbtq: return tr("LGBTQ+ people")
            case .familyFriends: return tr("family and friends")
            case .culturalCommunity: return audience.community.map { tr("the {community} community", ["community": $0]) } ?? tr("a cultural community")
            case .anyone, .livedExperience: return audience.id.label.lowercased()
            }
        }
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
        return Restriction(audiences: narrowing.map { Audience(id: $0.id, minimumAge: $0.minimumAge, maximumAge: $0.maximumAge, community: $0.community) },
                           reasons: narrowing.compactMap(\.reason))
    }
}
