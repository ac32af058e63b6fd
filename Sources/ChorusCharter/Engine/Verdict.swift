/// The judgement of one feed against one charter: every rule's outcome, the tiers reached, and warnings.
public struct Verdict: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        case pass, fail
        case notApplicable = "not-applicable"
    }

    public struct RuleResult: Sendable, Equatable, Codable {
        public let rule: String
        public let severity: Severity
        public let outcome: Outcome
        /// One line in plain language: what the feed declares, or why the rule does not apply.
        public let reason: String
        /// What to change, given only when the rule fails.
        public let fix: String?
    }

    public static let disclaimer =
        "This verdict judges what the group declares in its feed, not the truth behind those declarations."

    public let network: String
    public let charterVersion: String
    public let results: [RuleResult]
    /// Every tier whose required rules all pass or do not apply, in the charter's order.
    public let tiersReached: [String]
    /// The reached tier of highest rank, or nil when the group reaches none.
    public let tier: String?
    /// True when the group reaches the network's minimum tier for its public directory.
    public let listed: Bool
    public let warnings: [ConsistencyWarning]
    /// The optional fields the feed fills in, from `Completeness.fields`.
    public let completeness: [String]

    public var failedRequired: [RuleResult] { results.filter { $0.outcome == .fail && $0.severity == .required } }

    public func result(_ rule: String) -> RuleResult? { results.first { $0.rule == rule } }
}

/// Something in a feed that contradicts another part of it; found without any charter.
public struct ConsistencyWarning: Sendable, Equatable, Codable {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
