import ChorusFeed

extension ValueField {
    /// The feed vocabulary whose ids this field takes.
    public var vocabulary: Vocabulary {
        switch self {
        case .fee: .feeKinds
        case .independence: .independence
        case .membership: .membership
        case .status: .statuses
        case .accessRoute: .accessRoutes
        case .audience: .audiences
        case .setting: .settings
        case .attendanceMode: .attendanceModes
        case .experience: .experiences
        }
    }
}
