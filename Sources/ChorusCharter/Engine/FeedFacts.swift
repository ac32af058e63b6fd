import ChorusFeed

/// The parts of a feed the rules look at, gathered once per evaluation and shared by reference.
final class FeedFacts {
    let feed: GroupFeed
    let profile: GroupProfile
    private(set) lazy var commitments = Set(profile.commitments.map(\.rawValue))
    private(set) lazy var groundRules = Set(profile.groundRules.compactMap(\.id?.rawValue))
    private(set) lazy var settings = profile.locations.map(\.setting.rawValue)
    private(set) lazy var modes = profile.meetings.map(\.mode.rawValue)

    init(_ feed: GroupFeed) {
        self.feed = feed
        self.profile = feed.profile
    }

    func values(of field: ValueField) -> [String] {
        switch field {
        case .fee: [profile.fee.kind.rawValue]
        case .independence: [profile.independence.id.rawValue]
        case .membership: [profile.membership.rawValue]
        case .status: [profile.status.id.rawValue]
        case .accessRoute: profile.accessRoutes.map(\.rawValue)
        case .audience: profile.audiences.map(\.id.rawValue)
        case .setting: settings
        case .attendanceMode: modes
        case .experience: profile.experiences.map(\.rawValue)
        }
    }

    /// Venues people go to in person: the locations of in-person and hybrid meetings.
    private(set) lazy var venues: [Location] = profile.locations.filter { location in
        location.setting != .online && profile.meetings.contains { $0.mode.hasVenue && $0.locationID == location.id }
    }

    var livedExperienceFacilitators: Int? {
        profile.facilitation.livedExperience
            ?? (profile.facilitation.facilitators.isEmpty ? nil : profile.facilitation.facilitators.filter(\.livedExperience).count)
    }

    var trainedFacilitators: Int? {
        profile.facilitation.trained
            ?? (profile.facilitation.facilitators.isEmpty ? nil : profile.facilitation.facilitators.filter(\.trained).count)
    }

    func roleCount(_ role: FacilitatorRole) -> Int? {
        let declared = role == .peer ? profile.facilitation.peer : profile.facilitation.professional
        return declared ?? (profile.facilitation.facilitators.isEmpty ? nil : profile.facilitation.facilitators.filter { $0.role == role }.count)
    }
}
