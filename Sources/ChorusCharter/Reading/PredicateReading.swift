import ChorusFeed

/// Reads one rule's test or exemption element, checking every id against the feed vocabularies.
struct PredicateReading {
    let reading: CharterReading
    let ruleID: String

    func predicate(_ element: XMLElementView) -> Predicate? {
        switch element.localName {
        case "commitment":
            return term("id", of: element, in: .commitments).map(Predicate.commitment)
        case "ground-rule":
            return term("id", of: element, in: .groundRules).map(Predicate.groundRule)
        case "present":
            return closed("field", of: element, PresenceField.self).map(Predicate.present)
        case "one-of":
            guard let field = closed("field", of: element, ValueField.self),
                  let values = terms("values", of: element, in: field.vocabulary) else { return nil }
            var match = Predicate.Match.all
            if let text = element.attribute("match") {
                guard let parsed = Predicate.Match(rawValue: text) else {
                    fail("charter.value", "match must be all or any, not '\(text)'", element)
                    return nil
                }
                match = parsed
            }
            return .oneOf(field, values: values, match: match)
        case "count":
            guard let subject = closed("of", of: element, CountSubject.self) else { return nil }
            let atLeast = number("at-least", of: element)
            let atMost = number("at-most", of: element)
            if atLeast == nil && atMost == nil {
                if element.attribute("at-least") == nil && element.attribute("at-most") == nil {
                    fail("charter.missing", "<count> needs at-least, at-most or both", element)
                }
                return nil
            }
            if let atLeast, let atMost, atLeast > atMost {
                fail("charter.value", "at-least \(atLeast) is above at-most \(atMost)", element)
                return nil
            }
            if subject == .membersLivedExperiencePercent, (atLeast ?? 0) > 100 || (atMost ?? 0) > 100 {
                fail("charter.value", "a percentage bound must be from 0 to 100", element)
                return nil
            }
            return .count(subject, atLeast: atLeast, atMost: atMost)
        case "fresh":
            guard element.attribute("within-days") != nil else {
                fail("charter.missing", "<fresh> needs the attribute within-days", element)
                return nil
            }
            guard let days = number("within-days", of: element), days > 0 else { return nil }
            return .fresh(withinDays: days)
        default:
            fail("charter.unknown-element", "unknown test <\(element.localName)>; use commitment, ground-rule, present, one-of, count or fresh", element)
            return nil
        }
    }

    func exemption(_ element: XMLElementView) -> Exemption? {
        let names = element.attributeNames
        guard names.count == 1, let name = names.first else {
            fail("charter.value", "<unless> takes exactly one of the attributes setting, audience or mode", element)
            return nil
        }
        switch name {
        case "setting": return terms(name, of: element, in: .settings).map(Exemption.setting)
        case "audience": return terms(name, of: element, in: .audiences).map(Exemption.audience)
        case "mode": return terms(name, of: element, in: .attendanceModes).map(Exemption.mode)
        default:
            fail("charter.value", "<unless> takes setting, audience or mode, not \(name)", element)
            return nil
        }
    }

    private func fail(_ code: String, _ message: String, _ element: XMLElementView) {
        reading.report(code, "rule '\(ruleID)': \(message)", at: element)
    }

    private func term(_ attribute: String, of element: XMLElementView, in vocabulary: Vocabulary) -> String? {
        guard let id = reading.attribute(attribute, of: element) else { return nil }
        guard vocabulary.contains(id) else {
            fail("vocabulary.unknown", "unknown \(vocabulary.name) '\(id)'", element)
            return nil
        }
        return id
    }

    private func terms(_ attribute: String, of element: XMLElementView, in vocabulary: Vocabulary) -> [String]? {
        guard let text = reading.attribute(attribute, of: element) else { return nil }
        let ids = reading.words(text)
        let unknown = ids.filter { !vocabulary.contains($0) }
        guard unknown.isEmpty else {
            fail("vocabulary.unknown", "unknown \(vocabulary.name) '\(unknown[0])' (known: \(vocabulary.terms.map(\.id).joined(separator: ", ")))", element)
            return nil
        }
        return ids
    }

    private func closed<Value: RawRepresentable & CaseIterable>(_ attribute: String, of element: XMLElementView, _ type: Value.Type) -> Value? where Value.RawValue == String {
        guard let text = reading.attribute(attribute, of: element) else { return nil }
        guard let value = Value(rawValue: text) else {
            let known = Value.allCases.map(\.rawValue).joined(separator: ", ")
            fail("vocabulary.unknown", "unknown \(attribute) '\(text)' for <\(element.localName)> (known: \(known))", element)
            return nil
        }
        return value
    }

    private func number(_ attribute: String, of element: XMLElementView) -> Int? {
        guard let text = element.attribute(attribute) else { return nil }
        guard let value = Int(text.trimmedWhitespace), (0...100_000).contains(value) else {
            fail("charter.value", "\(attribute) must be a whole number from 0 to 100000, not '\(text)'", element)
            return nil
        }
        return value
    }
}
