/// A charter as a readable plain-text document: what `chorus charter explain` prints.
public enum CharterText {
    public static func render(_ charter: Charter) -> String {
        var lines: [String] = []
        lines.append(charter.title)
        lines.append("Network \(charter.network), charter version \(charter.version)")
        if let summary = charter.summary { lines += ["", summary] }
        lines += ["", "Sources:"]
        lines += charter.sources.map { "  - \($0.text)" + ($0.href.map { " <\($0)>" } ?? "") }
        lines += ["", "Tiers:"]
        let listedRank = charter.listedRank
        for tier in charter.tiers.sorted(by: { $0.rank < $1.rank }) {
            var heading = "  \(tier.name) (\(tier.id), rank \(tier.rank)"
            if !tier.includes.isEmpty { heading += "; includes the rules of \(tier.includes.joined(separator: ", "))" }
            heading += ")"
            if tier.rank >= listedRank { heading += " — listed in the public directory" }
            lines.append(heading)
            if let description = tier.description { lines.append("      \(description)") }
        }
        for severity in Severity.allCases {
            let rules = charter.rules.filter { $0.severity == severity }
            guard !rules.isEmpty else { continue }
            lines += ["", "\(severity.rawValue.capitalized) rules (\(rules.count)):"]
            for rule in rules {
                lines.append("  [\(rule.id)] \(rule.text)")
                lines.append("      Applies to: " + (rule.tiers.isEmpty ? "every tier" : rule.tiers.joined(separator: ", ")))
                lines.append("      Checked: \(RuleDescription.describe(rule.predicate)).")
                for exemption in rule.exemptions {
                    lines.append("      Does not apply when \(RuleDescription.describe(exemption)).")
                }
                lines.append("      Source: \(rule.source)")
                lines.append("      To meet it: \(rule.fix)")
            }
        }
        lines += ["", "A registry checks what each group declares in its signed feed; it cannot check that the declarations are true."]
        return lines.joined(separator: "\n") + "\n"
    }
}
