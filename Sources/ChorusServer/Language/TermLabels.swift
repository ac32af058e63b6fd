import ChorusCharter
import ChorusFeed
import ChorusLanguage

/// A vocabulary term's words in the page's language. Each term's label and definition are catalog entries with
/// the context "VOCABULARY ID label" and "VOCABULARY ID definition", extracted from the vocabularies themselves, so a
/// new term is in the template as soon as it is defined and the catalog check fails until it is translated.
extension VocabularyTerm {
    var shownLabel: String { Localizer.current(label, context: TermContext.label(Self.vocabularyName, rawValue)) }
    var shownDefinition: String { Localizer.current(definition, context: TermContext.definition(Self.vocabularyName, rawValue)) }
}

/// The publisher's questions, as the vocabularies are: extracted from `FeedQuestion` itself, with the context
/// "question ID text" and "question ID help".
extension FeedQuestion {
    var shownText: String { Localizer.current(text, context: "question \(rawValue) text") }
    var shownHelp: String? { help.map { Localizer.current($0, context: "question \(rawValue) help") } }
}

/// What a charter rule can test, in the page's language: extracted from `RuleDescription` with the context
/// "rule test present:FIELD" and "rule test count:SUBJECT".
enum RuleTestWords {
    static func presence(_ field: PresenceField) -> String {
        Localizer.current(RuleDescription.presence(field), context: "rule test present:\(field.rawValue)")
    }

    static func count(_ subject: CountSubject) -> String {
        Localizer.current(RuleDescription.count(subject), context: "rule test count:\(subject.rawValue)")
    }
}

enum TermContext {
    static func label(_ vocabulary: String, _ id: String) -> String { "\(vocabulary) \(id) label" }
    static func definition(_ vocabulary: String, _ id: String) -> String { "\(vocabulary) \(id) definition" }
}
