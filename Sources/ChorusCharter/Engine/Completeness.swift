import ChorusFeed

/// Which optional parts of a feed are filled in, as a network's dashboard counts them per field.
public enum Completeness {
    public static let fields = [
        "what-to-expect", "ground-rules", "contact", "web-page", "coordinates", "accessibility",
        "facilitators-per-meeting", "lived-experience-facilitators", "trained-facilitators", "training-provider",
        "members-lived-experience-percent", "next-key",
    ]

    /// The fields of `fields` that the feed fills in.
    public static func present(in feed: GroupFeed) -> [String] { present(FeedFacts(feed)) }

    static func present(_ facts: FeedFacts) -> [String] {
        let feed = facts.feed
        let profile = feed.profile
        let venues = facts.venues
        let publicVenues = venues.filter { !$0.isWithheld }
        var present: [String] = []
        if profile.whatToExpect != nil { present.append("what-to-expect") }
        if !profile.groundRules.isEmpty { present.append("ground-rules") }
        if !profile.contacts.isEmpty { present.append("contact") }
        if feed.alternateURL != nil { present.append("web-page") }
        if !publicVenues.isEmpty && publicVenues.allSatisfy({ $0.geo != nil }) { present.append("coordinates") }
        if !venues.isEmpty && venues.allSatisfy({ !$0.accessibility.isEmpty }) { present.append("accessibility") }
        if !profile.meetings.isEmpty && profile.meetings.allSatisfy({ $0.facilitators != nil }) { present.append("facilitators-per-meeting") }
        if facts.livedExperienceFacilitators != nil { present.append("lived-experience-facilitators") }
        if facts.trainedFacilitators != nil { present.append("trained-facilitators") }
        if profile.facilitation.trainingProvider != nil { present.append("training-provider") }
        if profile.facilitation.membersWithLivedExperiencePercent != nil { present.append("members-lived-experience-percent") }
        if profile.nextKey != nil { present.append("next-key") }
        return present
    }
}
