import ChorusFeed

/// The parts of a feed the rules look at, gathered once per evaluation.
struct FeedFacts {
    let feed: GroupFeed
    let commitments: Set<String>
    let groundRules: Set<String>
    let settings: [String]
    let modes: [String]

    init(_ feed: GroupFeed) {
        self.feed = feed
        commitments = Set(feed.profile.commitments)
        groundRules = Set(feed.profile.groundRules.compactMap(\.id))
        settings = feed.profile.locations.map(\.setting)
        modes = feed.profile.meetings.map(\.mode)
    }

    var profile: GroupProfile { feed.profile }

    func values(of field: ValueField) -> [String] {
        switch field {
        case .fee: [profile.fee.kind]
        case .independence: [profile.independence.id]
        case .membership: [profile.membership]
        case .status: [profile.status.id]
        case .accessRoute: profile.accessRoutes
        case .audience: profile.audiences.map(\.id)
        case .setting: settings
        case .attendanceMode: modes
        case .experience: profile.experiences
        }
    }

    /// Venues people go to in person: the locations of in-person and hybrid meetings.
    var venues: [Location] {
        let used = Set(profile.meetings.filter { $0.mode != "online" }.compactMap(\.locationID))
        return profile.locations.filter { used.contains($0.id) && $0.setting != "online" }
    }

    var livedExperienceFacilitators: Int? {
        profile.facilitation.livedExperience
            ?? (profile.facilitation.facilitators.isEmpty ? nil : profile.facilitation.facilitators.filter(\.livedExperience).count)
    }

    var trainedFacilitators: Int? {
        profile.facilitation.trained
            ?? (profile.facilitation.facilitators.isEmpty ? nil : profile.facilitation.facilitators.filter(\.trained).count)
    }

    func roleCount(_ role: String) -> Int? {
        let declared = role == "peer" ? profile.facilitation.peer : profile.facilitation.professional
        return declared ?? (profile.facilitation.facilitators.isEmpty ? nil : profile.facilitation.facilitators.filter { $0.role == role }.count)
    }
}
