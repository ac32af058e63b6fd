import ChorusLanguage
import ChorusRegistry
import Foundation
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
        let anchor: String
        let text: String
        let tiers: String
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
        let reportPath: String?
        let detail: String
    }

    /// A failing required rule of a group: a link to its wording, and the tier it is for when that is above the
    /// tier the group is listed at.
    struct FailingRule {
        let id: String
        let anchor: String
        let forTier: String?
    }

    struct Group {
        let title: String
        /// The group's report for the network's people, its public page for anyone else; nil for a group the
        /// public directory does not list, when the viewer is not one of the network's people.
        let link: String?
        let tier: String
        let listed: String
        let hasFailing: Bool
        let failing: [FailingRule]
        let warnings: Int
        let lastHarvest: String
        let expires: String
        let stale: Bool
    }

    let canSeeReports: Bool
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
    static func render(_ report: ComplianceReport, canSeeReports: Bool) -> Response {
        PageRenderer.shared.render(view(report, canSeeReports: canSeeReports), "compliance-dashboard")
    }

    /// "No tier", or the tier's name: in English, for the CSV.
    static func tierName(_ id: String?, in report: ComplianceReport) -> String {
        guard let id else { return "No tier" }
        return report.tiers.first { $0.id == id }?.name ?? id
    }

    /// "No tier" in the page's language, or the tier's name.
    static func shownTierName(_ id: String?, in report: ComplianceReport) -> String {
        id == nil ? tr("No tier") : tierName(id, in: report)
    }

    static func view(_ report: ComplianceReport, canSeeReports: Bool) -> ComplianceDashboardView {
        let reportPath = { (group: ComplianceReport.GroupLine) in
            "/n/\(PublicAddress.segment(report.network))/groups/\(PublicAddress.segment(group.groupId))/compliance"
        }
        let link = { (group: ComplianceReport.GroupLine) -> String? in
            canSeeReports ? reportPath(group) : group.listed ? "/groups/" + PublicAddress.segment(group.groupId) : nil
        }
        let problem = { (group: ComplianceReport.GroupLine, detail: String) in
            ComplianceDashboardView.Problem(title: group.title ?? group.groupId, reportPath: link(group), detail: detail)
        }
        let rank = Dictionary(report.tiers.map { ($0.id, $0.rank) }, uniquingKeysWith: { first, _ in first })
        let rulesById = Dictionary(report.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let failing = { (group: ComplianceReport.GroupLine) in
            group.failedRequired.map { id -> ComplianceDashboardView.FailingRule in
                var forTier: String?
                if group.listed, let tier = group.tier, let listedRank = rank[tier], let rule = rulesById[id], !rule.tiers.isEmpty,
                   let lowest = rule.tiers.min(by: { (rank[$0] ?? 0) < (rank[$1] ?? 0) }), (rank[lowest] ?? 0) > listedRank {
                    forTier = tr("for {tier}, above its tier", ["tier": tierName(lowest, in: report)])
                }
                return .init(id: id, anchor: "rule-" + id, forTier: forTier)
            }
        }
        let when = { (date: Date?) in date.map { MeetingClock.shared.dateAndTime($0, zone: .gmt) } ?? tr("never") }
        let stale = report.staleGroups.map { problem($0, tr("past its signature's expiry; the last good feed is kept")) }
        let problems = report.problemGroups.map { problem($0, $0.lastProblem ?? GroupFilter.words($0.harvestState)) }
        let localizer = Localizer.current
        return ComplianceDashboardView(
            canSeeReports: canSeeReports, network: report.network, networkName: report.networkName,
            hasCharter: report.charterVersion != nil && report.charterTitle != nil,
            charterTitle: report.charterTitle, charterVersion: report.charterVersion, disclaimer: report.disclaimer,
            groupsJudged: report.groupsJudged, listed: report.listed, notListed: report.notListed, noTier: report.noTier,
            tiers: report.tiers.map { .init(name: $0.name, id: $0.id, rank: $0.rank, groups: $0.groups) },
            rules: report.rules.sorted { ($0.severity, $0.passRate ?? 2) < ($1.severity, $1.passRate ?? 2) }.map { rule in
                .init(id: rule.id, anchor: "rule-" + rule.id, text: rule.text,
                      tiers: rule.tiers.isEmpty ? tr("every tier") : rule.tiers.map { tierName($0, in: report) }.joined(separator: ", "),
                      severity: VerdictWords.severity(rule.severity.rawValue), passRate: percent(rule.passRate),
                      pass: rule.pass, fail: rule.fail, failing: rule.fail > 0, notApplicable: rule.notApplicable)
            },
            completeness: report.completeness.map { field in
                .init(field: field.field,
                      filledIn: tr("{present} of {total} ({percent})",
                                   ["present": localizer.number(field.present), "total": localizer.number(field.total),
                                    "percent": percent(field.total == 0 ? nil : Double(field.present) / Double(field.total))]))
            },
            hasStale: !stale.isEmpty, stale: stale, hasProblems: !problems.isEmpty, problems: problems,
            groups: report.groups.map { group in
                let rules = failing(group)
                return .init(title: group.title ?? group.groupId, link: link(group), tier: shownTierName(group.tier, in: report),
                             listed: group.listed ? tr("Listed") : tr("Not listed"), hasFailing: !rules.isEmpty, failing: rules,
                             warnings: group.warnings.count, lastHarvest: when(group.lastHarvest), expires: when(group.expires),
                             stale: group.stale)
            })
    }

    /// "50%", or "–" where there is nothing to divide.
    private static func percent(_ fraction: Double?) -> String {
        fraction.map { tr("{percent}%", ["percent": Localizer.current.number(Int(($0 * 100).rounded()))]) } ?? "–"
    }
}

/// The words of a charter's rules on pages: a rule's severity.
enum VerdictWords {
    /// "required", "recommended" or "advisory" (a `Severity`'s raw value) in the page's language.
    static func severity(_ raw: String) -> String {
        switch raw {
        case "required": tr("required", context: "rule severity")
        case "recommended": tr("recommended", context: "rule severity")
        case "advisory": tr("advisory", context: "rule severity")
        default: raw
        }
    }
}
