/// A closed vocabulary of the feed format: an enum whose raw values are the stable ids published in
/// `Federation/group-feed.md`, with the words people read for each value written once, beside the value.
///
/// An id outside a vocabulary cannot be represented. The reader records `vocabulary.unknown` with the element's
/// line and reads on, so a document with an unknown value is still read to the end and every problem in it is
/// reported at once; the feed is refused, because a problem of severity error refuses it.
public protocol VocabularyTerm: RawRepresentable, CaseIterable, Hashable, Sendable, Codable, Comparable
where RawValue == String, AllCases == [Self] {
    /// How the vocabulary is named in messages: "attendance mode", "setting".
    static var vocabularyName: String { get }
    /// The words for this value: a short label for pages, and a one-line definition.
    var wording: TermWording { get }
}

public struct TermWording: Sendable, Equatable {
    public let label: String
    public let definition: String

    public init(_ label: String, _ definition: String) {
        self.label = label
        self.definition = definition
    }
}

extension VocabularyTerm {
    public var id: String { rawValue }
    public var label: String { wording.label }
    public var definition: String { wording.definition }

    /// Definition order, so lists keep the order the format defines.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public static var vocabulary: Vocabulary { Vocabulary(Self.self) }
}

/// A vocabulary as data: its name and its terms in definition order, for prompts, charters and messages.
public struct Vocabulary: Sendable {
    public struct Term: Sendable, Equatable {
        public let id: String
        public let label: String
        public let definition: String
    }

    public let name: String
    public let terms: [Term]
    private let ids: Set<String>

    public init<T: VocabularyTerm>(_ type: T.Type) {
        name = T.vocabularyName
        terms = T.allCases.map { Term(id: $0.rawValue, label: $0.label, definition: $0.definition) }
        ids = Set(terms.map(\.id))
    }

    public func contains(_ id: String) -> Bool { ids.contains(id) }

    public func definition(of id: String) -> String? { terms.first { $0.id == id }?.definition }
}

extension Vocabulary {
    public static let commitments = Vocabulary(Commitment.self)
    public static let groundRules = Vocabulary(StandardGroundRule.self)
    public static let experiences = Vocabulary(Experience.self)
    public static let audiences = Vocabulary(AudienceKind.self)
    public static let membership = Vocabulary(MembershipKind.self)
    public static let accessRoutes = Vocabulary(AccessRoute.self)
    public static let feeKinds = Vocabulary(FeeKind.self)
    public static let feePeriods = Vocabulary(FeePeriod.self)
    public static let independence = Vocabulary(IndependenceKind.self)
    public static let statuses = Vocabulary(ActivityStatus.self)
    public static let settings = Vocabulary(Setting.self)
    public static let accessibility = Vocabulary(AccessibilityFeature.self)
    public static let attendanceModes = Vocabulary(AttendanceMode.self)
    public static let precisions = Vocabulary(Precision.self)
    public static let disclosures = Vocabulary(Disclosure.self)
    public static let contactKinds = Vocabulary(ContactKind.self)
    public static let noticeKinds = Vocabulary(NoticeKind.self)
    public static let facilitatorRoles = Vocabulary(FacilitatorRole.self)

    public static let all: [Vocabulary] = [
        commitments, groundRules, experiences, audiences, membership, accessRoutes, feeKinds, feePeriods, independence,
        statuses, settings, accessibility, attendanceModes, precisions, disclosures, contactKinds, noticeKinds,
        facilitatorRoles,
    ]
}
