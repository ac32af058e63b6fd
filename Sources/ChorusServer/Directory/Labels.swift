import Foundation
import ChorusFeed

/// Plain words for the vocabulary ids a visitor sees.
enum Labels {
    static func mode(_ id: String) -> String {
        ["in-person": "In person", "online": "Online", "hybrid": "In person and online"][id] ?? id
    }

    static func audience(_ id: String) -> String {
        [
            "anyone": "Anyone", "lived-experience": "People with these experiences", "family-friends": "Family and friends",
            "young-people": "Young people", "women": "Women", "men": "Men", "lgbtq": "LGBTQ+ people",
            "cultural-community": "A cultural community",
        ][id] ?? id
    }

    static func accessibility(_ id: String) -> String {
        [
            "step-free-access": "Step-free access", "accessible-toilet": "Accessible toilet", "hearing-loop": "Hearing loop",
            "sign-language": "Sign-language interpretation", "quiet-space": "Quiet space", "accessible-parking": "Accessible parking",
            "public-transport": "Near public transport", "large-print": "Large print", "captions": "Live captions",
            "refreshments": "Refreshments", "children-welcome": "Children welcome",
        ][id] ?? id
    }

    static func experience(_ id: String) -> String {
        ["voices": "hearing voices", "visions": "seeing visions", "unusual-experiences": "other unusual experiences",
         "any-distress": "any kind of distress"][id] ?? id
    }

    static func access(_ id: String) -> String {
        ["drop-in": "Just come along; no need to get in touch first.",
         "contact-first": "Get in touch before your first visit.",
         "referral-accepted": "Someone, a worker for example, can refer you, with your agreement.",
         "invitation": "New members join when a member invites them."][id] ?? id
    }

    static func membership(_ id: String) -> String {
        ["open": "New people are welcome at any time.",
         "closed": "The group is not taking new members at the moment.",
         "open-then-closed": "The group is open for a first period, then closes to new members."][id] ?? id
    }

    static func independence(_ id: String) -> String {
        ["independent": "Run by its members, independent of services.",
         "ngo-hosted": "Hosted by a voluntary organisation.",
         "service-aligned": "Works alongside a health or social service, but is not part of it.",
         "part-of-service": "Run as part of a health or social service."][id] ?? id
    }

    static func language(_ tag: String) -> String {
        let code = String(tag.split(separator: "-").first ?? Substring(tag))
        return Locale(identifier: "en").localizedString(forLanguageCode: code) ?? tag
    }

    static func country(_ code: String) -> String {
        Locale(identifier: "en").localizedString(forRegionCode: code) ?? code
    }

    static func fee(_ fee: ChorusRegistry.PublicGroup.Fee) -> String {
        switch fee.kind {
        case "free": return "Free"
        case "voluntary-contribution": return "Free; a voluntary contribution is welcome"
        default:
            let per = fee.per.map { " per \($0)" } ?? ""
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
