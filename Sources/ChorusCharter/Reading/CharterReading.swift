import ChorusFeed
import Foundation

/// One pass over a charter document, collecting problems with their lines.
final class CharterReading {
    private(set) var problems: [FeedProblem] = []

    private func error(_ code: String, _ message: String, at element: XMLElementView?) {
        problems.append(FeedProblem(.error, code: code, message, line: element?.line))
    }

    func read(_ root: XMLElementView) -> Charter? {
        guard root.is("charter", in: CharterNamespace.charter) else {
            error("charter.root", "the root element must be <charter xmlns=\"\(CharterNamespace.charter)\">, not <\(root.localName)>", at: root)
            return nil
        }
        let network = slug(attribute("network", of: root), at: root)
        let version = token(attribute("version", of: root), what: "version", at: root)
        var title: String?
        var summary: String?
        var sources: [Citation] = []
        var tiers: [Tier] = []
        var listedFrom: String?
        var rules: [Rule] = []
        var tiersElement: XMLElementView?
        var rulesElement: XMLElementView?
        for child in root.children {
            guard child.namespaceURI == CharterNamespace.charter else {
                error("charter.unknown-element", "unexpected element <\(child.localName)>", at: child)
                continue
            }
            switch child.localName {
            case "title": title = text(of: child)
            case "summary": summary = text(of: child)
            case "source": if let citation = citation(child) { sources.append(citation) }
            case "tiers":
                tiersElement = child
                tiers = readTiers(child)
                listedFrom = child.attribute("listed-from")
            case "rules": rulesElement = child
            default: error("charter.unknown-element", "unexpected element <\(child.localName)> in <charter>", at: child)
            }
        }
        if title == nil { error("charter.missing", "<charter> needs a <title>", at: root) }
        if sources.isEmpty { error("charter.missing", "<charter> needs at least one <source> saying where its rules come from", at: root) }
        guard let tiersElement else {
            error("charter.missing", "<charter> needs <tiers>", at: root)
            return nil
        }
        let tierIDs = Set(tiers.map(\.id))
        if tiers.isEmpty { error("charter.missing", "<tiers> needs at least one <tier>", at: tiersElement) }
        if let listedFrom, !tierIDs.contains(listedFrom) {
            error("charter.tier-unknown", "listed-from names the tier '\(listedFrom)', which <tiers> does not define", at: tiersElement)
        }
        for tier in tiers {
            for included in tier.includes where !tierIDs.contains(included) {
                error("charter.tier-unknown", "tier '\(tier.id)' includes the tier '\(included)', which <tiers> does not define", at: tiersElement)
            }
        }
        if let cycle = TierGraph(tiers: tiers).cycle {
            error("charter.tier-cycle", "tiers include each other in a circle: \(cycle.joined(separator: " → "))", at: tiersElement)
        }
        guard let rulesElement else {
            error("charter.missing", "<charter> needs <rules>", at: root)
            return nil
        }
        var ruleIDs: [String: Int] = [:]
        for element in rulesElement.children {
            guard element.is("rule", in: CharterNamespace.charter) else {
                error("charter.unknown-element", "unexpected element <\(element.localName)> in <rules>", at: element)
                continue
            }
            guard let rule = readRule(element, tierIDs: tierIDs) else { continue }
            if let first = ruleIDs[rule.id] {
                error("charter.duplicate-rule", "rule id '\(rule.id)' is used twice (first on line \(first))", at: element)
                continue
            }
            ruleIDs[rule.id] = element.line
            rules.append(rule)
        }
        if rulesElement.children.isEmpty { error("charter.missing", "<rules> needs at least one <rule>", at: rulesElement) }
        guard let network, let version, let title else { return nil }
        return Charter(
            network: network, version: version, language: root.language, title: title, summary: summary,
            sources: sources, tiers: tiers, listedFrom: listedFrom, rules: rules)
    }

    private func readTiers(_ element: XMLElementView) -> [Tier] {
        var tiers: [Tier] = []
        var seen: Set<String> = []
        for child in element.children {
            guard child.is("tier", in: CharterNamespace.charter) else {
                error("charter.unknown-element", "unexpected element <\(child.localName)> in <tiers>", at: child)
                continue
            }
            guard let id = identifier(attribute("id", of: child), what: "tier id", at: child) else { continue }
            guard seen.insert(id).inserted else {
                error("charter.duplicate-tier", "tier id '\(id)' is used twice", at: child)
                continue
            }
            guard let rankText = attribute("rank", of: child) else { continue }
            guard let rank = Int(rankText), rank > 0, rank <= 100 else {
                error("charter.value", "rank of tier '\(id)' must be a whole number from 1 to 100, not '\(rankText)'", at: child)
                continue
            }
            var name: String?
            var description: String?
            for part in child.children {
                switch part.localName {
                case "name": name = text(of: part)
                case "description": description = text(of: part)
                default: error("charter.unknown-element", "unexpected element <\(part.localName)> in <tier>", at: part)
                }
            }
            guard let name else {
                error("charter.missing", "tier '\(id)' needs a <name>", at: child)
                continue
            }
            let includes = child.attribute("includes").map(words) ?? []
            tiers.append(Tier(id: id, rank: rank, name: name, description: description, includes: includes))
        }
        return tiers
    }

