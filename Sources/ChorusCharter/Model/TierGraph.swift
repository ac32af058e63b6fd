/// The "includes" relation between tiers: which tiers a rule naming one tier also applies to.
struct TierGraph {
    let tiers: [Tier]

    /// A chain of tiers that include each other in a circle, if there is one.
    var cycle: [String]? {
        let includes = Dictionary(tiers.map { ($0.id, $0.includes) }, uniquingKeysWith: { first, _ in first })
        for tier in tiers {
            var path = [tier.id]
            var frontier = includes[tier.id] ?? []
            var seen: Set<String> = []
            while let next = frontier.popLast() {
                if next == tier.id { return path + [tier.id] }
                guard seen.insert(next).inserted else { continue }
                path.append(next)
                frontier += includes[next] ?? []
            }
        }
        return nil
    }

    /// Every tier id that `tier` includes, itself included, following includes transitively.
    func closure(of tier: String) -> Set<String> {
        let includes = Dictionary(tiers.map { ($0.id, $0.includes) }, uniquingKeysWith: { first, _ in first })
        var result: Set<String> = [tier]
        var frontier = [tier]
        while let next = frontier.popLast() {
            for included in includes[next] ?? [] where result.insert(included).inserted { frontier.append(included) }
        }
        return result
    }
}
