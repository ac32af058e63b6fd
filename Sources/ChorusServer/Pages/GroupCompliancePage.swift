import ChorusFeed
import ChorusRegistry
import Hummingbird

/// One group's report against its network's charter: every rule, what to change, and the history.
struct GroupComplianceView {
    struct NextTier {
        struct Fix {
            let rule: String
            let fix: String
        }

        let name: String
        let fixes: [Fix]
    }

    struct Line {
        let rule: String
        let severity: String
        let text: String
        let source: String
        let outcomeClass: String
        let outcome: String
        let reason: String
        let fix: String?
    }

    struct Warning {
        let message: String
        let code: String
    }

    struct HistoryEntry {
        let judged: String
        let charterVersion: String
        let tier: String
        let listed: String
        let failedRequired: Int
    }

    let lang = "en"
    let name: String
    let network: String
    let charterTitle: String
    let charterVersion: String
    let judged: String
    let tierName: String?
    let listed: Bool
    let disclaimer: String
    let nextTiers: [NextTier]
    let lines: [Line]
    let hasWarnings: Bool
    let warnings: [Warning]
    let history: [HistoryEntry]
}

enum GroupCompliancePage {
    static func render(_ report: GroupComplianceReport) -> Response {
        PageRenderer.shared.render(view(report), "group-compliance")
    }

    static func view(_ report: GroupComplianceReport) -> GroupComplianceView {
        GroupComplianceView(
            name: report.title ?? report.groupId, network: report.network,
            charterTitle: report.charterTitle, charterVersion: report.charterVersion, judged: Timestamp.format(report.evaluatedAt),
            tierName: report.tier.map { report.tierName ?? $0 }, listed: report.listed, disclaimer: report.disclaimer,
            nextTiers: report.nextTiers.filter { !$0.failing.isEmpty }.map { next in
                .init(name: next.name, fixes: next.failing.map { rule in
                    .init(rule: rule, fix: report.lines.first { $0.rule == rule }?.fix ?? "")
                })
            },
            lines: report.lines.map { line in
                .init(rule: line.rule, severity: line.severity.rawValue, text: line.text, source: line.source,
                      outcomeClass: line.outcome.rawValue, outcome: outcome(line), reason: line.reason, fix: line.fix)
            },
            hasWarnings: !report.warnings.isEmpty,
            warnings: report.warnings.map { .init(message: $0.message, code: $0.code) },
            history: report.history.map { entry in
                .init(judged: Timestamp.format(entry.evaluatedAt), charterVersion: entry.charterVersion, tier: entry.tier ?? "none",
                      listed: entry.listed ? "yes" : "no", failedRequired: entry.failedRequired)
            })
    }

    private static func outcome(_ line: GroupComplianceReport.Line) -> String {
        switch line.outcome {
        case .pass: "pass"
        case .fail: "fail"
        case .notApplicable: "not applicable"
        }
    }
}
