/// What a new version of a charter changes from the one before it, as short sentences for the charter's history.
public enum CharterDifference {
    public static func sentences(from old: Charter?, to new: Charter) -> [String] {
        guard let old else { return ["The first version: \(count(new.tiers.count, "tier")), \(count(new.rules.count, "rule"))."] }
        var said: [String] = []
        if old.title != new.title { said.append("Title changed.") }
        if old.summary != new.summary { said.append("Summary changed.") }
        if old.sources != new.sources { said.append("Sources changed.") }
        let oldTiers = Dictionary(old.tiers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newTiers = Dictionary(new.tiers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        said += list("Tiers added", new.tiers.map(\.id).filter { oldTiers[$0] == nil })
        said += list("Tiers removed", old.tiers.map(\.id).filter { newTiers[$0] == nil })
        said += list("Tiers changed", new.tiers.filter { tier in oldTiers[tier.id].map { $0 != tier } ?? false }.map(\.id))
        if old.listedFrom != new.listedFrom {
            said.append("Groups are now listed from \(new.listedFrom.map { "the tier \($0)" } ?? "every tier"), not \(old.listedFrom.map { "the tier \($0)" } ?? "every tier").")
        }
        let oldRules = Dictionary(old.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newRules = Dictionary(new.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        said += list("Rules added", new.rules.map(\.id).filter { oldRules[$0] == nil })
        said += list("Rules removed", old.rules.map(\.id).filter { newRules[$0] == nil })
        let changed = new.rules.compactMap { rule -> String? in
            guard let before = oldRules[rule.id] else { return nil }
            let parts = ruleChanges(before, rule)
            return parts.isEmpty ? nil : "\(rule.id) (\(parts.joined(separator: ", ")))"
        }
        said += list("Rules changed", changed)
        return said.isEmpty ? ["No change to the tiers or rules."] : said
    }

    private static func ruleChanges(_ old: Rule, _ new: Rule) -> [String] {
        var parts: [String] = []
        if old.severity != new.severity { parts.append("\(old.severity.rawValue) → \(new.severity.rawValue)") }
        if old.predicate != new.predicate { parts.append("now: \(RuleDescription.describe(new.predicate))") }
        if old.tiers != new.tiers { parts.append("tiers \(words(old.tiers)) → \(words(new.tiers))") }
        if old.exemptions != new.exemptions { parts.append("when it does not apply") }
        if old.text != new.text || old.fix != new.fix || old.source != new.source { parts.append("its wording") }
        return parts
    }

    private static func list(_ heading: String, _ ids: [String]) -> [String] {
        ids.isEmpty ? [] : ["\(heading): \(ids.joined(separator: ", "))."]
    }

    private static func words(_ tiers: [String]) -> String { tiers.isEmpty ? "every tier" : tiers.joined(separator: " ") }

    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
