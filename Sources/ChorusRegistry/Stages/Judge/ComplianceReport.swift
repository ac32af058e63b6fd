import ChorusCharter
import Foundation

/// A network's compliance dashboard: groups per tier, pass rate per rule, completeness per field, and problems.
public struct ComplianceReport: Codable, Sendable {
    public struct TierCount: Codable, Sendable {
        public let id: String
        public let name: String
        public let rank: Int
        /// Groups whose highest tier this is.
        public let groups: Int
    }

    public struct RuleStats: Codable, Sendable {
        public let id: String
        public let severity: Severity
        public let text: String
        public let tiers: [String]
        public let pass: Int
        public let fail: Int
        public let notApplicable: Int
        /// Passes over the groups the rule applies to; nil when it applies to none.
        public let passRate: Double?
    }

    public struct FieldStats: Codable, Sendable {
        public let field: String
        public let present: Int
        public let total: Int
    }

    public struct GroupLine: Codable, Sendable {
        public let groupId: String
        public let title: String?
        public let membership: MembershipStatus
        public let tier: String?
        public let listed: Bool
        public let failedRequired: [String]
        public let warnings: [ConsistencyWarning]
        public let stale: Bool
        public let harvestState: HarvestState
        /// The last refusal or fetch failure, when the latest attempt was not a success.
        public let lastProblem: String?
        public let evaluatedAt: Date?
        /// When the registry last tried the group's feed, whatever came of it.
        public let lastHarvest: Date?
        /// When the signature of the group's newest accepted feed expires.
        public let expires: Date?
    }

    public let network: String
    public let networkName: String
    public let charterVersion: String?
    public let charterTitle: String?
    public let disclaimer: String
    public let groupsJudged: Int
    public let listed: Int
    public let notListed: Int
    /// Groups with a snapshot that reach no tier.
    public let noTier: Int
    public let tiers: [TierCount]
    public let rules: [RuleStats]
    public let completeness: [FieldStats]
    public let groups: [GroupLine]

    public var staleGroups: [GroupLine] { groups.filter(\.stale) }
    public var problemGroups: [GroupLine] { groups.filter { $0.lastProblem != nil || $0.harvestState != .active } }
}

/// One group's report against its network's charter, with the fix for every failing rule and the history.
public struct GroupComplianceReport: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public let rule: String
        public let severity: Severity
        public let outcome: Verdict.Outcome
        public let reason: String
        public let fix: String?
        public let text: String
        public let source: String
        /// The language of `text` and of `fix` when the charter translates them for the reader; nil when they are in
        /// the charter's own language.
        public let textLanguage: String?
        public let fixLanguage: String?
    }

    public struct NextTier: Codable, Sendable {
        public let tier: String
        public let name: String
        public let failing: [String]
    }

    public struct HistoryEntry: Codable, Sendable {
        public let evaluatedAt: Date
        public let charterVersion: String
        public let tier: String?
        public let listed: Bool
        public let failedRequired: Int
    }

    public let network: String
    public let groupId: String
    public let title: String?
    public let charterVersion: String
    public let charterTitle: String
    /// The language the charter is written in (its `xml:lang`).
    public let charterLanguage: String?
    public let tier: String?
    public let tierName: String?
    public let listed: Bool
    public let evaluatedAt: Date
    public let lines: [Line]
    public let nextTiers: [NextTier]
    public let warnings: [ConsistencyWarning]
    public let history: [HistoryEntry]
    public let disclaimer: String
}
