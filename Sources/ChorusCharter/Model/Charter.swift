/// A network's charter: its tiers and the declarative rules a group's feed is judged by.
public struct Charter: Sendable, Equatable {
    public var network: String
    public var version: String
    public var language: String?
    public var title: String
    public var summary: String?
    public var sources: [Citation]
    public var tiers: [Tier]
    /// The lowest tier shown in the network's public directory; nil lists every group that reaches any tier.
    public var listedFrom: String?
    public var rules: [Rule]

    public init(
        network: String, version: String, language: String? = nil, title: String, summary: String? = nil,
        sources: [Citation], tiers: [Tier], listedFrom: String? = nil, rules: [Rule]
    ) {
        self.network = network
        self.version = version
        self.language = language
        self.title = title
        self.summary = summary
        self.sources = sources
        self.tiers = tiers
        self.listedFrom = listedFrom
        self.rules = rules
    }

    public func tier(_ id: String) -> Tier? { tiers.first { $0.id == id } }

    /// The smallest rank a group must reach to be listed publicly.
    public var listedRank: Int {
        listedFrom.flatMap { tier($0)?.rank } ?? (tiers.map(\.rank).min() ?? 0)
    }
}

public struct Citation: Sendable, Equatable {
    public var text: String
    public var href: String?

    public init(text: String, href: String? = nil) {
        self.text = text
        self.href = href
    }
}

public struct Tier: Sendable, Equatable {
    public var id: String
    /// Higher ranks meet further criteria; tiers of equal rank are equally valid kinds of group.
    public var rank: Int
    public var name: String
    public var description: String?
    public var includes: [String]

    public init(id: String, rank: Int, name: String, description: String? = nil, includes: [String] = []) {
        self.id = id
        self.rank = rank
        self.name = name
        self.description = description
        self.includes = includes
    }
}

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case required, recommended, advisory

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A rule's words in one language.
public struct RuleWords: Sendable, Equatable {
    public var text: String?
    public var fix: String?

    public init(text: String? = nil, fix: String? = nil) {
        self.text = text
        self.fix = fix
    }
}

public struct Rule: Sendable, Equatable {
    public var id: String
    public var severity: Severity
    /// The tiers the rule names; empty means every tier.
    public var tiers: [String]
    public var text: String
    public var source: String
    public var fix: String
    public var predicate: Predicate
    public var exemptions: [Exemption]
    public var line: Int?
    /// The rule's text and fix in other languages (`<text xml:lang="es">`), by language tag.
    public var translations: [String: RuleWords] = [:]

    public init(
        id: String, severity: Severity, tiers: [String] = [], text: String, source: String, fix: String,
        predicate: Predicate, exemptions: [Exemption] = [], line: Int? = nil
    ) {
        self.id = id
        self.severity = severity
        self.tiers = tiers
        self.text = text
        self.source = source
        self.fix = fix
        self.predicate = predicate
        self.exemptions = exemptions
        self.line = line
    }

    /// The rule's text in `language` ("es-MX" finds "es"), with the language it is in: the charter's own when the
    /// charter has no translation.
    public func text(in language: String) -> (text: String, language: String?) {
        words(in: language, \.text).map { ($0.0, $0.1) } ?? (text, nil)
    }

    public func fix(in language: String) -> (text: String, language: String?) {
        words(in: language, \.fix).map { ($0.0, $0.1) } ?? (fix, nil)
    }

    private func words(in language: String, _ part: KeyPath<RuleWords, String?>) -> (String, String)? {
        var subtags = language.split(separator: "-").map(String.init)
        while !subtags.isEmpty {
            let tag = subtags.joined(separator: "-")
            if let match = translations.first(where: { $0.key.caseInsensitiveCompare(tag) == .orderedSame }), let words = match.value[keyPath: part] {
                return (words, match.key)
            }
            subtags.removeLast()
        }
        return nil
    }
}
