import ChorusCharter
import ChorusFeed
import ChorusLanguage
import Foundation

/// A charter as the console's form holds it: every field as typed, so a form with mistakes comes back as it was sent.
/// It is read from a charter in force or from the form's fields, and becomes a charter document through
/// `CharterWriter`, with `CharterReader` the one judge of whether that document is valid.
struct CharterDraft: Equatable {
    struct Source: Equatable {
        var text = "", href = ""
        var isBlank: Bool { text.isEmpty && href.isEmpty }
    }

    struct TierDraft: Equatable {
        var id = "", rank = "", name = "", description = "", includes = ""
        var isBlank: Bool { id.isEmpty && rank.isEmpty && name.isEmpty && description.isEmpty && includes.isEmpty }
    }

    struct RuleDraft: Equatable {
        var id = "", severity = Severity.required.rawValue, tiers: [String] = []
        var text = "", source = "", fix = ""
        /// The test as the form's one select gives it: `commitment:ID`, `ground-rule:ID`, `present:FIELD`,
        /// `one-of:FIELD`, `count:SUBJECT` or `fresh`.
        var test = ""
        var values = "", match = ChorusCharter.Predicate.Match.all.rawValue, atLeast = "", atMost = "", days = ""
        var unlessSetting: [String] = [], unlessAudience: [String] = [], unlessMode: [String] = []
        var isBlank: Bool { id.isEmpty && text.isEmpty && source.isEmpty && fix.isEmpty && test.isEmpty }
    }

    var version = "", language = "", title = "", summary = "", listedFrom = ""
    var sources: [Source] = []
    var tiers: [TierDraft] = []
    var rules: [RuleDraft] = []
    /// The lists that arrived with more rows than a charter may have; their rows past the limit were not read.
    var overflowing: [String] = []

    static let maximumRows = 500

    init() {}

    init(_ charter: Charter) {
        version = charter.version
        language = charter.language ?? ""
        title = charter.title
        summary = charter.summary ?? ""
        listedFrom = charter.listedFrom ?? ""
        sources = charter.sources.map { Source(text: $0.text, href: $0.href ?? "") }
        tiers = charter.tiers.map {
            TierDraft(id: $0.id, rank: String($0.rank), name: $0.name, description: $0.description ?? "", includes: $0.includes.joined(separator: " "))
        }
        rules = charter.rules.map(Self.draft)
    }

    /// A first charter for a network that has none: one tier and room for the first rule.
    static func starter(networkName: String) -> CharterDraft {
        var draft = CharterDraft()
        draft.version = "1"
        draft.language = "en"
        draft.title = "\(networkName): charter"
        draft.tiers = [TierDraft(id: "listed", rank: "1", name: "Listed group")]
        draft.listedFrom = "listed"
        return draft
    }

    private static func draft(_ rule: Rule) -> RuleDraft {
        var draft = RuleDraft(id: rule.id, severity: rule.severity.rawValue, tiers: rule.tiers, text: rule.text, source: rule.source, fix: rule.fix)
        switch rule.predicate {
        case .commitment(let id): draft.test = "commitment:\(id)"
        case .groundRule(let id): draft.test = "ground-rule:\(id)"
        case .present(let field): draft.test = "present:\(field.rawValue)"
        case .oneOf(let field, let values, let match):
            draft.test = "one-of:\(field.rawValue)"
            draft.values = values.joined(separator: " ")
            draft.match = match.rawValue
        case .count(let subject, let atLeast, let atMost):
            draft.test = "count:\(subject.rawValue)"
            draft.atLeast = atLeast.map { String($0) } ?? ""
            draft.atMost = atMost.map { String($0) } ?? ""
        case .fresh(let days):
            draft.test = "fresh"
            draft.days = String(days)
        }
        for exemption in rule.exemptions {
            switch exemption {
            case .setting(let ids): draft.unlessSetting += ids
            case .audience(let ids): draft.unlessAudience += ids
            case .mode(let ids): draft.unlessMode += ids
            }
        }
        return draft
    }

    // MARK: - From the form

