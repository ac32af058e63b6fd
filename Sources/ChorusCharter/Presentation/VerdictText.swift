/// A verdict as plain text for a group's volunteers: what `chorus feed lint --charter` prints.
public enum VerdictText {
    public static func render(_ verdict: Verdict, evaluator: CharterEvaluator) -> String {
        let charter = evaluator.charter
        var lines = ["Charter: \(charter.title) (network \(charter.network), version \(charter.version))"]
        if let tierID = verdict.tier, let tier = charter.tier(tierID) {
            lines.append("Tier reached: \(tier.name) (\(tier.id)).")
        } else {
            lines.append("Tier reached: none yet.")
        }
        lines.append(verdict.listed
            ? "The group would be listed in the network's public directory."
            : "The group would not be listed in the network's public directory until it reaches the tier \(charter.listedFrom ?? charter.tiers.first?.id ?? "").")
        let rulesByID = Dictionary(charter.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for severity in Severity.allCases {
            let results = verdict.results.filter { $0.severity == severity }
            guard !results.isEmpty else { continue }
            lines += ["", "\(severity.rawValue.capitalized) rules:"]
            for result in results {
                let mark = switch result.outcome {
                case .pass: "pass"
                case .fail: "FAIL"
                case .notApplicable: "n/a "
                }
                lines.append("  \(mark)  \(result.rule): \(result.reason)")
                if result.outcome == .fail, let fix = result.fix { lines.append("        what to change: \(fix)") }
                if result.outcome == .fail, let text = rulesByID[result.rule]?.text { lines.append("        the rule: \(text)") }
            }
        }
        for step in evaluator.nextSteps(for: verdict) {
            lines += ["", "To reach \(step.tier.name) (\(step.tier.id)):"]
            lines += step.failing.map { "  - \($0.rule): \($0.fix ?? $0.reason)" }
        }
        if !verdict.warnings.isEmpty {
            lines += ["", "Declarations that contradict each other:"]
            lines += verdict.warnings.map { "  warning: \($0.code): \($0.message)" }
        }
        lines += ["", Verdict.disclaimer]
        return lines.joined(separator: "\n") + "\n"
    }
}
