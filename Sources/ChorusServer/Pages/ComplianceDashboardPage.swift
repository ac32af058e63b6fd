import ChorusRegistry
import Hummingbird

/// A network's compliance dashboard: groups per tier, pass rate per rule, completeness per field, and problems.
struct ComplianceDashboardView {
    struct Tier {
        let name: String
        let id: String
        let rank: Int
        let groups: Int
    }

    struct Rule {
        let id: String
        let text: String
        let severity: String
        let passRate: String
        let pass: Int
        let fail: Int
        let failing: Bool
        let notApplicable: Int
    }

    struct Field {
        let field: String
        let filledIn: String
    }

    /// A group in a list of problems: a link to its report and what is wrong.
    struct Problem {
        let title: String
        let reportPath: String
        let detail: String
    }

    struct Group {
        let title: String
        let reportPath: String
        let tier: String
        let listed: String
        let failedRequired: String
        let warnings: Int
    }

    let lang = "en"
    let network: String
    let networkName: String
    let hasCharter: Bool
    let charterTitle: String?
    let charterVersion: String?
    let disclaimer: String
    let groupsJudged: Int
    let listed: Int
    let notListed: Int
    let noTier: Int
    let tiers: [Tier]
    let rules: [Rule]
    let completeness: [Field]
    let hasStale: Bool
    let stale: [Problem]
    let hasProblems: Bool
    let problems: [Problem]
    let groups: [Group]
}

enum ComplianceDashboardPage {
    static func render(_ report: ComplianceReport) -> Response {
        PageRenderer.shared.render(view(report), "compliance-dashboard")
    }

    static func view(_ report: ComplianceReport) -> ComplianceDashboardView {
        let reportPath = { (group: ComplianceReport.GroupLine) in
            "/n/\(PublicAddress.segment(report.network))/groups/\(PublicAddress.segment(group.groupId))/compliance"
        }
        let problem = { (group: ComplianceReport.GroupLine, detail: String) in
            ComplianceDashboardView.Problem(title: group.title ?? group.groupId, reportPath: reportPath(group), detail: detail)
        }
        let stale = report.staleGroups.map { problem($0, "past its signature's expiry; the last good feed is kept") }
        let problems = report.problemGroups.map { problem($0, $0.lastProblem ?? $0.harvestState.rawValue) }
        return ComplianceDashboardView(
            network: report.network, networkName: report.networkName,
            hasCharter: report.charterVersion != nil && report.charterTitle != nil,
            charterTitle: report.charterTitle, charterVersion: report.charterVersion, disclaimer: report.disclaimer,
            groupsJudged: report.groupsJudged, listed: report.listed, notListed: report.notListed, noTier: report.noTier,
            tiers: report.tiers.map { .init(name: $0.name, id: $0.id, rank: $0.rank, groups: $0.groups) },
            rules: report.rules.sorted { ($0.severity, $0.passRate ?? 2) < ($1.severity, $1.passRate ?? 2) }.map { rule in
                .init(id: rule.id, text: rule.text, severity: rule.severity.rawValue, passRate: percent(rule.passRate),
                      pass: rule.pass, fail: rule.fail, failing: rule.fail > 0, notApplicable: rule.notApplicable)
            },
            completeness: report.completeness.map { field in
                .init(field: field.field,
                      filledIn: "\(field.present) of \(field.total) (\(percent(field.total == 0 ? nil : Double(field.present) / Double(field.total))))")
            },
            hasStale: !stale.isEmpty, stale: stale, hasProblems: !problems.isEmpty, problems: problems,
            groups: report.groups.map { group in
                .init(title: group.title ?? group.groupId, reportPath: reportPath(group), tier: group.tier ?? "none",
                      listed: group.listed ? "yes" : "no", failedRequired: group.failedRequired.joined(separator: ", "),
                      warnings: group.warnings.count)
            })
    }

    /// "50%", or "–" where there is nothing to divide.
    private static func percent(_ fraction: Double?) -> String {
        fraction.map { "\(Int(($0 * 100).rounded()))%" } ?? "–"
    }
}
