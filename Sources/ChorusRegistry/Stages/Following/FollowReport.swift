import Foundation

/// What one look at a followed directory came to.
public struct FollowReport: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        /// A newer directory was verified and its groups taken.
        case accepted
        /// The same directory again (or a new signature over the same bytes).
        case unchanged
        /// The directory or its signature was refused; the last good one stands.
        case refused
        /// It could not be fetched; the last good one stands.
        case failed
    }

    public var url: String
    public var outcome: Outcome
    /// The rejection or fetch code when refused or failed.
    public var code: String?
    public var detail: String
    public var sequence: UInt64?
    public var joined = 0
    public var updated = 0
    public var removed = 0
    public var held: [HeldGroup] = []

    /// One line for a person: what happened and why.
    public var line: String {
        switch outcome {
        case .accepted, .unchanged:
            var parts = ["\(url): \(outcome.rawValue) seq \(sequence.map(String.init) ?? "?")"]
            parts.append("\(joined) joined, \(updated) updated, \(removed) removed, \(held.count) held")
            return parts.joined(separator: "; ")
        case .refused, .failed:
            return "\(url): \(outcome.rawValue): \(code ?? "error"): \(detail)"
        }
    }
}

/// A group a followed directory lists that this registry did not take, and why (a key it never announced, a feed
/// the mirror would not serve): shown to the follower's admins.
public struct HeldGroup: Sendable, Equatable, Codable {
    public let groupId: String
    public let reason: String
}

/// A network's follow of another network's directory, as its admins see it.
public struct FollowStatus: Sendable, Equatable {
    public let id: Int64
    public let url: String
    public let remoteNetwork: String
    public let networkKeyId: String
    public let sequence: UInt64?
    public let expires: Date?
    public let acceptedAt: Date?
    /// The last good directory has expired and nothing newer has been accepted.
    public let stale: Bool
    public let lastAttemptAt: Date?
    public let lastOutcome: String?
    public let lastDetail: String?
    public let groups: Int
    public let held: [HeldGroup]
}
