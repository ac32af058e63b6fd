import Foundation
import ChorusFeed
import ChorusLanguage

/// Plain words for what a visitor sees beyond the vocabularies' own labels: languages, countries, fees, areas, distances.
enum Labels {
    static func language(_ tag: String) -> String {
        let code = String(tag.split(separator: "-").first ?? Substring(tag))
        return Localizer.current.localeData(Localizer.current.locale.localizedString(forLanguageCode: code) ?? tag)
    }

    static func country(_ code: String) -> String {
        Localizer.current.localeData(Localizer.current.locale.localizedString(forRegionCode: code) ?? code)
    }

    static func fee(_ fee: ChorusRegistry.PublicGroup.Fee) -> String {
        switch fee.kind {
        case .free, .voluntaryContribution: return fee.kind.shownLabel
        case .fee:
            let amount = "\(fee.amount ?? "") \(fee.currency ?? "")"
            return fee.per.map { tr("A fee of {amount} {period}", ["amount": amount, "period": $0.shownLabel]) }
                ?? tr("A fee of {amount}", ["amount": amount])
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

    /// In kilometres, miles or both, as the visitor's language and region have it (`DistanceUnit`).
    static func distance(_ kilometres: Double) -> String {
        let localizer = Localizer.current
        let miles = kilometres * 0.621371
        func short(_ value: Double) -> String { localizer.decimal(value < 10 ? (value * 10).rounded() / 10 : value.rounded()) }
        switch DistanceUnit.forTag(localizer.formatTag) {
        case .both:
            if kilometres < 1 { return tr("Less than 1 km (half a mile) away") }
            return tr("{km} km ({miles} mi) away", ["km": short(kilometres), "miles": short(miles)])
        case .kilometres:
            if kilometres < 1 { return tr("Less than 1 km away") }
            return tr("{km} km away", ["km": short(kilometres)])
        case .miles:
            if miles < 1 { return tr("Less than a mile away") }
            return tr("{miles} miles away", ["miles": short(miles)])
        }
    }
}

import ChorusRegistry
