import ChorusCharter
import ChorusFeed
import ChorusLanguage

/// What the charter form shows: a draft's rows with their choices, each option and box marked as the draft has it.
struct CharterEditorView {
    typealias Option = FormOption

    struct OptionGroup {
        let label: String
        let options: [Option]
    }

    struct Box {
        let name: String
        let label: String
        let checked: Bool
    }

    struct SourceRow {
        let index: Int
        let number: Int
        let text: String
        let href: String
    }

    struct TierRow {
        let index: Int
        let number: Int
        let id: String
        let rank: String
        let name: String
        let description: String
        let includes: String
    }

    struct RuleRow {
        let index: Int
        let number: Int
        let id: String
        let severities: [Option]
        let tierBoxes: [Box]
        let hasTierBoxes: Bool
        let text: String
        let source: String
        let fix: String
        let tests: [OptionGroup]
        let values: String
        let matches: [Option]
        let atLeast: String
        let atMost: String
        let days: String
        /// The test takes values, numbers or days, or some were given.
        let needsDetails: Bool
        let settingBoxes: [Box]
        let audienceBoxes: [Box]
        let modeBoxes: [Box]
        let hasExemptions: Bool
        /// The order the charter gave its lists, carried beside the boxes so writing it back keeps it.
        let orders: [Order]
    }

    struct Order {
        let name: String
        let ids: String
    }

    struct ValueList {
        let field: String
        let ids: String
    }

    let frame: ConsoleFrame
    let problems: [String]
    let hasProblems: Bool
    let version: String
    let language: String
    let title: String
    let summary: String
    let listedFrom: [Option]
    let sources: [SourceRow]
    let tiers: [TierRow]
    let rules: [RuleRow]
    let valueLists: [ValueList]

    /// The draft with one blank row more at the end of each list, for the next source, tier and rule.
    init(frame: ConsoleFrame, draft: CharterDraft, problems: [String] = []) {
        self.frame = frame
        self.problems = problems
        hasProblems = !problems.isEmpty
        version = draft.version
        language = draft.language
        title = draft.title
        summary = draft.summary
        let tierIDs = draft.tiers.map(\.id).filter { !$0.isEmpty }
        listedFrom = [Option(value: "", label: tr("Every tier"), selected: draft.listedFrom.isEmpty)]
            + tierIDs.map { Option(value: $0, label: $0, selected: $0 == draft.listedFrom) }
        sources = (draft.sources + [.init()]).enumerated().map { index, source in
            SourceRow(index: index, number: index + 1, text: source.text, href: source.href)
        }
        tiers = (draft.tiers + [.init()]).enumerated().map { index, tier in
            TierRow(index: index, number: index + 1, id: tier.id, rank: tier.rank, name: tier.name, description: tier.description, includes: tier.includes)
        }
        rules = (draft.rules + [.init()]).enumerated().map { index, rule in
            Self.row(rule, index: index, tierIDs: tierIDs)
        }
        valueLists = ValueField.allCases.map { ValueList(field: $0.rawValue, ids: $0.vocabulary.terms.map(\.id).joined(separator: ", ")) }
    }

    private static func row(_ rule: CharterDraft.RuleDraft, index: Int, tierIDs: [String]) -> RuleRow {
        let p = "rule.\(index)"
        func boxes(_ prefix: String, _ vocabulary: Vocabulary, _ ticked: [String]) -> [Box] {
            vocabulary.terms.map { Box(name: "\(p).\(prefix).\($0.id)", label: shownLabel($0, of: vocabulary), checked: ticked.contains($0.id)) }
        }
        let tierBoxes = tierIDs.map { Box(name: "\(p).tier.\($0)", label: $0, checked: rule.tiers.contains($0)) }
        return RuleRow(
            index: index, number: index + 1, id: rule.id,
            severities: Severity.allCases.map { Option(value: $0.rawValue, label: VerdictWords.severity($0.rawValue), selected: $0.rawValue == rule.severity) },
            tierBoxes: tierBoxes, hasTierBoxes: !tierBoxes.isEmpty,
            text: rule.text, source: rule.source, fix: rule.fix, tests: tests(selected: rule.test),
            values: rule.values,
            matches: [Option(value: "all", label: tr("every value the group declares must be in the list"), selected: rule.match != "any"),
                      Option(value: "any", label: tr("at least one value the group declares must be in the list"), selected: rule.match == "any")],
            atLeast: rule.atLeast, atMost: rule.atMost, days: rule.days,
            needsDetails: ["one-of:", "count:", "fresh"].contains { rule.test.hasPrefix($0) }
                || !(rule.values + rule.atLeast + rule.atMost + rule.days).isEmpty,
            settingBoxes: boxes("unless-setting", .settings, rule.unlessSetting),
            audienceBoxes: boxes("unless-audience", .audiences, rule.unlessAudience),
            modeBoxes: boxes("unless-mode", .attendanceModes, rule.unlessMode),
            hasExemptions: !(rule.unlessSetting.isEmpty && rule.unlessAudience.isEmpty && rule.unlessMode.isEmpty),
            orders: [("tier", rule.tiers), ("unless-setting", rule.unlessSetting), ("unless-audience", rule.unlessAudience), ("unless-mode", rule.unlessMode)]
                .filter { !$0.1.isEmpty }.map { Order(name: "\(p).\($0.0)-order", ids: $0.1.joined(separator: " ")) })
    }

    /// Every test the charter format has, as one select: choosing a commitment, a ground rule or a field to be
    /// present is the whole test; a value list, a count or freshness also takes the fields below it.
    private static func tests(selected: String) -> [OptionGroup] {
        func option(_ value: String, _ label: String) -> Option { Option(value: value, label: label, selected: value == selected) }
        return [
            OptionGroup(label: tr("Choose"), options: [option("", tr("— choose what this rule tests —"))]),
            OptionGroup(label: tr("The group commits to"),
                        options: Vocabulary.commitments.terms.map { option("commitment:\($0.id)", shownLabel($0, of: .commitments)) }),
            OptionGroup(label: tr("The group has the ground rule"),
                        options: Vocabulary.groundRules.terms.map { option("ground-rule:\($0.id)", shownLabel($0, of: .groundRules)) }),
            OptionGroup(label: tr("The feed gives"), options: PresenceField.allCases.map { option("present:\($0.rawValue)", RuleTestWords.presence($0)) }),
            OptionGroup(label: tr("Only these values (list them below)"),
                        options: ValueField.allCases.map { option("one-of:\($0.rawValue)", tr("{field} is one of the values listed", ["field": $0.rawValue])) }),
            OptionGroup(label: tr("A number (give at least or at most below)"), options: CountSubject.allCases.map { option("count:\($0.rawValue)", Console.sentence(RuleTestWords.count($0)).dropLast().description) }),
            OptionGroup(label: tr("Up to date"), options: [option("fresh", tr("the feed was updated within the days given below"))]),
        ]
    }

    /// A vocabulary term's label in the page's language, as `VocabularyTerm.shownLabel` gives it.
    private static func shownLabel(_ term: Vocabulary.Term, of vocabulary: Vocabulary) -> String {
        Localizer.current(term.label, context: TermContext.label(vocabulary.name, term.id))
    }
}
