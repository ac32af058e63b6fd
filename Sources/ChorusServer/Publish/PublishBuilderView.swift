import ChorusFeed
import ChorusLanguage
import Foundation

/// What the feed builder's form shows: every choice comes from the format's vocabularies (`VocabularyTerm`), so a
/// new term appears here as it does in `chorus feed new`.
struct PublishBuilderView {
    typealias Option = FormOption

    struct Choice {
        let id: String
        let label: String
        let definition: String
        let checked: Bool
    }

    struct Question {
        let text: String
        let help: String?
    }

    /// Every `FeedQuestion` by its name, for `{{questions.name.text}}`.
    let questions: [String: Question] = Dictionary(uniqueKeysWithValues: FeedQuestion.allCases.map { ($0.rawValue, Question(text: $0.shownText, help: $0.shownHelp)) })
    let update: Bool
    let networks: [Option]
    let hasNetworks: Bool
    let experiences: [Choice]
    let audiences: [Choice]
    let memberships: [Choice]
    let access: [Choice]
    let fees: [Choice]
    let feePeriods: [Choice]
    let independence: [Choice]
    let commitments: [Choice]
    let groundRules: [Choice]
    let settings: [Choice]
    let precisions: [Choice]
    let disclosures: [Choice]
    let accessibility: [Choice]
    let modes: [Choice]
    let contactKinds: [Choice]
    let statuses: [Choice]
    let noticeKinds: [Choice]
    let languages: [Option]
    let countries: [Option]
    let timeZones: [Option]

    init(update: Bool, networks: [Option]) {
        self.update = update
        self.networks = networks
        hasNetworks = !networks.isEmpty
        experiences = Self.choices(Experience.self, checked: [.voices, .visions, .unusualExperiences])
        audiences = Self.choices(AudienceKind.self, checked: [.livedExperience])
        memberships = Self.choices(MembershipKind.self, checked: [.open])
        access = Self.choices(AccessRoute.self, checked: [.dropIn])
        fees = Self.choices(FeeKind.self, checked: [.free])
        feePeriods = Self.choices(FeePeriod.self, checked: [.meeting])
        independence = Self.choices(IndependenceKind.self, checked: [.independent])
        commitments = Self.choices(Commitment.self, checked: [])
        groundRules = Self.choices(StandardGroundRule.self, checked: [])
        settings = Self.choices(Setting.self, checked: [.community])
        precisions = Self.choices(Precision.self, checked: [.exact])
        disclosures = Self.choices(Disclosure.self, checked: [.public])
        accessibility = Self.choices(AccessibilityFeature.self, checked: [])
        modes = Self.choices(AttendanceMode.self, checked: [.inPerson])
        contactKinds = Self.choices(ContactKind.self, checked: [.email])
        statuses = Self.choices(ActivityStatus.self, checked: [.active])
        noticeKinds = Self.choices(NoticeKind.self, checked: [.cancellation])
        languages = Self.languageTags.map { Option(value: $0, label: Labels.language($0), selected: $0 == "en") }
            .sorted { $0.label < $1.label }
        countries = Locale.Region.isoRegions.filter { $0.identifier.count == 2 && $0.identifier.allSatisfy(\.isLetter) }
            .map { Option(value: $0.identifier, label: Labels.country($0.identifier), selected: $0.identifier == "GB") }
            .sorted { $0.label < $1.label }
        timeZones = TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") && !$0.hasPrefix("Etc/") }.sorted()
            .map { Option(value: $0, label: $0.replacingOccurrences(of: "_", with: " "), selected: $0 == "Europe/London") }
    }

    static let languageTags = ["en", "es", "fr", "de", "it", "pt", "nl", "da", "sv", "nb", "fi", "pl", "cs", "el", "tr", "ar", "he",
                               "fa", "hi", "bn", "ur", "ja", "ko", "zh", "yue", "sw", "luo", "cy", "ga", "gd", "mi"]

    static func choices<T: VocabularyTerm>(_ type: T.Type, checked: Set<T>) -> [Choice] {
        T.allCases.map { Choice(id: $0.rawValue, label: $0.shownLabel, definition: $0.shownDefinition, checked: checked.contains($0)) }
    }
}