    private func readRule(_ element: XMLElementView, tierIDs: Set<String>) -> Rule? {
        guard let id = identifier(attribute("id", of: element), what: "rule id", at: element) else { return nil }
        guard let severityText = attribute("severity", of: element) else { return nil }
        guard let severity = Severity(rawValue: severityText) else {
            error("charter.value", "rule '\(id)': severity must be required, recommended or advisory, not '\(severityText)'", at: element)
            return nil
        }
        let tiers = element.attribute("tiers").map(words) ?? []
        var valid = true
        for tier in tiers where !tierIDs.contains(tier) {
            error("charter.tier-unknown", "rule '\(id)' names the tier '\(tier)', which <tiers> does not define", at: element)
            valid = false
        }
        var text: String?
        var source: String?
        var fix: String?
        var predicates: [Predicate] = []
        var exemptions: [Exemption] = []
        var translations: [String: RuleWords] = [:]
        for child in element.children {
            if ["text", "fix"].contains(child.localName), let language = child.language {
                guard let tag = languageTag(language, rule: id, at: child) else { valid = false; continue }
                let words = self.text(of: child)
                if (child.localName == "text" ? translations[tag]?.text : translations[tag]?.fix) != nil {
                    error("charter.translation", "rule '\(id)' has two <\(child.localName) xml:lang=\"\(tag)\">", at: child)
                    valid = false
                }
                if child.localName == "text" { translations[tag, default: RuleWords()].text = words } else { translations[tag, default: RuleWords()].fix = words }
                continue
            }
            switch child.localName {
            case "text": text = self.text(of: child)
            case "source": source = self.text(of: child)
            case "fix": fix = self.text(of: child)
            case "unless":
                if let exemption = PredicateReading(reading: self, ruleID: id).exemption(child) { exemptions.append(exemption) } else { valid = false }
            default:
                if let predicate = PredicateReading(reading: self, ruleID: id).predicate(child) { predicates.append(predicate) } else { valid = false }
            }
        }
        for (name, value) in [("text", text), ("source", source), ("fix", fix)] where value == nil {
            error("charter.missing", "rule '\(id)' needs a <\(name)>", at: element)
            valid = false
        }
        if predicates.count != 1 && valid {
            error("charter.predicate-count", "rule '\(id)' must have exactly one test (commitment, ground-rule, present, one-of, count or fresh), not \(predicates.count)", at: element)
            valid = false
        }
        guard valid, let text, let source, let fix, let predicate = predicates.first else { return nil }
        var rule = Rule(id: id, severity: severity, tiers: tiers, text: text, source: source, fix: fix,
                        predicate: predicate, exemptions: exemptions, line: element.line)
        rule.translations = translations
        return rule
    }

    /// A translation's `xml:lang`: a plausible BCP 47 tag, in its usual case.
    private func languageTag(_ value: String, rule: String, at element: XMLElementView) -> String? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard value.count <= 35, let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else {
            error("charter.translation", "rule '\(rule)': xml:lang=\"\(value)\" is not a language tag such as es or pt-BR", at: element)
            return nil
        }
        return parts.enumerated().map { $0.offset == 0 ? $0.element.lowercased() : $0.element.count == 2 ? $0.element.uppercased() : String($0.element) }
            .joined(separator: "-")
    }

    // MARK: - Values

    func report(_ code: String, _ message: String, at element: XMLElementView) { error(code, message, at: element) }

    func attribute(_ name: String, of element: XMLElementView) -> String? {
        guard let value = element.attribute(name)?.trimmedWhitespace, !value.isEmpty else {
            error("charter.missing", "<\(element.localName)> needs the attribute \(name)", at: element)
            return nil
        }
        return value
    }

    func words(_ text: String) -> [String] { text.split(whereSeparator: \.isWhitespace).map(String.init) }

    private func text(of element: XMLElementView) -> String? {
        if element.hasElementChildren {
            error("text.markup", "<\(element.localName)> must hold plain text, not markup", at: element)
            return nil
        }
        let value = element.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if value.isEmpty {
            error("text.empty", "<\(element.localName)> is empty", at: element)
            return nil
        }
        if value.unicodeScalars.count > 4000 {
            error("text.too-long", "<\(element.localName)> has more than 4000 characters", at: element)
            return nil
        }
        return value
    }

    private func citation(_ element: XMLElementView) -> Citation? {
        guard let text = text(of: element) else { return nil }
        let href = element.attribute("href")
        if let href, !href.lowercased().hasPrefix("https://") {
            error("charter.value", "a source href must be an https: URL, not '\(href)'", at: element)
            return nil
        }
        return Citation(text: text, href: href)
    }

    private func identifier(_ value: String?, what: String, at element: XMLElementView) -> String? {
        guard let value else { return nil }
        guard value.count <= 64, value.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) else {
            error("charter.value", "\(what) '\(value)' may hold only a–z, 0–9 and '-'", at: element)
            return nil
        }
        return value
    }

    private func slug(_ value: String?, at element: XMLElementView) -> String? {
        guard let value = identifier(value, what: "network", at: element) else { return nil }
        guard value.first != "-", value.count <= 63 else {
            error("charter.value", "network '\(value)' must start with a letter or digit and have at most 63 characters", at: element)
            return nil
        }
        return value
    }

    private func token(_ value: String?, what: String, at element: XMLElementView) -> String? {
        guard let value else { return nil }
        guard value.count <= 64, !value.contains(where: { $0.isWhitespace || $0 == "=" || !$0.isASCII }) else {
            error("charter.value", "\(what) '\(value)' must be ASCII without spaces or '=', at most 64 characters", at: element)
            return nil
        }
        return value
    }
}
