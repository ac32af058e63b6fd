import ChorusFeed
import ChorusRegistry
import Foundation

/// The dashboard's per-group table as CSV (RFC 4180), for a spreadsheet. A field that a spreadsheet would take for
/// a formula (starting with =, +, -, @, a tab or a carriage return) is written with a leading apostrophe.
enum ComplianceCSV {
    static let header = ["group", "group id", "membership", "tier", "listed", "failing required rules", "warnings",
                         "last harvest", "harvest state", "last problem", "feed expires", "stale"]

    static func text(_ report: ComplianceReport) -> String {
        var lines = [header.map(field).joined(separator: ",")]
        for group in report.groups {
            let values = [
                group.title ?? "", group.groupId, group.membership.rawValue,
                ComplianceDashboardPage.tierName(group.tier, in: report), group.listed ? "yes" : "no",
                group.failedRequired.joined(separator: " "), String(group.warnings.count),
                group.lastHarvest.map(Timestamp.format) ?? "", group.harvestState.rawValue, group.lastProblem ?? "",
                group.expires.map(Timestamp.format) ?? "", group.stale ? "yes" : "no",
            ]
            lines.append(values.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
