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

    public let groupId: String
    public let title: String?
    public let feedURL: String
    public let membership: MembershipStatus
    public let membershipReason: String?
    public let harvestState: HarvestState
    public let harvestReason: String?
    public let consecutiveFailures: Int
    public let nextFetchAt: Date
    public let keys: [Key]
    public let snapshot: Snapshot?
    public let lastAttempt: Attempt?
    /// Filled in for a single group's detail, empty in lists.
    public var recentAttempts: [Attempt] = []

    public var pinnedKey: Key? { keys.first { $0.status == .pinned } }
}
