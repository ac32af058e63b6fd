import ChorusFeed
import Foundation

/// Writes a `Charter` as charter format v1 XML, in the element order of `Federation/schema/charter.rng`.
/// Reading what it writes gives back the same charter, line numbers aside.
public enum CharterWriter {
    public static func xml(_ charter: Charter) -> String {
        var w = XMLWriter()
        w.open("charter", [("xmlns", CharterNamespace.charter), ("network", charter.network),
                           ("version", charter.version), ("xml:lang", charter.language)])
        w.element("title", text: charter.title)
        w.element("summary", text: charter.summary)
        for source in charter.sources { w.element("source", [("href", source.href)], text: source.text) }
        w.open("tiers", [("listed-from", charter.listedFrom)])
        for tier in charter.tiers { writeTier(tier, to: &w) }
        w.close("tiers")
        w.open("rules")
        for rule in charter.rules { writeRule(rule, to: &w) }
        w.close("rules")
        w.close("charter")
        return w.text
    }

    public static func data(_ charter: Charter) -> Data { Data(xml(charter).utf8) }

    private static func writeTier(_ tier: Tier, to w: inout XMLWriter) {
        w.open("tier", [("id", tier.id), ("rank", String(tier.rank)), ("includes", words(tier.includes))])
        w.element("name", text: tier.name)
        w.element("description", text: tier.description)
        w.close("tier")
    }

    private static func writeRule(_ rule: Rule, to w: inout XMLWriter) {
        w.open("rule", [("id", rule.id), ("severity", rule.severity.rawValue), ("tiers", words(rule.tiers))])
        w.element("text", text: rule.text)
        for (language, words) in rule.translations.sorted(by: { $0.key < $1.key }) where words.text != nil {
            w.element("text", [("xml:lang", language)], text: words.text)
        }
        w.element("source", text: rule.source)
        w.element("fix", text: rule.fix)
        for (language, words) in rule.translations.sorted(by: { $0.key < $1.key }) where words.fix != nil {
            w.element("fix", [("xml:lang", language)], text: words.fix)
        }
        writePredicate(rule.predicate, to: &w)
        for exemption in rule.exemptions { writeExemption(exemption, to: &w) }
        w.close("rule")
    }

    private static func writePredicate(_ predicate: Predicate, to w: inout XMLWriter) {
        switch predicate {
        case .commitment(let id): w.empty("commitment", [("id", id)])
        case .groundRule(let id): w.empty("ground-rule", [("id", id)])
        case .present(let field): w.empty("present", [("field", field.rawValue)])
        case .oneOf(let field, let values, let match):
            w.empty("one-of", [("field", field.rawValue), ("values", words(values)), ("match", match == .all ? nil : match.rawValue)])
        case .count(let subject, let atLeast, let atMost):
            w.empty("count", [("of", subject.rawValue), ("at-least", atLeast.map { String($0) }), ("at-most", atMost.map { String($0) })])
        case .fresh(let days): w.empty("fresh", [("within-days", String(days))])
        }
    }

    private static func writeExemption(_ exemption: Exemption, to w: inout XMLWriter) {
        switch exemption {
        case .setting(let ids): w.empty("unless", [("setting", words(ids))])
        case .audience(let ids): w.empty("unless", [("audience", words(ids))])
        case .mode(let ids): w.empty("unless", [("mode", words(ids))])
        }
    }

    private static func words(_ ids: [String]) -> String? { ids.isEmpty ? nil : ids.joined(separator: " ") }
}
