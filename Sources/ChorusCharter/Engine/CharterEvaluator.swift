import ChorusFeed
import Foundation

/// A charter prepared for judging many feeds: each tier's rules are worked out once.
public struct CharterEvaluator: Sendable {
    public let charter: Charter
    /// For each tier, in charter order, the indices of the required rules that decide it.
    private let requiredRulesByTier: [(tier: Tier, rules: [Int])]
    private let fixedReasons: [(pass: String, fail: String)?]

    public init(_ charter: Charter) {
        self.charter = charter
        let graph = TierGraph(tiers: charter.tiers)
        fixedReasons = charter.rules.map { RuleCheck.fixedReasons(of: $0.predicate) }
        requiredRulesByTier = charter.tiers.map { tier in
            let covered = graph.closure(of: tier.id)
            let rules = charter.rules.indices.filter { index in
                let rule = charter.rules[index]
                return rule.severity == .required && (rule.tiers.isEmpty || rule.tiers.contains { covered.contains($0) })
            }
            return (tier, rules)
        }
    }

    /// Judges `feed` as of `now` (for freshness rules).
    public func evaluate(_ feed: GroupFeed, now: Date) -> Verdict {
        let facts = FeedFacts(feed)
        var results: [Verdict.RuleResult] = []
        results.reserveCapacity(charter.rules.count)
        for (rule, reasons) in zip(charter.rules, fixedReasons) {
            results.append(RuleCheck.result(of: rule, fixedReasons: reasons, facts: facts, now: now))
        }
        var reached: [Tier] = []
        for (tier, rules) in requiredRulesByTier where rules.allSatisfy({ results[$0].outcome != .fail }) {
            reached.append(tier)
        }
        let highest = reached.max { $0.rank < $1.rank }
        return Verdict(
            network: charter.network, charterVersion: charter.version, results: results,
            tiersReached: reached.map(\.id), tier: highest?.id,
            listed: (highest?.rank ?? Int.min) >= charter.listedRank,
            warnings: ConsistencyCheck.warnings(facts), completeness: Completeness.present(facts))
    }

    /// The tiers just above the group's highest, each with the required rules it still fails.
    public func nextSteps(for verdict: Verdict) -> [(tier: Tier, failing: [Verdict.RuleResult])] {
        let currentRank = verdict.tier.flatMap { charter.tier($0)?.rank } ?? Int.min
        let above = requiredRulesByTier.filter { $0.tier.rank > currentRank && !verdict.tiersReached.contains($0.tier.id) }
        guard let nextRank = above.map(\.tier.rank).min() else { return [] }
        return above.filter { $0.tier.rank == nextRank }.map { entry in
            (entry.tier, entry.rules.map { verdict.results[$0] }.filter { $0.outcome == .fail })
        }
    }
}
