import ChorusRegistry

/// A network's compliance dashboard: groups per tier, pass rate per rule, completeness per field, and problems.
enum ComplianceDashboardPage {
    static func render(_ report: ComplianceReport) -> String {
        var html = "<h1>Compliance: \(report.networkName.htmlEscaped)</h1>\n"
        guard let version = report.charterVersion, let title = report.charterTitle else {
            html += "<p>This network has not set a charter yet, so no group has been judged.</p>\n"
            return PageLayout.page(title: "Compliance – \(report.networkName)", body: html)
        }
        html += "<p>Charter: \(title.htmlEscaped), version \(version.htmlEscaped) (<a href=\"/n/\(report.network.htmlEscaped)/charter.xml\">charter.xml</a>).</p>\n"
        html += "<p class=\"note\">\(report.disclaimer.htmlEscaped)</p>\n"
        html += "<p>\(report.groupsJudged) groups judged: \(report.listed) listed in the public directory, \(report.notListed) not listed (\(report.noTier) reach no tier).</p>\n"

        html += "<h2>Groups per tier</h2>\n<table><thead><tr><th scope=\"col\">Tier</th><th scope=\"col\">Rank</th><th scope=\"col\">Groups</th></tr></thead><tbody>\n"
        for tier in report.tiers {
            html += "<tr><td>\(tier.name.htmlEscaped) (\(tier.id.htmlEscaped))</td><td>\(tier.rank)</td><td>\(tier.groups)</td></tr>\n"
        }
        html += "<tr><td>No tier</td><td>–</td><td>\(report.noTier)</td></tr>\n</tbody></table>\n"

        html += "<h2>Rules</h2>\n<table><thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th><th scope=\"col\">Pass rate</th><th scope=\"col\">Pass</th><th scope=\"col\">Fail</th><th scope=\"col\">Not applicable</th></tr></thead><tbody>\n"
        for rule in report.rules.sorted(by: { ($0.severity, $0.passRate ?? 2) < ($1.severity, $1.passRate ?? 2) }) {
            let rate = rule.passRate.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
            html += "<tr><td><strong>\(rule.id.htmlEscaped)</strong><br>\(rule.text.htmlEscaped)</td><td>\(rule.severity.rawValue)</td>"
            html += "<td>\(rate)</td><td>\(rule.pass)</td><td class=\"\(rule.fail > 0 ? "fail" : "")\">\(rule.fail)</td><td>\(rule.notApplicable)</td></tr>\n"
        }
        html += "</tbody></table>\n"

        html += "<h2>Completeness of optional fields</h2>\n<table><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Groups that fill it in</th></tr></thead><tbody>\n"
        for field in report.completeness {
            html += "<tr><td>\(field.field.htmlEscaped)</td><td>\(field.present) of \(field.total) (\(PageLayout.percent(field.present, of: field.total)))</td></tr>\n"
        }
        html += "</tbody></table>\n"

        html += "<h2>Stale feeds</h2>\n"
        html += list(report.staleGroups, network: report.network, empty: "No feed is past its expiry.") { _ in "past its signature's expiry; the last good feed is kept" }
        html += "<h2>Signature and harvest problems</h2>\n"
        html += list(report.problemGroups, network: report.network, empty: "No harvest or signature problems.") { group in
            group.lastProblem ?? group.harvestState.rawValue
        }

        html += "<h2>Every group</h2>\n<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Tier</th><th scope=\"col\">Listed</th><th scope=\"col\">Failing required rules</th><th scope=\"col\">Warnings</th></tr></thead><tbody>\n"
        for group in report.groups {
            html += "<tr><td>\(link(group, network: report.network))</td><td>\((group.tier ?? "none").htmlEscaped)</td>"
            html += "<td>\(group.listed ? "yes" : "no")</td><td>\(group.failedRequired.map(\.htmlEscaped).joined(separator: ", "))</td><td>\(group.warnings.count)</td></tr>\n"
        }
        html += "</tbody></table>\n"
        return PageLayout.page(title: "Compliance – \(report.networkName)", body: html)
    }

    private static func link(_ group: ComplianceReport.GroupLine, network: String) -> String {
        "<a href=\"/n/\(network.htmlEscaped)/groups/\(group.groupId.htmlEscaped)/compliance\">\((group.title ?? group.groupId).htmlEscaped)</a>"
    }

    private static func list(_ groups: [ComplianceReport.GroupLine], network: String, empty: String,
                             detail: (ComplianceReport.GroupLine) -> String) -> String {
        guard !groups.isEmpty else { return "<p>\(empty)</p>\n" }
        return "<ul>\n" + groups.map { "<li>\(link($0, network: network)): \(detail($0).htmlEscaped)</li>\n" }.joined() + "</ul>\n"
    }
}