    init(_ fields: FormFields) {
        func value(_ name: String) -> String { fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        /// The ids whose boxes are ticked, in the order the form was given them (so a charter read into the form
        /// and written back unchanged keeps its bytes), then any newly ticked in the order offered.
        func ticked(_ prefix: String, _ offered: [String]) -> [String] {
            let ticked = offered.filter { fields.confirmed("\(prefix).\($0)") }
            let given = value("\(prefix)-order").split(separator: " ").map(String.init).filter(ticked.contains)
            return given + ticked.filter { !given.contains($0) }
        }
        version = value("version")
        language = value("language")
        title = value("title")
        summary = value("summary")
        listedFrom = value("listedFrom")
        for index in bounded(Self.rows("source", in: fields), "sources") where !fields.confirmed("source.\(index).remove") {
            sources.append(Source(text: value("source.\(index).text"), href: value("source.\(index).href")))
        }
        for index in bounded(Self.rows("tier", in: fields), "tiers") where !fields.confirmed("tier.\(index).remove") {
            let p = "tier.\(index)"
            tiers.append(TierDraft(id: value("\(p).id"), rank: value("\(p).rank"), name: value("\(p).name"),
                                   description: value("\(p).description"), includes: value("\(p).includes")))
        }
        for index in bounded(Self.rows("rule", in: fields), "rules") where !fields.confirmed("rule.\(index).remove") {
            let p = "rule.\(index)"
            rules.append(RuleDraft(
                id: value("\(p).id"), severity: value("\(p).severity"), tiers: ticked("\(p).tier", tiers.map(\.id)),
                text: value("\(p).text"), source: value("\(p).source"), fix: value("\(p).fix"), test: value("\(p).test"),
                values: value("\(p).values"), match: value("\(p).match"), atLeast: value("\(p).atLeast"), atMost: value("\(p).atMost"),
                days: value("\(p).days"), unlessSetting: ticked("\(p).unless-setting", Vocabulary.settings.terms.map(\.id)),
                unlessAudience: ticked("\(p).unless-audience", Vocabulary.audiences.terms.map(\.id)),
                unlessMode: ticked("\(p).unless-mode", Vocabulary.attendanceModes.terms.map(\.id))))
        }
    }

    /// The row numbers a list of the form uses, in order: `rule.3.id` is row 3 of the rules.
    private static func rows(_ list: String, in fields: FormFields) -> [Int] {
        let numbers = Set(fields.values.keys.compactMap { key -> Int? in
            let parts = key.split(separator: ".", maxSplits: 2)
            guard parts.count == 3, parts[0] == list, let number = Int(parts[1]), number >= 0 else { return nil }
            return number
        })
        return numbers.sorted()
    }

    /// The first rows of a list, noting a list that has more than a charter may hold.
    private mutating func bounded(_ rows: [Int], _ list: String) -> ArraySlice<Int> {
        if rows.count > Self.maximumRows { overflowing.append(list) }
        return rows.prefix(Self.maximumRows)
    }

    /// The draft without the empty rows the form offered for more.
    var withoutBlankRows: CharterDraft {
        var draft = self
        draft.sources.removeAll(where: \.isBlank)
        draft.tiers.removeAll(where: \.isBlank)
        draft.rules.removeAll(where: \.isBlank)
        return draft
    }

    // MARK: - To a charter

    /// The charter document the draft describes, or every reason it cannot be one, each a sentence for the form.
    func document(network: String) -> Result<Data, Problems> {
        let limit = ["limit": Localizer.current.number(Self.maximumRows)]
        var problems = overflowing.map { list -> String in
            switch list {
            case "sources": tr("The form has more than {limit} sources; a charter can hold at most {limit}.", limit)
            case "tiers": tr("The form has more than {limit} tiers; a charter can hold at most {limit}.", limit)
            default: tr("The form has more than {limit} rules; a charter can hold at most {limit}.", limit)
            }
        }
        var charterTiers: [Tier] = []
        for (number, tier) in tiers.enumerated() where !tier.isBlank {
            guard let rank = Int(tier.rank) else {
                problems.append(tr("{row}: the rank must be a whole number from 1 to 100.", ["row": Self.row(tr("Tier {number}", ["number": Localizer.current.number(number + 1)]), tier.id)]))
                continue
            }
            charterTiers.append(Tier(id: tier.id, rank: rank, name: tier.name, description: Self.optional(tier.description),
                                     includes: tier.includes.split(whereSeparator: \.isWhitespace).map(String.init)))
        }
        var charterRules: [Rule] = []
        for (number, rule) in rules.enumerated() where !rule.isBlank {
            let row = Self.row(tr("Rule {number}", ["number": Localizer.current.number(number + 1)]), rule.id)
            guard let severity = Severity(rawValue: rule.severity) else {
                problems.append(tr("{row}: choose whether it is required, recommended or advisory.", ["row": row]))
                continue
            }
            switch Self.predicate(rule) {
            case .failure(let problem): problems.append(tr("{row}: {problem}", ["row": row, "problem": problem.sentence]))
            case .success(let predicate):
                var exemptions: [Exemption] = []
                if !rule.unlessSetting.isEmpty { exemptions.append(.setting(rule.unlessSetting)) }
                if !rule.unlessAudience.isEmpty { exemptions.append(.audience(rule.unlessAudience)) }
                if !rule.unlessMode.isEmpty { exemptions.append(.mode(rule.unlessMode)) }
                charterRules.append(Rule(id: rule.id, severity: severity, tiers: rule.tiers, text: rule.text, source: rule.source,
                                         fix: rule.fix, predicate: predicate, exemptions: exemptions))
            }
        }
        let charter = Charter(
            network: network, version: version, language: Self.optional(language), title: title, summary: Self.optional(summary),
            sources: sources.filter { !$0.isBlank }.map { Citation(text: $0.text, href: Self.optional($0.href)) },
            tiers: charterTiers, listedFrom: Self.optional(listedFrom), rules: charterRules)
        let bytes = CharterWriter.data(charter)
        problems += CharterReader.check(bytes).problems.map { Console.sentence($0.message) }
        return problems.isEmpty ? .success(bytes) : .failure(Problems(sentences: problems))
    }

    struct Problems: Error { let sentences: [String] }

    private static func predicate(_ rule: RuleDraft) -> Result<ChorusCharter.Predicate, TestProblem> {
        let parts = rule.test.split(separator: ":", maxSplits: 1).map(String.init)
        let kind = parts.first ?? ""
        let argument = parts.count > 1 ? parts[1] : ""
        /// `problem` says, for what was typed, that it is not a whole number.
        func number(_ text: String, _ problem: (String) -> String) -> Result<Int?, TestProblem> {
            if text.isEmpty { return .success(nil) }
            guard let value = Int(text) else { return .failure(TestProblem(problem(text))) }
            return .success(value)
        }
        switch kind {
        case "commitment" where !argument.isEmpty: return .success(.commitment(argument))
        case "ground-rule" where !argument.isEmpty: return .success(.groundRule(argument))
        case "present":
            guard let field = PresenceField(rawValue: argument) else { break }
            return .success(.present(field))
        case "one-of":
            guard let field = ValueField(rawValue: argument) else { break }
            let values = rule.values.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init)
            guard !values.isEmpty else { return .failure(TestProblem(tr("list the values it accepts for {field}.", ["field": field.rawValue]))) }
            return .success(.oneOf(field, values: values, match: ChorusCharter.Predicate.Match(rawValue: rule.match) ?? .all))
        case "count":
            guard let subject = CountSubject(rawValue: argument) else { break }
            return number(rule.atLeast, { tr("at least must be a whole number, not '{text}'.", ["text": $0]) }).flatMap { atLeast in
                number(rule.atMost, { tr("at most must be a whole number, not '{text}'.", ["text": $0]) }).flatMap { atMost in
                    atLeast == nil && atMost == nil
                        ? .failure(TestProblem(tr("give at least, at most or both for the count.")))
                        : .success(.count(subject, atLeast: atLeast, atMost: atMost))
                }
            }
        case "fresh":
            return number(rule.days, { tr("the number of days must be a whole number, not '{text}'.", ["text": $0]) }).flatMap { days in
                days.map { .success(.fresh(withinDays: $0)) } ?? .failure(TestProblem(tr("give the number of days within which the feed must be updated.")))
            }
        default: break
        }
        return .failure(TestProblem(rule.test.isEmpty ? tr("choose what the rule tests.") : tr("'{test}' is not a test this form knows.", ["test": rule.test])))
    }

    struct TestProblem: Error {
        let sentence: String
        init(_ sentence: String) { self.sentence = sentence }
    }

    /// "Tier 2" or "Rule 1", with the row's id when it has one: "Rule 1 (self-help-ethos)".
    private static func row(_ numbered: String, _ id: String) -> String {
        id.isEmpty ? numbered : tr("{row} ({id})", ["row": numbered, "id": id])
    }
    private static func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
}

extension CharterDraft.TestProblem: CustomStringConvertible { var description: String { sentence } }
