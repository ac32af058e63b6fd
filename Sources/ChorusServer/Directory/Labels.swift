import Foundation
import ChorusFeed

/// Plain words for what a visitor sees beyond the vocabularies' own labels: languages, countries, fees, areas, distances.
enum Labels {
    static func language(_ tag: String) -> String {
        let code = String(tag.split(separator: "-").first ?? Substring(tag))
        return Locale(identifier: "en").localizedString(forLanguageCode: code) ?? tag
    }

    static func country(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forRegionCode: code) ?? code
    }

    static func fee(_ fee: ChorusRegistry.PublicGroup.Fee) -> String {
        switch fee.kind {
        case .free, .voluntaryContribution: return fee.kind.label
        case .fee:
            let per = fee.per.map { " \($0.label)" } ?? ""
            return "A fee of \(fee.amount ?? "") \(fee.currency ?? "")\(per)"
        }
    }

    /// "Sheffield, South Yorkshire, GB" as "Sheffield, South Yorkshire, United Kingdom".
    static func area(_ text: String) -> String {
        var parts = text.components(separatedBy: ", ")
        if let code = parts.last, code.count == 2 { parts[parts.count - 1] = country(code) }
        return parts.joined(separator: ", ")
    }

    static func distance(_ kilometres: Double) -> String {
        if kilometres < 1 { return "Less than 1 km (half a mile) away" }
        let miles = kilometres * 0.621371
        func short(_ value: Double) -> String { value < 10 ? String(format: "%.1f", value) : String(Int(value.rounded())) }
        return "\(short(kilometres)) km (\(short(miles)) mi) away"
    }
}

import ChorusRegistry
