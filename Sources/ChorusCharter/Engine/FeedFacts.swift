import ChorusFeed

/// The parts of a feed the rules look at, gathered once per evaluation and shared by reference.
final class FeedFacts {
    let feed: GroupFeed
    let profile: GroupProfile
    private(set) lazy var commitments = Set(profile.commitments)
    private(set) lazy var groundRules = Set(profile.groundRules.compactMap(\.id))
    private(set) lazy var settings = profile.locations.map(\.setting)
    private(set) lazy var modes = profile.meetings.map(\.mode)

    init(_ feed: GroupFeed) {
        self.feed = feed
        self.profile = feed.profile
    }

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
    private(set) lazy var venues: [Location] = profile.locations.filter { location in
        location.setting != "online" && profile.meetings.contains { $0.mode != "online" && $0.locationID == location.id }
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
