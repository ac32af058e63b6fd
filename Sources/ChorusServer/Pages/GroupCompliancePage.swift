import ChorusFeed
import ChorusLanguage
import ChorusRegistry
import Hummingbird

/// One group's report against its network's charter: every rule, what to change, and the history.
struct GroupComplianceView {
    struct NextTier {
        struct Fix {
            let rule: String
            let fix: String
            let fixLang: String?
        }

        let name: String
        let fixes: [Fix]
    }

    struct Line {
        let rule: String
        let severity: String
        let text: String
        /// The language the rule's words are in: the reader's where the charter translates them, its own otherwise.
        let textLang: String?
        let source: String
        let outcomeClass: String
        let outcome: String
        let reason: String
        let fix: String?
        let fixLang: String?
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
        let own = report.charterLanguage
        return GroupComplianceView(
            name: report.title ?? report.groupId, network: report.network,
            charterTitle: report.charterTitle, charterVersion: report.charterVersion, judged: Timestamp.format(report.evaluatedAt),
            tierName: report.tier.map { report.tierName ?? $0 }, listed: report.listed, disclaimer: report.disclaimer,
            nextTiers: report.nextTiers.filter { !$0.failing.isEmpty }.map { next in
                .init(name: next.name, fixes: next.failing.map { rule in
                    let line = report.lines.first { $0.rule == rule }
                    return .init(rule: rule, fix: line?.fix ?? "", fixLang: line?.fixLanguage ?? own)
                })
            },
            lines: report.lines.map { line in
                .init(rule: line.rule, severity: VerdictWords.severity(line.severity.rawValue), text: line.text, textLang: line.textLanguage ?? own, source: line.source,
                      outcomeClass: line.outcome.rawValue, outcome: outcome(line), reason: line.reason, fix: line.fix,
                      fixLang: line.fixLanguage ?? own)
            },
            hasWarnings: !report.warnings.isEmpty,
            warnings: report.warnings.map { .init(message: $0.message, code: $0.code) },
            history: report.history.map { entry in
                .init(judged: Timestamp.format(entry.evaluatedAt), charterVersion: entry.charterVersion, tier: entry.tier ?? tr("none"),
                      listed: entry.listed ? tr("yes") : tr("no"), failedRequired: entry.failedRequired)
            })
    }

    private static func outcome(_ line: GroupComplianceReport.Line) -> String {
        switch line.outcome {
        case .pass: tr("pass", context: "rule outcome")
        case .fail: tr("fail", context: "rule outcome")
        case .notApplicable: tr("not applicable", context: "rule outcome")
        }
    }
}
