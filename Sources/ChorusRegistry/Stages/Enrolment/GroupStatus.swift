import Foundation

/// One group as a network's admins see it: membership, key, last good snapshot and last harvest.
public struct GroupStatus: Codable, Sendable {
    public struct Key: Codable, Sendable {
        public let keyId: String
        public let fingerprint: String
        public let status: KeyStatus
        public let source: String
        public let since: Date
    }

    public struct Snapshot: Codable, Sendable {
        public let seq: Int64
        public let expires: Date
        public let fetchedAt: Date
        public let via: Arrival
        public let keyId: String
        /// Past its signature's `expires`: the registry keeps it but marks the group stale.
        public let stale: Bool
    }

    public struct Attempt: Codable, Sendable {
        public let at: Date
        public let via: Arrival
        public let outcome: HarvestOutcome
        public let code: String?
        public let detail: String?
        public let httpStatus: Int?
    }

    /// Where the group stands against its network's charter.
    public struct Compliance: Codable, Sendable {
        public let charterVersion: String
        public let tier: String?
        public let listed: Bool
        public let failedRequired: [String]
        public let evaluatedAt: Date
    }

    public let groupId: String
    public let title: String?
    public let feedURL: String
    public let membership: MembershipStatus
    public let membershipReason: String?
    public let harvestState: HarvestState
    public let harvestReason: String?
    public let consecutiveFailures: Int
    public let nextFetchAt: Date
    /// The group joined by push and the registry hosts its feed; it is never fetched.
    public var hostedHere = false
    public let keys: [Key]
    public let snapshot: Snapshot?
    public let lastAttempt: Attempt?
    /// Nil when the network has no charter or the group no snapshot yet.
    public let compliance: Compliance?
    /// Filled in for a single group's detail, empty in lists.
    public var recentAttempts: [Attempt] = []

    public var pinnedKey: Key? { keys.first { $0.status == .pinned } }
}
