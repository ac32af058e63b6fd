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

    /// Directions to a public venue on OpenStreetMap, from wherever the visitor chooses there. Nothing is loaded
    /// from it by our own pages: it is a link the visitor follows.
    static func directions(_ latitude: Double, _ longitude: Double) -> String {
        let point = String(format: "%.5f%%2C%.5f", latitude, longitude)
        return "https://www.openstreetmap.org/directions?route=%3B" + point + "#map=16/" + String(format: "%.5f/%.5f", latitude, longitude)
    }

    static func distance(_ kilometres: Double) -> String {
        if kilometres < 1 { return "Less than 1 km (half a mile) away" }
        let miles = kilometres * 0.621371
        func short(_ value: Double) -> String { value < 10 ? String(format: "%.1f", value) : String(Int(value.rounded())) }
        return "\(short(kilometres)) km (\(short(miles)) mi) away"
    }
}

import ChorusRegistry
