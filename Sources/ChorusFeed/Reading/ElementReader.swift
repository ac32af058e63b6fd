import Foundation

/// Reads typed values out of elements, recording a problem (with its line) for each bad one.
final class ElementReader {
    let limits: FeedLimits
    private(set) var problems: [FeedProblem] = []

    init(limits: FeedLimits) { self.limits = limits }

    func error(_ code: String, _ message: String, at element: XMLElementView?) {
        problems.append(FeedProblem(.error, code: code, message, line: element?.line))
    }

    func warning(_ code: String, _ message: String, at element: XMLElementView?) {
        problems.append(FeedProblem(.warning, code: code, message, line: element?.line))
    }

    /// Plain text of an element: no child elements, trimmed, length-limited.
    func text(of element: XMLElementView) -> String? {
        if element.hasElementChildren {
            error("text.markup", "<\(element.localName)> must hold plain text, not markup", at: element)
            return nil
        }
        return checkedText(element.text, what: "<\(element.localName)>", at: element)
    }

    func checkedText(_ raw: String, what: String, at element: XMLElementView) -> String? {
        let value = raw.trimmedWhitespace
        if value.isEmpty {
            error("text.empty", "\(what) is empty", at: element)
            return nil
        }
        let length = value.unicodeScalars.count
        if length > limits.maximumTextLength {
            error("text.too-long", "\(what) has \(length) characters; the limit is \(limits.maximumTextLength)", at: element)
            return nil
        }
        return value
    }

    func missingAttribute(_ name: String, of element: XMLElementView) {
        error("feed.missing", "<\(element.localName)> needs the attribute \(name)", at: element)
    }

    func requiredAttribute(_ name: String, of element: XMLElementView) -> String? {
        guard let value = element.attribute(name) else {
            missingAttribute(name, of: element)
            return nil
        }
        return checkedText(value, what: "\(name) of <\(element.localName)>", at: element)
    }

    func optionalAttribute(_ name: String, of element: XMLElementView) -> String? {
        element.attribute(name).flatMap { checkedText($0, what: "\(name) of <\(element.localName)>", at: element) }
    }

    func term<Term: VocabularyTerm>(_ attribute: String, of element: XMLElementView, as type: Term.Type = Term.self) -> Term? {
        guard let id = requiredAttribute(attribute, of: element) else { return nil }
        return checkedTerm(id, as: type, at: element)
    }

    func optionalTerm<Term: VocabularyTerm>(_ attribute: String, of element: XMLElementView, as type: Term.Type = Term.self) -> Term? {
        guard let id = element.attribute(attribute) else { return nil }
        return checkedTerm(id, as: type, at: element)
    }

    /// The value for a known id; for any other id, a `vocabulary.unknown` error at the element's line, and nil.
    func checkedTerm<Term: VocabularyTerm>(_ id: String, as type: Term.Type = Term.self, at element: XMLElementView) -> Term? {
        guard let term = Term(rawValue: id) else {
            let known = Term.allCases.prefix(8).map(\.rawValue).joined(separator: ", ")
            let more = Term.allCases.count > 8 ? ", …" : ""
            error("vocabulary.unknown", "unknown \(Term.vocabularyName) '\(id)' (known: \(known)\(more))", at: element)
            return nil
        }
        return term
    }

    func count(_ attribute: String, of element: XMLElementView, required: Bool = false, range: ClosedRange<Int> = 0...10_000) -> Int? {
        guard let text = element.attribute(attribute) else {
            if required { missingAttribute(attribute, of: element) }
            return nil
        }
        guard let value = Int(text.trimmedWhitespace), range.contains(value) else {
            error("value.invalid", "\(attribute) of <\(element.localName)> must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'", at: element)
            return nil
        }
        return value
    }

    func flag(_ attribute: String, of element: XMLElementView) -> Bool? {
        guard let text = element.attribute(attribute) else {
            missingAttribute(attribute, of: element)
            return nil
        }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default:
            error("value.invalid", "\(attribute) of <\(element.localName)> must be true or false, not '\(text)'", at: element)
            return nil
        }
    }

    func date(_ attribute: String, of element: XMLElementView, required: Bool) -> LocalDate? {
        guard let text = element.attribute(attribute) else {
            if required { missingAttribute(attribute, of: element) }
            return nil
        }
        guard let date = LocalDate(iso: text) else {
            error("value.date", "\(attribute) of <\(element.localName)> must be a date as YYYY-MM-DD, not '\(text)'", at: element)
            return nil
        }
        return date
    }

    func timestamp(of element: XMLElementView) -> Date? {
        let text = element.text.trimmedWhitespace
        guard let date = Timestamp.parse(text) else {
            error("value.date", "<\(element.localName)> must be an RFC 3339 date-time such as 2026-11-01T10:00:00Z, not '\(text)'", at: element)
            return nil
        }
        return date
    }

    func timeZone(_ text: String, at element: XMLElementView) -> String? {
        guard TimeZone.isKnownIANA(text) else {
            error("schedule.timezone-unknown", "unknown time zone '\(text)'; use an IANA name such as Europe/London", at: element)
            return nil
        }
        return text
    }

    /// Keeps at most the list limit of repeated elements, recording a problem for the rest.
    func limited(_ elements: [XMLElementView], _ what: String, limit: Int? = nil) -> [XMLElementView] {
        let limit = limit ?? limits.maximumListLength
        guard elements.count > limit else { return elements }
        error("limit.exceeded", "the feed has \(elements.count) \(what); the limit is \(limit)", at: elements[limit])
        return Array(elements.prefix(limit))
    }
}

extension TimeZone {
    /// True for a zone name from the IANA database, such as `Europe/London` or `UTC`.
    public static func isKnownIANA(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 64, !name.hasPrefix("GMT+"), !name.hasPrefix("GMT-") else { return false }
        return knownIdentifiers.contains(name)
    }

    private static let knownIdentifiers: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers).union(["UTC", "Etc/UTC"])
}
