import ChorusRegistry
import Foundation

/// One group's report against its network's charter: every rule, what to change, and the history.
enum GroupCompliancePage {
    static func render(_ report: GroupComplianceReport) -> String {
        let name = report.title ?? report.groupId
        var html = "<h1>\(name.htmlEscaped): charter report</h1>\n"
        html += "<p>Network \(report.network.htmlEscaped), charter \(report.charterTitle.htmlEscaped) version \(report.charterVersion.htmlEscaped). Judged \(PageLayout.date(report.evaluatedAt)).</p>\n"
        if let tier = report.tier {
            html += "<p><strong>Tier reached: \((report.tierName ?? tier).htmlEscaped)</strong>. "
        } else {
            html += "<p><strong>No tier reached yet.</strong> "
        }
        html += report.listed ? "Listed in the network's public directory.</p>\n" : "Not listed in the network's public directory.</p>\n"
        html += "<p class=\"note\">\(report.disclaimer.htmlEscaped)</p>\n"
        for next in report.nextTiers where !next.failing.isEmpty {
            html += "<h2>To reach \(next.name.htmlEscaped)</h2>\n<ul>\n"
            for rule in next.failing {
                let fix = report.lines.first { $0.rule == rule }?.fix ?? ""
                html += "<li><strong>\(rule.htmlEscaped)</strong>: \(fix.htmlEscaped)</li>\n"
            }
            html += "</ul>\n"
        }
        html += "<h2>Every rule</h2>\n<table><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Result</th><th scope=\"col\">Why</th></tr></thead><tbody>\n"
        for line in report.lines {
            let outcome = switch line.outcome {
            case .pass: "pass"
            case .fail: "fail"
            case .notApplicable: "not applicable"
            }
            html += "<tr><td><strong>\(line.rule.htmlEscaped)</strong> (\(line.severity.rawValue))<br>\(line.text.htmlEscaped)<br><small>Source: \(line.source.htmlEscaped)</small></td>"
            html += "<td class=\"\(line.outcome.rawValue)\">\(outcome)</td><td>\(line.reason.htmlEscaped)"
            if let fix = line.fix { html += "<br>What to change: \(fix.htmlEscaped)" }
            html += "</td></tr>\n"
        }
        html += "</tbody></table>\n"
        if !report.warnings.isEmpty {
            html += "<h2>Declarations that contradict each other</h2>\n<ul>\n"
            html += report.warnings.map { "<li>\($0.message.htmlEscaped) <small>(\($0.code.htmlEscaped))</small></li>\n" }.joined()
            html += "</ul>\n"
        }
        html += "<h2>History</h2>\n<table><thead><tr><th scope=\"col\">Judged</th><th scope=\"col\">Charter</th><th scope=\"col\">Tier</th><th scope=\"col\">Listed</th><th scope=\"col\">Failing required rules</th></tr></thead><tbody>\n"
        for entry in report.history {
            html += "<tr><td>\(PageLayout.date(entry.evaluatedAt))</td><td>\(entry.charterVersion.htmlEscaped)</td><td>\((entry.tier ?? "none").htmlEscaped)</td>"
            html += "<td>\(entry.listed ? "yes" : "no")</td><td>\(entry.failedRequired)</td></tr>\n"
        }
        html += "</tbody></table>\n"
        return PageLayout.page(title: "Charter report – \(name)", body: html)
    }
}
